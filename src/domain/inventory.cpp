#include "domain/inventory.hpp"

namespace sweetshop::domain {

std::string stock_fingerprint(const StockChange& change) {
    std::string out(change.kind == StockChange::Kind::Purchase ? "purchase" : "restock");
    out.append(" sweet ").append(std::to_string(change.sweet_id)).append(" amount ");
    out.append(std::to_string(change.amount));
    if (change.best_before) out.append(" best before ").append(format_local_date(*change.best_before));
    if (!change.lot.empty()) out.append(" lot ").append(change.lot);
    return out;
}

Keyed<StockOutcome> InventoryService::apply(const StockChange& change, const std::optional<std::string>& key) {
    return idempotency_.run<StockOutcome>(change.actor.id, key, stock_fingerprint(change),
                                          [&](const HeldKey* held) { return stock_.change_stock(change, held); });
}

}  // namespace sweetshop::domain
