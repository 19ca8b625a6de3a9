#pragma once
// Stock control: adjustments with a reason (one sweet, or a stocktake of many in one transaction), each sweet's
// ledger as its history, the low-stock list and its alerts. Plain rules over a small storage port.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/batches.hpp"
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
    /// The batch it acts on first (none: first-expiry-first, as sales; units added go to the undated stock).
    std::optional<std::int64_t> batch = {};
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
    std::vector<BatchMove> batches = {};  ///< the batches it changed, by batch
    bool operator==(const LedgerEntry&) const = default;
};

struct AdjustOutcome {
    enum class Kind { Done, NotFound, Negative, Overflow, NoBatch };
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
    // An expiry alert's batch and its date (a low-stock alert has neither)
    std::optional<std::int64_t> batch = {};
    std::optional<std::string> best_before = {};
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

/// Storage port of the alerts' delivery to the webhook: a claim makes one server at a time send an alert.
class AlertOutbox {
  public:
    virtual ~AlertOutbox() = default;
    /// Whether an alert opened at or after `since` waits to be sent at `now` (a cheap read, before any claim).
    virtual bool any_due(Micros now, Micros since) = 0;
    /// Claims the oldest such alert until `lease_until` (no other server takes it meanwhile) and counts the
    /// attempt; std::nullopt when there is none (or another server took it first).
    virtual std::optional<StockAlert> claim(Micros now, Micros since, Micros lease_until, int& attempts) = 0;
    virtual void delivered(std::int64_t alert_id, Micros at) = 0;
    /// Releases the claim; the next attempt waits until `next_attempt`.
    virtual void failed(std::int64_t alert_id, Micros next_attempt, const std::string& error) = 0;
};

/// Where alerts go: std::nullopt when the receiver took it (a 2xx), else what went wrong.
class AlertSink {
  public:
    virtual ~AlertSink() = default;
    virtual std::optional<std::string> send(const StockAlert& alert) = 0;
};

/// Sends the alerts that wait, one at a time: each at most once at a time across servers (the claim), again after
/// a failure with a doubling wait (`retry`, then 2×, 4×, … at most an hour), and only those opened within the last
/// day (so that a webhook set up later does not send old news). A crash between the receiver's answer and the
/// record of it sends that alert again after the claim expires: receivers can tell by its id.
class AlertDelivery {
  public:
    AlertDelivery(AlertOutbox& outbox, AlertSink& sink, const Clock& clock, std::chrono::seconds retry)
        : outbox_(outbox), sink_(sink), clock_(clock), retry_(retry) {}
    /// Sends what waits now; returns how many were delivered.
    int run_once();
    /// The wait before attempt `attempts + 1`.
    std::chrono::seconds backoff(int attempts) const;

    static constexpr std::chrono::seconds kLease{60};
    static constexpr std::chrono::hours kMaxAge{24};

  private:
    AlertOutbox& outbox_;
    AlertSink& sink_;
    const Clock& clock_;
    std::chrono::seconds retry_;
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
