// The direct JSON writer must give exactly what nlohmann's dump() gives for the same values.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "domain/money.hpp"
#include "http/json_writer.hpp"

using namespace sweetshop;

namespace {
std::string written(std::string_view text) {
    std::string out;
    http::json::append_string(out, text);
    return out;
}
}  // namespace

TEST(JsonWriter, StringsAreEscapedExactlyAsNlohmannDoes) {
    std::string every_control;
    for (int c = 0; c < 0x20; ++c)
        every_control += static_cast<char>(c);
    for (const std::string& text :
         {std::string("plain"), std::string(""), std::string("quote \" backslash \\ slash /"), every_control,
          std::string("Crème Brûlée 焦糖 🍬"), std::string("tab\tnew\nline\r"), std::string("\x7f del")})
        EXPECT_EQ(written(text), nlohmann::json(text).dump()) << text;
}

TEST(JsonWriter, ASweetIsTheContractsObjectInOrderThenItsCodesAndPhoto) {
    domain::Sweet s{7, "Mint \"Humbug\"", "Hard", "", 1205, 0, "boss", 1765720332123456, 1765720332000000};
    s.barcode = "4006381333931";
    s.image = "0123456789abcdef0123456789abcdef";
    nlohmann::ordered_json expected{{"id", 7},
                                    {"name", s.name},
                                    {"category", "Hard"},
                                    {"description", ""},
                                    {"price", "12.05"},
                                    {"quantity", 0},
                                    {"is_available", false},
                                    {"created_by", "boss"},
                                    {"created_at", "2025-12-14T13:52:12.123456Z"},
                                    {"updated_at", "2025-12-14T13:52:12Z"},
                                    {"sku", nullptr},
                                    {"barcode", "4006381333931"},
                                    {"image", "/api/images/0123456789abcdef0123456789abcdef-card.webp"},
                                    {"thumbnail", "/api/images/0123456789abcdef0123456789abcdef-thumb.webp"},
                                    {"best_before", nullptr},
                                    {"unit", "piece"}};
    EXPECT_EQ(http::json::sweet(s), expected.dump());
}

TEST(JsonWriter, APageHasCountLinksAndResults) {
    domain::SweetPage page;
    page.count = 2;
    page.items.push_back(domain::Sweet{1, "A", "C", "d", 100, 3, "boss", 0, 0});
    const auto text = http::json::page(page, "http://h/api/sweets/?page=2", "");
    const auto parsed = nlohmann::ordered_json::parse(text);
    EXPECT_EQ(parsed["count"], 2);
    EXPECT_EQ(parsed["next"], "http://h/api/sweets/?page=2");
    EXPECT_TRUE(parsed["previous"].is_null());
    EXPECT_EQ(parsed["results"][0]["name"], "A");
    EXPECT_EQ(text.rfind("{\"count\":2,\"next\":\"http://h/api/sweets/?page=2\",\"previous\":null,\"results\":[", 0),
              0u);
}
