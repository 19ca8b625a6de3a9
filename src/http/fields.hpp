#pragma once
// Reading fields of a JSON request body with DRF's messages; every error goes into a FieldErrors so that all invalid
// fields are reported at once.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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

/// The source text of the top-level fields whose value is a JSON number with a fraction or exponent (nlohmann keeps
/// those as double; money must be judged on the digits as sent).
using NumberTexts = std::vector<std::pair<std::string, std::string>>;

/// Collects NumberTexts of a JSON object text that has already parsed successfully.
NumberTexts number_texts(const std::string& json_text);

/// A decimal price as integer cents: a JSON number (judged on its source text) or a numeric string, with the
/// contract's messages in order. Returns std::nullopt when absent or invalid.
std::optional<std::int64_t> read_money(const nlohmann::json& body, const NumberTexts& numbers, const char* name,
                                       domain::FieldErrors& errors, bool required);

struct IntegerField {
    bool required = true;
    std::int64_t min = std::numeric_limits<std::int64_t>::min();
    std::int64_t max = std::numeric_limits<std::int64_t>::max();
};

/// An integer as DRF's IntegerField reads it (2, 2.0, "2", "2.0"), with "A valid integer is required." and the
/// bound messages. Returns std::nullopt when absent or invalid.
std::optional<std::int64_t> read_integer(const nlohmann::json& body, const char* name, domain::FieldErrors& errors,
                                         IntegerField rules);

/// DRF's JSON type names for "Expected a dictionary, but got X.".
const char* python_type_name(const nlohmann::json& value);

}  // namespace sweetshop::http
