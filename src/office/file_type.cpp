#include "office/file_type.hpp"

#include <cstdint>

#include "office/zip_archive.hpp"

namespace ngoaivu::office {

namespace {

constexpr std::string_view kPdfMagic = "%PDF-";
constexpr std::string_view kPngMagic = "\x89PNG\r\n\x1a\n";
constexpr std::string_view kJpegMagic = "\xFF\xD8\xFF";
constexpr std::string_view kZipMagic = "PK\x03\x04";

// [Content_Types].xml is a few kilobytes; more is not an Office file we accept.
constexpr std::uint64_t kMaxContentTypesBytes = 1u << 20;

// The content types of the main parts: a template or a macro-enabled file has another one.
constexpr std::string_view kDocxMainType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
constexpr std::string_view kXlsxMainType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

FileType Pdf() {
    return {"application/pdf", "pdf"};
}
FileType Png() {
    return {"image/png", "png"};
}
FileType Jpeg() {
    return {"image/jpeg", "jpg"};
}
FileType Docx() {
    return {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"};
}
FileType Xlsx() {
    return {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"};
}

std::optional<FileType> DetectOfficeZip(std::string_view bytes) {
    auto zip = detail::ZipArchive::Open(bytes);
    if (!zip) {
        return std::nullopt;
    }
    std::string content_types;
    if (zip->Read("[Content_Types].xml", kMaxContentTypesBytes, &content_types) !=
        detail::ZipArchive::ReadStatus::kOk) {
        return std::nullopt;
    }
    if (zip->Contains("word/document.xml") &&
        content_types.find(kDocxMainType) != std::string::npos) {
        return Docx();
    }
    if (zip->Contains("xl/workbook.xml") &&
        content_types.find(kXlsxMainType) != std::string::npos) {
        return Xlsx();
    }
    return std::nullopt;
}

char AsciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (AsciiLower(a[i]) != AsciiLower(b[i])) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::optional<FileType> DetectFileType(std::string_view bytes) {
    if (bytes.starts_with(kPdfMagic)) {
        return Pdf();
    }
    if (bytes.starts_with(kPngMagic)) {
        return Png();
    }
    if (bytes.starts_with(kJpegMagic)) {
        return Jpeg();
    }
    if (bytes.starts_with(kZipMagic)) {
        return DetectOfficeZip(bytes);
    }
    return std::nullopt;
}

bool ExtensionMatches(const FileType& type, std::string_view filename) {
    const auto dot = filename.rfind('.');
    if (dot == std::string_view::npos || type.extension.empty()) {
        return false;
    }
    const std::string_view ext = filename.substr(dot + 1);
    if (EqualsIgnoringAsciiCase(ext, type.extension)) {
        return true;
    }
    return type.extension == "jpg" && EqualsIgnoringAsciiCase(ext, "jpeg");
}

}  // namespace ngoaivu::office
