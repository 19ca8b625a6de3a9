#pragma once
// Files compiled into the binary (migrations, API docs assets); see cmake/embed.cmake.
#include <optional>
#include <string_view>
#include <vector>

namespace sweetshop::resources {
/// The bytes of an embedded file by its name (e.g. "migrations/sqlite/0001_accounts.sql"), if there is one.
std::optional<std::string_view> find(std::string_view name);
/// Every embedded name, in build order.
std::vector<std::string_view> names();
}  // namespace sweetshop::resources
