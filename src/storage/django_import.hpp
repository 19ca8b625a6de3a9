#pragma once
// Moving a shop over from the original system: its users (with their Django password hashes) and sweets, ids,
// creators and timestamps kept.
#include <functional>
#include <string>

#include "domain/clock.hpp"
#include "storage/database.hpp"

namespace sweetshop::storage {

struct DjangoImportReport {
    int users_added = 0;
    int users_skipped = 0;  ///< already there (same id or username)
    int sweets_added = 0;
    int sweets_skipped = 0;  ///< already there (same id or name), or not storable (reported through `say`)
};

/// Reads `auth_user` and `sweets_sweet` of the original's database (SQLite or PostgreSQL) and adds, in one
/// transaction, what `target` does not have yet; each imported sweet's stock is recorded in the ledger. Running it
/// again adds nothing. `say` hears one line per skipped row.
DjangoImportReport import_django(Database& source, Database& target,
                                 const std::function<void(const std::string&)>& say);

/// How many users and sweets `target` holds.
std::pair<long long, long long> shop_size(Database& target);

/// Django's timestamp text ("2025-12-14 13:52:12.123456", "...+00", "...T...Z") as microseconds since the epoch.
/// Throws std::invalid_argument when it is not one.
domain::Micros parse_django_time(const std::string& text);

}  // namespace sweetshop::storage
