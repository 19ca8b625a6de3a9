#include "http/routes.hpp"

#include <algorithm>

namespace sweetshop::http {

namespace {
std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> out;
    if (!path.empty() && path.front() == '/') path.remove_prefix(1);
    if (!path.empty() && path.back() == '/') path.remove_suffix(1);
    while (!path.empty()) {
        const auto slash = path.find('/');
        out.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return out;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Matches the pattern's segments against the path's, walking the pattern in place (no allocation unless it
/// matches a parameter).
bool match_pattern(std::string_view pattern, const std::vector<std::string>& segments,
                   std::vector<std::pair<std::string, std::string>>& params) {
    if (!pattern.empty() && pattern.front() == '/') pattern.remove_prefix(1);
    if (!pattern.empty() && pattern.back() == '/') pattern.remove_suffix(1);
    params.clear();
    std::size_t i = 0;
    for (; !pattern.empty(); ++i) {
        const auto slash = pattern.find('/');
        const auto part = pattern.substr(0, slash);
        pattern.remove_prefix(slash == std::string_view::npos ? pattern.size() : slash + 1);
        if (i >= segments.size()) return false;
        if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
            auto name = part.substr(1, part.size() - 2);
            const bool any = name.back() == '*';
            if (any) name.remove_suffix(1);
            if (!any && !all_digits(segments[i])) return false;
            params.emplace_back(std::string(name), segments[i]);
        } else if (part != segments[i]) {
            return false;
        }
    }
    return i == segments.size();
}

constexpr std::string_view kMethodOrder[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
}  // namespace

RouteMatch match_route(const std::vector<Route>& routes, std::string_view method, std::string_view path) {
    RouteMatch out;
    std::vector<std::string> segments;
    for (auto s : split_path(path))
        segments.push_back(s.find('%') == std::string_view::npos ? std::string(s) : percent_decode(s, false));
    const std::string_view wanted = method == "HEAD" ? std::string_view("GET") : method;

    std::vector<std::pair<std::string, std::string>> params;
    std::vector<std::string_view> methods;
    // Literal segments win over parameters: routes are tried in table order, and the table lists
    // `/api/sweets/search/` before `/api/sweets/{id}/`.
    std::string_view first_pattern;
    for (const auto& route : routes) {
        if (!match_pattern(route.pattern, segments, params)) continue;
        if (first_pattern.empty()) first_pattern = route.pattern;
        if (route.pattern != first_pattern) continue;
        methods.push_back(route.method);
        out.any_origin = out.any_origin || route.any_origin;
        if (!out.route && route.method == wanted) {
            out.route = &route;
            out.params = params;
        }
    }
    if (methods.empty()) return out;
    for (auto m : kMethodOrder)
        if (std::find(methods.begin(), methods.end(), m) != methods.end()) out.allowed.emplace_back(m);
    if (std::find(methods.begin(), methods.end(), "GET") != methods.end()) out.allowed.emplace_back("HEAD");
    out.allowed.emplace_back("OPTIONS");
    return out;
}

}  // namespace sweetshop::http
