// The stock ledger on SQLite at size: a sweet's history (newest page and a page deep in it) on a 1,000,000-row
// ledger, and what the ledger's index on (sweet, entry) costs each purchase. Run by hand:
//   build/release/bench/sweetshop_ledger_bench [--benchmark_repetitions=3]
// SWEETSHOP_BENCH_LEDGER_ROWS changes the ledger's size (default 1,000,000).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "domain/stock_control.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/stock_control_store.hpp"
#include "storage/sweet_stock.hpp"

using namespace sweetshop;

namespace {
constexpr long long kSweets = 1000;

long long ledger_rows() {
    const char* v = std::getenv("SWEETSHOP_BENCH_LEDGER_ROWS");
    return v ? std::atoll(v) : 1'000'000;
}

/// A shop of 1000 sweets whose ledger has ledger_rows() entries, spread evenly over the sweets (so sweet 1 has
/// a thousandth of them, interleaved with everyone else's). `indexed`: with migration 0007's index (as shipped).
struct Shop {
    std::filesystem::path dir;
    std::unique_ptr<storage::Database> db;
    explicit Shop(bool indexed) {
        dir = std::filesystem::temp_directory_path() /
              ("sweetshop-ledger-bench-" + std::to_string(::getpid()) + (indexed ? "-indexed" : "-plain"));
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        db = std::make_unique<storage::Database>("sqlite:///" + (dir / "shop.db").string(), 4,
                                                 storage::DatabaseOptions{.sync_commits = false});
        storage::migrate(*db);
        db->write([&](soci::session& sql) {
            if (!indexed) sql << "DROP INDEX stock_ledger_sweet";
            for (long long i = 1; i <= kSweets; ++i) {
                const std::string name = "Sweet " + std::to_string(i);
                sql << "INSERT INTO sweets (name, name_folded, category, category_folded, price_cents, quantity, "
                       "created_by, created_at_us, updated_at_us) VALUES (:n, :n, 'Bench', 'bench', 100, 1000000000, "
                       "'bench', 0, 0)",
                    soci::use(name, "n");
            }
            long long sweet = 0, at = 0;
            soci::statement insert =
                (sql.prepare << "INSERT INTO stock_ledger (sweet_id, sweet_name, actor, reason, delta, "
                                "quantity_after, at_us) VALUES (:s, 'Sweet', 'bench', 'purchase', -1, 1000000, :at)",
                 soci::use(sweet, "s"), soci::use(at, "at"));
            for (long long row = 0; row < ledger_rows(); ++row) {
                sweet = 1 + row % kSweets;
                at = row;
                insert.execute(true);
            }
        });
    }
    ~Shop() {
        db.reset();
        std::filesystem::remove_all(dir);
    }
};

Shop& shop(bool indexed) {
    static Shop with_index(true);
    if (indexed) return with_index;
    static Shop without_index(false);
    return without_index;
}

void BM_History_NewestPage(benchmark::State& state) {
    storage::SqlStockControlStore store(*shop(true).db);
    for (auto _ : state)
        benchmark::DoNotOptimize(store.history(1, std::nullopt, 50));
    state.SetLabel(std::to_string(ledger_rows()) + " ledger rows");
}
BENCHMARK(BM_History_NewestPage)->Unit(benchmark::kMicrosecond);

void BM_History_DeepPage(benchmark::State& state) {
    storage::SqlStockControlStore store(*shop(true).db);
    const long long middle = ledger_rows() / 2;
    for (auto _ : state)
        benchmark::DoNotOptimize(store.history(1, middle, 50));
    state.SetLabel("50 entries before the ledger's middle");
}
BENCHMARK(BM_History_DeepPage)->Unit(benchmark::kMicrosecond);

/// One purchase (its UPDATE, order, line and ledger entry, committed; no fsync) on the 1,000,000-row ledger,
/// with and without the index: the difference is what the index costs each sale.
void purchase(benchmark::State& state, bool indexed) {
    storage::SqlStockStore stock(*shop(indexed).db);
    std::mt19937 random(42);
    std::uniform_int_distribution<long long> any(1, kSweets);
    for (auto _ : state) {
        domain::StockChange change{domain::StockChange::Kind::Purchase, any(random), 1, {1, "bench"}};
        benchmark::DoNotOptimize(stock.change_stock(change, nullptr));
    }
}
void BM_Purchase_LedgerIndexed(benchmark::State& state) {
    purchase(state, true);
}
void BM_Purchase_LedgerNotIndexed(benchmark::State& state) {
    purchase(state, false);
}
BENCHMARK(BM_Purchase_LedgerIndexed)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Purchase_LedgerNotIndexed)->Unit(benchmark::kMicrosecond);
}  // namespace

BENCHMARK_MAIN();
