#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "base/date.hpp"
#include "base/field_problems.hpp"
#include "base/result.hpp"
#include "modules/indicators/indicator.hpp"

namespace ngoaivu::indicators {

// The pure rules of the module: definitions, periods, values as typed, the review workflow and
// completeness. Thread-safe; no database.

// The merger: rounds whose period ends before this day are reported by the 63 old units.
Date MergerDay();  // 2025-07-01

// --- Definitions --------------------------------------------------------------------------

// Checks and normalises a definition (trims the texts; clears counted_from for entered ones).
// Every problem at once, each naming its field: code ([a-z0-9_]{2,40}), name_vi and name_en
// (1-200 characters), unit, aggregation, periodicity, source, counted_from (a key of
// CountedKeys() for a counted indicator, which must be yearly), decimals (0-3), min and max
// (min <= max, each a multiple of the smallest step of `decimals`), descriptions (at most 2000
// characters), sort_order (0-100000).
Result<void> CheckDefinition(IndicatorFields& f);

// --- Periods --------------------------------------------------------------------------------

// The first and last day of period `number` (month 1-12, quarter 1-4, year 1) of `year`
// (2000-2100), or nullopt when the period does not exist.
std::optional<std::pair<Date, Date>> PeriodDays(Periodicity p, int year, int number);
// The last month (1-12) of a period.
int PeriodEndMonth(Periodicity p, int number);
// The generation of the provinces in force on `last_day`: 1 before 1 July 2025, else 2.
int GenerationOn(Date last_day);
// "Quý 3/2025" / "Q3 2025", "Tháng 7/2025" / "July 2025", "Năm 2025" / "2025".
std::string PeriodName(Periodicity p, int year, int number, std::string_view lang);

// --- Values -----------------------------------------------------------------------------------

// A value as typed, in milli (× 1000), with the number of decimal digits given (trailing zeros
// included), or nullopt when it is not a number. Accepted: an optional '-', digits with an
// optional grouping separator every three digits, an optional decimal part: "1.234,5"
// (Vietnamese), "1,234.5" (English), "1234.5", "1234,5". When both '.' and ',' appear, the last
// one is the decimal separator. A single separator followed by exactly three digits after a
// leading group of one to three digits ("1.234", "1,234") is read as the grouping separator of
// `lang` ("vi": '.', "en": ','); otherwise a single separator is the decimal one. More than three
// significant decimals cannot be represented: nullopt. Spaces (also U+00A0) around are ignored.
std::optional<std::int64_t> ParseMilli(std::string_view text, std::string_view lang,
                                       int* decimals_given = nullptr);

// Checks one typed cell of indicator `f` (its field is `field`, "values.exports"): a number
// (ParseMilli), with at most f.decimals decimals (trailing zeros aside), within min and max.
// Adds one problem to `problems` and returns nullopt when it fails; an empty text is no value
// (nullopt, no problem).
std::optional<std::int64_t> CheckCell(const IndicatorFields& f, const std::string& field,
                                      std::string_view text, std::string_view lang,
                                      FieldProblems& problems);

// `milli` shown with `decimals` decimals in `lang` ("1.234,5" / "1,234.5"); rounds half away
// from zero when milli has more decimals.
std::string FormatMilli(std::int64_t milli, int decimals, std::string_view lang);
// `milli` as the plain text a form field holds ("1234.5", no grouping, no trailing zeros).
std::string PlainMilli(std::int64_t milli);

// --- Workflow -------------------------------------------------------------------------------

// What the actor is to a submission's province.
struct Rights {
    bool reads = false;      // may read the province's submissions
    bool submitter = false;  // province officer or leader of the province, or administrator
    bool reviewer = false;   // MOFA staff or administrator
    bool admin = false;
};

// Whether a submission in `status` ("" when not started) takes grid saves: not started, draft
// and returned ones.
bool IsEditable(std::string_view status);

// The status a step leads to, or why it is refused: kPermissionDenied when the actor may not
// take it (submit: submitters; approve and return: reviewers; reopen: administrators);
// kFailedPrecondition naming "action" when the status does not allow it (submit from not
// started, draft or returned; approve and return from submitted; reopen from approved);
// kInvalidArgument naming "comment" when a return or reopen has no comment (at most 2000
// characters), or naming "action" for an unknown action.
Result<Status> PlanStep(std::string_view status, std::string_view action, const Rights& rights,
                        std::string_view comment);

// The steps `rights` allow on a submission in `status`, as codes of Actions().
std::vector<std::string> StepsFor(std::string_view status, const Rights& rights);

// The completeness state of a submission: not_started (status ""), draft, submitted_on_time or
// submitted_late (submitted after due_on), returned, approved.
std::string CompletenessState(std::string_view status, const std::optional<Date>& submitted_on,
                              Date due_on);

}  // namespace ngoaivu::indicators
