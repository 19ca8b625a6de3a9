#include "domain/inventory.hpp"

namespace sweetshop::domain {

bool valid_idempotency_key(std::string_view key) {
    if (key.empty() || key.size() > kIdempotencyKeyMaxChars) return false;
    for (char c : key)
        if (c < 0x20 || c > 0x7E) return false;
    return true;
}

std::string stock_fingerprint(const StockChange& change) {
    return std::string(change.kind == StockChange::Kind::Purchase ? "purchase" : "restock") + " sweet " +
           std::to_string(change.sweet_id) + " amount " + std::to_string(change.amount);
}

InventoryService::Result InventoryService::apply(const StockChange& change, const std::optional<std::string>& key,
                                                 SweetRepository::Render render) {
    if (!key) return Result{sweets_.change_stock(change, nullptr, render), false};

    const Micros now = clock_.now();
    const auto claim =
        sweets_.claim_key(change.actor.id, *key, stock_fingerprint(change), now,
                          now - std::chrono::duration_cast<std::chrono::microseconds>(settings_.retention).count(),
                          now - std::chrono::duration_cast<std::chrono::microseconds>(settings_.lease).count(),
                          settings_.max_keys_per_user);
    switch (claim.status) {
        case SweetRepository::ClaimStatus::Replay:
            return Result{claim.response, true};
        case SweetRepository::ClaimStatus::Mismatch:
            throw Error(ErrorCode::Unprocessable, "Idempotency-Key reused with a different request.");
        case SweetRepository::ClaimStatus::InProgress:
            throw Error(ErrorCode::Conflict, "A request with this Idempotency-Key is in progress.");
        case SweetRepository::ClaimStatus::TooMany: {
            const auto retention = std::chrono::duration_cast<std::chrono::microseconds>(settings_.retention).count();
            throw Error::throttled(
                "Too many Idempotency-Keys in the last 24 hours; send the request without one, or try again later.",
                retry_after(claim.oldest + retention - now));
        }
        case SweetRepository::ClaimStatus::Claimed:
            break;
    }
    const HeldKey held{change.actor.id, *key, claim.token};
    auto release_quietly = [&] {
        try {
            sweets_.release_key(held);
        } catch (...) {  // the original failure is the one to report; the lease frees the key later
        }
    };
    try {
        return Result{sweets_.change_stock(change, &held, render), false};
    } catch (const Error& e) {
        if (e.code() != ErrorCode::Conflict) release_quietly();  // Conflict: the key was taken over meanwhile
        throw;
    } catch (...) {
        release_quietly();
        throw;
    }
}

}  // namespace sweetshop::domain
