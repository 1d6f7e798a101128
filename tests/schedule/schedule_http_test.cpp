// The calendar of delegations and events over real HTTP, on each backend: the month grid and the
// agenda, the JSON API and its bad input, province scope (both generations, national events for
// everyone), and the iCalendar feeds: made, fetched anonymously and parsed back with
// office::ParseCalendar, revoked, never logged.
#include <gtest/gtest.h>

#include "office/icalendar.hpp"
#include "storage/database.hpp"
#include "support/matchers.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

// The clock of TestApp stands at 01/08/2025 (after the 2025 merger).
class ScheduleHttp : public AppTest {
 protected:
    void SetUp() override {
        AppTest::SetUp();
        tokens_ = AddDemoAccounts(app().db_location(),
                                  {"demo-officer-01", "demo-officer-79", "demo-viewer", "demo-mofa",
                                   "demo-mission-kr", "demo-admin"});
        auto db = storage::Open(app().db_location());
        auto tx = db->Begin(storage::TxMode::kWrite);
        // Hà Nội (2001): an outbound delegation over the end of July.
        spanning_ =
            Delegation(*tx, "Đoàn công tác của Thành phố Hà Nội thăm tỉnh Gyeonggi", "outbound",
                       "provincial_leaders", 2001, 2001, "2025-07-28", "2025-08-03", "approved", 3);
        // Hà Nội before the merger (1001, today 2001): an inbound delegation in June.
        old_unit_ = Delegation(*tx, "Đoàn Đại sứ quán Nhật Bản làm việc với Hà Nội", "inbound",
                               "department", 1001, 2001, "2025-06-20", "2025-06-21", "reported", 1);
        // Hồ Chí Minh City (2079): an inbound delegation in July.
        hcm_ =
            Delegation(*tx, "Đoàn Thị trưởng Busan thăm Thành phố Hồ Chí Minh", "inbound",
                       "provincial_leaders", 2079, 2079, "2025-07-15", "2025-07-16", "approved", 1);
        // Hà Nội: cancelled, in July.
        cancelled_ =
            Delegation(*tx, "Đoàn xúc tiến du lịch sang Pháp (đã hủy)", "outbound", "department",
                       2001, 2001, "2025-07-05", "2025-07-09", "cancelled", 2);
        // Hà Nội: far ahead, outside any feed's window (400 days).
        far_ = Delegation(*tx, "Đoàn công tác năm 2027", "outbound", "other", 2001, 2001,
                          "2027-03-01", "2027-03-05", "proposed", 1);
        // A national conference (no province) in July, and a Hà Nội exhibition.
        national_ =
            Event(*tx, "Hội nghị Ngoại vụ toàn quốc lần thứ 21", "", "national_review_conference",
                  std::nullopt, "2025-07-22", "2025-07-22", "held", 2);
        exhibition_ = Event(*tx, "Triển lãm ảnh “Hà Nội – Seoul: 30 năm hữu nghị”",
                            "Photo exhibition Hanoi – Seoul", "exhibition", 2001, "2025-07-10",
                            "2025-07-12", "approved", 1);
        tx->Commit();
        db->Close();
    }

    static std::int64_t Delegation(storage::Transaction& tx, const std::string& title,
                                   const std::string& direction, const std::string& level,
                                   std::int64_t unit, std::int64_t current,
                                   const std::string& starts, const std::string& ends,
                                   const std::string& status, std::int64_t version) {
        return tx
            .QueryOne(
                "INSERT INTO delegation (title, direction, level, admin_unit_id, "
                "current_unit_id, starts_on, ends_on, start_year, funding, status, search_text, "
                "created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                "'state_budget', $9, 'x', '2025-06-01T01:00:00.000Z', "
                "'2025-07-01T02:03:04.567Z', $10) RETURNING id",
                {title, direction, level, unit, current, starts, ends,
                 std::int64_t{std::stoi(starts.substr(0, 4))}, status, version})
            ->Int(0);
    }
    static std::int64_t Event(storage::Transaction& tx, const std::string& title,
                              const std::string& title_en, const std::string& type,
                              std::optional<std::int64_t> unit, const std::string& starts,
                              const std::string& ends, const std::string& status,
                              std::int64_t version) {
        storage::Value u = unit ? storage::Value(*unit) : storage::Value();
        return tx
            .QueryOne(
                "INSERT INTO event (title_vi, title_en, type, starts_on, ends_on, start_year, "
                "format, venue, national, admin_unit_id, current_unit_id, decider, status, "
                "search_text, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, "
                "'in_person', 'Trung tâm Hội nghị Quốc gia', $7, $8, $8, 'none', $9, 'x', "
                "'2025-06-01T01:00:00.000Z', '2025-07-01T02:03:04.567Z', $10) RETURNING id",
                {title, title_en, type, starts, ends, std::int64_t{std::stoi(starts.substr(0, 4))},
                 std::int64_t{unit ? 0 : 1}, u, status, version})
            ->Int(0);
    }

    HttpResponse Call(const std::string& who, const std::string& method, const std::string& target,
                      const std::string& body = "", HeaderList headers = {}) {
        headers.emplace_back("Authorization", "Bearer " + tokens_.at(who));
        if (!body.empty() && method == "POST" && headers.size() == 1)
            headers.emplace_back("Content-Type", "application/json");
        HttpClient client = app().Client();
        return client.Request(method, target, headers, body);
    }
    // The items of the API for [from, to] as "kind-id" strings.
    std::vector<std::string> ApiItems(const std::string& who, const std::string& query) {
        auto r = Call(who, "GET", "/api/v1/schedule?" + query);
        EXPECT_EQ(r.status, 200) << query << ": " << r.Describe();
        std::vector<std::string> out;
        const nlohmann::json body = r.Json();
        for (const auto& it : body["items"])
            out.push_back(it["kind"].get<std::string>() + "-" +
                          std::to_string(it["id"].get<int>()));
        return out;
    }
    static std::string D(std::int64_t id) { return "delegation-" + std::to_string(id); }
    static std::string E(std::int64_t id) { return "event-" + std::to_string(id); }
    static std::string DHref(std::int64_t id) {
        return "href=\"/delegations/" + std::to_string(id) + "\"";
    }
    static std::string EHref(std::int64_t id) {
        return "href=\"/events/" + std::to_string(id) + "\"";
    }
    // The HTML of the month grid's cell of `iso`.
    static std::string Cell(const std::string& html, const std::string& iso) {
        auto start = html.find("id=\"day-" + iso + "\"");
        if (start == std::string::npos)
            return "";
        return html.substr(start, html.find("</td>", start) - start);
    }
    // Makes a feed as `who`; returns {id, token}.
    std::pair<std::int64_t, std::string> MakeFeed(const std::string& who) {
        auto r = Call(who, "POST", "/api/v1/schedule/feeds", R"({"name": "Lịch của tôi"})");
        EXPECT_EQ(r.status, 201) << r.Describe();
        auto j = r.Json();
        return {j.value("id", std::int64_t{0}), j.value("token", std::string())};
    }

    std::map<std::string, std::string> tokens_;
    std::int64_t spanning_ = 0, old_unit_ = 0, hcm_ = 0, cancelled_ = 0, far_ = 0;
    std::int64_t national_ = 0, exhibition_ = 0;
};

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST_F(ScheduleHttp, ADelegationOverAMonthBoundaryIsInBothMonths) {
    auto july = Call("demo-officer-01", "GET", "/schedule?month=2025-07");
    ASSERT_EQ(july.status, 200) << july.Describe();
    EXPECT_THAT(july.body, HasSubstr("Tháng Bảy năm 2025"));
    EXPECT_THAT(Cell(july.body, "2025-07-28"), HasSubstr(DHref(spanning_)));
    EXPECT_THAT(Cell(july.body, "2025-07-31"), HasSubstr(DHref(spanning_)));
    EXPECT_THAT(Cell(july.body, "2025-07-27"), Not(HasSubstr(DHref(spanning_))));
    EXPECT_THAT(july.body, HasSubstr("Đoàn công tác của Thành phố Hà Nội thăm tỉnh Gyeonggi"));
    auto august = Call("demo-officer-01", "GET", "/schedule?month=2025-08");
    ASSERT_EQ(august.status, 200) << august.Describe();
    EXPECT_THAT(Cell(august.body, "2025-08-01"), HasSubstr(DHref(spanning_)));
    EXPECT_THAT(Cell(august.body, "2025-08-03"), HasSubstr(DHref(spanning_)));
    EXPECT_THAT(Cell(august.body, "2025-08-04"), Not(HasSubstr(DHref(spanning_))));
    auto september = Call("demo-officer-01", "GET", "/schedule?month=2025-09");
    EXPECT_THAT(september.body, Not(HasSubstr(DHref(spanning_))));

    // The API gives it for either month, in calendar order with the others.
    EXPECT_THAT(ApiItems("demo-officer-01", "from=2025-07-01&to=2025-07-31"),
                ElementsAre(E(exhibition_), E(national_), D(spanning_)));
    EXPECT_THAT(ApiItems("demo-officer-01", "from=2025-08-01&to=2025-08-31"),
                ElementsAre(D(spanning_)));
    auto j =
        Call("demo-officer-01", "GET", "/api/v1/schedule?from=2025-08-01&to=2025-08-31").Json();
    EXPECT_EQ(j["total"], 1);
    EXPECT_EQ(j["from"], "2025-08-01");
    const auto& item = j["items"][0];
    EXPECT_EQ(item["title"], "Đoàn công tác của Thành phố Hà Nội thăm tỉnh Gyeonggi");
    EXPECT_EQ(item["starts_on"], "2025-07-28");
    EXPECT_EQ(item["ends_on"], "2025-08-03");
    EXPECT_EQ(item["direction"], "outbound");
    EXPECT_EQ(item["type"], nullptr);
    EXPECT_EQ(item["admin_unit"]["id"], 2001);
    EXPECT_EQ(item["path"], "/delegations/" + std::to_string(spanning_));
    EXPECT_EQ(item["version"], 3);
}

TEST_F(ScheduleHttp, AnOfficerSeesOnlyTheirProvinceAndEveryoneTheNationalEvents) {
    // Hồ Chí Minh City's officer: its delegation and the national conference, nothing of Hà Nội.
    EXPECT_THAT(ApiItems("demo-officer-79", "from=2025-07-01&to=2025-07-31"),
                ElementsAre(D(hcm_), E(national_)));
    auto page = Call("demo-officer-79", "GET", "/schedule?month=2025-07");
    ASSERT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr(DHref(hcm_)));
    EXPECT_THAT(page.body, HasSubstr(EHref(national_)));
    EXPECT_THAT(page.body, Not(HasSubstr(DHref(spanning_))));
    EXPECT_THAT(page.body, Not(HasSubstr(EHref(exhibition_))));
    auto agenda = Call("demo-officer-79", "GET", "/schedule?view=agenda&month=2025-07");
    EXPECT_THAT(agenda.body, Not(HasSubstr(DHref(spanning_))));
    EXPECT_THAT(agenda.body, HasSubstr(EHref(national_)));
    // Hà Nội's officer sees the delegation recorded under the old Hà Nội (1001).
    EXPECT_THAT(ApiItems("demo-officer-01", "from=2025-06-01&to=2025-06-30"),
                ElementsAre(D(old_unit_)));
    EXPECT_THAT(ApiItems("demo-officer-79", "from=2025-06-01&to=2025-06-30"), ElementsAre());
    // Mission staff read no province: the national events only.
    EXPECT_THAT(ApiItems("demo-mission-kr", "from=2025-07-01&to=2025-07-31"),
                ElementsAre(E(national_)));
    // Every province: MOFA and the viewer of all provinces.
    EXPECT_THAT(ApiItems("demo-mofa", "from=2025-07-01&to=2025-07-31"),
                ElementsAre(E(exhibition_), D(hcm_), E(national_), D(spanning_)));
    EXPECT_EQ(ApiItems("demo-viewer", "from=2025-07-01&to=2025-07-31").size(), 4u);
}

TEST_F(ScheduleHttp, FiltersNarrowBothKinds) {
    const std::string july = "from=2025-07-01&to=2025-07-31&";
    EXPECT_THAT(ApiItems("demo-mofa", july + "kind=event"),
                ElementsAre(E(exhibition_), E(national_)));
    EXPECT_THAT(ApiItems("demo-mofa", july + "kind=delegation"),
                ElementsAre(D(hcm_), D(spanning_)));
    EXPECT_THAT(ApiItems("demo-mofa", july + "direction=inbound"), ElementsAre(D(hcm_)));
    EXPECT_THAT(ApiItems("demo-mofa", july + "level=provincial_leaders"),
                ElementsAre(D(hcm_), D(spanning_)));
    EXPECT_THAT(ApiItems("demo-mofa", july + "type=exhibition"), ElementsAre(E(exhibition_)));
    EXPECT_THAT(ApiItems("demo-mofa", july + "status=held"), ElementsAre(E(national_)));
    EXPECT_THAT(ApiItems("demo-mofa", july + "status=approved"),
                ElementsAre(E(exhibition_), D(hcm_), D(spanning_)));
    // A province by today's boundaries (2001) or by those of the time (1001); national events
    // have no province.
    EXPECT_THAT(ApiItems("demo-mofa", july + "province=2001"),
                ElementsAre(E(exhibition_), D(spanning_)));
    EXPECT_THAT(ApiItems("demo-mofa", "from=2025-06-01&to=2025-06-30&province=2001"),
                ElementsAre(D(old_unit_)));
    EXPECT_THAT(ApiItems("demo-mofa", "from=2025-06-01&to=2025-06-30&province=1001"),
                ElementsAre(D(old_unit_)));
    EXPECT_THAT(ApiItems("demo-mofa", july + "province=1001"), ElementsAre());
    // Cancelled (and refused) ones are hidden unless asked for.
    EXPECT_THAT(ApiItems("demo-mofa", july), Not(Contains(D(cancelled_))));
    EXPECT_THAT(ApiItems("demo-mofa", july + "include_cancelled=1"), Contains(D(cancelled_)));
    EXPECT_THAT(ApiItems("demo-mofa", july + "status=cancelled"), ElementsAre(D(cancelled_)));
    auto page = Call("demo-mofa", "GET", "/schedule?month=2025-07");
    EXPECT_THAT(page.body, Not(HasSubstr(DHref(cancelled_))));
    page = Call("demo-mofa", "GET", "/schedule?month=2025-07&include_cancelled=1");
    EXPECT_THAT(page.body, HasSubstr(DHref(cancelled_)));
    // Paging.
    auto p2 = Call("demo-mofa", "GET", "/api/v1/schedule?" + july + "per_page=3&page=2").Json();
    EXPECT_EQ(p2["total"], 4);
    EXPECT_EQ(p2["pages"], 2);
    ASSERT_EQ(p2["items"].size(), 1u);
    EXPECT_EQ(p2["items"][0]["id"], spanning_);
}

TEST_F(ScheduleHttp, MonthLinksKeepTheFiltersAndTheAgendaListsDayByDay) {
    auto page = Call("demo-mofa", "GET", "/schedule?month=2025-07&kind=delegation&province=2001");
    ASSERT_EQ(page.status, 200) << page.Describe();
    EXPECT_THAT(
        page.body,
        HasSubstr("href=\"/schedule?month=2025-06&amp;kind=delegation&amp;province=2001\""));
    EXPECT_THAT(
        page.body,
        HasSubstr("href=\"/schedule?month=2025-08&amp;kind=delegation&amp;province=2001\""));
    EXPECT_THAT(page.body, HasSubstr("Tháng Sáu năm 2025"));
    EXPECT_THAT(page.body, HasSubstr(DHref(spanning_)));
    EXPECT_THAT(page.body, Not(HasSubstr(EHref(exhibition_))));
    // Monday first: 1 July 2025 is a Tuesday, so the grid opens with 30 June, outside the month.
    auto grid = page.body.substr(page.body.find("id=\"schedule-grid\""));
    EXPECT_LT(grid.find(">T2<"), grid.find(">CN<"));
    EXPECT_LT(grid.find("sch-out"), grid.find("id=\"day-2025-07-01\""));

    auto agenda = Call("demo-mofa", "GET", "/schedule?view=agenda&month=2025-07");
    ASSERT_EQ(agenda.status, 200) << agenda.Describe();
    auto at = [&](const std::string& s) { return agenda.body.find(s); };
    ASSERT_NE(at("id=\"agenda-2025-07-10\""), std::string::npos);
    EXPECT_LT(at("id=\"agenda-2025-07-10\""), at(EHref(exhibition_)));
    EXPECT_LT(at(EHref(exhibition_)), at("id=\"agenda-2025-07-15\""));
    EXPECT_LT(at("id=\"agenda-2025-07-22\""), at(EHref(national_)));
    EXPECT_LT(at("id=\"agenda-2025-07-28\""), at(DHref(spanning_)));
    EXPECT_THAT(agenda.body, HasSubstr("Thứ Hai, 28/07/2025"));
    // One day: what is under way that day, started earlier or not.
    auto day = Call("demo-mofa", "GET", "/schedule?view=agenda&day=2025-08-02");
    ASSERT_EQ(day.status, 200) << day.Describe();
    EXPECT_THAT(day.body, HasSubstr(DHref(spanning_)));
    EXPECT_THAT(day.body, HasSubstr("đang diễn ra"));
    EXPECT_THAT(day.body, Not(HasSubstr(EHref(national_))));
    // In English.
    auto en = Call("demo-mofa", "GET", "/schedule?month=2025-07", "", {{"Cookie", "lang=en"}});
    EXPECT_THAT(en.body, HasSubstr("July 2025"));
    EXPECT_THAT(en.body, HasSubstr("Photo exhibition Hanoi – Seoul"));
}

TEST_F(ScheduleHttp, BadParametersAreRefusedNamingTheField) {
    struct Case {
        std::string target;
        std::string field;
    };
    const Case api[] = {
        {"/api/v1/schedule", "from"},
        {"/api/v1/schedule?from=2025-07-01", "to"},
        {"/api/v1/schedule?to=2025-07-01", "from"},
        {"/api/v1/schedule?from=2025-13-01&to=2025-12-31", "from"},
        {"/api/v1/schedule?from=2025-07-01&to=2025-07-32", "to"},
        {"/api/v1/schedule?from=2025-07-31&to=2025-07-01", "to"},
        {"/api/v1/schedule?from=2025-07-01&to=2025-10-01", "to"},  // 93 days
        {"/api/v1/schedule?from=2025-07-01&to=2025-07-31&province=abc", "province"},
        {"/api/v1/schedule?from=2025-07-01&to=2025-07-31&province=1999", "province"},
        {"/api/v1/schedule?from=2025-07-01&to=2025-07-31&kind=visit", "kind"},
        {"/api/v1/schedule?from=2025-07-01&to=2025-07-31&direction=up", "direction"},
        {"/api/v1/schedule?from=2025-07-01&to=2025-07-31&level=king", "level"},
        {"/api/v1/schedule?from=2025-07-01&to=2025-07-31&type=party", "type"},
        {"/api/v1/schedule?from=2025-07-01&to=2025-07-31&status=lost", "status"},
        {"/api/v1/schedule?from=2025-07-01&to=2025-07-31&per_page=0", "per_page"},
        {"/api/v1/schedule?from=2025-07-01&to=2025-07-31&page=x", "page"},
    };
    for (const auto& c : api) {
        auto r = Call("demo-mofa", "GET", c.target);
        EXPECT_EQ(r.status, 400) << c.target << ": " << r.Describe();
        EXPECT_EQ(r.Json()["error"]["field"], c.field) << c.target;
        EXPECT_EQ(r.Json()["error"]["code"], "invalid_argument") << c.target;
    }
    // 92 days is the most.
    EXPECT_EQ(Call("demo-mofa", "GET", "/api/v1/schedule?from=2025-07-01&to=2025-09-30").status,
              200);
    const std::string pages[] = {"/schedule?month=2025-13",      "/schedule?month=July",
                                 "/schedule?view=week",          "/schedule?day=2025-02-30",
                                 "/schedule?direction=sideways", "/schedule?province=9"};
    for (const auto& target : pages) {
        auto r = Call("demo-mofa", "GET", target, "", {{"Accept", "text/html"}});
        EXPECT_EQ(r.status, 400) << target << ": " << r.Describe();
        EXPECT_THAT(r.Header("Content-Type").value_or(""), HasSubstr("text/html")) << target;
    }
    // Signed out: the API answers 401, the page sends to the sign-in page.
    EXPECT_EQ(Get("/api/v1/schedule?from=2025-07-01&to=2025-07-31").status, 401);
    EXPECT_EQ(Get("/schedule").status, 303);
}

TEST_F(ScheduleHttp, TheFeedParsesBackWithTheUsersItems) {
    auto [id, token] = MakeFeed("demo-officer-01");
    ASSERT_TRUE(token.starts_with("nvf_")) << token;
    // Anonymous, as Outlook and Google Calendar fetch it.
    auto r = Get("/schedule/feed/" + token + ".ics");
    ASSERT_EQ(r.status, 200) << r.Describe();
    EXPECT_EQ(r.Header("Content-Type"), "text/calendar; charset=utf-8");
    auto cal = office::ParseCalendar(r.body);
    ASSERT_TRUE(cal) << cal.error().message_en;
    std::map<std::string, const office::ParsedEvent*> by_uid;
    for (const auto& e : cal->events)
        by_uid[e.uid] = &e;
    auto uid = [](const std::string& kind, std::int64_t n) {
        return kind + "-" + std::to_string(n) + "@ngoaivu";
    };
    // Hà Nội's items and the national conference, from 90 days ago to 400 days ahead;
    // the cancelled one as CANCELLED; nothing of Hồ Chí Minh City, nothing of 2027.
    EXPECT_EQ(by_uid.size(), 5u);
    EXPECT_TRUE(by_uid.contains(uid("delegation", old_unit_)));
    EXPECT_FALSE(by_uid.contains(uid("delegation", hcm_)));
    EXPECT_FALSE(by_uid.contains(uid("delegation", far_)));
    ASSERT_TRUE(by_uid.contains(uid("delegation", spanning_)));
    ASSERT_TRUE(by_uid.contains(uid("event", national_)));
    ASSERT_TRUE(by_uid.contains(uid("delegation", cancelled_)));
    ASSERT_TRUE(by_uid.contains(uid("event", exhibition_)));

    const office::ParsedEvent& d = *by_uid[uid("delegation", spanning_)];
    EXPECT_EQ(d.summary, "Đoàn ra: Đoàn công tác của Thành phố Hà Nội thăm tỉnh Gyeonggi");
    EXPECT_TRUE(d.all_day);
    EXPECT_EQ(d.start.date.ToIso(), "2025-07-28");
    ASSERT_TRUE(d.end);
    EXPECT_EQ(d.end->date.ToIso(), "2025-08-04");  // DTEND is exclusive
    EXPECT_EQ(d.end_inclusive.ToIso(), "2025-08-03");
    EXPECT_EQ(d.status, "CONFIRMED");
    EXPECT_EQ(d.sequence, 3);
    EXPECT_THAT(d.url, HasSubstr("/delegations/" + std::to_string(spanning_)));
    EXPECT_TRUE(d.url.starts_with("http://127.0.0.1:")) << d.url;
    EXPECT_THAT(d.description, HasSubstr("Thành phố Hà Nội"));
    EXPECT_THAT(d.categories, Contains("Đoàn ra"));
    EXPECT_EQ(by_uid[uid("delegation", cancelled_)]->status, "CANCELLED");
    const office::ParsedEvent& n = *by_uid[uid("event", national_)];
    EXPECT_EQ(n.summary, "Hội nghị Ngoại vụ toàn quốc lần thứ 21");
    EXPECT_EQ(n.location, "Trung tâm Hội nghị Quốc gia");
    EXPECT_EQ(n.end->date.ToIso(), "2025-07-23");
    EXPECT_THAT(n.url, HasSubstr("/events/" + std::to_string(national_)));
    EXPECT_EQ(by_uid[uid("event", exhibition_)]->summary,
              "Triển lãm ảnh “Hà Nội – Seoul: 30 năm hữu nghị”");
    EXPECT_NE(cal->Property("X-WR-CALNAME"), nullptr);

    // The feed's last use is recorded; the token never reaches the log or the audit trail.
    auto list = Call("demo-officer-01", "GET", "/api/v1/schedule/feeds").Json();
    ASSERT_EQ(list["items"].size(), 1u);
    EXPECT_NE(list["items"][0]["last_used_at"], nullptr);
    EXPECT_EQ(list["items"][0]["prefix"], token.substr(0, 10));
    EXPECT_FALSE(list["items"][0].contains("token"));
    bool logged_feed = false;
    for (const auto& line : app().LogLines()) {
        EXPECT_THAT(line, Not(HasSubstr(token.substr(4)))) << line;
        logged_feed = logged_feed || line.find("/schedule/feed/***") != std::string::npos;
    }
    EXPECT_TRUE(logged_feed);
    auto audit = Call("demo-admin", "GET", "/api/v1/audit?entity=schedule_feed");
    ASSERT_EQ(audit.status, 200) << audit.Describe();
    EXPECT_THAT(audit.body, Not(HasSubstr(token.substr(4))));
    EXPECT_THAT(audit.body, HasSubstr(token.substr(0, 10)));
}

TEST_F(ScheduleHttp, ARevokedOrUnknownTokenAndADisabledUserGet404) {
    auto [id, token] = MakeFeed("demo-officer-01");
    ASSERT_EQ(Get("/schedule/feed/" + token + ".ics").status, 200);
    auto unknown = Get("/schedule/feed/nvf_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(Get("/schedule/feed/" + token).status, 404);  // without .ics
    EXPECT_EQ(Get("/schedule/feed/" + tokens_.at("demo-officer-01") + ".ics").status, 404);
    EXPECT_EQ(Get("/schedule/feed/.ics").status, 404);
    // Someone else cannot revoke it.
    EXPECT_EQ(Call("demo-officer-79", "POST",
                   "/api/v1/schedule/feeds/" + std::to_string(id) + "/revoke", "{}")
                  .status,
              404);
    auto revoked = Call("demo-officer-01", "POST",
                        "/api/v1/schedule/feeds/" + std::to_string(id) + "/revoke", "{}");
    EXPECT_EQ(revoked.status, 204) << revoked.Describe();
    auto gone = Get("/schedule/feed/" + token + ".ics");
    EXPECT_EQ(gone.status, 404);
    EXPECT_EQ(gone.body, unknown.body);  // the same answer for both
    EXPECT_EQ(gone.Header("Content-Type"), unknown.Header("Content-Type"));
    EXPECT_EQ(Call("demo-officer-01", "POST",
                   "/api/v1/schedule/feeds/" + std::to_string(id) + "/revoke", "{}")
                  .status,
              404);
    auto list = Call("demo-officer-01", "GET", "/api/v1/schedule/feeds").Json();
    EXPECT_EQ(list["items"][0]["active"], false);

    // A disabled user's feed stops working.
    auto [id2, token2] = MakeFeed("demo-officer-01");
    ASSERT_EQ(Get("/schedule/feed/" + token2 + ".ics").status, 200);
    {
        auto db = storage::Open(app().db_location());
        auto tx = db->Begin(storage::TxMode::kWrite);
        tx->Exec("UPDATE app_user SET disabled = 1 WHERE login = 'demo-officer-01'");
        tx->Commit();
        db->Close();
    }
    EXPECT_EQ(Get("/schedule/feed/" + token2 + ".ics").status, 404);
}

TEST_F(ScheduleHttp, FeedsAreMadeAndRevokedOnTheirPage) {
    auto empty = Call("demo-officer-79", "GET", "/schedule/feeds");
    ASSERT_EQ(empty.status, 200) << empty.Describe();
    EXPECT_THAT(empty.body, HasSubstr("Bạn chưa tạo đường dẫn lịch nào."));
    auto bad = Call("demo-officer-79", "POST", "/schedule/feeds",
                    "name=", {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(bad.status, 400) << bad.Describe();
    EXPECT_THAT(bad.body, HasSubstr("id=\"feed-error\""));
    auto made =
        Call("demo-officer-79", "POST", "/schedule/feeds", "name=L%E1%BB%8Bch+c%C3%B4ng+t%C3%A1c",
             {{"Content-Type", "application/x-www-form-urlencoded"}});
    ASSERT_EQ(made.status, 201) << made.Describe();
    auto start = made.body.find("<pre id=\"feed-url\">");
    ASSERT_NE(start, std::string::npos);
    start += std::string("<pre id=\"feed-url\">").size();
    std::string url = made.body.substr(start, made.body.find("</pre>", start) - start);
    EXPECT_TRUE(url.starts_with("http://127.0.0.1:")) << url;
    EXPECT_TRUE(url.ends_with(".ics")) << url;
    std::string path = url.substr(url.find("/schedule/feed/"));
    auto feed = Get(path);
    ASSERT_EQ(feed.status, 200) << feed.Describe();
    auto cal = office::ParseCalendar(feed.body);
    ASSERT_TRUE(cal);
    EXPECT_EQ(*cal->Property("X-WR-CALNAME"), "Lịch công tác: Lịch công tác");
    // Its page lists it (without the token) with a revoke button.
    auto list = Call("demo-officer-79", "GET", "/schedule/feeds");
    std::string token = path.substr(std::string("/schedule/feed/").size());
    token = token.substr(0, token.size() - 4);
    EXPECT_THAT(list.body, HasSubstr(token.substr(0, 10)));
    EXPECT_THAT(list.body, Not(HasSubstr(token)));
    auto feeds = Call("demo-officer-79", "GET", "/api/v1/schedule/feeds").Json();
    std::int64_t id = feeds["items"][0]["id"];
    auto revoked =
        Call("demo-officer-79", "POST", "/schedule/feeds/" + std::to_string(id) + "/revoke", "a=1",
             {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(revoked.status, 303) << revoked.Describe();
    EXPECT_EQ(revoked.Header("Location"), "/schedule/feeds?revoked=1");
    EXPECT_EQ(Get(path).status, 404);
    // The API refuses a nameless feed, naming the field.
    auto nameless = Call("demo-officer-79", "POST", "/api/v1/schedule/feeds", R"({"name": " "})");
    EXPECT_EQ(nameless.status, 400);
    EXPECT_EQ(nameless.Json()["error"]["field"], "name");
    auto not_json = Call("demo-officer-79", "POST", "/api/v1/schedule/feeds", "{",
                         {{"Content-Type", "application/json"}});
    EXPECT_EQ(not_json.status, 400);
    EXPECT_EQ(not_json.Json()["error"]["field"], "body");
}

}  // namespace
}  // namespace ngoaivu::testing
