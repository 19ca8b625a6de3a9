#pragma once
// The audit log's table: appended inside the transaction of each change, read by the owner.
#include "domain/audit.hpp"
#include "storage/database.hpp"

namespace sweetshop::storage {

/// Appends `entry` at `now` inside the caller's transaction.
void append_audit(soci::session& sql, const domain::AuditEntry& entry, domain::Micros now);

class SqlAuditStore final : public domain::AuditStore {
  public:
    explicit SqlAuditStore(Database& db) : db_(db) {}
    std::vector<domain::AuditRecord> list(const domain::AuditFilter& filter, std::int64_t before,
                                          std::int64_t limit) override;

  private:
    Database& db_;
};

}  // namespace sweetshop::storage
