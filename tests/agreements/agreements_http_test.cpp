// The agreements API over real HTTP, on each backend: the workflow from draft to results with its
// legal deadlines, province scope, optimistic locking and bad input.
#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

class AgreementsApi : public AppTest {
 protected:
    void SetUp() override {
        AppTest::SetUp();
        tokens_ = AddDemoAccounts(
            app().db_location(),
            {"demo-officer-01", "demo-leader-01", "demo-officer-79", "demo-viewer", "demo-mofa"});
        auto db = storage::Open(app().db_location());
        auto tx = db->Begin(storage::TxMode::kWrite);
        partner_ = tx->QueryOne(
                         "INSERT INTO partner (kind, name_original, name_vi, name_en, "
                         "country_alpha2, search_text, created_at, updated_at) VALUES "
                         "('locality', '경기도', 'Tỉnh Gyeonggi', 'Gyeonggi Province', "
                         "'KR', 'tinh gyeonggi', '2025-01-01', '2025-01-01') RETURNING id")
                       ->Int(0);
        tx->Commit();
        db->Close();
    }
    HttpResponse Call(const std::string& who, const std::string& method, const std::string& target,
                      const nlohmann::json& body = nullptr) {
        HeaderList headers{{"Authorization", "Bearer " + tokens_.at(who)}};
        if (!body.is_null())
            headers.emplace_back("Content-Type", "application/json");
        HttpClient client = app().Client();
        return client.Request(method, target, headers, body.is_null() ? "" : body.dump());
    }
    nlohmann::json Draft() const {
        return {{"title_vi", "Bản ghi nhớ hợp tác giữa UBND Thành phố Hà Nội và tỉnh Gyeonggi"},
                {"title_foreign", "MOU between Hanoi and Gyeonggi"},
                {"form", "mou"},
                {"party_kind", "ubnd"},
                {"party_name", "Ủy ban nhân dân Thành phố Hà Nội"},
                {"admin_unit_id", 2001},
                {"partner_ids", {partner_}},
                {"fields", {"education", "investment"}},
                {"languages", {"vi", "ko"}},
                {"drafted_on", "2025-07-07"}};
    }
    std::int64_t CreateDraft() {
        auto res = Call("demo-officer-01", "POST", "/api/v1/agreements", Draft());
        EXPECT_EQ(res.status, 201) << res.Describe();
        return res.Json().value("id", std::int64_t{0});
    }
    HttpResponse Step(const std::string& who, std::int64_t id, nlohmann::json step) {
        return Call(who, "POST", "/api/v1/agreements/" + std::to_string(id) + "/steps", step);
    }
    std::map<std::string, std::string> tokens_;
    std::int64_t partner_ = 0;
};

TEST_F(AgreementsApi, FromDraftToResultsWithItsDeadlines) {
    std::int64_t id = CreateDraft();
    ASSERT_GT(id, 0);
    // The clock stands at 01/08/2025 (a Friday): 7 working days after 28/07 is 06/08.
    auto asked =
        Step("demo-officer-01", id,
             {{"action", "request_opinions"}, {"date", "2025-07-28"}, {"bodies", {"Bộ Công an"}}});
    ASSERT_EQ(asked.status, 200) << asked.Describe();
    auto j = asked.Json();
    EXPECT_EQ(j["status"], "consulting");
    ASSERT_EQ(j["deadlines"].size(), 2u);
    EXPECT_EQ(j["deadlines"][0]["body"], "Bộ Ngoại giao");
    EXPECT_EQ(j["deadlines"][0]["due_on"], "2025-08-06");
    EXPECT_EQ(j["next_due_on"], "2025-08-06");

    // Signing before the opinions is refused and changes nothing.
    auto early = Step("demo-officer-01", id,
                      {{"action", "sign"}, {"date", "2025-07-30"}, {"signatory_vn", "A"}});
    EXPECT_EQ(early.status, 409) << early.Describe();
    EXPECT_EQ(
        Call("demo-officer-01", "GET", "/api/v1/agreements/" + std::to_string(id)).Json()["status"],
        "consulting");

    for (const char* body : {"Bộ Ngoại giao", "Bộ Công an"}) {
        auto r = Step("demo-mofa", id,
                      {{"action", "record_opinion"},
                       {"date", "2025-07-30"},
                       {"body", body},
                       {"outcome", "agree"}});
        ASSERT_EQ(r.status, 200) << r.Describe();
    }
    // Only a provincial leader records the decision to sign.
    auto by_officer = Step(
        "demo-officer-01", id,
        {{"action", "decide"}, {"date", "2025-07-31"}, {"decision_ref", "Quyết định 1/QĐ-UBND"}});
    EXPECT_EQ(by_officer.status, 403) << by_officer.Describe();
    auto decided = Step(
        "demo-leader-01", id,
        {{"action", "decide"}, {"date", "2025-07-31"}, {"decision_ref", "Quyết định 1/QĐ-UBND"}});
    ASSERT_EQ(decided.status, 200) << decided.Describe();
    auto signed_ = Step("demo-officer-01", id,
                        {{"action", "sign"},
                         {"date", "2025-07-31"},
                         {"signatory_vn", "Chủ tịch UBND Thành phố Hà Nội"}});
    ASSERT_EQ(signed_.status, 200) << signed_.Describe();
    // 31/07 + 15 days = Friday 15/08/2025.
    EXPECT_EQ(signed_.Json()["next_due_on"], "2025-08-15");

    auto due = Call("demo-officer-01", "GET", "/api/v1/agreements/due?within_days=30");
    ASSERT_EQ(due.status, 200) << due.Describe();
    ASSERT_EQ(due.Json()["total"], 1);
    EXPECT_EQ(due.Json()["items"][0]["kind"], "report_mofa");
    // Outside the province, the agreement and its deadline are invisible.
    EXPECT_EQ(
        Call("demo-officer-79", "GET", "/api/v1/agreements/due?within_days=30").Json()["total"], 0);
    EXPECT_EQ(Call("demo-officer-79", "GET", "/api/v1/agreements/" + std::to_string(id)).status,
              404);

    auto commitment =
        Call("demo-officer-01", "POST", "/api/v1/agreements/" + std::to_string(id) + "/commitments",
             {{"description", "Trao đổi 20 sinh viên mỗi năm"},
              {"responsible_unit", "Sở Giáo dục và Đào tạo"},
              {"due_on", "2025-12-31"}});
    ASSERT_EQ(commitment.status, 201) << commitment.Describe();
    auto result =
        Call("demo-officer-01", "POST", "/api/v1/agreements/" + std::to_string(id) + "/results",
             {{"description", "Khởi công dự án"},
              {"achieved_on", "2025-08-01"},
              {"figures", {{{"unit", "usd"}, {"amount", 1500000.5}}}}});
    ASSERT_EQ(result.status, 201) << result.Describe();
    EXPECT_EQ(result.Json()["has_result"], true);
    EXPECT_DOUBLE_EQ(result.Json()["results"][0]["figures"][0]["amount"].get<double>(), 1500000.5);
    auto history = result.Json()["history"];
    ASSERT_EQ(history.size(), 6u);
    EXPECT_EQ(history[0]["action"], "create");
    EXPECT_EQ(history[5]["action"], "sign");
    EXPECT_EQ(history[5]["user"], "demo-officer-01");

    auto list = Call("demo-viewer", "GET", "/api/v1/agreements?q=gyeonggi&field=education");
    ASSERT_EQ(list.status, 200) << list.Describe();
    EXPECT_EQ(list.Json()["total"], 1);
    EXPECT_EQ(Call("demo-viewer", "GET", "/api/v1/agreements?q=ha%20noi&year=2024").Json()["total"],
              0);
    EXPECT_EQ(Call("demo-viewer", "GET", "/api/v1/agreements?province=1001").Json()["total"], 0);
    EXPECT_EQ(
        Call("demo-viewer", "GET", "/api/v1/agreements?province=2001&country=KR").Json()["total"],
        1);
}

TEST_F(AgreementsApi, BadInputNamesTheFieldAndWritesNothing) {
    auto no_partner = Draft();
    no_partner["partner_ids"] = {999999};
    no_partner["fields"] = {"astrology"};
    auto r = Call("demo-officer-01", "POST", "/api/v1/agreements", no_partner);
    ASSERT_EQ(r.status, 400) << r.Describe();
    std::set<std::string> fields;
    const nlohmann::json error = r.Json();
    for (const auto& f : error["error"]["fields"])
        fields.insert(f["field"].get<std::string>());
    EXPECT_TRUE(fields.contains("partner_ids"));
    EXPECT_TRUE(fields.contains("fields"));
    EXPECT_FALSE(r.Json()["error"]["message_vi"].get<std::string>().empty());

    auto wrong_types = Call("demo-officer-01", "POST", "/api/v1/agreements",
                            {{"title_vi", 5}, {"admin_unit_id", "x"}, {"partner_ids", "1"}});
    EXPECT_EQ(wrong_types.status, 400);
    EXPECT_EQ(wrong_types.Json()["error"]["field"], "title_vi");

    HttpClient client = app().Client();
    auto broken = client.Request("POST", "/api/v1/agreements",
                                 {{"Authorization", "Bearer " + tokens_.at("demo-officer-01")},
                                  {"Content-Type", "application/json"}},
                                 "{\"title_vi\": ");
    EXPECT_EQ(broken.status, 400);

    auto old_province = Draft();
    old_province["admin_unit_id"] = 1001;  // Hà Nội before 1 July 2025: not for a new draft
    EXPECT_EQ(Call("demo-officer-01", "POST", "/api/v1/agreements", old_province)
                  .Json()["error"]["field"],
              "admin_unit_id");
    EXPECT_EQ(Call("demo-officer-79", "POST", "/api/v1/agreements", Draft()).status, 403);
    EXPECT_EQ(Call("demo-viewer", "POST", "/api/v1/agreements", Draft()).status, 403);
    EXPECT_EQ(Call("demo-viewer", "GET", "/api/v1/agreements").Json()["total"], 0);

    auto reg = Draft();
    reg["signed_on"] = "2025-05-10";
    reg["effective_on"] = "2025-05-01";
    reg["admin_unit_id"] = 1001;
    auto out_of_order = Call("demo-officer-01", "POST", "/api/v1/agreements/register", reg);
    ASSERT_EQ(out_of_order.status, 400);
    EXPECT_EQ(out_of_order.Json()["error"]["field"], "effective_on");
    reg["effective_on"] = "2025-05-10";
    reg["admin_unit_id"] = 2001;  // the new Hà Nội did not exist on 10/05/2025
    EXPECT_EQ(Call("demo-officer-01", "POST", "/api/v1/agreements/register", reg)
                  .Json()["error"]["field"],
              "admin_unit_id");
    reg["admin_unit_id"] = 1001;
    auto registered = Call("demo-officer-01", "POST", "/api/v1/agreements/register", reg);
    ASSERT_EQ(registered.status, 201) << registered.Describe();
    EXPECT_EQ(registered.Json()["current_unit_id"], 2001);
    EXPECT_EQ(Call("demo-viewer", "GET", "/api/v1/agreements").Json()["total"], 1);

    auto bad_step =
        Call("demo-officer-01", "POST", "/api/v1/agreements/abc/steps", {{"action", "sign"}});
    EXPECT_EQ(bad_step.status, 400);
    EXPECT_EQ(Call("demo-officer-01", "GET", "/api/v1/agreements?year=1800").status, 400);
    EXPECT_EQ(Call("demo-officer-01", "GET", "/api/v1/agreements?sort=random").status, 400);
    EXPECT_EQ(Call("demo-officer-01", "GET", "/api/v1/agreements/due?within_days=-1").status, 400);
}

TEST_F(AgreementsApi, TheSecondOfTwoConcurrentEditsIsRefusedWithTheOtherChangeShown) {
    std::int64_t id = CreateDraft();
    std::string path = "/api/v1/agreements/" + std::to_string(id);
    auto first = Draft();
    first["title_vi"] = "Tên do người thứ nhất sửa";
    first["version"] = 1;
    ASSERT_EQ(Call("demo-officer-01", "PUT", path, first).status, 200);
    auto second = Draft();
    second["title_vi"] = "Tên do người thứ hai sửa";
    second["version"] = 1;
    auto refused = Call("demo-leader-01", "PUT", path, second);
    ASSERT_EQ(refused.status, 409) << refused.Describe();
    EXPECT_EQ(refused.Json()["error"]["field"], "version");
    EXPECT_EQ(refused.Json()["current"]["title_vi"], "Tên do người thứ nhất sửa");
    EXPECT_EQ(refused.Json()["current"]["version"], 2);
    EXPECT_EQ(Call("demo-officer-01", "GET", path).Json()["title_vi"], "Tên do người thứ nhất sửa");
}

TEST_F(AgreementsApi, PagesShowTheListTheRecordAndTheDuePage) {
    std::int64_t id = CreateDraft();
    Step("demo-officer-01", id, {{"action", "request_opinions"}, {"date", "2025-07-10"}});
    HeaderList auth{{"Authorization", "Bearer " + tokens_.at("demo-officer-01")}};
    auto list = Get("/agreements?overdue=1", auth);
    ASSERT_EQ(list.status, 200) << list.Describe();
    EXPECT_NE(list.body.find("Gyeonggi"), std::string::npos);
    EXPECT_NE(list.body.find("class=\"overdue\""), std::string::npos);
    auto page = Get("/agreements/" + std::to_string(id), auth);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("21/07/2025"), std::string::npos);  // 7 working days after 10/07
    EXPECT_NE(page.body.find("overdue-text"), std::string::npos);
    auto due = Get("/agreements/due", auth);
    ASSERT_EQ(due.status, 200);
    EXPECT_NE(due.body.find("Bộ Ngoại giao"), std::string::npos);
    EXPECT_EQ(Get("/agreements/999999", auth).status, 404);
    EXPECT_EQ(Get("/agreements?year=abc", auth).status, 400);
}

}  // namespace
}  // namespace ngoaivu::testing
