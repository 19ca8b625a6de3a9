// Stock under concurrency, over real HTTP from many client threads: never oversold, no lost update, and the ledger
// always balances.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>

#include "shop_fixture.hpp"

using namespace sweetshop::testing;

class StockConcurrencyApi : public ShopFixture {};

TEST_F(StockConcurrencyApi, TwoHundredPurchasesOfOneAgainstFiftyNeverOversell) {
    add_sweet("Mint", "0.75", 50);
    std::atomic<int> sold{0}, refused{0}, other{0};
    race(8, 25, [&](int, int) {
        auto r = server.post("/api/sweets/1/purchase/", R"({"amount":1})", user);
        if (r.status == 200)
            ++sold;
        else if (r.status == 400 && r.body.starts_with(R"({"detail":"Insufficient stock",)"))
            ++refused;
        else
            ++other;
    });
    EXPECT_EQ(sold.load(), 50);
    EXPECT_EQ(refused.load(), 150);
    EXPECT_EQ(other.load(), 0);
    EXPECT_EQ(server.get("/api/sweets/1/", user).json()["quantity"], 0);
    server.app().database().read([](soci::session& sql) {
        long long sales = 0, units = 0, total = 0;
        sql << "SELECT COUNT(*), SUM(amount), SUM(total_cents) FROM purchases", soci::into(sales), soci::into(units),
            soci::into(total);
        EXPECT_EQ(sales, 50);
        EXPECT_EQ(units, 50);
        EXPECT_EQ(total, 50 * 75);
    });
    EXPECT_EQ(
        server.get("/api/admin/stock/verify/", admin).body,
        R"({"ok":true,"checked":1,"mismatches":[],"sales_mismatches":[],"summary_mismatches":[],"batch_mismatches":[]})");
    EXPECT_TRUE(server.app().inventory().verify().ok());
}

TEST_F(StockConcurrencyApi, RestocksRacingPurchasesLoseNoUpdate) {
    add_sweet("Mint", "1", 20);
    std::atomic<int> sold{0}, restocked{0}, other{0};
    race(10, 30, [&](int thread, int) {
        if (thread < 2) {  // two restockers
            auto r = server.post("/api/sweets/1/restock/", R"({"amount":3})", admin);
            if (r.status == 200)
                restocked += 3;
            else
                ++other;
        } else {  // eight buyers of 2
            auto r = server.post("/api/sweets/1/purchase/", R"({"amount":2})", user);
            if (r.status == 200)
                sold += 2;
            else if (!r.body.starts_with(R"({"detail":"Insufficient stock",)"))
                ++other;
        }
    });
    EXPECT_EQ(other.load(), 0);
    EXPECT_EQ(restocked.load(), 2 * 30 * 3);
    const int final_quantity = server.get("/api/sweets/1/", user).json()["quantity"];
    EXPECT_EQ(final_quantity, 20 + restocked.load() - sold.load());
    EXPECT_GE(final_quantity, 0);
    EXPECT_GT(sold.load(), 0);
    EXPECT_EQ(server.get("/api/admin/stock/verify/", admin).json()["ok"], true);
}

TEST_F(StockConcurrencyApi, FourHundredOrdersOfTwoLinesFromSixteenThreadsNeverOversell) {
    for (const char* name : {"Fudge", "Toffee", "Nougat"})
        add_sweet(name, "0.50", 60);
    std::mutex mutex;
    std::map<int, long long> ordered;  // units per sweet in the orders that were placed
    std::atomic<int> placed{0}, refused{0}, other{0};
    race(16, 25, [&](int thread, int i) {
        // Two of the three sweets, in either order (so that the server, not the client, orders the locks), 1-3 each.
        const int a = 1 + (thread + i) % 3, b = 1 + (thread + i + 1 + i % 2) % 3;
        const int na = 1 + (thread * 7 + i) % 3, nb = 1 + (thread + i * 5) % 3;
        const std::string body = R"({"lines":[{"sweet":)" + std::to_string(a) + R"(,"amount":)" + std::to_string(na) +
                                 R"(},{"sweet":)" + std::to_string(b) + R"(,"amount":)" + std::to_string(nb) + "}]}";
        auto r = server.post("/api/orders/", body, thread % 2 ? user : admin);
        if (r.status == 201) {
            ++placed;
            const auto order = r.json();
            std::lock_guard lock(mutex);
            for (const auto& line : order["lines"])
                ordered[line["sweet"].get<int>()] += line["amount"].get<long long>();
        } else if (r.status == 400 && r.json().contains("unavailable")) {
            ++refused;
        } else {
            ++other;
            ADD_FAILURE() << r.status << " " << r.body;
        }
    });
    EXPECT_EQ(placed.load() + refused.load(), 400);
    EXPECT_EQ(other.load(), 0);  // on PostgreSQL: no deadlock, no serialization failure
    long long units = 0;
    for (int id = 1; id <= 3; ++id) {
        const auto left =
            server.get("/api/sweets/" + std::to_string(id) + "/", user).json()["quantity"].get<long long>();
        EXPECT_GE(left, 0);
        EXPECT_EQ(60 - left, ordered[id]) << "sweet " << id;  // the stock dropped by exactly the units in orders
        units += ordered[id];
    }
    EXPECT_GT(placed.load(), 0);
    server.app().database().read([&](soci::session& sql) {
        long long orders = 0, lines = 0, sold = 0;
        sql << "SELECT COUNT(*) FROM orders", soci::into(orders);
        sql << "SELECT COUNT(*), SUM(amount) FROM order_lines", soci::into(lines), soci::into(sold);
        EXPECT_EQ(orders, placed.load());
        EXPECT_EQ(lines, 2 * orders);  // every order complete, or absent
        EXPECT_EQ(sold, units);
    });
    EXPECT_EQ(
        server.get("/api/admin/stock/verify/", admin).body,
        R"({"ok":true,"checked":3,"mismatches":[],"sales_mismatches":[],"summary_mismatches":[],"batch_mismatches":[]})");
}
