#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ngoaivu::office {

// A document type recognised from its content.
struct FileType {
    std::string mime;       // "application/pdf", "image/png" ...
    std::string extension;  // the usual extension, lower case and without the dot: "pdf", "jpg"
};

// Recognises a document from its bytes only, never from its name: PDF ("%PDF-"), PNG (the full
// 8-byte signature), JPEG (FF D8 FF), DOCX (a zip holding [Content_Types].xml and
// word/document.xml) and XLSX (a zip holding [Content_Types].xml and xl/workbook.xml). Returns
// nullopt for anything else: a plain zip, a macro-enabled Office file (.docm, .xlsm), an old
// .doc or .xls, an executable, HTML, empty input. It reads at most [Content_Types].xml (1 MiB)
// out of a zip, so a zip bomb costs nothing. Thread-safe.
std::optional<FileType> DetectFileType(std::string_view bytes);

// True when `filename` ends with the extension of `type`, compared ASCII case-insensitively;
// "photo.JPEG" and "photo.jpg" both match a JPEG. A name without an extension never matches.
bool ExtensionMatches(const FileType& type, std::string_view filename);

}  // namespace ngoaivu::office
