#include "modules/agreements/agreement_workflow.hpp"

#include <algorithm>
#include <set>

#include "base/field_problems.hpp"
#include "base/input.hpp"
#include "base/text.hpp"

namespace ngoaivu::agreements {

namespace {

Error Invalid(std::string field, std::string vi, std::string en) {
    return Error::InvalidArgument(std::move(field), std::move(vi), std::move(en));
}

Error WrongState(const AgreementDetail& current, std::string_view action) {
    return StepNotPossible(Actions(), action, Statuses(), StatusCode(current.agreement.status),
                           "thỏa thuận", "the agreement");
}

std::vector<const Deadline*> OpenOf(const AgreementDetail& d, DeadlineKind kind) {
    std::vector<const Deadline*> out;
    for (const auto& dl : d.deadlines) {
        if (dl.kind == kind && dl.open())
            out.push_back(&dl);
    }
    std::sort(out.begin(), out.end(), [](const Deadline* a, const Deadline* b) {
        return a->due_on != b->due_on ? a->due_on < b->due_on : a->id < b->id;
    });
    return out;
}

bool AnyClosedWith(const AgreementDetail& d, DeadlineKind kind, std::string_view outcome) {
    return std::any_of(d.deadlines.begin(), d.deadlines.end(), [&](const Deadline& dl) {
        return dl.kind == kind && !dl.open() && dl.outcome == outcome;
    });
}

Deadline NewDeadline(DeadlineKind kind, std::string body, Date opened, Date due) {
    Deadline d;
    d.kind = kind;
    d.body = std::move(body);
    d.opened_on = opened;
    d.due_on = due;
    return d;
}

std::string Display(Date d) {
    return d.ToDisplay();
}

}  // namespace

std::optional<Date> NextDue(const std::vector<Deadline>& deadlines) {
    return EarliestOpenDue(deadlines);
}

Result<StepPlan> PlanStep(const AgreementDetail& current, const StepRequest& req,
                          const WorkingCalendar& calendar, Date today) {
    const Agreement& a = current.agreement;
    if (!FindCode(Actions(), req.action) || req.action == "create" || req.action == "register" ||
        req.action == "edit") {
        return Invalid("action", "Bước xử lý \"" + req.action + "\" không hợp lệ.",
                       "\"" + req.action + "\" is not a workflow step.");
    }
    const std::string& action = req.action;
    // Steps that follow the sequence of the procedure may not be dated before the last step of
    // the history; replies and reports only need to follow the step that asked for them.
    const bool sequential =
        action != "record_opinion" && action != "report_mofa" && action != "notify_mofa";
    auto checked = CheckStepDate(req.date, today,
                                 sequential ? LatestHappenedOn(current.events) : std::nullopt);
    if (!checked)
        return checked.error();
    const Date date = *checked;

    StepPlan plan;
    plan.from = a.status;
    plan.to = a.status;
    plan.date = date;

    if (a.signed_on && date < *a.signed_on &&
        (action == "enter_into_force" || action == "report_mofa")) {
        return Invalid("date",
                       "Ngày " + Display(date) + " trước ngày ký " + Display(*a.signed_on) + ".",
                       "The date " + Display(date) + " is before the signing date " +
                           Display(*a.signed_on) + ".");
    }

    auto notify = [&](Status to) {
        plan.to = to;
        plan.open.push_back(NewDeadline(DeadlineKind::kNotifyMofa, kMofaBody, date,
                                        calendar.AddCalendarDays(date, kNotifyMofaDays)));
    };

    if (action == "request_opinions") {
        if (a.status != Status::kDraft)
            return WrongState(current, action);
        std::vector<std::string> bodies;
        std::set<std::string> seen;
        bodies.emplace_back(kMofaBody);
        seen.insert(text::Fold(kMofaBody));
        for (const auto& b : req.bodies) {
            std::string name = CleanInput(b);
            if (name.empty())
                continue;
            if (name.size() > 300) {
                return Invalid("bodies", "Tên cơ quan được lấy ý kiến dài quá 300 ký tự.",
                               "A consulted body's name is longer than 300 characters.");
            }
            if (seen.insert(text::Fold(name)).second)
                bodies.push_back(name);
        }
        if (a.fields.procedure == "shortened" && CleanInput(a.fields.shortened_reason).empty()) {
            return Invalid("shortened_reason",
                           "Thủ tục rút gọn cần nêu lý do (Điều 35 Luật Thỏa thuận quốc tế).",
                           "The shortened procedure needs its reason (Law 70/2020 Art. 35).");
        }
        int days =
            a.fields.procedure == "shortened" ? kShortenedOpinionWorkingDays : kOpinionWorkingDays;
        Date due = calendar.AddWorkingDays(date, days);
        for (auto& b : bodies)
            plan.open.push_back(NewDeadline(DeadlineKind::kOpinion, b, date, due));
        plan.to = Status::kConsulting;
    } else if (action == "record_opinion") {
        if (a.status != Status::kConsulting)
            return WrongState(current, action);
        if (req.outcome != "agree" && req.outcome != "disagree" && req.outcome != "comments") {
            return Invalid("outcome", "Ý kiến phải là: đồng ý, không đồng ý hoặc góp ý.",
                           "The opinion must be agree, disagree or comments.");
        }
        std::string body = CleanInput(req.body);
        const Deadline* match = nullptr;
        for (const Deadline* d : OpenOf(current, DeadlineKind::kOpinion)) {
            if (text::Fold(d->body) == text::Fold(body))
                match = d;
        }
        if (!match) {
            return Invalid("body",
                           "Không có yêu cầu lấy ý kiến nào đang chờ cơ quan \"" + body + "\".",
                           "No request for opinions is waiting for \"" + body + "\".");
        }
        if (date < match->opened_on) {
            return Invalid("date",
                           "Ngày nhận ý kiến " + Display(date) + " trước ngày gửi lấy ý kiến " +
                               Display(match->opened_on) + ".",
                           "The opinion's date " + Display(date) +
                               " is before the request was sent (" + Display(match->opened_on) +
                               ").");
        }
        plan.close.push_back({match->id, req.outcome, CleanInput(req.note)});
    } else if (action == "refer_pm") {
        if (a.status != Status::kConsulting)
            return WrongState(current, action);
        if (!OpenOf(current, DeadlineKind::kOpinion).empty()) {
            return Error::FailedPrecondition(
                "Còn cơ quan chưa gửi ý kiến: chỉ trình Thủ tướng khi đã nhận đủ ý kiến.",
                "Some opinions have not arrived: refer to the Prime Minister once all are in.");
        }
        if (!AnyClosedWith(current, DeadlineKind::kOpinion, "disagree")) {
            return Error::FailedPrecondition(
                "Không có cơ quan nào không đồng ý: không cần trình Thủ tướng.",
                "No consulted body disagrees: no referral to the Prime Minister is needed.");
        }
        plan.open.push_back(NewDeadline(DeadlineKind::kPmReply, "Thủ tướng Chính phủ", date,
                                        calendar.AddWorkingDays(date, kPmReplyWorkingDays)));
        plan.to = Status::kReferredPm;
    } else if (action == "record_pm_reply") {
        if (a.status != Status::kReferredPm)
            return WrongState(current, action);
        auto open = OpenOf(current, DeadlineKind::kPmReply);
        if (open.empty())
            return WrongState(current, action);
        if (req.outcome != "consent" && req.outcome != "refuse") {
            return Invalid("outcome", "Ý kiến của Thủ tướng phải là: đồng ý hoặc không đồng ý.",
                           "The Prime Minister's reply must be consent or refuse.");
        }
        plan.close.push_back({open.front()->id, req.outcome, CleanInput(req.note)});
        if (req.outcome == "refuse")
            plan.to = Status::kAbandoned;
    } else if (action == "decide") {
        if (a.status == Status::kConsulting) {
            if (!OpenOf(current, DeadlineKind::kOpinion).empty()) {
                return Error::FailedPrecondition(
                    "Chưa nhận đủ ý kiến của các cơ quan được lấy ý kiến: chưa thể quyết định ký.",
                    "Not every consulted body has replied: signing cannot be decided yet.");
            }
            if (AnyClosedWith(current, DeadlineKind::kOpinion, "disagree")) {
                return Error::FailedPrecondition(
                    "Có cơ quan không đồng ý: phải trình Thủ tướng Chính phủ trước khi ký "
                    "(khoản 4 Điều 19 Luật Thỏa thuận quốc tế).",
                    "A consulted body disagrees: the Prime Minister must consent first (Law "
                    "70/2020 Art. 19(4)).");
            }
        } else if (a.status == Status::kReferredPm) {
            if (!AnyClosedWith(current, DeadlineKind::kPmReply, "consent")) {
                return Error::FailedPrecondition(
                    "Chưa có ý kiến đồng ý của Thủ tướng Chính phủ: chưa thể quyết định ký.",
                    "The Prime Minister has not consented: signing cannot be decided yet.");
            }
        } else {
            return WrongState(current, action);
        }
        std::string ref = CleanInput(req.decision_ref);
        if (ref.empty() || ref.size() > 200) {
            return Invalid("decision_ref",
                           "Cần số, ngày của văn bản quyết định cho phép ký (tối đa 200 ký tự).",
                           "The number and date of the decision permitting signature is required "
                           "(at most 200 characters).");
        }
        plan.decision_ref = ref;
        plan.to = Status::kApproved;
    } else if (action == "sign") {
        if (a.status == Status::kDraft || a.status == Status::kConsulting ||
            a.status == Status::kReferredPm) {
            return Error::FailedPrecondition(
                "Chưa thể ký: cần nhận đủ ý kiến và có quyết định cho phép ký trước.",
                "Not yet possible to sign: every opinion and the decision permitting signature "
                "must come first.");
        }
        if (a.status != Status::kApproved)
            return WrongState(current, action);
        std::string vn = CleanInput(req.signatory_vn);
        if (vn.empty() || vn.size() > 300) {
            return Invalid("signatory_vn",
                           "Cần họ tên, chức vụ người ký phía Việt Nam (tối đa 300 ký tự).",
                           "The Vietnamese signatory's name and title are required (at most 300 "
                           "characters).");
        }
        plan.signed_on = date;
        plan.signed_place = CleanInput(req.signed_place);
        plan.signatory_vn = vn;
        plan.signatory_foreign = CleanInput(req.signatory_foreign);
        plan.open.push_back(NewDeadline(DeadlineKind::kReportMofa, kMofaBody, date,
                                        calendar.AddCalendarDays(date, kReportMofaDays)));
        plan.to = Status::kSigned;
    } else if (action == "report_mofa") {
        auto open = OpenOf(current, DeadlineKind::kReportMofa);
        if (open.empty()) {
            return Error::FailedPrecondition(
                "Không có báo cáo nào đang chờ gửi Bộ Ngoại giao cho thỏa thuận này.",
                "No report to MOFA is waiting for this agreement.");
        }
        plan.close.push_back({open.front()->id, "done", CleanInput(req.note)});
    } else if (action == "enter_into_force") {
        if (a.status != Status::kSigned)
            return WrongState(current, action);
        if (req.expires_on && *req.expires_on <= date) {
            return Invalid("expires_on", "Ngày hết hiệu lực phải sau ngày có hiệu lực.",
                           "The expiry date must be after the date of entry into force.");
        }
        plan.effective_on = date;
        if (req.expires_on) {
            plan.expires_on = req.expires_on;
        } else if (a.fields.term_months) {
            Date end = date;
            int months = *a.fields.term_months;
            int y = date.year() + (date.month() - 1 + months) / 12;
            int m = (date.month() - 1 + months) % 12 + 1;
            int d = date.day();
            while (!Date::FromYmd(y, m, d))
                --d;
            end = *Date::FromYmd(y, m, d);
            plan.expires_on = std::optional<Date>(end);
        }
        plan.to = Status::kInForce;
    } else if (action == "amend" || action == "renew") {
        if (a.status != Status::kInForce)
            return WrongState(current, action);
        if (action == "renew") {
            if (!req.expires_on) {
                return Invalid("expires_on", "Gia hạn cần ngày hết hiệu lực mới.",
                               "A renewal needs the new expiry date.");
            }
            if (*req.expires_on <= date || (a.expires_on && *req.expires_on <= *a.expires_on)) {
                return Invalid("expires_on",
                               "Ngày hết hiệu lực mới phải sau ngày gia hạn và sau hạn cũ.",
                               "The new expiry date must be after the renewal and the old one.");
            }
            plan.expires_on = req.expires_on;
        }
        notify(Status::kInForce);
    } else if (action == "suspend") {
        if (a.status != Status::kInForce)
            return WrongState(current, action);
        notify(Status::kSuspended);
    } else if (action == "resume") {
        if (a.status != Status::kSuspended)
            return WrongState(current, action);
        notify(Status::kInForce);
    } else if (action == "terminate") {
        if (a.status != Status::kInForce && a.status != Status::kSuspended)
            return WrongState(current, action);
        notify(Status::kTerminated);
    } else if (action == "expire") {
        if (a.status != Status::kInForce)
            return WrongState(current, action);
        notify(Status::kExpired);
    } else if (action == "notify_mofa") {
        auto open = OpenOf(current, DeadlineKind::kNotifyMofa);
        if (open.empty()) {
            return Error::FailedPrecondition(
                "Không có thông báo nào đang chờ gửi Bộ Ngoại giao cho thỏa thuận này.",
                "No notification to MOFA is waiting for this agreement.");
        }
        if (date < open.front()->opened_on) {
            return Invalid("date", "Ngày thông báo trước ngày sự việc có hiệu lực.",
                           "The notification is dated before the change took effect.");
        }
        plan.close.push_back({open.front()->id, "done", CleanInput(req.note)});
    } else if (action == "abandon") {
        if (a.status != Status::kDraft && a.status != Status::kConsulting &&
            a.status != Status::kReferredPm && a.status != Status::kApproved) {
            return WrongState(current, action);
        }
        for (const auto& d : current.deadlines) {
            if (d.open())
                plan.close.push_back({d.id, "cancelled", ""});
        }
        plan.to = Status::kAbandoned;
    }
    return plan;
}

}  // namespace ngoaivu::agreements
