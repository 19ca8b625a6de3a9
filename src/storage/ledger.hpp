#pragma once
// The stock ledger, shared by every writer of a quantity (the catalogue and inventory repository, the import).
#include <string>

#include "domain/catalogue.hpp"
#include "storage/database.hpp"

namespace sweetshop::storage {

/// Appends a ledger entry inside the caller's transaction; an actor with id 0 (a tool, not a user) is stored without
/// an actor id. Returns the entry's id.
long long append_ledger(soci::session& sql, long long sweet_id, const std::string& sweet_name,
                        const domain::Actor& actor, const std::string& reason, long long delta, long long after,
                        long long now);

}  // namespace sweetshop::storage
