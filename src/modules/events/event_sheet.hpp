#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/date.hpp"
#include "modules/events/event.hpp"
#include "modules/events/event_repository.hpp"
#include "modules/events/event_requests.hpp"
#include "office/sheet_cells.hpp"
#include "office/sheet_import.hpp"
#include "office/xlsx_reader.hpp"
#include "office/xlsx_writer.hpp"

namespace ngoaivu::events {

// The spreadsheet form of events: the columns of an export, which are also the columns an import
// reads (by their Vietnamese or English header, or their key), so that an exported file imports
// back. Closed lists (type, format, rank, status ...) are written with their names in the sheet's
// language and read back by name in either language or by code; provinces by name (the unit that
// existed on the first day) or id; lists (provinces, organisers, countries, bridge points,
// sensitive topics) separated by ";".

using SheetColumn = office::SheetColumn;
const std::vector<SheetColumn>& SheetColumns();

// The export of `rows` (with their lists and bridge points loaded) in `lang` ("vi" or "en").
office::Sheet ExportSheet(const std::vector<EventRow>& rows, std::string_view lang, Date today);
// The yearly report (Form 03) as one sheet.
office::Sheet ReportSheet(const EventYearlyReport& report, std::string_view lang);

// One problem of an import, located as a spreadsheet user sees it.
using ImportProblem = office::ImportProblem;

// One data row read from the sheet: the event to record, or its problems. An import records a
// planned event, or one that is over: held (its result report owed when it needed permission) or
// reported.
struct ImportRow {
    int row = 0;
    EventFields fields;
    Status status = Status::kPlanned;  // kPlanned, kHeld or kReported
    std::string decision_ref;          // the permission, for a past event that needed one
    std::optional<Date> decided_on;
    std::optional<Date> reported_on;
    std::vector<ImportProblem> problems;
};

// Reads the header row and the data rows (blank rows skipped). A sheet without the required
// columns gives one problem on the header row each and no rows. `units` are every provincial
// unit of both generations.
std::vector<ImportRow> ReadImportRows(const office::ReadSheet& sheet,
                                      const std::vector<UnitInfo>& units,
                                      std::vector<ImportProblem>* sheet_problems);

// The column header (in both languages) of a field named in an Error ("admin_unit_ids" → the
// provinces column, "participants.foreign" → the foreign participants column,
// "organisers[2]" → the organisers column), or "" when none matches.
std::pair<std::string, std::string> ColumnOfField(std::string_view field);

}  // namespace ngoaivu::events
