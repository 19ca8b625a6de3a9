#include "domain/shop_locale.hpp"

#include <unicode/locid.h>
#include <unicode/ucurr.h>

#include <algorithm>

namespace sweetshop::domain {

std::optional<std::string> refuse_currency(std::string_view code) {
    const bool letters =
        code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (letters) {
        UChar iso[4] = {static_cast<UChar>(code[0]), static_cast<UChar>(code[1]), static_cast<UChar>(code[2]), 0};
        UErrorCode status = U_ZERO_ERROR;
        // In use at any time (a currency ICU lists, legal tender now or once).
        if (ucurr_isAvailable(iso, U_DATE_MIN, U_DATE_MAX, &status) && U_SUCCESS(status)) return std::nullopt;
    }
    return "expected an ISO 4217 currency code such as USD, EUR or GBP";
}

std::optional<std::string> refuse_locale(std::string_view tag) {
    UErrorCode status = U_ZERO_ERROR;
    const auto locale =
        icu::Locale::forLanguageTag(icu::StringPiece(tag.data(), static_cast<int32_t>(tag.size())), status);
    if (U_FAILURE(status) || locale.isBogus() || std::string_view(locale.getLanguage()).empty())
        return "expected a BCP 47 locale such as en-US, en-GB or de-DE";
    // A language ICU has data for (so that numbers are written in it, not in a fallback).
    int32_t count = 0;
    const icu::Locale* available = icu::Locale::getAvailableLocales(count);
    for (int32_t i = 0; i < count; ++i)
        if (std::string_view(available[i].getLanguage()) == locale.getLanguage()) return std::nullopt;
    return "expected a BCP 47 locale such as en-US, en-GB or de-DE";
}

}  // namespace sweetshop::domain
