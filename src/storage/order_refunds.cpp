// The SOCI adapter's refunds: checked against the order and the sweets' room, then recorded with the restocked
// units' ledger entries, in one transaction.
#include <algorithm>
#include <map>
#include <numeric>

#include "storage/audit_store.hpp"
#include "storage/idempotency_store.hpp"
#include "storage/ledger.hpp"
#include "storage/order_rows.hpp"
#include "storage/order_store.hpp"

namespace sweetshop::storage {

using namespace sql;

namespace {
using domain::Order;

constexpr const char* kLockSweet = "SELECT name, quantity FROM sweets WHERE id = :id FOR UPDATE";
constexpr const char* kReturnStock =
    "UPDATE sweets SET quantity = quantity + :n, updated_at_us = :now WHERE id = :id RETURNING quantity";
constexpr const char* kRefundLine =
    "UPDATE order_lines SET refunded = refunded + :n WHERE order_id = :order_id AND sweet_id = :sweet_id";
constexpr const char* kInsertRefund =
    "INSERT INTO refunds (order_id, actor_id, actor, reason, restock, total_cents, at_us) "
    "VALUES (:order_id, :actor_id, :actor, :reason, :restock, :total, :now) RETURNING id";
constexpr const char* kInsertRefundLine =
    "INSERT INTO refund_lines (refund_id, sweet_id, sweet_name, amount, cents, cost_cents) "
    "VALUES (:refund_id, :sweet_id, :name, :n, :cents, :cost)";
constexpr const char* kMarkRefunded =
    "UPDATE orders SET refunded_cents = refunded_cents + :total, status = :status WHERE id = :id";
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

/// Records the refund (its lines, the order's refunded units and total, its new status) and puts restocked units
/// back with their ledger entries, in id order; the request was checked by refund_issues.
void apply_refund(soci::session& sql, const domain::RefundRequest& req, Order order, long long now) {
    const long long order_id = order.number;
    long long total = 0;
    // Each line's money back, and (restocked) the cost of what goes back on the shelf: the difference of the
    // refunded so far before and after (domain::refund_cents), so that a weighed line's refunds add up exactly.
    std::map<long long, std::pair<long long, long long>> back;
    for (const auto& want : req.lines) {
        auto& line = *std::find_if(order.lines.begin(), order.lines.end(),
                                   [&](const auto& l) { return l.sweet_id == want.sweet_id; });
        const long long cents = domain::refund_cents(line.unit, line.unit_price_cents, line.refunded, want.amount);
        const long long cost = req.restock && line.unit_cost_cents
                                   ? domain::refund_cents(line.unit, *line.unit_cost_cents, line.refunded, want.amount)
                                   : 0;
        back[want.sweet_id] = {cents, cost};
        line.refunded += want.amount;
        total += cents;
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
    std::vector<domain::AuditRefundLine> audited;
    for (const auto& want : lines) {
        const auto& line = *std::find_if(order.lines.begin(), order.lines.end(),
                                         [&](const auto& l) { return l.sweet_id == want.sweet_id; });
        const long long sweet_id = want.sweet_id, n = want.amount;
        audited.push_back({want.sweet_id, line.name, want.amount});
        {
            Query q(sql);
            q.use(n, "n").use(order_id, "order_id").use(sweet_id, "sweet_id");
            q.run(kRefundLine);
        }
        {
            const auto [cents, cost] = back[sweet_id];
            Query q(sql);
            q.use(refund_id, "refund_id").use(sweet_id, "sweet_id").use(line.name, "name").use(n, "n");
            q.use(cents, "cents").use(cost, "cost");
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
    order.refunded_cents += total;
    const auto status = std::string(domain::status_name(domain::status_after(order)));
    Query q(sql);
    q.use(total, "total").use(status, "status").use(order_id, "id");
    q.run(kMarkRefunded);
    append_audit(sql, domain::audit_refund(req.actor, order_id, total, req.restock, req.reason, audited), now);
}
}  // namespace

domain::RefundOutcome SqlOrderStore::refund(const domain::RefundRequest& req, const domain::HeldKey* key) {
    using Outcome = domain::RefundOutcome;
    return db_.write([&](soci::session& sql) {
        Outcome outcome;
        auto order = read_order(sql, req.number, true, db_.dialect());
        if (!order) {
            outcome.kind = Outcome::Kind::NotFound;
        } else if (auto issues = refund_issues(sql, req, *order, db_.dialect());
                   std::any_of(issues.begin(), issues.end(), [](const auto& i) { return i.has_value(); })) {
            outcome.kind = Outcome::Kind::Refused;
            outcome.issues = std::move(issues);
        } else {
            apply_refund(sql, req, *order, clock_.now());
            outcome.kind = Outcome::Kind::Done;
            outcome.order = *read_order(sql, req.number, false, db_.dialect());
        }
        if (key) record_outcome(sql, *key, outcome);
        return outcome;
    });
}

}  // namespace sweetshop::storage
