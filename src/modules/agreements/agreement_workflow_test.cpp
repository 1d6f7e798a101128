#include "modules/agreements/agreement_workflow.hpp"

#include <gtest/gtest.h>

namespace ngoaivu::agreements {
namespace {

Date D(int y, int m, int d) {
    return *Date::FromYmd(y, m, d);
}

// Tết Bính Ngọ 2026: the days off of state bodies from Saturday 14/02 to Sunday 22/02/2026
// (the weekdays 16–20/02 are holidays).
WorkingCalendar Tet2026() {
    std::set<Date> holidays;
    for (int d = 16; d <= 20; ++d)
        holidays.insert(D(2026, 2, d));
    holidays.insert(D(2026, 1, 1));
    return WorkingCalendar(holidays, {});
}

// Applies a plan to the in-memory agreement as the service does to the database.
void Apply(AgreementDetail& d, const StepPlan& plan, const std::string& action) {
    static std::int64_t next_id = 1;
    d.agreement.status = plan.to;
    for (const auto& c : plan.close) {
        for (auto& dl : d.deadlines) {
            if (dl.id == c.id) {
                dl.closed_on = plan.date;
                dl.outcome = c.outcome;
            }
        }
    }
    for (auto dl : plan.open) {
        dl.id = next_id++;
        d.deadlines.push_back(dl);
    }
    if (plan.signed_on)
        d.agreement.signed_on = plan.signed_on;
    if (plan.expires_on)
        d.agreement.expires_on = *plan.expires_on;
    Event e;
    e.action = action;
    e.happened_on = plan.date;
    d.events.push_back(e);
}

class WorkflowTest : public ::testing::Test {
 protected:
    WorkflowTest() {
        detail.agreement.status = Status::kDraft;
        detail.agreement.fields.procedure = "normal";
        Event created;
        created.action = "create";
        created.happened_on = D(2026, 2, 2);
        detail.events.push_back(created);
    }
    Result<StepPlan> Plan(StepRequest req) { return PlanStep(detail, req, calendar, today); }
    StepPlan Do(StepRequest req) {
        auto plan = Plan(req);
        EXPECT_TRUE(plan.ok()) << (plan.ok() ? "" : plan.error().message_en);
        Apply(detail, *plan, req.action);
        return *plan;
    }
    AgreementDetail detail;
    WorkingCalendar calendar = Tet2026();
    Date today = D(2026, 6, 30);
};

StepRequest Req(std::string action, Date date) {
    StepRequest r;
    r.action = std::move(action);
    r.date = date;
    return r;
}

TEST_F(WorkflowTest, OpinionsAreDueSevenWorkingDaysLaterAcrossTet) {
    StepRequest r = Req("request_opinions", D(2026, 2, 11));  // Wednesday before Tết
    r.bodies = {"Bộ Công an", "  ", "bộ ngoại giao"};
    StepPlan plan = Do(r);
    // MOFA is always consulted, once (the folded duplicate is dropped), then the Ministry.
    ASSERT_EQ(plan.open.size(), 2u);
    EXPECT_EQ(plan.open[0].body, kMofaBody);
    EXPECT_EQ(plan.open[1].body, "Bộ Công an");
    // 12, 13 (Thu, Fri), then 16–20 are Tết, 14–15 and 21–22 weekends: 23, 24, 25, 26, 27.
    EXPECT_EQ(plan.open[0].due_on, D(2026, 2, 27));
    EXPECT_EQ(plan.to, Status::kConsulting);
}

TEST_F(WorkflowTest, ShortenedProcedureGivesThreeWorkingDaysAndNeedsAReason) {
    detail.agreement.fields.procedure = "shortened";
    auto refused = Plan(Req("request_opinions", D(2026, 2, 11)));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().field, "shortened_reason");
    detail.agreement.fields.shortened_reason = "Chuyến thăm cấp cao";
    StepPlan plan = Do(Req("request_opinions", D(2026, 2, 11)));
    EXPECT_EQ(plan.open[0].due_on, D(2026, 2, 23));  // 12, 13, then Monday 23 after Tết
}

TEST_F(WorkflowTest, SigningBeforeTheOpinionsIsRefused) {
    Do(Req("request_opinions", D(2026, 3, 2)));
    auto sign = Plan(Req("sign", D(2026, 3, 5)));
    ASSERT_FALSE(sign.ok());
    EXPECT_EQ(sign.error().code, ErrorCode::kFailedPrecondition);
    StepRequest decide = Req("decide", D(2026, 3, 5));
    decide.decision_ref = "QĐ 12/QĐ-UBND";
    auto early = Plan(decide);
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().code, ErrorCode::kFailedPrecondition);
}

TEST_F(WorkflowTest, FullPathWithADisagreementGoesThroughThePrimeMinister) {
    StepRequest r = Req("request_opinions", D(2026, 3, 2));
    r.bodies = {"Bộ Công an"};
    Do(r);
    StepRequest o1 = Req("record_opinion", D(2026, 3, 6));
    o1.body = "Bộ Ngoại giao";
    o1.outcome = "agree";
    Do(o1);
    StepRequest o2 = Req("record_opinion", D(2026, 3, 9));
    o2.body = "bo cong an";  // matched without diacritics
    o2.outcome = "disagree";
    Do(o2);
    StepRequest decide = Req("decide", D(2026, 3, 10));
    decide.decision_ref = "QĐ 1";
    ASSERT_FALSE(Plan(decide).ok());  // a disagreement needs the Prime Minister
    StepPlan refer = Do(Req("refer_pm", D(2026, 3, 10)));
    EXPECT_EQ(refer.open.at(0).kind, DeadlineKind::kPmReply);
    EXPECT_EQ(refer.open.at(0).due_on, D(2026, 3, 19));
    StepRequest reply = Req("record_pm_reply", D(2026, 3, 18));
    reply.outcome = "consent";
    Do(reply);
    decide.date = D(2026, 3, 20);
    Do(decide);
    StepRequest sign = Req("sign", D(2026, 3, 27));
    sign.signatory_vn = "Nguyễn Văn A, Chủ tịch UBND tỉnh";
    StepPlan signed_plan = Do(sign);
    ASSERT_EQ(signed_plan.open.size(), 1u);
    EXPECT_EQ(signed_plan.open[0].kind, DeadlineKind::kReportMofa);
    // 27/03 + 15 days = Saturday 11/04 → the period ends on Monday 13/04.
    EXPECT_EQ(signed_plan.open[0].due_on, D(2026, 4, 13));
    Do(Req("report_mofa", D(2026, 4, 1)));
    EXPECT_EQ(NextDue(detail.deadlines), std::nullopt);
    StepRequest force = Req("enter_into_force", D(2026, 4, 2));
    detail.agreement.fields.term_months = 60;
    StepPlan in_force = Do(force);
    ASSERT_TRUE(in_force.expires_on.has_value());
    EXPECT_EQ(**in_force.expires_on, D(2031, 4, 2));
    StepPlan suspended = Do(Req("suspend", D(2026, 5, 4)));
    EXPECT_EQ(suspended.to, Status::kSuspended);
    EXPECT_EQ(NextDue(detail.deadlines), D(2026, 5, 19));
}

TEST_F(WorkflowTest, DatesOutOfOrderAndInTheFutureAreRefused) {
    auto future = Plan(Req("request_opinions", D(2026, 7, 1)));
    ASSERT_FALSE(future.ok());
    EXPECT_EQ(future.error().field, "date");
    auto before_creation = Plan(Req("request_opinions", D(2026, 1, 30)));
    ASSERT_FALSE(before_creation.ok());
    EXPECT_EQ(before_creation.error().field, "date");
    Do(Req("request_opinions", D(2026, 3, 2)));
    StepRequest early = Req("record_opinion", D(2026, 2, 27));
    early.body = kMofaBody;
    early.outcome = "agree";
    auto r = Plan(early);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "date");
}

TEST_F(WorkflowTest, UnknownStepsBodiesAndOutcomesNameTheirField) {
    auto unknown = Plan(Req("publish", D(2026, 3, 2)));
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().field, "action");
    StepRequest no_date;
    no_date.action = "request_opinions";
    EXPECT_EQ(Plan(no_date).error().field, "date");
    Do(Req("request_opinions", D(2026, 3, 2)));
    StepRequest wrong_body = Req("record_opinion", D(2026, 3, 3));
    wrong_body.body = "Bộ Quốc phòng";
    wrong_body.outcome = "agree";
    EXPECT_EQ(Plan(wrong_body).error().field, "body");
    StepRequest wrong_outcome = Req("record_opinion", D(2026, 3, 3));
    wrong_outcome.body = kMofaBody;
    wrong_outcome.outcome = "maybe";
    EXPECT_EQ(Plan(wrong_outcome).error().field, "outcome");
}

TEST_F(WorkflowTest, AbandoningClosesEveryOpenDeadline) {
    Do(Req("request_opinions", D(2026, 3, 2)));
    StepPlan plan = Do(Req("abandon", D(2026, 3, 3)));
    EXPECT_EQ(plan.to, Status::kAbandoned);
    EXPECT_EQ(plan.close.size(), 1u);
    EXPECT_EQ(NextDue(detail.deadlines), std::nullopt);
    auto again = Plan(Req("request_opinions", D(2026, 3, 4)));
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace ngoaivu::agreements
