#include "storage/sweet_catalogue.hpp"

// The SOCI adapters of the catalogue (find, list, count, write) and of its metrics (the category summary); stock
// changes are in sweet_stock.cpp, idempotency keys in idempotency_store.cpp, the ledger in ledger.cpp.
#include <algorithm>

#include "domain/text.hpp"
#include "storage/audit_store.hpp"
#include "storage/ledger.hpp"
#include "storage/sql_query.hpp"

namespace sweetshop::storage {

using namespace sql;

namespace {
using domain::Micros;

// Named SQL of the catalogue.
constexpr const char* kInsertSweet =
    "INSERT INTO sweets (name, name_folded, category, category_folded, description, price_cents, quantity, "
    "created_by_id, created_by, created_at_us, updated_at_us, reorder_level, reorder_quantity, cost_cents, active) "
    "VALUES (:name, :name_folded, :category, :category_folded, :description, :price, :quantity, :actor_id, :actor, "
    ":now, :now, :level, :reorder, :cost, :active) ON CONFLICT (name) DO NOTHING RETURNING id";
constexpr const char* kUpdateSweet =
    "UPDATE sweets SET name = :name, name_folded = :name_folded, category = :category, "
    "category_folded = :category_folded, description = :description, price_cents = :price, quantity = :quantity, "
    "updated_at_us = :now, reorder_level = :level, reorder_quantity = :reorder, cost_cents = :cost, "
    "active = :active WHERE id = :id";

/// The stock-control fields of a sweet, bound for a write.
struct ControlParams {
    long long level = 0, reorder = 0, cost = 0;
    int active = 1;
    soci::indicator cost_ind = soci::i_null;
    explicit ControlParams(const domain::Sweet& s)
        : level(s.reorder_level),
          reorder(s.reorder_quantity),
          cost(s.cost_cents.value_or(0)),
          active(s.active ? 1 : 0),
          cost_ind(s.cost_cents ? soci::i_ok : soci::i_null) {}
    void bind(Query& q) {
        q.use(level, "level").use(reorder, "reorder").use(cost, cost_ind, "cost").use(active, "active");
    }
};

/// `changes` applied to `sweet` (the fields present).
void apply(const domain::SweetChanges& changes, domain::Sweet& sweet) {
    if (changes.name) sweet.name = *changes.name;
    if (changes.category) sweet.category = *changes.category;
    if (changes.description) sweet.description = *changes.description;
    if (changes.price_cents) sweet.price_cents = *changes.price_cents;
    if (changes.quantity) sweet.quantity = *changes.quantity;
    if (changes.reorder_level) sweet.reorder_level = *changes.reorder_level;
    if (changes.reorder_quantity) sweet.reorder_quantity = *changes.reorder_quantity;
    if (changes.cost_cents) sweet.cost_cents = *changes.cost_cents;
    if (changes.active) sweet.active = *changes.active;
}
constexpr const char* kNameTaken = "SELECT id FROM sweets WHERE name = :name AND id <> :except";
constexpr const char* kDeleteSweet = "DELETE FROM sweets WHERE id = :id RETURNING name, quantity";
constexpr const char* kCategorySummary =
    "SELECT category, COUNT(*), CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM sweets GROUP BY category ORDER BY ";

std::string select_sweet(Dialect dialect, bool for_change) {
    return std::string("SELECT ") + kSweetColumns + " FROM sweets WHERE id = :id" +
           (for_change ? for_update(dialect) : "");
}

std::string like_pattern(const std::string& folded) {
    std::string out = "%";
    for (char c : folded) {
        if (c == '\\' || c == '%' || c == '_') out += '\\';
        out += c;
    }
    out += '%';
    return out;
}

/// The bound values of the filters in use (see list_sql).
struct FilterParams {
    const domain::SweetFilter& filter;
    std::string name, category;
    long long lo = 0, hi = 0;
    int active = 1;
    explicit FilterParams(const domain::SweetFilter& f)
        : filter(f),
          name(like_pattern(f.name)),
          category(like_pattern(f.category)),
          lo(f.min_cents.value_or(0)),
          hi(f.max_cents.value_or(0)),
          active(f.active.value_or(true) ? 1 : 0) {}
    void bind(Query& q) const {
        if (!filter.name.empty()) q.use(name, "name");
        if (!filter.category.empty()) q.use(category, "category");
        if (filter.min_cents) q.use(lo, "lo");
        if (filter.max_cents) q.use(hi, "hi");
        if (filter.active) q.use(active, "active");
    }
};

std::string where(const domain::SweetFilter& filter) {
    std::string out;
    auto add = [&](const char* condition) {
        out += out.empty() ? " WHERE " : " AND ";
        out += condition;
    };
    if (!filter.name.empty()) add("name_folded LIKE :name ESCAPE '\\'");
    if (!filter.category.empty()) add("category_folded LIKE :category ESCAPE '\\'");
    if (filter.min_cents) add("price_cents >= :lo");
    if (filter.max_cents) add("price_cents <= :hi");
    if (filter.active) add("active = :active");
    if (filter.stock == domain::StockFilter::Low) add("active = 1 AND reorder_level > 0 AND quantity <= reorder_level");
    if (filter.stock == domain::StockFilter::Out) add("quantity = 0");
    return out;
}

std::string order_by(const std::vector<domain::SortKey>& order, Dialect dialect) {
    std::string out = " ORDER BY ";
    for (const auto& key : order) {
        switch (key.field) {
            case domain::SortField::Name:
                // Byte order of the UTF-8 name on every backend.
                out += dialect == Dialect::Postgres ? "name COLLATE \"C\"" : "name";
                break;
            case domain::SortField::Price:
                out += "price_cents";
                break;
            case domain::SortField::Quantity:
                out += "quantity";
                break;
            case domain::SortField::CreatedAt:
                out += "created_at_us";
                break;
            case domain::SortField::UpdatedAt:
                out += "updated_at_us";
                break;
            case domain::SortField::Category:
                out += dialect == Dialect::Postgres ? "category COLLATE \"C\"" : "category";
                break;
            case domain::SortField::ReorderLevel:
                out += "reorder_level";
                break;
        }
        out += key.descending ? " DESC, " : ", ";
    }
    return out + "id";
}

}  // namespace

ListSql list_sql(const domain::SweetFilter& filter, const std::vector<domain::SortKey>& order, Dialect dialect) {
    // Only the filters in use appear, so that an unfiltered count reads an index and an unfiltered page by name
    // stops after the page (the name's unique index gives the order).
    const auto condition = where(filter);
    return ListSql{"SELECT COUNT(*) FROM sweets" + condition, std::string("SELECT ") + kSweetColumns + " FROM sweets" +
                                                                  condition + order_by(order, dialect) +
                                                                  " LIMIT :limit OFFSET :offset"};
}

std::optional<domain::Sweet> SqlCatalogueStore::find(std::int64_t id) {
    return db_.read([&](soci::session& sql) -> std::optional<domain::Sweet> {
        const long long key = id;
        SweetRow row;
        Query q(sql);
        row.bind(q);
        q.use(key, "id");
        if (!q.run(select_sweet(db_.dialect(), false))) return std::nullopt;
        return row.value();
    });
}

bool SqlCatalogueStore::name_taken(const std::string& name, std::int64_t except_id) {
    return db_.read([&](soci::session& sql) {
        const long long except = except_id;
        long long found = 0;
        Query q(sql);
        q.use(name, "name").use(except, "except").into(found);
        return q.run(kNameTaken);
    });
}

std::int64_t SqlCatalogueStore::count(const domain::SweetFilter& filter) {
    return db_.read([&](soci::session& sql) {
        const FilterParams params(filter);
        long long n = 0;
        Query q(sql);
        params.bind(q);
        q.into(n);
        q.run(list_sql(filter, {}, db_.dialect()).count);
        return static_cast<std::int64_t>(n);
    });
}

std::vector<domain::Sweet> SqlCatalogueStore::list(const domain::SweetFilter& filter,
                                                   const std::vector<domain::SortKey>& order, std::int64_t limit,
                                                   std::int64_t offset) {
    return db_.read([&](soci::session& sql) {
        const FilterParams params(filter);
        const long long lim = limit, off = offset;
        std::vector<domain::Sweet> out;
        SweetRow row;
        Query q(sql);
        row.bind(q);
        params.bind(q);
        q.use(lim, "limit").use(off, "offset");
        if (q.run(list_sql(filter, order, db_.dialect()).page)) {
            do {
                out.push_back(row.value());
            } while (q.fetch());
        }
        return out;
    });
}

std::optional<domain::Sweet> SqlCatalogueStore::insert(const domain::SweetChanges& s, const domain::Actor& actor) {
    return db_.write([&](soci::session& sql) -> std::optional<domain::Sweet> {
        const long long now = clock_.now();
        domain::Sweet sweet;
        sweet.created_by = actor.username;
        sweet.created_at = sweet.updated_at = now;
        apply(s, sweet);
        const long long price = sweet.price_cents, quantity = sweet.quantity, actor_id = actor.id;
        const std::string name_folded = domain::fold_case(sweet.name);
        const std::string category_folded = domain::fold_case(sweet.category);
        ControlParams control(sweet);
        long long id = 0;
        Query q(sql);
        q.use(sweet.name, "name").use(name_folded, "name_folded").use(sweet.category, "category");
        q.use(category_folded, "category_folded").use(sweet.description, "description").use(price, "price");
        q.use(quantity, "quantity").use(actor_id, "actor_id").use(actor.username, "actor").use(now, "now");
        control.bind(q);
        q.into(id);
        const bool inserted = q.run(kInsertSweet);
        q.drain();
        if (!inserted) return std::nullopt;
        sweet.id = id;
        append_ledger(sql, id, sweet.name, actor, "create", quantity, quantity, now);
        append_audit(sql, domain::audit_sweet_created(actor, sweet), now);
        return sweet;
    });
}

SqlCatalogueStore::UpdateStatus SqlCatalogueStore::update(std::int64_t id, const domain::SweetChanges& changes,
                                                          const domain::Actor& actor, domain::Sweet& sweet) {
    return db_.write([&](soci::session& sql) {
        const long long key = id;
        SweetRow row;
        {
            Query q(sql);
            row.bind(q);
            q.use(key, "id");
            const bool found = q.run(select_sweet(db_.dialect(), true));
            if (!found) return UpdateStatus::NotFound;
        }
        auto next = row.value();
        if (changes.name && *changes.name != next.name) {
            long long other = 0;
            Query q(sql);
            q.use(*changes.name, "name").use(key, "except").into(other);
            if (q.run(kNameTaken)) return UpdateStatus::NameTaken;
        }
        apply(changes, next);
        next.updated_at = clock_.now();

        const long long price = next.price_cents, quantity = next.quantity, now = next.updated_at;
        const std::string name_folded = domain::fold_case(next.name);
        const std::string category_folded = domain::fold_case(next.category);
        Query q(sql);
        q.use(next.name, "name").use(name_folded, "name_folded").use(next.category, "category");
        q.use(category_folded, "category_folded").use(next.description, "description").use(price, "price");
        q.use(quantity, "quantity").use(now, "now").use(key, "id");
        ControlParams control(next);
        control.bind(q);
        q.run(kUpdateSweet);
        if (next.quantity != row.quantity)
            append_ledger(sql, key, next.name, actor, "edit", quantity - row.quantity, quantity, now);
        if (auto entry = domain::audit_sweet_edited(actor, row.value(), next)) append_audit(sql, *entry, now);
        sweet = next;
        return UpdateStatus::Updated;
    });
}

bool SqlCatalogueStore::remove(std::int64_t id, const domain::Actor& actor) {
    return db_.write([&](soci::session& sql) {
        const long long key = id;
        std::string name;
        long long quantity = 0;
        Query q(sql);
        q.use(key, "id").into(name).into(quantity);
        const bool deleted = q.run(kDeleteSweet);
        q.drain();
        if (!deleted) return false;
        const long long now = clock_.now();
        append_ledger(sql, key, name, actor, "delete", -quantity, 0, now);
        append_audit(sql, domain::audit_sweet_deleted(actor, id, name, quantity), now);
        return true;
    });
}

std::vector<domain::CategorySummary> SqlCatalogueMetrics::category_summary() {
    return db_.read([&](soci::session& sql) {
        std::vector<domain::CategorySummary> out;
        domain::CategorySummary row;
        long long count = 0, total = 0;
        Query q(sql);
        q.into(row.category).into(count).into(total);
        const std::string order = db_.dialect() == Dialect::Postgres ? "category COLLATE \"C\"" : "category";
        if (q.run(kCategorySummary + order)) {
            do {
                row.sweet_count = count;
                row.total_quantity = total;
                out.push_back(row);
            } while (q.fetch());
        }
        return out;
    });
}

}  // namespace sweetshop::storage
