#include "storage/export_store.hpp"

#include "storage/ledger.hpp"
#include "storage/order_rows.hpp"
#include "storage/sql_query.hpp"

namespace sweetshop::storage {

using namespace sql;

namespace {
/// " AND <column> >= :from AND <column> < :before" for the window's ends in use.
std::string window_sql(const domain::ExportWindow& w, const char* column) {
    std::string out;
    if (w.from) out += std::string(" AND ") + column + " >= :from";
    if (w.before) out += std::string(" AND ") + column + " < :before";
    return out;
}

struct WindowParams {
    long long from, before;
    explicit WindowParams(const domain::ExportWindow& w) : from(w.from), before(w.before) {}
    void bind(Query& q, const domain::ExportWindow& w) const {
        if (w.from) q.use(from, "from");
        if (w.before) q.use(before, "before");
    }
};

/// The next `limit` rows after id `after` in id order, read through `Row` (bind, value) from `select` (its columns
/// and FROM), within the window on `time_column` (none: no window).
template <class Row>
auto rows_after(Database& db, const std::string& select, const char* time_column, std::int64_t after,
                const domain::ExportWindow& window, std::size_t limit) {
    return db.read([&](soci::session& sql) {
        std::vector<decltype(std::declval<Row&>().value())> out;
        Row row;
        const long long key = after, lim = static_cast<long long>(limit);
        const WindowParams params(window);
        Query q(sql);
        row.bind(q);
        q.use(key, "after").use(lim, "limit");
        params.bind(q, window);
        const std::string text = select + " WHERE id > :after" + (time_column ? window_sql(window, time_column) : "") +
                                 " ORDER BY id LIMIT :limit";
        for (bool r = q.run(text); r; r = q.fetch())
            out.push_back(row.value());
        return out;
    });
}
}  // namespace

std::vector<domain::Order> SqlExportStore::orders_after(std::int64_t after, const domain::ExportWindow& window,
                                                        std::size_t limit) {
    return rows_after<OrderRow>(db_, kOrderColumns, "created_at_us", after, window, limit);
}

std::vector<domain::ExportLine> SqlExportStore::lines_after(std::int64_t order, int position,
                                                            const domain::ExportWindow& window, std::size_t limit) {
    return db_.read([&](soci::session& sql) {
        std::vector<domain::ExportLine> out;
        domain::ExportLine e;
        long long id = 0, sweet = 0, price = 0, amount = 0, refunded = 0, cost = 0, at = 0;
        int pos = 0;
        std::string customer;
        soci::indicator cost_ind = soci::i_null, customer_ind = soci::i_null;
        const long long key = order, lim = static_cast<long long>(limit);
        const int after_position = position;
        const WindowParams params(window);
        Query q(sql);
        q.into(id).into(pos).into(at).into(customer, customer_ind).into(sweet).into(e.line.name).into(price);
        std::string unit;
        q.into(amount).into(refunded).into(cost, cost_ind).into(unit);
        q.use(key, "order").use(after_position, "position").use(lim, "limit");
        params.bind(q, window);
        // (order, position) after the last one read: the lines' primary key, read in its order.
        const std::string text =
            "SELECT l.order_id, l.position, o.created_at_us, o.customer, l.sweet_id, l.sweet_name, "
            "l.unit_price_cents, l.amount, l.refunded, l.unit_cost_cents, l.unit FROM order_lines l "
            "JOIN orders o ON o.id = l.order_id WHERE (l.order_id > :order OR (l.order_id = :order AND l.position > "
            ":position))" +
            window_sql(window, "o.created_at_us") + " ORDER BY l.order_id, l.position LIMIT :limit";
        for (bool r = q.run(text); r; r = q.fetch()) {
            e.order = id;
            e.position = pos;
            e.at = at;
            e.customer = customer_ind == soci::i_ok ? std::optional<std::string>(customer) : std::nullopt;
            e.line.sweet_id = sweet;
            e.line.unit_price_cents = price;
            e.line.amount = amount;
            e.line.refunded = refunded;
            e.line.unit_cost_cents = cost_ind == soci::i_ok ? std::optional<std::int64_t>(cost) : std::nullopt;
            e.line.unit = domain::parse_unit(unit).value_or(domain::Unit::Piece);
            out.push_back(e);
        }
        return out;
    });
}

std::vector<domain::LedgerEntry> SqlExportStore::ledger_after(std::int64_t after, const domain::ExportWindow& window,
                                                              std::size_t limit) {
    return rows_after<LedgerRow>(db_, std::string("SELECT ") + kLedgerEntryColumns + " FROM stock_ledger", "at_us",
                                 after, window, limit);
}

std::vector<domain::Sweet> SqlExportStore::sweets_after(std::int64_t after, std::size_t limit) {
    return rows_after<SweetRow>(db_, std::string("SELECT ") + kSweetColumns + " FROM sweets", nullptr, after, {},
                                limit);
}

}  // namespace sweetshop::storage
