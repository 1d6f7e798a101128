#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.hpp"
#include "modules/agreements/agreement.hpp"
#include "modules/agreements/agreement_repository.hpp"
#include "modules/agreements/agreement_requests.hpp"
#include "office/sheet_cells.hpp"
#include "office/sheet_import.hpp"
#include "office/xlsx_reader.hpp"
#include "office/xlsx_writer.hpp"

namespace ngoaivu::agreements {

// The spreadsheet form of agreements: the columns of an export, which are also the columns an
// import reads (by their Vietnamese or English header, or their code), so that an exported file
// imports back. Closed lists (form, status, fields ...) are written with their names in the
// sheet's language and read back by name in either language or by code; provinces by name
// (the unit that existed on the signing date) or id; partners by name, separated by ";".

using SheetColumn = office::SheetColumn;
const std::vector<SheetColumn>& SheetColumns();

// The export of `agreements` (with their partners and fields loaded) in `lang` ("vi" or "en").
office::Sheet ExportSheet(const std::vector<Agreement>& agreements, std::string_view lang,
                          Date today);
// The yearly report as two sheets: the agreements signed in the year, and those signed earlier
// still in force, each with its implementation.
std::vector<office::Sheet> ReportSheets(const YearlyReport& report, std::string_view lang);

// An empty sheet with the headers and one example row, for the import template.
office::Sheet TemplateSheet(std::string_view lang);

// One problem of an import, located as a spreadsheet user sees it.
using ImportProblem = office::ImportProblem;

// One data row read from the sheet: what to create, or its problems.
struct ImportRow {
    int row = 0;
    bool draft = false;       // status "draft": a new draft; otherwise a signed agreement
    RegisterRequest request;  // for a draft, only `fields` counts
    std::vector<ImportProblem> problems;
};

// What the rows may name.
struct SheetChoices {
    std::vector<UnitInfo> units;
    std::vector<PartnerRef> partners;
};

// Reads the header row and the data rows (blank rows skipped). A sheet without the required
// columns gives one problem on row 1 and no rows.
std::vector<ImportRow> ReadImportRows(const office::ReadSheet& sheet, const SheetChoices& choices,
                                      Date today, std::vector<ImportProblem>* sheet_problems);

// The column header (in both languages) of a request field named in an Error ("partner_ids" →
// the partners column), or "" when none matches.
std::pair<std::string, std::string> ColumnOfField(std::string_view field);

}  // namespace ngoaivu::agreements
