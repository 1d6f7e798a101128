#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/code.hpp"
#include "base/date.hpp"
#include "base/workflow_step.hpp"

namespace ngoaivu::events {

using ngoaivu::Code;
using ngoaivu::FindCode;

// The closed lists. Codes are stored in the database and used in the API and exports; the names
// are shown (issue 6; LAW-AND-PRACTICE.md §3.2 for Decision 06/2020/QĐ-TTg).
const std::vector<Code>& Types();     // international_conference, trade_promotion, exhibition ...
const std::vector<Code>& Formats();   // in_person, online, hybrid
const std::vector<Code>& Statuses();  // planned → requested → consulting → ... → reported
// Who permits an event under Decision 06/2020: prime_minister, minister, provincial_chairman,
// or none for events the decision does not cover (trade fairs, the national conferences ...).
const std::vector<Code>& Deciders();
// Topics that put an international conference in the Prime Minister's hands.
const std::vector<Code>& SensitiveTopics();
// The highest rank among the foreign participants, from the highest down to "none" (no foreign
// participant). The order of the list is the order of the ranks.
const std::vector<Code>& ForeignRanks();
const std::vector<Code>& AwardKinds();  // the medal "Vì sự nghiệp ngoại giao", bằng khen ...
const std::vector<Code>& RecipientKinds();     // person, organisation
const std::vector<Code>& DeadlineKinds();      // consultation, result_report
const std::vector<Code>& Outcomes();           // replies to consultations and deadline closings
const std::vector<Code>& CompetenceReasons();  // why WhoDecides chose its decider
const std::vector<Code>& Actions();            // the workflow steps (request_approval ...)

// The workflow state of an event. The order is the order of Statuses(). The steps
// (event_rules.hpp, PlanStep):
//   an international conference (Decision 06/2020): planned → requested (request_approval) →
//   consulting (open_consultations; optional when the provincial chairman or a minister
//   decides) → submitted_pm (submit_pm, only when the Prime Minister decides) → approved
//   (approve) or rejected (reject) → held (mark_held) → reported (submit_report);
//   any other event: planned → held → reported;
//   planned, requested, consulting, submitted_pm or approved → cancelled (cancel).
enum class Status {
    kPlanned,
    kRequested,    // the organiser asked for permission (the Decision 06 dossier was received)
    kConsulting,   // concerned bodies were asked for their opinions (15 days)
    kSubmittedPm,  // the province submitted the event to the Prime Minister
    kApproved,     // permitted (decision_ref, decided_on)
    kRejected,     // not permitted (decision_ref, decided_on)
    kHeld,         // took place; for Decision 06 events the result report is due
    kReported,     // the result report (Form 02) was submitted
    kCancelled,    // dropped before it took place
};
std::string_view StatusCode(Status s);
std::optional<Status> ParseStatus(std::string_view code);

// The codes of the statuses of an event that took place (held, reported): what the counts of
// events hosted count, in the indicators and the reports alike.
const std::vector<std::string_view>& TookPlaceStatusCodes();

// The competent person of Decision 06/2020. The order is the order of Deciders().
enum class Decider {
    kPrimeMinister,
    kMinister,            // a national event hosted by a ministry (e.g. MOFA)
    kProvincialChairman,  // an event hosted by one or more provinces
    kNone,                // not an international conference or seminar: no permission needed
};
std::string_view DeciderCode(Decider d);
std::optional<Decider> ParseDecider(std::string_view code);

enum class DeadlineKind { kConsultation, kResultReport };
std::string_view DeadlineKindCode(DeadlineKind k);
std::optional<DeadlineKind> ParseDeadlineKind(std::string_view code);

// A site of an online or hybrid event (điểm cầu): the host studio, a province's hall ...
struct BridgePoint {
    std::string name;                           // "Điểm cầu UBND tỉnh Đắk Lắk"
    std::optional<std::int64_t> admin_unit_id;  // the province it is in, when known
};

// One session of the programme. The times are "HH:MM" (24-hour) or empty when not known.
struct Session {
    std::string title;
    Date day = Date::FromDays(0);       // within [starts_on, ends_on]
    std::string starts_at;              // "08:30"
    std::string ends_at;                // "11:30", after starts_at
    std::vector<std::string> chairs;    // "Bộ trưởng Bộ Ngoại giao Bùi Thanh Sơn"
    std::vector<std::string> speakers;  // as free text: name, title, organisation
};

// Who took part: planned figures before the event, actual ones after it. 0 means none (or not
// known yet, for a plan).
struct Participants {
    std::int64_t vietnamese = 0;
    std::int64_t foreign = 0;
    std::string highest_foreign_rank = "none";  // ForeignRanks(); "none" iff foreign == 0
    std::int64_t delegates_in_person = 0;  // e.g. "over 300 delegates in person" (21st conference)
};

// An award handed out at the event (the medal, certificates of merit).
struct Award {
    std::string kind = "other";                     // AwardKinds()
    std::string recipient;                          // the person or the organisation
    std::string recipient_kind = "person";          // RecipientKinds()
    std::optional<std::int64_t> recipient_unit_id;  // the recipient's province, when it has one
    std::string note;
};

// A press article about the event, kept as a source beside the record.
struct PressLink {
    std::string title;
    std::string url;     // http:// or https://
    std::string outlet;  // "Báo Quốc tế", "VnExpress" ...
    std::optional<Date> published_on;
};

// The editable description of an event (what a form or an import row holds), without its
// workflow state. Text is UTF-8; NormalizeFields (event_rules.hpp) brings it to NFC and trims it.
struct EventFields {
    std::string title_vi;
    std::string title_en;
    std::string type = "international_conference";  // Types()
    std::string theme;
    Date starts_on = Date::FromDays(0);  // first day, inclusive
    Date ends_on = Date::FromDays(0);    // last day, inclusive (== starts_on for one day)
    std::string format = "in_person";    // Formats()
    std::string venue;
    std::vector<BridgePoint> bridge_points;  // online and hybrid events only
    std::vector<std::string> organisers;     // at least one (the organiser is the applicant)
    // A national event (the National Conference on Local Foreign Affairs, a Diplomatic
    // Conference, a conference hosted by a ministry) belongs to no province: admin_unit_ids is
    // then empty. Otherwise the hosting province(s), by the boundaries of starts_on; the first
    // one owns the record (scope, counts by province).
    bool national = false;
    std::vector<std::int64_t> admin_unit_ids;
    std::vector<std::string> countries;  // ISO 3166-1 alpha-2 of the foreign participants
    bool foreign_sponsor = false;        // sponsored or funded from abroad (Decision 06 scope)
    std::string funding;                 // the funding source, free text
    Participants participants;
    std::vector<std::string> sensitive_topics;  // SensitiveTopics()
    bool state_secret = false;                  // the content involves state secrets
    std::vector<Session> sessions;
    std::vector<Award> awards;
    std::vector<PressLink> press_links;
    std::string note;
    std::optional<int> ordinal;  // 21 for the 21st National Conference; none when not numbered
};

// An event as stored, with its workflow state.
struct EventRecord {
    std::int64_t id = 0;
    EventFields fields;
    Status status = Status::kPlanned;
    // Fixed when approval is requested (WhoDecides), and again when consultations are opened;
    // kNone for events outside Decision 06/2020.
    Decider decider = Decider::kNone;
    std::optional<Date> requested_on;  // the day the request for permission was received
    std::string decision_ref;          // number and date of the permission or refusal
    std::optional<Date> decided_on;
    std::optional<Date> consultation_due_on;  // the latest due date of the open consultations
    std::optional<Date> report_due_on;        // the result report (Form 02), once held
    std::optional<Date> reported_on;
    std::optional<Date> next_due_on;  // the earliest open deadline
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

// A legal deadline of one event: open until closed_on is set. The same shape as the agreements'
// deadlines, so that both can later share one table.
struct Deadline {
    std::int64_t id = 0;
    std::int64_t event_id = 0;
    DeadlineKind kind = DeadlineKind::kConsultation;
    std::string body;  // the consulted body, or who receives the result report
    Date opened_on = Date::FromDays(0);
    Date due_on = Date::FromDays(0);
    std::optional<Date> closed_on;
    std::string outcome;  // Outcomes()
    std::string note;
    bool open() const { return !closed_on.has_value(); }
    bool overdue(Date today) const { return open() && due_on < today; }
};

// One step of the workflow history (agreements::Event, under a name that does not clash with the
// module's subject).
using HistoryEntry = WorkflowStep;

// An event with everything its page shows.
struct EventDetail {
    EventRecord event;
    std::vector<Deadline> deadlines;
    std::vector<HistoryEntry> history;
};

}  // namespace ngoaivu::events
