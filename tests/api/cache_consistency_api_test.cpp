// The catalogue answers and the user lookup are cached per data version: a change committed by this server shows
// at its very next request; one committed by another process on the same database shows at the next request on
// SQLite (PRAGMA data_version), and on PostgreSQL at the next request after the server is notified of it
// (LISTEN/NOTIFY, docs/api.md, Freshness). Two servers on one database see each other's changes the same way.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>

#include "shop_fixture.hpp"
#include "storage/user_repository.hpp"

using namespace sweetshop::testing;
using sweetshop::storage::Database;

namespace {
/// Notifications `db`'s listener has received (0 on SQLite, which needs none).
std::uint64_t notified(const Database& db) {
    const auto* listener = db.change_listener();
    return listener ? listener->notifications() : 0;
}
/// On PostgreSQL, waits until `db` has been notified of a change made after it had received `before`.
void await_notification(const Database& db, std::uint64_t before) {
    if (!db.change_listener()) return;
    while (notified(db) <= before)
        std::this_thread::yield();
}
}  // namespace

class CacheConsistencyApi : public ShopFixture {
  protected:
    CacheConsistencyApi() {
        // The server caches on both backends (on PostgreSQL once its listener listens).
        while (!server.app().database().data_version())
            std::this_thread::yield();
    }
    Database& db() { return server.app().database(); }
    /// Another process's connection to the same database.
    Database other{server.app().config().database_url, 1};
};

TEST_F(CacheConsistencyApi, AChangeByAnotherProcessShowsAtOnce) {
    add_sweet("Mint", "1.00", 5);
    const auto before_list = server.get("/api/sweets/", user).body;
    const auto before_detail = server.get("/api/sweets/1/", user).body;
    EXPECT_EQ(server.get("/api/sweets/", user).body, before_list);  // answered again, unchanged
    const auto seen = notified(db());
    other.write([](soci::session& sql) { sql << "UPDATE sweets SET price_cents = 175 WHERE id = 1"; });
    await_notification(db(), seen);
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
    const auto seen = notified(db());
    ASSERT_TRUE(
        users.set_role("boss", sweetshop::domain::Role::Customer));  // what `sweetshop set-role boss customer` does
    await_notification(db(), seen);
    auto r = server.post("/api/sweets/1/restock/", R"({"amount":1})", admin);
    // On PostgreSQL the notification just heard may be one of an earlier commit still in flight (the fixture's
    // sign-ins): the demotion's own follows it, in commit order, so each further one heard is another chance.
    for (int heard = 0; r.status == 200 && db().change_listener() && heard < 20; ++heard) {
        const auto before = notified(db());
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        while (notified(db()) <= before && std::chrono::steady_clock::now() < deadline)
            std::this_thread::yield();
        if (notified(db()) <= before) break;  // nothing more is coming: the answer stands
        r = server.post("/api/sweets/1/restock/", R"({"amount":1})", admin);
    }
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

// Two servers on one database, as two instances behind a load balancer: each caches, and a purchase or a demotion
// through one is answered by the other once it knows of it. Prints how long that took.
TEST(TwoInstances, AChangeThroughOneReachesTheOthersCache) {
    TestServer a;
    TestServer b([&](sweetshop::app::Config& c) { c.database_url = a.app().config().database_url; });
    a.create_user("boss", "boss-password", true);
    const Headers admin{{"Authorization", "Bearer " + a.access_token("boss", "boss-password")}};
    auto& b_db = b.app().database();
    while (!b_db.data_version() || !a.app().database().data_version())
        std::this_thread::yield();

    auto seen = notified(b_db);
    ASSERT_EQ(
        a.post("/api/sweets/", R"({"name":"Mint","category":"Mints","price":"1.00","quantity":10})", admin).status,
        201);
    const auto quantity_on_b = [&] { return b.get("/api/sweets/1/", admin).json().at("quantity").get<int>(); };
    await_notification(b_db, seen);  // b has heard of the new sweet (PostgreSQL)
    EXPECT_EQ(quantity_on_b(), 10);
    EXPECT_EQ(quantity_on_b(), 10);  // now from b's cache

    seen = notified(b_db);
    ASSERT_EQ(a.post("/api/sweets/1/purchase/", R"({"amount":3})", admin).status, 200);
    const auto answered = std::chrono::steady_clock::now();
    int fresh = quantity_on_b();
    while (fresh != 7 && std::chrono::steady_clock::now() - answered < std::chrono::seconds(10))
        fresh = quantity_on_b();
    const auto delay = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - answered);
    EXPECT_EQ(fresh, 7);
    std::cout << "b answered the purchase made through a after " << delay.count() << " us\n";
    await_notification(b_db, seen);
    EXPECT_EQ(quantity_on_b(), 7);

    // A demotion through a: b refuses the admin's next restock once it knows.
    seen = notified(b_db);
    ASSERT_TRUE(a.app().users().set_role("boss", sweetshop::domain::Role::Customer));
    await_notification(b_db, seen);
    EXPECT_EQ(b.post("/api/sweets/1/restock/", R"({"amount":1})", admin).status, 403);
}

namespace {
sweetshop::http::Request get_request(const std::string& path, const Headers& headers) {
    sweetshop::http::Request r;
    r.method = "GET";
    r.path = path;
    for (const auto& [name, value] : headers)
        r.headers.emplace_back(name, value);
    return r;
}
}  // namespace

// Pool::CacheFirst: a cached answer is given on the calling thread (the server's I/O thread) without the database;
// inside common::NoBlocking any database use would have stopped the attempt, so an answer proves none was made.
TEST_F(CacheConsistencyApi, ACachedAnswerIsGivenWithoutWaitingForTheDatabase) {
    add_sweet("Mint", "1.00", 5);
    auto& api = server.service().api();
    const auto request = get_request("/api/sweets/1/", user);
    // Renders and caches the answer and ann's user row, then asks without the database. On PostgreSQL the
    // notification of an earlier write (the fixture's users, the sweet) may land in between and make the cache
    // stale, rightly; then the request is made again, until nothing more arrives.
    HttpResponse first;
    auto cached_now = [&] {
        std::optional<sweetshop::http::Response> answer;
        for (int i = 0; i < 100 && !answer; ++i) {
            first = server.get("/api/sweets/1/", user);
            answer = api.try_without_blocking(request, api.match(request));
        }
        return answer;
    };
    auto answer = cached_now();
    ASSERT_EQ(first.status, 200);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 200);
    EXPECT_EQ(answer->body, first.body);

    // After a purchase the cached answer is stale: the attempt needs the database and gives up.
    const auto seen = notified(db());
    ASSERT_EQ(server.post("/api/sweets/1/purchase/", R"({"amount":1})", user).status, 200);
    await_notification(db(), seen);
    EXPECT_FALSE(api.try_without_blocking(request, api.match(request)));
    answer = cached_now();
    EXPECT_EQ(first.json()["quantity"], 4);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->body, first.body);
}

TEST_F(CacheConsistencyApi, ABadTokenIsRefusedWithoutTheDatabaseAndOnlyCacheFirstRoutesAreTried) {
    add_sweet("Mint", "1.00", 5);
    auto& api = server.service().api();
    const auto bad = get_request("/api/sweets/1/", {{"Authorization", "Bearer not-a-token"}});
    auto answer = api.try_without_blocking(bad, api.match(bad));
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 401);
    EXPECT_EQ(answer->body, server.get("/api/sweets/1/", {{"Authorization", "Bearer not-a-token"}}).body);

    auto purchase = get_request("/api/sweets/1/purchase/", user);
    purchase.method = "POST";
    purchase.body = R"({"amount":1})";
    EXPECT_FALSE(api.try_without_blocking(purchase, api.match(purchase)));
    EXPECT_EQ(server.get("/api/sweets/1/", user).json()["quantity"], 5);  // and nothing was bought
}
