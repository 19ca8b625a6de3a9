// Handlers of the catalogue as CSV: the export of every sweet in the import's columns, and the import (a dry run
// unless `?apply=true`), whose answer lists every row with what it would do or did, and why a row is refused.
#include "domain/catalogue_import.hpp"
#include "domain/money.hpp"
#include "http/csv.hpp"
#include "http/errors.hpp"
#include "http/handlers.hpp"
#include "http/params.hpp"

namespace sweetshop::http::handlers {

namespace {
Json plan_json(const domain::ImportPlan& plan, char delimiter) {
    using domain::ImportAction;
    Json lines = Json::array();
    for (const auto& line : plan.lines) {
        Json item{{"row", line.row},         {"action", domain::import_action_name(line.action)},
                  {"name", line.name},       {"sweet", line.sweet ? Json(*line.sweet) : Json(nullptr)},
                  {"changes", line.changes}, {"errors", field_errors_json(line.errors)}};
        lines.push_back(std::move(item));
    }
    return Json{{"applied", plan.applied},
                {"delimiter", std::string(1, delimiter)},
                {"rows", plan.lines.size()},
                {"create", plan.count(ImportAction::Create)},
                {"update", plan.count(ImportAction::Update)},
                {"unchanged", plan.count(ImportAction::Unchanged)},
                {"refused", plan.count(ImportAction::Refused)},
                {"lines", lines}};
}
}  // namespace

Response import_catalogue(Context& ctx) {
    const auto mode = query_text(ctx.request, "apply");
    if (!mode.empty() && mode != "true" && mode != "false") {
        domain::FieldErrors errors;
        errors.add("apply", "Must be a valid boolean.");
        throw domain::Error(std::move(errors));
    }
    const auto table = csv::parse_table(ctx.request.body);
    const bool costs = ctx.user->is_owner();
    if (mode != "true") return ok(plan_json(ctx.deps.imports.plan(table, costs), table.delimiter));
    const auto plan = ctx.deps.imports.apply(table, actor_of(ctx), costs);
    const auto body = plan_json(plan, table.delimiter);
    return plan.applied ? ok(body) : bad_request(body);
}

Response export_catalogue(Context& ctx) {
    auto& store = ctx.deps.exports;
    std::int64_t after = 0;
    const bool costs = ctx.user->is_owner();
    std::vector<csv::Cell> header;
    for (const char* column : domain::kImportColumns)
        if (costs || std::string_view(column) != "cost") header.emplace_back(csv::Text{column});
    std::string head;
    csv::append_row(head, header);
    return csv::answer("catalogue", std::move(head), [&store, after, costs](std::string& out) mutable {
        const auto sweets = store.sweets_after(after, domain::kExportBatch);
        for (const auto& s : sweets) {
            const auto sku = s.sku.value_or("");
            std::vector<csv::Cell> cells{
                csv::Text{s.name}, csv::Text{s.category}, csv::Text{s.description}, domain::format_money(s.price_cents),
                s.quantity,        csv::Text{sku},        s.barcode.value_or(""),   s.reorder_level};
            if (costs) cells.emplace_back(s.cost_cents ? domain::format_money(*s.cost_cents) : std::string());
            csv::append_row(out, cells);
            after = s.id;
        }
        return sweets.size() == domain::kExportBatch;
    });
}

}  // namespace sweetshop::http::handlers
