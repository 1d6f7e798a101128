#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/code.hpp"
#include "base/date.hpp"

namespace ngoaivu::indicators {

// Indicators (chỉ tiêu), reporting rounds and submissions (docs/decisions/0008). Values are kept
// as value_milli: the value × 1000, an integer, whatever the unit.

// The closed lists, with their names (codes stored in the database and used in the API).
const std::vector<Code>& Units();          // usd_million, vnd_billion, count, percent, person
const std::vector<Code>& Aggregations();   // sum, average, last
const std::vector<Code>& Periodicities();  // month, quarter, year
const std::vector<Code>& Sources();        // entered, counted
const std::vector<Code>& CountedKeys();    // decision 0008's table: agreements_signed ...
const std::vector<Code>& Statuses();       // draft, submitted, approved, returned
const std::vector<Code>& Actions();        // submit, approve, return, reopen
// The states of a province in a round's completeness: not_started, draft, submitted_on_time,
// submitted_late, returned, approved.
const std::vector<Code>& CompletenessStates();

enum class Aggregation { kSum, kAverage, kLast };
enum class Periodicity { kMonth, kQuarter, kYear };
enum class Status { kDraft, kSubmitted, kApproved, kReturned };
enum class Action { kSubmit, kApprove, kReturn, kReopen };

// A definition as an administrator writes it.
struct IndicatorFields {
    std::string code;  // [a-z0-9_]{2,40}
    std::string name_vi;
    std::string name_en;
    std::string unit;
    std::string aggregation;
    std::string periodicity;
    std::string source;        // entered | counted
    std::string counted_from;  // a key of CountedKeys() for counted ones, else ""
    int decimals = 0;          // 0-3
    std::optional<std::int64_t> min_milli;
    std::optional<std::int64_t> max_milli;
    bool required = false;
    std::string description_vi;
    std::string description_en;
    int sort_order = 0;
    bool active = true;
};

struct Indicator {
    std::int64_t id = 0;
    IndicatorFields fields;
    std::int64_t version = 1;
    bool used = false;  // a round asks for it, or a value exists: unit, aggregation and
                        // periodicity are then fixed
    std::string created_at;
    std::string updated_at;
};

// A reporting round.
struct RoundFields {
    std::string periodicity;
    int year = 0;
    int number = 1;  // month 1-12, quarter 1-4, year 1
    std::optional<Date> due_on;
    std::vector<std::string> codes;  // empty: every active entered indicator of the periodicity
    std::string note;
};

struct Round {
    std::int64_t id = 0;
    std::string periodicity;
    int year = 0;
    int number = 1;
    Date starts_on = Date::FromDays(0);
    Date ends_on = Date::FromDays(0);
    Date due_on = Date::FromDays(0);
    int generation = 2;  // the provinces in force on ends_on
    std::string note;
    std::string created_at;
    std::vector<Indicator> indicators;  // asked for, in order (filled by Get)
    // Filled by lists: how many provinces have submitted (submitted or approved) and approved.
    int submitted = 0;
    int approved = 0;
};

// A provincial unit as the module needs it.
struct UnitInfo {
    std::int64_t id = 0;
    std::string code;
    std::string name_vi;
    std::string short_name_vi;
    std::string name_en;
    int generation = 2;
    std::int64_t current_id = 0;  // itself, or its 2025 successor
};

struct ValueCell {
    std::int64_t indicator_id = 0;
    std::optional<std::int64_t> value_milli;
    std::string comment;
    std::string source;
};

struct HistoryEntry {
    std::string action;  // save or a code of Actions()
    std::string from_status;
    std::string to_status;
    std::string comment;
    std::string user_login;
    std::string recorded_at;
};

struct Submission {
    std::int64_t id = 0;  // 0: not started (no row yet)
    std::int64_t round_id = 0;
    std::int64_t admin_unit_id = 0;
    std::string status;  // "" when not started
    std::optional<std::string> submitted_at;
    std::optional<Date> submitted_on;
    std::optional<std::string> decided_at;
    std::string comment;
    std::int64_t version = 0;
    std::vector<ValueCell> values;
    std::vector<HistoryEntry> history;  // oldest first
};

// A submission's grid: the round, the unit, the submission (id 0 when not started) and what the
// actor may do with it.
struct Grid {
    Round round;
    UnitInfo unit;
    Submission submission;
    bool editable = false;
    std::vector<std::string> steps;  // codes of Actions() the actor may take now
};

// One typed cell of a grid save: the value as text ("1.234,5", "1,234.5", "1234.5" or "").
struct CellInput {
    std::string code;
    std::string value;
    std::string comment;
    std::string source;
};

struct SaveGridRequest {
    std::int64_t version = 0;  // the submission's version as read (0 when not started)
    std::vector<CellInput> cells;
    std::string lang = "vi";  // how an ambiguous "1.234" reads (rules: ParseValue)
};

struct StepRequest {
    std::string action;
    std::string comment;
    std::optional<std::int64_t> version;
};

// Completeness of a round.
struct CompletenessRow {
    UnitInfo unit;
    std::string state;  // a code of CompletenessStates()
    std::int64_t submission_id = 0;
    std::optional<std::string> submitted_at;
    std::optional<Date> submitted_on;
};
struct Completeness {
    Round round;
    std::vector<CompletenessRow> rows;
    std::vector<std::pair<std::string, int>> counts;  // every state, in CompletenessStates() order
};

// The yearly values every other view reads (IndicatorService::YearlyValues).
struct YearlyValuesRequest {
    std::vector<std::string> codes; /* empty: all active */
    int from_year = 0;
    int to_year = 0;
    int generation = 2; /* 1: by the 63 old units, 2: by today's 34 */
    std::optional<std::int64_t> unit_id;
    bool approved_only = true;
};
struct YearValue {
    std::string code;
    std::int64_t unit_id = 0;
    int year = 0;
    std::int64_t value_milli = 0;
    bool split_impossible = false; /* gen 1 asked, value belongs to a new unit */
};

}  // namespace ngoaivu::indicators
