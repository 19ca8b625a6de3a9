// Handlers for the catalogue and inventory (contract rows #4 to #11) and the stock check.
#include "domain/money.hpp"
#include "domain/text.hpp"
#include "http/cached.hpp"
#include "http/errors.hpp"
#include "http/fields.hpp"
#include "http/handlers.hpp"
#include "http/json_writer.hpp"
#include "http/params.hpp"

namespace sweetshop::http::handlers {

namespace {
domain::Actor actor(const Context& ctx) {
    return domain::Actor{ctx.user->id, ctx.user->username};
}

std::int64_t sweet_id(const Context& ctx) {
    return path_id(ctx, "id", domain::kSweetNotFound);
}

/// Reads the sweet fields of a create (`partial` false: name, category and price required) or an edit.
domain::SweetInput read_sweet(const Context& ctx, bool partial, domain::FieldErrors& errors) {
    domain::SweetInput in;
    in.name = read_string(ctx.body, "name", errors, {.required = !partial});
    in.category = read_string(ctx.body, "category", errors, {.required = !partial});
    in.description = read_string(ctx.body, "description", errors, {.required = false, .allow_blank = true});
    in.price_cents = read_money(ctx.body, ctx.numbers, "price", errors, !partial);
    in.quantity =
        read_integer(ctx.body, "quantity", errors, {.required = false, .min = 0, .max = domain::kMaxQuantity});
    return in;
}

/// The answer to a purchase or restock outcome, the first time and on a replay of its Idempotency-Key alike.
Response render_stock(const domain::StockOutcome& outcome) {
    using Kind = domain::StockOutcome::Kind;
    switch (outcome.kind) {
        case Kind::Done:
            return ok_text(json::sweet(outcome.sweet));
        case Kind::NotFound:
            return error_response(domain::Error(domain::ErrorCode::NotFound, domain::kSweetNotFound));
        case Kind::Insufficient:
            return error_response(domain::Error(domain::ErrorCode::BadRequest, domain::kInsufficientStock));
        case Kind::Overflow:
            break;
    }
    domain::FieldErrors room;
    room.add("amount", "Ensure this value is less than or equal to " + std::to_string(outcome.headroom) + ".");
    return error_response(domain::Error(std::move(room)));
}

Response change_stock(Context& ctx, domain::StockChange::Kind kind) {
    const auto key = idempotency_key(ctx.request);
    const auto id = sweet_id(ctx);
    domain::FieldErrors errors;
    auto amount = read_integer(ctx.body, "amount", errors, {.required = true, .min = 1, .max = domain::kMaxQuantity});
    if (!errors.empty()) {
        ctx.deps.catalogue.get(id);  // a missing sweet's 404 comes before the amount's errors
        throw domain::Error(std::move(errors));
    }

    const auto result = ctx.deps.inventory.apply({kind, id, *amount, actor(ctx)}, key);
    if (ctx.deps.metrics && kind == domain::StockChange::Kind::Purchase &&
        result.outcome.kind == domain::StockOutcome::Kind::Done && !result.replayed)
        ctx.deps.metrics->count_sale(*amount);
    auto response = render_stock(result.outcome);
    if (result.replayed) response.header("Idempotent-Replayed", "true");
    return response;
}

/// The cache key of a list answer: the parsed listing (filters, ordering, page size, page) in a canonical text,
/// and what its links are made of (the list's URL and the other parameters, encoded one-to-one). Two requests share
/// a key only when their answers are the same.
std::string list_key(const domain::Listing& listing, const std::string& url, const std::string& others) {
    return "list " + domain::canonical_key(listing) + " " + url + "?" + others;
}
}  // namespace

Response list_sweets(Context& ctx) {
    const auto& r = ctx.request;
    domain::ListingParams params{query_text(r, "name"),      query_text(r, "category"), query_text(r, "min_price"),
                                 query_text(r, "max_price"), query_text(r, "ordering"), query_text(r, "page_size"),
                                 query_text(r, "page")};
    const auto listing = domain::parse_listing(params);
    const auto url = list_url(ctx);
    const auto others = other_parameters(r);
    return cached(ctx, list_key(listing, url, others), [&] {
        const auto page = ctx.deps.catalogue.list(listing);
        const auto links = page_links(url, others, page.page, page.pages);
        return json::page(page, links.next, links.previous);
    });
}

Response get_sweet(Context& ctx) {
    const auto id = sweet_id(ctx);
    return cached(ctx, "sweet " + std::to_string(id), [&] { return json::sweet(ctx.deps.catalogue.get(id)); });
}

Response create_sweet(Context& ctx) {
    domain::FieldErrors errors;
    auto input = read_sweet(ctx, false, errors);
    return created_text(json::sweet(ctx.deps.catalogue.create(input, actor(ctx), std::move(errors))));
}

Response replace_sweet(Context& ctx) {
    const auto id = sweet_id(ctx);
    domain::FieldErrors errors;
    auto input = read_sweet(ctx, false, errors);
    return ok_text(json::sweet(ctx.deps.catalogue.update(id, input, actor(ctx), std::move(errors))));
}

Response patch_sweet(Context& ctx) {
    const auto id = sweet_id(ctx);
    domain::FieldErrors errors;
    auto input = read_sweet(ctx, true, errors);
    return ok_text(json::sweet(ctx.deps.catalogue.update(id, input, actor(ctx), std::move(errors))));
}

Response delete_sweet(Context& ctx) {
    ctx.deps.catalogue.remove(sweet_id(ctx), actor(ctx));
    return no_content();
}

Response purchase_sweet(Context& ctx) {
    return change_stock(ctx, domain::StockChange::Kind::Purchase);
}

Response restock_sweet(Context& ctx) {
    return change_stock(ctx, domain::StockChange::Kind::Restock);
}

Response verify_stock(Context& ctx) {
    const auto report = ctx.deps.inventory.verify();
    Json mismatches = Json::array();
    for (const auto& m : report.mismatches)
        mismatches.push_back(
            Json{{"sweet_id", m.sweet_id}, {"name", m.name}, {"quantity", m.quantity}, {"ledger_sum", m.ledger_sum}});
    Json sales = Json::array();
    for (const auto& m : report.sales_mismatches)
        sales.push_back(Json{{"sweet_id", m.sweet_id},
                             {"name", m.name},
                             {"sold", m.sold},
                             {"ledger_sold", m.ledger_sold},
                             {"restocked", m.restocked},
                             {"ledger_restocked", m.ledger_restocked}});
    return ok(Json{
        {"ok", report.ok()}, {"checked", report.checked}, {"mismatches", mismatches}, {"sales_mismatches", sales}});
}

}  // namespace sweetshop::http::handlers
