// The agreements API over real HTTP, on each backend: the workflow from draft to results with its
// legal deadlines, province scope, optimistic locking and bad input.
#include <gtest/gtest.h>

#include "http/request.hpp"
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

TEST_F(AgreementsApi, SearchAndOverdueFollowEveryWriteOfTheRecord) {
    auto list = [&](const std::string& query) {
        auto r = Call("demo-mofa", "GET", "/api/v1/agreements?" + query);
        EXPECT_EQ(r.status, 200) << query << ": " << r.Describe();
        return r.Json();
    };
    // Search reads the trigram index (FTS5 on SQLite, pg_trgm on PostgreSQL) for three letters
    // or more, the rows for fewer; with or without diacritics; the index follows each edit.
    std::int64_t id = CreateDraft();
    EXPECT_EQ(list("q=gyeonggi")["total"], 1);
    EXPECT_EQ(list("q=H%E1%BB%A2P%20T%C3%81C")["total"], 1);  // "HỢP TÁC"
    EXPECT_EQ(list("q=hop%20tac%20giua")["total"], 1);
    EXPECT_EQ(list("q=ha")["total"], 1);
    EXPECT_EQ(list("q=%22")["total"], 0);  // a quote is text, not FTS5 syntax
    EXPECT_EQ(list("q=thuy%20san")["total"], 0);
    EXPECT_EQ(list("q=gyeonggi")["total_is_lower_bound"], false);
    auto edited = Draft();
    edited["title_vi"] = "Chương trình hợp tác thủy sản với tỉnh Gyeonggi";
    edited["version"] = 1;
    ASSERT_EQ(
        Call("demo-officer-01", "PUT", "/api/v1/agreements/" + std::to_string(id), edited).status,
        200);
    EXPECT_EQ(list("q=th%E1%BB%A7y%20s%E1%BA%A3n")["total"], 1);  // "thủy sản"
    EXPECT_EQ(list("q=ban%20ghi%20nho")["total"], 0);

    // Overdue: an open commitment past its date puts a signed agreement on the overdue list
    // (the clock stands at 01/08/2025) until it is done; an open deadline does the same.
    auto reg = Draft();
    reg["title_vi"] = "Thỏa thuận hợp tác đào tạo nghề";
    reg["signed_on"] = "2025-07-28";  // the report to MOFA is due 12/08: not overdue yet
    reg["effective_on"] = "2025-07-28";
    auto registered = Call("demo-officer-01", "POST", "/api/v1/agreements/register", reg);
    ASSERT_EQ(registered.status, 201) << registered.Describe();
    std::int64_t signed_id = registered.Json()["id"];
    EXPECT_EQ(list("overdue=1")["total"], 0);
    auto added = Call("demo-officer-01", "POST",
                      "/api/v1/agreements/" + std::to_string(signed_id) + "/commitments",
                      {{"description", "Cử 10 giáo viên sang tập huấn"}, {"due_on", "2025-07-31"}});
    ASSERT_EQ(added.status, 201) << added.Describe();
    auto overdue = list("overdue=1&sort=due");
    ASSERT_EQ(overdue["total"], 1);
    EXPECT_EQ(overdue["items"][0]["id"], signed_id);
    const nlohmann::json c = added.Json()["commitments"][0];
    auto done = Call("demo-officer-01", "PUT",
                     "/api/v1/commitments/" + std::to_string(c["id"].get<std::int64_t>()),
                     {{"description", "Cử 10 giáo viên sang tập huấn"},
                      {"due_on", "2025-07-31"},
                      {"status", "done"},
                      {"done_on", "2025-07-31"},
                      {"version", c["version"]}});
    ASSERT_EQ(done.status, 200) << done.Describe();
    EXPECT_EQ(list("overdue=1")["total"], 0);
    ASSERT_EQ(Step("demo-officer-01", id, {{"action", "request_opinions"}, {"date", "2025-07-10"}})
                  .status,
              200);
    overdue = list("overdue=1&sort=due");
    ASSERT_EQ(overdue["total"], 1);  // due 21/07/2025, 7 working days after 10/07
    EXPECT_EQ(overdue["items"][0]["id"], id);
    // The province's due page finds the same row through the agreement's earliest date.
    auto due = Call("demo-officer-01", "GET", "/api/v1/agreements/due?within_days=7");
    ASSERT_EQ(due.status, 200) << due.Describe();
    EXPECT_EQ(due.Json()["total"], 1);
    EXPECT_EQ(due.Json()["items"][0]["agreement_id"], id);
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
    EXPECT_EQ(page.body.find("{{"), std::string::npos) << "template source on the page";
    auto form = Get("/agreements/new", auth);
    ASSERT_EQ(form.status, 200);
    EXPECT_EQ(form.body.find("{{"), std::string::npos) << "template source in the form";
    EXPECT_NE(page.body.find("21/07/2025"), std::string::npos);  // 7 working days after 10/07
    EXPECT_NE(page.body.find("overdue-text"), std::string::npos);
    auto due = Get("/agreements/due", auth);
    ASSERT_EQ(due.status, 200);
    EXPECT_NE(due.body.find("Bộ Ngoại giao"), std::string::npos);
    EXPECT_EQ(Get("/agreements/999999", auth).status, 404);
    EXPECT_EQ(Get("/agreements?year=abc", auth).status, 400);
}

TEST_F(AgreementsApi, ImportPreviewsEveryProblemThenWritesAllOrNothingOrTheValidRows) {
    // Row 2 is good; row 3 names an unknown partner and a date that does not exist; row 4 has
    // its dates out of order; row 5 is a draft.
    std::string csv =
        "Tên thỏa thuận (tiếng Việt),\"Tỉnh, thành phố (khi ký)\",Đối tác nước ngoài,Lĩnh vực,"
        "Trạng thái,Ngày ký,Ngày có hiệu lực\r\n"
        "Bản ghi nhớ về giáo dục,Thành phố Hà Nội,Tỉnh Gyeonggi,Giáo dục; đào tạo,"
        "Có hiệu lực,10/05/2025,10/05/2025\r\n"
        "Bản ghi nhớ về y tế,Thành phố Hà Nội,Không Có Thật,Y tế,Có hiệu lực,31/02/2025,\r\n"
        "Bản ghi nhớ về du lịch,Ha Noi,tinh gyeonggi,culture,in_force,10/06/2025,01/06/2025\r\n"
        "Dự thảo hợp tác lao động,Thành phố Hà Nội,Gyeonggi Province,Lao động,Dự thảo,,\r\n";
    // "Giáo dục; đào tạo" is not one field: the field's name is "Giáo dục, đào tạo".
    csv.replace(csv.find("Giáo dục; đào tạo"), std::string("Giáo dục; đào tạo").size(),
                "\"Giáo dục, đào tạo\"");
    auto import = [&](const std::string& mode) {
        HttpClient client = app().Client();
        return client.Request("POST", "/api/v1/agreements/import?mode=" + mode,
                              {{"Authorization", "Bearer " + tokens_.at("demo-officer-01")},
                               {"Content-Type", "text/csv"}},
                              csv);
    };
    auto preview = import("preview");
    ASSERT_EQ(preview.status, 200) << preview.Describe();
    const nlohmann::json p = preview.Json();
    EXPECT_EQ(p["rows"], 4);
    EXPECT_EQ(p["valid"], 2);
    std::set<std::pair<int, std::string>> where;
    for (const auto& problem : p["problems"]) {
        where.insert({problem["row"].get<int>(), problem["column"].get<std::string>()});
        EXPECT_FALSE(problem["message_en"].get<std::string>().empty());
    }
    EXPECT_TRUE(where.contains({3, "Đối tác nước ngoài"}));
    EXPECT_TRUE(where.contains({3, "Ngày ký"}));
    EXPECT_TRUE(where.contains({4, "Ngày có hiệu lực"}));
    EXPECT_EQ(Call("demo-viewer", "GET", "/api/v1/agreements").Json()["total"], 0);

    auto all = import("all");
    ASSERT_EQ(all.status, 200);
    EXPECT_EQ(all.Json()["written"], 0);
    EXPECT_EQ(Call("demo-viewer", "GET", "/api/v1/agreements").Json()["total"], 0);

    auto valid = import("valid");
    ASSERT_EQ(valid.status, 200) << valid.Describe();
    EXPECT_EQ(valid.Json()["written"], 2);
    EXPECT_EQ(Call("demo-viewer", "GET", "/api/v1/agreements").Json()["total"], 2);
    auto drafts = Call("demo-viewer", "GET", "/api/v1/agreements?status=draft").Json();
    EXPECT_EQ(drafts["total"], 1);
    // The signed one was found by its old province (Hà Nội before 1 July 2025).
    auto signed_ = Call("demo-viewer", "GET", "/api/v1/agreements?province=1001").Json();
    ASSERT_EQ(signed_["total"], 1);
    EXPECT_EQ(signed_["items"][0]["fields"], nlohmann::json({"education"}));

    // Importing the same file again: the written rows are now duplicates.
    auto again = import("preview").Json();
    EXPECT_EQ(again["valid"], 0);
}

TEST_F(AgreementsApi, AnExportedSpreadsheetImportsBackAndBrokenFilesAreRefused) {
    auto reg = Draft();
    reg.erase("drafted_on");
    reg["signed_on"] = "2025-05-10";
    reg["admin_unit_id"] = 1001;
    reg["status"] = "in_force";
    reg["effective_on"] = "2025-05-10";
    ASSERT_EQ(Call("demo-officer-01", "POST", "/api/v1/agreements/register", reg).status, 201);
    HeaderList auth{{"Authorization", "Bearer " + tokens_.at("demo-officer-01")}};
    auto xlsx = Get("/agreements/export?format=xlsx&province=2001", auth);
    ASSERT_EQ(xlsx.status, 200) << xlsx.Describe();
    EXPECT_EQ(xlsx.Header("Content-Type").value_or(""),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_NE(xlsx.Header("Content-Disposition").value_or("").find("attachment"),
              std::string::npos);
    auto csv = Get("/agreements/export?format=csv", auth);
    ASSERT_EQ(csv.status, 200);
    EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBF"));
    EXPECT_NE(csv.body.find("10/05/2025"), std::string::npos);
    EXPECT_NE(csv.body.find("Tỉnh Gyeonggi"), std::string::npos);

    // Back in: the one row is recognised as already recorded, with nothing else wrong.
    HttpClient client = app().Client();
    auto back =
        client.Request("POST", "/api/v1/agreements/import?mode=preview",
                       {{"Authorization", "Bearer " + tokens_.at("demo-officer-01")}}, xlsx.body);
    ASSERT_EQ(back.status, 200) << back.Describe();
    const nlohmann::json b = back.Json();
    EXPECT_EQ(b["rows"], 1);
    ASSERT_EQ(b["problems"].size(), 1u) << b.dump();
    EXPECT_NE(b["problems"][0]["message_en"].get<std::string>().find("already recorded"),
              std::string::npos);

    auto template_xlsx = Get("/agreements/import/template?format=xlsx", auth);
    EXPECT_EQ(template_xlsx.status, 200);
    EXPECT_EQ(Get("/agreements/import/template?format=pdf", auth).status, 400);

    for (const std::string& bad :
         {std::string("PK\x03\x04 not a zip", 15), std::string("\xff\xfe\x00garbage", 10),
          std::string("a,b\r\n1,2\r\n")}) {
        HttpClient c = app().Client();
        auto res = c.Request("POST", "/api/v1/agreements/import?mode=valid",
                             {{"Authorization", "Bearer " + tokens_.at("demo-officer-01")}}, bad);
        EXPECT_EQ(res.status, 400) << res.Describe();
        EXPECT_EQ(res.Json()["error"]["field"], "file");
    }
    EXPECT_EQ(Call("demo-viewer", "GET", "/api/v1/agreements").Json()["total"], 1);
    EXPECT_EQ(Call("demo-officer-01", "POST", "/api/v1/agreements/import?mode=maybe").status, 400);
}

TEST_F(AgreementsApi, TheEditFormShowsTheOtherPersonsChangeWhenItsVersionIsStale) {
    std::int64_t id = CreateDraft();
    HeaderList auth{{"Authorization", "Bearer " + tokens_.at("demo-officer-01")}};
    std::string path = "/agreements/" + std::to_string(id) + "/edit";
    auto form = Get(path, auth);
    ASSERT_EQ(form.status, 200) << form.Describe();
    EXPECT_NE(form.body.find("name=\"version\" value=\"1\""), std::string::npos);
    auto body = [&](const std::string& title, int version) {
        return "title_vi=" + http::PercentEncode(title) +
               "&form=mou&party_kind=ubnd&party_name=UBND&admin_unit_id=2001&partner_ids=" +
               std::to_string(partner_) +
               "&fields=education&procedure=normal&version=" + std::to_string(version);
    };
    auto first = Post(path, body("Bản sửa thứ nhất", 1), "application/x-www-form-urlencoded", auth);
    ASSERT_EQ(first.status, 303) << first.Describe();
    auto second = Post(path, body("Bản sửa thứ hai", 1), "application/x-www-form-urlencoded", auth);
    ASSERT_EQ(second.status, 409) << second.Describe();
    EXPECT_NE(second.body.find("agreement-conflict"), std::string::npos);
    EXPECT_NE(second.body.find("Bản sửa thứ nhất"), std::string::npos);  // the stored value
    EXPECT_NE(second.body.find("Bản sửa thứ hai"), std::string::npos);   // the user's input
    EXPECT_NE(second.body.find("name=\"version\" value=\"2\""), std::string::npos);
    auto bad = Post(path, body("", 2), "application/x-www-form-urlencoded", auth);
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("agreement-error"), std::string::npos);
    EXPECT_EQ(Call("demo-officer-01", "GET", "/api/v1/agreements/" + std::to_string(id))
                  .Json()["title_vi"],
              "Bản sửa thứ nhất");
    auto report = Get("/agreements/report?province=2001&year=2025", auth);
    ASSERT_EQ(report.status, 200);
    EXPECT_NE(report.body.find("report-signed-table"), std::string::npos);
    auto xlsx = Get("/agreements/report?province=2001&year=2025&format=xlsx", auth);
    EXPECT_EQ(xlsx.status, 200);
    EXPECT_TRUE(xlsx.body.starts_with("PK"));
    EXPECT_EQ(Get("/agreements/report?province=1001&year=2025", auth).status, 400);
    EXPECT_EQ(Get("/agreements/report?province=2079&year=2025", auth).status, 404);
    EXPECT_EQ(Get("/agreements/report?province=2001&year=2030", auth).status, 400);
}

}  // namespace
}  // namespace ngoaivu::testing
