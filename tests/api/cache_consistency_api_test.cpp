// The catalogue answers and the user lookup are cached per data version: a change committed by anyone (this
// server, another process on the same database) shows at the very next request.
#include <gtest/gtest.h>

#include "shop_fixture.hpp"
#include "storage/user_repository.hpp"

using namespace sweetshop::testing;

class CacheConsistencyApi : public ShopFixture {
  protected:
    /// Another process's connection to the same database file.
    sweetshop::storage::Database other{server.app().config().database_url, 1};
};

TEST_F(CacheConsistencyApi, AChangeByAnotherProcessShowsAtOnce) {
    add_sweet("Mint", "1.00", 5);
    const auto before_list = server.get("/api/sweets/", user).body;
    const auto before_detail = server.get("/api/sweets/1/", user).body;
    EXPECT_EQ(server.get("/api/sweets/", user).body, before_list);  // answered again, unchanged
    other.write([](soci::session& sql) { sql << "UPDATE sweets SET price_cents = 175 WHERE id = 1"; });
    EXPECT_EQ(server.get("/api/sweets/", user).json()["results"][0]["price"], "1.75");
    EXPECT_EQ(server.get("/api/sweets/1/", user).json()["price"], "1.75");
    EXPECT_NE(server.get("/api/sweets/1/", user).body, before_detail);
}

TEST_F(CacheConsistencyApi, OwnWritesShowAtOnce) {
    add_sweet("Mint", "1.00", 5);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(server.get("/api/sweets/1/", user).json()["quantity"], 5 - i);
        EXPECT_EQ(server.get("/api/sweets/?page_size=5", user).json()["results"][0]["quantity"], 5 - i);
        ASSERT_EQ(server.post("/api/sweets/1/purchase/", R"({"amount":1})", user).status, 200);
    }
    EXPECT_EQ(server.get("/api/sweets/1/", user).json()["quantity"], 0);
}

TEST_F(CacheConsistencyApi, ADemotionByAnotherProcessTakesEffectAtTheNextRequest) {
    add_sweet("Mint", "1.00", 5);
    EXPECT_EQ(server.post("/api/sweets/1/restock/", R"({"amount":1})", admin).status, 200);
    sweetshop::storage::SqlUserRepository users(other);
    ASSERT_TRUE(users.set_staff("boss", false));  // what `sweetshop set-staff boss off` does
    auto r = server.post("/api/sweets/1/restock/", R"({"amount":1})", admin);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, R"({"detail":"Only admins can restock."})");
}

TEST_F(CacheConsistencyApi, ListsDependOnPathAndQuery) {
    for (int i = 0; i < 3; ++i)
        add_sweet(std::string(1, static_cast<char>('A' + i)), "1", 1);
    auto one = server.get("/api/sweets/?page_size=1", user).json();
    auto two = server.get("/api/sweets/?page_size=2", user).json();
    EXPECT_EQ(one["results"].size(), 1u);
    EXPECT_EQ(two["results"].size(), 2u);
    auto search = server.get("/api/sweets/search/?page_size=1", user).json();
    EXPECT_EQ(search["next"], base() + "/api/sweets/search/?page=2&page_size=1");
    EXPECT_EQ(one["next"], base() + "/api/sweets/?page=2&page_size=1");
}
