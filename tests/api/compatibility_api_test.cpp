// Where a client of the original could still tell us apart (issue: compatibility corrections): WWW-Authenticate on
// every 401, the original's public views that still authenticate a Bearer header, and CORS "*" on the metrics routes.
#include <gtest/gtest.h>

#include "shop_fixture.hpp"

using namespace sweetshop::testing;

namespace {
const std::string kInvalidToken =
    R"({"detail":"Given token not valid for any token type","code":"token_not_valid","messages":[{"token_class":)"
    R"("AccessToken","token_type":"access","message":"Token is invalid"}]})";
const std::string kBearer = R"(Bearer realm="api")";
}  // namespace

class Compatibility : public ShopFixture {};

TEST_F(Compatibility, Every401SaysWwwAuthenticate) {
    std::vector<HttpResponse> answers = {
        server.post("/api/auth/login/", body({{"username", "ann"}, {"password", "wrong-password"}})),
        server.post("/api/auth/token/refresh/", body({{"refresh", "not-a-token"}})),
        server.post(
            "/api/auth/token/refresh/",
            body({{"refresh", server.post("/api/auth/login/", body({{"username", "ann"}, {"password", "ann-password"}}))
                                  .json()["access"]
                                  .get<std::string>()}})),  // an access token where a refresh is due
        server.get("/api/sweets/"),
        server.get("/api/sweets/", {{"Authorization", "Bearer x.y.z"}}),
        server.get("/api/auth/me/", {{"Authorization", "Bearer"}}),
    };
    for (const auto& r : answers) {
        EXPECT_EQ(r.status, 401) << r.body;
        EXPECT_EQ(r.header("WWW-Authenticate"), kBearer) << r.body;
    }
    EXPECT_EQ(answers[0].body, R"({"detail":"No active account found with the given credentials"})");
    EXPECT_EQ(answers[1].body, R"({"detail":"Token is invalid","code":"token_not_valid"})");
    EXPECT_EQ(answers[2].body, R"({"detail":"Token has wrong type","code":"token_not_valid"})");
    // A refresh token of a user who is gone.
    const auto refresh = server.post("/api/auth/login/", body({{"username", "ann"}, {"password", "ann-password"}}))
                             .json()["refresh"]
                             .get<std::string>();
    server.app().database().write([](soci::session& sql) { sql << "DELETE FROM users WHERE username = 'ann'"; });
    auto gone = server.post("/api/auth/token/refresh/", body({{"refresh", refresh}}));
    EXPECT_EQ(gone.status, 401);
    EXPECT_EQ(gone.body, R"({"detail":"User not found","code":"user_not_found"})");
    EXPECT_EQ(gone.header("WWW-Authenticate"), kBearer);
}

TEST_F(Compatibility, RegisterAndTheRootAuthenticateABearerHeader) {
    const Headers bad = {{"Authorization", "Bearer not-a-token"}};
    auto r = server.post("/api/auth/register/", body({{"username", "cat"}, {"password", "cat-password"}}), bad);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, kInvalidToken);
    EXPECT_EQ(r.header("WWW-Authenticate"), kBearer);
    r = server.get("/api/", bad);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, kInvalidToken);
    r = server.get("/api/", {{"Authorization", "Bearer a b"}});
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, R"({"detail":"Authorization header must contain two space-delimited values",)"
                      R"("code":"bad_authorization_header"})");
    // No header, another scheme, or a valid token: as before.
    EXPECT_EQ(server.get("/api/").status, 200);
    EXPECT_EQ(server.get("/api/", {{"Authorization", "Basic YW5uOng="}}).status, 200);
    EXPECT_EQ(server.get("/api/", user).status, 200);
    EXPECT_EQ(
        server.post("/api/auth/register/", body({{"username", "cat"}, {"password", "cat-password"}}), user).status,
        201);
    EXPECT_EQ(server.post("/api/auth/register/", body({{"username", "dan"}, {"password", "dan-password"}})).status,
              201);
    // Login and refresh ignore the header, as the original's token views did.
    EXPECT_EQ(server.post("/api/auth/login/", body({{"username", "ann"}, {"password", "ann-password"}}), bad).status,
              200);
    const auto refresh = server.post("/api/auth/login/", body({{"username", "ann"}, {"password", "ann-password"}}))
                             .json()["refresh"]
                             .get<std::string>();
    EXPECT_EQ(server.post("/api/auth/token/refresh/", body({{"refresh", refresh}}), bad).status, 200);
}

TEST_F(Compatibility, MetricsRoutesAnswerCorsForAnyOrigin) {
    const Headers evil = {{"Origin", "http://dashboard.example"}};
    for (const char* path : {"/api/health/", "/api/metrics/sweets/"}) {
        auto r = server.get(path, evil);
        EXPECT_EQ(r.status, 200) << path;
        EXPECT_EQ(r.header("Access-Control-Allow-Origin"), "*") << path;
        EXPECT_FALSE(r.header("Access-Control-Allow-Credentials")) << path;
        EXPECT_EQ(server.get(path).header("Access-Control-Allow-Origin"), "*") << path;
        auto preflight = call("OPTIONS", path, "",
                              {{"Origin", "http://dashboard.example"}, {"Access-Control-Request-Method", "GET"}});
        EXPECT_EQ(preflight.status, 200) << path;
        EXPECT_EQ(preflight.header("Access-Control-Allow-Origin"), "*") << path;
    }
    // The rest of the API keeps its allowlist.
    auto list = server.get("/api/sweets/", with(user, "Origin", "http://dashboard.example"));
    EXPECT_FALSE(list.header("Access-Control-Allow-Origin"));
    auto allowed = server.get("/api/sweets/", with(user, "Origin", "http://localhost:5173"));
    EXPECT_EQ(allowed.header("Access-Control-Allow-Origin"), "http://localhost:5173");
    EXPECT_EQ(allowed.header("Access-Control-Allow-Credentials"), "true");
}
