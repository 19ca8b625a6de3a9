#include "http/csv.hpp"

#include <csv.h>

namespace sweetshop::http::csv {

namespace {
void append_field(std::string& out, std::string_view value) {
    // csv_write quotes the field and doubles its quotes: at most 2 + 2n bytes.
    const auto start = out.size();
    out.resize(start + 2 + 2 * value.size());
    const auto written = csv_write(out.data() + start, out.size() - start, value.data(), value.size());
    out.resize(start + written);
}

bool looks_like_a_formula(std::string_view value) {
    return !value.empty() && (value.front() == '=' || value.front() == '+' || value.front() == '-' ||
                              value.front() == '@' || value.front() == '\t' || value.front() == '\r');
}
}  // namespace

void append_row(std::string& out, const std::vector<Cell>& cells) {
    bool first = true;
    for (const auto& cell : cells) {
        if (!first) out.push_back(',');
        first = false;
        if (const auto* text = std::get_if<Text>(&cell)) {
            if (looks_like_a_formula(text->value)) {
                std::string neutral(1, '\'');
                neutral.append(text->value);
                append_field(out, neutral);
            } else
                append_field(out, text->value);
        } else if (const auto* value = std::get_if<std::string>(&cell)) {
            append_field(out, *value);
        } else {
            append_field(out, std::to_string(std::get<std::int64_t>(cell)));
        }
    }
    out.append("\r\n");
}

}  // namespace sweetshop::http::csv
