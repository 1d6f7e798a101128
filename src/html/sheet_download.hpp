#pragma once

#include <string>
#include <string_view>

#include "html/pages.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "office/xlsx_writer.hpp"

namespace ngoaivu::html {

// `sheet` as a file to download named `basename` and the extension: CSV (office::WriteCsv) when
// `format` is "csv", XLSX otherwise. Thread-safe.
http::Response SheetFile(const office::Sheet& sheet, std::string_view format,
                         const std::string& basename);

// The file of `sheet` in the format ?format= names (xlsx, the default, or csv), or the error page
// (kInvalidArgument on "format") for another format. Thread-safe.
http::Response SheetDownload(const Pages& pages, const http::Request& req,
                             const office::Sheet& sheet, const std::string& basename);

}  // namespace ngoaivu::html
