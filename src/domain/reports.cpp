#include "domain/reports.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "domain/error.hpp"
#include "domain/names.hpp"

namespace sweetshop::domain {

namespace {
constexpr std::pair<ReportGroup, std::string_view> kGroups[] = {
    {ReportGroup::Day, "day"},     {ReportGroup::Week, "week"},         {ReportGroup::Month, "month"},
    {ReportGroup::Sweet, "sweet"}, {ReportGroup::Category, "category"},
};

/// The row a day belongs to when grouping by time.
std::string period_of(const LocalDate& day, ReportGroup group) {
    if (group == ReportGroup::Month) {
        char out[8];
        std::snprintf(out, sizeof out, "%04d-%02d", day.year, day.month);
        return out;
    }
    if (group == ReportGroup::Week) return format_local_date(add_days(day, -(weekday(day) - 1)));
    return format_local_date(day);
}

void check_period(const LocalDate& from, const LocalDate& to) {
    if (to < from) {
        FieldErrors errors;
        errors.add("to", "Ensure this date is on or after from.");
        throw Error(std::move(errors));
    }
    if (days_between(from, to) >= kMaxReportDays) {
        FieldErrors errors;
        errors.add("to", "Ensure the period is at most " + std::to_string(kMaxReportDays) + " days.");
        throw Error(std::move(errors));
    }
}
}  // namespace

std::string_view group_name(ReportGroup group) {
    return name_of(kGroups, group);
}

std::optional<ReportGroup> parse_report_group(std::string_view text) {
    return parse_name(kGroups, text);
}

std::optional<std::int64_t> SalesFigures::margin_permille() const {
    const auto net = net_revenue_cents();
    if (net == 0) return std::nullopt;
    const auto scaled = gross_profit_cents() * 1000;
    const auto half = (net < 0 ? -net : net) / 2;
    // Rounded half away from zero, in integers.
    const bool negative = (scaled < 0) != (net < 0);
    const auto magnitude = ((scaled < 0 ? -scaled : scaled) + half) / (net < 0 ? -net : net);
    return negative ? -magnitude : magnitude;
}

SalesFigures& SalesFigures::operator+=(const SalesFigures& o) {
    orders += o.orders;
    units += o.units;
    revenue_cents += o.revenue_cents;
    refunded_units += o.refunded_units;
    refunds_cents += o.refunds_cents;
    cost_cents += o.cost_cents;
    uncosted_units += o.uncosted_units;
    return *this;
}

StockValue& StockValue::operator+=(const StockValue& o) {
    sweets += o.sweets;
    units += o.units;
    value_at_price_cents += o.value_at_price_cents;
    value_at_cost_cents += o.value_at_cost_cents;
    uncosted_units += o.uncosted_units;
    return *this;
}

SalesReport Reports::sales(LocalDate from, LocalDate to, ReportGroup group, const ShopTimeZone& zone) {
    check_period(from, to);
    SalesReport report;
    report.from = from;
    report.to = to;
    report.group = group;
    const Micros begin = zone.start_of(from), end = zone.end_of(to);
    if (group == ReportGroup::Sweet || group == ReportGroup::Category) {
        report.totals = store_.sales_total(begin, end);
        auto items =
            group == ReportGroup::Sweet ? store_.sales_by_sweet(begin, end) : store_.sales_by_category(begin, end);
        for (auto& item : items) {
            SalesRow row;
            if (group == ReportGroup::Sweet) row.sweet_id = item.sweet_id;
            row.name = std::move(item.name);
            row.figures = item.figures;
            report.rows.push_back(std::move(row));
        }
        return report;
    }
    // Every period of the range, sold in or not, in order; then each slot into its day's period (the slots come in
    // time order, so the zone is asked once per day).
    std::map<std::string, std::size_t> index;
    for (auto day = from;; day = next_day(day)) {
        auto period = period_of(day, group);
        if (index.emplace(period, report.rows.size()).second) report.rows.push_back(SalesRow{period, {}, {}, {}});
        if (day == to) break;
    }
    Micros day_start = 0, day_end = 0;
    SalesFigures* row = nullptr;
    for (const auto& slot : store_.sales_by_slot(begin, end)) {
        report.totals += slot.figures;
        if (slot.start < day_start || slot.start >= day_end) {
            const auto day = zone.date_of(slot.start);
            day_start = zone.start_of(day);
            day_end = zone.end_of(day);
            auto it = index.find(period_of(day, group));
            row = it != index.end() ? &report.rows[it->second].figures : nullptr;
        }
        if (row) *row += slot.figures;
    }
    return report;
}

std::vector<SalesItem> Reports::best_sellers(LocalDate from, LocalDate to, bool by_revenue, std::size_t limit,
                                             const ShopTimeZone& zone) {
    check_period(from, to);
    auto items = store_.sales_by_sweet(zone.start_of(from), zone.end_of(to));
    auto measure = [&](const SalesItem& i) {
        return by_revenue ? i.figures.net_revenue_cents() : i.figures.units - i.figures.refunded_units;
    };
    std::stable_sort(items.begin(), items.end(), [&](const SalesItem& a, const SalesItem& b) {
        if (measure(a) != measure(b)) return measure(a) > measure(b);
        return a.name < b.name;
    });
    if (items.size() > limit) items.resize(limit);
    return items;
}

}  // namespace sweetshop::domain
