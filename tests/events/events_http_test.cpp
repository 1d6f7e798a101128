// The events API over real HTTP, on each backend: the Decision 06/2020 workflow with its legal
// deadlines, who decides and why, late requests, province and national scope, optimistic
// locking, bad input on every endpoint, imports and exports, counts and the yearly report.
#include <chrono>
#include <set>

#include <gtest/gtest.h>

#include "http/request.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

using nlohmann::json;

class EventsApi : public AppTest {
 protected:
    void SetUp() override {
        AppTest::SetUp();
        tokens_ = AddDemoAccounts(app().db_location(),
                                  {"demo-officer-01", "demo-leader-01", "demo-officer-79",
                                   "demo-viewer", "demo-mofa", "demo-mission-kr"});
    }
    HttpResponse Call(const std::string& who, const std::string& method, const std::string& target,
                      const json& body = nullptr) {
        HeaderList headers{{"Authorization", "Bearer " + tokens_.at(who)}};
        if (!body.is_null())
            headers.emplace_back("Content-Type", "application/json");
        HttpClient client = app().Client();
        return client.Request(method, target, headers, body.is_null() ? "" : body.dump());
    }
    HttpResponse Raw(const std::string& who, const std::string& method, const std::string& target,
                     const std::string& body, const std::string& content_type = "") {
        HeaderList headers{{"Authorization", "Bearer " + tokens_.at(who)}};
        if (!content_type.empty())
            headers.emplace_back("Content-Type", content_type);
        HttpClient client = app().Client();
        return client.Request(method, target, headers, body);
    }
    // An international conference in Hà Nội (by today's boundaries) that the provincial chairman
    // permits (foreign guests of ambassador rank).
    static json Conference(const std::string& starts, const std::string& ends,
                           const std::string& rank = "ambassador") {
        return {{"title_vi", "Hội thảo quốc tế về phát triển du lịch bền vững"},
                {"title_en", "International seminar on sustainable tourism"},
                {"type", "international_conference"},
                {"theme", "Du lịch xanh"},
                {"starts_on", starts},
                {"ends_on", ends},
                {"venue", "Trung tâm Hội nghị Quốc gia"},
                {"admin_unit_ids", {2001}},
                {"organisers", {"Ủy ban nhân dân Thành phố Hà Nội", "Sở Ngoại vụ"}},
                {"countries", {"KR", "JP"}},
                {"participants",
                 {{"vietnamese", 120}, {"foreign", 30}, {"highest_foreign_rank", rank}}},
                {"planned_on", "2025-07-01"}};
    }
    std::int64_t Create(const std::string& who, const json& body) {
        auto res = Call(who, "POST", "/api/v1/events", body);
        EXPECT_EQ(res.status, 201) << res.Describe();
        return res.Json().value("id", std::int64_t{0});
    }
    HttpResponse Step(const std::string& who, std::int64_t id, const json& step) {
        return Call(who, "POST", "/api/v1/events/" + std::to_string(id) + "/steps", step);
    }
    std::string Path(std::int64_t id) const { return "/api/v1/events/" + std::to_string(id); }
    std::int64_t Total(const std::string& who, const std::string& query = "") {
        auto res = Call(who, "GET", "/api/v1/events" + query);
        EXPECT_EQ(res.status, 200) << res.Describe();
        return res.Json().value("total", std::int64_t{-1});
    }
    HttpResponse Import(const std::string& mode, const std::string& file,
                        const std::string& who = "demo-officer-01") {
        return Raw(who, "POST", "/api/v1/events/import?mode=" + mode, file, "text/csv");
    }
    std::map<std::string, std::string> tokens_;
};

std::set<std::string> FieldsOf(const json& error) {
    std::set<std::string> out;
    for (const auto& f : error["error"]["fields"])
        out.insert(f["field"].get<std::string>());
    return out;
}

TEST_F(EventsApi, AConferenceGoesFromRequestToReportWithItsDeadlines) {
    // The clock stands at Friday 01/08/2025.
    auto made =
        Call("demo-officer-01", "POST", "/api/v1/events", Conference("2025-09-15", "2025-09-19"));
    ASSERT_EQ(made.status, 201) << made.Describe();
    json e = made.Json();
    std::int64_t id = e["id"];
    EXPECT_EQ(e["status"], "planned");
    EXPECT_EQ(e["decider"], "provincial_chairman");
    EXPECT_EQ(e["competence"]["decider"], "provincial_chairman");
    EXPECT_EQ(e["competence"]["reasons"][0]["code"], "provincial");
    EXPECT_EQ(e["current_unit_id"], 2001);
    EXPECT_EQ(e["report_year"], 2025);
    EXPECT_EQ(e["history"][0]["date"], "2025-07-01");

    auto requested =
        Step("demo-officer-01", id, {{"action", "request_approval"}, {"date", "2025-07-10"}});
    ASSERT_EQ(requested.status, 200) << requested.Describe();
    EXPECT_EQ(requested.Json()["status"], "requested");
    EXPECT_EQ(requested.Json()["warnings"].size(), 0u);  // 30 days ahead: by 16/08

    // 15 days after Friday 11/07 is Saturday 26/07: the opinions are due Monday 28/07.
    auto consulting = Step("demo-officer-01", id,
                           {{"action", "open_consultations"},
                            {"date", "2025-07-11"},
                            {"bodies", {"Sở Ngoại vụ Hà Nội", "Công an Thành phố Hà Nội"}}});
    ASSERT_EQ(consulting.status, 200) << consulting.Describe();
    e = consulting.Json();
    EXPECT_EQ(e["status"], "consulting");
    ASSERT_EQ(e["deadlines"].size(), 2u);
    EXPECT_EQ(e["deadlines"][0]["due_on"], "2025-07-28");
    EXPECT_EQ(e["consultation_due_on"], "2025-07-28");
    EXPECT_EQ(e["next_due_on"], "2025-07-28");
    EXPECT_EQ(e["overdue"], true);

    auto replied = Step("demo-officer-01", id,
                        {{"action", "record_reply"},
                         {"date", "2025-07-15"},
                         {"body", "Sở Ngoại vụ Hà Nội"},
                         {"outcome", "agree"}});
    ASSERT_EQ(replied.status, 200) << replied.Describe();
    // The permission is a provincial leader's step.
    json approve = {{"action", "approve"},
                    {"date", "2025-07-25"},
                    {"decision_ref", "Quyết định số 123/QĐ-UBND"}};
    EXPECT_EQ(Step("demo-officer-01", id, approve).status, 403);
    // Before the police's period is over, the decision waits for its opinion.
    auto early = Step("demo-leader-01", id, approve);
    EXPECT_EQ(early.status, 409) << early.Describe();
    EXPECT_EQ(early.Json()["error"]["field"], "action");
    approve["date"] = "2025-07-29";
    auto approved = Step("demo-leader-01", id, approve);
    ASSERT_EQ(approved.status, 200) << approved.Describe();
    e = approved.Json();
    EXPECT_EQ(e["status"], "approved");
    EXPECT_EQ(e["decision_ref"], "Quyết định số 123/QĐ-UBND");
    EXPECT_EQ(e["decided_on"], "2025-07-29");
    EXPECT_EQ(e["deadlines"][0]["outcome"], "agree");
    EXPECT_EQ(e["deadlines"][1]["outcome"], "no_reply");
    EXPECT_TRUE(e["next_due_on"].is_null());

    // Fifty days later: held; the result report is due 15 days after Friday 19/09, which is
    // Saturday 04/10, so Monday 06/10.
    app().clock().Advance(std::chrono::hours(24 * 50));
    auto held = Step("demo-officer-01", id, {{"action", "mark_held"}, {"date", "2025-09-19"}});
    ASSERT_EQ(held.status, 200) << held.Describe();
    EXPECT_EQ(held.Json()["status"], "held");
    EXPECT_EQ(held.Json()["report_due_on"], "2025-10-06");
    EXPECT_EQ(held.Json()["next_due_on"], "2025-10-06");
    auto due = Call("demo-officer-01", "GET", "/api/v1/events/due?within_days=30");
    ASSERT_EQ(due.status, 200) << due.Describe();
    ASSERT_EQ(due.Json()["total"], 1);
    EXPECT_EQ(due.Json()["items"][0]["kind"], "result_report");
    EXPECT_EQ(due.Json()["items"][0]["due_on"], "2025-10-06");
    EXPECT_EQ(due.Json()["items"][0]["event_id"], id);
    EXPECT_EQ(Call("demo-officer-01", "GET", "/api/v1/events/due?within_days=3").Json()["total"],
              0);
    EXPECT_EQ(Call("demo-officer-79", "GET", "/api/v1/events/due?within_days=30").Json()["total"],
              0);

    auto reported = Step("demo-officer-01", id,
                         {{"action", "submit_report"}, {"date", "2025-09-20"}, {"note", "Mẫu 02"}});
    ASSERT_EQ(reported.status, 200) << reported.Describe();
    e = reported.Json();
    EXPECT_EQ(e["status"], "reported");
    EXPECT_EQ(e["reported_on"], "2025-09-20");
    EXPECT_TRUE(e["next_due_on"].is_null());
    ASSERT_EQ(e["history"].size(), 7u);
    EXPECT_EQ(e["history"][4]["action"], "approve");
    EXPECT_EQ(e["history"][4]["user"], "demo-leader-01");
    EXPECT_EQ(e["history"][6]["action"], "submit_report");

    // Every write is in the audit trail.
    auto audit =
        Call("demo-mofa", "GET", "/api/v1/audit?entity=event&entity_id=" + std::to_string(id));
    ASSERT_EQ(audit.status, 200) << audit.Describe();
    EXPECT_EQ(audit.Json()["total"], 7);
}

TEST_F(EventsApi, WhoDecidesIsShownWithItsReasonsAndALateRequestIsWarned) {
    // Ministerial guests and a sensitive topic: the Prime Minister, 40 days ahead.
    json pm = Conference("2025-09-01", "2025-09-02", "minister_or_higher");
    pm["sensitive_topics"] = {"religion"};
    auto made = Call("demo-officer-01", "POST", "/api/v1/events", pm);
    ASSERT_EQ(made.status, 201) << made.Describe();
    json e = made.Json();
    std::int64_t id = e["id"];
    EXPECT_EQ(e["decider"], "prime_minister");
    EXPECT_EQ(e["competence"]["lead_days"], 40);
    ASSERT_EQ(e["competence"]["reasons"].size(), 2u);
    EXPECT_EQ(e["competence"]["reasons"][0]["code"], "foreign_rank");
    EXPECT_EQ(e["competence"]["reasons"][1]["code"], "sensitive_topic");
    EXPECT_EQ(e["competence"]["reasons"][1]["detail"], "religion");
    EXPECT_FALSE(e["competence"]["reasons"][0]["message_vi"].get<std::string>().empty());

    // Asked on 28/07 for 01/09: 40 days ahead was 23/07, so 5 days late (still recorded).
    auto late =
        Step("demo-officer-01", id, {{"action", "request_approval"}, {"date", "2025-07-28"}});
    ASSERT_EQ(late.status, 200) << late.Describe();
    ASSERT_EQ(late.Json()["warnings"].size(), 1u);
    json w = late.Json()["warnings"][0];
    EXPECT_EQ(w["code"], "late_request");
    EXPECT_EQ(w["days_short"], 5);
    EXPECT_EQ(w["latest_on"], "2025-07-23");
    EXPECT_NE(w["message_en"].get<std::string>().find("40"), std::string::npos);
    // The warning stays on the record.
    EXPECT_EQ(Call("demo-viewer", "GET", Path(id)).Json()["warnings"].size(), 1u);

    // The Prime Minister's events: MOFA and the Ministry of Public Security are always consulted,
    // and nothing is permitted before the submission to him.
    auto approve = Step("demo-leader-01", id,
                        {{"action", "approve"}, {"date", "2025-07-29"}, {"decision_ref", "Số 1"}});
    EXPECT_EQ(approve.status, 409) << approve.Describe();
    EXPECT_EQ(approve.Json()["error"]["code"], "failed_precondition");
    auto consult =
        Step("demo-officer-01", id, {{"action", "open_consultations"}, {"date", "2025-07-29"}});
    ASSERT_EQ(consult.status, 200) << consult.Describe();
    std::set<std::string> bodies;
    const json consulted = consult.Json();
    for (const auto& d : consulted["deadlines"])
        bodies.insert(d["body"].get<std::string>());
    EXPECT_EQ(bodies, (std::set<std::string>{"Bộ Ngoại giao", "Bộ Công an"}));
    EXPECT_EQ(Step("demo-officer-01", id, {{"action", "submit_pm"}, {"date", "2025-07-30"}}).status,
              409);

    // The same conference with guests of ambassador rank: the provincial chairman, 30 days
    // ahead, and the same request on time.
    json chairman = Conference("2025-09-01", "2025-09-02");
    chairman["title_vi"] = "Hội thảo quốc tế về hợp tác giáo dục";
    std::int64_t other = Create("demo-officer-01", chairman);
    auto on_time =
        Step("demo-officer-01", other, {{"action", "request_approval"}, {"date", "2025-07-28"}});
    ASSERT_EQ(on_time.status, 200) << on_time.Describe();
    EXPECT_EQ(on_time.Json()["decider"], "provincial_chairman");
    EXPECT_EQ(on_time.Json()["competence"]["lead_days"], 30);
    EXPECT_EQ(on_time.Json()["warnings"].size(), 0u);

    // A fair needs no permission: it goes from planned to held.
    json fair = Conference("2025-07-20", "2025-07-22");
    fair["type"] = "exhibition";
    fair["title_vi"] = "Hội chợ sản phẩm thương hiệu Việt";
    std::int64_t fair_id = Create("demo-officer-01", fair);
    auto no_request =
        Step("demo-officer-01", fair_id, {{"action", "request_approval"}, {"date", "2025-07-05"}});
    EXPECT_EQ(no_request.status, 409);
    EXPECT_EQ(
        Call("demo-officer-01", "GET", Path(fair_id)).Json()["competence"]["reasons"][0]["code"],
        "not_conference");
    auto held = Step("demo-officer-01", fair_id, {{"action", "mark_held"}, {"date", "2025-07-22"}});
    ASSERT_EQ(held.status, 200) << held.Describe();
    EXPECT_TRUE(held.Json()["report_due_on"].is_null());
}

TEST_F(EventsApi, ScopeKeepsOtherProvincesOutAndNationalEventsWithMofa) {
    std::int64_t id = Create("demo-officer-01", Conference("2025-09-15", "2025-09-16"));
    json edit = Conference("2025-09-15", "2025-09-16");
    edit["version"] = 1;
    // Another province's officer sees nothing of it.
    EXPECT_EQ(Call("demo-officer-79", "GET", Path(id)).status, 404);
    EXPECT_EQ(Call("demo-officer-79", "PUT", Path(id), edit).status, 404);
    EXPECT_EQ(Step("demo-officer-79", id, {{"action", "cancel"}, {"date", "2025-07-30"}}).status,
              404);
    EXPECT_EQ(Total("demo-officer-79"), 0);
    EXPECT_EQ(Total("demo-mission-kr"), 0);
    // A viewer reads but does not write.
    EXPECT_EQ(Call("demo-viewer", "GET", Path(id)).status, 200);
    EXPECT_EQ(Call("demo-viewer", "PUT", Path(id), edit).status, 403);
    EXPECT_EQ(Step("demo-viewer", id, {{"action", "cancel"}, {"date", "2025-07-30"}}).status, 403);
    EXPECT_EQ(Call("demo-viewer", "POST", "/api/v1/events", Conference("2025-09-15", "2025-09-16"))
                  .status,
              403);
    EXPECT_EQ(
        Call("demo-officer-79", "POST", "/api/v1/events", Conference("2025-09-15", "2025-09-16"))
            .status,
        403);

    // A national event: MOFA writes it, every signed-in user reads it.
    json national = {{"title_vi", "Hội nghị Ngoại vụ toàn quốc lần thứ 22"},
                     {"type", "national_review_conference"},
                     {"national", true},
                     {"starts_on", "2025-12-15"},
                     {"venue", "Hà Nội"},
                     {"organisers", {"Bộ Ngoại giao"}},
                     {"ordinal", 22}};
    EXPECT_EQ(Call("demo-officer-01", "POST", "/api/v1/events", national).status, 403);
    std::int64_t nid = Create("demo-mofa", national);
    EXPECT_EQ(Call("demo-officer-79", "GET", Path(nid)).status, 200);
    EXPECT_EQ(Call("demo-mission-kr", "GET", Path(nid)).status, 200);
    EXPECT_EQ(Total("demo-mission-kr"), 1);
    EXPECT_EQ(Total("demo-officer-79"), 1);
    EXPECT_EQ(Total("demo-officer-01"), 2);
    EXPECT_EQ(Total("demo-viewer", "?national=1"), 1);
    EXPECT_EQ(Total("demo-viewer", "?national=0"), 1);
    national["version"] = 1;
    national["theme"] = "Chủ đề";
    EXPECT_EQ(Call("demo-officer-01", "PUT", Path(nid), national).status, 403);
    EXPECT_EQ(Call("demo-mofa", "PUT", Path(nid), national).status, 200);

    // A province of either generation: the old Hà Nội (1001) as of the event, the new (2001) by
    // today's boundaries.
    json before_merger = Conference("2025-06-10", "2025-06-10");
    before_merger["admin_unit_ids"] = {1001};
    before_merger["title_vi"] = "Hội thảo trước sáp nhập";
    before_merger["planned_on"] = "2025-05-01";
    auto old = Call("demo-officer-01", "POST", "/api/v1/events", before_merger);
    ASSERT_EQ(old.status, 201) << old.Describe();
    EXPECT_EQ(old.Json()["admin_unit_id"], 1001);
    EXPECT_EQ(old.Json()["current_unit_id"], 2001);
    EXPECT_EQ(Total("demo-viewer", "?province=1001"), 1);
    EXPECT_EQ(Total("demo-viewer", "?province=2001"), 2);
    EXPECT_EQ(Total("demo-viewer", "?q=truoc%20sap%20nhap"), 1);
    EXPECT_EQ(Total("demo-viewer", "?q=TR%C6%AF%E1%BB%9AC"), 1);  // "TRƯỚC"
    EXPECT_EQ(Total("demo-viewer", "?country=JP&type=international_conference"), 2);
    EXPECT_EQ(Total("demo-viewer", "?country=US"), 0);
    EXPECT_EQ(Total("demo-viewer", "?year=2025&status=planned"), 3);
    // The calendar of a month: what takes place in it.
    EXPECT_EQ(Total("demo-viewer", "?from=2025-09-01&to=2025-09-30"), 1);
    EXPECT_EQ(Total("demo-viewer", "?from=2025-09-16&to=2025-09-16"), 1);
    EXPECT_EQ(Total("demo-viewer", "?from=2025-09-17&to=2025-12-31"), 1);

    // Documents: the event's readers read them, its writers add them.
    std::string pdf =
        "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    std::string target = "/api/v1/attachments/event/" + std::to_string(id) +
                         "?kind=plan&filename=" + http::PercentEncode("Đề án (Mẫu 01).pdf");
    EXPECT_EQ(Raw("demo-officer-01", "POST", target, pdf, "application/pdf").status, 201);
    EXPECT_EQ(Raw("demo-officer-79", "POST", target, pdf, "application/pdf").status, 404);
    EXPECT_EQ(Raw("demo-viewer", "POST", target, pdf, "application/pdf").status, 403);
    EXPECT_EQ(Call("demo-viewer", "GET", "/api/v1/attachments/event/" + std::to_string(id))
                  .Json()["items"]
                  .size(),
              1u);
}

TEST_F(EventsApi, TheSecondOfTwoConcurrentEditsIsRefusedWithTheOtherChangeShown) {
    std::int64_t id = Create("demo-officer-01", Conference("2025-09-15", "2025-09-16"));
    json first = Conference("2025-09-15", "2025-09-16");
    first["title_vi"] = "Tên do người thứ nhất sửa";
    first["version"] = 1;
    ASSERT_EQ(Call("demo-officer-01", "PUT", Path(id), first).status, 200);
    json second = Conference("2025-09-15", "2025-09-16");
    second["title_vi"] = "Tên do người thứ hai sửa";
    second["version"] = 1;
    auto refused = Call("demo-leader-01", "PUT", Path(id), second);
    ASSERT_EQ(refused.status, 409) << refused.Describe();
    EXPECT_EQ(refused.Json()["error"]["field"], "version");
    EXPECT_EQ(refused.Json()["current"]["title_vi"], "Tên do người thứ nhất sửa");
    EXPECT_EQ(refused.Json()["current"]["version"], 2);
    EXPECT_EQ(Call("demo-officer-01", "GET", Path(id)).Json()["title_vi"],
              "Tên do người thứ nhất sửa");
    // An unchanged description writes nothing; a stale version on a step is refused too.
    first["version"] = 2;
    EXPECT_EQ(Call("demo-officer-01", "PUT", Path(id), first).Json()["version"], 2);
    auto stale = Step("demo-officer-01", id,
                      {{"action", "request_approval"}, {"date", "2025-07-10"}, {"version", 1}});
    EXPECT_EQ(stale.status, 409);
    EXPECT_EQ(stale.Json()["error"]["field"], "version");
    EXPECT_EQ(Call("demo-officer-01", "GET", Path(id)).Json()["status"], "planned");
}

TEST_F(EventsApi, BadInputOnEveryEndpointNamesTheFieldAndWritesNothing) {
    auto field_of = [&](const HttpResponse& res) {
        EXPECT_EQ(res.status, 400) << res.Describe();
        return res.Json()["error"]["field"].is_string()
                   ? res.Json()["error"]["field"].get<std::string>()
                   : std::string();
    };
    auto create = [&](const json& body) {
        return Call("demo-officer-01", "POST", "/api/v1/events", body);
    };
    EXPECT_EQ(field_of(create(json::object())), "title_vi");
    auto wrong_types = create({{"title_vi", 5}, {"starts_on", "x"}, {"admin_unit_ids", "1"}});
    EXPECT_EQ(field_of(wrong_types), "title_vi");
    EXPECT_TRUE(FieldsOf(wrong_types.Json()).contains("starts_on"));
    EXPECT_EQ(field_of(Raw("demo-officer-01", "POST", "/api/v1/events",
                           "{\"title_vi\": ", "application/json")),
              "body");
    auto with = [&](const std::string& member, const json& value) {
        json body = Conference("2025-09-15", "2025-09-16");
        body[member] = value;
        return create(body);
    };
    EXPECT_EQ(field_of(with("type", "party")), "type");
    EXPECT_EQ(field_of(with("ends_on", "2025-09-01")), "ends_on");
    EXPECT_EQ(field_of(with("admin_unit_ids", {1001})), "admin_unit_ids");  // gone by September
    EXPECT_EQ(field_of(with("admin_unit_ids", {2999})), "admin_unit_ids");
    EXPECT_EQ(field_of(with("countries", {"ZZ"})), "countries");
    EXPECT_EQ(field_of(with("countries", {"VN"})), "countries");
    EXPECT_EQ(field_of(with("planned_on", "2025-08-02")), "planned_on");
    EXPECT_EQ(field_of(with("organisers", json::array())), "organisers");
    EXPECT_EQ(field_of(with("participants", {{"foreign", -1}})), "participants.foreign");
    EXPECT_EQ(field_of(with("participants", {{"foreign", 3}})),
              "participants.highest_foreign_rank");
    EXPECT_EQ(field_of(with("sessions", {{{"title", "Khai mạc"}, {"day", "2025-10-01"}}})),
              "sessions[0].day");
    EXPECT_EQ(field_of(with("sessions", {{{"day", "2025-09-15"}}})), "sessions[0].title");
    EXPECT_EQ(field_of(with("sessions", "x")), "sessions");
    EXPECT_EQ(field_of(with("press_links", {{{"title", "Bài"}, {"url", "javascript:x"}}})),
              "press_links[0].url");
    EXPECT_EQ(field_of(with("awards", {{{"kind", "gold"}, {"recipient", "A"}}})), "awards[0].kind");
    json bridged = Conference("2025-09-15", "2025-09-16");
    bridged["format"] = "hybrid";
    bridged["bridge_points"] = {{{"name", "Điểm cầu"}, {"admin_unit_id", 9999}}};
    EXPECT_EQ(field_of(create(bridged)), "bridge_points[0].admin_unit_id");
    json national = Conference("2025-09-15", "2025-09-16");
    national["type"] = "diplomatic_conference";
    EXPECT_EQ(field_of(create(national)), "national");
    auto many = with("title_vi", "");
    EXPECT_EQ(field_of(many), "title_vi");

    std::int64_t id = Create("demo-officer-01", Conference("2025-09-15", "2025-09-16"));
    json edit = Conference("2025-09-15", "2025-09-16");
    EXPECT_EQ(field_of(Call("demo-officer-01", "PUT", Path(id), edit)), "version");
    edit["version"] = 1;
    EXPECT_EQ(field_of(Call("demo-officer-01", "PUT", "/api/v1/events/abc", edit)), "id");
    edit["starts_on"] = "15/09/2025";
    EXPECT_EQ(field_of(Call("demo-officer-01", "PUT", Path(id), edit)), "starts_on");
    EXPECT_EQ(field_of(Step("demo-officer-01", id, {{"action", "fly"}, {"date", "2025-07-10"}})),
              "action");
    EXPECT_EQ(field_of(Step("demo-officer-01", id, {{"action", "request_approval"}})), "date");
    EXPECT_EQ(field_of(Step("demo-officer-01", id,
                            {{"action", "request_approval"}, {"date", "2025-08-02"}})),
              "date");
    EXPECT_EQ(field_of(Step("demo-officer-01", id,
                            {{"action", "request_approval"}, {"date", "2025-06-30"}})),
              "date");  // before the event was planned
    EXPECT_EQ(field_of(Call("demo-officer-01", "POST", "/api/v1/events/abc/steps",
                            {{"action", "cancel"}, {"date", "2025-07-10"}})),
              "id");
    EXPECT_EQ(Call("demo-officer-01", "GET", "/api/v1/events/999999").status, 404);

    for (const auto& [query, field] :
         std::vector<std::pair<std::string, std::string>>{{"year=1800", "year"},
                                                          {"sort=random", "sort"},
                                                          {"province=999", "province"},
                                                          {"country=kr", "country"},
                                                          {"type=party", "type"},
                                                          {"status=lost", "status"},
                                                          {"from=2025-13-01", "from"},
                                                          {"from=2025-09-01&to=2025-08-01", "to"},
                                                          {"national=maybe", "national"},
                                                          {"per_page=0", "per_page"}}) {
        EXPECT_EQ(field_of(Call("demo-viewer", "GET", "/api/v1/events?" + query)), field) << query;
    }
    EXPECT_EQ(field_of(Call("demo-viewer", "GET", "/api/v1/events/due?within_days=-1")),
              "within_days");
    EXPECT_EQ(field_of(Call("demo-viewer", "GET", "/api/v1/events/due?province=abc")), "province");
    EXPECT_EQ(field_of(Call("demo-viewer", "GET", "/api/v1/events/counts?by=month")), "by");
    EXPECT_EQ(field_of(Call("demo-viewer", "GET", "/api/v1/events/counts?from_year=1800")),
              "from_year");
    EXPECT_EQ(
        field_of(Call("demo-viewer", "GET", "/api/v1/events/counts?from_year=2025&to_year=2024")),
        "to_year");
    EXPECT_EQ(field_of(Call("demo-viewer", "GET", "/api/v1/events/counts?type=party")), "type");
    EXPECT_EQ(field_of(Call("demo-viewer", "GET", "/api/v1/events/export?format=pdf")), "format");
    EXPECT_EQ(field_of(Call("demo-viewer", "GET", "/api/v1/events/export?lang=fr")), "lang");
    EXPECT_EQ(field_of(Call("demo-viewer", "GET", "/api/v1/events/export?sort=x")), "sort");
    EXPECT_EQ(field_of(Call("demo-viewer", "GET", "/api/v1/events/yearly-report?year=2025")),
              "province");
    EXPECT_EQ(field_of(Call("demo-viewer", "GET", "/api/v1/events/yearly-report?province=2001")),
              "year");
    EXPECT_EQ(field_of(Call("demo-viewer", "GET",
                            "/api/v1/events/yearly-report?province=1001&year=2025")),
              "province");
    EXPECT_EQ(field_of(Call("demo-viewer", "GET",
                            "/api/v1/events/yearly-report?province=2001&year=2026")),
              "year");
    EXPECT_EQ(field_of(Call("demo-viewer", "GET",
                            "/api/v1/events/yearly-report?province=2001&year=2025&format=pdf")),
              "format");
    EXPECT_EQ(field_of(Import("maybe", "a\r\n")), "mode");
    EXPECT_EQ(
        field_of(Raw("demo-officer-01", "POST", "/api/v1/events/import", "{}", "application/json")),
        "body");
    EXPECT_EQ(field_of(Import("valid", "")), "file");
    for (const std::string& bad :
         {std::string("PK\x03\x04 not a zip", 15), std::string("\xff\xfe\x00garbage", 10),
          std::string("a,b\r\n1,2\r\n")}) {
        EXPECT_EQ(field_of(Import("valid", bad)), "file");
    }
    // Nothing but the one event was written, and it is unchanged.
    EXPECT_EQ(Total("demo-viewer"), 1);
    EXPECT_EQ(Call("demo-viewer", "GET", Path(id)).Json()["version"], 1);
}

TEST_F(EventsApi, ImportPreviewsEveryProblemThenWritesAllOrNothingOrTheValidRows) {
    // Row 2 is a planned fair; row 3 names an unknown province and a day that does not exist;
    // row 4 is a conference held in May (in the old Hà Nội), with its permission; row 5 is a
    // held conference without one.
    const std::string csv =
        "Tên sự kiện (tiếng Việt),Loại sự kiện,Ngày bắt đầu,Ngày kết thúc,"
        "\"Tỉnh, thành phố đăng cai (khi tổ chức)\",Đơn vị tổ chức,Quốc gia (mã ISO),"
        "Số đại biểu nước ngoài,Cấp cao nhất của khách nước ngoài,Trạng thái,Văn bản cho phép\r\n"
        "Hội chợ sản phẩm thương hiệu Việt,exhibition,10/10/2025,12/10/2025,Thành phố Hà Nội,"
        "Sở Công Thương,,0,,Dự kiến,\r\n"
        "Hội thảo về y tế cộng đồng,international_conference,31/02/2025,,Không Có Thật,Sở Y tế,"
        "KR,5,ambassador,,\r\n"
        "Hội thảo quốc tế về nông nghiệp công nghệ cao,"
        "\"Hội nghị, hội thảo quốc tế tổ chức tại tỉnh\",20/05/2025,21/05/2025,Hà Nội,"
        "UBND Thành phố Hà Nội,KR; jp,12,ambassador,Đã tổ chức,Quyết định số 45/QĐ-UBND\r\n"
        "Hội thảo quốc tế về chuyển đổi số,international_conference,10/06/2025,10/06/2025,"
        "Hà Nội,UBND Thành phố Hà Nội,SG,3,expert,held,\r\n";
    auto preview = Import("preview", csv);
    ASSERT_EQ(preview.status, 200) << preview.Describe();
    json p = preview.Json();
    EXPECT_EQ(p["rows"], 4);
    EXPECT_EQ(p["valid"], 2);
    std::set<std::pair<int, std::string>> where;
    for (const auto& problem : p["problems"]) {
        where.insert({problem["row"].get<int>(), problem["column"].get<std::string>()});
        EXPECT_FALSE(problem["message_en"].get<std::string>().empty());
    }
    EXPECT_TRUE(where.contains({3, "Ngày bắt đầu"}));
    EXPECT_TRUE(where.contains({3, "Tỉnh, thành phố đăng cai (khi tổ chức)"}));
    EXPECT_TRUE(where.contains({5, "Văn bản cho phép"}));
    EXPECT_EQ(Total("demo-viewer"), 0);

    auto all = Import("all", csv);
    ASSERT_EQ(all.status, 200);
    EXPECT_EQ(all.Json()["written"], 0);
    EXPECT_EQ(Total("demo-viewer"), 0);
    EXPECT_EQ(Import("valid", csv, "demo-officer-79").Json()["written"], 0);  // not its province

    auto valid = Import("valid", csv);
    ASSERT_EQ(valid.status, 200) << valid.Describe();
    EXPECT_EQ(valid.Json()["written"], 2);
    EXPECT_EQ(Total("demo-viewer"), 2);
    auto held = Call("demo-viewer", "GET", "/api/v1/events?status=held").Json();
    ASSERT_EQ(held["total"], 1);
    EXPECT_EQ(held["items"][0]["admin_unit_id"], 1001);
    EXPECT_EQ(held["items"][0]["countries"], json({"KR", "JP"}));
    EXPECT_EQ(held["items"][0]["decision_ref"], "Quyết định số 45/QĐ-UBND");
    // Held on 21/05: its result report was due 05/06, and is overdue.
    EXPECT_EQ(held["items"][0]["report_due_on"], "2025-06-05");
    EXPECT_EQ(held["items"][0]["overdue"], true);
    EXPECT_EQ(Call("demo-officer-01", "GET", "/api/v1/events/due").Json()["total"], 1);
    // The same file again: the written rows are now duplicates.
    EXPECT_EQ(Import("preview", csv).Json()["valid"], 0);

    // An export imports back: each row is recognised as recorded already, and nothing else.
    auto xlsx = Call("demo-officer-01", "GET", "/api/v1/events/export?format=xlsx&province=2001");
    ASSERT_EQ(xlsx.status, 200) << xlsx.Describe();
    EXPECT_EQ(xlsx.Header("Content-Type").value_or(""),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_NE(xlsx.Header("Content-Disposition").value_or("").find("attachment"),
              std::string::npos);
    auto back = Raw("demo-officer-01", "POST", "/api/v1/events/import?mode=preview", xlsx.body);
    ASSERT_EQ(back.status, 200) << back.Describe();
    json b = back.Json();
    EXPECT_EQ(b["rows"], 2);
    ASSERT_EQ(b["problems"].size(), 2u) << b.dump();
    for (const auto& problem : b["problems"]) {
        EXPECT_NE(problem["message_en"].get<std::string>().find("already recorded"),
                  std::string::npos)
            << problem.dump();
    }
    auto csv_export = Call("demo-officer-01", "GET", "/api/v1/events/export?format=csv&lang=en");
    ASSERT_EQ(csv_export.status, 200);
    EXPECT_TRUE(csv_export.body.starts_with("\xEF\xBB\xBF"));
    EXPECT_NE(csv_export.body.find("20/05/2025"), std::string::npos);
    EXPECT_NE(csv_export.body.find("Title (Vietnamese)"), std::string::npos);
    auto csv_back = Raw("demo-officer-01", "POST", "/api/v1/events/import?mode=preview",
                        csv_export.body, "text/csv");
    ASSERT_EQ(csv_back.status, 200) << csv_back.Describe();
    EXPECT_EQ(csv_back.Json()["rows"], 2);
    EXPECT_EQ(csv_back.Json()["valid"], 0);
    EXPECT_EQ(csv_back.Json()["problems"].size(), 2u) << csv_back.Json().dump();
}

TEST_F(EventsApi, CountsByProvinceYearAndTypeFollowTheReadersScope) {
    json old_conference = Conference("2024-11-20", "2024-11-20");
    old_conference["admin_unit_ids"] = {1001};
    old_conference.erase("planned_on");
    Create("demo-officer-01", old_conference);
    json fair = Conference("2025-09-10", "2025-09-11");
    fair["type"] = "exhibition";
    Create("demo-officer-01", fair);
    json promotion = Conference("2025-10-01", "2025-10-01");
    promotion["type"] = "trade_promotion";
    promotion["admin_unit_ids"] = {2079};
    Create("demo-officer-79", promotion);
    Create("demo-mofa", {{"title_vi", "Hội nghị Ngoại vụ toàn quốc"},
                         {"type", "national_review_conference"},
                         {"national", true},
                         {"starts_on", "2024-12-18"},
                         {"organisers", {"Bộ Ngoại giao"}}});

    auto counts = Call("demo-viewer", "GET", "/api/v1/events/counts");
    ASSERT_EQ(counts.status, 200) << counts.Describe();
    json c = counts.Json();
    EXPECT_EQ(c["by"], "current");
    EXPECT_EQ(c["total"], 4);
    ASSERT_EQ(c["items"].size(), 4u);
    EXPECT_TRUE(c["items"][0]["unit_id"].is_null());  // national first
    EXPECT_EQ(c["items"][0]["type"], "national_review_conference");
    EXPECT_EQ(c["items"][1], json({{"unit_id", 2001},
                                   {"year", 2024},
                                   {"type", "international_conference"},
                                   {"count", 1}}));
    EXPECT_EQ(c["items"][2]["unit_id"], 2001);
    EXPECT_EQ(c["items"][2]["year"], 2025);
    EXPECT_EQ(c["items"][3]["unit_id"], 2079);
    auto as_of = Call("demo-viewer", "GET", "/api/v1/events/counts?by=as_of").Json();
    EXPECT_EQ(as_of["items"][1]["unit_id"], 1001);
    EXPECT_EQ(as_of["items"][2]["unit_id"], 2001);
    EXPECT_EQ(Call("demo-officer-79", "GET", "/api/v1/events/counts").Json()["total"], 2);
    EXPECT_EQ(Call("demo-viewer", "GET", "/api/v1/events/counts?type=exhibition").Json()["total"],
              1);
    EXPECT_EQ(Call("demo-viewer", "GET", "/api/v1/events/counts?from_year=2025").Json()["total"],
              2);
    EXPECT_EQ(
        Call("demo-viewer", "GET", "/api/v1/events/counts?by=as_of&province=1001").Json()["total"],
        1);
    EXPECT_EQ(Call("demo-viewer", "GET", "/api/v1/events/counts?status=planned").Json()["total"],
              4);
}

TEST_F(EventsApi, TheYearlyReportCoversFifteenDecemberToFourteenDecember) {
    // Conferences of Hà Nội recorded after the fact: 14/12/2024 belongs to the report of 2024,
    // 15/12/2024 to that of 2025; a fair is not a conference; a planned conference is not
    // reported.
    const std::string csv =
        "Tên sự kiện (tiếng Việt),Loại sự kiện,Ngày bắt đầu,\"Tỉnh, thành phố đăng cai (khi tổ "
        "chức)\",Đơn vị tổ chức,Số đại biểu Việt Nam,Số đại biểu nước ngoài,"
        "Cấp cao nhất của khách nước ngoài,Trạng thái,Văn bản cho phép,Ngày báo cáo kết quả\r\n"
        "Hội thảo A,international_conference,14/12/2024,Hà Nội,UBND,100,10,ambassador,held,QĐ "
        "1,\r\n"
        "Hội thảo B,international_conference,15/12/2024,Hà Nội,UBND,200,20,ambassador,held,QĐ "
        "2,\r\n"
        "Hội thảo C,international_conference,01/06/2025,Hà Nội,UBND,50,5,expert,reported,QĐ 3,"
        "10/06/2025\r\n"
        "Hội thảo D,international_conference,20/07/2025,Hà Nội,UBND,30,3,expert,held,QĐ 4,\r\n"
        "Hội thảo E,international_conference,10/11/2025,Hà Nội,UBND,30,3,expert,planned,,\r\n"
        "Hội chợ F,exhibition,01/03/2025,Hà Nội,UBND,30,3,expert,held,,\r\n";
    auto imported = Import("all", csv);
    ASSERT_EQ(imported.status, 200) << imported.Describe();
    ASSERT_EQ(imported.Json()["written"], 6) << imported.Json().dump();

    auto report =
        Call("demo-viewer", "GET", "/api/v1/events/yearly-report?province=2001&year=2025");
    ASSERT_EQ(report.status, 200) << report.Describe();
    json r = report.Json();
    EXPECT_EQ(r["period"]["from"], "2024-12-15");
    EXPECT_EQ(r["period"]["to"], "2025-12-14");
    EXPECT_EQ(r["due_on"], "2025-12-18");
    EXPECT_EQ(r["overdue"], false);
    EXPECT_EQ(r["province"]["id"], 2001);
    ASSERT_EQ(r["items"].size(), 3u) << r.dump();
    EXPECT_EQ(r["items"][0]["title_vi"], "Hội thảo B");
    EXPECT_EQ(r["items"][0]["report_status"], "overdue");  // due 30/12/2024
    EXPECT_EQ(r["items"][1]["title_vi"], "Hội thảo C");
    EXPECT_EQ(r["items"][1]["report_status"], "reported");
    EXPECT_EQ(r["items"][2]["title_vi"], "Hội thảo D");
    EXPECT_EQ(r["items"][2]["report_status"], "due");  // due 04/08/2025
    EXPECT_EQ(r["totals"]["events"], 3);
    EXPECT_EQ(r["totals"]["participants_vietnamese"], 280);
    EXPECT_EQ(r["totals"]["participants_foreign"], 28);
    EXPECT_EQ(r["totals"]["decided_by_provincial_chairman"], 3);
    EXPECT_EQ(r["totals"]["reported"], 1);

    auto previous =
        Call("demo-viewer", "GET", "/api/v1/events/yearly-report?province=2001&year=2024");
    ASSERT_EQ(previous.status, 200);
    ASSERT_EQ(previous.Json()["items"].size(), 1u);
    EXPECT_EQ(previous.Json()["items"][0]["title_vi"], "Hội thảo A");
    EXPECT_EQ(previous.Json()["items"][0]["report_year"], 2024);
    EXPECT_EQ(previous.Json()["overdue"], true);

    auto xlsx = Call("demo-viewer", "GET",
                     "/api/v1/events/yearly-report?province=2001&year=2025&format=xlsx&lang=en");
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_TRUE(xlsx.body.starts_with("PK"));
    EXPECT_EQ(Call("demo-officer-79", "GET", "/api/v1/events/yearly-report?province=2001&year=2025")
                  .status,
              404);
}

}  // namespace
}  // namespace ngoaivu::testing
