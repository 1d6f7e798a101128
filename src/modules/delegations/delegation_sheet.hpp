#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/date.hpp"
#include "modules/agreements/agreement.hpp"
#include "modules/agreements/agreement_repository.hpp"
#include "modules/delegations/delegation.hpp"
#include "office/sheet_cells.hpp"
#include "office/sheet_import.hpp"
#include "office/xlsx_reader.hpp"
#include "office/xlsx_writer.hpp"

namespace ngoaivu::delegations {

// The spreadsheet form of delegations: the columns of an export, which are also the columns an
// import reads (by their Vietnamese or English header, or their key), so that an exported file
// imports back. Closed lists (direction, level, funding, status) are written with their names in
// the sheet's language and read back by name in either language or by code.
//
// - Provinces: names (or ids) separated by ";", each the unit that existed on the first day (a
//   trip of March 2025 names one of the 63, one of August 2025 one of the 34); the first one owns
//   the record.
// - Partners: names (Vietnamese or English) separated by ";"; countries: ISO alpha-2 codes
//   separated by ";" or ",".
// - People: the head in four columns (name, title, organisation, nationality); the deputy heads
//   and the members each in one cell, one person per line (or separated by ";"), written
//   "Name (title) [XX]", the title and the nationality code being optional. The organisations of
//   deputies and members are not in the sheet (they are kept on the record's page).
// - The programme (day by day), the history and the outcomes are not in the sheet either: an
//   import records each row as a delegation in its status, with the steps that lead there dated
//   from its columns (decided_on, departed_on, returned_on, reported_on) and, for a refusal or a
//   cancellation, its reason (the reason column, or the note when that is empty).

const std::vector<office::SheetColumn>& SheetColumns();

// What a row's names refer to.
struct SheetChoices {
    std::vector<agreements::UnitInfo> units;  // both generations
    std::vector<agreements::PartnerRef> partners;
};

// The export of `delegations` (with their people, provinces, partners and countries loaded, as
// DelegationRepository::List gives them) in `lang` ("vi" or "en"); `reasons` holds the reason of
// the refusal or cancellation of those rejected or cancelled, by id.
office::Sheet ExportSheet(const std::vector<Delegation>& delegations,
                          const std::map<std::int64_t, std::string>& reasons,
                          const SheetChoices& names, std::string_view lang, Date today);

// An empty sheet with the imported columns and one example row, for the import template.
office::Sheet TemplateSheet(std::string_view lang);

// "Name (title) [XX]" and back. ParsePerson takes the text inside the last balanced parentheses
// as the title and a trailing "[XX]" as the nationality (upper-cased); `role` is set by the caller.
std::string PersonCell(const Person& p);
Person ParsePerson(std::string_view text);

// One problem of an import, located as a spreadsheet user sees it.
using ImportProblem = office::ImportProblem;

// One data row read from the sheet: the delegation to record and the facts of its steps, or its
// problems.
struct ImportRow {
    int row = 0;
    DelegationFields fields;
    Status status = Status::kProposed;
    std::string decision_ref;
    std::string reason;  // of a refusal or a cancellation (the note when empty)
    std::optional<Date> decided_on;
    std::optional<Date> departed_on;
    std::optional<Date> returned_on;
    std::optional<Date> reported_on;
    std::string report_summary;
    std::vector<ImportProblem> problems;
};

// Reads the header row and the data rows (blank rows skipped). A sheet without the required
// columns (title, provinces, first day, head) gives one problem each on the header row and no
// rows.
std::vector<ImportRow> ReadImportRows(const office::ReadSheet& sheet, const SheetChoices& choices,
                                      std::vector<ImportProblem>* sheet_problems);

// The column header (in both languages) of a field named in an Error, or of a column key
// ("admin_unit_ids" → the provinces column, "head.nationality" → the head's nationality,
// "members[2].name" → the members column, "decided_on" → its own), or "" when none matches.
std::pair<std::string, std::string> ColumnOfField(std::string_view field);

}  // namespace ngoaivu::delegations
