#pragma once
// The shop's time zone (an IANA name such as Europe/London, through ICU's time zone data): where people see times
// (receipts) and where a date in a filter starts and ends.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/clock.hpp"

namespace sweetshop::domain {

struct LocalDate {
    int year = 0, month = 0, day = 0;
    auto operator<=>(const LocalDate&) const = default;
};

/// YYYY-MM-DD.
std::string format_local_date(const LocalDate& date);
/// The day after.
LocalDate next_day(const LocalDate& date);
/// `days` later (earlier when negative).
LocalDate add_days(const LocalDate& date, std::int64_t days);
/// How many days `to` is after `from`.
std::int64_t days_between(const LocalDate& from, const LocalDate& to);
/// ISO 8601: 1 Monday ... 7 Sunday.
int weekday(const LocalDate& date);

/// YYYY-MM-DD, a real calendar day; std::nullopt otherwise.
std::optional<LocalDate> parse_local_date(std::string_view text);

class ShopTimeZone {
  public:
    /// Throws std::invalid_argument for a name ICU does not know.
    explicit ShopTimeZone(const std::string& name = "UTC");
    ~ShopTimeZone();
    ShopTimeZone(const ShopTimeZone& other);
    ShopTimeZone& operator=(const ShopTimeZone& other);

    const std::string& name() const { return name_; }
    /// The instant the day begins in this zone (its first existing minute on a day a clock change skips midnight).
    Micros start_of(const LocalDate& date) const;
    /// The instant the next day begins.
    Micros end_of(const LocalDate& date) const;
    /// The day `at` falls on in this zone.
    LocalDate date_of(Micros at) const;
    /// "2026-12-01 10:00" in this zone.
    std::string format_minute(Micros at) const;

  private:
    struct Impl;
    std::string name_;
    std::unique_ptr<Impl> impl_;
};

}  // namespace sweetshop::domain
