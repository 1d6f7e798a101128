#include "modules/delegations/delegation_workflow.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace ngoaivu::delegations {
namespace {

Date D(int y, int m, int d) {
    return *Date::FromYmd(y, m, d);
}

// The calendar of state bodies in 2025 from the statutory holidays: 30/04 (Wednesday) and 01/05
// (Thursday) among them. The Prime Minister's swap that gave 02/05/2025 off is not statutory and
// is left out, as WorkingCalendar's callers do until an administrator adds it.
WorkingCalendar Calendar2025() {
    std::set<Date> holidays;
    for (const auto& h : StatutoryHolidays(2025))
        holidays.insert(h.day);
    return WorkingCalendar(holidays, {});
}

Person P(std::string name, std::string title = "", std::string role = "member") {
    Person p;
    p.name = std::move(name);
    p.title = std::move(title);
    p.role = std::move(role);
    return p;
}

// A valid outbound delegation of Đồng Nai to Korea, 10–14/03/2025.
DelegationFields ValidFields() {
    DelegationFields f;
    f.title = "Đoàn công tác của tỉnh Đồng Nai thăm và làm việc tại Hàn Quốc";
    f.direction = "outbound";
    f.level = "provincial_leaders";
    f.admin_unit_ids = {75};
    f.partner_ids = {12};
    f.countries = {"KR"};
    f.purpose = "Xúc tiến đầu tư, ký kết bản ghi nhớ hợp tác với tỉnh Gyeonggi.";
    f.starts_on = D(2025, 3, 10);
    f.ends_on = D(2025, 3, 14);
    f.funding = "state_budget";
    f.head = P("Võ Tấn Đức", "Chủ tịch UBND tỉnh", "head");
    f.head.organisation = "UBND tỉnh Đồng Nai";
    f.members = {P("Nguyễn Thị Hoàng", "Giám đốc Sở Ngoại vụ"),
                 P("Trần Văn Bình", "Phó Giám đốc Sở Công Thương", "deputy_head")};
    ProgrammeItem item;
    item.day = D(2025, 3, 11);
    item.time = "09:00–11:00";
    item.place = "Suwon";
    item.activity = "Hội đàm với lãnh đạo tỉnh Gyeonggi";
    item.partner = "Tỉnh Gyeonggi";
    f.programme = {item};
    return f;
}

// The field of every problem an error lists.
std::vector<std::string> FieldsOf(const Error& e) {
    std::vector<std::string> out;
    for (const auto& f : e.fields)
        out.push_back(f.field);
    return out;
}

// Checks that `r` is an invalid-argument error naming `field` among its problems, in both
// languages.
void ExpectInvalid(const Result<void>& r, const std::string& field) {
    ASSERT_FALSE(r.ok()) << "expected a problem with " << field;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    auto fields = FieldsOf(r.error());
    EXPECT_NE(std::find(fields.begin(), fields.end(), field), fields.end())
        << "no problem named " << field << ", first: " << r.error().field;
    for (const auto& f : r.error().fields) {
        EXPECT_FALSE(f.message_vi.empty()) << f.field;
        EXPECT_FALSE(f.message_en.empty()) << f.field;
    }
}

class ValidateFieldsTest : public ::testing::Test {
 protected:
    Result<void> Check() { return ValidateFields(fields, today); }
    DelegationFields fields = ValidFields();
    Date today = D(2025, 2, 20);
};

TEST_F(ValidateFieldsTest, AcceptsAValidDelegation) {
    auto r = Check();
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message_en);
}

TEST_F(ValidateFieldsTest, DefaultsAreValidListCodesAndTheHeadIsTheHead) {
    DelegationFields f;
    EXPECT_NE(FindCode(Directions(), f.direction), nullptr);
    EXPECT_NE(FindCode(Levels(), f.level), nullptr);
    EXPECT_NE(FindCode(FundingSources(), f.funding), nullptr);
    EXPECT_EQ(f.head.role, "head");
    EXPECT_EQ(f.report_due_days, kDefaultReportDueDays);
    EXPECT_EQ(kDefaultReportDueDays, 10);
}

TEST_F(ValidateFieldsTest, TitleIsRequiredAndAtMost500Characters) {
    fields.title = "   ";
    ExpectInvalid(Check(), "title");
    // 500 characters of two bytes each is 1000 bytes and still allowed: characters are counted.
    fields.title.clear();
    for (int i = 0; i < 500; ++i)
        fields.title += "đ";
    EXPECT_TRUE(Check().ok());
    fields.title += "a";
    ExpectInvalid(Check(), "title");
    fields.title = std::string("Đo\xff");
    ExpectInvalid(Check(), "title");
}

TEST_F(ValidateFieldsTest, DirectionLevelAndFundingMustBeInTheirLists) {
    fields.direction = "sideways";
    fields.level = "emperor";
    fields.funding = "lottery";
    auto r = Check();
    ExpectInvalid(r, "direction");
    ExpectInvalid(r, "level");
    ExpectInvalid(r, "funding");
    EXPECT_EQ(r.error().field, "direction");  // the first problem is the main one
}

TEST_F(ValidateFieldsTest, EndBeforeStartIsRefused) {
    fields.ends_on = D(2025, 3, 9);
    ExpectInvalid(Check(), "ends_on");
    fields.ends_on = fields.starts_on;  // a one-day visit
    fields.programme[0].day = fields.starts_on;
    EXPECT_TRUE(Check().ok());
}

TEST_F(ValidateFieldsTest, NinetyDaysAreAllowedAndNinetyOneAreNot) {
    fields.ends_on = fields.starts_on.AddDays(89);  // 90 days, both ends counted
    EXPECT_TRUE(Check().ok());
    fields.ends_on = fields.starts_on.AddDays(90);
    ExpectInvalid(Check(), "ends_on");
}

TEST_F(ValidateFieldsTest, ImplausibleYearsAreRefused) {
    fields.starts_on = D(2205, 3, 10);
    fields.ends_on = D(2205, 3, 14);
    auto r = Check();
    ExpectInvalid(r, "starts_on");
    ExpectInvalid(r, "ends_on");
    fields.starts_on = D(1900, 1, 1);
    fields.ends_on = D(1900, 1, 2);
    ExpectInvalid(Check(), "starts_on");
}

TEST_F(ValidateFieldsTest, HeadAndMembersNeedNames) {
    fields.head.name = "";
    fields.members[1].name = " ";
    auto r = Check();
    ExpectInvalid(r, "head.name");
    ExpectInvalid(r, "members[1].name");
    auto listed = FieldsOf(r.error());
    EXPECT_EQ(std::count(listed.begin(), listed.end(), "members[0].name"), 0);
}

TEST_F(ValidateFieldsTest, OneHeadOnlyAndRolesInTheirList) {
    fields.members[0].role = "head";
    ExpectInvalid(Check(), "members[0].role");
    fields.members[0].role = "chauffeur";
    ExpectInvalid(Check(), "members[0].role");
    fields.members[0].role = "member";
    fields.head.role = "member";
    ExpectInvalid(Check(), "head.role");
}

TEST_F(ValidateFieldsTest, InboundPeopleNeedAValidLookingNationality) {
    fields.direction = "inbound";
    fields.head = P("Kim Dong-yeon", "Governor of Gyeonggi Province", "head");
    fields.members = {P("Lee Min-ho", "Director"), P("Park Ji-sung", "Adviser")};
    fields.head.nationality = "KR";
    fields.members[0].nationality = "kr";  // must be upper case
    // members[1] has none
    auto r = Check();
    ExpectInvalid(r, "members[0].nationality");
    ExpectInvalid(r, "members[1].nationality");
    auto listed = FieldsOf(r.error());
    EXPECT_EQ(std::count(listed.begin(), listed.end(), "head.nationality"), 0);
    fields.members[0].nationality = "KR";
    fields.members[1].nationality = "JP";
    EXPECT_TRUE(Check().ok());
    fields.head.nationality = "KOR";
    ExpectInvalid(Check(), "head.nationality");
}

TEST_F(ValidateFieldsTest, OutboundPeopleNeedNoNationalityButAGivenOneIsChecked) {
    EXPECT_TRUE(Check().ok());
    fields.members[0].nationality = "V1";
    ExpectInvalid(Check(), "members[0].nationality");
}

TEST_F(ValidateFieldsTest, CountriesAreTwoUpperCaseLetters) {
    fields.countries = {"KR", "Korea"};
    ExpectInvalid(Check(), "countries");
}

TEST_F(ValidateFieldsTest, ProgrammeDaysFallWithinTheDelegationsDates) {
    fields.programme[0].day = fields.starts_on;
    EXPECT_TRUE(Check().ok());
    fields.programme[0].day = fields.ends_on;
    EXPECT_TRUE(Check().ok());
    ProgrammeItem late = fields.programme[0];
    late.day = fields.ends_on.AddDays(1);
    ProgrammeItem early = fields.programme[0];
    early.day = fields.starts_on.AddDays(-1);
    fields.programme = {fields.programme[0], late, early};
    auto r = Check();
    ExpectInvalid(r, "programme[1].day");
    ExpectInvalid(r, "programme[2].day");
    fields.programme = {fields.programme[0]};
    fields.programme[0].activity = "";
    ExpectInvalid(Check(), "programme[0].activity");
}

TEST_F(ValidateFieldsTest, ReportPeriodIsOneToSixtyDays) {
    for (int ok : {1, 10, 60}) {
        fields.report_due_days = ok;
        EXPECT_TRUE(Check().ok()) << ok;
    }
    for (int bad : {0, -1, 61}) {
        fields.report_due_days = bad;
        ExpectInvalid(Check(), "report_due_days");
    }
}

TEST_F(ValidateFieldsTest, AtLeastOneProvinceWithValidDistinctIds) {
    fields.admin_unit_ids.clear();
    ExpectInvalid(Check(), "admin_unit_ids");
    fields.admin_unit_ids = {75, 0};
    ExpectInvalid(Check(), "admin_unit_ids");
    fields.admin_unit_ids = {75, 79, 75};
    ExpectInvalid(Check(), "admin_unit_ids");
    fields.admin_unit_ids = {75, 79};
    EXPECT_TRUE(Check().ok());
    fields.partner_ids = {-3};
    ExpectInvalid(Check(), "partner_ids");
}

TEST_F(ValidateFieldsTest, EveryProblemIsListedAtOnce) {
    fields.title = "";
    fields.level = "x";
    fields.head.name = "";
    fields.report_due_days = 0;
    fields.admin_unit_ids.clear();
    auto r = Check();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "title");
    EXPECT_EQ(r.error().fields.size(), 5u);
    EXPECT_NE(r.error().message_vi.find("Tên đoàn"), std::string::npos);
}

// --- The workflow -------------------------------------------------------------------------

// Applies a plan to the in-memory delegation as the service does to the database.
void Apply(DelegationDetail& d, const StepPlan& plan, const std::string& action) {
    Delegation& x = d.delegation;
    x.status = plan.to;
    if (plan.clear_decision) {
        x.decision_ref.clear();
        x.decided_on.reset();
        x.decided_by_login.clear();
    }
    if (plan.decision_ref)
        x.decision_ref = *plan.decision_ref;
    if (plan.decided_on)
        x.decided_on = plan.decided_on;
    if (plan.departed_on)
        x.departed_on = plan.departed_on;
    if (plan.returned_on)
        x.returned_on = plan.returned_on;
    if (plan.report_due_on)
        x.report_due_on = plan.report_due_on;
    if (plan.reported_on)
        x.reported_on = plan.reported_on;
    if (plan.report_summary)
        x.report_summary = *plan.report_summary;
    if (plan.outcome)
        d.outcome = *plan.outcome;
    Event e;
    e.action = action;
    e.happened_on = plan.date;
    e.from_status = std::string(StatusCode(plan.from));
    e.to_status = std::string(StatusCode(plan.to));
    d.events.push_back(e);
}

StepRequest Req(std::string action, Date date) {
    StepRequest r;
    r.action = std::move(action);
    r.date = date;
    return r;
}

StepRequest Approve(Date date) {
    StepRequest r = Req("approve", date);
    r.decision_ref = "Quyết định 512/QĐ-UBND ngày 25/03/2025";
    return r;
}

class WorkflowTest : public ::testing::Test {
 protected:
    WorkflowTest() {
        detail.delegation.id = 7;
        detail.delegation.fields = ValidFields();
        detail.delegation.fields.starts_on = D(2025, 4, 14);
        detail.delegation.fields.ends_on = D(2025, 4, 24);
        detail.delegation.fields.programme[0].day = D(2025, 4, 15);
        detail.delegation.status = Status::kProposed;
        Event created;
        created.action = "create";
        created.happened_on = D(2025, 3, 20);
        detail.events.push_back(created);
    }
    Result<StepPlan> Plan(const StepRequest& req) { return PlanStep(detail, req, calendar, today); }
    StepPlan Do(const StepRequest& req) {
        auto plan = Plan(req);
        EXPECT_TRUE(plan.ok()) << (plan.ok() ? "" : plan.error().message_en);
        if (!plan.ok())
            return {};
        Apply(detail, *plan, req.action);
        return *plan;
    }
    // Approves on 25/03, starts on 14/04.
    void Started() {
        Do(Approve(D(2025, 3, 25)));
        Do(Req("depart", D(2025, 4, 14)));
    }
    // Started, then back on 24/04 (report due Monday 05/05).
    void Returned() {
        Started();
        Do(Req("return", D(2025, 4, 24)));
    }
    DelegationDetail detail;
    WorkingCalendar calendar = Calendar2025();
    Date today = D(2025, 6, 30);
};

void ExpectRefusedState(const Result<StepPlan>& r) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_FALSE(r.error().message_vi.empty());
    EXPECT_FALSE(r.error().message_en.empty());
}

void ExpectInvalidStep(const Result<StepPlan>& r, const std::string& field) {
    ASSERT_FALSE(r.ok()) << "expected a problem with " << field;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().field, field) << r.error().message_en;
    EXPECT_FALSE(r.error().message_vi.empty());
    EXPECT_FALSE(r.error().message_en.empty());
}

TEST_F(WorkflowTest, FullPathFromProposalToOutcomes) {
    StepPlan approved = Do(Approve(D(2025, 3, 25)));
    EXPECT_EQ(approved.from, Status::kProposed);
    EXPECT_EQ(approved.to, Status::kApproved);
    EXPECT_EQ(approved.decided_on, D(2025, 3, 25));
    EXPECT_EQ(*approved.decision_ref, "Quyết định 512/QĐ-UBND ngày 25/03/2025");

    StepPlan departed = Do(Req("depart", D(2025, 4, 14)));
    EXPECT_EQ(departed.to, Status::kInProgress);
    EXPECT_EQ(departed.departed_on, D(2025, 4, 14));

    StepPlan returned = Do(Req("return", D(2025, 4, 24)));
    EXPECT_EQ(returned.to, Status::kReturned);
    EXPECT_EQ(returned.returned_on, D(2025, 4, 24));
    ASSERT_TRUE(returned.report_due_on.has_value());

    StepRequest report = Req("submit_report", D(2025, 4, 29));
    report.report_summary =
        "  Đã ký bản ghi nhớ với tỉnh Gyeonggi; 3 doanh nghiệp cam kết đầu tư. ";
    StepPlan reported = Do(report);
    EXPECT_EQ(reported.to, Status::kReported);
    EXPECT_EQ(reported.reported_on, D(2025, 4, 29));
    EXPECT_EQ(*reported.report_summary,
              "Đã ký bản ghi nhớ với tỉnh Gyeonggi; 3 doanh nghiệp cam kết đầu tư.");
    EXPECT_FALSE(IsReportOverdue(detail.delegation, today));

    StepRequest outcomes = Req("record_outcomes", D(2025, 5, 6));
    Outcome o;
    o.agreement_ids = {41};
    o.commitments = "Phía Hàn Quốc cử đoàn doanh nghiệp sang khảo sát trong quý III.";
    FollowUp f;
    f.description = "Chuẩn bị danh mục dự án kêu gọi đầu tư";
    f.responsible = "Sở Tài chính";
    f.due_on = D(2025, 7, 31);
    o.follow_ups = {f};
    outcomes.outcome = o;
    StepPlan closed = Do(outcomes);
    EXPECT_EQ(closed.to, Status::kClosed);
    ASSERT_TRUE(closed.outcome.has_value());
    EXPECT_EQ(closed.outcome->agreement_ids, std::vector<std::int64_t>{41});
    EXPECT_EQ(detail.outcome.follow_ups.size(), 1u);

    // A follow-up done later: the outcomes are recorded again on the closed delegation.
    o.follow_ups[0].status = "done";
    o.follow_ups[0].done_on = D(2025, 6, 20);
    StepRequest update = Req("record_outcomes", D(2025, 6, 20));
    update.outcome = o;
    StepPlan updated = Do(update);
    EXPECT_EQ(updated.from, Status::kClosed);
    EXPECT_EQ(updated.to, Status::kClosed);
}

TEST_F(WorkflowTest, ApprovalNeedsTheDecision) {
    StepRequest r = Req("approve", D(2025, 3, 25));
    ExpectInvalidStep(Plan(r), "decision_ref");
    r.decision_ref = "   ";
    ExpectInvalidStep(Plan(r), "decision_ref");
    r.decision_ref = std::string(201, 'x');
    ExpectInvalidStep(Plan(r), "decision_ref");
}

TEST_F(WorkflowTest, RejectionNeedsTheDecisionAndTheReason) {
    StepRequest r = Req("reject", D(2025, 3, 25));
    r.note = "Không phù hợp chương trình đối ngoại năm 2025.";
    ExpectInvalidStep(Plan(r), "decision_ref");
    r.decision_ref = "Công văn 1234/UBND-KTNS";
    r.note = "";
    ExpectInvalidStep(Plan(r), "note");
    r.note = "Không phù hợp chương trình đối ngoại năm 2025.";
    StepPlan plan = Do(r);
    EXPECT_EQ(plan.to, Status::kRejected);
    EXPECT_EQ(plan.decided_on, D(2025, 3, 25));
    // A rejected delegation cannot be approved or carried out.
    ExpectRefusedState(Plan(Approve(D(2025, 3, 26))));
    ExpectRefusedState(Plan(Req("depart", D(2025, 4, 14))));
}

TEST_F(WorkflowTest, OnlyAProposalIsApprovedOrRejected) {
    Do(Approve(D(2025, 3, 25)));
    ExpectRefusedState(Plan(Approve(D(2025, 3, 26))));
    StepRequest reject = Req("reject", D(2025, 3, 26));
    reject.decision_ref = "CV 1";
    reject.note = "Đổi ý";
    auto r = Plan(reject);
    ExpectRefusedState(r);
    EXPECT_EQ(r.error().field, "action");
    EXPECT_NE(r.error().message_vi.find("Đã được phê duyệt"), std::string::npos);
    EXPECT_NE(r.error().message_en.find("Approved"), std::string::npos);
}

TEST_F(WorkflowTest, CancellingNeedsAReasonAndIsOnlyPossibleBeforeTheTrip) {
    StepRequest cancel = Req("cancel", D(2025, 3, 22));
    ExpectInvalidStep(Plan(cancel), "note");
    cancel.note = "Phía bạn đề nghị lùi thời gian.";
    EXPECT_EQ(Plan(cancel)->to, Status::kCancelled);  // from proposed
    Started();
    cancel.date = D(2025, 4, 15);
    ExpectRefusedState(Plan(cancel));
}

TEST_F(WorkflowTest, AnApprovedDelegationCanBeCancelledAndReopenedForANewDecision) {
    Do(Approve(D(2025, 3, 25)));
    StepRequest cancel = Req("cancel", D(2025, 3, 28));
    cancel.note = "Lãnh đạo tỉnh bận công tác đột xuất.";
    EXPECT_EQ(Do(cancel).to, Status::kCancelled);
    ExpectRefusedState(Plan(Req("depart", D(2025, 4, 14))));
    StepRequest reopen = Req("reopen", D(2025, 4, 1));
    ExpectInvalidStep(Plan(reopen), "note");
    reopen.note = "Bố trí lại lịch công tác.";
    StepPlan plan = Do(reopen);
    EXPECT_EQ(plan.to, Status::kProposed);
    EXPECT_TRUE(plan.clear_decision);
    EXPECT_TRUE(detail.delegation.decision_ref.empty());
    EXPECT_FALSE(detail.delegation.decided_on.has_value());
    // A new decision is needed before the trip.
    auto depart = Plan(Req("depart", D(2025, 4, 14)));
    ExpectRefusedState(depart);
    EXPECT_NE(depart.error().message_en.find("not approved"), std::string::npos);
}

TEST_F(WorkflowTest, OnlyARejectedOrCancelledDelegationIsReopened) {
    StepRequest reopen = Req("reopen", D(2025, 3, 22));
    reopen.note = "Thử";
    ExpectRefusedState(Plan(reopen));
    Do(Approve(D(2025, 3, 25)));
    reopen.date = D(2025, 3, 26);
    ExpectRefusedState(Plan(reopen));
}

TEST_F(WorkflowTest, DepartureBeforeApprovalIsRefused) {
    auto r = Plan(Req("depart", D(2025, 4, 14)));
    ExpectRefusedState(r);
    EXPECT_NE(r.error().message_vi.find("chưa được lãnh đạo tỉnh phê duyệt"), std::string::npos);
}

TEST_F(WorkflowTest, DepartureIsNotDatedBeforeTheApproval) {
    Do(Approve(D(2025, 3, 25)));
    // The history is also in order, so both rules refuse it; the field is the date.
    ExpectInvalidStep(Plan(Req("depart", D(2025, 3, 24))), "date");
    // The decision's date alone, without a history entry for it, still bounds the departure.
    detail.events.resize(1);
    ExpectInvalidStep(Plan(Req("depart", D(2025, 3, 24))), "date");
    EXPECT_TRUE(Plan(Req("depart", D(2025, 3, 25))).ok());  // the same day is fine
}

TEST_F(WorkflowTest, ReturnIsNotBeforeTheDepartureNorInTheFuture) {
    Started();
    ExpectInvalidStep(Plan(Req("return", D(2025, 4, 13))), "date");
    ExpectInvalidStep(Plan(Req("return", D(2025, 7, 1))), "date");
    StepPlan same_day = *Plan(Req("return", D(2025, 4, 14)));
    EXPECT_EQ(same_day.returned_on, D(2025, 4, 14));
}

TEST_F(WorkflowTest, ReturnBeforeAnyApprovalIsRefused) {
    ExpectRefusedState(Plan(Req("return", D(2025, 4, 24))));
}

TEST_F(WorkflowTest, ReportIsDueTenDaysAfterReturnMovedPastAWeekend) {
    Started();
    // 24/04/2025 + 10 days = Sunday 04/05/2025 → Monday 05/05/2025. The holidays 30/04 and 01/05
    // inside the period do not lengthen it: the period is in calendar days.
    StepPlan plan = Do(Req("return", D(2025, 4, 24)));
    EXPECT_EQ(D(2025, 5, 4).IsoWeekday(), 7);
    EXPECT_EQ(plan.report_due_on, D(2025, 5, 5));
    EXPECT_EQ(detail.delegation.report_due_on, D(2025, 5, 5));
}

TEST_F(WorkflowTest, ReportDueOnAHolidayMovesToTheNextWorkingDay) {
    // Back on Sunday 20/04/2025: + 10 = Wednesday 30/04 (Reunification Day), then 01/05 (Labour
    // Day) → Friday 02/05/2025.
    detail.delegation.fields.ends_on = D(2025, 4, 20);
    Started();
    StepPlan plan = Do(Req("return", D(2025, 4, 20)));
    EXPECT_EQ(plan.report_due_on, D(2025, 5, 2));
    EXPECT_EQ(ReportDueOn(D(2025, 4, 20), 10, calendar), D(2025, 5, 2));
    // Without the holidays the same period ends on the Wednesday.
    EXPECT_EQ(ReportDueOn(D(2025, 4, 20), 10, WorkingCalendar()), D(2025, 4, 30));
}

TEST_F(WorkflowTest, ReportPeriodIsTheDelegationsOwn) {
    detail.delegation.fields.report_due_days = 7;
    Started();
    // 24/04 + 7 = Thursday 01/05 (holiday) → Friday 02/05.
    StepPlan plan = Do(Req("return", D(2025, 4, 24)));
    EXPECT_EQ(plan.report_due_on, D(2025, 5, 2));
}

TEST_F(WorkflowTest, ATripRecordedAfterTheFactReturnsStraightFromApproved) {
    Do(Approve(D(2025, 3, 25)));
    // Without a start date, the planned one is taken.
    StepPlan plan = *Plan(Req("return", D(2025, 4, 24)));
    EXPECT_EQ(plan.from, Status::kApproved);
    EXPECT_EQ(plan.to, Status::kReturned);
    EXPECT_EQ(plan.departed_on, D(2025, 4, 14));
    EXPECT_EQ(plan.report_due_on, D(2025, 5, 5));
    StepRequest with_start = Req("return", D(2025, 4, 24));
    with_start.departed_on = D(2025, 4, 15);
    EXPECT_EQ(Plan(with_start)->departed_on, D(2025, 4, 15));
    with_start.departed_on = D(2025, 4, 25);  // after the return
    ExpectInvalidStep(Plan(with_start), "date");
    with_start.departed_on = D(2025, 3, 24);  // before the approval
    ExpectInvalidStep(Plan(with_start), "departed_on");
}

TEST_F(WorkflowTest, ReportNeedsASummaryAndTheReturn) {
    Started();
    StepRequest report = Req("submit_report", D(2025, 4, 20));
    report.report_summary = "Báo cáo";
    ExpectRefusedState(Plan(report));  // still travelling
    Do(Req("return", D(2025, 4, 24)));
    report.date = D(2025, 4, 28);
    report.report_summary = " ";
    ExpectInvalidStep(Plan(report), "report_summary");
    report.report_summary = "B\xc3";  // cut in the middle of a character
    ExpectInvalidStep(Plan(report), "report_summary");
    report.report_summary = "Báo cáo";
    report.date = D(2025, 4, 23);
    ExpectInvalidStep(Plan(report), "date");
    report.date = D(2025, 4, 24);  // on the day of the return
    EXPECT_TRUE(Plan(report).ok());
}

TEST_F(WorkflowTest, OutcomesNeedTheReportFirstAndAreChecked) {
    Returned();
    StepRequest outcomes = Req("record_outcomes", D(2025, 5, 2));
    outcomes.outcome = Outcome{};
    ExpectRefusedState(Plan(outcomes));
    StepRequest report = Req("submit_report", D(2025, 4, 30));
    report.report_summary = "Báo cáo kết quả";
    Do(report);
    outcomes.outcome.reset();
    ExpectInvalidStep(Plan(outcomes), "outcome");
    Outcome o;
    o.agreement_ids = {41, 41};
    outcomes.outcome = o;
    ExpectInvalidStep(Plan(outcomes), "agreement_ids");
    o.agreement_ids = {41};
    FollowUp f;
    f.description = "";
    f.status = "someday";
    o.follow_ups = {f};
    outcomes.outcome = o;
    auto r = Plan(outcomes);
    ASSERT_FALSE(r.ok());
    auto listed = FieldsOf(r.error());
    EXPECT_NE(std::find(listed.begin(), listed.end(), "follow_ups[0].description"), listed.end());
    EXPECT_NE(std::find(listed.begin(), listed.end(), "follow_ups[0].status"), listed.end());
    // An empty outcome (nothing signed, nothing promised) is a valid outcome.
    outcomes.outcome = Outcome{};
    EXPECT_EQ(Plan(outcomes)->to, Status::kClosed);
}

TEST(ValidateOutcome, CompletionDatesBelongToDoneFollowUpsAndAreNotInTheFuture) {
    Date today = D(2025, 6, 30);
    Outcome o;
    FollowUp f;
    f.description = "Tổ chức hội thảo xúc tiến đầu tư";
    f.done_on = D(2025, 6, 1);
    o.follow_ups = {f};
    ExpectInvalid(ValidateOutcome(o, today), "follow_ups[0].done_on");
    o.follow_ups[0].status = "done";
    EXPECT_TRUE(ValidateOutcome(o, today).ok());
    o.follow_ups[0].done_on = D(2025, 7, 1);
    ExpectInvalid(ValidateOutcome(o, today), "follow_ups[0].done_on");
}

TEST(FollowUp, IsOverdueWhenOpenAndPastItsDueDate) {
    FollowUp f;
    f.due_on = D(2025, 7, 31);
    EXPECT_FALSE(f.overdue(D(2025, 7, 31)));
    EXPECT_TRUE(f.overdue(D(2025, 8, 1)));
    f.status = "done";
    EXPECT_FALSE(f.overdue(D(2025, 8, 1)));
}

TEST_F(WorkflowTest, UnknownOrUndatedStepsNameTheirField) {
    ExpectInvalidStep(Plan(Req("publish", D(2025, 3, 25))), "action");
    ExpectInvalidStep(Plan(Req("create", D(2025, 3, 25))), "action");
    ExpectInvalidStep(Plan(Req("edit", D(2025, 3, 25))), "action");
    StepRequest undated = Approve(D(2025, 3, 25));
    undated.date.reset();
    ExpectInvalidStep(Plan(undated), "date");
}

TEST_F(WorkflowTest, DatesInTheFutureOrBeforeTheLatestStepAreRefused) {
    auto future = Plan(Approve(D(2025, 7, 1)));
    ExpectInvalidStep(future, "date");
    EXPECT_NE(future.error().message_vi.find("01/07/2025"), std::string::npos);
    ExpectInvalidStep(Plan(Approve(D(2025, 3, 19))), "date");  // before the proposal
    EXPECT_TRUE(Plan(Approve(today)).ok());
}

TEST_F(WorkflowTest, EveryStateRefusesTheStepsItDoesNotAllow) {
    // For each state, the steps that may follow it; every other step is refused.
    const std::vector<std::pair<Status, std::set<std::string>>> allowed = {
        {Status::kProposed, {"approve", "reject", "cancel"}},
        {Status::kApproved, {"cancel", "depart", "return"}},
        {Status::kRejected, {"reopen"}},
        {Status::kCancelled, {"reopen"}},
        {Status::kInProgress, {"return"}},
        {Status::kReturned, {"submit_report"}},
        {Status::kReported, {"record_outcomes"}},
        {Status::kClosed, {"record_outcomes"}},
    };
    for (const auto& [status, steps] : allowed) {
        for (const auto& a : Actions()) {
            std::string action(a.code);
            if (action == "create" || action == "edit")
                continue;
            DelegationDetail d = detail;
            d.delegation.status = status;
            StepRequest r = Req(action, D(2025, 6, 1));
            r.decision_ref = "QĐ 1";
            r.note = "Lý do";
            r.report_summary = "Báo cáo";
            r.outcome = Outcome{};
            auto plan = PlanStep(d, r, calendar, today);
            if (steps.contains(action)) {
                EXPECT_TRUE(plan.ok()) << StatusCode(status) << " " << action << ": "
                                       << (plan.ok() ? "" : plan.error().message_en);
            } else {
                ASSERT_FALSE(plan.ok()) << StatusCode(status) << " " << action;
                EXPECT_EQ(plan.error().code, ErrorCode::kFailedPrecondition)
                    << StatusCode(status) << " " << action;
            }
        }
    }
}

TEST(IsReportOverdue, OnlyAfterTheDueDayWhileTheReportIsMissing) {
    Delegation d;
    d.status = Status::kReturned;
    d.returned_on = D(2025, 4, 24);
    d.report_due_on = D(2025, 5, 5);
    EXPECT_FALSE(IsReportOverdue(d, D(2025, 5, 4)));
    EXPECT_FALSE(IsReportOverdue(d, D(2025, 5, 5)));  // the last day itself
    EXPECT_TRUE(IsReportOverdue(d, D(2025, 5, 6)));
    d.status = Status::kReported;
    d.reported_on = D(2025, 5, 8);  // late, but submitted
    EXPECT_FALSE(IsReportOverdue(d, D(2025, 5, 9)));
    Delegation travelling;
    travelling.status = Status::kInProgress;
    EXPECT_FALSE(IsReportOverdue(travelling, D(2030, 1, 1)));
}

TEST(Statuses, CodesRoundTripAndNamesAreBilingual) {
    for (const auto& c : Statuses()) {
        auto s = ParseStatus(c.code);
        ASSERT_TRUE(s.has_value()) << c.code;
        EXPECT_EQ(StatusCode(*s), c.code);
    }
    EXPECT_EQ(ParseStatus("travelling"), std::nullopt);
    EXPECT_FALSE(IsLive(Status::kRejected));
    EXPECT_FALSE(IsLive(Status::kCancelled));
    EXPECT_TRUE(IsLive(Status::kProposed));
    EXPECT_TRUE(IsLive(Status::kClosed));
    EXPECT_EQ(FindCode(Directions(), "outbound")->vi, "Đoàn ra");
    EXPECT_EQ(FindCode(Directions(), "inbound")->vi, "Đoàn vào");
    for (const auto* list : {&Directions(), &Levels(), &Statuses(), &FundingSources(), &Actions(),
                             &DocumentKinds(), &FollowUpStatuses(), &PersonRoles()}) {
        std::set<std::string_view> codes;
        for (const auto& c : *list) {
            EXPECT_FALSE(c.vi.empty()) << c.code;
            EXPECT_FALSE(c.en.empty()) << c.code;
            EXPECT_TRUE(codes.insert(c.code).second) << "duplicate " << c.code;
        }
    }
}

// --- Overlaps -----------------------------------------------------------------------------

Delegation Trip(std::int64_t id, Date from, Date to, Person head, std::vector<Person> members = {},
                Status status = Status::kProposed) {
    Delegation d;
    d.id = id;
    d.fields.title = "Đoàn " + std::to_string(id);
    d.fields.starts_on = from;
    d.fields.ends_on = to;
    head.role = "head";
    d.fields.head = std::move(head);
    d.fields.members = std::move(members);
    d.status = status;
    return d;
}

const Person kChairman = P("Võ Tấn Đức", "Chủ tịch UBND tỉnh");

TEST(FindOverlaps, TouchingDatesOverlapAndOneDayApartDoesNot) {
    Delegation candidate = Trip(1, D(2025, 5, 10), D(2025, 5, 15), kChairman);
    std::vector<Delegation> others = {
        Trip(2, D(2025, 5, 15), D(2025, 5, 20), kChairman),  // starts the day candidate ends
        Trip(3, D(2025, 5, 16), D(2025, 5, 20), kChairman),  // the day after
        Trip(4, D(2025, 5, 1), D(2025, 5, 10), kChairman),   // ends the day candidate starts
        Trip(5, D(2025, 5, 1), D(2025, 5, 9), kChairman),    // the day before
    };
    auto found = FindOverlaps(candidate, others);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].other_id, 2);
    EXPECT_EQ(found[0].first_day, D(2025, 5, 15));
    EXPECT_EQ(found[0].last_day, D(2025, 5, 15));
    EXPECT_EQ(found[1].other_id, 4);
    EXPECT_EQ(found[1].first_day, D(2025, 5, 10));
    EXPECT_EQ(found[1].last_day, D(2025, 5, 10));
    EXPECT_EQ(found[0].delegation_id, 1);
    EXPECT_EQ(found[0].person_name, "Võ Tấn Đức");
    EXPECT_TRUE(found[0].is_head);
    EXPECT_EQ(found[0].other_title, "Đoàn 2");
    EXPECT_EQ(found[0].other_starts_on, D(2025, 5, 15));
    EXPECT_EQ(found[0].other_ends_on, D(2025, 5, 20));
}

TEST(FindOverlaps, ContainedTripsShareTheInnerDays) {
    Delegation candidate = Trip(1, D(2025, 5, 1), D(2025, 5, 31), kChairman);
    auto found = FindOverlaps(candidate, {Trip(2, D(2025, 5, 12), D(2025, 5, 14), kChairman)});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].first_day, D(2025, 5, 12));
    EXPECT_EQ(found[0].last_day, D(2025, 5, 14));
}

TEST(FindOverlaps, NamesMatchWithoutDiacriticsCaseSpacesOrCourtesyWords) {
    Delegation candidate = Trip(1, D(2025, 5, 10), D(2025, 5, 15), kChairman);
    for (const char* spelling :
         {"VO TAN DUC", "vo  tan   duc", "Ông Võ Tấn Đức", "Võ Tấn Ðức", "Vo Tan Duc."}) {
        auto found =
            FindOverlaps(candidate, {Trip(2, D(2025, 5, 12), D(2025, 5, 13), P(spelling, ""))});
        EXPECT_EQ(found.size(), 1u) << spelling;
    }
    auto other =
        FindOverlaps(candidate, {Trip(2, D(2025, 5, 12), D(2025, 5, 13), P("Võ Văn Đức"))});
    EXPECT_TRUE(other.empty());
}

TEST(FindOverlaps, TitlesKeepNamesakesApartButToleratePrefixesAndAbbreviations) {
    Delegation candidate = Trip(1, D(2025, 5, 10), D(2025, 5, 15), kChairman);
    auto with_title = [&](const char* title) {
        return FindOverlaps(candidate,
                            {Trip(2, D(2025, 5, 12), D(2025, 5, 13), P("Võ Tấn Đức", title))});
    };
    EXPECT_EQ(with_title("Chủ tịch Ủy ban nhân dân tỉnh").size(), 1u);  // UBND spelled out
    EXPECT_EQ(with_title("CHỦ TỊCH").size(), 1u);                       // shorter
    EXPECT_EQ(with_title("Chủ tịch UBND tỉnh Đồng Nai").size(), 1u);    // longer
    EXPECT_EQ(with_title("").size(), 1u);                               // unknown: name decides
    EXPECT_TRUE(with_title("Phó Chủ tịch UBND tỉnh").empty());          // another post
    EXPECT_TRUE(with_title("Giám đốc Sở Ngoại vụ").empty());
}

TEST(SamePerson, ComparesFoldedNamesAndAgreeingTitles) {
    EXPECT_TRUE(SamePerson(kChairman, P("Mr. Vo Tan Duc", "Chu tich, UBND tinh")));
    EXPECT_TRUE(SamePerson(P("김동연", "도지사"), P("김동연", "")));  // other scripts as they are
    EXPECT_FALSE(SamePerson(P("김동연"), P("김동현")));
    EXPECT_FALSE(SamePerson(kChairman, P("Võ Tấn Đức", "Bí thư Tỉnh ủy")));
    EXPECT_FALSE(SamePerson(P(""), P("")));
    EXPECT_FALSE(SamePerson(P("Ông"), P("Bà")));  // a courtesy word alone is still a name
    EXPECT_TRUE(SamePerson(P("Bà"), P("bà")));
}

TEST(FindOverlaps, MembersAreCheckedToo) {
    Person director = P("Nguyễn Thị Hoàng", "Giám đốc Sở Ngoại vụ");
    Delegation candidate =
        Trip(1, D(2025, 5, 10), D(2025, 5, 15), kChairman, {P("Lê Văn An"), director});
    auto found = FindOverlaps(
        candidate, {Trip(2, D(2025, 5, 14), D(2025, 5, 18), P("Trần Văn Bình"),
                         {P("nguyen thi hoang", "Giam doc So Ngoai vu tinh Dong Nai")})});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].person_name, "Nguyễn Thị Hoàng");
    EXPECT_FALSE(found[0].is_head);
    EXPECT_EQ(found[0].other_person_name, "nguyen thi hoang");
    EXPECT_EQ(found[0].other_person_title, "Giam doc So Ngoai vu tinh Dong Nai");
}

TEST(FindOverlaps, RejectedCancelledAndTheSameRecordAreIgnored) {
    Delegation candidate = Trip(1, D(2025, 5, 10), D(2025, 5, 15), kChairman);
    std::vector<Delegation> others = {
        Trip(2, D(2025, 5, 12), D(2025, 5, 13), kChairman, {}, Status::kRejected),
        Trip(3, D(2025, 5, 12), D(2025, 5, 13), kChairman, {}, Status::kCancelled),
        Trip(1, D(2025, 5, 12), D(2025, 5, 13), kChairman),  // the candidate as stored
        Trip(4, D(2025, 5, 12), D(2025, 5, 13), kChairman, {}, Status::kClosed),
        Trip(5, D(2025, 5, 12), D(2025, 5, 13), kChairman, {}, Status::kApproved),
    };
    auto found = FindOverlaps(candidate, others);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].other_id, 4);
    EXPECT_EQ(found[0].other_status, Status::kClosed);
    EXPECT_EQ(found[1].other_id, 5);
    // A candidate not yet stored (id 0) is compared with everything live.
    candidate.id = 0;
    EXPECT_EQ(FindOverlaps(candidate, others).size(), 3u);
}

TEST(FindOverlaps, EmptyNamesMatchNobody) {
    Delegation candidate = Trip(1, D(2025, 5, 10), D(2025, 5, 15), P("", ""), {P("  ")});
    EXPECT_TRUE(FindOverlaps(candidate, {Trip(2, D(2025, 5, 10), D(2025, 5, 15), P(""), {P(" ")})})
                    .empty());
}

TEST(FindOverlapPairs, ReportsEachSharedPersonOncePerPair) {
    Person director = P("Nguyễn Thị Hoàng", "Giám đốc Sở Ngoại vụ");
    std::vector<Delegation> list = {
        Trip(30, D(2025, 6, 1), D(2025, 6, 5), P("Trần Văn Bình"), {director}),
        Trip(10, D(2025, 5, 10), D(2025, 5, 15), kChairman, {director}),
        Trip(20, D(2025, 5, 15), D(2025, 5, 20), P("Võ Tấn Đức"), {P("Nguyễn Thị Hoàng")}),
        Trip(40, D(2025, 5, 11), D(2025, 5, 12), kChairman, {}, Status::kCancelled),
        Trip(50, D(2025, 5, 21), D(2025, 6, 1), P("Phạm Minh Chính")),
    };
    auto pairs = FindOverlapPairs(list);
    // 10 and 20 share both people on 15/05; 30 and 50 share nobody; 40 is cancelled.
    ASSERT_EQ(pairs.size(), 2u);
    for (const auto& o : pairs) {
        EXPECT_EQ(o.delegation_id, 10);
        EXPECT_EQ(o.other_id, 20);
        EXPECT_EQ(o.first_day, D(2025, 5, 15));
        EXPECT_EQ(o.last_day, D(2025, 5, 15));
    }
    EXPECT_EQ(pairs[0].person_name, "Võ Tấn Đức");
    EXPECT_EQ(pairs[1].person_name, "Nguyễn Thị Hoàng");
}

TEST(FindOverlapPairs, SortsByTheFirstSharedDay) {
    std::vector<Delegation> list = {
        Trip(1, D(2025, 7, 1), D(2025, 7, 3), kChairman),
        Trip(2, D(2025, 7, 3), D(2025, 7, 4), kChairman),
        Trip(3, D(2025, 5, 1), D(2025, 5, 2), kChairman),
        Trip(4, D(2025, 4, 28), D(2025, 5, 1), kChairman),
    };
    auto pairs = FindOverlapPairs(list);
    ASSERT_EQ(pairs.size(), 2u);
    EXPECT_EQ(pairs[0].delegation_id, 4);  // starts first
    EXPECT_EQ(pairs[0].other_id, 3);
    EXPECT_EQ(pairs[0].first_day, D(2025, 5, 1));
    EXPECT_EQ(pairs[1].delegation_id, 1);
    EXPECT_EQ(pairs[1].other_id, 2);
    EXPECT_TRUE(FindOverlapPairs({}).empty());
}

}  // namespace
}  // namespace ngoaivu::delegations
