// Idempotency-Key on purchase and restock: replay, mismatch, in progress, scope, expiry, and what is not stored.
#include <gtest/gtest.h>

#include "shop_fixture.hpp"

using namespace sweetshop::testing;

class IdempotencyApi : public ShopFixture {
  protected:
    long long sales() {
        return server.app().database().read([](soci::session& sql) {
            long long n = 0;
            sql << "SELECT COUNT(*) FROM purchases", soci::into(n);
            return n;
        });
    }
    int quantity(int id) { return server.get("/api/sweets/" + std::to_string(id) + "/", user).json()["quantity"]; }
};

TEST_F(IdempotencyApi, Purchase_RetriedFiveTimesSellsOnceAndAnswersTheSameBody) {
    add_sweet("Mint", "1.50", 10);
    const auto headers = with(user, "Idempotency-Key", "order-42");
    std::vector<HttpResponse> answers;
    for (int i = 0; i < 5; ++i)
        answers.push_back(server.post("/api/sweets/1/purchase/", R"({"amount":2})", headers));
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(answers[i].status, 200);
        EXPECT_EQ(answers[i].body, answers[0].body);
        EXPECT_EQ(answers[i].header("Idempotent-Replayed"), i == 0 ? std::nullopt : std::optional<std::string>("true"));
    }
    EXPECT_EQ(answers[0].json()["quantity"], 8);
    EXPECT_EQ(quantity(1), 8);
    EXPECT_EQ(sales(), 1);
    // The same sale with the amount as a string is the same request.
    auto r = server.post("/api/sweets/1/purchase/", R"({"amount":"2"})", headers);
    EXPECT_EQ(r.body, answers[0].body);
    EXPECT_EQ(r.header("Idempotent-Replayed"), "true");
}

TEST_F(IdempotencyApi, SameKeyWithAnotherRequestGets422) {
    add_sweet("Mint", "1", 10);
    add_sweet("Toffee", "1", 10);
    const auto headers = with(user, "Idempotency-Key", "k1");
    ASSERT_EQ(server.post("/api/sweets/1/purchase/", R"({"amount":2})", headers).status, 200);
    auto r = server.post("/api/sweets/1/purchase/", R"({"amount":3})", headers);
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.body, R"({"detail":"Idempotency-Key reused with a different request."})");
    EXPECT_EQ(server.post("/api/sweets/2/purchase/", R"({"amount":2})", headers).status, 422);
    EXPECT_EQ(quantity(1), 8);
    EXPECT_EQ(quantity(2), 10);
}

TEST_F(IdempotencyApi, RefusalsAreStoredButValidationFailuresAreNot) {
    add_sweet("Mint", "1", 1);
    const auto headers = with(user, "Idempotency-Key", "try");
    auto r = server.post("/api/sweets/1/purchase/", R"({"amount":"many"})", headers);
    EXPECT_EQ(r.status, 400);  // a field error: not stored, the key stays free
    r = server.post("/api/sweets/1/purchase/", R"({"amount":5})", headers);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"detail":"Insufficient stock","available":1})");
    EXPECT_FALSE(r.header("Idempotent-Replayed"));
    server.post("/api/sweets/1/restock/", R"({"amount":10})", admin);
    r = server.post("/api/sweets/1/purchase/", R"({"amount":5})", headers);  // the first answer, even now
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"detail":"Insufficient stock","available":1})");
    EXPECT_EQ(r.header("Idempotent-Replayed"), "true");
    EXPECT_EQ(quantity(1), 11);
}

TEST_F(IdempotencyApi, KeysAreScopedToTheUser) {
    add_sweet("Mint", "1", 10);
    server.create_user("bob", "bob-password");
    const Headers bob = {{"Authorization", "Bearer " + server.access_token("bob", "bob-password")}};
    EXPECT_EQ(server.post("/api/sweets/1/purchase/", R"({"amount":1})", with(user, "Idempotency-Key", "same")).status,
              200);
    auto r = server.post("/api/sweets/1/purchase/", R"({"amount":1})", with(bob, "Idempotency-Key", "same"));
    EXPECT_EQ(r.status, 200);
    EXPECT_FALSE(r.header("Idempotent-Replayed"));
    EXPECT_EQ(quantity(1), 8);
}

TEST_F(IdempotencyApi, RestockIsIdempotentToo) {
    add_sweet("Mint", "1", 1);
    const auto headers = with(admin, "Idempotency-Key", "delivery-7");
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(server.post("/api/sweets/1/restock/", R"({"amount":5})", headers).json()["quantity"], 6);
    EXPECT_EQ(quantity(1), 6);
    EXPECT_EQ(server.get("/api/admin/stock/verify/", admin).json()["ok"], true);
}

TEST_F(IdempotencyApi, MalformedKeysAre400) {
    add_sweet("Mint", "1", 10);
    for (const std::string& key : {std::string(256, 'k'), std::string("caf\xc3\xa9")}) {
        auto r = server.post("/api/sweets/1/purchase/", R"({"amount":1})", with(user, "Idempotency-Key", key));
        EXPECT_EQ(r.status, 400);
        EXPECT_EQ(r.body, R"({"detail":"Invalid Idempotency-Key."})");
    }
    EXPECT_EQ(
        server.post("/api/sweets/1/purchase/", R"({"amount":1})", with(user, "Idempotency-Key", std::string(255, 'k')))
            .status,
        200);
    EXPECT_EQ(quantity(1), 9);
}

TEST_F(IdempotencyApi, ARetryWhileTheFirstRunsGets409) {
    add_sweet("Mint", "1", 10);
    // A claim held by a request still running (made through the port, as the first request would).
    const auto ann = server.app().users().find_by_username("ann")->id;
    const auto now = server.clock().now();
    auto claim =
        server.app().idempotency_keys().claim(ann, "busy", "purchase sweet 1 amount 1", now, now - 1, now - 1, 100);
    ASSERT_EQ(claim.status, sweetshop::domain::IdempotencyStore::ClaimStatus::Claimed);
    auto r = server.post("/api/sweets/1/purchase/", R"({"amount":1})", with(user, "Idempotency-Key", "busy"));
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.body, R"({"detail":"A request with this Idempotency-Key is in progress."})");
    EXPECT_EQ(quantity(1), 10);
    // Released (the first request failed without an answer): the retry goes through.
    server.app().idempotency_keys().release({ann, "busy", claim.token});
    EXPECT_EQ(server.post("/api/sweets/1/purchase/", R"({"amount":1})", with(user, "Idempotency-Key", "busy")).status,
              200);
    EXPECT_EQ(quantity(1), 9);
}

TEST_F(IdempotencyApi, KeysExpireAfter24Hours) {
    add_sweet("Mint", "1", 10);
    const auto headers = with(user, "Idempotency-Key", "old");
    ASSERT_EQ(server.post("/api/sweets/1/purchase/", R"({"amount":1})", headers).status, 200);
    server.clock().advance(std::chrono::hours(24) + std::chrono::microseconds(1));
    user = {{"Authorization", "Bearer " + server.access_token("ann", "ann-password")}};  // the old one has expired
    auto r = server.post("/api/sweets/1/purchase/", R"({"amount":1})", with(user, "Idempotency-Key", "old"));
    EXPECT_EQ(r.status, 200);
    EXPECT_FALSE(r.header("Idempotent-Replayed"));
    EXPECT_EQ(quantity(1), 8);
}

TEST_F(IdempotencyApi, TwoConcurrentFirstRequestsWithOneKeySellOnce) {
    add_sweet("Mint", "1", 100);
    const auto headers = with(user, "Idempotency-Key", "double-click");
    constexpr int kThreads = 8;
    std::vector<HttpResponse> answers(kThreads);
    race(kThreads, 1,
         [&](int t, int) { answers[t] = server.post("/api/sweets/1/purchase/", R"({"amount":3})", headers); });
    std::string sold_body;
    int fresh = 0;
    for (const auto& a : answers) {
        ASSERT_TRUE(a.status == 200 || a.status == 409) << a.status << " " << a.body;
        if (a.status != 200) continue;
        if (!a.header("Idempotent-Replayed")) ++fresh;
        if (sold_body.empty()) sold_body = a.body;
        EXPECT_EQ(a.body, sold_body);
    }
    EXPECT_EQ(fresh, 1);
    EXPECT_EQ(quantity(1), 97);
    EXPECT_EQ(sales(), 1);
}
