#pragma once
// Shared by the SOCI adapters of src/storage/: the statement builder, the sweet row and its columns. Internal to
// src/storage/.
#include <soci/soci.h>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "domain/catalogue.hpp"
#include "storage/database.hpp"

namespace sweetshop::storage::sql {

inline constexpr const char* kSweetColumns =
    "id, name, category, description, price_cents, quantity, created_by, created_at_us, updated_at_us, "
    "reorder_level, reorder_quantity, cost_cents, active, sku, barcode, image, best_before, unit, batched_units";

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
    long long id = 0, price = 0, quantity = 0, created = 0, updated = 0, reorder_level = 0, reorder_quantity = 0,
              cost = 0;
    long long batched = 0;  ///< units for sale in batch rows (storage's own: not part of domain::Sweet)
    int active = 1;
    soci::indicator cost_ind = soci::i_null, sku_ind = soci::i_null, barcode_ind = soci::i_null,
                    image_ind = soci::i_null, best_before_ind = soci::i_null;
    std::string name, category, description, created_by, sku, barcode, image, best_before, unit;

    void bind(Query& q) {
        q.into(id).into(name).into(category).into(description).into(price).into(quantity).into(created_by);
        q.into(created).into(updated).into(reorder_level).into(reorder_quantity).into(cost, cost_ind).into(active);
        q.into(sku, sku_ind).into(barcode, barcode_ind).into(image, image_ind).into(best_before, best_before_ind);
        q.into(unit).into(batched);
    }
    domain::Sweet value() const {
        domain::Sweet s{id, name, category, description, price, quantity, created_by, created, updated};
        s.reorder_level = reorder_level;
        s.reorder_quantity = reorder_quantity;
        if (cost_ind == soci::i_ok) s.cost_cents = cost;
        s.active = active != 0;
        if (sku_ind == soci::i_ok) s.sku = sku;
        if (barcode_ind == soci::i_ok) s.barcode = barcode;
        if (image_ind == soci::i_ok) s.image = image;
        if (best_before_ind == soci::i_ok) s.best_before = best_before;
        s.unit = domain::parse_unit(unit).value_or(domain::Unit::Piece);
        return s;
    }
};

/// Statements prepared once per connection and run again with new values (parsing a statement costs about as much as
/// running it, and on PostgreSQL a statement prepared per use costs three round trips, PREPARE, EXECUTE and
/// DEALLOCATE, where a kept one costs one; docs/performance.md). A connection about to be re-established after an
/// outage drops its set first (SOCI replaces the session's backend, which the statements point to), and the next use
/// prepares it again.
template <class Statements>
class StatementCache {
  public:
    /// Registers with `db` for its reconnections: construct it before the database serves requests.
    explicit StatementCache(Database& db) {
        db.before_reconnect([this](soci::session& sql) {
            std::lock_guard lock(mutex_);
            cache_.erase(&sql);
        });
    }
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;

    /// The statements of `sql`, for as long as the caller holds that connection.
    class Lease {
      public:
        Statements& operator*() const { return *statements_; }
        Statements* operator->() const { return statements_; }

      private:
        friend class StatementCache;
        Statements* statements_ = nullptr;
    };

    Lease lease(soci::session& sql) {
        std::lock_guard lock(mutex_);
        auto& slot = cache_[&sql];
        if (!slot) slot = std::make_unique<Statements>(sql);
        Lease lease;
        lease.statements_ = slot.get();
        return lease;
    }

  private:
    std::mutex mutex_;
    std::unordered_map<soci::session*, std::unique_ptr<Statements>> cache_;
};

inline const char* for_update(Dialect dialect) {
    return dialect == Dialect::Postgres ? " FOR UPDATE" : "";
}

/// The sweet `id` as it is now; `lock`: for a change (PostgreSQL: FOR UPDATE; SQLite's writer holds the lock).
inline std::optional<domain::Sweet> sweet_now(soci::session& sql, Dialect dialect, long long id, bool lock) {
    SweetRow row;
    Query q(sql);
    row.bind(q);
    q.use(id, "id");
    if (!q.run(std::string("SELECT ") + kSweetColumns + " FROM sweets WHERE id = :id" +
               (lock ? for_update(dialect) : "")))
        return std::nullopt;
    return row.value();
}

}  // namespace sweetshop::storage::sql
