#pragma once
// Perishables: a sweet's stock as batches with a best-before date (or none) and a lot, sold first-expiry-first;
// batches past their date leave the sellable quantity at midnight in the shop's time zone and wait on the expiring
// list until written off, with their value. Plain rules over a small storage port.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/catalogue.hpp"
#include "domain/clock.hpp"
#include "domain/money.hpp"
#include "domain/time_zone.hpp"

namespace sweetshop::domain {

/// The most characters of a lot number.
inline constexpr std::size_t kLotMaxChars = 64;
/// The longest look ahead of the expiring list.
inline constexpr std::int64_t kMaxExpiringDays = 366;

/// One delivery of a sweet (or, undated, all that came without a date and lot).
struct Batch {
    std::int64_t id = 0;
    std::int64_t sweet_id = 0;
    std::string sweet_name;
    std::optional<LocalDate> best_before = {};  ///< none: undated, never expires
    std::string lot = {};
    std::int64_t units = 0;          ///< left to sell
    std::int64_t expired_units = 0;  ///< past the date, out of the quantity, waiting to be written off
    std::int64_t wasted_units = 0;   ///< written off so far
    std::optional<std::int64_t> unit_cost_cents = {};
    Micros received_at = 0;
    std::optional<Micros> expired_at = {};
    Unit unit = Unit::Piece;  ///< the sweet's: gram, units are grams and the cost per kilogram

    /// The value of `n` of its units at the batch's unit cost; unknown without one.
    std::optional<std::int64_t> value_of(std::int64_t n) const {
        if (!unit_cost_cents) return std::nullopt;
        return line_cents(unit, *unit_cost_cents, n);
    }
    /// What is left (to sell and expired) at the batch's unit cost.
    std::optional<std::int64_t> value_cents() const { return value_of(units + expired_units); }
    bool operator==(const Batch&) const = default;
};

/// What one ledger entry took from or gave to one batch.
struct BatchMove {
    std::int64_t batch_id = 0;
    std::optional<LocalDate> best_before = {};
    std::string lot = {};
    std::int64_t delta = 0;
    bool operator==(const BatchMove&) const = default;
};

/// The instant a batch best before `date` expires: the midnight that ends that day in the shop's zone.
inline Micros expiry_instant(const ShopTimeZone& zone, const LocalDate& date) {
    return zone.end_of(date);
}

struct WriteOffOutcome {
    enum class Kind { Done, NotFound, Empty };
    Kind kind = Kind::Done;
    Batch batch;                              ///< Done: after
    std::int64_t units = 0;                   ///< Done: written off
    std::optional<std::int64_t> value_cents;  ///< Done: their value at the batch's cost
};

/// Storage port of batches. Every change keeps each sweet's quantity equal to its batches' units, with its ledger
/// entry and moves in the same transaction.
class BatchStore {
  public:
    virtual ~BatchStore() = default;
    /// The sweet's batches with units left (for sale or expired), in the order sales take them; std::nullopt for a
    /// sweet that does not exist.
    virtual std::optional<std::vector<Batch>> batches(std::int64_t sweet_id) = 0;
    /// Dated batches of existing sweets best before `through` or earlier with units left, the earliest first.
    virtual std::vector<Batch> expiring(const LocalDate& through) = 0;
    /// Writes off everything left in the batch: the units still for sale leave the quantity (an 'expired' ledger
    /// entry) and, with the expired ones, are recorded as waste with their value.
    virtual WriteOffOutcome write_off(std::int64_t batch_id, const std::string& note, const Actor& actor) = 0;
    /// Moves the units of every batch past its date out of the quantity, once across servers; returns how many
    /// batches it moved.
    virtual int expire_due(Micros now) = 0;
    /// Opens one expiry alert per batch with units for sale expiring before `until` (once across servers); returns
    /// how many it opened.
    virtual int warn_expiring(Micros now, Micros until) = 0;
};

class Perishables {
  public:
    /// `warn_days`: how many days before its date a batch's alert opens (0: none).
    Perishables(BatchStore& store, const ShopTimeZone& zone, const Clock& clock, int warn_days)
        : store_(store), zone_(zone), clock_(clock), warn_days_(warn_days) {}

    /// 404 for a sweet that does not exist.
    std::vector<Batch> batches(std::int64_t sweet_id);
    /// Expired batches and those best before the end of the day `days` from today (0: today), the earliest first.
    std::vector<Batch> expiring(std::int64_t days);
    /// 404 for a missing batch, 400 for one with nothing left.
    WriteOffOutcome write_off(std::int64_t batch_id, const std::string& note, const Actor& actor);
    /// The expiry job's round: batches past their date leave the quantity, and batches expiring within the warning
    /// days get their alert. Returns how many batches expired.
    int run_expiry();
    /// A restock's best-before date: std::nullopt when it may take it, else why not (a day already past).
    std::optional<std::string> refuse_best_before(const LocalDate& date) const;
    /// The instant a batch best before `date` expires (expiry_instant in the shop's zone).
    Micros expires_at(const LocalDate& date) const { return expiry_instant(zone_, date); }
    /// Days from today (the shop's) to the batch's date (0: its last day; negative once past); none undated.
    std::optional<std::int64_t> days_left(const Batch& batch) const;
    /// Past its date: units expired and waiting, or a date gone by that the expiry job has not reached yet.
    bool expired(const Batch& batch) const { return batch.expired_units > 0 || days_left(batch).value_or(0) < 0; }

  private:
    BatchStore& store_;
    const ShopTimeZone& zone_;
    const Clock& clock_;
    int warn_days_;
};

inline constexpr const char* kBatchNotFound = "No batch matches the given query.";
inline constexpr const char* kBatchEmpty = "This batch has nothing left to write off.";

}  // namespace sweetshop::domain
