#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.hpp"
#include "base/deadlines.hpp"
#include "base/result.hpp"
#include "base/working_days.hpp"
#include "modules/agreements/agreement.hpp"

namespace ngoaivu::agreements {

// The legal periods (LAW-AND-PRACTICE.md §2.3, §2.7).
inline constexpr int kOpinionWorkingDays = 7;           // Law 70/2020 Art. 19(2)
inline constexpr int kShortenedOpinionWorkingDays = 3;  // Art. 35, 39–40
inline constexpr int kPmReplyWorkingDays = 7;           // Art. 19(4)
inline constexpr int kReportMofaDays = 15;              // Art. 19(5): "15 ngày", calendar days
inline constexpr int kNotifyMofaDays = 15;              // Art. 33(3), 34(5)
// The consulted body every agreement of a province needs (Art. 19(1)).
inline constexpr const char* kMofaBody = "Bộ Ngoại giao";

// One workflow step as the user asks for it. Which members count depends on the action.
struct StepRequest {
    std::string action;               // a code of Actions()
    std::optional<Date> date;         // the day it happened (required, not in the future)
    std::vector<std::string> bodies;  // request_opinions: the consulted bodies
    std::string body;                 // record_opinion: which body replied
    std::string outcome;              // record_opinion: agree|disagree|comments;
                                      // record_pm_reply: consent|refuse
    std::string note;
    std::string decision_ref;        // decide: number and date of the decision
    std::string signed_place;        // sign
    std::string signatory_vn;        // sign
    std::string signatory_foreign;   // sign
    std::optional<Date> expires_on;  // enter_into_force, renew
};

// A deadline a step closes.
using ClosedDeadline = ngoaivu::ClosedDeadline;

// What a step does, computed from the agreement as stored without touching the database; the
// service writes it in one transaction.
struct StepPlan {
    Status from = Status::kDraft;
    Status to = Status::kDraft;
    Date date = Date::FromDays(0);
    std::vector<Deadline> open;         // new deadlines (ids and agreement id unset)
    std::vector<ClosedDeadline> close;  // deadlines closed on `date`
    // Fields of the agreement the step sets (unset: unchanged).
    std::optional<Date> signed_on;
    std::optional<std::string> signed_place;
    std::optional<std::string> signatory_vn;
    std::optional<std::string> signatory_foreign;
    std::optional<std::string> decision_ref;
    std::optional<Date> effective_on;
    std::optional<std::optional<Date>> expires_on;
};

// Checks that `req` may happen to `current` on its date and computes its effect. Errors are
// kInvalidArgument naming the field ("action", "date", "bodies", "body", "outcome",
// "decision_ref", "signatory_vn", "expires_on") or kFailedPrecondition when the agreement's state
// forbids the step (e.g. signing before every opinion has arrived), always in both languages.
Result<StepPlan> PlanStep(const AgreementDetail& current, const StepRequest& req,
                          const WorkingCalendar& calendar, Date today);

// The earliest due date among the open deadlines, if any.
std::optional<Date> NextDue(const std::vector<Deadline>& deadlines);

}  // namespace ngoaivu::agreements
