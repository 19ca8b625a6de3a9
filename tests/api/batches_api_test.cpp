// Perishables over real HTTP: batches sold first-expiry-first across restocks, orders and refunds; the expiry
// boundary at midnight in a non-UTC zone (a fake clock); the expiring list, write-offs and their value; expiry
// alerts once; verify-stock's batch checks; no batch below zero under 16 concurrent buyers. Runs on PostgreSQL too
// (SWEETSHOP_TEST_DATABASE_URL).
#include <gtest/gtest.h>

#include <atomic>
#include <map>

#include "domain/time_zone.hpp"
#include "shop_fixture.hpp"

using namespace sweetshop::testing;
namespace domain = sweetshop::domain;

namespace {
constexpr const char* kZone = "Pacific/Auckland";  // UTC+13 in December
const domain::ShopTimeZone& zone() {
    static const domain::ShopTimeZone z(kZone);
    return z;
}
/// The instant the day begins in Auckland.
domain::Micros midnight_before(int year, int month, int day) {
    return zone().start_of(domain::LocalDate{year, month, day});
}
/// The instant the day begins in UTC (the fixture's shop).
domain::Micros utc_midnight(int year, int month, int day) {
    static const domain::ShopTimeZone utc("UTC");
    return utc.start_of(domain::LocalDate{year, month, day});
}
}  // namespace

class BatchesApi : public ShopFixture {
  protected:
    BatchesApi() {
        // Noon on 1 December 2026 (the fixture's shop keeps UTC): the day every test starts on.
        at(utc_midnight(2026, 12, 1) + 12LL * 3600 * 1'000'000);
    }
    /// Stands at `when`, with tokens issued then.
    void at(domain::Micros when) {
        server.clock().set(when);
        admin = {{"Authorization", "Bearer " + server.access_token("boss", "boss-password")}};
        user = {{"Authorization", "Bearer " + server.access_token("ann", "ann-password")}};
    }
    static sweetshop::app::Config& zoned(sweetshop::app::Config& c) {
        c.time_zone = kZone;
        return c;
    }
    HttpResponse restock(std::int64_t id, int amount, const std::string& best_before = "",
                         const std::string& lot = "") {
        nlohmann::json body{{"amount", amount}};
        if (!best_before.empty()) body["best_before"] = best_before;
        if (!lot.empty()) body["lot"] = lot;
        return server.post("/api/sweets/" + std::to_string(id) + "/restock/", body.dump(), admin);
    }
    int buy(std::int64_t id, int amount) {
        return server
            .post("/api/sweets/" + std::to_string(id) + "/purchase/", nlohmann::json{{"amount", amount}}.dump(), user)
            .status;
    }
    /// The sweet's batches as "date/lot:units" (undated: "-"), in the order sales take them.
    std::string batches(std::int64_t id) {
        const auto r = server.get("/api/sweets/" + std::to_string(id) + "/batches/", admin);
        EXPECT_EQ(r.status, 200) << r.body;
        std::string out;
        const auto body = r.json();
        for (const auto& b : body["results"]) {
            if (!out.empty()) out += ' ';
            out.append(b["best_before"].is_null() ? "-" : b["best_before"].get<std::string>());
            if (const auto lot = b["lot"].get<std::string>(); !lot.empty()) out.append("/").append(lot);
            out.append(":").append(std::to_string(b["units"].get<long long>()));
            if (const auto expired = b["expired_units"].get<long long>(); expired > 0)
                out.append("+").append(std::to_string(expired)).append("x");
        }
        return out;
    }
    /// The newest history entry's batch moves as "date:delta".
    std::string last_moves(std::int64_t id) {
        const auto body = server.get("/api/sweets/" + std::to_string(id) + "/history/?page_size=1", admin).json();
        std::string out;
        for (const auto& m : body["results"][0]["batches"]) {
            if (!out.empty()) out += ' ';
            out.append(m["best_before"].is_null() ? "-" : m["best_before"].get<std::string>());
            out.append(":").append(std::to_string(m["delta"].get<long long>()));
        }
        return out;
    }
    std::int64_t quantity(std::int64_t id) {
        return server.get("/api/sweets/" + std::to_string(id) + "/", admin).json()["quantity"].get<std::int64_t>();
    }
    void expect_verified() {
        const auto r = server.get("/api/admin/stock/verify/", admin);
        EXPECT_TRUE(r.json()["ok"].get<bool>()) << r.body;
    }
};

TEST_F(BatchesApi, SalesTakeTheEarliestDateFirstAcrossRestocksOrdersAndRefunds) {
    const auto id = add_sweet("Fudge", "2.00", 0);
    ASSERT_EQ(restock(id, 5, "2026-12-10", "A").status, 200);
    ASSERT_EQ(restock(id, 5, "2026-12-05", "B").status, 200);
    const auto undated = restock(id, 5);
    ASSERT_EQ(undated.status, 200);
    EXPECT_EQ(undated.json()["best_before"], "2026-12-05");  // the earliest date for sale, on the sweet
    EXPECT_EQ(batches(id), "2026-12-05/B:5 2026-12-10/A:5 -:5");

    ASSERT_EQ(buy(id, 3), 200);
    EXPECT_EQ(last_moves(id), "2026-12-05:-3");
    auto r = server.post("/api/orders/", R"({"lines":[{"sweet":1,"amount":4}]})", user);
    ASSERT_EQ(r.status, 201) << r.body;
    const auto order = r.json()["number"].get<std::string>();
    EXPECT_EQ(last_moves(id), "2026-12-10:-2 2026-12-05:-2");  // by batch id: A came in first
    EXPECT_EQ(batches(id), "2026-12-10/A:3 -:5");
    EXPECT_EQ(server.get("/api/sweets/1/", user).json()["best_before"], "2026-12-10");

    ASSERT_EQ(restock(id, 3, "2026-12-03", "C").status, 200);
    ASSERT_EQ(buy(id, 1), 200);
    EXPECT_EQ(last_moves(id), "2026-12-03:-1");

    // The refund puts units back where the order took them, the latest expiring first: A's 2, then one of B's.
    r = server.post("/api/orders/" + order + "/refund/",
                    R"({"lines":[{"sweet":1,"amount":3}],"restock":true,"reason":"returned"})", admin);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(last_moves(id), "2026-12-10:2 2026-12-05:1");
    EXPECT_EQ(batches(id), "2026-12-03/C:2 2026-12-05/B:1 2026-12-10/A:5 -:5");

    // The rest of the refund: only B's last unit is still out.
    r = server.post("/api/orders/" + order + "/refund/",
                    R"({"lines":[{"sweet":1,"amount":1}],"restock":true,"reason":"returned"})", admin);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(last_moves(id), "2026-12-05:1");

    ASSERT_EQ(buy(id, 12), 200);  // C 2, B 2, A 5, then 3 undated
    EXPECT_EQ(last_moves(id), "2026-12-10:-5 2026-12-05:-2 2026-12-03:-2 -:-3");
    EXPECT_EQ(batches(id), "-:2");
    EXPECT_EQ(quantity(id), 2);
    expect_verified();
}

TEST_F(BatchesApi, AdjustmentsActOnTheEarliestBatchOrTheOneNamed) {
    const auto id = add_sweet("Fudge", "2.00", 4);  // 4 undated
    ASSERT_EQ(restock(id, 6, "2026-12-08").status, 200);
    ASSERT_EQ(restock(id, 6, "2026-12-04").status, 200);
    auto r = server.post("/api/sweets/1/adjust/", R"({"delta":-2,"reason":"damaged"})", admin);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(batches(id), "2026-12-04:4 2026-12-08:6 -:4");
    const auto list = server.get("/api/sweets/1/batches/", admin).json();
    const auto later = list["results"][1]["id"].get<long long>();
    r = server.post("/api/sweets/1/adjust/",
                    nlohmann::json{{"counted", 2}, {"reason", "count"}, {"batch", later}}.dump(), admin);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["entry"]["delta"], -4);
    EXPECT_EQ(batches(id), "2026-12-04:4 2026-12-08:2 -:4");
    r = server.post("/api/sweets/1/adjust/",
                    nlohmann::json{{"delta", -3}, {"reason", "other"}, {"batch", later}}.dump(), admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"delta":["Ensure the stock stays at or above 0: there are 2."]})");
    r = server.post("/api/sweets/1/adjust/", R"({"delta":1,"reason":"other","batch":999})", admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"batch":["Batch 999 is not a batch of this sweet."]})");
    // Units a count finds go to the undated batch.
    r = server.post("/api/sweets/1/adjust/", R"({"counted":12,"reason":"count"})", admin);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(batches(id), "2026-12-04:4 2026-12-08:2 -:6");
    expect_verified();
}

TEST_F(BatchesApi, ARestockNamesARealDateTodayOrLaterAndAShortLot) {
    const auto id = add_sweet("Fudge", "2.00", 0);
    auto r = restock(id, 1, "2026-11-30");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"best_before":["Ensure this date is today or later."]})");
    r = restock(id, 1, "2026-02-30");
    EXPECT_EQ(r.body, R"({"best_before":["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]})");
    r = restock(id, 1, "2026-12-09", std::string(65, 'x'));
    EXPECT_EQ(r.body, R"({"lot":["Ensure this field has no more than 64 characters."]})");
    EXPECT_EQ(restock(id, 1, "2026-12-01", "L-7").status, 200);  // today is fine
    EXPECT_EQ(restock(id, 2, "2026-12-01", "L-7").status, 200);  // the same date and lot: the same batch
    EXPECT_EQ(batches(id), "2026-12-01/L-7:3");
    // The original's body still restocks the undated batch; a purchase takes no batch fields.
    EXPECT_EQ(server.post("/api/sweets/1/restock/", R"({"amount":1,"best_before":null,"unit":"piece"})", admin).status,
              200);
    EXPECT_EQ(batches(id), "2026-12-01/L-7:3 -:1");
}

TEST_F(BatchesApi, ABatchLeavesTheSellableQuantityAtMidnightInTheShopsZone) {
    TestServer shop([](sweetshop::app::Config& c) { zoned(c); });
    const auto midnight = midnight_before(2026, 12, 6);  // 2026-12-05T11:00:00Z
    shop.clock().set(midnight - 60'000'000LL);           // 23:59 on the 5th in Auckland (10:59 UTC)
    shop.create_user("boss", "boss-password", true);
    shop.create_user("ann", "ann-password");
    const Headers boss{{"Authorization", "Bearer " + shop.access_token("boss", "boss-password")}};
    const Headers ann{{"Authorization", "Bearer " + shop.access_token("ann", "ann-password")}};
    ASSERT_EQ(domain::format_timestamp(midnight), "2026-12-05T11:00:00Z");
    ASSERT_EQ(
        shop.post("/api/sweets/", R"({"name":"Eclair","category":"Patisserie","price":"3.00","quantity":0})", boss)
            .status,
        201);
    ASSERT_EQ(shop.post("/api/sweets/1/restock/", R"({"amount":2,"best_before":"2026-12-05","lot":"E1"})", boss).status,
              200);
    ASSERT_EQ(shop.post("/api/sweets/1/restock/", R"({"amount":3})", boss).status, 200);
    auto sell = [&](int n) { return shop.post("/api/sweets/1/purchase/", nlohmann::json{{"amount", n}}.dump(), ann); };
    // A batch best before the 5th is sold through the last second of the 5th, the shop's day (the fake clock ticks
    // a microsecond per reading, so a request needs some to spare).
    shop.clock().set(midnight - 1'000'000);
    auto r = sell(1);
    ASSERT_EQ(r.status, 200);
    auto history = shop.get("/api/sweets/1/history/?page_size=1", boss).json();
    EXPECT_EQ(history["results"][0]["batches"][0]["best_before"], "2026-12-05");

    // At midnight it is not sold any more, even before the expiry job moves it: the undated units go instead.
    shop.clock().set(midnight);
    r = sell(1);
    ASSERT_EQ(r.status, 200) << r.body;
    history = shop.get("/api/sweets/1/history/?page_size=1", boss).json();
    EXPECT_EQ(history["results"][0]["batches"][0]["best_before"], nullptr);
    EXPECT_EQ(r.json()["quantity"], 3);  // 1 dated, waiting for the job, and 2 undated

    // Asking for more than the units for sale moves the expired batch out there and then, and refuses.
    r = sell(3);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"detail":"Insufficient stock","available":2})");  // the 2 undated
    const auto sweet = shop.get("/api/sweets/1/", boss).json();
    EXPECT_EQ(sweet["quantity"], 2);
    EXPECT_EQ(sweet["best_before"], nullptr);
    history = shop.get("/api/sweets/1/history/?page_size=1", boss).json();
    EXPECT_EQ(history["results"][0]["reason"], "expired");
    EXPECT_EQ(history["results"][0]["actor"], "expiry");
    EXPECT_EQ(history["results"][0]["delta"], -1);
    // The job finds nothing more to move.
    EXPECT_EQ(shop.app().perishables().run_expiry(), 0);

    const auto expiring = shop.get("/api/stock/expiring/?days=0", boss).json();
    ASSERT_EQ(expiring["count"], 1);
    const auto& batch = expiring["results"][0];
    EXPECT_EQ(batch["best_before"], "2026-12-05");
    EXPECT_EQ(batch["lot"], "E1");
    EXPECT_EQ(batch["units"], 0);
    EXPECT_EQ(batch["expired_units"], 1);
    EXPECT_EQ(batch["days_left"], -1);
    EXPECT_EQ(batch["expired"], true);
    const auto verified = shop.get("/api/admin/stock/verify/", boss);
    EXPECT_TRUE(verified.json()["ok"].get<bool>()) << verified.body;
}

TEST_F(BatchesApi, TheExpiryJobMovesEachBatchOnceAcrossServers) {
    TestServer a([](sweetshop::app::Config& c) { zoned(c); });
    TestServer b([&](sweetshop::app::Config& c) {
        zoned(c);
        c.database_url = a.app().config().database_url;
    });
    const auto midnight = midnight_before(2026, 12, 3);
    a.clock().set(midnight - 3'600'000'000LL);
    a.create_user("boss", "boss-password", true);
    const Headers boss{{"Authorization", "Bearer " + a.access_token("boss", "boss-password")}};
    ASSERT_EQ(
        a.post("/api/sweets/", R"({"name":"Tart","category":"Patisserie","price":"2.50","quantity":0})", boss).status,
        201);
    for (int i = 0; i < 4; ++i)  // four lots best before the 2nd, one undated batch
        ASSERT_EQ(
            a.post("/api/sweets/1/restock/",
                   nlohmann::json{{"amount", 2 + i}, {"best_before", "2026-12-02"}, {"lot", "T" + std::to_string(i)}}
                       .dump(),
                   boss)
                .status,
            200);
    ASSERT_EQ(a.post("/api/sweets/1/restock/", R"({"amount":7})", boss).status, 200);
    a.clock().set(midnight + 5);
    b.clock().set(midnight + 5);
    std::atomic<int> moved{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] { moved += (t % 2 ? a : b).app().perishables().run_expiry(); });
    for (auto& th : threads)
        th.join();
    EXPECT_EQ(moved.load(), 4);
    const Headers later{{"Authorization", "Bearer " + a.access_token("boss", "boss-password")}};
    EXPECT_EQ(a.get("/api/sweets/1/", later).json()["quantity"], 7);
    long long expired_entries = 0;
    a.app().database().read([&](soci::session& sql) {
        sql << "SELECT COUNT(*) FROM stock_ledger WHERE reason = 'expired'", soci::into(expired_entries);
    });
    EXPECT_EQ(expired_entries, 4);
    const auto verified = a.get("/api/admin/stock/verify/", later);
    EXPECT_TRUE(verified.json()["ok"].get<bool>()) << verified.body;
}

TEST_F(BatchesApi, WritingOffRecordsTheWasteWithItsValue) {
    auto r =
        server.post("/api/sweets/",
                    R"({"name":"Truffle","category":"Chocolate","price":"1.50","quantity":0,"cost":"0.60"})", admin);
    ASSERT_EQ(r.status, 201);
    ASSERT_EQ(restock(1, 5, "2026-12-01", "old").status, 200);
    ASSERT_EQ(restock(1, 4, "2026-12-20", "new").status, 200);
    // The old batch expires overnight; the new one is far from its date.
    at(utc_midnight(2026, 12, 2) + 1);
    server.app().perishables().run_expiry();
    auto expiring = server.get("/api/stock/expiring/", admin).json();  // 7 days ahead: the old batch only
    ASSERT_EQ(expiring["count"], 1);
    EXPECT_EQ(expiring["units"], 5);
    EXPECT_EQ(expiring["value"], "3.00");
    EXPECT_EQ(expiring["results"][0]["unit_cost"], "0.60");
    const auto old_batch = expiring["results"][0]["id"].get<long long>();
    EXPECT_EQ(server.get("/api/stock/expiring/?days=30", admin).json()["count"], 2);
    EXPECT_EQ(server.get("/api/stock/expiring/?days=367", admin).status, 400);
    EXPECT_EQ(server.get("/api/stock/expiring/", user).status, 403);

    r = server.post("/api/stock/batches/" + std::to_string(old_batch) + "/write-off/", R"({"note":"mould"})", admin);
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = r.json();
    EXPECT_EQ(body["units"], 5);
    EXPECT_EQ(body["value"], "3.00");
    EXPECT_EQ(body["batch"]["expired_units"], 0);
    EXPECT_EQ(server.get("/api/stock/expiring/", admin).json()["count"], 0);
    r = server.post("/api/stock/batches/" + std::to_string(old_batch) + "/write-off/", "{}", admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"detail":"This batch has nothing left to write off."})");
    EXPECT_EQ(server.post("/api/stock/batches/999/write-off/", "{}", admin).body,
              R"({"detail":"No batch matches the given query."})");

    // A batch still for sale: its units leave the quantity with the write-off.
    const auto list = server.get("/api/sweets/1/batches/", admin).json();
    ASSERT_EQ(list["count"], 1);
    r = server.post("/api/stock/batches/" + std::to_string(list["results"][0]["id"].get<long long>()) + "/write-off/",
                    R"({"note":"dropped the tray"})", admin);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["value"], "2.40");
    EXPECT_EQ(quantity(1), 0);
    const auto history = server.get("/api/sweets/1/history/?page_size=1", admin).json()["results"][0];
    EXPECT_EQ(history["reason"], "expired");
    EXPECT_EQ(history["note"], "Written off: dropped the tray");
    EXPECT_EQ(history["delta"], -4);
    long long waste = 0, value = 0;
    server.app().database().read([&](soci::session& sql) {
        sql << "SELECT CAST(SUM(units) AS BIGINT), CAST(SUM(value_cents) AS BIGINT) FROM stock_write_offs",
            soci::into(waste), soci::into(value);
    });
    EXPECT_EQ(waste, 9);
    EXPECT_EQ(value, 540);
    expect_verified();
}

TEST_F(BatchesApi, ABatchNearItsDateOpensOneExpiryAlert) {
    const auto id = add_sweet("Macaron", "1.20", 0);
    ASSERT_EQ(restock(id, 6, "2026-12-03", "M").status, 200);  // 2 days away: warned (the default, 2 days)
    ASSERT_EQ(restock(id, 6, "2026-12-09", "N").status, 200);  // 8 days away: not yet
    server.app().perishables().run_expiry();
    server.app().perishables().run_expiry();
    auto alerts = server.get("/api/stock/alerts/", admin).json();
    ASSERT_EQ(alerts["count"], 1);
    EXPECT_EQ(alerts["results"][0]["kind"], "expiry");
    EXPECT_EQ(alerts["results"][0]["best_before"], "2026-12-03");
    EXPECT_EQ(alerts["results"][0]["quantity"], 6);
    at(utc_midnight(2026, 12, 7) + 1);
    server.app().perishables().run_expiry();
    alerts = server.get("/api/stock/alerts/?status=all", admin).json();
    EXPECT_EQ(alerts["count"], 2);
    EXPECT_EQ(alerts["results"][0]["best_before"], "2026-12-09");
}

TEST_F(BatchesApi, NoBatchGoesBelowZeroUnderSixteenConcurrentBuyers) {
    const auto id = add_sweet("Nougat", "0.80", 0);
    ASSERT_EQ(restock(id, 20, "2026-12-04").status, 200);
    ASSERT_EQ(restock(id, 20, "2026-12-06").status, 200);
    ASSERT_EQ(restock(id, 20).status, 200);
    add_sweet("Brittle", "0.50", 40);
    std::atomic<int> sold{0}, refused{0}, other{0};
    race(16, 8, [&](int thread, int i) {
        HttpResponse r;
        if ((thread + i) % 2)
            r = server.post("/api/sweets/1/purchase/", R"({"amount":1})", user);
        else
            r = server.post("/api/orders/", R"({"lines":[{"sweet":2,"amount":1},{"sweet":1,"amount":1}]})", user);
        if (r.status == 200 || r.status == 201)
            ++sold;
        else if (r.status == 400)
            ++refused;
        else
            ++other;
    });
    EXPECT_EQ(other.load(), 0);
    EXPECT_EQ(sold.load(), 60);
    EXPECT_EQ(refused.load(), 16 * 8 - 60);
    EXPECT_EQ(quantity(id), 0);
    EXPECT_EQ(batches(id), "");
    long long negative = 0, moved = 0;
    server.app().database().read([&](soci::session& sql) {
        sql << "SELECT COUNT(*) FROM stock_batches WHERE units < 0", soci::into(negative);
        sql << "SELECT CAST(SUM(delta) AS BIGINT) FROM stock_moves WHERE sweet_id = 1 AND delta < 0", soci::into(moved);
    });
    EXPECT_EQ(negative, 0);
    EXPECT_EQ(moved, -40);  // the dated batches' units; the undated 20 are no row
    expect_verified();
}

TEST_F(BatchesApi, VerifyStockFindsABatchThatDisagreesWithItsMoves) {
    const auto id = add_sweet("Fudge", "2.00", 3);
    ASSERT_EQ(restock(id, 2, "2026-12-04").status, 200);
    expect_verified();
    EXPECT_EQ(batches(id), "2026-12-04:2 -:3");
    // A batch row changed around the server: against its moves, and against the sweet's batched units.
    server.app().database().write(
        [](soci::session& sql) { sql << "UPDATE stock_batches SET units = units + 1 WHERE best_before IS NOT NULL"; });
    auto r = server.get("/api/admin/stock/verify/", admin).json();
    EXPECT_FALSE(r["ok"].get<bool>());
    EXPECT_EQ(r["batch_mismatches"].dump(), R"([{"check":"batch","id":1,"sweet_id":1,"expected":3,"found":2},)"
                                            R"({"check":"sweet","id":1,"sweet_id":1,"expected":5,"found":3}])");
    // A move that no longer matches its entry.
    server.app().database().write([](soci::session& sql) {
        sql << "UPDATE stock_batches SET units = units - 1 WHERE best_before IS NOT NULL";
        sql << "UPDATE stock_moves SET delta = delta + 1 WHERE delta = 2";
    });
    r = server.get("/api/admin/stock/verify/", admin).json();
    ASSERT_EQ(r["batch_mismatches"].size(), 2u);  // the batch against its moves, and the restock against its move
    EXPECT_EQ(r["batch_mismatches"][0]["check"], "batch");
    EXPECT_EQ(r["batch_mismatches"][1]["check"], "entry");
    EXPECT_EQ(r["batch_mismatches"][1]["expected"], 2);
    EXPECT_EQ(r["batch_mismatches"][1]["found"], 3);
}
