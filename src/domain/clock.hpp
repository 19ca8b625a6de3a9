#pragma once
#include <chrono>
#include <cstdint>

namespace sweetshop::domain {

/// Times are microseconds since the Unix epoch, UTC, everywhere below http (exact, and the same on every backend).
using Micros = std::int64_t;

inline Micros now_micros() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace sweetshop::domain
