// Stock under concurrency, over real HTTP from many client threads: never oversold, no lost update, and the ledger
// always balances.
#include <gtest/gtest.h>

#include <atomic>

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
        else if (r.status == 400 && r.body == R"({"detail":"Insufficient stock"})")
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
    EXPECT_EQ(server.get("/api/admin/stock/verify/", admin).body,
              R"({"ok":true,"checked":1,"mismatches":[],"sales_mismatches":[]})");
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
            else if (r.body != R"({"detail":"Insufficient stock"})")
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
