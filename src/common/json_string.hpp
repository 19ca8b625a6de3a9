#pragma once
// The one JSON string escaper, shared by the answers' writer (http/json_writer) and the JSON log lines (app/logging),
// so that logging does not depend on http/.
#include <string>
#include <string_view>

namespace sweetshop::common {

/// Appends `text` as a JSON string, quotes included: `"` and `\` escaped, control characters as \b \f \n \r \t or
/// \u00XX; everything else (UTF-8 included) as it is.
inline void append_json_string(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    std::size_t plain = 0;  // start of the run of characters copied as they are
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text.data() + plain, i - plain);
        plain = i + 1;
        switch (c) {
            case '"':
                out.append("\\\"");
                break;
            case '\\':
                out.append("\\\\");
                break;
            case '\b':
                out.append("\\b");
                break;
            case '\f':
                out.append("\\f");
                break;
            case '\n':
                out.append("\\n");
                break;
            case '\r':
                out.append("\\r");
                break;
            case '\t':
                out.append("\\t");
                break;
            default:
                out.append("\\u00");
                out += kHex[c >> 4];
                out += kHex[c & 15];
        }
    }
    out.append(text.data() + plain, text.size() - plain);
    out += '"';
}

}  // namespace sweetshop::common
