// Batches in storage: the moves of every change of a quantity, the batch store and verify-stock's batch checks.
#include "storage/batches.hpp"

#include <algorithm>
#include <limits>
#include <map>

#include "storage/audit_store.hpp"
#include "storage/ledger.hpp"

namespace sweetshop::storage {

using namespace sql;

namespace {
// A sweet's batches with units for sale (or past their date, not moved yet), in the order sales take them: dated
// ones by date (their expiry instant), then undated ones; the oldest batch first within a date.
// (Sorted here, not by ORDER BY: a sweet has few batches, and SQLite would build a temporary b-tree per sale.)
constexpr const char* kSelectBatches =
    "SELECT id, units, expires_at_us FROM stock_batches WHERE sweet_id = :sweet AND units > 0";
constexpr const char* kChangeBatch =
    "UPDATE stock_batches SET units = units + :delta WHERE id = :batch RETURNING units, best_before";
constexpr const char* kRecordMove =
    "INSERT INTO stock_moves (ledger_id, batch_id, sweet_id, order_id, delta) "
    "VALUES (:ledger, :batch, :sweet, :order_id, :delta)";
constexpr const char* kRefreshBestBefore =
    "UPDATE sweets SET best_before = "
    "(SELECT MIN(best_before) FROM stock_batches WHERE sweet_id = :sweet AND units > 0) "
    "WHERE id = :sweet RETURNING best_before";
// The batches an order's units of a sweet came from, less what refunds put back already.
constexpr const char* kOrderSources =
    "SELECT m.batch_id, CAST(-SUM(m.delta) AS BIGINT), MAX(b.expires_at_us) FROM stock_moves m "
    "JOIN stock_batches b ON b.id = m.batch_id WHERE m.order_id = :order_id AND m.sweet_id = :sweet "
    "GROUP BY m.batch_id";
constexpr const char* kFindBatch =
    "SELECT id FROM stock_batches WHERE sweet_id = :sweet AND COALESCE(best_before, '') = :date AND lot = :lot";
constexpr const char* kInsertBatch =
    "INSERT INTO stock_batches (sweet_id, best_before, lot, expires_at_us, unit_cost_cents, received_at_us) "
    "VALUES (:sweet, :date, :lot, :expires, (SELECT cost_cents FROM sweets WHERE id = :sweet), :now) RETURNING id";
constexpr const char* kBatchColumns =
    "b.id, b.sweet_id, s.name, b.best_before, b.lot, b.units, b.expired_units, b.wasted_units, b.unit_cost_cents, "
    "b.received_at_us, b.expired_at_us, s.unit";

/// A batch as the lists read it: "SELECT " kBatchColumns " FROM stock_batches b JOIN sweets s ON s.id = b.sweet_id".
struct BatchRow {
    long long id = 0, sweet = 0, units = 0, expired = 0, wasted = 0, cost = 0, received = 0, expired_at = 0;
    std::string name, date, lot, unit;
    soci::indicator date_ind = soci::i_null, cost_ind = soci::i_null, expired_ind = soci::i_null;
    void bind(Query& q) {
        q.into(id).into(sweet).into(name).into(date, date_ind).into(lot).into(units).into(expired).into(wasted);
        q.into(cost, cost_ind).into(received).into(expired_at, expired_ind).into(unit);
    }
    domain::Batch value() const {
        domain::Batch b;
        b.id = id;
        b.sweet_id = sweet;
        b.sweet_name = name;
        if (date_ind == soci::i_ok) b.best_before = domain::parse_local_date(date);
        b.lot = lot;
        b.units = units;
        b.expired_units = expired;
        b.wasted_units = wasted;
        if (cost_ind == soci::i_ok) b.unit_cost_cents = cost;
        b.received_at = received;
        if (expired_ind == soci::i_ok) b.expired_at = expired_at;
        b.unit = domain::parse_unit(unit).value_or(domain::Unit::Piece);
        return b;
    }
};

/// The order sales take batches in: dated ones by their expiry (the earliest first; by instant or by date alike),
/// then undated ones, the oldest batch first among equals. A refund puts units back in the reverse order.
template <class When>
bool sold_before(const std::optional<When>& a, long long a_id, const std::optional<When>& b, long long b_id) {
    if (a.has_value() != b.has_value()) return a.has_value();  // undated last
    if (a != b) return *a < *b;
    return a_id < b_id;
}

struct Found {
    long long id = 0, units = 0;
    std::optional<long long> expires;
};

/// The sweet's batches with units, in the order sales take them.
std::vector<Found> batches_with_units(BatchStatements& st, long long sweet_id) {
    std::vector<Found> out;
    st.sweet = sweet_id;
    for (bool row = st.select.execute(); row; row = st.select.fetch())
        out.push_back({st.batch, st.units, st.expires_ind == soci::i_ok ? std::optional(st.expires) : std::nullopt});
    if (out.size() > 1)
        std::sort(out.begin(), out.end(),
                  [](const Found& a, const Found& b) { return sold_before(a.expires, a.id, b.expires, b.id); });
    return out;
}

/// Changes one batch and records the move; true when it went from empty to not or back and is dated (the sweet's
/// earliest date may have changed).
bool change_batch(BatchStatements& st, long long batch, long long delta) {
    st.batch = batch;
    st.delta = delta;
    st.change.execute();
    st.change.drain();
    const long long after = st.units;
    const bool dated = st.date_ind == soci::i_ok;
    st.record.execute();
    return dated && (after == 0 || after == delta);
}
}  // namespace

BatchStatements::BatchStatements(soci::session& sql) : select(sql), change(sql), record(sql), best(sql) {
    select.use(sweet, "sweet").into(batch).into(units).into(expires, expires_ind);
    select.prepare(kSelectBatches);
    change.use(delta, "delta").use(batch, "batch").into(units).into(date, date_ind);
    change.prepare(kChangeBatch);
    record.use(ledger, "ledger").use(batch, "batch").use(sweet, "sweet").use(order, order_ind, "order_id");
    record.use(delta, "delta");
    record.prepare(kRecordMove);
    best.use(sweet, "sweet").into(date, date_ind);
    best.prepare(kRefreshBestBefore);
}

BatchResult move_batches(soci::session& sql, long long sweet_id, long long ledger_id, long long delta,
                         long long quantity_after, long long now, const BatchChoice& choice,
                         BatchStatements* statements, std::optional<long long> batched_before) {
    BatchResult result;
    if (delta == 0) return result;
    // The common case costs nothing: units added without a batch (nor a refund's order) are undated, and a sweet with
    // no units in batch rows takes what it gives from its undated stock.
    if (delta > 0 && !choice.batch && choice.order_id == 0) return result;
    if (delta < 0 && !choice.batch) {
        if (!batched_before) {
            long long batched = 0;
            Query q(sql);
            q.use(sweet_id, "id").into(batched);
            q.run("SELECT batched_units FROM sweets WHERE id = :id");
            batched_before = batched;
        }
        if (*batched_before == 0) return result;
    }
    std::optional<BatchStatements> own;
    if (!statements) statements = &own.emplace(sql);
    auto& st = *statements;
    st.sweet = sweet_id;
    st.ledger = ledger_id;
    st.order = choice.order_id;
    st.order_ind = choice.order_id > 0 ? soci::i_ok : soci::i_null;
    bool refresh = false;
    long long batched_delta = 0;
    auto apply = [&](long long batch, long long d) {
        refresh = change_batch(st, batch, d) || refresh;
        st.sweet = sweet_id;
        batched_delta += d;
    };

    if (delta < 0) {
        long long need = -delta;
        const auto found = batches_with_units(st, sweet_id);
        long long in_rows = 0;
        for (const auto& f : found)
            in_rows += f.units;
        // What the quantity held before the change beyond its batch rows: the undated stock.
        const long long undated = std::max(0LL, quantity_after - delta - in_rows);
        auto expired = [&](const Found& f) { return f.expires && *f.expires <= now; };
        std::vector<std::pair<long long, long long>> takes;
        auto take = [&](const Found& f) {
            if (need == 0) return;
            const long long k = std::min(need, f.units);
            takes.emplace_back(f.id, k);
            need -= k;
        };
        // The named batch, those for sale by date (undated rows last), the undated stock, then (not for a sale)
        // those past their date.
        if (choice.batch)
            for (const auto& f : found)
                if (f.id == *choice.batch) take(f);
        for (const auto& f : found)
            if (!expired(f) && f.id != choice.batch.value_or(0)) take(f);
        need -= std::min(need, undated);
        if (need > 0 && choice.sellable_only) {
            if (std::any_of(found.begin(), found.end(), expired)) throw ExpiredStock{};
            throw std::logic_error("sweet " + std::to_string(sweet_id) + " sold more than it has");
        }
        if (!choice.sellable_only)
            for (const auto& f : found)
                if (expired(f) && f.id != choice.batch.value_or(0)) take(f);
        for (const auto& [batch, k] : takes)
            apply(batch, -k);
    } else {
        long long left = delta;
        std::vector<std::pair<long long, long long>> targets;  // batch, room
        if (choice.batch) targets.emplace_back(*choice.batch, delta);
        if (!choice.batch && choice.order_id > 0) {
            std::vector<Found> sources;  // units: what the order took and has not had back
            long long id = 0, units = 0, expires = 0;
            soci::indicator expires_ind = soci::i_null;
            const long long order_id = choice.order_id;
            Query q(sql);
            q.use(order_id, "order_id").use(sweet_id, "sweet").into(id).into(units).into(expires, expires_ind);
            for (bool row = q.run(kOrderSources); row; row = q.fetch())
                if (units > 0)
                    sources.push_back({id, units, expires_ind == soci::i_ok ? std::optional(expires) : std::nullopt});
            // The latest expiring first (undated ones never expire), so that units go back on sale where they can.
            std::sort(sources.begin(), sources.end(),
                      [](const Found& a, const Found& b) { return sold_before(b.expires, b.id, a.expires, a.id); });
            for (const auto& s : sources)
                targets.emplace_back(s.id, s.units);
        }
        for (const auto& [batch, room] : targets) {  // the rest (no source: a sale from undated stock) is undated
            if (left == 0) break;
            const long long k = std::min(left, room);
            apply(batch, k);
            left -= k;
        }
    }
    if (batched_delta != 0) {
        Query q(sql);
        q.use(batched_delta, "delta").use(sweet_id, "id");
        q.run("UPDATE sweets SET batched_units = batched_units + :delta WHERE id = :id");
    }
    if (refresh) {
        st.sweet = sweet_id;
        st.best.execute();
        st.best.drain();
        result.best_before_changed = true;
        if (st.date_ind == soci::i_ok) result.best_before = st.date;
    }
    return result;
}

long long batch_for(soci::session& sql, long long sweet_id, const std::optional<domain::LocalDate>& best_before,
                    domain::Micros expires_at, const std::string& lot, long long now) {
    const std::string date = best_before ? domain::format_local_date(*best_before) : "";
    long long id = 0;
    {
        Query q(sql);
        q.use(sweet_id, "sweet").use(date, "date").use(lot, "lot").into(id);
        if (q.run(kFindBatch)) return id;
    }
    soci::indicator date_ind = best_before ? soci::i_ok : soci::i_null;
    const long long expires = expires_at;
    Query q(sql);
    q.use(sweet_id, "sweet").use(date, date_ind, "date").use(lot, "lot").use(expires, date_ind, "expires");
    q.use(now, "now").into(id);
    q.run(kInsertBatch);
    q.drain();
    return id;
}

std::optional<long long> batch_units(soci::session& sql, long long batch_id, long long sweet_id) {
    long long units = 0;
    Query q(sql);
    q.use(batch_id, "id").use(sweet_id, "sweet").into(units);
    if (!q.run("SELECT units FROM stock_batches WHERE id = :id AND sweet_id = :sweet")) return std::nullopt;
    return units;
}

namespace {
const domain::Actor kExpiry{0, "expiry"};

/// Inside a transaction: moves what is left for sale in `batch_id` out of the quantity, as expired (an 'expired'
/// ledger entry) or, `wasted`, as written off; the sweet is locked first, as every change of its batches does.
/// Returns the units moved (0 when nothing was left or, expiring, it is not due).
long long take_out(soci::session& sql, Dialect dialect, long long batch_id, long long now, bool wasted,
                   const domain::Actor& actor, const std::string& note) {
    long long sweet_id = 0;
    {
        Query q(sql);
        q.use(batch_id, "id").into(sweet_id);
        if (!q.run("SELECT sweet_id FROM stock_batches WHERE id = :id")) return 0;
    }
    auto sweet = sweet_now(sql, dialect, sweet_id, true);
    if (!sweet) return 0;
    long long units = 0, expires = 0;
    soci::indicator expires_ind = soci::i_null;
    {
        Query q(sql);
        q.use(batch_id, "id").into(units).into(expires, expires_ind);
        q.run(std::string("SELECT units, expires_at_us FROM stock_batches WHERE id = :id") + for_update(dialect));
    }
    if (units == 0 || (!wasted && (expires_ind != soci::i_ok || expires > now))) return 0;
    const long long after = sweet->quantity - units;
    {
        Query q(sql);
        q.use(after, "q").use(now, "now").use(sweet_id, "id");
        q.run("UPDATE sweets SET quantity = :q, updated_at_us = :now WHERE id = :id");
    }
    append_ledger(sql, sweet_id, sweet->name, actor, "expired", -units, after, now, 0, note, BatchChoice{batch_id});
    Query q(sql);
    q.use(units, "units").use(batch_id, "id");
    if (wasted) {
        q.run("UPDATE stock_batches SET wasted_units = wasted_units + :units WHERE id = :id");
    } else {
        q.use(now, "now");
        q.run("UPDATE stock_batches SET expired_units = expired_units + :units, expired_at_us = :now WHERE id = :id");
    }
    return units;
}

/// Batches with units for sale past their date at `now`.
std::vector<long long> due_batches(soci::session& sql, long long now) {
    std::vector<long long> out;
    long long id = 0;
    Query q(sql);
    q.use(now, "now").into(id);
    for (bool row = q.run("SELECT id FROM stock_batches WHERE units > 0 AND expires_at_us <= :now ORDER BY id"); row;
         row = q.fetch())
        out.push_back(id);
    return out;
}
}  // namespace

int expire_due(Database& db, domain::Micros now) {
    const auto due = db.read([&](soci::session& sql) { return due_batches(sql, now); });
    int moved = 0;
    for (const long long batch : due)  // one transaction each: a sale waits for one batch at most
        moved += db.write([&](soci::session& sql) {
            return take_out(sql, db.dialect(), batch, now, false, kExpiry, "Past its best-before date") > 0 ? 1 : 0;
        });
    return moved;
}

int refresh_expiry_instants(Database& db, const domain::ShopTimeZone& zone) {
    return db.write([&](soci::session& sql) {
        std::vector<std::string> dates;
        {
            std::string date;
            Query q(sql);
            q.into(date);
            for (bool row = q.run("SELECT DISTINCT best_before FROM stock_batches "
                                  "WHERE best_before IS NOT NULL AND units > 0");
                 row; row = q.fetch())
                dates.push_back(date);
        }
        int changed = 0;
        for (const auto& date : dates) {
            const auto day = domain::parse_local_date(date);
            if (!day) continue;
            const long long expires = domain::expiry_instant(zone, *day);
            Query q(sql);
            q.use(expires, "expires").use(date, "date");
            q.run(
                "UPDATE stock_batches SET expires_at_us = :expires WHERE best_before = :date "
                "AND expires_at_us <> :expires");
            changed += static_cast<int>(q.affected());
        }
        return changed;
    });
}

std::vector<domain::BatchMismatch> batch_mismatches(soci::session& sql) {
    std::vector<domain::BatchMismatch> out;
    std::map<long long, long long> moved;  // by batch
    {
        long long batch = 0, sum = 0;
        Query q(sql);
        q.into(batch).into(sum);
        for (bool row = q.run("SELECT batch_id, CAST(SUM(delta) AS BIGINT) FROM stock_moves GROUP BY batch_id"); row;
             row = q.fetch())
            moved[batch] = sum;
    }
    std::map<long long, long long> units_by_sweet;
    {
        long long id = 0, sweet = 0, units = 0;
        Query q(sql);
        q.into(id).into(sweet).into(units);
        for (bool row = q.run("SELECT id, sweet_id, units FROM stock_batches ORDER BY id"); row; row = q.fetch()) {
            units_by_sweet[sweet] += units;
            const auto it = moved.find(id);
            const long long from_moves = it == moved.end() ? 0 : it->second;
            if (from_moves != units) out.push_back({"batch", id, sweet, units, from_moves});
        }
    }
    {
        // Each sweet's batched_units are its rows' units for sale, and at most its quantity (the rest is undated).
        long long id = 0, quantity = 0, batched = 0;
        Query q(sql);
        q.into(id).into(quantity).into(batched);
        for (bool row = q.run("SELECT id, quantity, batched_units FROM sweets ORDER BY id"); row; row = q.fetch()) {
            const auto it = units_by_sweet.find(id);
            const long long in_rows = it == units_by_sweet.end() ? 0 : it->second;
            if (in_rows != batched || batched > quantity) out.push_back({"sweet", id, id, quantity, in_rows});
        }
    }
    {
        // An entry's moves change the quantity the way the entry does, by no more than it.
        long long id = 0, sweet = 0, delta = 0, sum = 0;
        Query q(sql);
        q.into(id).into(sweet).into(delta).into(sum);
        for (bool row = q.run("SELECT l.id, l.sweet_id, l.delta, CAST(SUM(m.delta) AS BIGINT) FROM stock_moves m "
                              "JOIN stock_ledger l ON l.id = m.ledger_id GROUP BY l.id, l.sweet_id, l.delta "
                              "HAVING (l.delta >= 0 AND (SUM(m.delta) < 0 OR SUM(m.delta) > l.delta)) "
                              "OR (l.delta < 0 AND (SUM(m.delta) > 0 OR SUM(m.delta) < l.delta)) ORDER BY l.id");
             row; row = q.fetch())
            out.push_back({"entry", id, sweet, delta, sum});
    }
    return out;
}

void load_moves(soci::session& sql, std::vector<domain::LedgerEntry>& entries) {
    if (entries.empty()) return;
    std::string ids;  // ledger ids read from the database: integers, safe to inline
    for (const auto& e : entries) {
        if (!ids.empty()) ids += ',';
        ids += std::to_string(e.id);
    }
    long long ledger = 0, batch = 0, delta = 0;
    std::string date, lot;
    soci::indicator date_ind = soci::i_null;
    Query q(sql);
    q.into(ledger).into(batch).into(date, date_ind).into(lot).into(delta);
    for (bool row = q.run("SELECT m.ledger_id, m.batch_id, b.best_before, b.lot, m.delta FROM stock_moves m "
                          "JOIN stock_batches b ON b.id = m.batch_id WHERE m.ledger_id IN (" +
                          ids + ") ORDER BY m.ledger_id, m.batch_id");
         row; row = q.fetch()) {
        auto it = std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.id == ledger; });
        if (it == entries.end()) continue;
        it->batches.push_back(
            {batch, date_ind == soci::i_ok ? domain::parse_local_date(date) : std::nullopt, lot, delta});
    }  // What no batch row took or gave was the undated stock's (batch 0).
    for (auto& e : entries) {
        long long in_rows = 0;
        for (const auto& m : e.batches)
            in_rows += m.delta;
        if (e.delta - in_rows != 0) e.batches.push_back({0, std::nullopt, {}, e.delta - in_rows});
    }
}

namespace {
/// The batch rows with units left (for sale or expired) that `where` (its conditions on b and s, with :key, and an
/// ORDER BY if any) picks.
template <class Key>
std::vector<domain::Batch> batch_rows(soci::session& sql, const std::string& where, const Key& key) {
    std::vector<domain::Batch> out;
    BatchRow row;
    Query q(sql);
    row.bind(q);
    q.use(key, "key");
    for (bool r = q.run(std::string("SELECT ") + kBatchColumns +
                        " FROM stock_batches b JOIN sweets s ON s.id = b.sweet_id WHERE (b.units > 0 OR "
                        "b.expired_units > 0) AND " +
                        where);
         r; r = q.fetch())
        out.push_back(row.value());
    return out;
}
}  // namespace

std::optional<std::vector<domain::Batch>> SqlBatchStore::batches(std::int64_t sweet_id) {
    return db_.snapshot([&](soci::session& sql) -> std::optional<std::vector<domain::Batch>> {
        const long long id = sweet_id;
        domain::Batch undated;  // the units of no row: id 0
        {
            long long quantity = 0, batched = 0, cost = 0;
            soci::indicator cost_ind = soci::i_null;
            std::string unit;
            Query q(sql);
            q.use(id, "id").into(undated.sweet_name).into(quantity).into(batched).into(cost, cost_ind).into(unit);
            if (!q.run("SELECT name, quantity, batched_units, cost_cents, unit FROM sweets WHERE id = :id"))
                return std::nullopt;
            undated.sweet_id = id;
            undated.units = quantity - batched;
            if (cost_ind == soci::i_ok) undated.unit_cost_cents = cost;
            undated.unit = domain::parse_unit(unit).value_or(domain::Unit::Piece);
        }
        auto out = batch_rows(sql, "b.sweet_id = :key", id);
        std::sort(out.begin(), out.end(), [](const domain::Batch& a, const domain::Batch& b) {
            return sold_before(a.best_before, a.id, b.best_before, b.id);
        });
        if (undated.units > 0) out.push_back(undated);  // sold last, as it never expires
        return out;
    });
}

std::vector<domain::Batch> SqlBatchStore::expiring(const domain::LocalDate& through) {
    return db_.read([&](soci::session& sql) {
        return batch_rows(sql,
                          "b.best_before IS NOT NULL AND b.best_before <= :key ORDER BY b.best_before, s.name, b.id",
                          domain::format_local_date(through));
    });
}

domain::WriteOffOutcome SqlBatchStore::write_off(std::int64_t batch_id, const std::string& note,
                                                 const domain::Actor& actor) {
    using Kind = domain::WriteOffOutcome::Kind;
    return db_.write([&](soci::session& sql) {
        domain::WriteOffOutcome outcome;
        const long long id = batch_id, now = clock_.now();
        std::string text = "Written off";
        if (!note.empty()) text.append(": ").append(note);
        const auto for_sale = take_out(sql, db_.dialect(), id, now, true, actor, text);
        BatchRow row;
        {
            Query q(sql);
            row.bind(q);
            q.use(id, "id");
            if (!q.run(std::string("SELECT ") + kBatchColumns +
                       " FROM stock_batches b JOIN sweets s ON s.id = b.sweet_id WHERE b.id = :id")) {
                outcome.kind = Kind::NotFound;
                return outcome;
            }
        }
        const long long expired = row.expired;
        const long long units = for_sale + expired;
        if (units == 0) {
            outcome.kind = Kind::Empty;
            return outcome;
        }
        {
            Query q(sql);
            q.use(expired, "expired").use(id, "id");
            q.run("UPDATE stock_batches SET expired_units = 0, wasted_units = wasted_units + :expired WHERE id = :id");
        }
        auto batch = row.value();
        batch.wasted_units += expired;
        batch.expired_units = 0;
        outcome.units = units;
        outcome.value_cents = batch.value_of(units);
        outcome.batch = batch;
        {
            const long long sweet = batch.sweet_id, actor_id = actor.id;
            const std::string date = batch.best_before ? domain::format_local_date(*batch.best_before) : "";
            soci::indicator date_ind = batch.best_before ? soci::i_ok : soci::i_null;
            soci::indicator actor_ind = actor.id > 0 ? soci::i_ok : soci::i_null;
            long long value = outcome.value_cents.value_or(0);
            soci::indicator value_ind = outcome.value_cents ? soci::i_ok : soci::i_null;
            Query q(sql);
            q.use(id, "batch").use(sweet, "sweet").use(batch.sweet_name, "name").use(date, date_ind, "date");
            q.use(batch.lot, "lot").use(units, "units").use(value, value_ind, "value");
            q.use(actor_id, actor_ind, "actor_id").use(actor.username, "actor").use(note, "note").use(now, "now");
            q.run(
                "INSERT INTO stock_write_offs (batch_id, sweet_id, sweet_name, best_before, lot, units, value_cents, "
                "actor_id, actor, note, at_us) VALUES (:batch, :sweet, :name, :date, :lot, :units, :value, "
                ":actor_id, :actor, :note, :now)");
        }
        {  // its expiry alert, if any, is dealt with
            Query q(sql);
            q.use(now, "now").use(id, "id");
            q.run(
                "UPDATE stock_alerts SET closed_at_us = :now WHERE kind = 'expiry' AND batch_id = :id "
                "AND closed_at_us IS NULL");
        }
        append_audit(
            sql, domain::audit_write_off(actor, batch.sweet_id, batch.sweet_name, id, units, outcome.value_cents, note),
            now);
        return outcome;
    });
}

int SqlBatchStore::expire_due(domain::Micros now) {
    return storage::expire_due(db_, now);
}

int SqlBatchStore::warn_expiring(domain::Micros now, domain::Micros until) {
    const auto batches = db_.read([&](soci::session& sql) {
        std::vector<long long> out;
        long long id = 0;
        const long long before = until;
        Query q(sql);
        q.use(before, "until").use(now, "now").into(id);
        for (bool row = q.run("SELECT id FROM stock_batches WHERE units > 0 AND expires_at_us <= :until "
                              "AND expires_at_us > :now AND warned_at_us IS NULL ORDER BY id");
             row; row = q.fetch())
            out.push_back(id);
        return out;
    });
    int opened = 0;
    for (const long long batch : batches)
        opened += db_.write([&](soci::session& sql) {
            const long long id = batch, at = now;
            Query claim(sql);  // once across servers: the first to mark the batch opens its alert
            claim.use(at, "now").use(id, "id");
            claim.run("UPDATE stock_batches SET warned_at_us = :now WHERE id = :id AND warned_at_us IS NULL");
            if (claim.affected() != 1) return 0;
            Query q(sql);
            q.use(id, "id").use(at, "now");
            q.run(
                "INSERT INTO stock_alerts (sweet_id, sweet_name, reorder_level, quantity, suggested, opened_at_us, "
                "kind, batch_id, best_before) SELECT b.sweet_id, s.name, 0, b.units, 0, :now, 'expiry', b.id, "
                "b.best_before FROM stock_batches b JOIN sweets s ON s.id = b.sweet_id WHERE b.id = :id");
            return 1;
        });
    return opened;
}

}  // namespace sweetshop::storage
