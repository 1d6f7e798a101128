#include "office/xlsx_writer.hpp"

#include <cmath>
#include <filesystem>
#include <limits>
#include <stdlib.h>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "office/xlsx_reader.hpp"
#include "office/zip_archive.hpp"

namespace ngoaivu::office {
namespace {

using Kind = ReadCell::Kind;

Date D(int y, int m, int d) {
    return *Date::FromYmd(y, m, d);
}

ReadSheet MustRead(const std::string& bytes) {
    auto sheet = ReadXlsx(bytes);
    if (!sheet) {
        ADD_FAILURE() << sheet.error().message_en;
        return {};
    }
    return std::move(sheet).value();
}

// The inflated part `name` of an XLSX file.
std::string Part(const std::string& xlsx, std::string_view name) {
    auto zip = detail::ZipArchive::Open(xlsx);
    if (!zip) {
        ADD_FAILURE() << "not a zip";
        return {};
    }
    std::string out;
    EXPECT_EQ(zip->Read(name, 1u << 30, &out), detail::ZipArchive::ReadStatus::kOk) << name;
    return out;
}

void ExpectText(const ReadCell& cell, std::string_view text) {
    EXPECT_EQ(cell.kind, Kind::kText);
    EXPECT_EQ(cell.text, text);
}

void ExpectNumber(const ReadCell& cell, double number) {
    EXPECT_EQ(cell.kind, Kind::kNumber);
    EXPECT_EQ(cell.number, number);
}

void ExpectDate(const ReadCell& cell, Date date) {
    EXPECT_EQ(cell.kind, Kind::kDate);
    ASSERT_TRUE(cell.date.has_value());
    EXPECT_EQ(cell.date->ToIso(), date.ToIso());
}

Sheet Agreements() {
    Sheet sheet;
    sheet.name = "Điều ước";
    sheet.headers = {"Số hiệu", "Tên", "Ngày ký", "Số bên", "Giá trị", "Hiệu lực", "Ghi chú"};
    sheet.rows = {
        {"01/2025/ĐƯQT", "Hiệp định hợp tác Việt Nam – Lào", D(2025, 7, 1), 2, 1234.5, true,
         "Đà Nẵng"},
        {"02/2025/TTQT", "Thỏa thuận quốc tế về giáo dục", D(1999, 12, 31), std::int64_t{-3}, -0.25,
         false},
        {"03/2025", Cell(), D(2024, 2, 29), Cell(), 1e-7, Cell(), "Thừa Thiên Huế"},
    };
    return sheet;
}

TEST(XlsxRoundTrip, KeepsValuesAndTypesOfTheFirstSheet) {
    Sheet second;
    second.name = "Khác";
    second.headers = {"x"};
    second.rows = {{"không đọc"}};
    const std::string bytes = WriteXlsx({Agreements(), second});
    const ReadSheet sheet = MustRead(bytes);

    EXPECT_EQ(sheet.name, "Điều ước");
    ASSERT_EQ(sheet.rows.size(), 4u);
    ExpectText(sheet.At(0, 0), "Số hiệu");
    ExpectText(sheet.At(0, 6), "Ghi chú");

    ExpectText(sheet.At(1, 0), "01/2025/ĐƯQT");
    ExpectText(sheet.At(1, 1), "Hiệp định hợp tác Việt Nam – Lào");
    ExpectDate(sheet.At(1, 2), D(2025, 7, 1));
    ExpectNumber(sheet.At(1, 3), 2);
    ExpectNumber(sheet.At(1, 4), 1234.5);
    EXPECT_EQ(sheet.At(1, 5).kind, Kind::kBool);
    EXPECT_EQ(sheet.At(1, 5).number, 1);
    ExpectText(sheet.At(1, 6), "Đà Nẵng");

    ExpectDate(sheet.At(2, 2), D(1999, 12, 31));
    ExpectNumber(sheet.At(2, 3), -3);
    ExpectNumber(sheet.At(2, 4), -0.25);
    EXPECT_EQ(sheet.At(2, 5).kind, Kind::kBool);
    EXPECT_EQ(sheet.At(2, 5).number, 0);
    EXPECT_EQ(sheet.At(2, 6).kind, Kind::kEmpty);

    ExpectText(sheet.At(3, 0), "03/2025");
    EXPECT_EQ(sheet.At(3, 1).kind, Kind::kEmpty);
    ExpectDate(sheet.At(3, 2), D(2024, 2, 29));
    EXPECT_EQ(sheet.At(3, 3).kind, Kind::kEmpty);
    ExpectNumber(sheet.At(3, 4), 1e-7);
    EXPECT_EQ(sheet.At(3, 5).kind, Kind::kEmpty);
    ExpectText(sheet.At(3, 6), "Thừa Thiên Huế");
}

TEST(XlsxRoundTrip, KeepsDatesAtTheEdgesOfExcelsCalendar) {
    Sheet sheet;
    sheet.rows = {{D(1900, 1, 1)}, {D(1900, 2, 28)}, {D(1900, 3, 1)},
                  {D(1970, 1, 1)}, {D(2000, 2, 29)}, {D(9999, 12, 31)}};
    const ReadSheet read = MustRead(WriteXlsx({sheet}));
    ASSERT_EQ(read.rows.size(), sheet.rows.size());
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
        ExpectDate(read.At(r, 0), std::get<Date>(sheet.rows[r][0].value));
    }
    EXPECT_EQ(read.At(0, 0).number, 1);   // Excel's serial of 01/01/1900
    EXPECT_EQ(read.At(2, 0).number, 61);  // after Excel's 29/02/1900
    EXPECT_EQ(read.At(3, 0).number, 25569);
}

TEST(XlsxWriter, WritesDatesBefore1900AsText) {
    const ReadSheet read = MustRead(WriteXlsx({Sheet{"s", {}, {}, {{D(1899, 12, 31)}}}}));
    ExpectText(read.At(0, 0), "31/12/1899");
}

TEST(XlsxWriter, WritesIntegersBeyondTheExactRangeOfADoubleAsText) {
    const std::int64_t big = (std::int64_t{1} << 53) + 1;
    const ReadSheet read =
        MustRead(WriteXlsx({Sheet{"s", {}, {}, {{big, std::int64_t{1} << 53}}}}));
    ExpectText(read.At(0, 0), "9007199254740993");
    ExpectNumber(read.At(0, 1), 9007199254740992.0);
}

TEST(XlsxWriter, WritesNonFiniteNumbersAsEmptyCells) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const ReadSheet read = MustRead(WriteXlsx({Sheet{"s", {}, {}, {{nan, inf, -inf, 1.0}}}}));
    EXPECT_EQ(read.At(0, 0).kind, Kind::kEmpty);
    EXPECT_EQ(read.At(0, 1).kind, Kind::kEmpty);
    EXPECT_EQ(read.At(0, 2).kind, Kind::kEmpty);
    ExpectNumber(read.At(0, 3), 1);
}

TEST(XlsxWriter, CutsLongTextAt32767Utf16UnitsOnACharacterBoundary) {
    std::string vietnamese;
    for (int i = 0; i < 40000; ++i) {
        vietnamese += "ả";
    }
    // An emoji takes two UTF-16 units and would end at unit 32768: it is left out whole.
    const std::string emoji = std::string(32766, 'a') + "\xF0\x9F\x98\x80";
    const std::string exact(32767, 'b');
    const ReadSheet read = MustRead(WriteXlsx({Sheet{"s", {}, {}, {{vietnamese, emoji, exact}}}}));
    std::string expected;
    for (int i = 0; i < 32767; ++i) {
        expected += "ả";
    }
    ExpectText(read.At(0, 0), expected);
    ExpectText(read.At(0, 1), std::string(32766, 'a'));
    ExpectText(read.At(0, 2), exact);
}

TEST(XlsxWriter, ReplacesInvalidUtf8AndKeepsControlCharactersAndEscapeLookalikes) {
    const ReadSheet read = MustRead(WriteXlsx(
        {Sheet{"s", {}, {}, {{"a\xC3(b", "tab\there\nline\x01", "_x0041_ and _x005F_", " x "}}}}));
    ExpectText(read.At(0, 0), "a\xEF\xBF\xBD(b");
    ExpectText(read.At(0, 1), "tab\there\nline\x01");
    ExpectText(read.At(0, 2), "_x0041_ and _x005F_");
    ExpectText(read.At(0, 3), " x ");
}

TEST(XlsxWriter, SanitisesSheetNamesAndMakesThemUnique) {
    std::vector<Sheet> sheets(7);
    sheets[0].name = "Điều ước [2025]: a/b*c?d\\e";
    sheets[1].name = "Một tên rất dài vượt quá ba mươi mốt ký tự cho phép";
    sheets[2].name = "tờ 1";
    sheets[3].name = "TỜ 1";  // the same name to Excel, which ignores case
    sheets[4].name = "'quoted'";
    sheets[5].name = "";
    sheets[6].name = "Một tên rất dài vượt quá ba mươi mốt ký tự cho phép";
    const std::string workbook = Part(WriteXlsx(sheets), "xl/workbook.xml");
    EXPECT_NE(workbook.find("name=\"Điều ước _2025__ a_b_c_d_e\""), std::string::npos);
    EXPECT_NE(workbook.find("name=\"Một tên rất dài vượt quá ba mươ\""), std::string::npos);
    EXPECT_NE(workbook.find("name=\"tờ 1\""), std::string::npos);
    EXPECT_NE(workbook.find("name=\"TỜ 1 (2)\""), std::string::npos);
    EXPECT_NE(workbook.find("name=\"quoted\""), std::string::npos);
    EXPECT_NE(workbook.find("name=\"Sheet6\""), std::string::npos);
    EXPECT_NE(workbook.find("name=\"Một tên rất dài vượt quá ba (2)\""), std::string::npos)
        << workbook;
}

TEST(XlsxWriter, MakesABoldFrozenFilteredHeaderAndDdMmYyyyDates) {
    const std::string bytes = WriteXlsx({Agreements()});
    const std::string sheet = Part(bytes, "xl/worksheets/sheet1.xml");
    EXPECT_NE(sheet.find("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" "
                         "state=\"frozen\"/>"),
              std::string::npos)
        << sheet;
    EXPECT_NE(sheet.find("<autoFilter ref=\"A1:G4\"/>"), std::string::npos);
    EXPECT_NE(sheet.find("<col "), std::string::npos);  // column widths
    const std::string styles = Part(bytes, "xl/styles.xml");
    EXPECT_NE(styles.find("<b/>"), std::string::npos);
    EXPECT_NE(styles.find("formatCode=\"dd/mm/yyyy\""), std::string::npos);
    const std::string core = Part(bytes, "docProps/core.xml");
    EXPECT_NE(core.find("<dc:title>Ngoaivu</dc:title>"), std::string::npos);
    EXPECT_NE(core.find("<dc:creator>Ngoaivu</dc:creator>"), std::string::npos);
}

TEST(XlsxWriter, WritesAnEmptyWorkbookAsOneEmptySheet) {
    const ReadSheet read = MustRead(WriteXlsx({}));
    EXPECT_EQ(read.name, "Sheet1");
    EXPECT_TRUE(read.rows.empty());
}

TEST(XlsxWriter, RejectsMoreColumnsThanExcelAllowsAsABug) {
    Sheet sheet;
    sheet.rows = {std::vector<Cell>(kMaxXlsxColumns + 1)};
    EXPECT_THROW(WriteXlsx({sheet}), std::invalid_argument);
}

TEST(XlsxWriter, WritesFromManyThreadsAtOnce) {
    constexpr int kThreads = 8;
    std::vector<std::string> results(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([t, &results] {
            Sheet sheet = Agreements();
            sheet.rows.push_back({"luồng", t});
            results[static_cast<std::size_t>(t)] = WriteXlsx({sheet});
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    for (int t = 0; t < kThreads; ++t) {
        const ReadSheet read = MustRead(results[static_cast<std::size_t>(t)]);
        ASSERT_EQ(read.rows.size(), 5u);
        ExpectNumber(read.At(4, 1), t);
    }
}

TEST(XlsxWriter, LeavesNoTemporaryFileBehind) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("ngoaivu-xlsx-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const char* old = std::getenv("TMPDIR");
    const std::string saved = old != nullptr ? old : "";
    ::setenv("TMPDIR", dir.c_str(), 1);
    const std::string bytes = WriteXlsx({Agreements()});
    const bool empty = std::filesystem::is_empty(dir);
    if (old != nullptr) {
        ::setenv("TMPDIR", saved.c_str(), 1);
    } else {
        ::unsetenv("TMPDIR");
    }
    std::filesystem::remove_all(dir);
    EXPECT_FALSE(bytes.empty());
    EXPECT_TRUE(empty);
}

}  // namespace
}  // namespace ngoaivu::office
