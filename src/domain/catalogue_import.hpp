#pragma once
// Importing the catalogue from a CSV table: each row is planned (create, update, unchanged or refused, and why)
// with the catalogue's own field rules, and a plan without refusals is applied in one transaction. Plain C++: the
// table comes parsed (http/csv.hpp), the writes go through CatalogueStore::apply_import.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/catalogue.hpp"

namespace sweetshop::domain {

/// A parsed CSV file: its header and its records, as text.
struct CsvTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    char delimiter = ',';
};

/// The most rows one import takes.
inline constexpr std::size_t kMaxImportRows = 5000;
/// The columns, in the export's order; only `name` is required in the header.
inline constexpr const char* kImportColumns[] = {"name", "category", "description",   "price", "quantity",
                                                 "sku",  "barcode",  "reorder_level", "cost"};

enum class ImportAction { Create, Update, Unchanged, Refused };
std::string_view import_action_name(ImportAction action);  ///< create, update, unchanged, refused

struct ImportLine {
    std::size_t row = 0;  ///< the record's number in the file, the header being 1 and blank lines not counted
    ImportAction action = ImportAction::Refused;
    std::string name;                        ///< as the row gives it (or the sweet's, when the row has none)
    std::optional<std::int64_t> sweet = {};  ///< the sweet updated (or left unchanged)
    std::vector<std::string> changes = {};   ///< the fields a create sets or an update changes
    FieldErrors errors = {};                 ///< why it is refused
    SweetChanges values = {};                ///< what is written: complete for a create, the changes for an update
};

struct ImportPlan {
    std::vector<ImportLine> lines;
    bool applied = false;  ///< written (apply() without refusals)
    std::size_t count(ImportAction action) const;
    bool refused() const { return count(ImportAction::Refused) > 0; }
};

/// The catalogue's import over its store: plan() checks every row against the sweets now (and the rows before it:
/// a name, SKU or barcode is taken once; a sweet is changed by one row); apply() plans again and writes a plan
/// without refusals in one transaction. Rows are matched to sweets by SKU, else by exact name. An empty cell leaves
/// a sweet's field as it is (and a new sweet's optional field unset). `costs`: whether the importer may set costs
/// (the owner).
class CatalogueImport {
  public:
    explicit CatalogueImport(CatalogueService& catalogue, CatalogueStore& sweets)
        : catalogue_(catalogue), sweets_(sweets) {}
    /// Throws Error(FieldErrors on `csv`) when the table itself is wrong (no name column, an unknown or repeated
    /// column, too many rows).
    ImportPlan plan(const CsvTable& table, bool costs);
    /// The plan, applied (`applied`) when nothing is refused; otherwise nothing is written.
    ImportPlan apply(const CsvTable& table, const Actor& actor, bool costs);

  private:
    ImportLine plan_row(const CsvTable& table, const std::vector<int>& columns, std::size_t index, bool costs);
    CatalogueService& catalogue_;
    CatalogueStore& sweets_;
};

}  // namespace sweetshop::domain
