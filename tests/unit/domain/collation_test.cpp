// ICU sort keys and search words (domain/collation.hpp).
#include "domain/collation.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace sweetshop::domain;

TEST(Collation, SortKeysOrderNamesAsPeopleDo) {
    std::vector<std::string> names{"White Chocolate", "Bar 10", "caramel fudge", "Éclair", "Bar 2", "apple"};
    std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) { return sort_key(a) < sort_key(b); });
    EXPECT_EQ(names,
              (std::vector<std::string>{"apple", "Bar 2", "Bar 10", "caramel fudge", "Éclair", "White Chocolate"}));
    EXPECT_EQ(sort_key("ECLAIR"), sort_key("éclair"));  // case and accents ignored
    EXPECT_NE(sort_key("eclair"), sort_key("eclairs"));
    const auto key = sort_key("Crème");
    EXPECT_TRUE(
        std::all_of(key.begin(), key.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }));
    EXPECT_EQ(sort_key(""), "");
}

TEST(Collation, SearchWordsFoldCaseAndAccentsAndSplitAtPunctuation) {
    EXPECT_EQ(search_words("Crème Brûlée-Bites!"), (std::vector<std::string>{"creme", "brulee", "bites"}));
    EXPECT_EQ(search_text("  ＦＵＬＬ width, 100%  Cocoa_Bar "), "full width 100 cocoa bar");
    EXPECT_EQ(search_words("Straße"), std::vector<std::string>{"strasse"});
    EXPECT_TRUE(search_words("?!, ...").empty());
    EXPECT_EQ(search_words("\xff\xfe bad"), (std::vector<std::string>{"bad"}));  // invalid UTF-8 is replaced
}
