#pragma once
#include "domain/orders.hpp"
#include "storage/database.hpp"
#include "storage/sql_query.hpp"

namespace sweetshop::storage {

/// One line of an order (position: its place in the order, from 0), under the sweet's category at the sale, with its
/// unit and its money (domain::OrderLine::total_cents and cost_cents).
inline constexpr const char* kInsertOrderLine =
    "INSERT INTO order_lines (order_id, position, sweet_id, sweet_name, unit_price_cents, amount, unit_cost_cents, "
    "category, unit, total_cents, cost_cents) VALUES (:order_id, :position, :sweet_id, :name, :price, :amount, :cost, "
    "COALESCE((SELECT category FROM sweets WHERE id = :sweet_id), ''), :unit, :line_total, :line_cost)";
/// PostgreSQL: a sold line and its ledger entry in one statement, one round trip where two statements take two (the
/// same rows as kInsertOrderLine and kInsertLedger).
inline constexpr const char* kInsertSaleEntries =
    "WITH line AS (INSERT INTO order_lines (order_id, position, sweet_id, sweet_name, unit_price_cents, amount, "
    "unit_cost_cents, category, unit, total_cents, cost_cents) VALUES (:order_id, :position, :sweet_id, :name, "
    ":price, :amount, :cost, COALESCE((SELECT category FROM sweets WHERE id = :sweet_id), ''), :unit, :line_total, "
    ":line_cost)) "
    "INSERT INTO stock_ledger (sweet_id, sweet_name, actor_id, actor, reason, delta, quantity_after, at_us, order_id) "
    "VALUES (:sweet_id, :name, :actor_id, :actor, 'purchase', :delta, :after, :now, :order_id) RETURNING id";
inline bool on_postgres(soci::session& sql) {
    return sql.get_backend_name() == "postgresql";
}

/// SOCI adapter of orders: an order's lines change the sweets in id order (so that concurrent orders on PostgreSQL
/// lock them in one order and cannot deadlock), each with its ledger entry, in one transaction.
class SqlOrderStore final : public domain::OrderStore {
  public:
    explicit SqlOrderStore(Database& db, const domain::Clock& clock = domain::system_clock());
    ~SqlOrderStore() override;

    domain::OrderOutcome place(const domain::NewOrder& order, const domain::HeldKey* key) override;
    std::optional<domain::Order> find(std::int64_t number) override;
    std::int64_t count(const domain::OrderFilter& filter) override;
    std::vector<domain::Order> list(const domain::OrderFilter& filter, std::int64_t limit,
                                    std::int64_t offset) override;
    domain::RefundOutcome refund(const domain::RefundRequest& refund, const domain::HeldKey* key) override;

  private:
    struct OrderStatements;

    Database& db_;
    const domain::Clock& clock_;
    std::unique_ptr<sql::StatementCache<OrderStatements>> statements_;
};

}  // namespace sweetshop::storage
