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
