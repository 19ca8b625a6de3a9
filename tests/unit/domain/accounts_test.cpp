#include <gtest/gtest.h>

#include "domain/accounts.hpp"
#include "domain/text.hpp"

using namespace sweetshop::domain;

TEST(Username, AcceptsLettersDigitsAndSymbols) {
    EXPECT_TRUE(validate_username("ann.b+c-d_e@x1").empty());
    EXPECT_TRUE(validate_username("Zoë").empty());
    EXPECT_TRUE(validate_username("Ярослав").empty());
}

TEST(Username, RejectsSpacesAndPunctuation) {
    const std::string invalid =
        "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.";
    EXPECT_EQ(validate_username("ann smith"), std::vector<std::string>{invalid});
    EXPECT_EQ(validate_username("ann!"), std::vector<std::string>{invalid});
    EXPECT_EQ(validate_username("a\xF0\x9F\x8D\xAC"), std::vector<std::string>{invalid});  // emoji
}

TEST(Username, CountsCharactersNotBytes) {
    EXPECT_TRUE(validate_username(std::string(75, 'a') +
                                  [] {
                                      std::string s;
                                      for (int i = 0; i < 75; ++i)
                                          s += "\xC3\xA9";  // é
                                      return s;
                                  }())
                    .empty());
    EXPECT_EQ(validate_username(std::string(151, 'a')),
              std::vector<std::string>{"Ensure this field has no more than 150 characters."});
}

TEST(Password, EnforcesLengthInCharacters) {
    EXPECT_EQ(validate_password("short"), std::vector<std::string>{"Ensure this field has at least 8 characters."});
    EXPECT_TRUE(validate_password("12345678").empty());
    EXPECT_EQ(validate_password(std::string(129, 'x')),
              std::vector<std::string>{"Ensure this field has no more than 128 characters."});
}

TEST(Email, LowercasesTheDomainOnly) {
    std::string out;
    EXPECT_TRUE(validate_email("Ann.Smith@Example.COM", out).empty());
    EXPECT_EQ(out, "Ann.Smith@example.com");
}

TEST(Email, RejectsMalformedAddresses) {
    std::string out;
    for (const char* bad :
         {"ann", "ann@", "@example.com", "ann@example", "a..b@example.com", "ann@exa mple.com", "ann@-example.com"})
        EXPECT_EQ(validate_email(bad, out), std::vector<std::string>{"Enter a valid email address."}) << bad;
    EXPECT_TRUE(validate_email("", out).empty());
}

TEST(Text, TrimsUnicodeWhitespace) {
    EXPECT_EQ(trim("  ann \t\n"), "ann");
    EXPECT_EQ(trim("\xC2\xA0"
                   "ann"
                   "\xE3\x80\x80"),
              "ann");  // NBSP, ideographic space
    EXPECT_EQ(trim("   "), "");
}

TEST(Text, RejectsInvalidUtf8) {
    EXPECT_FALSE(decode_utf8("\xC3").has_value());
    EXPECT_FALSE(decode_utf8("\xC0\xAF").has_value());      // overlong '/'
    EXPECT_FALSE(decode_utf8("\xED\xA0\x80").has_value());  // surrogate
    EXPECT_EQ(decode_utf8("h\xC3\xA9")->size(), 2u);
}

TEST(FieldErrors, KeepsDeclarationOrder) {
    FieldErrors e;
    e.add("password", "p1");
    e.add("username", "u1");
    e.add("password", "p2");
    e.order({"username", "email", "password"});
    ASSERT_EQ(e.entries().size(), 2u);
    EXPECT_EQ(e.entries()[0].first, "username");
    EXPECT_EQ(e.entries()[1].second.messages, (std::vector<std::string>{"p1", "p2"}));
}

TEST(Username, NormalisedWithNfkcAsDjangoDoes) {
    EXPECT_EQ(nfkc("\xEF\xBD\x83"
                   "arol"),
              "carol");                                              // full-width c
    EXPECT_EQ(nfkc("\xEF\xBC\xA1\xEF\xBC\xAE\xEF\xBC\xAE"), "ANN");  // full-width ANN
    EXPECT_EQ(nfkc("e\xCC\x81"), "\xC3\xA9");                        // e + combining acute -> é
    EXPECT_EQ(nfkc("\xEF\xAC\x81"
                   "sh"),
              "fish");  // the fi ligature
    EXPECT_EQ(nfkc("\xD1\x81"
                   "arol"),
              "\xD1\x81"
              "arol");  // a Cyrillic с stays itself
    EXPECT_EQ(nfkc("carol"), "carol");
    EXPECT_EQ(nfkc("\xFF\xFE"), "\xFF\xFE");  // invalid UTF-8 unchanged (then refused by the username rules)
}

TEST(Username, LoginNamesLongerThanAnyAccountAreNotLookedUp) {
    EXPECT_EQ(normalise_username(std::string(150, 'a')), std::string(150, 'a'));
    EXPECT_FALSE(normalise_username(std::string(151, 'a')));
    EXPECT_FALSE(normalise_username(std::string(900 * 1024, 'a')));
    EXPECT_EQ(normalise_username("\xEF\xBD\x83"
                                 "arol"),
              "carol");
}
