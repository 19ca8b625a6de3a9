#pragma once
// The stored form of a keyed request's outcome (a JSON document of the domain values, not an HTTP answer), so that
// a replay is rendered from the same values as the first answer.
#include <string>

#include "domain/idempotency.hpp"

namespace sweetshop::storage {

std::string encode_outcome(const domain::RecordedOutcome& outcome);
/// Throws std::runtime_error for a text that encode_outcome did not write.
domain::RecordedOutcome decode_outcome(const std::string& text);

}  // namespace sweetshop::storage
