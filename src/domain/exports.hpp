#pragma once
// Exports: the shop's records read in batches in key order (keyset paging), so that an export of any size is made
// part by part with a constant amount of memory and no connection held between parts.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/catalogue.hpp"
#include "domain/orders.hpp"
#include "domain/stock_control.hpp"

namespace sweetshop::domain {

/// An order line with its order's time and customer.
struct ExportLine {
    std::int64_t order = 0;
    int position = 0;
    Micros at = 0;
    std::optional<std::string> customer;
    OrderLine line;
};

/// A time window [from, before); 0 for either: open.
struct ExportWindow {
    Micros from = 0;
    Micros before = 0;
};

class ExportStore {
  public:
    virtual ~ExportStore() = default;
    /// Orders (without their lines) numbered above `after`, placed in the window, by number, at most `limit`.
    virtual std::vector<Order> orders_after(std::int64_t after, const ExportWindow& window, std::size_t limit) = 0;
    /// Lines after (order, position), of orders placed in the window, in that order, at most `limit`.
    virtual std::vector<ExportLine> lines_after(std::int64_t order, int position, const ExportWindow& window,
                                                std::size_t limit) = 0;
    /// Ledger entries with an id above `after`, made in the window, by id, at most `limit`.
    virtual std::vector<LedgerEntry> ledger_after(std::int64_t after, const ExportWindow& window,
                                                  std::size_t limit) = 0;
    /// Sweets with an id above `after`, by id, at most `limit`.
    virtual std::vector<Sweet> sweets_after(std::int64_t after, std::size_t limit) = 0;
};

/// Rows per batch: one part of a streamed export.
inline constexpr std::size_t kExportBatch = 1000;

}  // namespace sweetshop::domain
