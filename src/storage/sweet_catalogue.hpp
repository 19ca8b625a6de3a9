#pragma once
#include "domain/catalogue.hpp"
#include "storage/database.hpp"

namespace sweetshop::storage {

namespace sql {
class Query;
}

/// A sweet's sort key and search words (migration 0011), bound by name (:name_key, :search_name, :search_category,
/// :search_description) with every write of its name, category or description.
struct SearchColumns {
    SearchColumns(const std::string& name, const std::string& category, const std::string& description);
    void bind(sql::Query& q) const;
    std::string name_key, search_name, search_category, search_description;
};

/// Gives the sweets written without them (before migration 0011, or by an import) their sort key and search words,
/// and on SQLite rebuilds the full-text index; returns how many. Run after every migration and import.
int backfill_search(Database& db);

/// The SQL of a list page and of its count: only the filters in use appear.
struct ListSql {
    std::string count;
    std::string page;
};
ListSql list_sql(const domain::SweetFilter& filter, const std::vector<domain::SortKey>& order, Dialect dialect);

/// SOCI adapter of the catalogue port: reads, and edits together with their ledger entries.
class SqlCatalogueStore final : public domain::CatalogueStore {
  public:
    explicit SqlCatalogueStore(Database& db, const domain::Clock& clock = domain::system_clock())
        : db_(db), clock_(clock) {}

    std::optional<domain::Sweet> find(std::int64_t id) override;
    bool taken(domain::Unique field, const std::string& value, std::int64_t except_id) override;
    std::int64_t count(const domain::SweetFilter& filter) override;
    std::vector<domain::Sweet> list(const domain::SweetFilter& filter, const std::vector<domain::SortKey>& order,
                                    std::int64_t limit, std::int64_t offset) override;
    std::optional<domain::Sweet> insert(const domain::SweetChanges& sweet, const domain::Actor& actor) override;
    UpdateStatus update(std::int64_t id, const domain::SweetChanges& changes, const domain::Actor& actor,
                        domain::Sweet& sweet) override;
    bool remove(std::int64_t id, const domain::Actor& actor) override;
    std::optional<domain::Sweet> find_by(domain::Unique field, const std::string& value) override;
    void apply_import(const std::vector<Write>& writes, const domain::Actor& actor) override;

  private:
    Database& db_;
    const domain::Clock& clock_;
};

/// SOCI adapter of the catalogue's metrics.
class SqlCatalogueMetrics final : public domain::CatalogueMetrics {
  public:
    explicit SqlCatalogueMetrics(Database& db) : db_(db) {}
    std::vector<domain::CategorySummary> category_summary() override;

  private:
    Database& db_;
};

}  // namespace sweetshop::storage
