#pragma once
// Batches in storage: what every change of a quantity does to the sweet's batches (inside the writer's
// transaction, with its moves), the batch store (the lists, the write-off, the expiry job) and the batch checks of
// verify-stock.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/batches.hpp"
#include "domain/stock.hpp"
#include "domain/stock_control.hpp"
#include "storage/database.hpp"
#include "storage/sql_query.hpp"

namespace sweetshop::storage {

/// How a change of a quantity picks its batches.
struct BatchChoice {
    std::optional<long long> batch = {};  ///< acted on first (units in: the batch they go to)
    bool sellable_only = false;           ///< a sale: never a batch past its date
    long long order_id = 0;  ///< a sale or a refund: its order (a refund returns units to the batches they came from)
};

/// Thrown inside a sale's transaction when a batch has passed its date but the expiry job has not moved it yet, so
/// that fewer units are for sale than the quantity says: the caller rolls back, runs expire_due, and tries again.
struct ExpiredStock {};

/// What a change did to a sweet's batches.
struct BatchResult {
    bool best_before_changed = false;
    std::optional<std::string> best_before;  ///< the sweet's earliest best-before date now (when changed)
};

/// The statements of a change's moves, prepared once per connection by the stores of sales (bound by address: it
/// never moves).
struct BatchStatements {
    explicit BatchStatements(soci::session& sql);
    BatchStatements(const BatchStatements&) = delete;
    BatchStatements& operator=(const BatchStatements&) = delete;

    long long sweet = 0, batch = 0, ledger = 0, order = 0, delta = 0, units = 0, expires = 0;
    soci::indicator expires_ind = soci::i_null, order_ind = soci::i_null, date_ind = soci::i_null;
    std::string date;
    sql::Query select, change, record, best;
};

/// Moves `delta` units of `sweet_id` (whose quantity is `quantity_after` after the change) in or out of its batch
/// rows for the ledger entry `ledger_id`, records the moves, and keeps the sweet's batched_units and earliest
/// best-before date. Units with no date nor lot are the sweet's undated stock, no row: a sweet without units in
/// rows costs nothing here. Out: the named batch first, then the rows for sale first-expiry-first (dated by date,
/// undated rows with a lot next), then the undated stock, then (not for a sale) the rows past their date. In: the
/// named batch, else (a refund) the rows its order's units came from, the latest expiring first, else the undated
/// stock. `statements`: a sale's prepared ones (nullptr: prepared here); `batched_before`: the sweet's
/// batched_units before the change when the caller read them (else read here).
BatchResult move_batches(soci::session& sql, long long sweet_id, long long ledger_id, long long delta,
                         long long quantity_after, long long now, const BatchChoice& choice,
                         BatchStatements* statements = nullptr, std::optional<long long> batched_before = std::nullopt);

/// The batch row of `sweet_id` with this date and lot (a date, or a lot, or both), created empty when missing; its
/// id.
long long batch_for(soci::session& sql, long long sweet_id, const std::optional<domain::LocalDate>& best_before,
                    domain::Micros expires_at, const std::string& lot, long long now);

/// The units for sale in `batch_id` if it is a batch of `sweet_id`.
std::optional<long long> batch_units(soci::session& sql, long long batch_id, long long sweet_id);

/// Moves every batch past its date at `now` out of the quantity (the store's expire_due, for a sale that met one).
int expire_due(Database& db, domain::Micros now);

/// Runs a sale's transaction `sell()`; when it met a batch past its date that the expiry job had not moved yet
/// (ExpiredStock, rolled back), moves the batches due and tries again, at most three times.
template <class F>
auto selling_after_expiry(Database& db, const domain::Clock& clock, F&& sell) {
    for (int attempt = 0;; ++attempt) {
        try {
            return sell();
        } catch (const ExpiredStock&) {
            if (attempt == 2) throw std::runtime_error("batches keep expiring under a sale");
            expire_due(db, clock.now());
        }
    }
}

/// After a change of the shop's time zone: each dated batch's expiry instant in the new zone. Returns how many
/// batches changed.
int refresh_expiry_instants(Database& db, const domain::ShopTimeZone& zone);

/// verify-stock's batch checks, in the caller's snapshot.
std::vector<domain::BatchMismatch> batch_mismatches(soci::session& sql);

/// Each entry's batch moves, for a history.
void load_moves(soci::session& sql, std::vector<domain::LedgerEntry>& entries);

/// SOCI adapter of batches.
class SqlBatchStore final : public domain::BatchStore {
  public:
    explicit SqlBatchStore(Database& db, const domain::Clock& clock = domain::system_clock())
        : db_(db), clock_(clock) {}

    std::optional<std::vector<domain::Batch>> batches(std::int64_t sweet_id) override;
    std::vector<domain::Batch> expiring(const domain::LocalDate& through) override;
    domain::WriteOffOutcome write_off(std::int64_t batch_id, const std::string& note,
                                      const domain::Actor& actor) override;
    int expire_due(domain::Micros now) override;
    int warn_expiring(domain::Micros now, domain::Micros until) override;

  private:
    Database& db_;
    const domain::Clock& clock_;
};

}  // namespace sweetshop::storage
