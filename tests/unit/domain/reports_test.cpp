// The reports' arithmetic: margins in integers, rounded half away from zero; the calendar steps they group by.
#include <gtest/gtest.h>

#include "domain/reports.hpp"

using namespace sweetshop::domain;

namespace {
SalesFigures sold(std::int64_t revenue, std::int64_t cost, std::int64_t refunds = 0) {
    SalesFigures f;
    f.revenue_cents = revenue;
    f.cost_cents = cost;
    f.refunds_cents = refunds;
    return f;
}
}  // namespace

TEST(ReportFigures, MarginIsRoundedHalfAwayFromZeroInTenthsOfAPercent) {
    EXPECT_EQ(sold(550, 120).margin_permille(), 782);        // 430 / 550 = 78.18 %
    EXPECT_EQ(sold(800, 120).margin_permille(), 850);        // 85.0 %
    EXPECT_EQ(sold(2000, 1999).margin_permille(), 1);        // 0.05 % rounds up to 0.1
    EXPECT_EQ(sold(2000, 2001).margin_permille(), -1);       // -0.05 % rounds down to -0.1
    EXPECT_EQ(sold(100, 350, 350).margin_permille(), 2400);  // net -250, profit -600: 240 %, exactly
    EXPECT_EQ(sold(0, 40).margin_permille(), std::nullopt);  // no revenue, no margin
    EXPECT_EQ(sold(100, 0, 100).margin_permille(), std::nullopt);
}

TEST(ReportFigures, FiguresAdd) {
    auto a = sold(100, 40);
    a.orders = 1;
    a.units = 2;
    auto b = sold(50, 0, 20);
    b.orders = 1;
    b.uncosted_units = 1;
    a += b;
    EXPECT_EQ(a.orders, 2);
    EXPECT_EQ(a.revenue_cents, 150);
    EXPECT_EQ(a.net_revenue_cents(), 130);
    EXPECT_EQ(a.gross_profit_cents(), 90);
    EXPECT_EQ(a.uncosted_units, 1);
}

TEST(ReportCalendar, DaysWeeksAndGroups) {
    EXPECT_EQ(format_local_date(add_days({2026, 12, 31}, 1)), "2027-01-01");
    EXPECT_EQ(format_local_date(add_days({2024, 3, 1}, -1)), "2024-02-29");
    EXPECT_EQ(format_local_date(next_day({2026, 2, 28})), "2026-03-01");
    EXPECT_EQ(days_between({2026, 1, 1}, {2026, 12, 31}), 364);
    EXPECT_EQ(weekday({2026, 11, 30}), 1);  // a Monday
    EXPECT_EQ(weekday({2026, 12, 6}), 7);   // a Sunday
    EXPECT_EQ(parse_report_group("week"), ReportGroup::Week);
    EXPECT_EQ(parse_report_group("year"), std::nullopt);
    EXPECT_EQ(group_name(ReportGroup::Category), "category");
}

TEST(ReportCalendar, TheDayOfAnInstantIsTheShopsDay) {
    const ShopTimeZone ny("America/New_York");
    const auto midnight = ny.start_of({2026, 12, 2});
    EXPECT_EQ(format_local_date(ny.date_of(midnight - 1)), "2026-12-01");
    EXPECT_EQ(format_local_date(ny.date_of(midnight)), "2026-12-02");
    EXPECT_EQ(format_local_date(ShopTimeZone("UTC").date_of(midnight)), "2026-12-02");  // 05:00 UTC
}
