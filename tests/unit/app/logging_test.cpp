#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "app/logging.hpp"

namespace {
std::vector<nlohmann::json> lines_of(const std::string& text) {
    std::vector<nlohmann::json> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(nlohmann::json::parse(line));  // throws (fails the test) on a line that is not JSON
    return out;
}
}  // namespace

TEST(JsonLogs, EveryLineIsOneJsonObject) {
    std::ostringstream out;
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
    spdlog::logger logger("test", sink);
    logger.set_formatter(sweetshop::app::json_line_formatter());
    logger.info("Sweet Shop listening on http://127.0.0.1:8000 \"quoted\" \\ and a\ttab");
    logger.warn(R"({"method":"GET","route":"/api/sweets/","status":200,"duration_ms":0.125})");
    logger.error("");
    const auto lines = lines_of(out.str());
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0]["level"], "info");
    EXPECT_EQ(lines[0]["message"], "Sweet Shop listening on http://127.0.0.1:8000 \"quoted\" \\ and a\ttab");
    EXPECT_TRUE(std::string(lines[0]["time"]).ends_with("Z"));
    EXPECT_EQ(std::string(lines[0]["time"]).size(), 27u);  // 2025-12-14T13:52:12.123456Z
    EXPECT_EQ(lines[1]["level"], "warning");
    EXPECT_EQ(lines[1]["route"], "/api/sweets/");  // an access-log object's fields are at the top level
    EXPECT_EQ(lines[1]["status"], 200);
    EXPECT_FALSE(lines[1].contains("message"));
    EXPECT_EQ(lines[2]["message"], "");
}
