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

/// A wait as a Retry-After: whole seconds, rounded up, at least 1.
inline std::chrono::seconds retry_after(Micros wait) {
    return std::chrono::seconds(wait <= 1'000'000 ? 1 : (wait + 999'999) / 1'000'000);
}

/// The clock port: where the domain and storage read the time, so that tests can stand at any moment (a login
/// window that has passed, a key that has expired) without sleeping or rewriting rows.
class Clock {
  public:
    virtual ~Clock() = default;
    virtual Micros now() const = 0;
};

/// The wall clock.
class SystemClock final : public Clock {
  public:
    Micros now() const override { return now_micros(); }
};

/// The process's one SystemClock (the default of every constructor that takes a Clock).
inline const Clock& system_clock() {
    static const SystemClock clock;
    return clock;
}

/// ISO 8601 in UTC with a trailing Z, microseconds only when non-zero: "2025-12-14T13:52:12.123456Z".
std::string format_timestamp(Micros at);

}  // namespace sweetshop::domain
