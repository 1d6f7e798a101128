// The delegations pages over real HTTP, on each backend: the list with its filters, sort links,
// overdue reports and overlap flags; the form with its errors next to each field and the values
// kept; the edit form's optimistic locking; every workflow step through its form; CSRF on the
// session's forms; the 404 and 403 pages; the XLSX and CSV export, the import back (preview, all
// or nothing, valid rows, per row and column, in both languages) and its template; and the demo
// data.
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/demo.hpp"
#include "http/request.hpp"
#include "modules/agreements/agreement_repository.hpp"
#include "modules/audit/audit_repository.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/calendar/calendar_repository.hpp"
#include "modules/calendar/calendar_service.hpp"
#include "modules/delegations/delegation_demo.hpp"
#include "modules/delegations/delegation_repository.hpp"
#include "modules/delegations/delegation_service.hpp"
#include "modules/partners/partner_demo.hpp"
#include "modules/partners/partner_repository.hpp"
#include "modules/partners/partner_service.hpp"
#include "storage/database.hpp"
#include "support/matchers.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using Fields = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kForm = "application/x-www-form-urlencoded";

std::string FormBody(const Fields& fields) {
    std::string out;
    for (const auto& [k, v] : fields) {
        if (!out.empty())
            out += '&';
        out += http::PercentEncode(k) + "=" + http::PercentEncode(v);
    }
    return out;
}

std::string SetCookie(const HttpResponse& res, const std::string& name) {
    for (const auto& c : res.AllHeaders("Set-Cookie")) {
        if (c.starts_with(name + "="))
            return c.substr(name.size() + 1, c.find(';') - name.size() - 1);
    }
    return {};
}

std::string Match(const std::string& text, const std::string& pattern) {
    std::smatch m;
    if (std::regex_search(text, m, std::regex(pattern)))
        return m[1];
    return {};
}

std::size_t Count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1))
        ++n;
    return n;
}

// The form of an outbound delegation of Hà Nội (2001) to Korea in July 2025 (the clock stands
// at 01/08/2025).
Fields ProposalForm(const std::string& title =
                        "Đoàn công tác của Thành phố Hà Nội thăm tỉnh "
                        "Gyeonggi") {
    return {{"title", title},
            {"direction", "outbound"},
            {"level", "provincial_leaders"},
            {"admin_unit_id", "2001"},
            {"countries", "kr"},
            {"purpose", "Xúc tiến đầu tư"},
            {"starts_on", "10/07/2025"},
            {"ends_on", "15/07/2025"},
            {"funding", "state_budget"},
            {"head_name", "Nguyễn Văn An"},
            {"head_title", "Phó Chủ tịch UBND Thành phố Hà Nội"},
            {"head_organisation", "UBND Thành phố Hà Nội"},
            {"head_nationality", ""},
            {"member_name", "Trần Thị Bình"},
            {"member_title", "Giám đốc Sở Ngoại vụ"},
            {"member_organisation", ""},
            {"member_nationality", ""},
            {"member_role", "deputy_head"},
            {"member_name", ""},
            {"member_title", ""},
            {"member_organisation", ""},
            {"member_nationality", ""},
            {"member_role", "member"},
            {"programme_day", "11/07/2025"},
            {"programme_time", "09:00"},
            {"programme_place", "Suwon"},
            {"programme_activity", "Làm việc với lãnh đạo tỉnh Gyeonggi"},
            {"programme_partner", ""},
            {"report_due_days", "10"},
            {"note", ""}};
}

// `fields` with the value of every `name` replaced by `value` (the first occurrence only when
// `first_only`).
Fields With(Fields fields, const std::string& name, const std::string& value) {
    for (auto& [k, v] : fields) {
        if (k == name) {
            v = value;
            break;
        }
    }
    return fields;
}

class DelegationsPages : public AppTest {
 protected:
    void SetUp() override {
        AppTest::SetUp();
        tokens_ = AddDemoAccounts(app().db_location(),
                                  {"demo-officer-01", "demo-leader-01", "demo-officer-79",
                                   "demo-viewer", "demo-mofa", "demo-admin"});
    }
    HeaderList As(const std::string& who, HeaderList headers = {}) {
        headers.emplace_back("Authorization", "Bearer " + tokens_.at(who));
        return headers;
    }
    HttpResponse Call(const std::string& who, const std::string& method, const std::string& target,
                      const nlohmann::json& body = nullptr) {
        HeaderList headers = As(who);
        if (!body.is_null())
            headers.emplace_back("Content-Type", "application/json");
        HttpClient client = app().Client();
        return client.Request(method, target, headers, body.is_null() ? "" : body.dump());
    }
    HttpResponse Page(const std::string& who, const std::string& target, HeaderList headers = {}) {
        return AppTest::Get(target, As(who, std::move(headers)));
    }
    HttpResponse Submit(const std::string& who, const std::string& target, const Fields& fields,
                        HeaderList headers = {}) {
        return AppTest::Post(target, FormBody(fields), kForm, As(who, std::move(headers)));
    }
    HttpResponse Step(const std::string& who, std::int64_t id, Fields fields) {
        return Submit(who, "/delegations/" + std::to_string(id) + "/steps", fields);
    }
    static nlohmann::json Proposal() {
        return {{"title", "Đoàn công tác của Thành phố Hà Nội thăm tỉnh Gyeonggi"},
                {"direction", "outbound"},
                {"level", "provincial_leaders"},
                {"admin_unit_ids", {2001}},
                {"countries", {"KR"}},
                {"purpose", "Xúc tiến đầu tư"},
                {"starts_on", "2025-07-10"},
                {"ends_on", "2025-07-15"},
                {"proposed_on", "2025-07-01"},
                {"head", {{"name", "Nguyễn Văn An"}, {"title", "Phó Chủ tịch UBND TP Hà Nội"}}},
                {"members", {{{"name", "Trần Thị Bình"}, {"title", "Giám đốc Sở Ngoại vụ"}}}},
                {"programme",
                 {{{"day", "2025-07-11"},
                   {"time", "09:00"},
                   {"place", "Suwon"},
                   {"activity", "Làm việc với lãnh đạo tỉnh Gyeonggi"}}}}};
    }
    std::int64_t Propose(const nlohmann::json& body = Proposal()) {
        auto r = Call("demo-officer-01", "POST", "/api/v1/delegations", body);
        EXPECT_EQ(r.status, 201) << r.Describe();
        return r.Json().value("id", std::int64_t{0});
    }
    nlohmann::json Get(std::int64_t id) {
        return Call("demo-officer-01", "GET", "/api/v1/delegations/" + std::to_string(id)).Json();
    }
    nlohmann::json Total(const std::string& query = "") {
        return Call("demo-mofa", "GET", "/api/v1/delegations?" + query).Json()["total"];
    }
    // Approved by the leader on 05/07, started on 10/07, back on 15/07: the report is due on
    // 25/07/2025 and overdue on 01/08.
    void Return(std::int64_t id) {
        auto step = [&](const std::string& who, nlohmann::json s) {
            auto r = Call(who, "POST", "/api/v1/delegations/" + std::to_string(id) + "/steps", s);
            ASSERT_EQ(r.status, 200) << r.Describe();
        };
        step("demo-leader-01", {{"action", "approve"},
                                {"date", "2025-07-05"},
                                {"decision_ref", "QĐ 123/QĐ-UBND"},
                                {"confirm_overlaps", true}});
        step("demo-officer-01", {{"action", "depart"}, {"date", "2025-07-10"}});
        step("demo-officer-01", {{"action", "return"}, {"date", "2025-07-15"}});
    }
    std::int64_t InsertSignedAgreement(std::int64_t unit = 2001) {
        auto db = storage::Open(app().db_location());
        std::int64_t id = 0;
        {
            auto tx = db->Begin(storage::TxMode::kWrite);
            id = tx->QueryOne(
                       "INSERT INTO agreement (title_vi, form, party_kind, party_name, "
                       "admin_unit_id, current_unit_id, procedure, status, signed_on, "
                       "signed_year, search_text, created_at, updated_at) VALUES ('Bản ghi "
                       "nhớ về hợp tác giáo dục', 'mou', 'ubnd', 'UBND Thành phố Hà Nội', "
                       "$1, $1, 'normal', 'in_force', '2025-07-11', 2025, 'ban ghi nho', "
                       "'2025-07-11', '2025-07-11') RETURNING id",
                       {unit})
                     ->Int(0);
            tx->Commit();
        }
        db->Close();
        return id;
    }
    std::int64_t CountRows(const std::string& sql) {
        auto db = storage::Open(app().db_location());
        std::int64_t n = 0;
        {
            auto tx = db->Begin(storage::TxMode::kRead);
            n = tx->QueryOne(sql)->Int(0);
        }
        db->Close();
        return n;
    }
    // Signs in through the form: the session cookie header and the session's CSRF token.
    std::pair<HeaderList, std::string> Session(const std::string& login) {
        auto form = AppTest::Get("/login");
        std::string csrf = SetCookie(form, "nv_csrf");
        auto res = AppTest::Post(
            "/login",
            FormBody({{"_csrf", csrf}, {"login", login}, {"password", app::kDemoPassword}}), kForm,
            {{"Cookie", "nv_csrf=" + csrf}});
        EXPECT_EQ(res.status, 303) << res.Describe();
        HeaderList headers = {{"Cookie", "nv_session=" + SetCookie(res, "nv_session")}};
        auto page = AppTest::Get("/delegations", headers);
        std::string token = Match(page.body, "name=\"_csrf\" value=\"([^\"]+)\"");
        EXPECT_FALSE(token.empty());
        return {headers, token};
    }
    std::map<std::string, std::string> tokens_;
};

TEST_F(DelegationsPages, TheListShowsFiltersSortLinksOverdueReportsAndOverlaps) {
    std::int64_t id = Propose();
    Return(id);
    // A second one for the same head on overlapping days, still proposed: flagged.
    auto clash = Proposal();
    clash["title"] = "Đoàn dự hội chợ tại Busan";
    clash["starts_on"] = "2025-08-10";
    clash["ends_on"] = "2025-08-12";
    clash["programme"] = nlohmann::json::array();
    std::int64_t first = Propose(clash);
    clash["title"] = "Đoàn dự diễn đàn tại Seoul";
    clash["starts_on"] = "2025-08-12";
    clash["ends_on"] = "2025-08-14";
    std::int64_t second = Propose(clash);

    auto list = Page("demo-officer-01", "/delegations");
    ASSERT_THAT(list, HasStatus(200));
    EXPECT_THAT(list.body, Not(HasSubstr("{{")));
    EXPECT_THAT(list.body, HasSubstr("id=\"nav-delegations\" aria-current=\"page\""));
    EXPECT_THAT(list.body, HasSubstr("Đoàn ra, đoàn vào"));
    EXPECT_THAT(list.body, HasSubstr("data-id=\"" + std::to_string(id) +
                                     "\" data-status=\"returned\" "
                                     "class=\"overdue\""));
    EXPECT_THAT(list.body, HasSubstr("25/07/2025 (quá hạn)"));
    EXPECT_THAT(list.body, HasSubstr("10/07/2025 – 15/07/2025"));
    EXPECT_EQ(Count(list.body, "overlap-flag"), 2u) << "both clashing proposals are flagged";
    EXPECT_THAT(list.body, HasSubstr("href=\"/delegations?sort=title\""));
    EXPECT_THAT(list.body, HasSubstr("href=\"/delegations/export?format=xlsx\""));
    // Filters keep each other in the sort links and the export links.
    auto filtered = Page("demo-officer-01", "/delegations?report_overdue=1&direction=outbound");
    ASSERT_THAT(filtered, HasStatus(200));
    EXPECT_THAT(filtered.body, HasSubstr("data-id=\"" + std::to_string(id) + "\""));
    EXPECT_THAT(filtered.body, Not(HasSubstr("data-id=\"" + std::to_string(first) + "\"")));
    EXPECT_THAT(filtered.body,
                HasSubstr("/delegations?report_overdue=1&amp;direction=outbound&amp;sort=title"));
    EXPECT_THAT(filtered.body, HasSubstr("/delegations/export?report_overdue=1&amp;direction="
                                         "outbound&amp;format=csv"));
    auto by_old = Page("demo-officer-01", "/delegations?province=1001");
    EXPECT_THAT(by_old.body, HasSubstr("id=\"delegations-empty\""));
    auto sorted = Page("demo-officer-01", "/delegations?sort=start");
    ASSERT_THAT(sorted, HasStatus(200));
    EXPECT_LT(sorted.body.find("data-id=\"" + std::to_string(id) + "\""),
              sorted.body.find("data-id=\"" + std::to_string(second) + "\""));
    auto english = Page("demo-officer-01", "/delegations", {{"Cookie", "lang=en"}});
    EXPECT_THAT(english.body, HasSubstr("Delegations in and out"));
    EXPECT_THAT(english.body, HasSubstr("(overdue)"));
    EXPECT_THAT(english.body, HasSubstr("Outbound delegation"));
    // Other provinces see nothing; bad filters are a 400 page naming the problem.
    EXPECT_THAT(Page("demo-officer-79", "/delegations").body,
                HasSubstr("id=\"delegations-empty\""));
    for (const char* bad : {"/delegations?year=abc", "/delegations?sort=random",
                            "/delegations?status=flying", "/delegations?country=kr"}) {
        auto r = Page("demo-officer-01", bad);
        EXPECT_EQ(r.status, 400) << bad;
        EXPECT_THAT(r, HasHeader("Content-Type", StartsWith("text/html"))) << bad;
    }
}

TEST_F(DelegationsPages, TheRecordShowsProgrammePeopleHistoryAndTheStepsTheActorMayTake) {
    std::int64_t id = Propose();
    std::string path = "/delegations/" + std::to_string(id);
    auto officer = Page("demo-officer-01", path);
    ASSERT_THAT(officer, HasStatus(200));
    EXPECT_THAT(officer.body, Not(HasSubstr("{{")));
    EXPECT_THAT(officer.body, HasSubstr("Suwon"));
    EXPECT_THAT(officer.body, HasSubstr("11/07/2025"));
    EXPECT_THAT(officer.body, HasSubstr("Trần Thị Bình"));
    EXPECT_THAT(officer.body, HasSubstr("Đề xuất đoàn"));  // the history's first step
    EXPECT_THAT(officer.body, HasSubstr("id=\"edit-link\""));
    EXPECT_THAT(officer.body, HasSubstr("id=\"step-cancel\""));
    EXPECT_THAT(officer.body, Not(HasSubstr("id=\"step-approve\""))) << "only leaders approve";
    auto leader = Page("demo-leader-01", path);
    EXPECT_THAT(leader.body, HasSubstr("id=\"step-approve\""));
    EXPECT_THAT(leader.body, HasSubstr("id=\"step-reject\""));
    auto viewer = Page("demo-viewer", path);
    ASSERT_THAT(viewer, HasStatus(200));
    EXPECT_THAT(viewer.body, Not(HasSubstr("step-form"))) << "a viewer takes no step";
    EXPECT_THAT(viewer.body, Not(HasSubstr("id=\"edit-link\"")));

    // Overlaps are shown before the approval.
    auto clash = Proposal();
    clash["title"] = "Đoàn dự hội chợ tại Busan";
    clash["starts_on"] = "2025-07-15";
    clash["ends_on"] = "2025-07-18";
    clash["programme"] = nlohmann::json::array();
    std::int64_t other = Propose(clash);
    auto warned = Page("demo-leader-01", "/delegations/" + std::to_string(other));
    EXPECT_THAT(warned.body, HasSubstr("id=\"overlaps\""));
    EXPECT_THAT(warned.body, HasSubstr("href=\"" + path + "\""));
    EXPECT_THAT(warned.body, HasSubstr("id=\"approve-confirm-overlaps\""));

    Return(id);
    auto back = Page("demo-officer-01", path);
    EXPECT_THAT(back.body, HasSubstr("id=\"report-overdue\">25/07/2025 (quá hạn)"));
    EXPECT_THAT(back.body, HasSubstr("id=\"step-submit_report\""));
    EXPECT_THAT(back.body, Not(HasSubstr("id=\"edit-link\""))) << "no edit once carried out";
    EXPECT_THAT(back.body, HasSubstr("QĐ 123/QĐ-UBND"));
    EXPECT_THAT(Page("demo-officer-01", path + "/edit"), HasStatus(409));

    // Absent, outside the scope, or not a number.
    auto missing = Page("demo-officer-01", "/delegations/999999");
    EXPECT_THAT(missing, HasStatus(404));
    EXPECT_THAT(missing, HasHeader("Content-Type", StartsWith("text/html")));
    EXPECT_THAT(Page("demo-officer-79", path), HasStatus(404));
    EXPECT_THAT(Page("demo-officer-79", path + "/edit"), HasStatus(404));
    EXPECT_THAT(Page("demo-officer-01", "/delegations/abc"), HasStatus(400));
    EXPECT_THAT(Page("demo-viewer", "/delegations/" + std::to_string(other) + "/edit"),
                HasStatus(403));
}

TEST_F(DelegationsPages, TheFormShowsEachProblemNextToItsFieldAndKeepsTheValues) {
    auto empty = Page("demo-officer-01", "/delegations/new");
    ASSERT_THAT(empty, HasStatus(200));
    EXPECT_THAT(empty.body, Not(HasSubstr("{{")));
    EXPECT_GE(Count(empty.body, "name=\"member_name\""), 5u) << "rows to fill without JS";
    EXPECT_GE(Count(empty.body, "name=\"programme_day\""), 5u);
    EXPECT_THAT(empty.body, HasSubstr("name=\"_csrf\""));

    Fields bad = ProposalForm("");
    bad = With(bad, "direction", "inbound");  // everyone needs a nationality
    bad = With(bad, "starts_on", "31/02/2025");
    bad = With(bad, "programme_day", "99/99/9999");
    bad = With(bad, "report_due_days", "mười");
    bad = With(bad, "head_name", "Kim Min-su");
    auto r = Submit("demo-officer-01", "/delegations", bad);
    ASSERT_THAT(r, HasStatus(400));
    EXPECT_THAT(r.body, HasSubstr("id=\"error-title\""));
    EXPECT_THAT(r.body, HasSubstr("id=\"error-starts-on\""));
    EXPECT_THAT(r.body, HasSubstr("&quot;31/02/2025&quot; không phải ngày"));
    EXPECT_THAT(r.body, HasSubstr("id=\"error-head-nationality\""));
    EXPECT_THAT(r.body, HasSubstr("class=\"field-error member-error\""));
    EXPECT_THAT(r.body, HasSubstr("class=\"field-error programme-error\""));
    EXPECT_THAT(r.body, HasSubstr("id=\"error-report-due-days\""));
    // The values as typed.
    EXPECT_THAT(r.body, HasSubstr("value=\"31/02/2025\""));
    EXPECT_THAT(r.body, HasSubstr("value=\"99/99/9999\""));
    EXPECT_THAT(r.body, HasSubstr("value=\"Kim Min-su\""));
    EXPECT_THAT(r.body, HasSubstr("value=\"Trần Thị Bình\""));
    EXPECT_THAT(r.body, HasSubstr("value=\"inbound\" checked"));
    EXPECT_THAT(r.body, HasSubstr("<option value=\"2001\" selected>"));
    EXPECT_THAT(r.body, HasSubstr("<option value=\"deputy_head\" selected>"));
    auto en = Submit("demo-officer-01", "/delegations", bad, {{"Cookie", "lang=en"}});
    EXPECT_THAT(en.body, HasSubstr("&quot;31/02/2025&quot; is not a date"));
    EXPECT_THAT(en.body, HasSubstr("the head of delegation is required"));
    // What only the service knows: the country table, the province on the first day.
    auto unknown =
        Submit("demo-officer-01", "/delegations", With(ProposalForm(), "countries", "XX"));
    ASSERT_THAT(unknown, HasStatus(400));
    EXPECT_THAT(unknown.body, HasSubstr("id=\"error-countries\""));
    auto old =
        Submit("demo-officer-01", "/delegations", With(ProposalForm(), "admin_unit_id", "1001"));
    ASSERT_THAT(old, HasStatus(400));
    EXPECT_THAT(old.body, HasSubstr("id=\"error-admin-unit-ids\""));
    EXPECT_THAT(Submit("demo-officer-79", "/delegations", ProposalForm()), HasStatus(403));
    EXPECT_EQ(Total(), 0) << "a refused form wrote something";

    auto ok = Submit("demo-officer-01", "/delegations", ProposalForm());
    ASSERT_THAT(ok, HasStatus(303));
    std::string location = ok.Header("Location").value_or("");
    ASSERT_THAT(location, StartsWith("/delegations/"));
    auto j = Get(std::stoll(location.substr(13)));
    EXPECT_EQ(j["countries"], nlohmann::json({"KR"}));
    ASSERT_EQ(j["members"].size(), 1u) << "the empty rows are ignored";
    EXPECT_EQ(j["members"][0]["role"], "deputy_head");
    EXPECT_EQ(j["programme"][0]["day"], "2025-07-11");
    EXPECT_EQ(j["status"], "proposed");
}

TEST_F(DelegationsPages, TheEditFormShowsTheOtherPersonsChangeWhenItsVersionIsStale) {
    std::int64_t id = Propose();
    std::string path = "/delegations/" + std::to_string(id);
    auto form = Page("demo-officer-01", path + "/edit");
    ASSERT_THAT(form, HasStatus(200));
    EXPECT_THAT(form.body, HasSubstr("name=\"version\" value=\"1\""));
    EXPECT_THAT(form.body, HasSubstr("value=\"10/07/2025\""));
    EXPECT_THAT(form.body, HasSubstr("value=\"Suwon\""));
    auto edit = [&](const std::string& title, const std::string& version) {
        Fields f = ProposalForm(title);
        f.emplace_back("version", version);
        return Submit("demo-officer-01", path, f);
    };
    ASSERT_THAT(edit("Bản sửa thứ nhất", "1"), HasStatus(303));
    auto second = edit("Bản sửa thứ hai", "1");
    ASSERT_THAT(second, HasStatus(409));
    EXPECT_THAT(second.body, HasSubstr("id=\"delegation-conflict\""));
    EXPECT_THAT(second.body, HasSubstr("Bản sửa thứ nhất"));  // the stored value
    EXPECT_THAT(second.body, HasSubstr("Bản sửa thứ hai"));   // the user's input
    EXPECT_THAT(second.body, HasSubstr("name=\"version\" value=\"2\""));
    auto invalid = edit("", "2");
    EXPECT_THAT(invalid, HasStatus(400));
    EXPECT_THAT(invalid.body, HasSubstr("id=\"error-title\""));
    EXPECT_THAT(Submit("demo-officer-01", path, ProposalForm()), HasStatus(400)) << "no version";
    EXPECT_EQ(Get(id)["title"], "Bản sửa thứ nhất");
    EXPECT_EQ(Get(id)["version"], 2);
}

TEST_F(DelegationsPages, EveryWorkflowStepHasItsForm) {
    std::int64_t agreement = InsertSignedAgreement();
    std::int64_t id = Propose();
    std::string path = "/delegations/" + std::to_string(id);
    auto status = [&](std::int64_t which) { return Get(which)["status"].get<std::string>(); };

    // Approving is a leader's step; a refused step shows its reason next to its form.
    auto by_officer =
        Step("demo-officer-01", id,
             {{"action", "approve"}, {"date", "05/07/2025"}, {"decision_ref", "QĐ 1"}});
    EXPECT_THAT(by_officer, HasStatus(403));
    EXPECT_THAT(by_officer.body, HasSubstr("Chỉ lãnh đạo tỉnh"));
    auto no_ref = Step("demo-leader-01", id, {{"action", "approve"}, {"date", "05/07/2025"}});
    ASSERT_THAT(no_ref, HasStatus(400));
    EXPECT_THAT(no_ref.body, HasSubstr("id=\"step-error\""));
    EXPECT_EQ(status(id), "proposed");
    ASSERT_THAT(Step("demo-leader-01", id,
                     {{"action", "approve"},
                      {"date", "05/07/2025"},
                      {"decision_ref", "QĐ 123/QĐ-UBND"},
                      {"version", "1"}}),
                HasStatus(303));
    EXPECT_EQ(status(id), "approved");

    auto bad_date = Step("demo-officer-01", id, {{"action", "depart"}, {"date", "10-07-25"}});
    ASSERT_THAT(bad_date, HasStatus(400));
    EXPECT_THAT(bad_date.body, HasSubstr("value=\"10-07-25\"")) << "the value is kept";
    EXPECT_THAT(Step("demo-officer-01", id,
                     {{"action", "depart"}, {"date", "10/07/2025"}, {"version", "1"}}),
                HasStatus(409));
    ASSERT_THAT(Step("demo-officer-01", id, {{"action", "depart"}, {"date", "10/07/2025"}}),
                HasStatus(303));
    ASSERT_THAT(Step("demo-officer-01", id, {{"action", "return"}, {"date", "15/07/2025"}}),
                HasStatus(303));
    EXPECT_EQ(Get(id)["report_due_on"], "2025-07-25");
    auto early_summary =
        Step("demo-officer-01", id, {{"action", "submit_report"}, {"date", "30/07/2025"}});
    EXPECT_THAT(early_summary, HasStatus(400));
    ASSERT_THAT(Step("demo-officer-01", id,
                     {{"action", "submit_report"},
                      {"date", "30/07/2025"},
                      {"report_summary", "Đoàn đã làm việc với tỉnh Gyeonggi."}}),
                HasStatus(303));
    // The outcome form offers the province's signed agreements.
    auto reported = Page("demo-officer-01", path);
    EXPECT_THAT(reported.body, HasSubstr("id=\"agreement-" + std::to_string(agreement) + "\""));
    auto outcome = Step("demo-officer-01", id,
                        {{"action", "record_outcomes"},
                         {"date", "31/07/2025"},
                         {"agreement_ids", std::to_string(agreement)},
                         {"commitments", "Trao đổi 20 sinh viên mỗi năm"},
                         {"fu_description", "Mời đoàn Gyeonggi sang thăm"},
                         {"fu_responsible", "Sở Ngoại vụ"},
                         {"fu_due_on", "31/07/2025"},
                         {"fu_status", "open"},
                         {"fu_done_on", ""},
                         {"fu_description", ""},
                         {"fu_responsible", ""},
                         {"fu_due_on", ""},
                         {"fu_status", "open"},
                         {"fu_done_on", ""}});
    ASSERT_THAT(outcome, HasStatus(303));
    auto closed = Page("demo-officer-01", path);
    EXPECT_THAT(closed.body, HasSubstr("href=\"/agreements/" + std::to_string(agreement) + "\""));
    EXPECT_THAT(closed.body, HasSubstr("Trao đổi 20 sinh viên mỗi năm"));
    EXPECT_THAT(closed.body, HasSubstr("31/07/2025 (quá hạn)"));  // the follow-up, due yesterday
    EXPECT_EQ(status(id), "closed");
    auto bad_follow_up = Step("demo-officer-01", id,
                              {{"action", "record_outcomes"},
                               {"date", "01/08/2025"},
                               {"fu_description", "Việc"},
                               {"fu_due_on", "mai"}});
    EXPECT_THAT(bad_follow_up, HasStatus(400));
    EXPECT_EQ(Get(id)["outcome"]["follow_ups"].size(), 1u);

    // Cancel, propose again, refuse; approve and record the trip afterwards.
    auto second = Proposal();
    second["title"] = "Đoàn dự hội chợ tại Busan";
    second["starts_on"] = "2025-07-20";
    second["ends_on"] = "2025-07-22";
    second["programme"] = nlohmann::json::array();
    second["head"] = {{"name", "Lê Văn Cường"}, {"title", "Giám đốc Sở Công Thương"}};
    second["members"] = nlohmann::json::array();
    std::int64_t b = Propose(second);
    EXPECT_THAT(Step("demo-officer-01", b, {{"action", "cancel"}, {"date", "02/07/2025"}}),
                HasStatus(400))
        << "a reason is needed";
    ASSERT_THAT(Step("demo-officer-01", b,
                     {{"action", "cancel"}, {"date", "02/07/2025"}, {"note", "Đối tác lùi lịch"}}),
                HasStatus(303));
    EXPECT_EQ(status(b), "cancelled");
    ASSERT_THAT(
        Step("demo-officer-01", b,
             {{"action", "reopen"}, {"date", "03/07/2025"}, {"note", "Đối tác xác nhận lại"}}),
        HasStatus(303));
    ASSERT_THAT(Step("demo-leader-01", b,
                     {{"action", "reject"},
                      {"date", "04/07/2025"},
                      {"decision_ref", "CV 9/UBND"},
                      {"note", "Chưa phù hợp kế hoạch"}}),
                HasStatus(303));
    EXPECT_EQ(status(b), "rejected");
    ASSERT_THAT(Step("demo-officer-01", b,
                     {{"action", "reopen"}, {"date", "05/07/2025"}, {"note", "Bổ sung hồ sơ"}}),
                HasStatus(303));
    ASSERT_THAT(Step("demo-leader-01", b,
                     {{"action", "approve"}, {"date", "06/07/2025"}, {"decision_ref", "QĐ 7"}}),
                HasStatus(303));
    ASSERT_THAT(Step("demo-officer-01", b,
                     {{"action", "return"}, {"date", "22/07/2025"}, {"departed_on", "21/07/2025"}}),
                HasStatus(303));
    EXPECT_EQ(Get(b)["departed_on"], "2025-07-21");
    EXPECT_EQ(Get(b)["history"].size(), 7u);
    EXPECT_THAT(Step("demo-officer-01", 999999, {{"action", "depart"}, {"date", "01/08/2025"}}),
                HasStatus(404));
    EXPECT_THAT(Step("demo-viewer", b, {{"action", "submit_report"}, {"date", "01/08/2025"}}),
                HasStatus(403));
    EXPECT_THAT(Step("demo-officer-01", b, {{"action", "fly"}, {"date", "01/08/2025"}}),
                HasStatus(400));
}

TEST_F(DelegationsPages, SessionFormsNeedTheirCsrfToken) {
    auto [session, csrf] = Session("demo-officer-01");
    auto missing = AppTest::Post("/delegations", FormBody(ProposalForm()), kForm, session);
    EXPECT_THAT(missing, HasStatus(403));
    Fields wrong = ProposalForm();
    wrong.emplace_back("_csrf", "not-the-token");
    EXPECT_THAT(AppTest::Post("/delegations", FormBody(wrong), kForm, session), HasStatus(403));
    EXPECT_EQ(Total(), 0);
    Fields good = ProposalForm();
    good.emplace_back("_csrf", csrf);
    auto created = AppTest::Post("/delegations", FormBody(good), kForm, session);
    ASSERT_THAT(created, HasStatus(303));
    std::string path = created.Header("Location").value_or("");
    auto page = AppTest::Get(path, session);
    EXPECT_THAT(page.body, HasSubstr("name=\"_csrf\" value=\"" + csrf + "\""));
    Fields cancel = {{"action", "cancel"}, {"date", "01/08/2025"}, {"note", "Hủy"}};
    EXPECT_THAT(AppTest::Post(path + "/steps", FormBody(cancel), kForm, session), HasStatus(403));
    cancel.emplace_back("_csrf", csrf);
    EXPECT_THAT(AppTest::Post(path + "/steps", FormBody(cancel), kForm, session), HasStatus(303));
    Fields edit = ProposalForm("Tên mới");
    edit.emplace_back("version", "1");
    EXPECT_THAT(AppTest::Post(path, FormBody(edit), kForm, session), HasStatus(403));
    // Signed out, the pages send to the sign-in form.
    auto anonymous = AppTest::Get("/delegations");
    EXPECT_THAT(anonymous, HasStatus(303));
    EXPECT_THAT(anonymous.Header("Location").value_or(""), StartsWith("/login?next="));
}

TEST_F(DelegationsPages, AnExportImportsBackAndAnImportChecksEveryRowAndColumn) {
    std::int64_t id = Propose();
    Return(id);
    auto march = Proposal();  // before the merger: Hà Nội of the 63
    march["title"] = "Đoàn công tác thăm Nhật Bản";
    march["admin_unit_ids"] = {1001};
    march["countries"] = {"JP"};
    march["starts_on"] = "2025-03-10";
    march["ends_on"] = "2025-03-14";
    march["proposed_on"] = "2025-02-10";
    march["programme"] = nlohmann::json::array();
    march["head"] = {{"name", "Phạm Minh Đức"}, {"title", "Giám đốc Sở Ngoại vụ"}};
    std::int64_t old = Propose(march);
    ASSERT_EQ(
        Call("demo-leader-01", "POST", "/api/v1/delegations/" + std::to_string(old) + "/steps",
             {{"action", "reject"},
              {"date", "2025-02-12"},
              {"decision_ref", "CV 3"},
              {"note", "Trùng lịch tiếp khách"}})
            .status,
        200);

    auto xlsx = Page("demo-officer-01", "/delegations/export?format=xlsx&province=2001");
    ASSERT_THAT(xlsx, HasStatus(200));
    EXPECT_THAT(xlsx, HasHeader("Content-Type",
                                "application/vnd.openxmlformats-officedocument."
                                "spreadsheetml.sheet"));
    EXPECT_THAT(xlsx.Header("Content-Disposition").value_or(""), HasSubstr("attachment"));
    EXPECT_THAT(xlsx.body, StartsWith("PK"));
    auto csv = Page("demo-officer-01", "/delegations/export?format=csv");
    ASSERT_THAT(csv, HasStatus(200));
    EXPECT_THAT(csv.body, StartsWith("\xEF\xBB\xBF"));
    EXPECT_THAT(csv.body, HasSubstr("10/07/2025"));
    EXPECT_THAT(csv.body, HasSubstr("Trần Thị Bình (Giám đốc Sở Ngoại vụ)"));
    EXPECT_THAT(csv.body, HasSubstr("Trùng lịch tiếp khách"));  // the reason of the refusal
    EXPECT_THAT(csv.body, HasSubstr("Thành phố Hà Nội"));
    auto english =
        Page("demo-officer-01", "/delegations/export?format=csv", {{"Cookie", "lang=en"}});
    EXPECT_THAT(english.body, HasSubstr("Head of delegation"));
    EXPECT_THAT(english.body, HasSubstr("Returned, report due"));
    EXPECT_THAT(Page("demo-officer-01", "/delegations/export?format=pdf"), HasStatus(400));
    EXPECT_THAT(Page("demo-officer-79", "/delegations/export?format=csv").body,
                Not(HasSubstr("Gyeonggi")));

    auto import = [&](const std::string& mode, const std::string& file,
                      const std::string& who = "demo-officer-01",
                      const std::string& type = "application/octet-stream") {
        HttpClient client = app().Client();
        return client.Request("POST", "/api/v1/delegations/import?mode=" + mode,
                              As(who, {{"Content-Type", type}}), file);
    };
    // Both exports back in: every row is recognised as already recorded, nothing else wrong.
    for (const std::string* file : {&xlsx.body, &csv.body}) {
        auto back = import("preview", *file);
        ASSERT_THAT(back, HasStatus(200));
        const nlohmann::json b = back.Json();
        EXPECT_EQ(b["rows"], 2);
        EXPECT_EQ(b["valid"], 0);
        ASSERT_EQ(b["problems"].size(), 2u) << b.dump();
        for (const auto& p : b["problems"]) {
            EXPECT_THAT(p["message_en"].get<std::string>(), HasSubstr("already recorded"));
            EXPECT_EQ(p["column"], "Tên đoàn");
            EXPECT_EQ(p["column_en"], "Title");
        }
    }

    // New rows: 2 is good (approved); 3 names a province that did not exist on its first day
    // and a date that does not exist; 4 is inbound without nationalities; 5 returned, by the
    // English headers' names and codes; 6 repeats row 2.
    std::string rows =
        "Tên đoàn,Loại đoàn,Cấp đoàn,\"Tỉnh, thành phố (theo ngày bắt đầu)\",Quốc gia (mã "
        "ISO),Ngày bắt đầu,Ngày kết thúc,Trưởng đoàn,Chức vụ trưởng đoàn,Thành viên,Trạng "
        "thái,Quyết định của lãnh đạo tỉnh,Ngày quyết định,Ngày kết thúc thực tế\r\n"
        "Đoàn thăm Lào,Đoàn ra,Lãnh đạo tỉnh,Thành phố Hà Nội,LA,10/09/2025,12/09/2025,Ngô Văn "
        "Hùng,Phó Chủ tịch UBND,\"Đỗ Thị Hoa (Chuyên viên)\",Đã được phê duyệt,QĐ 44,"
        "20/07/2025,\r\n"
        "Đoàn thăm Thái Lan,Đoàn ra,Cấp sở, ngành,Tỉnh Hà Tây,TH,31/02/2025,,Vũ Văn Long,,,Đề "
        "xuất,,,\r\n"
        "Đoàn tỉnh Gyeonggi,Đoàn vào,other,Thành phố Hà Nội,KR,20/08/2025,22/08/2025,Kim Min-su,"
        "Governor,Park Ji-hoon (Officer),proposed,,,\r\n"
        "Đoàn thăm Singapore,outbound,department,Ha Noi,SG,20/06/2025,25/06/2025,Bùi Văn Nam,"
        "Giám đốc Sở Công Thương,\"Lý Thị Mai (Chuyên viên) [VN]\nHồ Văn Tâm\",returned,QĐ 45,"
        "10/06/2025,25/06/2025\r\n"
        "Đoàn thăm Lào,Đoàn ra,Lãnh đạo tỉnh,Thành phố Hà Nội,LA,10/09/2025,12/09/2025,Ngô Văn "
        "Hùng,Phó Chủ tịch UBND,,Đã được phê duyệt,QĐ 44,20/07/2025,\r\n";
    // "Cấp sở, ngành" is one value: quote it.
    rows.replace(rows.find("Cấp sở, ngành"), std::string("Cấp sở, ngành").size(),
                 "\"Cấp sở, ngành\"");
    auto preview = import("preview", rows, "demo-officer-01", "text/csv");
    ASSERT_THAT(preview, HasStatus(200));
    const nlohmann::json p = preview.Json();
    EXPECT_EQ(p["rows"], 5);
    EXPECT_EQ(p["valid"], 2);
    std::set<std::pair<int, std::string>> where;
    for (const auto& problem : p["problems"]) {
        where.insert({problem["row"].get<int>(), problem["column"].get<std::string>()});
        EXPECT_FALSE(problem["message_vi"].get<std::string>().empty());
        EXPECT_FALSE(problem["message_en"].get<std::string>().empty());
        EXPECT_FALSE(problem["column_en"].get<std::string>().empty()) << problem.dump();
    }
    EXPECT_TRUE(where.contains({3, "Ngày bắt đầu"})) << p.dump();
    EXPECT_TRUE(where.contains({3, "Tỉnh, thành phố (theo ngày bắt đầu)"})) << p.dump();
    EXPECT_TRUE(where.contains({4, "Quốc tịch trưởng đoàn"})) << p.dump();
    EXPECT_TRUE(where.contains({4, "Thành viên"})) << p.dump();
    EXPECT_TRUE(where.contains({6, "Tên đoàn"})) << p.dump();
    EXPECT_EQ(Total(), 2) << "a preview wrote something";

    auto all = import("all", rows, "demo-officer-01", "text/csv");
    ASSERT_THAT(all, HasStatus(200));
    EXPECT_EQ(all.Json()["written"], 0);
    EXPECT_EQ(Total(), 2);
    auto by_viewer = import("valid", rows, "demo-viewer", "text/csv");
    ASSERT_THAT(by_viewer, HasStatus(200));
    EXPECT_EQ(by_viewer.Json()["written"], 0);
    EXPECT_EQ(Total(), 2);

    std::int64_t audit_before =
        CountRows("SELECT COUNT(*) FROM audit_log WHERE action = 'delegation.import'");
    auto valid = import("valid", rows, "demo-officer-01", "text/csv");
    ASSERT_THAT(valid, HasStatus(200));
    EXPECT_EQ(valid.Json()["written"], 2);
    EXPECT_EQ(Total(), 4);
    EXPECT_EQ(CountRows("SELECT COUNT(*) FROM audit_log WHERE action = 'delegation.import'"),
              audit_before + 3)
        << "one entry per row and one for the import";
    auto created = valid.Json()["created_ids"];
    ASSERT_EQ(created.size(), 2u);
    auto laos = Get(created[0].get<std::int64_t>());
    EXPECT_EQ(laos["status"], "approved");
    EXPECT_EQ(laos["decided_on"], "2025-07-20");
    EXPECT_EQ(laos["members"][0]["name"], "Đỗ Thị Hoa");
    EXPECT_EQ(laos["members"][0]["title"], "Chuyên viên");
    ASSERT_EQ(laos["history"].size(), 2u);  // proposed, approved
    auto singapore = Get(created[1].get<std::int64_t>());
    EXPECT_EQ(singapore["status"], "returned");
    EXPECT_EQ(singapore["admin_unit_ids"], nlohmann::json({1001}));  // Hà Nội of the 63
    EXPECT_EQ(singapore["report_due_on"], "2025-07-07");             // 05/07 is a Saturday
    EXPECT_EQ(singapore["report_overdue"], true);
    EXPECT_EQ(singapore["members"][0]["nationality"], "VN");
    EXPECT_EQ(singapore["members"][1]["name"], "Hồ Văn Tâm");
    EXPECT_EQ(singapore["history"].size(), 4u);  // proposed, approved, started, ended

    // The template, and what is not a spreadsheet of delegations.
    auto template_xlsx = Page("demo-officer-01", "/delegations/import/template?format=xlsx");
    ASSERT_THAT(template_xlsx, HasStatus(200));
    EXPECT_THAT(template_xlsx.body, StartsWith("PK"));
    auto template_csv = Page("demo-officer-01", "/delegations/import/template?format=csv");
    EXPECT_THAT(template_csv.body, HasSubstr("Trưởng đoàn"));
    EXPECT_THAT(Page("demo-officer-01", "/delegations/import/template?format=pdf"), HasStatus(400));
    auto import_page = Page("demo-officer-01", "/delegations/import");
    ASSERT_THAT(import_page, HasStatus(200));
    EXPECT_THAT(import_page.body, HasSubstr("data-endpoint=\"/api/v1/delegations/import\""));
    EXPECT_THAT(import_page.body, Not(HasSubstr("{{")));
    for (const std::string& broken :
         {std::string("PK\x03\x04 not a zip", 15), std::string("\xff\xfe\x00garbage", 10),
          std::string("a,b\r\n1,2\r\n"), std::string("Tên đoàn\r\n")}) {
        auto res = import("valid", broken);
        EXPECT_THAT(res, HasStatus(400));
        EXPECT_THAT(res, IsJsonError("invalid_argument", "file"));
    }
    EXPECT_THAT(import("valid", ""), IsJsonError("invalid_argument", "file"));
    EXPECT_THAT(import("valid", "{}", "demo-officer-01", "application/json"), HasStatus(400));
    EXPECT_THAT(import("maybe", rows), IsJsonError("invalid_argument", "mode"));
    EXPECT_EQ(Total(), 4);
}

TEST_F(DelegationsPages, TheDemoDataLoadsEveryStatusOnceAndFlagsItsOverlaps) {
    InsertSignedAgreement(1001);
    {
        auto db = storage::Open(app().db_location());
        audit::SqlAuditRepository audit_repo;
        audit::AuditService audit(*db, audit_repo, app().clock());
        partners::SqlPartnerRepository partner_repo;
        partners::PartnerService partner_service(*db, partner_repo, audit, app().clock());
        ASSERT_TRUE(
            partner_service
                .CreateDemoPartners(partners::DemoPartners(), partners::DemoSisterRelations())
                .ok());
        calendar::SqlCalendarRepository calendar_repo;
        calendar::CalendarService calendar(*db, calendar_repo, audit, app().clock());
        agreements::SqlAgreementRepository agreement_repo;
        delegations::SqlDelegationRepository repo;
        delegations::DelegationService service(*db, repo, agreement_repo, audit, app().clock(),
                                               [&calendar] { return calendar.Calendar(); });
        auto added = delegations::AddDemoDelegations(service, 1, 1);
        ASSERT_TRUE(added.ok()) << added.error().message_en;
        EXPECT_GE(*added, 140);
        EXPECT_LE(*added, 160);
        auto again = delegations::AddDemoDelegations(service, 1, 1);
        ASSERT_TRUE(again.ok());
        EXPECT_EQ(*again, 0) << "the demo data is added once";
        db->Close();
    }
    for (const char* status : {"proposed", "approved", "rejected", "cancelled", "in_progress",
                               "returned", "reported", "closed"}) {
        EXPECT_GT(Total(std::string("status=") + status), 0) << status;
    }
    for (const char* level : {"top_leaders", "provincial_leaders", "department", "other"})
        EXPECT_GT(Total(std::string("level=") + level), 0) << level;
    EXPECT_GT(Total("direction=inbound"), 0);
    EXPECT_GT(Total("report_overdue=1"), 0);
    EXPECT_GT(Total("year=2019"), 0);
    EXPECT_GT(Total("province=1001"), 0) << "Hà Nội of the 63";
    EXPECT_GT(Total("province=2079"), 0) << "Hồ Chí Minh City";
    auto inbound = Call("demo-mofa", "GET", "/api/v1/delegations?direction=inbound&per_page=200");
    const nlohmann::json visitors = inbound.Json();
    for (const auto& d : visitors["items"]) {
        EXPECT_EQ(d["head"]["nationality"].get<std::string>().size(), 2u) << d["title"];
        for (const auto& m : d["members"])
            EXPECT_EQ(m["nationality"].get<std::string>().size(), 2u) << d["title"];
    }
    // The clashes: proposed in Hà Nội, flagged on the list and on their pages.
    auto list = Page("demo-leader-01", "/delegations?status=proposed&per_page=200");
    ASSERT_THAT(list, HasStatus(200));
    EXPECT_GE(Count(list.body, "overlap-flag"), 1u);
    // A closed one's page: its history from the proposal to the outcomes.
    auto closed = Call("demo-mofa", "GET", "/api/v1/delegations?status=closed&per_page=1");
    std::int64_t id = closed.Json()["items"][0]["id"];
    auto view = Call("demo-mofa", "GET", "/api/v1/delegations/" + std::to_string(id)).Json();
    EXPECT_EQ(view["history"].size(), 6u);
    EXPECT_THAT(Page("demo-mofa", "/delegations/" + std::to_string(id)), HasStatus(200));
}

}  // namespace
}  // namespace ngoaivu::testing
