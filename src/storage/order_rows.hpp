#pragma once
// Internal to src/storage/: an order's row, and reading an order inside a transaction, shared by placing
// (order_store.cpp), refunds (order_refunds.cpp) and exports (export_store.cpp).
#include <soci/soci.h>

#include <optional>

#include "domain/orders.hpp"
#include "storage/database.hpp"
#include "storage/sql_query.hpp"

namespace sweetshop::storage {

inline constexpr const char* kOrderColumns =
    "SELECT id, status, customer_id, customer, seller, total_cents, refunded_cents, note, payment_method, "
    "tendered_cents, created_at_us FROM orders";

/// An order row, bound for reading.
struct OrderRow {
    long long id = 0, customer_id = 0, total = 0, refunded = 0, tendered = 0, created = 0;
    std::string status, customer, seller, note, method;
    soci::indicator customer_id_ind = soci::i_null, customer_ind = soci::i_null, seller_ind = soci::i_null,
                    method_ind = soci::i_null, tendered_ind = soci::i_null;

    void bind(sql::Query& q) {
        q.into(id).into(status).into(customer_id, customer_id_ind).into(customer, customer_ind);
        q.into(seller, seller_ind).into(total).into(refunded).into(note).into(method, method_ind);
        q.into(tendered, tendered_ind).into(created);
    }
    domain::Order value() const {
        domain::Order o;
        o.number = id;
        o.status = domain::parse_order_status(status).value_or(domain::OrderStatus::Paid);
        o.customer_id = customer_id_ind == soci::i_ok ? customer_id : 0;
        if (customer_ind == soci::i_ok) o.customer = customer;
        if (seller_ind == soci::i_ok) o.seller = seller;
        o.total_cents = total;
        o.refunded_cents = refunded;
        o.note = note;
        o.created_at = created;
        if (method_ind == soci::i_ok) {
            domain::Payment p;
            p.method = domain::parse_payment_method(method).value_or(domain::PaymentMethod::Other);
            if (tendered_ind == soci::i_ok) p.tendered_cents = tendered;
            o.payment = p;
        }
        return o;
    }
};

/// A sweet's name and stock now.
inline constexpr const char* kSweetStock = "SELECT name, quantity FROM sweets WHERE id = :id";

/// The order with its lines and refunds; `for_change` locks its row (PostgreSQL) for the rest of the transaction.
std::optional<domain::Order> read_order(soci::session& sql, std::int64_t number, bool for_change, Dialect dialect);

}  // namespace sweetshop::storage
