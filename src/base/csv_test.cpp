#include "base/csv.hpp"

#include <gtest/gtest.h>

namespace ngoaivu::csv {
namespace {

TEST(CsvParse, ReadsQuotedFieldsWithCommasQuotesAndNewlines) {
    auto r = Parse("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"line1\nline2\",z\n");
    ASSERT_TRUE(r.has_value());
    ASSERT_EQ(r->size(), 3u);
    EXPECT_EQ((*r)[1][0], "x, y");
    EXPECT_EQ((*r)[1][1], "say \"hi\"");
    EXPECT_EQ((*r)[2][0], "line1\nline2");
}

TEST(CsvParse, SkipsBomAndAcceptsCrlfAndMissingFinalNewline) {
    auto r = Parse("\xEF\xBB\xBFmã,tên\r\n01,Hà Nội");
    ASSERT_TRUE(r.has_value());
    ASSERT_EQ(r->size(), 2u);
    EXPECT_EQ((*r)[0][0], "mã");
    EXPECT_EQ((*r)[1][1], "Hà Nội");
}

TEST(CsvParse, KeepsEmptyFields) {
    auto r = Parse("a,,c\n,,\n");
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ((*r)[0], (Record{"a", "", "c"}));
    EXPECT_EQ((*r)[1], (Record{"", "", ""}));
}

TEST(CsvParse, RejectsUnterminatedQuoteNamingTheLine) {
    std::string error;
    EXPECT_FALSE(Parse("a,b\n\"open,c\n", &error).has_value());
    EXPECT_NE(error.find("unterminated"), std::string::npos);
}

TEST(CsvParse, RejectsQuoteInsideUnquotedField) {
    std::string error;
    EXPECT_FALSE(Parse("ab\"c,d\n", &error).has_value());
    EXPECT_EQ(error, "line 1: quote inside an unquoted field");
}

TEST(CsvEscape, QuotesOnlyWhenNeeded) {
    EXPECT_EQ(Escape("Hà Nội"), "Hà Nội");
    EXPECT_EQ(Escape("a,b"), "\"a,b\"");
    EXPECT_EQ(Escape("say \"hi\""), "\"say \"\"hi\"\"\"");
}

TEST(CsvEscape, RoundTripsThroughParse) {
    std::string field = "x,\"y\"\nz";
    auto r = Parse(Escape(field) + "\n");
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ((*r)[0][0], field);
}

}  // namespace
}  // namespace ngoaivu::csv
