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
std::int64_t sweet_id(const Context& ctx) {
    return path_id(ctx, "id", domain::kSweetNotFound);
}

bool is_staff(const Context& ctx) {
    return ctx.user && ctx.user->is_staff;
}

json::View view(const Context& ctx) {
    return json::view_for(ctx.user ? &*ctx.user : nullptr);
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
    in.reorder_level =
        read_integer(ctx.body, "reorder_level", errors, {.required = false, .min = 0, .max = domain::kMaxQuantity});
    in.reorder_quantity =
        read_integer(ctx.body, "reorder_quantity", errors, {.required = false, .min = 0, .max = domain::kMaxQuantity});
    if (ctx.body.contains("cost") && !ctx.user->is_owner())
        throw domain::Error(domain::ErrorCode::PermissionDenied, domain::kCostsForOwners);
    if (auto it = ctx.body.find("cost"); it != ctx.body.end() && it->is_null())
        in.cost_cents = std::optional<std::int64_t>{};  // null clears the cost
    else if (auto cost = read_money(ctx.body, ctx.numbers, "cost", errors, false))
        in.cost_cents = cost;
    in.active = read_boolean(ctx.body, "active", errors, false);
    if (auto unit = read_string(ctx.body, "unit", errors, {.required = false})) {
        in.unit = domain::parse_unit(*unit);
        if (!in.unit) errors.add("unit", choice_message(*unit));
    }
    // The codes: null or blank clears one.
    for (auto [field, code] : {std::pair{"sku", &in.sku}, std::pair{"barcode", &in.barcode}}) {
        if (auto it = ctx.body.find(field); it != ctx.body.end() && it->is_null())
            *code = std::optional<std::string>{};
        else if (auto text = read_string(ctx.body, field, errors, {.required = false, .allow_blank = true}))
            *code = std::move(text);
    }
    return in;
}

/// The answer to a purchase or restock outcome, the first time and on a replay of its Idempotency-Key alike.
Response render_stock(const domain::StockOutcome& outcome, json::View view) {
    using Kind = domain::StockOutcome::Kind;
    switch (outcome.kind) {
        case Kind::Done:
            return ok_text(json::sweet(outcome.sweet, view));
        case Kind::NotFound:
            return error_response(domain::Error(domain::ErrorCode::NotFound, domain::kSweetNotFound));
        case Kind::Insufficient: {
            auto r = error_response(domain::Error(domain::ErrorCode::BadRequest, domain::kInsufficientStock));
            // What is for sale, after the contract's detail (additive), so that a client can offer it.
            if (outcome.available)
                r.body = Json{{"detail", domain::kInsufficientStock}, {"available", *outcome.available}}.dump();
            return r;
        }
        case Kind::Overflow:
            break;
    }
    domain::FieldErrors room;
    room.add("amount", "Ensure this value is less than or equal to " + std::to_string(outcome.headroom) + ".");
    return error_response(domain::Error(std::move(room)));
}

/// A restock's batch: `best_before` (YYYY-MM-DD, today or later; null or absent: undated) and `lot`.
void read_batch(const Context& ctx, domain::StockChange& change, domain::FieldErrors& errors) {
    if (auto it = ctx.body.find("best_before"); it != ctx.body.end() && !it->is_null()) {
        auto text = read_string(ctx.body, "best_before", errors);
        auto date = text ? domain::parse_local_date(*text) : std::nullopt;
        if (text && !date)
            errors.add("best_before", "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.");
        else if (date) {
            if (auto refused = ctx.deps.perishables.refuse_best_before(*date)) errors.add("best_before", *refused);
            change.best_before = date;
            change.expires_at = ctx.deps.perishables.expires_at(*date);
        }
    }
    if (auto lot = read_string(ctx.body, "lot", errors, {.required = false, .allow_blank = true})) {
        if (domain::char_count(*lot) > domain::kLotMaxChars)
            errors.add("lot",
                       "Ensure this field has no more than " + std::to_string(domain::kLotMaxChars) + " characters.");
        change.lot = std::move(*lot);
    }
}

Response change_stock(Context& ctx, domain::StockChange::Kind kind) {
    const auto key = idempotency_key(ctx.request);
    const auto id = sweet_id(ctx);
    domain::FieldErrors errors;
    auto amount = read_integer(ctx.body, "amount", errors, {.required = true, .min = 1, .max = domain::kMaxQuantity});
    domain::StockChange change{kind, id, amount.value_or(0), actor_of(ctx)};
    if (kind == domain::StockChange::Kind::Restock) read_batch(ctx, change, errors);
    if (!errors.empty()) {
        ctx.deps.catalogue.get(id);  // a missing sweet's 404 comes before the amount's errors
        throw domain::Error(std::move(errors));
    }

    const auto result = ctx.deps.inventory.apply(change, key);
    if (ctx.deps.metrics && kind == domain::StockChange::Kind::Purchase &&
        result.outcome.kind == domain::StockOutcome::Kind::Done && !result.replayed)
        ctx.deps.metrics->count_sale(*amount);
    auto response = render_stock(result.outcome, view(ctx));
    if (result.replayed) response.header("Idempotent-Replayed", "true");
    return response;
}

/// The cache key of a list answer: the parsed listing (filters, ordering, page size, page) in a canonical text,
/// and what its links are made of (the list's URL and the other parameters, encoded one-to-one). Two requests share
/// a key only when their answers are the same.
std::string list_key(const domain::Listing& listing, const std::string& url, const std::string& others,
                     json::View view) {
    return std::string(json::view_prefix(view)) + "list " + domain::canonical_key(listing) + " " + url + "?" + others;
}

/// The list's query parameters; staff's own filters only for staff (customers see the sweets on sale, whatever they
/// ask).
domain::ListingParams listing_params(const Context& ctx, bool staff) {
    const auto& r = ctx.request;
    domain::ListingParams params{query_text(r, "name"),      query_text(r, "category"), query_text(r, "min_price"),
                                 query_text(r, "max_price"), query_text(r, "ordering"), query_text(r, "page_size"),
                                 query_text(r, "page")};
    params.q = query_text(r, "q");
    params.sku = query_text(r, "sku");
    params.barcode = query_text(r, "barcode");
    if (staff) {
        params.active = query_text(r, "active");
        params.stock = query_text(r, "stock");
    }
    return params;
}

/// A page of `listing` as `shown`, cached per data version.
Response list_page(Context& ctx, const domain::Listing& listing, json::View shown) {
    const auto url = list_url(ctx);
    const auto others = other_parameters(ctx.request);
    return cached(ctx, list_key(listing, url, others, shown), [&] {
        const auto page = ctx.deps.catalogue.list(listing);
        const auto links = page_links(url, others, page.page, page.pages);
        return json::page(page, links.next, links.previous, shown);
    });
}

/// The storefront's routes answer 404 when SWEETSHOP_STOREFRONT is off.
void require_storefront(const Context& ctx) {
    if (!ctx.deps.settings.storefront) throw domain::Error(domain::ErrorCode::NotFound, domain::kNotFound);
}
}  // namespace

Response list_sweets(Context& ctx) {
    auto listing = domain::parse_listing(listing_params(ctx, is_staff(ctx)));
    if (!is_staff(ctx)) listing.filter.active = true;
    return list_page(ctx, listing, view(ctx));
}

Response storefront_sweets(Context& ctx) {
    require_storefront(ctx);
    auto params = listing_params(ctx, false);
    // People's order of names unless the visitor asks for another (a search: its best matches first).
    if (params.ordering.empty() && params.q.empty()) params.ordering = "alphabetical";
    auto listing = domain::parse_listing(params);
    listing.filter.active = true;
    return list_page(ctx, listing, json::View::Storefront);
}

Response storefront_sweet(Context& ctx) {
    require_storefront(ctx);
    const auto id = sweet_id(ctx);
    return cached(ctx, "storefront sweet " + std::to_string(id), [&] {
        const auto sweet = ctx.deps.catalogue.get(id);
        if (!sweet.active) throw domain::Error(domain::ErrorCode::NotFound, domain::kSweetNotFound);
        return json::sweet(sweet, json::View::Storefront);
    });
}

Response get_sweet(Context& ctx) {
    const auto id = sweet_id(ctx);
    const auto shown = view(ctx);
    return cached(ctx, std::string(json::view_prefix(shown)) + "sweet " + std::to_string(id), [&] {
        const auto sweet = ctx.deps.catalogue.get(id);
        if (!sweet.active && shown == json::View::Customer)  // archived: hidden from customers
            throw domain::Error(domain::ErrorCode::NotFound, domain::kSweetNotFound);
        return json::sweet(sweet, shown);
    });
}

Response create_sweet(Context& ctx) {
    domain::FieldErrors errors;
    auto input = read_sweet(ctx, false, errors);
    return created_text(json::sweet(ctx.deps.catalogue.create(input, actor_of(ctx), std::move(errors)), view(ctx)));
}

Response replace_sweet(Context& ctx) {
    const auto id = sweet_id(ctx);
    domain::FieldErrors errors;
    auto input = read_sweet(ctx, false, errors);
    return ok_text(json::sweet(ctx.deps.catalogue.update(id, input, actor_of(ctx), std::move(errors)), view(ctx)));
}

Response patch_sweet(Context& ctx) {
    const auto id = sweet_id(ctx);
    domain::FieldErrors errors;
    auto input = read_sweet(ctx, true, errors);
    return ok_text(json::sweet(ctx.deps.catalogue.update(id, input, actor_of(ctx), std::move(errors)), view(ctx)));
}

Response delete_sweet(Context& ctx) {
    ctx.deps.catalogue.remove(sweet_id(ctx), actor_of(ctx));
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
    Json summaries = Json::array();
    for (const auto& m : report.summary_mismatches)
        summaries.push_back(Json{{"summary", m.summary},
                                 {"key", m.key},
                                 {"figure", m.figure},
                                 {"summarised", m.summarised},
                                 {"from_lines", m.from_lines}});
    Json batches = Json::array();
    for (const auto& m : report.batch_mismatches)
        batches.push_back(Json{
            {"check", m.check}, {"id", m.id}, {"sweet_id", m.sweet_id}, {"expected", m.expected}, {"found", m.found}});
    return ok(Json{{"ok", report.ok()},
                   {"checked", report.checked},
                   {"mismatches", mismatches},
                   {"sales_mismatches", sales},
                   {"summary_mismatches", summaries},
                   {"batch_mismatches", batches}});
}

}  // namespace sweetshop::http::handlers
