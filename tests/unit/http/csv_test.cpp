// CSV records as RFC 4180 writes them, and spreadsheet-formula injection neutralised in text cells only.
#include <gtest/gtest.h>

#include "http/csv.hpp"

using namespace sweetshop::http;

namespace {
std::string row(const std::vector<csv::Cell>& cells) {
    std::string out;
    csv::append_row(out, cells);
    return out;
}
}  // namespace

TEST(Csv, EveryFieldIsQuotedAndQuotesAreDoubled) {
    EXPECT_EQ(row({csv::Text{"Mint"}, std::int64_t{12}, std::string("3.50")}), "\"Mint\",\"12\",\"3.50\"\r\n");
    EXPECT_EQ(row({csv::Text{"Say \"hi\", please"}}), "\"Say \"\"hi\"\", please\"\r\n");
    EXPECT_EQ(row({csv::Text{""}, std::string()}), "\"\",\"\"\r\n");
}

TEST(Csv, NewlinesAndUtf8StayInsideTheirField) {
    EXPECT_EQ(row({csv::Text{"line one\r\nline two"}, csv::Text{"Café ☕"}}), "\"line one\r\nline two\",\"Café ☕\"\r\n");
}

TEST(Csv, TextThatASpreadsheetWouldRunGetsAQuoteInFront) {
    for (const char* formula : {"=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"})
        EXPECT_EQ(row({csv::Text{formula}}), "\"'" + std::string(formula) + "\"\r\n") << formula;
    EXPECT_EQ(row({csv::Text{"=HYPERLINK(\"http://x\")"}}), "\"'=HYPERLINK(\"\"http://x\"\")\"\r\n");
    // Values the server wrote are not text people typed: a negative number stays a number.
    EXPECT_EQ(row({std::int64_t{-3}, std::string("-1.50")}), "\"-3\",\"-1.50\"\r\n");
    EXPECT_EQ(row({csv::Text{"a=b"}}), "\"a=b\"\r\n");  // only a leading sign counts
}
