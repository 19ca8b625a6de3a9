#pragma once
#include "domain/exports.hpp"
#include "storage/database.hpp"

namespace sweetshop::storage {

/// SOCI adapter of the exports: each batch is one keyset query on a primary key (or the ledger's), so a batch costs
/// the same at any depth.
class SqlExportStore final : public domain::ExportStore {
  public:
    explicit SqlExportStore(Database& db) : db_(db) {}
    std::vector<domain::Order> orders_after(std::int64_t after, const domain::ExportWindow& window,
                                            std::size_t limit) override;
    std::vector<domain::ExportLine> lines_after(std::int64_t order, int position, const domain::ExportWindow& window,
                                                std::size_t limit) override;
    std::vector<domain::LedgerEntry> ledger_after(std::int64_t after, const domain::ExportWindow& window,
                                                  std::size_t limit) override;
    std::vector<domain::Sweet> sweets_after(std::int64_t after, std::size_t limit) override;

  private:
    Database& db_;
};

}  // namespace sweetshop::storage
