// The SOCI adapter of orders: placing (all lines or none), reading, listing and refunding.
#include "storage/order_store.hpp"

#include <algorithm>
#include <numeric>

#include "storage/idempotency_store.hpp"
#include "storage/ledger.hpp"
#include "storage/sql_query.hpp"

namespace sweetshop::storage {

using namespace sql;

namespace {
using domain::Order;
using domain::OrderOutcome;

constexpr const char* kSellLine =
    "UPDATE sweets SET quantity = quantity - :n, updated_at_us = :now WHERE id = :id AND quantity >= :n "
    "RETURNING name, price_cents, quantity";
constexpr const char* kSweetStock = "SELECT name, quantity FROM sweets WHERE id = :id";
constexpr const char* kLockSweet = "SELECT name, quantity FROM sweets WHERE id = :id FOR UPDATE";
constexpr const char* kReturnStock =
    "UPDATE sweets SET quantity = quantity + :n, updated_at_us = :now WHERE id = :id RETURNING quantity";
constexpr const char* kInsertOrder =
    "INSERT INTO orders (status, customer_id, customer, seller_id, seller, total_cents, note, payment_method, "
    "tendered_cents, created_at_us) VALUES ('paid', :customer_id, :customer, :seller_id, :seller, :total, :note, "
    ":method, :tendered, :now) RETURNING id";
constexpr const char* kOrderColumns =
    "SELECT id, status, customer_id, customer, seller, total_cents, refunded_cents, note, payment_method, "
    "tendered_cents, created_at_us FROM orders";
constexpr const char* kOrderLines =
    "SELECT order_id, sweet_id, sweet_name, unit_price_cents, amount, refunded FROM order_lines ";
constexpr const char* kOrderRefunds =
    "SELECT id, order_id, actor, reason, restock, total_cents, at_us FROM refunds WHERE order_id = :id ORDER BY id";
constexpr const char* kRefundLines =
    "SELECT sweet_id, amount FROM refund_lines WHERE refund_id = :id ORDER BY sweet_id";
constexpr const char* kRefundLine =
    "UPDATE order_lines SET refunded = refunded + :n WHERE order_id = :order_id AND sweet_id = :sweet_id";
constexpr const char* kInsertRefund =
    "INSERT INTO refunds (order_id, actor_id, actor, reason, restock, total_cents, at_us) "
    "VALUES (:order_id, :actor_id, :actor, :reason, :restock, :total, :now) RETURNING id";
constexpr const char* kInsertRefundLine =
    "INSERT INTO refund_lines (refund_id, sweet_id, sweet_name, amount) VALUES (:refund_id, :sweet_id, :name, :n)";
constexpr const char* kMarkRefunded =
    "UPDATE orders SET refunded_cents = refunded_cents + :total, status = :status WHERE id = :id";

/// Thrown inside a placing transaction to roll it back with the refusal decided.
struct Refusal {
    OrderOutcome outcome;
};

/// An order row, bound for reading.
struct OrderRow {
    long long id = 0, customer_id = 0, total = 0, refunded = 0, tendered = 0, created = 0;
    std::string status, customer, seller, note, method;
    soci::indicator customer_id_ind = soci::i_null, customer_ind = soci::i_null, seller_ind = soci::i_null,
                    method_ind = soci::i_null, tendered_ind = soci::i_null;

    void bind(Query& q) {
        q.into(id).into(status).into(customer_id, customer_id_ind).into(customer, customer_ind);
        q.into(seller, seller_ind).into(total).into(refunded).into(note).into(method, method_ind);
        q.into(tendered, tendered_ind).into(created);
    }
    Order value() const {
        Order o;
        o.number = id;
        o.status = domain::parse_order_status(status).value_or(domain::OrderStatus::Paid);
        o.customer_id = customer_id_ind == soci::i_ok ? customer_id : 0;
        if (customer_ind == soci::i_ok) o.customer = customer;
        if (seller_ind == soci::i_ok) o.seller = seller;
        o.total_cents = total;
        o.refunded_cents = refunded;
        o.note = note;
        o.created_at = created;
        if (method_ind == soci::i_ok) {
            domain::Payment p;
            p.method = domain::parse_payment_method(method).value_or(domain::PaymentMethod::Other);
            if (tendered_ind == soci::i_ok) p.tendered_cents = tendered;
            o.payment = p;
        }
        return o;
    }
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
    long long order_id = 0, sweet_id = 0, price = 0, amount = 0, refunded = 0;
    std::string name;
    Query q(sql);
    q.into(order_id).into(sweet_id).into(name).into(price).into(amount).into(refunded);
    for (bool row = q.run(kOrderLines + ("WHERE order_id IN (" + ids + ") ORDER BY order_id, position")); row;
         row = q.fetch()) {
        auto it = std::find_if(orders.begin(), orders.end(), [&](const Order& o) { return o.number == order_id; });
        if (it != orders.end()) it->lines.push_back({sweet_id, name, price, amount, refunded});
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

std::optional<Order> find_in(soci::session& sql, std::int64_t number, bool for_change, Dialect dialect) {
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

void append_sale_ledger(soci::session& sql, const domain::OrderLine& line, long long after, const domain::Actor& actor,
                        long long order_id, long long now) {
    append_ledger(sql, line.sweet_id, line.name, actor, "purchase", -line.amount, after, now, order_id);
}

/// Sells the lines in id order; throws Refusal (rolling back) when a sweet is missing or short, or the cash
/// tendered does not cover the total.
OrderOutcome sell(soci::session& sql, const domain::NewOrder& request, long long now) {
    const auto& lines = request.lines;
    std::vector<std::size_t> by_id(lines.size());
    std::iota(by_id.begin(), by_id.end(), 0);
    std::sort(by_id.begin(), by_id.end(), [&](auto a, auto b) { return lines[a].sweet_id < lines[b].sweet_id; });

    Order order;
    order.lines.resize(lines.size());
    std::vector<long long> after(lines.size(), 0);
    std::vector<std::optional<long long>> stock(lines.size());  // a line that could not be sold: what is left
    bool refused = false;
    for (auto i : by_id) {
        const long long id = lines[i].sweet_id, n = lines[i].amount;
        auto& line = order.lines[i];
        line.sweet_id = id;
        line.amount = n;
        long long price = 0, quantity = 0;
        if (!refused) {
            Query q(sql);
            q.into(line.name).into(price).into(quantity).use(n, "n").use(now, "now").use(id, "id");
            const bool sold = q.run(kSellLine);
            q.drain();
            if (sold) {
                line.unit_price_cents = price;
                after[i] = quantity;
                continue;
            }
            refused = true;
        }
        Query q(sql);
        q.use(id, "id").into(line.name).into(quantity);
        stock[i] = q.run(kSweetStock) ? quantity : -1;
    }
    if (refused) {
        OrderOutcome out;
        for (std::size_t i = 0; i < lines.size(); ++i)
            if (stock[i] && *stock[i] < 0) out.unknown.push_back(lines[i].sweet_id);
        if (!out.unknown.empty()) {
            out.kind = OrderOutcome::Kind::UnknownSweets;
        } else {
            out.kind = OrderOutcome::Kind::Unavailable;
            for (std::size_t i = 0; i < lines.size(); ++i)
                if (stock[i] && *stock[i] < lines[i].amount)
                    out.unavailable.push_back({lines[i].sweet_id, order.lines[i].name, lines[i].amount, *stock[i]});
        }
        throw Refusal{out};
    }
    for (const auto& line : order.lines)
        order.total_cents += line.total_cents();
    if (request.payment && request.payment->tendered_cents && *request.payment->tendered_cents < order.total_cents) {
        OrderOutcome out;
        out.kind = OrderOutcome::Kind::TenderedShort;
        out.total_cents = order.total_cents;
        throw Refusal{out};
    }
    order.customer_id = request.customer ? request.customer->id : 0;
    if (request.customer) order.customer = request.customer->username;
    if (request.seller) order.seller = request.seller->username;
    order.note = request.note;
    order.created_at = now;
    order.payment = request.payment;
    order.number = insert_order(sql, order, request.customer, request.seller);
    const auto& actor = request.seller ? *request.seller : *request.customer;
    for (std::size_t i = 0; i < lines.size(); ++i)
        append_sale_ledger(sql, order.lines[i], after[i], actor, order.number, now);
    return OrderOutcome{OrderOutcome::Kind::Placed, order, {}, {}, 0};
}
}  // namespace

std::int64_t insert_order(soci::session& sql, const Order& order, const std::optional<domain::Actor>& customer,
                          const std::optional<domain::Actor>& seller) {
    long long id = 0;
    const long long customer_id = customer ? customer->id : 0, seller_id = seller ? seller->id : 0;
    const long long total = order.total_cents, now = order.created_at;
    const long long tendered = order.payment ? order.payment->tendered_cents.value_or(0) : 0;
    const std::string customer_name = customer ? customer->username : "", seller_name = seller ? seller->username : "";
    const std::string method = order.payment ? std::string(domain::method_name(order.payment->method)) : "";
    soci::indicator customer_ind = customer ? soci::i_ok : soci::i_null;
    soci::indicator customer_name_ind = customer_ind;
    soci::indicator seller_ind = seller ? soci::i_ok : soci::i_null, seller_name_ind = seller_ind;
    soci::indicator method_ind = order.payment ? soci::i_ok : soci::i_null;
    soci::indicator tendered_ind = order.payment && order.payment->tendered_cents ? soci::i_ok : soci::i_null;
    {
        Query q(sql);
        q.use(customer_id, customer_ind, "customer_id").use(customer_name, customer_name_ind, "customer");
        q.use(seller_id, seller_ind, "seller_id").use(seller_name, seller_name_ind, "seller");
        q.use(total, "total").use(order.note, "note").use(method, method_ind, "method");
        q.use(tendered, tendered_ind, "tendered").use(now, "now").into(id);
        q.run(kInsertOrder);
        q.drain();
    }
    for (std::size_t i = 0; i < order.lines.size(); ++i) {
        const auto& line = order.lines[i];
        const int position = static_cast<int>(i);
        const long long sweet_id = line.sweet_id, price = line.unit_price_cents, amount = line.amount;
        Query q(sql);
        q.use(id, "order_id").use(position, "position").use(sweet_id, "sweet_id").use(line.name, "name");
        q.use(price, "price").use(amount, "amount");
        q.run(kInsertOrderLine);
    }
    return id;
}

OrderOutcome SqlOrderStore::place(const domain::NewOrder& order, const domain::HeldKey* key) {
    std::optional<OrderOutcome> refused;
    try {
        return db_.write([&](soci::session& sql) {
            auto outcome = sell(sql, order, clock_.now());
            if (key) record_outcome(sql, *key, outcome);
            return outcome;
        });
    } catch (const Refusal& r) {
        refused = r.outcome;
    }
    // The sale rolled back; a keyed request still keeps its refusal (the key stays claimed meanwhile).
    if (key) db_.write([&](soci::session& sql) { record_outcome(sql, *key, *refused); });
    return *refused;
}

std::optional<Order> SqlOrderStore::find(std::int64_t number) {
    return db_.read([&](soci::session& sql) { return find_in(sql, number, false, db_.dialect()); });
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
            for (bool r = q.run(kOrderColumns + f.where() +
                                " ORDER BY created_at_us DESC, id DESC LIMIT :limit OFFSET :offset");
                 r; r = q.fetch())
                out.push_back(row.value());
        }
        load_lines(sql, out);
        for (auto& o : out)
            if (o.refunded_cents > 0 || o.status != domain::OrderStatus::Paid) load_refunds(sql, o);
        return out;
    });
}

namespace {
/// The issue of each requested line, against the order and (restocking) the sweets' room; all nullopt: fine.
std::vector<std::optional<domain::RefundIssue>> refund_issues(soci::session& sql, const domain::RefundRequest& req,
                                                              const Order& order, Dialect dialect) {
    using Issue = domain::RefundIssue;
    std::vector<std::optional<Issue>> issues(req.lines.size());
    for (std::size_t i = 0; i < req.lines.size(); ++i) {
        const auto& want = req.lines[i];
        auto it = std::find_if(order.lines.begin(), order.lines.end(),
                               [&](const auto& l) { return l.sweet_id == want.sweet_id; });
        if (it == order.lines.end())
            issues[i] = Issue{Issue::Kind::NotInOrder, 0};
        else if (want.amount > it->amount - it->refunded)
            issues[i] = Issue{Issue::Kind::TooMany, it->amount - it->refunded};
    }
    if (!req.restock) return issues;
    std::vector<std::size_t> by_id(req.lines.size());
    std::iota(by_id.begin(), by_id.end(), 0);
    std::sort(by_id.begin(), by_id.end(),
              [&](auto a, auto b) { return req.lines[a].sweet_id < req.lines[b].sweet_id; });
    for (auto i : by_id) {  // in id order, as orders lock them
        if (issues[i]) continue;
        const long long id = req.lines[i].sweet_id;
        long long quantity = 0;
        std::string name;
        Query q(sql);
        q.use(id, "id").into(name).into(quantity);
        if (!q.run(dialect == Dialect::Postgres ? kLockSweet : kSweetStock))
            issues[i] = Issue{Issue::Kind::Gone, 0};
        else if (quantity > domain::kMaxQuantity - req.lines[i].amount)
            issues[i] = Issue{Issue::Kind::Full, domain::kMaxQuantity - quantity};
    }
    return issues;
}
}  // namespace

domain::RefundOutcome SqlOrderStore::refund(const domain::RefundRequest& req, const domain::HeldKey* key) {
    using Outcome = domain::RefundOutcome;
    return db_.write([&](soci::session& sql) {
        Outcome outcome;
        auto order = find_in(sql, req.number, true, db_.dialect());
        if (!order) {
            outcome.kind = Outcome::Kind::NotFound;
        } else if (auto issues = refund_issues(sql, req, *order, db_.dialect());
                   std::any_of(issues.begin(), issues.end(), [](const auto& i) { return i.has_value(); })) {
            outcome.kind = Outcome::Kind::Refused;
            outcome.issues = std::move(issues);
        } else {
            const long long now = clock_.now(), order_id = order->number;
            long long total = 0;
            for (const auto& want : req.lines) {
                auto& line = *std::find_if(order->lines.begin(), order->lines.end(),
                                           [&](const auto& l) { return l.sweet_id == want.sweet_id; });
                line.refunded += want.amount;
                total += line.unit_price_cents * want.amount;
            }
            long long refund_id = 0;
            {
                const long long actor_id = req.actor.id;
                const int restock = req.restock ? 1 : 0;
                Query q(sql);
                q.use(order_id, "order_id").use(actor_id, "actor_id").use(req.actor.username, "actor");
                q.use(req.reason, "reason").use(restock, "restock").use(total, "total").use(now, "now");
                q.into(refund_id);
                q.run(kInsertRefund);
                q.drain();
            }
            auto lines = req.lines;
            std::sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.sweet_id < b.sweet_id; });
            for (const auto& want : lines) {
                const auto& line = *std::find_if(order->lines.begin(), order->lines.end(),
                                                 [&](const auto& l) { return l.sweet_id == want.sweet_id; });
                const long long sweet_id = want.sweet_id, n = want.amount;
                {
                    Query q(sql);
                    q.use(n, "n").use(order_id, "order_id").use(sweet_id, "sweet_id");
                    q.run(kRefundLine);
                }
                {
                    Query q(sql);
                    q.use(refund_id, "refund_id").use(sweet_id, "sweet_id").use(line.name, "name").use(n, "n");
                    q.run(kInsertRefundLine);
                }
                if (!req.restock) continue;
                long long after = 0;
                Query q(sql);
                q.use(n, "n").use(now, "now").use(sweet_id, "id").into(after);
                q.run(kReturnStock);
                q.drain();
                append_ledger(sql, sweet_id, line.name, req.actor, "refund", n, after, now, order_id);
            }
            order->refunded_cents += total;
            const auto status = std::string(domain::status_name(domain::status_after(*order)));
            Query q(sql);
            q.use(total, "total").use(status, "status").use(order_id, "id");
            q.run(kMarkRefunded);
            outcome.kind = Outcome::Kind::Done;
            outcome.order = *find_in(sql, req.number, false, db_.dialect());
        }
        if (key) record_outcome(sql, *key, outcome);
        return outcome;
    });
}

}  // namespace sweetshop::storage
