#pragma once
// Internal to src/storage/: reading an order inside a transaction, shared by placing (order_store.cpp) and refunds
// (order_refunds.cpp).
#include <soci/soci.h>

#include <optional>

#include "domain/orders.hpp"
#include "storage/database.hpp"

namespace sweetshop::storage {

/// A sweet's name and stock now.
inline constexpr const char* kSweetStock = "SELECT name, quantity FROM sweets WHERE id = :id";

/// The order with its lines and refunds; `for_change` locks its row (PostgreSQL) for the rest of the transaction.
std::optional<domain::Order> read_order(soci::session& sql, std::int64_t number, bool for_change, Dialect dialect);

}  // namespace sweetshop::storage
