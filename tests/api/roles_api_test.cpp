// Roles over real HTTP: customer, staff and owner in the user objects (after the original's fields), staff run the
// shop without seeing or setting costs and profit, the owner sees them all. Runs on PostgreSQL too
// (SWEETSHOP_TEST_DATABASE_URL).
#include <gtest/gtest.h>

#include "shop_fixture.hpp"

using namespace sweetshop::testing;

class RolesApi : public ShopFixture {
  protected:
    RolesApi() {
        server.create_user("sam", "sam-password", sweetshop::domain::Role::Staff);
        staff = {{"Authorization", "Bearer " + server.access_token("sam", "sam-password")}};
        EXPECT_EQ(server
                      .post("/api/sweets/",
                            R"({"name":"Mint","category":"Mints","price":"1.00","cost":"0.40","quantity":10})", admin)
                      .status,
                  201);
        EXPECT_EQ(server.post("/api/orders/", R"({"lines":[{"sweet":1,"amount":2}]})", user).status, 201);
    }
    Headers staff;
};

TEST_F(RolesApi, EachUserObjectSaysItsRoleAfterTheOriginalFields) {
    EXPECT_EQ(
        server.get("/api/auth/me/", user).body,
        R"({"id":2,"username":"ann","email":"","is_staff":false,"role":"customer","must_change_password":false})");
    EXPECT_EQ(server.get("/api/auth/me/", staff).body,
              R"({"id":3,"username":"sam","email":"","is_staff":true,"role":"staff","must_change_password":false})");
    EXPECT_EQ(server.get("/api/auth/me/", admin).body,
              R"({"id":1,"username":"boss","email":"","is_staff":true,"role":"owner","must_change_password":false})");
    // The original's flag in the tokens: true for staff and the owner.
    auto login = server.post("/api/auth/login/", R"({"username":"sam","password":"sam-password"})");
    EXPECT_EQ(login.json()["user"]["role"], "staff");
}

TEST_F(RolesApi, StaffRunTheShopWithoutCosts) {
    const auto sweet = server.get("/api/sweets/1/", staff).body;
    EXPECT_NE(
        sweet.find(
            R"("reorder_quantity":0,"active":true,"sku":null,"barcode":null,"image":null,"thumbnail":null,"best_before":null,"unit":"piece"})"),
        std::string::npos)
        << sweet;
    EXPECT_EQ(sweet.find("cost"), std::string::npos);
    EXPECT_NE(server.get("/api/sweets/1/", admin).body.find(R"("cost":"0.40")"), std::string::npos);

    auto r = server.post("/api/sweets/", R"({"name":"Fudge","category":"F","price":"2.00","cost":"1.00"})", staff);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, R"({"detail":"Only the owner can see and set costs."})");
    r = http(server.port(), "PATCH", "/api/sweets/1/", R"({"cost":null})", staff);
    EXPECT_EQ(r.status, 403);
    r = server.post("/api/sweets/", R"({"name":"Fudge","category":"F","price":"2.00","quantity":3})", staff);
    EXPECT_EQ(r.status, 201) << r.body;  // the rest of the catalogue is theirs
    EXPECT_EQ(server.post("/api/sweets/1/restock/", R"({"amount":5})", staff).status, 200);
    EXPECT_EQ(server.get("/api/orders/", staff).json()["count"], 1);  // everyone's orders

    const auto sales = server.get("/api/reports/sales/?group=sweet", staff).json();
    EXPECT_EQ(sales["totals"].dump(),
              R"({"orders":1,"units":2,"revenue":"2.00","refunded_units":0,"refunds":"0.00","net_revenue":"2.00"})");
    const auto owner_sales = server.get("/api/reports/sales/?group=sweet", admin).json();
    EXPECT_EQ(owner_sales["totals"]["gross_profit"], "1.20");
    EXPECT_FALSE(server.get("/api/reports/best-sellers/", staff).json()["results"][0].contains("gross_profit"));
    EXPECT_EQ(server.get("/api/reports/best-sellers/", admin).json()["results"][0]["gross_profit"], "1.20");
    const auto stock = server.get("/api/reports/stock/", staff).json();
    EXPECT_EQ(stock["totals"].dump(), R"({"sweets":2,"units":16,"value_at_price":"19.00"})");
    EXPECT_EQ(server.get("/api/reports/stock/", admin).json()["totals"]["value_at_cost"], "5.20");

    const auto lines = server.get("/api/exports/order-lines/", staff).body;
    EXPECT_EQ(lines.substr(0, lines.find("\r\n")),
              R"("order","placed_at","customer","sweet","name","unit_price","amount","total","refunded")");
    const auto owner_lines = server.get("/api/exports/order-lines/", admin).body;
    EXPECT_NE(owner_lines.find(R"("refunded","unit_cost")"), std::string::npos);
    const auto stock_csv = server.get("/api/exports/stock/", staff).body;
    EXPECT_EQ(stock_csv.find("cost"), std::string::npos) << stock_csv;
}

TEST_F(RolesApi, CustomersSeeNoStaffPages) {
    EXPECT_EQ(server.get("/api/reports/sales/", user).status, 403);
    EXPECT_EQ(server.post("/api/sweets/1/restock/", R"({"amount":5})", user).status, 403);
    EXPECT_EQ(server.get("/api/sweets/1/", user).body.find("reorder_level"), std::string::npos);
}

TEST_F(RolesApi, CreateAdminMakesTheOwner) {
    EXPECT_FALSE(server.app().accounts().create_admin("sam", "new-password-1"));
    const auto sam = server.app().users().find_by_username("sam");
    ASSERT_TRUE(sam.has_value());
    EXPECT_EQ(sam->role, sweetshop::domain::Role::Owner);
}
