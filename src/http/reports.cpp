// Handlers for the reports (staff): sales over time, by sweet or by category; best sellers; stock value.
#include "domain/reports.hpp"
#include "domain/money.hpp"
#include "http/errors.hpp"
#include "http/handlers.hpp"
#include "http/json_writer.hpp"
#include "http/params.hpp"

namespace sweetshop::http::handlers {

namespace {
using domain::FieldErrors;

/// Tenths of a percent as a decimal string: 635 -> "63.5", -5 -> "-0.5".
Json margin_json(const std::optional<std::int64_t>& permille) {
    if (!permille) return nullptr;
    const auto magnitude = *permille < 0 ? -*permille : *permille;
    std::string text = *permille < 0 ? "-" : "";  // appended step by step: GCC 12 warns (-Wrestrict) otherwise
    text.append(std::to_string(magnitude / 10)).append(".").append(std::to_string(magnitude % 10));
    return text;
}

/// The figures of a row or the totals; cost, gross profit, margin and uncosted units for the owner only.
void put_figures(Json& out, const domain::SalesFigures& f, bool costs) {
    out["orders"] = f.orders;
    out["units"] = f.units;
    out["revenue"] = domain::format_money(f.revenue_cents);
    out["refunded_units"] = f.refunded_units;
    out["refunds"] = domain::format_money(f.refunds_cents);
    out["net_revenue"] = domain::format_money(f.net_revenue_cents());
    if (!costs) return;
    out["cost"] = domain::format_money(f.cost_cents);
    out["gross_profit"] = domain::format_money(f.gross_profit_cents());
    out["margin"] = margin_json(f.margin_permille());
    out["uncosted_units"] = f.uncosted_units;
}

/// `from` and `to` (inclusive days in the shop's zone): by default the 30 days that end today.
std::pair<domain::LocalDate, domain::LocalDate> period(Context& ctx, FieldErrors& errors) {
    const auto& zone = *ctx.deps.settings.time_zone;
    auto to = query_date(ctx.request, "to", errors);
    auto from = query_date(ctx.request, "from", errors);
    const auto end = to.value_or(ctx.deps.reports.today(zone));
    return {from.value_or(domain::add_days(end, -29)), end};
}

}  // namespace

Response sales_report(Context& ctx) {
    FieldErrors errors;
    const auto [from, to] = period(ctx, errors);
    auto group = domain::ReportGroup::Day;
    if (const auto text = query_text(ctx.request, "group"); !text.empty()) {
        auto parsed = domain::parse_report_group(text);
        if (parsed)
            group = *parsed;
        else
            errors.add("group", choice_message(text));
    }
    if (!errors.empty()) throw domain::Error(std::move(errors));
    const auto& zone = *ctx.deps.settings.time_zone;
    const auto report = ctx.deps.reports.sales(from, to, group, zone);
    const bool costs = ctx.user->is_owner();
    Json rows = Json::array();
    for (const auto& r : report.rows) {
        Json row = Json::object();
        if (group == domain::ReportGroup::Sweet) {
            row["sweet"] = *r.sweet_id;
            row["name"] = r.name;
        } else if (group == domain::ReportGroup::Category) {
            row["category"] = r.name;
        } else {
            row["period"] = r.period;
        }
        put_figures(row, r.figures, costs);
        rows.push_back(std::move(row));
    }
    Json totals = Json::object();
    put_figures(totals, report.totals, costs);
    return ok(Json{{"from", domain::format_local_date(from)},
                   {"to", domain::format_local_date(to)},
                   {"group", domain::group_name(group)},
                   {"time_zone", zone.name()},
                   {"rows", rows},
                   {"totals", totals}});
}

Response best_sellers(Context& ctx) {
    FieldErrors errors;
    const auto [from, to] = period(ctx, errors);
    const auto by = query_text(ctx.request, "by");
    if (!by.empty() && by != "units" && by != "revenue") errors.add("by", choice_message(by));
    const auto limit = query_number(ctx.request, "limit", 10, 1, 100, errors);
    if (!errors.empty()) throw domain::Error(std::move(errors));
    const bool by_revenue = by == "revenue";
    Json results = Json::array();
    for (const auto& item : ctx.deps.reports.best_sellers(from, to, by_revenue, static_cast<std::size_t>(limit),
                                                          *ctx.deps.settings.time_zone)) {
        const auto& f = item.figures;
        Json result = {{"sweet", item.sweet_id},
                       {"name", item.name},
                       {"units", f.units - f.refunded_units},
                       {"net_revenue", domain::format_money(f.net_revenue_cents())}};
        if (ctx.user->is_owner()) result["gross_profit"] = domain::format_money(f.gross_profit_cents());
        results.push_back(std::move(result));
    }
    return ok(Json{{"from", domain::format_local_date(from)},
                   {"to", domain::format_local_date(to)},
                   {"by", by_revenue ? "revenue" : "units"},
                   {"results", results}});
}

Response stock_report(Context& ctx) {
    domain::StockValue total;
    Json categories = Json::array();
    auto value_json = [costs = ctx.user->is_owner()](const domain::StockValue& v) {
        Json out = {
            {"sweets", v.sweets}, {"units", v.units}, {"value_at_price", domain::format_money(v.value_at_price_cents)}};
        if (costs) {
            out["value_at_cost"] = domain::format_money(v.value_at_cost_cents);
            out["uncosted_units"] = v.uncosted_units;
        }
        return out;
    };
    for (const auto& v : ctx.deps.reports.stock_value()) {
        total += v;
        Json row = {{"category", v.category}};
        row.update(value_json(v));
        categories.push_back(std::move(row));
    }
    Json low = Json::array();
    for (const auto& s : ctx.deps.stock.low_stock())
        low.push_back({{"sweet", s.id},
                       {"name", s.name},
                       {"quantity", s.quantity},
                       {"reorder_level", s.reorder_level},
                       {"suggested", s.suggested_restock()}});
    return ok(Json{{"categories", categories}, {"totals", value_json(total)}, {"low_stock", low}});
}

}  // namespace sweetshop::http::handlers
