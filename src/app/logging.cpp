#include "app/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "common/json_string.hpp"

namespace sweetshop::app {

namespace {
class JsonLineFlag final : public spdlog::custom_flag_formatter {
  public:
    void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
        const auto since_epoch = msg.time.time_since_epoch();
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
        const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(since_epoch - seconds).count();
        const std::time_t t = seconds.count();
        std::tm tm{};
        gmtime_r(&t, &tm);
        char time[64];
        const int n = std::snprintf(
            time, sizeof time, "{\"time\":\"%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ\",\"level\":\"", tm.tm_year + 1900,
            tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<long long>(micros));
        dest.append(time, time + n);
        const auto level = spdlog::level::to_string_view(msg.level);
        dest.append(level.data(), level.data() + level.size());
        dest.append(std::string_view("\","));
        const std::string_view text(msg.payload.data(), msg.payload.size());
        if (text.size() >= 2 && text.front() == '{' && text.back() == '}') {
            dest.append(text.data() + 1, text.data() + text.size());  // its fields, and the closing brace
        } else {
            std::string message = "\"message\":";
            common::append_json_string(message, text);
            message += '}';
            dest.append(message.data(), message.data() + message.size());
        }
    }
    std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<JsonLineFlag>(); }
};
}  // namespace

std::unique_ptr<spdlog::formatter> json_line_formatter() {
    auto formatter = std::make_unique<spdlog::pattern_formatter>();
    formatter->add_flag<JsonLineFlag>('*').set_pattern("%*");
    return formatter;
}

void setup_logging(const std::string& level, const std::string& format) {
    spdlog::set_level(spdlog::level::from_str(level));
    if (format == "json")
        spdlog::set_formatter(json_line_formatter());
    else
        spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
}

}  // namespace sweetshop::app
