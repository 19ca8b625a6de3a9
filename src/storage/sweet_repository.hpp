#pragma once
#include <memory>
#include <mutex>
#include <unordered_map>

#include "domain/catalogue.hpp"
#include "storage/database.hpp"

namespace sweetshop::storage {

/// The SQL of a list page and of its count: only the filters in use appear.
struct ListSql {
    std::string count;
    std::string page;
};
ListSql list_sql(const domain::SweetFilter& filter, const std::vector<domain::SortKey>& order, Dialect dialect);

/// SOCI adapter of the catalogue and inventory port. Stock changes are single conditional UPDATEs inside one
/// transaction together with their ledger entry, sale and idempotency record.
class SqlSweetRepository final : public domain::SweetRepository {
  public:
    explicit SqlSweetRepository(Database& db, const domain::Clock& clock = domain::system_clock());
    ~SqlSweetRepository() override;

    std::optional<domain::Sweet> find(std::int64_t id) override;
    bool name_taken(const std::string& name, std::int64_t except_id) override;
    std::int64_t count(const domain::SweetFilter& filter) override;
    std::vector<domain::Sweet> list(const domain::SweetFilter& filter, const std::vector<domain::SortKey>& order,
                                    std::int64_t limit, std::int64_t offset) override;
    std::optional<domain::Sweet> insert(const domain::SweetChanges& sweet, const domain::Actor& actor) override;
    UpdateStatus update(std::int64_t id, const domain::SweetChanges& changes, const domain::Actor& actor,
                        domain::Sweet& sweet) override;
    bool remove(std::int64_t id, const domain::Actor& actor) override;
    domain::StoredResponse change_stock(const domain::StockChange& change, const domain::HeldKey* key,
                                        Render render) override;
    domain::StockReport verify_stock() override;
    std::vector<domain::CategorySummary> category_summary() override;
    Claim claim_key(std::int64_t user_id, const std::string& key, const std::string& fingerprint, domain::Micros now,
                    domain::Micros expired_before, domain::Micros stale_before, std::int64_t max_keys) override;
    void release_key(const domain::HeldKey& key) override;

  private:
    const domain::Clock& clock_;
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
    std::mutex statements_mutex_;
    std::unordered_map<soci::session*, std::unique_ptr<StockStatements>> stock_statements_;
};

}  // namespace sweetshop::storage
