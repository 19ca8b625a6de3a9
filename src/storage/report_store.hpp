#pragma once
#include "domain/reports.hpp"
#include "storage/database.hpp"

namespace sweetshop::storage {

/// SOCI adapter of the reports: aggregates over orders, order lines and refunds in SQL (integer sums, cast to
/// BIGINT so that PostgreSQL's numeric sums come back as integers), one snapshot per report.
class SqlReportStore final : public domain::ReportStore {
  public:
    explicit SqlReportStore(Database& db) : db_(db) {}
    std::vector<domain::SalesSlot> sales_by_slot(domain::Micros from, domain::Micros before) override;
    std::vector<domain::SalesItem> sales_by_sweet(domain::Micros from, domain::Micros before) override;
    std::vector<domain::SalesItem> sales_by_category(domain::Micros from, domain::Micros before) override;
    std::vector<domain::StockValue> stock_value() override;

  private:
    std::vector<domain::SalesItem> sales_by(domain::Micros from, domain::Micros before, bool by_category);
    Database& db_;
};

}  // namespace sweetshop::storage
