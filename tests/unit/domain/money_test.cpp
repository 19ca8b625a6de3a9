#include <gtest/gtest.h>

#include <vector>

#include "domain/money.hpp"

using namespace sweetshop::domain;

namespace {
std::int64_t cents(std::string_view text) {
    auto r = parse_money(text);
    EXPECT_TRUE(std::holds_alternative<std::int64_t>(r)) << text << ": " << std::get<std::string>(r);
    return std::holds_alternative<std::int64_t>(r) ? std::get<std::int64_t>(r) : -1;
}
std::string problem(std::string_view text) {
    auto r = parse_money(text);
    return std::holds_alternative<std::string>(r) ? std::get<std::string>(r) : "accepted";
}
}  // namespace

TEST(Money, ParsesDecimalTextExactly) {
    EXPECT_EQ(cents("3.50"), 350);
    EXPECT_EQ(cents("3.5"), 350);
    EXPECT_EQ(cents("3"), 300);
    EXPECT_EQ(cents(" 0.05 "), 5);
    EXPECT_EQ(cents("0"), 0);
    EXPECT_EQ(cents("-0"), 0);
    EXPECT_EQ(cents(".5"), 50);
    EXPECT_EQ(cents("1e2"), 10000);
    EXPECT_EQ(cents("1.5e-1"), 15);
    EXPECT_EQ(cents("123456.78"), 12345678);
    EXPECT_EQ(cents("0.10"), 10);
}

TEST(Money, AppliesTheContractsRulesInOrder) {
    const std::string invalid = "A valid number is required.";
    for (const char* bad : {"", " ", "abc", "NaN", "Infinity", "-Infinity", "1.2.3", "1e", "3,50", "$3"})
        EXPECT_EQ(problem(bad), invalid) << bad;
    EXPECT_EQ(problem("123456789"), "Ensure that there are no more than 8 digits in total.");
    EXPECT_EQ(problem("1234567.891"), "Ensure that there are no more than 8 digits in total.");
    EXPECT_EQ(problem("3.555"), "Ensure that there are no more than 2 decimal places.");
    EXPECT_EQ(problem("1e-3"), "Ensure that there are no more than 2 decimal places.");
    EXPECT_EQ(problem("1234567"), "Ensure that there are no more than 6 digits before the decimal point.");
    EXPECT_EQ(problem("1e99999999"), "Ensure that there are no more than 8 digits in total.");
    EXPECT_EQ(problem("-1"), "Ensure this value is greater than or equal to 0.");
    EXPECT_EQ(problem("-3.555"), "Ensure that there are no more than 2 decimal places.");
}

TEST(Money, FormatsWithTwoDecimals) {
    EXPECT_EQ(format_money(350), "3.50");
    EXPECT_EQ(format_money(5), "0.05");
    EXPECT_EQ(format_money(0), "0.00");
    EXPECT_EQ(format_money(99999999), "999999.99");
}

TEST(Integer, AcceptsWholeNumbersWrittenAsDrfDoes) {
    EXPECT_EQ(std::get<std::int64_t>(parse_integer("2")), 2);
    EXPECT_EQ(std::get<std::int64_t>(parse_integer(" 2 ")), 2);
    EXPECT_EQ(std::get<std::int64_t>(parse_integer("2.0")), 2);
    EXPECT_EQ(std::get<std::int64_t>(parse_integer("2.00")), 2);
    EXPECT_EQ(std::get<std::int64_t>(parse_integer("-7")), -7);
    EXPECT_EQ(std::get<std::int64_t>(parse_integer("2147483648")), 2147483648LL);
}

TEST(Integer, RejectsFractionsTextAndOverflow) {
    for (const char* bad : {"2.5", "abc", "1e3", "", ".", "2.0.0", "--1", "0x10"})
        EXPECT_EQ(std::get<IntegerProblem>(parse_integer(bad)), IntegerProblem::Invalid) << bad;
    EXPECT_EQ(std::get<IntegerProblem>(parse_integer("99999999999999999999999")), IntegerProblem::TooLarge);
    EXPECT_EQ(std::get<IntegerProblem>(parse_integer("-99999999999999999999999")), IntegerProblem::TooSmall);
}

TEST(PriceBound, RoundsSoThatExactlyTheAdmittedCentPricesMatch) {
    EXPECT_EQ(parse_price_bound("3.555", Bound::Lower), 356);
    EXPECT_EQ(parse_price_bound("3.555", Bound::Upper), 355);
    EXPECT_EQ(parse_price_bound("3.55", Bound::Lower), 355);
    EXPECT_EQ(parse_price_bound("3.55", Bound::Upper), 355);
    EXPECT_EQ(parse_price_bound(" 3 ", Bound::Upper), 300);
    EXPECT_EQ(parse_price_bound("-1", Bound::Upper), -100);
    EXPECT_EQ(parse_price_bound("-0.001", Bound::Upper), -1);
    EXPECT_EQ(parse_price_bound("-0.001", Bound::Lower), 0);
    EXPECT_EQ(parse_price_bound("0.0000001", Bound::Lower), 1);
    EXPECT_EQ(parse_price_bound("0.0000001", Bound::Upper), 0);
    EXPECT_EQ(parse_price_bound("1e2", Bound::Lower), 10000);
    EXPECT_EQ(parse_price_bound("0", Bound::Lower), 0);
}

TEST(PriceBound, ClampsHugeBoundsAndRefusesWhatIsNotANumber) {
    EXPECT_GT(*parse_price_bound("1e300", Bound::Lower), 99'999'999);
    EXPECT_LT(*parse_price_bound("-1e300", Bound::Upper), 0);
    EXPECT_EQ(parse_price_bound("123456789012345678901234567890", Bound::Upper),
              parse_price_bound("1e300", Bound::Upper));
    for (const char* bad : {"", "abc", "NaN", "Infinity", "1e", "1,5", "--1", "0x10"})
        EXPECT_EQ(parse_price_bound(bad, Bound::Lower), std::nullopt) << bad;
}

TEST(WeighedPrice, TheExactProductIsRoundedToTheCentHalfUp) {
    struct Case {
        std::int64_t per_kg, grams, cents;
    };
    for (const auto& c : std::vector<Case>{
             {300, 125, 38},                                    // 37.5 cents: half goes up
             {300, 115, 35},                                    // 34.5 -> 35
             {300, 105, 32},                                    // 31.5 -> 32
             {1000, 1, 1},                                      // 1 g at 10.00/kg: exactly a cent
             {999, 1, 1},                                       // 0.999 -> 1
             {499, 1, 0},                                       // 0.499 -> 0
             {500, 1, 1},                                       // 0.5 -> 1
             {1250, 250, 313},                                  // 312.5 -> 313
             {1250, 200, 250},                                  // exact
             {2399, 333, 799},                                  // 798.867 -> 799
             {0, 500, 0},                                       // free
             {1500, 0, 0},                                      // nothing weighed
             {99'999'999, 2'147'483'647, 214'748'362'552'516},  // the largest of both: no overflow
         })
        EXPECT_EQ(weighed_price_cents(c.per_kg, c.grams), c.cents) << c.per_kg << " per kg x " << c.grams << " g";
}
