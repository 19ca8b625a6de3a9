// The metrics routes: health, per-category metrics (on the API server and on the separate metrics service) and the
// Prometheus output.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "shop_fixture.hpp"

using namespace sweetshop::testing;

class MetricsApi : public ShopFixture {
  protected:
    void stock_the_shop() {
        add_sweet("Caramel Fudge", "3.50", 10, "Chocolate");
        add_sweet("Dark Truffle", "1.20", 5, "Chocolate");
        add_sweet("Cola Bottles", "1.00", 0, "Gummies");
        add_sweet("White Mice", "0.50", 7, "chocolate");  // grouping is exact and case-sensitive
        server.post("/api/sweets/1/purchase/", R"({"amount":3})", user);
        server.post("/api/sweets/3/restock/", R"({"amount":20})", admin);
        server.post("/api/sweets/2/purchase/", R"({"amount":9})", user);  // refused: Insufficient stock
    }
    static constexpr const char* kStocked = R"([{"category":"Chocolate","sweet_count":2,"total_quantity":12},)"
                                            R"({"category":"Gummies","sweet_count":1,"total_quantity":20},)"
                                            R"({"category":"chocolate","sweet_count":1,"total_quantity":7}])";
};

TEST_F(MetricsApi, Health_AnswersOk) {
    auto r = server.get("/api/health/");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"status":"ok"})");
    EXPECT_EQ(server.get("/api/health").body, R"({"status":"ok"})");
}

TEST_F(MetricsApi, SweetMetrics_GroupsByExactCategoryInOrder) {
    auto r = server.get("/api/metrics/sweets/");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "[]");
    stock_the_shop();
    r = server.get("/api/metrics/sweets/");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, kStocked);
    EXPECT_EQ(r.header("Content-Type"), "application/json");
}

TEST_F(MetricsApi, SweetMetrics_AnswerJson503OnADatabaseFault) {
    stock_the_shop();
    server.app().database().write([](soci::session& sql) { sql << "ALTER TABLE sweets RENAME TO sweets_gone"; });
    auto r = server.get("/api/metrics/sweets/");
    EXPECT_EQ(r.status, 503);
    EXPECT_EQ(r.body, R"({"detail":"Database unavailable."})");
}

TEST_F(MetricsApi, MetricsService_ServesTheOriginalRoutesWithCorsForAnyOrigin) {
    stock_the_shop();
    auto api = server.service().metrics_api();
    auto options = server.service().server_options();
    options.port = 0;
    options.access_log = false;
    sweetshop::http::Server metrics(api, options);
    metrics.start();
    auto r = http(metrics.port(), "GET", "/health", "", {{"Origin", "http://anywhere.example"}});
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"status":"ok"})");
    EXPECT_EQ(r.header("Access-Control-Allow-Origin"), "*");
    r = http(metrics.port(), "GET", "/metrics/sweets");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, kStocked);
    EXPECT_EQ(r.header("Access-Control-Allow-Origin"), "*");
    r = http(metrics.port(), "GET", "/api/sweets/");  // only its own routes
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body, R"({"detail":"Not found."})");
    r = http(metrics.port(), "OPTIONS", "/metrics/sweets/", "",
             {{"Origin", "http://x.example"}, {"Access-Control-Request-Method", "GET"}});
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Access-Control-Allow-Origin"), "*");
    metrics.stop();
}

TEST_F(MetricsApi, Prometheus_CountsRequestsByRouteAndSales) {
    stock_the_shop();
    server.get("/api/sweets/", user);
    server.get("/api/sweets/2/", user);
    server.get("/api/sweets/3", user);
    server.get("/api/nowhere/");
    const auto keyed = with(user, "Idempotency-Key", "once");
    server.post("/api/sweets/4/purchase/", R"({"amount":2})", keyed);
    server.post("/api/sweets/4/purchase/", R"({"amount":2})", keyed);  // a replay sells nothing
    auto r = server.get("/metrics");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
    const auto& text = r.body;
    auto has = [&](const std::string& line) {
        EXPECT_NE(text.find(line + "\n"), std::string::npos) << "missing: " << line;
    };
    has(R"(sweetshop_http_requests_total{method="GET",route="/api/sweets/",status="200"} 1)");
    has(R"(sweetshop_http_requests_total{method="GET",route="/api/sweets/{id}/",status="200"} 2)");
    has(R"(sweetshop_http_requests_total{method="POST",route="/api/sweets/{id}/purchase/",status="200"} 3)");
    has(R"(sweetshop_http_requests_total{method="POST",route="/api/sweets/{id}/purchase/",status="400"} 1)");
    has(R"(sweetshop_http_requests_total{method="POST",route="/api/sweets/",status="201"} 4)");
    has(R"(sweetshop_http_requests_total{method="GET",route="-",status="404"} 1)");
    has(R"(sweetshop_http_request_duration_seconds_bucket{route="/api/sweets/{id}/",le="+Inf"} 2)");
    has(R"(sweetshop_http_request_duration_seconds_count{route="/api/sweets/{id}/"} 2)");
    has(R"(sweetshop_purchases_total 2)");
    has(R"(sweetshop_units_sold_total 5)");
    has("# TYPE sweetshop_http_request_duration_seconds histogram");
    for (const char* name : {"sweetshop_db_connections ", "sweetshop_db_connections_in_use ",
                             "sweetshop_db_connections_waiting ", "process_resident_memory_bytes ", "process_open_fds ",
                             "process_start_time_seconds ", "process_cpu_seconds_total "})
        EXPECT_NE(text.find(std::string("\n") + name), std::string::npos) << name;
    EXPECT_EQ(text.find("/api/sweets/2/"), std::string::npos);  // route patterns, never raw paths
}

TEST_F(MetricsApi, Prometheus_OutputPassesPromtool) {
    stock_the_shop();
    server.get("/api/sweets/?name=a%22b", user);
    const auto text = server.get("/metrics/").body;
    TempDir dir;
    const auto file = dir.path() / "metrics.txt";
    std::ofstream(file) << text;
    const std::string command =
        "promtool check metrics < '" + file.string() + "' > '" + (dir.path() / "out.txt").string() + "' 2>&1";
    const int rc = std::system(command.c_str());
    std::ifstream out(dir.path() / "out.txt");
    std::string said((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
    EXPECT_EQ(rc, 0) << "promtool (from Debian's prometheus package, installed by scripts/install-deps.sh --test): "
                     << said;
}
