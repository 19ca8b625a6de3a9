// Loose sweets sold by weight over real HTTP: a gram-sold sweet's price per kilogram, its stock and amounts in
// grams, a line's total as the exact product rounded to the cent half up (the table of half-cent cases, through
// purchases and orders), refunds that add up to the line, receipts with the weight and the price per kilogram, the
// stock's value, and a unit that changes only while none is in stock. Runs on PostgreSQL too
// (SWEETSHOP_TEST_DATABASE_URL).
#include <gtest/gtest.h>

#include "shop_fixture.hpp"

using namespace sweetshop::testing;

class WeightsApi : public ShopFixture {
  protected:
    std::int64_t add_loose(const std::string& name, const std::string& per_kg, std::int64_t grams,
                           const std::string& extra = "") {
        auto r = server.post("/api/sweets/",
                             R"({"name":")" + name + R"(","category":"Pick and mix","price":")" + per_kg +
                                 R"(","quantity":)" + std::to_string(grams) + R"(,"unit":"gram")" + extra + "}",
                             admin);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json()["id"].get<std::int64_t>();
    }
    nlohmann::json order(std::int64_t sweet, std::int64_t grams) {
        auto r = server.post(
            "/api/orders/",
            R"({"lines":[{"sweet":)" + std::to_string(sweet) + R"(,"amount":)" + std::to_string(grams) + "}]}", user);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json();
    }
};

// price per kg, grams, the total charged: every half cent (a thousandth of the product exactly 500) goes up.
struct Weighed {
    const char* per_kg;
    std::int64_t grams;
    const char* total;
};
constexpr Weighed kTable[] = {
    {"3.00", 125, "0.38"},             // 37.5 cents
    {"3.00", 1, "0.00"},               // 0.3
    {"2.50", 2, "0.01"},               // 0.5
    {"2.50", 1, "0.00"},               // 0.25
    {"12.99", 250, "3.25"},            // 324.75
    {"19.99", 500, "10.00"},           // 999.5
    {"33.33", 150, "5.00"},            // 499.95
    {"10.00", 1000, "10.00"},          // exact
    {"0.01", 499, "0.00"},             // 0.499
    {"0.01", 500, "0.01"},             // 0.5
    {"999999.99", 1000, "999999.99"},  // the largest price, a kilogram
    {"7.77", 333, "2.59"},             // 258.741
};

TEST_F(WeightsApi, ALineIsThePricePerKilogramTimesTheGramsRoundedHalfUp) {
    int n = 0;
    for (const auto& row : kTable) {
        const auto id = add_loose("Loose " + std::to_string(++n), row.per_kg, 100000);
        const auto placed = order(id, row.grams);
        EXPECT_EQ(placed["total"], row.total) << row.per_kg << " x " << row.grams << " g";
        EXPECT_EQ(placed["lines"][0]["total"], row.total);
        EXPECT_EQ(placed["lines"][0]["unit_price"], row.per_kg);
        EXPECT_EQ(placed["lines"][0]["amount"], row.grams);
        EXPECT_EQ(placed["lines"][0]["unit"], "gram");
        // The original's purchase takes grams too, and charges the same.
        auto r = server.post("/api/sweets/" + std::to_string(id) + "/purchase/",
                             R"({"amount":)" + std::to_string(row.grams) + "}", user);
        ASSERT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(r.json()["quantity"], 100000 - 2 * row.grams);
        EXPECT_EQ(r.json()["unit"], "gram");
        const auto purchase = server.get("/api/orders/", admin).json()["results"][0];
        EXPECT_EQ(purchase["total"], row.total) << row.per_kg << " x " << row.grams << " g (purchase)";
    }
    const auto verified = server.get("/api/admin/stock/verify/", admin);
    EXPECT_TRUE(verified.json()["ok"].get<bool>()) << verified.body;
}

TEST_F(WeightsApi, RefundsOfAWeighedLineAddUpToItsTotal) {
    const auto id = add_loose("Jelly beans", "2.50", 1000);
    const auto placed = order(id, 3);  // 0.75 cents: 1 cent
    ASSERT_EQ(placed["total"], "0.01");
    const auto number = placed["number"].get<std::string>();
    std::vector<std::string> back;
    for (int i = 0; i < 3; ++i) {
        auto r = server.post("/api/orders/" + number + "/refund/",
                             R"({"lines":[{"sweet":1,"amount":1}],"restock":true,"reason":"spilt"})", admin);
        ASSERT_EQ(r.status, 200) << r.body;
        back.push_back(r.json()["refunds"][i]["total"].get<std::string>());
    }
    EXPECT_EQ(back, (std::vector<std::string>{"0.00", "0.01", "0.00"}));
    const auto after = server.get("/api/orders/" + number + "/", admin).json();
    EXPECT_EQ(after["refunded_total"], "0.01");
    EXPECT_EQ(after["status"], "refunded");
    // 1 kg at 2.50: two thirds of a bag back, then the rest.
    const auto bag = order(id, 999);  // 249.75 cents
    ASSERT_EQ(bag["total"], "2.50");
    const auto bag_number = bag["number"].get<std::string>();
    auto r = server.post("/api/orders/" + bag_number + "/refund/",
                         R"({"lines":[{"sweet":1,"amount":333}],"restock":false,"reason":"stale"})", admin);
    EXPECT_EQ(r.json()["refunds"][0]["total"], "0.83");  // 83.25
    r = server.post("/api/orders/" + bag_number + "/refund/",
                    R"({"lines":[{"sweet":1,"amount":666}],"restock":false,"reason":"stale"})", admin);
    EXPECT_EQ(r.json()["refunds"][1]["total"], "1.67");  // 249.75 - 83.25, to the cent: 250 - 83
    EXPECT_EQ(r.json()["refunded_total"], "2.50");
    const auto verified = server.get("/api/admin/stock/verify/", admin);
    EXPECT_TRUE(verified.json()["ok"].get<bool>()) << verified.body;  // the reports' summaries agree
    const auto sales = server.get("/api/reports/sales/", admin).json();
    EXPECT_EQ(sales["totals"]["revenue"], "2.51") << sales.dump();
}

TEST_F(WeightsApi, AReceiptShowsTheWeightAndThePricePerKilogram) {
    const auto id = add_loose("Fudge chunks", "12.99", 5000);
    const auto placed = order(id, 250);
    const auto receipt = server.get("/api/orders/" + placed["number"].get<std::string>() + "/receipt/", user);
    ASSERT_EQ(receipt.status, 200);
    EXPECT_NE(receipt.body.find(R"(<td class="num">250 g</td><td class="num">12.99/kg</td><td class="num">3.25</td>)"),
              std::string::npos)
        << receipt.body;
}

TEST_F(WeightsApi, StockAndItsValueAreInGramsAndPerKilogram) {
    const auto id = add_loose("Sherbet lemons", "8.00", 2500, R"(,"cost":"3.00")");
    add_sweet("Lolly", "0.50", 10);
    auto sweet = server.get("/api/sweets/" + std::to_string(id) + "/", user).json();
    EXPECT_EQ(sweet["unit"], "gram");
    EXPECT_EQ(sweet["quantity"], 2500);
    const auto report = server.get("/api/reports/stock/", admin).json();
    EXPECT_EQ(report["totals"]["value_at_price"], "25.00");  // 2.5 kg at 8.00, and 10 at 0.50
    EXPECT_EQ(report["totals"]["value_at_cost"], "7.50");
    // The storefront tells visitors it is sold by weight.
    const auto shop = server.get("/api/storefront/sweets/" + std::to_string(id) + "/").json();
    EXPECT_EQ(shop["unit"], "gram");
}

TEST_F(WeightsApi, TheUnitChangesOnlyWhileNoneIsInStock) {
    const auto id = add_sweet("Humbugs", "1.20", 4);
    const auto path = "/api/sweets/" + std::to_string(id) + "/";
    auto r = call("PATCH", path, R"({"unit":"gram"})", admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"unit":["The unit can change only while none is in stock: there are 4."]})");
    r = call("PATCH", path, R"({"unit":"kilo"})", admin);
    EXPECT_EQ(r.body, R"({"unit":["Select a valid choice. kilo is not one of the available choices."]})");
    ASSERT_EQ(server.post(path + "adjust/", R"({"counted":0,"reason":"count"})", admin).status, 200);
    r = call("PATCH", path, R"({"unit":"gram","price":"12.00"})", admin);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["unit"], "gram");
    ASSERT_EQ(server.post(path + "restock/", R"({"amount":1500})", admin).status, 200);
    EXPECT_EQ(order(id, 100)["total"], "1.20");
}
