#pragma once
#include "domain/user.hpp"
// Writing JSON text directly for the hot responses (a page of sweets): byte-for-byte what nlohmann's dump() gives
// for the same values, at a fraction of the cost of building a tree first (see docs/performance.md).
#include <cstdint>
#include <string>
#include <string_view>

#include "common/json_string.hpp"
#include "domain/catalogue.hpp"

namespace sweetshop::http::json {

/// Appends `text` as a JSON string: quoted, with `"`, `\` and control characters escaped (UTF-8 as is).
inline void append_string(std::string& out, std::string_view text) {
    common::append_json_string(out, text);
}
void append_int(std::string& out, std::int64_t value);

/// Who an answer is for: customers see the contract's fields only; staff also the stock-control fields after them
/// (reorder_level, reorder_quantity, active); the owner also the cost (between reorder_quantity and active). The
/// storefront (anyone, no token needed) sees what a shop window shows: no exact count, no creator, no cost.
enum class View { Customer, Staff, Owner, Storefront };
/// The view of a user's answers (none: a customer's).
View view_for(const domain::User* user);
/// What a cached answer's key starts with for the view ("", "staff ", "owner ").
std::string_view view_prefix(View view);

/// The contract's sweet object, fields in its order (and the staff's after them); for the storefront {"id", "name",
/// "category", "description", "price", "availability", "left"} (domain::availability_of).
void append_sweet(std::string& out, const domain::Sweet& sweet, View view = View::Customer);
std::string sweet(const domain::Sweet& sweet, View view = View::Customer);

/// A list page: {"count","next","previous","results"}; empty links are written as null.
std::string page(const domain::SweetPage& page, const std::string& next, const std::string& previous,
                 View view = View::Customer);

}  // namespace sweetshop::http::json
