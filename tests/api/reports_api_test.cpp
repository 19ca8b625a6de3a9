// Reports over real HTTP with exact figures: orders and refunds on both sides of the shop's midnight (New York),
// grouped by day, sweet and category, best sellers, the stock's value, and the rules: a refund counts when it is
// made, the cost of units refunded back to stock comes off, units without a cost are counted apart. Runs on
// PostgreSQL too (SWEETSHOP_TEST_DATABASE_URL).
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "domain/money.hpp"
#include "domain/time_zone.hpp"
#include "storage/report_store.hpp"
#include "test_server.hpp"

using namespace sweetshop::testing;
using sweetshop::domain::LocalDate;

namespace {
constexpr const char* kZone = "America/New_York";

class ReportsApi : public ::testing::Test {
  protected:
    ReportsApi() : server([](sweetshop::app::Config& c) { c.time_zone = kZone; }) {
        // Ten seconds before the shop's next midnight: day one's order, then day two's sales and refunds.
        const sweetshop::domain::ShopTimeZone zone(kZone);
        day_one = zone.date_of(server.clock().now());
        day_two = sweetshop::domain::next_day(day_one);
        server.clock().advance(std::chrono::microseconds(zone.start_of(day_two) - server.clock().now() - 10'000'000));
        server.create_user("boss", "boss-password", true);
        server.create_user("ann", "ann-password");
        admin = {{"Authorization", "Bearer " + server.access_token("boss", "boss-password")}};
        user = {{"Authorization", "Bearer " + server.access_token("ann", "ann-password")}};
        add(R"({"name":"Mint","category":"Mints","price":"1.00","cost":"0.40","quantity":100})");
        add(R"({"name":"Toffee","category":"Toffees","price":"2.50","quantity":100})");     // no cost known
        place(R"({"lines":[{"sweet":1,"amount":3},{"sweet":2,"amount":2}]})");              // 10001, day one
        server.clock().advance(std::chrono::seconds(20));                                   // past midnight
        place(R"({"lines":[{"sweet":1,"amount":1}]})");                                     // 10002, day two
        refund(R"({"lines":[{"sweet":1,"amount":1}],"restock":true,"reason":"crushed"})");  // back to stock
        refund(R"({"lines":[{"sweet":2,"amount":1}],"restock":false,"reason":"melted"})");  // written off
    }
    void add(const std::string& body) { ASSERT_EQ(server.post("/api/sweets/", body, admin).status, 201); }
    void place(const std::string& body) { ASSERT_EQ(server.post("/api/orders/", body, user).status, 201); }
    void refund(const std::string& body) {
        ASSERT_EQ(server.post("/api/orders/10001/refund/", body, admin).status, 200);
    }
    std::string report(const std::string& query) { return server.get("/api/reports/" + query, admin).body; }
    int call_patch(const std::string& body) {
        return http(server.port(), "PATCH", "/api/sweets/2/", body, admin).status;
    }
    std::string days(const std::string& path) {
        return path + "from=" + sweetshop::domain::format_local_date(day_one) +
               "&to=" + sweetshop::domain::format_local_date(day_two);
    }

    TestServer server;
    Headers admin, user;
    LocalDate day_one, day_two;
};

// Day one: order 10001 (3 Mint at 1.00, cost 0.40; 2 Toffee at 2.50, no cost).
constexpr const char* kDayOne =
    R"("orders":1,"units":5,"revenue":"8.00","refunded_units":0,"refunds":"0.00","net_revenue":"8.00",)"
    R"("cost":"1.20","gross_profit":"6.80","margin":"85.0","uncosted_units":2)";
// Day two: order 10002 (1 Mint), and two refunds of 10001 made that day (a Mint back to stock, a Toffee written off).
constexpr const char* kDayTwo =
    R"("orders":1,"units":1,"revenue":"1.00","refunded_units":2,"refunds":"3.50","net_revenue":"-2.50",)"
    R"("cost":"0.00","gross_profit":"-2.50","margin":"100.0","uncosted_units":0)";
constexpr const char* kTotals =
    R"("orders":2,"units":6,"revenue":"9.00","refunded_units":2,"refunds":"3.50","net_revenue":"5.50",)"
    R"("cost":"1.20","gross_profit":"4.30","margin":"78.2","uncosted_units":2)";
}  // namespace

TEST_F(ReportsApi, SalesByDayFallOnTheShopsDaysAndRefundsOnTheDayTheyWereMade) {
    const auto one = sweetshop::domain::format_local_date(day_one), two = sweetshop::domain::format_local_date(day_two);
    EXPECT_EQ(report(days("sales/?")), R"({"from":")" + one + R"(","to":")" + two +
                                           R"(","group":"day","time_zone":"America/New_York",)" +
                                           R"("rows":[{"period":")" + one + "\"," + kDayOne + R"(},{"period":")" + two +
                                           "\"," + kDayTwo + R"(}],"totals":{)" + kTotals + "}}");
    // Day two alone.
    EXPECT_NE(report("sales/?from=" + two + "&to=" + two).find(std::string(R"("totals":{)") + kDayTwo + "}"),
              std::string::npos);
}

TEST_F(ReportsApi, SalesBySweetAndByCategory) {
    const std::string mint =
        R"("orders":2,"units":4,"revenue":"4.00","refunded_units":1,"refunds":"1.00","net_revenue":"3.00",)"
        R"("cost":"1.20","gross_profit":"1.80","margin":"60.0","uncosted_units":0)";
    const std::string toffee =
        R"("orders":1,"units":2,"revenue":"5.00","refunded_units":1,"refunds":"2.50","net_revenue":"2.50",)"
        R"("cost":"0.00","gross_profit":"2.50","margin":"100.0","uncosted_units":2)";
    const auto by_sweet = report(days("sales/?group=sweet&"));
    EXPECT_NE(by_sweet.find(R"("rows":[{"sweet":1,"name":"Mint",)" + mint + R"(},{"sweet":2,"name":"Toffee",)" +
                            toffee + R"(}],"totals":{)" + kTotals + "}}"),
              std::string::npos)
        << by_sweet;
    const auto by_category = report(days("sales/?group=category&"));
    EXPECT_NE(
        by_category.find(R"("rows":[{"category":"Mints",)" + mint + R"(},{"category":"Toffees",)" + toffee + "}]"),
        std::string::npos)
        << by_category;
}

TEST_F(ReportsApi, WeeksAndMonthsCoverThePeriodWithZerosWhereNothingSold) {
    const auto before = sweetshop::domain::add_days(day_one, -40);
    auto body = server
                    .get("/api/reports/sales/?group=month&from=" + sweetshop::domain::format_local_date(before) +
                             "&to=" + sweetshop::domain::format_local_date(day_two),
                         admin)
                    .json();
    ASSERT_GE(body["rows"].size(), 2u);
    EXPECT_EQ(body["rows"][0]["orders"], 0);
    EXPECT_EQ(body["rows"][0]["margin"], nullptr);
    EXPECT_EQ(body["totals"]["net_revenue"], "5.50");
    std::int64_t orders = 0;
    for (const auto& row : body["rows"])
        orders += row["orders"].get<std::int64_t>();
    EXPECT_EQ(orders, 2);
    body = server
               .get("/api/reports/sales/?group=week&from=" + sweetshop::domain::format_local_date(before) +
                        "&to=" + sweetshop::domain::format_local_date(day_two),
                    admin)
               .json();
    for (const auto& row : body["rows"]) {  // each week by its Monday
        auto monday = sweetshop::domain::parse_local_date(row["period"].get<std::string>());
        ASSERT_TRUE(monday);
        EXPECT_EQ(sweetshop::domain::weekday(*monday), 1) << row["period"];
    }
}

TEST_F(ReportsApi, BestSellersByUnitsAndByRevenue) {
    const auto by_units = server.get(days("/api/reports/best-sellers/?"), admin).json();
    EXPECT_EQ(by_units["by"], "units");
    EXPECT_EQ(by_units["results"].dump(),
              R"([{"sweet":1,"name":"Mint","units":3,"net_revenue":"3.00","gross_profit":"1.80"},)"
              R"({"sweet":2,"name":"Toffee","units":1,"net_revenue":"2.50","gross_profit":"2.50"}])");
    const auto top = server.get(days("/api/reports/best-sellers/?by=revenue&limit=1&"), admin).json();
    EXPECT_EQ(top["results"].size(), 1u);
    EXPECT_EQ(top["results"][0]["name"], "Mint");
}

TEST_F(ReportsApi, TheStocksValueAtPriceAndAtCost) {
    ASSERT_EQ(call_patch(R"({"reorder_level":100})"), 200);
    EXPECT_EQ(report("stock/"),
              R"({"categories":[)"
              R"({"category":"Mints","sweets":1,"units":97,"value_at_price":"97.00","value_at_cost":"38.80",)"
              R"("uncosted_units":0},)"
              R"({"category":"Toffees","sweets":1,"units":98,"value_at_price":"245.00","value_at_cost":"0.00",)"
              R"("uncosted_units":98}],)"
              R"("totals":{"sweets":2,"units":195,"value_at_price":"342.00","value_at_cost":"38.80",)"
              R"("uncosted_units":98},)"
              R"("low_stock":[{"sweet":2,"name":"Toffee","quantity":98,"reorder_level":100,"suggested":3}]})");
}

TEST_F(ReportsApi, ErrorsAndPermissions) {
    EXPECT_EQ(report("sales/?from=2026-02-30&group=year"),
              R"({"from":["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],)"
              R"("group":["Select a valid choice. year is not one of the available choices."]})");
    EXPECT_EQ(report("sales/?from=2026-12-02&to=2026-12-01"), R"({"to":["Ensure this date is on or after from."]})");
    EXPECT_EQ(report("sales/?from=2000-01-01&to=2026-12-01"), R"({"to":["Ensure the period is at most 3660 days."]})");
    EXPECT_EQ(report("best-sellers/?by=profit&limit=0"),
              R"({"by":["Select a valid choice. profit is not one of the available choices."],)"
              R"("limit":["Ensure this value is a whole number between 1 and 100."]})");
    for (const char* path : {"/api/reports/sales/", "/api/reports/best-sellers/", "/api/reports/stock/"}) {
        auto r = server.get(path, user);
        EXPECT_EQ(r.status, 403) << path;
        EXPECT_EQ(r.body, R"({"detail":"Only staff can see reports."})");
    }
}

TEST_F(ReportsApi, ACategoryRowKeepsTheCategoryTheSweetWasSoldUnder) {
    ASSERT_EQ(call_patch(R"({"category":"Chews"})"), 200);  // Toffee moves after its sale
    const auto by_category = report(days("sales/?group=category&"));
    EXPECT_NE(by_category.find(R"({"category":"Toffees","orders":1,"units":2,)"), std::string::npos) << by_category;
    EXPECT_EQ(by_category.find("Chews"), std::string::npos) << by_category;
}

TEST_F(ReportsApi, VerifyStockFindsASummaryThatNoLongerAddsUp) {
    const auto clean = server.get("/api/admin/stock/verify/", admin).json();
    EXPECT_TRUE(clean["ok"].get<bool>()) << clean.dump();
    EXPECT_EQ(clean["summary_mismatches"], nlohmann::json::array());
    server.app().database().write(
        [](soci::session& sql) { sql << "UPDATE sales_sweet_days SET units = units + 2 WHERE sweet_id = 1"; });
    const auto broken = server.get("/api/admin/stock/verify/", admin).json();
    EXPECT_FALSE(broken["ok"].get<bool>());
    EXPECT_EQ(broken["summary_mismatches"].dump(),
              R"([{"summary":"sales_sweet_days","key":"1","figure":"units","summarised":6,"from_lines":4}])");
}

// PostgreSQL spreads the summaries' rows over shards; folding them into one row per slot and day changes no
// figure (on SQLite there is nothing to fold).
TEST_F(ReportsApi, FoldingTheSummariesShardsChangesNoFigure) {
    std::vector<std::string> before;
    for (const char* group : {"day", "sweet", "category"})
        before.push_back(report(days(std::string("sales/?group=") + group + "&")));
    auto& db = server.app().database();
    const auto folded = sweetshop::storage::fold_summary_shards(db, server.clock().now() + 86'400'000'000);
    auto sharded = [&] {
        return db.read([](soci::session& sql) {
            long long rows = 0;
            sql << "SELECT (SELECT COUNT(*) FROM sales_slots WHERE shard <> 0) + "
                   "(SELECT COUNT(*) FROM sales_category_days WHERE shard <> 0)",
                soci::into(rows);
            return rows;
        });
    };
    EXPECT_EQ(sharded(), 0);
    if (db.dialect() == sweetshop::storage::Dialect::Postgres)
        EXPECT_GT(folded, 0);  // orders 10001 and 10002 are in shards 1 and 2
    else
        EXPECT_EQ(folded, 0);
    std::size_t i = 0;
    for (const char* group : {"day", "sweet", "category"})
        EXPECT_EQ(report(days(std::string("sales/?group=") + group + "&")), before[i++]) << group;
    EXPECT_TRUE(server.get("/api/admin/stock/verify/", admin).json()["ok"].get<bool>());
}

// A property: for random orders and refunds (random sweets, amounts, restock or not) at random times over about
// a month in a zone 5 h 45 min from UTC, every report over random periods (so that the summaries' whole slots,
// days and blocks meet the edges read from the lines everywhere) gives what the events of its days add up to: the
// totals, each sweet's and each category's figures, and rows that sum to the totals; the units sold equal the
// ledger's sales, and verify-stock agrees.
TEST(ReportsReconciliation, RandomOrdersAndRefundsAddUp) {
    constexpr const char* kKathmandu = "Asia/Kathmandu";
    const sweetshop::domain::ShopTimeZone zone(kKathmandu);
    for (unsigned seed : {1u, 2u, 3u}) {
        TestServer server([](sweetshop::app::Config& c) {
            c.time_zone = kKathmandu;
            c.jwt_access_minutes = 60 * 24 * 60;  // the tokens outlive the month
        });
        server.create_user("boss", "boss-password", true);
        server.create_user("ann", "ann-password");
        const Headers admin{{"Authorization", "Bearer " + server.access_token("boss", "boss-password")}};
        const Headers user{{"Authorization", "Bearer " + server.access_token("ann", "ann-password")}};
        const long long prices[] = {100, 250, 75, 1999};
        for (int i = 0; i < 4; ++i) {
            const std::string cost = i % 2 ? R"(,"cost":"0.30")" : "";
            ASSERT_EQ(server
                          .post("/api/sweets/",
                                R"({"name":"S)" + std::to_string(i) + R"(","category":"C)" + std::to_string(i % 2) +
                                    R"(","price":")" + sweetshop::domain::format_money(prices[i]) +
                                    R"(","quantity":100000)" + cost + "}",
                                admin)
                          .status,
                      201);
        }
        std::mt19937 random(seed);
        auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
        // What happened, by the shop's day: per sweet (units, revenue, refunded units, refunds) and the orders.
        struct Event {
            LocalDate day;
            int sweet = 0;  // 1..4
            long long units = 0, money = 0;
            bool refund = false;
            long long order = 0;
        };
        std::vector<Event> events;
        struct Line {
            long long order, sweet, left;
        };
        std::vector<Line> lines;
        long long next_order = 10001;
        auto now_day = [&] {
            // Away from the shop's midnights, so that the day an event is given is the day it happens.
            auto t = server.clock().now();
            const auto day = zone.date_of(t);
            if (t - zone.start_of(day) < 5'000'000 || zone.end_of(day) - t < 5'000'000)
                server.clock().advance(std::chrono::seconds(10));
            return zone.date_of(server.clock().now());
        };
        const LocalDate first = now_day();
        for (int step = 0; step < 80; ++step) {  // about 33 days: at least one whole 16-day block
            server.clock().advance(std::chrono::minutes(pick(20 * 60)));
            const auto day = now_day();
            if (lines.empty() || pick(3) != 0) {
                std::string body = R"({"lines":[)";
                std::set<int> used;
                const int count = 1 + pick(3);
                for (int l = 0; l < count; ++l) {
                    const int sweet = 1 + pick(4);
                    if (!used.insert(sweet).second) continue;
                    const int amount = 1 + pick(5);
                    if (used.size() > 1) body += ',';
                    body += R"({"sweet":)" + std::to_string(sweet) + R"(,"amount":)" + std::to_string(amount) + "}";
                    events.push_back({day, sweet, amount, amount * prices[sweet - 1], false, next_order});
                    lines.push_back({next_order, sweet, amount});
                }
                ASSERT_EQ(server.post("/api/orders/", body + "]}", user).status, 201) << body;
                ++next_order;
            } else {
                auto& line = lines[static_cast<std::size_t>(pick(static_cast<int>(lines.size())))];
                if (line.left == 0) continue;
                const long long amount = 1 + pick(static_cast<int>(line.left));
                const std::string body = R"({"lines":[{"sweet":)" + std::to_string(line.sweet) + R"(,"amount":)" +
                                         std::to_string(amount) + R"(}],"restock":)" + (pick(2) ? "true" : "false") +
                                         R"(,"reason":"random"})";
                ASSERT_EQ(server.post("/api/orders/" + std::to_string(line.order) + "/refund/", body, admin).status,
                          200)
                    << body;
                line.left -= amount;
                events.push_back(
                    {day, static_cast<int>(line.sweet), amount, amount * prices[line.sweet - 1], true, line.order});
            }
        }
        const LocalDate last = now_day();
        const int span = static_cast<int>(sweetshop::domain::days_between(first, last));
        std::vector<std::pair<LocalDate, LocalDate>> periods{{first, last}};
        for (int p = 0; p < 6; ++p) {
            const auto from = sweetshop::domain::add_days(first, pick(span + 1));
            periods.push_back({from, sweetshop::domain::add_days(from, pick(span + 1))});
        }
        for (const auto& [from, to] : periods) {
            const auto name =
                sweetshop::domain::format_local_date(from) + ".." + sweetshop::domain::format_local_date(to);
            struct Expected {
                long long units = 0, revenue = 0, refunded_units = 0, refunds = 0;
                std::set<long long> orders;
            };
            Expected total;
            std::map<std::string, Expected> by_sweet, by_category;
            for (const auto& e : events) {
                if (e.day < from || to < e.day) continue;
                for (auto* x : {&total, &by_sweet["S" + std::to_string(e.sweet - 1)],
                                &by_category["C" + std::to_string((e.sweet - 1) % 2)]}) {
                    if (e.refund) {
                        x->refunded_units += e.units;
                        x->refunds += e.money;
                    } else {
                        x->units += e.units;
                        x->revenue += e.money;
                        x->orders.insert(e.order);
                    }
                }
            }
            auto check = [&](const nlohmann::json& row, const Expected& x, const std::string& what) {
                EXPECT_EQ(row["units"], x.units) << seed << ' ' << name << ' ' << what;
                EXPECT_EQ(row["revenue"], sweetshop::domain::format_money(x.revenue)) << seed << ' ' << name << what;
                EXPECT_EQ(row["refunded_units"], x.refunded_units) << seed << ' ' << name << ' ' << what;
                EXPECT_EQ(row["refunds"], sweetshop::domain::format_money(x.refunds)) << seed << ' ' << name << what;
                EXPECT_EQ(row["orders"], static_cast<long long>(x.orders.size())) << seed << ' ' << name << what;
            };
            const auto period = "from=" + sweetshop::domain::format_local_date(from) +
                                "&to=" + sweetshop::domain::format_local_date(to);
            for (const char* group : {"day", "week", "month", "sweet", "category"}) {
                const auto report =
                    server.get(std::string("/api/reports/sales/?group=") + group + "&" + period, admin).json();
                check(report["totals"], total, std::string("totals by ") + group);
                long long row_units = 0, row_refunded = 0, row_cost = 0;
                for (const auto& row : report["rows"]) {
                    row_units += row["units"].get<long long>();
                    row_refunded += row["refunded_units"].get<long long>();
                    const auto cost = row["cost"].get<std::string>();
                    const auto cents = sweetshop::domain::parse_money(cost[0] == '-' ? cost.substr(1) : cost);
                    row_cost += (cost[0] == '-' ? -1 : 1) * std::get<std::int64_t>(cents);
                    if (std::string(group) == "sweet") check(row, by_sweet[row["name"]], row["name"]);
                    if (std::string(group) == "category") check(row, by_category[row["category"]], row["category"]);
                }
                EXPECT_EQ(row_units, total.units) << seed << ' ' << name << ' ' << group;
                EXPECT_EQ(row_refunded, total.refunded_units) << seed << ' ' << name << ' ' << group;
                EXPECT_EQ(sweetshop::domain::format_money(row_cost), report["totals"]["cost"].get<std::string>())
                    << seed << ' ' << name << ' ' << group;
            }
        }
        // The ledger's sales are the units sold, and verify-stock agrees with every quantity and every summary.
        long long units = 0;
        for (const auto& e : events)
            if (!e.refund) units += e.units;
        const auto ledger_sold = server.app().database().read([](soci::session& sql) {
            long long sold = 0;
            sql << "SELECT CAST(-SUM(delta) AS BIGINT) FROM stock_ledger WHERE reason = 'purchase'", soci::into(sold);
            return sold;
        });
        EXPECT_EQ(ledger_sold, units) << seed;
        EXPECT_TRUE(server.get("/api/admin/stock/verify/", admin).json()["ok"].get<bool>()) << seed;
    }
}
