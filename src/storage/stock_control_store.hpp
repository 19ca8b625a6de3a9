#pragma once
#include "domain/stock_control.hpp"
#include "storage/database.hpp"

namespace sweetshop::storage {

/// SOCI adapter of stock control: adjustments and stocktakes with their ledger entries in one transaction, a
/// sweet's ledger through its index, the low-stock list and the alerts that the triggers of migration 0007 keep.
class SqlStockControlStore final : public domain::StockControlStore {
  public:
    explicit SqlStockControlStore(Database& db, const domain::Clock& clock = domain::system_clock())
        : db_(db), clock_(clock) {}

    domain::AdjustOutcome adjust(std::int64_t sweet_id, const domain::Adjustment& adjustment,
                                 const domain::Actor& actor) override;
    domain::CountOutcome count(const std::vector<domain::CountLine>& lines, const std::string& note,
                               const domain::Actor& actor, bool dry_run) override;
    std::vector<domain::LedgerEntry> history(std::int64_t sweet_id, std::optional<std::int64_t> before,
                                             std::int64_t limit) override;
    std::vector<domain::Sweet> low_stock() override;
    std::vector<domain::StockAlert> alerts(bool open_only, std::int64_t limit) override;
    std::int64_t low_stock_count() override;

  private:
    Database& db_;
    const domain::Clock& clock_;
};

/// SOCI adapter of the alerts' outbox: a claim is one UPDATE of the oldest waiting alert (PostgreSQL: FOR UPDATE SKIP
/// LOCKED, so servers claiming at once take different alerts or none).
class SqlAlertOutbox final : public domain::AlertOutbox {
  public:
    explicit SqlAlertOutbox(Database& db) : db_(db) {}
    bool any_due(domain::Micros now, domain::Micros since) override;
    std::optional<domain::StockAlert> claim(domain::Micros now, domain::Micros since, domain::Micros lease_until,
                                            int& attempts) override;
    void delivered(std::int64_t alert_id, domain::Micros at) override;
    void failed(std::int64_t alert_id, domain::Micros next_attempt, const std::string& error) override;

  private:
    Database& db_;
};

}  // namespace sweetshop::storage
