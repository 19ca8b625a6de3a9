#include "http/links.hpp"

#include <algorithm>

namespace sweetshop::http {

namespace {
/// The first value of a comma-separated forwarded header (the client side of a proxy chain).
std::string first_value(std::string_view value) {
    return std::string(trim_ows(value.substr(0, value.find(','))));
}

/// A host as a Host header may carry it: letters, digits, '.', '-', ':' and IPv6 brackets; nothing that could end
/// the authority part of a URL.
bool plausible_host(std::string_view host) {
    return !host.empty() && host.size() <= 255 && std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
               c == ':' || c == '[' || c == ']' || c == '_';
    });
}
}  // namespace

bool peer_listed(const std::string& peer, const std::vector<std::string>& addresses) {
    std::string_view p = peer;
    if (p.rfind("::ffff:", 0) == 0 && p.find('.') != std::string_view::npos) p.remove_prefix(7);
    return std::any_of(addresses.begin(), addresses.end(), [&](const std::string& a) { return a == p || a == peer; });
}

std::string client_address(const Request& request, const Settings& settings) {
    if (settings.trusted_proxies.empty() || !peer_listed(request.peer, settings.trusted_proxies)) return request.peer;
    const auto forwarded = request.header("X-Forwarded-For");
    if (!forwarded) return request.peer;
    std::string_view rest = *forwarded;
    std::string client = request.peer;
    while (!rest.empty()) {  // from the right: the nearest hop first
        const auto comma = rest.rfind(',');
        const auto hop = trim_ows(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
        if (hop.empty() || hop.size() > 45) break;  // longer than any IPv6 address: not one
        client = std::string(hop);
        if (!peer_listed(client, settings.trusted_proxies)) break;
    }
    return client;
}

std::string public_origin(const Request& request, const Settings& settings) {
    if (!settings.public_url.empty()) return settings.public_url;
    std::string scheme = "http";
    std::string host(request.header("Host").value_or(""));
    if (!settings.trusted_proxies.empty() && peer_listed(request.peer, settings.trusted_proxies)) {
        if (auto proto = request.header("X-Forwarded-Proto")) {
            const auto p = first_value(*proto);
            if (iequals(p, "https")) scheme = "https";
        }
        if (auto forwarded = request.header("X-Forwarded-Host")) {
            auto h = first_value(*forwarded);
            if (plausible_host(h)) host = h;
        }
    }
    if (!plausible_host(host)) host = "localhost";
    return scheme + "://" + host;
}

}  // namespace sweetshop::http
