// The SOCI adapter of idempotency keys. A key's row holds the request's fingerprint, the token of the claim that
// holds it, and, once answered, the encoded domain outcome (outcome_codec.hpp).
#include "storage/idempotency_store.hpp"

#include <random>

#include "storage/outcome_codec.hpp"
#include "storage/sql_query.hpp"

namespace sweetshop::storage {

using namespace sql;

namespace {
constexpr const char* kForgetExpired = "DELETE FROM idempotency_keys WHERE created_at_us < :expired";
constexpr const char* kCountHeld = "SELECT COUNT(*), MIN(created_at_us) FROM idempotency_keys WHERE user_id = :user_id";
constexpr const char* kInsertClaim =
    "INSERT INTO idempotency_keys (user_id, idem_key, fingerprint, token, created_at_us) "
    "VALUES (:user_id, :idem_key, :fingerprint, :token, :now) "
    "ON CONFLICT (user_id, idem_key) DO NOTHING RETURNING token";
// `status` is set only by rows answered before migration 0004 (an HTTP answer, no outcome).
constexpr const char* kSelectKey =
    "SELECT fingerprint, outcome, status, created_at_us FROM idempotency_keys "
    "WHERE user_id = :user_id AND idem_key = :idem_key";
constexpr const char* kTakeOver =
    "UPDATE idempotency_keys SET token = :token, created_at_us = :now "
    "WHERE user_id = :user_id AND idem_key = :idem_key";
constexpr const char* kRecordOutcome =
    "UPDATE idempotency_keys SET outcome = :outcome "
    "WHERE user_id = :user_id AND idem_key = :idem_key AND token = :token";
constexpr const char* kRelease =
    "DELETE FROM idempotency_keys WHERE user_id = :user_id AND idem_key = :idem_key AND token = :token "
    "AND outcome IS NULL AND status IS NULL";

std::int64_t random_token() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return static_cast<std::int64_t>(engine() >> 1);
}
}  // namespace

SqlIdempotencyStore::Claim SqlIdempotencyStore::claim(std::int64_t user_id, const std::string& key,
                                                      const std::string& fingerprint, domain::Micros now,
                                                      domain::Micros expired_before, domain::Micros stale_before,
                                                      std::int64_t max_keys) {
    return db_.write([&](soci::session& sql) {
        const long long user = user_id, at = now, expired = expired_before;
        const long long token = random_token();
        {
            Query q(sql);
            q.use(expired, "expired");
            q.run(kForgetExpired);
        }
        long long held = 0, oldest = 0;
        {
            soci::indicator oldest_ind = soci::i_null;
            Query q(sql);
            q.use(user, "user_id").into(held).into(oldest, oldest_ind);
            q.run(kCountHeld);
        }
        if (held < max_keys) {
            long long claimed = 0;
            Query q(sql);
            q.use(user, "user_id").use(key, "idem_key").use(fingerprint, "fingerprint").use(token, "token");
            q.use(at, "now").into(claimed);
            const bool inserted = q.run(kInsertClaim);
            q.drain();
            if (inserted) return Claim{ClaimStatus::Claimed, token, {}};
        }
        std::string stored_fingerprint, outcome;
        int status = 0;
        long long created = 0;
        soci::indicator outcome_ind = soci::i_null, status_ind = soci::i_null;
        Query q(sql);
        q.use(user, "user_id").use(key, "idem_key");
        q.into(stored_fingerprint).into(outcome, outcome_ind).into(status, status_ind).into(created);
        if (!q.run(kSelectKey + std::string(for_update(db_.dialect()))))
            return Claim{ClaimStatus::TooMany, 0, {}, oldest};
        if (stored_fingerprint != fingerprint) return Claim{ClaimStatus::Mismatch, 0, {}};
        if (outcome_ind == soci::i_ok) return Claim{ClaimStatus::Replay, 0, decode_outcome(outcome)};
        // Answered before the upgrade, without a stored outcome: never applied again; refused until it expires.
        if (status_ind == soci::i_ok || created >= stale_before) return Claim{ClaimStatus::InProgress, 0, {}};
        Query takeover(sql);
        takeover.use(token, "token").use(at, "now").use(user, "user_id").use(key, "idem_key");
        takeover.run(kTakeOver);
        return Claim{ClaimStatus::Claimed, token, {}};
    });
}

void SqlIdempotencyStore::release(const domain::HeldKey& key) {
    db_.write([&](soci::session& sql) {
        const long long user = key.user_id, token = key.token;
        Query q(sql);
        q.use(user, "user_id").use(key.key, "idem_key").use(token, "token");
        q.run(kRelease);
    });
}

void record_outcome(soci::session& sql, const domain::HeldKey& key, const domain::RecordedOutcome& outcome) {
    const long long user_id = key.user_id, token = key.token;
    const std::string text = encode_outcome(outcome);
    Query q(sql);
    q.use(text, "outcome").use(user_id, "user_id").use(key.key, "idem_key").use(token, "token");
    q.run(kRecordOutcome);
    if (q.affected() == 0) throw domain::lost_claim();  // the claim expired and another request took the key over
}

}  // namespace sweetshop::storage
