#include "http/web_app.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <string>
#include <utility>

namespace sweetshop::http {

namespace {

constexpr std::string_view kIndex = "index.html";
/// Vite puts every content-hashed file under assets/: a new build gives new names, so they never go stale.
constexpr std::string_view kHashedDir = "assets/";

/// The decoded path relative to the build's root ("" for "/"), or std::nullopt for a path that must not be served.
std::optional<std::string> safe_relative_path(std::string_view raw) {
    if (raw.empty() || raw.front() != '/') return std::nullopt;
    const std::string decoded = percent_decode(raw.substr(1), false);
    std::string_view rest = decoded;
    while (!rest.empty()) {
        const auto slash = rest.find('/');
        const auto segment = rest.substr(0, slash);
        // An empty segment ("a//b") is refused too; a trailing slash is fine (client routes may end with one).
        if (segment.empty() && slash != std::string_view::npos) return std::nullopt;
        if (!segment.empty() && segment.front() == '.') return std::nullopt;  // ".", "..", hidden files
        for (const char c : segment)
            if (c == '\\' || c == '\0' || c == '%') return std::nullopt;  // '%' left: invalid or double encoding
        if (slash == std::string_view::npos) break;
        rest.remove_prefix(slash + 1);
    }
    return decoded;
}

bool is_api_path(std::string_view path) {
    return path == "/api" || path.starts_with("/api/");
}

/// Whether a header of comma-separated items with optional parameters (Accept, Accept-Encoding) lists one of `names`
/// (case-insensitive) with a weight above zero: "q=0", "q=0.0", "q=0.000" refuse it, any other weight accepts.
bool lists(const Request& request, std::string_view header_name, std::initializer_list<std::string_view> names) {
    const auto header = request.header(header_name);
    if (!header) return false;
    std::string_view rest = *header;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        auto item = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        const auto semi = item.find(';');
        const auto value = trim_ows(item.substr(0, semi));
        if (std::none_of(names.begin(), names.end(), [&](std::string_view n) { return iequals(value, n); })) continue;
        bool zero = false;
        for (item = semi == std::string_view::npos ? std::string_view{} : item.substr(semi + 1); !item.empty();) {
            const auto next = item.find(';');
            const auto param = trim_ows(item.substr(0, next));
            item = next == std::string_view::npos ? std::string_view{} : item.substr(next + 1);
            if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=')
                zero = param.find_first_not_of("0.", 2) == std::string_view::npos;
        }
        if (!zero) return true;
    }
    return false;
}

/// The pre-compressed variants a build may hold beside a file, the preferred first (Brotli is about a sixth smaller
/// than gzip for the script), and the Accept-Encoding names that accept each.
struct Variant {
    std::string_view suffix, encoding;
    std::initializer_list<std::string_view> accepted;
};
const std::array<Variant, 2> kVariants{{
    {".br", "br", {"br"}},
    {".gz", "gzip", {"gzip", "x-gzip", "*"}},
}};

/// A browser navigating names text/html in Accept.
bool accepts_html(const Request& request) {
    return lists(request, "Accept", {"text/html"});
}

}  // namespace

std::string_view web_content_type(std::string_view path) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kTypes{{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".webmanifest", "application/manifest+json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".webp", "image/webp"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
        {".map", "application/json"},
        {".gz", "application/gzip"},
        {".br", "application/octet-stream"},
        {".jpg", "image/jpeg"},
    }};
    for (const auto& [ext, type] : kTypes)
        if (path.ends_with(ext)) return type;
    return "application/octet-stream";
}

WebApp::WebApp(std::span<const web::Asset> assets) {
    for (const auto& asset : assets)
        files_.emplace(asset.path, asset.data);
}

Response WebApp::file(const Request& request, std::string_view path, std::string_view data) const {
    Response r;
    r.content_type = std::string(web_content_type(path));
    bool varies = false;
    for (const auto& variant : kVariants) {
        const auto compressed = files_.find(std::string(path) + std::string(variant.suffix));
        if (compressed == files_.end()) continue;
        varies = true;
        if (lists(request, "Accept-Encoding", variant.accepted)) {
            data = compressed->second;
            r.header("Content-Encoding", std::string(variant.encoding));
            break;
        }
    }
    if (varies) r.header("Vary", "Accept-Encoding");
    r.body = std::string(data);
    r.route = "(web app)";
    if (path.starts_with(kHashedDir))
        r.header("Cache-Control", "public, max-age=31536000, immutable");
    else if (path == kIndex)
        r.header("Cache-Control", "no-cache");  // revalidate: it names the current hashed files
    else
        r.header("Cache-Control", "public, max-age=3600");
    r.header("X-Content-Type-Options", "nosniff");
    if (path.ends_with(".html")) {
        r.header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
                 "frame-ancestors 'none'; form-action 'self'");
        r.header("Referrer-Policy", "same-origin");
    }
    return r;
}

std::optional<Response> WebApp::serve(const Request& request) const {
    if (files_.empty() || is_api_path(request.path)) return std::nullopt;
    const auto relative = safe_relative_path(request.path);
    if (!relative) return std::nullopt;
    const std::string_view path = relative->empty() ? kIndex : std::string_view(*relative);
    if (const auto it = files_.find(path); it != files_.end()) return file(request, it->first, it->second);
    // Any other path: a browser navigating (Accept: text/html) gets the web app, whose router shows the page or its
    // own "page not found"; any other client gets the JSON 404.
    const auto index = files_.find(kIndex);
    if (!accepts_html(request) || index == files_.end()) return std::nullopt;
    auto page = file(request, index->first, index->second);
    page.header("Vary", "Accept");
    return page;
}

}  // namespace sweetshop::http
