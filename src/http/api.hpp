#pragma once
// The request pipeline, independent of the transport: size limit, CORS, routing (404/405/OPTIONS),
// authentication and permission, media type and JSON parsing, the handler, and error mapping.
#include "http/routes.hpp"

namespace sweetshop::http {

class Api {
  public:
    explicit Api(Deps deps, const std::vector<Route>& routes = api_routes())
        : deps_(std::move(deps)), routes_(&routes) {}

    /// Finds the route of `request` (cheap: done on the I/O thread, to choose where the request runs).
    RouteMatch match(const Request& request) const;
    /// Where a matched request must run.
    static Pool pool_for(const RouteMatch& match) { return match.route ? match.route->pool : Pool::Inline; }
    /// Answers a request; never throws. May block (run it where pool_for says).
    Response handle(const Request& request, const RouteMatch& match);
    Response handle(const Request& request) { return handle(request, match(request)); }
    /// For Pool::CacheFirst routes: the answer, if it can be given without waiting for anything (a cached answer
    /// for a token that verified before, say; also its 4xx errors, such as a bad token's 401); std::nullopt when the
    /// request must run on the database pool (or the route is not CacheFirst). Runs on the calling thread.
    std::optional<Response> try_without_blocking(const Request& request, const RouteMatch& match);
    /// Calls send(response) once the change the response reports is on disk (at once when it reports none; a 503
    /// instead when the sync failed), on this thread or on the syncing one.
    void when_synced(Response response, std::function<void(Response)> send);

    const Settings& settings() const { return deps_.settings; }
    const std::vector<Route>& routes() const { return *routes_; }

  private:
    Response dispatch(const Request& request, const RouteMatch& match);
    void add_cors(const Request& request, const RouteMatch& match, Response& response) const;
    bool origin_allowed(std::string_view origin) const;

    Deps deps_;
    const std::vector<Route>* routes_;
};

/// SimpleJWT's words for a token error: "Token is invalid", "Token is expired", "Token has wrong type".
const char* token_message(security::TokenError error);

/// Who an access token is: the user as stored now, and the token's jti (which names its session).
struct Caller {
    domain::User user;
    std::string jti;
};
/// Authenticates `Authorization: Bearer <access>` against the user as stored now and the token's session; throws
/// domain::Error with the contract's authentication-error bodies.
Caller authenticate(const Request& request, Deps& deps);
/// For Access::Optional routes: no Authorization header, or one of another scheme, is anonymous (std::nullopt);
/// a `Bearer` header is authenticated as authenticate() does, with its 401s.
std::optional<Caller> authenticate_if_bearer(const Request& request, Deps& deps);

}  // namespace sweetshop::http
