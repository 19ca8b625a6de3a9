// Money and number parsing: prices, price bounds and integers, as sent in bodies and queries.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/money.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sweetshop::domain;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto money = parse_money(text);
    if (auto* cents = std::get_if<std::int64_t>(&money)) {
        // A price read back from its own text is the same price.
        auto again = parse_money(format_money(*cents));
        if (!std::holds_alternative<std::int64_t>(again) || std::get<std::int64_t>(again) != *cents) __builtin_trap();
    }
    (void)parse_price_bound(text, Bound::Lower);
    (void)parse_price_bound(text, Bound::Upper);
    (void)parse_integer(text);
    return 0;
}
