#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.hpp"
#include "base/deadlines.hpp"
#include "base/result.hpp"
#include "base/working_days.hpp"
#include "modules/events/event.hpp"

namespace ngoaivu::events {

// The rules of events that need neither the database nor HTTP: what a valid event is, who
// permits an international conference and when, the legal deadlines, the workflow steps and the
// yearly reporting period. All functions are pure and thread-safe.

// The periods of Decision 06/2020/QĐ-TTg (LAW-AND-PRACTICE.md §3.2).
inline constexpr int kPmLeadDays = 40;        // request ≥ 40 days ahead when the PM decides
inline constexpr int kLeadDays = 30;          // ≥ 30 days ahead when a chairman/minister decides
inline constexpr int kConsultationDays = 15;  // consulted bodies reply within 15 days
inline constexpr int kResultReportDays = 15;  // the result report (Form 02), 15 days after
inline constexpr int kYearlyReportDueDay = 18;    // the yearly report (Form 03) by 18 December
inline constexpr int kReportPeriodFirstDay = 15;  // the period runs from 15 December ...
inline constexpr int kReportPeriodLastDay = 14;   // ... to 14 December
// The bodies the competent person consults when the Prime Minister decides.
inline constexpr const char* kMofaBody = "Bộ Ngoại giao";
inline constexpr const char* kMpsBody = "Bộ Công an";

// The limits ValidateFields applies, in characters (code points) or items.
inline constexpr std::size_t kMaxTitleChars = 500;
inline constexpr std::size_t kMaxThemeChars = 2000;
inline constexpr std::size_t kMaxVenueChars = 500;
inline constexpr std::size_t kMaxNameChars = 300;  // organisers, bridge points, people, bodies
inline constexpr std::size_t kMaxFundingChars = 1000;
inline constexpr std::size_t kMaxNoteChars = 5000;
inline constexpr std::size_t kMaxAwardNoteChars = 1000;
inline constexpr std::size_t kMaxUrlChars = 2000;
inline constexpr std::size_t kMaxOutletChars = 200;
inline constexpr std::size_t kMaxDecisionRefChars = 200;
inline constexpr std::size_t kMaxOrganisers = 50;
inline constexpr std::size_t kMaxBridgePoints = 5000;  // a national online conference may reach
                                                       // every commune (3,321 since 07/2025)
inline constexpr std::size_t kMaxUnits = 100;
inline constexpr std::size_t kMaxCountries = 250;
inline constexpr std::size_t kMaxSessions = 200;
inline constexpr std::size_t kMaxPeoplePerSession = 100;
inline constexpr std::size_t kMaxAwards = 2000;
inline constexpr std::size_t kMaxPressLinks = 500;
inline constexpr std::int64_t kMaxParticipants = 10'000'000;
inline constexpr int kMaxDurationDays = 366;
inline constexpr int kMaxOrdinal = 1000;
inline constexpr int kFirstYear = 1945;    // the Ministry of Foreign Affairs was founded
inline constexpr int kMaxYearsAhead = 10;  // an event planned further ahead is a typo

// `f` with every text in NFC and trimmed (invalid UTF-8 is kept as it is, for ValidateFields to
// report), blank entries of the text lists (organisers, chairs, speakers) dropped, country codes
// in upper case, and duplicates removed from the code and id lists (the order is kept: the first
// province owns the record).
EventFields NormalizeFields(EventFields f);

// Checks `f` (normalised first: blank or padded text counts as given) against every rule of an
// event; `today` bounds the dates (starts_on from 01/01/1945 to today + 10 years, press articles
// not published after today). On failure a kInvalidArgument error whose `field` is the first
// problem and whose `fields` lists all of them, in both languages. The field names are those of
// the JSON API: "title_vi", "ends_on", "participants.foreign", "sessions[0].day",
// "press_links[2].url" ...
Result<void> ValidateFields(const EventFields& f, Date today);

// One reason of WhoDecides, for the page to say why.
struct CompetenceReason {
    std::string code;    // a code of CompetenceReasons()
    std::string detail;  // the topic or the rank code behind it, empty when none
    std::string message_vi;
    std::string message_en;
};

// Who permits the event, and why.
struct Competence {
    Decider decider = Decider::kNone;
    std::vector<CompetenceReason> reasons;  // never empty
};

// The competent person of Decision 06/2020 for `f`. Only international conferences and seminars
// (type international_conference) need permission; every other type is kNone (reason
// not_conference). The Prime Minister permits one when the highest foreign rank is ministerial
// or higher (head_of_state_or_government, minister_or_higher), or it touches a sensitive topic,
// or it involves state secrets (the state_secret flag): one reason for each of these that holds.
// Otherwise a national event is permitted by the minister of the hosting ministry (reason
// national) and a provincial one by the provincial chairman (reason provincial).
Competence WhoDecides(const EventFields& f);

// The lead time of a request: 40 days for the Prime Minister, 30 for a chairman or a minister,
// 0 for kNone.
int LeadDays(Decider d);

// Something the user should know, which does not stop the step.
struct Warning {
    std::string code;                    // "late_request"
    int days_short = 0;                  // how many days later than the law allows
    Date latest_on = Date::FromDays(0);  // the last day the request was on time
    std::string message_vi;
    std::string message_en;
};

// A warning when a request for permission received on `requested_on` is late: later than
// LeadDays(WhoDecides(f).decider) days before f.starts_on. Exactly 40 (or 30) days before is on
// time. nullopt when on time or when no permission is needed. The messages give the dates as
// dd/mm/yyyy, the lead time, who decides, and how many days short the request is.
std::optional<Warning> LateRequest(const EventFields& f, Date requested_on);

// The last day of a consulted body's reply to a request sent on `sent_on`: "15 ngày", calendar
// days counted from the next day, ending on the next working day when the 15th is a day off
// (Civil Code 2015 Art. 147–148, WorkingCalendar::AddCalendarDays).
Date ConsultationDue(Date sent_on, const WorkingCalendar& calendar);

// The last day of the result report of an event whose last day is `last_day`, by the same rule.
Date ResultReportDue(Date last_day, const WorkingCalendar& calendar);

// Who receives the result report (Form 02) of an event permitted by `d`: the agency of the
// competent person ("Ủy ban nhân dân tỉnh", or the permitting ministry for a national event), with
// a copy to MOFA when the Prime Minister permitted it. The body of the kResultReport deadline
// PlanStep opens on "mark_held".
std::string ResultReportBody(Decider d, bool national);

// The yearly report to MOFA (Form 03): the events of 15 December of the previous year to
// 14 December, due on 18 December (a fixed date, not a period, so not moved off a weekend).
struct ReportPeriod {
    int year = 0;  // the report's year: the year in which the period ends
    Date from = Date::FromDays(0);
    Date to = Date::FromDays(0);
    Date due_on = Date::FromDays(0);
    bool Contains(Date d) const { return from <= d && d <= to; }
};

// The period of the report of `year` (15/12/(year-1) to 14/12/year, due 18/12/year).
ReportPeriod YearlyReportPeriod(int year);

// The year of the report that counts an event held on `event_day` (pass its first day): the
// same year up to 14 December, the next one from 15 December (20/12/2024 → 2025).
int ReportYearOf(Date event_day);

// One workflow step as the user asks for it. Which members count depends on the action.
struct StepRequest {
    std::string action;               // a code of Actions() other than create and edit
    std::optional<Date> date;         // the day it happened (required, not in the future)
    std::vector<std::string> bodies;  // open_consultations: the bodies consulted
    std::string body;                 // record_reply: which body replied
    std::string outcome;              // record_reply: agree|disagree|comments
    std::string decision_ref;         // approve, reject: number and date of the decision
    std::string note;
};

// A deadline a step closes.
using ClosedDeadline = ngoaivu::ClosedDeadline;

// What a step does, computed from the event as stored without touching the database; the
// service writes it in one transaction.
struct StepPlan {
    Status from = Status::kPlanned;
    Status to = Status::kPlanned;
    Date date = Date::FromDays(0);
    std::vector<Deadline> open;         // new deadlines (ids and event id unset)
    std::vector<ClosedDeadline> close;  // deadlines closed on `date`
    // Fields of the record the step sets (unset: unchanged).
    std::optional<Decider> decider;
    std::optional<Date> requested_on;
    std::optional<std::string> decision_ref;
    std::optional<Date> decided_on;
    std::optional<Date> report_due_on;
    std::optional<Date> reported_on;
    std::vector<Warning> warnings;  // e.g. a late request; the step is still allowed
};

// Checks that `req` may happen to `current` on its date and computes its effect. Errors are
// kInvalidArgument naming the field ("action", "date", "bodies", "body", "outcome",
// "decision_ref") or kFailedPrecondition when the event's state forbids the step (approving a
// Prime Minister's event that was not submitted to him, marking held an event that needs
// permission and has none ...), always in both languages.
Result<StepPlan> PlanStep(const EventDetail& current, const StepRequest& req,
                          const WorkingCalendar& calendar, Date today);

// The earliest due date among the open deadlines, if any.
std::optional<Date> NextDue(const std::vector<Deadline>& deadlines);

// The latest due date among the open consultations, if any (when every opinion is due).
std::optional<Date> ConsultationDueOn(const std::vector<Deadline>& deadlines);

}  // namespace ngoaivu::events
