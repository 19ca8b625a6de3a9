// Reports on SQLite at size: 1,000,000 order lines (250,000 orders of 4 lines over 1,000 sweets, spread over a year)
// and 10,000 refunds; the sales report by day, by sweet and by category over the whole year, and over one week.
// Run by hand: build/release/bench/sweetshop_report_bench (SWEETSHOP_BENCH_ORDERS changes the number of orders).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "domain/reports.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/report_store.hpp"

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

struct Shop {
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                std::string("sweetshop-report-bench-").append(std::to_string(::getpid()));
    std::unique_ptr<storage::Database> db;
    Shop() {
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        db = std::make_unique<storage::Database>("sqlite:///" + (dir / "shop.db").string(), 4,
                                                 storage::DatabaseOptions{.sync_commits = false});
        storage::migrate(*db);
        db->write([&](soci::session& sql) {
            for (long long i = 1; i <= kSweets; ++i) {
                const std::string name = std::string("Sweet ").append(std::to_string(i));
                const std::string category = std::string("C").append(std::to_string(i % 10));
                sql << "INSERT INTO sweets (name, name_folded, category, category_folded, price_cents, quantity, "
                       "cost_cents, created_by, created_at_us, updated_at_us) VALUES (:n, :n, :c, :c, 100, 1000000, "
                       "40, 'bench', 0, 0)",
                    soci::use(name, "n"), soci::use(category, "c");
            }
            long long id = 0, at = 0, sweet = 0, position = 0;
            soci::statement order =
                (sql.prepare << "INSERT INTO orders (id, status, customer, total_cents, created_at_us) VALUES (:id, "
                                "'paid', 'bench', 400, :at)",
                 soci::use(id, "id"), soci::use(at, "at"));
            soci::statement line =
                (sql.prepare << "INSERT INTO order_lines (order_id, position, sweet_id, sweet_name, unit_price_cents, "
                                "amount, unit_cost_cents) VALUES (:id, :p, :s, 'Sweet', 100, 1, 40)",
                 soci::use(id, "id"), soci::use(position, "p"), soci::use(sweet, "s"));
            for (long long n = 0; n < orders(); ++n) {
                id = 10001 + n;
                at = kYearStart + n * (kYear / orders());
                order.execute(true);
                for (position = 0; position < 4; ++position) {
                    sweet = 1 + (n * 4 + position) % kSweets;
                    line.execute(true);
                }
            }
            long long refund = 0;
            soci::statement refunds =
                (sql.prepare << "INSERT INTO refunds (id, order_id, actor, reason, restock, total_cents, at_us) "
                                "VALUES (:r, :id, 'bench', 'bench', 1, 100, :at)",
                 soci::use(refund, "r"), soci::use(id, "id"), soci::use(at, "at"));
            soci::statement refund_line =
                (sql.prepare << "INSERT INTO refund_lines (refund_id, sweet_id, sweet_name, amount) VALUES (:r, :s, "
                                "'Sweet', 1)",
                 soci::use(refund, "r"), soci::use(sweet, "s"));
            for (refund = 1; refund <= orders() / 25; ++refund) {
                const long long n = refund * 25 - 1;
                id = 10001 + n;
                at = kYearStart + n * (kYear / orders()) + 3600'000'000;
                sweet = 1 + (n * 4) % kSweets;
                refunds.execute(true);
                refund_line.execute(true);
            }
        });
    }
    ~Shop() {
        db.reset();
        std::filesystem::remove_all(dir);
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
}  // namespace

BENCHMARK_MAIN();
