#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/code.hpp"
#include "base/date.hpp"
#include "base/workflow_step.hpp"

namespace ngoaivu::delegations {

using ngoaivu::Code;
using ngoaivu::FindCode;

// The closed lists. Codes are stored in the database and used in the API and exports; the names
// are shown (ISSUE 6, LAW-AND-PRACTICE.md §3.1).
const std::vector<Code>& Directions();        // outbound (đoàn ra), inbound (đoàn vào)
const std::vector<Code>& Levels();            // top_leaders, provincial_leaders, department, other
const std::vector<Code>& Statuses();          // proposed → approved → ... → closed
const std::vector<Code>& FundingSources();    // state_budget, inviting_party, enterprise ...
const std::vector<Code>& Actions();           // the workflow steps (approve, depart, return ...)
const std::vector<Code>& DocumentKinds();     // invitation, proposal, approval, report, other
const std::vector<Code>& FollowUpStatuses();  // open, in_progress, done, cancelled
const std::vector<Code>& PersonRoles();       // head, deputy_head, member

// The workflow state of a delegation. The order is the order of Statuses(). The steps
// (delegation_workflow.hpp, PlanStep):
//   proposed → approved (approve) or rejected (reject), by the provincial leader's decision;
//   proposed or approved → cancelled (cancel), before the trip starts;
//   rejected or cancelled → proposed (reopen), to correct a mistake or propose again;
//   approved → in_progress (depart) → returned (return); approved → returned directly when the
//   trip is recorded after the fact;
//   returned → reported (submit_report) → closed (record_outcomes, which may be repeated on a
//   closed delegation to update its outcomes).
// "in_progress" is the trip under way: an outbound delegation has left, an inbound one has
// arrived in the province. "returned" is the trip over with its report not yet submitted; the
// report is due `report_due_days` after the return (Delegation::report_due_on).
enum class Status {
    kProposed,
    kApproved,    // the provincial leader approved it (decision_ref, decided_on)
    kRejected,    // the provincial leader refused it (decision_ref, reason in the history)
    kCancelled,   // dropped before it started
    kInProgress,  // under way: outbound left, inbound arrived
    kReturned,    // over; the report is due
    kReported,    // the report was submitted
    kClosed,      // outcomes recorded
};
std::string_view StatusCode(Status s);
std::optional<Status> ParseStatus(std::string_view code);

// The codes of the statuses of a delegation that was carried out (under way, returned, reported,
// closed): what the counts of delegations out and in count, in the indicators and the reports.
const std::vector<std::string_view>& CarriedOutStatusCodes();

// Whether a delegation in `s` is still planned or carried out, i.e. not rejected or cancelled.
// Only such delegations take up a person's days (overlap detection, calendars, counts).
bool IsLive(Status s);

// The default period for the report after the return: "báo cáo trong vòng 10 ngày sau khi về
// nước" (MOIT 3800/QĐ-BCT, LAW-AND-PRACTICE.md §3.1; provinces' own periods vary, hence
// DelegationFields::report_due_days). Calendar days, not working days.
inline constexpr int kDefaultReportDueDays = 10;

// A member of a delegation. For an inbound delegation `nationality` is required.
struct Person {
    std::string name;             // full name as on the passport or the decision
    std::string title;            // "Chủ tịch UBND tỉnh", "Vice Governor" ...
    std::string organisation;     // "UBND tỉnh Đồng Nai", "Gyeonggi Province" ...
    std::string nationality;      // ISO 3166-1 alpha-2, upper case ("KR"); required for inbound
    std::string role = "member";  // a code of PersonRoles(); the head's is "head"
};

// One entry of the day-by-day programme.
struct ProgrammeItem {
    Date day = Date::FromDays(0);  // within [starts_on, ends_on]
    std::string time;              // free text: "08:30–10:00", "sáng", "cả ngày"
    std::string place;             // city, venue
    std::string activity;          // the meeting or the visit
    std::string partner;           // who is met, as free text (the partner records are linked
                                   // through DelegationFields::partner_ids)
};

// The editable description of a delegation (what a form or an import row holds), without its
// workflow state.
struct DelegationFields {
    std::string title;
    std::string direction = "outbound";  // Directions()
    std::string level = "department";    // Levels()
    // The province(s) involved, as admin_unit ids by the boundaries of the start date; the first
    // one owns the record (scope, counts by province).
    std::vector<std::int64_t> admin_unit_ids;
    std::vector<std::int64_t> partner_ids;  // partners met or inviting
    std::vector<std::string> countries;     // ISO 3166-1 alpha-2: visited (outbound) or of the
                                            // visitors (inbound)
    std::string purpose;
    Date starts_on = Date::FromDays(0);    // planned first day, inclusive
    Date ends_on = Date::FromDays(0);      // planned last day, inclusive
    std::string funding = "state_budget";  // FundingSources()
    Person head{.name = {}, .title = {}, .organisation = {}, .nationality = {}, .role = "head"};
    std::vector<Person> members;  // everyone but the head
    std::vector<ProgrammeItem> programme;
    int report_due_days = kDefaultReportDueDays;  // calendar days after the return
    std::string note;
};

// A delegation as stored, with its workflow state.
struct Delegation {
    std::int64_t id = 0;
    DelegationFields fields;
    std::int64_t current_unit_id = 0;  // the owning province by today's boundaries
    std::string unit_name_vi;          // the owning province as of the start date
    std::string unit_name_en;
    std::string current_unit_name_vi;  // the same province by today's boundaries
    std::string current_unit_name_en;
    Status status = Status::kProposed;
    std::string decision_ref;  // number and date of the approval or refusal
    std::optional<Date> decided_on;
    std::string decided_by_login;     // the account that recorded the decision (set by the service)
    std::optional<Date> departed_on;  // the actual first day (outbound left, inbound arrived)
    std::optional<Date> returned_on;  // the actual last day
    std::optional<Date> report_due_on;
    std::optional<Date> reported_on;
    std::string report_summary;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

// One step of the workflow history.
using Event = WorkflowStep;

// An action decided during the delegation and followed afterwards.
struct FollowUp {
    std::int64_t id = 0;
    std::string description;
    std::string responsible;  // the unit or person in charge, free text
    std::optional<Date> due_on;
    std::string status = "open";  // FollowUpStatuses()
    std::optional<Date> done_on;  // set when status is "done"
    // Open or in progress and past its due date.
    bool overdue(Date today) const {
        return (status == "open" || status == "in_progress") && due_on && *due_on < today;
    }
};

// What a delegation achieved.
struct Outcome {
    std::vector<std::int64_t> agreement_ids;  // agreements signed during it (agreement records)
    std::string commitments;                  // commitments made, free text
    std::vector<FollowUp> follow_ups;
};

// A document of a delegation (an attachment of kind DocumentKinds()).
struct DocumentRef {
    std::int64_t attachment_id = 0;
    std::string kind;  // DocumentKinds()
    std::string filename;
};

// A delegation with everything its page shows.
struct DelegationDetail {
    Delegation delegation;
    std::vector<Event> events;
    Outcome outcome;
    std::vector<DocumentRef> documents;
};

}  // namespace ngoaivu::delegations
