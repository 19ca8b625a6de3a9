// Contract rows #1, #2, #3, #12, the authentication-error table, and login throttling, over real HTTP.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "jwt_forge.hpp"
#include "test_server.hpp"

using namespace sweetshop::testing;
using nlohmann::json;

namespace {
std::string body(const json& j) {
    return j.dump();
}
Headers bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
}
const std::string kSecret = test_config("/tmp").secret_key;
}  // namespace

class AccountsApi : public ::testing::Test {
  protected:
    TestServer server;
};

TEST_F(AccountsApi, Register_CreatesUserAndAnswers201) {
    auto r = server.post("/api/auth/register/",
                         body({{"username", "  ann  "}, {"email", "Ann@Example.COM"}, {"password", "secret123"}}));
    EXPECT_EQ(r.status, 201);
    EXPECT_EQ(r.body, R"({"id":1,"username":"ann","email":"Ann@example.com"})");
    EXPECT_EQ(r.header("Content-Type"), "application/json");
}

TEST_F(AccountsApi, Register_EmailIsOptionalAndMayBeBlank) {
    EXPECT_EQ(server.post("/api/auth/register/", body({{"username", "a1"}, {"password", "secret123"}})).body,
              R"({"id":1,"username":"a1","email":""})");
    EXPECT_EQ(
        server.post("/api/auth/register/", body({{"username", "a2"}, {"email", ""}, {"password", "secret123"}})).body,
        R"({"id":2,"username":"a2","email":""})");
}

TEST_F(AccountsApi, Register_ReportsEveryInvalidFieldInOrder) {
    auto r = server.post("/api/auth/register/", "{}");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"username":["This field is required."],"password":["This field is required."]})");

    r = server.post("/api/auth/register/", body({{"password", "short"}, {"email", "nope"}, {"username", "   "}}));
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"username":["This field may not be blank."],"email":["Enter a valid email address."],)"
                      R"("password":["Ensure this field has at least 8 characters."]})");

    r = server.post("/api/auth/register/",
                    body({{"username", std::string(151, 'a')}, {"password", std::string(129, 'p')}}));
    EXPECT_EQ(r.body, R"({"username":["Ensure this field has no more than 150 characters."],)"
                      R"("password":["Ensure this field has no more than 128 characters."]})");

    r = server.post("/api/auth/register/", body({{"username", "bad name!"}, {"password", "secret123"}}));
    EXPECT_EQ(
        r.body,
        R"({"username":["Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."]})");
}

TEST_F(AccountsApi, Register_RejectsATakenUsernameCaseSensitively) {
    server.create_user("ann", "secret123");
    auto r = server.post("/api/auth/register/", body({{"username", "ann"}, {"password", "secret123"}}));
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"username":["A user with that username already exists."]})");
    EXPECT_EQ(server.post("/api/auth/register/", body({{"username", "Ann"}, {"password", "secret123"}})).status, 201);
}

TEST_F(AccountsApi, Register_IgnoresIsStaffAndAcceptsUnicodeNames) {
    auto r = server.post("/api/auth/register/",
                         body({{"username", "Zoë"}, {"password", "secret123"}, {"is_staff", true}, {"id", 99}}));
    EXPECT_EQ(r.status, 201);
    EXPECT_EQ(r.body, R"({"id":1,"username":"Zoë","email":""})");
    auto login = server.post("/api/auth/login/", body({{"username", "Zoë"}, {"password", "secret123"}}));
    EXPECT_EQ(login.json()["user"]["is_staff"], false);
}

TEST_F(AccountsApi, Register_DoesNotLogIn) {
    auto r = server.post("/api/auth/register/", body({{"username", "ann"}, {"password", "secret123"}}));
    EXPECT_FALSE(r.json().contains("access"));
}

TEST_F(AccountsApi, Login_AnswersTokensAndTheUser) {
    server.create_user("ann", "secret123");
    auto r = server.post("/api/auth/login/", body({{"username", "ann"}, {"password", "secret123"}}));
    ASSERT_EQ(r.status, 200);
    auto j = r.json();
    std::vector<std::string> keys;
    for (auto& [k, v] : j.items())
        keys.push_back(k);
    EXPECT_EQ(keys, (std::vector<std::string>{"refresh", "access", "user"}));
    EXPECT_EQ(j["user"].dump(), R"({"id":1,"username":"ann","email":"","is_staff":false,"role":"customer",)"
                                R"("must_change_password":false})");
    EXPECT_EQ(server.get("/api/auth/me/", bearer(j["access"])).status, 200);
}

TEST_F(AccountsApi, Login_ValidatesFields) {
    EXPECT_EQ(server.post("/api/auth/login/", "{}").body,
              R"({"username":["This field is required."],"password":["This field is required."]})");
    EXPECT_EQ(server.post("/api/auth/login/", body({{"username", ""}, {"password", " "}})).body,
              R"({"username":["This field may not be blank."],"password":["This field may not be blank."]})");
}

TEST_F(AccountsApi, Login_GivesTheSameAnswerForEveryBadCredential) {
    server.create_user("ann", "secret123");
    server.create_user("bob", "secret123");
    server.app().database().write(
        [](soci::session& sql) { sql << "UPDATE users SET is_active = 0 WHERE username = 'bob'"; });
    const std::string expected = R"({"detail":"No active account found with the given credentials"})";
    for (auto creds : {json{{"username", "nobody"}, {"password", "secret123"}},
                       json{{"username", "ann"}, {"password", "wrong-password"}},
                       json{{"username", "bob"}, {"password", "secret123"}}}) {
        auto r = server.post("/api/auth/login/", creds.dump());
        EXPECT_EQ(r.status, 401) << creds;
        EXPECT_EQ(r.body, expected) << creds;
    }
}

TEST_F(AccountsApi, Refresh_AnswersANewAccessToken) {
    server.create_user("ann", "secret123");
    auto login = server.post("/api/auth/login/", body({{"username", "ann"}, {"password", "secret123"}})).json();
    auto r = server.post("/api/auth/token/refresh/", body({{"refresh", login["refresh"]}}));
    ASSERT_EQ(r.status, 200);
    auto j = r.json();
    ASSERT_EQ(j.size(), 1u);
    EXPECT_EQ(server.get("/api/auth/me/", bearer(j["access"])).status, 200);
}

TEST_F(AccountsApi, Refresh_Errors) {
    const auto id = server.create_user("ann", "secret123");
    auto login = server.post("/api/auth/login/", body({{"username", "ann"}, {"password", "secret123"}})).json();
    EXPECT_EQ(server.post("/api/auth/token/refresh/", "{}").body, R"({"refresh":["This field is required."]})");
    EXPECT_EQ(server.post("/api/auth/token/refresh/", body({{"refresh", "garbage"}})).body,
              R"({"detail":"Token is invalid","code":"token_not_valid"})");
    auto wrong = server.post("/api/auth/token/refresh/", body({{"refresh", login["access"]}}));
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(wrong.body, R"({"detail":"Token has wrong type","code":"token_not_valid"})");

    const std::int64_t past = std::time(nullptr) - 10;
    auto expired = forge_jwt({{"alg", "HS256"}, {"typ", "JWT"}},
                             {{"token_type", "refresh"},
                              {"exp", past},
                              {"iat", past - 60},
                              {"jti", std::string(32, 'b')},
                              {"user_id", std::to_string(id)},
                              {"username", "ann"},
                              {"is_staff", false}},
                             kSecret);
    EXPECT_EQ(server.post("/api/auth/token/refresh/", body({{"refresh", expired}})).body,
              R"({"detail":"Token is expired","code":"token_not_valid"})");

    server.app().database().write([](soci::session& sql) { sql << "UPDATE users SET is_active = 0"; });
    auto inactive = server.post("/api/auth/token/refresh/", body({{"refresh", login["refresh"]}}));
    EXPECT_EQ(inactive.status, 401);
    EXPECT_EQ(inactive.body, R"({"detail":"No active account found for the given token."})");

    server.app().database().write([](soci::session& sql) { sql << "DELETE FROM users"; });
    auto deleted = server.post("/api/auth/token/refresh/", body({{"refresh", login["refresh"]}}));
    EXPECT_EQ(deleted.status, 401);
    EXPECT_EQ(deleted.body, R"({"detail":"User not found","code":"user_not_found"})");
}

TEST_F(AccountsApi, ApiRoot_LinksToSweetsOnTheRequestHost) {
    auto r = server.get("/api/");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"sweets":"http://127.0.0.1:)" + std::to_string(server.port()) + R"(/api/sweets/"})");
}

// The authentication-error table of the contract, on a protected route.
class AuthErrors : public AccountsApi {
  protected:
    std::string token_error(const std::string& message) {
        return R"({"detail":"Given token not valid for any token type","code":"token_not_valid","messages":[{"token_class":"AccessToken","token_type":"access","message":")" +
               message + R"("}]})";
    }
    json claims(std::int64_t id, std::int64_t exp) {
        return {{"token_type", "access"},        {"exp", exp},        {"iat", exp - 60},  {"jti", std::string(32, 'c')},
                {"user_id", std::to_string(id)}, {"username", "ann"}, {"is_staff", false}};
    }
};

TEST_F(AuthErrors, MissingHeaderOrOtherScheme) {
    for (const Headers& h : {Headers{}, Headers{{"Authorization", "Basic YW5uOnB3"}}, Headers{{"Authorization", ""}}}) {
        auto r = server.get("/api/auth/me/", h);
        EXPECT_EQ(r.status, 401);
        EXPECT_EQ(r.body, R"({"detail":"Authentication credentials were not provided."})");
        EXPECT_EQ(r.header("WWW-Authenticate"), R"(Bearer realm="api")");
    }
}

TEST_F(AuthErrors, BearerWithZeroOrSeveralValues) {
    for (const char* value : {"Bearer", "Bearer a b"}) {
        auto r = server.get("/api/auth/me/", {{"Authorization", value}});
        EXPECT_EQ(r.status, 401);
        EXPECT_EQ(
            r.body,
            R"({"detail":"Authorization header must contain two space-delimited values","code":"bad_authorization_header"})");
    }
}

TEST_F(AuthErrors, InvalidExpiredAndWrongTypeTokens) {
    const auto id = server.create_user("ann", "secret123");
    auto login = server.post("/api/auth/login/", body({{"username", "ann"}, {"password", "secret123"}})).json();
    const std::int64_t now = std::time(nullptr);

    auto garbage = server.get("/api/auth/me/", bearer("not.a.token"));
    EXPECT_EQ(garbage.status, 401);
    EXPECT_EQ(garbage.body, token_error("Token is invalid"));

    auto bad_signature = forge_jwt({{"alg", "HS256"}}, claims(id, now + 60), "some-other-secret");
    EXPECT_EQ(server.get("/api/auth/me/", bearer(bad_signature)).body, token_error("Token is invalid"));

    auto none = forge_jwt({{"alg", "none"}}, claims(id, now + 60), "");
    EXPECT_EQ(server.get("/api/auth/me/", bearer(none)).body, token_error("Token is invalid"));

    auto hs512 = forge_jwt({{"alg", "HS512"}}, claims(id, now + 60), kSecret);
    EXPECT_EQ(server.get("/api/auth/me/", bearer(hs512)).body, token_error("Token is invalid"));

    auto expired = forge_jwt({{"alg", "HS256"}}, claims(id, now - 1), kSecret);
    EXPECT_EQ(server.get("/api/auth/me/", bearer(expired)).body, token_error("Token is expired"));

    auto refresh_as_access = server.get("/api/auth/me/", bearer(login["refresh"]));
    EXPECT_EQ(refresh_as_access.status, 401);
    EXPECT_EQ(refresh_as_access.body, token_error("Token has wrong type"));
}

TEST_F(AuthErrors, DeletedAndInactiveUsers) {
    server.create_user("ann", "secret123");
    const auto token = server.access_token("ann", "secret123");
    server.app().database().write([](soci::session& sql) { sql << "UPDATE users SET is_active = 0"; });
    auto inactive = server.get("/api/auth/me/", bearer(token));
    EXPECT_EQ(inactive.status, 401);
    EXPECT_EQ(inactive.body, R"({"detail":"User is inactive","code":"user_inactive"})");
    server.app().database().write([](soci::session& sql) { sql << "DELETE FROM users"; });
    auto deleted = server.get("/api/auth/me/", bearer(token));
    EXPECT_EQ(deleted.status, 401);
    EXPECT_EQ(deleted.body, R"({"detail":"User not found","code":"user_not_found"})");
}

TEST_F(AuthErrors, RightsFollowTheStoredUserNotTheTokenClaim) {
    server.create_user("ann", "secret123");
    const auto token = server.access_token("ann", "secret123");
    server.app().users().set_role("ann", sweetshop::domain::Role::Owner);
    EXPECT_EQ(server.get("/api/auth/me/", bearer(token)).json()["is_staff"], true);
}

class Throttling : public ::testing::Test {
  protected:
    TestServer server{[](sweetshop::app::Config& c) { c.login_window_seconds = 2; }};
};

TEST_F(Throttling, TenFailuresLockTheUsernameUntilTheWindowPasses) {
    server.create_user("ann", "secret123");
    server.create_user("bob", "secret123");
    const auto wrong = body({{"username", "ann"}, {"password", "wrong-password"}});
    for (int i = 0; i < 10; ++i)
        EXPECT_EQ(server.post("/api/auth/login/", wrong).status, 401) << i;

    for (const auto& attempt : {wrong, body({{"username", "ann"}, {"password", "secret123"}})}) {
        auto r = server.post("/api/auth/login/", attempt);
        EXPECT_EQ(r.status, 429);
        EXPECT_EQ(r.body, R"({"detail":"Too many failed login attempts. Try again later."})");
        ASSERT_TRUE(r.header("Retry-After").has_value());
        const int retry = std::stoi(*r.header("Retry-After"));
        EXPECT_GE(retry, 1);
        EXPECT_LE(retry, 2);
    }
    // Another username is not affected.
    EXPECT_EQ(server.post("/api/auth/login/", body({{"username", "bob"}, {"password", "secret123"}})).status, 200);

    server.clock().advance(std::chrono::milliseconds(2100));  // the window has passed
    EXPECT_EQ(server.post("/api/auth/login/", body({{"username", "ann"}, {"password", "secret123"}})).status, 200);
}

TEST_F(Throttling, CountsLiveInTheDatabase) {
    server.create_user("ann", "secret123");
    const auto wrong = body({{"username", "ann"}, {"password", "wrong-password"}});
    for (int i = 0; i < 4; ++i)
        server.post("/api/auth/login/", wrong);
    const int stored = server.app().database().read([](soci::session& sql) {
        int n = 0;
        sql << "SELECT COUNT(*) FROM login_failures WHERE username = 'ann'", soci::into(n);
        return n;
    });
    EXPECT_EQ(stored, 4);
}

// Logins at the old, larger hashing cost (Argon2id t=2, 19 MiB) must not delay other requests: every read of /api/
// started while logins run completes while they are still running.
TEST(SlowLogin, DoesNotDelayOtherRequests) {
    TestServer server{[](sweetshop::app::Config& c) {
        c.argon2_ops = 2;
        c.argon2_memory_kib = 19 * 1024;
    }};
    server.create_user("ann", "secret123");
    const auto login = body({{"username", "ann"}, {"password", "secret123"}});
    std::atomic<int> logins_done{0};
    constexpr int kLoginThreads = 4, kLoginsEach = 6;
    std::vector<std::thread> logins;
    for (int t = 0; t < kLoginThreads; ++t)
        logins.emplace_back([&] {
            for (int i = 0; i < kLoginsEach; ++i) {
                EXPECT_EQ(server.post("/api/auth/login/", login).status, 200);
                ++logins_done;
            }
        });
    int reads = 0, reads_while_logins_ran = 0;
    while (logins_done.load() < 2)
        std::this_thread::yield();  // logins are under way
    for (int i = 0; i < 20; ++i) {
        auto r = server.get("/api/");
        EXPECT_EQ(r.status, 200);
        ++reads;
        if (logins_done.load() < kLoginThreads * kLoginsEach) ++reads_while_logins_ran;
    }
    for (auto& t : logins)
        t.join();
    EXPECT_EQ(logins_done.load(), kLoginThreads * kLoginsEach);
    EXPECT_EQ(reads_while_logins_ran, reads);
}

// A hash made at the old default cost (19 MiB x 2) still logs in, and that login stores it again at the cost in
// force (7 MiB x 5 by default), so memory per login drops as users come back.
TEST(Login, UpgradesAHashOfAnotherCost) {
    const sweetshop::app::Config defaults;
    TestServer server{[&](sweetshop::app::Config& c) {
        c.argon2_ops = defaults.argon2_ops;
        c.argon2_memory_kib = defaults.argon2_memory_kib;
    }};
    const auto id = server.create_user("ann", "secret123");
    const auto old_hash = sweetshop::security::Argon2Hasher({2, 19 * 1024}).hash("secret123");
    ASSERT_EQ(old_hash.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << old_hash;
    server.app().users().update_password_hash(id, old_hash);

    const auto login = body({{"username", "ann"}, {"password", "secret123"}});
    EXPECT_EQ(server.post("/api/auth/login/", login).status, 200);
    const auto stored = server.app().users().find_by_username("ann")->password_hash;
    EXPECT_EQ(stored.rfind("$argon2id$v=19$m=7168,t=5,p=1$", 0), 0u) << stored;
    EXPECT_EQ(server.post("/api/auth/login/", login).status, 200);
    EXPECT_EQ(server.post("/api/auth/login/", body({{"username", "ann"}, {"password", "wrong-one"}})).status, 401);
}
