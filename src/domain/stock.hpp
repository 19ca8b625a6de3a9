#pragma once
// The values of stock changes: a purchase or restock, its outcome, and the ledger check's report.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/catalogue.hpp"

namespace sweetshop::domain {

struct StockChange {
    enum class Kind { Purchase, Restock };
    Kind kind = Kind::Purchase;
    std::int64_t sweet_id = 0;
    std::int64_t amount = 0;
    Actor actor;
};

/// The outcome of a purchase or restock, decided inside its transaction.
struct StockOutcome {
    enum class Kind { Done, NotFound, Insufficient, Overflow };
    Kind kind = Kind::Done;
    Sweet sweet;                ///< after the change (Done)
    std::int64_t headroom = 0;  ///< Overflow: the largest amount that still fits

    bool operator==(const StockOutcome&) const = default;
};

/// One mismatch between a sweet's quantity and the sum of its ledger.
struct StockMismatch {
    std::int64_t sweet_id = 0;
    std::string name;
    std::int64_t quantity = 0;  ///< 0 for a deleted sweet
    std::int64_t ledger_sum = 0;
};

struct StockReport {
    std::int64_t checked = 0;
    std::vector<StockMismatch> mismatches;
    bool ok() const { return mismatches.empty(); }
};

}  // namespace sweetshop::domain
