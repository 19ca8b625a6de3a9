#include "domain/money.hpp"

#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>

namespace sweetshop::domain {

namespace {
std::string_view strip(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// A decimal as Python's Decimal sees it: sign, mantissa digits without leading zeros, and the exponent.
struct Decimal {
    bool negative = false;
    std::string digits;
    long long exponent = 0;
};

/// Scans decimal text ("3.50", "-1e2", " 7 "); std::nullopt when it is not a finite number. A mantissa of more than
/// 64 digits is cut short and reported through `too_long` (it breaks every rule of the contract anyway).
std::optional<Decimal> scan_decimal(std::string_view text, bool& too_long) {
    too_long = false;
    Decimal d;
    auto s = strip(text);
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
        d.negative = s.front() == '-';
        s.remove_prefix(1);
    }
    bool seen_digit = false, seen_point = false;
    std::size_t i = 0;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (is_digit(c)) {
            seen_digit = true;
            if (!(d.digits.empty() && c == '0'))
                d.digits += c;
            else if (seen_point)
                d.digits.clear();  // keep leading zeros out; they still move the exponent below
            if (seen_point) --d.exponent;
            if (d.digits.size() > 64) {
                too_long = true;
                return std::nullopt;
            }
        } else if (c == '.' && !seen_point) {
            seen_point = true;
        } else {
            break;
        }
    }
    if (!seen_digit) return std::nullopt;
    if (i < s.size()) {
        if (s[i] != 'e' && s[i] != 'E') return std::nullopt;
        ++i;
        bool exp_negative = false;
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) exp_negative = s[i++] == '-';
        if (i >= s.size()) return std::nullopt;
        long long e = 0;
        for (; i < s.size(); ++i) {
            if (!is_digit(s[i])) return std::nullopt;
            if (e < 1'000'000) e = e * 10 + (s[i] - '0');
        }
        d.exponent += exp_negative ? -e : e;
    }
    return d;
}
}  // namespace

std::variant<std::int64_t, std::string> parse_money(std::string_view text) {
    static const std::string kInvalid = "A valid number is required.";
    bool too_long = false;
    auto scanned = scan_decimal(text, too_long);
    if (too_long) return std::string("Ensure that there are no more than 8 digits in total.");
    if (!scanned) return kInvalid;
    auto& digits = scanned->digits;
    const long long exponent = scanned->exponent;
    const bool negative = scanned->negative;
    if (digits.empty()) digits.push_back('0');  // Decimal("0.00") keeps one digit

    // DRF's DecimalField digit counting, from Decimal.as_tuple().
    const long long n = static_cast<long long>(digits.size());
    long long total, whole, decimals;
    if (exponent >= 0) {
        total = n + exponent;
        whole = total;
        decimals = 0;
    } else if (n > -exponent) {
        total = n;
        whole = n + exponent;
        decimals = -exponent;
    } else {
        total = -exponent;
        whole = 0;
        decimals = total;
    }
    if (total > 8) return std::string("Ensure that there are no more than 8 digits in total.");
    if (decimals > 2) return std::string("Ensure that there are no more than 2 decimal places.");
    if (whole > 6) return std::string("Ensure that there are no more than 6 digits before the decimal point.");

    // At most 8 digits: the value in cents fits easily.
    std::int64_t cents = std::strtoll(digits.c_str(), nullptr, 10);
    for (long long k = exponent + 2; k > 0; --k)
        cents *= 10;
    for (long long k = exponent + 2; k < 0; ++k)
        cents /= 10;  // only zeros are dropped: decimals <= 2
    if (negative && cents != 0) return std::string("Ensure this value is greater than or equal to 0.");
    return cents;
}

std::optional<std::int64_t> parse_price_bound(std::string_view text, Bound bound) {
    bool too_long = false;
    auto scanned = scan_decimal(text, too_long);
    // Past any possible price: clamp far outside the range, keeping the comparison's meaning.
    constexpr std::int64_t kFar = 1'000'000'000'000'000;
    if (!scanned) return std::nullopt;  // also more than 64 significant digits: not a price bound anyone means
    const auto& d = *scanned;
    const long long shift = d.exponent + 2;  // the value in cents is digits * 10^shift
    if (d.digits.empty()) return 0;
    const long long n = static_cast<long long>(d.digits.size());
    if (n + shift > 16) return d.negative ? -kFar : kFar;  // at least 10^16 cents in magnitude
    std::int64_t whole = 0;                                // the integer part of |value| in cents
    bool fraction = false;                                 // whether |value| has a non-zero part below one cent
    for (long long k = 0; k < n; ++k) {
        if (k < n + shift)
            whole = whole * 10 + (d.digits[static_cast<std::size_t>(k)] - '0');
        else if (d.digits[static_cast<std::size_t>(k)] != '0')
            fraction = true;
    }
    for (long long k = n; k < n + shift; ++k)
        whole *= 10;
    // value = sign * (whole + fraction); round towards the side that keeps every integer price the bound allows.
    if (!d.negative) return (fraction && bound == Bound::Lower) ? whole + 1 : whole;
    return (fraction && bound == Bound::Upper) ? -whole - 1 : -whole;
}

std::string format_money(std::int64_t cents) {
    const bool negative = cents < 0;
    const auto magnitude =
        negative ? 0ULL - static_cast<unsigned long long>(cents) : static_cast<unsigned long long>(cents);
    char buf[32];
    const int n =
        std::snprintf(buf, sizeof buf, "%s%llu.%02llu", negative ? "-" : "", magnitude / 100, magnitude % 100);
    return std::string(buf, static_cast<std::size_t>(n));
}

std::variant<std::int64_t, IntegerProblem> parse_integer(std::string_view text) {
    auto s = strip(text);
    // DRF strips a trailing "." followed only by zeros (re_decimal = r'\.0*\s*$').
    if (auto dot = s.rfind('.'); dot != std::string_view::npos) {
        for (std::size_t k = dot + 1; k < s.size(); ++k)
            if (s[k] != '0') return IntegerProblem::Invalid;
        s = strip(s.substr(0, dot));
    }
    bool negative = false;
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    if (s.empty()) return IntegerProblem::Invalid;
    unsigned long long value = 0;
    bool overflow = false;
    for (char c : s) {
        if (!is_digit(c)) return IntegerProblem::Invalid;
        if (value > (std::numeric_limits<unsigned long long>::max() - 9) / 10)
            overflow = true;
        else
            value = value * 10 + static_cast<unsigned>(c - '0');
    }
    const auto limit = static_cast<unsigned long long>(std::numeric_limits<std::int64_t>::max());
    if (overflow || value > limit) return negative ? IntegerProblem::TooSmall : IntegerProblem::TooLarge;
    return negative ? -static_cast<std::int64_t>(value) : static_cast<std::int64_t>(value);
}

std::int64_t weighed_price_cents(std::int64_t cents_per_kg, std::int64_t grams) {
    return (cents_per_kg * grams + 500) / 1000;
}

std::string_view unit_name(Unit unit) {
    return unit == Unit::Gram ? "gram" : "piece";
}

std::optional<Unit> parse_unit(std::string_view text) {
    if (text == "piece") return Unit::Piece;
    if (text == "gram") return Unit::Gram;
    return std::nullopt;
}

std::int64_t line_cents(Unit unit, std::int64_t price, std::int64_t amount) {
    return unit == Unit::Gram ? weighed_price_cents(price, amount) : price * amount;
}

std::int64_t refund_cents(Unit unit, std::int64_t price, std::int64_t refunded, std::int64_t amount) {
    return line_cents(unit, price, refunded + amount) - line_cents(unit, price, refunded);
}

}  // namespace sweetshop::domain
