#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.hpp"
#include "base/result.hpp"
#include "base/working_days.hpp"
#include "modules/delegations/delegation.hpp"

namespace ngoaivu::delegations {

// Limits of a delegation's description. A trip longer than kMaxDurationDays is a typo in a date
// far more often than a real mission (long stays abroad are study or secondment, not
// delegations), so it is refused rather than stored.
inline constexpr int kMaxDurationDays = 90;  // from starts_on to ends_on, both counted
inline constexpr int kMinReportDueDays = 1;
inline constexpr int kMaxReportDueDays = 60;
inline constexpr std::size_t kMaxTitleChars = 500;
inline constexpr std::size_t kMaxMembers = 200;
inline constexpr std::size_t kMaxProgrammeItems = 500;
// A start date more than this many years after today is a typo ("2205"), and one before 1945 (the
// founding of the Democratic Republic of Viet Nam's diplomacy) cannot be a delegation of ours.
inline constexpr int kMaxYearsAhead = 5;
inline constexpr int kEarliestYear = 1945;

// Checks the description of a delegation; `today` bounds the plausible dates. Returns OK, or
// kInvalidArgument whose `field` names the first problem and whose `fields` lists every problem,
// each in Vietnamese and English. Field names are those of DelegationFields, with the index of
// a list entry: "title", "direction", "level", "funding", "admin_unit_ids", "partner_ids",
// "countries", "purpose", "starts_on", "ends_on", "head.name", "head.nationality",
// "members[2].name", "members[0].role", "programme[1].day", "report_due_days", "note" ...
// Rules: title required, at most 500 characters; direction, level and funding in their lists;
// ends_on not before starts_on and at most 90 days in all; the head's name required, and every
// member's; for an inbound delegation every person's nationality is required, and any given
// nationality or country is 2 upper-case letters; programme days inside [starts_on, ends_on];
// report_due_days 1 to 60; at least one province. Whether the ids exist is the service's check.
// Thread-safe.
Result<void> ValidateFields(const DelegationFields& fields, Date today);

// Checks the outcomes of a delegation (for the "record_outcomes" step and for later updates of
// follow-ups). kInvalidArgument naming "agreement_ids", "commitments", "follow_ups[i].description",
// "follow_ups[i].status", "follow_ups[i].done_on" ... Whether the agreements exist is the
// service's check. Thread-safe.
Result<void> ValidateOutcome(const Outcome& outcome, Date today);

// One workflow step as the user asks for it. Which members count depends on the action.
struct StepRequest {
    std::string action;               // a code of Actions() other than create and edit
    std::optional<Date> date;         // the day it happened (required, not in the future)
    std::string decision_ref;         // approve, reject: number and date of the decision
    std::string note;                 // reject, cancel, reopen: the reason (required)
    std::optional<Date> departed_on;  // return from "approved": the first day of the trip
                                      // (default: the planned starts_on)
    std::string report_summary;       // submit_report (required)
    std::optional<Outcome> outcome;   // record_outcomes (required)
};

// What a step does, computed from the delegation as stored without touching the database; the
// service writes it, with a history Event (from, to, date, note), in one transaction.
struct StepPlan {
    Status from = Status::kProposed;
    Status to = Status::kProposed;
    Date date = Date::FromDays(0);
    // Fields of the delegation the step sets (unset: unchanged).
    std::optional<std::string> decision_ref;
    std::optional<Date> decided_on;
    bool clear_decision = false;  // reopen: decision_ref, decided_on, decided_by_login emptied
    std::optional<Date> departed_on;
    std::optional<Date> returned_on;
    std::optional<Date> report_due_on;
    std::optional<Date> reported_on;
    std::optional<std::string> report_summary;
    std::optional<Outcome> outcome;  // replaces the stored outcomes
};

// Checks that `req` may happen to `current` on its date and computes its effect. Errors are
// kInvalidArgument naming the field ("action", "date", "decision_ref", "note", "departed_on",
// "report_summary", "outcome" or an outcome's field) or kFailedPrecondition, with field
// "action", when the delegation's state forbids the step (approving a rejected delegation,
// departing before approval ...), always in both languages. Dates: a step may not be in the
// future, nor before the latest step of the history; a departure not before the decision; a
// return not before the departure; a report not before the return. The report is due
// ReportDueOn(return date, fields.report_due_days). Thread-safe.
Result<StepPlan> PlanStep(const DelegationDetail& current, const StepRequest& req,
                          const WorkingCalendar& calendar, Date today);

// The last day for the report of a delegation that returned on `returned_on`: `days` calendar
// days later, moved to the next working day when that day is a weekend day or a holiday
// (WorkingCalendar::AddCalendarDays: Civil Code 2015 Art. 147–148). `days` must be >= 0.
Date ReportDueOn(Date returned_on, int days, const WorkingCalendar& calendar);

// True when the delegation has returned, its report is not submitted, and the report's last day
// (report_due_on) is before `today`. The due day itself is not overdue.
bool IsReportOverdue(const Delegation& delegation, Date today);

// A person who would be in two delegations on the same day(s).
struct Overlap {
    std::int64_t delegation_id = 0;  // the candidate (0 when not yet stored)
    std::string person_name;         // as written in the candidate
    std::string person_title;
    bool is_head = false;       // head of the candidate
    std::int64_t other_id = 0;  // the other delegation
    std::string other_title;    // the other delegation's title
    Status other_status = Status::kProposed;
    Date other_starts_on = Date::FromDays(0);
    Date other_ends_on = Date::FromDays(0);
    std::string other_person_name;  // as written in the other delegation
    std::string other_person_title;
    Date first_day = Date::FromDays(0);  // the days both delegations share, inclusive
    Date last_day = Date::FromDays(0);
};

// Whether two people are the same person for overlap detection. Names are compared folded
// (text::Fold: no diacritics, lower case, spaces collapsed), without punctuation and without a
// leading courtesy word ("Ông", "Bà", "Mr", "Mrs", "Ms", "Dr"); an empty name matches nobody.
// When both have a title, the titles must agree too: folded, without punctuation, with "UBND",
// "HĐND" and "TP" spelled out, one title's words must begin the other's ("Chủ tịch" agrees with
// "Chủ tịch UBND tỉnh Đồng Nai", not with "Phó Chủ tịch UBND tỉnh"). The title keeps two
// namesakes apart; the prefix rule tolerates a title written shorter or longer.
bool SamePerson(const Person& a, const Person& b);

// The name as SamePerson compares it, as one string ("nguyen van an" for "Ông Nguyễn Văn An."):
// stored beside each person, so that the candidates of an overlap check are found by an index.
// Two people with the same PersonKey may still differ by title (SamePerson decides).
std::string PersonKey(std::string_view name);

// The people of `candidate` (its head and every member) who are also in another delegation of
// `others` whose planned dates [starts_on, ends_on] share at least one day with the candidate's
// (inclusive: a trip ending on the day another starts overlaps it). Others that are rejected or
// cancelled (IsLive false), or have the candidate's id (when not 0), are skipped. Every person is
// checked, not only the leaders: nobody can be in two delegations at once, and a title-based
// "leader" rule would miss the leaders whose titles are written unusually. One Overlap per
// person and other delegation, in the order of `others`, then of the candidate's people.
std::vector<Overlap> FindOverlaps(const Delegation& candidate,
                                  const std::vector<Delegation>& others);

// Every overlap among `delegations` (for the flag shown before approval on a list): each pair of
// live delegations sharing a person and a day gives one Overlap per shared person, with
// `delegation_id` the one that starts first (the lower index on a tie). Sorted by first_day,
// then delegation_id, then other_id. O(n log n) plus the pairs whose dates overlap.
std::vector<Overlap> FindOverlapPairs(const std::vector<Delegation>& delegations);

}  // namespace ngoaivu::delegations
