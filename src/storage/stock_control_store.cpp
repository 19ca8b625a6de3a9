#include "storage/stock_control_store.hpp"

#include "storage/audit_store.hpp"
#include "storage/batches.hpp"
#include "storage/ledger.hpp"
#include "storage/sql_query.hpp"

namespace sweetshop::storage {

using namespace sql;

namespace {
constexpr const char* kSetQuantity = "UPDATE sweets SET quantity = :q, updated_at_us = :now WHERE id = :id";
constexpr const char* kLowCondition =
    " FROM sweets WHERE active = 1 AND reorder_level > 0 AND quantity <= reorder_level";
constexpr const char* kAlerts =
    "SELECT id, sweet_id, sweet_name, reorder_level, quantity, suggested, opened_at_us, closed_at_us, "
    "delivered_at_us, batch_id, best_before FROM stock_alerts";

constexpr const char* kDue =
    "delivered_at_us IS NULL AND next_attempt_us <= :now AND claimed_until_us <= :now AND opened_at_us >= :since";
constexpr const char* kDelivered = "UPDATE stock_alerts SET delivered_at_us = :at WHERE id = :id";
constexpr const char* kFailed =
    "UPDATE stock_alerts SET claimed_until_us = 0, next_attempt_us = :next, last_error = :error WHERE id = :id";

/// Sets the quantity and appends its ledger entry; returns the entry.
domain::LedgerEntry record(soci::session& sql, domain::Sweet& sweet, long long after, const std::string& reason,
                           const std::string& note, const domain::Actor& actor, long long now,
                           std::optional<long long> batch = std::nullopt) {
    const long long id = sweet.id, delta = after - sweet.quantity;
    if (delta != 0) {
        Query q(sql);
        q.use(after, "q").use(now, "now").use(id, "id");
        q.run(kSetQuantity);
        sweet.updated_at = now;
    }
    domain::LedgerEntry entry;
    entry.id = append_ledger(sql, id, sweet.name, actor, reason, delta, after, now, 0, note, BatchChoice{batch});
    entry.sweet_id = id;
    entry.sweet_name = sweet.name;
    entry.actor = actor.username;
    entry.reason = reason;
    entry.delta = delta;
    entry.quantity_after = after;
    entry.at = now;
    entry.note = note;
    sweet.quantity = after;
    std::vector<domain::LedgerEntry> moved{entry};
    load_moves(sql, moved);
    return moved.front();
}

/// Thrown inside a stocktake's transaction to roll it back.
struct UnknownSweets {
    std::vector<std::int64_t> ids;
};
}  // namespace

domain::AdjustOutcome SqlStockControlStore::adjust(std::int64_t sweet_id, const domain::Adjustment& adjustment,
                                                   const domain::Actor& actor) {
    using Kind = domain::AdjustOutcome::Kind;
    return db_.write([&](soci::session& sql) {
        domain::AdjustOutcome outcome;
        auto sweet = sweet_now(sql, db_.dialect(), sweet_id, true);
        if (!sweet) {
            outcome.kind = Kind::NotFound;
            return outcome;
        }
        // A named batch: `counted` is that batch's count, and a delta must leave it at or above 0.
        std::optional<long long> in_batch;
        if (adjustment.batch) {
            in_batch = batch_units(sql, *adjustment.batch, sweet_id);
            if (!in_batch) {
                outcome.kind = Kind::NoBatch;
                return outcome;
            }
        }
        const long double base = static_cast<long double>(in_batch.value_or(sweet->quantity));
        // Wide enough for any delta the http layer lets through; the bounds below decide.
        const long double counted_or_changed = adjustment.counted
                                                   ? static_cast<long double>(*adjustment.counted)
                                                   : base + static_cast<long double>(adjustment.delta.value_or(0));
        const long double target = static_cast<long double>(sweet->quantity) + (counted_or_changed - base);
        if (counted_or_changed < 0 || target > static_cast<long double>(domain::kMaxQuantity)) {
            outcome.kind = counted_or_changed < 0 ? Kind::Negative : Kind::Overflow;
            outcome.before = in_batch.value_or(sweet->quantity);
            return outcome;
        }
        const auto after = static_cast<long long>(target);
        const long long now = clock_.now();
        const std::string reason(domain::reason_name(adjustment.reason));
        outcome.entry = record(sql, *sweet, after, reason, adjustment.note, actor, now, adjustment.batch);
        outcome.sweet = *sweet;
        append_audit(sql, domain::audit_adjustment(actor, *sweet, outcome.entry.delta, reason, adjustment.note), now);
        return outcome;
    });
}

domain::CountOutcome SqlStockControlStore::count(const std::vector<domain::CountLine>& lines, const std::string& note,
                                                 const domain::Actor& actor, bool dry_run) {
    domain::CountOutcome outcome;
    auto take_stock = [&](soci::session& sql) {
        const long long now = clock_.now();
        std::vector<std::int64_t> unknown;
        for (const auto& line : lines) {
            auto sweet = sweet_now(sql, db_.dialect(), line.sweet_id, !dry_run);
            if (!sweet) {
                unknown.push_back(line.sweet_id);
                continue;
            }
            outcome.lines.push_back({sweet->id, sweet->name, sweet->quantity, line.counted});
            if (!dry_run) record(sql, *sweet, line.counted, "count", note, actor, now);
        }
        if (!unknown.empty()) throw UnknownSweets{std::move(unknown)};
        if (dry_run) return;
        std::vector<domain::AuditCountLine> counted;
        for (const auto& line : outcome.lines)
            counted.push_back({line.sweet_id, line.name, line.expected, line.counted});
        append_audit(sql, domain::audit_stocktake(actor, counted, note), now);
    };
    try {
        if (dry_run)
            db_.snapshot([&](soci::session& sql) { take_stock(sql); });
        else
            db_.write([&](soci::session& sql) { take_stock(sql); });
    } catch (const UnknownSweets& e) {
        domain::CountOutcome refused;
        refused.kind = domain::CountOutcome::Kind::UnknownSweets;
        refused.unknown = e.ids;
        return refused;
    }
    return outcome;
}

std::vector<domain::LedgerEntry> SqlStockControlStore::history(std::int64_t sweet_id,
                                                               std::optional<std::int64_t> before, std::int64_t limit) {
    return db_.read([&](soci::session& sql) {
        std::vector<domain::LedgerEntry> out;
        LedgerRow row;
        const long long key = sweet_id, lim = limit, older_than = before.value_or(0);
        Query q(sql);
        row.bind(q);
        q.use(key, "id").use(lim, "limit");
        if (before) q.use(older_than, "before");
        const std::string text = std::string("SELECT ") + kLedgerEntryColumns +
                                 " FROM stock_ledger WHERE sweet_id = :id" + (before ? " AND id < :before" : "") +
                                 " ORDER BY id DESC LIMIT :limit";
        for (bool found = q.run(text); found; found = q.fetch())
            out.push_back(row.value());
        load_moves(sql, out);
        return out;
    });
}

std::vector<domain::Sweet> SqlStockControlStore::low_stock() {
    return db_.read([&](soci::session& sql) {
        std::vector<domain::Sweet> out;
        SweetRow row;
        Query q(sql);
        row.bind(q);
        const std::string text = std::string("SELECT ") + kSweetColumns + kLowCondition +
                                 " ORDER BY quantity * 1.0 / reorder_level, quantity, id";
        for (bool found = q.run(text); found; found = q.fetch())
            out.push_back(row.value());
        return out;
    });
}

std::vector<domain::StockAlert> SqlStockControlStore::alerts(bool open_only, std::int64_t limit) {
    return db_.read([&](soci::session& sql) {
        std::vector<domain::StockAlert> out;
        domain::StockAlert a;
        long long id = 0, sweet = 0, level = 0, quantity = 0, suggested = 0, opened = 0, closed = 0, delivered = 0;
        soci::indicator closed_ind = soci::i_null, delivered_ind = soci::i_null, batch_ind = soci::i_null,
                        date_ind = soci::i_null;
        long long batch = 0;
        std::string date;
        const long long lim = limit;
        Query q(sql);
        q.into(id).into(sweet).into(a.sweet_name).into(level).into(quantity).into(suggested).into(opened);
        q.into(closed, closed_ind).into(delivered, delivered_ind).into(batch, batch_ind).into(date, date_ind);
        q.use(lim, "limit");
        const std::string text =
            std::string(kAlerts) + (open_only ? " WHERE closed_at_us IS NULL" : "") + " ORDER BY id DESC LIMIT :limit";
        for (bool row = q.run(text); row; row = q.fetch()) {
            a.id = id;
            a.sweet_id = sweet;
            a.reorder_level = level;
            a.quantity = quantity;
            a.suggested = suggested;
            a.opened_at = opened;
            a.closed_at = closed_ind == soci::i_ok ? std::optional<domain::Micros>(closed) : std::nullopt;
            a.delivered_at = delivered_ind == soci::i_ok ? std::optional<domain::Micros>(delivered) : std::nullopt;
            a.batch = batch_ind == soci::i_ok ? std::optional<std::int64_t>(batch) : std::nullopt;
            a.best_before = date_ind == soci::i_ok ? std::optional<std::string>(date) : std::nullopt;
            out.push_back(a);
        }
        return out;
    });
}

std::int64_t SqlStockControlStore::low_stock_count() {
    return db_.read([&](soci::session& sql) {
        long long n = 0;
        Query q(sql);
        q.into(n);
        q.run(std::string("SELECT COUNT(*)") + kLowCondition);
        return static_cast<std::int64_t>(n);
    });
}

bool SqlAlertOutbox::any_due(domain::Micros now, domain::Micros since) {
    return db_.read([&](soci::session& sql) {
        const long long at = now, from = since;
        long long id = 0;
        Query q(sql);
        q.use(at, "now").use(from, "since").into(id);
        return q.run(std::string("SELECT id FROM stock_alerts WHERE ") + kDue + " LIMIT 1");
    });
}

std::optional<domain::StockAlert> SqlAlertOutbox::claim(domain::Micros now, domain::Micros since,
                                                        domain::Micros lease_until, int& attempts) {
    return db_.write([&](soci::session& sql) -> std::optional<domain::StockAlert> {
        const long long at = now, from = since, lease = lease_until;
        long long id = 0, sweet = 0, level = 0, quantity = 0, suggested = 0, opened = 0, closed = 0;
        soci::indicator closed_ind = soci::i_null, batch_ind = soci::i_null, date_ind = soci::i_null;
        long long batch = 0;
        std::string date;
        int tries = 0;
        domain::StockAlert a;
        const bool postgres = db_.dialect() == Dialect::Postgres;
        Query q(sql);
        q.use(at, "now").use(from, "since").use(lease, "lease");
        q.into(id).into(sweet).into(a.sweet_name).into(level).into(quantity).into(suggested).into(opened);
        q.into(closed, closed_ind).into(tries).into(batch, batch_ind).into(date, date_ind);
        const std::string text =
            std::string("UPDATE stock_alerts SET claimed_until_us = :lease, attempts = attempts + 1 WHERE ") + kDue +
            " AND id = (SELECT id FROM stock_alerts WHERE " + kDue + " ORDER BY id LIMIT 1" +
            (postgres ? " FOR UPDATE SKIP LOCKED" : "") +
            ") RETURNING id, sweet_id, sweet_name, reorder_level, quantity, suggested, opened_at_us, closed_at_us, "
            "attempts, batch_id, best_before";
        const bool claimed = q.run(text);
        q.drain();
        if (!claimed) return std::nullopt;
        a.id = id;
        a.sweet_id = sweet;
        a.reorder_level = level;
        a.quantity = quantity;
        a.suggested = suggested;
        a.opened_at = opened;
        if (closed_ind == soci::i_ok) a.closed_at = closed;
        if (batch_ind == soci::i_ok) a.batch = batch;
        if (date_ind == soci::i_ok) a.best_before = date;
        attempts = tries;
        return a;
    });
}

void SqlAlertOutbox::delivered(std::int64_t alert_id, domain::Micros at) {
    db_.write([&](soci::session& sql) {
        const long long id = alert_id, when = at;
        Query q(sql);
        q.use(when, "at").use(id, "id");
        q.run(kDelivered);
    });
}

void SqlAlertOutbox::failed(std::int64_t alert_id, domain::Micros next_attempt, const std::string& error) {
    db_.write([&](soci::session& sql) {
        const long long id = alert_id, next = next_attempt;
        const std::string reason = error.substr(0, 500);
        Query q(sql);
        q.use(next, "next").use(reason, "error").use(id, "id");
        q.run(kFailed);
    });
}

}  // namespace sweetshop::storage
