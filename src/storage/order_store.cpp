// The SOCI adapter of orders: placing (all lines or none), reading, listing and refunding.
#include "storage/order_store.hpp"

#include <algorithm>
#include <numeric>

#include "storage/batches.hpp"
#include "storage/idempotency_store.hpp"
#include "storage/ledger.hpp"
#include "storage/order_rows.hpp"
#include "storage/sql_query.hpp"

namespace sweetshop::storage {

using namespace sql;

namespace {
using domain::Order;
using domain::OrderOutcome;

constexpr const char* kSellLine =
    "UPDATE sweets SET quantity = quantity - :n, updated_at_us = :now WHERE id = :id AND quantity >= :n "
    "AND active = 1 RETURNING name, price_cents, quantity, cost_cents, unit, batched_units";
// Why a line could not be sold: an archived sweet is not for sale, as if it did not exist.
constexpr const char* kSellableStock = "SELECT name, quantity FROM sweets WHERE id = :id AND active = 1";
constexpr const char* kInsertOrder =
    "INSERT INTO orders (status, customer_id, customer, seller_id, seller, total_cents, note, payment_method, "
    "tendered_cents, created_at_us) VALUES ('paid', :customer_id, :customer, :seller_id, :seller, :total, :note, "
    ":method, :tendered, :now) RETURNING id";
constexpr const char* kOrderLines =
    "SELECT order_id, sweet_id, sweet_name, unit_price_cents, amount, refunded, unit, unit_cost_cents FROM "
    "order_lines ";
constexpr const char* kOrderRefunds =
    "SELECT id, order_id, actor, reason, restock, total_cents, at_us FROM refunds WHERE order_id = :id ORDER BY id";
constexpr const char* kRefundLines =
    "SELECT sweet_id, amount FROM refund_lines WHERE refund_id = :id ORDER BY sweet_id";

/// Thrown inside a placing transaction to roll it back with the refusal decided.
struct Refusal {
    OrderOutcome outcome;
};

/// The WHERE clause of a list's filters, and their bound values.
struct OrderFilterSql {
    const domain::OrderFilter& filter;
    long long customer_id = 0, from = 0, before = 0;
    std::string customer, status;
    explicit OrderFilterSql(const domain::OrderFilter& f)
        : filter(f),
          customer_id(f.customer_id.value_or(0)),
          from(f.from.value_or(0)),
          before(f.before.value_or(0)),
          customer(f.customer.value_or("")),
          status(f.status ? std::string(domain::status_name(*f.status)) : std::string()) {}
    std::string where() const {
        std::string out;
        auto add = [&](const char* condition) {
            out += out.empty() ? " WHERE " : " AND ";
            out += condition;
        };
        if (filter.customer_id) add("customer_id = :customer_id");
        if (filter.customer) add("customer = :customer");
        if (filter.from) add("created_at_us >= :from");
        if (filter.before) add("created_at_us < :before");
        if (filter.status) add("status = :status");
        return out;
    }
    void bind(Query& q) const {
        if (filter.customer_id) q.use(customer_id, "customer_id");
        if (filter.customer) q.use(customer, "customer");
        if (filter.from) q.use(from, "from");
        if (filter.before) q.use(before, "before");
        if (filter.status) q.use(status, "status");
    }
};

/// The lines of the orders in `orders` (by number), in their positions.
void load_lines(soci::session& sql, std::vector<Order>& orders) {
    if (orders.empty()) return;
    std::string ids;  // numbers read from the database: integers, safe to inline
    for (const auto& o : orders) {
        if (!ids.empty()) ids += ',';
        ids += std::to_string(o.number);
    }
    long long order_id = 0, sweet_id = 0, price = 0, amount = 0, refunded = 0, cost = 0;
    soci::indicator cost_ind = soci::i_null;
    std::string name, unit;
    Query q(sql);
    q.into(order_id).into(sweet_id).into(name).into(price).into(amount).into(refunded).into(unit).into(cost, cost_ind);
    for (bool row = q.run(kOrderLines + ("WHERE order_id IN (" + ids + ") ORDER BY order_id, position")); row;
         row = q.fetch()) {
        auto it = std::find_if(orders.begin(), orders.end(), [&](const Order& o) { return o.number == order_id; });
        if (it == orders.end()) continue;
        domain::OrderLine line{sweet_id, name, price, amount, refunded};
        line.unit = domain::parse_unit(unit).value_or(domain::Unit::Piece);
        if (cost_ind == soci::i_ok) line.unit_cost_cents = cost;
        it->lines.push_back(std::move(line));
    }
}

void load_refunds(soci::session& sql, Order& order) {
    const long long id = order.number;
    std::vector<std::pair<long long, domain::Refund>> refunds;
    {
        long long refund_id = 0, order_id = 0, total = 0, at = 0;
        int restock = 0;
        domain::Refund r;
        Query q(sql);
        q.use(id, "id").into(refund_id).into(order_id).into(r.by).into(r.reason).into(restock).into(total).into(at);
        for (bool row = q.run(kOrderRefunds); row; row = q.fetch()) {
            r.restock = restock != 0;
            r.total_cents = total;
            r.at = at;
            refunds.emplace_back(refund_id, r);
        }
    }
    for (auto& [refund_id, r] : refunds) {
        long long sweet_id = 0, amount = 0;
        Query q(sql);
        q.use(refund_id, "id").into(sweet_id).into(amount);
        for (bool row = q.run(kRefundLines); row; row = q.fetch())
            r.lines.push_back({sweet_id, amount});
        order.refunds.push_back(std::move(r));
    }
}

/// The values an order's statements are bound to (by address: it never moves).
struct OrderStatementsBase {
    // one line sold
    long long n = 0, now = 0, id = 0, price = 0, quantity = 0, cost = 0;
    soci::indicator cost_ind = soci::i_null;
    std::string name, unit;
    long long batched = 0;
    // the order
    long long customer_id = 0, seller_id = 0, total = 0, tendered = 0, order_id = 0;
    std::string customer, seller, note, method;
    soci::indicator customer_ind = soci::i_null, customer_name_ind = soci::i_null, seller_ind = soci::i_null,
                    seller_name_ind = soci::i_null, method_ind = soci::i_null, tendered_ind = soci::i_null;
    // one of its lines, and its ledger entry
    int position = 0;
    long long line_price = 0, line_amount = 0, delta = 0, after = 0, actor_id = 0, ledger_id = 0, line_cost = 0;
    long long line_total = 0, line_cost_total = 0;
    soci::indicator line_cost_ind = soci::i_null, line_cost_total_ind = soci::i_null;
    std::string line_unit;
    std::string actor, reason = "purchase";
    soci::indicator actor_ind = soci::i_null, order_ind = soci::i_ok;
};
}  // namespace

/// Placing an order's statements, prepared once per connection (StatementCache).
struct SqlOrderStore::OrderStatements : OrderStatementsBase {
    BatchStatements batches;
    Query sell_line, insert, line, ledger;      // line and ledger: SQLite
    Query sale;                                 // PostgreSQL: a line with its ledger entry
    const bool one_statement_per_sale = false;  ///< PostgreSQL: each line and its ledger entry together (sale)

    explicit OrderStatements(soci::session& sql)
        : batches(sql),
          sell_line(sql),
          insert(sql),
          line(sql),
          ledger(sql),
          sale(sql),
          one_statement_per_sale(on_postgres(sql)) {
        sell_line.into(name).into(price).into(quantity).into(cost, cost_ind).into(unit).into(batched);
        sell_line.use(n, "n").use(now, "now").use(id, "id");
        sell_line.prepare(kSellLine);
        insert.use(customer_id, customer_ind, "customer_id").use(customer, customer_name_ind, "customer");
        insert.use(seller_id, seller_ind, "seller_id").use(seller, seller_name_ind, "seller").use(total, "total");
        insert.use(note, "note").use(method, method_ind, "method").use(tendered, tendered_ind, "tendered");
        insert.use(now, "now").into(order_id);
        insert.prepare(kInsertOrder);
        if (one_statement_per_sale) {
            sale.use(order_id, "order_id").use(position, "position").use(id, "sweet_id").use(name, "name");
            sale.use(line_price, "price").use(line_amount, "amount").use(actor_id, actor_ind, "actor_id");
            sale.use(line_cost, line_cost_ind, "cost");
            sale.use(line_unit, "unit")
                .use(line_total, "line_total")
                .use(line_cost_total, line_cost_total_ind, "line_cost");
            sale.use(actor, "actor").use(delta, "delta").use(after, "after").use(now, "now").into(ledger_id);
            sale.prepare(kInsertSaleEntries);
            return;
        }
        line.use(order_id, "order_id").use(position, "position").use(id, "sweet_id").use(name, "name");
        line.use(line_price, "price").use(line_amount, "amount").use(line_cost, line_cost_ind, "cost");
        line.use(line_unit, "unit")
            .use(line_total, "line_total")
            .use(line_cost_total, line_cost_total_ind, "line_cost");
        line.prepare(kInsertOrderLine);
        ledger.use(id, "sweet_id").use(name, "sweet_name").use(actor_id, actor_ind, "actor_id").use(actor, "actor");
        ledger.use(reason, "reason").use(delta, "delta").use(after, "after").use(now, "now");
        ledger.use(order_id, order_ind, "order_id").into(ledger_id);
        ledger.prepare(kInsertLedger);
    }

    /// Sells the lines in id order; throws Refusal (rolling back) when a sweet is missing or short, or the cash
    /// tendered does not cover the total.
    OrderOutcome sell(soci::session& sql, const domain::NewOrder& request, long long at) {
        const auto& lines = request.lines;
        std::vector<std::size_t> by_id(lines.size());
        std::iota(by_id.begin(), by_id.end(), 0);
        std::sort(by_id.begin(), by_id.end(), [&](auto a, auto b) { return lines[a].sweet_id < lines[b].sweet_id; });

        Order order;
        order.lines.resize(lines.size());
        std::vector<long long> left(lines.size(), 0), batched_before(lines.size(), 0);
        std::vector<std::optional<long long>> stock(lines.size());  // a line that could not be sold: what is left
        bool refused = false;
        now = at;
        for (auto i : by_id) {
            auto& line = order.lines[i];
            line.sweet_id = lines[i].sweet_id;
            line.amount = lines[i].amount;
            id = line.sweet_id;
            n = line.amount;
            if (!refused) {
                const bool sold = sell_line.execute();
                sell_line.drain();
                if (sold) {
                    line.name = name;
                    line.unit_price_cents = price;
                    if (cost_ind == soci::i_ok) line.unit_cost_cents = cost;
                    line.unit = domain::parse_unit(unit).value_or(domain::Unit::Piece);
                    left[i] = quantity;
                    batched_before[i] = batched;
                    continue;
                }
                refused = true;
            }
            long long q = 0;
            Query check(sql);
            check.use(id, "id").into(line.name).into(q);
            stock[i] = check.run(kSellableStock) ? q : -1;
        }
        if (refused) throw Refusal{refusal(lines, order, stock)};
        for (const auto& line : order.lines)
            order.total_cents += line.total_cents();
        if (request.payment && request.payment->tendered_cents &&
            *request.payment->tendered_cents < order.total_cents) {
            OrderOutcome out;
            out.kind = OrderOutcome::Kind::TenderedShort;
            out.total_cents = order.total_cents;
            throw Refusal{out};
        }
        order.customer_id = request.customer ? request.customer->id : 0;
        if (request.customer) order.customer = request.customer->username;
        if (request.seller) order.seller = request.seller->username;
        order.note = request.note;
        order.created_at = at;
        order.payment = request.payment;
        order.number = record(sql, order, request, left, batched_before);
        return OrderOutcome{OrderOutcome::Kind::Placed, order, {}, {}, 0};
    }

  private:
    static OrderOutcome refusal(const std::vector<domain::LineRequest>& lines, const Order& order,
                                const std::vector<std::optional<long long>>& stock) {
        OrderOutcome out;
        for (std::size_t i = 0; i < lines.size(); ++i)
            if (stock[i] && *stock[i] < 0) out.unknown.push_back(lines[i].sweet_id);
        if (!out.unknown.empty()) {
            out.kind = OrderOutcome::Kind::UnknownSweets;
            return out;
        }
        out.kind = OrderOutcome::Kind::Unavailable;
        for (std::size_t i = 0; i < lines.size(); ++i)
            if (stock[i] && *stock[i] < lines[i].amount)
                out.unavailable.push_back({lines[i].sweet_id, order.lines[i].name, lines[i].amount, *stock[i]});
        return out;
    }

    /// The order, its lines, and each line's ledger entry naming it (`left`: each sweet's stock after its line);
    /// returns its number.
    long long record(soci::session& sql, const Order& order, const domain::NewOrder& request,
                     const std::vector<long long>& left, const std::vector<long long>& batched_before) {
        const auto& c = request.customer;
        const auto& s = request.seller;
        customer_id = c ? c->id : 0;
        customer = c ? c->username : "";
        customer_ind = customer_name_ind = c ? soci::i_ok : soci::i_null;
        seller_id = s ? s->id : 0;
        seller = s ? s->username : "";
        seller_ind = seller_name_ind = s ? soci::i_ok : soci::i_null;
        total = order.total_cents;
        note = order.note;
        method = order.payment ? std::string(domain::method_name(order.payment->method)) : "";
        method_ind = order.payment ? soci::i_ok : soci::i_null;
        tendered = order.payment ? order.payment->tendered_cents.value_or(0) : 0;
        tendered_ind = order.payment && order.payment->tendered_cents ? soci::i_ok : soci::i_null;
        insert.execute();
        insert.drain();
        const auto& by = s ? *s : *c;  // who made the change: the seller at the counter, else the customer
        actor_id = by.id;
        actor = by.username;
        actor_ind = by.id > 0 ? soci::i_ok : soci::i_null;
        for (std::size_t i = 0; i < order.lines.size(); ++i) {
            const auto& l = order.lines[i];
            position = static_cast<int>(i);
            id = l.sweet_id;
            name = l.name;
            line_price = l.unit_price_cents;
            line_amount = l.amount;
            line_cost = l.unit_cost_cents.value_or(0);
            line_cost_ind = l.unit_cost_cents ? soci::i_ok : soci::i_null;
            line_unit = domain::unit_name(l.unit);
            line_total = l.total_cents();
            line_cost_total = l.cost_cents().value_or(0);
            line_cost_total_ind = l.cost_cents() ? soci::i_ok : soci::i_null;
            delta = -l.amount;
            after = left[i];
            auto& entries = one_statement_per_sale ? sale : ledger;
            if (!one_statement_per_sale) line.execute();
            entries.execute();
            entries.drain();
            move_batches(sql, id, ledger_id, delta, after, now,
                         BatchChoice{.sellable_only = true, .order_id = order_id}, &batches, batched_before[i]);
        }
        return order_id;
    }
};

SqlOrderStore::SqlOrderStore(Database& db, const domain::Clock& clock)
    : db_(db), clock_(clock), statements_(std::make_unique<StatementCache<OrderStatements>>(db)) {}
SqlOrderStore::~SqlOrderStore() = default;

OrderOutcome SqlOrderStore::place(const domain::NewOrder& order, const domain::HeldKey* key) {
    std::optional<OrderOutcome> refused;
    try {
        return selling_after_expiry(db_, clock_, [&] {
            return db_.write([&](soci::session& sql) {
                auto outcome = statements_->lease(sql)->sell(sql, order, clock_.now());
                if (key) record_outcome(sql, *key, outcome);
                return outcome;
            });
        });
    } catch (const Refusal& r) {
        refused = r.outcome;
    }
    // The sale rolled back; a keyed request still keeps its refusal (the key stays claimed meanwhile).
    if (key) db_.write([&](soci::session& sql) { record_outcome(sql, *key, *refused); });
    return *refused;
}

std::optional<Order> SqlOrderStore::find(std::int64_t number) {
    return db_.read([&](soci::session& sql) { return read_order(sql, number, false, db_.dialect()); });
}

std::int64_t SqlOrderStore::count(const domain::OrderFilter& filter) {
    return db_.read([&](soci::session& sql) {
        const OrderFilterSql f(filter);
        long long n = 0;
        Query q(sql);
        f.bind(q);
        q.into(n);
        q.run("SELECT COUNT(*) FROM orders" + f.where());
        return static_cast<std::int64_t>(n);
    });
}

std::vector<Order> SqlOrderStore::list(const domain::OrderFilter& filter, std::int64_t limit, std::int64_t offset) {
    return db_.snapshot([&](soci::session& sql) {
        const OrderFilterSql f(filter);
        const long long lim = limit, off = offset;
        std::vector<Order> out;
        OrderRow row;
        {
            Query q(sql);
            row.bind(q);
            f.bind(q);
            q.use(lim, "limit").use(off, "offset");
            for (bool r = q.run(kOrderColumns + f.where() + " ORDER BY id DESC LIMIT :limit OFFSET :offset"); r;
                 r = q.fetch())
                out.push_back(row.value());
        }
        load_lines(sql, out);
        for (auto& o : out)
            if (o.refunded_cents > 0 || o.status != domain::OrderStatus::Paid) load_refunds(sql, o);
        return out;
    });
}

std::optional<Order> read_order(soci::session& sql, std::int64_t number, bool for_change, Dialect dialect) {
    const long long id = number;
    OrderRow row;
    {
        Query q(sql);
        row.bind(q);
        q.use(id, "id");
        if (!q.run(kOrderColumns + std::string(" WHERE id = :id") + (for_change ? for_update(dialect) : "")))
            return std::nullopt;
    }
    std::vector<Order> one{row.value()};
    load_lines(sql, one);
    load_refunds(sql, one.front());
    return one.front();
}

}  // namespace sweetshop::storage
