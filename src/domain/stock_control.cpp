#include "domain/stock_control.hpp"

#include <algorithm>
#include <set>

#include "domain/names.hpp"
#include "domain/text.hpp"

namespace sweetshop::domain {

namespace {
constexpr std::pair<AdjustReason, std::string_view> kReasons[] = {
    {AdjustReason::Count, "count"},   {AdjustReason::Damaged, "damaged"}, {AdjustReason::Expired, "expired"},
    {AdjustReason::Sample, "sample"}, {AdjustReason::Other, "other"},
};
}  // namespace

std::string_view reason_name(AdjustReason reason) {
    return name_of(kReasons, reason);
}

std::optional<AdjustReason> parse_adjust_reason(std::string_view text) {
    return parse_name(kReasons, text);
}

AdjustOutcome StockControl::adjust(std::int64_t sweet_id, const Adjustment& adjustment, const Actor& actor,
                                   FieldErrors errors) {
    if (!sweets_.find(sweet_id)) throw Error(ErrorCode::NotFound, kSweetNotFound);
    if (adjustment.delta && *adjustment.delta == 0 && !errors.has("delta"))
        errors.add("delta", "Ensure this value is not 0.");
    if (!errors.has("counted") && !errors.has("delta")) {
        if (adjustment.counted && adjustment.delta)
            errors.add("non_field_errors", "Give either counted or delta, not both.");
        else if (!adjustment.counted && !adjustment.delta)
            errors.add("non_field_errors", "Give either counted or delta.");
    }
    if (char_count(adjustment.note) > kNoteMaxChars && !errors.has("note"))
        errors.add("note", "Ensure this field has no more than " + std::to_string(kNoteMaxChars) + " characters.");
    errors.order({"counted", "delta", "reason", "note", "batch", "non_field_errors"});
    if (!errors.empty()) throw Error(std::move(errors));

    auto outcome = store_.adjust(sweet_id, adjustment, actor);
    switch (outcome.kind) {
        case AdjustOutcome::Kind::Done:
            return outcome;
        case AdjustOutcome::Kind::NotFound:  // deleted since the check
            throw Error(ErrorCode::NotFound, kSweetNotFound);
        case AdjustOutcome::Kind::NoBatch: {
            FieldErrors unknown;
            unknown.add("batch",
                        "Batch " + std::to_string(adjustment.batch.value_or(0)) + " is not a batch of this sweet.");
            throw Error(std::move(unknown));
        }
        case AdjustOutcome::Kind::Negative: {
            FieldErrors below;
            below.add("delta",
                      "Ensure the stock stays at or above 0: there are " + std::to_string(outcome.before) + ".");
            throw Error(std::move(below));
        }
        case AdjustOutcome::Kind::Overflow:
            break;
    }
    FieldErrors above;
    above.add("delta", "Ensure the stock stays at or below " + std::to_string(kMaxQuantity) + ": there are " +
                           std::to_string(outcome.before) + ".");
    throw Error(std::move(above));
}

CountOutcome StockControl::count(const std::vector<CountLine>& lines, const std::string& note, const Actor& actor,
                                 bool dry_run) {
    FieldErrors errors;
    std::set<std::int64_t> seen;
    for (const auto& line : lines)
        if (!seen.insert(line.sweet_id).second) {
            errors.add("counts", "Sweet " + std::to_string(line.sweet_id) + " is counted more than once.");
            break;
        }
    if (char_count(note) > kNoteMaxChars)
        errors.add("note", "Ensure this field has no more than " + std::to_string(kNoteMaxChars) + " characters.");
    if (!errors.empty()) throw Error(std::move(errors));
    auto outcome = store_.count(lines, note, actor, dry_run);
    if (outcome.kind == CountOutcome::Kind::UnknownSweets) {
        FieldErrors unknown;
        for (auto id : outcome.unknown)
            unknown.add("counts", "No sweet has the id " + std::to_string(id) + ".");
        throw Error(std::move(unknown));
    }
    return outcome;
}

std::chrono::seconds AlertDelivery::backoff(int attempts) const {
    constexpr std::chrono::seconds kMaxWait{3600};
    auto wait = retry_;
    for (int i = 1; i < attempts && wait < kMaxWait; ++i)
        wait *= 2;
    return std::min(wait, kMaxWait);
}

int AlertDelivery::run_once() {
    using std::chrono::duration_cast;
    using std::chrono::microseconds;
    int delivered = 0;
    for (;;) {
        const Micros now = clock_.now();
        const Micros since = now - duration_cast<microseconds>(kMaxAge).count();
        if (!outbox_.any_due(now, since)) return delivered;
        int attempts = 0;
        auto alert = outbox_.claim(now, since, now + duration_cast<microseconds>(kLease).count(), attempts);
        if (!alert) return delivered;  // another server took it
        if (auto error = sink_.send(*alert)) {
            outbox_.failed(alert->id, clock_.now() + duration_cast<microseconds>(backoff(attempts)).count(), *error);
            return delivered;  // the receiver is unwell: the rest waits for the next round
        }
        outbox_.delivered(alert->id, clock_.now());
        ++delivered;
    }
}

std::vector<LedgerEntry> StockControl::history(std::int64_t sweet_id, std::optional<std::int64_t> before,
                                               std::int64_t limit) {
    auto entries = store_.history(sweet_id, before, limit);
    if (entries.empty() && !before && !sweets_.find(sweet_id)) throw Error(ErrorCode::NotFound, kSweetNotFound);
    return entries;
}

}  // namespace sweetshop::domain
