#pragma once
// Stock control: adjustments with a reason (one sweet, or a stocktake of many in one transaction), each sweet's
// ledger as its history, the low-stock list and its alerts. Plain rules over a small storage port.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalogue.hpp"
#include "domain/error.hpp"

namespace sweetshop::domain {

/// Why a quantity was adjusted by hand.
enum class AdjustReason { Count, Damaged, Expired, Sample, Other };
std::string_view reason_name(AdjustReason reason);
std::optional<AdjustReason> parse_adjust_reason(std::string_view text);
inline constexpr std::size_t kNoteMaxChars = 500;
/// The most sweets one stocktake may count.
inline constexpr std::size_t kMaxCountLines = 1000;

/// One adjustment: the quantity counted, or a change by `delta` (exactly one of them).
struct Adjustment {
    std::optional<std::int64_t> counted = {};
    std::optional<std::int64_t> delta = {};
    AdjustReason reason = AdjustReason::Count;
    std::string note = {};
};

/// One entry of a sweet's ledger, as its history shows it.
struct LedgerEntry {
    std::int64_t id = 0;
    std::int64_t sweet_id = 0;
    std::string sweet_name;
    std::string actor;
    std::string reason;  ///< create, purchase, restock, edit, delete, refund, or an AdjustReason's name
    std::int64_t delta = 0;
    std::int64_t quantity_after = 0;
    Micros at = 0;
    std::optional<std::int64_t> order = {};  ///< sales and refunds: the order's number
    std::string note = {};
    bool operator==(const LedgerEntry&) const = default;
};

struct AdjustOutcome {
    enum class Kind { Done, NotFound, Negative, Overflow };
    Kind kind = Kind::Done;
    LedgerEntry entry;        ///< Done
    Sweet sweet;              ///< Done: after the change
    std::int64_t before = 0;  ///< Negative / Overflow: the quantity found
};

/// One line of a stocktake: the quantity counted of a sweet.
struct CountLine {
    std::int64_t sweet_id = 0;
    std::int64_t counted = 0;
};

/// A line of a stocktake's answer: what the books said, what was counted.
struct CountDifference {
    std::int64_t sweet_id = 0;
    std::string name;
    std::int64_t expected = 0;
    std::int64_t counted = 0;
    std::int64_t delta() const { return counted - expected; }
};

struct CountOutcome {
    enum class Kind { Done, UnknownSweets };
    Kind kind = Kind::Done;
    std::vector<CountDifference> lines;  ///< Done: every line, in the order given
    std::vector<std::int64_t> unknown;   ///< UnknownSweets: ids that match no sweet
};

/// A low-stock alert: opened when a change took the sweet to or below its reorder level.
struct StockAlert {
    std::int64_t id = 0;
    std::int64_t sweet_id = 0;
    std::string sweet_name;
    std::int64_t reorder_level = 0;
    std::int64_t quantity = 0;   ///< when it opened
    std::int64_t suggested = 0;  ///< the restock it suggested then
    Micros opened_at = 0;
    std::optional<Micros> closed_at = {};
    std::optional<Micros> delivered_at = {};  ///< to the webhook
};

/// Storage port of stock control. Every change writes its ledger entries in the same transaction.
class StockControlStore {
  public:
    virtual ~StockControlStore() = default;
    virtual AdjustOutcome adjust(std::int64_t sweet_id, const Adjustment& adjustment, const Actor& actor) = 0;
    /// Applies every line (dry_run: none) in one transaction; lines of unknown sweets refuse the whole count.
    virtual CountOutcome count(const std::vector<CountLine>& lines, const std::string& note, const Actor& actor,
                               bool dry_run) = 0;
    /// The sweet's ledger, newest first: at most `limit` entries older than `before` (an entry id; none: the newest).
    virtual std::vector<LedgerEntry> history(std::int64_t sweet_id, std::optional<std::int64_t> before,
                                             std::int64_t limit) = 0;
    /// Active sweets at or below their reorder level, most urgent first (the smallest share of the level left).
    virtual std::vector<Sweet> low_stock() = 0;
    /// Alerts, newest first; `open_only`: those not closed yet.
    virtual std::vector<StockAlert> alerts(bool open_only, std::int64_t limit) = 0;
    /// How many active sweets are at or below their reorder level (the Prometheus gauge).
    virtual std::int64_t low_stock_count() = 0;
};

class StockControl {
  public:
    StockControl(StockControlStore& store, CatalogueStore& sweets) : store_(store), sweets_(sweets) {}

    /// Validates and applies one adjustment (all field errors at once); 404 for a missing sweet.
    AdjustOutcome adjust(std::int64_t sweet_id, const Adjustment& adjustment, const Actor& actor, FieldErrors errors);
    CountOutcome count(const std::vector<CountLine>& lines, const std::string& note, const Actor& actor, bool dry_run);
    /// 404 for a sweet that does not exist and has no history.
    std::vector<LedgerEntry> history(std::int64_t sweet_id, std::optional<std::int64_t> before, std::int64_t limit);
    std::vector<Sweet> low_stock() { return store_.low_stock(); }
    std::vector<StockAlert> alerts(bool open_only, std::int64_t limit) { return store_.alerts(open_only, limit); }
    std::int64_t low_stock_count() { return store_.low_stock_count(); }

  private:
    StockControlStore& store_;
    CatalogueStore& sweets_;
};

}  // namespace sweetshop::domain
