#pragma once
// Reading fields of a JSON request body with DRF's messages; every error goes into a FieldErrors so that all invalid
// fields are reported at once.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/catalogue.hpp"
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

/// A boolean as DRF's BooleanField reads it (true/false, 1/0, "true"/"false" and their other spellings), with
/// "Must be a valid boolean.". Returns std::nullopt when absent or invalid.
std::optional<bool> read_boolean(const BodyJson& body, const char* name, domain::FieldErrors& errors, bool required);

/// A sweet's primary key as DRF's PrimaryKeyRelatedField reads it (the field "sweet"): an integer, or a string of one.
std::optional<std::int64_t> read_sweet_pk(const BodyJson& line, domain::FieldErrors& errors);

/// A list of {sweet, <amount>} objects (an order's lines, a stocktake's counts).
struct LinesField {
    const char* name = "lines";
    const char* amount = "amount";
    std::int64_t min = 1;  ///< the least amount
    std::size_t max_items = 100;
};

/// DRF's JSON type names for "Expected a dictionary, but got X.".
const char* python_type_name(const BodyJson& value);

/// Reads a LinesField with DRF's list and per-item messages (per-item errors as a list aligned with the items);
/// the items read go to `out` as Line{sweet, amount}. True when every item was read.
template <class Line>
bool read_sweet_lines(const BodyJson& body, const LinesField& field, domain::FieldErrors& errors,
                      std::vector<Line>& out) {
    auto it = body.find(field.name);
    const auto fail = [&](const std::string& message) {
        errors.add(field.name, message);
        return false;
    };
    if (it == body.end()) return fail("This field is required.");
    if (it->is_null()) return fail("This field may not be null.");
    if (!it->is_array())
        return fail(std::string("Expected a list of items but got type \"") + python_type_name(*it) + "\".");
    if (it->empty()) return fail("This list may not be empty.");
    if (it->size() > field.max_items)
        return fail("Ensure this field has no more than " + std::to_string(field.max_items) + " elements.");
    std::vector<domain::FieldErrors> items;
    bool bad = false;
    for (const auto& line : *it) {
        domain::FieldErrors e;
        if (!line.is_object()) {
            e.add("non_field_errors",
                  std::string("Invalid data. Expected a dictionary, but got ") + python_type_name(line) + ".");
        } else {
            auto sweet = read_sweet_pk(line, e);
            auto amount =
                read_integer(line, field.amount, e, {.required = true, .min = field.min, .max = domain::kMaxQuantity});
            if (sweet && amount) out.push_back({*sweet, *amount});
        }
        bad = bad || !e.empty();
        items.push_back(std::move(e));
    }
    if (bad) errors.add_items(field.name, std::move(items));
    return !bad;
}

}  // namespace sweetshop::http
