// Google Benchmark programs for the hot pure paths: a page of 25 sweets to JSON (our writer and the nlohmann tree
// it replaced), token signing and verification, money and price-bound parsing, list parameters, and building the
// list query. Run: build/release/bench/sweetshop_bench (see docs/performance.md).
#include <benchmark/benchmark.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "domain/catalogue.hpp"
#include "domain/money.hpp"
#include "http/fields.hpp"
#include "http/json_body.hpp"
#include "http/json_writer.hpp"
#include "security/tokens.hpp"
#include "storage/sweet_catalogue.hpp"

using namespace sweetshop;

namespace {
domain::SweetPage sample_page() {
    domain::SweetPage page;
    page.count = 1000;
    page.pages = 40;
    for (int i = 1; i <= 25; ++i) {
        page.items.push_back(domain::Sweet{i, "Sweet " + std::to_string(1000 + i), "Chocolate",
                                           "A sweet of the load-test catalogue.", 50 + i * 37, 1000000 - i, "bench",
                                           1765720332123456 + i, 1765720332999999 + i});
    }
    return page;
}

void BM_PageJson_Writer(benchmark::State& state) {
    const auto page = sample_page();
    const std::string next = "http://127.0.0.1:8000/api/sweets/?page=2";
    for (auto _ : state)
        benchmark::DoNotOptimize(http::json::page(page, next, ""));
}
BENCHMARK(BM_PageJson_Writer);

void BM_PageJson_NlohmannTree(benchmark::State& state) {
    const auto page = sample_page();
    for (auto _ : state) {
        nlohmann::ordered_json results = nlohmann::ordered_json::array();
        for (const auto& s : page.items)
            results.push_back({{"id", s.id},
                               {"name", s.name},
                               {"category", s.category},
                               {"description", s.description},
                               {"price", domain::format_money(s.price_cents)},
                               {"quantity", s.quantity},
                               {"is_available", s.is_available()},
                               {"created_by", s.created_by},
                               {"created_at", domain::format_timestamp(s.created_at)},
                               {"updated_at", domain::format_timestamp(s.updated_at)}});
        nlohmann::ordered_json body{{"count", page.count},
                                    {"next", "http://127.0.0.1:8000/api/sweets/?page=2"},
                                    {"previous", nullptr},
                                    {"results", std::move(results)}};
        benchmark::DoNotOptimize(body.dump());
    }
}
BENCHMARK(BM_PageJson_NlohmannTree);

security::TokenService tokens() {
    return security::TokenService("bench-secret-key-that-is-long-enough-0123456789", std::chrono::minutes(60),
                                  std::chrono::hours(24 * 7));
}

void BM_Token_Issue(benchmark::State& state) {
    const auto service = tokens();
    const domain::User user{42, "ann", "ann@example.com", "", false, true, 0};
    for (auto _ : state)
        benchmark::DoNotOptimize(service.issue(user, security::TokenType::Access));
}
BENCHMARK(BM_Token_Issue);

// A token seen before: answered from the remembered tokens (what every request after a login pays).
void BM_Token_Verify(benchmark::State& state) {
    const auto service = tokens();
    const auto token = service.issue(domain::User{42, "ann", "", "", false, true, 0}, security::TokenType::Access);
    for (auto _ : state)
        benchmark::DoNotOptimize(service.verify(token, security::TokenType::Access));
}
BENCHMARK(BM_Token_Verify);

// A token seen for the first time: decoding and the HS256 check (4096 different tokens, verified by a service that
// remembers none of them yet).
void BM_Token_VerifyFirstTime(benchmark::State& state) {
    const auto issuer = tokens();
    std::vector<std::string> tokens_seen;
    for (int i = 0; i < 4096; ++i)
        tokens_seen.push_back(
            issuer.issue(domain::User{i + 1, "ann", "", "", false, true, 0}, security::TokenType::Access));
    std::size_t i = 0;
    auto service = std::make_unique<security::TokenService>(tokens());
    for (auto _ : state) {
        if (i == tokens_seen.size()) {
            state.PauseTiming();
            service = std::make_unique<security::TokenService>(tokens());
            i = 0;
            state.ResumeTiming();
        }
        benchmark::DoNotOptimize(service->verify(tokens_seen[i++], security::TokenType::Access));
    }
}
BENCHMARK(BM_Token_VerifyFirstTime);

void BM_Money_Parse(benchmark::State& state) {
    const char* texts[] = {"3.50", "999999.99", "0.05", "12", "3.555", "abc"};
    std::size_t i = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(domain::parse_money(texts[i++ % 6]));
}
BENCHMARK(BM_Money_Parse);

void BM_Money_Format(benchmark::State& state) {
    std::int64_t cents = 12345;
    for (auto _ : state)
        benchmark::DoNotOptimize(domain::format_money(cents++));
}
BENCHMARK(BM_Money_Format);

void BM_ListParams_Parse(benchmark::State& state) {
    const domain::ListingParams params{"Choc", "", "1.50", "9.99", "-price,name", "50", "2"};
    for (auto _ : state)
        benchmark::DoNotOptimize(domain::parse_listing(params));
}
BENCHMARK(BM_ListParams_Parse);

/// Reading a body of N top-level fractional keys and its fields (the login handler's reads): linear in N (the time
/// per key stays flat as N grows; see docs/performance.md).
void BM_Body_ReadFields(benchmark::State& state) {
    std::string text = "{";
    for (std::int64_t i = 0; i < state.range(0); ++i)
        text += "\"k" + std::to_string(i) + "\":0.5,";
    text += "\"username\":\"ann\",\"password\":\"sugar-rush-1\",\"price\":1.50}";
    for (auto _ : state) {
        auto parsed = http::parse_json_body(text);
        auto& body = std::get<http::JsonBody>(parsed);
        domain::FieldErrors errors;
        benchmark::DoNotOptimize(http::read_string(body.value, "username", errors));
        benchmark::DoNotOptimize(http::read_money(body.value, body.numbers, "price", errors, true));
    }
    state.SetComplexityN(state.range(0));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Body_ReadFields)->RangeMultiplier(4)->Range(1 << 8, 1 << 16)->Complexity();

void BM_ListQuery_Build(benchmark::State& state) {
    const domain::SweetFilter filter{"choc", "", 150, 999};
    const std::vector<domain::SortKey> order = {{domain::SortField::Price, true}};
    for (auto _ : state)
        benchmark::DoNotOptimize(storage::list_sql(filter, order, storage::Dialect::Sqlite));
}
BENCHMARK(BM_ListQuery_Build);
}  // namespace

BENCHMARK_MAIN();
