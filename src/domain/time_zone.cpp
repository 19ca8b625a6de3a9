#include "domain/time_zone.hpp"

#include <unicode/gregocal.h>
#include <unicode/timezone.h>

#include <cstdio>
#include <stdexcept>

namespace sweetshop::domain {

struct ShopTimeZone::Impl {
    std::unique_ptr<icu::TimeZone> zone;

    /// A calendar in the zone (not thread-safe, so one per call).
    std::unique_ptr<icu::GregorianCalendar> calendar() const {
        UErrorCode status = U_ZERO_ERROR;
        auto cal = std::make_unique<icu::GregorianCalendar>(*zone, status);
        if (U_FAILURE(status)) throw std::runtime_error("ICU calendar: " + std::string(u_errorName(status)));
        cal->setLenient(true);  // a skipped local time moves forward instead of failing
        return cal;
    }
};

std::optional<LocalDate> parse_local_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    auto number = [&](std::size_t from, std::size_t n) {
        int v = 0;
        for (std::size_t i = from; i < from + n; ++i)
            v = v * 10 + (text[i] - '0');
        return v;
    };
    LocalDate d{number(0, 4), number(5, 2), number(8, 2)};
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
    if (d.day > kDays[d.month - 1] + (d.month == 2 && leap ? 1 : 0)) return std::nullopt;
    return d;
}

std::string format_local_date(const LocalDate& d) {
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02d-%02d", d.year, d.month, d.day);
    return out;
}

namespace {
int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}
}  // namespace

namespace {
// Days since 1970-01-01 and back (H. Hinnant's civil calendar algorithms), for whole-day steps.
std::int64_t days_from_civil(const LocalDate& d) {
    const int y = d.month <= 2 ? d.year - 1 : d.year;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

LocalDate civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<int>(z - era * 146097);
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int day = doy - (153 * mp + 2) / 5 + 1;
    const int month = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<int>(yoe + era * 400) + (month <= 2 ? 1 : 0), month, day};
}

}  // namespace

LocalDate add_days(const LocalDate& date, std::int64_t days) {
    return civil_from_days(days_from_civil(date) + days);
}

std::int64_t days_between(const LocalDate& from, const LocalDate& to) {
    return days_from_civil(to) - days_from_civil(from);
}

LocalDate next_day(const LocalDate& d) {
    if (d.day < days_in_month(d.year, d.month)) return {d.year, d.month, d.day + 1};
    if (d.month < 12) return {d.year, d.month + 1, 1};
    return {d.year + 1, 1, 1};
}

int weekday(const LocalDate& d) {
    // Sakamoto's method: 0 Sunday ... 6 Saturday.
    static constexpr int kOffsets[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    const int y = d.month < 3 ? d.year - 1 : d.year;
    const int w = (y + y / 4 - y / 100 + y / 400 + kOffsets[d.month - 1] + d.day) % 7;
    return w == 0 ? 7 : w;
}

ShopTimeZone::ShopTimeZone(const std::string& name) : name_(name), impl_(std::make_unique<Impl>()) {
    impl_->zone.reset(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(name)));
    if (*impl_->zone == icu::TimeZone::getUnknown())
        throw std::invalid_argument("unknown time zone \"" + name + "\" (an IANA name such as Europe/London)");
}

ShopTimeZone::~ShopTimeZone() = default;

ShopTimeZone::ShopTimeZone(const ShopTimeZone& other)
    : name_(other.name_),
      impl_(std::make_unique<Impl>(Impl{std::unique_ptr<icu::TimeZone>(other.impl_->zone->clone())})) {}

ShopTimeZone& ShopTimeZone::operator=(const ShopTimeZone& other) {
    if (this != &other) {
        name_ = other.name_;
        impl_->zone.reset(other.impl_->zone->clone());
    }
    return *this;
}

Micros ShopTimeZone::start_of(const LocalDate& date) const {
    auto cal = impl_->calendar();
    cal->clear();
    cal->set(date.year, date.month - 1, date.day, 0, 0, 0);
    UErrorCode status = U_ZERO_ERROR;
    const UDate ms = cal->getTime(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU calendar: " + std::string(u_errorName(status)));
    return static_cast<Micros>(ms) * 1000;
}

LocalDate ShopTimeZone::date_of(Micros at) const {
    auto cal = impl_->calendar();
    UErrorCode status = U_ZERO_ERROR;
    // Floor to the millisecond: a microsecond before midnight is still that day.
    const auto ms = at >= 0 ? at / 1000 : -((-at + 999) / 1000);
    cal->setTime(static_cast<UDate>(ms), status);
    LocalDate d{cal->get(UCAL_YEAR, status), cal->get(UCAL_MONTH, status) + 1, cal->get(UCAL_DATE, status)};
    if (U_FAILURE(status)) throw std::runtime_error("ICU calendar: " + std::string(u_errorName(status)));
    return d;
}

Micros ShopTimeZone::end_of(const LocalDate& date) const {
    auto cal = impl_->calendar();
    cal->clear();
    cal->set(date.year, date.month - 1, date.day + 1, 0, 0, 0);  // lenient: the 32nd is the next month's 1st
    UErrorCode status = U_ZERO_ERROR;
    const UDate ms = cal->getTime(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU calendar: " + std::string(u_errorName(status)));
    return static_cast<Micros>(ms) * 1000;
}

std::string ShopTimeZone::format_minute(Micros at) const {
    auto cal = impl_->calendar();
    UErrorCode status = U_ZERO_ERROR;
    cal->setTime(static_cast<UDate>(at / 1000), status);
    auto field = [&](UCalendarDateFields f) { return cal->get(f, status); };
    char out[32];
    std::snprintf(out, sizeof out, "%04d-%02d-%02d %02d:%02d", field(UCAL_YEAR), field(UCAL_MONTH) + 1,
                  field(UCAL_DATE), field(UCAL_HOUR_OF_DAY), field(UCAL_MINUTE));
    if (U_FAILURE(status)) throw std::runtime_error("ICU calendar: " + std::string(u_errorName(status)));
    return out;
}

}  // namespace sweetshop::domain
