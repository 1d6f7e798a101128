#include "office/file_type.hpp"

#include <string>

#include <gtest/gtest.h>

#include "office/test_zip.hpp"
#include "office/xlsx_writer.hpp"

namespace ngoaivu::office {
namespace {

using testing::ZipBuilder;

const std::string kPng = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
const std::string kJpeg = "\xFF\xD8\xFF\xE0\0\x10JFIF";
const std::string kPdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n";

std::string ContentTypes(std::string_view main_type) {
    return R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
           R"(<Override PartName="/main.xml" ContentType=")" +
           std::string(main_type) + R"("/></Types>)";
}

std::string Docx() {
    ZipBuilder zip;
    zip.Add("[Content_Types].xml",
            ContentTypes("application/vnd.openxmlformats-officedocument.wordprocessingml."
                         "document.main+xml"))
        .Add("_rels/.rels", "<Relationships/>")
        .Add("word/document.xml", "<w:document/>");
    return zip.Finish();
}

std::optional<std::string> Mime(const std::string& bytes) {
    auto type = DetectFileType(bytes);
    if (!type) {
        return std::nullopt;
    }
    return type->mime;
}

TEST(DetectFileType, RecognisesEachAcceptedKind) {
    EXPECT_EQ(Mime(kPdf), "application/pdf");
    EXPECT_EQ(Mime(kPng), "image/png");
    EXPECT_EQ(Mime(kJpeg), "image/jpeg");
    EXPECT_EQ(Mime(Docx()),
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    EXPECT_EQ(Mime(WriteXlsx({Sheet{"s", {"a"}, {}, {}}})),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_EQ(DetectFileType(kPdf)->extension, "pdf");
    EXPECT_EQ(DetectFileType(kPng)->extension, "png");
    EXPECT_EQ(DetectFileType(kJpeg)->extension, "jpg");
    EXPECT_EQ(DetectFileType(Docx())->extension, "docx");
}

TEST(DetectFileType, RefusesEverythingElse) {
    EXPECT_EQ(Mime(""), std::nullopt);
    EXPECT_EQ(Mime("%PDF"), std::nullopt);                // too short to be the signature
    EXPECT_EQ(Mime(kPng.substr(0, 7)), std::nullopt);     // an incomplete PNG signature
    EXPECT_EQ(Mime(" %PDF-1.7"), std::nullopt);           // the signature must come first
    EXPECT_EQ(Mime("MZ\x90\0\x03\0\0\0"), std::nullopt);  // a Windows executable
    EXPECT_EQ(Mime("\x7F"
                   "ELF\x02\x01\x01"),
              std::nullopt);  // a Linux executable
    EXPECT_EQ(Mime("<!DOCTYPE html><html><body>%PDF-</body></html>"), std::nullopt);
    EXPECT_EQ(Mime(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") + std::string(512, '\0')),
              std::nullopt);  // an old .doc or .xls
    EXPECT_EQ(Mime("PK\x03\x04 but not really a zip"), std::nullopt);
}

TEST(DetectFileType, RefusesAPlainZipAndMacroEnabledOfficeFiles) {
    ZipBuilder plain;
    plain.Add("readme.txt", "xin chào").Add("word/document.xml", "<w:document/>");
    EXPECT_EQ(Mime(plain.Finish()), std::nullopt);

    ZipBuilder docm;
    docm.Add("[Content_Types].xml",
             ContentTypes("application/vnd.ms-word.document.macroEnabled.main+xml"))
        .Add("word/document.xml", "<w:document/>")
        .Add("word/vbaProject.bin", "macro");
    EXPECT_EQ(Mime(docm.Finish()), std::nullopt);

    ZipBuilder xlsm;
    xlsm.Add("[Content_Types].xml",
             ContentTypes("application/vnd.ms-excel.sheet.macroEnabled.main+xml"))
        .Add("xl/workbook.xml", "<workbook/>");
    EXPECT_EQ(Mime(xlsm.Finish()), std::nullopt);
}

TEST(DetectFileType, LooksAtTheBytesNotTheName) {
    // PNG bytes uploaded as "bao-cao.pdf".
    const auto type = DetectFileType(kPng);
    ASSERT_TRUE(type.has_value());
    EXPECT_EQ(type->extension, "png");
    EXPECT_FALSE(ExtensionMatches(*type, "bao-cao.pdf"));
    EXPECT_TRUE(ExtensionMatches(*type, "bao-cao.png"));
}

TEST(ExtensionMatches, IgnoresCaseAndAcceptsBothJpegExtensions) {
    const FileType jpeg{"image/jpeg", "jpg"};
    EXPECT_TRUE(ExtensionMatches(jpeg, "ảnh.jpg"));
    EXPECT_TRUE(ExtensionMatches(jpeg, "ẢNH.JPG"));
    EXPECT_TRUE(ExtensionMatches(jpeg, "photo.Jpeg"));
    EXPECT_FALSE(ExtensionMatches(jpeg, "photo.jpe"));
    EXPECT_FALSE(ExtensionMatches(jpeg, "jpg"));
    EXPECT_FALSE(ExtensionMatches(jpeg, "photo.jpg.exe"));
    EXPECT_FALSE(ExtensionMatches(jpeg, ""));

    const FileType xlsx{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "xlsx"};
    EXPECT_TRUE(ExtensionMatches(xlsx, "Danh sách.XLSX"));
    EXPECT_FALSE(ExtensionMatches(xlsx, "Danh sách.xls"));
    EXPECT_FALSE(ExtensionMatches(FileType{"application/pdf", "pdf"}, "tai-lieu.jpeg"));
}

}  // namespace
}  // namespace ngoaivu::office
