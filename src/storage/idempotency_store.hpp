#pragma once
#include <soci/soci.h>

#include "domain/idempotency.hpp"
#include "storage/database.hpp"

namespace sweetshop::storage {

/// SOCI adapter of idempotency keys: claims in their own transaction; the outcome is recorded by the change's
/// transaction with record_outcome.
class SqlIdempotencyStore final : public domain::IdempotencyStore {
  public:
    explicit SqlIdempotencyStore(Database& db) : db_(db) {}
    Claim claim(std::int64_t user_id, const std::string& key, const std::string& fingerprint, domain::Micros now,
                domain::Micros expired_before, domain::Micros stale_before, std::int64_t max_keys) override;
    void release(const domain::HeldKey& key) override;

  private:
    Database& db_;
};

/// Stores the outcome of a held key inside the caller's transaction; throws domain::lost_claim() when the key was
/// taken over meanwhile (so that the caller's change rolls back with it).
void record_outcome(soci::session& sql, const domain::HeldKey& key, const domain::RecordedOutcome& outcome);

}  // namespace sweetshop::storage
