#pragma once
// Sales and stock reports: exact integer figures (cents, units) over the order lines and refunds, grouped by the
// shop's days, weeks or months, by sweet or by category. Plain rules over a small storage port.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalogue.hpp"
#include "domain/clock.hpp"
#include "domain/time_zone.hpp"

namespace sweetshop::domain {

enum class ReportGroup { Day, Week, Month, Sweet, Category };
std::string_view group_name(ReportGroup group);
std::optional<ReportGroup> parse_report_group(std::string_view text);

/// What sold and what came back. A sale counts when its order is placed, a refund when it is made (so a period's
/// figures never change after it ends). `cost_cents` is the known cost of the units sold, less that of the units
/// refunded back to stock (written-off refunds keep their cost); `uncosted_units` are units sold without a cost.
struct SalesFigures {
    std::int64_t orders = 0;
    std::int64_t units = 0;
    std::int64_t revenue_cents = 0;
    std::int64_t refunded_units = 0;
    std::int64_t refunds_cents = 0;
    std::int64_t cost_cents = 0;
    std::int64_t uncosted_units = 0;

    std::int64_t net_revenue_cents() const { return revenue_cents - refunds_cents; }
    std::int64_t gross_profit_cents() const { return net_revenue_cents() - cost_cents; }
    /// Gross profit over net revenue in tenths of a percent, rounded half away from zero; none without revenue.
    std::optional<std::int64_t> margin_permille() const;
    SalesFigures& operator+=(const SalesFigures& other);
    bool operator==(const SalesFigures&) const = default;
};

/// The figures of one slot of time (a quarter of an hour, UTC: every zone's midnight falls on one's start).
struct SalesSlot {
    Micros start = 0;
    SalesFigures figures;
};
inline constexpr Micros kSlotMicros = 15LL * 60 * 1'000'000;

/// The figures of one sweet (by id; its name as last sold) or one category (the sweet's category now; "" for a
/// sweet deleted since).
struct SalesItem {
    std::int64_t sweet_id = 0;
    std::string name;
    SalesFigures figures;
};

struct SalesRow {
    std::string period;  ///< day and week: YYYY-MM-DD (a week by its Monday); month: YYYY-MM
    std::optional<std::int64_t> sweet_id;
    std::string name;  ///< sweet or category
    SalesFigures figures;
};

struct SalesReport {
    LocalDate from, to;  ///< inclusive, in the shop's zone
    ReportGroup group = ReportGroup::Day;
    std::vector<SalesRow> rows;
    SalesFigures totals;
};

/// One category's stock: units, and their value at price and at (known) cost.
struct StockValue {
    std::string category;
    std::int64_t sweets = 0;
    std::int64_t units = 0;
    std::int64_t value_at_price_cents = 0;
    std::int64_t value_at_cost_cents = 0;
    std::int64_t uncosted_units = 0;
    StockValue& operator+=(const StockValue& other);
};

class ReportStore {
  public:
    virtual ~ReportStore() = default;
    /// Sales and refunds in [from, before), per quarter-hour slot that has any (slots in time order).
    virtual std::vector<SalesSlot> sales_by_slot(Micros from, Micros before) = 0;
    /// Everything sold and refunded in [from, before).
    virtual SalesFigures sales_total(Micros from, Micros before) = 0;
    virtual std::vector<SalesItem> sales_by_sweet(Micros from, Micros before) = 0;
    virtual std::vector<SalesItem> sales_by_category(Micros from, Micros before) = 0;
    /// Per category, in byte order of the category.
    virtual std::vector<StockValue> stock_value() = 0;
};

/// The longest period a report covers.
inline constexpr int kMaxReportDays = 3660;

class Reports {
  public:
    Reports(ReportStore& store, const Clock& clock) : store_(store), clock_(clock) {}

    /// [from, to] in `zone` (both inclusive; to before from, or longer than kMaxReportDays: Error BadRequest).
    SalesReport sales(LocalDate from, LocalDate to, ReportGroup group, const ShopTimeZone& zone);
    /// The sweets that sold most in the period, by net units or net revenue, at most `limit`.
    std::vector<SalesItem> best_sellers(LocalDate from, LocalDate to, bool by_revenue, std::size_t limit,
                                        const ShopTimeZone& zone);
    std::vector<StockValue> stock_value() { return store_.stock_value(); }
    /// Today in `zone` (the default end of a period).
    LocalDate today(const ShopTimeZone& zone) const { return zone.date_of(clock_.now()); }

  private:
    ReportStore& store_;
    const Clock& clock_;
};

}  // namespace sweetshop::domain
