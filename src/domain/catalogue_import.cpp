#include "domain/catalogue_import.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <variant>

#include "domain/money.hpp"
#include "domain/names.hpp"
#include "domain/text.hpp"

namespace sweetshop::domain {

namespace {
constexpr std::pair<ImportAction, std::string_view> kActions[] = {{ImportAction::Create, "create"},
                                                                  {ImportAction::Update, "update"},
                                                                  {ImportAction::Unchanged, "unchanged"},
                                                                  {ImportAction::Refused, "refused"}};
enum Column { Name, Category, Description, Price, Quantity, Sku, Barcode, ReorderLevel, Cost, kColumns };

[[noreturn]] void refuse_table(const std::string& message) {
    FieldErrors errors;
    errors.add("csv", message);
    throw Error(std::move(errors));
}

/// A header's name as a column: case, spaces and dashes ignored ("Reorder level" is reorder_level).
std::string column_key(std::string_view header) {
    std::string out;
    for (char c : trim(header)) {
        if (c == ' ' || c == '-') c = '_';
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
}

std::string all_columns() {
    std::string out;
    for (const char* c : kImportColumns)
        out.append(out.empty() ? "" : ", ").append(c);
    return out;
}

/// The cell as typed: trimmed, and without the ' that the exports put before a text a spreadsheet would run.
std::string cell_text(const std::vector<std::string>& row, int column) {
    if (column < 0 || static_cast<std::size_t>(column) >= row.size()) return {};
    auto text = trim(row[static_cast<std::size_t>(column)]);
    if (text.size() > 1 && text.front() == '\'' && std::string_view("=+-@\t\r").find(text[1]) != std::string_view::npos)
        text.erase(0, 1);
    return text;
}

std::optional<std::int64_t> count_cell(const std::string& text, const char* field, FieldErrors& errors) {
    auto parsed = parse_integer(text);
    if (auto* value = std::get_if<std::int64_t>(&parsed)) {
        if (*value < 0) {
            errors.add(field, "Ensure this value is greater than or equal to 0.");
            return std::nullopt;
        }
        if (*value > kMaxQuantity) {
            errors.add(field, "Ensure this value is less than or equal to 2147483647.");
            return std::nullopt;
        }
        return *value;
    }
    const auto problem = std::get<IntegerProblem>(parsed);
    errors.add(field, problem == IntegerProblem::TooLarge   ? "Ensure this value is less than or equal to 2147483647."
                      : problem == IntegerProblem::TooSmall ? "Ensure this value is greater than or equal to 0."
                                                            : "A valid integer is required.");
    return std::nullopt;
}

/// Money as typed: "3.50", or "3,50" in a file whose fields are separated by `;` (a spreadsheet's decimal comma).
std::optional<std::int64_t> money_cell(std::string text, char delimiter, const char* field, FieldErrors& errors) {
    if (delimiter == ';' && text.find('.') == std::string::npos) std::replace(text.begin(), text.end(), ',', '.');
    auto parsed = parse_money(text);
    if (auto* cents = std::get_if<std::int64_t>(&parsed)) return *cents;
    errors.add(field, std::get<std::string>(parsed));
    return std::nullopt;
}

std::string quoted(const std::string& name) {
    return "\u201c" + name + "\u201d";
}
}  // namespace

std::string_view import_action_name(ImportAction action) {
    return name_of(kActions, action);
}

std::size_t ImportPlan::count(ImportAction action) const {
    return static_cast<std::size_t>(
        std::count_if(lines.begin(), lines.end(), [&](const ImportLine& l) { return l.action == action; }));
}

ImportLine CatalogueImport::plan_row(const CsvTable& table, const std::vector<int>& columns, std::size_t index,
                                     bool costs) {
    const auto& row = table.rows[index];
    ImportLine line;
    line.row = index + 2;
    auto cell = [&](Column c) { return cell_text(row, columns[c]); };
    FieldErrors errors;
    SweetInput in;
    line.name = cell(Name);
    if (line.name.empty()) errors.add("name", "This field is required.");

    // The sweet the row is about: by SKU, else by name.
    std::optional<Sweet> target;
    const auto sku = cell(Sku);
    std::optional<Sweet> by_sku = sku.empty() ? std::nullopt : sweets_.find_by(Unique::Sku, sku);
    std::optional<Sweet> by_name = line.name.empty() ? std::nullopt : sweets_.find_by(Unique::Name, line.name);
    if (by_sku && by_name && by_sku->id != by_name->id)
        errors.add("sku", "This SKU is " + quoted(by_sku->name) +
                              "'s, but the name is another sweet's: one sweet "
                              "per row.");
    target = by_sku ? by_sku : by_name;
    if (target) line.sweet = target->id;

    if (!line.name.empty()) in.name = line.name;
    if (auto v = cell(Category); !v.empty()) in.category = v;
    if (auto v = cell(Description); !v.empty()) in.description = v;
    if (auto v = cell(Price); !v.empty()) in.price_cents = money_cell(v, table.delimiter, "price", errors);
    if (auto v = cell(Quantity); !v.empty()) in.quantity = count_cell(v, "quantity", errors);
    if (auto v = cell(ReorderLevel); !v.empty()) in.reorder_level = count_cell(v, "reorder_level", errors);
    if (!sku.empty()) in.sku = std::optional<std::string>(sku);
    if (auto v = cell(Barcode); !v.empty()) in.barcode = std::optional<std::string>(v);
    if (auto v = cell(Cost); !v.empty()) {
        if (!costs)
            errors.add("cost", kCostsForOwners);
        else if (auto cents = money_cell(v, table.delimiter, "cost", errors))
            in.cost_cents = std::optional<std::int64_t>(*cents);
    }
    if (!target) {
        if (!in.category && !errors.has("category")) errors.add("category", "This field is required.");
        if (!in.price_cents && !errors.has("price")) errors.add("price", "This field is required.");
    }
    try {
        catalogue_.validate(in, target ? target->id : 0, errors);
    } catch (const Error& e) {
        errors = e.fields();
    }
    if (!errors.empty()) {
        line.errors = std::move(errors);
        return line;
    }

    // What changes: every field given for a new sweet; for a sweet, the fields whose value differs.
    const Sweet before = target.value_or(Sweet{});
    auto& out = line.values;
    auto note = [&](const char* field) { line.changes.emplace_back(field); };
    if (in.name && (!target || *in.name != before.name)) out.name = in.name, note("name");
    if (in.category && (!target || *in.category != before.category)) out.category = in.category, note("category");
    if (in.description && (!target || *in.description != before.description))
        out.description = in.description, note("description");
    if (in.price_cents && (!target || *in.price_cents != before.price_cents))
        out.price_cents = in.price_cents, note("price");
    if (in.quantity && (!target || *in.quantity != before.quantity)) out.quantity = in.quantity, note("quantity");
    if (in.sku && (!target || *in.sku != before.sku)) out.sku = in.sku, note("sku");
    if (in.barcode && (!target || *in.barcode != before.barcode)) out.barcode = in.barcode, note("barcode");
    if (in.reorder_level && (!target || *in.reorder_level != before.reorder_level))
        out.reorder_level = in.reorder_level, note("reorder_level");
    if (in.cost_cents && (!target || *in.cost_cents != before.cost_cents)) out.cost_cents = in.cost_cents, note("cost");
    if (!target) {
        if (!out.description) out.description = "";
        if (!out.quantity) out.quantity = 0;
    }
    line.action = !target                ? ImportAction::Create
                  : line.changes.empty() ? ImportAction::Unchanged
                                         : ImportAction::Update;
    return line;
}

ImportPlan CatalogueImport::plan(const CsvTable& table, bool costs) {
    std::vector<int> columns(kColumns, -1);
    for (std::size_t i = 0; i < table.header.size(); ++i) {
        const auto key = column_key(table.header[i]);
        if (key.empty()) {
            if (std::all_of(table.rows.begin(), table.rows.end(),
                            [&](const auto& r) { return i >= r.size() || trim(r[i]).empty(); }))
                continue;  // an empty column a spreadsheet left
            refuse_table("Column " + std::to_string(i + 1) + " has no name: the columns are " + all_columns() + ".");
        }
        const auto* known =
            std::find_if(std::begin(kImportColumns), std::end(kImportColumns), [&](const char* c) { return key == c; });
        if (known == std::end(kImportColumns))
            refuse_table("Unknown column " + quoted(table.header[i]) + ": the columns are " + all_columns() + ".");
        auto& slot = columns[static_cast<std::size_t>(known - std::begin(kImportColumns))];
        if (slot >= 0) refuse_table("The column " + quoted(key) + " appears twice.");
        slot = static_cast<int>(i);
    }
    if (columns[Name] < 0)
        refuse_table("The file has no " + quoted("name") +
                     " column: the first row names the "
                     "columns (" +
                     all_columns() + ").");
    if (table.rows.size() > kMaxImportRows)
        refuse_table("At most " + std::to_string(kMaxImportRows) + " rows are taken in one import: split the file.");

    ImportPlan plan;
    std::map<std::string, std::size_t> names, skus, barcodes;  // taken by an earlier row: its number
    std::map<std::int64_t, std::size_t> sweets;
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        auto line = plan_row(table, columns, i, costs);
        if (line.action != ImportAction::Refused) {
            auto claim = [&](std::map<std::string, std::size_t>& seen, const std::optional<std::string>& value,
                             const char* field, const char* what) {
                if (!value || value->empty()) return;
                if (auto it = seen.find(*value); it != seen.end())
                    line.errors.add(field, "Row " + std::to_string(it->second) + " has this " + what + " too.");
                else
                    seen.emplace(*value, line.row);
            };
            const auto& v = line.values;
            claim(names, line.name, "name", "name");
            claim(skus, v.sku ? *v.sku : std::nullopt, "sku", "SKU");
            claim(barcodes, v.barcode ? *v.barcode : std::nullopt, "barcode", "barcode");
            if (line.sweet) {
                if (auto it = sweets.find(*line.sweet); it != sweets.end())
                    line.errors.add("non_field_errors",
                                    "Row " + std::to_string(it->second) + " changes this sweet too.");
                else
                    sweets.emplace(*line.sweet, line.row);
            }
            if (!line.errors.empty()) {
                line.action = ImportAction::Refused;
                line.changes.clear();
            }
        }
        plan.lines.push_back(std::move(line));
    }
    return plan;
}

ImportPlan CatalogueImport::apply(const CsvTable& table, const Actor& actor, bool costs) {
    auto plan = this->plan(table, costs);
    if (plan.refused()) return plan;
    std::vector<CatalogueStore::Write> writes;
    for (const auto& line : plan.lines)
        if (line.action == ImportAction::Create || line.action == ImportAction::Update)
            writes.push_back({line.sweet.value_or(0), line.values});
    if (!writes.empty()) sweets_.apply_import(writes, actor);
    plan.applied = true;
    return plan;
}

}  // namespace sweetshop::domain
