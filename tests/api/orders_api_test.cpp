// Orders over real HTTP with exact bodies: placing (all lines or none), every error, visibility, counter sales,
// refunds with and without restock, receipts, Idempotency-Key, and a purchase recorded as an order. Runs on
// PostgreSQL too (SWEETSHOP_TEST_DATABASE_URL).
#include <gtest/gtest.h>

#include "domain/time_zone.hpp"
#include "shop_fixture.hpp"

using namespace sweetshop::testing;

namespace {
constexpr const char* kFudgeLine =
    R"({"sweet":1,"name":"Caramel Fudge","unit_price":"3.50","amount":2,"total":"7.00","refunded":0,"unit":"piece"})";
constexpr const char* kColaLine =
    R"({"sweet":2,"name":"Cola Bottles","unit_price":"1.25","amount":1,"total":"1.25","refunded":0,"unit":"piece"})";
}  // namespace

class OrdersApi : public ShopFixture {
  protected:
    OrdersApi() {
        add_sweet("Caramel Fudge", "3.50", 10, "Fudge");
        add_sweet("Cola Bottles", "1.25", 5, "Gummies");
        add_sweet("Mint Humbug", "0.80", 0, "Boiled");
        server.create_user("cat", "cat-password");
        other = {{"Authorization", "Bearer " + server.access_token("cat", "cat-password")}};
    }
    std::int64_t quantity(int id) {
        return server.get("/api/sweets/" + std::to_string(id) + "/", user).json()["quantity"].get<std::int64_t>();
    }
    HttpResponse order(const std::string& body, const Headers& who) { return server.post("/api/orders/", body, who); }
    /// The ledger of a sweet: "reason:delta:order" per entry.
    std::string ledger(int sweet) {
        return server.app().database().read([&](soci::session& sql) {
            std::string out, reason;
            long long delta = 0, order_id = 0;
            soci::indicator ind = soci::i_null;
            const long long id = sweet;
            soci::statement st =
                (sql.prepare << "SELECT reason, delta, order_id FROM stock_ledger WHERE sweet_id = "
                                ":id ORDER BY id",
                 soci::use(id, "id"), soci::into(reason), soci::into(delta), soci::into(order_id, ind));
            st.execute();
            while (st.fetch()) {
                if (!out.empty()) out += ' ';
                out += reason;
                out += ':';
                out += std::to_string(delta);
                out += ':';
                out += ind == soci::i_ok ? std::to_string(order_id) : std::string("-");
            }
            return out;
        });
    }
    std::string verify() { return server.get("/api/admin/stock/verify/", admin).body; }
    Headers other;
};

TEST_F(OrdersApi, PlacesEveryLineInOneOrder) {
    auto r = order(R"({"lines":[{"sweet":1,"amount":2},{"sweet":2,"amount":1}],"note":""})", user);
    EXPECT_EQ(r.status, 201);
    EXPECT_EQ(stamped(r.body), std::string(R"({"number":"10001","status":"paid","customer":"ann","seller":null,)") +
                                   R"("lines":[)" + kFudgeLine + "," + kColaLine +
                                   R"(],"total":"8.25","refunded_total":"0.00","note":"","created_at":"T",)"
                                   R"("payment":null,"refunds":[]})");
    EXPECT_EQ(quantity(1), 8);
    EXPECT_EQ(quantity(2), 4);
    EXPECT_EQ(ledger(1), "create:10:- purchase:-2:10001");
    EXPECT_EQ(ledger(2), "create:5:- purchase:-1:10001");
    // The next order gets the next number; the trailing slash is optional; note is optional.
    r = order(R"({"lines":[{"sweet":"2","amount":"1"}]})", user);
    EXPECT_EQ(r.status, 201);
    EXPECT_EQ(r.json()["number"], "10002");
    EXPECT_EQ(server.get("/api/orders/10002", user).json()["total"], "1.25");
    EXPECT_EQ(
        verify(),
        R"({"ok":true,"checked":3,"mismatches":[],"sales_mismatches":[],"summary_mismatches":[],"batch_mismatches":[]})");
}

TEST_F(OrdersApi, BadListsAreRefusedWithDrfsMessages) {
    auto expect = [&](const std::string& body, const std::string& answer) {
        auto r = order(body, user);
        EXPECT_EQ(r.status, 400) << body;
        EXPECT_EQ(r.body, answer) << body;
    };
    expect(R"({})", R"({"lines":["This field is required."]})");
    expect(R"({"lines":null})", R"({"lines":["This field may not be null."]})");
    expect(R"({"lines":"1x2"})", R"({"lines":["Expected a list of items but got type \"str\"."]})");
    expect(R"({"lines":[]})", R"({"lines":["This list may not be empty."]})");
    std::string many = R"({"lines":[)";
    for (int i = 1; i <= 101; ++i) {
        if (i > 1) many += ',';
        many += R"({"sweet":)";
        many += std::to_string(i);
        many += R"(,"amount":1})";
    }
    expect(many + "]}", R"({"lines":["Ensure this field has no more than 100 elements."]})");
    expect(R"({"lines":[{"sweet":1,"amount":1},{"sweet":1,"amount":2}]})",
           R"({"lines":["Each sweet may appear only once."]})");
    expect(R"({"lines":[{"sweet":1,"amount":1},{"sweet":2,"amount":0},"x",{"amount":true},{"sweet":[1],"amount":3}]})",
           R"({"lines":[{},{"amount":["Ensure this value is greater than or equal to 1."]},)"
           R"({"non_field_errors":["Invalid data. Expected a dictionary, but got str."]},)"
           R"({"sweet":["This field is required."],"amount":["A valid integer is required."]},)"
           R"({"sweet":["Incorrect type. Expected pk value, received list."]}]})");
    expect(R"({"lines":[{"sweet":1,"amount":2147483648}]})",
           R"({"lines":[{"amount":["Ensure this value is less than or equal to 2147483647."]}]})");
    expect(R"({"lines":[{"sweet":1,"amount":1},{"sweet":999,"amount":1},{"sweet":"998","amount":1}]})",
           R"({"lines":[{},{"sweet":["Invalid pk \"999\" - object does not exist."]},)"
           R"({"sweet":["Invalid pk \"998\" - object does not exist."]}]})");
    expect(R"({"lines":[{"sweet":1,"amount":1}],"note":")" + std::string(501, 'n') + R"("})",
           R"({"note":["Ensure this field has no more than 500 characters."]})");
    expect(R"({"lines":[],"note":5.5,"payment":{"method":"cash"}})",
           R"({"lines":["This list may not be empty."],)"
           R"("payment":["Only a counter sale (with \"customer\") records a payment."]})");
    // Nothing changed.
    EXPECT_EQ(quantity(1), 10);
    EXPECT_EQ(server.get("/api/orders/", admin).json()["count"], 0);
}

TEST_F(OrdersApi, InsufficientStockListsEveryShortLineAndSellsNothing) {
    auto r = order(R"({"lines":[{"sweet":2,"amount":9},{"sweet":1,"amount":4},{"sweet":3,"amount":1}]})", user);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"detail":"Insufficient stock","unavailable":[)"
                      R"({"sweet":2,"name":"Cola Bottles","requested":9,"available":5},)"
                      R"({"sweet":3,"name":"Mint Humbug","requested":1,"available":0}]})");
    EXPECT_EQ(quantity(1), 10);  // the line that fitted was rolled back with the others
    EXPECT_EQ(quantity(2), 5);
    EXPECT_EQ(ledger(1), "create:10:-");
    EXPECT_EQ(server.get("/api/orders/", admin).json()["count"], 0);
    // Exactly the stock left is fine.
    EXPECT_EQ(order(R"({"lines":[{"sweet":2,"amount":5},{"sweet":1,"amount":10}]})", user).status, 201);
    EXPECT_EQ(quantity(2), 0);
}

TEST_F(OrdersApi, OnlyTheCustomerAndStaffSeeAnOrder) {
    ASSERT_EQ(order(R"({"lines":[{"sweet":1,"amount":2},{"sweet":2,"amount":1}]})", user).status, 201);
    ASSERT_EQ(order(R"({"lines":[{"sweet":2,"amount":1}]})", other).status, 201);
    EXPECT_EQ(server.get("/api/orders/10001/", user).status, 200);
    EXPECT_EQ(server.get("/api/orders/10001/", admin).status, 200);
    for (const auto& path : {"/api/orders/10001/", "/api/orders/10001/receipt/", "/api/orders/99999/"}) {
        auto r = server.get(path, other);
        EXPECT_EQ(r.status, 404) << path;
        EXPECT_EQ(r.body, R"({"detail":"Not found."})") << path;
    }
    auto mine = server.get("/api/orders/", user);
    EXPECT_EQ(mine.status, 200);
    EXPECT_EQ(mine.json()["count"], 1);
    EXPECT_EQ(mine.json()["results"][0]["number"], "10001");
    // A customer filtering by someone else still sees only their own.
    auto filtered = server.get("/api/orders/?customer=cat", user).json();
    EXPECT_EQ(filtered["count"], 1);
    EXPECT_EQ(filtered["results"][0]["customer"], "ann");
    auto all = server.get("/api/orders/", admin).json();
    EXPECT_EQ(all["count"], 2);
    EXPECT_EQ(all["results"][0]["number"], "10002");  // newest first
    EXPECT_EQ(server.get("/api/orders/?customer=cat", admin).json()["count"], 1);
    auto r = server.get("/api/orders/", {});
    EXPECT_EQ(r.status, 401);
}

TEST_F(OrdersApi, ListsPageAndFilterLikeTheSweets) {
    for (int i = 0; i < 3; ++i)
        ASSERT_EQ(order(R"({"lines":[{"sweet":1,"amount":1}]})", user).status, 201);
    auto r = server.get("/api/orders/?page_size=2&status=paid", admin);
    EXPECT_EQ(r.status, 200);
    auto page = r.json();
    EXPECT_EQ(page["count"], 3);
    EXPECT_EQ(page["next"], base() + "/api/orders/?page=2&page_size=2&status=paid");
    EXPECT_EQ(page["previous"], nullptr);
    EXPECT_EQ(page["results"].size(), 2u);
    page = server.get("/api/orders/?page=2&page_size=2&status=paid", admin).json();
    EXPECT_EQ(page["previous"], base() + "/api/orders/?page_size=2&status=paid");
    EXPECT_EQ(page["results"][0]["number"], "10001");
    EXPECT_EQ(server.get("/api/orders/?page=last&page_size=2", admin).json()["results"].size(), 1u);
    r = server.get("/api/orders/?page=3&page_size=2", admin);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body, R"({"detail":"Invalid page."})");
    r = server.get("/api/orders/?from=01/12/2026&to=2026-02-30&status=lost&page_size=0", admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"from":["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],)"
                      R"("to":["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],)"
                      R"("status":["Select a valid choice. lost is not one of the available choices."],)"
                      R"("page_size":["Ensure this value is between 1 and 100."]})");
    EXPECT_EQ(server.get("/api/orders/?status=refunded", admin).json()["count"], 0);
    // Days in the shop's time zone (UTC here): today holds them, yesterday does not.
    const sweetshop::domain::ShopTimeZone utc("UTC");
    const auto today = sweetshop::domain::format_timestamp(server.clock().now()).substr(0, 10);
    EXPECT_EQ(server.get("/api/orders/?from=" + today + "&to=" + today, admin).json()["count"], 3);
    EXPECT_EQ(server.get("/api/orders/?to=2020-01-01", admin).json()["count"], 0);
    EXPECT_EQ(server.get("/api/orders/?from=2999-01-01", admin).json()["count"], 0);
    r = call("DELETE", "/api/orders/", "", admin);
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.header("Allow"), "GET, POST, HEAD, OPTIONS");
}

TEST_F(OrdersApi, StaffSellAtTheCounter) {
    auto r = order(R"({"lines":[{"sweet":1,"amount":2}],"customer":"ann","payment":{"method":"cash","tendered":"10"}})",
                   admin);
    EXPECT_EQ(r.status, 201);
    EXPECT_EQ(stamped(r.body), std::string(R"({"number":"10001","status":"paid","customer":"ann","seller":"boss",)") +
                                   R"("lines":[)" + kFudgeLine +
                                   R"(],"total":"7.00","refunded_total":"0.00","note":"","created_at":"T",)"
                                   R"("payment":{"method":"cash","tendered":"10.00","change":"3.00"},"refunds":[]})");
    EXPECT_EQ(server.get("/api/orders/10001/", user).status, 200);  // the customer sees it
    r = order(R"({"lines":[{"sweet":2,"amount":1}],"customer":null,"payment":{"method":"card"}})", admin);
    EXPECT_EQ(r.status, 201);
    EXPECT_EQ(r.json()["customer"], nullptr);
    EXPECT_EQ(r.json()["payment"].dump(), R"({"method":"card","tendered":null,"change":null})");
    EXPECT_EQ(ledger(2), "create:5:- purchase:-1:10002");

    auto expect = [&](const std::string& body, const Headers& who, int status, const std::string& answer) {
        auto a = order(body, who);
        EXPECT_EQ(a.status, status) << body;
        EXPECT_EQ(a.body, answer) << body;
    };
    expect(R"({"lines":[{"sweet":1,"amount":1}],"customer":null})", user, 403,
           R"({"detail":"Only staff can sell on behalf of a customer."})");
    expect(R"({"lines":[{"sweet":1,"amount":1}],"customer":"nobody","payment":{"method":"cash"}})", admin, 400,
           R"({"customer":["No user with that username."]})");
    expect(R"({"lines":[{"sweet":1,"amount":1}],"customer":"ann"})", admin, 400,
           R"({"payment":["This field is required."]})");
    expect(R"({"lines":[{"sweet":1,"amount":1}],"customer":"ann","payment":{"method":"card","tendered":"5.00"}})",
           admin, 400, R"({"payment":{"tendered":["Only cash is tendered."]}})");
    expect(R"({"lines":[{"sweet":1,"amount":1}],"customer":"ann","payment":{"method":"cheque"}})", admin, 400,
           R"({"payment":{"method":["\"cheque\" is not a valid choice."]}})");
    expect(R"({"lines":[{"sweet":1,"amount":2}],"customer":"ann","payment":{"method":"cash","tendered":"6.99"}})",
           admin, 400, R"({"payment":{"tendered":["Ensure this value is greater than or equal to 7.00."]}})");
    EXPECT_EQ(quantity(1), 8);  // only the first sale
}

TEST_F(OrdersApi, RefundsWithAndWithoutRestock) {
    ASSERT_EQ(order(R"({"lines":[{"sweet":1,"amount":2},{"sweet":2,"amount":1}]})", user).status, 201);
    const std::string path = "/api/orders/10001/refund/";
    auto r = server.post(path, R"({"lines":[{"sweet":1,"amount":1}],"restock":true,"reason":"crushed"})", user);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, R"({"detail":"Only staff can refund orders."})");

    r = server.post(path, R"({"lines":[{"sweet":1,"amount":1}],"restock":true,"reason":"crushed"})", admin);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(
        stamped(r.body),
        R"({"number":"10001","status":"partially_refunded","customer":"ann","seller":null,"lines":[)"
        R"({"sweet":1,"name":"Caramel Fudge","unit_price":"3.50","amount":2,"total":"7.00","refunded":1,"unit":"piece"},)" +
            std::string(kColaLine) +
            R"(],"total":"8.25","refunded_total":"3.50","note":"","created_at":"T","payment":null,)"
            R"("refunds":[{"at":"T","by":"boss","reason":"crushed","restock":true,)"
            R"("lines":[{"sweet":1,"amount":1}],"total":"3.50"}]})");
    EXPECT_EQ(quantity(1), 9);  // back in stock
    EXPECT_EQ(ledger(1), "create:10:- purchase:-2:10001 refund:1:10001");

    r = server.post(path,
                    R"({"lines":[{"sweet":1,"amount":2},{"sweet":3,"amount":1},{"sweet":2,"amount":1}],)"
                    R"("restock":false,"reason":"x"})",
                    admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"lines":[{"amount":["Ensure this value is less than or equal to 1."]},)"
                      R"({"sweet":["This sweet is not in the order."]},{}]})");
    r = server.post(
        path, R"({"lines":[{"sweet":1,"amount":1},{"sweet":2,"amount":1}],"restock":false,"reason":"lost"})", admin);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.json()["status"], "refunded");
    EXPECT_EQ(r.json()["refunded_total"], "8.25");
    EXPECT_EQ(quantity(1), 9);  // written off: no stock change
    EXPECT_EQ(quantity(2), 4);
    EXPECT_EQ(ledger(2), "create:5:- purchase:-1:10001");
    EXPECT_EQ(
        verify(),
        R"({"ok":true,"checked":3,"mismatches":[],"sales_mismatches":[],"summary_mismatches":[],"batch_mismatches":[]})");

    r = server.post(path, R"({"lines":[],"reason":""})", admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"lines":["This list may not be empty."],"restock":["This field is required."],)"
                      R"("reason":["This field may not be blank."]})");
    r = server.post("/api/orders/99999/refund/", R"({"lines":[]})", admin);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body, R"({"detail":"Not found."})");
    EXPECT_EQ(server.get("/api/orders/?status=refunded", admin).json()["count"], 1);
}

TEST_F(OrdersApi, VerifyStockFindsASaleMissingFromTheLedger) {
    ASSERT_EQ(order(R"({"lines":[{"sweet":1,"amount":2}]})", user).status, 201);
    server.app().database().write([](soci::session& sql) { sql << "UPDATE order_lines SET amount = 3"; });
    const auto report = nlohmann::ordered_json::parse(verify());
    EXPECT_EQ(report["ok"], false);
    EXPECT_EQ(report["sales_mismatches"].dump(), R"([{"sweet_id":1,"name":"Caramel Fudge","sold":3,"ledger_sold":2,)"
                                                 R"("restocked":0,"ledger_restocked":0}])");
    // The reports' summaries were kept by the sale, so they disagree with the changed line too.
    EXPECT_EQ(report["summary_mismatches"][0].dump(),
              R"({"summary":"sales_slots","key":"","figure":"units","summarised":2,"from_lines":3})");
}

TEST_F(OrdersApi, APurchaseIsAnOrderOfOneLine) {
    ASSERT_EQ(server.post("/api/sweets/1/purchase/", R"({"amount":3})", user).status, 200);
    auto r = server.get("/api/orders/", user);
    EXPECT_EQ(
        stamped(r.body),
        R"({"count":1,"next":null,"previous":null,"results":[{"number":"10001","status":"paid",)"
        R"("customer":"ann","seller":null,"lines":[{"sweet":1,"name":"Caramel Fudge","unit_price":"3.50",)"
        R"("amount":3,"total":"10.50","refunded":0,"unit":"piece"}],"total":"10.50","refunded_total":"0.00","note":"",)"
        R"("created_at":"T","payment":null,"refunds":[]}]})");
    EXPECT_EQ(ledger(1), "create:10:- purchase:-3:10001");
    // Names and prices are those of the time: a later edit or deletion changes nothing.
    ASSERT_EQ(call("PATCH", "/api/sweets/1/", R"({"name":"Fudge","price":"9.99"})", admin).status, 200);
    ASSERT_EQ(call("DELETE", "/api/sweets/1/", "", admin).status, 204);
    auto again = server.get("/api/orders/10001/", user).json();
    EXPECT_EQ(again["lines"][0]["name"], "Caramel Fudge");
    EXPECT_EQ(again["lines"][0]["unit_price"], "3.50");
}

TEST_F(OrdersApi, ACheckoutRetriedFiveTimesMakesOneOrder) {
    const auto headers = with(user, "Idempotency-Key", "checkout-7");
    const std::string body = R"({"lines":[{"sweet":1,"amount":2},{"sweet":2,"amount":1}]})";
    std::vector<HttpResponse> answers;
    for (int i = 0; i < 5; ++i)
        answers.push_back(order(body, headers));
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(answers[i].status, 201);
        EXPECT_EQ(answers[i].body, answers[0].body);
        EXPECT_EQ(answers[i].header("Idempotent-Replayed"), i == 0 ? std::nullopt : std::optional<std::string>("true"));
    }
    EXPECT_EQ(quantity(1), 8);
    EXPECT_EQ(server.get("/api/orders/", admin).json()["count"], 1);
    auto r = order(R"({"lines":[{"sweet":1,"amount":1}]})", headers);
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.body, R"({"detail":"Idempotency-Key reused with a different request."})");
    // A refusal is kept for its key too: the retry gets it again even after stock arrived.
    const auto short_key = with(user, "Idempotency-Key", "short-1");
    auto refused = order(R"({"lines":[{"sweet":3,"amount":1}]})", short_key);
    EXPECT_EQ(refused.status, 400);
    ASSERT_EQ(server.post("/api/sweets/3/restock/", R"({"amount":5})", admin).status, 200);
    auto replay = order(R"({"lines":[{"sweet":3,"amount":1}]})", short_key);
    EXPECT_EQ(replay.body, refused.body);
    EXPECT_EQ(replay.header("Idempotent-Replayed"), "true");
    EXPECT_EQ(quantity(3), 5);
    // Refunds are keyed too.
    const auto refund = with(admin, "Idempotency-Key", "refund-1");
    const std::string refund_body = R"({"lines":[{"sweet":1,"amount":1}],"restock":true,"reason":"r"})";
    auto first = server.post("/api/orders/10001/refund/", refund_body, refund);
    auto second = server.post("/api/orders/10001/refund/", refund_body, refund);
    EXPECT_EQ(first.status, 200);
    EXPECT_EQ(second.body, first.body);
    EXPECT_EQ(second.header("Idempotent-Replayed"), "true");
    EXPECT_EQ(quantity(1), 9);
}

TEST_F(OrdersApi, TheReceiptIsAPrintableDocument) {
    ASSERT_EQ(order(R"({"lines":[{"sweet":1,"amount":2}],"customer":"ann","note":"<b>gift</b>",)"
                    R"("payment":{"method":"cash","tendered":"20.00"}})",
                    admin)
                  .status,
              201);
    auto r = server.get("/api/orders/10001/receipt/", user);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_NE(r.header("Content-Security-Policy").value_or("").find("default-src 'self'"), std::string::npos);
    for (const char* part : {"<h1>Sweet Shop</h1>", "<dd>10001</dd>", "(UTC)</dd>", "<dt>Served by</dt><dd>boss</dd>",
                             "<td>Caramel Fudge</td><td class=\"num\">2</td>", "Change", "13.00",
                             "Note: &lt;b&gt;gift&lt;/b&gt;", "href=\"/api/receipt.css\""})
        EXPECT_NE(r.body.find(part), std::string::npos) << part;
    EXPECT_EQ(r.body.find("http://"), std::string::npos);  // no external resource
    auto css = server.get("/api/receipt.css");
    EXPECT_EQ(css.status, 200);
    EXPECT_NE(css.body.find("@media print"), std::string::npos);
}

TEST(OrdersApiShop, TheReceiptShowsTheShopAndItsTimeZone) {
    TestServer server([](sweetshop::app::Config& c) {
        c.shop_name = "Ann's Sweets";
        c.shop_address = "1 High Street";
        c.time_zone = "Asia/Tokyo";
    });
    server.create_user("boss", "boss-password", true);
    const Headers admin{{"Authorization", "Bearer " + server.access_token("boss", "boss-password")}};
    ASSERT_EQ(
        server.post("/api/sweets/", R"({"name":"Mint","category":"Mints","price":"1.00","quantity":3})", admin).status,
        201);
    auto placed = server.post("/api/orders/", R"({"lines":[{"sweet":1,"amount":1}]})", admin);
    ASSERT_EQ(placed.status, 201);
    const sweetshop::domain::ShopTimeZone tokyo("Asia/Tokyo");
    const auto at = server.clock().now();
    auto r = server.get("/api/orders/10001/receipt/", admin);
    EXPECT_NE(r.body.find("<h1>Ann&#39;s Sweets</h1><p class=\"address\">1 High Street</p>"), std::string::npos);
    EXPECT_NE(r.body.find("<dd>" + tokyo.format_minute(at).substr(0, 10)), std::string::npos);
    EXPECT_NE(r.body.find("(Asia/Tokyo)"), std::string::npos);
}

TEST(OrdersApiShop, TheShopSaysHowItWritesMoney) {
    TestServer server([](sweetshop::app::Config& c) {
        c.shop_name = "Ann's Sweets";
        c.currency = "GBP";
        c.locale = "en-GB";
        c.time_zone = "Europe/London";
    });
    auto r = server.get("/api/shop/");  // no token: the web app asks before anyone signs in
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body,
              R"({"name":"Ann's Sweets","address":"","currency":"GBP","locale":"en-GB","time_zone":"Europe/London",)"
              R"("storefront":true})");
    TestServer plain;
    EXPECT_EQ(plain.get("/api/shop/").json()["currency"], "USD");
    EXPECT_EQ(plain.get("/api/shop/").json()["locale"], "en-US");
}
