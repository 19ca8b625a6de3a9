#include <gtest/gtest.h>

#include "metrics/metrics.hpp"
#include "metrics/process.hpp"

using namespace sweetshop::metrics;

namespace {
bool has(const std::string& text, const std::string& line) {
    return text.find(line + "\n") != std::string::npos;
}
}  // namespace

TEST(Metrics, CountsRequestsAndBucketsLatenciesCumulatively) {
    Registry r;
    r.observe_request("GET", "/api/sweets/", 200, 0.0002);
    r.observe_request("GET", "/api/sweets/", 200, 0.003);
    r.observe_request("GET", "/api/sweets/", 404, 5.0);
    const auto text = r.render({}, {});
    EXPECT_TRUE(has(text, R"(sweetshop_http_requests_total{method="GET",route="/api/sweets/",status="200"} 2)"));
    EXPECT_TRUE(has(text, R"(sweetshop_http_requests_total{method="GET",route="/api/sweets/",status="404"} 1)"));
    EXPECT_TRUE(has(text, R"(sweetshop_http_request_duration_seconds_bucket{route="/api/sweets/",le="0.0001"} 0)"));
    EXPECT_TRUE(has(text, R"(sweetshop_http_request_duration_seconds_bucket{route="/api/sweets/",le="0.00025"} 1)"));
    EXPECT_TRUE(has(text, R"(sweetshop_http_request_duration_seconds_bucket{route="/api/sweets/",le="0.005"} 2)"));
    EXPECT_TRUE(has(text, R"(sweetshop_http_request_duration_seconds_bucket{route="/api/sweets/",le="2.5"} 2)"));
    EXPECT_TRUE(has(text, R"(sweetshop_http_request_duration_seconds_bucket{route="/api/sweets/",le="+Inf"} 3)"));
    EXPECT_TRUE(has(text, R"(sweetshop_http_request_duration_seconds_count{route="/api/sweets/"} 3)"));
    EXPECT_TRUE(has(text, R"(sweetshop_http_request_duration_seconds_sum{route="/api/sweets/"} 5.0032)"));
}

TEST(Metrics, CountsSalesAndShowsThePoolAndProcess) {
    Registry r;
    r.count_sale(2);
    r.count_sale(3);
    const auto text = r.render(ProcessStats{1048576, 12, 1765720332, 1.5}, PoolStats{7, 2, 1});
    EXPECT_TRUE(has(text, "sweetshop_purchases_total 2"));
    EXPECT_TRUE(has(text, "sweetshop_units_sold_total 5"));
    EXPECT_TRUE(has(text, "sweetshop_db_connections 7"));
    EXPECT_TRUE(has(text, "sweetshop_db_connections_in_use 2"));
    EXPECT_TRUE(has(text, "sweetshop_db_connections_waiting 1"));
    EXPECT_TRUE(has(text, "process_resident_memory_bytes 1048576"));
    EXPECT_TRUE(has(text, "process_open_fds 12"));
    EXPECT_TRUE(has(text, "process_start_time_seconds 1765720332"));
    EXPECT_TRUE(has(text, "process_cpu_seconds_total 1.5"));
}

TEST(Metrics, EscapesLabelValues) {
    EXPECT_EQ(escape_label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

TEST(ProcessStats, ReadsThisProcess) {
    const auto stats = read_process_stats();
    EXPECT_GT(stats.resident_bytes, 0);
    EXPECT_GT(stats.open_fds, 2);  // at least stdin, stdout, stderr
    EXPECT_GT(stats.start_time_seconds, 1.7e9);
}
