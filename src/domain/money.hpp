#pragma once
// Exact decimal money as integer cents, and the contract's number rules (DRF's DecimalField and IntegerField).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace sweetshop::domain {

/// Parses decimal text ("3.50", "3", "3.5", "1e2"; surrounding whitespace ignored) into cents for a price of at
/// most 8 digits, 2 decimals and 6 before the point, not negative. On failure returns the contract's message, the
/// first rule broken in the contract's order.
std::variant<std::int64_t, std::string> parse_money(std::string_view text);

enum class Bound { Lower, Upper };

/// Parses a price filter bound (any decimal, negative and long ones included) into cents, rounded so that
/// `price >= lower` and `price <= upper` hold for exactly the integer-cent prices the decimal bound admits
/// (3.555 as a lower bound is 356, as an upper bound 355). std::nullopt when the text is not a number.
std::optional<std::int64_t> parse_price_bound(std::string_view text, Bound bound);

/// "3.50" for 350.
std::string format_money(std::int64_t cents);

/// The price of `grams` of a sweet sold by weight at `cents_per_kg`: the exact product, cents_per_kg x grams / 1000,
/// rounded to the cent half up (a thousandth of a cent that is exactly half goes up: 125 g at 3.00 per kg is
/// 37.5 cents, charged 38), the rule shop scales print. Both arguments are at least 0; the product of the largest
/// price (999,999.99) and the largest stock (2,147,483,647 g) fits in 64 bits.
std::int64_t weighed_price_cents(std::int64_t cents_per_kg, std::int64_t grams);

/// How a sweet is sold: by the piece (a price per piece, whole pieces) or by the gram (a price per kilogram, whole
/// grams of stock and in lines).
enum class Unit { Piece, Gram };
std::string_view unit_name(Unit unit);  ///< piece, gram
std::optional<Unit> parse_unit(std::string_view text);

/// The money of `amount` at `price` (per piece, or per kilogram for grams): price x pieces, or weighed_price_cents.
std::int64_t line_cents(Unit unit, std::int64_t price, std::int64_t amount);
/// What refunding `amount` more of a line with `refunded` refunded already gives back: the money of all refunded
/// then less that of what was refunded before, so that a weighed line's refunds add up to its total exactly (three
/// refunds of 1 g of a 3 g line at 2.50 per kg give back 0, 1 and 0 cents, the line's 1 cent in all).
std::int64_t refund_cents(Unit unit, std::int64_t price, std::int64_t refunded, std::int64_t amount);

enum class IntegerProblem { Invalid, TooLarge, TooSmall };

/// Parses an integer as DRF's IntegerField does: "2", " 2 ", "2.0", "2.00" are 2; "2.5", "abc", "1e3" are invalid.
/// Values past the int64 range report TooLarge / TooSmall rather than overflowing.
std::variant<std::int64_t, IntegerProblem> parse_integer(std::string_view text);

}  // namespace sweetshop::domain
