#pragma once
// Log output: text for people, or one JSON object per line for log shippers (SWEETSHOP_LOG_FORMAT=json).
#include <spdlog/formatter.h>

#include <memory>
#include <string>

namespace sweetshop::app {

/// Sets the level and the format ("text" or "json") of the default logger.
void setup_logging(const std::string& level, const std::string& format);

/// One JSON object per line: {"time":"…Z","level":"info","message":"…"}. A message that is itself a JSON object
/// (the access log's {"method",…}) has its fields placed at the top level instead of under "message".
std::unique_ptr<spdlog::formatter> json_line_formatter();

}  // namespace sweetshop::app
