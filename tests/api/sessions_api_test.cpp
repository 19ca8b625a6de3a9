// Sessions (issue 19): the original's refresh refuses an ended session's token; the web app's cookie session
// rotates its refresh token and ends itself when an old one comes back; signing out; the account's own sessions,
// password and email; an owner's temporary password; a deactivation seen at once by a second server. Both backends.
#include <gtest/gtest.h>

#include "shop_fixture.hpp"

using namespace sweetshop::testing;
using Json = nlohmann::ordered_json;

namespace {
constexpr const char* kBlacklisted = R"({"detail":"Token is blacklisted","code":"token_not_valid"})";

Headers bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
}

/// "name=value" of a Set-Cookie header, and its attributes as written.
struct SetCookie {
    std::string pair, attributes;
};
SetCookie set_cookie(const HttpResponse& r) {
    const auto header = r.header("Set-Cookie").value_or("");
    const auto semi = header.find(';');
    return {header.substr(0, semi), semi == std::string::npos ? "" : header.substr(semi)};
}
}  // namespace

class SessionsApi : public ShopFixture {
  protected:
    HttpResponse sign_in(const std::string& name, const std::string& password, const Headers& extra = {}) {
        Headers h = extra;
        h.emplace_back("Content-Type", "application/json");
        return http(server.port(), "POST", "/api/auth/session/",
                    Json{{"username", name}, {"password", password}}.dump(), h);
    }
    HttpResponse refresh(const std::string& cookie) {
        return http(server.port(), "POST", "/api/auth/session/refresh/", "", {{"Cookie", cookie}});
    }
    Json login(const std::string& name, const std::string& password) {
        return server.post("/api/auth/login/", Json{{"username", name}, {"password", password}}.dump()).json();
    }
};

TEST_F(SessionsApi, SignInSetsAnHttpOnlyStrictCookieAndKeepsTheRefreshTokenOutOfTheBody) {
    const auto r = sign_in("ann", "ann-password");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = r.json();
    std::vector<std::string> keys;
    for (const auto& [k, v] : body.items())
        keys.push_back(k);
    EXPECT_EQ(keys, (std::vector<std::string>{"access", "user"}));
    EXPECT_EQ(body["user"]["username"], "ann");
    const auto cookie = set_cookie(r);
    EXPECT_TRUE(cookie.pair.starts_with("sweetshop_refresh=ey")) << cookie.pair;
    EXPECT_EQ(cookie.attributes,
              "; Path=/api/auth/; Max-Age=" + std::to_string(server.app().config().jwt_refresh_days * 24 * 3600) +
                  "; HttpOnly; SameSite=Strict");
    EXPECT_EQ(server.get("/api/auth/me/", bearer(body["access"])).status, 200);
    // Wrong credentials: the login's answer, and no cookie.
    const auto wrong = sign_in("ann", "wrong-password");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_FALSE(wrong.header("Set-Cookie"));
}

TEST_F(SessionsApi, TheCookieIsSecureWhenTheShopIsServedOverHttps) {
    TestServer https([](sweetshop::app::Config& c) { c.public_url = "https://shop.example.com"; });
    https.create_user("ann", "ann-password");
    const auto r = http(https.port(), "POST", "/api/auth/session/", R"({"username":"ann","password":"ann-password"})",
                        {{"Content-Type", "application/json"}});
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(set_cookie(r).attributes.ends_with("; HttpOnly; SameSite=Strict; Secure")) << set_cookie(r).attributes;
}

TEST_F(SessionsApi, RefreshingRotatesTheCookieAndAnOldTokenEndsTheWholeSession) {
    const auto first = set_cookie(sign_in("ann", "ann-password")).pair;
    auto r = refresh(first);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto second = set_cookie(r).pair;
    EXPECT_NE(second, first);
    const auto access = r.json()["access"].get<std::string>();
    EXPECT_EQ(r.json()["user"]["username"], "ann");
    EXPECT_EQ(server.get("/api/auth/me/", bearer(access)).status, 200);
    r = refresh(second);
    ASSERT_EQ(r.status, 200);
    const auto third = set_cookie(r).pair;

    // Within the grace after its rotation, the token just rotated away is still taken, without a new cookie.
    r = refresh(second);
    EXPECT_EQ(r.status, 200);
    EXPECT_FALSE(r.header("Set-Cookie"));
    // Past it, the same token is a theft: the session ends, for every token of it, and the cookie is cleared.
    server.clock().advance(std::chrono::seconds(11));
    r = refresh(second);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, kBlacklisted);
    EXPECT_EQ(set_cookie(r).pair, "sweetshop_refresh=");
    EXPECT_NE(set_cookie(r).attributes.find("Max-Age=0"), std::string::npos);
    EXPECT_EQ(refresh(third).status, 401);  // the newest token too
    r = server.get("/api/auth/me/", bearer(access));
    EXPECT_EQ(r.status, 401);
    EXPECT_NE(r.body.find(R"("message":"Token is blacklisted")"), std::string::npos) << r.body;
    // The first token, rotated long before: refused as well.
    EXPECT_EQ(refresh(first).status, 401);
    EXPECT_EQ(http(server.port(), "POST", "/api/auth/session/refresh/").status, 401);  // no cookie
}

TEST_F(SessionsApi, TheOriginalsRefreshKeepsItsAnswerAndRefusesAnEndedSession) {
    const auto j = login("ann", "ann-password");
    const auto body = Json{{"refresh", j["refresh"]}}.dump();
    auto r = server.post("/api/auth/token/refresh/", body);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.json().size(), 1u);                                        // {"access"}: no rotation
    EXPECT_EQ(server.post("/api/auth/token/refresh/", body).status, 200);  // the same token again
    EXPECT_EQ(server.get("/api/auth/me/", bearer(r.json()["access"])).status, 200);

    r = server.post("/api/auth/logout/", body);
    EXPECT_EQ(r.status, 204);
    r = server.post("/api/auth/token/refresh/", body);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, kBlacklisted);
    EXPECT_EQ(server.get("/api/auth/me/", bearer(j["access"])).status, 401);
    EXPECT_EQ(server.post("/api/auth/logout/", body).status, 204);  // signing out twice is fine
}

TEST_F(SessionsApi, LogoutTakesTheCookieOrTheBodyAndSaysWhatIsWrong) {
    const auto cookie = set_cookie(sign_in("ann", "ann-password")).pair;
    auto r = http(server.port(), "POST", "/api/auth/logout/", "", {{"Cookie", "theme=dark; " + cookie}});
    EXPECT_EQ(r.status, 204);
    EXPECT_EQ(set_cookie(r).pair, "sweetshop_refresh=");
    EXPECT_EQ(refresh(cookie).status, 401);

    r = server.post("/api/auth/logout/", "{}");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"refresh":["This field is required."]})");
    r = server.post("/api/auth/logout/", R"({"refresh":"nonsense"})");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, R"({"detail":"Token is invalid","code":"token_not_valid"})");
    const auto j = login("ann", "ann-password");
    r = server.post("/api/auth/logout/", Json{{"refresh", j["access"]}}.dump());  // an access token
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, R"({"detail":"Token has wrong type","code":"token_not_valid"})");
}

TEST_F(SessionsApi, EachUserSeesAndEndsTheirOwnSessions) {
    const auto web =
        sign_in("ann", "ann-password", {{"User-Agent", "Firefox on a phone " + std::string(300, 'x')}}).json();
    const auto other = login("ann", "ann-password");
    const auto third = login("ann", "ann-password");
    auto r = server.get("/api/auth/sessions/", bearer(web["access"]));
    ASSERT_EQ(r.status, 200);
    auto list = r.json();
    // The fixture's sign-in, the web one and two more: newest first, the caller's marked.
    ASSERT_EQ(list["count"], 4);
    EXPECT_EQ(list["results"][2]["device"], "Firefox on a phone " + std::string(200 - 19, 'x'));  // cut to 200 bytes
    EXPECT_EQ(list["results"][2]["kind"], "web");
    EXPECT_EQ(list["results"][2]["current"], true);
    EXPECT_EQ(list["results"][0]["current"], false);
    for (const char* field : {"created", "last_used", "expires"})
        EXPECT_TRUE(list["results"][0][field].is_string()) << field;

    // Someone else's session is not found.
    const auto theirs = server.get("/api/auth/sessions/", admin).json()["results"][0]["id"].get<std::int64_t>();
    EXPECT_EQ(call("DELETE", "/api/auth/sessions/" + std::to_string(theirs) + "/", "", bearer(web["access"])).status,
              404);
    // End the newest one; then all the others.
    const auto newest = list["results"][0]["id"].get<std::int64_t>();
    EXPECT_EQ(call("DELETE", "/api/auth/sessions/" + std::to_string(newest) + "/", "", bearer(web["access"])).status,
              204);
    EXPECT_EQ(server.get("/api/auth/me/", bearer(third["access"])).status, 401);
    EXPECT_EQ(server.get("/api/auth/me/", bearer(other["access"])).status, 200);
    r = server.post("/api/auth/sessions/end-others/", "", bearer(web["access"]));
    EXPECT_EQ(r.body, R"({"ended":2})");
    EXPECT_EQ(server.get("/api/auth/me/", bearer(other["access"])).status, 401);
    EXPECT_EQ(server.get("/api/auth/me/", user).status, 401);
    EXPECT_EQ(server.get("/api/auth/me/", bearer(web["access"])).status, 200);
    EXPECT_EQ(server.get("/api/auth/sessions/", bearer(web["access"])).json()["count"], 1);
    EXPECT_EQ(server.get("/api/auth/me/", admin).status, 200);  // nobody else's
}

TEST_F(SessionsApi, ChangingThePasswordNeedsTheCurrentOneAndEndsTheOtherSessions) {
    const auto web = sign_in("ann", "ann-password").json();
    auto change = [&](const Json& body) {
        return server.post("/api/auth/password/", body.dump(), bearer(web["access"]));
    };
    auto r = change(Json::object());
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"current_password":["This field is required."],"new_password":["This field is required."]})");
    r = change({{"current_password", "wrong-password"}, {"new_password", "ann-new-password"}});
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"current_password":["Your current password is incorrect."]})");
    r = change({{"current_password", "ann-password"}, {"new_password", "short"}});
    EXPECT_EQ(r.body, R"({"new_password":["Ensure this field has at least 8 characters."]})");
    r = change({{"current_password", "ann-password"}, {"new_password", "ann-password"}});
    EXPECT_EQ(r.body, R"({"new_password":["The new password must differ from the current one."]})");
    r = change({{"current_password", "ann-password"}, {"new_password", "ann-new-password"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["username"], "ann");
    EXPECT_EQ(server.get("/api/auth/me/", user).status, 401);                   // the other session ended
    EXPECT_EQ(server.get("/api/auth/me/", bearer(web["access"])).status, 200);  // this one stays
    EXPECT_EQ(server.post("/api/auth/login/", R"({"username":"ann","password":"ann-password"})").status, 401);
    EXPECT_EQ(server.post("/api/auth/login/", R"({"username":"ann","password":"ann-new-password"})").status, 200);
}

TEST_F(SessionsApi, WrongCurrentPasswordsAreThrottledLikeLogins) {
    const auto web = sign_in("ann", "ann-password").json();
    int last = 0;
    for (int i = 0; i < 11; ++i)
        last =
            server
                .post("/api/auth/password/",
                      R"({"current_password":"guess-)" + std::to_string(i) + R"(","new_password":"ann-new-password"})",
                      bearer(web["access"]))
                .status;
    EXPECT_EQ(last, 429);
}

TEST_F(SessionsApi, TheEmailChangesWithTheRegistrationsRules) {
    auto r = call("PATCH", "/api/auth/me/", R"({"email":"Ann@Example.COM"})",
                  {{"Authorization", user[0].second}, {"Content-Type", "application/json"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["email"], "Ann@example.com");
    EXPECT_EQ(server.get("/api/auth/me/", user).json()["email"], "Ann@example.com");
    r = call("PATCH", "/api/auth/me/", R"({"email":"not an email"})",
             {{"Authorization", user[0].second}, {"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"email":["Enter a valid email address."]})");
    r = call("PATCH", "/api/auth/me/", R"({"email":""})",
             {{"Authorization", user[0].second}, {"Content-Type", "application/json"}});
    EXPECT_EQ(r.json()["email"], "");
}

TEST_F(SessionsApi, AnOwnersResetGivesATemporaryPasswordThatMustBeChangedFirst) {
    const auto ann_id = server.get("/api/auth/me/", user).json()["id"].get<std::int64_t>();
    const auto path = "/api/users/" + std::to_string(ann_id) + "/password/";
    EXPECT_EQ(server.post(path, "", user).status, 403);
    auto r = server.post(path, "", admin);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto temporary = r.json()["temporary_password"].get<std::string>();
    EXPECT_EQ(temporary.size(), 14u);
    EXPECT_EQ(server.get("/api/auth/me/", user).status, 401);  // her sessions ended
    EXPECT_EQ(server.post("/api/users/999/password/", "", admin).status, 404);

    r = server.post("/api/auth/login/", Json{{"username", "ann"}, {"password", temporary}}.dump());
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.json()["user"]["must_change_password"], true);
    const auto access = bearer(r.json()["access"]);
    EXPECT_EQ(server.get("/api/auth/me/", access).status, 200);
    EXPECT_EQ(server.get("/api/auth/sessions/", access).status, 200);
    r = server.get("/api/orders/", access);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, R"({"detail":"Change your temporary password first.","code":"password_change_required"})");
    EXPECT_EQ(server.get("/api/users/" + std::to_string(ann_id) + "/", admin).json()["must_change_password"], true);
    r = server.post("/api/auth/password/",
                    Json{{"current_password", temporary}, {"new_password", "ann-chosen-password"}}.dump(), access);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["must_change_password"], false);
    EXPECT_EQ(server.get("/api/orders/", access).status, 200);
}

TEST_F(SessionsApi, ADeactivationEndsTheSessionsAtOnceOnASecondServerToo) {
    TestServer second([&](sweetshop::app::Config& c) {
        c.database_url = server.app().config().database_url;
        c.secret_key = server.app().config().secret_key;
    });
    // The second server has answered (and cached) ann's token and session before the change.
    const auto ann_id = second.get("/api/auth/me/", user).json()["id"].get<std::int64_t>();
    EXPECT_EQ(second.get("/api/auth/me/", user).status, 200);
    const auto seen =
        second.app().database().change_listener() ? second.app().database().change_listener()->notifications() : 0;
    ASSERT_EQ(call("PATCH", "/api/users/" + std::to_string(ann_id) + "/", R"({"is_active":false})",
                   {{"Authorization", admin[0].second}, {"Content-Type", "application/json"}})
                  .status,
              200);
    if (const auto* listener = second.app().database().change_listener())  // PostgreSQL: once it has heard
        while (listener->notifications() <= seen)
            std::this_thread::yield();
    auto r = second.get("/api/auth/me/", user);
    // The notification heard may be an earlier commit's still in flight: the deactivation's follows it in commit
    // order, so each further one heard is another chance (never more than a few).
    for (int heard = 0; r.status == 200 && second.app().database().change_listener() && heard < 20; ++heard) {
        const auto* listener = second.app().database().change_listener();
        const auto before = listener->notifications();
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        while (listener->notifications() <= before && std::chrono::steady_clock::now() < deadline)
            std::this_thread::yield();
        if (listener->notifications() <= before) break;
        r = second.get("/api/auth/me/", user);
    }
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, R"({"detail":"User is inactive","code":"user_inactive"})");
    // Reactivated, the sessions of before stay ended on both servers.
    ASSERT_EQ(call("PATCH", "/api/users/" + std::to_string(ann_id) + "/", R"({"is_active":true})",
                   {{"Authorization", admin[0].second}, {"Content-Type", "application/json"}})
                  .status,
              200);
    EXPECT_EQ(server.get("/api/auth/me/", user).status, 401);
    const auto again = second.access_token("ann", "ann-password");
    EXPECT_EQ(server.get("/api/auth/me/", bearer(again)).status, 200);  // a session begun on the other server
}
