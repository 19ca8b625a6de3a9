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

TEST(OutcomeCodec, OrderAndRefundOutcomesRoundTripWithEveryField) {
    domain::Order order;
    order.number = 10007;
    order.status = domain::OrderStatus::PartiallyRefunded;
    order.customer_id = 4;
    order.customer = "ann";
    order.seller = "boss";
    order.lines = {{3, "Fudge", 350, 2, 1}, {7, "Cola \"Bottles\"", 125, 1, 0}};
    order.total_cents = 825;
    order.refunded_cents = 350;
    order.note = "gift";
    order.created_at = 11;
    order.payment = domain::Payment{domain::PaymentMethod::Cash, 1000};
    order.refunds = {domain::Refund{12, "boss", "crushed", true, {{3, 1}}, 350}};
    domain::OrderOutcome placed{domain::OrderOutcome::Kind::Placed, order, {}, {}, 0};
    domain::OrderOutcome short_{domain::OrderOutcome::Kind::Unavailable, {}, {{7, "Cola", 3, 2}}, {}, 0};
    domain::OrderOutcome unknown{domain::OrderOutcome::Kind::UnknownSweets, {}, {}, {998, 999}, 0};
    domain::OrderOutcome tendered{domain::OrderOutcome::Kind::TenderedShort, {}, {}, {}, 700};
    for (const auto& o : {placed, short_, unknown, tendered})
        EXPECT_EQ(std::get<domain::OrderOutcome>(storage::decode_outcome(storage::encode_outcome(o))), o);

    domain::RefundOutcome done{domain::RefundOutcome::Kind::Done, order, {}};
    domain::RefundOutcome refused{domain::RefundOutcome::Kind::Refused,
                                  {},
                                  {std::nullopt, domain::RefundIssue{domain::RefundIssue::Kind::TooMany, 1},
                                   domain::RefundIssue{domain::RefundIssue::Kind::Gone, 0}}};
    domain::RefundOutcome missing{domain::RefundOutcome::Kind::NotFound, {}, {}};
    for (const auto& o : {done, refused, missing})
        EXPECT_EQ(std::get<domain::RefundOutcome>(storage::decode_outcome(storage::encode_outcome(o))), o);
}
