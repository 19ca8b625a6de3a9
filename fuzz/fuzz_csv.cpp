// The catalogue import's CSV reading (libcsv, strict) and the barcode check of its cells: any bytes are refused in
// the contract's shape or read into rows, never a crash; a barcode found valid is 13 digits that check again.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/catalogue.hpp"
#include "http/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sweetshop;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto table = http::csv::parse_table(text);
        if (table.delimiter != ',' && table.delimiter != ';') __builtin_trap();
        for (const auto& row : table.rows) {
            if (row.empty()) __builtin_trap();  // blank records are skipped
            for (const auto& cell : row) {
                const auto checked = domain::check_barcode(cell);
                if (checked.problem.empty() &&
                    (checked.gtin.size() != 13 || !domain::check_barcode(checked.gtin).problem.empty()))
                    __builtin_trap();
            }
        }
    } catch (const domain::Error& e) {
        if (e.code() != domain::ErrorCode::Validation || !e.fields().has("csv")) __builtin_trap();
    }
    return 0;
}
