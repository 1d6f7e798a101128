#include "office/xlsx_reader.hpp"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "office/test_zip.hpp"
#include "office/xlsx_writer.hpp"

namespace ngoaivu::office {
namespace {

using Kind = ReadCell::Kind;
using testing::ZipBuilder;

constexpr std::string_view kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>)"
    R"(</Types>)";
constexpr std::string_view kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>)"
    R"(</Relationships>)";
constexpr std::string_view kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?>)"
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
    R"(<sheets><sheet name="Dữ liệu" sheetId="1" r:id="rId1"/></sheets></workbook>)";
constexpr std::string_view kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)"
    R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(</Relationships>)";
constexpr std::string_view kSheetHead =
    R"(<?xml version="1.0" encoding="UTF-8"?>)"
    R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)";
constexpr std::string_view kSheetTail = "</sheetData></worksheet>";
constexpr std::string_view kNoStrings =
    R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>)";
constexpr std::string_view kNoStyles =
    R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>)";

// The parts of a small workbook that a test may replace.
struct Package {
    std::string workbook{kWorkbook};
    std::string workbook_rels{kWorkbookRels};
    std::string sheet_path = "xl/worksheets/sheet1.xml";
    std::string sheet_data;  // the content of <sheetData>
    std::string shared_strings{kNoStrings};
    std::string styles{kNoStyles};

    std::string Build() const {
        ZipBuilder zip;
        zip.Add("[Content_Types].xml", kContentTypes)
            .Add("_rels/.rels", kRootRels)
            .Add("xl/workbook.xml", workbook)
            .Add("xl/_rels/workbook.xml.rels", workbook_rels)
            .Add(sheet_path, std::string(kSheetHead) + sheet_data + std::string(kSheetTail))
            .Add("xl/sharedStrings.xml", shared_strings)
            .Add("xl/styles.xml", styles);
        return zip.Finish();
    }
};

ReadSheet MustRead(const std::string& bytes, const ReadLimits& limits = {}) {
    auto sheet = ReadXlsx(bytes, limits);
    if (!sheet) {
        ADD_FAILURE() << sheet.error().message_en;
        return {};
    }
    return std::move(sheet).value();
}

// Expects a kInvalidArgument error on "file" in both languages whose English message has `en`.
void ExpectFileError(const Result<ReadSheet>& result, std::string_view en) {
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(result.error().field, "file");
    EXPECT_FALSE(result.error().message_vi.empty());
    EXPECT_NE(result.error().message_en.find(en), std::string::npos) << result.error().message_en;
}

TEST(XlsxReader, ReadsSharedRichInlineFormulaBoolErrorAndIsoDateCells) {
    Package p;
    p.shared_strings =
        R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
        R"(<si><t>Hà Nội</t></si>)"
        R"(<si><r><rPr><b/></rPr><t>Đà </t></r><r><t xml:space="preserve">Nẵng</t></r>)"
        R"(<rPh sb="0" eb="1"><t>ignored</t></rPh></si>)"
        R"(<si><t xml:space="preserve">  </t></si>)"
        R"(</sst>)";
    p.sheet_data =
        R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>)"
        R"(<c r="C1" t="inlineStr"><is><t>Huế &amp; Hội An</t></is></c>)"
        R"(<c r="D1" t="str"><f>A1&amp;""</f><v>kết quả</v></c>)"
        R"(<c r="E1" t="b"><v>1</v></c><c r="F1" t="e"><v>#N/A</v></c>)"
        R"(<c r="G1" t="d"><v>2025-07-01T00:00:00</v></c><c r="H1" t="s"><v>2</v></c></row>)";
    const ReadSheet sheet = MustRead(p.Build());
    EXPECT_EQ(sheet.name, "Dữ liệu");
    ASSERT_EQ(sheet.rows.size(), 1u);
    EXPECT_EQ(sheet.At(0, 0).text, "Hà Nội");
    EXPECT_EQ(sheet.At(0, 1).text, "Đà Nẵng");
    EXPECT_EQ(sheet.At(0, 2).kind, Kind::kText);
    EXPECT_EQ(sheet.At(0, 2).text, "Huế & Hội An");
    EXPECT_EQ(sheet.At(0, 3).text, "kết quả");
    EXPECT_EQ(sheet.At(0, 4).kind, Kind::kBool);
    EXPECT_EQ(sheet.At(0, 4).number, 1);
    EXPECT_EQ(sheet.At(0, 5).kind, Kind::kError);
    EXPECT_EQ(sheet.At(0, 5).text, "#N/A");
    EXPECT_EQ(sheet.At(0, 6).kind, Kind::kDate);
    EXPECT_EQ(sheet.At(0, 6).date->ToIso(), "2025-07-01");
    EXPECT_EQ(sheet.At(0, 6).number, 45839);
    EXPECT_EQ(sheet.At(0, 7).text, "  ");
}

TEST(XlsxReader, KeepsExcelRowNumbersAcrossGapsAndCellsWithoutReferences) {
    Package p;
    p.sheet_data =
        R"(<row r="2"><c r="B2"><v>1</v></c><c r="D2"><v>2</v></c></row>)"
        R"(<row r="5" s="1" customFormat="1"><c r="A5" s="1"/></row>)"  // style only: no value
        R"(<row r="6"><c><v>3</v></c><c><v>4</v></c><c r="AB6"><v>5</v></c><c><v>6</v></c></row>)"
        R"(<row><c r="a7"><v>7</v></c></row>)"
        R"(<row r="9"><c r="XFD9" s="1"/></row>)";  // an empty styled cell far away: ignored
    const ReadSheet sheet = MustRead(p.Build());
    ASSERT_EQ(sheet.rows.size(), 7u);
    EXPECT_TRUE(sheet.rows[0].empty());
    ASSERT_EQ(sheet.rows[1].size(), 4u);
    EXPECT_EQ(sheet.At(1, 0).kind, Kind::kEmpty);
    EXPECT_EQ(sheet.At(1, 1).number, 1);
    EXPECT_EQ(sheet.At(1, 2).kind, Kind::kEmpty);
    EXPECT_EQ(sheet.At(1, 3).number, 2);
    EXPECT_TRUE(sheet.rows[2].empty());
    EXPECT_TRUE(sheet.rows[4].empty());
    EXPECT_EQ(sheet.At(5, 0).number, 3);
    EXPECT_EQ(sheet.At(5, 1).number, 4);
    EXPECT_EQ(sheet.At(5, 27).number, 5);  // AB = column 28
    EXPECT_EQ(sheet.At(5, 28).number, 6);
    EXPECT_EQ(sheet.At(6, 0).number, 7);  // the row after row 6
    EXPECT_EQ(sheet.At(99, 99).kind, Kind::kEmpty);
}

TEST(XlsxReader, TellsDatesByTheirNumberFormat) {
    Package p;
    p.styles = R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
               R"(<numFmts count="5">)"
               R"(<numFmt numFmtId="164" formatCode="[$-42A]dd/mm/yyyy"/>)"
               R"(<numFmt numFmtId="165" formatCode="0.00&quot; ngày&quot;"/>)"
               R"(<numFmt numFmtId="166" formatCode="[Red]#,##0;[Blue]\-#,##0"/>)"
               R"(<numFmt numFmtId="167" formatCode="YYYY\-MM\-DD HH:MM"/>)"
               R"(<numFmt numFmtId="168" formatCode="#,##0_m;&quot;dd&quot;@"/>)"
               R"(</numFmts><cellXfs count="8">)"
               R"(<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/><xf numFmtId="164"/>)"
               R"(<xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="168"/>)"
               R"(<xf numFmtId="4"/></cellXfs></styleSheet>)";
    p.sheet_data =
        R"(<row r="1"><c s="0"><v>45839</v></c><c s="1"><v>45839</v></c>)"
        R"(<c s="2"><v>45839.75</v></c><c s="3"><v>45839</v></c><c s="4"><v>45839</v></c>)"
        R"(<c s="5"><v>45839</v></c><c s="6"><v>45839.5</v></c><c s="7"><v>45839</v></c>)"
        R"(<c s="8"><v>45839</v></c><c s="99"><v>45839</v></c></row>)";
    const ReadSheet sheet = MustRead(p.Build());
    const std::vector<Kind> expected = {Kind::kNumber, Kind::kDate,   Kind::kDate, Kind::kDate,
                                        Kind::kNumber, Kind::kNumber, Kind::kDate, Kind::kNumber,
                                        Kind::kNumber, Kind::kNumber};
    ASSERT_EQ(sheet.rows.at(0).size(), expected.size());
    for (std::size_t c = 0; c < expected.size(); ++c) {
        EXPECT_EQ(sheet.At(0, c).kind, expected[c]) << "column " << c;
        if (expected[c] == Kind::kDate) {
            ASSERT_TRUE(sheet.At(0, c).date.has_value());
            EXPECT_EQ(sheet.At(0, c).date->ToIso(), "2025-07-01");
        }
    }
    EXPECT_EQ(sheet.At(0, 2).number, 45839.75);  // the time stays in the number
}

TEST(XlsxReader, ReadsThe1904DateSystemAndExcels1900Serials) {
    Package p;
    p.styles = R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
               R"(<cellXfs count="1"><xf numFmtId="14"/></cellXfs></styleSheet>)";
    p.sheet_data = R"(<row r="1"><c s="0"><v>0</v></c><c s="0"><v>44377</v></c></row>)";
    p.workbook = std::string(kWorkbook).replace(std::string(kWorkbook).find("<sheets>"), 8,
                                                R"(<workbookPr date1904="1"/><sheets>)");
    const ReadSheet s1904 = MustRead(p.Build());
    EXPECT_EQ(s1904.At(0, 0).date->ToIso(), "1904-01-01");
    EXPECT_EQ(s1904.At(0, 1).date->ToIso(), "2025-07-01");

    p.workbook = kWorkbook;
    p.sheet_data = R"(<row r="1"><c s="0"><v>1</v></c><c s="0"><v>59</v></c><c s="0"><v>61</v></c>)"
                   R"(<c s="0"><v>0.5</v></c><c s="0"><v>2958466</v></c></row>)";
    const ReadSheet s1900 = MustRead(p.Build());
    EXPECT_EQ(s1900.At(0, 0).date->ToIso(), "1900-01-01");
    EXPECT_EQ(s1900.At(0, 1).date->ToIso(), "1900-02-28");
    EXPECT_EQ(s1900.At(0, 2).date->ToIso(), "1900-03-01");
    EXPECT_EQ(s1900.At(0, 3).kind, Kind::kDate);  // a time of day: no calendar day
    EXPECT_FALSE(s1900.At(0, 3).date.has_value());
    EXPECT_FALSE(s1900.At(0, 4).date.has_value());  // after 31/12/9999
}

TEST(XlsxReader, FollowsTheRelationshipsToTheFirstWorksheetInTabOrder) {
    Package p;
    p.workbook =
        R"(<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
        R"(xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
        R"(<x:sheets><x:sheet name="Biểu đồ" sheetId="3" rel:id="rId9"/>)"
        R"(<x:sheet name="Thứ nhất" sheetId="2" rel:id="rId7"/>)"
        R"(<x:sheet name="Thứ hai" sheetId="1" rel:id="rId1"/></x:sheets></x:workbook>)";
    p.workbook_rels =
        R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
        R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
        R"(<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/data/../data/first.xml"/>)"
        R"(<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/>)"
        R"(</Relationships>)";
    p.sheet_path = "xl/data/first.xml";
    p.sheet_data = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>đúng</t></is></c></row>)";
    const ReadSheet sheet = MustRead(p.Build());
    EXPECT_EQ(sheet.name, "Thứ nhất");
    EXPECT_EQ(sheet.At(0, 0).text, "đúng");
}

TEST(XlsxReader, AcceptsPrefixedElementsInTheWorksheet) {
    std::string bytes;
    {
        ZipBuilder zip;
        zip.Add("_rels/.rels", kRootRels)
            .Add("xl/workbook.xml", kWorkbook)
            .Add("xl/_rels/workbook.xml.rels", kWorkbookRels)
            .Add(
                "xl/worksheets/sheet1.xml",
                R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
                R"(<x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>có tiền tố</x:t>)"
                R"(</x:is></x:c><x:c r="B1"><x:v>2.5</x:v></x:c></x:row></x:sheetData></x:worksheet>)");
        bytes = zip.Finish();
    }
    const ReadSheet sheet = MustRead(bytes);
    EXPECT_EQ(sheet.At(0, 0).text, "có tiền tố");
    EXPECT_EQ(sheet.At(0, 1).number, 2.5);
}

TEST(XlsxReader, DecodesEscapedCharactersAndRepairsInvalidUtf8) {
    Package p;
    p.sheet_data =
        R"(<row r="1"><c t="inlineStr"><is><t>a_x000D_b_x005F_x0041_ _xD83D__xDE00_</t></is></c>)"
        "<c t=\"inlineStr\"><is><t>bad \xC3 byte</t></is></c></row>";
    const ReadSheet sheet = MustRead(p.Build());
    EXPECT_EQ(sheet.At(0, 0).text, "a\rb_x0041_ \xF0\x9F\x98\x80");
    EXPECT_EQ(sheet.At(0, 1).text, "bad \xEF\xBF\xBD byte");
}

TEST(XlsxReader, RejectsEmptyRandomAndTruncatedInput) {
    ExpectFileError(ReadXlsx(""), "not an Excel workbook");
    std::mt19937 rng(42);
    std::string random(4096, '\0');
    for (char& c : random) {
        c = static_cast<char>(rng());
    }
    ExpectFileError(ReadXlsx(random), "not an Excel workbook");
    ExpectFileError(ReadXlsx("PK\x03\x04" + random), "not an Excel workbook");

    const std::string good = WriteXlsx({Sheet{"s", {"a"}, {}, {{"b"}}}});
    ASSERT_TRUE(ReadXlsx(good).ok());
    ExpectFileError(ReadXlsx(std::string_view(good).substr(0, good.size() / 2)),
                    "not an Excel workbook");
    // Without its end-of-central-directory record (the last 22 bytes).
    ExpectFileError(ReadXlsx(std::string_view(good).substr(0, good.size() - 22)),
                    "not an Excel workbook");
}

TEST(XlsxReader, RejectsAZipWithoutAWorkbook) {
    ZipBuilder zip;
    zip.Add("word/document.xml", "<document/>").Add("readme.txt", "xin chào");
    ExpectFileError(ReadXlsx(zip.Finish()), "not an Excel workbook");
}

TEST(XlsxReader, SaysWhenTheFileIsAnOldXlsOrPasswordProtected) {
    std::string ole = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    ole.resize(4096, '\0');
    ExpectFileError(ReadXlsx(ole), "old Excel workbook (.xls)");
}

TEST(XlsxReader, RejectsDamagedPartsAndBrokenXml) {
    Package broken_xml;
    broken_xml.sheet_data = R"(<row r="1"><c><v>1</v></row>)";
    ExpectFileError(ReadXlsx(broken_xml.Build()), "damaged");

    Package bad_string;
    bad_string.sheet_data = R"(<row r="1"><c t="s"><v>7</v></c></row>)";
    ExpectFileError(ReadXlsx(bad_string.Build()), "damaged");

    Package bad_ref;
    bad_ref.sheet_data = R"(<row r="1"><c r="ABCD1"><v>1</v></c></row>)";
    ExpectFileError(ReadXlsx(bad_ref.Build()), "damaged");

    Package missing_sheet;
    missing_sheet.sheet_path = "xl/worksheets/other.xml";
    ExpectFileError(ReadXlsx(missing_sheet.Build()), "damaged");

    Package no_sheets;
    no_sheets.workbook =
        R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>)";
    ExpectFileError(ReadXlsx(no_sheets.Build()), "no worksheet");

    // A flipped byte in the compressed sheet: inflating fails or the CRC does not match.
    Package good;
    good.sheet_data = R"(<row r="1"><c t="inlineStr"><is><t>)" + std::string(5000, 'x') +
                      R"(</t></is></c></row>)";
    std::string bytes = good.Build();
    const auto at = bytes.find("xl/worksheets/sheet1.xml");
    ASSERT_NE(at, std::string::npos);
    bytes[at + 24 + 40] = static_cast<char>(bytes[at + 24 + 40] ^ 0x55);
    ExpectFileError(ReadXlsx(bytes), "damaged");
}

TEST(XlsxReader, StopsAZipBombBeforeInflatingIt) {
    // 200 MiB of one repeated row, deflated to a few hundred kilobytes.
    const std::string row = R"(<row><c t="inlineStr"><is><t>bom</t></is></c></row>)";
    const std::string chunk = [&] {
        std::string c;
        while (c.size() < (1u << 20)) {
            c += row;
        }
        return c;
    }();
    ZipBuilder zip;
    zip.Add("_rels/.rels", kRootRels)
        .Add("xl/workbook.xml", kWorkbook)
        .Add("xl/_rels/workbook.xml.rels", kWorkbookRels)
        .AddRepeated("xl/worksheets/sheet1.xml", kSheetHead, chunk, 200, kSheetTail, 1);
    const std::string bomb = zip.Finish();
    EXPECT_LT(bomb.size(), 4u << 20);

    ReadLimits limits;
    limits.max_uncompressed_bytes = 8u << 20;
    ExpectFileError(ReadXlsx(bomb, limits), "too large");
    // The default limit (100 MiB) stops it too.
    ExpectFileError(ReadXlsx(bomb), "exceeds 100 MiB");
}

TEST(XlsxReader, CountsWhatIsInflatedNotWhatTheArchiveDeclares) {
    // The sheet declares 100 bytes but holds 3 MiB: reading stops at the declared size, and the
    // content does not match its CRC.
    std::string sheet = std::string(kSheetHead);
    while (sheet.size() < (3u << 20)) {
        sheet += R"(<row><c><v>1</v></c></row>)";
    }
    sheet += kSheetTail;
    ZipBuilder zip;
    zip.Add("_rels/.rels", kRootRels)
        .Add("xl/workbook.xml", kWorkbook)
        .Add("xl/_rels/workbook.xml.rels", kWorkbookRels)
        .AddLying("xl/worksheets/sheet1.xml", sheet, 100);
    const auto result = ReadXlsx(zip.Finish());
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().field, "file");

    // Parts that each fit but together exceed the limit.
    Package p;
    p.shared_strings =
        R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)" +
        std::string(600 * 1024, ' ') + "</sst>";
    p.sheet_data = std::string(600 * 1024, ' ');
    ReadLimits limits;
    limits.max_uncompressed_bytes = 1u << 20;
    ExpectFileError(ReadXlsx(p.Build(), limits), "exceeds 1 MiB");
}

TEST(XlsxReader, RejectsValuesBeyondTheRowAndColumnLimits) {
    ReadLimits limits;
    limits.max_rows = 3;
    limits.max_columns = 2;

    Package fits;
    fits.sheet_data =
        R"(<row r="1"><c><v>1</v></c><c><v>2</v></c></row><row r="3"><c r="B3"><v>3</v></c>)"
        R"(<c r="Z3" s="1"/></row><row r="900"><c r="A900" s="1"/></row>)";
    EXPECT_TRUE(ReadXlsx(fits.Build(), limits).ok());

    Package rows;
    rows.sheet_data = R"(<row r="1"><c><v>1</v></c></row><row r="4"><c><v>1</v></c></row>)";
    ExpectFileError(ReadXlsx(rows.Build(), limits), "at most 3 rows");

    Package far_row;
    far_row.sheet_data = R"(<row r="1048576"><c><v>1</v></c></row>)";
    ExpectFileError(ReadXlsx(far_row.Build(), limits), "too many rows");

    Package columns;
    columns.sheet_data = R"(<row r="1"><c r="C1"><v>1</v></c></row>)";
    ExpectFileError(ReadXlsx(columns.Build(), limits), "at most 2 columns");

    // Rows written by WriteXlsx count with their header.
    Sheet sheet;
    sheet.headers = {"a"};
    sheet.rows = {{1}, {2}, {3}};
    ExpectFileError(ReadXlsx(WriteXlsx({sheet}), limits), "too many rows");
}

TEST(XlsxReader, NamesTheLimitsInBothLanguages) {
    ReadLimits limits;
    limits.max_rows = 100000;
    Package rows;
    rows.sheet_data = R"(<row r="100001"><c><v>1</v></c></row>)";
    const auto result = ReadXlsx(rows.Build(), limits);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message_vi.find("100.000 dòng"), std::string::npos)
        << result.error().message_vi;
    EXPECT_NE(result.error().message_en.find("100,000 rows"), std::string::npos)
        << result.error().message_en;
}

}  // namespace
}  // namespace ngoaivu::office
