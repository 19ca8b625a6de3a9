#pragma once
#include <memory>
#include <mutex>
#include <unordered_map>

#include "domain/inventory.hpp"
#include "storage/database.hpp"

namespace sweetshop::storage {

/// SOCI adapter of stock changes: single conditional UPDATEs inside one transaction together with their ledger
/// entry, sale and (for a keyed request) recorded outcome.
class SqlStockStore final : public domain::StockStore {
  public:
    explicit SqlStockStore(Database& db, const domain::Clock& clock = domain::system_clock());
    ~SqlStockStore() override;

    domain::StockOutcome change_stock(const domain::StockChange& change, const domain::HeldKey* key) override;

  private:
    struct StockStatements;
    /// The stock statements of a connection, for one change: the cached ones of SQLite's writer, or (PostgreSQL) a
    /// set prepared for this change and owned by the lease.
    struct StatementsLease {
        std::unique_ptr<StockStatements> owned;
        StockStatements* statements = nullptr;
        StockStatements& operator*() const { return *statements; }
    };
    /// The stock statements for a connection (used only while that connection is held).
    StatementsLease stock_statements(soci::session& sql);

    Database& db_;
    const domain::Clock& clock_;
    std::mutex statements_mutex_;
    std::unordered_map<soci::session*, std::unique_ptr<StockStatements>> stock_statements_;
};

}  // namespace sweetshop::storage
