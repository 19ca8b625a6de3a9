// Request-body field reading: any bytes through the body parser and every field reader the routes use.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/fields.hpp"
#include "http/json_body.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sweetshop;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = http::parse_json_body(text);
    auto* body = std::get_if<http::JsonBody>(&parsed);
    if (!body) return 0;
    (void)http::python_type_name(body->value);
    if (!body->value.is_object()) return 0;
    domain::FieldErrors errors;
    for (const char* name : {"username", "email", "password", "name", "category", "description", "refresh"})
        (void)http::read_string(body->value, name, errors, {.required = false, .allow_blank = true});
    (void)http::read_money(body->value, body->numbers, "price", errors, false);
    (void)http::read_integer(body->value, "amount", errors, {.required = false, .min = 1, .max = 2147483647});
    (void)http::read_integer(body->value, "quantity", errors, {.required = false, .min = 0, .max = 2147483647});
    return 0;
}
