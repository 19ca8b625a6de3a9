#include "domain/idempotency.hpp"

namespace sweetshop::domain {

namespace {
constexpr const char* kInProgress = "A request with this Idempotency-Key is in progress.";

Micros micros(std::chrono::seconds s) {
    return std::chrono::duration_cast<std::chrono::microseconds>(s).count();
}
}  // namespace

bool valid_idempotency_key(std::string_view key) {
    if (key.empty() || key.size() > kIdempotencyKeyMaxChars) return false;
    for (char c : key)
        if (c < 0x20 || c > 0x7E) return false;
    return true;
}

Error lost_claim() {
    return Error(ErrorCode::Conflict, kInProgress);
}

void Idempotency::throw_mismatch() {
    throw Error(ErrorCode::Unprocessable, "Idempotency-Key reused with a different request.");
}

IdempotencyStore::Claim Idempotency::claim_or_throw(std::int64_t user_id, const std::string& key,
                                                    const std::string& fingerprint) {
    using Status = IdempotencyStore::ClaimStatus;
    const Micros now = clock_.now();
    auto claim = store_.claim(user_id, key, fingerprint, now, now - micros(settings_.retention),
                              now - micros(settings_.lease), settings_.max_keys_per_user);
    switch (claim.status) {
        case Status::Claimed:
        case Status::Replay:
            return claim;
        case Status::Mismatch:
            throw_mismatch();
        case Status::InProgress:
            throw Error(ErrorCode::Conflict, kInProgress);
        case Status::TooMany:
            break;
    }
    throw Error::throttled(
        "Too many Idempotency-Keys in the last 24 hours; send the request without one, or try again later.",
        retry_after(claim.oldest + micros(settings_.retention) - now));
}

void Idempotency::release_quietly(const HeldKey& held) noexcept {
    try {
        store_.release(held);
    } catch (...) {  // the original failure is the one to report; the lease frees the key later
    }
}

}  // namespace sweetshop::domain
