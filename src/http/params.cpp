#include "http/params.hpp"

#include <charconv>

#include "domain/idempotency.hpp"
#include "domain/text.hpp"
#include "http/links.hpp"

namespace sweetshop::http {

namespace {
std::string page_link(const std::string& url, const std::string& others, std::int64_t page) {
    std::string query = page != 1 ? "page=" + std::to_string(page) : std::string();
    if (!others.empty()) query += (query.empty() ? "" : "&") + others;
    return query.empty() ? url : url + '?' + query;
}
}  // namespace

std::int64_t path_id(const Context& ctx, std::string_view name, const char* not_found) {
    const auto text = ctx.request.param(name);
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size())
        throw domain::Error(domain::ErrorCode::NotFound, not_found);
    return id;
}

std::string query_text(const Request& request, std::string_view name) {
    auto value = request.query_value(name);
    return value ? domain::trim(*value) : std::string();
}

domain::Actor actor_of(const Context& ctx) {
    return domain::Actor{ctx.user->id, ctx.user->username};
}

std::int64_t query_number(const Request& request, const char* name, std::int64_t fallback, std::int64_t min,
                          std::int64_t max, domain::FieldErrors& errors) {
    const auto text = query_text(request, name);
    if (text.empty()) return fallback;
    auto parsed = domain::parse_page_number(text);
    if (!parsed || *parsed < min || *parsed > max) {
        errors.add(name, "Ensure this value is a whole number between " + std::to_string(min) + " and " +
                             std::to_string(max) + ".");
        return fallback;
    }
    return *parsed;
}

std::string choice_message(std::string_view value) {
    std::string message = "Select a valid choice. ";  // appended step by step: GCC 12 warns (-Wrestrict) otherwise
    message.append(value.substr(0, 100)).append(" is not one of the available choices.");
    return message;
}

std::optional<domain::LocalDate> query_date(const Request& request, const char* name, domain::FieldErrors& errors) {
    const auto text = query_text(request, name);
    if (text.empty()) return std::nullopt;
    auto date = domain::parse_local_date(text);
    if (!date) errors.add(name, "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.");
    return date;
}

std::optional<std::string> idempotency_key(const Request& request) {
    auto header = request.header("Idempotency-Key");
    if (!header) return std::nullopt;
    if (!domain::valid_idempotency_key(*header))
        throw domain::Error(domain::ErrorCode::BadRequest, "Invalid Idempotency-Key.");
    return std::string(*header);
}

std::string other_parameters(const Request& request, std::string_view skip) {
    std::string query;
    for (const auto& [name, value] : request.query) {
        if (name == skip) continue;
        if (!query.empty()) query += '&';
        query += percent_encode(name) + '=' + percent_encode(value);
    }
    return query;
}

std::int64_t query_number_or_400(const Context& ctx, const char* name, std::int64_t fallback, std::int64_t min,
                                 std::int64_t max) {
    domain::FieldErrors errors;
    const auto n = query_number(ctx.request, name, fallback, min, max, errors);
    if (!errors.empty()) throw domain::Error(std::move(errors));
    return n;
}

std::string list_url(const Context& ctx) {
    std::string url = public_origin(ctx.request, ctx.deps.settings) + ctx.request.path;
    if (url.back() != '/') url += '/';
    return url;
}

Json page_answer(const Context& ctx, std::int64_t count, std::int64_t page, std::int64_t pages, Json results) {
    const auto links = page_links(list_url(ctx), other_parameters(ctx.request), page, pages);
    auto link = [](const std::string& l) { return l.empty() ? Json(nullptr) : Json(l); };
    return Json{{"count", count},
                {"next", link(links.next)},
                {"previous", link(links.previous)},
                {"results", std::move(results)}};
}

PageLinks page_links(const std::string& url, const std::string& others, std::int64_t page, std::int64_t pages) {
    return {page < pages ? page_link(url, others, page + 1) : std::string(),
            page > 1 ? page_link(url, others, page - 1) : std::string()};
}

}  // namespace sweetshop::http
