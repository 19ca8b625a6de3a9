// The storefront and search (issue 20): anyone browses the sweets on sale without a token, sees availability
// instead of counts and never the cost; `q` finds words by prefix ignoring case and accents, name matches first;
// `ordering=alphabetical` sorts names as people do. Both backends.
#include <gtest/gtest.h>

#include "shop_fixture.hpp"

using namespace sweetshop::testing;
using Json = nlohmann::ordered_json;

class StorefrontApi : public ShopFixture {
  protected:
    std::int64_t sweet(const std::string& name, int quantity, const std::string& category = "Chocolate",
                       const std::string& description = "") {
        auto r = server.post("/api/sweets/",
                             Json{{"name", name},
                                  {"category", category},
                                  {"description", description},
                                  {"price", "1.50"},
                                  {"quantity", quantity},
                                  {"cost", "0.40"}}
                                 .dump(),
                             admin);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json()["id"].get<std::int64_t>();
    }
    std::vector<std::string> names(const std::string& target, const Headers& who = {}) {
        auto r = server.get(target, who);
        EXPECT_EQ(r.status, 200) << target << " " << r.body;
        std::vector<std::string> out;
        const auto body = r.json();
        for (const auto& s : body["results"])
            out.push_back(s["name"]);
        return out;
    }
    void catalogue() {
        sweet("Crème Brûlée Bites", 20, "Pâtisserie", "Caramelised sugar on vanilla cream");
        sweet("Mint Humbugs", 3, "Boiled", "Striped peppermint sweets");
        sweet("Gummy Bears", 0, "Gummies", "Fruit flavours: apple, cherry, lemon");
        sweet("White Chocolate", 9, "Chocolate");
        sweet("caramel fudge", 5, "Fudge");
    }
};

using V = std::vector<std::string>;

TEST_F(StorefrontApi, AnyoneBrowsesWithoutATokenAndSeesNoCountsNorCost) {
    catalogue();
    const auto archived = sweet("Old Toffee", 4, "Toffee");
    ASSERT_EQ(call("PATCH", "/api/sweets/" + std::to_string(archived) + "/", R"({"active":false})",
                   {{"Authorization", admin[0].second}, {"Content-Type", "application/json"}})
                  .status,
              200);
    auto r = server.get("/api/storefront/sweets/");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto page = r.json();
    EXPECT_EQ(page["count"], 5);  // the archived one is not on sale
    // People's order of names: caramel before Crème, White last.
    EXPECT_EQ(names("/api/storefront/sweets/"),
              (V{"caramel fudge", "Crème Brûlée Bites", "Gummy Bears", "Mint Humbugs", "White Chocolate"}));
    EXPECT_EQ(
        page["results"][0].dump(),
        R"({"id":5,"name":"caramel fudge","category":"Fudge","description":"",)"
        R"("price":"1.50","availability":"low","left":5,"image":null,"thumbnail":null,"best_before":null,"unit":"piece"})");
    EXPECT_EQ(page["results"][1]["availability"], "in_stock");
    EXPECT_TRUE(page["results"][1]["left"].is_null());
    EXPECT_EQ(page["results"][2]["availability"], "sold_out");
    EXPECT_EQ(page["results"][3]["left"], 3);
    for (const char* hidden : {"quantity", "cost", "created_by", "is_available"})
        EXPECT_EQ(r.body.find(std::string("\"") + hidden + "\""), std::string::npos) << hidden;
    // A token changes nothing, even the owner's; a bad one is ignored (the route is public).
    EXPECT_EQ(server.get("/api/storefront/sweets/", admin).body, r.body);
    EXPECT_EQ(server.get("/api/storefront/sweets/", {{"Authorization", "Bearer nonsense"}}).status, 200);

    r = server.get("/api/storefront/sweets/1/");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.json()["availability"], "in_stock");
    EXPECT_EQ(server.get("/api/storefront/sweets/" + std::to_string(archived) + "/").status, 404);
    EXPECT_EQ(server.get("/api/storefront/sweets/999/").status, 404);
    // The original's list keeps wanting a token.
    EXPECT_EQ(server.get("/api/sweets/").status, 401);
}

TEST_F(StorefrontApi, AStockChangeShowsAtOnce) {
    const auto id = sweet("Mint", 6);
    EXPECT_EQ(server.get("/api/storefront/sweets/").json()["results"][0]["availability"], "in_stock");
    ASSERT_EQ(server.post("/api/sweets/" + std::to_string(id) + "/purchase/", R"({"amount":2})", user).status, 200);
    const auto now = server.get("/api/storefront/sweets/").json()["results"][0];
    EXPECT_EQ(now["availability"], "low");
    EXPECT_EQ(now["left"], 4);
}

TEST_F(StorefrontApi, TheStorefrontCanBeTurnedOff) {
    TestServer closed([](sweetshop::app::Config& c) { c.storefront = "off"; });
    auto r = closed.get("/api/storefront/sweets/");
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body, R"({"detail":"Not found."})");
    EXPECT_EQ(closed.get("/api/storefront/sweets/1/").status, 404);
}

TEST_F(StorefrontApi, SearchFindsWhatCustomersType) {
    catalogue();
    sweet("Peppermint Creams", 10, "Fondant", "Dark chocolate coating");
    for (const std::string base : {"/api/storefront/sweets/?q=", "/api/sweets/?q="}) {
        const Headers who = base.starts_with("/api/sweets") ? user : Headers{};
        EXPECT_EQ(names(base + "creme", who), V{"Crème Brûlée Bites"}) << base;
        EXPECT_EQ(names(base + "peppermint", who), (V{"Peppermint Creams", "Mint Humbugs"})) << base;
        EXPECT_EQ(names(base + "bears%20fruit", who), V{"Gummy Bears"}) << base;
        EXPECT_EQ(names(base + "BR%C3%BB", who), V{"Crème Brûlée Bites"}) << base;  // "BRû": a prefix, any case
        EXPECT_EQ(names(base + "choc", who), (V{"White Chocolate", "Peppermint Creams"})) << base;
        EXPECT_EQ(names(base + "nothing%20like%20it", who), V{}) << base;
    }
    // Other filters and an explicit ordering combine with it.
    EXPECT_EQ(names("/api/storefront/sweets/?q=choc&category=fond"), V{"Peppermint Creams"});
    EXPECT_EQ(names("/api/storefront/sweets/?q=choc&ordering=-alphabetical"),
              (V{"White Chocolate", "Peppermint Creams"}));
    // `name` keeps the original's meaning (a substring of the name, accents as typed).
    EXPECT_EQ(names("/api/sweets/?name=mint", user), (V{"Mint Humbugs", "Peppermint Creams"}));
    auto r = server.get("/api/storefront/sweets/?q=" + std::string(201, 'a'));
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"q":["Ensure this field has no more than 200 characters."]})");
}

TEST_F(StorefrontApi, AlphabeticalOrderIsWhatPeopleExpectAndTheContractsDefaultStays) {
    for (const char* name : {"White Chocolate", "caramel fudge", "Bar 10", "Bar 2", "Éclair"})
        sweet(name, 1);
    EXPECT_EQ(names("/api/sweets/?ordering=alphabetical", user),
              (V{"Bar 2", "Bar 10", "caramel fudge", "Éclair", "White Chocolate"}));
    EXPECT_EQ(names("/api/sweets/?ordering=-alphabetical", user),
              (V{"White Chocolate", "Éclair", "caramel fudge", "Bar 10", "Bar 2"}));
    EXPECT_EQ(names("/api/sweets/", user), (V{"Bar 10", "Bar 2", "White Chocolate", "caramel fudge", "Éclair"}));
    EXPECT_EQ(names("/api/storefront/sweets/?ordering=price,alphabetical"),
              (V{"Bar 2", "Bar 10", "caramel fudge", "Éclair", "White Chocolate"}));
}

TEST_F(StorefrontApi, ASkuAndABarcodeAreUniqueCheckedAndFoundAsAScannerTypesThem) {
    auto r = server.post("/api/sweets/",
                         R"({"name":"Cola Bottles","category":"Gummies","price":"0.90","sku":" COLA-1 ",)"
                         R"("barcode":"036000291452"})",
                         admin);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json()["sku"], "COLA-1");
    EXPECT_EQ(r.json()["barcode"], "0036000291452");  // a UPC-A is stored as its EAN-13
    const auto id = r.json()["id"].get<std::int64_t>();

    r = server.post("/api/sweets/",
                    R"({"name":"Other","category":"Gummies","price":"0.90","sku":"COLA-1","barcode":"0036000291452"})",
                    admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"sku":["sweet with this sku already exists."],)"
                      R"("barcode":["sweet with this barcode already exists."]})");
    r = server.post("/api/sweets/", R"({"name":"Other","category":"Gummies","price":"0.90","barcode":"4006381333932"})",
                    admin);
    EXPECT_EQ(r.body, R"({"barcode":["This barcode's check digit should be 1, not 2: check the number."]})");
    r = server.post("/api/sweets/", R"({"name":"Other","category":"Gummies","price":"0.90","barcode":"12345"})", admin);
    EXPECT_EQ(r.body, R"({"barcode":["Enter a valid barcode: 13 digits (EAN-13) or 12 (UPC-A)."]})");

    // The till's search box: either form of the code finds the sweet, for staff and customers alike.
    for (const char* scanned : {"036000291452", "0036000291452"}) {
        const auto found = server.get(std::string("/api/sweets/?barcode=") + scanned, user).json();
        ASSERT_EQ(found["count"], 1) << scanned;
        EXPECT_EQ(found["results"][0]["id"], id);
    }
    EXPECT_EQ(server.get("/api/sweets/?sku=COLA-1", admin).json()["count"], 1);
    EXPECT_EQ(server.get("/api/sweets/?sku=COLA", admin).json()["count"], 0);  // exactly
    EXPECT_EQ(server.get("/api/sweets/?barcode=4006381333931", admin).json()["count"], 0);
    r = server.get("/api/sweets/?barcode=4006381333932", admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"barcode":["This barcode's check digit should be 1, not 2: check the number."]})");

    // null or blank clears a code; the audit log has the change.
    r = call("PATCH", "/api/sweets/" + std::to_string(id) + "/", R"({"sku":null,"barcode":""})", admin);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.json()["sku"].is_null());
    EXPECT_TRUE(r.json()["barcode"].is_null());
    const auto log = server.get("/api/audit/?action=sweet.edit", admin).json();
    ASSERT_EQ(log["results"].size(), 1u);
    EXPECT_EQ(log["results"][0]["details"]["sku"]["before"], "COLA-1");
    EXPECT_TRUE(log["results"][0]["details"]["barcode"]["after"].is_null());
}
