#pragma once
// What handlers read from a request besides its body: path ids, query texts, the Idempotency-Key header, and the
// links of a page of a list.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/time_zone.hpp"
#include "http/errors.hpp"
#include "http/routes.hpp"

namespace sweetshop::http {

/// The digits-only path parameter `name` (the router matched digits); one past int64 matches nothing, so it throws
/// Error(NotFound, not_found).
std::int64_t path_id(const Context& ctx, std::string_view name, const char* not_found);

/// A query parameter trimmed (absent: empty).
std::string query_text(const Request& request, std::string_view name);

/// Who makes a change: the authenticated user (routes with Access User or Admin).
domain::Actor actor_of(const Context& ctx);

/// A whole-number query parameter in [min, max] (absent: `fallback`); otherwise "Ensure this value is a whole
/// number between <min> and <max>." goes to `errors` and `fallback` is returned.
std::int64_t query_number(const Request& request, const char* name, std::int64_t fallback, std::int64_t min,
                          std::int64_t max, domain::FieldErrors& errors);

/// DRF's ChoiceField message for `value` (its first 100 bytes): "Select a valid choice. x is not one of the
/// available choices.".
std::string choice_message(std::string_view value);

/// query_number(), answered 400 at once when it is wrong.
std::int64_t query_number_or_400(const Context& ctx, const char* name, std::int64_t fallback, std::int64_t min,
                                 std::int64_t max);

/// A YYYY-MM-DD query parameter (absent: std::nullopt); a malformed one adds DRF's DateField message to `errors`.
std::optional<domain::LocalDate> query_date(const Request& request, const char* name, domain::FieldErrors& errors);

/// The Idempotency-Key header (absent: std::nullopt); a malformed one throws 400 "Invalid Idempotency-Key.".
std::optional<std::string> idempotency_key(const Request& request);

/// The query parameters other than `skip` (`page`), percent-encoded in their order: what a page's links keep. The
/// encoding is one-to-one (each name and value is encoded whole), so it also keys the answer cache without ambiguity.
std::string other_parameters(const Request& request, std::string_view skip = "page");

/// The list's absolute URL without a query: the shop's public origin and the path, with its trailing slash.
std::string list_url(const Context& ctx);

/// The absolute links of the page after and before page `page` of `pages`, keeping the other query parameters in
/// their order (the link to page 1 has no `page`); empty where there is no such page (answered as null).
struct PageLinks {
    std::string next, previous;
};
PageLinks page_links(const std::string& url, const std::string& others, std::int64_t page, std::int64_t pages);

/// A page of a list as DRF answers it, {"count", "next", "previous", "results"}, with the links of page_links for
/// this request (null where there is no such page).
Json page_answer(const Context& ctx, std::int64_t count, std::int64_t page, std::int64_t pages, Json results);

}  // namespace sweetshop::http
