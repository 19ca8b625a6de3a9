// The contract's general conventions over real HTTP: errors in JSON, 404/405, 413, 415, parse errors,
// non-object bodies, trailing slashes, OPTIONS and CORS, the schema and docs routes.
#include <gtest/gtest.h>

#include <thread>

#include "test_server.hpp"
#include "web/assets.hpp"

using namespace sweetshop::testing;

class Conventions : public ::testing::Test {
  protected:
    TestServer server;
};

TEST_F(Conventions, UnknownUrlIsJson404) {
    for (const char* path : {"/nope.js", "/assets/nope-1.js", "/../etc/passwd", "/api/nope/", "/api/sweets/abc/def/",
                             "/api/auth/login/extra/"}) {
        auto r = server.get(path);
        EXPECT_EQ(r.status, 404) << path;
        EXPECT_EQ(r.body, R"({"detail":"Not found."})") << path;
        EXPECT_EQ(r.header("Content-Type"), "application/json");
    }
}

TEST_F(Conventions, WrongMethodIs405WithAllow) {
    auto r = server.get("/api/auth/login/");
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.body, R"({"detail":"Method \"GET\" not allowed."})");
    EXPECT_EQ(r.header("Allow"), "POST, OPTIONS");
    auto d = http(server.port(), "DELETE", "/api/");
    EXPECT_EQ(d.body, R"({"detail":"Method \"DELETE\" not allowed."})");
    EXPECT_EQ(d.header("Allow"), "GET, HEAD, OPTIONS");
}

TEST_F(Conventions, TrailingSlashIsOptional) {
    auto with = server.get("/api/");
    auto without = server.get("/api");
    EXPECT_EQ(with.status, 200);
    EXPECT_EQ(without.status, 200);
    EXPECT_EQ(with.body, without.body);
    EXPECT_EQ(server.post("/api/auth/register", R"({"username":"ann","password":"secret123"})").status, 201);
}

TEST_F(Conventions, MalformedJsonIs400ParseError) {
    auto r = server.post("/api/auth/register/", R"({"username": "ann",)");
    EXPECT_EQ(r.status, 400);
    const auto detail = r.json()["detail"].get<std::string>();
    EXPECT_EQ(detail.rfind("JSON parse error - ", 0), 0u) << detail;
    EXPECT_EQ(r.json().size(), 1u);
}

TEST_F(Conventions, NonObjectBodyIs400WithTheTypeName) {
    const std::pair<const char*, const char*> cases[] = {{"[1,2]", "list"}, {"\"x\"", "str"}, {"42", "int"},
                                                         {"4.5", "float"},  {"true", "bool"}, {"null", "NoneType"}};
    for (const auto& [payload, type] : cases) {
        auto r = server.post("/api/auth/register/", payload);
        EXPECT_EQ(r.status, 400) << payload;
        EXPECT_EQ(r.body, std::string(R"({"non_field_errors":["Invalid data. Expected a dictionary, but got )") + type +
                              R"(."]})")
            << payload;
    }
}

TEST_F(Conventions, OtherMediaTypeIs415) {
    auto r = server.post("/api/auth/register/", "username=ann", {{"Content-Type", "text/plain"}});
    EXPECT_EQ(r.status, 415);
    EXPECT_EQ(r.body, R"({"detail":"Unsupported media type \"text/plain\" in request."})");
    auto charset = server.post("/api/auth/register/", R"({"username":"ann","password":"secret123"})",
                               {{"Content-Type", "application/json; charset=utf-8"}});
    EXPECT_EQ(charset.status, 201);
}

TEST_F(Conventions, BodyOverTheLimitIs413) {
    const std::string big = R"({"username":")" + std::string((1 << 20) + 10, 'a') + R"("})";
    auto r = server.post("/api/auth/register/", big);
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(r.body, R"({"detail":"Request body too large."})");
    // The server is still healthy afterwards.
    EXPECT_EQ(server.get("/api/").status, 200);
}

TEST_F(Conventions, OptionsAnswersAllow) {
    auto r = http(server.port(), "OPTIONS", "/api/auth/register/");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Allow"), "POST, OPTIONS");
    EXPECT_EQ(http(server.port(), "OPTIONS", "/api/nope/").status, 404);
}

TEST_F(Conventions, CorsPreflightFromAnAllowedOrigin) {
    auto r = http(server.port(), "OPTIONS", "/api/auth/login/", "",
                  {{"Origin", "http://localhost:5173"},
                   {"Access-Control-Request-Method", "POST"},
                   {"Access-Control-Request-Headers", "content-type,authorization"}});
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Access-Control-Allow-Origin"), "http://localhost:5173");
    EXPECT_EQ(r.header("Access-Control-Allow-Credentials"), "true");
    const auto methods = r.header("Access-Control-Allow-Methods").value_or("");
    for (const char* m : {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
        EXPECT_NE(methods.find(m), std::string::npos) << m;
    const auto headers = r.header("Access-Control-Allow-Headers").value_or("");
    EXPECT_NE(headers.find("authorization"), std::string::npos);
    EXPECT_NE(headers.find("content-type"), std::string::npos);

    auto get = server.get("/api/", {{"Origin", "http://localhost:5173"}});
    EXPECT_EQ(get.header("Access-Control-Allow-Origin"), "http://localhost:5173");
}

TEST_F(Conventions, CorsRefusesOtherOrigins) {
    auto r = http(server.port(), "OPTIONS", "/api/auth/login/", "",
                  {{"Origin", "http://evil.example"}, {"Access-Control-Request-Method", "POST"}});
    EXPECT_FALSE(r.header("Access-Control-Allow-Origin").has_value());
    EXPECT_FALSE(r.header("Access-Control-Allow-Methods").has_value());
    auto get = server.get("/api/", {{"Origin", "http://evil.example"}});
    EXPECT_EQ(get.status, 200);
    EXPECT_FALSE(get.header("Access-Control-Allow-Origin").has_value());
}

TEST_F(Conventions, SchemaIsOpenApiJsonOfEveryRoute) {
    auto r = server.get("/api/schema/");
    ASSERT_EQ(r.status, 200);
    auto doc = r.json();
    EXPECT_EQ(doc["openapi"].get<std::string>().rfind("3.", 0), 0u);
    for (const char* path :
         {"/api/", "/api/auth/register/", "/api/auth/login/", "/api/auth/token/refresh/", "/api/schema/", "/api/docs/"})
        EXPECT_TRUE(doc["paths"].contains(path)) << path;
    auto yaml = server.get("/api/schema/?format=yaml");
    EXPECT_EQ(yaml.status, 200);
    EXPECT_EQ(yaml.body.rfind("\"openapi\": \"3.0.3\"", 0), 0u) << yaml.body.substr(0, 80);
}

TEST_F(Conventions, DocsPageAndItsAssetsAreServedLocally) {
    auto page = server.get("/api/docs/");
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_NE(page.body.find("/api/docs/swagger-ui-bundle.js"), std::string::npos);
    EXPECT_EQ(page.body.find("https://"), std::string::npos);  // no CDN
    auto js = server.get("/api/docs/swagger-ui-bundle.js");
    EXPECT_EQ(js.status, 200);
    EXPECT_GT(js.body.size(), 100000u);
    EXPECT_EQ(server.get("/api/docs/swagger-ui.css").status, 200);
    EXPECT_EQ(server.get("/api/docs/../../etc/passwd").status, 404);
}

TEST_F(Conventions, MalformedHttpDoesNotTakeTheServerDown) {
    http_raw(server.port(), "THIS IS NOT HTTP\r\n\r\n");
    http_raw(server.port(), "GET / HTTP/1.1\r\nContent-Length: nope\r\n\r\n");
    EXPECT_EQ(server.get("/api/").status, 200);
}

TEST_F(Conventions, ServerFaultIs500WithoutInternals) {
    server.create_user("ann", "secret123");
    server.app().database().write([](soci::session& sql) { sql << "DROP TABLE login_failures"; });
    auto r = server.post("/api/auth/login/", R"({"username":"ann","password":"wrong-password"})");
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body, R"({"detail":"A server error occurred."})");
    EXPECT_EQ(server.get("/api/").status, 200);
}

// SIGINT/SIGTERM call Server::stop(): a request in flight still gets its answer, new connections are refused.
TEST(GracefulShutdown, FinishesRequestsInFlight) {
    TestServer server{[](sweetshop::app::Config& c) {
        c.argon2_ops = 3;
        c.argon2_memory_kib = 64 * 1024;
    }};
    server.create_user("ann", "secret123");
    // The registration's answer can reach the client before the server has finished counting it out: wait until
    // nothing is in flight, so that the count below is the login's.
    while (server.server().in_flight() != 0)
        std::this_thread::yield();
    const auto port = server.port();
    HttpResponse answer;
    std::string client_error;
    std::thread client([&] {
        try {
            answer = server.post("/api/auth/login/", R"({"username":"ann","password":"secret123"})");
        } catch (const std::exception& e) {
            client_error = e.what();
        }
    });
    while (server.server().in_flight() == 0)
        std::this_thread::yield();
    server.server().stop();
    client.join();
    EXPECT_EQ(client_error, "");
    EXPECT_EQ(answer.status, 200);
    EXPECT_THROW(http(port, "GET", "/api/"), std::runtime_error);
}

// The web app's build is compiled in (scripts/build.sh builds frontend/ first) and served from the same origin.
TEST_F(Conventions, WebAppIsServedBesideTheApi) {
    ASSERT_FALSE(sweetshop::web::embedded_assets().empty()) << "the web app was not built: run scripts/build.sh";
    auto index = server.get("/");
    ASSERT_EQ(index.status, 200);
    EXPECT_EQ(index.header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(index.header("Cache-Control"), "no-cache");
    EXPECT_NE(index.body.find("<div id=\"root\">"), std::string::npos);
    const Headers browser = {{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}};
    for (const char* route : {"/login", "/admin", "/dashboard/", "/no/such/page", "/nope.png"}) {
        auto r = server.get(route, browser);
        EXPECT_EQ(r.status, 200) << route;
        EXPECT_EQ(r.body, index.body) << route;
        EXPECT_EQ(r.header("Vary"), "Accept") << route;
        // Any other client: the JSON 404.
        auto api_client = server.get(route, {{"Accept", "application/json"}});
        EXPECT_EQ(api_client.status, 404) << route;
        EXPECT_EQ(api_client.body, R"({"detail":"Not found."})") << route;
        EXPECT_EQ(server.get(route).body, R"({"detail":"Not found."})") << route;
    }
    // The hashed script named by index.html, cached for a year.
    const auto at = index.body.find("/assets/");
    ASSERT_NE(at, std::string::npos);
    const auto script = index.body.substr(at, index.body.find('"', at) - at);
    auto js = server.get(script);
    EXPECT_EQ(js.status, 200) << script;
    EXPECT_EQ(js.header("Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_TRUE(js.header("Content-Type") == "text/javascript; charset=utf-8" ||
                js.header("Content-Type") == "text/css; charset=utf-8")
        << script;
    // Compressed at build time: the gzip variant for clients that accept it.
    auto gz = server.get(script, {{"Accept-Encoding", "gzip, deflate"}});
    EXPECT_EQ(gz.status, 200);
    EXPECT_EQ(gz.header("Content-Encoding"), "gzip");
    EXPECT_EQ(gz.header("Vary"), "Accept-Encoding");
    ASSERT_GE(gz.body.size(), 2u);
    EXPECT_EQ(gz.body.substr(0, 2), "\x1f\x8b");
    EXPECT_LT(gz.body.size(), js.body.size() / 2);
    auto head = http(server.port(), "HEAD", "/login", "", browser);
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    for (const char* path : {"/..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/%2e%2e%2findex.html",
                             "/.git/config", "/%252e%252e/etc/passwd"}) {
        auto r = server.get(path);
        EXPECT_EQ(r.status, 404) << path;
        EXPECT_EQ(r.body, R"({"detail":"Not found."})") << path;
    }
    auto post = server.post("/login", "{}");
    EXPECT_EQ(post.status, 404);  // only GET and HEAD reach the web app
}
