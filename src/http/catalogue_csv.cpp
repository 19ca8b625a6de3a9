// The handler of the catalogue's CSV import (a dry run unless `?apply=true`), whose answer lists every row with what
// it would do or did, and why a row is refused. Its export, in the same columns, is with the others (exports.cpp).
#include "domain/catalogue_import.hpp"
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

}  // namespace sweetshop::http::handlers
