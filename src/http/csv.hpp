#pragma once
// CSV as RFC 4180 writes it (libcsv's quoting: every field in double quotes, quotes doubled, CRLF between records),
// UTF-8, with spreadsheet-formula injection neutralised in text cells.
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sweetshop::http::csv {

/// A cell: text that people typed (names, notes: a leading =, +, -, @, tab or CR gets a ' in front, so that a
/// spreadsheet shows it instead of running it), or a value the server wrote (numbers, money, times: as they are).
struct Text {
    std::string_view value;
};
using Cell = std::variant<Text, std::string, std::int64_t>;

/// Appends one record and its CRLF.
void append_row(std::string& out, const std::vector<Cell>& cells);

}  // namespace sweetshop::http::csv
