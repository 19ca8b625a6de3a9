// Reports at size: 1,000,000 order lines (250,000 orders of 4 lines over 1,000 sweets, spread over a year) and
// 10,000 refunds; the sales report by day, by sweet and by category over the whole year and over one week, best
// sellers (on PostgreSQL after the shards are folded, as the servers do for all but the last two days); then one
// purchase with the summaries of migration 0008 and, after dropping their triggers, without. Run by hand:
// build/release/bench/sweetshop_report_bench. SWEETSHOP_BENCH_ORDERS changes the number of orders;
// SWEETSHOP_BENCH_DATABASE_URL runs it on that new, empty PostgreSQL database (left with the bench's data) instead of
// a temporary SQLite one.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include "domain/reports.hpp"
#include "domain/stock.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/report_store.hpp"
#include "storage/sweet_stock.hpp"

using namespace sweetshop;

namespace {
constexpr long long kSweets = 1000;
constexpr domain::Micros kYearStart = 1'767'225'600'000'000;  // 2026-01-01T00:00:00Z
constexpr domain::Micros kYear = 365LL * 24 * 3600 * 1'000'000;

long long orders() {
    const char* v = std::getenv("SWEETSHOP_BENCH_ORDERS");
    return v ? std::atoll(v) : 250'000;
}

struct FixedClock final : domain::Clock {
    domain::Micros now() const override { return kYearStart + kYear - 1; }
};

/// `text` with each {name} replaced.
std::string with(std::string text, std::initializer_list<std::pair<std::string, std::string>> values) {
    for (const auto& [name, value] : values)
        for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at + value.size()))
            text.replace(at, name.size(), value);
    return text;
}

struct Shop {
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                std::string("sweetshop-report-bench-").append(std::to_string(::getpid()));
    std::unique_ptr<storage::Database> db;
    bool postgres = false;
    Shop() {
        const char* url = std::getenv("SWEETSHOP_BENCH_DATABASE_URL");
        postgres = url != nullptr;
        if (!postgres) {
            std::filesystem::remove_all(dir);
            std::filesystem::create_directories(dir);
        }
        db =
            std::make_unique<storage::Database>(postgres ? std::string(url) : "sqlite:///" + (dir / "shop.db").string(),
                                                4, storage::DatabaseOptions{.sync_commits = false});
        storage::migrate(*db);
        if (postgres && db->read([](soci::session& sql) {
                long long sweets = 0;
                sql << "SELECT COUNT(*) FROM sweets", soci::into(sweets);
                return sweets;
            }) > 0)
            throw std::runtime_error("SWEETSHOP_BENCH_DATABASE_URL must name a new, empty database");
        // Generated in SQL, in one transaction (the summaries' triggers run as they would for each sale).
        const std::string n = std::to_string(orders()), step = std::to_string(kYear / orders()),
                          start = std::to_string(kYearStart);
        const std::string numbers =
            "WITH RECURSIVE n(i) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {count}) ";
        db->write([&](soci::session& sql) {
            sql << with(numbers +
                            "INSERT INTO sweets (name, name_folded, category, category_folded, price_cents, "
                            "quantity, cost_cents, created_by, created_at_us, updated_at_us) "
                            "SELECT 'Sweet ' || (i + 1), 'sweet ' || (i + 1), 'C' || ((i + 1) % 10), "
                            "'c' || ((i + 1) % 10), 100, 1000000, 40, 'bench', 0, 0 FROM n",
                        {{"{count}", std::to_string(kSweets)}});
            sql << with(numbers +
                            "INSERT INTO orders (id, status, customer, total_cents, created_at_us) "
                            "SELECT 10001 + i, 'paid', 'bench', 400, {start} + i * {step} FROM n",
                        {{"{count}", n}, {"{start}", start}, {"{step}", step}});
            sql << with(numbers +
                            ", p(position) AS (VALUES (0), (1), (2), (3)) "
                            "INSERT INTO order_lines (order_id, position, sweet_id, sweet_name, unit_price_cents, "
                            "amount, unit_cost_cents, category) "
                            "SELECT 10001 + i, position, 1 + (i * 4 + position) % 1000, 'Sweet', 100, 1, 40, "
                            "'C' || ((1 + (i * 4 + position) % 1000) % 10) FROM n, p ORDER BY 1, 2",
                        {{"{count}", n}});
            sql << with(numbers +
                            "INSERT INTO refunds (id, order_id, actor, reason, restock, total_cents, at_us) "
                            "SELECT i + 1, 10001 + (i + 1) * 25 - 1, 'bench', 'bench', 1, 100, "
                            "{start} + ((i + 1) * 25 - 1) * {step} + 3600000000 FROM n",
                        {{"{count}", std::to_string(orders() / 25)}, {"{start}", start}, {"{step}", step}});
            sql << "INSERT INTO refund_lines (refund_id, sweet_id, sweet_name, amount) "
                   "SELECT r.id, 1 + ((r.order_id - 10001) * 4) % 1000, 'Sweet', 1 FROM refunds r";
            if (postgres) {
                sql << "SELECT setval(pg_get_serial_sequence('orders', 'id'), MAX(id)) FROM orders";
                sql << "SELECT setval(pg_get_serial_sequence('refunds', 'id'), MAX(id)) FROM refunds";
            }
        });
        // As the servers keep it: the shards of the past folded into one row per slot or day.
        storage::fold_summary_shards(*db, kYearStart + kYear);
        if (postgres) db->read([](soci::session& sql) { sql << "VACUUM ANALYZE"; });  // as autovacuum would
    }
    /// Drops what the summaries add to each sale: their triggers and the two indexes on the times.
    void drop_summaries() {
        db->write([&](soci::session& sql) {
            if (postgres) {
                sql << "DROP TRIGGER orders_sales_summary ON orders";
                sql << "DROP TRIGGER refunds_sales_summary ON refunds";
            } else {
                for (const char* t :
                     {"orders_sales_summary", "order_lines_sales_summary", "refund_lines_sales_summary"})
                    sql << "DROP TRIGGER " << t;
            }
            sql << "DROP INDEX orders_created";
            sql << "DROP INDEX refunds_at";
        });
    }
    ~Shop() {
        db.reset();
        if (!postgres) std::filesystem::remove_all(dir);
    }
};

Shop& shop() {
    static Shop s;
    return s;
}

void report(benchmark::State& state, domain::ReportGroup group, int days) {
    storage::SqlReportStore store(*shop().db);
    FixedClock clock;
    domain::Reports reports(store, clock);
    const domain::ShopTimeZone zone("Europe/London");
    const domain::LocalDate to{2026, 12, 31};
    const auto from = domain::add_days(to, -(days - 1));
    for (auto _ : state)
        benchmark::DoNotOptimize(reports.sales(from, to, group, zone));
    state.SetLabel(std::to_string(orders() * 4).append(" order lines"));
}

void BM_SalesReport_Year_ByDay(benchmark::State& s) {
    report(s, domain::ReportGroup::Day, 365);
}
void BM_SalesReport_Year_BySweet(benchmark::State& s) {
    report(s, domain::ReportGroup::Sweet, 365);
}
void BM_SalesReport_Year_ByCategory(benchmark::State& s) {
    report(s, domain::ReportGroup::Category, 365);
}
void BM_SalesReport_Week_ByDay(benchmark::State& s) {
    report(s, domain::ReportGroup::Day, 7);
}
BENCHMARK(BM_SalesReport_Year_ByDay)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SalesReport_Year_BySweet)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SalesReport_Year_ByCategory)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SalesReport_Week_ByDay)->Unit(benchmark::kMillisecond);

void BM_BestSellers_Year(benchmark::State& state) {
    storage::SqlReportStore store(*shop().db);
    FixedClock clock;
    domain::Reports reports(store, clock);
    const domain::ShopTimeZone zone("Europe/London");
    for (auto _ : state)
        benchmark::DoNotOptimize(reports.best_sellers({2026, 1, 1}, {2026, 12, 31}, true, 10, zone));
}
BENCHMARK(BM_BestSellers_Year)->Unit(benchmark::kMillisecond);

/// One purchase (its UPDATE, order, line and ledger entry, committed; no fsync on SQLite). The summaries' cost is
/// the difference between the two rows; the second drops them, so it runs last.
void purchase(benchmark::State& state) {
    storage::SqlStockStore stock(*shop().db);
    std::mt19937 random(42);
    std::uniform_int_distribution<long long> any(1, kSweets);
    for (auto _ : state) {
        domain::StockChange change{domain::StockChange::Kind::Purchase, any(random), 1, {1, "bench"}};
        benchmark::DoNotOptimize(stock.change_stock(change, nullptr));
    }
}
void BM_Purchase_WithSummaries(benchmark::State& state) {
    purchase(state);
}
void BM_Purchase_WithoutSummaries(benchmark::State& state) {
    static const bool dropped = (shop().drop_summaries(), true);
    benchmark::DoNotOptimize(dropped);
    purchase(state);
}
BENCHMARK(BM_Purchase_WithSummaries)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Purchase_WithoutSummaries)->Unit(benchmark::kMicrosecond);
}  // namespace

BENCHMARK_MAIN();
