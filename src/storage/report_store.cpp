#include "storage/report_store.hpp"

#include <map>

#include "storage/sql_query.hpp"

namespace sweetshop::storage {

using namespace sql;

namespace {
// Sales: the lines of the orders placed in the period. `{key}` is what they are grouped by.
constexpr const char* kSales =
    "SELECT {key}, COUNT(DISTINCT o.id), CAST(SUM(l.amount) AS BIGINT), "
    "CAST(SUM(l.amount * l.unit_price_cents) AS BIGINT), "
    "CAST(SUM(CASE WHEN l.unit_cost_cents IS NULL THEN 0 ELSE l.amount * l.unit_cost_cents END) AS BIGINT), "
    "CAST(SUM(CASE WHEN l.unit_cost_cents IS NULL THEN l.amount ELSE 0 END) AS BIGINT) "
    "FROM orders o JOIN order_lines l ON l.order_id = o.id {join}"
    "WHERE o.created_at_us >= :from AND o.created_at_us < :before GROUP BY {group}";
// Refunds made in the period, valued at their lines' prices and (for those back in stock) costs.
constexpr const char* kRefunds =
    "SELECT {key}, CAST(SUM(rl.amount) AS BIGINT), CAST(SUM(rl.amount * l.unit_price_cents) AS BIGINT), "
    "CAST(SUM(CASE WHEN r.restock = 1 AND l.unit_cost_cents IS NOT NULL THEN rl.amount * l.unit_cost_cents "
    "ELSE 0 END) AS BIGINT) "
    "FROM refunds r JOIN refund_lines rl ON rl.refund_id = r.id "
    "JOIN order_lines l ON l.order_id = r.order_id AND l.sweet_id = rl.sweet_id {join}"
    "WHERE r.at_us >= :from AND r.at_us < :before GROUP BY {group}";
constexpr const char* kStockValue =
    "SELECT category, COUNT(*), CAST(SUM(quantity) AS BIGINT), CAST(SUM(quantity * price_cents) AS BIGINT), "
    "CAST(SUM(CASE WHEN cost_cents IS NULL THEN 0 ELSE quantity * cost_cents END) AS BIGINT), "
    "CAST(SUM(CASE WHEN cost_cents IS NULL THEN quantity ELSE 0 END) AS BIGINT) FROM sweets GROUP BY category "
    "ORDER BY ";

std::string with(std::string text, const std::string& key, const std::string& join, const std::string& group) {
    auto put = [&](const std::string& name, const std::string& value) {
        const auto at = text.find(name);
        text.replace(at, name.size(), value);
    };
    put("{key}", key);
    put("{join}", join);
    put("{group}", group);
    return text;
}

/// Runs a sales query (key columns bound by `bind_key`) and a refunds query over the same grouping, and merges
/// them by key.
template <class Key, class BindKey>
std::map<Key, domain::SalesFigures> sales_and_refunds(soci::session& sql, const std::string& sales,
                                                      const std::string& refunds, long long from, long long before,
                                                      BindKey bind_key) {
    std::map<Key, domain::SalesFigures> out;
    {
        Key key{};
        long long orders = 0, units = 0, revenue = 0, cost = 0, uncosted = 0;
        Query q(sql);
        bind_key(q, key);
        q.into(orders).into(units).into(revenue).into(cost).into(uncosted).use(from, "from").use(before, "before");
        for (bool row = q.run(sales); row; row = q.fetch()) {
            auto& f = out[key];
            f.orders += orders;
            f.units += units;
            f.revenue_cents += revenue;
            f.cost_cents += cost;
            f.uncosted_units += uncosted;
        }
    }
    Key key{};
    long long units = 0, money = 0, cost = 0;
    Query q(sql);
    bind_key(q, key);
    q.into(units).into(money).into(cost).use(from, "from").use(before, "before");
    for (bool row = q.run(refunds); row; row = q.fetch()) {
        auto& f = out[key];
        f.refunded_units += units;
        f.refunds_cents += money;
        f.cost_cents -= cost;  // back on the shelf
    }
    return out;
}
}  // namespace

std::vector<domain::SalesSlot> SqlReportStore::sales_by_slot(domain::Micros from, domain::Micros before) {
    return db_.snapshot([&](soci::session& sql) {
        const std::string slot_sales = "o.created_at_us / " + std::to_string(domain::kSlotMicros);
        const std::string slot_refunds = "r.at_us / " + std::to_string(domain::kSlotMicros);
        auto merged = sales_and_refunds<long long>(sql, with(kSales, slot_sales, "", slot_sales),
                                                   with(kRefunds, slot_refunds, "", slot_refunds), from, before,
                                                   [](Query& q, long long& key) { q.into(key); });
        std::vector<domain::SalesSlot> out;
        for (const auto& [slot, figures] : merged)
            out.push_back({slot * domain::kSlotMicros, figures});
        return out;
    });
}

std::vector<domain::SalesItem> SqlReportStore::sales_by(domain::Micros from, domain::Micros before, bool by_category) {
    return db_.snapshot([&](soci::session& sql) {
        std::vector<domain::SalesItem> out;
        if (by_category) {
            const std::string key = "COALESCE(s.category, '')";
            const std::string join = "LEFT JOIN sweets s ON s.id = l.sweet_id ";
            auto merged =
                sales_and_refunds<std::string>(sql, with(kSales, key, join, key), with(kRefunds, key, join, key), from,
                                               before, [](Query& q, std::string& k) { q.into(k); });
            for (auto& [category, figures] : merged)  // std::map: byte order of the category
                out.push_back({0, category, figures});
            return out;
        }
        auto merged = sales_and_refunds<long long>(sql, with(kSales, "l.sweet_id", "", "l.sweet_id"),
                                                   with(kRefunds, "l.sweet_id", "", "l.sweet_id"), from, before,
                                                   [](Query& q, long long& k) { q.into(k); });
        // Each sweet by its name now; a deleted sweet by the name it was last sold under.
        for (const auto& [id, figures] : merged) {
            std::string name;
            const long long sweet = id;
            Query q(sql);
            q.into(name).use(sweet, "id");
            if (!q.run("SELECT name FROM sweets WHERE id = :id")) {
                Query sold(sql);
                sold.into(name).use(sweet, "id");
                sold.run("SELECT sweet_name FROM order_lines WHERE sweet_id = :id ORDER BY order_id DESC LIMIT 1");
                sold.drain();
            }
            out.push_back({id, name, figures});
        }
        return out;
    });
}

std::vector<domain::SalesItem> SqlReportStore::sales_by_sweet(domain::Micros from, domain::Micros before) {
    return sales_by(from, before, false);
}

std::vector<domain::SalesItem> SqlReportStore::sales_by_category(domain::Micros from, domain::Micros before) {
    return sales_by(from, before, true);
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
