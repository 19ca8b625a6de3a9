#pragma once
// The one place where errors become HTTP statuses and the contract's two JSON error shapes.
#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

#include "domain/error.hpp"
#include "http/message.hpp"

namespace sweetshop::http {

using Json = nlohmann::ordered_json;

/// An error already in its final HTTP form (thrown by the http layer itself).
class ApiError : public std::exception {
  public:
    explicit ApiError(Response response) : response_(std::move(response)) {}
    const Response& response() const { return response_; }
    const char* what() const noexcept override { return "api error"; }

  private:
    Response response_;
};

Response json_response(int status, const Json& body);
/// {"detail": "..."}
Response detail_response(int status, const std::string& detail);
[[noreturn]] void fail(int status, const std::string& detail);
/// {"field": ["message", ...], ...}
Response field_errors_response(const domain::FieldErrors& errors);
/// Maps a domain error to its status and body.
Response error_response(const domain::Error& error);
/// The contract's 500: no cause in the body.
Response server_error_response();

}  // namespace sweetshop::http
