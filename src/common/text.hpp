#pragma once
// Text helpers shared by every layer (http, storage, app): the one trim of spaces and tabs, and the one
// percent-decoding.
#include <string>
#include <string_view>
#include <vector>

namespace sweetshop::common {

/// Without the spaces and tabs around it (HTTP's optional whitespace, items of comma-separated settings).
inline std::string_view trim_ows(std::string_view value) {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
        value.remove_suffix(1);
    return value;
}

/// The items with `separator` between them ("GET, HEAD, OPTIONS").
inline std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += separator;
        out += item;
    }
    return out;
}

/// Percent-decodes; a '%' not followed by two hex digits stays as it is. With `plus_is_space` a '+' becomes a space
/// (query strings).
inline std::string percent_decode(std::string_view in, bool plus_is_space) {
    auto hex = [](char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '%' && i + 2 < in.size()) {
            const int hi = hex(in[i + 1]), lo = hex(in[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += (plus_is_space && c == '+') ? ' ' : c;
    }
    return out;
}

}  // namespace sweetshop::common
