#include "html/sheet_download.hpp"

#include "office/sheet_csv.hpp"

namespace ngoaivu::html {

http::Response SheetFile(const office::Sheet& sheet, std::string_view format,
                         const std::string& basename) {
    if (format == "csv")
        return http::Response::Download(office::WriteCsv(sheet), "text/csv; charset=utf-8",
                                        basename + ".csv");
    return http::Response::Download(
        office::WriteXlsx({sheet}),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", basename + ".xlsx");
}

http::Response SheetDownload(const Pages& pages, const http::Request& req,
                             const office::Sheet& sheet, const std::string& basename) {
    std::string format(req.Query("format").value_or("xlsx"));
    if (format != "xlsx" && format != "csv") {
        return pages.Error(req, Error::InvalidArgument("format", "Định dạng phải là xlsx hoặc csv.",
                                                       "The format must be xlsx or csv."));
    }
    return SheetFile(sheet, format, basename);
}

}  // namespace ngoaivu::html
