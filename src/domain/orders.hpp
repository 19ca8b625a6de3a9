#pragma once
// Orders: several lines sold in one transaction (all or none, never oversold), numbered, kept as sold (names and
// prices of the time), refunded line by line with or without restocking. Plain C++: no HTTP, JSON or SQL.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalogue.hpp"
#include "domain/clock.hpp"
#include "domain/money.hpp"

namespace sweetshop::domain {

struct HeldKey;

inline constexpr std::size_t kMaxOrderLines = 100;
inline constexpr std::size_t kOrderNoteMaxChars = 500;
inline constexpr std::size_t kRefundReasonMaxChars = 500;
/// The first order's number; numbers are the orders' ids, given by the database's sequence.
inline constexpr std::int64_t kFirstOrderNumber = 10001;
inline constexpr const char* kOrderNotFound = kNotFound;  ///< also for an order the viewer may not see

enum class OrderStatus { Paid, PartiallyRefunded, Refunded };
std::string_view status_name(OrderStatus status);
std::optional<OrderStatus> parse_order_status(std::string_view text);

enum class PaymentMethod { Cash, Card, Other };
std::string_view method_name(PaymentMethod method);
std::optional<PaymentMethod> parse_payment_method(std::string_view text);

/// How a counter sale was paid: cash may record what was tendered (at least the total; the change is the rest).
struct Payment {
    PaymentMethod method = PaymentMethod::Cash;
    std::optional<std::int64_t> tendered_cents = {};
    bool operator==(const Payment&) const = default;
};

struct OrderLine {
    std::int64_t sweet_id = 0;
    std::string name;  ///< at the time of sale
    std::int64_t unit_price_cents = 0;
    std::int64_t amount = 0;
    std::int64_t refunded = 0;                         ///< units refunded so far
    std::optional<std::int64_t> unit_cost_cents = {};  ///< the sweet's cost at the time of sale (profit reports)
    Unit unit = Unit::Piece;                           ///< gram: the prices are per kilogram, the amounts grams
    std::int64_t total_cents() const { return line_cents(unit, unit_price_cents, amount); }
    std::optional<std::int64_t> cost_cents() const {
        if (!unit_cost_cents) return std::nullopt;
        return line_cents(unit, *unit_cost_cents, amount);
    }
    bool operator==(const OrderLine&) const = default;
};

struct RefundLine {
    std::int64_t sweet_id = 0;
    std::int64_t amount = 0;
    bool operator==(const RefundLine&) const = default;
};

struct Refund {
    Micros at = 0;
    std::string by;  ///< the staff member's username
    std::string reason;
    bool restock = false;  ///< true: the units went back to stock; false: written off
    std::vector<RefundLine> lines;
    std::int64_t total_cents = 0;
    bool operator==(const Refund&) const = default;
};

struct Order {
    std::int64_t number = 0;
    OrderStatus status = OrderStatus::Paid;
    std::int64_t customer_id = 0;         ///< 0: none (a walk-in sale)
    std::optional<std::string> customer;  ///< username; none for a walk-in sale
    std::optional<std::string> seller;    ///< the staff member of a counter sale
    std::vector<OrderLine> lines;         ///< in the order they were asked for
    std::int64_t total_cents = 0;
    std::int64_t refunded_cents = 0;
    std::string note;
    Micros created_at = 0;
    std::optional<Payment> payment;  ///< counter sales
    std::vector<Refund> refunds;     ///< oldest first
    bool operator==(const Order&) const = default;
};

/// A line as asked for.
struct LineRequest {
    std::int64_t sweet_id = 0;
    std::int64_t amount = 0;
};

/// Who buys and who sells: a customer's own order (seller none), a counter sale to a registered customer, or a
/// walk-in sale (customer none).
struct NewOrder {
    std::vector<LineRequest> lines;
    std::string note;
    std::optional<Actor> customer;
    std::optional<Actor> seller;
    std::optional<Payment> payment;
};

/// A line that cannot be sold in full.
struct Shortage {
    std::int64_t sweet_id = 0;
    std::string name;
    std::int64_t requested = 0;
    std::int64_t available = 0;
    bool operator==(const Shortage&) const = default;
};

/// What placing an order decided, inside its transaction (nothing changed unless Placed).
struct OrderOutcome {
    enum class Kind { Placed, Unavailable, UnknownSweets, TenderedShort };
    Kind kind = Kind::Placed;
    Order order;                        ///< Placed
    std::vector<Shortage> unavailable;  ///< Unavailable: every short line, in the order asked
    std::vector<std::int64_t> unknown;  ///< UnknownSweets: the ids that match no sweet
    std::int64_t total_cents = 0;       ///< TenderedShort: the order's total
    bool operator==(const OrderOutcome&) const = default;
};

struct RefundRequest {
    std::int64_t number = 0;
    std::vector<RefundLine> lines;
    bool restock = false;
    std::string reason;
    Actor actor;
};

/// Why one line of a refund cannot be made.
struct RefundIssue {
    enum class Kind { NotInOrder, TooMany, Gone, Full };
    Kind kind = Kind::TooMany;
    std::int64_t limit = 0;  ///< TooMany: the most still refundable; Full: the most the stock can take back
    bool operator==(const RefundIssue&) const = default;
};

/// What a refund decided (nothing changed unless Done).
struct RefundOutcome {
    enum class Kind { Done, NotFound, Refused };
    Kind kind = Kind::Done;
    Order order;                                     ///< Done: the order after the refund
    std::vector<std::optional<RefundIssue>> issues;  ///< Refused: per requested line (nullopt: that line is fine)
    bool operator==(const RefundOutcome&) const = default;
};

/// Filters of a list of orders, combined with AND.
struct OrderFilter {
    std::optional<std::int64_t> customer_id = {};  ///< a customer's own orders
    std::optional<std::string> customer = {};      ///< by username (staff)
    std::optional<Micros> from = {};               ///< created at or after
    std::optional<Micros> before = {};             ///< created before
    std::optional<OrderStatus> status = {};
};

/// Storage port of orders.
class OrderStore {
  public:
    virtual ~OrderStore() = default;
    /// Sells every line or none, in one transaction (the sweets changed in id order), each line with its ledger
    /// entry; with `key`, the outcome is stored for it (see Idempotency).
    virtual OrderOutcome place(const NewOrder& order, const HeldKey* key) = 0;
    virtual std::optional<Order> find(std::int64_t number) = 0;
    virtual std::int64_t count(const OrderFilter& filter) = 0;
    /// Newest first (by number).
    virtual std::vector<Order> list(const OrderFilter& filter, std::int64_t limit, std::int64_t offset) = 0;
    /// Refunds in one transaction; restocked units go back to stock with their ledger entries.
    virtual RefundOutcome refund(const RefundRequest& refund, const HeldKey* key) = 0;
};

/// The status an order has after refunds.
OrderStatus status_after(const Order& order);

/// The list-level rule of an order's lines (their shape is the http layer's): std::nullopt when fine, else the
/// message for `lines`.
std::optional<std::string> lines_problem(const std::vector<LineRequest>& lines);

/// What identifies "the same request" for an Idempotency-Key.
std::string order_fingerprint(const NewOrder& order);
std::string refund_fingerprint(const RefundRequest& refund);

}  // namespace sweetshop::domain
