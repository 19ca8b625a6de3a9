#pragma once
// Inventory: purchases and restocks (atomic, never below zero, never past kMaxQuantity), keyed by an optional
// Idempotency-Key, and the ledger check.
#include <optional>
#include <string>

#include "domain/idempotency.hpp"
#include "domain/stock.hpp"

namespace sweetshop::domain {

/// Storage port of stock changes. Every change of a quantity appends a ledger entry in the same transaction; a
/// purchase also records a sale.
class StockStore {
  public:
    virtual ~StockStore() = default;
    /// A purchase or restock as one conditional update in one transaction. With `key`, the outcome is stored for it
    /// in the same transaction (throws lost_claim() when the claim was lost meanwhile).
    virtual StockOutcome change_stock(const StockChange& change, const HeldKey* key) = 0;
};

/// Storage port of the ledger check.
class LedgerAudit {
  public:
    virtual ~LedgerAudit() = default;
    /// Every sweet's quantity against the sum of its ledger, and deleted sweets whose ledger does not sum to 0.
    virtual StockReport verify_stock() = 0;
};

class InventoryService {
  public:
    InventoryService(StockStore& stock, LedgerAudit& audit, Idempotency& idempotency)
        : stock_(stock), audit_(audit), idempotency_(idempotency) {}

    /// Applies a purchase or restock whose amount is already valid, once per Idempotency-Key (see Idempotency::run).
    Keyed<StockOutcome> apply(const StockChange& change, const std::optional<std::string>& key);

    StockReport verify() { return audit_.verify_stock(); }

  private:
    StockStore& stock_;
    LedgerAudit& audit_;
    Idempotency& idempotency_;
};

/// What identifies "the same request" for a key: the operation, the sweet and the amount.
std::string stock_fingerprint(const StockChange& change);

}  // namespace sweetshop::domain
