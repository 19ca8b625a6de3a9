// Handlers for the catalogue and inventory (contract rows #4 to #11) and the stock check.
#include <charconv>

#include "domain/money.hpp"
#include "domain/text.hpp"
#include "http/cached.hpp"
#include "http/errors.hpp"
#include "http/fields.hpp"
#include "http/handlers.hpp"
#include "http/json_writer.hpp"
#include "http/links.hpp"

namespace sweetshop::http::handlers {

namespace {
domain::Actor actor(const Context& ctx) {
    return domain::Actor{ctx.user->id, ctx.user->username};
}

/// The `{id}` path parameter (digits only, by the router); an id past int64 matches no sweet.
std::int64_t sweet_id(const Context& ctx) {
    const auto text = ctx.request.param("id");
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size())
        throw domain::Error(domain::ErrorCode::NotFound, domain::kSweetNotFound);
    return id;
}

std::string query_text(const Request& request, std::string_view name) {
    auto value = request.query_value(name);
    return value ? domain::trim(*value) : std::string();
}

/// The query parameters other than `page`, percent-encoded in their order: what the page links keep. The encoding is
/// one-to-one (each name and value is encoded whole), so it also keys the answer cache without ambiguity.
std::string other_parameters(const Request& request) {
    std::string query;
    for (const auto& [name, value] : request.query) {
        if (name == "page") continue;
        if (!query.empty()) query += '&';
        query += percent_encode(name) + '=' + percent_encode(value);
    }
    return query;
}

/// The list's absolute URL without a query: the shop's public origin (the same as the API root's) and the path.
std::string list_url(const Context& ctx) {
    std::string url = public_origin(ctx.request, ctx.deps.settings) + ctx.request.path;
    if (url.back() != '/') url += '/';
    return url;
}

/// An absolute link to `page` of the list just answered, keeping the other query parameters in their order.
std::string page_link(const std::string& url, const std::string& others, std::int64_t page) {
    std::string query = page != 1 ? "page=" + std::to_string(page) : std::string();
    if (!others.empty()) query += (query.empty() ? "" : "&") + others;
    return query.empty() ? url : url + '?' + query;
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
            return error_response(domain::Error(domain::ErrorCode::BadRequest, "Insufficient stock"));
        case Kind::Overflow:
            break;
    }
    domain::FieldErrors room;
    room.add("amount", "Ensure this value is less than or equal to " + std::to_string(outcome.headroom) + ".");
    return error_response(domain::Error(std::move(room)));
}

Response change_stock(Context& ctx, domain::StockChange::Kind kind) {
    std::optional<std::string> key;
    if (auto header = ctx.request.header("Idempotency-Key")) {
        if (!domain::valid_idempotency_key(*header))
            throw domain::Error(domain::ErrorCode::BadRequest, "Invalid Idempotency-Key.");
        key = std::string(*header);
    }
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
        return json::page(page, page.page < page.pages ? page_link(url, others, page.page + 1) : std::string(),
                          page.page > 1 ? page_link(url, others, page.page - 1) : std::string());
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
    return ok(Json{{"ok", report.ok()}, {"checked", report.checked}, {"mismatches", mismatches}});
}

}  // namespace sweetshop::http::handlers
