#pragma once
#include <memory>

#include "domain/inventory.hpp"
#include "storage/database.hpp"
#include "storage/sql_query.hpp"

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
    domain::StockOutcome change_once(const domain::StockChange& change, const domain::HeldKey* key);

    Database& db_;
    const domain::Clock& clock_;
    std::unique_ptr<sql::StatementCache<StockStatements>> statements_;
};

}  // namespace sweetshop::storage
