// Request bodies: the nesting limit, numbers past double's range, repeated keys, and the field readers on them.
#include <gtest/gtest.h>

#include <string>

#include "http/fields.hpp"
#include "http/json_body.hpp"

using namespace sweetshop;
using namespace sweetshop::http;

namespace {
std::string nested(int levels) {
    return std::string(static_cast<std::size_t>(levels), '[') + std::string(static_cast<std::size_t>(levels), ']');
}

JsonBody ok(std::string_view text) {
    auto parsed = parse_json_body(text);
    EXPECT_TRUE(std::holds_alternative<JsonBody>(parsed)) << text;
    return std::holds_alternative<JsonBody>(parsed) ? std::get<JsonBody>(std::move(parsed)) : JsonBody{};
}

std::string error_of(std::string_view text) {
    auto parsed = parse_json_body(text);
    return std::holds_alternative<JsonSyntaxError>(parsed) ? std::get<JsonSyntaxError>(parsed).reason : "(parsed)";
}
}  // namespace

TEST(JsonBody, NestingUpToTheLimitParses) {
    auto body = ok(R"({"a":)" + nested(kMaxJsonDepth - 1) + "}");
    EXPECT_TRUE(body.value.is_object());
}

TEST(JsonBody, DeeperNestingIsASyntaxErrorWithoutATree) {
    EXPECT_EQ(error_of(R"({"a":)" + nested(kMaxJsonDepth) + "}"), "nesting is deeper than 64 levels");
    EXPECT_EQ(error_of(nested(100000)), "nesting is deeper than 64 levels");
    std::string objects;
    for (int i = 0; i < 200000; ++i)
        objects += R"({"a":)";
    EXPECT_EQ(error_of(objects), "nesting is deeper than 64 levels");
    // Unclosed, but far past the limit: refused at the limit, not at the end.
    EXPECT_EQ(error_of(std::string(1000000, '[')), "nesting is deeper than 64 levels");
}

TEST(JsonBody, SyntaxErrorsKeepTheParsersReason) {
    const auto reason = error_of(R"({"a": )");
    EXPECT_EQ(reason,
              "parse error at line 1, column 7: syntax error while parsing value - unexpected end of input; "
              "expected '[', '{', or a literal");
    EXPECT_LE(error_of("{\"a\": 1e" + std::string(5000, '9') + "}").size(), 203u);
}

TEST(JsonBody, NumbersPastDoubleStayNumbers) {
    auto body = ok(R"({"price": 1e400, "amount": -1e400})");
    EXPECT_TRUE(body.value["price"].is_number_float());
    EXPECT_EQ(body.numbers.at("price"), "1e400");
    EXPECT_EQ(body.numbers.at("amount"), "-1e400");
}

TEST(JsonBody, RepeatedKeysKeepTheLastValueAndText) {
    auto body = ok(R"({"price": 1.50, "x": {"price": 9.99}, "price": 2.25})");
    EXPECT_EQ(body.numbers.size(), 1u);
    EXPECT_EQ(body.numbers.at("price"), "2.25");
    EXPECT_EQ(body.value["price"].get<long double>(), 2.25L);
}

TEST(JsonBody, NumberTextsOnlyForTheTopLevelObject) {
    EXPECT_TRUE(ok("[1.5, 2.5]").numbers.empty());
    EXPECT_TRUE(ok(R"({"a": [1.5]})").numbers.empty());
}

TEST(Fields, OutOfRangeNumbersGetFieldErrors) {
    auto body = ok(R"({"price": 1e400, "amount": 1e400, "name": 1e400, "small": -1e400})");
    domain::FieldErrors errors;
    EXPECT_FALSE(read_money(body.value, body.numbers, "price", errors, true));
    EXPECT_FALSE(read_integer(body.value, "amount", errors, {.min = 1, .max = 100}));
    EXPECT_FALSE(read_integer(body.value, "small", errors, {.min = 1, .max = 100}));
    EXPECT_EQ(read_string(body.value, "name", errors).value_or(""), "inf");
    ASSERT_TRUE(errors.has("price"));
    EXPECT_EQ(errors.entries().size(), 3u);
    for (const auto& [field, entry] : errors.entries()) {
        if (field == "amount" || field == "small") {
            EXPECT_EQ(entry.messages, std::vector<std::string>{"A valid integer is required."}) << field;
        }
    }
}

TEST(Fields, FractionsReadAsPythonPrintsThem) {
    auto body = ok(R"({"name": 2.50, "big": 1e16})");
    domain::FieldErrors errors;
    EXPECT_EQ(read_string(body.value, "name", errors).value_or(""), "2.5");
    EXPECT_EQ(read_string(body.value, "big", errors).value_or(""), "1e+16");
    EXPECT_TRUE(errors.empty());
}

TEST(Fields, NullCharactersAreRefused) {
    auto body = ok(R"({"name": "ab\u0000cd"})");
    domain::FieldErrors errors;
    EXPECT_FALSE(read_string(body.value, "name", errors));
    ASSERT_TRUE(errors.has("name"));
    EXPECT_EQ(errors.entries().front().second.messages, std::vector<std::string>{"Null characters are not allowed."});
}
