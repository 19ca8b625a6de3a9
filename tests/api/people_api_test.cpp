// People over real HTTP (the owner's user management): the list with its filters and exact fields, role changes
// that apply at the next request, deactivation that ends access at once (on a second server too), and the last
// active owner kept. Runs on PostgreSQL too (SWEETSHOP_TEST_DATABASE_URL).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "shop_fixture.hpp"

using namespace sweetshop::testing;

namespace {
std::string bearer(const nlohmann::json& login) {
    return "Bearer " + login["access"].get<std::string>();
}
}  // namespace

class PeopleApi : public ShopFixture {
  protected:
    PeopleApi() {
        server.create_user("sam", "sam-password", sweetshop::domain::Role::Staff);
        staff = {{"Authorization", "Bearer " + server.access_token("sam", "sam-password")}};
        EXPECT_EQ(
            server.post("/api/sweets/", R"({"name":"Mint","category":"Mints","price":"1.00","quantity":10})", admin)
                .status,
            201);
        EXPECT_EQ(server.post("/api/orders/", R"({"lines":[{"sweet":1,"amount":2}]})", user).status, 201);
    }
    HttpResponse patch(const std::string& path, const std::string& body, const Headers& as) {
        return call("PATCH", path, body, as);
    }
    Headers staff;
};

TEST_F(PeopleApi, TheOwnerListsEveryoneWithRolesLastLoginsAndOrders) {
    const auto r = server.get("/api/users/", admin);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(
        stamped(r.body),
        R"({"count":3,"next":null,"previous":null,"results":[)"
        R"({"id":2,"username":"ann","email":"","is_staff":false,"role":"customer","must_change_password":false,"is_active":true,)"
        R"("date_joined":"T","last_login":"T","orders":1},)"
        R"({"id":1,"username":"boss","email":"","is_staff":true,"role":"owner","must_change_password":false,"is_active":true,)"
        R"("date_joined":"T","last_login":"T","orders":0},)"
        R"({"id":3,"username":"sam","email":"","is_staff":true,"role":"staff","must_change_password":false,"is_active":true,)"
        R"("date_joined":"T","last_login":"T","orders":0}]})");
    server.create_user("never", "never-password");
    EXPECT_NE(server.get("/api/users/?search=NEV", admin).body.find(R"("last_login":null)"), std::string::npos);
    EXPECT_EQ(server.get("/api/users/?search=a", admin).json()["count"], 2);    // ann, sam
    EXPECT_EQ(server.get("/api/users/?search=%25", admin).json()["count"], 0);  // a literal %
    EXPECT_EQ(server.get("/api/users/?role=staff", admin).json()["results"][0]["username"], "sam");
    EXPECT_EQ(server.get("/api/users/?active=false", admin).json()["count"], 0);
    EXPECT_EQ(server.get("/api/users/?page_size=1&page=2", admin).json()["results"][0]["username"], "boss");
    auto bad = server.get("/api/users/?role=king&active=maybe", admin);
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.body, R"({"role":["Select a valid choice. king is not one of the available choices."],)"
                        R"("active":["Must be a valid boolean."]})");
    EXPECT_EQ(
        stamped(server.get("/api/users/3/", admin).body),
        R"({"id":3,"username":"sam","email":"","is_staff":true,"role":"staff","must_change_password":false,"is_active":true,)"
        R"("date_joined":"T","last_login":"T","orders":0})");
    EXPECT_EQ(server.get("/api/users/99/", admin).status, 404);
}

TEST_F(PeopleApi, OnlyTheOwnerManagesPeople) {
    for (const auto& [as, status] : {std::pair{staff, 403}, std::pair{user, 403}, std::pair{Headers{}, 401}}) {
        const auto list = server.get("/api/users/", as);
        EXPECT_EQ(list.status, status) << list.body;
        EXPECT_EQ(patch("/api/users/2/", R"({"role":"owner"})", as).status, status);
        if (status == 403) {
            EXPECT_EQ(list.body, R"({"detail":"Only the owner can manage people."})");
        }
    }
}

TEST_F(PeopleApi, ARoleChangeAppliesAtTheNextRequestWhateverTheTokenSays) {
    EXPECT_EQ(server.get("/api/reports/sales/", user).status, 403);
    auto r = patch("/api/users/2/", R"({"role":"staff"})", admin);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["role"], "staff");
    EXPECT_EQ(r.json()["is_staff"], true);
    EXPECT_EQ(server.get("/api/reports/sales/", user).status, 200);  // the same token
    EXPECT_EQ(server.get("/api/auth/me/", user).json()["role"], "staff");
    EXPECT_EQ(patch("/api/users/2/", R"({"role":"customer"})", admin).status, 200);
    EXPECT_EQ(server.get("/api/reports/sales/", user).status, 403);
    r = patch("/api/users/2/", R"({"role":"king","is_active":"maybe"})", admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"role":["Select a valid choice. king is not one of the available choices."],)"
                      R"("is_active":["Must be a valid boolean."]})");
    EXPECT_EQ(patch("/api/users/99/", R"({"role":"staff"})", admin).status, 404);
}

TEST_F(PeopleApi, DeactivatingEndsTheSessionsAtOnceAndReactivatingLetsThemSignInAgain) {
    const auto login = server.post("/api/auth/login/", R"({"username":"ann","password":"ann-password"})").json();
    const Headers ann{{"Authorization", bearer(login)}};
    const auto refresh = nlohmann::json{{"refresh", login["refresh"]}}.dump();
    ASSERT_EQ(patch("/api/users/2/", R"({"is_active":false})", admin).status, 200);
    auto r = server.get("/api/orders/", ann);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, R"({"detail":"User is inactive","code":"user_inactive"})");
    EXPECT_EQ(server.post("/api/auth/token/refresh/", refresh).status, 401);
    EXPECT_EQ(server.post("/api/auth/login/", R"({"username":"ann","password":"ann-password"})").status, 401);
    ASSERT_EQ(patch("/api/users/2/", R"({"is_active":true})", admin).status, 200);
    // The sessions of before stay ended; a new sign-in works.
    r = server.get("/api/orders/", ann);
    EXPECT_EQ(r.status, 401);
    EXPECT_NE(r.body.find(R"("message":"Token is blacklisted")"), std::string::npos) << r.body;
    r = server.post("/api/auth/token/refresh/", refresh);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, R"({"detail":"Token is blacklisted","code":"token_not_valid"})");
    const auto again = server.post("/api/auth/login/", R"({"username":"ann","password":"ann-password"})").json();
    EXPECT_EQ(server.get("/api/orders/", {{"Authorization", bearer(again)}}).status, 200);
}

TEST_F(PeopleApi, TheLastActiveOwnerStays) {
    for (const char* body : {R"({"role":"staff"})", R"({"is_active":false})", R"({"role":"customer"})"}) {
        const auto r = patch("/api/users/1/", body, admin);
        EXPECT_EQ(r.status, 409) << body;
        EXPECT_EQ(r.body, std::string(R"({"detail":")") + sweetshop::domain::kLastOwner + "\"}");
    }
    EXPECT_EQ(patch("/api/users/1/", R"({"role":"owner","is_active":true})", admin).status, 200);  // no change
    ASSERT_EQ(patch("/api/users/3/", R"({"role":"owner"})", admin).status, 200);
    EXPECT_EQ(patch("/api/users/1/", R"({"role":"staff"})", admin).status, 200);  // sam is the owner now
    EXPECT_EQ(server.get("/api/users/", admin).status, 403);                      // boss is staff at once
    EXPECT_EQ(patch("/api/users/3/", R"({"is_active":false})", staff).status, 409);
}

TEST_F(PeopleApi, TwoOwnersDemotingEachOtherAtOnceLeaveOneOwner) {
    ASSERT_EQ(patch("/api/users/3/", R"({"role":"owner"})", admin).status, 200);
    for (int round = 0; round < 5; ++round) {
        std::atomic<int> done{0}, refused{0};
        std::thread a([&] {
            const auto s = patch("/api/users/3/", R"({"role":"staff"})", admin).status;
            (s == 200 ? done : refused)++;
        });
        std::thread b([&] {
            const auto s = patch("/api/users/1/", R"({"role":"staff"})", staff).status;
            (s == 200 ? done : refused)++;
        });
        a.join();
        b.join();
        // One of them may have been refused for not being the owner any more (403) or for being the last (409).
        EXPECT_EQ(done.load(), 1) << round;
        sweetshop::domain::PeopleListing only_owners;
        only_owners.filter.role = sweetshop::domain::Role::Owner;
        const auto owners = server.app().people().list(only_owners);
        ASSERT_EQ(owners.count, 1) << round;
        const bool boss_left = owners.items[0].user.username == "boss";
        ASSERT_EQ(patch(boss_left ? "/api/users/3/" : "/api/users/1/", R"({"role":"owner"})", boss_left ? admin : staff)
                      .status,
                  200);
    }
}

TEST(PeopleTwoInstances, ADeactivationEndsAccessOnTheOtherServerAtOnce) {
    TestServer a;
    TestServer b([&](sweetshop::app::Config& c) { c.database_url = a.app().config().database_url; });
    a.create_user("boss", "boss-password", true);
    a.create_user("ann", "ann-password");
    const Headers admin{{"Authorization", "Bearer " + a.access_token("boss", "boss-password")}};
    const Headers ann{{"Authorization", "Bearer " + b.access_token("ann", "ann-password")}};
    ASSERT_EQ(b.get("/api/orders/", ann).status, 200);  // b has ann cached now
    ASSERT_EQ(http(a.port(), "PATCH", "/api/users/2/", R"({"is_active":false})", admin).status, 200);
    // b learns of the change from the database (PostgreSQL: a notification; SQLite: the change counter).
    int status = 0;
    for (int i = 0; i < 200 && status != 401; ++i) {
        status = b.get("/api/orders/", ann).status;
        if (status != 401) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_EQ(status, 401);
}
