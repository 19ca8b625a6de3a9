#pragma once
// The catalogue: sweets, their field rules, listing (filters, order, pages), and the storage port they share with
// inventory. Plain C++: no HTTP, no JSON, no SQL.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/error.hpp"

namespace sweetshop::domain {

/// The largest quantity a sweet can hold (the original's PostgreSQL integer column).
inline constexpr std::int64_t kMaxQuantity = 2147483647;
inline constexpr std::size_t kNameMaxChars = 150;
inline constexpr std::size_t kCategoryMaxChars = 120;
inline constexpr std::size_t kDescriptionMaxChars = 2000;
inline constexpr const char* kSweetNotFound = "No Sweet matches the given query.";

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

    bool is_available() const { return quantity > 0; }
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
};

/// The values to store: complete for a create; for an edit, what changes.
using SweetChanges = SweetInput;

enum class SortField { Name, Price, Quantity, CreatedAt, UpdatedAt };

struct SortKey {
    SortField field = SortField::Name;
    bool descending = false;
};

/// Filters, combined with AND. Texts are case-folded (fold_case); empty means no filter.
struct SweetFilter {
    std::string name = {};
    std::string category = {};
    std::optional<std::int64_t> min_cents = {};
    std::optional<std::int64_t> max_cents = {};
};

/// The query parameters of a list, as text (absent or empty: the default).
struct ListingParams {
    std::string name, category, min_price, max_price, ordering, page_size, page;
};

inline constexpr std::int64_t kDefaultPageSize = 25;
inline constexpr std::int64_t kMaxPageSize = 100;

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

/// At most this many ordering terms (there are only five fields, and a field may appear once).
inline constexpr std::size_t kMaxOrderingTerms = 5;

/// A text that is equal for two listings exactly when they ask for the same rows (strings length-prefixed).
std::string canonical_key(const Listing& listing);

struct SweetPage {
    std::int64_t count = 0;  ///< matching sweets in all pages
    std::int64_t page = 1;
    std::int64_t pages = 1;
    std::vector<Sweet> items;
};

/// The outcome of a purchase or restock, decided inside its transaction.
struct StockOutcome {
    enum class Kind { Done, NotFound, Insufficient, Overflow };
    Kind kind = Kind::Done;
    Sweet sweet;                ///< after the change (Done)
    std::int64_t headroom = 0;  ///< Overflow: the largest amount that still fits
};

struct StockChange {
    enum class Kind { Purchase, Restock };
    Kind kind = Kind::Purchase;
    std::int64_t sweet_id = 0;
    std::int64_t amount = 0;
    Actor actor;
};

/// A response stored for an idempotency key, exactly as first sent.
struct StoredResponse {
    int status = 0;
    std::string body;
};

/// An idempotency key held by the request that claimed it; `token` proves the claim when the result is stored.
struct HeldKey {
    std::int64_t user_id = 0;
    std::string key;
    std::int64_t token = 0;
};

/// One mismatch between a sweet's quantity and the sum of its ledger.
struct StockMismatch {
    std::int64_t sweet_id = 0;
    std::string name;
    std::int64_t quantity = 0;  ///< 0 for a deleted sweet
    std::int64_t ledger_sum = 0;
};

/// One line of the per-category metrics.
struct CategorySummary {
    std::string category;
    std::int64_t sweet_count = 0;
    std::int64_t total_quantity = 0;
};

struct StockReport {
    std::int64_t checked = 0;
    std::vector<StockMismatch> mismatches;
    bool ok() const { return mismatches.empty(); }
};

/// Storage port of the catalogue and inventory. Every change of a quantity appends a ledger entry in the same
/// transaction; a purchase also records a sale.
class SweetRepository {
  public:
    virtual ~SweetRepository() = default;

    virtual std::optional<Sweet> find(std::int64_t id) = 0;
    /// Whether another sweet (not `except_id`) has exactly this name.
    virtual bool name_taken(const std::string& name, std::int64_t except_id) = 0;
    virtual std::int64_t count(const SweetFilter& filter) = 0;
    virtual std::vector<Sweet> list(const SweetFilter& filter, const std::vector<SortKey>& order, std::int64_t limit,
                                    std::int64_t offset) = 0;

    /// Inserts a complete sweet; std::nullopt when the name is taken.
    virtual std::optional<Sweet> insert(const SweetChanges& sweet, const Actor& actor) = 0;
    enum class UpdateStatus { Updated, NotFound, NameTaken };
    /// Applies `changes`; `sweet` is the result when Updated.
    virtual UpdateStatus update(std::int64_t id, const SweetChanges& changes, const Actor& actor, Sweet& sweet) = 0;
    /// Deletes a sweet, keeping its ledger and sales; false when there is no such sweet.
    virtual bool remove(std::int64_t id, const Actor& actor) = 0;

    /// Renders the response an outcome is answered with, so that it can be stored with the change.
    using Render = StoredResponse (*)(const StockOutcome& outcome);
    /// A purchase or restock as one conditional update in one transaction. With `key`, the rendered response is
    /// stored for it in the same transaction (throws Error(Conflict) when the claim was lost meanwhile).
    virtual StoredResponse change_stock(const StockChange& change, const HeldKey* key, Render render) = 0;

    /// Per distinct category (exact, case-sensitive), in byte order of the category: sweets and their stock.
    virtual std::vector<CategorySummary> category_summary() = 0;

    /// Every sweet's quantity against the sum of its ledger, and deleted sweets whose ledger does not sum to 0.
    virtual StockReport verify_stock() = 0;

    // Idempotency keys: see InventoryService.
    enum class ClaimStatus { Claimed, Replay, Mismatch, InProgress, TooMany };
    struct Claim {
        ClaimStatus status = ClaimStatus::Claimed;
        std::int64_t token = 0;   ///< Claimed
        StoredResponse response;  ///< Replay
        Micros oldest = 0;        ///< TooMany: when the user's oldest kept key was created
    };
    /// Claims (user, key) for a request with `fingerprint`, in its own committed transaction. Keys created before
    /// `expired_before` are forgotten first; an unfinished claim made before `stale_before` is taken over; a new key
    /// of a user who holds `max_keys` already is refused (TooMany).
    virtual Claim claim_key(std::int64_t user_id, const std::string& key, const std::string& fingerprint, Micros now,
                            Micros expired_before, Micros stale_before, std::int64_t max_keys) = 0;
    /// Gives up a claim whose request failed without an answer to store.
    virtual void release_key(const HeldKey& key) = 0;
};

/// Catalogue rules over the repository.
class CatalogueService {
  public:
    explicit CatalogueService(SweetRepository& sweets) : sweets_(sweets) {}

    /// Throws Error(NotFound, kSweetNotFound).
    Sweet get(std::int64_t id);
    /// Throws Error(NotFound, "Invalid page.") for a page past the end (page 1 of nothing is fine).
    SweetPage list(const Listing& listing);
    /// Validates every field (all errors at once, in declaration order, `errors` holding the http layer's) and
    /// creates the sweet, recording its initial stock in the ledger.
    Sweet create(const SweetInput& input, const Actor& actor, FieldErrors errors);
    /// PUT or PATCH: the fields present change (the http layer reports PUT's missing required fields). 404 comes
    /// before validation.
    Sweet update(std::int64_t id, const SweetInput& input, const Actor& actor, FieldErrors errors);
    void remove(std::int64_t id, const Actor& actor);
    std::vector<CategorySummary> categories() { return sweets_.category_summary(); }

  private:
    void validate(const SweetInput& input, std::int64_t self_id, FieldErrors& errors);

    SweetRepository& sweets_;
};

}  // namespace sweetshop::domain
