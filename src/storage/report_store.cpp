#include "storage/report_store.hpp"

#include <limits>
#include <map>
#include <string_view>
#include <type_traits>
#include <vector>

#include "storage/sql_query.hpp"

namespace sweetshop::storage {

using namespace sql;

namespace {
// Sales read from the lines: those of the orders placed in [from, before). `{key}` is what they are grouped by.
constexpr const char* kSales =
    "SELECT {key}, COUNT(DISTINCT o.id), CAST(SUM(l.amount) AS BIGINT), "
    "CAST(SUM(l.total_cents) AS BIGINT), CAST(SUM(COALESCE(l.cost_cents, 0)) AS BIGINT), "
    "CAST(SUM(CASE WHEN l.cost_cents IS NULL THEN l.amount ELSE 0 END) AS BIGINT) "
    "FROM orders o JOIN order_lines l ON l.order_id = o.id "
    "WHERE o.created_at_us >= :from AND o.created_at_us < :before GROUP BY {key}";
// Refunds made in [from, before), valued at their lines' prices and (for those back in stock) costs.
constexpr const char* kRefunds =
    "SELECT {key}, CAST(SUM(rl.amount) AS BIGINT), CAST(SUM(rl.cents) AS BIGINT), CAST(SUM(rl.cost_cents) AS BIGINT) "
    "FROM refunds r JOIN refund_lines rl ON rl.refund_id = r.id "
    "JOIN order_lines l ON l.order_id = r.order_id AND l.sweet_id = rl.sweet_id "
    "WHERE r.at_us >= :from AND r.at_us < :before GROUP BY {key}";
// Both at once from a summary of migration 0008, over its whole units (slots or days) in [from, before).
constexpr const char* kSummary =
    "SELECT {key}, CAST(SUM(orders) AS BIGINT), CAST(SUM(units) AS BIGINT), CAST(SUM(revenue_cents) AS BIGINT), "
    "CAST(SUM(cost_cents) - SUM(refund_cost_cents) AS BIGINT), CAST(SUM(uncosted_units) AS BIGINT), "
    "CAST(SUM(refunded_units) AS BIGINT), CAST(SUM(refunds_cents) AS BIGINT) "
    "FROM {table} WHERE {unit} >= :from AND {unit} < :before GROUP BY {key}";
constexpr const char* kStockValue =
    "SELECT category, COUNT(*), CAST(SUM(quantity) AS BIGINT), "
    "CAST(SUM(CASE WHEN unit = 'gram' THEN (quantity * price_cents + 500) / 1000 ELSE quantity * price_cents END) "
    "AS BIGINT), "
    "CAST(SUM(CASE WHEN cost_cents IS NULL THEN 0 WHEN unit = 'gram' THEN (quantity * cost_cents + 500) / 1000 "
    "ELSE quantity * cost_cents END) AS BIGINT), "
    "CAST(SUM(CASE WHEN cost_cents IS NULL THEN quantity ELSE 0 END) AS BIGINT) FROM sweets GROUP BY category "
    "ORDER BY ";
// The sweets' names now; a sweet deleted since by the name it was last sold under.
constexpr const char* kSweetNames = "SELECT id, name FROM sweets WHERE id IN ";
constexpr const char* kLastSoldName =
    "SELECT sweet_name FROM order_lines WHERE sweet_id = :id ORDER BY order_id DESC LIMIT 1";

constexpr domain::Micros kDayMicros = 24LL * 3600 * 1'000'000;

// PostgreSQL: one summary's rows of shards other than 0 before a unit, moved into shard 0 in one statement.
constexpr const char* kFoldShards =
    "WITH moved AS (DELETE FROM {table} WHERE {unit} < :before AND shard <> 0 RETURNING *) "
    "INSERT INTO {table} AS t ({key}, shard, orders, units, revenue_cents, cost_cents, uncosted_units, "
    "refunded_units, refunds_cents, refund_cost_cents) "
    "SELECT {key}, 0, SUM(orders), SUM(units), SUM(revenue_cents), SUM(cost_cents), SUM(uncosted_units), "
    "SUM(refunded_units), SUM(refunds_cents), SUM(refund_cost_cents) FROM moved GROUP BY {key} "
    "ON CONFLICT ({key}, shard) DO UPDATE SET orders = t.orders + EXCLUDED.orders, units = t.units + EXCLUDED.units, "
    "revenue_cents = t.revenue_cents + EXCLUDED.revenue_cents, cost_cents = t.cost_cents + EXCLUDED.cost_cents, "
    "uncosted_units = t.uncosted_units + EXCLUDED.uncosted_units, "
    "refunded_units = t.refunded_units + EXCLUDED.refunded_units, "
    "refunds_cents = t.refunds_cents + EXCLUDED.refunds_cents, "
    "refund_cost_cents = t.refund_cost_cents + EXCLUDED.refund_cost_cents";

std::string with(std::string text, std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
    for (const auto& [name, value] : values)
        for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at + value.size()))
            text.replace(at, name.size(), value);
    return text;
}

long long floor_div(long long a, long long b) {
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/// A summary of migration 0008: its table, its key and its unit (a column and the unit's length in microseconds).
struct Level {
    std::string_view table, key, unit_column;
    domain::Micros unit;
};

/// What one grouping reads: its key in the sales and the refunds read from the lines, and its summaries, coarsest
/// first (each unit a whole number of the next one's). `keyed` false: one row, the totals (its key is 0).
struct Grouping {
    std::string_view sale_key, refund_key;
    std::vector<Level> levels;
    bool keyed = true;
};
const Grouping kBySlot{
    "o.created_at_us / 900000000", "r.at_us / 900000000", {{"sales_slots", "slot", "slot", domain::kSlotMicros}}};
const Grouping kTotal{"CAST(0 AS BIGINT)",
                      "CAST(0 AS BIGINT)",
                      {{"sales_slots", "CAST(0 AS BIGINT)", "slot", domain::kSlotMicros}},
                      false};
const Grouping kBySweet{"l.sweet_id",
                        "l.sweet_id",
                        {{"sales_sweet_blocks", "sweet_id", "block", 16 * kDayMicros},
                         {"sales_sweet_days", "sweet_id", "day", kDayMicros}}};
const Grouping kByCategory{"l.category", "l.category", {{"sales_category_days", "category", "day", kDayMicros}}};

/// Adds the figures of [from, before) read from the lines to `out`, by the grouping's key.
template <class Key>
void add_from_lines(soci::session& sql, const Grouping& by, long long from, long long before,
                    std::map<Key, domain::SalesFigures>& out) {
    Key key{};
    {
        long long orders = 0, units = 0, revenue = 0, cost = 0, uncosted = 0;
        Query q(sql);
        q.into(key).into(orders).into(units).into(revenue).into(cost).into(uncosted);
        q.use(from, "from").use(before, "before");
        for (bool row = q.run(with(kSales, {{"{key}", by.sale_key}})); row; row = q.fetch()) {
            auto& f = out[key];
            f.orders += orders;
            f.units += units;
            f.revenue_cents += revenue;
            f.cost_cents += cost;
            f.uncosted_units += uncosted;
        }
    }
    long long units = 0, money = 0, cost = 0;
    Query q(sql);
    q.into(key).into(units).into(money).into(cost).use(from, "from").use(before, "before");
    for (bool row = q.run(with(kRefunds, {{"{key}", by.refund_key}})); row; row = q.fetch()) {
        auto& f = out[key];
        f.refunded_units += units;
        f.refunds_cents += money;
        f.cost_cents -= cost;  // back on the shelf
    }
}

/// Adds the figures of the level's units [first, last) read from its summary to `out`, by its key.
template <class Key>
void add_from_summary(soci::session& sql, const Level& level, long long first, long long last,
                      std::map<Key, domain::SalesFigures>& out) {
    Key key{};
    long long orders = 0, units = 0, revenue = 0, cost = 0, uncosted = 0, refunded = 0, refunds = 0;
    Query q(sql);
    q.into(key).into(orders).into(units).into(revenue).into(cost).into(uncosted).into(refunded).into(refunds);
    q.use(first, "from").use(last, "before");
    const auto text = with(kSummary, {{"{key}", level.key}, {"{table}", level.table}, {"{unit}", level.unit_column}});
    for (bool row = q.run(text); row; row = q.fetch())
        out[key] += domain::SalesFigures{orders, units, revenue, refunded, refunds, cost, uncosted};
}

/// The figures of [from, before) by the grouping's key: each level's whole units from its summary, the parts
/// before and after them from the next level, and what no level covers from the lines. A slot's key is its
/// number (the refunds' by their own time).
template <class Key>
std::map<Key, domain::SalesFigures> sales(soci::session& sql, const Grouping& by, long long from, long long before) {
    std::map<Key, domain::SalesFigures> out;
    auto split = [&](auto& self, std::size_t level, long long a, long long b) -> void {
        if (a >= b) return;
        if (level == by.levels.size()) return add_from_lines(sql, by, a, b, out);
        const auto unit = by.levels[level].unit;
        const long long first = floor_div(a + unit - 1, unit), last = floor_div(b, unit);
        if (first >= last) return self(self, level + 1, a, b);
        self(self, level + 1, a, first * unit);
        add_from_summary(sql, by.levels[level], first, last, out);
        self(self, level + 1, last * unit, b);
    };
    split(split, 0, from, before);
    return out;
}

/// Where each of the grouping's summaries, over all time, differs from the lines.
template <class Key>
void check_summaries(soci::session& sql, const Grouping& by, std::vector<domain::SummaryMismatch>& out) {
    constexpr long long kAllTime = std::numeric_limits<long long>::max() / 2;
    std::map<Key, domain::SalesFigures> lines;
    add_from_lines(sql, by, -kAllTime, kAllTime, lines);
    for (const auto& level : by.levels) {
        std::map<Key, domain::SalesFigures> summarised;
        add_from_summary(sql, level, -kAllTime, kAllTime, summarised);
        auto keys = lines;
        for (const auto& [key, f] : summarised)
            keys[key];
        for (const auto& [key, unused] : keys) {
            const auto a = summarised[key], b = lines[key];
            std::string name;
            if constexpr (std::is_same_v<Key, std::string>)
                name = key;
            else if (by.keyed)
                name = std::to_string(key);
            const std::pair<const char*, std::pair<std::int64_t, std::int64_t>> figures[] = {
                {"orders", {a.orders, b.orders}},
                {"units", {a.units, b.units}},
                {"revenue_cents", {a.revenue_cents, b.revenue_cents}},
                {"refunded_units", {a.refunded_units, b.refunded_units}},
                {"refunds_cents", {a.refunds_cents, b.refunds_cents}},
                {"cost_cents", {a.cost_cents, b.cost_cents}},
                {"uncosted_units", {a.uncosted_units, b.uncosted_units}},
            };
            for (const auto& [figure, values] : figures)
                if (values.first != values.second)
                    out.push_back({std::string(level.table), name, figure, values.first, values.second});
        }
    }
}
}  // namespace

std::vector<domain::SummaryMismatch> summary_mismatches(soci::session& sql) {
    std::vector<domain::SummaryMismatch> out;
    check_summaries<long long>(sql, kTotal, out);
    check_summaries<long long>(sql, kBySweet, out);
    check_summaries<std::string>(sql, kByCategory, out);
    return out;
}

domain::SalesFigures SqlReportStore::sales_total(domain::Micros from, domain::Micros before) {
    return db_.snapshot([&](soci::session& sql) {
        domain::SalesFigures total;
        for (const auto& [key, figures] : sales<long long>(sql, kTotal, from, before))
            total += figures;
        return total;
    });
}

std::vector<domain::SalesSlot> SqlReportStore::sales_by_slot(domain::Micros from, domain::Micros before) {
    return db_.snapshot([&](soci::session& sql) {
        std::vector<domain::SalesSlot> out;
        for (const auto& [slot, figures] : sales<long long>(sql, kBySlot, from, before))
            out.push_back({slot * domain::kSlotMicros, figures});
        return out;
    });
}

std::vector<domain::SalesItem> SqlReportStore::sales_by_sweet(domain::Micros from, domain::Micros before) {
    return db_.snapshot([&](soci::session& sql) {
        const auto figures = sales<long long>(sql, kBySweet, from, before);
        std::map<long long, std::string> names;
        if (!figures.empty()) {
            std::string ids;  // ids read from the database: integers, safe to inline
            for (const auto& [id, f] : figures) {
                if (!ids.empty()) ids += ',';
                ids += std::to_string(id);
            }
            long long id = 0;
            std::string name;
            Query q(sql);
            q.into(id).into(name);
            for (bool row = q.run(kSweetNames + ("(" + ids + ")")); row; row = q.fetch())
                names[id] = name;
        }
        std::vector<domain::SalesItem> out;
        for (const auto& [id, f] : figures) {
            auto it = names.find(id);
            std::string name;
            if (it != names.end()) {
                name = it->second;
            } else {
                Query q(sql);
                const long long sweet = id;
                q.into(name).use(sweet, "id");
                q.run(kLastSoldName);
                q.drain();
            }
            out.push_back({id, std::move(name), f});
        }
        return out;
    });
}

std::vector<domain::SalesItem> SqlReportStore::sales_by_category(domain::Micros from, domain::Micros before) {
    return db_.snapshot([&](soci::session& sql) {
        std::vector<domain::SalesItem> out;
        for (auto& [category, figures] : sales<std::string>(sql, kByCategory, from, before))
            out.push_back({0, category, figures});  // std::map: byte order of the category
        return out;
    });
}

long long fold_summary_shards(Database& db, domain::Micros before) {
    if (db.dialect() != Dialect::Postgres) return 0;
    return db.write([&](soci::session& sql) {
        long long folded = 0;
        struct Summary {
            const char *table, *key, *unit;
            domain::Micros length;
        };
        for (const Summary& s : {Summary{"sales_slots", "slot", "slot", domain::kSlotMicros},
                                 Summary{"sales_category_days", "day, category", "day", kDayMicros}}) {
            const long long unit = floor_div(before, s.length);
            soci::statement st =
                (sql.prepare << with(kFoldShards, {{"{table}", s.table}, {"{key}", s.key}, {"{unit}", s.unit}}),
                 soci::use(unit, "before"));
            st.execute(true);
            folded += st.get_affected_rows();
        }
        return folded;
    });
}

std::vector<domain::StockValue> SqlReportStore::stock_value() {
    return db_.read([&](soci::session& sql) {
        std::vector<domain::StockValue> out;
        domain::StockValue v;
        long long sweets = 0, units = 0, price = 0, cost = 0, uncosted = 0;
        Query q(sql);
        q.into(v.category).into(sweets).into(units).into(price).into(cost).into(uncosted);
        const std::string order = db_.dialect() == Dialect::Postgres ? "category COLLATE \"C\"" : "category";
        for (bool row = q.run(kStockValue + order); row; row = q.fetch()) {
            v.sweets = sweets;
            v.units = units;
            v.value_at_price_cents = price;
            v.value_at_cost_cents = cost;
            v.uncosted_units = uncosted;
            out.push_back(v);
        }
        return out;
    });
}

}  // namespace sweetshop::storage
