// The SOCI adapter of stock changes (purchase, restock), the ledger check and idempotency keys; the catalogue's
// reads and edits are in sweet_repository.cpp.
#include <random>

#include "storage/ledger.hpp"
#include "storage/sql_query.hpp"
#include "storage/sweet_repository.hpp"

namespace sweetshop::storage {

using namespace sql;

namespace {
using domain::Micros;

// Named SQL of stock changes and idempotency keys.
constexpr const char* kPurchase =
    "UPDATE sweets SET quantity = quantity - :n, updated_at_us = :now WHERE id = :id AND quantity >= :n RETURNING ";
constexpr const char* kRestock =
    "UPDATE sweets SET quantity = quantity + :n, updated_at_us = :now WHERE id = :id AND quantity <= :limit "
    "RETURNING ";
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

/// The statements of a purchase or restock, prepared once per connection and run again with new values: parsing
/// the SQL cost about as much as running it (docs/performance.md). Bound by address, so it never moves.
struct StockStatementsBase {
    long long n = 0, now = 0, id = 0, limit = 0;
    SweetRow row;
    long long ledger_id = 0, delta = 0, actor_id = 0, total = 0;
    std::string actor, reason;
};
std::int64_t random_token() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return static_cast<std::int64_t>(engine() >> 1);
}
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

// Here, where StockStatements is complete (the repository owns the cached ones).
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
