#include "http/api.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "common/no_blocking.hpp"
#include "http/errors.hpp"
#include "http/fields.hpp"
#include "http/web_app.hpp"

namespace sweetshop::http {

namespace {
std::string media_type(std::string_view content_type) {
    std::string out(trim_ows(content_type.substr(0, content_type.find(';'))));
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool is_json_media_type(const std::string& type) {
    return type == "application/json" ||
           (type.rfind("application/", 0) == 0 && type.size() > 5 && type.compare(type.size() - 5, 5, "+json") == 0);
}

JsonBody parse_body(const Request& request) {
    const auto& body = request.body;
    if (body.find_first_not_of(" \t\r\n") == std::string::npos) return JsonBody{BodyJson::object(), {}};
    if (auto ct = request.header("Content-Type"); ct && !is_json_media_type(media_type(*ct))) {
        std::string shown(*ct);
        throw domain::Error(domain::ErrorCode::UnsupportedMediaType,
                            "Unsupported media type \"" + shown + "\" in request.");
    }
    auto parsed = parse_json_body(body);
    if (auto* error = std::get_if<JsonSyntaxError>(&parsed))
        throw domain::Error(domain::ErrorCode::BadRequest, "JSON parse error - " + error->reason);
    auto& json = std::get<JsonBody>(parsed);
    if (!json.value.is_object()) {
        domain::FieldErrors errors;
        errors.add("non_field_errors",
                   std::string("Invalid data. Expected a dictionary, but got ") + python_type_name(json.value) + ".");
        throw domain::Error(std::move(errors));
    }
    return std::move(json);
}
}  // namespace

bool Api::origin_allowed(std::string_view origin) const {
    const auto& list = deps_.settings.cors_origins;
    return std::any_of(list.begin(), list.end(), [&](const std::string& o) { return o == "*" || o == origin; });
}

void Api::add_cors(const Request& request, const RouteMatch& match, Response& response) const {
    if (deps_.settings.public_cors || match.any_origin) {
        response.header("Access-Control-Allow-Origin", "*");
        return;
    }
    auto origin = request.header("Origin");
    if (!origin || !origin_allowed(*origin)) return;
    response.header("Access-Control-Allow-Origin", std::string(*origin));
    response.header("Access-Control-Allow-Credentials", "true");
    response.header("Access-Control-Expose-Headers", "Retry-After, Idempotent-Replayed");
    response.header("Vary", "Origin");
}

RouteMatch Api::match(const Request& request) const {
    return match_route(*routes_, request.method, request.path);
}

Response Api::handle(const Request& request, const RouteMatch& match) {
    if (deps_.durability) deps_.durability->take_ticket();  // nothing of an earlier task on this thread
    Response response;
    try {
        response = dispatch(request, match);
    } catch (const domain::Error& e) {
        response = error_response(e);
    } catch (const common::WouldBlock&) {
        throw;  // only inside try_without_blocking()
    } catch (const std::exception& e) {
        spdlog::error("unhandled error on {} {}: {}", request.method, request.path, e.what());
        response = server_error_response();
    } catch (...) {
        spdlog::error("unhandled non-standard exception on {} {}", request.method, request.path);
        response = server_error_response();
    }
    if (response.route.empty())
        response.route = match.route ? match.route->pattern : (match.allowed.empty() ? "-" : "(method not allowed)");
    add_cors(request, match, response);
    // No answer is ever to be read as another type than it says (a JSON error as HTML, say).
    if (!response.find_header("X-Content-Type-Options")) response.header("X-Content-Type-Options", "nosniff");
    if (deps_.durability) response.sync_ticket = deps_.durability->take_ticket();
    return response;
}

std::optional<Response> Api::try_without_blocking(const Request& request, const RouteMatch& match) {
    if (pool_for(match) != Pool::CacheFirst) return std::nullopt;
    common::NoBlocking scope;
    try {
        return handle(request, match);
    } catch (const common::WouldBlock&) {
        return std::nullopt;
    }
}

void Api::when_synced(Response response, std::function<void(Response)> send) {
    if (!response.sync_ticket || !deps_.durability) return send(std::move(response));
    auto held = std::make_shared<Response>(std::move(response));
    deps_.durability->when_synced(held->sync_ticket, [this, held, send = std::move(send)](bool synced) {
        if (synced) return send(std::move(*held));
        // Committed but perhaps not on disk: a power cut could still lose it, so it is not acknowledged as kept.
        spdlog::error("could not sync a committed change to disk; answering 503 for {}", held->route);
        auto unavailable = error_response(domain::Error(domain::ErrorCode::Unavailable, "Database unavailable."));
        unavailable.route = held->route;
        send(std::move(unavailable));
    });
}

Response Api::dispatch(const Request& request, const RouteMatch& match) {
    if (match.route && match.route->upload) {
        if (const auto most = deps_.settings.max_upload_bytes; request.body.size() > most) {
            std::string message = "The file is too large: at most ";
            message.append(std::to_string(most / 1024)).append(" KiB are taken.");
            throw domain::Error(domain::ErrorCode::PayloadTooLarge, message);
        }
    } else if (request.body.size() > deps_.settings.max_body_bytes) {
        throw domain::Error(domain::ErrorCode::PayloadTooLarge, "Request body too large.");
    }

    if (request.method == "OPTIONS") {
        auto origin = request.header("Origin");
        const bool allowed = origin && (deps_.settings.public_cors || match.any_origin || origin_allowed(*origin));
        if (allowed && request.header("Access-Control-Request-Method")) {
            Response r;  // CORS preflight: answered for any path, as django-cors-headers does
            r.header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
            r.header("Access-Control-Allow-Headers", "authorization, content-type, idempotency-key");
            r.header("Access-Control-Max-Age", "86400");
            r.body = "{}";
            return r;
        }
        if (match.allowed.empty()) throw domain::Error(domain::ErrorCode::NotFound, kNotFound);
        auto r = ok(Json{{"allow", match.allowed}});
        r.header("Allow", common::join(match.allowed, ", "));
        return r;
    }
    if (match.allowed.empty()) {
        if (deps_.web && (request.method == "GET" || request.method == "HEAD")) {
            if (auto page = deps_.web->serve(request)) {
                if (request.method == "HEAD") page->body.clear();
                return std::move(*page);
            }
        }
        throw domain::Error(domain::ErrorCode::NotFound, kNotFound);
    }
    if (!match.route) {
        throw domain::Error::method_not_allowed(request.method, match.allowed);
    }

    const Route& route = *match.route;
    Request routed = request;
    routed.params = match.params;
    Context ctx{routed, deps_, std::nullopt};
    std::optional<Caller> caller;
    if (route.access == Access::Optional)
        caller = authenticate_if_bearer(routed, deps_);
    else if (route.access != Access::Public)
        caller = authenticate(routed, deps_);
    if (caller) {
        ctx.user = std::move(caller->user);
        ctx.token_id = std::move(caller->jti);
        if ((route.access == Access::Admin && !ctx.user->is_staff) ||
            (route.access == Access::Owner && !ctx.user->is_owner()))
            throw domain::Error(domain::ErrorCode::PermissionDenied, route.forbidden);
        if (ctx.user->must_change_password && !route.with_temporary_password)
            throw domain::Error::coded(domain::ErrorCode::PermissionDenied, kChangePasswordFirst,
                                       "password_change_required");
    }
    if (route.json_body) {
        auto body = parse_body(routed);
        ctx.body = std::move(body.value);
        ctx.numbers = std::move(body.numbers);
    }
    auto response = route.handler(ctx);
    if (request.method == "HEAD") {
        response.body.clear();
        response.stream = nullptr;
    }
    return response;
}

}  // namespace sweetshop::http
