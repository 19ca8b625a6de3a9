#include "domain/order_service.hpp"

#include "domain/accounts.hpp"

namespace sweetshop::domain {

void OrderService::assign_parties(NewOrder& order, const User& buyer,
                                  const std::optional<std::optional<std::string>>& customer, FieldErrors& errors) {
    if (!customer) {  // the buyer's own order
        order.customer = Actor{buyer.id, buyer.username};
        return;
    }
    if (!buyer.is_staff) throw Error(ErrorCode::PermissionDenied, kCounterSaleForbidden);
    order.seller = Actor{buyer.id, buyer.username};
    if (!*customer) {  // a walk-in sale
        order.customer.reset();
        return;
    }
    const auto username = normalise_username(**customer);
    auto user = username ? users_.find_by_username(*username) : std::nullopt;
    if (!user) {
        errors.add("customer", "No user with that username.");
        return;
    }
    order.customer = Actor{user->id, user->username};
}

Keyed<OrderOutcome> OrderService::place(const NewOrder& order, std::int64_t user_id,
                                        const std::optional<std::string>& key) {
    return idempotency_.run<OrderOutcome>(user_id, key, order_fingerprint(order),
                                          [&](const HeldKey* held) { return orders_.place(order, held); });
}

Order OrderService::get(std::int64_t number, const User& viewer) {
    auto order = orders_.find(number);
    if (!order || (!viewer.is_staff && order->customer_id != viewer.id))
        throw Error(ErrorCode::NotFound, kOrderNotFound);
    return *order;
}

OrderPage OrderService::list(const OrderListing& listing, const User& viewer) {
    auto filter = listing.filter;
    if (!viewer.is_staff) {
        filter.customer_id = viewer.id;
        filter.customer.reset();  // a customer's list is their own, whatever they ask
    }
    OrderPage page;
    page.count = orders_.count(filter);
    const auto span = resolve_page(page.count, listing.page_size, listing.page);
    page.page = span.page;
    page.pages = span.pages;
    page.items = orders_.list(filter, listing.page_size, span.offset);
    return page;
}

Keyed<RefundOutcome> OrderService::refund(const RefundRequest& refund, const User& viewer,
                                          const std::optional<std::string>& key) {
    if (!viewer.is_staff) throw Error(ErrorCode::PermissionDenied, kRefundForbidden);
    return idempotency_.run<RefundOutcome>(viewer.id, key, refund_fingerprint(refund),
                                           [&](const HeldKey* held) { return orders_.refund(refund, held); });
}

}  // namespace sweetshop::domain
