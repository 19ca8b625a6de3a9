#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace sweetshop::http {

/// The OpenAPI 3.0 document of the whole API, generated from the route table and the schemas in openapi.cpp.
const nlohmann::ordered_json& openapi_document();
const std::string& openapi_json();
const std::string& openapi_yaml();
/// A block-style YAML rendering of a JSON value.
std::string to_yaml(const nlohmann::ordered_json& value);

}  // namespace sweetshop::http
