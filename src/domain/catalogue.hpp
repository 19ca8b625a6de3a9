#pragma once
// The catalogue: sweets, their field rules, listing (filters, order, pages), and its storage ports. Plain C++: no
// HTTP, no JSON, no SQL.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/error.hpp"
#include "domain/money.hpp"
#include "domain/paging.hpp"

namespace sweetshop::domain {

/// The largest quantity a sweet can hold (the original's PostgreSQL integer column).
inline constexpr std::int64_t kMaxQuantity = 2147483647;
inline constexpr std::size_t kNameMaxChars = 150;
inline constexpr std::size_t kCategoryMaxChars = 120;
inline constexpr std::size_t kDescriptionMaxChars = 2000;
inline constexpr const char* kSweetNotFound = "No Sweet matches the given query.";
/// A cost in a staff member's write: costs (and profit) are the owner's.
inline constexpr const char* kCostsForOwners = "Only the owner can see and set costs.";

struct Sweet {
    std::int64_t id = 0;
    std::string name;
    std::string category;
    std::string description;
    std::int64_t price_cents = 0;
    std::int64_t quantity = 0;
    std::string created_by;  ///< the creator's username
    Micros created_at = 0;
    Micros updated_at = 0;
    // Stock control (staff only in answers; the original's ten fields come first)
    std::int64_t reorder_level = 0;               ///< at or below it an alert opens; 0: no alert
    std::int64_t reorder_quantity = 0;            ///< the usual restock amount
    std::optional<std::int64_t> cost_cents = {};  ///< unit cost; unknown when absent
    bool active = true;                           ///< archived sweets are hidden from customers and not sold
    // Codes and photo (after the stock-control fields in answers)
    std::optional<std::string> sku = {};      ///< the shop's own code, unique when set
    std::optional<std::string> barcode = {};  ///< EAN-13 (a UPC-A with its leading 0), unique when set
    std::optional<std::string> image = {};    ///< the photo's digest (Photos), when it has one
    // Perishables (after the codes in answers)
    std::optional<std::string> best_before = {};  ///< the earliest best-before date (YYYY-MM-DD) of units for sale
    Unit unit = Unit::Piece;                      ///< gram: price and cost per kilogram, quantities in grams

    bool is_available() const { return quantity > 0; }
    /// At or below its reorder level (and it has one, and it is still sold).
    bool is_low() const { return active && reorder_level > 0 && quantity <= reorder_level; }
    /// What a restock should add: the usual amount, or at least enough to be above the level again.
    std::int64_t suggested_restock() const { return std::max(reorder_quantity, reorder_level - quantity + 1); }
    bool operator==(const Sweet&) const = default;
};

/// Who changes something: recorded in the ledger and as `created_by`.
struct Actor {
    std::int64_t id = 0;
    std::string username;
};

/// A create or an edit after the http layer's shape checks. Absent fields are std::nullopt (for an edit: unchanged);
/// a field that already failed in the http layer is absent too, and its error is in the FieldErrors passed along.
struct SweetInput {
    std::optional<std::string> name = {};
    std::optional<std::string> category = {};
    std::optional<std::string> description = {};
    std::optional<std::int64_t> price_cents = {};
    std::optional<std::int64_t> quantity = {};
    std::optional<std::int64_t> reorder_level = {};
    std::optional<std::int64_t> reorder_quantity = {};
    std::optional<std::optional<std::int64_t>> cost_cents = {};  ///< present with std::nullopt: clear the cost
    std::optional<bool> active = {};
    std::optional<std::optional<std::string>> sku = {};      ///< present with std::nullopt: clear it
    std::optional<std::optional<std::string>> barcode = {};  ///< as typed or scanned (check_barcode normalises)
    std::optional<Unit> unit = {};
};

inline constexpr std::size_t kSkuMaxChars = 64;

/// A barcode as typed or scanned, checked: 13 digits (EAN-13) or 12 (UPC-A), spaces and dashes ignored, the last
/// digit the GS1 check digit of the others. `gtin` is its 13-digit form (a UPC-A with a leading 0) when valid;
/// otherwise `problem` says why.
struct BarcodeCheck {
    std::string gtin;
    std::string problem;
};
BarcodeCheck check_barcode(std::string_view text);

/// What the storefront shows of a sweet's stock: in stock, low ("only N left" at kLowStockUnits or fewer), or sold
/// out; never the exact count otherwise.
enum class Availability { InStock, Low, SoldOut };
inline constexpr std::int64_t kLowStockUnits = 5;
struct ShownStock {
    Availability availability = Availability::InStock;
    std::optional<std::int64_t> left;  ///< Low only
};
ShownStock availability_of(const Sweet& sweet);
std::string_view availability_name(Availability availability);  ///< in_stock, low, sold_out

/// The values to store: complete for a create; for an edit, what changes.
using SweetChanges = SweetInput;

/// `Name`: byte order of the UTF-8 name (the contract's); `Alphabetical`: as people sort names (ICU: case and accents
/// ignored, digits by value; sort_key), then by bytes. `Relevance`: a search's sweets whose name has every word
/// first (the default order of a search, then alphabetical).
enum class SortField { Name, Price, Quantity, CreatedAt, UpdatedAt, Category, ReorderLevel, Relevance, Alphabetical };

struct SortKey {
    SortField field = SortField::Name;
    bool descending = false;
};

/// Filters, combined with AND. Texts are case-folded (fold_case); empty means no filter.
/// Which sweets a list shows by their stock (staff's stock table): `Low` at or below the reorder level, `Out` none.
enum class StockFilter { Any, Low, Out };

struct SweetFilter {
    std::string name = {};
    std::string category = {};
    std::optional<std::int64_t> min_cents = {};
    std::optional<std::int64_t> max_cents = {};
    std::optional<bool> active = {};  ///< customers' lists: true (archived sweets are hidden); staff's: any by default
    StockFilter stock = StockFilter::Any;
    /// A search (`q`): every word must begin a word of the name, the category or the description (search_words:
    /// case and accents ignored); empty: no search.
    std::vector<std::string> words = {};
    std::string sku = {};      ///< exactly this code; empty: any
    std::string barcode = {};  ///< exactly this barcode (13 digits, check_barcode); empty: any
};

/// The query parameters of a list, as text (absent or empty: the default).
struct ListingParams {
    std::string name, category, min_price, max_price, ordering, page_size, page;
    std::string q = {};                   ///< a search: words, each matched as a prefix
    std::string active = {}, stock = {};  ///< staff's filters ("true"/"false"; "low"/"out")
    std::string sku = {}, barcode = {};   ///< a code, exactly (a scanner typing into the till's search)
};

/// A list request after validation; `page` is resolved against the count (0 = "last").
struct Listing {
    SweetFilter filter;
    std::vector<SortKey> order;  ///< ties are always broken by id
    std::int64_t page_size = kDefaultPageSize;
    std::int64_t page = 1;  ///< 1-based; 0 means the last page
};

/// Validates list parameters; throws Error(FieldErrors) for min_price, max_price, ordering and page_size together.
/// A bad `page` is not a field error: it is reported by CatalogueService::list as "Invalid page.".
Listing parse_listing(const ListingParams& params);

/// At most this many words of a search count (the rest are ignored), each at most this many bytes.
inline constexpr std::size_t kMaxSearchWords = 10;
inline constexpr std::size_t kMaxSearchChars = 200;

/// At most this many ordering terms (there are only five fields, and a field may appear once).
inline constexpr std::size_t kMaxOrderingTerms = 5;

/// A text that is equal for two listings exactly when they ask for the same rows (strings length-prefixed).
std::string canonical_key(const Listing& listing);

using SweetPage = Page<Sweet>;

/// One line of the per-category metrics.
struct CategorySummary {
    std::string category;
    std::int64_t sweet_count = 0;
    std::int64_t total_quantity = 0;
};

/// The values no two sweets share.
enum class Unique { Name, Sku, Barcode };

/// Storage port of the catalogue: its reads and edits. An edit that changes a quantity appends a ledger entry in
/// the same transaction.
class CatalogueStore {
  public:
    virtual ~CatalogueStore() = default;

    virtual std::optional<Sweet> find(std::int64_t id) = 0;
    /// Whether another sweet (not `except_id`) has exactly this name, SKU or barcode.
    virtual bool taken(Unique field, const std::string& value, std::int64_t except_id) = 0;
    /// The sweet with exactly this name, SKU or barcode.
    virtual std::optional<Sweet> find_by(Unique field, const std::string& value) = 0;
    virtual std::int64_t count(const SweetFilter& filter) = 0;
    virtual std::vector<Sweet> list(const SweetFilter& filter, const std::vector<SortKey>& order, std::int64_t limit,
                                    std::int64_t offset) = 0;

    /// Inserts a complete sweet; std::nullopt when its name, SKU or barcode is taken.
    virtual std::optional<Sweet> insert(const SweetChanges& sweet, const Actor& actor) = 0;
    enum class UpdateStatus { Updated, NotFound, NameTaken };
    /// Applies `changes`; `sweet` is the result when Updated.
    virtual UpdateStatus update(std::int64_t id, const SweetChanges& changes, const Actor& actor, Sweet& sweet) = 0;
    /// Deletes a sweet, keeping its ledger and sales; false when there is no such sweet.
    virtual bool remove(std::int64_t id, const Actor& actor) = 0;
    /// Creates (`id` 0) and updates sweets in one transaction, each quantity change in the ledger (create or edit,
    /// noted "CSV import");
    /// throws Error(Conflict) and writes nothing when one of them can no longer be written (a name taken since).
    struct Write {
        std::int64_t id = 0;
        SweetChanges changes;
    };
    virtual void apply_import(const std::vector<Write>& writes, const Actor& actor) = 0;
};

/// Storage port of the catalogue's metrics.
class CatalogueMetrics {
  public:
    virtual ~CatalogueMetrics() = default;
    /// Per distinct category (exact, case-sensitive), in byte order of the category: sweets and their stock.
    virtual std::vector<CategorySummary> category_summary() = 0;
};

/// Catalogue rules over the repository.
class CatalogueService {
  public:
    CatalogueService(CatalogueStore& sweets, CatalogueMetrics& metrics) : sweets_(sweets), metrics_(metrics) {}

    /// Throws Error(NotFound, kSweetNotFound).
    Sweet get(std::int64_t id);
    /// Throws Error(NotFound, "Invalid page.") for a page past the end (page 1 of nothing is fine).
    SweetPage list(const Listing& listing);
    /// Validates every field (all errors at once, in declaration order, `errors` holding the http layer's) and
    /// creates the sweet, recording its initial stock in the ledger.
    Sweet create(SweetInput input, const Actor& actor, FieldErrors errors);
    /// PUT or PATCH: the fields present change (the http layer reports PUT's missing required fields). 404 comes
    /// before validation.
    Sweet update(std::int64_t id, SweetInput input, const Actor& actor, FieldErrors errors);
    void remove(std::int64_t id, const Actor& actor);
    std::vector<CategorySummary> categories() { return metrics_.category_summary(); }

    /// Checks `input` for the sweet `self_id` (0: a new one), every error in `errors` (and thrown), and puts its
    /// codes in their stored form (trimmed; the barcode's 13 digits).
    void validate(SweetInput& input, std::int64_t self_id, FieldErrors& errors);

  private:
    CatalogueStore& sweets_;
    CatalogueMetrics& metrics_;
};

}  // namespace sweetshop::domain
