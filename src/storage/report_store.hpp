#pragma once
#include "domain/reports.hpp"
#include "domain/stock.hpp"
#include "storage/database.hpp"

namespace sweetshop::storage {

/// SOCI adapter of the reports: integer sums in SQL (cast to BIGINT so that PostgreSQL's numeric sums come back as
/// integers), one snapshot per report. A period's whole quarter hours, UTC days or blocks of days are read from the
/// summaries of migration 0008, its edges from the order lines and refunds themselves.
class SqlReportStore final : public domain::ReportStore {
  public:
    explicit SqlReportStore(Database& db) : db_(db) {}
    std::vector<domain::SalesSlot> sales_by_slot(domain::Micros from, domain::Micros before) override;
    domain::SalesFigures sales_total(domain::Micros from, domain::Micros before) override;
    std::vector<domain::SalesItem> sales_by_sweet(domain::Micros from, domain::Micros before) override;
    std::vector<domain::SalesItem> sales_by_category(domain::Micros from, domain::Micros before) override;
    std::vector<domain::StockValue> stock_value() override;

  private:
    Database& db_;
};

/// Where the summaries of migration 0008 differ from the order lines and refunds they summarise (verify-stock).
std::vector<domain::SummaryMismatch> summary_mismatches(soci::session& sql);

/// PostgreSQL: adds the shards of the summaries' rows before `before` (slots, and days of categories) into shard 0,
/// so that a report reads one row per slot or day of the past; the figures do not change. Safe with several
/// servers doing it at once (each row is moved by one). Returns the shard-0 rows written; nothing to do on SQLite.
long long fold_summary_shards(Database& db, domain::Micros before);

}  // namespace sweetshop::storage
