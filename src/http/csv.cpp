#include "http/csv.hpp"

#include <algorithm>
#include <new>

#include <csv.h>

#include "domain/error.hpp"
#include "domain/text.hpp"

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

namespace {
[[noreturn]] void refuse(const std::string& message) {
    domain::FieldErrors errors;
    errors.add("csv", message);
    throw domain::Error(std::move(errors));
}

struct Reading {
    domain::CsvTable table;
    std::vector<std::string> record;
    bool header_read = false;
};

void on_field(void* data, std::size_t length, void* reading) {
    static_cast<Reading*>(reading)->record.emplace_back(static_cast<const char*>(data), length);
}

void on_record(int, void* reading) {
    auto& r = *static_cast<Reading*>(reading);
    if (!r.header_read) {
        r.table.header = std::move(r.record);
        r.header_read = true;
    } else if (std::any_of(r.record.begin(), r.record.end(), [](const std::string& f) { return !f.empty(); })) {
        r.table.rows.push_back(std::move(r.record));
    }
    r.record.clear();
}

struct Parser {
    csv_parser p{};
    Parser() {
        if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) throw std::bad_alloc();
    }
    ~Parser() { csv_free(&p); }
};
}  // namespace

domain::CsvTable parse_table(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // the byte-order mark spreadsheets write
    if (!domain::decode_utf8(text))
        refuse("The file is not UTF-8 text: save it from the spreadsheet as \"CSV UTF-8\".");
    const auto first_line = text.substr(0, text.find('\n'));
    const char delimiter =
        std::count(first_line.begin(), first_line.end(), ';') > std::count(first_line.begin(), first_line.end(), ',')
            ? ';'
            : ',';
    Reading reading;
    reading.table.delimiter = delimiter;
    Parser parser;
    csv_set_delim(&parser.p, static_cast<unsigned char>(delimiter));
    const bool parsed = csv_parse(&parser.p, text.data(), text.size(), on_field, on_record, &reading) == text.size() &&
                        csv_fini(&parser.p, on_field, on_record, &reading) == 0;
    if (!parsed) {
        // libcsv stops at the first malformed field; say where, counting the records read (the header is row 1).
        const auto row = reading.table.rows.size() + (reading.header_read ? 2 : 1);
        refuse("This is not a CSV file that can be read: row " + std::to_string(row) +
               " has a quote in the wrong place (a field with quotes must be quoted whole, its quotes doubled).");
    }
    if (!reading.header_read) refuse("The file is empty: its first row names the columns.");
    return std::move(reading.table);
}

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
