#include "domain/batches.hpp"

#include "domain/error.hpp"

namespace sweetshop::domain {

std::vector<Batch> Perishables::batches(std::int64_t sweet_id) {
    auto found = store_.batches(sweet_id);
    if (!found) throw Error(ErrorCode::NotFound, kSweetNotFound);
    return std::move(*found);
}

std::vector<Batch> Perishables::expiring(std::int64_t days) {
    return store_.expiring(add_days(zone_.date_of(clock_.now()), days));
}

WriteOffOutcome Perishables::write_off(std::int64_t batch_id, const std::string& note, const Actor& actor) {
    auto outcome = store_.write_off(batch_id, note, actor);
    if (outcome.kind == WriteOffOutcome::Kind::NotFound) throw Error(ErrorCode::NotFound, kBatchNotFound);
    if (outcome.kind == WriteOffOutcome::Kind::Empty) throw Error(ErrorCode::BadRequest, kBatchEmpty);
    return outcome;
}

int Perishables::run_expiry() {
    const Micros now = clock_.now();
    const int expired = store_.expire_due(now);
    if (warn_days_ > 0) {
        // Batches best before today + warn_days or earlier: they expire by the end of that day.
        store_.warn_expiring(now, zone_.end_of(add_days(zone_.date_of(now), warn_days_)));
    }
    return expired;
}

std::optional<std::string> Perishables::refuse_best_before(const LocalDate& date) const {
    if (date < zone_.date_of(clock_.now())) return "Ensure this date is today or later.";
    return std::nullopt;
}

std::optional<std::int64_t> Perishables::days_left(const Batch& batch) const {
    if (!batch.best_before) return std::nullopt;
    return days_between(zone_.date_of(clock_.now()), *batch.best_before);
}

}  // namespace sweetshop::domain
