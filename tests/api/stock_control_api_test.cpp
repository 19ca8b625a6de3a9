// Stock control over real HTTP with exact bodies: the sweet's staff fields (never in a customer's answer),
// archive and restore, adjustments and stocktakes with their reasons, a sweet's history, the low-stock list and its
// alerts (one per crossing, also with two servers on one database), and the unit cost kept on sold lines. Runs on
// PostgreSQL too (SWEETSHOP_TEST_DATABASE_URL).
#include <gtest/gtest.h>

#include <set>

#include "shop_fixture.hpp"
#include "webhook_receiver.hpp"

using namespace sweetshop::testing;

namespace {
constexpr const char* kMintStaff =
    R"({"id":1,"name":"Mint","category":"Chocolate","description":"","price":"1.00","quantity":10,)"
    R"("is_available":true,"created_by":"boss","created_at":"T","updated_at":"T","reorder_level":5,)"
    R"("reorder_quantity":20,"cost":"0.40","active":true,"sku":null,"barcode":null,"image":null,"thumbnail":null,"best_before":null,"unit":"piece"})";
constexpr const char* kMintCustomer =
    R"({"id":1,"name":"Mint","category":"Chocolate","description":"","price":"1.00","quantity":10,)"
    R"("is_available":true,"created_by":"boss","created_at":"T","updated_at":"T")"
    R"(,"sku":null,"barcode":null,"image":null,"thumbnail":null,"best_before":null,"unit":"piece"})";
}  // namespace

class StockControlApi : public ShopFixture {
  protected:
    StockControlApi() {
        auto r = server.post("/api/sweets/",
                             R"({"name":"Mint","category":"Chocolate","price":"1.00","quantity":10,)"
                             R"("reorder_level":5,"reorder_quantity":20,"cost":"0.40"})",
                             admin);
        EXPECT_EQ(r.status, 201) << r.body;
        EXPECT_EQ(stamped(r.body), kMintStaff);
    }
    HttpResponse patch(const std::string& target, const std::string& body, const Headers& who) {
        return call("PATCH", target, body, who);
    }
    std::int64_t quantity(int id) {
        return server.get("/api/sweets/" + std::to_string(id) + "/", admin).json()["quantity"].get<std::int64_t>();
    }
    std::size_t open_alerts() { return server.get("/api/stock/alerts/", admin).json()["results"].size(); }
    bool stock_verified() { return server.get("/api/admin/stock/verify/", admin).json()["ok"].get<bool>(); }
    long long scalar(const std::string& query) {
        return server.app().database().read([&](soci::session& sql) {
            long long v = 0;
            soci::indicator ind = soci::i_null;
            sql << query, soci::into(v, ind);
            return ind == soci::i_ok ? v : -1;
        });
    }
};

TEST_F(StockControlApi, StaffSeeTheStockFieldsAndCustomersNever) {
    EXPECT_EQ(stamped(server.get("/api/sweets/1/", admin).body), kMintStaff);
    EXPECT_EQ(stamped(server.get("/api/sweets/1/", user).body), kMintCustomer);
    EXPECT_EQ(stamped(server.get("/api/sweets/", user).body),
              std::string(R"({"count":1,"next":null,"previous":null,"results":[)") + kMintCustomer + "]}");
    EXPECT_EQ(stamped(server.get("/api/sweets/", admin).body),
              std::string(R"({"count":1,"next":null,"previous":null,"results":[)") + kMintStaff + "]}");
    // A customer's purchase answer has no cost either; a staff member's has.
    auto bought = server.post("/api/sweets/1/purchase/", R"({"amount":1})", user);
    EXPECT_EQ(bought.status, 200);
    EXPECT_EQ(bought.body.find("cost"), std::string::npos);
    EXPECT_NE(server.post("/api/sweets/1/purchase/", R"({"amount":1})", admin).body.find(R"("cost":"0.40")"),
              std::string::npos);
}

TEST_F(StockControlApi, TheStockFieldsAreValidatedAndCostCanBeCleared) {
    auto r = patch("/api/sweets/1/", R"({"reorder_level":-1,"reorder_quantity":"x","cost":"0.001","active":"maybe"})",
                   admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"reorder_level":["Ensure this value is greater than or equal to 0."],)"
                      R"("reorder_quantity":["A valid integer is required."],)"
                      R"("cost":["Ensure that there are no more than 2 decimal places."],)"
                      R"("active":["Must be a valid boolean."]})");
    r = patch("/api/sweets/1/", R"({"cost":null,"reorder_level":0})", admin);
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find(R"("reorder_level":0,"reorder_quantity":20,"cost":null,"active":true,"sku":null)"),
              std::string::npos)
        << r.body;
}

TEST_F(StockControlApi, ArchivedSweetsAreHiddenFromCustomersAndNotSoldUntilRestored) {
    add_sweet("Toffee", "2.00", 3);
    auto r = patch("/api/sweets/1/", R"({"active":false})", admin);
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find(R"("active":false,"sku":null)"), std::string::npos);

    EXPECT_EQ(server.get("/api/sweets/1/", user).status, 404);
    EXPECT_EQ(server.get("/api/sweets/1/", user).body, R"({"detail":"No Sweet matches the given query."})");
    EXPECT_EQ(server.get("/api/sweets/", user).json()["count"], 1);               // Toffee only
    EXPECT_EQ(server.get("/api/sweets/?active=false", user).json()["count"], 1);  // a customer's filter is ignored
    EXPECT_EQ(server.get("/api/sweets/", admin).json()["count"], 2);
    EXPECT_EQ(server.get("/api/sweets/?active=false", admin).json()["results"][0]["name"], "Mint");
    EXPECT_EQ(server.get("/api/sweets/?active=true", admin).json()["results"][0]["name"], "Toffee");

    r = server.post("/api/sweets/1/purchase/", R"({"amount":1})", user);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body, R"({"detail":"No Sweet matches the given query."})");
    r = server.post("/api/orders/", R"({"lines":[{"sweet":2,"amount":1},{"sweet":1,"amount":1}]})", user);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"lines":[{},{"sweet":["Invalid pk \"1\" - object does not exist."]}]})");
    EXPECT_EQ(quantity(1), 10);
    EXPECT_EQ(quantity(2), 3);  // nothing of the refused order was sold
    EXPECT_EQ(server.post("/api/sweets/1/restock/", R"({"amount":1})", admin).status, 200);  // staff still may

    EXPECT_EQ(patch("/api/sweets/1/", R"({"active":true})", admin).status, 200);
    EXPECT_EQ(server.post("/api/sweets/1/purchase/", R"({"amount":1})", user).status, 200);
    EXPECT_EQ(server.get("/api/sweets/1/", user).json()["quantity"], 10);
    EXPECT_TRUE(stock_verified());
}

TEST_F(StockControlApi, AnAdjustmentSetsTheCountOrAppliesADeltaWithItsReason) {
    auto r = server.post("/api/sweets/1/adjust/", R"({"counted":7,"reason":"count","note":"shelf 2"})", admin);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(
        stamped(r.body),
        R"({"entry":{"id":2,"at":"T","actor":"boss","reason":"count","delta":-3,"quantity_after":7,)"
        R"("order":null,"note":"shelf 2","batches":[{"batch":null,"best_before":null,"lot":"","delta":-3}]},"sweet")"
        R"(:{"id":1,"name":"Mint","category":"Chocolate",)"
        R"("description":"","price":"1.00","quantity":7,"is_available":true,"created_by":"boss",)"
        R"("created_at":"T","updated_at":"T","reorder_level":5,"reorder_quantity":20,"cost":"0.40",)"
        R"("active":true,"sku":null,"barcode":null,"image":null,"thumbnail":null,"best_before":null,"unit":"piece"}})");
    r = server.post("/api/sweets/1/adjust/", R"({"delta":-2,"reason":"damaged"})", admin);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.json()["entry"]["quantity_after"], 5);
    EXPECT_EQ(r.json()["entry"]["note"], "");
    EXPECT_EQ(quantity(1), 5);
    EXPECT_TRUE(stock_verified());
}

TEST_F(StockControlApi, AdjustmentErrors) {
    auto bad = [&](const std::string& body) { return server.post("/api/sweets/1/adjust/", body, admin); };
    auto r = bad(R"({"counted":3,"delta":1,"reason":"count"})");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"non_field_errors":["Give either counted or delta, not both."]})");
    EXPECT_EQ(bad(R"({"reason":"count"})").body, R"({"non_field_errors":["Give either counted or delta."]})");
    EXPECT_EQ(bad(R"({"delta":0,"reason":"other"})").body, R"({"delta":["Ensure this value is not 0."]})");
    EXPECT_EQ(bad(R"({"counted":-1,"reason":"stolen"})").body,
              R"({"counted":["Ensure this value is greater than or equal to 0."],)"
              R"("reason":["\"stolen\" is not a valid choice."]})");
    EXPECT_EQ(bad(R"({"delta":-11,"reason":"sample"})").body,
              R"({"delta":["Ensure the stock stays at or above 0: there are 10."]})");
    EXPECT_EQ(bad(R"({"delta":2147483647,"reason":"other"})").body,
              R"({"delta":["Ensure the stock stays at or below 2147483647: there are 10."]})");
    EXPECT_EQ(bad(R"({"counted":1})").body, R"({"reason":["This field is required."]})");
    EXPECT_EQ(bad(R"({"counted":1,"reason":"count","note":")" + std::string(501, 'n') + "\"}").body,
              R"({"note":["Ensure this field has no more than 500 characters."]})");
    r = server.post("/api/sweets/99/adjust/", R"({"counted":1,"reason":"count"})", admin);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body, R"({"detail":"No Sweet matches the given query."})");
    r = server.post("/api/sweets/1/adjust/", R"({"counted":1,"reason":"count"})", user);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, R"({"detail":"Only staff can adjust stock."})");
    EXPECT_EQ(quantity(1), 10);  // none of these changed anything
}

TEST_F(StockControlApi, AStocktakeAppliesEveryCountInOneTransaction) {
    add_sweet("Toffee", "2.00", 3);
    const std::string counts = R"({"counts":[{"sweet":2,"counted":5},{"sweet":1,"counted":10}],"note":"Monday")";
    auto r = server.post("/api/stock/count/", counts + R"(,"dry_run":true})", admin);
    ASSERT_EQ(r.status, 200) << r.body;
    const std::string lines = R"("lines":[{"sweet":2,"name":"Toffee","expected":3,"counted":5,"delta":2},)"
                              R"({"sweet":1,"name":"Mint","expected":10,"counted":10,"delta":0}]})";
    EXPECT_EQ(r.body, R"({"applied":false,"counted":2,"changed":1,)" + lines);
    EXPECT_EQ(quantity(2), 3);

    r = server.post("/api/stock/count/", counts + "}", admin);
    EXPECT_EQ(r.body, R"({"applied":true,"counted":2,"changed":1,)" + lines);
    EXPECT_EQ(quantity(2), 5);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM stock_ledger WHERE reason = 'count' AND note = 'Monday'"), 2);
    EXPECT_TRUE(stock_verified());

    r = server.post("/api/stock/count/", R"({"counts":[{"sweet":1,"counted":1},{"sweet":42,"counted":1}]})", admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"counts":["No sweet has the id 42."]})");
    EXPECT_EQ(quantity(1), 10);  // the whole count was refused
    EXPECT_EQ(
        server.post("/api/stock/count/", R"({"counts":[{"sweet":1,"counted":1},{"sweet":1,"counted":2}]})", admin).body,
        R"({"counts":["Sweet 1 is counted more than once."]})");
    EXPECT_EQ(server.post("/api/stock/count/", R"({"counts":[{"sweet":1,"counted":-1}]})", admin).body,
              R"({"counts":[{"counted":["Ensure this value is greater than or equal to 0."]}]})");
    EXPECT_EQ(server.post("/api/stock/count/", R"({"counts":[]})", admin).body,
              R"({"counts":["This list may not be empty."]})");
    EXPECT_EQ(server.post("/api/stock/count/", R"({"counts":[{"sweet":1,"counted":1}]})", user).status, 403);
}

TEST_F(StockControlApi, HistoryIsNewestFirstWithOrdersAndPages) {
    ASSERT_EQ(server.post("/api/sweets/1/purchase/", R"({"amount":2})", user).status, 200);
    ASSERT_EQ(server.post("/api/sweets/1/restock/", R"({"amount":4})", admin).status, 200);
    ASSERT_EQ(server.post("/api/sweets/1/adjust/", R"({"delta":-1,"reason":"sample","note":"tasting"})", admin).status,
              200);
    auto r = server.get("/api/sweets/1/history/", admin);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(
        stamped(r.body),
        R"({"next":null,"results":[)"
        R"({"id":4,"at":"T","actor":"boss","reason":"sample","delta":-1,"quantity_after":11,"order":null,"note":"tasting",)"
        R"("batches":[{"batch":null,"best_before":null,"lot":"","delta":-1}]},)"
        R"({"id":3,"at":"T","actor":"boss","reason":"restock","delta":4,"quantity_after":12,"order":null,"note":"",)"
        R"("batches":[{"batch":null,"best_before":null,"lot":"","delta":4}]},)"
        R"({"id":2,"at":"T","actor":"ann","reason":"purchase","delta":-2,"quantity_after":8,"order":10001,"note":"",)"
        R"("batches":[{"batch":null,"best_before":null,"lot":"","delta":-2}]},)"
        R"({"id":1,"at":"T","actor":"boss","reason":"create","delta":10,"quantity_after":10,"order":null,"note":"",)"
        R"("batches":[{"batch":null,"best_before":null,"lot":"","delta":10}]}]})");
    r = server.get("/api/sweets/1/history/?page_size=3", admin);
    EXPECT_EQ(r.json()["results"].size(), 3u);
    const auto next = r.json()["next"].get<std::string>();
    EXPECT_EQ(next, base() + "/api/sweets/1/history/?before=2&page_size=3");
    r = server.get(next.substr(base().size()), admin);
    EXPECT_EQ(r.json()["results"].size(), 1u);
    EXPECT_EQ(r.json()["results"][0]["reason"], "create");
    EXPECT_TRUE(r.json()["next"].is_null());

    EXPECT_EQ(server.get("/api/sweets/9/history/", admin).body, R"({"detail":"No Sweet matches the given query."})");
    EXPECT_EQ(server.get("/api/sweets/1/history/?page_size=0", admin).body,
              R"({"page_size":["Ensure this value is a whole number between 1 and 500."]})");
    EXPECT_EQ(server.get("/api/sweets/1/history/", user).body, R"({"detail":"Only staff can read stock history."})");
    // A deleted sweet's history stays readable.
    EXPECT_EQ(call("DELETE", "/api/sweets/1/", "", admin).status, 204);
    EXPECT_EQ(server.get("/api/sweets/1/history/", admin).json()["results"][0]["reason"], "delete");
}

TEST_F(StockControlApi, AnAlertOpensOncePerCrossingAndTheLowListSuggestsARestock) {
    add_sweet("Toffee", "2.00", 3);
    ASSERT_EQ(patch("/api/sweets/2/", R"({"reorder_level":4})", admin).status, 200);  // 3 <= 4: low at once
    EXPECT_EQ(open_alerts(), 1u);
    EXPECT_EQ(scalar("SELECT suggested FROM stock_alerts WHERE sweet_id = 2"), 2);  // 4 - 3 + 1

    ASSERT_EQ(server.post("/api/sweets/1/purchase/", R"({"amount":4})", user).status, 200);  // 6: above 5
    EXPECT_EQ(open_alerts(), 1u);
    ASSERT_EQ(server.post("/api/sweets/1/purchase/", R"({"amount":1})", user).status, 200);  // 5: at the level
    ASSERT_EQ(server.post("/api/orders/", R"({"lines":[{"sweet":1,"amount":1}]})", user).status, 201);  // 4
    EXPECT_EQ(open_alerts(), 2u);
    auto alerts = server.get("/api/stock/alerts/", admin);
    EXPECT_EQ(stamped(alerts.body),
              R"({"count":2,"results":[{"id":2,"sweet":1,"name":"Mint","reorder_level":5,"quantity":5,)"
              R"("suggested":20,"opened_at":"T","closed_at":null,"delivered_at":null,"kind":"low_stock","batch":null,)"
              R"("best_before":null},)"
              R"({"id":1,"sweet":2,"name":"Toffee","reorder_level":4,"quantity":3,"suggested":2,"opened_at":"T",)"
              R"("closed_at":null,"delivered_at":null,"kind":"low_stock","batch":null,"best_before":null}]})");

    auto low = server.get("/api/stock/low/", admin).json();
    ASSERT_EQ(low["count"], 2);
    EXPECT_EQ(low["results"][0]["name"], "Toffee");  // 3 of 4 left is more urgent than 4 of 5
    EXPECT_EQ(low["results"][0]["suggested"], 2);
    EXPECT_EQ(low["results"][1]["suggested"], 20);
    EXPECT_EQ(server.get("/api/stock/low/", user).status, 403);

    // Restocked above the level: closed; down again: a new alert.
    ASSERT_EQ(server.post("/api/sweets/1/restock/", R"({"amount":20})", admin).status, 200);  // 24
    EXPECT_EQ(open_alerts(), 1u);
    EXPECT_EQ(server.get("/api/stock/alerts/?status=all", admin).json()["count"], 2);
    ASSERT_EQ(server.post("/api/sweets/1/adjust/", R"({"counted":2,"reason":"count"})", admin).status, 200);
    EXPECT_EQ(open_alerts(), 2u);
    EXPECT_EQ(server.get("/api/stock/alerts/?status=all", admin).json()["count"], 3);
    // Archiving closes its alert.
    ASSERT_EQ(patch("/api/sweets/2/", R"({"active":false})", admin).status, 200);
    EXPECT_EQ(open_alerts(), 1u);
    EXPECT_EQ(server.get("/api/stock/alerts/?status=soon", admin).body,
              R"({"status":["Select a valid choice. soon is not one of the available choices."]})");
}

TEST_F(StockControlApi, StaffListsFilterByStockAndSortByTheNewFields) {
    add_sweet("Toffee", "2.00", 0, "Boiled");
    add_sweet("Aniseed", "0.50", 3, "Boiled");
    ASSERT_EQ(patch("/api/sweets/3/", R"({"reorder_level":3})", admin).status, 200);
    auto names = [&](const std::string& query) {
        std::string out;
        const auto page = server.get("/api/sweets/" + query, admin).json();
        for (const auto& s : page["results"])
            out += s["name"].get<std::string>() + " ";
        return out;
    };
    EXPECT_EQ(names("?stock=low"), "Aniseed ");
    EXPECT_EQ(names("?stock=out"), "Toffee ");
    EXPECT_EQ(names("?ordering=-reorder_level"), "Mint Aniseed Toffee ");
    EXPECT_EQ(names("?ordering=category,-name"), "Toffee Aniseed Mint ");
    EXPECT_EQ(server.get("/api/sweets/?stock=some", admin).body,
              R"({"stock":["Select a valid choice. some is not one of the available choices."]})");
    EXPECT_EQ(server.get("/api/sweets/?stock=low", user).json()["count"], 3);  // ignored for customers
}

TEST_F(StockControlApi, SoldLinesKeepTheUnitCostOfTheirTime) {
    ASSERT_EQ(server.post("/api/sweets/1/purchase/", R"({"amount":1})", user).status, 200);
    ASSERT_EQ(patch("/api/sweets/1/", R"({"cost":"0.55"})", admin).status, 200);
    ASSERT_EQ(server.post("/api/orders/", R"({"lines":[{"sweet":1,"amount":2}]})", user).status, 201);
    EXPECT_EQ(scalar("SELECT unit_cost_cents FROM order_lines WHERE order_id = 10001"), 40);
    EXPECT_EQ(scalar("SELECT unit_cost_cents FROM order_lines WHERE order_id = 10002"), 55);
    ASSERT_EQ(patch("/api/sweets/1/", R"({"cost":null})", admin).status, 200);
    ASSERT_EQ(server.post("/api/sweets/1/purchase/", R"({"amount":1})", user).status, 200);
    EXPECT_EQ(scalar("SELECT unit_cost_cents FROM order_lines WHERE order_id = 10003"), -1);  // NULL: unknown
}

// Two servers on one database sell the last units above the level at once: one alert, not two.
TEST(StockAlertsTwoInstances, OneAlertPerCrossing) {
    TestServer a;
    TestServer b([&](sweetshop::app::Config& c) { c.database_url = a.app().config().database_url; });
    a.create_user("boss", "boss-password", true);
    const Headers admin{{"Authorization", "Bearer " + a.access_token("boss", "boss-password")}};
    ASSERT_EQ(a.post("/api/sweets/",
                     R"({"name":"Mint","category":"Mints","price":"1.00","quantity":40,)"
                     R"("reorder_level":20})",
                     admin)
                  .status,
              201);
    std::atomic<int> sold{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 10; ++i)
                if ((t % 2 ? a : b).post("/api/sweets/1/purchase/", R"({"amount":1})", admin).status == 200) ++sold;
        });
    for (auto& th : threads)
        th.join();
    EXPECT_EQ(sold.load(), 40);
    const auto all = a.get("/api/stock/alerts/?status=all", admin).json();
    EXPECT_EQ(all["count"], 1);
    EXPECT_EQ(all["results"][0]["quantity"], 20);
}

TEST_F(StockControlApi, PrometheusCountsTheSweetsAtOrBelowTheirReorderLevel) {
    auto gauge = [&] {
        const auto text = server.get("/metrics/").body;
        const auto at = text.find("\nsweetshop_sweets_low_stock ");
        return at == std::string::npos ? std::string("absent")
                                       : text.substr(at + 28, text.find('\n', at + 1) - at - 28);
    };
    EXPECT_EQ(gauge(), "0");
    ASSERT_EQ(server.post("/api/sweets/1/purchase/", R"({"amount":5})", user).status, 200);  // 5 of level 5
    EXPECT_EQ(gauge(), "1");
    ASSERT_EQ(patch("/api/sweets/1/", R"({"active":false})", admin).status, 200);  // archived: not counted
    EXPECT_EQ(gauge(), "0");
}

namespace {
sweetshop::testing::Headers boss_of(TestServer& server) {
    return {{"Authorization", "Bearer " + server.access_token("boss", "boss-password")}};
}
}  // namespace

// SWEETSHOP_ALERT_WEBHOOK against a local receiver that the test starts: each alert is POSTed as JSON off the
// request path, sent again after a failure (once the backoff has passed), and recorded as delivered.
TEST(StockAlertWebhook, EachAlertIsPostedAndRetriedAfterAFailure) {
    WebhookReceiver receiver(1);  // the first POST fails
    TestServer server([&](sweetshop::app::Config& c) {
        c.alert_webhook = receiver.url();
        c.alert_retry_seconds = 5;
        c.shop_name = "Corner Sweets";
    });
    server.create_user("boss", "boss-password", true);
    const auto admin = boss_of(server);
    ASSERT_EQ(server
                  .post("/api/sweets/",
                        R"({"name":"Mint","category":"Mints","price":"1.00","quantity":8,)"
                        R"("reorder_level":5,"reorder_quantity":24})",
                        admin)
                  .status,
              201);
    ASSERT_EQ(server.post("/api/sweets/1/purchase/", R"({"amount":4})", admin).status, 200);  // 4: low
    ASSERT_TRUE(receiver.wait_for(1));
    auto sent = nlohmann::ordered_json::parse(receiver.bodies().at(0));
    sent.erase("opened_at");
    EXPECT_EQ(sent.dump(), R"({"id":1,"event":"low_stock","shop":"Corner Sweets","sweet":{"id":1,"name":"Mint"},)"
                           R"("quantity":4,"reorder_level":5,"suggested":24,"text":"Low stock at Corner Sweets: Mint )"
                           R"(has 4 left (reorder level 5); suggested restock 24."})");
    EXPECT_TRUE(server.get("/api/stock/alerts/", admin).json()["results"][0]["delivered_at"].is_null());

    // Once the server has recorded the failure (the receiver counts the request before it answers 500), the clock
    // moves past the first backoff.
    auto failure_recorded = [&] {
        return server.app().database().read([](soci::session& sql) {
            std::string error;
            sql << "SELECT last_error FROM stock_alerts WHERE id = 1", soci::into(error);
            return !error.empty();
        });
    };
    for (int i = 0; i < 1000 && !failure_recorded(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(failure_recorded());
    EXPECT_EQ(server.app().database().read([](soci::session& sql) {
        std::string error;
        sql << "SELECT last_error FROM stock_alerts WHERE id = 1", soci::into(error);
        return error;
    }),
              "HTTP 500");
    server.clock().advance(std::chrono::seconds(6));
    ASSERT_TRUE(receiver.wait_for(2));
    EXPECT_EQ(receiver.bodies().at(1), receiver.bodies().at(0));
    for (int i = 0; i < 200 && server.get("/api/stock/alerts/", admin).json()["results"][0]["delivered_at"].is_null();
         ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_FALSE(server.get("/api/stock/alerts/", admin).json()["results"][0]["delivered_at"].is_null());
    server.clock().advance(std::chrono::hours(2));
    EXPECT_FALSE(receiver.wait_for(3, std::chrono::milliseconds(2500)));  // delivered: never sent again
}

// Two servers on one database with the same webhook: each alert reaches the receiver once.
TEST(StockAlertWebhook, TwoServersSendEachAlertOnce) {
    WebhookReceiver receiver;
    auto tweak = [&](sweetshop::app::Config& c) { c.alert_webhook = receiver.url(); };
    TestServer a(tweak);
    TestServer b([&](sweetshop::app::Config& c) {
        tweak(c);
        c.database_url = a.app().config().database_url;
    });
    a.create_user("boss", "boss-password", true);
    const auto admin = boss_of(a);
    for (const char* name : {"Mint", "Toffee", "Fudge"})
        ASSERT_EQ(a.post("/api/sweets/",
                         std::string(R"({"name":")") + name +
                             R"(","category":"Mints","price":"1.00","quantity":30,"reorder_level":10})",
                         admin)
                      .status,
                  201);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 15; ++i)
                (t % 2 ? a : b)
                    .post("/api/sweets/" + std::to_string(1 + (i % 3)) + "/purchase/", R"({"amount":1})", admin);
        });
    for (auto& th : threads)
        th.join();
    ASSERT_TRUE(receiver.wait_for(3));
    EXPECT_FALSE(receiver.wait_for(4, std::chrono::milliseconds(2500)));
    std::set<long long> ids;
    for (const auto& body : receiver.bodies())
        ids.insert(nlohmann::json::parse(body)["id"].get<long long>());
    EXPECT_EQ(ids, (std::set<long long>{1, 2, 3}));
}
