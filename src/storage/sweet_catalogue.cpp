#include "storage/sweet_catalogue.hpp"

// The SOCI adapters of the catalogue (find, list, count, write) and of its metrics (the category summary); stock
// changes are in sweet_stock.cpp, idempotency keys in idempotency_store.cpp, the ledger in ledger.cpp.
#include <algorithm>

#include "domain/collation.hpp"
#include "domain/text.hpp"
#include "storage/audit_store.hpp"
#include "storage/ledger.hpp"
#include "storage/photo_store.hpp"
#include "storage/sql_query.hpp"

namespace sweetshop::storage {

using namespace sql;

namespace {
using domain::Micros;

// Named SQL of the catalogue.
constexpr const char* kInsertSweet =
    "INSERT INTO sweets (name, name_folded, category, category_folded, description, price_cents, quantity, "
    "created_by_id, created_by, created_at_us, updated_at_us, reorder_level, reorder_quantity, cost_cents, active, "
    "name_key, search_name, search_category, search_description, sku, barcode, unit) "
    "VALUES (:name, :name_folded, :category, :category_folded, :description, :price, :quantity, :actor_id, :actor, "
    ":now, :now, :level, :reorder, :cost, :active, :name_key, :search_name, :search_category, :search_description, "
    ":sku, :barcode, :unit) ON CONFLICT DO NOTHING RETURNING id";
constexpr const char* kUpdateSweet =
    "UPDATE sweets SET name = :name, name_folded = :name_folded, category = :category, "
    "category_folded = :category_folded, description = :description, price_cents = :price, quantity = :quantity, "
    "updated_at_us = :now, reorder_level = :level, reorder_quantity = :reorder, cost_cents = :cost, "
    "active = :active, name_key = :name_key, search_name = :search_name, search_category = :search_category, "
    "search_description = :search_description, sku = :sku, barcode = :barcode, unit = :unit WHERE id = :id";

/// The stock-control fields and codes of a sweet, bound for a write.
struct ControlParams {
    long long level = 0, reorder = 0, cost = 0;
    int active = 1;
    std::string sku, barcode, unit;
    soci::indicator cost_ind = soci::i_null, sku_ind = soci::i_null, barcode_ind = soci::i_null;
    explicit ControlParams(const domain::Sweet& s)
        : level(s.reorder_level),
          reorder(s.reorder_quantity),
          cost(s.cost_cents.value_or(0)),
          active(s.active ? 1 : 0),
          sku(s.sku.value_or("")),
          barcode(s.barcode.value_or("")),
          unit(domain::unit_name(s.unit)),
          cost_ind(s.cost_cents ? soci::i_ok : soci::i_null),
          sku_ind(s.sku ? soci::i_ok : soci::i_null),
          barcode_ind(s.barcode ? soci::i_ok : soci::i_null) {}
    void bind(Query& q) {
        q.use(level, "level").use(reorder, "reorder").use(cost, cost_ind, "cost").use(active, "active");
        q.use(sku, sku_ind, "sku").use(barcode, barcode_ind, "barcode").use(unit, "unit");
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
    if (changes.sku) sweet.sku = *changes.sku;
    if (changes.barcode) sweet.barcode = *changes.barcode;
    if (changes.unit) sweet.unit = *changes.unit;
}
constexpr const char* kNameTaken = "SELECT id FROM sweets WHERE name = :name AND id <> :except";
/// Rows without their sort key and search words (from before migration 0011, or an import).
constexpr const char* kStaleSearch =
    "SELECT id, name, category, description FROM sweets WHERE name_key = '' ORDER BY id";
constexpr const char* kSetSearch =
    "UPDATE sweets SET name_key = :name_key, search_name = :search_name, search_category = :search_category, "
    "search_description = :search_description WHERE id = :id";
constexpr const char* kDeleteSweet = "DELETE FROM sweets WHERE id = :id RETURNING name, quantity, image";
constexpr const char* kCategorySummary =
    "SELECT category, COUNT(*), CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM sweets GROUP BY category ORDER BY ";

std::string like_pattern(const std::string& folded) {
    std::string out = "%";
    for (char c : folded) {
        if (c == '\\' || c == '%' || c == '_') out += '\\';
        out += c;
    }
    out += '%';
    return out;
}

/// A search's full-text query: every word as a prefix (the words are letters and digits only, search_words).
std::string full_text_query(const std::vector<std::string>& words, Dialect dialect) {
    std::string out;
    for (const auto& w : words) {
        if (dialect == Dialect::Postgres) {
            out.append(out.empty() ? "" : " & ").append(w).append(":*");
        } else {
            out.append(out.empty() ? "\"" : " AND \"").append(w).append("\"*");
        }
    }
    return out;
}

/// The bound values of the filters in use (see list_sql).
struct FilterParams {
    const domain::SweetFilter& filter;
    std::string name, category, search;
    std::vector<std::string> name_words;  ///< "% word%": the name has a word beginning so (relevance)
    std::vector<std::string> word_names;  ///< their placeholders: w0, w1, ...
    long long lo = 0, hi = 0;
    int active = 1;
    FilterParams(const domain::SweetFilter& f, Dialect dialect)
        : filter(f),
          name(like_pattern(f.name)),
          category(like_pattern(f.category)),
          search(full_text_query(f.words, dialect)),
          lo(f.min_cents.value_or(0)),
          hi(f.max_cents.value_or(0)),
          active(f.active.value_or(true) ? 1 : 0) {
        for (const auto& w : f.words) {
            std::string pattern = "% ";
            pattern.append(w).push_back('%');
            name_words.push_back(std::move(pattern));
            std::string placeholder = "w";
            placeholder.append(std::to_string(word_names.size()));
            word_names.push_back(std::move(placeholder));
        }
    }
    /// Binds the filters' values and, when the order asks for relevance, the name words.
    void bind(Query& q, bool relevance = false) const {
        if (!filter.words.empty()) q.use(search, "search");
        if (relevance)
            for (std::size_t i = 0; i < name_words.size(); ++i)
                q.use(name_words[i], word_names[i]);
        if (!filter.name.empty()) q.use(name, "name");
        if (!filter.category.empty()) q.use(category, "category");
        if (filter.min_cents) q.use(lo, "lo");
        if (filter.max_cents) q.use(hi, "hi");
        if (filter.active) q.use(active, "active");
        if (!filter.sku.empty()) q.use(filter.sku, "sku");
        if (!filter.barcode.empty()) q.use(filter.barcode, "barcode");
    }
};

std::string where(const domain::SweetFilter& filter, Dialect dialect) {
    std::string out;
    auto add = [&](const char* condition) {
        out += out.empty() ? " WHERE " : " AND ";
        out += condition;
    };
    if (!filter.words.empty())
        add(dialect == Dialect::Postgres ? "search_vector @@ to_tsquery('simple', :search)"
                                         : "id IN (SELECT rowid FROM sweets_fts WHERE sweets_fts MATCH :search)");
    if (!filter.name.empty()) add("name_folded LIKE :name ESCAPE '\\'");
    if (!filter.category.empty()) add("category_folded LIKE :category ESCAPE '\\'");
    if (filter.min_cents) add("price_cents >= :lo");
    if (filter.max_cents) add("price_cents <= :hi");
    if (filter.active) add("active = :active");
    if (!filter.sku.empty()) add("sku = :sku");
    if (!filter.barcode.empty()) add("barcode = :barcode");
    if (filter.stock == domain::StockFilter::Low) add("active = 1 AND reorder_level > 0 AND quantity <= reorder_level");
    if (filter.stock == domain::StockFilter::Out) add("quantity = 0");
    return out;
}

std::string order_by(const std::vector<domain::SortKey>& order, const domain::SweetFilter& filter, Dialect dialect) {
    std::string out = " ORDER BY ";
    for (const auto& key : order) {
        switch (key.field) {
            case domain::SortField::Name:
                // Byte order of the UTF-8 name on every backend.
                out += dialect == Dialect::Postgres ? "name COLLATE \"C\"" : "name";
                break;
            case domain::SortField::Alphabetical:
                // As people sort names (the ICU key: case, accents and digits), then byte order of the name.
                out += dialect == Dialect::Postgres ? "name_key COLLATE \"C\"" : "name_key";
                out += key.descending ? " DESC, " : ", ";
                out += dialect == Dialect::Postgres ? "name COLLATE \"C\"" : "name";
                break;
            case domain::SortField::Relevance: {
                // First the sweets whose name has every word (the same test on both backends).
                std::string all;
                for (std::size_t i = 0; i < filter.words.size(); ++i)
                    all.append(i ? " AND " : "").append("(' ' || search_name) LIKE :w").append(std::to_string(i));
                out += all.empty() ? "0" : "CASE WHEN " + all + " THEN 0 ELSE 1 END";
                break;
            }
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
    // stops after the page (the name's unique index gives the order; the name key's index, alphabetically).
    const auto condition = where(filter, dialect);
    return ListSql{"SELECT COUNT(*) FROM sweets" + condition, std::string("SELECT ") + kSweetColumns + " FROM sweets" +
                                                                  condition + order_by(order, filter, dialect) +
                                                                  " LIMIT :limit OFFSET :offset"};
}

std::optional<domain::Sweet> SqlCatalogueStore::find(std::int64_t id) {
    return db_.read(
        [&](soci::session& sql) -> std::optional<domain::Sweet> { return sweet_now(sql, db_.dialect(), id, false); });
}

bool SqlCatalogueStore::taken(domain::Unique field, const std::string& value, std::int64_t except_id) {
    const auto holder = find_by(field, value);  // the values are unique: at most one sweet holds it
    return holder && holder->id != except_id;
}

std::int64_t SqlCatalogueStore::count(const domain::SweetFilter& filter) {
    return db_.read([&](soci::session& sql) {
        const FilterParams params(filter, db_.dialect());
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
        const FilterParams params(filter, db_.dialect());
        const long long lim = limit, off = offset;
        std::vector<domain::Sweet> out;
        SweetRow row;
        Query q(sql);
        row.bind(q);
        params.bind(q, std::any_of(order.begin(), order.end(),
                                   [](const auto& k) { return k.field == domain::SortField::Relevance; }));
        q.use(lim, "limit").use(off, "offset");
        if (q.run(list_sql(filter, order, db_.dialect()).page)) {
            do {
                out.push_back(row.value());
            } while (q.fetch());
        }
        return out;
    });
}

namespace {
/// The note of the ledger entries of a catalogue import.
const std::string kImportNote = "CSV import";

/// Inserts a complete sweet in the caller's transaction, its stock in the ledger (`create`, with `note`);
/// std::nullopt when its name, SKU or barcode is taken.
std::optional<domain::Sweet> insert_sweet(soci::session& sql, const domain::SweetChanges& s, const domain::Actor& actor,
                                          long long now, const std::string& note) {
    domain::Sweet sweet;
    sweet.created_by = actor.username;
    sweet.created_at = sweet.updated_at = now;
    apply(s, sweet);
    const long long price = sweet.price_cents, quantity = sweet.quantity, actor_id = actor.id;
    const std::string name_folded = domain::fold_case(sweet.name);
    const std::string category_folded = domain::fold_case(sweet.category);
    ControlParams control(sweet);
    const SearchColumns search(sweet.name, sweet.category, sweet.description);
    long long id = 0;
    Query q(sql);
    q.use(sweet.name, "name").use(name_folded, "name_folded").use(sweet.category, "category");
    q.use(category_folded, "category_folded").use(sweet.description, "description").use(price, "price");
    q.use(quantity, "quantity").use(actor_id, "actor_id").use(actor.username, "actor").use(now, "now");
    control.bind(q);
    search.bind(q);
    q.into(id);
    const bool inserted = q.run(kInsertSweet);
    q.drain();
    if (!inserted) return std::nullopt;
    sweet.id = id;
    append_ledger(sql, id, sweet.name, actor, "create", quantity, quantity, now, 0, note);
    append_audit(sql, domain::audit_sweet_created(actor, sweet), now);
    return sweet;
}

/// Applies `changes` to a sweet in the caller's transaction, a quantity change in the ledger (`edit`, with `note`).
SqlCatalogueStore::UpdateStatus update_sweet(soci::session& sql, Dialect dialect, std::int64_t id,
                                             const domain::SweetChanges& changes, const domain::Actor& actor,
                                             long long now, const std::string& note, domain::Sweet& sweet) {
    const long long key = id;
    const auto before = sweet_now(sql, dialect, key, true);
    if (!before) return SqlCatalogueStore::UpdateStatus::NotFound;
    auto next = *before;
    if (changes.name && *changes.name != next.name) {
        long long other = 0;
        Query q(sql);
        q.use(*changes.name, "name").use(key, "except").into(other);
        if (q.run(kNameTaken)) return SqlCatalogueStore::UpdateStatus::NameTaken;
    }
    apply(changes, next);
    next.updated_at = now;

    const long long price = next.price_cents, quantity = next.quantity;
    const std::string name_folded = domain::fold_case(next.name);
    const std::string category_folded = domain::fold_case(next.category);
    Query q(sql);
    q.use(next.name, "name").use(name_folded, "name_folded").use(next.category, "category");
    q.use(category_folded, "category_folded").use(next.description, "description").use(price, "price");
    q.use(quantity, "quantity").use(now, "now").use(key, "id");
    ControlParams control(next);
    control.bind(q);
    const SearchColumns search(next.name, next.category, next.description);
    search.bind(q);
    q.run(kUpdateSweet);
    if (next.quantity != before->quantity)
        append_ledger(sql, key, next.name, actor, "edit", quantity - before->quantity, quantity, now, 0, note);
    if (auto entry = domain::audit_sweet_edited(actor, *before, next)) append_audit(sql, *entry, now);
    sweet = next;
    return SqlCatalogueStore::UpdateStatus::Updated;
}
}  // namespace

std::optional<domain::Sweet> SqlCatalogueStore::insert(const domain::SweetChanges& s, const domain::Actor& actor) {
    return db_.write([&](soci::session& sql) { return insert_sweet(sql, s, actor, clock_.now(), {}); });
}

SqlCatalogueStore::UpdateStatus SqlCatalogueStore::update(std::int64_t id, const domain::SweetChanges& changes,
                                                          const domain::Actor& actor, domain::Sweet& sweet) {
    return db_.write([&](soci::session& sql) {
        return update_sweet(sql, db_.dialect(), id, changes, actor, clock_.now(), {}, sweet);
    });
}

void SqlCatalogueStore::apply_import(const std::vector<Write>& writes, const domain::Actor& actor) {
    db_.write([&](soci::session& sql) {
        const long long now = clock_.now();
        for (const auto& w : writes) {
            domain::Sweet sweet;
            const bool written = w.id == 0 ? insert_sweet(sql, w.changes, actor, now, kImportNote).has_value()
                                           : update_sweet(sql, db_.dialect(), w.id, w.changes, actor, now, kImportNote,
                                                          sweet) == UpdateStatus::Updated;
            // Throwing rolls the whole import back.
            if (!written)
                throw domain::Error(domain::ErrorCode::Conflict,
                                    "The catalogue changed during the import, so nothing was changed: run the dry "
                                    "run again.");
        }
    });
}

std::optional<domain::Sweet> SqlCatalogueStore::find_by(domain::Unique field, const std::string& value) {
    return db_.read([&](soci::session& sql) -> std::optional<domain::Sweet> {
        SweetRow row;
        Query q(sql);
        row.bind(q);
        q.use(value, "value");
        const char* column = field == domain::Unique::Name ? "name" : field == domain::Unique::Sku ? "sku" : "barcode";
        if (!q.run(std::string("SELECT ") + kSweetColumns + " FROM sweets WHERE " + column + " = :value"))
            return std::nullopt;
        return row.value();
    });
}

bool SqlCatalogueStore::remove(std::int64_t id, const domain::Actor& actor) {
    return db_.write([&](soci::session& sql) {
        const long long key = id;
        std::string name, image;
        long long quantity = 0;
        soci::indicator image_ind = soci::i_null;
        Query q(sql);
        q.use(key, "id").into(name).into(quantity).into(image, image_ind);
        const bool deleted = q.run(kDeleteSweet);
        q.drain();
        if (!deleted) return false;
        if (image_ind == soci::i_ok) forget_unused_photo(sql, image);
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

SearchColumns::SearchColumns(const std::string& name, const std::string& category, const std::string& description)
    : name_key(domain::sort_key(name)),
      search_name(domain::search_text(name)),
      search_category(domain::search_text(category)),
      search_description(domain::search_text(description)) {}

void SearchColumns::bind(Query& q) const {
    q.use(name_key, "name_key").use(search_name, "search_name").use(search_category, "search_category");
    q.use(search_description, "search_description");
}

int backfill_search(Database& db) {
    struct Row {
        long long id = 0;
        std::string name, category, description;
    };
    const bool postgres = db.dialect() == Dialect::Postgres;
    return db.write([&](soci::session& sql) {
        std::vector<Row> rows;
        {
            Row row;
            Query q(sql);
            q.into(row.id).into(row.name).into(row.category).into(row.description);
            for (bool more = q.run(kStaleSearch); more; more = q.fetch())
                rows.push_back(row);
        }
        for (const auto& row : rows) {
            const SearchColumns columns(row.name, row.category, row.description);
            Query q(sql);
            columns.bind(q);
            q.use(row.id, "id");
            q.run(kSetSearch);
        }
        // SQLite: the full-text index is rebuilt from the rows (the triggers saw the old, unindexed words).
        if (!rows.empty() && !postgres) sql << "INSERT INTO sweets_fts (sweets_fts) VALUES ('rebuild')";
        return static_cast<int>(rows.size());
    });
}

}  // namespace sweetshop::storage
