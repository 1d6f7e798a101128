#include "modules/delegations/delegation_workflow.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>
#include <string_view>
#include <tuple>

#include "base/field_problems.hpp"
#include "base/input.hpp"
#include "base/text.hpp"

namespace ngoaivu::delegations {

namespace {

std::string Display(Date d) {
    return d.ToDisplay();
}

void CheckIds(FieldProblems& p, const std::string& field, const std::vector<std::int64_t>& ids,
              std::string_view label_vi, std::string_view label_en) {
    std::set<std::int64_t> seen;
    for (auto id : ids) {
        if (id <= 0) {
            p.Add(field, std::string(label_vi) + ": mã số " + std::to_string(id) + " không hợp lệ.",
                  std::string(label_en) + ": " + std::to_string(id) + " is not a valid id.");
            return;
        }
        if (!seen.insert(id).second) {
            p.Add(field, std::string(label_vi) + ": mã số " + std::to_string(id) + " bị lặp.",
                  std::string(label_en) + ": " + std::to_string(id) + " is listed twice.");
            return;
        }
    }
}

// Checks one person. `prefix` names the fields ("head", "members[2]"); `who_vi`/`who_en` name the
// person in messages ("trưởng đoàn", "thành viên thứ 3"), numbered from 1 as the form shows them.
void CheckPerson(FieldProblems& p, const Person& person, const std::string& prefix, bool inbound,
                 bool is_head, const std::string& who_vi, const std::string& who_en) {
    p.Text(prefix + ".name", person.name, 200, true, "Họ tên " + who_vi, "The name of " + who_en);
    p.Text(prefix + ".title", person.title, 300, false, "Chức vụ của " + who_vi,
           "The title of " + who_en);
    p.Text(prefix + ".organisation", person.organisation, 300, false, "Cơ quan của " + who_vi,
           "The organisation of " + who_en);
    if (person.nationality.empty()) {
        if (inbound) {
            p.Add(prefix + ".nationality",
                  "Đoàn vào: cần quốc tịch của " + who_vi + " (mã 2 chữ cái, vd. KR, JP).",
                  "Inbound delegation: the nationality of " + who_en +
                      " is required (a 2-letter code, e.g. KR, JP).");
        }
    } else if (!IsAlpha2(person.nationality)) {
        p.Add(
            prefix + ".nationality",
            "Quốc tịch của " + who_vi + " phải là mã 2 chữ cái in hoa (vd. KR, JP).",
            "The nationality of " + who_en + " must be a 2-letter upper-case code (e.g. KR, JP).");
    }
    if (is_head) {
        if (person.role != "head") {
            p.Add(prefix + ".role", "Vai trò của trưởng đoàn phải là \"Trưởng đoàn\".",
                  "The head's role must be \"head\".");
        }
    } else if (person.role == "head") {
        p.Add(prefix + ".role",
              "Mỗi đoàn chỉ có một trưởng đoàn: hãy sửa vai trò của " + who_vi + ".",
              "A delegation has one head only: change the role of " + who_en + ".");
    } else {
        p.InList(prefix + ".role", person.role, PersonRoles(), "Vai trò của " + who_vi,
                 "The role of " + who_en);
    }
}

Error WrongState(const Delegation& d, std::string_view action) {
    return StepNotPossible(Actions(), action, Statuses(), StatusCode(d.status), "đoàn",
                           "the delegation");
}

Result<std::string> DecisionRef(const StepRequest& req) {
    std::string ref = CleanInput(req.decision_ref);
    if (ref.empty() || text::CountChars(ref) > 200) {
        return Error::InvalidArgument(
            "decision_ref",
            "Cần số, ngày của văn bản quyết định của lãnh đạo tỉnh (tối đa 200 ký tự).",
            "The number and date of the provincial leader's decision are required (at most 200 "
            "characters).");
    }
    return ref;
}

Result<void> Reason(const StepRequest& req, std::string_view what_vi, std::string_view what_en) {
    std::string note = CleanInput(req.note);
    if (note.empty() || text::CountChars(note) > 2000) {
        return Error::InvalidArgument(
            "note", "Cần nêu lý do " + std::string(what_vi) + " (tối đa 2000 ký tự).",
            "The reason for " + std::string(what_en) + " is required (at most 2000 characters).");
    }
    return {};
}

// --- Overlap detection ---------------------------------------------------------------------

// The words of `s` folded (no diacritics, lower case). ASCII punctuation separates words, so
// that "Mr. Kim", "Chủ tịch UBND tỉnh," and "Chủ tịch, UBND tỉnh" compare as their words; bytes
// of other scripts (Korean, Japanese names) are kept as they are.
std::vector<std::string> Words(std::string_view s) {
    std::string folded = text::Fold(s);
    for (char& c : folded) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x80 && std::isalnum(u) == 0)
            c = ' ';
    }
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < folded.size()) {
        while (i < folded.size() && folded[i] == ' ')
            ++i;
        std::size_t j = i;
        while (j < folded.size() && folded[j] != ' ')
            ++j;
        if (j > i)
            out.emplace_back(folded.substr(i, j - i));
        i = j;
    }
    return out;
}

std::vector<std::string> NameKey(std::string_view name) {
    static const std::set<std::string, std::less<>> kCourtesy = {"ong", "ba", "mr",
                                                                 "mrs", "ms", "dr"};
    auto words = Words(name);
    if (words.size() > 1 && kCourtesy.contains(words.front()))
        words.erase(words.begin());
    return words;
}

std::vector<std::string> TitleKey(std::string_view title) {
    std::vector<std::string> out;
    for (auto& w : Words(title)) {
        if (w == "ubnd") {
            out.insert(out.end(), {"uy", "ban", "nhan", "dan"});
        } else if (w == "hdnd") {
            out.insert(out.end(), {"hoi", "dong", "nhan", "dan"});
        } else if (w == "tp") {
            out.insert(out.end(), {"thanh", "pho"});
        } else {
            out.push_back(std::move(w));
        }
    }
    return out;
}

bool TitlesAgree(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a.empty() || b.empty())
        return true;
    const auto& shorter = a.size() <= b.size() ? a : b;
    const auto& longer = a.size() <= b.size() ? b : a;
    return std::equal(shorter.begin(), shorter.end(), longer.begin());
}

// A person prepared for comparison once, rather than folding in every pair.
struct Key {
    const Person* person = nullptr;
    bool is_head = false;
    std::vector<std::string> name;
    std::vector<std::string> title;
};

std::vector<Key> KeysOf(const Delegation& d) {
    std::vector<Key> out;
    auto add = [&](const Person& p, bool head) {
        Key k{&p, head, NameKey(p.name), TitleKey(p.title)};
        if (!k.name.empty())
            out.push_back(std::move(k));
    };
    add(d.fields.head, true);
    for (const auto& m : d.fields.members)
        add(m, false);
    return out;
}

bool Same(const Key& a, const Key& b) {
    return a.name == b.name && TitlesAgree(a.title, b.title);
}

bool HasDays(const Delegation& d) {
    return d.fields.starts_on <= d.fields.ends_on;
}

// Appends the overlaps of `a`'s people in `b`, when their dates share a day.
void Compare(const Delegation& a, const std::vector<Key>& a_keys, const Delegation& b,
             const std::vector<Key>& b_keys, std::vector<Overlap>& out) {
    Date first = std::max(a.fields.starts_on, b.fields.starts_on);
    Date last = std::min(a.fields.ends_on, b.fields.ends_on);
    if (last < first)
        return;
    for (const auto& ka : a_keys) {
        auto match =
            std::find_if(b_keys.begin(), b_keys.end(), [&](const Key& kb) { return Same(ka, kb); });
        if (match == b_keys.end())
            continue;
        Overlap o;
        o.delegation_id = a.id;
        o.person_name = ka.person->name;
        o.person_title = ka.person->title;
        o.is_head = ka.is_head;
        o.other_id = b.id;
        o.other_title = b.fields.title;
        o.other_status = b.status;
        o.other_starts_on = b.fields.starts_on;
        o.other_ends_on = b.fields.ends_on;
        o.other_person_name = match->person->name;
        o.other_person_title = match->person->title;
        o.first_day = first;
        o.last_day = last;
        out.push_back(std::move(o));
    }
}

}  // namespace

Result<void> ValidateFields(const DelegationFields& f, Date today) {
    FieldProblems p;
    p.Text("title", f.title, kMaxTitleChars, true, "Tên đoàn", "The title");
    p.InList("direction", f.direction, Directions(), "Loại đoàn (đoàn ra, đoàn vào)",
             "The direction");
    p.InList("level", f.level, Levels(), "Cấp đoàn", "The level");
    p.InList("funding", f.funding, FundingSources(), "Nguồn kinh phí", "The funding source");
    const bool inbound = f.direction == "inbound";

    if (f.admin_unit_ids.empty()) {
        p.Add("admin_unit_ids", "Cần ít nhất một tỉnh, thành phố.",
              "At least one province is required.");
    }
    CheckIds(p, "admin_unit_ids", f.admin_unit_ids, "Tỉnh, thành phố", "Provinces");
    CheckIds(p, "partner_ids", f.partner_ids, "Đối tác", "Partners");
    for (const auto& c : f.countries) {
        if (!IsAlpha2(c)) {
            p.Add("countries", "Quốc gia \"" + c + "\" phải là mã 2 chữ cái in hoa (vd. KR, JP).",
                  "The country \"" + c + "\" must be a 2-letter upper-case code (e.g. KR, JP).");
            break;
        }
    }
    p.Text("purpose", f.purpose, 5000, false, "Mục đích", "The purpose");

    // Dates: plausible years first, so that a typo gets one clear message.
    bool dates_ok = true;
    for (auto [field, date, vi, en] :
         {std::tuple{"starts_on", f.starts_on, "Ngày bắt đầu", "The start date"},
          std::tuple{"ends_on", f.ends_on, "Ngày kết thúc", "The end date"}}) {
        if (date.year() < kEarliestYear || date.year() > today.year() + kMaxYearsAhead) {
            p.Add(field,
                  std::string(vi) + " " + Display(date) + " không hợp lý: năm phải từ " +
                      std::to_string(kEarliestYear) + " đến " +
                      std::to_string(today.year() + kMaxYearsAhead) + ".",
                  std::string(en) + " " + Display(date) + " is implausible: the year must be " +
                      std::to_string(kEarliestYear) + " to " +
                      std::to_string(today.year() + kMaxYearsAhead) + ".");
            dates_ok = false;
        }
    }
    if (dates_ok) {
        if (f.ends_on < f.starts_on) {
            p.Add("ends_on",
                  "Ngày kết thúc " + Display(f.ends_on) + " trước ngày bắt đầu " +
                      Display(f.starts_on) + ".",
                  "The end date " + Display(f.ends_on) + " is before the start date " +
                      Display(f.starts_on) + ".");
            dates_ok = false;
        } else if (f.ends_on.ToDays() - f.starts_on.ToDays() + 1 > kMaxDurationDays) {
            p.Add("ends_on",
                  "Chuyến công tác dài quá " + std::to_string(kMaxDurationDays) +
                      " ngày: hãy kiểm tra ngày bắt đầu và ngày kết thúc.",
                  "The trip is longer than " + std::to_string(kMaxDurationDays) +
                      " days: check the start and end dates.");
        }
    }

    CheckPerson(p, f.head, "head", inbound, true, "trưởng đoàn", "the head of delegation");
    if (f.members.size() > kMaxMembers) {
        p.Add("members", "Tối đa " + std::to_string(kMaxMembers) + " thành viên.",
              "At most " + std::to_string(kMaxMembers) + " members.");
    } else {
        for (std::size_t i = 0; i < f.members.size(); ++i) {
            const std::string n = std::to_string(i + 1);
            CheckPerson(p, f.members[i], ItemField("members", i), inbound, false,
                        "thành viên thứ " + n, "member " + n);
        }
    }

    if (f.programme.size() > kMaxProgrammeItems) {
        p.Add("programme", "Chương trình tối đa " + std::to_string(kMaxProgrammeItems) + " mục.",
              "The programme has at most " + std::to_string(kMaxProgrammeItems) + " entries.");
    } else {
        for (std::size_t i = 0; i < f.programme.size(); ++i) {
            const auto& item = f.programme[i];
            const std::string n = std::to_string(i + 1);
            if (dates_ok && (item.day < f.starts_on || item.day > f.ends_on)) {
                p.Add(ItemField("programme", i, "day"),
                      "Mục " + n + " của chương trình: ngày " + Display(item.day) +
                          " nằm ngoài thời gian của đoàn (" + Display(f.starts_on) + " – " +
                          Display(f.ends_on) + ").",
                      "Programme entry " + n + ": the day " + Display(item.day) +
                          " is outside the delegation's dates (" + Display(f.starts_on) + " – " +
                          Display(f.ends_on) + ").");
            }
            p.Text(ItemField("programme", i, "time"), item.time, 50, false,
                   "Giờ của mục " + n + " chương trình", "The time of programme entry " + n);
            p.Text(ItemField("programme", i, "place"), item.place, 300, false,
                   "Địa điểm của mục " + n + " chương trình", "The place of programme entry " + n);
            p.Text(ItemField("programme", i, "activity"), item.activity, 1000, true,
                   "Nội dung của mục " + n + " chương trình",
                   "The activity of programme entry " + n);
            p.Text(ItemField("programme", i, "partner"), item.partner, 300, false,
                   "Đối tác của mục " + n + " chương trình", "The partner of programme entry " + n);
        }
    }

    if (f.report_due_days < kMinReportDueDays || f.report_due_days > kMaxReportDueDays) {
        p.Add("report_due_days",
              "Thời hạn báo cáo phải từ " + std::to_string(kMinReportDueDays) + " đến " +
                  std::to_string(kMaxReportDueDays) + " ngày sau khi kết thúc chuyến công tác.",
              "The report period must be " + std::to_string(kMinReportDueDays) + " to " +
                  std::to_string(kMaxReportDueDays) + " days after the return.");
    }
    p.Text("note", f.note, 5000, false, "Ghi chú", "The note");
    if (!p.empty())
        return p.ToError();
    return {};
}

Result<void> ValidateOutcome(const Outcome& o, Date today) {
    FieldProblems p;
    CheckIds(p, "agreement_ids", o.agreement_ids, "Thỏa thuận đã ký", "Agreements signed");
    p.Text("commitments", o.commitments, 20000, false, "Cam kết", "The commitments");
    if (o.follow_ups.size() > 200) {
        p.Add("follow_ups", "Tối đa 200 việc cần làm tiếp.", "At most 200 follow-up actions.");
    } else {
        for (std::size_t i = 0; i < o.follow_ups.size(); ++i) {
            const auto& f = o.follow_ups[i];
            const std::string n = std::to_string(i + 1);
            p.Text(ItemField("follow_ups", i, "description"), f.description, 2000, true,
                   "Nội dung việc cần làm tiếp " + n, "The description of follow-up " + n);
            p.Text(ItemField("follow_ups", i, "responsible"), f.responsible, 300, false,
                   "Đơn vị chủ trì việc " + n, "The unit responsible for follow-up " + n);
            p.InList(ItemField("follow_ups", i, "status"), f.status, FollowUpStatuses(),
                     "Tình trạng việc " + n, "The status of follow-up " + n);
            if (f.done_on && f.status != "done") {
                p.Add(ItemField("follow_ups", i, "done_on"),
                      "Việc " + n + " chưa hoàn thành nên không có ngày hoàn thành.",
                      "Follow-up " + n + " is not done, so it has no completion date.");
            } else if (f.done_on && *f.done_on > today) {
                p.Add(ItemField("follow_ups", i, "done_on"),
                      "Ngày hoàn thành việc " + n + " chưa đến.",
                      "The completion date of follow-up " + n + " is in the future.");
            }
        }
    }
    if (!p.empty())
        return p.ToError();
    return {};
}

Date ReportDueOn(Date returned_on, int days, const WorkingCalendar& calendar) {
    return calendar.AddCalendarDays(returned_on, days);
}

bool IsReportOverdue(const Delegation& d, Date today) {
    return d.status == Status::kReturned && !d.reported_on && d.report_due_on &&
           *d.report_due_on < today;
}

Result<StepPlan> PlanStep(const DelegationDetail& current, const StepRequest& req,
                          const WorkingCalendar& calendar, Date today) {
    const Delegation& d = current.delegation;
    const std::string& action = req.action;
    if (!FindCode(Actions(), action) || action == "create" || action == "edit") {
        return Error::InvalidArgument("action", "Bước xử lý \"" + action + "\" không hợp lệ.",
                                      "\"" + action + "\" is not a workflow step.");
    }
    // Every step follows the latest one of the history.
    auto checked = CheckStepDate(req.date, today, LatestHappenedOn(current.events));
    if (!checked)
        return checked.error();
    const Date date = *checked;

    StepPlan plan;
    plan.from = d.status;
    plan.to = d.status;
    plan.date = date;

    if (action == "approve") {
        if (d.status != Status::kProposed)
            return WrongState(d, action);
        auto ref = DecisionRef(req);
        if (!ref)
            return ref.error();
        plan.decision_ref = *ref;
        plan.decided_on = date;
        plan.to = Status::kApproved;
    } else if (action == "reject") {
        if (d.status != Status::kProposed)
            return WrongState(d, action);
        auto ref = DecisionRef(req);
        if (!ref)
            return ref.error();
        if (auto ok = Reason(req, "không phê duyệt", "the refusal"); !ok)
            return ok.error();
        plan.decision_ref = *ref;
        plan.decided_on = date;
        plan.to = Status::kRejected;
    } else if (action == "cancel") {
        // Once the trip has started it can only end: a trip cut short is returned early.
        if (d.status != Status::kProposed && d.status != Status::kApproved)
            return WrongState(d, action);
        if (auto ok = Reason(req, "hủy đoàn", "the cancellation"); !ok)
            return ok.error();
        plan.to = Status::kCancelled;
    } else if (action == "reopen") {
        // A refusal or a cancellation recorded by mistake, or a proposal made again after
        // changes: the delegation needs a new decision, so the old one is cleared.
        if (d.status != Status::kRejected && d.status != Status::kCancelled)
            return WrongState(d, action);
        if (auto ok = Reason(req, "đề xuất lại", "proposing again"); !ok)
            return ok.error();
        plan.clear_decision = true;
        plan.to = Status::kProposed;
    } else if (action == "depart") {
        if (d.status == Status::kProposed) {
            return Error::FailedPrecondition(
                "Đoàn chưa được lãnh đạo tỉnh phê duyệt: chưa thể bắt đầu chuyến công tác.",
                "The provincial leader has not approved the delegation: the trip cannot start "
                "yet.");
        }
        if (d.status != Status::kApproved)
            return WrongState(d, action);
        if (d.decided_on && date < *d.decided_on) {
            return Error::InvalidArgument(
                "date",
                "Ngày bắt đầu chuyến công tác " + Display(date) + " trước ngày phê duyệt " +
                    Display(*d.decided_on) + ".",
                "The trip's start " + Display(date) + " is before the approval on " +
                    Display(*d.decided_on) + ".");
        }
        plan.departed_on = date;
        plan.to = Status::kInProgress;
    } else if (action == "return") {
        Date departed = date;
        if (d.status == Status::kInProgress) {
            departed = d.departed_on.value_or(date);
        } else if (d.status == Status::kApproved) {
            // Recorded after the fact: the start is given, or taken from the plan.
            departed = req.departed_on.value_or(d.fields.starts_on);
            if (departed > today) {
                return Error::InvalidArgument(
                    "departed_on",
                    "Ngày bắt đầu chuyến công tác " + Display(departed) + " chưa đến.",
                    "The trip's start " + Display(departed) + " is in the future.");
            }
            if (d.decided_on && departed < *d.decided_on) {
                return Error::InvalidArgument(
                    "departed_on",
                    "Ngày bắt đầu chuyến công tác " + Display(departed) + " trước ngày phê duyệt " +
                        Display(*d.decided_on) + ".",
                    "The trip's start " + Display(departed) + " is before the approval on " +
                        Display(*d.decided_on) + ".");
            }
            plan.departed_on = departed;
        } else if (d.status == Status::kProposed) {
            return Error::FailedPrecondition(
                "Đoàn chưa được lãnh đạo tỉnh phê duyệt: chưa thể ghi nhận kết thúc chuyến công "
                "tác.",
                "The provincial leader has not approved the delegation: its return cannot be "
                "recorded.");
        } else {
            return WrongState(d, action);
        }
        if (date < departed) {
            return Error::InvalidArgument(
                "date",
                "Ngày kết thúc " + Display(date) + " trước ngày bắt đầu chuyến công tác " +
                    Display(departed) + ".",
                "The return " + Display(date) + " is before the trip's start " + Display(departed) +
                    ".");
        }
        if (d.fields.report_due_days < kMinReportDueDays ||
            d.fields.report_due_days > kMaxReportDueDays) {
            return Error::FailedPrecondition(
                "Thời hạn báo cáo của đoàn không hợp lệ: hãy sửa thông tin đoàn trước.",
                "The delegation's report period is invalid: correct its details first.");
        }
        plan.returned_on = date;
        plan.report_due_on = ReportDueOn(date, d.fields.report_due_days, calendar);
        plan.to = Status::kReturned;
    } else if (action == "submit_report") {
        if (d.status != Status::kReturned)
            return WrongState(d, action);
        if (d.returned_on && date < *d.returned_on) {
            return Error::InvalidArgument(
                "date",
                "Ngày nộp báo cáo " + Display(date) + " trước ngày kết thúc chuyến công tác " +
                    Display(*d.returned_on) + ".",
                "The report's date " + Display(date) + " is before the return on " +
                    Display(*d.returned_on) + ".");
        }
        if (!text::IsValidUtf8(req.report_summary)) {
            return Error::InvalidArgument(
                "report_summary", "Tóm tắt báo cáo: văn bản không hợp lệ (không phải UTF-8).",
                "The report summary: invalid text (not UTF-8).");
        }
        std::string summary = CleanInput(req.report_summary);
        if (summary.empty() || text::CountChars(summary) > 20000) {
            return Error::InvalidArgument(
                "report_summary", "Cần tóm tắt kết quả chuyến công tác (tối đa 20000 ký tự).",
                "The summary of the report is required (at most 20000 characters).");
        }
        plan.reported_on = date;
        plan.report_summary = summary;
        plan.to = Status::kReported;
    } else if (action == "record_outcomes") {
        // Repeated on a closed delegation, it updates the outcomes (a follow-up done ...).
        if (d.status != Status::kReported && d.status != Status::kClosed)
            return WrongState(d, action);
        if (!req.outcome) {
            return Error::InvalidArgument("outcome", "Cần kết quả của đoàn.",
                                          "The outcomes of the delegation are required.");
        }
        if (auto ok = ValidateOutcome(*req.outcome, today); !ok)
            return ok.error();
        plan.outcome = *req.outcome;
        plan.to = Status::kClosed;
    }
    return plan;
}

std::string PersonKey(std::string_view name) {
    std::string out;
    for (const auto& w : NameKey(name)) {
        if (!out.empty())
            out.push_back(' ');
        out += w;
    }
    return out;
}

bool SamePerson(const Person& a, const Person& b) {
    Key ka{&a, false, NameKey(a.name), TitleKey(a.title)};
    Key kb{&b, false, NameKey(b.name), TitleKey(b.title)};
    return !ka.name.empty() && Same(ka, kb);
}

std::vector<Overlap> FindOverlaps(const Delegation& candidate,
                                  const std::vector<Delegation>& others) {
    std::vector<Overlap> out;
    if (!HasDays(candidate))
        return out;
    auto keys = KeysOf(candidate);
    if (keys.empty())
        return out;
    for (const auto& other : others) {
        if (!IsLive(other.status) || (candidate.id != 0 && other.id == candidate.id) ||
            !HasDays(other)) {
            continue;
        }
        Compare(candidate, keys, other, KeysOf(other), out);
    }
    return out;
}

std::vector<Overlap> FindOverlapPairs(const std::vector<Delegation>& delegations) {
    // Sorted by start, a delegation can only share days with those that start before it ends:
    // the inner loop stops at the first that starts later.
    std::vector<std::size_t> order;
    std::vector<std::vector<Key>> keys(delegations.size());
    for (std::size_t i = 0; i < delegations.size(); ++i) {
        if (IsLive(delegations[i].status) && HasDays(delegations[i])) {
            keys[i] = KeysOf(delegations[i]);
            if (!keys[i].empty())
                order.push_back(i);
        }
    }
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto& da = delegations[a].fields.starts_on;
        const auto& db = delegations[b].fields.starts_on;
        return da != db ? da < db : a < b;
    });
    std::vector<Overlap> out;
    for (std::size_t x = 0; x < order.size(); ++x) {
        const Delegation& a = delegations[order[x]];
        for (std::size_t y = x + 1; y < order.size(); ++y) {
            const Delegation& b = delegations[order[y]];
            if (b.fields.starts_on > a.fields.ends_on)
                break;
            if (a.id != 0 && a.id == b.id)
                continue;
            Compare(a, keys[order[x]], b, keys[order[y]], out);
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const Overlap& l, const Overlap& r) {
        if (l.first_day != r.first_day)
            return l.first_day < r.first_day;
        if (l.delegation_id != r.delegation_id)
            return l.delegation_id < r.delegation_id;
        return l.other_id < r.other_id;
    });
    return out;
}

}  // namespace ngoaivu::delegations
