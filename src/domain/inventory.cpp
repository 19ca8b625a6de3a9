#include "domain/inventory.hpp"

namespace sweetshop::domain {

std::string stock_fingerprint(const StockChange& change) {
    return std::string(change.kind == StockChange::Kind::Purchase ? "purchase" : "restock") + " sweet " +
           std::to_string(change.sweet_id) + " amount " + std::to_string(change.amount);
}

Keyed<StockOutcome> InventoryService::apply(const StockChange& change, const std::optional<std::string>& key) {
    return idempotency_.run<StockOutcome>(change.actor.id, key, stock_fingerprint(change),
                                          [&](const HeldKey* held) { return stock_.change_stock(change, held); });
}

}  // namespace sweetshop::domain
