// The route table: every route of the API server, one entry each.
#include "http/handlers.hpp"
#include "http/routes.hpp"

namespace sweetshop::http {

const std::vector<Route>& api_routes() {
    using namespace handlers;
    static const std::vector<Route> routes = {
        {"GET", "/api/", Access::Public, Pool::Inline, api_root, "", false,
         {"API root: links to the resources", "", {{200, "ApiRoot"}}}},
        {"POST", "/api/auth/register/", Access::Public, Pool::Hashing, register_user, "", true,
         {"Register an account (does not log in)", "Registration", {{201, "RegisteredUser"}, {400, "FieldErrors"}}}},
        {"POST", "/api/auth/login/", Access::Public, Pool::Hashing, login, "", true,
         {"Log in: a refresh and an access token",
          "Login",
          {{200, "LoginResult"}, {400, "FieldErrors"}, {401, "Detail"}, {429, "Detail"}}}},
        {"POST", "/api/auth/token/refresh/", Access::Public, Pool::Database, refresh_token, "", true,
         {"A new access token for a refresh token", "Refresh", {{200, "AccessToken"}, {400, "FieldErrors"}, {401, "TokenError"}}}},
        {"GET", "/api/auth/me/", Access::User, Pool::Database, current_user, "", false,
         {"The user the access token belongs to, as stored now", "", {{200, "User"}}}},
        {"GET", "/api/schema/", Access::Public, Pool::Inline, schema, "", false,
         {"This OpenAPI document (JSON; ?format=yaml for YAML)", "", {{200, ""}}}},
        {"GET", "/api/docs/", Access::Public, Pool::Inline, docs_page, "", false,
         {"Interactive API documentation (HTML)", "", {{200, ""}}}},
        {"GET", "/api/docs/{asset*}/", Access::Public, Pool::Inline, docs_asset, "", false, {"", "", {}, true}},
    };
    return routes;
}

}  // namespace sweetshop::http
