#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/date.hpp"
#include "base/error.hpp"
#include "base/result.hpp"
#include "office/sheet_cells.hpp"
#include "office/xlsx_reader.hpp"

namespace ngoaivu::office {

// The flow every module's spreadsheet import follows (agreements, delegations, events): read the
// file, check each row as the module's rules say, refuse a row that repeats a recorded record or
// an earlier row of the file, then write nothing (preview), everything or nothing, or the valid
// rows. The module keeps what is its own: how a row is read and checked, what makes two records
// the same, how one is written, its transaction and its audit entries. Thread-safe as the
// callbacks are.

// One problem of an import, located as a spreadsheet user sees it.
struct ImportProblem {
    int row = 0;            // the sheet's row number (the header is row 1)
    std::string column;     // the column's Vietnamese header, "" for the whole row
    std::string column_en;  // its English header
    std::string message_vi;
    std::string message_en;
};

// kPreview checks every row and writes nothing; kAllOrNothing writes every row when no row has a
// problem, and nothing otherwise; kValidRows writes the rows without problems and reports the
// others.
enum class ImportMode { kPreview, kAllOrNothing, kValidRows };

struct ImportReport {
    int rows = 0;     // data rows read
    int valid = 0;    // rows without problems
    int written = 0;  // records created
    std::vector<ImportProblem> problems;
    std::vector<std::int64_t> created_ids;
};

// The spreadsheet (XLSX or CSV, told apart by the bytes) of an import of at most `max_rows` data
// rows besides the header row; the reader's error when it is not one or is too large.
Result<ReadSheet> ReadImportSheet(std::string_view file, int max_rows);

// The column headers (Vietnamese, English) of a field an Error names: a module's ColumnOfField.
using ColumnOf = std::function<std::pair<std::string, std::string>(std::string_view)>;

// One data row of an imported sheet: its cells, each read once as text (CellText), found by
// column key through the sheet's header (FindHeader). Keeps references to both: they must
// outlive it.
class ImportCells {
 public:
    ImportCells(const std::vector<ReadCell>& cells, const SheetHeader& header);

    // Whether every cell of the row is empty (a blank row, which an import skips).
    bool blank() const;
    // The text of column `key`; "" when the sheet has no such column or the row no such cell.
    std::string Get(std::string_view key) const;
    // The date of column `key` (CellDate): nullopt when there is no such cell or it is empty, and
    // also when it is not a date, with `*bad_text` then set to the cell's text.
    std::optional<Date> GetDate(std::string_view key, std::optional<std::string>* bad_text) const;

 private:
    const std::vector<ReadCell>& cells_;
    const SheetHeader& header_;
    std::vector<std::string> texts_;
};

// What makes an imported record the same as another: the id of the same record already stored,
// if any, and a key that two rows of one file describing the same record share.
struct ImportIdentity {
    std::optional<std::int64_t> recorded;
    std::string key;
};

// How the messages name the module's record in a sentence: "Đoàn này" / "This delegation".
struct ImportRecordName {
    std::string_view vi;
    std::string_view en;
};

// Adds to `problems` one problem on the header row for each of `keys` that `header` lacks: "Thiếu
// cột "<header>": hãy dùng <advice_vi>." / "The column "<header>" is missing: use <advice_en>.".
void RequireColumns(const SheetHeader& header, std::initializer_list<std::string_view> keys,
                    const ColumnOf& column_of, std::string_view advice_vi,
                    std::string_view advice_en, std::vector<ImportProblem>* problems);

// kInvalidArgument on "file" listing `sheet_problems` (a sheet without the required columns),
// or saying the file has no data row; OK otherwise.
Result<void> CheckImportSheet(const std::vector<ImportProblem>& sheet_problems,
                              std::size_t data_rows);

// Appends the problems of `e` (each field of it, or the error itself) to `problems`, on sheet row
// `row`, each at the column `column_of` gives for its field.
void AddRowProblems(std::vector<ImportProblem>& problems, int row, const Error& e,
                    const ColumnOf& column_of);

// The problem of a row whose record is already stored as number `id`, on the column of
// `title_field`.
ImportProblem AlreadyRecorded(int row, ImportRecordName name, std::int64_t id,
                              const ColumnOf& column_of, std::string_view title_field);

// The problem of a row repeating an earlier row of the file, on the column of `title_field`.
ImportProblem RepeatedRow(int row, const ColumnOf& column_of, std::string_view title_field);

// Whether an import in `mode` writes, once `report` holds every row's problems and `ready` rows
// passed.
inline bool ImportWrites(ImportMode mode, const ImportReport& report, std::size_t ready) {
    return !(mode == ImportMode::kPreview ||
             (mode == ImportMode::kAllOrNothing && !report.problems.empty()) || ready == 0);
}

// The details of the import's own audit entry.
inline nlohmann::json ImportSummary(const ImportReport& report) {
    return {{"rows", report.rows},
            {"written", report.written},
            {"rows_with_problems", report.rows - report.valid}};
}

// Checks and writes the rows of an import. `rows` are the module's rows as read (each with `row`,
// its sheet row number, and `problems`, what reading found), `sheet_problems` what reading found
// wrong with the whole sheet. Each row without problems is prepared: `prepare(row)` gives the
// record ready to write (Prepared) or an Error, whose fields become the row's problems. A
// prepared row is then refused when `identify(prepared)` finds it recorded, or as a repeat of an
// earlier row of the file. When the mode writes (ImportWrites), `write(prepared)` writes each
// ready row, in order, and returns its id. Returns the report (`written` > 0 when anything was
// written: the caller then records the import and commits), or the error of CheckImportSheet.
template <typename Prepared, typename Row, typename Prepare, typename Identify, typename Write>
Result<ImportReport> ImportRows(std::vector<Row>& rows,
                                const std::vector<ImportProblem>& sheet_problems, ImportMode mode,
                                ImportRecordName name, const ColumnOf& column_of,
                                std::string_view title_field, Prepare&& prepare,
                                Identify&& identify, Write&& write) {
    if (auto checked = CheckImportSheet(sheet_problems, rows.size()); !checked)
        return checked.error();
    ImportReport report;
    report.rows = static_cast<int>(rows.size());
    std::vector<Prepared> ready;
    std::set<std::string> seen;
    for (auto& row : rows) {
        if (row.problems.empty()) {
            Result<Prepared> p = prepare(row);
            if (!p) {
                AddRowProblems(row.problems, row.row, p.error(), column_of);
            } else {
                ImportIdentity id = identify(static_cast<const Prepared&>(*p));
                if (id.recorded) {
                    row.problems.push_back(
                        AlreadyRecorded(row.row, name, *id.recorded, column_of, title_field));
                } else if (!seen.insert(id.key).second) {
                    row.problems.push_back(RepeatedRow(row.row, column_of, title_field));
                } else {
                    ready.push_back(std::move(*p));
                }
            }
        }
        report.problems.insert(report.problems.end(), row.problems.begin(), row.problems.end());
    }
    report.valid = static_cast<int>(ready.size());
    if (!ImportWrites(mode, report, ready.size()))
        return report;  // nothing written: the caller's transaction rolls back
    for (auto& p : ready)
        report.created_ids.push_back(write(p));
    report.written = static_cast<int>(report.created_ids.size());
    return report;
}

}  // namespace ngoaivu::office
