#pragma once
// The one place where outcomes become HTTP statuses: every domain::Error code to its status, headers and one of the
// contract's two JSON error shapes, and the three success answers the handlers give. No other file names a status.
#include <nlohmann/json.hpp>

#include <string>

#include "domain/error.hpp"
#include "http/message.hpp"

namespace sweetshop::http {

using Json = nlohmann::ordered_json;

/// The routing 404's words (an unknown URL, a file that is not there).
using domain::kNotFound;
/// The 403 of every route but the account's own while a temporary password is not yet changed.
inline constexpr const char* kChangePasswordFirst = "Change your temporary password first.";

/// 200 with a JSON body.
Response ok(const Json& body);
/// 200 with a body already rendered as JSON.
Response ok_text(std::string body);
/// 201 with a JSON body (or already rendered).
Response created(const Json& body);
Response created_text(std::string body);
/// 204, no body.
Response no_content();

/// 400 with a body of the route's own (a refused import's plan).
Response bad_request(const Json& body);
/// Field errors as the contract shapes them: {"field": ["message", ...], "list": [{...}, {}], "object": {...}}.
Json field_errors_json(const domain::FieldErrors& errors);

/// Maps a domain error to its status, headers and body.
Response error_response(const domain::Error& error);
/// The contract's 500: no cause in the body.
Response server_error_response();

}  // namespace sweetshop::http
