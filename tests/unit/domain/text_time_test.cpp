#include <gtest/gtest.h>

#include "domain/clock.hpp"
#include "domain/text.hpp"

using namespace sweetshop::domain;

TEST(FoldCase, LowerCasesAsciiAndOtherLetters) {
    EXPECT_EQ(fold_case("Caramel FUDGE"), "caramel fudge");
    EXPECT_EQ(fold_case("CRÈME BRÛLÉE"), "crème brûlée");
    EXPECT_EQ(fold_case("ΣΟΚΟΛΑΤΑ"), "σοκολατα");
    EXPECT_EQ(fold_case("Пастила"), "пастила");
    EXPECT_EQ(fold_case("焦糖 100%"), "焦糖 100%");
    EXPECT_EQ(fold_case(""), "");
}

TEST(FoldCase, LowerCasesOnlyAsciiInInvalidUtf8) {
    EXPECT_EQ(fold_case("AB\xff"), "ab\xff");
}

TEST(EncodeUtf8, RoundTripsEveryLength) {
    const std::string text = "a\xc3\xa9\xe7\x84\xa6\xf0\x9f\x8d\xac";  // a é 焦 🍬
    EXPECT_EQ(encode_utf8(*decode_utf8(text)), text);
}

TEST(Timestamp, IsIso8601InUtcWithMicrosecondsOnlyWhenNonZero) {
    EXPECT_EQ(format_timestamp(1765720332123456), "2025-12-14T13:52:12.123456Z");
    EXPECT_EQ(format_timestamp(1765720332000000), "2025-12-14T13:52:12Z");
    EXPECT_EQ(format_timestamp(1765720332000001), "2025-12-14T13:52:12.000001Z");
    EXPECT_EQ(format_timestamp(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(format_timestamp(-1), "1969-12-31T23:59:59.999999Z");
}
