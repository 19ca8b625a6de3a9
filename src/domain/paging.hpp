#pragma once
// Pages of a list, as DRF's PageNumberPagination numbers them: the sweets and the orders share these rules.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/error.hpp"

namespace sweetshop::domain {

inline constexpr std::int64_t kDefaultPageSize = 25;
inline constexpr std::int64_t kMaxPageSize = 100;

/// A page number: optional surrounding spaces and '+', then digits (Django's int()). std::nullopt otherwise.
std::optional<std::int64_t> parse_page_number(std::string_view text);

/// `page_size` (empty: unchanged): 1 to kMaxPageSize, else its field error is added.
void parse_page_size(std::string_view text, std::int64_t& size, FieldErrors& errors);
/// `page` (empty: 1; "last": 0, resolved against the count); throws Error(NotFound, "Invalid page.") otherwise.
std::int64_t parse_page(std::string_view text);

/// Where a page lies: `page` resolved (0 is the last), the number of pages (at least 1) and the first row's offset.
/// Throws Error(NotFound, "Invalid page.") for a page past the end (page 1 of nothing is fine).
struct PageSpan {
    std::int64_t page = 1;
    std::int64_t pages = 1;
    std::int64_t offset = 0;
};
PageSpan resolve_page(std::int64_t count, std::int64_t size, std::int64_t page);

template <class T>
struct Page {
    std::int64_t count = 0;  ///< matching rows in all pages
    std::int64_t page = 1;
    std::int64_t pages = 1;
    std::vector<T> items;
};

}  // namespace sweetshop::domain
