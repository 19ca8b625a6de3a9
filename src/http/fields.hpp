#pragma once
// Reading fields of a JSON request body with DRF's messages; every error goes into a FieldErrors so that all invalid
// fields are reported at once.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "domain/error.hpp"

namespace sweetshop::http {

struct StringField {
    bool required = true;
    bool allow_blank = false;
    bool trim = true;
};

/// A string field: "This field is required.", "This field may not be null.", "Not a valid string.",
/// "This field may not be blank.". Numbers are accepted as their text, as DRF's CharField does.
/// Returns std::nullopt when absent or invalid.
std::optional<std::string> read_string(const nlohmann::json& body, const char* name, domain::FieldErrors& errors,
                                       StringField rules = {});

/// DRF's JSON type names for "Expected a dictionary, but got X.".
const char* python_type_name(const nlohmann::json& value);

}  // namespace sweetshop::http
