#include "storage/outcome_codec.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace sweetshop::storage {

namespace {
using domain::StockOutcome;
using nlohmann::json;

constexpr std::pair<StockOutcome::Kind, const char*> kStockKinds[] = {
    {StockOutcome::Kind::Done, "done"},
    {StockOutcome::Kind::NotFound, "not_found"},
    {StockOutcome::Kind::Insufficient, "insufficient"},
    {StockOutcome::Kind::Overflow, "overflow"},
};

/// A kind's name in its table, and back (a name the table does not hold is refused).
template <class E, std::size_t N>
const char* kind_name(const std::pair<E, const char*> (&kinds)[N], E kind) {
    for (const auto& [k, name] : kinds)
        if (k == kind) return name;
    return "";
}

template <class E, std::size_t N>
E kind_value(const std::pair<E, const char*> (&kinds)[N], const json& j) {
    const auto text = j.at("kind").get<std::string>();
    for (const auto& [k, name] : kinds)
        if (text == name) return k;
    throw std::runtime_error("stored outcome: unknown kind " + text);
}

json sweet_json(const domain::Sweet& s) {
    return json{{"id", s.id},
                {"name", s.name},
                {"category", s.category},
                {"description", s.description},
                {"price_cents", s.price_cents},
                {"quantity", s.quantity},
                {"created_by", s.created_by},
                {"created_at", s.created_at},
                {"updated_at", s.updated_at},
                {"reorder_level", s.reorder_level},
                {"reorder_quantity", s.reorder_quantity},
                {"cost_cents", s.cost_cents ? json(*s.cost_cents) : json(nullptr)},
                {"active", s.active}};
}

domain::Sweet sweet_value(const json& j) {
    const domain::Sweet sweet{j.at("id").get<std::int64_t>(),          j.at("name").get<std::string>(),
                              j.at("category").get<std::string>(),     j.at("description").get<std::string>(),
                              j.at("price_cents").get<std::int64_t>(), j.at("quantity").get<std::int64_t>(),
                              j.at("created_by").get<std::string>(),   j.at("created_at").get<std::int64_t>(),
                              j.at("updated_at").get<std::int64_t>()};
    // Outcomes stored before stock control have none of these: a sweet then had the defaults.
    domain::Sweet s = sweet;
    s.reorder_level = j.value("reorder_level", std::int64_t{0});
    s.reorder_quantity = j.value("reorder_quantity", std::int64_t{0});
    if (auto it = j.find("cost_cents"); it != j.end() && it->is_number_integer())
        s.cost_cents = it->get<std::int64_t>();
    s.active = j.value("active", true);
    return s;
}

json encode(const StockOutcome& o) {
    json j{{"type", "stock"}, {"kind", kind_name(kStockKinds, o.kind)}};
    if (o.kind == StockOutcome::Kind::Done) j["sweet"] = sweet_json(o.sweet);
    if (o.kind == StockOutcome::Kind::Overflow) j["headroom"] = o.headroom;
    if (o.available) j["available"] = *o.available;
    return j;
}

using domain::Order;
using domain::OrderOutcome;
using domain::RefundOutcome;

constexpr std::pair<OrderOutcome::Kind, const char*> kOrderKinds[] = {
    {OrderOutcome::Kind::Placed, "placed"},
    {OrderOutcome::Kind::Unavailable, "unavailable"},
    {OrderOutcome::Kind::UnknownSweets, "unknown"},
    {OrderOutcome::Kind::TenderedShort, "tendered_short"},
};
constexpr std::pair<domain::RefundIssue::Kind, const char*> kIssueKinds[] = {
    {domain::RefundIssue::Kind::NotInOrder, "not_in_order"},
    {domain::RefundIssue::Kind::TooMany, "too_many"},
    {domain::RefundIssue::Kind::Gone, "gone"},
    {domain::RefundIssue::Kind::Full, "full"},
};
constexpr std::pair<RefundOutcome::Kind, const char*> kRefundKinds[] = {
    {RefundOutcome::Kind::Done, "done"},
    {RefundOutcome::Kind::NotFound, "not_found"},
    {RefundOutcome::Kind::Refused, "refused"},
};

template <class T>
T known(const std::optional<T>& value, const char* what) {
    if (!value) throw std::runtime_error(std::string("stored outcome: unknown ") + what);
    return *value;
}

json optional_text(const std::optional<std::string>& s) {
    return s ? json(*s) : json(nullptr);
}
std::optional<std::string> optional_text(const json& j) {
    return j.is_null() ? std::nullopt : std::optional<std::string>(j.get<std::string>());
}

json order_json(const Order& o) {
    json lines = json::array();
    for (const auto& l : o.lines)
        lines.push_back({l.sweet_id, l.name, l.unit_price_cents, l.amount, l.refunded, domain::unit_name(l.unit)});
    json refunds = json::array();
    for (const auto& r : o.refunds) {
        json rl = json::array();
        for (const auto& l : r.lines)
            rl.push_back({l.sweet_id, l.amount});
        refunds.push_back({{"at", r.at},
                           {"by", r.by},
                           {"reason", r.reason},
                           {"restock", r.restock},
                           {"lines", rl},
                           {"total", r.total_cents}});
    }
    json payment = nullptr;
    if (o.payment)
        payment = {{"method", domain::method_name(o.payment->method)},
                   {"tendered", o.payment->tendered_cents ? json(*o.payment->tendered_cents) : json(nullptr)}};
    return {{"number", o.number},
            {"status", domain::status_name(o.status)},
            {"customer_id", o.customer_id},
            {"customer", optional_text(o.customer)},
            {"seller", optional_text(o.seller)},
            {"lines", lines},
            {"total", o.total_cents},
            {"refunded", o.refunded_cents},
            {"note", o.note},
            {"created_at", o.created_at},
            {"payment", payment},
            {"refunds", refunds}};
}

Order order_value(const json& j) {
    Order o;
    o.number = j.at("number").get<std::int64_t>();
    o.status = known(domain::parse_order_status(j.at("status").get<std::string>()), "order status");
    o.customer_id = j.at("customer_id").get<std::int64_t>();
    o.customer = optional_text(j.at("customer"));
    o.seller = optional_text(j.at("seller"));
    for (const auto& l : j.at("lines")) {
        domain::OrderLine line{l.at(0).get<std::int64_t>(), l.at(1).get<std::string>(), l.at(2).get<std::int64_t>(),
                               l.at(3).get<std::int64_t>(), l.at(4).get<std::int64_t>()};
        // Outcomes stored before weights have five fields: their lines are by the piece.
        if (l.size() > 5) line.unit = domain::parse_unit(l.at(5).get<std::string>()).value_or(domain::Unit::Piece);
        o.lines.push_back(std::move(line));
    }
    o.total_cents = j.at("total").get<std::int64_t>();
    o.refunded_cents = j.at("refunded").get<std::int64_t>();
    o.note = j.at("note").get<std::string>();
    o.created_at = j.at("created_at").get<std::int64_t>();
    if (const auto& p = j.at("payment"); !p.is_null()) {
        domain::Payment payment;
        payment.method = known(domain::parse_payment_method(p.at("method").get<std::string>()), "payment method");
        if (!p.at("tendered").is_null()) payment.tendered_cents = p.at("tendered").get<std::int64_t>();
        o.payment = payment;
    }
    for (const auto& r : j.at("refunds")) {
        domain::Refund refund;
        refund.at = r.at("at").get<std::int64_t>();
        refund.by = r.at("by").get<std::string>();
        refund.reason = r.at("reason").get<std::string>();
        refund.restock = r.at("restock").get<bool>();
        for (const auto& l : r.at("lines"))
            refund.lines.push_back({l.at(0).get<std::int64_t>(), l.at(1).get<std::int64_t>()});
        refund.total_cents = r.at("total").get<std::int64_t>();
        o.refunds.push_back(std::move(refund));
    }
    return o;
}

json encode(const OrderOutcome& o) {
    json j{{"type", "order"}, {"kind", kind_name(kOrderKinds, o.kind)}};
    switch (o.kind) {
        case OrderOutcome::Kind::Placed:
            j["order"] = order_json(o.order);
            break;
        case OrderOutcome::Kind::Unavailable: {
            json list = json::array();
            for (const auto& s : o.unavailable)
                list.push_back({s.sweet_id, s.name, s.requested, s.available});
            j["unavailable"] = list;
            break;
        }
        case OrderOutcome::Kind::UnknownSweets:
            j["unknown"] = o.unknown;
            break;
        case OrderOutcome::Kind::TenderedShort:
            j["total"] = o.total_cents;
            break;
    }
    return j;
}

OrderOutcome decode_order(const json& j) {
    OrderOutcome o;
    o.kind = kind_value(kOrderKinds, j);
    if (j.contains("order")) o.order = order_value(j.at("order"));
    if (j.contains("unavailable"))
        for (const auto& s : j.at("unavailable"))
            o.unavailable.push_back({s.at(0).get<std::int64_t>(), s.at(1).get<std::string>(),
                                     s.at(2).get<std::int64_t>(), s.at(3).get<std::int64_t>()});
    if (j.contains("unknown")) o.unknown = j.at("unknown").get<std::vector<std::int64_t>>();
    if (j.contains("total")) o.total_cents = j.at("total").get<std::int64_t>();
    return o;
}

json encode(const RefundOutcome& o) {
    json j{{"type", "refund"}, {"kind", kind_name(kRefundKinds, o.kind)}};
    if (o.kind == RefundOutcome::Kind::Done) j["order"] = order_json(o.order);
    if (o.kind == RefundOutcome::Kind::Refused) {
        json issues = json::array();
        for (const auto& i : o.issues)
            issues.push_back(i ? json{{"kind", kind_name(kIssueKinds, i->kind)}, {"limit", i->limit}} : json(nullptr));
        j["issues"] = issues;
    }
    return j;
}

RefundOutcome decode_refund(const json& j) {
    RefundOutcome o;
    o.kind = kind_value(kRefundKinds, j);
    if (j.contains("order")) o.order = order_value(j.at("order"));
    if (j.contains("issues"))
        for (const auto& i : j.at("issues"))
            o.issues.push_back(i.is_null() ? std::nullopt
                                           : std::optional<domain::RefundIssue>(domain::RefundIssue{
                                                 kind_value(kIssueKinds, i), i.at("limit").get<std::int64_t>()}));
    return o;
}

StockOutcome decode_stock(const json& j) {
    StockOutcome o;
    o.kind = kind_value(kStockKinds, j);
    if (o.kind == StockOutcome::Kind::Done) o.sweet = sweet_value(j.at("sweet"));
    if (o.kind == StockOutcome::Kind::Overflow) o.headroom = j.at("headroom").get<std::int64_t>();
    if (auto it = j.find("available"); it != j.end() && it->is_number_integer()) o.available = it->get<std::int64_t>();
    return o;
}
}  // namespace

std::string encode_outcome(const domain::RecordedOutcome& outcome) {
    return std::visit([](const auto& o) { return encode(o).dump(); }, outcome);
}

domain::RecordedOutcome decode_outcome(const std::string& text) {
    try {
        const auto j = json::parse(text);
        const auto type = j.at("type").get<std::string>();
        if (type == "stock") return decode_stock(j);
        if (type == "order") return decode_order(j);
        if (type == "refund") return decode_refund(j);
        throw std::runtime_error("stored outcome: unknown type " + type);
    } catch (const json::exception& e) {
        throw std::runtime_error(std::string("stored outcome: ") + e.what());
    }
}

}  // namespace sweetshop::storage
