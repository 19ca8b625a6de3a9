#pragma once
// Idempotency keys: a request sent again with the same key gets the first one's outcome again and changes nothing.
// The outcome is stored with the change, in its transaction; the http layer renders it, the same way on a replay.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "domain/clock.hpp"
#include "domain/error.hpp"
#include "domain/orders.hpp"
#include "domain/stock.hpp"

namespace sweetshop::domain {

inline constexpr std::size_t kIdempotencyKeyMaxChars = 255;
/// An Idempotency-Key header value is 1-255 printable ASCII characters.
bool valid_idempotency_key(std::string_view key);

struct IdempotencySettings {
    std::chrono::seconds retention{24 * 3600};  ///< how long a key and its outcome are kept
    std::chrono::seconds lease{60};             ///< after this, an unfinished claim (its server died) may be taken over
    std::int64_t max_keys_per_user = 10000;     ///< keys one user may hold within the retention (then 429)
};

/// An idempotency key held by the request that claimed it; `token` proves the claim when the outcome is stored.
struct HeldKey {
    std::int64_t user_id = 0;
    std::string key;
    std::int64_t token = 0;
};

/// What a keyed request decided: stored with its change, given again on a replay.
using RecordedOutcome = std::variant<StockOutcome, OrderOutcome, RefundOutcome>;

/// Storage port of idempotency keys. The outcome of a claimed key is stored by the change's own transaction (see
/// StockStore), so that a change and its record commit together or not at all.
class IdempotencyStore {
  public:
    virtual ~IdempotencyStore() = default;

    enum class ClaimStatus { Claimed, Replay, Mismatch, InProgress, TooMany };
    struct Claim {
        ClaimStatus status = ClaimStatus::Claimed;
        std::int64_t token = 0;                  ///< Claimed
        std::optional<RecordedOutcome> outcome;  ///< Replay
        Micros oldest = 0;                       ///< TooMany: when the user's oldest kept key was created
    };
    /// Claims (user, key) for a request with `fingerprint`, in its own committed transaction. Keys created before
    /// `expired_before` are forgotten first; an unfinished claim made before `stale_before` is taken over; a new key
    /// of a user who holds `max_keys` already is refused (TooMany).
    virtual Claim claim(std::int64_t user_id, const std::string& key, const std::string& fingerprint, Micros now,
                        Micros expired_before, Micros stale_before, std::int64_t max_keys) = 0;
    /// Gives up a claim whose request failed without an outcome to store.
    virtual void release(const HeldKey& key) = 0;
};

/// An outcome, and whether it is a replay (answered from the key's record; nothing changed).
template <class Outcome>
struct Keyed {
    Outcome outcome;
    bool replayed = false;
};

/// The rules of keyed requests, for any operation that stores its outcome with its change.
class Idempotency {
  public:
    explicit Idempotency(IdempotencyStore& store, IdempotencySettings settings = {},
                         const Clock& clock = system_clock())
        : store_(store), settings_(settings), clock_(clock) {}

    /// Without a key: apply(nullptr). With one, the first request claims it and runs apply(&held), which stores its
    /// outcome with its change; a retry with the same fingerprint gets that outcome again (replayed); another
    /// fingerprint throws Error(Unprocessable); a retry while the first still runs throws Error(Conflict); a user
    /// over the cap gets Error(Throttled). A failure without an outcome (a fault) releases the key.
    template <class Outcome, class Apply>
    Keyed<Outcome> run(std::int64_t user_id, const std::optional<std::string>& key, const std::string& fingerprint,
                       Apply&& apply) {
        if (!key) return {apply(nullptr), false};
        auto claim = claim_or_throw(user_id, *key, fingerprint);
        if (claim.outcome) {
            // The fingerprint names the operation, so a stored outcome is of the operation's own type.
            if (auto* outcome = std::get_if<Outcome>(&*claim.outcome)) return {*outcome, true};
            throw_mismatch();
        }
        const HeldKey held{user_id, *key, claim.token};
        try {
            return {apply(&held), false};
        } catch (const Error& e) {
            if (e.code() != ErrorCode::Conflict) release_quietly(held);  // Conflict: the key was taken over meanwhile
            throw;
        } catch (...) {
            release_quietly(held);
            throw;
        }
    }

  private:
    /// Claims the key; throws for Mismatch, InProgress and TooMany.
    IdempotencyStore::Claim claim_or_throw(std::int64_t user_id, const std::string& key,
                                           const std::string& fingerprint);
    [[noreturn]] static void throw_mismatch();
    void release_quietly(const HeldKey& held) noexcept;

    IdempotencyStore& store_;
    IdempotencySettings settings_;
    const Clock& clock_;
};

/// Thrown by a store when the claim was lost (taken over after its lease) before the outcome could be stored.
Error lost_claim();

}  // namespace sweetshop::domain
