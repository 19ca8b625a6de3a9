#pragma once
// The stock ledger, shared by every writer of a quantity (the catalogue, stock changes, the import), and its check.
#include <string>

#include "domain/inventory.hpp"
#include "domain/stock_control.hpp"
#include "storage/batches.hpp"
#include "storage/database.hpp"
#include "storage/sql_query.hpp"

namespace sweetshop::storage {

/// One ledger entry (bound by name; RETURNING its id). Prepared once per connection by the stock statements. Its
/// note is the column's default, empty: notes come with adjustments (kInsertNotedLedger).
inline constexpr const char* kInsertLedger =
    "INSERT INTO stock_ledger (sweet_id, sweet_name, actor_id, actor, reason, delta, quantity_after, at_us, order_id) "
    "VALUES (:sweet_id, :sweet_name, :actor_id, :actor, :reason, :delta, :after, :now, :order_id) RETURNING id";

inline constexpr const char* kInsertNotedLedger =
    "INSERT INTO stock_ledger (sweet_id, sweet_name, actor_id, actor, reason, delta, quantity_after, at_us, order_id, "
    "note) VALUES (:sweet_id, :sweet_name, :actor_id, :actor, :reason, :delta, :after, :now, :order_id, :note) "
    "RETURNING id";

/// A ledger entry as the history and the export read it: "SELECT " kLedgerEntryColumns " FROM stock_ledger ...".
inline constexpr const char* kLedgerEntryColumns =
    "id, sweet_id, sweet_name, actor, reason, delta, quantity_after, at_us, order_id, note";
struct LedgerRow {
    long long id = 0, sweet = 0, delta = 0, after = 0, at = 0, order = 0;
    soci::indicator order_ind = soci::i_null;
    domain::LedgerEntry entry;
    void bind(sql::Query& q) {
        q.into(id).into(sweet).into(entry.sweet_name).into(entry.actor).into(entry.reason).into(delta).into(after);
        q.into(at).into(order, order_ind).into(entry.note);
    }
    domain::LedgerEntry value() {
        entry.id = id;
        entry.sweet_id = sweet;
        entry.delta = delta;
        entry.quantity_after = after;
        entry.at = at;
        entry.order = order_ind == soci::i_ok ? std::optional<std::int64_t>(order) : std::nullopt;
        return entry;
    }
};

/// Appends a ledger entry inside the caller's transaction, with its moves of the sweet's batches (move_batches:
/// `batches` picks them; a refund's order returns units to where they came from); an actor with id 0 (a tool, not
/// a user) is stored without an actor id, and `order_id` 0 means the change belongs to no order. Returns the entry's
/// id.
long long append_ledger(soci::session& sql, long long sweet_id, const std::string& sweet_name,
                        const domain::Actor& actor, const std::string& reason, long long delta, long long after,
                        long long now, long long order_id = 0, const std::string& note = {}, BatchChoice batches = {});

/// SOCI adapter of the ledger check.
class SqlLedgerAudit final : public domain::LedgerAudit {
  public:
    explicit SqlLedgerAudit(Database& db) : db_(db) {}
    domain::StockReport verify_stock() override;

  private:
    Database& db_;
};

}  // namespace sweetshop::storage
