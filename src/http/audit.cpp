// Handlers for the audit log (the owner's): newest first, filtered, as JSON pages or one streamed CSV.
#include "domain/audit.hpp"
#include "domain/exports.hpp"
#include "http/csv.hpp"
#include "http/errors.hpp"
#include "http/handlers.hpp"
#include "http/params.hpp"

namespace sweetshop::http::handlers {

namespace {
using csv::Text;
using domain::FieldErrors;

/// `?actor=&action=&subject_type=&subject=&from=&to=`: from and to are days in the shop's zone, both included.
domain::AuditFilter read_filter(const Context& ctx) {
    const auto& r = ctx.request;
    FieldErrors errors;
    domain::AuditFilter f;
    if (auto actor = query_text(r, "actor"); !actor.empty()) f.actor = actor;
    if (auto action = query_text(r, "action"); !action.empty()) f.action = action;
    if (auto type = query_text(r, "subject_type"); !type.empty()) f.subject_type = type;
    if (!query_text(r, "subject").empty())
        f.subject_id = query_number(r, "subject", 0, 1, std::numeric_limits<std::int64_t>::max(), errors);
    const auto& zone = *ctx.deps.settings.time_zone;
    if (auto from = query_date(r, "from", errors)) f.from = zone.start_of(*from);
    if (auto to = query_date(r, "to", errors)) f.to = zone.end_of(*to);
    if (const auto format = query_text(r, "format"); !format.empty() && format != "csv" && format != "json")
        errors.add("format", choice_message(format));
    if (!errors.empty()) throw domain::Error(std::move(errors));
    return f;
}

Json record_json(const domain::AuditRecord& a) {
    const auto& e = a.entry;
    return Json{{"id", a.id},
                {"at", domain::format_timestamp(a.at)},
                {"actor", e.actor.username},
                {"action", e.action},
                {"subject_type", e.subject_type},
                {"subject_id", e.subject_id != 0 ? Json(e.subject_id) : Json(nullptr)},
                {"subject", e.subject},
                {"details", Json::parse(e.details, nullptr, false)}};
}

Response export_audit(const Context& ctx, domain::AuditFilter filter) {
    std::string head;
    csv::append_row(head, {Text{"id"}, Text{"at"}, Text{"at_utc"}, Text{"actor"}, Text{"action"}, Text{"subject_type"},
                           Text{"subject_id"}, Text{"subject"}, Text{"details"}});
    auto& store = ctx.deps.audit;
    auto zone = ctx.deps.settings.time_zone;
    std::int64_t before = 0;
    return csv::answer("audit", std::move(head), [&store, zone, filter, before](std::string& out) mutable {
        const auto records = store.list(filter, before, domain::kExportBatch);
        for (const auto& a : records) {
            const auto& e = a.entry;
            csv::append_row(
                out, {a.id, zone->format_minute(a.at), domain::format_timestamp(a.at), Text{e.actor.username}, e.action,
                      e.subject_type, e.subject_id != 0 ? csv::Cell(e.subject_id) : csv::Cell(std::string()),
                      Text{e.subject}, Text{e.details}});
            before = a.id;
        }
        return records.size() == domain::kExportBatch;
    });
}
}  // namespace

Response list_audit(Context& ctx) {
    auto filter = read_filter(ctx);
    if (query_text(ctx.request, "format") == "csv") return export_audit(ctx, std::move(filter));
    const auto size = query_number_or_400(ctx, "page_size", 50, 1, 500);
    const auto before = query_number_or_400(ctx, "before", 0, 1, std::numeric_limits<std::int64_t>::max());
    // One entry more than the page tells whether there is a next page.
    auto records = ctx.deps.audit.list(filter, before, size + 1);
    const bool more = static_cast<std::int64_t>(records.size()) > size;
    if (more) records.pop_back();
    Json results = Json::array();
    for (const auto& a : records)
        results.push_back(record_json(a));
    Json next = nullptr;
    if (more) {
        auto others = other_parameters(ctx.request, "before");
        next =
            list_url(ctx) + "?" + (others.empty() ? "" : others + "&") + "before=" + std::to_string(records.back().id);
    }
    return ok(Json{{"next", next}, {"results", results}});
}

}  // namespace sweetshop::http::handlers
