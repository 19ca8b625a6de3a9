#pragma once
// Inventory: purchases and restocks (atomic, never below zero, never past kMaxQuantity), their idempotency keys,
// and the ledger check.
#include <chrono>
#include <optional>
#include <string>

#include "domain/catalogue.hpp"

namespace sweetshop::domain {

inline constexpr std::size_t kIdempotencyKeyMaxChars = 255;
/// An Idempotency-Key header value is 1-255 printable ASCII characters.
bool valid_idempotency_key(std::string_view key);

struct IdempotencySettings {
    std::chrono::seconds retention{24 * 3600};  ///< how long a key and its response are kept
    std::chrono::seconds lease{60};             ///< after this, an unfinished claim (its server died) may be taken over
    std::int64_t max_keys_per_user = 10000;     ///< keys one user may hold within the retention (then 429)
};

class InventoryService {
  public:
    InventoryService(SweetRepository& sweets, IdempotencySettings settings = {}, const Clock& clock = system_clock())
        : sweets_(sweets), settings_(settings), clock_(clock) {}

    struct Result {
        StoredResponse response;
        bool replayed = false;  ///< answered from the key's stored response; nothing changed
    };

    /// Applies a purchase or restock whose amount is already valid. Without a key, answers render(outcome). With
    /// one: the first request claims it and stores its answer with the change; a retry with the same fingerprint
    /// gets that answer again (replayed); another fingerprint throws Error(Unprocessable); a retry while the first
    /// still runs throws Error(Conflict). A failure with no answer (a fault) releases the key.
    Result apply(const StockChange& change, const std::optional<std::string>& key, SweetRepository::Render render);

    StockReport verify() { return sweets_.verify_stock(); }

  private:
    SweetRepository& sweets_;
    IdempotencySettings settings_;
    const Clock& clock_;
};

/// What identifies "the same request" for a key: the operation, the sweet and the amount.
std::string stock_fingerprint(const StockChange& change);

}  // namespace sweetshop::domain
