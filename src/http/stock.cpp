// Handlers for stock control (staff): adjustments, stocktakes, a sweet's history, the low-stock list and alerts.
#include "domain/batches.hpp"
#include "domain/catalogue.hpp"
#include "domain/money.hpp"
#include "domain/stock_control.hpp"
#include "domain/text.hpp"
#include "http/errors.hpp"
#include "http/fields.hpp"
#include "http/handlers.hpp"
#include "http/json_writer.hpp"
#include "http/params.hpp"

namespace sweetshop::http::handlers {

namespace {
using domain::FieldErrors;

Json optional_time(const std::optional<domain::Micros>& at) {
    return at ? Json(domain::format_timestamp(*at)) : Json(nullptr);
}

Json optional_date(const std::optional<domain::LocalDate>& date) {
    return date ? Json(domain::format_local_date(*date)) : Json(nullptr);
}

Json entry_json(const domain::LedgerEntry& e) {
    Json batches = Json::array();
    for (const auto& m : e.batches)
        batches.push_back({{"batch", m.batch_id ? Json(m.batch_id) : Json(nullptr)},  // null: the undated stock
                           {"best_before", optional_date(m.best_before)},
                           {"lot", m.lot},
                           {"delta", m.delta}});
    return Json{{"id", e.id},
                {"at", domain::format_timestamp(e.at)},
                {"actor", e.actor},
                {"reason", e.reason},
                {"delta", e.delta},
                {"quantity_after", e.quantity_after},
                {"order", e.order ? Json(*e.order) : Json(nullptr)},
                {"note", e.note},
                {"batches", batches}};
}

Json optional_number(const std::optional<std::int64_t>& n) {
    return n ? Json(*n) : Json(nullptr);
}

Json optional_money(const std::optional<std::int64_t>& cents) {
    return cents ? Json(domain::format_money(*cents)) : Json(nullptr);
}

/// A batch as the lists show it, with the days left to its date (negative once past; null undated).
Json batch_json(const Context& ctx, const domain::Batch& b) {
    const bool owner = ctx.user && ctx.user->is_owner();
    // The undated stock (no row) has no id and no delivery time.
    Json out{{"id", b.id ? Json(b.id) : Json(nullptr)},
             {"sweet", b.sweet_id},
             {"name", b.sweet_name},
             {"best_before", optional_date(b.best_before)},
             {"lot", b.lot},
             {"units", b.units},
             {"expired_units", b.expired_units},
             {"days_left", optional_number(ctx.deps.perishables.days_left(b))},
             {"expired", ctx.deps.perishables.expired(b)},
             {"received_at", b.id ? Json(domain::format_timestamp(b.received_at)) : Json(nullptr)}};
    // The value at cost: the cost is the owner's to see (as the catalogue's cost field).
    if (owner) {
        out["unit_cost"] = optional_money(b.unit_cost_cents);
        out["value"] = optional_money(b.value_cents());
    }
    return out;
}

/// A staff answer's sweet, as the catalogue writes it for this user (the cost for the owner only).
Json staff_sweet(const Context& ctx, const domain::Sweet& s) {
    return Json::parse(json::sweet(s, json::view_for(&*ctx.user)));
}

std::optional<domain::AdjustReason> read_reason(const BodyJson& body, FieldErrors& errors) {
    auto text = read_string(body, "reason", errors);
    if (!text) return std::nullopt;
    auto reason = domain::parse_adjust_reason(*text);
    if (!reason) {
        std::string message = "\"";  // appended step by step: GCC 12 warns (-Wrestrict) on the chained form
        message.append(*text, 0, 100).append("\" is not a valid choice.");
        errors.add("reason", message);
    }
    return reason;
}

std::string read_note(const BodyJson& body, FieldErrors& errors) {
    return read_string(body, "note", errors, {.required = false, .allow_blank = true}).value_or("");
}

}  // namespace

Response adjust_sweet(Context& ctx) {
    const auto id = path_id(ctx, "id", domain::kSweetNotFound);
    FieldErrors errors;
    domain::Adjustment adjustment;
    adjustment.counted =
        read_integer(ctx.body, "counted", errors, {.required = false, .min = 0, .max = domain::kMaxQuantity});
    adjustment.delta = read_integer(ctx.body, "delta", errors,
                                    {.required = false, .min = -domain::kMaxQuantity, .max = domain::kMaxQuantity});
    if (auto reason = read_reason(ctx.body, errors)) adjustment.reason = *reason;
    adjustment.note = read_note(ctx.body, errors);
    adjustment.batch = read_integer(ctx.body, "batch", errors,
                                    {.required = false, .min = 1, .max = std::numeric_limits<std::int64_t>::max()});
    const auto outcome = ctx.deps.stock.adjust(id, adjustment, actor_of(ctx), std::move(errors));
    return ok(Json{{"entry", entry_json(outcome.entry)}, {"sweet", staff_sweet(ctx, outcome.sweet)}});
}

Response count_stock(Context& ctx) {
    FieldErrors errors;
    std::vector<domain::CountLine> lines;
    read_sweet_lines(ctx.body, {.name = "counts", .amount = "counted", .min = 0, .max_items = domain::kMaxCountLines},
                     errors, lines);
    const auto note = read_note(ctx.body, errors);
    const auto dry_run = read_boolean(ctx.body, "dry_run", errors, false).value_or(false);
    errors.order({"counts", "note", "dry_run"});
    if (!errors.empty()) throw domain::Error(std::move(errors));
    const auto outcome = ctx.deps.stock.count(lines, note, actor_of(ctx), dry_run);
    Json out = Json::array();
    std::int64_t changed = 0;
    for (const auto& line : outcome.lines) {
        if (line.delta() != 0) ++changed;
        out.push_back({{"sweet", line.sweet_id},
                       {"name", line.name},
                       {"expected", line.expected},
                       {"counted", line.counted},
                       {"delta", line.delta()}});
    }
    return ok(Json{{"applied", !dry_run}, {"counted", outcome.lines.size()}, {"changed", changed}, {"lines", out}});
}

Response sweet_history(Context& ctx) {
    const auto id = path_id(ctx, "id", domain::kSweetNotFound);
    const auto size = query_number_or_400(ctx, "page_size", 50, 1, 500);
    std::optional<std::int64_t> before;
    if (!query_text(ctx.request, "before").empty())
        before = query_number_or_400(ctx, "before", 0, 1, std::numeric_limits<std::int64_t>::max());
    // One entry more than the page tells whether there is a next page.
    auto entries = ctx.deps.stock.history(id, before, size + 1);
    const bool more = static_cast<std::int64_t>(entries.size()) > size;
    if (more) entries.pop_back();
    Json results = Json::array();
    for (const auto& e : entries)
        results.push_back(entry_json(e));
    Json next = nullptr;
    if (more)
        next = list_url(ctx) + "?before=" + std::to_string(entries.back().id) + "&page_size=" + std::to_string(size);
    return ok(Json{{"next", next}, {"results", results}});
}

Response low_stock(Context& ctx) {
    Json results = Json::array();
    for (const auto& s : ctx.deps.stock.low_stock()) {
        auto item = staff_sweet(ctx, s);
        item["suggested"] = s.suggested_restock();
        results.push_back(std::move(item));
    }
    return ok(Json{{"count", results.size()}, {"results", results}});
}

Response sweet_batches(Context& ctx) {
    const auto id = path_id(ctx, "id", domain::kSweetNotFound);
    Json results = Json::array();
    for (const auto& b : ctx.deps.perishables.batches(id))
        results.push_back(batch_json(ctx, b));
    return ok(Json{{"count", results.size()}, {"results", results}});
}

Response expiring_stock(Context& ctx) {
    const auto days = query_number_or_400(ctx, "days", 7, 0, domain::kMaxExpiringDays);
    Json results = Json::array();
    std::int64_t units = 0, value = 0;
    bool costed = true;
    for (const auto& b : ctx.deps.perishables.expiring(days)) {
        units += b.units + b.expired_units;
        if (auto v = b.value_cents())
            value += *v;
        else
            costed = false;
        results.push_back(batch_json(ctx, b));
    }
    Json out{{"days", days}, {"count", results.size()}, {"units", units}};
    if (ctx.user && ctx.user->is_owner()) out["value"] = costed ? Json(domain::format_money(value)) : Json(nullptr);
    out["results"] = results;
    return ok(out);
}

Response write_off_batch(Context& ctx) {
    const auto id = path_id(ctx, "id", domain::kBatchNotFound);
    FieldErrors errors;
    const auto note = read_note(ctx.body, errors);
    if (domain::char_count(note) > domain::kNoteMaxChars)
        errors.add("note",
                   "Ensure this field has no more than " + std::to_string(domain::kNoteMaxChars) + " characters.");
    if (!errors.empty()) throw domain::Error(std::move(errors));
    const auto outcome = ctx.deps.perishables.write_off(id, note, actor_of(ctx));
    Json out{{"batch", batch_json(ctx, outcome.batch)}, {"units", outcome.units}};
    // The waste's value is a figure at cost: the owner's.
    if (ctx.user && ctx.user->is_owner()) out["value"] = optional_money(outcome.value_cents);
    return ok(out);
}

Response stock_alerts(Context& ctx) {
    const auto status = query_text(ctx.request, "status");
    if (!status.empty() && status != "open" && status != "all") {
        FieldErrors errors;
        errors.add("status", choice_message(status));
        throw domain::Error(std::move(errors));
    }
    const auto limit = query_number_or_400(ctx, "page_size", 100, 1, 500);
    Json results = Json::array();
    for (const auto& a : ctx.deps.stock.alerts(status != "all", limit))
        results.push_back({{"id", a.id},
                           {"sweet", a.sweet_id},
                           {"name", a.sweet_name},
                           {"reorder_level", a.reorder_level},
                           {"quantity", a.quantity},
                           {"suggested", a.suggested},
                           {"opened_at", domain::format_timestamp(a.opened_at)},
                           {"closed_at", optional_time(a.closed_at)},
                           {"delivered_at", optional_time(a.delivered_at)},
                           {"kind", a.batch ? "expiry" : "low_stock"},
                           {"batch", a.batch ? Json(*a.batch) : Json(nullptr)},
                           {"best_before", a.best_before ? Json(*a.best_before) : Json(nullptr)}});
    return ok(Json{{"count", results.size()}, {"results", results}});
}

}  // namespace sweetshop::http::handlers
