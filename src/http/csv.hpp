#pragma once
// CSV as RFC 4180 has it, over libcsv: written (every field in double quotes, quotes doubled, CRLF between records,
// UTF-8, spreadsheet-formula injection neutralised in text cells) and read (the catalogue import's files).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/catalogue_import.hpp"
#include "http/message.hpp"

namespace sweetshop::http::csv {

/// A cell: text that people typed (names, notes: a leading =, +, -, @, tab or CR gets a ' in front, so that a
/// spreadsheet shows it instead of running it), or a value the server wrote (numbers, money, times: as they are).
struct Text {
    std::string_view value;
};
using Cell = std::variant<Text, std::string, std::int64_t>;

/// Reads a CSV file as RFC 4180 has it (libcsv, strict: quoted fields, doubled quotes, line breaks inside quotes),
/// UTF-8 with or without a byte-order mark, the fields separated by `,` or, as spreadsheets in many languages save
/// them, `;` (whichever the first line has more of). Blank lines are skipped. Throws Error(FieldErrors on `csv`)
/// for a file that is not UTF-8 or not CSV, or has no header.
domain::CsvTable parse_table(std::string_view text);

/// Appends one record and its CRLF.
void append_row(std::string& out, const std::vector<Cell>& cells);

/// A streamed CSV attachment, `name`.csv: `head` (the header row) now, then `batch(out)` appends rows until it
/// returns false (Response::stream).
template <class Batch>
Response answer(const std::string& name, std::string head, Batch batch) {
    Response r;
    r.content_type = "text/csv; charset=utf-8";
    r.header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
    r.body = std::move(head);
    r.stream = [batch = std::make_shared<Batch>(std::move(batch))](std::string& out) { return (*batch)(out); };
    return r;
}

}  // namespace sweetshop::http::csv
