#pragma once
// How the shop writes money and numbers for people: an ISO 4217 currency and a BCP 47 locale, both checked against
// ICU's data. The API's amounts stay plain decimal strings and integer cents; these name how the web app shows them.
#include <optional>
#include <string>
#include <string_view>

namespace sweetshop::domain {

/// Why `code` is not a currency in use (three capital letters ICU knows, e.g. USD, EUR, GBP); std::nullopt if it is.
std::optional<std::string> refuse_currency(std::string_view code);

/// Why `tag` is not a locale ICU knows (a BCP 47 tag such as en-US, en-GB, de-DE); std::nullopt if it is.
std::optional<std::string> refuse_locale(std::string_view tag);

}  // namespace sweetshop::domain
