#pragma once
// The rules of orders over their port: who may see and refund which order, counter sales, keyed requests, pages.
#include <optional>
#include <string>

#include "domain/idempotency.hpp"
#include "domain/orders.hpp"
#include "domain/paging.hpp"
#include "domain/user.hpp"

namespace sweetshop::domain {

using OrderPage = Page<Order>;

/// A list of orders as asked for, before the viewer's own restriction.
struct OrderListing {
    OrderFilter filter;
    std::int64_t page_size = kDefaultPageSize;
    std::int64_t page = 1;  ///< 0: the last
};

class OrderService {
  public:
    OrderService(OrderStore& orders, UserRepository& users, Idempotency& idempotency)
        : orders_(orders), users_(users), idempotency_(idempotency) {}

    /// Who an order is for when `buyer` places it: themselves, or (staff only, a counter sale) the registered
    /// customer named `customer` (nullopt inside: a walk-in sale). Throws Error(Forbidden) for a non-staff buyer
    /// naming a customer; an unknown username is a field error of `customer`, added to `errors`.
    void assign_parties(NewOrder& order, const User& buyer, const std::optional<std::optional<std::string>>& customer,
                        FieldErrors& errors);

    /// Places the order once per Idempotency-Key (see Idempotency::run).
    Keyed<OrderOutcome> place(const NewOrder& order, std::int64_t user_id, const std::optional<std::string>& key);

    /// The order, for its customer or staff; anyone else gets Error(NotFound, "Not found."), as for no such order.
    Order get(std::int64_t number, const User& viewer);
    /// Newest first; a customer sees only their own orders.
    OrderPage list(const OrderListing& listing, const User& viewer);
    /// Staff only (Error(Forbidden) otherwise); once per Idempotency-Key.
    Keyed<RefundOutcome> refund(const RefundRequest& refund, const User& viewer, const std::optional<std::string>& key);

  private:
    OrderStore& orders_;
    UserRepository& users_;
    Idempotency& idempotency_;
};

inline constexpr const char* kCounterSaleForbidden = "Only staff can sell on behalf of a customer.";
inline constexpr const char* kRefundForbidden = "Only staff can refund orders.";

}  // namespace sweetshop::domain
