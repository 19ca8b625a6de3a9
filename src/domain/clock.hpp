#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace sweetshop::domain {

/// Times are microseconds since the Unix epoch, UTC, everywhere below http (exact, and the same on every backend).
using Micros = std::int64_t;

inline Micros now_micros() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// ISO 8601 in UTC with a trailing Z, microseconds only when non-zero: "2025-12-14T13:52:12.123456Z".
std::string format_timestamp(Micros at);

}  // namespace sweetshop::domain
