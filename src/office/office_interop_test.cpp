// Interoperability with real office software: LibreOffice (soffice, headless) opens what
// WriteXlsx and WriteDocx write, and ReadXlsx reads what LibreOffice writes. soffice is installed
// by scripts/setup.sh, so a missing soffice fails these tests rather than skipping them.

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdlib.h>
#include <string>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include "office/docx_writer.hpp"
#include "office/xlsx_reader.hpp"
#include "office/xlsx_writer.hpp"

namespace ngoaivu::office {
namespace {

namespace fs = std::filesystem;
using Kind = ReadCell::Kind;

// Most seconds one soffice conversion may take before it counts as hung.
constexpr int kSofficeTimeoutSeconds = 120;

// A fresh directory, removed with everything in it at the end of the test.
class TempDir {
 public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "ngoaivu-office-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed");
        }
        path_ = pattern;
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    const fs::path& path() const { return path_; }

 private:
    fs::path path_;
};

void WriteFile(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    ASSERT_TRUE(out.good()) << path;
}

std::string ReadFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool HaveSoffice() {
    return std::system("command -v soffice >/dev/null 2>&1") == 0;
}

// Converts `input` with soffice into `dir`, with its own profile (UserInstallation) and HOME in
// `dir`, so that it never touches the user's and may run beside other conversions. Returns the
// path of the converted file ("<stem>.<extension>" in `dir`/out), or "" on failure.
fs::path Convert(const fs::path& dir, const fs::path& input, const std::string& filter,
                 const std::string& extension) {
    const fs::path out = dir / "out";
    fs::create_directories(out);
    const std::string command =
        "cd '" + dir.string() + "' && HOME='" + dir.string() + "' timeout " +
        std::to_string(kSofficeTimeoutSeconds) +
        " soffice --headless --norestore --nolockcheck '-env:UserInstallation=file://" +
        (dir / "lo").string() + "' --convert-to '" + filter + "' --outdir '" + out.string() +
        "' '" + input.string() + "' > '" + (dir / "soffice.log").string() + "' 2>&1";
    const int status = std::system(command.c_str());
    const fs::path result = out / (input.stem().string() + "." + extension);
    if (status != 0 || !fs::exists(result)) {
        ADD_FAILURE() << "soffice failed (status " << status << "): " << command << "\n"
                      << ReadFile(dir / "soffice.log");
        return {};
    }
    return result;
}

Date D(int y, int m, int d) {
    return *Date::FromYmd(y, m, d);
}

TEST(LibreOfficeInterop, OpensOurWorkbookWithDatesAsDdMmYyyyAndVietnameseIntact) {
    ASSERT_TRUE(HaveSoffice()) << "soffice is missing: run scripts/setup.sh "
                                  "(libreoffice-calc-nogui)";
    TempDir dir;
    Sheet sheet;
    sheet.name = "Điều ước";
    sheet.headers = {"Số hiệu", "Tên", "Ngày ký", "Số bên", "Giá trị", "Hiệu lực"};
    sheet.rows = {
        {"01/2025/ĐƯQT", "Hiệp định hợp tác Việt Nam – Lào", D(2025, 7, 1), 2, 1234.5, true},
        {"02/2025", "Thỏa thuận, \"giáo dục\"", D(1999, 12, 31), std::int64_t{123456789012}, -0.25,
         false},
        {"03/2025", Cell(), D(2024, 2, 29), Cell(), Cell(), Cell()},
    };
    Sheet other;
    other.name = "Khác";
    other.rows = {{"không xuất"}};
    const fs::path xlsx = dir.path() / "dieu-uoc.xlsx";
    WriteFile(xlsx, WriteXlsx({sheet, other}));

    const fs::path csv =
        Convert(dir.path(), xlsx, "csv:Text - txt - csv (StarCalc):44,34,76", "csv");
    ASSERT_FALSE(csv.empty());
    EXPECT_EQ(ReadFile(csv),
              "Số hiệu,Tên,Ngày ký,Số bên,Giá trị,Hiệu lực\n"
              "01/2025/ĐƯQT,Hiệp định hợp tác Việt Nam – Lào,01/07/2025,2,1234.5,TRUE\n"
              "02/2025,\"Thỏa thuận, \"\"giáo dục\"\"\",31/12/1999,123456789012,-0.25,FALSE\n"
              "03/2025,,29/02/2024,,,\n");
}

// A flat OpenDocument spreadsheet with typed cells, a day/month/year date style (LibreOffice
// writes it as the custom number format dd/mm/yyyy) and a boolean style (without it LibreOffice
// writes booleans as the numbers 1 and 0; with it, as t="b" cells with the custom number format
// "TRUE";"TRUE";"FALSE", which must not pass for a date).
constexpr std::string_view kFods = R"(<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
  office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:automatic-styles>
  <number:date-style style:name="N1">
   <number:day number:style="long"/><number:text>/</number:text>
   <number:month number:style="long"/><number:text>/</number:text>
   <number:year number:style="long"/>
  </number:date-style>
  <number:boolean-style style:name="N2"><number:boolean/></number:boolean-style>
  <style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>
  <style:style style:name="ce2" style:family="table-cell" style:data-style-name="N2"/>
 </office:automatic-styles>
 <office:body>
  <office:spreadsheet>
   <table:table table:name="Đoàn vào">
    <table:table-row>
     <table:table-cell office:value-type="string"><text:p>Tên đoàn</text:p></table:table-cell>
     <table:table-cell office:value-type="string"><text:p>Ngày đến</text:p></table:table-cell>
     <table:table-cell office:value-type="string"><text:p>Số người</text:p></table:table-cell>
     <table:table-cell office:value-type="string"><text:p>Kinh phí</text:p></table:table-cell>
     <table:table-cell office:value-type="string"><text:p>Đã duyệt</text:p></table:table-cell>
    </table:table-row>
    <table:table-row>
     <table:table-cell office:value-type="string"><text:p>Đoàn Bộ Ngoại giao Lào</text:p></table:table-cell>
     <table:table-cell table:style-name="ce1" office:value-type="date" office:date-value="2025-07-01"><text:p>01/07/2025</text:p></table:table-cell>
     <table:table-cell office:value-type="float" office:value="12"><text:p>12</text:p></table:table-cell>
     <table:table-cell office:value-type="float" office:value="1500.75"><text:p>1500.75</text:p></table:table-cell>
     <table:table-cell table:style-name="ce2" office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>
    </table:table-row>
    <table:table-row>
     <table:table-cell office:value-type="string"><text:p>Đoàn tỉnh Quảng Ninh – Quảng Tây</text:p></table:table-cell>
     <table:table-cell table:style-name="ce1" office:value-type="date" office:date-value="2024-02-29"><text:p>29/02/2024</text:p></table:table-cell>
     <table:table-cell/>
     <table:table-cell office:value-type="float" office:value="-3"><text:p>-3</text:p></table:table-cell>
     <table:table-cell table:style-name="ce2" office:value-type="boolean" office:boolean-value="false"><text:p>FALSE</text:p></table:table-cell>
    </table:table-row>
    <table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>
    <table:table-row>
     <table:table-cell office:value-type="string"><text:p>sau hai dòng trống</text:p></table:table-cell>
    </table:table-row>
   </table:table>
   <table:table table:name="Thứ hai">
    <table:table-row><table:table-cell office:value-type="string"><text:p>không đọc</text:p></table:table-cell></table:table-row>
   </table:table>
  </office:spreadsheet>
 </office:body>
</office:document>
)";

TEST(LibreOfficeInterop, ReadsAWorkbookWrittenByLibreOffice) {
    ASSERT_TRUE(HaveSoffice()) << "soffice is missing: run scripts/setup.sh "
                                  "(libreoffice-calc-nogui)";
    TempDir dir;
    const fs::path fods = dir.path() / "doan-vao.fods";
    WriteFile(fods, std::string(kFods));
    const fs::path xlsx = Convert(dir.path(), fods, "xlsx", "xlsx");
    ASSERT_FALSE(xlsx.empty());

    auto read = ReadXlsx(ReadFile(xlsx));
    ASSERT_TRUE(read.ok()) << read.error().message_en;
    const ReadSheet& sheet = *read;
    EXPECT_EQ(sheet.name, "Đoàn vào");
    ASSERT_EQ(sheet.rows.size(), 6u);
    EXPECT_EQ(sheet.At(0, 0).text, "Tên đoàn");
    EXPECT_EQ(sheet.At(0, 4).text, "Đã duyệt");

    EXPECT_EQ(sheet.At(1, 0).text, "Đoàn Bộ Ngoại giao Lào");
    EXPECT_EQ(sheet.At(1, 1).kind, Kind::kDate);
    ASSERT_TRUE(sheet.At(1, 1).date.has_value());
    EXPECT_EQ(sheet.At(1, 1).date->ToIso(), "2025-07-01");
    EXPECT_EQ(sheet.At(1, 2).kind, Kind::kNumber);
    EXPECT_EQ(sheet.At(1, 2).number, 12);
    EXPECT_EQ(sheet.At(1, 3).number, 1500.75);
    EXPECT_EQ(sheet.At(1, 4).kind, Kind::kBool);
    EXPECT_EQ(sheet.At(1, 4).number, 1);

    EXPECT_EQ(sheet.At(2, 0).text, "Đoàn tỉnh Quảng Ninh – Quảng Tây");
    EXPECT_EQ(sheet.At(2, 1).kind, Kind::kDate);
    ASSERT_TRUE(sheet.At(2, 1).date.has_value());
    EXPECT_EQ(sheet.At(2, 1).date->ToIso(), "2024-02-29");
    EXPECT_EQ(sheet.At(2, 2).kind, Kind::kEmpty);
    EXPECT_EQ(sheet.At(2, 3).number, -3);
    EXPECT_EQ(sheet.At(2, 4).kind, Kind::kBool);
    EXPECT_EQ(sheet.At(2, 4).number, 0);

    EXPECT_TRUE(sheet.rows[3].empty());
    EXPECT_TRUE(sheet.rows[4].empty());
    EXPECT_EQ(sheet.At(5, 0).text, "sau hai dòng trống");
}

// Pages of a PDF: its page objects ("/Type/Page", not "/Type/Pages"), found without a PDF tool.
int CountPdfPages(const std::string& pdf) {
    int pages = 0;
    for (std::size_t at = pdf.find("/Type"); at != std::string::npos;
         at = pdf.find("/Type", at + 1)) {
        std::size_t i = at + 5;
        while (i < pdf.size() && (pdf[i] == ' ' || pdf[i] == '\n' || pdf[i] == '\r')) {
            ++i;
        }
        if (pdf.compare(i, 5, "/Page") == 0 && (i + 5 >= pdf.size() || pdf[i + 5] != 's')) {
            ++pages;
        }
    }
    return pages;
}

TEST(LibreOfficeInterop, OpensOurDocxWithVietnameseTextAndTableCellsOnSeveralPages) {
    ASSERT_TRUE(HaveSoffice()) << "soffice is missing: run scripts/setup.sh "
                                  "(libreoffice-writer-nogui)";
    TempDir dir;
    DocxDocument doc;
    doc.title_block = {"BỘ NGOẠI GIAO", "CỤC NGOẠI VỤ", "Số: 12/BC-BNG", "Hà Nội", 7, 12, 2026};
    doc.kind_title = "BÁO CÁO";
    doc.subject = "Tổng kết công tác ngoại vụ địa phương năm 2026";
    const std::string sentence =
        "Tại Hội nghị Ngoại vụ toàn quốc lần thứ 21, tỉnh Đắk Lắk đã báo cáo kết quả hợp tác "
        "quốc tế & \"đối ngoại nhân dân\".";
    for (int i = 0; i < 8; ++i) {
        doc.body.emplace_back(DocxParagraph{.runs = {{sentence}}});
    }
    DocxTable table;
    table.header = {"STT", "Tỉnh, thành phố", "Số đoàn"};
    for (int i = 1; i <= 60; ++i) {
        table.rows.push_back(
            {std::to_string(i), i == 60 ? "Thừa Thiên Huế" : "Đắk Lắk", std::to_string(i * 7)});
    }
    table.column_align = {DocxAlign::kCenter, DocxAlign::kLeft, DocxAlign::kRight};
    doc.body.emplace_back(table);
    doc.recipients = {"Như trên;", "Lưu: VT, NV."};
    doc.signer_title = "CỤC TRƯỞNG";
    doc.signer_name = "Nguyễn Văn A";
    const fs::path docx = dir.path() / "bao-cao.docx";
    WriteFile(docx, WriteDocx(doc));

    const fs::path txt = Convert(dir.path(), docx, "txt:Text", "txt");
    ASSERT_FALSE(txt.empty()) << "converting a DOCX needs LibreOffice Writer "
                                 "(libreoffice-writer-nogui)";
    const std::string text = ReadFile(txt);
    for (const std::string& expected :
         {sentence, std::string("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
          std::string("Độc lập - Tự do - Hạnh phúc"),
          std::string("Hà Nội, ngày 07 tháng 12 năm 2026"), std::string("Số: 12/BC-BNG"),
          std::string("\nTỉnh, thành phố\n"), std::string("\nThừa Thiên Huế\n420\n"),
          std::string("\n- Lưu: VT, NV.\n"), std::string("\nNguyễn Văn A\n")}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n---\n" << text;
    }

    const fs::path pdf = Convert(dir.path(), docx, "pdf", "pdf");
    ASSERT_FALSE(pdf.empty());
    EXPECT_GE(CountPdfPages(ReadFile(pdf)), 2);
}

}  // namespace
}  // namespace ngoaivu::office
