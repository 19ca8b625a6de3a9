#include "http/errors.hpp"

namespace sweetshop::http {

namespace {
Response json_response(int status, const Json& body) {
    Response r;
    r.status = status;
    r.body = body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    return r;
}

Response detail_response(int status, const std::string& detail) {
    return json_response(status, Json{{"detail", detail}});
}

/// {"detail"}, and the error's `code` after it when it has one.
Response detail_response(int status, const domain::Error& error) {
    Json body{{"detail", error.detail()}};
    if (!error.reason().empty()) body["code"] = error.reason();
    return json_response(status, body);
}

Response field_errors_response(const domain::FieldErrors& errors) {
    return json_response(400, field_errors_json(errors));
}

/// {"detail", "code"?, "messages"?} with the WWW-Authenticate challenge every 401 carries, as DRF's views send it.
Response unauthenticated_response(const domain::Error& error) {
    Json body{{"detail", error.detail()}};
    if (!error.reason().empty()) body["code"] = error.reason();
    if (!error.token_messages().empty()) {
        Json messages = Json::array();
        for (const auto& m : error.token_messages())
            messages.push_back(
                Json{{"token_class", m.token_class}, {"token_type", m.token_type}, {"message", m.message}});
        body["messages"] = std::move(messages);
    }
    auto r = json_response(401, body);
    r.header("WWW-Authenticate", "Bearer realm=\"" + error.realm() + "\"");
    return r;
}

}  // namespace

// {"field": ["message", ...], "list": [{...}, {}], "object": {...}, ...}
Json field_errors_json(const domain::FieldErrors& errors) {
    Json body = Json::object();
    for (const auto& [field, entry] : errors.entries()) {
        if (!entry.object.empty()) {
            body[field] = field_errors_json(entry.object.front());
        } else if (!entry.items.empty()) {
            Json items = Json::array();
            for (const auto& item : entry.items)
                items.push_back(field_errors_json(item));
            body[field] = items;
        } else {
            body[field] = entry.messages;
        }
    }
    return body;
}

Response bad_request(const Json& body) {
    return json_response(400, body);
}

Response ok(const Json& body) {
    return json_response(200, body);
}

Response ok_text(std::string body) {
    Response r;
    r.body = std::move(body);
    return r;
}

Response created(const Json& body) {
    return json_response(201, body);
}

Response created_text(std::string body) {
    auto r = ok_text(std::move(body));
    r.status = 201;
    return r;
}

Response no_content() {
    Response r;
    r.status = 204;
    r.content_type.clear();  // nothing to describe
    return r;
}

Response error_response(const domain::Error& error) {
    using domain::ErrorCode;
    switch (error.code()) {
        case ErrorCode::Validation:
            return field_errors_response(error.fields());
        case ErrorCode::BadRequest:
            return detail_response(400, error);
        case ErrorCode::Unauthenticated:
            return unauthenticated_response(error);
        case ErrorCode::PermissionDenied:
            return detail_response(403, error);
        case ErrorCode::NotFound:
            return detail_response(404, error);
        case ErrorCode::MethodNotAllowed: {
            auto r = detail_response(405, error);
            r.header("Allow", common::join(error.allowed(), ", "));
            return r;
        }
        case ErrorCode::Conflict:
            return detail_response(409, error);
        case ErrorCode::PayloadTooLarge:
            return detail_response(413, error);
        case ErrorCode::UnsupportedMediaType:
            return detail_response(415, error);
        case ErrorCode::Unprocessable:
            return detail_response(422, error);
        case ErrorCode::Throttled: {
            auto r = detail_response(429, error);
            r.header("Retry-After", std::to_string(error.retry_after().count()));
            return r;
        }
        case ErrorCode::Unavailable:  // the cause stays in the log
            return detail_response(503, "Database unavailable.");
    }
    return server_error_response();
}

Response server_error_response() {
    return detail_response(500, "A server error occurred.");
}

}  // namespace sweetshop::http
