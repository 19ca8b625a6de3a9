// Handlers for orders: place (a basket, or a counter sale by staff), list, read, refund, and the printable receipt.
#include <algorithm>
#include <charconv>

#include "domain/money.hpp"
#include "domain/order_service.hpp"
#include "domain/text.hpp"
#include "domain/time_zone.hpp"
#include "http/errors.hpp"
#include "http/fields.hpp"
#include "http/handlers.hpp"
#include "http/params.hpp"
#include "http/receipt.hpp"

namespace sweetshop::http::handlers {

namespace {
using domain::FieldErrors;

std::int64_t order_number(const Context& ctx) {
    return path_id(ctx, "number", domain::kOrderNotFound);
}

Json money(std::int64_t cents) {
    return domain::format_money(cents);
}

Json optional_text(const std::optional<std::string>& text) {
    return text ? Json(*text) : Json(nullptr);
}

Json order_json(const domain::Order& o) {
    Json lines = Json::array();
    for (const auto& l : o.lines)
        lines.push_back({{"sweet", l.sweet_id},
                         {"name", l.name},
                         {"unit_price", money(l.unit_price_cents)},
                         {"amount", l.amount},
                         {"total", money(l.total_cents())},
                         {"refunded", l.refunded},
                         {"unit", domain::unit_name(l.unit)}});
    Json payment = nullptr;
    if (o.payment) {
        payment = {{"method", domain::method_name(o.payment->method)}, {"tendered", nullptr}, {"change", nullptr}};
        if (o.payment->tendered_cents) {
            payment["tendered"] = money(*o.payment->tendered_cents);
            payment["change"] = money(*o.payment->tendered_cents - o.total_cents);
        }
    }
    Json refunds = Json::array();
    for (const auto& r : o.refunds) {
        Json refund_lines = Json::array();
        for (const auto& l : r.lines)
            refund_lines.push_back({{"sweet", l.sweet_id}, {"amount", l.amount}});
        refunds.push_back({{"at", domain::format_timestamp(r.at)},
                           {"by", r.by},
                           {"reason", r.reason},
                           {"restock", r.restock},
                           {"lines", refund_lines},
                           {"total", money(r.total_cents)}});
    }
    return {{"number", std::to_string(o.number)},
            {"status", domain::status_name(o.status)},
            {"customer", optional_text(o.customer)},
            {"seller", optional_text(o.seller)},
            {"lines", lines},
            {"total", money(o.total_cents)},
            {"refunded_total", money(o.refunded_cents)},
            {"note", o.note},
            {"created_at", domain::format_timestamp(o.created_at)},
            {"payment", payment},
            {"refunds", refunds}};
}

/// An order's or a refund's {sweet, amount} lines, and the order rules over them.
template <class Line>
void read_lines(const BodyJson& body, FieldErrors& errors, std::vector<Line>& out) {
    if (!read_sweet_lines(body, {.name = "lines", .max_items = domain::kMaxOrderLines}, errors, out)) return;
    std::vector<domain::LineRequest> requests;
    for (const auto& l : out)
        requests.push_back({l.sweet_id, l.amount});
    if (auto problem = domain::lines_problem(requests)) errors.add("lines", *problem);
}

/// `customer`: absent (the buyer's own order), null (a walk-in counter sale) or a username.
std::optional<std::optional<std::string>> read_customer(const BodyJson& body, FieldErrors& errors) {
    auto it = body.find("customer");
    if (it == body.end()) return std::nullopt;
    if (it->is_null()) return std::optional<std::string>{};
    if (!it->is_string()) {
        errors.add("customer", "Not a valid string.");
        return std::optional<std::string>{};
    }
    return std::optional<std::string>{domain::trim(it->get<std::string>())};
}

/// `payment` of a counter sale: {"method": "cash"|"card"|"other", "tendered": money (cash only)}.
std::optional<domain::Payment> read_payment(const BodyJson& body, bool counter_sale, FieldErrors& errors) {
    auto it = body.find("payment");
    if (it == body.end() || it->is_null()) {
        if (counter_sale) errors.add("payment", "This field is required.");
        return std::nullopt;
    }
    if (!counter_sale) {
        errors.add("payment", "Only a counter sale (with \"customer\") records a payment.");
        return std::nullopt;
    }
    if (!it->is_object()) {
        FieldErrors nested;
        nested.add("non_field_errors",
                   std::string("Invalid data. Expected a dictionary, but got ") + python_type_name(*it) + ".");
        errors.add_object("payment", std::move(nested));
        return std::nullopt;
    }
    FieldErrors nested;
    domain::Payment payment;
    auto method = read_string(*it, "method", nested);
    if (method) {
        if (auto m = domain::parse_payment_method(*method))
            payment.method = *m;
        else
            nested.add("method", "\"" + *method + "\" is not a valid choice.");
    }
    payment.tendered_cents = read_money(*it, {}, "tendered", nested, false);
    if (payment.tendered_cents && method && payment.method != domain::PaymentMethod::Cash)
        nested.add("tendered", "Only cash is tendered.");
    if (!nested.empty()) {
        errors.add_object("payment", std::move(nested));
        return std::nullopt;
    }
    return payment;
}

/// The answer to a placing outcome for `lines` (as asked), the first time and on a replay alike.
Response render_placed(const domain::OrderOutcome& outcome, const std::vector<domain::LineRequest>& lines) {
    using Kind = domain::OrderOutcome::Kind;
    switch (outcome.kind) {
        case Kind::Placed:
            return created(order_json(outcome.order));
        case Kind::Unavailable: {
            Json unavailable = Json::array();
            for (const auto& s : outcome.unavailable)
                unavailable.push_back(
                    {{"sweet", s.sweet_id}, {"name", s.name}, {"requested", s.requested}, {"available", s.available}});
            // The contract's {"detail"} refusal, with every short line after it.
            auto r = error_response(domain::Error(domain::ErrorCode::BadRequest, domain::kInsufficientStock));
            r.body = Json{{"detail", domain::kInsufficientStock}, {"unavailable", unavailable}}.dump();
            return r;
        }
        case Kind::UnknownSweets: {
            std::vector<FieldErrors> items;  // aligned with the lines asked for
            for (const auto& line : lines) {
                FieldErrors e;
                const auto& unknown = outcome.unknown;
                if (std::find(unknown.begin(), unknown.end(), line.sweet_id) != unknown.end())
                    e.add("sweet", "Invalid pk \"" + std::to_string(line.sweet_id) + "\" - object does not exist.");
                items.push_back(std::move(e));
            }
            FieldErrors errors;
            errors.add_items("lines", std::move(items));
            return error_response(domain::Error(std::move(errors)));
        }
        case Kind::TenderedShort:
            break;
    }
    FieldErrors tendered;
    tendered.add("tendered",
                 "Ensure this value is greater than or equal to " + domain::format_money(outcome.total_cents) + ".");
    FieldErrors errors;
    errors.add_object("payment", std::move(tendered));
    return error_response(domain::Error(std::move(errors)));
}
}  // namespace

Response place_order(Context& ctx) {
    const auto key = idempotency_key(ctx.request);
    FieldErrors errors;
    const auto customer = read_customer(ctx.body, errors);
    if (customer && !ctx.user->is_staff)
        throw domain::Error(domain::ErrorCode::PermissionDenied, domain::kCounterSaleForbidden);
    domain::NewOrder order;
    read_lines(ctx.body, errors, order.lines);
    if (auto note = read_string(ctx.body, "note", errors, {.required = false, .allow_blank = true})) {
        if (domain::char_count(*note) > domain::kOrderNoteMaxChars)
            errors.add("note", "Ensure this field has no more than " + std::to_string(domain::kOrderNoteMaxChars) +
                                   " characters.");
        order.note = *note;
    }
    order.payment = read_payment(ctx.body, customer.has_value(), errors);
    ctx.deps.orders.assign_parties(order, *ctx.user, customer, errors);
    errors.order({"lines", "note", "customer", "payment"});
    if (!errors.empty()) throw domain::Error(std::move(errors));

    const auto result = ctx.deps.orders.place(order, ctx.user->id, key);
    auto response = render_placed(result.outcome, order.lines);
    if (ctx.deps.metrics && result.outcome.kind == domain::OrderOutcome::Kind::Placed && !result.replayed)
        for (const auto& line : result.outcome.order.lines)
            ctx.deps.metrics->count_sale(line.amount);
    if (result.replayed) response.header("Idempotent-Replayed", "true");
    return response;
}

Response list_orders(Context& ctx) {
    const auto& r = ctx.request;
    domain::OrderListing listing;
    FieldErrors errors;
    if (auto customer = query_text(r, "customer"); !customer.empty()) listing.filter.customer = customer;
    const auto& zone = *ctx.deps.settings.time_zone;
    if (auto from = query_date(r, "from", errors)) listing.filter.from = zone.start_of(*from);
    if (auto to = query_date(r, "to", errors)) listing.filter.before = zone.end_of(*to);
    if (auto status = query_text(r, "status"); !status.empty()) {
        listing.filter.status = domain::parse_order_status(status);
        if (!listing.filter.status)
            errors.add("status", "Select a valid choice. " + status + " is not one of the available choices.");
    }
    domain::parse_page_size(query_text(r, "page_size"), listing.page_size, errors);
    if (!errors.empty()) throw domain::Error(std::move(errors));
    listing.page = domain::parse_page(query_text(r, "page"));

    const auto page = ctx.deps.orders.list(listing, *ctx.user);
    Json results = Json::array();
    for (const auto& o : page.items)
        results.push_back(order_json(o));
    return ok(page_answer(ctx, page.count, page.page, page.pages, std::move(results)));
}

Response get_order(Context& ctx) {
    return ok(order_json(ctx.deps.orders.get(order_number(ctx), *ctx.user)));
}

Response refund_order(Context& ctx) {
    const auto key = idempotency_key(ctx.request);
    domain::RefundRequest refund;
    refund.number = order_number(ctx);
    refund.actor = actor_of(ctx);
    FieldErrors errors;
    read_lines(ctx.body, errors, refund.lines);
    if (auto it = ctx.body.find("restock"); it == ctx.body.end())
        errors.add("restock", "This field is required.");
    else if (!it->is_boolean())
        errors.add("restock", "Must be a valid boolean.");
    else
        refund.restock = it->get<bool>();
    if (auto reason = read_string(ctx.body, "reason", errors)) {
        if (domain::char_count(*reason) > domain::kRefundReasonMaxChars)
            errors.add("reason", "Ensure this field has no more than " + std::to_string(domain::kRefundReasonMaxChars) +
                                     " characters.");
        refund.reason = *reason;
    }
    errors.order({"lines", "restock", "reason"});
    if (!errors.empty()) {
        ctx.deps.orders.get(refund.number, *ctx.user);  // a missing order's 404 comes before the body's errors
        throw domain::Error(std::move(errors));
    }

    auto result = ctx.deps.orders.refund(refund, *ctx.user, key);
    Response response;
    using Kind = domain::RefundOutcome::Kind;
    switch (result.outcome.kind) {
        case Kind::Done:
            response = ok(order_json(result.outcome.order));
            break;
        case Kind::NotFound:
            response = error_response(domain::Error(domain::ErrorCode::NotFound, domain::kOrderNotFound));
            break;
        case Kind::Refused: {
            std::vector<FieldErrors> items;
            for (const auto& issue : result.outcome.issues) {
                FieldErrors e;
                using Issue = domain::RefundIssue::Kind;
                if (issue && issue->kind == Issue::NotInOrder) e.add("sweet", "This sweet is not in the order.");
                if (issue && issue->kind == Issue::Gone)
                    e.add("sweet", "This sweet is no longer in the catalogue: refund it without restocking.");
                if (issue && (issue->kind == Issue::TooMany || issue->kind == Issue::Full))
                    e.add("amount", "Ensure this value is less than or equal to " + std::to_string(issue->limit) + ".");
                items.push_back(std::move(e));
            }
            FieldErrors lines;
            lines.add_items("lines", std::move(items));
            response = error_response(domain::Error(std::move(lines)));
            break;
        }
    }
    if (result.replayed) response.header("Idempotent-Replayed", "true");
    return response;
}

Response order_receipt(Context& ctx) {
    const auto order = ctx.deps.orders.get(order_number(ctx), *ctx.user);
    Response r;
    r.content_type = "text/html; charset=utf-8";
    r.header("Content-Security-Policy", kReceiptPolicy);
    r.header("Referrer-Policy", "same-origin");
    r.body = receipt_html(order, ReceiptShop{ctx.deps.settings.shop_name, ctx.deps.settings.shop_address},
                          *ctx.deps.settings.time_zone);
    return r;
}

Response receipt_css(Context&) {
    Response r;
    r.content_type = "text/css; charset=utf-8";
    r.body = kReceiptCss;
    r.header("Cache-Control", "public, max-age=3600");
    return r;
}

}  // namespace sweetshop::http::handlers
