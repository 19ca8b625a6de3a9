#pragma once
// The names of an enumeration's values, as a table of pairs: the value's name, and the value a name stands for.
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace sweetshop::domain {

/// The name of `value` (empty when the table lacks it).
template <class Enum, std::size_t N>
constexpr std::string_view name_of(const std::pair<Enum, std::string_view> (&table)[N], Enum value) {
    for (const auto& [e, name] : table)
        if (e == value) return name;
    return {};
}

/// The value named `text` exactly, if any.
template <class Enum, std::size_t N>
constexpr std::optional<Enum> parse_name(const std::pair<Enum, std::string_view> (&table)[N], std::string_view text) {
    for (const auto& [e, name] : table)
        if (name == text) return e;
    return std::nullopt;
}

}  // namespace sweetshop::domain
