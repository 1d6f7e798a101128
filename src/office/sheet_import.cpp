#include "office/sheet_import.hpp"

#include <algorithm>

#include "office/sheet_cells.hpp"
#include "office/sheet_csv.hpp"

namespace ngoaivu::office {

Result<ReadSheet> ReadImportSheet(std::string_view file, int max_rows) {
    ReadLimits limits;
    limits.max_rows = static_cast<std::size_t>(max_rows) + 1;  // the header row besides
    return ReadSpreadsheet(file, limits);
}

ImportCells::ImportCells(const std::vector<ReadCell>& cells, const SheetHeader& header)
    : cells_(cells), header_(header) {
    texts_.reserve(cells.size());
    for (const auto& c : cells)
        texts_.push_back(CellText(c));
}

bool ImportCells::blank() const {
    return std::all_of(texts_.begin(), texts_.end(), [](const auto& t) { return t.empty(); });
}

std::string ImportCells::Get(std::string_view key) const {
    auto it = header_.column_of.find(key);
    if (it == header_.column_of.end() || it->second >= texts_.size())
        return "";
    return texts_[it->second];
}

std::optional<Date> ImportCells::GetDate(std::string_view key,
                                         std::optional<std::string>* bad_text) const {
    auto it = header_.column_of.find(key);
    if (it == header_.column_of.end() || it->second >= cells_.size())
        return std::nullopt;
    bool bad = false;
    auto d = CellDate(cells_[it->second], &bad);
    if (bad)
        *bad_text = texts_[it->second];
    return d;
}

void RequireColumns(const SheetHeader& header, std::initializer_list<std::string_view> keys,
                    const ColumnOf& column_of, std::string_view advice_vi,
                    std::string_view advice_en, std::vector<ImportProblem>* problems) {
    for (std::string_view key : keys) {
        if (!header.Has(key)) {
            auto [vi, en] = column_of(key);
            problems->push_back(
                {static_cast<int>(header.row + 1), vi, en,
                 "Thiếu cột \"" + vi + "\": hãy dùng " + std::string(advice_vi) + ".",
                 "The column \"" + en + "\" is missing: use " + std::string(advice_en) + "."});
        }
    }
}

Result<void> CheckImportSheet(const std::vector<ImportProblem>& sheet_problems,
                              std::size_t data_rows) {
    if (!sheet_problems.empty()) {
        Error e = Error::InvalidArgument("file", sheet_problems.front().message_vi,
                                         sheet_problems.front().message_en);
        for (const auto& p : sheet_problems)
            e.fields.push_back({"file", p.message_vi, p.message_en});
        return e;
    }
    if (data_rows == 0) {
        return Error::InvalidArgument("file", "Tệp không có dòng dữ liệu nào.",
                                      "The file has no data rows.");
    }
    return {};
}

void AddRowProblems(std::vector<ImportProblem>& problems, int row, const Error& e,
                    const ColumnOf& column_of) {
    std::vector<FieldError> fields = e.fields;
    if (fields.empty())
        fields.push_back({e.field, e.message_vi, e.message_en});
    for (const auto& f : fields) {
        auto [vi, en] = column_of(f.field);
        problems.push_back({row, vi, en, f.message_vi, f.message_en});
    }
}

ImportProblem AlreadyRecorded(int row, ImportRecordName name, std::int64_t id,
                              const ColumnOf& column_of, std::string_view title_field) {
    auto [vi, en] = column_of(title_field);
    return {row, vi, en,
            std::string(name.vi) + " đã có trong hệ thống (số " + std::to_string(id) + ").",
            std::string(name.en) + " is already recorded (number " + std::to_string(id) + ")."};
}

ImportProblem RepeatedRow(int row, const ColumnOf& column_of, std::string_view title_field) {
    auto [vi, en] = column_of(title_field);
    return {row, vi, en, "Dòng này trùng một dòng phía trên của tệp.",
            "This row repeats an earlier row of the file."};
}

}  // namespace ngoaivu::office
