#include "office/sheet_csv.hpp"

#include <cmath>
#include <cstdio>

#include "base/text.hpp"

namespace ngoaivu::office {

namespace {

std::string TextOf(const Cell& cell) {
    struct Visitor {
        std::string operator()(std::monostate) const { return ""; }
        std::string operator()(const std::string& s) const {
            if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                               s[0] == '\t' || s[0] == '\r'))
                return "'" + s;
            return s;
        }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const {
            if (!std::isfinite(d))
                return "";
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.15g", d);
            return buf;
        }
        std::string operator()(Date d) const { return d.ToDisplay(); }
        std::string operator()(bool b) const { return b ? "1" : "0"; }
    };
    return std::visit(Visitor{}, cell.value);
}

void AppendRecord(std::string& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += ',';
        out += csv::Escape(fields[i]);
    }
    out += "\r\n";
}

}  // namespace

std::string WriteCsv(const Sheet& sheet) {
    std::string out = "\xEF\xBB\xBF";
    if (!sheet.headers.empty())
        AppendRecord(out, sheet.headers);
    std::vector<std::string> fields;
    for (const auto& row : sheet.rows) {
        fields.clear();
        for (const auto& cell : row)
            fields.push_back(TextOf(cell));
        AppendRecord(out, fields);
    }
    return out;
}

Result<ReadSheet> ReadSpreadsheet(std::string_view bytes, const ReadLimits& limits) {
    if (bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4))
        return ReadXlsx(bytes, limits);
    if (bytes.size() > limits.max_uncompressed_bytes) {
        return Error{
            ErrorCode::kPayloadTooLarge, "file", "Tệp quá lớn.", "The file is too large.", {}};
    }
    if (!text::IsValidUtf8(bytes)) {
        return Error::InvalidArgument(
            "file",
            "Tệp không phải XLSX, cũng không phải CSV mã UTF-8: hãy lưu lại dưới dạng Excel "
            "(.xlsx) hoặc CSV UTF-8.",
            "The file is neither XLSX nor UTF-8 CSV: save it as Excel (.xlsx) or CSV UTF-8.");
    }
    std::string error;
    auto records = csv::Parse(bytes, &error);
    if (!records) {
        return Error::InvalidArgument("file", "Tệp CSV hỏng: " + error,
                                      "The CSV file is broken: " + error);
    }
    if (records->size() > limits.max_rows) {
        return Error::InvalidArgument(
            "file", "Tệp có quá " + std::to_string(limits.max_rows) + " dòng.",
            "The file has more than " + std::to_string(limits.max_rows) + " rows.");
    }
    ReadSheet sheet;
    sheet.name = "CSV";
    for (const auto& record : *records) {
        if (record.size() > limits.max_columns) {
            return Error::InvalidArgument(
                "file", "Tệp có quá " + std::to_string(limits.max_columns) + " cột.",
                "The file has more than " + std::to_string(limits.max_columns) + " columns.");
        }
        std::vector<ReadCell> row;
        for (const auto& field : record) {
            ReadCell cell;
            if (!field.empty()) {
                cell.kind = ReadCell::Kind::kText;
                cell.text = field;
            }
            row.push_back(std::move(cell));
        }
        sheet.rows.push_back(std::move(row));
    }
    return sheet;
}

}  // namespace ngoaivu::office
