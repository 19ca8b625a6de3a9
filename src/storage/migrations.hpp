#pragma once
// Numbered migrations per dialect (migrations/<dialect>/NNNN_name.sql, compiled into the binary), applied in order,
// each in its own transaction, and recorded in schema_migrations.
#include <functional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace sweetshop::storage {

struct Migration {
    int version = 0;
    std::string name;
    std::string sql;
};

/// The embedded migrations of a dialect, ordered by version.
std::vector<Migration> migrations_for(Dialect dialect);
/// Splits a script into statements at semicolons outside quotes and comments.
std::vector<std::string> split_sql(const std::string& script);
/// Applies what is missing; reports each applied migration through `progress`; returns how many were applied.
int migrate(Database& db, const std::function<void(const std::string&)>& progress = {});
/// Applies the pending migrations up to and including `version` (tests of an upgrade start from an older schema).
int migrate_to(Database& db, int version);
/// Versions not applied yet.
std::vector<int> pending_migrations(Database& db);

}  // namespace sweetshop::storage
