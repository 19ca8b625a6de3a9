#pragma once
// The values of stock changes: a purchase or restock, its outcome, and the ledger check's report.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/catalogue.hpp"
#include "domain/time_zone.hpp"

namespace sweetshop::domain {

struct StockChange {
    enum class Kind { Purchase, Restock };
    Kind kind = Kind::Purchase;
    std::int64_t sweet_id = 0;
    std::int64_t amount = 0;
    Actor actor;
    // A restock's batch: its best-before date (none: undated), the instant that date ends, and its lot.
    std::optional<LocalDate> best_before = {};
    Micros expires_at = 0;
    std::string lot = {};
};

/// The refusal of a purchase or an order for want of stock.
inline constexpr const char* kInsufficientStock = "Insufficient stock";

/// The outcome of a purchase or restock, decided inside its transaction.
struct StockOutcome {
    enum class Kind { Done, NotFound, Insufficient, Overflow };
    Kind kind = Kind::Done;
    Sweet sweet;                ///< after the change (Done)
    std::int64_t headroom = 0;  ///< Overflow: the largest amount that still fits
    /// Insufficient: what was for sale when the purchase was refused (none for an outcome stored before it was kept).
    std::optional<std::int64_t> available = {};

    bool operator==(const StockOutcome&) const = default;
};

/// One mismatch between a sweet's quantity and the sum of its ledger.
struct StockMismatch {
    std::int64_t sweet_id = 0;
    std::string name;
    std::int64_t quantity = 0;  ///< 0 for a deleted sweet
    std::int64_t ledger_sum = 0;
};

/// One sweet whose sales (order lines) or restocked refunds do not agree with its ledger.
struct SalesMismatch {
    std::int64_t sweet_id = 0;
    std::string name;
    std::int64_t sold = 0;              ///< units in order lines
    std::int64_t ledger_sold = 0;       ///< units the ledger's sale entries took out
    std::int64_t restocked = 0;         ///< units of refunds put back in stock
    std::int64_t ledger_restocked = 0;  ///< units the ledger's refund entries put back
};

/// One figure of a reports' summary (over all time: the totals, a sweet's or a category's) that differs from the
/// order lines and refunds it summarises.
struct SummaryMismatch {
    std::string summary;  ///< its table
    std::string key;      ///< a sweet's id, a category, or "" for the totals
    std::string figure;   ///< orders, units, revenue_cents, refunded_units, refunds_cents, cost_cents, uncosted_units
    std::int64_t summarised = 0;
    std::int64_t from_lines = 0;
};

/// One batch, sweet or ledger entry whose batch figures disagree: a batch's units against its moves, a sweet's
/// batched units against its batch rows (and its quantity), an entry's change against its moves.
struct BatchMismatch {
    std::string check;  ///< "batch", "sweet" or "entry"
    std::int64_t id = 0;
    std::int64_t sweet_id = 0;
    std::int64_t expected = 0;  ///< the batch's units, the sweet's quantity, the entry's change
    std::int64_t found = 0;     ///< from its moves, its batches' units, its moves
};

struct StockReport {
    std::int64_t checked = 0;
    std::vector<StockMismatch> mismatches;
    std::vector<SalesMismatch> sales_mismatches;
    std::vector<SummaryMismatch> summary_mismatches;
    std::vector<BatchMismatch> batch_mismatches;
    bool ok() const {
        return mismatches.empty() && sales_mismatches.empty() && summary_mismatches.empty() && batch_mismatches.empty();
    }
};

}  // namespace sweetshop::domain
