// storage::sqlite::RewritePlaceholders: PostgreSQL's $N to SQLite's ?N, outside literals,
// quoted identifiers and comments.

#include <string>

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_database.hpp"
#include "support/database_test.hpp"

namespace ngoaivu::testing {
namespace {

using storage::sqlite::RewritePlaceholders;

TEST(RewritePlaceholders, TurnsDollarNumbersIntoQuestionNumbers) {
    EXPECT_EQ(RewritePlaceholders("SELECT * FROM t WHERE a = $1 AND b = $2"),
              "SELECT * FROM t WHERE a = ?1 AND b = ?2");
}

TEST(RewritePlaceholders, KeepsEveryDigitOfALongNumber) {
    EXPECT_EQ(RewritePlaceholders("VALUES ($1, $10, $123)"), "VALUES (?1, ?10, ?123)");
}

TEST(RewritePlaceholders, HandlesAPlaceholderAtTheVeryEnd) {
    EXPECT_EQ(RewritePlaceholders("LIMIT $3"), "LIMIT ?3");
}

TEST(RewritePlaceholders, LeavesAStringLiteralUntouched) {
    EXPECT_EQ(RewritePlaceholders("SELECT '$1', $1"), "SELECT '$1', ?1");
}

TEST(RewritePlaceholders, LeavesALiteralWithAnEscapedQuoteUntouched) {
    EXPECT_EQ(RewritePlaceholders("SELECT 'it''s $1', $2"), "SELECT 'it''s $1', ?2");
}

TEST(RewritePlaceholders, LeavesAQuotedIdentifierUntouched) {
    EXPECT_EQ(RewritePlaceholders("SELECT \"col$1\" FROM t WHERE x = $1"),
              "SELECT \"col$1\" FROM t WHERE x = ?1");
}

TEST(RewritePlaceholders, LeavesALineCommentUntouched) {
    EXPECT_EQ(RewritePlaceholders("SELECT $1 -- $1\nFROM t WHERE y = $2"),
              "SELECT ?1 -- $1\nFROM t WHERE y = ?2");
}

TEST(RewritePlaceholders, LeavesACommentOnTheLastLineUntouched) {
    EXPECT_EQ(RewritePlaceholders("SELECT $1 -- and $2"), "SELECT ?1 -- and $2");
}

TEST(RewritePlaceholders, LeavesAnApostropheInALineCommentAlone) {
    EXPECT_EQ(RewritePlaceholders("-- don't\nSELECT $1"), "-- don't\nSELECT ?1");
}

TEST(RewritePlaceholders, LeavesADollarWithoutDigitsAlone) {
    EXPECT_EQ(RewritePlaceholders("SELECT $a, 5$, $"), "SELECT $a, 5$, $");
}

TEST(RewritePlaceholders, LeavesAnUnterminatedLiteralAsItIs) {
    EXPECT_EQ(RewritePlaceholders("SELECT 'open $1"), "SELECT 'open $1");
}

TEST(RewritePlaceholders, LeavesSqlWithoutPlaceholdersAsItIs) {
    EXPECT_EQ(RewritePlaceholders(""), "");
    EXPECT_EQ(RewritePlaceholders("SELECT 1"), "SELECT 1");
}

// Regression: block comments were not recognised, so an apostrophe in one (an ordinary English
// comment) opened a "literal" that swallowed every placeholder after the comment.
TEST(RewritePlaceholders, RewritesPlaceholdersAfterABlockCommentWithAnApostrophe) {
    EXPECT_EQ(RewritePlaceholders("/* don't */ SELECT $1"), "/* don't */ SELECT ?1");
}

TEST(RewritePlaceholders, LeavesABlockCommentUntouched) {
    EXPECT_EQ(RewritePlaceholders("SELECT /* $9 */ $1"), "SELECT /* $9 */ ?1");
    EXPECT_EQ(RewritePlaceholders("SELECT $1 /* open"), "SELECT ?1 /* open");
}

using Placeholders = DatabaseTest;

TEST_F(Placeholders, BindByNumberNotByPosition) {
    auto tx = db().Begin(storage::TxMode::kRead);
    auto row = tx->QueryOne("SELECT $2, $1, $2", {"first", "second"});
    ASSERT_TRUE(row);
    EXPECT_EQ(row->Text(0), "second");
    EXPECT_EQ(row->Text(1), "first");
    EXPECT_EQ(row->Text(2), "second");
}

TEST_F(Placeholders, AreNotBoundInsideALiteral) {
    auto tx = db().Begin(storage::TxMode::kRead);
    auto row = tx->QueryOne("SELECT '$1', $1", {"bound"});
    ASSERT_TRUE(row);
    EXPECT_EQ(row->Text(0), "$1");
    EXPECT_EQ(row->Text(1), "bound");
}

// Regression, same cause: SQLite then read "$2" and "$1" as *named* parameters numbered by first
// appearance, so the values were silently swapped.
TEST_F(Placeholders, BindByNumberAfterABlockCommentWithAnApostrophe) {
    auto tx = db().Begin(storage::TxMode::kRead);
    auto row = tx->QueryOne("/* the caller's query */ SELECT $2, $1", {"first", "second"});
    ASSERT_TRUE(row);
    EXPECT_EQ(row->Text(0), "second");
    EXPECT_EQ(row->Text(1), "first");
}

}  // namespace
}  // namespace ngoaivu::testing
