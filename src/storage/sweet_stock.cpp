// The SOCI adapter of stock changes (purchase, restock); the catalogue's reads and edits are in sweet_catalogue.cpp,
// the ledger and its check in ledger.cpp.
#include "storage/sweet_stock.hpp"
#include "domain/orders.hpp"
#include "storage/audit_store.hpp"
#include "storage/batches.hpp"
#include "storage/idempotency_store.hpp"
#include "storage/ledger.hpp"
#include "storage/order_store.hpp"
#include "storage/sql_query.hpp"

namespace sweetshop::storage {

using namespace sql;

namespace {
using domain::Micros;

// Named SQL of stock changes.
constexpr const char* kPurchase =
    "UPDATE sweets SET quantity = quantity - :n, updated_at_us = :now WHERE id = :id AND quantity >= :n "
    "AND active = 1 RETURNING ";
constexpr const char* kRestock =
    "UPDATE sweets SET quantity = quantity + :n, updated_at_us = :now WHERE id = :id AND quantity <= :limit "
    "RETURNING ";
// A purchase is an order of one line (the order lines are the one record of sales).
constexpr const char* kInsertPurchaseOrder =
    "INSERT INTO orders (status, customer_id, customer, total_cents, note, created_at_us) "
    "VALUES ('paid', :customer_id, :customer, :total, '', :now) RETURNING id";
constexpr const char* kQuantity = "SELECT quantity, active FROM sweets WHERE id = :id";

/// The statements of a purchase or restock, prepared once per connection (StatementCache). Bound by address, so it
/// never moves.
struct StockStatementsBase {
    long long n = 0, now = 0, id = 0, limit = 0;
    SweetRow row;
    long long ledger_id = 0, delta = 0, actor_id = 0, total = 0, order_id = 0, line_cost = 0;
    int position = 0;
    soci::indicator order_ind = soci::i_null, line_cost_ind = soci::i_null;
    std::string actor, reason;
};
}  // namespace

struct SqlStockStore::StockStatements : StockStatementsBase {
    BatchStatements batches;
    Query purchase, restock, ledger, order;
    Query line;                                 // SQLite: a purchase's line (its entry goes through ledger)
    Query sale;                                 // PostgreSQL: a purchase's line with its ledger entry
    const bool one_statement_per_sale = false;  ///< PostgreSQL: the line and its ledger entry together (sale)

    explicit StockStatements(soci::session& sql)
        : batches(sql),
          purchase(sql),
          restock(sql),
          ledger(sql),
          order(sql),
          line(sql),
          sale(sql),
          one_statement_per_sale(on_postgres(sql)) {
        row.bind(purchase);
        purchase.use(n, "n").use(now, "now").use(id, "id");
        purchase.prepare(std::string(kPurchase) + kSweetColumns);
        row.bind(restock);
        restock.use(n, "n").use(now, "now").use(id, "id").use(limit, "limit");
        restock.prepare(std::string(kRestock) + kSweetColumns);
        ledger.use(id, "sweet_id").use(row.name, "sweet_name").use(actor_id, "actor_id").use(actor, "actor");
        ledger.use(reason, "reason").use(delta, "delta").use(row.quantity, "after").use(now, "now");
        ledger.use(order_id, order_ind, "order_id").into(ledger_id);
        ledger.prepare(kInsertLedger);
        order.use(actor_id, "customer_id").use(actor, "customer").use(total, "total").use(now, "now").into(order_id);
        order.prepare(kInsertPurchaseOrder);
        if (!one_statement_per_sale) {  // a purchase's line, then its entry through `ledger`
            line.use(order_id, "order_id").use(position, "position").use(id, "sweet_id").use(row.name, "name");
            line.use(row.price, "price").use(n, "amount").use(row.cost, row.cost_ind, "cost");
            line.use(row.unit, "unit").use(total, "line_total").use(line_cost, line_cost_ind, "line_cost");
            line.prepare(kInsertOrderLine);
            return;
        }
        sale.use(order_id, "order_id").use(position, "position").use(id, "sweet_id").use(row.name, "name");
        sale.use(row.price, "price").use(n, "amount").use(actor_id, "actor_id").use(actor, "actor");
        sale.use(row.cost, row.cost_ind, "cost");
        sale.use(row.unit, "unit").use(total, "line_total").use(line_cost, line_cost_ind, "line_cost");
        sale.use(delta, "delta").use(row.quantity, "after").use(now, "now").into(ledger_id);
        sale.prepare(kInsertSaleEntries);
    }
};

domain::StockOutcome SqlStockStore::change_stock(const domain::StockChange& change, const domain::HeldKey* key) {
    return selling_after_expiry(db_, clock_, [&] { return change_once(change, key); });
}

domain::StockOutcome SqlStockStore::change_once(const domain::StockChange& change, const domain::HeldKey* key) {
    using Kind = domain::StockOutcome::Kind;
    const bool purchase = change.kind == domain::StockChange::Kind::Purchase;
    return db_.write([&](soci::session& sql) {
        auto held = statements_->lease(sql);
        auto& st = *held;
        st.now = clock_.now();
        st.id = change.sweet_id;
        st.n = change.amount;
        st.limit = domain::kMaxQuantity - change.amount;
        const long long id = st.id;
        domain::StockOutcome outcome;
        auto& update = purchase ? st.purchase : st.restock;
        const bool changed = update.execute();
        update.drain();
        if (changed) {
            outcome.sweet = st.row.value();
            st.actor_id = change.actor.id;
            st.actor = change.actor.username;
            st.reason = purchase ? "purchase" : "restock";
            st.delta = purchase ? -st.n : st.n;
            st.order_ind = soci::i_null;
            if (purchase) {  // the order first: its ledger entry names it
                domain::OrderLine sold;
                sold.unit_price_cents = st.row.price;
                sold.amount = st.n;
                sold.unit = outcome.sweet.unit;
                if (st.row.cost_ind == soci::i_ok) sold.unit_cost_cents = st.row.cost;
                st.total = sold.total_cents();
                st.line_cost = sold.cost_cents().value_or(0);
                st.line_cost_ind = sold.cost_cents() ? soci::i_ok : soci::i_null;
                st.order.execute();
                st.order.drain();
                st.order_ind = soci::i_ok;
            }
            if (purchase && st.one_statement_per_sale) {
                st.sale.execute();
                st.sale.drain();
            } else {
                if (purchase) st.line.execute();
                st.ledger.execute();
                st.ledger.drain();
            }
            BatchChoice choice;
            if (purchase) {
                choice.sellable_only = true;
                choice.order_id = st.order_id;
            } else if (change.best_before || !change.lot.empty()) {  // else the units are undated
                choice.batch = batch_for(sql, id, change.best_before, change.expires_at, change.lot, st.now);
            }
            const auto moved = move_batches(sql, id, st.ledger_id, st.delta, st.row.quantity, st.now, choice,
                                            &st.batches, st.row.batched);
            if (moved.best_before_changed) outcome.sweet.best_before = moved.best_before;
            if (!purchase) append_audit(sql, domain::audit_restock(change.actor, outcome.sweet, change.amount), st.now);
        } else {
            long long quantity = 0;
            int active = 0;
            Query q(sql);
            q.use(id, "id").into(quantity).into(active);
            if (!q.run(kQuantity) || (purchase && !active))  // an archived sweet is not for sale
                outcome.kind = Kind::NotFound;
            else if (purchase) {
                outcome.kind = Kind::Insufficient;
                outcome.available = quantity;
            } else {
                outcome.kind = Kind::Overflow;
                outcome.headroom = domain::kMaxQuantity - quantity;
            }
        }
        if (key) record_outcome(sql, *key, outcome);
        return outcome;
    });
}

// Here, where StockStatements is complete.
SqlStockStore::SqlStockStore(Database& db, const domain::Clock& clock)
    : db_(db), clock_(clock), statements_(std::make_unique<StatementCache<StockStatements>>(db)) {}
SqlStockStore::~SqlStockStore() = default;

}  // namespace sweetshop::storage
