#pragma once
// Request bodies: the one JSON type of the request path and its parser. A body is read in two linear passes: a SAX
// scan (no tree) that refuses nesting past kMaxJsonDepth and records the source text of top-level fractional
// numbers, then the tree itself. Neither pass recurses, so no body can exhaust the stack.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sweetshop::http {

/// The JSON type of request bodies. Objects are std::maps: a lookup or an insert costs O(log n) whatever the body
/// holds, and a repeated key keeps its last value, as Python's json does. Numbers with a fraction or an exponent are
/// long double, so that a number past double's range (`1e400`) is still a number, refused by the field's own rules
/// with a field error instead of failing the whole body.
using BodyJson =
    nlohmann::basic_json<std::map, std::vector, std::string, bool, std::int64_t, std::uint64_t, long double>;

/// Deeper nesting is refused with the contract's 400 JSON parse error before any tree is built.
inline constexpr int kMaxJsonDepth = 64;

/// The source text of the top-level fields whose value is a JSON number with a fraction or exponent (money is judged
/// on the digits as sent). The last one wins for a repeated key, as in the tree.
using NumberTexts = std::map<std::string, std::string, std::less<>>;

struct JsonBody {
    BodyJson value;
    NumberTexts numbers;
};

/// Why a body is not JSON: the text that follows "JSON parse error - ".
struct JsonSyntaxError {
    std::string reason;
};

std::variant<JsonBody, JsonSyntaxError> parse_json_body(std::string_view text);

}  // namespace sweetshop::http
