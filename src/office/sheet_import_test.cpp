#include "office/sheet_import.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace ngoaivu::office {
namespace {

// A module's row as read: a title to import, or its reading problems.
struct Row {
    int row = 0;
    std::string title;
    std::vector<ImportProblem> problems;
};

std::pair<std::string, std::string> Column(std::string_view field) {
    if (field == "title")
        return {"Tên", "Title"};
    return {"", ""};
}

// Imports `rows` as the modules do: a title "bad" is refused by the rules, "old" is already
// recorded (number 7), and the others are written with ids from 100.
Result<ImportReport> Import(std::vector<Row> rows, ImportMode mode,
                            std::vector<std::string>* written) {
    std::int64_t next_id = 100;
    return ImportRows<std::string>(
        rows, {}, mode, {"Hồ sơ này", "This record"}, Column, "title",
        [](const Row& r) -> Result<std::string> {
            if (r.title == "bad")
                return Error::InvalidArgument("title", "Tên sai.", "Bad title.");
            return r.title;
        },
        [](const std::string& title) {
            return ImportIdentity{title == "old" ? std::optional<std::int64_t>(7) : std::nullopt,
                                  title};
        },
        [&](std::string& title) {
            written->push_back(title);
            return next_id++;
        });
}

TEST(ImportRows, PreviewChecksEveryRowAndWritesNothing) {
    std::vector<std::string> written;
    auto report = Import({{2, "a", {}}, {3, "bad", {}}, {4, "old", {}}, {5, "a", {}}},
                         ImportMode::kPreview, &written);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->rows, 4);
    EXPECT_EQ(report->valid, 1);
    EXPECT_EQ(report->written, 0);
    EXPECT_TRUE(written.empty());
    ASSERT_EQ(report->problems.size(), 3u);
    EXPECT_EQ(report->problems[0].row, 3);
    EXPECT_EQ(report->problems[0].column, "Tên");
    EXPECT_EQ(report->problems[0].message_en, "Bad title.");
    EXPECT_EQ(report->problems[1].message_vi, "Hồ sơ này đã có trong hệ thống (số 7).");
    EXPECT_EQ(report->problems[1].message_en, "This record is already recorded (number 7).");
    EXPECT_EQ(report->problems[2].row, 5);
    EXPECT_EQ(report->problems[2].message_en, "This row repeats an earlier row of the file.");
}

TEST(ImportRows, AllOrNothingWritesNothingWhenARowHasAProblem) {
    std::vector<std::string> written;
    auto refused = Import({{2, "a", {}}, {3, "bad", {}}}, ImportMode::kAllOrNothing, &written);
    ASSERT_TRUE(refused.ok());
    EXPECT_EQ(refused->written, 0);
    EXPECT_TRUE(written.empty());
    auto accepted = Import({{2, "a", {}}, {3, "b", {}}}, ImportMode::kAllOrNothing, &written);
    ASSERT_TRUE(accepted.ok());
    EXPECT_EQ(accepted->written, 2);
    EXPECT_EQ(accepted->created_ids, (std::vector<std::int64_t>{100, 101}));
    EXPECT_EQ(written, (std::vector<std::string>{"a", "b"}));
}

TEST(ImportRows, ValidRowsWritesTheRowsWithoutProblems) {
    std::vector<std::string> written;
    ImportProblem unreadable{3, "Tên", "Title", "Trống.", "Empty."};
    auto report = Import({{2, "a", {}}, {3, "", {unreadable}}, {4, "bad", {}}},
                         ImportMode::kValidRows, &written);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->valid, 1);
    EXPECT_EQ(report->written, 1);
    EXPECT_EQ(report->problems.size(), 2u);
    EXPECT_EQ(written, (std::vector<std::string>{"a"}));
}

TEST(ImportRows, RefusesAFileWithoutRowsOrWithSheetProblems) {
    std::vector<Row> none;
    auto empty = ImportRows<std::string>(
        none, {}, ImportMode::kPreview, {"x", "x"}, Column, "title",
        [](const Row& r) -> Result<std::string> { return r.title; },
        [](const std::string& t) {
            return ImportIdentity{std::nullopt, t};
        },
        [](std::string&) { return std::int64_t{0}; });
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().field, "file");
    EXPECT_EQ(empty.error().message_en, "The file has no data rows.");

    std::vector<Row> rows = {{2, "a", {}}};
    auto missing = ImportRows<std::string>(
        rows, {{1, "Tên", "Title", "Thiếu cột.", "Missing column."}}, ImportMode::kPreview,
        {"x", "x"}, Column, "title", [](const Row& r) -> Result<std::string> { return r.title; },
        [](const std::string& t) {
            return ImportIdentity{std::nullopt, t};
        },
        [](std::string&) { return std::int64_t{0}; });
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().field, "file");
    EXPECT_EQ(missing.error().message_en, "Missing column.");
    ASSERT_EQ(missing.error().fields.size(), 2u);  // the error's own entry, then each problem
}

}  // namespace
}  // namespace ngoaivu::office
