#include "storage/sweet_repository.hpp"

#include <algorithm>
#include <random>

#include "domain/text.hpp"
#include "storage/ledger.hpp"

namespace sweetshop::storage {

namespace {
using domain::Micros;

// Named SQL of the catalogue and inventory.
constexpr const char* kSweetColumns =
    "id, name, category, description, price_cents, quantity, created_by, created_at_us, updated_at_us";
constexpr const char* kInsertSweet =
    "INSERT INTO sweets (name, name_folded, category, category_folded, description, price_cents, quantity, "
    "created_by_id, created_by, created_at_us, updated_at_us) VALUES (:name, :name_folded, :category, "
    ":category_folded, :description, :price, :quantity, :actor_id, :actor, :now, :now) "
    "ON CONFLICT (name) DO NOTHING RETURNING id";
constexpr const char* kUpdateSweet =
    "UPDATE sweets SET name = :name, name_folded = :name_folded, category = :category, "
    "category_folded = :category_folded, description = :description, price_cents = :price, quantity = :quantity, "
    "updated_at_us = :now WHERE id = :id";
constexpr const char* kNameTaken = "SELECT id FROM sweets WHERE name = :name AND id <> :except";
constexpr const char* kPurchase =
    "UPDATE sweets SET quantity = quantity - :n, updated_at_us = :now WHERE id = :id AND quantity >= :n RETURNING ";
constexpr const char* kRestock =
    "UPDATE sweets SET quantity = quantity + :n, updated_at_us = :now WHERE id = :id AND quantity <= :limit "
    "RETURNING ";
constexpr const char* kDeleteSweet = "DELETE FROM sweets WHERE id = :id RETURNING name, quantity";
constexpr const char* kInsertLedger =
    "INSERT INTO stock_ledger (sweet_id, sweet_name, actor_id, actor, reason, delta, quantity_after, at_us) "
    "VALUES (:sweet_id, :sweet_name, :actor_id, :actor, :reason, :delta, :after, :now) RETURNING id";
constexpr const char* kInsertPurchase =
    "INSERT INTO purchases (ledger_id, sweet_id, sweet_name, buyer_id, buyer, amount, unit_price_cents, "
    "total_cents, at_us) VALUES (:ledger_id, :sweet_id, :sweet_name, :buyer_id, :buyer, :amount, :unit, :total, "
    ":now)";
constexpr const char* kStoreResponse =
    "UPDATE idempotency_keys SET status = :status, response = :response "
    "WHERE user_id = :user_id AND idem_key = :idem_key AND token = :token";
constexpr const char* kLedgerSums =
    "SELECT sweet_id, CAST(SUM(delta) AS BIGINT), MAX(id) FROM stock_ledger GROUP BY sweet_id";
constexpr const char* kSweetQuantities = "SELECT id, name, quantity FROM sweets ORDER BY id";

/// A statement built step by step (SOCI's low-level API), so that row bindings can be shared.
class Query {
  public:
    explicit Query(soci::session& sql) : st_(sql) {}
    template <class T>
    Query& into(T& value) {
        st_.exchange(soci::into(value));
        return *this;
    }
    template <class T>
    Query& into(T& value, soci::indicator& ind) {
        st_.exchange(soci::into(value, ind));
        return *this;
    }
    template <class T>
    Query& use(const T& value, soci::indicator& ind, const std::string& name) {
        st_.exchange(soci::use(value, ind, name));
        return *this;
    }
    template <class T>
    Query& use(const T& value, const std::string& name) {
        st_.exchange(soci::use(value, name));
        return *this;
    }
    void prepare(const std::string& sql) {
        st_.alloc();
        st_.prepare(sql);
        st_.define_and_bind();
    }
    /// Runs the prepared statement with the bound variables' current values; true when a first row was fetched.
    bool execute() { return st_.execute(true); }
    /// Prepares and runs.
    bool run(const std::string& sql) {
        prepare(sql);
        return execute();
    }
    bool fetch() { return st_.fetch(); }
    /// Reads the remaining rows, so that SQLite sees the statement finished before COMMIT (an unfinished statement
    /// makes COMMIT fail with "SQL statements in progress").
    void drain() {
        while (st_.fetch()) {
        }
    }
    long long affected() { return st_.get_affected_rows(); }

  private:
    soci::statement st_;
};

struct SweetRow {
    long long id = 0, price = 0, quantity = 0, created = 0, updated = 0;
    std::string name, category, description, created_by;

    void bind(Query& q) {
        q.into(id).into(name).into(category).into(description).into(price).into(quantity).into(created_by);
        q.into(created).into(updated);
    }
    domain::Sweet value() const {
        return domain::Sweet{id, name, category, description, price, quantity, created_by, created, updated};
    }
};

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
    explicit FilterParams(const domain::SweetFilter& f)
        : filter(f),
          name(like_pattern(f.name)),
          category(like_pattern(f.category)),
          lo(f.min_cents.value_or(0)),
          hi(f.max_cents.value_or(0)) {}
    void bind(Query& q) const {
        if (!filter.name.empty()) q.use(name, "name");
        if (!filter.category.empty()) q.use(category, "category");
        if (filter.min_cents) q.use(lo, "lo");
        if (filter.max_cents) q.use(hi, "hi");
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
        }
        out += key.descending ? " DESC, " : ", ";
    }
    return out + "id";
}

const char* for_update(Dialect dialect) {
    return dialect == Dialect::Postgres ? " FOR UPDATE" : "";
}

/// The statements of a purchase or restock, prepared once per connection and run again with new values: parsing
/// the SQL cost about as much as running it (docs/performance.md). Bound by address, so it never moves.
struct StockStatementsBase {
    long long n = 0, now = 0, id = 0, limit = 0;
    SweetRow row;
    long long ledger_id = 0, delta = 0, actor_id = 0, total = 0;
    std::string actor, reason;
};
}  // namespace

long long append_ledger(soci::session& sql, long long sweet_id, const std::string& sweet_name,
                        const domain::Actor& actor, const std::string& reason, long long delta, long long after,
                        long long now) {
    long long ledger_id = 0;
    const long long actor_id = actor.id;
    soci::indicator actor_known = actor.id > 0 ? soci::i_ok : soci::i_null;
    Query q(sql);
    q.use(sweet_id, "sweet_id").use(sweet_name, "sweet_name").use(actor_id, actor_known, "actor_id");
    q.use(actor.username, "actor");
    q.use(reason, "reason").use(delta, "delta").use(after, "after").use(now, "now").into(ledger_id);
    q.run(kInsertLedger);
    q.drain();
    return ledger_id;
}

struct SqlSweetRepository::StockStatements : StockStatementsBase {
    Query purchase, restock, ledger, sale;

    explicit StockStatements(soci::session& sql) : purchase(sql), restock(sql), ledger(sql), sale(sql) {
        row.bind(purchase);
        purchase.use(n, "n").use(now, "now").use(id, "id");
        purchase.prepare(std::string(kPurchase) + kSweetColumns);
        row.bind(restock);
        restock.use(n, "n").use(now, "now").use(id, "id").use(limit, "limit");
        restock.prepare(std::string(kRestock) + kSweetColumns);
        ledger.use(id, "sweet_id").use(row.name, "sweet_name").use(actor_id, "actor_id").use(actor, "actor");
        ledger.use(reason, "reason").use(delta, "delta").use(row.quantity, "after").use(now, "now").into(ledger_id);
        ledger.prepare(kInsertLedger);
        sale.use(ledger_id, "ledger_id").use(id, "sweet_id").use(row.name, "sweet_name").use(actor_id, "buyer_id");
        sale.use(actor, "buyer").use(n, "amount").use(row.price, "unit").use(total, "total").use(now, "now");
        sale.prepare(kInsertPurchase);
    }
};

namespace {
std::int64_t random_token() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return static_cast<std::int64_t>(engine() >> 1);
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

std::optional<domain::Sweet> SqlSweetRepository::find(std::int64_t id) {
    return db_.read([&](soci::session& sql) -> std::optional<domain::Sweet> {
        const long long key = id;
        SweetRow row;
        Query q(sql);
        row.bind(q);
        q.use(key, "id");
        if (!q.run(std::string("SELECT ") + kSweetColumns + " FROM sweets WHERE id = :id")) return std::nullopt;
        return row.value();
    });
}

bool SqlSweetRepository::name_taken(const std::string& name, std::int64_t except_id) {
    return db_.read([&](soci::session& sql) {
        const long long except = except_id;
        long long found = 0;
        Query q(sql);
        q.use(name, "name").use(except, "except").into(found);
        return q.run(kNameTaken);
    });
}

std::int64_t SqlSweetRepository::count(const domain::SweetFilter& filter) {
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

std::vector<domain::Sweet> SqlSweetRepository::list(const domain::SweetFilter& filter,
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

std::optional<domain::Sweet> SqlSweetRepository::insert(const domain::SweetChanges& s, const domain::Actor& actor) {
    return db_.write([&](soci::session& sql) -> std::optional<domain::Sweet> {
        const long long now = clock_.now();
        const long long price = *s.price_cents, quantity = *s.quantity, actor_id = actor.id;
        const std::string name_folded = domain::fold_case(*s.name), category_folded = domain::fold_case(*s.category);
        long long id = 0;
        Query q(sql);
        q.use(*s.name, "name").use(name_folded, "name_folded").use(*s.category, "category");
        q.use(category_folded, "category_folded").use(*s.description, "description").use(price, "price");
        q.use(quantity, "quantity").use(actor_id, "actor_id").use(actor.username, "actor").use(now, "now");
        q.into(id);
        const bool inserted = q.run(kInsertSweet);
        q.drain();
        if (!inserted) return std::nullopt;
        append_ledger(sql, id, *s.name, actor, "create", quantity, quantity, now);
        return domain::Sweet{id, *s.name, *s.category, *s.description, price, quantity, actor.username, now, now};
    });
}

SqlSweetRepository::UpdateStatus SqlSweetRepository::update(std::int64_t id, const domain::SweetChanges& changes,
                                                            const domain::Actor& actor, domain::Sweet& sweet) {
    return db_.write([&](soci::session& sql) {
        const long long key = id;
        SweetRow row;
        {
            Query q(sql);
            row.bind(q);
            q.use(key, "id");
            const bool found = q.run(std::string("SELECT ") + kSweetColumns + " FROM sweets WHERE id = :id" +
                                     for_update(db_.dialect()));
            if (!found) return UpdateStatus::NotFound;
        }
        auto next = row.value();
        if (changes.name && *changes.name != next.name) {
            long long other = 0;
            Query q(sql);
            q.use(*changes.name, "name").use(key, "except").into(other);
            if (q.run(kNameTaken)) return UpdateStatus::NameTaken;
        }
        if (changes.name) next.name = *changes.name;
        if (changes.category) next.category = *changes.category;
        if (changes.description) next.description = *changes.description;
        if (changes.price_cents) next.price_cents = *changes.price_cents;
        if (changes.quantity) next.quantity = *changes.quantity;
        next.updated_at = clock_.now();

        const long long price = next.price_cents, quantity = next.quantity, now = next.updated_at;
        const std::string name_folded = domain::fold_case(next.name);
        const std::string category_folded = domain::fold_case(next.category);
        Query q(sql);
        q.use(next.name, "name").use(name_folded, "name_folded").use(next.category, "category");
        q.use(category_folded, "category_folded").use(next.description, "description").use(price, "price");
        q.use(quantity, "quantity").use(now, "now").use(key, "id");
        q.run(kUpdateSweet);
        if (next.quantity != row.quantity)
            append_ledger(sql, key, next.name, actor, "edit", quantity - row.quantity, quantity, now);
        sweet = next;
        return UpdateStatus::Updated;
    });
}

bool SqlSweetRepository::remove(std::int64_t id, const domain::Actor& actor) {
    return db_.write([&](soci::session& sql) {
        const long long key = id;
        std::string name;
        long long quantity = 0;
        Query q(sql);
        q.use(key, "id").into(name).into(quantity);
        const bool deleted = q.run(kDeleteSweet);
        q.drain();
        if (!deleted) return false;
        append_ledger(sql, key, name, actor, "delete", -quantity, 0, clock_.now());
        return true;
    });
}

domain::StoredResponse SqlSweetRepository::change_stock(const domain::StockChange& change, const domain::HeldKey* key,
                                                        Render render) {
    using Kind = domain::StockOutcome::Kind;
    const bool purchase = change.kind == domain::StockChange::Kind::Purchase;
    return db_.write([&](soci::session& sql) {
        auto held = stock_statements(sql);
        auto& st = *held;
        st.now = clock_.now();
        st.id = change.sweet_id;
        st.n = change.amount;
        st.limit = domain::kMaxQuantity - change.amount;
        const long long id = st.id;
        domain::StockOutcome outcome;
        auto& update = purchase ? st.purchase : st.restock;
        const bool changed = update.execute();
        update.drain();
        if (changed) {
            outcome.sweet = st.row.value();
            st.actor_id = change.actor.id;
            st.actor = change.actor.username;
            st.reason = purchase ? "purchase" : "restock";
            st.delta = purchase ? -st.n : st.n;
            st.ledger.execute();
            st.ledger.drain();
            if (purchase) {
                st.total = st.row.price * st.n;
                st.sale.execute();
            }
        } else {
            long long quantity = 0;
            Query q(sql);
            q.use(id, "id").into(quantity);
            if (!q.run("SELECT quantity FROM sweets WHERE id = :id"))
                outcome.kind = Kind::NotFound;
            else if (purchase)
                outcome.kind = Kind::Insufficient;
            else {
                outcome.kind = Kind::Overflow;
                outcome.headroom = domain::kMaxQuantity - quantity;
            }
        }
        auto response = render(outcome);
        if (key) {
            const long long user_id = key->user_id, token = key->token;
            const int status = response.status;
            Query q(sql);
            q.use(status, "status").use(response.body, "response").use(user_id, "user_id").use(key->key, "idem_key");
            q.use(token, "token");
            q.run(kStoreResponse);
            if (q.affected() == 0)  // the claim expired and another request took the key over
                throw domain::Error(domain::ErrorCode::Conflict, "A request with this Idempotency-Key is in progress.");
        }
        return response;
    });
}

std::vector<domain::CategorySummary> SqlSweetRepository::category_summary() {
    return db_.read([&](soci::session& sql) {
        std::vector<domain::CategorySummary> out;
        domain::CategorySummary row;
        long long count = 0, total = 0;
        Query q(sql);
        q.into(row.category).into(count).into(total);
        const std::string order = db_.dialect() == Dialect::Postgres ? "category COLLATE \"C\"" : "category";
        if (q.run("SELECT category, COUNT(*), CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM sweets GROUP BY category "
                  "ORDER BY " +
                  order)) {
            do {
                row.sweet_count = count;
                row.total_quantity = total;
                out.push_back(row);
            } while (q.fetch());
        }
        return out;
    });
}

domain::StockReport SqlSweetRepository::verify_stock() {
    // Two scans in one snapshot (so that a purchase committing in between cannot look like a mismatch), joined here:
    // the ledger has no index to keep every purchase's commit small (docs/performance.md).
    return db_.snapshot([&](soci::session& sql) {
        domain::StockReport report;
        struct Sum {
            long long total = 0, last_entry = 0;
        };
        std::unordered_map<long long, Sum> sums;
        {
            long long id = 0, total = 0, last = 0;
            Query q(sql);
            q.into(id).into(total).into(last);
            if (q.run(kLedgerSums)) {
                do {
                    sums[id] = Sum{total, last};
                } while (q.fetch());
            }
        }
        {
            long long id = 0, quantity = 0;
            std::string name;
            Query q(sql);
            q.into(id).into(name).into(quantity);
            if (q.run(kSweetQuantities)) {
                do {
                    ++report.checked;
                    long long total = 0;
                    if (auto it = sums.find(id); it != sums.end()) {
                        total = it->second.total;
                        sums.erase(it);
                    }
                    if (quantity != total) report.mismatches.push_back({id, name, quantity, total});
                } while (q.fetch());
            }
        }
        std::vector<std::pair<long long, Sum>> deleted;  // sweets gone whose ledger does not come back to zero
        for (const auto& [id, sum] : sums)
            if (sum.total != 0) deleted.emplace_back(id, sum);
        std::sort(deleted.begin(), deleted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [id, sum] : deleted) {
            domain::StockMismatch mismatch{id, "", 0, sum.total};
            Query q(sql);
            q.use(sum.last_entry, "id").into(mismatch.name);
            q.run("SELECT sweet_name FROM stock_ledger WHERE id = :id");
            report.mismatches.push_back(mismatch);
        }
        return report;
    });
}

SqlSweetRepository::Claim SqlSweetRepository::claim_key(std::int64_t user_id, const std::string& key,
                                                        const std::string& fingerprint, Micros now,
                                                        Micros expired_before, Micros stale_before,
                                                        std::int64_t max_keys) {
    return db_.write([&](soci::session& sql) {
        const long long user = user_id, at = now, expired = expired_before;
        const long long token = random_token();
        {
            Query q(sql);
            q.use(expired, "expired");
            q.run("DELETE FROM idempotency_keys WHERE created_at_us < :expired");
        }
        long long held = 0, oldest = 0;
        {
            soci::indicator oldest_ind = soci::i_null;
            Query q(sql);
            q.use(user, "user_id").into(held).into(oldest, oldest_ind);
            q.run("SELECT COUNT(*), MIN(created_at_us) FROM idempotency_keys WHERE user_id = :user_id");
        }
        if (held < max_keys) {
            long long claimed = 0;
            Query q(sql);
            q.use(user, "user_id").use(key, "idem_key").use(fingerprint, "fingerprint").use(token, "token");
            q.use(at, "now").into(claimed);
            const bool inserted = q.run(
                "INSERT INTO idempotency_keys (user_id, idem_key, fingerprint, token, created_at_us) "
                "VALUES (:user_id, :idem_key, :fingerprint, :token, :now) "
                "ON CONFLICT (user_id, idem_key) DO NOTHING RETURNING token");
            q.drain();
            if (inserted) return Claim{ClaimStatus::Claimed, token, {}};
        }
        std::string stored_fingerprint, response;
        int status = 0;
        long long created = 0;
        soci::indicator status_ind = soci::i_null, response_ind = soci::i_null;
        Query q(sql);
        q.use(user, "user_id").use(key, "idem_key");
        q.into(stored_fingerprint).into(status, status_ind).into(response, response_ind).into(created);
        const bool found =
            q.run(std::string("SELECT fingerprint, status, response, created_at_us FROM idempotency_keys "
                              "WHERE user_id = :user_id AND idem_key = :idem_key") +
                  for_update(db_.dialect()));
        if (!found) return Claim{ClaimStatus::TooMany, 0, {}, oldest};
        if (stored_fingerprint != fingerprint) return Claim{ClaimStatus::Mismatch, 0, {}};
        if (status_ind == soci::i_ok) return Claim{ClaimStatus::Replay, 0, {status, response}};
        if (created >= stale_before) return Claim{ClaimStatus::InProgress, 0, {}};
        Query takeover(sql);
        takeover.use(token, "token").use(at, "now").use(user, "user_id").use(key, "idem_key");
        takeover.run(
            "UPDATE idempotency_keys SET token = :token, created_at_us = :now "
            "WHERE user_id = :user_id AND idem_key = :idem_key");
        return Claim{ClaimStatus::Claimed, token, {}};
    });
}

SqlSweetRepository::SqlSweetRepository(Database& db, const domain::Clock& clock) : clock_(clock), db_(db) {}
SqlSweetRepository::~SqlSweetRepository() = default;

SqlSweetRepository::StatementsLease SqlSweetRepository::stock_statements(soci::session& sql) {
    // SQLite: one writer connection, which is never reconnected, keeps its statements prepared. PostgreSQL: fresh
    // statements for each change, since a connection may be re-established after an outage.
    if (db_.dialect() != Dialect::Sqlite) {
        auto owned = std::make_unique<StockStatements>(sql);
        auto* statements = owned.get();
        return {std::move(owned), statements};
    }
    std::lock_guard lock(statements_mutex_);
    auto& slot = stock_statements_[&sql];
    if (!slot) slot = std::make_unique<StockStatements>(sql);
    return {nullptr, slot.get()};
}

void SqlSweetRepository::release_key(const domain::HeldKey& key) {
    db_.write([&](soci::session& sql) {
        const long long user = key.user_id, token = key.token;
        Query q(sql);
        q.use(user, "user_id").use(key.key, "idem_key").use(token, "token");
        q.run(
            "DELETE FROM idempotency_keys WHERE user_id = :user_id AND idem_key = :idem_key AND token = :token "
            "AND status IS NULL");
    });
}

}  // namespace sweetshop::storage
