#include "http/errors.hpp"

namespace sweetshop::http {

Response json_response(int status, const Json& body) {
    Response r;
    r.status = status;
    r.body = body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    return r;
}

Response detail_response(int status, const std::string& detail) {
    return json_response(status, Json{{"detail", detail}});
}

void fail(int status, const std::string& detail) {
    throw ApiError(detail_response(status, detail));
}

Response field_errors_response(const domain::FieldErrors& errors) {
    Json body = Json::object();
    for (const auto& [field, messages] : errors.entries())
        body[field] = messages;
    return json_response(400, body);
}

Response error_response(const domain::Error& error) {
    using domain::ErrorCode;
    switch (error.code()) {
        case ErrorCode::Validation:
            return field_errors_response(error.fields());
        case ErrorCode::BadRequest:
            return detail_response(400, error.detail());
        case ErrorCode::Unauthenticated:
            return detail_response(401, error.detail());
        case ErrorCode::PermissionDenied:
            return detail_response(403, error.detail());
        case ErrorCode::NotFound:
            return detail_response(404, error.detail());
        case ErrorCode::Conflict:
            return detail_response(409, error.detail());
        case ErrorCode::Unprocessable:
            return detail_response(422, error.detail());
        case ErrorCode::Throttled: {
            auto r = detail_response(429, error.detail());
            r.header("Retry-After", std::to_string(error.retry_after().count()));
            return r;
        }
        case ErrorCode::Unavailable:
            return detail_response(503, "Database unavailable.");
    }
    return server_error_response();
}

Response server_error_response() {
    return detail_response(500, "A server error occurred.");
}

}  // namespace sweetshop::http
