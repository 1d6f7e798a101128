// The delegations API over real HTTP, on each backend: the workflow from proposal to outcomes
// with the report deadline, the overlap check before approval, province scope, optimistic
// locking, the counts, and bad input.
#include <gtest/gtest.h>

#include "http/request.hpp"
#include "storage/database.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

class DelegationsApi : public AppTest {
 protected:
    void SetUp() override {
        AppTest::SetUp();
        tokens_ = AddDemoAccounts(
            app().db_location(),
            {"demo-officer-01", "demo-leader-01", "demo-officer-79", "demo-viewer", "demo-mofa"});
    }
    HttpResponse Call(const std::string& who, const std::string& method, const std::string& target,
                      const nlohmann::json& body = nullptr) {
        HeaderList headers{{"Authorization", "Bearer " + tokens_.at(who)}};
        if (!body.is_null())
            headers.emplace_back("Content-Type", "application/json");
        HttpClient client = app().Client();
        return client.Request(method, target, headers, body.is_null() ? "" : body.dump());
    }
    // An outbound delegation of Hà Nội (2001) to Korea in July 2025 (the clock stands at
    // 01/08/2025), led by a vice-chairman.
    static nlohmann::json Proposal() {
        return {
            {"title", "Đoàn công tác của Thành phố Hà Nội thăm tỉnh Gyeonggi"},
            {"direction", "outbound"},
            {"level", "provincial_leaders"},
            {"admin_unit_ids", {2001}},
            {"countries", {"KR"}},
            {"purpose", "Xúc tiến đầu tư, thúc đẩy hợp tác giáo dục"},
            {"starts_on", "2025-07-10"},
            {"ends_on", "2025-07-15"},
            {"proposed_on", "2025-07-01"},
            {"funding", "state_budget"},
            {"head", {{"name", "Nguyễn Văn An"}, {"title", "Phó Chủ tịch UBND Thành phố Hà Nội"}}},
            {"members",
             {{{"name", "Trần Thị Bình"}, {"title", "Giám đốc Sở Ngoại vụ"}},
              {{"name", "Lê Văn Cường"}, {"title", "Chuyên viên"}}}},
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
    HttpResponse Step(const std::string& who, std::int64_t id, const nlohmann::json& step) {
        return Call(who, "POST", "/api/v1/delegations/" + std::to_string(id) + "/steps", step);
    }
    nlohmann::json Total(const std::string& who, const std::string& query) {
        auto r = Call(who, "GET", "/api/v1/delegations?" + query);
        EXPECT_EQ(r.status, 200) << query << ": " << r.Describe();
        return r.Json()["total"];
    }
    std::map<std::string, std::string> tokens_;
};

TEST_F(DelegationsApi, FromProposalToOutcomesWithTheReportDeadline) {
    std::int64_t id = Propose();
    ASSERT_GT(id, 0);
    // Only a provincial leader approves.
    auto by_officer = Step("demo-officer-01", id,
                           {{"action", "approve"}, {"date", "2025-07-05"}, {"decision_ref", "1"}});
    EXPECT_EQ(by_officer.status, 403) << by_officer.Describe();
    auto approved = Step("demo-leader-01", id,
                         {{"action", "approve"},
                          {"date", "2025-07-05"},
                          {"decision_ref", "Quyết định 123/QĐ-UBND ngày 05/07/2025"}});
    ASSERT_EQ(approved.status, 200) << approved.Describe();
    EXPECT_EQ(approved.Json()["status"], "approved");
    EXPECT_EQ(approved.Json()["decided_by"], "demo-leader-01");
    // Returning before departing is refused and changes nothing.
    auto early =
        Step("demo-officer-01", id,
             {{"action", "submit_report"}, {"date", "2025-07-20"}, {"report_summary", "Báo cáo"}});
    EXPECT_EQ(early.status, 409) << early.Describe();
    ASSERT_EQ(Step("demo-officer-01", id, {{"action", "depart"}, {"date", "2025-07-10"}}).status,
              200);
    auto back = Step("demo-officer-01", id, {{"action", "return"}, {"date", "2025-07-15"}});
    ASSERT_EQ(back.status, 200) << back.Describe();
    // 15/07 + 10 days = Friday 25/07/2025; on 01/08 the report is overdue.
    EXPECT_EQ(back.Json()["report_due_on"], "2025-07-25");
    EXPECT_EQ(back.Json()["report_overdue"], true);
    EXPECT_EQ(Total("demo-officer-01", "report_overdue=1"), 1);
    auto reported = Step("demo-officer-01", id,
                         {{"action", "submit_report"},
                          {"date", "2025-07-30"},
                          {"report_summary", "Đoàn đã làm việc với tỉnh Gyeonggi, ký biên bản."}});
    ASSERT_EQ(reported.status, 200) << reported.Describe();
    EXPECT_EQ(reported.Json()["report_overdue"], false);
    EXPECT_EQ(Total("demo-officer-01", "report_overdue=1"), 0);

    // The outcome links an agreement signed during the visit.
    auto db = storage::Open(app().db_location());
    std::int64_t agreement_id = 0;
    {
        auto tx = db->Begin(storage::TxMode::kWrite);
        agreement_id =
            tx->QueryOne(
                  "INSERT INTO agreement (title_vi, form, party_kind, party_name, admin_unit_id, "
                  "current_unit_id, procedure, status, signed_on, signed_year, search_text, "
                  "created_at, updated_at) VALUES ('Bản ghi nhớ về hợp tác giáo dục', 'mou', "
                  "'ubnd', 'UBND Thành phố Hà Nội', 2001, 2001, 'normal', 'signed', "
                  "'2025-07-11', 2025, 'ban ghi nho', '2025-07-11', '2025-07-11') RETURNING id")
                ->Int(0);
        tx->Commit();
    }
    db->Close();
    auto outcome = Step("demo-officer-01", id,
                        {{"action", "record_outcomes"},
                         {"date", "2025-07-31"},
                         {"outcome",
                          {{"agreement_ids", {agreement_id}},
                           {"commitments", "Trao đổi 20 sinh viên mỗi năm"},
                           {"follow_ups",
                            {{{"description", "Mời đoàn Gyeonggi sang thăm"},
                              {"responsible", "Sở Ngoại vụ"},
                              {"due_on", "2025-07-31"}}}}}}});
    ASSERT_EQ(outcome.status, 200) << outcome.Describe();
    auto j = outcome.Json();
    EXPECT_EQ(j["status"], "closed");
    ASSERT_EQ(j["outcome"]["agreements"].size(), 1u);
    EXPECT_EQ(j["outcome"]["agreements"][0]["title_vi"], "Bản ghi nhớ về hợp tác giáo dục");
    EXPECT_EQ(j["outcome"]["follow_ups"][0]["overdue"], true);
    ASSERT_EQ(j["history"].size(), 6u);  // create, approve, depart, return, report, outcomes
    EXPECT_EQ(j["history"][0]["action"], "create");
    EXPECT_EQ(j["history"][1]["user"], "demo-leader-01");
    EXPECT_EQ(j["programme"][0]["place"], "Suwon");
    EXPECT_EQ(j["members"][0]["name"], "Trần Thị Bình");

    // Lists: by either generation of the province, country, direction, year, search.
    EXPECT_EQ(Total("demo-viewer", "province=2001&country=KR&direction=outbound&year=2025"), 1);
    EXPECT_EQ(Total("demo-viewer", "province=1001"), 0);
    EXPECT_EQ(Total("demo-viewer", "q=gyeonggi"), 1);
    EXPECT_EQ(Total("demo-viewer", "q=nguyen%20van%20an"), 1);  // the head, without diacritics
    EXPECT_EQ(Total("demo-viewer", "from=2025-07-15&to=2025-07-31"), 1);
    EXPECT_EQ(Total("demo-viewer", "from=2025-07-16&to=2025-07-31"), 0);
    EXPECT_EQ(Total("demo-viewer", "direction=inbound"), 0);

    // The counts for the indicators: carried out, by today's province.
    auto counts =
        Call("demo-mofa", "GET", "/api/v1/delegations/counts?from_year=2025&to_year=2025");
    ASSERT_EQ(counts.status, 200) << counts.Describe();
    ASSERT_EQ(counts.Json()["items"].size(), 1u);
    EXPECT_EQ(counts.Json()["items"][0]["unit_id"], 2001);
    EXPECT_EQ(counts.Json()["items"][0]["direction"], "outbound");
    EXPECT_EQ(counts.Json()["items"][0]["level"], "provincial_leaders");
    EXPECT_EQ(counts.Json()["items"][0]["count"], 1);
    EXPECT_EQ(Call("demo-officer-79", "GET", "/api/v1/delegations/counts?from_year=2025")
                  .Json()["items"]
                  .size(),
              0u);
}

TEST_F(DelegationsApi, APersonInTwoDelegationsOnTheSameDaysIsFlaggedBeforeApproval) {
    std::int64_t first = Propose();
    auto second_body = Proposal();
    second_body["title"] = "Đoàn dự hội chợ tại Busan";
    second_body["starts_on"] = "2025-07-15";  // the last day of the first one
    second_body["ends_on"] = "2025-07-18";
    second_body["head"] = {{"name", "Ông NGUYỄN VĂN AN"}, {"title", "Phó Chủ tịch UBND TP Hà Nội"}};
    second_body["members"] = nlohmann::json::array();
    second_body["programme"] = nlohmann::json::array();
    std::int64_t second = Propose(second_body);
    auto view = Call("demo-officer-01", "GET", "/api/v1/delegations/" + std::to_string(second));
    ASSERT_EQ(view.status, 200);
    ASSERT_EQ(view.Json()["overlaps"].size(), 1u);
    EXPECT_EQ(view.Json()["overlaps"][0]["other_id"], first);
    EXPECT_EQ(view.Json()["overlaps"][0]["first_day"], "2025-07-15");
    auto refused = Step("demo-leader-01", second,
                        {{"action", "approve"}, {"date", "2025-07-06"}, {"decision_ref", "QĐ 9"}});
    ASSERT_EQ(refused.status, 409) << refused.Describe();
    EXPECT_EQ(refused.Json()["error"]["field"], "overlaps");
    EXPECT_EQ(Call("demo-officer-01", "GET", "/api/v1/delegations/" + std::to_string(second))
                  .Json()["status"],
              "proposed");
    auto confirmed = Step("demo-leader-01", second,
                          {{"action", "approve"},
                           {"date", "2025-07-06"},
                           {"decision_ref", "QĐ 9"},
                           {"confirm_overlaps", true}});
    EXPECT_EQ(confirmed.status, 200) << confirmed.Describe();
    // A rejected delegation no longer clashes.
    ASSERT_EQ(Step("demo-leader-01", first,
                   {{"action", "reject"},
                    {"date", "2025-07-06"},
                    {"decision_ref", "QĐ 10"},
                    {"note", "Trùng lịch"}})
                  .status,
              200);
    EXPECT_EQ(Call("demo-officer-01", "GET", "/api/v1/delegations/" + std::to_string(second))
                  .Json()["overlaps"]
                  .size(),
              0u);
}

TEST_F(DelegationsApi, ScopeAndLockingKeepOthersOut) {
    std::int64_t id = Propose();
    std::string path = "/api/v1/delegations/" + std::to_string(id);
    EXPECT_EQ(Call("demo-officer-79", "GET", path).status, 404);
    EXPECT_EQ(Total("demo-officer-79", ""), 0);
    EXPECT_EQ(Call("demo-officer-79", "POST", "/api/v1/delegations", Proposal()).status, 403);
    EXPECT_EQ(Call("demo-viewer", "POST", "/api/v1/delegations", Proposal()).status, 403);
    auto edit = Proposal();
    edit["version"] = 1;
    edit["title"] = "Tên do người thứ nhất sửa";
    ASSERT_EQ(Call("demo-officer-01", "PUT", path, edit).status, 200);
    edit["title"] = "Tên do người thứ hai sửa";
    auto refused = Call("demo-leader-01", "PUT", path, edit);
    ASSERT_EQ(refused.status, 409) << refused.Describe();
    EXPECT_EQ(refused.Json()["error"]["field"], "version");
    EXPECT_EQ(refused.Json()["current"]["title"], "Tên do người thứ nhất sửa");
    EXPECT_EQ(Call("demo-officer-79", "PUT", path, edit).status, 404);
}

TEST_F(DelegationsApi, BadInputNamesTheFieldAndWritesNothing) {
    auto fields_of = [](const HttpResponse& r) {
        std::set<std::string> out;
        const nlohmann::json j = r.Json();
        for (const auto& f : j["error"]["fields"])
            out.insert(f["field"].get<std::string>());
        return out;
    };
    auto bad = Proposal();
    bad["title"] = "";
    bad["ends_on"] = "2025-07-01";  // before the start
    bad["countries"] = {"XX"};
    bad["direction"] = "sideways";
    auto r = Call("demo-officer-01", "POST", "/api/v1/delegations", bad);
    ASSERT_EQ(r.status, 400) << r.Describe();
    auto fields = fields_of(r);
    EXPECT_TRUE(fields.contains("title"));
    EXPECT_TRUE(fields.contains("ends_on"));
    EXPECT_TRUE(fields.contains("direction"));
    EXPECT_FALSE(r.Json()["error"]["message_vi"].get<std::string>().empty());
    EXPECT_FALSE(r.Json()["error"]["message_en"].get<std::string>().empty());

    auto unknown_country = Proposal();
    unknown_country["countries"] = {"XX"};
    EXPECT_EQ(Call("demo-officer-01", "POST", "/api/v1/delegations", unknown_country)
                  .Json()["error"]["field"],
              "countries");
    auto old_province = Proposal();
    old_province["admin_unit_ids"] = {1001};  // Hà Nội before 1 July 2025, for a July trip
    EXPECT_EQ(Call("demo-officer-01", "POST", "/api/v1/delegations", old_province)
                  .Json()["error"]["field"],
              "admin_unit_ids");
    auto inbound = Proposal();
    inbound["direction"] = "inbound";  // the visitors need a nationality
    auto no_nationality = Call("demo-officer-01", "POST", "/api/v1/delegations", inbound);
    ASSERT_EQ(no_nationality.status, 400);
    EXPECT_TRUE(fields_of(no_nationality).contains("head.nationality"));
    auto later = Proposal();
    later["proposed_on"] = "2025-08-02";  // tomorrow
    EXPECT_EQ(
        Call("demo-officer-01", "POST", "/api/v1/delegations", later).Json()["error"]["field"],
        "proposed_on");
    auto no_head = Proposal();
    no_head.erase("head");
    EXPECT_EQ(Call("demo-officer-01", "POST", "/api/v1/delegations", no_head).status, 400);
    auto wrong_types = Call("demo-officer-01", "POST", "/api/v1/delegations",
                            {{"title", 5}, {"admin_unit_ids", "2001"}, {"members", "x"}});
    EXPECT_EQ(wrong_types.status, 400);
    HttpClient client = app().Client();
    auto broken = client.Request("POST", "/api/v1/delegations",
                                 {{"Authorization", "Bearer " + tokens_.at("demo-officer-01")},
                                  {"Content-Type", "application/json"}},
                                 "{\"title\": ");
    EXPECT_EQ(broken.status, 400);
    EXPECT_EQ(Total("demo-mofa", ""), 0) << "a refused request wrote something";

    std::int64_t id = Propose();
    auto no_decision = Step("demo-leader-01", id, {{"action", "approve"}, {"date", "2025-07-05"}});
    EXPECT_EQ(no_decision.status, 400);
    EXPECT_EQ(no_decision.Json()["error"]["field"], "decision_ref");
    auto future = Step("demo-leader-01", id,
                       {{"action", "approve"}, {"date", "2025-09-01"}, {"decision_ref", "QĐ 1"}});
    EXPECT_EQ(future.status, 400);
    EXPECT_EQ(future.Json()["error"]["field"], "date");
    EXPECT_EQ(Step("demo-leader-01", id, {{"action", "fly"}, {"date", "2025-07-05"}}).status, 400);
    EXPECT_EQ(
        Call("demo-officer-01", "POST", "/api/v1/delegations/abc/steps", {{"action", "x"}}).status,
        400);
    EXPECT_EQ(Call("demo-officer-01", "GET", "/api/v1/delegations/999999").status, 404);
    for (const char* query : {"year=1800", "sort=random", "direction=up", "level=king",
                              "status=flying", "from=2025-13-01", "country=kr", "province=5"}) {
        auto q = Call("demo-officer-01", "GET", std::string("/api/v1/delegations?") + query);
        EXPECT_EQ(q.status, 400) << query;
        EXPECT_FALSE(q.Json()["error"]["field"].get<std::string>().empty()) << query;
    }
    EXPECT_EQ(
        Call("demo-mofa", "GET", "/api/v1/delegations/counts?from_year=2026&to_year=2020").status,
        400);
    EXPECT_EQ(Call("demo-mofa", "GET", "/api/v1/delegations/counts?by=sideways").status, 400);
    EXPECT_EQ(Call("demo-officer-01", "GET", "/api/v1/delegations/" + std::to_string(id))
                  .Json()["status"],
              "proposed");
}

}  // namespace
}  // namespace ngoaivu::testing
