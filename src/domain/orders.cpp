#include "domain/orders.hpp"

#include <algorithm>
#include <set>

#include "domain/names.hpp"

namespace sweetshop::domain {

namespace {
constexpr std::pair<OrderStatus, std::string_view> kStatuses[] = {
    {OrderStatus::Paid, "paid"},
    {OrderStatus::PartiallyRefunded, "partially_refunded"},
    {OrderStatus::Refunded, "refunded"},
};
constexpr std::pair<PaymentMethod, std::string_view> kMethods[] = {
    {PaymentMethod::Cash, "cash"},
    {PaymentMethod::Card, "card"},
    {PaymentMethod::Other, "other"},
};

/// " <id>x<amount>" per line.
template <class Line>
void append_lines(std::string& out, const std::vector<Line>& lines) {
    for (const auto& l : lines) {
        out += ' ';
        out += std::to_string(l.sweet_id);
        out += 'x';
        out += std::to_string(l.amount);
    }
}

/// Length-prefixed, so that no two different texts give the same fingerprint.
void append_text(std::string& out, const std::string& s) {
    out += std::to_string(s.size());
    out += ':';
    out += s;
}
}  // namespace

std::string_view status_name(OrderStatus status) {
    return name_of(kStatuses, status);
}
std::optional<OrderStatus> parse_order_status(std::string_view text) {
    return parse_name(kStatuses, text);
}
std::string_view method_name(PaymentMethod method) {
    return name_of(kMethods, method);
}
std::optional<PaymentMethod> parse_payment_method(std::string_view text) {
    return parse_name(kMethods, text);
}

OrderStatus status_after(const Order& order) {
    if (std::all_of(order.lines.begin(), order.lines.end(), [](const OrderLine& l) { return l.refunded == 0; }))
        return OrderStatus::Paid;
    const bool all =
        std::all_of(order.lines.begin(), order.lines.end(), [](const OrderLine& l) { return l.refunded == l.amount; });
    return all ? OrderStatus::Refunded : OrderStatus::PartiallyRefunded;
}

std::optional<std::string> lines_problem(const std::vector<LineRequest>& lines) {
    if (lines.empty()) return std::string("This list may not be empty.");
    if (lines.size() > kMaxOrderLines)
        return "Ensure this field has no more than " + std::to_string(kMaxOrderLines) + " elements.";
    std::set<std::int64_t> seen;
    for (const auto& l : lines)
        if (!seen.insert(l.sweet_id).second) return std::string("Each sweet may appear only once.");
    return std::nullopt;
}

std::string order_fingerprint(const NewOrder& order) {
    std::string out = "order";
    append_lines(out, order.lines);
    out += " note ";
    append_text(out, order.note);
    out += " customer ";
    if (order.customer)
        append_text(out, order.customer->username);
    else
        out += '-';
    out += order.seller ? " counter" : " own";
    if (order.payment) {
        out += " paid ";
        out += method_name(order.payment->method);
        if (order.payment->tendered_cents) {
            out += ' ';
            out += std::to_string(*order.payment->tendered_cents);
        }
    }
    return out;
}

std::string refund_fingerprint(const RefundRequest& refund) {
    std::string out = "refund ";
    out += std::to_string(refund.number);
    append_lines(out, refund.lines);
    out += refund.restock ? " restock " : " write-off ";
    append_text(out, refund.reason);
    return out;
}

}  // namespace sweetshop::domain
