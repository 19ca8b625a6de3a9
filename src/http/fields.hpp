#pragma once
// Reading fields of a JSON request body with DRF's messages; every error goes into a FieldErrors so that all invalid
// fields are reported at once.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/error.hpp"
#include "http/json_body.hpp"

namespace sweetshop::http {

struct StringField {
    bool required = true;
    bool allow_blank = false;
    bool trim = true;
};

/// A string field: "This field is required.", "This field may not be null.", "Not a valid string.",
/// "This field may not be blank.", "Null characters are not allowed.". Numbers are accepted as their text, as DRF's
/// CharField does (a fraction as Python prints it).
/// Returns std::nullopt when absent or invalid.
std::optional<std::string> read_string(const BodyJson& body, const char* name, domain::FieldErrors& errors,
                                       StringField rules = {});

/// A decimal price as integer cents: a JSON number (judged on its source text) or a numeric string, with the
/// contract's messages in order. Returns std::nullopt when absent or invalid.
std::optional<std::int64_t> read_money(const BodyJson& body, const NumberTexts& numbers, const char* name,
                                       domain::FieldErrors& errors, bool required);

struct IntegerField {
    bool required = true;
    std::int64_t min = std::numeric_limits<std::int64_t>::min();
    std::int64_t max = std::numeric_limits<std::int64_t>::max();
};

/// An integer as DRF's IntegerField reads it (2, 2.0, "2", "2.0"), with "A valid integer is required." and the
/// bound messages. Returns std::nullopt when absent or invalid.
std::optional<std::int64_t> read_integer(const BodyJson& body, const char* name, domain::FieldErrors& errors,
                                         IntegerField rules);

/// DRF's JSON type names for "Expected a dictionary, but got X.".
const char* python_type_name(const BodyJson& value);

}  // namespace sweetshop::http
