// The middle tier: the API's request handling called with request values, no sockets. The conventions (404, 405,
// OPTIONS, 413, 415, parse errors), the authorization header rules, and the one error mapping (every domain error
// code to its status and body, and a fault to the contract's 500 without its cause).
#include <gtest/gtest.h>

#include "http/api.hpp"
#include "http/errors.hpp"
#include "http/openapi.hpp"
#include "test_server.hpp"

using namespace sweetshop;
using namespace sweetshop::http;
using sweetshop::testing::TempDir;

namespace {
Request request(std::string method, std::string path, std::string body = "", HeaderList headers = {}) {
    Request r;
    r.method = std::move(method);
    const auto q = path.find('?');
    r.path = path.substr(0, q);
    if (q != std::string::npos) r.query = parse_query(std::string_view(path).substr(q + 1));
    r.body = std::move(body);
    r.headers = std::move(headers);
    r.peer = "127.0.0.1";
    return r;
}

// Handlers of a test route table, one per error code and one that faults.
Response throws_domain(Context& ctx) {
    const auto which = ctx.request.query_value("code").value_or("");
    using domain::Error;
    using domain::ErrorCode;
    if (which == "not_found") throw Error(ErrorCode::NotFound, "No Sweet matches the given query.");
    if (which == "bad_request") throw Error(ErrorCode::BadRequest, "Insufficient stock");
    if (which == "conflict") throw Error(ErrorCode::Conflict, "In progress.");
    if (which == "unprocessable") throw Error(ErrorCode::Unprocessable, "Reused.");
    if (which == "throttled") throw Error::throttled("Slow down.", std::chrono::seconds(42));
    if (which == "unavailable") throw Error(ErrorCode::Unavailable, "connection to server lost at 10.0.0.7");
    if (which == "denied") throw Error(ErrorCode::PermissionDenied, "No.");
    domain::FieldErrors errors;
    errors.add("b", "second");
    errors.add("a", "first");
    throw Error(std::move(errors));
}
Response faults(Context&) {
    throw std::runtime_error("secret internals: /var/lib/sweetshop/db password=hunter2");
}

const std::vector<Route>& test_routes() {
    static const std::vector<Route> routes = {
        {.method = "GET", .pattern = "/errors/", .handler = throws_domain},
        {.method = "GET", .pattern = "/fault/", .handler = faults},
        {.method = "POST", .pattern = "/body/", .handler = faults, .json_body = true},
    };
    return routes;
}
}  // namespace

class ApiHandler : public ::testing::Test {
  protected:
    ApiHandler() : config_(make_config()), app_(config_, clock_), service_(app_), api_(service_.api()) {
        app_.migrate();
    }

    app::Config make_config() { return sweetshop::testing::test_config(dir_.path()); }
    Deps deps() {
        return Deps{app_.accounts(),  app_.users(),   app_.tokens(),        app_.catalogue(),
                    app_.inventory(), app_.orders(),  app_.stock_control(), app_.reports(),
                    app_.people(),    app_.exports(), app_.sessions(),      app_.audit(),
                    app_.photos(),    app_.imports(), app_.perishables(),   api_.settings()};
    }
    std::string token_for(const std::string& name, bool staff) {
        app_.accounts().register_user({name, "", "password-" + name}, {});
        if (staff) app_.users().set_role(name, domain::Role::Owner);
        return signed_in(name);
    }
    /// An access token of a new session of `name`.
    std::string signed_in(const std::string& name) {
        const auto user = *app_.users().find_by_username(name);
        const auto session = app_.sessions().start(user, domain::SessionKind::Token, "test");
        return app_.tokens().issue(user, security::TokenType::Access, session.access_jti);
    }

    TempDir dir_;
    sweetshop::testing::FakeClock clock_;
    app::Config config_;
    app::App app_;
    app::Service service_;
    Api& api_;
};

TEST_F(ApiHandler, ConventionsWithoutASocket) {
    auto r = api_.handle(request("GET", "/api/nope/"));
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body, R"({"detail":"Not found."})");
    r = api_.handle(request("DELETE", "/api/"));
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.body, R"({"detail":"Method \"DELETE\" not allowed."})");
    EXPECT_EQ(r.find_header("Allow"), "GET, HEAD, OPTIONS");
    r = api_.handle(request("OPTIONS", "/api/auth/login/"));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"allow":["POST","OPTIONS"]})");
    r = api_.handle(request("POST", "/api/auth/register/", std::string(config_.max_body_bytes + 1, ' ')));
    EXPECT_EQ(r.status, 413);
    r = api_.handle(request("POST", "/api/auth/register/", "x", {{"Content-Type", "text/plain"}}));
    EXPECT_EQ(r.status, 415);
    EXPECT_EQ(r.body, R"({"detail":"Unsupported media type \"text/plain\" in request."})");
    r = api_.handle(request("POST", "/api/auth/register/", "[[["));
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body.rfind(R"({"detail":"JSON parse error - )", 0), 0u) << r.body;
    r = api_.handle(request("POST", "/api/auth/register/", "7"));
    EXPECT_EQ(r.body, R"({"non_field_errors":["Invalid data. Expected a dictionary, but got int."]})");
    r = api_.handle(request("HEAD", "/api/"));
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(r.body.empty());
    for (const auto& answer : {api_.handle(request("GET", "/api/")), api_.handle(request("GET", "/api/nope/"))})
        EXPECT_EQ(answer.find_header("X-Content-Type-Options"), "nosniff");
}

TEST_F(ApiHandler, AuthorizationHeaderRules) {
    const auto token = token_for("ann", false);
    auto me = [&](std::string header) {
        return api_.handle(request("GET", "/api/auth/me/", "", {{"Authorization", std::move(header)}}));
    };
    EXPECT_EQ(me("Bearer " + token).status, 200);
    EXPECT_EQ(me("Bearer  \t" + token + " ").status, 200);  // spaces and tabs around the parts
    EXPECT_EQ(me("Basic " + token).body, R"({"detail":"Authentication credentials were not provided."})");
    EXPECT_EQ(me("bearer " + token).body, R"({"detail":"Authentication credentials were not provided."})");
    EXPECT_EQ(me("Bearer").body, R"({"detail":"Authorization header must contain two space-delimited values",)"
                                 R"("code":"bad_authorization_header"})");
    EXPECT_EQ(me("Bearer a b").status, 401);
    auto invalid = me("Bearer " + token + "x");
    EXPECT_EQ(invalid.status, 401);
    EXPECT_NE(invalid.body.find(R"("code":"token_not_valid")"), std::string::npos);
    EXPECT_EQ(invalid.find_header("WWW-Authenticate"), R"(Bearer realm="api")");
    // The API root is public but authenticates a Bearer header.
    EXPECT_EQ(api_.handle(request("GET", "/api/", "", {{"Authorization", "Bearer nope"}})).status, 401);
    EXPECT_EQ(api_.handle(request("GET", "/api/", "", {{"Authorization", "Basic nope"}})).status, 200);
    // A customer on an admin route: 403 with the route's message.
    auto forbidden = api_.handle(request("POST", "/api/sweets/", "{}", {{"Authorization", "Bearer " + token}}));
    EXPECT_EQ(forbidden.status, 403);
    EXPECT_EQ(forbidden.body, R"({"detail":"Only admins can add sweets."})");
}

TEST_F(ApiHandler, EveryDomainErrorHasItsOneMapping) {
    Api errors(deps(), test_routes());
    auto get = [&](const char* code) { return errors.handle(request("GET", std::string("/errors/?code=") + code)); };
    struct Case {
        const char* code;
        int status;
        const char* body;
    };
    const Case cases[] = {
        {"not_found", 404, R"({"detail":"No Sweet matches the given query."})"},
        {"bad_request", 400, R"({"detail":"Insufficient stock"})"},
        {"conflict", 409, R"({"detail":"In progress."})"},
        {"unprocessable", 422, R"({"detail":"Reused."})"},
        {"throttled", 429, R"({"detail":"Slow down."})"},
        {"unavailable", 503, R"({"detail":"Database unavailable."})"},  // never the cause
        {"denied", 403, R"({"detail":"No."})"},
        {"fields", 400, R"({"b":["second"],"a":["first"]})"},  // in the order they were added
    };
    for (const auto& c : cases) {
        auto r = get(c.code);
        EXPECT_EQ(r.status, c.status) << c.code;
        EXPECT_EQ(r.body, c.body) << c.code;
        EXPECT_EQ(r.content_type, "application/json") << c.code;
    }
    EXPECT_EQ(get("throttled").find_header("Retry-After"), "42");
    auto fault = errors.handle(request("GET", "/fault/"));
    EXPECT_EQ(fault.status, 500);
    EXPECT_EQ(fault.body, R"({"detail":"A server error occurred."})");
    // A route that takes a body checks its media type and parses it before its handler runs.
    EXPECT_EQ(errors.handle(request("POST", "/body/", "{")).status, 400);
}

TEST(QueryParsing, DecodesInOrderAndKeepsRepeats) {
    const auto q = parse_query("a=1&b=x+y&a=2&empty=&flag&%26=%3D&&c=%zz");
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"a", "1"}, {"b", "x y"}, {"a", "2"}, {"empty", ""}, {"flag", ""}, {"&", "="}, {"c", "%zz"}};
    EXPECT_EQ(q, expected);
    Request r;
    r.query = q;
    EXPECT_EQ(r.query_value("a"), "2");  // the last one, as DRF's QueryDict
    EXPECT_FALSE(r.query_value("missing"));
    EXPECT_EQ(percent_encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
}

TEST(OpenApiGeneration, EveryDocumentedRouteIsAnOperationWithItsGeneralAnswers) {
    const auto& doc = openapi_document();
    for (const auto& route : api_routes()) {
        if (route.doc.hidden) continue;
        std::string method = route.method;
        for (auto& c : method)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string path;  // `{file*}` is `{file}` in OpenAPI
        for (char c : route.pattern)
            if (c != '*') path += c;
        ASSERT_TRUE(doc["paths"].contains(path)) << route.pattern;
        const auto& op = doc["paths"][path][method];
        ASSERT_TRUE(op.is_object()) << route.method << " " << route.pattern;
        const auto& responses = op["responses"];
        EXPECT_TRUE(responses.contains("500")) << route.pattern;
        if (route.json_body) {
            for (const char* status : {"400", "413", "415"})
                EXPECT_TRUE(responses.contains(status)) << route.pattern << " " << status;
            // BadRequest, or (a route with its own 400 schema) any of that and BadRequest.
            const auto& schema = responses["400"]["content"]["application/json"]["schema"];
            const auto& general = schema.contains("anyOf") ? schema["anyOf"].back() : schema;
            EXPECT_EQ(general["$ref"], "#/components/schemas/BadRequest") << route.pattern;
        }
        if (route.access == Access::User || route.access == Access::Admin || route.access == Access::Owner) {
            EXPECT_TRUE(responses.contains("401")) << route.pattern;
            EXPECT_EQ(op["security"].size(), 1u) << route.pattern;
        }
        if (route.access == Access::Optional) {
            EXPECT_EQ(op["security"].size(), 2u) << route.pattern;
        }
        if (route.access == Access::Admin || route.access == Access::Owner) {
            EXPECT_TRUE(responses.contains("403")) << route.pattern;
        }
        if (route.pool != Pool::Inline) {
            EXPECT_TRUE(responses.contains("503")) << route.pattern;
        }
    }
}

// The permission matrix, generated from the route table: every route, called with no token and as a customer, a
// member of staff and the owner, is refused exactly where its access level says (401 without a token, 403 with the
// route's own message for a role below it) and never refused for access otherwise.
TEST_F(ApiHandler, EveryRouteAdmitsExactlyTheRolesItsAccessLevelNames) {
    app_.accounts().register_user({"cat", "", "password-cat"}, {});
    app_.accounts().register_user({"sam", "", "password-sam"}, {});
    app_.accounts().register_user({"olly", "", "password-olly"}, {});
    app_.users().set_role("sam", domain::Role::Staff);
    app_.users().set_role("olly", domain::Role::Owner);
    enum Who { Nobody, Customer, Staff, Owner };
    // Each request signs in anew (a route may end the session it is called with).
    const std::pair<Who, std::string> callers[] = {{Nobody, ""}, {Customer, "cat"}, {Staff, "sam"}, {Owner, "olly"}};
    auto admitted = [](Access access, Who who) {
        switch (access) {
            case Access::Public:
            case Access::Optional:
                return true;
            case Access::User:
                return who != Nobody;
            case Access::Admin:
                return who == Staff || who == Owner;
            case Access::Owner:
                return who == Owner;
        }
        return false;
    };
    int checked = 0, routes = 0;
    for (const auto& route : api_routes()) {
        if (route.doc.hidden) continue;
        ++routes;
        std::string path;  // each {param} a number ({name*}: any segment)
        for (std::size_t i = 0; i < route.pattern.size(); ++i) {
            if (route.pattern[i] != '{') {
                path.push_back(route.pattern[i]);
                continue;
            }
            const auto end = route.pattern.find('}', i);
            path.push_back(route.pattern[end - 1] == '*' ? 'x' : '1');
            i = end;
        }
        for (const auto& [who, name] : callers) {
            HeaderList headers;
            if (!name.empty()) headers.emplace_back("Authorization", "Bearer " + signed_in(name));
            if (route.json_body) headers.emplace_back("Content-Type", "application/json");
            const auto r = api_.handle(request(route.method, path, route.json_body ? "{}" : "", headers));
            const bool no_credentials =
                r.status == 401 && r.body.find("Authentication credentials were not provided.") != std::string::npos;
            const bool forbidden = r.status == 403 && !route.forbidden.empty() &&
                                   r.body == nlohmann::json{{"detail", route.forbidden}}.dump();
            const auto label = route.method + " " + route.pattern + " as " + std::to_string(who);
            if (admitted(route.access, who)) {
                EXPECT_FALSE(no_credentials || forbidden) << label << ": " << r.status << " " << r.body;
            } else if (who == Nobody) {
                EXPECT_TRUE(no_credentials) << label << ": " << r.status << " " << r.body;
            } else {
                EXPECT_TRUE(forbidden) << label << ": " << r.status << " " << r.body;
            }
            ++checked;
        }
    }
    EXPECT_EQ(checked, 4 * routes);  // every route of the table, four callers each
    EXPECT_GE(routes, 40);
}
