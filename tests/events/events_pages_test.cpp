// The events pages over real HTTP, on each backend, signed in with a session as a browser is:
// every page renders (in both languages, without template source or a missing catalog text),
// the form keeps what was typed and names each field's problem, a stale edit shows the other
// person's change, the step forms record the Decision 06/2020 workflow (who decides and why, the
// late request, consultations, the provincial leader's permission) and refuse a missing CSRF
// token, the 400/403/404 pages, the due list, the yearly report, and the 21st National
// Conference on Local Foreign Affairs of the demo data read as DOMAIN.md tells it.
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/demo.hpp"
#include "http/request.hpp"
#include "modules/audit/audit_repository.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/calendar/calendar_repository.hpp"
#include "modules/calendar/calendar_service.hpp"
#include "modules/events/event_demo.hpp"
#include "modules/events/event_repository.hpp"
#include "modules/events/event_service.hpp"
#include "storage/database.hpp"
#include "support/matchers.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr const char* kForm = "application/x-www-form-urlencoded";
using Fields = std::vector<std::pair<std::string, std::string>>;

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

// The number of times `needle` occurs in `haystack`.
int Occurrences(const std::string& haystack, const std::string& needle) {
    int n = 0;
    for (auto p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1))
        ++n;
    return n;
}

// A rendered page: HTML in the request's language, no template source, no missing catalog text.
MATCHER(IsCleanPage, "is a complete page without template source or missing texts") {
    const HttpResponse& res = arg;
    if (res.body.find("<html") == std::string::npos) {
        *result_listener << "no <html>: " << res.Describe();
        return false;
    }
    if (res.body.find("{{") != std::string::npos || res.body.find("}}") != std::string::npos) {
        *result_listener << "template source at "
                         << res.body.substr(res.body.find("{{") == std::string::npos
                                                ? res.body.find("}}")
                                                : res.body.find("{{"),
                                            80);
        return false;
    }
    if (res.body.find("??") != std::string::npos) {
        *result_listener << "a missing catalog text (\"?\?\") near "
                         << res.body.substr(res.body.find("??") > 80 ? res.body.find("??") - 80 : 0,
                                            160);
        return false;
    }
    return true;
}

class EventsPages : public AppTest {
 protected:
    void SetUp() override {
        AppTest::SetUp();
        tokens_ = AddDemoAccounts(app().db_location(),
                                  {"demo-officer-01", "demo-leader-01", "demo-officer-79",
                                   "demo-mofa", "demo-mofa-viewer", "demo-viewer"});
    }

    // Signs in through the form; the session's Cookie header and its CSRF token.
    struct Session {
        HeaderList headers;
        std::string csrf;
    };
    Session SignIn(const std::string& login, const std::string& lang = "vi") {
        auto form = Get("/login");
        std::string csrf = SetCookie(form, "nv_csrf");
        auto res =
            Post("/login",
                 FormBody({{"_csrf", csrf}, {"login", login}, {"password", app::kDemoPassword}}),
                 kForm, {{"Cookie", "nv_csrf=" + csrf}});
        EXPECT_EQ(res.status, 303) << res.Describe();
        HeaderList headers = {
            {"Cookie", "nv_session=" + SetCookie(res, "nv_session") + "; lang=" + lang}};
        auto page = Get("/events", headers);
        std::string token = Match(page.body, "name=\"_csrf\" value=\"([^\"]+)\"");
        EXPECT_FALSE(token.empty()) << page.Describe();
        return {headers, token};
    }

    HttpResponse Api(const std::string& who, const std::string& method, const std::string& target,
                     const json& body = nullptr) {
        HeaderList headers{{"Authorization", "Bearer " + tokens_.at(who)}};
        if (!body.is_null())
            headers.emplace_back("Content-Type", "application/json");
        HttpClient client = app().Client();
        return client.Request(method, target, headers, body.is_null() ? "" : body.dump());
    }

    // A form post with the session's token (unless `with_csrf` is false).
    HttpResponse Send(const Session& s, const std::string& target, Fields fields,
                      bool with_csrf = true) {
        if (with_csrf)
            fields.emplace_back("_csrf", s.csrf);
        return Post(target, FormBody(fields), kForm, s.headers);
    }

    // An international conference in Hà Nội (by today's boundaries) through the API; the
    // provincial chairman permits it unless `rank` is ministerial.
    std::int64_t CreateConference(const std::string& starts, const std::string& ends,
                                  const std::string& rank = "ambassador") {
        json body = {{"title_vi", "Hội thảo quốc tế về du lịch bền vững"},
                     {"title_en", "International seminar on sustainable tourism"},
                     {"type", "international_conference"},
                     {"theme", "Du lịch xanh"},
                     {"starts_on", starts},
                     {"ends_on", ends},
                     {"venue", "Trung tâm Hội nghị Quốc gia"},
                     {"admin_unit_ids", {2001}},
                     {"organisers", {"Ủy ban nhân dân Thành phố Hà Nội"}},
                     {"countries", {"KR", "JP"}},
                     {"participants",
                      {{"vietnamese", 120}, {"foreign", 30}, {"highest_foreign_rank", rank}}},
                     {"sessions",
                      {{{"title", "Phiên khai mạc"},
                        {"day", starts},
                        {"starts_at", "08:30"},
                        {"ends_at", "10:00"},
                        {"chairs", {"Chủ tịch UBND Thành phố Hà Nội"}},
                        {"speakers", {"Đại sứ Hàn Quốc"}}}}},
                     {"planned_on", "2025-07-01"}};
        auto res = Api("demo-officer-01", "POST", "/api/v1/events", body);
        EXPECT_EQ(res.status, 201) << res.Describe();
        return res.Json().value("id", std::int64_t{0});
    }

    json Event(std::int64_t id) {
        auto res = Api("demo-mofa", "GET", "/api/v1/events/" + std::to_string(id));
        EXPECT_EQ(res.status, 200) << res.Describe();
        return res.Json();
    }

    std::int64_t Total(const std::string& query = "") {
        auto res = Api("demo-mofa", "GET", "/api/v1/events" + query);
        EXPECT_EQ(res.status, 200) << res.Describe();
        return res.Json().value("total", std::int64_t{-1});
    }

    // The demo events (`ngoaivu demo`): the national conferences and 100 provincial events.
    void AddDemoEvents() {
        auto db = storage::Open(app().db_location());
        {
            audit::SqlAuditRepository audit_repo;
            audit::AuditService audit(*db, audit_repo, app().clock());
            calendar::SqlCalendarRepository calendar_repo;
            calendar::CalendarService calendar(*db, calendar_repo, audit, app().clock());
            events::SqlEventRepository repo;
            events::EventService service(*db, repo, audit, app().clock(),
                                         [&calendar] { return calendar.Calendar(); });
            auto added = events::AddDemoEvents(service, 1, 1);
            ASSERT_TRUE(added) << added.error().message_en;
            EXPECT_GT(*added, 100);
        }
        db->Close();
    }

    std::int64_t FindNational(const std::string& title) {
        auto res =
            Api("demo-viewer", "GET", "/api/v1/events?national=1&q=" + http::PercentEncode(title));
        EXPECT_EQ(res.status, 200) << res.Describe();
        const json body = res.Json();
        for (const auto& e : body["items"]) {
            if (e["title_vi"] == title)
                return e["id"].get<std::int64_t>();
        }
        ADD_FAILURE() << "no national event " << title << ": " << res.body.substr(0, 300);
        return 0;
    }

    std::map<std::string, std::string> tokens_;
};

// The fields of a valid form: a seminar in Hà Nội with one session, one award and a press link.
Fields ValidForm() {
    return {{"title_vi", "Diễn đàn hợp tác địa phương Việt Nam – Hàn Quốc"},
            {"title_en", "Viet Nam – Korea local cooperation forum"},
            {"type", "international_conference"},
            {"theme", "Kết nối đầu tư xanh"},
            {"starts_on", "21/08/2025"},
            {"ends_on", "22/08/2025"},
            {"format", "in_person"},
            {"venue", "Khách sạn Melia Hà Nội"},
            {"bp_name", ""},
            {"bp_unit", ""},
            {"organisers", "Ủy ban nhân dân Thành phố Hà Nội\nSở Ngoại vụ Hà Nội"},
            {"admin_unit_id", "2001"},
            {"countries", "kr, JP"},
            {"funding", "Ngân sách thành phố"},
            {"participants_vietnamese", "150"},
            {"participants_foreign", "40"},
            {"participants_highest_foreign_rank", "minister_or_higher"},
            {"participants_delegates_in_person", "190"},
            {"s_title", "Phiên khai mạc"},
            {"s_day", "21/08/2025"},
            {"s_starts_at", "08:30"},
            {"s_ends_at", "11:30"},
            {"s_chairs", "Chủ tịch UBND Thành phố Hà Nội"},
            {"s_speakers", "Bộ trưởng Bộ Nội vụ và An toàn Hàn Quốc; Đại sứ Hàn Quốc"},
            {"s_title", ""},
            {"s_day", ""},
            {"s_starts_at", ""},
            {"s_ends_at", ""},
            {"s_chairs", ""},
            {"s_speakers", ""},
            {"a_kind", "certificate_of_merit_minister"},
            {"a_recipient", "Sở Ngoại vụ Hà Nội"},
            {"a_recipient_kind", "organisation"},
            {"a_unit", "2001"},
            {"a_note", ""},
            {"l_title", "Hà Nội tổ chức diễn đàn hợp tác với Hàn Quốc"},
            {"l_url", "https://baoquocte.vn/ha-noi-han-quoc"},
            {"l_outlet", "Báo Quốc tế"},
            {"l_published_on", "01/08/2025"},
            {"note", "Dự kiến Bộ trưởng Hàn Quốc dự khai mạc."}};
}

void Set(Fields& fields, const std::string& name, const std::string& value) {
    for (auto& [k, v] : fields) {
        if (k == name) {
            v = value;
            return;
        }
    }
    fields.emplace_back(name, value);
}

TEST_F(EventsPages, EveryPageRendersInBothLanguages) {
    AddDemoEvents();
    std::int64_t id = CreateConference("2025-09-15", "2025-09-16");
    std::int64_t c21 = FindNational("Hội nghị Ngoại vụ toàn quốc lần thứ 21");
    const std::string e = std::to_string(id);
    const std::vector<std::string> targets = {
        "/events",
        "/events?national=1",
        "/events?type=international_conference&status=planned&year=2025&sort=title",
        "/events?province=1001&sort=province&page=2&per_page=10",
        "/events?country=KR&overdue=1&sort=due",
        "/events?q=" + http::PercentEncode("du lịch") + "&national=0&sort=updated",
        "/events/new",
        "/events/" + e,
        "/events/" + e + "/edit",
        "/events/" + std::to_string(c21),
        "/events/" + std::to_string(c21) + "/edit",
        "/events/due",
        "/events/due?within_days=0&province=2001",
        "/events/report",
        "/events/report?province=2001&year=2025",
        "/events/report?province=2001&year=2024",
        "/events/import",
    };
    for (const std::string lang : {"vi", "en"}) {
        auto s = SignIn("demo-mofa", lang);
        for (const auto& target : targets) {
            auto res = Get(target, s.headers);
            EXPECT_EQ(res.status, 200) << lang << " " << target << ": " << res.Describe();
            EXPECT_THAT(res, IsCleanPage()) << lang << " " << target;
            EXPECT_THAT(res.body, HasSubstr("<html lang=\"" + lang + "\""));
            EXPECT_THAT(res.body, HasSubstr("id=\"nav-events\" aria-current=\"page\"")) << target;
            EXPECT_THAT(res, HasHeader("Content-Security-Policy", HasSubstr("script-src 'self'")));
        }
    }
    auto s = SignIn("demo-mofa");
    // The list: the filters and sort links keep each other, the export keeps the filters.
    auto list = Get("/events?type=international_conference&country=KR", s.headers);
    EXPECT_THAT(list.body, HasSubstr("href=\"/api/v1/events/export?type=international_conference"
                                     "&amp;country=KR&amp;format=xlsx&amp;lang=vi\""));
    EXPECT_THAT(list.body, HasSubstr("id=\"sort-title\""));
    EXPECT_THAT(list.body, HasSubstr("sort=title"));
    EXPECT_THAT(list.body, HasSubstr("Hội thảo quốc tế về du lịch bền vững"));
    auto national = Get("/events?national=1", s.headers);
    EXPECT_THAT(national.body, HasSubstr("Hội nghị Ngoại vụ toàn quốc lần thứ 21"));
    EXPECT_THAT(national.body, HasSubstr("Hội nghị Ngoại giao lần thứ 32"));
    EXPECT_THAT(national.body, HasSubstr("Toàn quốc (cấp trung ương)"));
    EXPECT_THAT(national.body, Not(HasSubstr(">Hội thảo quốc tế về du lịch bền vững<")));
    // Both generations of provinces are offered in the filter.
    EXPECT_THAT(list.body, HasSubstr("Thành phố Hà Nội (đến 30/06/2025)"));
    // The pager of the demo data.
    auto paged = Get("/events?per_page=10", s.headers);
    EXPECT_THAT(paged.body, HasSubstr("rel=\"next\""));
    EXPECT_EQ(Occurrences(paged.body, "<tr data-id="), 10);
    // The import template downloads, in the export's columns.
    auto xlsx = Get("/events/import/template", s.headers);
    EXPECT_EQ(xlsx.status, 200) << xlsx.Describe();
    EXPECT_TRUE(xlsx.body.starts_with("PK"));
    auto csv = Get("/events/import/template?format=csv", s.headers);
    EXPECT_EQ(csv.status, 200);
    EXPECT_THAT(csv, HasHeader("Content-Type", StartsWith("text/csv")));
    EXPECT_THAT(csv.body, HasSubstr("Tên sự kiện"));
    EXPECT_EQ(Get("/events/import/template?format=pdf", s.headers).status, 400);
}

TEST_F(EventsPages, TheTwentyFirstNationalConferenceReadsAsItHappened) {
    AddDemoEvents();
    std::int64_t id = FindNational("Hội nghị Ngoại vụ toàn quốc lần thứ 21");
    ASSERT_GT(id, 0);
    auto s = SignIn("demo-viewer");
    auto page = Get("/events/" + std::to_string(id), s.headers);
    ASSERT_EQ(page.status, 200) << page.Describe();
    EXPECT_THAT(page, IsCleanPage());
    const std::string& b = page.body;
    EXPECT_THAT(b, HasSubstr("<h1 id=\"event-title\">Hội nghị Ngoại vụ toàn quốc lần thứ 21</h1>"));
    EXPECT_THAT(b, HasSubstr("21st National Conference on Local Foreign Affairs"));
    EXPECT_THAT(b, HasSubstr("<dd id=\"event-dates\">18/12/2023</dd>"));
    EXPECT_THAT(b, HasSubstr("Phát huy vai trò tiên phong của đối ngoại phục vụ phát triển bền "
                             "vững của các địa phương"));
    EXPECT_THAT(b, HasSubstr("<dd id=\"event-venue\">Hà Nội</dd>"));
    EXPECT_THAT(b, HasSubstr("Toàn quốc (cấp trung ương)"));
    EXPECT_THAT(b, HasSubstr("<dd id=\"p-in-person\">300</dd>"));
    EXPECT_THAT(b, HasSubstr("Phiên thảo luận buổi sáng thứ nhất"));
    EXPECT_THAT(b, HasSubstr("Phiên buổi chiều: thu hút đầu tư chất lượng cao"));
    EXPECT_EQ(Occurrences(b, "<tr><td>18/12/2023</td><td></td><td>Phiên"), 3);  // the sessions
    EXPECT_THAT(b, HasSubstr("Kỷ niệm chương “Vì sự nghiệp ngoại giao”"));
    EXPECT_THAT(b, HasSubstr("Lãnh đạo các tỉnh, thành phố"));
    EXPECT_THAT(b, HasSubstr("Bằng khen của Bộ trưởng Bộ Ngoại giao"));
    EXPECT_THAT(b, HasSubstr("Lãnh đạo các Sở Ngoại vụ"));
    EXPECT_THAT(b,
                HasSubstr("href=\"https://en.sggp.org.vn/"
                          "21st-national-conference-on-foreign-affairs-opens-post107051.html\""));
    EXPECT_THAT(b, HasSubstr("<dd id=\"event-ordinal\">21</dd>"));
    EXPECT_THAT(b, HasSubstr("data-status=\"held\""));
    EXPECT_THAT(b, HasSubstr(">Đã tổ chức<"));
    // Not an international conference: no permission under Decision 06, and the page says why.
    EXPECT_THAT(b, HasSubstr("data-decider=\"none\""));
    EXPECT_THAT(b, HasSubstr("Không thuộc diện xin phép theo Quyết định 06/2020/QĐ-TTg"));
    EXPECT_THAT(b, HasSubstr("<li data-code=\"not_conference\">"));
    EXPECT_THAT(b, HasSubstr("/attachments/event/" + std::to_string(id)));
    // A viewer takes no step and edits nothing.
    EXPECT_THAT(b, Not(HasSubstr("class=\"stack step-form\"")));
    EXPECT_THAT(b, Not(HasSubstr("id=\"edit-link\"")));

    auto en = SignIn("demo-viewer", "en");
    auto english = Get("/events/" + std::to_string(id), en.headers);
    EXPECT_THAT(english, IsCleanPage());
    EXPECT_THAT(english.body, HasSubstr("Medal “For the cause of diplomacy”"));
    EXPECT_THAT(english.body, HasSubstr("National (central level)"));
    EXPECT_THAT(english.body, HasSubstr("18/12/2023"));

    // The 32nd Diplomatic Conference holds it as its first session, with a bridge point.
    std::int64_t d32 = FindNational("Hội nghị Ngoại giao lần thứ 32");
    auto p32 = Get("/events/" + std::to_string(d32), s.headers);
    EXPECT_THAT(p32.body, HasSubstr("18/12/2023 – 21/12/2023"));
    EXPECT_THAT(p32.body, HasSubstr("<td>Hội nghị Ngoại vụ toàn quốc lần thứ 21</td>"));
    EXPECT_THAT(p32.body, HasSubstr("Điểm cầu Đắk Lắk"));
    EXPECT_THAT(p32.body, HasSubstr("<td>Thủ tướng Chính phủ</td>"));
}

TEST_F(EventsPages, TheFormKeepsWhatWasTypedAndNamesEachFieldsProblem) {
    auto s = SignIn("demo-officer-01");
    auto form = Get("/events/new", s.headers);
    ASSERT_EQ(form.status, 200);
    EXPECT_THAT(form.body, HasSubstr("name=\"_csrf\" value=\"" + s.csrf + "\""));
    EXPECT_THAT(form.body, HasSubstr("/static/js/events_form.js"));

    // What cannot be read (a date, a number) and what the rules refuse, all at once.
    Fields bad = ValidForm();
    Set(bad, "title_vi", "   ");
    Set(bad, "starts_on", "31/02/2025");
    Set(bad, "participants_foreign", "nhiều");
    Set(bad, "countries", "KR, ZZ9");
    Set(bad, "l_url", "ftp://baoquocte.vn/x");
    bad[19].second = "ngày mai";  // the first session's day
    auto refused = Send(s, "/events", bad);
    EXPECT_EQ(refused.status, 400) << refused.Describe();
    EXPECT_THAT(refused, IsCleanPage());
    EXPECT_THAT(refused.body, HasSubstr("id=\"event-error\""));
    EXPECT_THAT(refused.body, HasSubstr("id=\"error-title-vi\""));
    EXPECT_THAT(refused.body, HasSubstr("id=\"error-starts-on\""));
    EXPECT_THAT(refused.body, HasSubstr("31/02/2025&quot; không phải ngày"));
    EXPECT_THAT(refused.body, HasSubstr("id=\"error-participants-foreign\""));
    EXPECT_THAT(refused.body, HasSubstr("id=\"error-countries\""));
    EXPECT_EQ(Occurrences(refused.body, "class=\"field-error row-error\""), 2);  // session, press
    EXPECT_THAT(refused.body, HasSubstr("ngày mai&quot; không phải ngày"));
    // Everything typed is still there.
    EXPECT_THAT(refused.body, HasSubstr("value=\"31/02/2025\""));
    EXPECT_THAT(refused.body, HasSubstr("value=\"nhiều\""));
    EXPECT_THAT(refused.body, HasSubstr("value=\"KR, ZZ9\""));
    EXPECT_THAT(refused.body, HasSubstr("value=\"Phiên khai mạc\""));
    EXPECT_THAT(refused.body, HasSubstr("value=\"ngày mai\""));
    EXPECT_THAT(refused.body,
                HasSubstr("value=\"Bộ trưởng Bộ Nội vụ và An toàn Hàn Quốc; Đại sứ Hàn Quốc\""));
    EXPECT_THAT(refused.body, HasSubstr("value=\"ftp://baoquocte.vn/x\""));
    EXPECT_THAT(refused.body, HasSubstr("value=\"Sở Ngoại vụ Hà Nội\""));
    EXPECT_THAT(refused.body, HasSubstr(">Ủy ban nhân dân Thành phố Hà Nội\nSở Ngoại vụ Hà Nội<"));
    EXPECT_THAT(refused.body, HasSubstr("<option value=\"2001\" selected>Thành phố Hà Nội<"));
    EXPECT_THAT(refused.body,
                HasSubstr("<option value=\"minister_or_higher\" selected>Cấp Bộ trưởng"));
    EXPECT_THAT(refused.body,
                HasSubstr("<option value=\"certificate_of_merit_minister\" selected>"));
    EXPECT_EQ(Total(), 0);

    // The rules' problems in English, next to their fields.
    auto en = SignIn("demo-officer-01", "en");
    Fields wrong = ValidForm();
    Set(wrong, "ends_on", "20/08/2025");                      // before the first day
    Set(wrong, "participants_highest_foreign_rank", "none");  // 40 foreigners, no rank
    Set(wrong, "national", "1");                              // and a province
    auto refused_en = Send(en, "/events", wrong);
    EXPECT_EQ(refused_en.status, 400) << refused_en.Describe();
    EXPECT_THAT(refused_en, IsCleanPage());
    EXPECT_THAT(refused_en.body, HasSubstr("id=\"error-ends-on\""));
    EXPECT_THAT(refused_en.body, HasSubstr("id=\"error-participants-highest-foreign-rank\""));
    EXPECT_THAT(refused_en.body, HasSubstr("id=\"error-admin-unit-ids\""));
    EXPECT_THAT(refused_en.body, HasSubstr("choose the highest foreign rank"));
    EXPECT_THAT(refused_en.body, HasSubstr("value=\"1\" checked id=\"f-national\""));
    EXPECT_EQ(Total(), 0);

    // Outside the officer's province: the service refuses (403), the form stays.
    Fields elsewhere = ValidForm();
    Set(elsewhere, "admin_unit_id", "2079");  // Thành phố Hồ Chí Minh
    auto other = Send(s, "/events", elsewhere);
    EXPECT_EQ(other.status, 403) << other.Describe();
    EXPECT_THAT(other.body, HasSubstr("value=\"Diễn đàn hợp tác địa phương Việt Nam – Hàn Quốc\""));
    EXPECT_EQ(Total(), 0);

    // A good form creates the event and goes to its page.
    auto created = Send(s, "/events", ValidForm());
    ASSERT_EQ(created.status, 303) << created.Describe();
    std::string location = created.Header("Location").value_or("");
    ASSERT_THAT(location, StartsWith("/events/"));
    json e = Event(std::stoll(location.substr(8)));
    EXPECT_EQ(e["title_vi"], "Diễn đàn hợp tác địa phương Việt Nam – Hàn Quốc");
    EXPECT_EQ(e["starts_on"], "2025-08-21");
    EXPECT_EQ(e["countries"], json({"KR", "JP"}));
    EXPECT_EQ(e["organisers"].size(), 2u);
    EXPECT_EQ(e["participants"]["foreign"], 40);
    EXPECT_EQ(e["participants"]["delegates_in_person"], 190);
    ASSERT_EQ(e["sessions"].size(), 1u);  // the empty row is not a session
    EXPECT_EQ(e["sessions"][0]["speakers"].size(), 2u);
    EXPECT_EQ(e["sessions"][0]["starts_at"], "08:30");
    ASSERT_EQ(e["awards"].size(), 1u);
    EXPECT_EQ(e["awards"][0]["recipient_unit_id"], 2001);
    ASSERT_EQ(e["press_links"].size(), 1u);
    EXPECT_EQ(e["press_links"][0]["published_on"], "2025-08-01");
    EXPECT_EQ(e["decider"], "prime_minister");

    // Without the CSRF token nothing is created.
    auto no_csrf = Send(s, "/events", ValidForm(), false);
    EXPECT_EQ(no_csrf.status, 403);
    EXPECT_EQ(Total(), 1);
}

TEST_F(EventsPages, TheRecordSaysWhoDecidesWhyAndWarnsOfALateRequest) {
    auto s = SignIn("demo-officer-01");
    auto created = Send(s, "/events", ValidForm());
    ASSERT_EQ(created.status, 303) << created.Describe();
    const std::string href = created.Header("Location").value_or("");
    auto page = Get(href, s.headers);
    ASSERT_EQ(page.status, 200);
    EXPECT_THAT(page, IsCleanPage());
    const std::string& b = page.body;
    EXPECT_THAT(b, HasSubstr("data-decider=\"prime_minister\">Thủ tướng Chính phủ</strong>"));
    EXPECT_THAT(b, HasSubstr("<li data-code=\"foreign_rank\">Khách nước ngoài cao nhất ở cấp"));
    EXPECT_THAT(b, HasSubstr("Thủ tướng Chính phủ cho phép tổ chức."));
    // 21/08 less 40 days is 12/07: today (01/08) is 20 days too late.
    EXPECT_THAT(b, HasSubstr("id=\"lead-days\""));
    EXPECT_THAT(b, HasSubstr("40 ngày, tức chậm nhất ngày 12/07/2025"));
    EXPECT_THAT(b, HasSubstr("id=\"late-warning\""));
    EXPECT_THAT(b, HasSubstr("Nếu gửi đề nghị hôm nay:"));
    EXPECT_THAT(b, HasSubstr("chậm 20 ngày"));
    EXPECT_THAT(b, HasSubstr("<dd id=\"event-countries\">KR, JP</dd>"));
    EXPECT_THAT(b, HasSubstr("<td>08:30–11:30</td>"));
    EXPECT_THAT(b, HasSubstr("Bằng khen của Bộ trưởng Bộ Ngoại giao"));
    // The steps an officer may take on a planned conference.
    EXPECT_THAT(b, HasSubstr("id=\"step-request_approval\""));
    EXPECT_THAT(b, HasSubstr("id=\"step-cancel\""));
    EXPECT_THAT(b, Not(HasSubstr("id=\"step-approve\"")));
    EXPECT_THAT(b, Not(HasSubstr("id=\"step-mark_held\"")));
    EXPECT_THAT(b, HasSubstr("id=\"edit-link\""));

    // In English.
    auto en = SignIn("demo-officer-01", "en");
    auto english = Get(href, en.headers);
    EXPECT_THAT(english, IsCleanPage());
    EXPECT_THAT(english.body, HasSubstr(">The Prime Minister</strong>"));
    EXPECT_THAT(english.body, HasSubstr("If the request is sent today:"));
    EXPECT_THAT(english.body, HasSubstr("20 days late"));
}

TEST_F(EventsPages, StepFormsTakeAConferenceThroughItsWorkflow) {
    auto officer = SignIn("demo-officer-01");
    auto created = Send(officer, "/events", ValidForm());
    ASSERT_EQ(created.status, 303) << created.Describe();
    const std::string href = created.Header("Location").value_or("");
    const std::int64_t id = std::stoll(href.substr(8));
    const std::string steps = href + "/steps";
    auto version = [&] { return std::to_string(Event(id)["version"].get<std::int64_t>()); };

    // Without the CSRF token: refused, nothing recorded.
    auto no_csrf = Send(
        officer, steps,
        {{"action", "request_approval"}, {"date", "01/08/2025"}, {"version", version()}}, false);
    EXPECT_EQ(no_csrf.status, 403) << no_csrf.Describe();
    EXPECT_EQ(Event(id)["status"], "planned");

    // A date that is not one: the step's form shows the problem, with what was typed.
    auto bad = Send(officer, steps,
                    {{"action", "request_approval"}, {"date", "hôm qua"}, {"version", version()}});
    EXPECT_EQ(bad.status, 400) << bad.Describe();
    EXPECT_THAT(bad, IsCleanPage());
    EXPECT_THAT(bad.body, HasSubstr("id=\"step-error\""));
    EXPECT_THAT(bad.body, HasSubstr("value=\"hôm qua\""));
    // In the future: refused by the rules.
    auto future =
        Send(officer, steps,
             {{"action", "request_approval"}, {"date", "02/08/2025"}, {"version", version()}});
    EXPECT_EQ(future.status, 400) << future.Describe();
    EXPECT_THAT(future.body, HasSubstr("id=\"step-error\""));
    EXPECT_EQ(Event(id)["status"], "planned");

    // The request: late, and the page says so as received.
    auto requested =
        Send(officer, steps,
             {{"action", "request_approval"}, {"date", "01/08/2025"}, {"version", version()}});
    ASSERT_EQ(requested.Header("Location").value_or(requested.Describe()), href);
    auto page = Get(href, officer.headers);
    EXPECT_THAT(page.body, HasSubstr("data-status=\"requested\""));
    EXPECT_THAT(page.body, HasSubstr("Đề nghị chậm:"));
    EXPECT_THAT(page.body, HasSubstr("<dd id=\"event-requested-on\">01/08/2025</dd>"));
    EXPECT_THAT(page.body, HasSubstr("id=\"step-open_consultations\""));
    EXPECT_THAT(page.body, HasSubstr("id=\"pm-bodies-hint\""));
    EXPECT_THAT(page.body, Not(HasSubstr("id=\"step-approve\"")));

    // Consultations: MOFA and the Ministry of Public Security are added, due 15 days later
    // (Saturday 16/08 → Monday 18/08).
    auto consulting = Send(officer, steps,
                           {{"action", "open_consultations"},
                            {"date", "01/08/2025"},
                            {"bodies", "Công an Thành phố Hà Nội"},
                            {"version", version()}});
    ASSERT_EQ(consulting.Header("Location").value_or(consulting.Describe()), href);
    page = Get(href, officer.headers);
    EXPECT_THAT(page.body, HasSubstr("data-status=\"consulting\""));
    EXPECT_THAT(page.body, HasSubstr("<td>Bộ Ngoại giao</td>"));
    EXPECT_THAT(page.body, HasSubstr("<td>Bộ Công an</td>"));
    EXPECT_THAT(page.body, HasSubstr("<td>Công an Thành phố Hà Nội</td>"));
    EXPECT_EQ(Occurrences(page.body, "<td>18/08/2025</td>"), 3);
    EXPECT_THAT(page.body, HasSubstr("<dd id=\"event-consultation-due\">18/08/2025</dd>"));
    EXPECT_THAT(page.body, HasSubstr("id=\"step-record_reply\""));
    EXPECT_THAT(page.body, HasSubstr("<option value=\"Bộ Công an\" >Bộ Công an (18/08/2025)"));

    // A reply; a body that was not consulted is refused.
    auto unknown = Send(officer, steps,
                        {{"action", "record_reply"},
                         {"date", "01/08/2025"},
                         {"body", "Bộ Quốc phòng"},
                         {"outcome", "agree"},
                         {"version", version()}});
    EXPECT_EQ(unknown.status, 400) << unknown.Describe();
    EXPECT_THAT(unknown.body, HasSubstr("Bộ Quốc phòng"));
    auto replied = Send(officer, steps,
                        {{"action", "record_reply"},
                         {"date", "01/08/2025"},
                         {"body", "Bộ Ngoại giao"},
                         {"outcome", "agree"},
                         {"note", "Công văn số 12/BNG-NG"},
                         {"version", version()}});
    ASSERT_EQ(replied.Header("Location").value_or(replied.Describe()), href);
    page = Get(href, officer.headers);
    EXPECT_THAT(page.body, HasSubstr("Đồng ý: Công văn số 12/BNG-NG"));

    // A stale version: the step is refused with the conflict, nothing recorded.
    auto stale =
        Send(officer, steps, {{"action", "cancel"}, {"date", "01/08/2025"}, {"version", "1"}});
    EXPECT_EQ(stale.status, 409) << stale.Describe();
    EXPECT_THAT(stale.body, HasSubstr("người khác sửa"));
    EXPECT_EQ(Event(id)["status"], "consulting");

    // An officer may not record the permission; the leader of Hà Nội may, once submitted to the
    // Prime Minister (the decision is his, recorded by the province).
    auto early = Send(officer, steps,
                      {{"action", "approve"},
                       {"date", "01/08/2025"},
                       {"decision_ref", "Văn bản số 1/TTg-QHQT"},
                       {"version", version()}});
    EXPECT_EQ(early.status, 403) << early.Describe();
    EXPECT_THAT(early.body, HasSubstr("id=\"event-error\""));  // not a step it is offered
    EXPECT_THAT(early.body, HasSubstr("Chỉ lãnh đạo tỉnh"));

    auto leader = SignIn("demo-leader-01");
    page = Get(href, leader.headers);
    EXPECT_THAT(page.body, HasSubstr("id=\"step-submit_pm\""));
    EXPECT_THAT(page.body, HasSubstr("id=\"step-reject\""));
    EXPECT_THAT(page.body, Not(HasSubstr("id=\"step-approve\"")));  // the PM's, after submitting
    // 19/08: the period of the opinions still awaited is over.
    app().clock().Advance(std::chrono::hours(24 * 18));
    leader = SignIn("demo-leader-01");  // the sessions of 01/08 have expired
    officer = SignIn("demo-officer-01");
    auto submitted = Send(
        leader, steps, {{"action", "submit_pm"}, {"date", "19/08/2025"}, {"version", version()}});
    ASSERT_EQ(submitted.Header("Location").value_or(submitted.Describe()), href);
    page = Get(href, leader.headers);
    EXPECT_THAT(page.body, HasSubstr("data-status=\"submitted_pm\""));
    EXPECT_THAT(page.body, HasSubstr("id=\"step-approve\""));
    auto approved = Send(leader, steps,
                         {{"action", "approve"},
                          {"date", "19/08/2025"},
                          {"decision_ref", "Văn bản số 1234/TTg-QHQT"},
                          {"version", version()}});
    ASSERT_EQ(approved.Header("Location").value_or(approved.Describe()), href);
    page = Get(href, officer.headers);
    EXPECT_THAT(page.body, HasSubstr("data-status=\"approved\""));
    EXPECT_THAT(page.body,
                HasSubstr("<dd id=\"event-decision\">Văn bản số 1234/TTg-QHQT (19/08/2025)</dd>"));
    EXPECT_THAT(page.body, HasSubstr("id=\"step-mark_held\""));

    // Held on its last day; the result report is due 15 days later (Saturday 06/09 → Monday
    // 08/09), then overdue in red.
    app().clock().Advance(std::chrono::hours(24 * 3));  // 22/08
    officer = SignIn("demo-officer-01");
    auto held = Send(officer, steps,
                     {{"action", "mark_held"}, {"date", "22/08/2025"}, {"version", version()}});
    ASSERT_EQ(held.Header("Location").value_or(held.Describe()), href);
    page = Get(href, officer.headers);
    EXPECT_THAT(page.body, HasSubstr("<dd id=\"event-report-due\">08/09/2025</dd>"));
    EXPECT_THAT(page.body, HasSubstr("id=\"step-submit_report\""));
    app().clock().Advance(std::chrono::hours(24 * 20));  // 11/09
    officer = SignIn("demo-officer-01");
    page = Get(href, officer.headers);
    EXPECT_THAT(page.body, HasSubstr("id=\"report-overdue\">08/09/2025 (quá hạn)"));
    auto list = Get("/events?overdue=1", officer.headers);
    EXPECT_THAT(list.body, HasSubstr("<tr data-id=\"" + std::to_string(id) +
                                     "\" data-status=\"held\" class=\"overdue\">"));
    auto due = Get("/events/due?province=2001&within_days=0", officer.headers);
    EXPECT_THAT(due, IsCleanPage());
    EXPECT_THAT(due.body, HasSubstr("<strong class=\"overdue-text\">08/09/2025 (quá hạn)"));
    EXPECT_THAT(due.body, HasSubstr("Báo cáo kết quả tổ chức (Mẫu 02)"));
    auto reported = Send(officer, steps,
                         {{"action", "submit_report"},
                          {"date", "11/09/2025"},
                          {"note", "Báo cáo số 77/BC-UBND"},
                          {"version", version()}});
    ASSERT_EQ(reported.Header("Location").value_or(reported.Describe()), href);
    page = Get(href, officer.headers);
    EXPECT_THAT(page.body, HasSubstr("data-status=\"reported\""));
    EXPECT_THAT(page.body, Not(HasSubstr("class=\"stack step-form\"")));
    EXPECT_EQ(Occurrences(page.body, "<tr><td>"), 1 /*session*/ + 1 /*award*/ + 8 /*history*/);

    // The yearly report of Hà Nội lists it, permitted by the Prime Minister, reported.
    auto report = Get("/events/report?province=2001&year=2025", officer.headers);
    ASSERT_EQ(report.status, 200) << report.Describe();
    EXPECT_THAT(report, IsCleanPage());
    EXPECT_THAT(report.body, HasSubstr("Diễn đàn hợp tác địa phương Việt Nam – Hàn Quốc"));
    EXPECT_THAT(report.body, HasSubstr("<tr data-state=\"reported\">"));
    EXPECT_THAT(report.body, HasSubstr("Thủ tướng Chính phủ: Văn bản số 1234/TTg-QHQT"));
    EXPECT_THAT(report.body, HasSubstr("<strong id=\"report-by-pm\">1</strong>"));
    EXPECT_THAT(report.body, HasSubstr("15/12/2024 – 14/12/2025"));
    EXPECT_THAT(report.body, HasSubstr("href=\"/api/v1/events/yearly-report?province=2001&amp;"
                                       "year=2025&amp;format=xlsx&amp;lang=vi\""));
    auto xlsx = Get("/api/v1/events/yearly-report?province=2001&year=2025&format=xlsx&lang=vi",
                    officer.headers);
    EXPECT_EQ(xlsx.status, 200) << xlsx.Describe();
    EXPECT_TRUE(xlsx.body.starts_with("PK"));
    // Outside the officer's scope: not found.
    auto other = SignIn("demo-officer-79");
    EXPECT_EQ(Get("/events/report?province=2001&year=2025", other.headers).status, 404);
}

TEST_F(EventsPages, AStaleEditShowsTheOtherPersonsChange) {
    std::int64_t id = CreateConference("2025-09-15", "2025-09-16");
    const std::string href = "/events/" + std::to_string(id);
    auto s = SignIn("demo-officer-01");
    auto form = Get(href + "/edit", s.headers);
    ASSERT_EQ(form.status, 200) << form.Describe();
    EXPECT_THAT(form, IsCleanPage());
    EXPECT_THAT(form.body, HasSubstr("name=\"version\" value=\"1\""));
    EXPECT_THAT(form.body, HasSubstr("value=\"Hội thảo quốc tế về du lịch bền vững\""));
    EXPECT_THAT(form.body, HasSubstr("value=\"15/09/2025\""));
    EXPECT_THAT(form.body, HasSubstr("value=\"Phiên khai mạc\""));
    EXPECT_THAT(form.body, HasSubstr("value=\"Chủ tịch UBND Thành phố Hà Nội\""));
    EXPECT_THAT(form.body, HasSubstr("value=\"KR, JP\""));

    // Someone else saves first.
    json changed = Event(id);
    json put = {{"version", 1},
                {"title_vi", "Hội thảo quốc tế về du lịch xanh và bền vững"},
                {"type", "international_conference"},
                {"starts_on", "2025-09-15"},
                {"ends_on", "2025-09-16"},
                {"venue", "Trung tâm Hội nghị Quốc gia"},
                {"admin_unit_ids", {2001}},
                {"organisers", {"Ủy ban nhân dân Thành phố Hà Nội"}},
                {"participants",
                 {{"vietnamese", 120}, {"foreign", 30}, {"highest_foreign_rank", "ambassador"}}},
                {"sessions", changed["sessions"]}};
    auto saved = Api("demo-officer-01", "PUT", "/api/v1/events/" + std::to_string(id), put);
    ASSERT_EQ(saved.status, 200) << saved.Describe();

    // The form, as it was loaded (version 1), with our own change.
    Fields mine = {{"version", "1"},
                   {"title_vi", "Hội thảo quốc tế về du lịch cộng đồng"},
                   {"type", "international_conference"},
                   {"starts_on", "15/09/2025"},
                   {"ends_on", "16/09/2025"},
                   {"format", "in_person"},
                   {"venue", "Trung tâm Hội nghị Quốc gia"},
                   {"organisers", "Ủy ban nhân dân Thành phố Hà Nội"},
                   {"admin_unit_id", "2001"},
                   {"participants_vietnamese", "120"},
                   {"participants_foreign", "30"},
                   {"participants_highest_foreign_rank", "ambassador"}};
    auto stale = Send(s, href, mine);
    EXPECT_EQ(stale.status, 409) << stale.Describe();
    EXPECT_THAT(stale, IsCleanPage());
    EXPECT_THAT(stale.body, HasSubstr("id=\"event-conflict\""));
    EXPECT_THAT(stale.body, HasSubstr("<dd>Hội thảo quốc tế về du lịch xanh và bền vững</dd>"));
    EXPECT_THAT(stale.body, HasSubstr("value=\"Hội thảo quốc tế về du lịch cộng đồng\""));
    EXPECT_THAT(stale.body, HasSubstr("name=\"version\" value=\"2\""));  // saving again is a choice
    EXPECT_EQ(Event(id)["title_vi"], "Hội thảo quốc tế về du lịch xanh và bền vững");

    // Saving again on the new version goes through.
    Set(mine, "version", "2");
    auto again = Send(s, href, mine);
    ASSERT_EQ(again.status, 303) << again.Describe();
    EXPECT_EQ(again.Header("Location").value_or(""), href);
    json now = Event(id);
    EXPECT_EQ(now["title_vi"], "Hội thảo quốc tế về du lịch cộng đồng");
    EXPECT_EQ(now["version"], 3);
    EXPECT_EQ(now["sessions"].size(), 0u);  // the form sent no session: the programme is cleared

    // Without a version: refused.
    Fields no_version(mine.begin() + 1, mine.end());
    auto missing = Send(s, href, no_version);
    EXPECT_EQ(missing.status, 400) << missing.Describe();
    EXPECT_THAT(missing.body, HasSubstr("Thiếu phiên bản"));
}

TEST_F(EventsPages, ErrorPagesForUnknownForbiddenAndMalformed) {
    std::int64_t id = CreateConference("2025-09-15", "2025-09-16");
    const std::string href = "/events/" + std::to_string(id);
    auto officer = SignIn("demo-officer-01");
    for (const std::string target : {"/events/999999", "/events/999999/edit"}) {
        auto res = Get(target, officer.headers);
        EXPECT_EQ(res.status, 404) << target << ": " << res.Describe();
        EXPECT_THAT(res, IsCleanPage());
        EXPECT_THAT(res.body, HasSubstr("Không tìm thấy sự kiện này."));
    }
    auto steps404 =
        Send(officer, "/events/999999/steps", {{"action", "cancel"}, {"date", "01/08/2025"}});
    EXPECT_EQ(steps404.status, 404) << steps404.Describe();
    EXPECT_EQ(Get("/events/abc", officer.headers).status, 400);
    EXPECT_EQ(Get("/events?sort=sideways", officer.headers).status, 400);
    EXPECT_EQ(Get("/events?year=12", officer.headers).status, 400);
    EXPECT_EQ(Get("/events/report?province=2001&year=2099", officer.headers).status, 400);
    EXPECT_EQ(Get("/events/due?within_days=1000", officer.headers).status, 400);

    // Another province's officer does not see it at all.
    auto other = SignIn("demo-officer-79");
    EXPECT_EQ(Get(href, other.headers).status, 404);
    EXPECT_EQ(Get(href + "/edit", other.headers).status, 404);
    EXPECT_EQ(Send(other, href + "/steps", {{"action", "cancel"}, {"date", "01/08/2025"}}).status,
              404);

    // A MOFA viewer reads it, but may neither edit nor take a step.
    auto viewer = SignIn("demo-mofa-viewer");
    auto read = Get(href, viewer.headers);
    EXPECT_EQ(read.status, 200);
    EXPECT_THAT(read.body, Not(HasSubstr("id=\"edit-link\"")));
    EXPECT_THAT(read.body, Not(HasSubstr("class=\"stack step-form\"")));
    auto edit = Get(href + "/edit", viewer.headers);
    EXPECT_EQ(edit.status, 403) << edit.Describe();
    EXPECT_THAT(edit, IsCleanPage());
    auto step = Send(viewer, href + "/steps",
                     {{"action", "cancel"}, {"date", "01/08/2025"}, {"version", "1"}});
    EXPECT_EQ(step.status, 403) << step.Describe();
    auto save = Send(viewer, href, ValidForm());
    EXPECT_EQ(save.status, 400);  // no version
    Fields with_version = ValidForm();
    with_version.emplace_back("version", "1");
    EXPECT_EQ(Send(viewer, href, with_version).status, 403);
    EXPECT_EQ(Event(id)["status"], "planned");
    EXPECT_EQ(Event(id)["version"], 1);

    // Signed out: to the sign-in page.
    auto anonymous = Get("/events");
    EXPECT_EQ(anonymous.status, 303);
    EXPECT_THAT(anonymous.Header("Location").value_or(""), StartsWith("/login?next="));
}

}  // namespace
}  // namespace ngoaivu::testing
