// The stored form of keyed outcomes: every field survives, and a text it did not write is refused.
#include <gtest/gtest.h>

#include "storage/outcome_codec.hpp"

using namespace sweetshop;
using domain::StockOutcome;

TEST(OutcomeCodec, AStockOutcomeRoundTripsWithEveryField) {
    StockOutcome done;
    done.sweet = domain::Sweet{7, "Caf\xc3\xa9 \"Fudge\"", "Toffee", "line\nbreak", 350, 0, "boss", 1, 2};
    StockOutcome overflow;
    overflow.kind = StockOutcome::Kind::Overflow;
    overflow.headroom = 2147483640;
    StockOutcome missing;
    missing.kind = StockOutcome::Kind::NotFound;
    for (const auto& o : {done, overflow, missing}) {
        const auto back = storage::decode_outcome(storage::encode_outcome(o));
        EXPECT_EQ(std::get<StockOutcome>(back), o);
    }
}

TEST(OutcomeCodec, RefusesWhatItDidNotWrite) {
    EXPECT_THROW(storage::decode_outcome(""), std::runtime_error);
    EXPECT_THROW(storage::decode_outcome(R"({"type":"order"})"), std::runtime_error);
    EXPECT_THROW(storage::decode_outcome(R"({"type":"stock","kind":"lost"})"), std::runtime_error);
    EXPECT_THROW(storage::decode_outcome(R"({"type":"stock","kind":"done"})"), std::runtime_error);
}
