// Contract rows #4 to #11 over real HTTP: the sweet object, its rules and messages, listing, pages, edits,
// deletion, purchase and restock, permission before validation, and the stock ledger check.
#include <gtest/gtest.h>

#include "shop_fixture.hpp"

using namespace sweetshop::testing;
using Json = nlohmann::ordered_json;

class SweetsApi : public ShopFixture {};

namespace {
const char* kFudge = R"({"name":"Caramel Fudge","category":"Chocolate","description":"Classic caramel",)"
                     R"("price":"3.50","quantity":10})";
}

// ---- #7 create ----

TEST_F(SweetsApi, Create_AnswersTheSweetWithItsFieldsInTheContractsOrder) {
    auto r = server.post("/api/sweets/", kFudge, admin);
    ASSERT_EQ(r.status, 201);
    EXPECT_EQ(stamped(r.body),
              R"({"id":1,"name":"Caramel Fudge","category":"Chocolate",)"
              R"("description":"Classic caramel","price":"3.50","quantity":10,"is_available":true,)"
              R"("created_by":"boss","created_at":"T","updated_at":"T",)"
              // staff answers: the stock-control fields after the contract's ten
              R"("reorder_level":0,"reorder_quantity":0,"cost":null,"active":true)"
              R"(,"sku":null,"barcode":null,"image":null,"thumbnail":null,"best_before":null,"unit":"piece"})");
    EXPECT_EQ(r.json()["created_at"], r.json()["updated_at"]);
}

TEST_F(SweetsApi, Create_PriceMayBeANumberOrANumericStringAndIsAlwaysTwoDecimals) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"3.5", "3.50"},       {"\"3.50\"", "3.50"}, {"\"3\"", "3.00"}, {"0", "0.00"}, {"999999.99", "999999.99"},
        {"\" 7.1 \"", "7.10"}, {"1e2", "100.00"},    {"12.30", "12.30"}};
    int n = 0;
    for (const auto& [sent, shown] : cases) {
        auto r = server.post(
            "/api/sweets/", R"({"name":"S)" + std::to_string(++n) + R"(","category":"C","price":)" + sent + "}", admin);
        ASSERT_EQ(r.status, 201) << sent << " " << r.body;
        EXPECT_EQ(r.json()["price"], shown) << sent;
        EXPECT_EQ(r.json()["quantity"], 0);
        EXPECT_EQ(r.json()["is_available"], false);
        EXPECT_EQ(r.json()["description"], "");
    }
}

TEST_F(SweetsApi, Create_PriceRulesInTheContractsOrder) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"\"abc\"", "A valid number is required."},
        {"\"NaN\"", "A valid number is required."},
        {"\"Infinity\"", "A valid number is required."},
        {"true", "A valid number is required."},
        {"\"\"", "A valid number is required."},
        {"[]", "A valid number is required."},
        {"123456789", "Ensure that there are no more than 8 digits in total."},
        {"1.23456789", "Ensure that there are no more than 8 digits in total."},
        {"3.555", "Ensure that there are no more than 2 decimal places."},
        {"\"3.555\"", "Ensure that there are no more than 2 decimal places."},
        {"1234567.5", "Ensure that there are no more than 6 digits before the decimal point."},
        {"3.50000000000000001", "Ensure that there are no more than 8 digits in total."},
        {"-1", "Ensure this value is greater than or equal to 0."},
        {"\"-0.01\"", "Ensure this value is greater than or equal to 0."},
        {"null", "This field may not be null."},
    };
    for (const auto& [sent, message] : cases) {
        auto r = server.post("/api/sweets/", R"({"name":"X","category":"C","price":)" + sent + "}", admin);
        EXPECT_EQ(r.status, 400) << sent;
        EXPECT_EQ(r.body, R"({"price":[")" + message + R"("]})") << sent;
    }
}

TEST_F(SweetsApi, Create_ReportsEveryInvalidFieldAtOnceInDeclarationOrder) {
    auto r = server.post("/api/sweets/", "{}", admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"name":["This field is required."],"category":["This field is required."],)"
                      R"("price":["This field is required."]})");

    r = server.post(
        "/api/sweets/",
        R"({"quantity":-1,"price":"x","description":null,"category":"   ","name":")" + std::string(151, 'n') + R"("})",
        admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"name":["Ensure this field has no more than 150 characters."],)"
                      R"("category":["This field may not be blank."],"description":["This field may not be null."],)"
                      R"("price":["A valid number is required."],)"
                      R"("quantity":["Ensure this value is greater than or equal to 0."]})");
    r = server.post("/api/sweets/", body({{"name", "N"}, {"category", std::string(121, 'c')}, {"price", "1"}}), admin);
    EXPECT_EQ(r.body, R"({"category":["Ensure this field has no more than 120 characters."]})");
    EXPECT_EQ(server.get("/api/sweets/", user).json()["count"], 0);  // nothing was created
}

TEST_F(SweetsApi, Create_QuantityFollowsTheIntegerRules) {
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"2.5", "A valid integer is required."},
        {"true", "A valid integer is required."},
        {"\"abc\"", "A valid integer is required."},
        {"\"2.5\"", "A valid integer is required."},
        {"2147483648", "Ensure this value is less than or equal to 2147483647."},
        {"-5", "Ensure this value is greater than or equal to 0."},
    };
    for (const auto& [sent, message] : bad) {
        auto r =
            server.post("/api/sweets/", R"({"name":"X","category":"C","price":"1","quantity":)" + sent + "}", admin);
        EXPECT_EQ(r.body, R"({"quantity":[")" + message + R"("]})") << sent;
    }
    int n = 0;
    for (const std::string ok : {"2", "2.0", "\"2\"", "\"2.0\""}) {
        auto r = server.post(
            "/api/sweets/",
            R"({"name":"Q)" + std::to_string(++n) + R"(","category":"C","price":"1","quantity":)" + ok + "}", admin);
        ASSERT_EQ(r.status, 201) << ok;
        EXPECT_EQ(r.json()["quantity"], 2) << ok;
    }
}

TEST_F(SweetsApi, Create_NamesAreUniqueCaseSensitivelyAndTrimmed) {
    ASSERT_EQ(server.post("/api/sweets/", kFudge, admin).status, 201);
    auto r =
        server.post("/api/sweets/", body({{"name", "  Caramel Fudge "}, {"category", "C"}, {"price", "x"}}), admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"name":["sweet with this name already exists."],"price":["A valid number is required."]})");
    r = server.post("/api/sweets/", body({{"name", " caramel fudge "}, {"category", " Toffee "}, {"price", "1"}}),
                    admin);
    EXPECT_EQ(r.status, 201);
    EXPECT_EQ(r.json()["name"], "caramel fudge");
    EXPECT_EQ(r.json()["category"], "Toffee");
}

TEST_F(SweetsApi, Create_KeepsNonAsciiNamesExactly) {
    auto r = server.post("/api/sweets/",
                         body({{"name", "Crème Brûlée 焦糖"}, {"category", "Pâtisserie"}, {"price", 4.2}}), admin);
    ASSERT_EQ(r.status, 201);
    const auto id = r.json()["id"].get<int>();
    r = server.get("/api/sweets/" + std::to_string(id) + "/", user);
    EXPECT_EQ(r.json()["name"], "Crème Brûlée 焦糖");
    EXPECT_EQ(r.json()["category"], "Pâtisserie");
    EXPECT_EQ(r.json()["price"], "4.20");
    EXPECT_NE(r.body.find("Crème Brûlée 焦糖"), std::string::npos);  // UTF-8 as is, not \u escapes
}

TEST_F(SweetsApi, Create_PermissionComesBeforeValidation) {
    for (const std::string& sent : {std::string(kFudge), std::string("{}"), std::string(R"({"price":"x"})")}) {
        auto r = server.post("/api/sweets/", sent, user);
        EXPECT_EQ(r.status, 403);
        EXPECT_EQ(r.body, R"({"detail":"Only admins can add sweets."})");
    }
    auto r = server.post("/api/sweets/", kFudge);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, R"({"detail":"Authentication credentials were not provided."})");
}

// ---- #6 detail ----

TEST_F(SweetsApi, Detail_AnswersTheSweetOr404) {
    const auto id = add_sweet("Toffee", "1.25", 3);
    auto r = server.get("/api/sweets/" + std::to_string(id) + "/", user);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(
        stamped(r.body),
        R"({"id":1,"name":"Toffee","category":"Chocolate","description":"","price":"1.25",)"
        R"("quantity":3,"is_available":true,"created_by":"boss","created_at":"T",)"
        R"("updated_at":"T","sku":null,"barcode":null,"image":null,"thumbnail":null,"best_before":null,"unit":"piece"})");
    EXPECT_EQ(server.get("/api/sweets/1", user).status, 200);  // without the trailing slash too
    r = server.get("/api/sweets/99/", user);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body, R"({"detail":"No Sweet matches the given query."})");
    r = server.get("/api/sweets/99999999999999999999999/", user);
    EXPECT_EQ(r.body, R"({"detail":"No Sweet matches the given query."})");
    r = server.get("/api/sweets/abc/", user);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body, R"({"detail":"Not found."})");
    EXPECT_EQ(server.get("/api/sweets/1/").status, 401);
}

TEST_F(SweetsApi, QueryFilters_DoNotAffectSingleSweetRoutes) {
    const auto id = std::to_string(add_sweet("Toffee", "1.25", 3));
    EXPECT_EQ(server.get("/api/sweets/" + id + "/?name=zzz&min_price=100", user).status, 200);
    EXPECT_EQ(server.post("/api/sweets/" + id + "/purchase/?name=zzz", R"({"amount":1})", user).status, 200);
    EXPECT_EQ(server.post("/api/sweets/" + id + "/restock/?name=zzz", R"({"amount":1})", admin).status, 200);
    EXPECT_EQ(call("PATCH", "/api/sweets/" + id + "/?category=none", R"({"price":"2"})", admin).status, 200);
    EXPECT_EQ(
        call("PUT", "/api/sweets/" + id + "/?name=zzz", R"({"name":"T","category":"C","price":"2"})", admin).status,
        200);
    EXPECT_EQ(call("DELETE", "/api/sweets/" + id + "/?name=zzz", "", admin).status, 204);
}

// ---- #4, #5 list and search ----

TEST_F(SweetsApi, List_IsOrderedByTheBytesOfTheName) {
    for (const char* name : {"zest", "Éclair", "apple", "Banana", "Apple"})
        add_sweet(name, "1", 1);
    auto r = server.get("/api/sweets/", user);
    ASSERT_EQ(r.status, 200);
    std::vector<std::string> names;
    const auto page = r.json();
    for (const auto& s : page["results"])
        names.push_back(s["name"]);
    EXPECT_EQ(names, (std::vector<std::string>{"Apple", "Banana", "apple", "zest", "Éclair"}));
    EXPECT_EQ(r.json()["count"], 5);
    EXPECT_EQ(r.json()["next"], nullptr);
    EXPECT_EQ(r.json()["previous"], nullptr);
}

TEST_F(SweetsApi, List_AnswersTheContractsPageShape) {
    add_sweet("Toffee", "1.25", 0, "Hard");
    auto r = server.get("/api/sweets/", user);
    EXPECT_EQ(stamped(r.body),
              R"({"count":1,"next":null,"previous":null,"results":[{"id":1,"name":"Toffee",)"
              R"("category":"Hard","description":"","price":"1.25","quantity":0,)"
              R"("is_available":false,"created_by":"boss","created_at":"T","updated_at":"T")"
              R"(,"sku":null,"barcode":null,"image":null,"thumbnail":null,"best_before":null,"unit":"piece"}]})");
    EXPECT_EQ(server.get("/api/sweets/").status, 401);
}

TEST_F(SweetsApi, List_FiltersByCaseInsensitiveSubstringsAndInclusivePrices) {
    add_sweet("Dark Chocolate Truffle", "1.20", 5, "Chocolate");
    add_sweet("Lemon Sherbet", "1.10", 5, "Hard Candy");
    add_sweet("CRÈME BRÛLÉE", "5.25", 5, "Pâtisserie");
    add_sweet("100% Cocoa_Bar", "3.00", 5, "Chocolate");
    auto names = [&](const std::string& query) {
        auto r = server.get("/api/sweets/?" + query, user);
        EXPECT_EQ(r.status, 200) << query << " " << r.body;
        std::vector<std::string> out;
        const auto page = r.json();
        for (const auto& s : page["results"])
            out.push_back(s["name"]);
        return out;
    };
    using V = std::vector<std::string>;
    EXPECT_EQ(names("name=CHOC"), V{"Dark Chocolate Truffle"});
    EXPECT_EQ(names("name=cr%C3%A8me"), V{"CRÈME BRÛLÉE"});  // beyond ASCII
    EXPECT_EQ(names("category=chocolate"), (V{"100% Cocoa_Bar", "Dark Chocolate Truffle"}));
    EXPECT_EQ(names("category=P%C3%82TISS"), V{"CRÈME BRÛLÉE"});
    EXPECT_EQ(names("min_price=1.20&max_price=3"), (V{"100% Cocoa_Bar", "Dark Chocolate Truffle"}));
    EXPECT_EQ(names("min_price=1.201"), (V{"100% Cocoa_Bar", "CRÈME BRÛLÉE"}));
    EXPECT_EQ(names("max_price=1.199"), V{"Lemon Sherbet"});
    EXPECT_EQ(names("max_price=-1"), V{});
    EXPECT_EQ(names("min_price=1e9"), V{});
    EXPECT_EQ(names("category=chocolate&max_price=2"), V{"Dark Chocolate Truffle"});
    EXPECT_EQ(names("name=&category=&min_price=&max_price=&ordering=&page_size=&page=").size(), 4u);
    EXPECT_EQ(names("name=%25"), V{"100% Cocoa_Bar"});  // % and _ are literal
    EXPECT_EQ(names("name=a_b"), V{"100% Cocoa_Bar"});
    EXPECT_EQ(names("name=o_b"), V{});
    EXPECT_EQ(names("name=%20lemon%20"), V{"Lemon Sherbet"});  // trimmed
}

TEST_F(SweetsApi, List_RefusesANonNumericPriceBoundWith400) {
    auto r = server.get("/api/sweets/?min_price=abc", user);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"min_price":["A valid number is required."]})");
    r = server.get("/api/sweets/?max_price=NaN", user);
    EXPECT_EQ(r.body, R"({"max_price":["A valid number is required."]})");
    r = server.get("/api/sweets/search/?max_price=1x&min_price=Infinity&ordering=colour&page_size=0", user);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"min_price":["A valid number is required."],"max_price":["A valid number is required."],)"
                      R"("ordering":["Unknown ordering field \"colour\"."],)"
                      R"("page_size":["Ensure this value is between 1 and 100."]})");
}

TEST_F(SweetsApi, List_OrdersByTheOrderingParameterWithTiesBrokenById) {
    add_sweet("B", "2.00", 5);
    add_sweet("A", "3.00", 1);
    add_sweet("C", "2.00", 9);
    auto ids = [&](const std::string& ordering) {
        auto r = server.get("/api/sweets/?ordering=" + ordering, user);
        EXPECT_EQ(r.status, 200) << r.body;
        std::vector<int> out;
        const auto page = r.json();
        for (const auto& s : page["results"])
            out.push_back(s["id"]);
        return out;
    };
    using V = std::vector<int>;
    EXPECT_EQ(ids("name"), (V{2, 1, 3}));
    EXPECT_EQ(ids("-name"), (V{3, 1, 2}));
    EXPECT_EQ(ids("price"), (V{1, 3, 2}));
    EXPECT_EQ(ids("-price"), (V{2, 1, 3}));
    EXPECT_EQ(ids("quantity"), (V{2, 1, 3}));
    EXPECT_EQ(ids("-quantity"), (V{3, 1, 2}));
    EXPECT_EQ(ids("created_at"), (V{1, 2, 3}));
    EXPECT_EQ(ids("-created_at"), (V{3, 2, 1}));
    EXPECT_EQ(ids("price,-name"), (V{3, 1, 2}));
    server.post("/api/sweets/1/purchase/", R"({"amount":1})", user);
    EXPECT_EQ(ids("-updated_at"), (V{1, 3, 2}));
    auto r = server.get("/api/sweets/?ordering=-colour", user);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"ordering":["Unknown ordering field \"-colour\"."]})");
}

TEST_F(SweetsApi, List_PagesOf25WithAbsoluteLinksThatKeepTheOtherParameters) {
    for (int i = 0; i < 30; ++i) {
        char name[16];
        std::snprintf(name, sizeof name, "Sweet %02d", i);
        add_sweet(name, "1", 1, i % 2 ? "Odd" : "Even");
    }
    auto r = server.get("/api/sweets/", user);
    auto page = r.json();
    EXPECT_EQ(page["count"], 30);
    EXPECT_EQ(page["results"].size(), 25u);
    EXPECT_EQ(page["next"], base() + "/api/sweets/?page=2");
    EXPECT_EQ(page["previous"], nullptr);

    page = server.get("/api/sweets/?page=2", user).json();
    EXPECT_EQ(page["results"].size(), 5u);
    EXPECT_EQ(page["results"][0]["name"], "Sweet 25");
    EXPECT_EQ(page["next"], nullptr);
    EXPECT_EQ(page["previous"], base() + "/api/sweets/");  // the link to page 1 has no page

    page = server.get("/api/sweets/?category=e&page_size=4&page=2&ordering=-name", user).json();
    EXPECT_EQ(page["count"], 15);  // the "Even" ones
    EXPECT_EQ(page["results"][0]["name"], "Sweet 20");
    EXPECT_EQ(page["next"], base() + "/api/sweets/?page=3&category=e&page_size=4&ordering=-name");
    EXPECT_EQ(page["previous"], base() + "/api/sweets/?category=e&page_size=4&ordering=-name");

    page = server.get("/api/sweets/search?name=Sweet%201&page_size=3", user).json();
    EXPECT_EQ(page["count"], 10);
    EXPECT_EQ(page["next"], base() + "/api/sweets/search/?page=2&name=Sweet%201&page_size=3");

    page = server.get("/api/sweets/?page=last&page_size=7", user).json();
    EXPECT_EQ(page["results"].size(), 2u);
    EXPECT_EQ(page["results"][1]["name"], "Sweet 29");
    EXPECT_EQ(page["next"], nullptr);
    EXPECT_EQ(page["previous"], base() + "/api/sweets/?page=4&page_size=7");
    EXPECT_EQ(server.get("/api/sweets/?page_size=100", user).json()["results"].size(), 30u);
}

TEST_F(SweetsApi, List_InvalidPagesAnswer404AndPageOneOfNothingIsFine) {
    auto r = server.get("/api/sweets/?name=nothing", user);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"count":0,"next":null,"previous":null,"results":[]})");
    EXPECT_EQ(server.get("/api/sweets/?page=last", user).body,
              R"({"count":0,"next":null,"previous":null,"results":[]})");
    add_sweet("Only", "1", 1);
    for (const char* page : {"0", "2", "-1", "abc", "1.0", "1.5", "99999999999999999999"}) {
        r = server.get(std::string("/api/sweets/?page=") + page, user);
        EXPECT_EQ(r.status, 404) << page;
        EXPECT_EQ(r.body, R"({"detail":"Invalid page."})") << page;
    }
    for (const char* size : {"0", "101", "abc", "-3", "2.5"}) {
        r = server.get(std::string("/api/sweets/?page_size=") + size, user);
        EXPECT_EQ(r.status, 400) << size;
        EXPECT_EQ(r.body, R"({"page_size":["Ensure this value is between 1 and 100."]})") << size;
    }
}

TEST_F(SweetsApi, Search_IsIdenticalToTheList) {
    add_sweet("Mint", "1", 1, "Hard");
    add_sweet("Fudge", "2", 2, "Soft");
    for (const std::string query :
         {"", "?category=soft", "?min_price=1.5", "?ordering=-price", "?page=2", "?min_price=zz"}) {
        auto list = server.get("/api/sweets/" + query, user);
        auto search = server.get("/api/sweets/search/" + query, user);
        EXPECT_EQ(list.status, search.status) << query;
        EXPECT_EQ(list.body, search.body) << query;
    }
    EXPECT_EQ(server.get("/api/sweets/search/").status, 401);
}

// ---- #8, #8b edit ----

TEST_F(SweetsApi, Put_RequiresNameCategoryAndPriceAndKeepsWhatIsAbsent) {
    auto created = server.post("/api/sweets/", kFudge, admin).json();
    auto r = call("PUT", "/api/sweets/1/", "{}", admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"name":["This field is required."],"category":["This field is required."],)"
                      R"("price":["This field is required."]})");
    r = call("PUT", "/api/sweets/1/", R"({"name":"Caramel Fudge","category":"Toffee","price":4})", admin);
    ASSERT_EQ(r.status, 200);
    auto sweet = r.json();
    EXPECT_EQ(sweet["category"], "Toffee");
    EXPECT_EQ(sweet["price"], "4.00");
    EXPECT_EQ(sweet["description"], "Classic caramel");  // unchanged when absent
    EXPECT_EQ(sweet["quantity"], 10);
    EXPECT_EQ(sweet["created_at"], created["created_at"]);
    EXPECT_NE(sweet["updated_at"], created["updated_at"]);
    EXPECT_EQ(server.get("/api/sweets/1/", admin).body, r.body);
    // A customer's answer is the same sweet without the staff's fields.
    const std::string staff_fields = R"(,"reorder_level":0,"reorder_quantity":0,"cost":null,"active":true)";
    const auto at = r.body.find(staff_fields);
    ASSERT_NE(at, std::string::npos);
    EXPECT_EQ(server.get("/api/sweets/1/", user).body, r.body.substr(0, at) + r.body.substr(at + staff_fields.size()));
}

TEST_F(SweetsApi, Patch_ChangesAnySubsetWithTheSameRules) {
    server.post("/api/sweets/", kFudge, admin);
    add_sweet("Mint", "1", 1);
    auto r = call("PATCH", "/api/sweets/1/", R"({"quantity":0})", admin);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.json()["quantity"], 0);
    EXPECT_EQ(r.json()["is_available"], false);
    EXPECT_EQ(r.json()["name"], "Caramel Fudge");
    r = call("PATCH", "/api/sweets/1/", R"({"name":"Mint","price":"1.001","description":null})", admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body,
              R"({"name":["sweet with this name already exists."],"description":["This field may not be null."],)"
              R"("price":["Ensure that there are no more than 2 decimal places."]})");
    r = call("PATCH", "/api/sweets/1/", R"({"name":"Caramel Fudge","description":""})", admin);  // its own name
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.json()["description"], "");
    EXPECT_EQ(call("PATCH", "/api/sweets/1", R"({"price":"2.5"})", admin).json()["price"], "2.50");
}

TEST_F(SweetsApi, Edit_PermissionBeforeExistenceBeforeValidation) {
    add_sweet("Mint", "1", 1);
    for (const char* method : {"PUT", "PATCH"}) {
        for (const char* target : {"/api/sweets/1/", "/api/sweets/99/"}) {
            auto r = call(method, target, R"({"price":"bad"})", user);
            EXPECT_EQ(r.status, 403) << method << target;
            EXPECT_EQ(r.body, R"({"detail":"Only admins can update sweets."})");
        }
        auto r = call(method, "/api/sweets/99/", R"({"price":"bad"})", admin);
        EXPECT_EQ(r.status, 404) << method;
        EXPECT_EQ(r.body, R"({"detail":"No Sweet matches the given query."})");
        EXPECT_EQ(call(method, "/api/sweets/1/", "{}", {}).status, 401);
    }
}

// ---- #9 delete ----

TEST_F(SweetsApi, Delete_Answers204WithAnEmptyBodyAndKeepsTheHistory) {
    const auto id = std::to_string(add_sweet("Mint", "1.50", 4));
    server.post("/api/sweets/" + id + "/purchase/", R"({"amount":1})", user);
    auto r = call("DELETE", "/api/sweets/" + id + "/", "", user);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, R"({"detail":"Only admins can delete sweets."})");
    EXPECT_EQ(call("DELETE", "/api/sweets/99/", "", user).status, 403);
    r = call("DELETE", "/api/sweets/" + id + "/", "", admin);
    EXPECT_EQ(r.status, 204);
    EXPECT_EQ(r.body, "");
    r = call("DELETE", "/api/sweets/" + id + "/", "", admin);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body, R"({"detail":"No Sweet matches the given query."})");
    EXPECT_EQ(server.get("/api/sweets/" + id + "/", user).status, 404);

    // The ledger and the sale stay, readable by the sweet's name, and still balance.
    auto& db = server.app().database();
    db.read([](soci::session& sql) {
        std::string reason;
        long long delta = 0;
        soci::statement st = (sql.prepare << "SELECT reason, delta FROM stock_ledger WHERE sweet_name = 'Mint' "
                                             "ORDER BY id",
                              soci::into(reason), soci::into(delta));
        st.execute();
        std::string reasons;
        long long sum = 0;
        while (st.fetch()) {
            reasons += (reasons.empty() ? "" : ",") + reason + ":" + std::to_string(delta);
            sum += delta;
        }
        EXPECT_EQ(reasons, "create:4,purchase:-1,delete:-3");
        EXPECT_EQ(sum, 0);
        long long sales = 0;
        sql << "SELECT COUNT(*) FROM purchases WHERE sweet_name = 'Mint'", soci::into(sales);
        EXPECT_EQ(sales, 1);
    });
    EXPECT_EQ(
        server.get("/api/admin/stock/verify/", admin).body,
        R"({"ok":true,"checked":0,"mismatches":[],"sales_mismatches":[],"summary_mismatches":[],"batch_mismatches":[]})");
}

// ---- #10 purchase ----

TEST_F(SweetsApi, Purchase_AnswersTheSweetAfterThePurchaseAndRecordsTheSale) {
    const auto created = server.post("/api/sweets/", kFudge, admin).json();
    auto r = server.post("/api/sweets/1/purchase/", R"({"amount":3})", user);
    ASSERT_EQ(r.status, 200);
    auto sweet = r.json();
    EXPECT_EQ(sweet["quantity"], 7);
    EXPECT_EQ(sweet["is_available"], true);
    EXPECT_NE(sweet["updated_at"], created["updated_at"]);
    EXPECT_EQ(stamped(r.body),
              R"({"id":1,"name":"Caramel Fudge","category":"Chocolate",)"
              R"("description":"Classic caramel","price":"3.50","quantity":7,"is_available":true,)"
              R"("created_by":"boss","created_at":"T","updated_at":"T")"
              R"(,"sku":null,"barcode":null,"image":null,"thumbnail":null,"best_before":null,"unit":"piece"})");
    EXPECT_EQ(server.post("/api/sweets/1/purchase", R"({"amount":"7"})", admin).json()["quantity"], 0);  // admins too

    server.app().database().read([](soci::session& sql) {
        std::string buyer;
        long long amount = 0, unit = 0, total = 0;
        sql << "SELECT buyer, amount, unit_price_cents, total_cents FROM purchases ORDER BY id LIMIT 1",
            soci::into(buyer), soci::into(amount), soci::into(unit), soci::into(total);
        EXPECT_EQ(buyer, "ann");
        EXPECT_EQ(amount, 3);
        EXPECT_EQ(unit, 350);
        EXPECT_EQ(total, 1050);
    });
}

TEST_F(SweetsApi, Purchase_AmountRulesAndInsufficientStock) {
    add_sweet("Mint", "1", 5);
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"{}", R"({"amount":["This field is required."]})"},
        {R"({"amount":null})", R"({"amount":["This field may not be null."]})"},
        {R"({"amount":0})", R"({"amount":["Ensure this value is greater than or equal to 1."]})"},
        {R"({"amount":-2})", R"({"amount":["Ensure this value is greater than or equal to 1."]})"},
        {R"({"amount":"abc"})", R"({"amount":["A valid integer is required."]})"},
        {R"({"amount":2.5})", R"({"amount":["A valid integer is required."]})"},
        {R"({"amount":true})", R"({"amount":["A valid integer is required."]})"},
        {R"({"amount":2147483648})", R"({"amount":["Ensure this value is less than or equal to 2147483647."]})"},
    };
    for (const auto& [sent, expected] : bad) {
        auto r = server.post("/api/sweets/1/purchase/", sent, user);
        EXPECT_EQ(r.status, 400) << sent;
        EXPECT_EQ(r.body, expected) << sent;
    }
    auto r = server.post("/api/sweets/1/purchase/", R"({"amount":6})", user);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"detail":"Insufficient stock","available":5})");  // the contract's detail, then what is left
    EXPECT_EQ(server.get("/api/sweets/1/", user).json()["quantity"], 5);    // unchanged
    r = server.post("/api/sweets/99/purchase/", R"({"amount":"abc"})", user);  // 404 before the amount
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body, R"({"detail":"No Sweet matches the given query."})");
    EXPECT_EQ(server.post("/api/sweets/1/purchase/", R"({"amount":1})").status, 401);
    r = call("GET", "/api/sweets/1/purchase/", "", user);
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.header("Allow"), "POST, OPTIONS");
}

// ---- #11 restock ----

TEST_F(SweetsApi, Restock_AddsStockAndRefusesToPassTheLimit) {
    add_sweet("Mint", "1", 5);
    auto r = server.post("/api/sweets/1/restock/", R"({"amount":10})", admin);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.json()["quantity"], 15);
    r = server.post("/api/sweets/1/restock/", R"({"amount":2147483633})", admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"amount":["Ensure this value is less than or equal to 2147483632."]})");
    r = server.post("/api/sweets/1/restock/", R"({"amount":2147483632})", admin);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.json()["quantity"], 2147483647);
    r = server.post("/api/sweets/1/restock/", R"({"amount":1})", admin);
    EXPECT_EQ(r.body, R"({"amount":["Ensure this value is less than or equal to 0."]})");
    r = server.post("/api/sweets/1/restock/", R"({"amount":0})", admin);
    EXPECT_EQ(r.body, R"({"amount":["Ensure this value is greater than or equal to 1."]})");
    EXPECT_EQ(
        server.get("/api/admin/stock/verify/", admin).body,
        R"({"ok":true,"checked":1,"mismatches":[],"sales_mismatches":[],"summary_mismatches":[],"batch_mismatches":[]})");
}

TEST_F(SweetsApi, Restock_PermissionComesBeforeExistenceAndValidation) {
    add_sweet("Mint", "1", 5);
    for (const char* target : {"/api/sweets/1/restock/", "/api/sweets/99/restock/"}) {
        auto r = server.post(target, R"({"amount":"bad"})", user);
        EXPECT_EQ(r.status, 403) << target;
        EXPECT_EQ(r.body, R"({"detail":"Only admins can restock."})");
    }
    auto r = server.post("/api/sweets/99/restock/", R"({"amount":"bad"})", admin);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body, R"({"detail":"No Sweet matches the given query."})");
}

// ---- the stock ledger ----

TEST_F(SweetsApi, VerifyStock_ReportsEveryMismatchAndIsForAdminsOnly) {
    add_sweet("Mint", "1", 5);
    add_sweet("Toffee", "1", 2);
    call("PATCH", "/api/sweets/2/", R"({"quantity":9})", admin);  // an edit is a ledger entry too
    server.post("/api/sweets/1/purchase/", R"({"amount":2})", user);
    EXPECT_EQ(
        server.get("/api/admin/stock/verify/", admin).body,
        R"({"ok":true,"checked":2,"mismatches":[],"sales_mismatches":[],"summary_mismatches":[],"batch_mismatches":[]})");

    server.app().database().write([](soci::session& sql) { sql << "UPDATE sweets SET quantity = 7 WHERE id = 1"; });
    auto r = server.get("/api/admin/stock/verify/", admin);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"ok":false,"checked":2,"mismatches":[{"sweet_id":1,"name":"Mint","quantity":7,)"
                      R"("ledger_sum":3}],"sales_mismatches":[],"summary_mismatches":[],)"
                      R"("batch_mismatches":[]})");
    r = server.get("/api/admin/stock/verify/", user);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, R"({"detail":"You do not have permission to perform this action."})");
}

// ---- the original's own scenarios (its pytest suite) ----

TEST_F(SweetsApi, OriginalScenario_RegisterUser) {
    auto r = server.post("/api/auth/register/",
                         body({{"username", "newuser"}, {"email", "new@example.com"}, {"password", "strongpass123"}}));
    EXPECT_EQ(r.status, 201);
    EXPECT_EQ(r.json()["username"], "newuser");
}

TEST_F(SweetsApi, OriginalScenario_AdminCreatesASweetAndFindsItFirstInTheList) {
    auto r = server.post(
        "/api/sweets/",
        body({{"name", "Chocolate Bar"}, {"category", "Chocolate"}, {"price", "3.50"}, {"quantity", 10}}), admin);
    ASSERT_EQ(r.status, 201);
    auto list = server.get("/api/sweets/", admin).json();
    EXPECT_EQ(list["results"][0]["name"], "Chocolate Bar");
    EXPECT_EQ(list["results"][0]["price"], "3.50");
}

TEST_F(SweetsApi, OriginalScenario_UserBuysTwoOfFiveAndThreeRemain) {
    const auto id = std::to_string(add_sweet("Lollipop", "1.00", 5, "Candy"));
    auto r = server.post("/api/sweets/" + id + "/purchase/", R"({"amount":2})", user);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(server.get("/api/sweets/" + id + "/", user).json()["quantity"], 3);
}

TEST_F(SweetsApi, Routes_AnswerOptionsAnd405WithTheirMethods) {
    auto r = call("DELETE", "/api/sweets/", "", admin);
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.body, R"({"detail":"Method \"DELETE\" not allowed."})");
    EXPECT_EQ(r.header("Allow"), "GET, POST, HEAD, OPTIONS");
    r = call("OPTIONS", "/api/sweets/1/", "", {});
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Allow"), "GET, PUT, PATCH, DELETE, HEAD, OPTIONS");
    EXPECT_EQ(call("POST", "/api/sweets/search/", "{}", user).status, 405);
}
