// The stock ledger: appending an entry (every writer of a quantity) and the check of every quantity against it.
#include "storage/ledger.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "storage/report_store.hpp"
#include "storage/sql_query.hpp"

namespace sweetshop::storage {

using namespace sql;

namespace {
constexpr const char* kLedgerSums =
    "SELECT sweet_id, CAST(SUM(delta) AS BIGINT), MAX(id) FROM stock_ledger GROUP BY sweet_id";
constexpr const char* kSweetQuantities = "SELECT id, name, quantity FROM sweets ORDER BY id";
constexpr const char* kEntryName = "SELECT sweet_name FROM stock_ledger WHERE id = :id";
// Per sweet: units sold by order lines and put back by restocked refunds, against the ledger's sale and refund
// entries (one scan of each table).
constexpr const char* kSoldBySweet =
    "SELECT sweet_id, MAX(sweet_name), CAST(SUM(amount) AS BIGINT) FROM order_lines GROUP BY sweet_id";
constexpr const char* kRestockedBySweet =
    "SELECT l.sweet_id, CAST(SUM(l.amount) AS BIGINT) FROM refund_lines l JOIN refunds r ON r.id = l.refund_id "
    "WHERE r.restock = 1 GROUP BY l.sweet_id";
constexpr const char* kLedgerSalesBySweet =
    "SELECT sweet_id, MAX(sweet_name), reason, CAST(SUM(delta) AS BIGINT) FROM stock_ledger "
    "WHERE reason IN ('purchase', 'refund') GROUP BY sweet_id, reason";

/// Every sweet whose sales or restocked refunds disagree with its ledger, by id.
std::vector<domain::SalesMismatch> sales_mismatches(soci::session& sql) {
    std::map<long long, domain::SalesMismatch> by_sweet;
    auto at = [&](long long id, const std::string& name) -> domain::SalesMismatch& {
        auto& m = by_sweet[id];
        m.sweet_id = id;
        if (m.name.empty()) m.name = name;
        return m;
    };
    long long id = 0, units = 0;
    std::string name, reason;
    {
        Query q(sql);
        q.into(id).into(name).into(units);
        for (bool row = q.run(kSoldBySweet); row; row = q.fetch())
            at(id, name).sold = units;
    }
    {
        Query q(sql);
        q.into(id).into(units);
        for (bool row = q.run(kRestockedBySweet); row; row = q.fetch())
            at(id, "").restocked = units;
    }
    {
        Query q(sql);
        q.into(id).into(name).into(reason).into(units);
        for (bool row = q.run(kLedgerSalesBySweet); row; row = q.fetch()) {
            auto& m = at(id, name);
            if (reason == "purchase")
                m.ledger_sold = -units;
            else
                m.ledger_restocked = units;
        }
    }
    std::vector<domain::SalesMismatch> out;
    for (const auto& [sweet, m] : by_sweet)
        if (m.sold != m.ledger_sold || m.restocked != m.ledger_restocked) out.push_back(m);
    return out;
}
}  // namespace

long long append_ledger(soci::session& sql, long long sweet_id, const std::string& sweet_name,
                        const domain::Actor& actor, const std::string& reason, long long delta, long long after,
                        long long now, long long order_id, const std::string& note, BatchChoice batches) {
    long long ledger_id = 0;
    const long long actor_id = actor.id;
    soci::indicator actor_known = actor.id > 0 ? soci::i_ok : soci::i_null;
    soci::indicator order_known = order_id > 0 ? soci::i_ok : soci::i_null;
    Query q(sql);
    q.use(sweet_id, "sweet_id").use(sweet_name, "sweet_name").use(actor_id, actor_known, "actor_id");
    q.use(actor.username, "actor").use(order_id, order_known, "order_id");
    q.use(reason, "reason").use(delta, "delta").use(after, "after").use(now, "now").into(ledger_id);
    if (!note.empty()) q.use(note, "note");
    q.run(note.empty() ? kInsertLedger : kInsertNotedLedger);
    q.drain();
    if (batches.order_id == 0) batches.order_id = order_id;
    move_batches(sql, sweet_id, ledger_id, delta, after, now, batches);
    return ledger_id;
}

domain::StockReport SqlLedgerAudit::verify_stock() {
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
            q.run(kEntryName);
            report.mismatches.push_back(mismatch);
        }
        report.sales_mismatches = sales_mismatches(sql);
        report.summary_mismatches = summary_mismatches(sql);
        report.batch_mismatches = batch_mismatches(sql);
        return report;
    });
}

}  // namespace sweetshop::storage
