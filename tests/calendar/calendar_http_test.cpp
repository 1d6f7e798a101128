// The working-day calendar over real HTTP: GET, POST /api/v1/holidays, DELETE
// /api/v1/holidays/{date}, POST /api/v1/holidays/prefill, and the /admin/calendar page with its
// forms (POST, CSRF, Post/Redirect/Get, errors beside their fields in both languages). Every
// refused write is checked to change nothing.
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/demo.hpp"
#include "storage/database.hpp"
#include "support/matchers.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kForm = "application/x-www-form-urlencoded";
constexpr const char* kJson = "application/json";

std::string SetCookie(const HttpResponse& res, const std::string& name) {
    for (const auto& c : res.AllHeaders("Set-Cookie")) {
        if (c.starts_with(name + "="))
            return c.substr(name.size() + 1, c.find(';') - name.size() - 1);
    }
    return {};
}

std::string HiddenCsrf(const std::string& html) {
    std::smatch m;
    if (std::regex_search(html, m, std::regex("name=\"_csrf\" value=\"([^\"]+)\"")))
        return m[1];
    return {};
}

// What a refused write must leave as it was: the configured days, the audit trail and the
// calendar's version counter.
struct Stored {
    std::vector<std::string> days;
    std::int64_t entries = 0;
    std::int64_t version = 0;
    bool operator==(const Stored&) const = default;
};

// The app with its seeded calendar (2015-2026, as `ngoaivu init` on 1 August 2025), the demo
// accounts, API tokens for an administrator, MOFA staff and a viewer, and a browser session of
// the administrator.
class CalendarHttpTest : public AppTest {
 protected:
    void SetUp() override {
        AppTest::SetUp();
        tokens_ = AddDemoAccounts(app().db_location(), {"demo-admin", "demo-mofa", "demo-viewer"});
    }

    HeaderList As(const std::string& login, HeaderList headers = {}) {
        headers.emplace_back("Authorization", "Bearer " + tokens_[login]);
        return headers;
    }

    // Signs the administrator in through the form; sets session_ and csrf_.
    void SignInAdmin() {
        auto form = Get("/login");
        std::string login_csrf = SetCookie(form, "nv_csrf");
        auto res = Post("/login",
                        "_csrf=" + login_csrf + "&login=demo-admin&password=" + app::kDemoPassword,
                        kForm, {{"Cookie", "nv_csrf=" + login_csrf}});
        ASSERT_EQ(res.status, 303) << res.Describe();
        session_ = SetCookie(res, "nv_session");
        ASSERT_FALSE(session_.empty());
        auto page = Get("/admin/calendar", Session());
        ASSERT_EQ(page.status, 200) << page.Describe();
        csrf_ = HiddenCsrf(page.body);
        ASSERT_FALSE(csrf_.empty());
    }
    HeaderList Session(const std::string& more_cookies = "") const {
        return {{"Cookie", "nv_session=" + session_ + more_cookies}};
    }
    // A form POST of the signed-in administrator, with the session's CSRF token.
    HttpResponse Submit(const std::string& target, const std::string& body,
                        const std::string& more_cookies = "") {
        return Post(target, "_csrf=" + csrf_ + "&" + body, kForm, Session(more_cookies));
    }

    Stored Now() {
        Stored s;
        auto db = storage::Open(app().db_location());
        {
            auto tx = db->Begin(storage::TxMode::kRead);
            for (const auto& row :
                 tx->Query("SELECT day, kind, name_vi, name_en FROM calendar_day ORDER BY day")) {
                s.days.push_back(row.Text(0) + " " + row.Text(1) + " " + row.Text(2) + " / " +
                                 row.Text(3));
            }
            s.entries = tx->QueryOne("SELECT COUNT(*) FROM audit_log")->Int(0);
            s.version = tx->QueryOne("SELECT version FROM calendar_version")->Int(0);
        }
        db->Close();
        return s;
    }

    std::map<std::string, std::string> tokens_;
    std::string session_;
    std::string csrf_;
};

// --- GET /api/v1/holidays ----------------------------------------------------------------------

TEST_F(CalendarHttpTest, ListsTheSeededHolidaysOfAYearToAnySignedInUser) {
    for (const char* login : {"demo-viewer", "demo-mofa", "demo-admin"}) {
        auto res = Get("/api/v1/holidays?year=2026", As(login));
        ASSERT_THAT(res, HasStatus(200));
        auto j = res.Json();
        EXPECT_EQ(j["year"], 2026);
        ASSERT_EQ(j["items"].size(), 12u);
        EXPECT_EQ(j["items"][0], (nlohmann::json{{"date", "2026-01-01"},
                                                 {"display", "01/01/2026"},
                                                 {"weekday", 4},
                                                 {"kind", "holiday"},
                                                 {"name_vi", "Tết Dương lịch"},
                                                 {"name_en", "New Year's Day"}}));
        EXPECT_EQ(j["items"][2]["date"], "2026-02-17");
        EXPECT_EQ(j["items"][2]["name_en"], "Lunar New Year (first day)");
    }
}

TEST_F(CalendarHttpTest, ListsTheYearOfTheClockWithoutAYear) {
    auto res = Get("/api/v1/holidays", As("demo-viewer"));
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_EQ(res.Json()["year"], 2025);
    EXPECT_EQ(res.Json()["items"][1]["date"], "2025-01-28");  // the last day of Giáp Thìn
    auto empty = Get("/api/v1/holidays?year=2031", As("demo-viewer"));
    ASSERT_THAT(empty, HasStatus(200));
    EXPECT_EQ(empty.Json()["items"], nlohmann::json::array());
}

TEST_F(CalendarHttpTest, RefusesABadYear) {
    for (const char* year : {"abc", "1999", "2101", "20260", "-1", "2026.0", "%20%202026"}) {
        auto res = Get(std::string("/api/v1/holidays?year=") + year, As("demo-viewer"));
        EXPECT_THAT(res, IsJsonError("invalid_argument", "year")) << year;
        EXPECT_EQ(res.status, 400) << year;
        EXPECT_EQ(res.Json()["error"]["fields"][0]["field"], "year");
        EXPECT_THAT(res.Json()["error"]["message_vi"].get<std::string>(), HasSubstr("2000"));
    }
}

TEST_F(CalendarHttpTest, AsksForSignIn) {
    EXPECT_THAT(Get("/api/v1/holidays?year=2026"), IsJsonError("unauthenticated", ""));
    EXPECT_EQ(Get("/api/v1/holidays?year=2026").status, 401);
}

// --- POST /api/v1/holidays ---------------------------------------------------------------------

TEST_F(CalendarHttpTest, AnAdministratorAddsADayOffAndAWorkedSaturday) {
    auto res = Post("/api/v1/holidays",
                    R"({"date": "2026-08-31", "kind": "holiday", "name_vi": "Nghỉ hoán đổi",
                        "name_en": "Swapped day off"})",
                    kJson, As("demo-admin"));
    ASSERT_THAT(res, HasStatus(201));
    EXPECT_EQ(res.Json()["date"], "2026-08-31");
    EXPECT_EQ(res.Json()["display"], "31/08/2026");
    EXPECT_EQ(res.Json()["weekday"], 1);
    auto sat = Post("/api/v1/holidays",
                    R"({"date": "22/08/2026", "kind": "working", "name_vi": "Làm bù",
                        "name_en": "Worked day"})",
                    kJson, As("demo-admin"));
    ASSERT_THAT(sat, HasStatus(201));
    EXPECT_EQ(sat.Json()["kind"], "working");
    auto list = Get("/api/v1/holidays?year=2026", As("demo-viewer")).Json()["items"];
    ASSERT_EQ(list.size(), 14u);
    EXPECT_EQ(list[10]["date"], "2026-08-22");
    EXPECT_EQ(list[11]["date"], "2026-08-31");
}

TEST_F(CalendarHttpTest, RefusesEveryBadBodyNamingTheFieldAndChangesNothing) {
    Stored before = Now();
    struct Case {
        std::string body;
        int status;
        std::string code;
        std::string field;
    };
    const Case cases[] = {
        {R"({"date": "2026-02-30", "kind": "holiday", "name_vi": "A", "name_en": "A"})", 400,
         "invalid_argument", "date"},
        {R"({"date": "tomorrow", "kind": "holiday", "name_vi": "A", "name_en": "A"})", 400,
         "invalid_argument", "date"},
        {R"({"date": "1999-12-31", "kind": "holiday", "name_vi": "A", "name_en": "A"})", 400,
         "invalid_argument", "date"},
        {R"({"date": "2026-08-24", "kind": "working", "name_vi": "A", "name_en": "A"})", 400,
         "invalid_argument", "date"},
        {R"({"date": 20260901, "kind": "holiday", "name_vi": "A", "name_en": "A"})", 400,
         "invalid_argument", "date"},
        {R"({"date": "2026-09-03", "kind": "vacation", "name_vi": "A", "name_en": "A"})", 400,
         "invalid_argument", "kind"},
        {R"({"date": "2026-09-03", "name_vi": "A", "name_en": "A"})", 400, "invalid_argument",
         "kind"},
        {R"({"date": "2026-09-03", "kind": "holiday", "name_vi": "", "name_en": "A"})", 400,
         "invalid_argument", "name_vi"},
        {R"({"date": "2026-09-03", "kind": "holiday", "name_vi": 7, "name_en": "A"})", 400,
         "invalid_argument", "name_vi"},
        {R"({"date": "2026-09-03", "kind": "holiday", "name_vi": "A", "name_en": "   "})", 400,
         "invalid_argument", "name_en"},
        {R"({"date": "2026-09-03", "kind": "holiday", "name_vi": "A", "name_en": ")" +
             std::string(201, 'x') + R"("})",
         400, "invalid_argument", "name_en"},
        {R"({"date": "2026-09-03", "kind": "holiday", "name_vi": "A\u0000B", "name_en": "A"})", 400,
         "invalid_argument", "name_vi"},
        {R"([])", 400, "invalid_argument", "date"},
        {R"({"date": )", 400, "invalid_argument", "body"},
        {"", 400, "invalid_argument", "body"},
        {R"({"date": "2026-01-01", "kind": "holiday", "name_vi": "A", "name_en": "A"})", 409,
         "conflict", "date"},
        {R"({"date": "01/01/2026", "kind": "working", "name_vi": "A", "name_en": "A"})", 400,
         "invalid_argument", "date"},  // 1/1/2026 is a Thursday
    };
    for (const auto& c : cases) {
        auto res = Post("/api/v1/holidays", c.body, kJson, As("demo-admin"));
        EXPECT_EQ(res.status, c.status) << c.body << " → " << res.Describe();
        EXPECT_THAT(res, IsJsonError(c.code, c.field)) << c.body;
        bool named = false;
        const nlohmann::json body = res.Json();
        for (const auto& f : body["error"]["fields"])
            named = named || f["field"] == c.field;
        EXPECT_TRUE(named) << c.body;
    }
    EXPECT_EQ(Now(), before);
}

TEST_F(CalendarHttpTest, RefusesWritesFromUsersWhoAreNotAdministrators) {
    Stored before = Now();
    const std::string body =
        R"({"date": "2026-09-03", "kind": "holiday", "name_vi": "A", "name_en": "A"})";
    for (const char* login : {"demo-viewer", "demo-mofa"}) {
        auto add = Post("/api/v1/holidays", body, kJson, As(login));
        EXPECT_THAT(add, HasStatus(403)) << login;
        EXPECT_THAT(add, IsJsonError("permission_denied", ""));
        HttpClient client = app().Client();
        EXPECT_THAT(client.Request("DELETE", "/api/v1/holidays/2026-01-01", As(login)),
                    HasStatus(403));
        EXPECT_THAT(Post("/api/v1/holidays/prefill?year=2027", "", kJson, As(login)),
                    HasStatus(403));
    }
    EXPECT_THAT(Post("/api/v1/holidays", body, kJson), HasStatus(401));
    EXPECT_EQ(Now(), before);
}

TEST_F(CalendarHttpTest, ABrowserSessionNeedsTheCsrfTokenForTheApiToo) {
    SignInAdmin();
    Stored before = Now();
    const std::string body =
        R"({"date": "2026-09-03", "kind": "holiday", "name_vi": "A", "name_en": "A"})";
    auto without = Post("/api/v1/holidays", body, kJson, Session());
    EXPECT_THAT(without, HasStatus(403));
    EXPECT_THAT(without, IsJsonError("permission_denied", "_csrf"));
    HeaderList wrong = Session();
    wrong.emplace_back("X-CSRF-Token", "wrong");
    EXPECT_THAT(Post("/api/v1/holidays", body, kJson, wrong), HasStatus(403));
    EXPECT_EQ(Now(), before);
    HeaderList right = Session();
    right.emplace_back("X-CSRF-Token", csrf_);
    EXPECT_THAT(Post("/api/v1/holidays", body, kJson, right), HasStatus(201));
}

// --- DELETE /api/v1/holidays/{date} ------------------------------------------------------------

TEST_F(CalendarHttpTest, AnAdministratorRemovesADay) {
    HttpClient client = app().Client();
    auto res = client.Request("DELETE", "/api/v1/holidays/2026-01-01", As("demo-admin"));
    EXPECT_THAT(res, HasStatus(204));
    EXPECT_EQ(res.body, "");
    auto list = Get("/api/v1/holidays?year=2026", As("demo-admin")).Json()["items"];
    EXPECT_EQ(list.size(), 11u);
    EXPECT_EQ(list[0]["date"], "2026-02-16");
    Stored before = Now();
    HttpClient again = app().Client();
    EXPECT_THAT(again.Request("DELETE", "/api/v1/holidays/2026-01-01", As("demo-admin")),
                IsJsonError("not_found", ""));
    for (const char* bad : {"2026-13-01", "abc", "2026-02-30", "1999-01-01"}) {
        HttpClient c = app().Client();
        auto r = c.Request("DELETE", std::string("/api/v1/holidays/") + bad, As("demo-admin"));
        EXPECT_THAT(r, HasStatus(400)) << bad;
        EXPECT_THAT(r, IsJsonError("invalid_argument", "date")) << bad;
    }
    EXPECT_EQ(Now(), before);
}

// --- POST /api/v1/holidays/prefill -------------------------------------------------------------

TEST_F(CalendarHttpTest, PrefillAddsTheFixedDateHolidaysThatAreMissing) {
    auto first = Post("/api/v1/holidays/prefill?year=2027", "", kJson, As("demo-admin"));
    ASSERT_THAT(first, HasStatus(200));
    EXPECT_EQ(first.Json(), (nlohmann::json{{"year", 2027}, {"added", 6}}));
    auto again = Post("/api/v1/holidays/prefill?year=2026", "", kJson, As("demo-admin"));
    ASSERT_THAT(again, HasStatus(200));
    EXPECT_EQ(again.Json()["added"], 0) << "2026 was seeded by init";
    Stored before = Now();
    for (const char* query : {"", "?year=", "?year=abc", "?year=1999", "?year=2101"}) {
        auto r = Post(std::string("/api/v1/holidays/prefill") + query, "", kJson, As("demo-admin"));
        EXPECT_THAT(r, HasStatus(400)) << query;
        EXPECT_THAT(r, IsJsonError("invalid_argument", "year")) << query;
    }
    auto with_body = Post("/api/v1/holidays/prefill", R"({"year": 2028})", kJson, As("demo-admin"));
    EXPECT_THAT(with_body, HasStatus(400));
    EXPECT_THAT(with_body, IsJsonError("invalid_argument", "body"));
    EXPECT_EQ(Now(), before);
}

// --- /admin/calendar ---------------------------------------------------------------------------

TEST_F(CalendarHttpTest, ThePageShowsTheYearInBothLanguages) {
    SignInAdmin();
    auto vi = Get("/admin/calendar?year=2026", Session());
    ASSERT_THAT(vi, HasStatus(200));
    EXPECT_THAT(vi.body, HasSubstr("Lịch ngày làm việc năm 2026"));
    EXPECT_THAT(vi.body, HasSubstr("Thứ Bảy và Chủ nhật là ngày nghỉ hằng tuần"));
    EXPECT_THAT(vi.body,
                HasSubstr("<time datetime=\"2026-02-16\">16/02/2026</time></td><td>Thứ Hai"));
    EXPECT_THAT(vi.body, HasSubstr("Tết Nguyên đán (mùng 1)"));
    // 261 weekdays in 2026, less the 11 holidays that fall on one.
    EXPECT_THAT(vi.body, HasSubstr("id=\"calendar-working-days\">250<"));
    EXPECT_THAT(vi.body, HasSubstr("href=\"/admin/calendar?year=2025\""));
    EXPECT_THAT(vi.body, HasSubstr("href=\"/admin/calendar?year=2027\""));
    EXPECT_THAT(vi.body, HasSubstr("Điền sẵn các ngày lễ cố định của năm"));
    EXPECT_THAT(vi.body, HasSubstr("action=\"/admin/calendar/days/2026-02-17/remove\""));
    EXPECT_THAT(vi.body, HasSubstr("href=\"/admin/calendar\" id=\"nav-calendar\""));
    auto en = Get("/admin/calendar?year=2026", Session("; lang=en"));
    ASSERT_THAT(en, HasStatus(200));
    EXPECT_THAT(en.body, HasSubstr("Working-day calendar 2026"));
    EXPECT_THAT(en.body, HasSubstr("16/02/2026</time></td><td>Monday"));
    EXPECT_THAT(en.body, HasSubstr("Lunar New Year (first day)"));
    EXPECT_THAT(en.body, HasSubstr("Pre-fill this year&apos;s fixed-date holidays"));
}

TEST_F(CalendarHttpTest, ThePageStopsAtTheEndsOfTheAcceptedYears) {
    SignInAdmin();
    auto first = Get("/admin/calendar?year=2000", Session());
    ASSERT_THAT(first, HasStatus(200));
    EXPECT_THAT(first.body, Not(HasSubstr("year=1999")));
    EXPECT_THAT(first.body, HasSubstr("Chưa có ngày nghỉ lễ"));
    auto last = Get("/admin/calendar?year=2100", Session());
    ASSERT_THAT(last, HasStatus(200));
    EXPECT_THAT(last.body, Not(HasSubstr("year=2101")));
    for (const char* bad : {"1999", "2101", "abc", "20.26"}) {
        auto res = Get(std::string("/admin/calendar?year=") + bad, Session());
        EXPECT_THAT(res, HasStatus(400)) << bad;
        EXPECT_THAT(res.body, HasSubstr("Năm phải là số nguyên từ 2000 đến 2100."));
    }
    auto en = Get("/admin/calendar?year=1999", Session("; lang=en"));
    EXPECT_THAT(en.body, HasSubstr("The year must be a whole number from 2000 to 2100."));
}

TEST_F(CalendarHttpTest, ThePageIsForAdministratorsOnly) {
    auto anonymous = Get("/admin/calendar");
    EXPECT_THAT(anonymous, HasStatus(303));
    EXPECT_THAT(anonymous.Header("Location").value_or(""), HasSubstr("/login?next="));
    EXPECT_THAT(Get("/admin/calendar", As("demo-viewer")), HasStatus(403));
    EXPECT_THAT(Get("/admin/calendar", As("demo-mofa")), HasStatus(403));
    auto home = Get("/", As("demo-viewer"));
    EXPECT_THAT(home.body, Not(HasSubstr("/admin/calendar")));
}

TEST_F(CalendarHttpTest, AddingADayRedirectsToItsYearWithANotice) {
    SignInAdmin();
    auto res = Submit("/admin/calendar/days",
                      "year=2026&date=2026-08-22&kind=working&name_vi=L%C3%A0m+b%C3%B9&name_en="
                      "Worked+day");
    ASSERT_THAT(res, HasStatus(303));
    EXPECT_EQ(res.Header("Location").value_or(""), "/admin/calendar?year=2026&added=2026-08-22");
    auto page = Get("/admin/calendar?year=2026&added=2026-08-22", Session());
    EXPECT_THAT(page.body, HasSubstr("Đã thêm ngày 22/08/2026"));
    EXPECT_THAT(page.body, HasSubstr("Làm bù"));
    EXPECT_THAT(page.body, HasSubstr("Ngày làm việc bù (thứ Bảy, Chủ nhật)"));
    // Another year's date goes to that year's page.
    auto other = Submit("/admin/calendar/days",
                        "year=2026&date=2031-01-02&kind=holiday&name_vi=A&name_en=B");
    EXPECT_EQ(other.Header("Location").value_or(""), "/admin/calendar?year=2031&added=2031-01-02");
}

TEST_F(CalendarHttpTest, ARefusedDayIsShownAgainWithTheMessageBesideItsField) {
    SignInAdmin();
    Stored before = Now();
    struct Case {
        std::string body;
        int status;
        std::string error_id;
        std::string message_vi;
    };
    const Case cases[] = {
        {"date=2026-02-30&kind=holiday&name_vi=T%C3%AAn+%C4%91%C3%A3+g%C3%B5&name_en=N", 400,
         "calendar-date-error", "Ngày không hợp lệ"},
        {"date=&kind=holiday&name_vi=A&name_en=B", 400, "calendar-date-error", "Ngày không hợp lệ"},
        {"date=1999-05-01&kind=holiday&name_vi=A&name_en=B", 400, "calendar-date-error",
         "Năm của ngày phải từ 2000 đến 2100."},
        {"date=2026-08-24&kind=working&name_vi=A&name_en=B", 400, "calendar-date-error",
         "thứ Bảy hoặc Chủ nhật"},
        {"date=2026-09-03&kind=vacation&name_vi=A&name_en=B", 400, "calendar-kind-error",
         "Loại ngày phải là"},
        {"date=2026-09-03&kind=holiday&name_vi=&name_en=B", 400, "calendar-name-vi-error",
         "Tên tiếng Việt là bắt buộc"},
        {"date=2026-09-03&kind=holiday&name_vi=A&name_en=%0A", 400, "calendar-name-en-error",
         "Tên tiếng Anh là bắt buộc"},
        {"date=2026-01-01&kind=holiday&name_vi=A&name_en=B", 409, "calendar-date-error",
         "đã có trong lịch"},
    };
    for (const auto& c : cases) {
        auto res = Submit("/admin/calendar/days", "year=2026&" + c.body);
        EXPECT_EQ(res.status, c.status) << c.body << " → " << res.Describe();
        EXPECT_THAT(res.body, HasSubstr("id=\"" + c.error_id + "\">")) << c.body;
        EXPECT_THAT(res.body, HasSubstr(c.message_vi)) << c.body;
        EXPECT_THAT(res.body, HasSubstr("Lịch ngày làm việc năm 2026")) << "the same year's page";
    }
    // The typed values are kept.
    auto typed = Submit("/admin/calendar/days",
                        "year=2026&date=2026-02-30&kind=working&name_vi=T%C3%AAn+%C4%91%C3%A3+"
                        "g%C3%B5&name_en=Typed");
    EXPECT_THAT(typed.body, HasSubstr("value=\"2026-02-30\""));
    EXPECT_THAT(typed.body, HasSubstr("value=\"Tên đã gõ\""));
    EXPECT_THAT(typed.body, HasSubstr("value=\"Typed\""));
    EXPECT_THAT(typed.body, HasSubstr("<option value=\"working\" selected>"));
    // And in English.
    auto en = Submit("/admin/calendar/days", "year=2026&date=x&kind=holiday&name_vi=A&name_en=B",
                     "; lang=en");
    EXPECT_EQ(en.status, 400);
    EXPECT_THAT(en.body, HasSubstr("The date is not valid: use yyyy-mm-dd or dd/mm/yyyy"));
    EXPECT_EQ(Now(), before);
}

TEST_F(CalendarHttpTest, FormsWithoutTheCsrfTokenChangeNothing) {
    SignInAdmin();
    Stored before = Now();
    const std::pair<std::string, std::string> forms[] = {
        {"/admin/calendar/days", "year=2026&date=2026-09-03&kind=holiday&name_vi=A&name_en=B"},
        {"/admin/calendar/days/2026-01-01/remove", "year=2026"},
        {"/admin/calendar/prefill", "year=2027"},
    };
    for (const auto& [target, body] : forms) {
        EXPECT_THAT(Post(target, body, kForm, Session()), HasStatus(403)) << target;
        EXPECT_THAT(Post(target, "_csrf=wrong&" + body, kForm, Session()), HasStatus(403))
            << target;
        HeaderList cross = Session();
        cross.emplace_back("Origin", "http://evil.example");
        EXPECT_THAT(Post(target, "_csrf=" + csrf_ + "&" + body, kForm, cross), HasStatus(403))
            << target;
        for (const char* login : {"demo-viewer", "demo-mofa"})
            EXPECT_THAT(Post(target, body, kForm, As(login)), HasStatus(403)) << target;
    }
    EXPECT_EQ(Now(), before);
}

TEST_F(CalendarHttpTest, RemovingADayRedirectsWithANoticeOrShowsWhyNot) {
    SignInAdmin();
    auto res = Submit("/admin/calendar/days/2026-01-01/remove", "year=2026");
    ASSERT_THAT(res, HasStatus(303));
    EXPECT_EQ(res.Header("Location").value_or(""), "/admin/calendar?year=2026&removed=2026-01-01");
    auto page = Get("/admin/calendar?year=2026&removed=2026-01-01", Session());
    EXPECT_THAT(page.body, HasSubstr("Đã xoá ngày 01/01/2026"));
    EXPECT_THAT(page.body, Not(HasSubstr("datetime=\"2026-01-01\"")));
    Stored before = Now();
    auto again = Submit("/admin/calendar/days/2026-01-01/remove", "year=2026");
    EXPECT_THAT(again, HasStatus(404));
    EXPECT_THAT(again.body, HasSubstr("Ngày 01/01/2026 không có trong lịch."));
    auto bad = Submit("/admin/calendar/days/2026-13-01/remove", "year=2026");
    EXPECT_THAT(bad, HasStatus(400));
    EXPECT_THAT(bad.body, HasSubstr("id=\"calendar-date-error\""));
    EXPECT_EQ(Now(), before);
}

TEST_F(CalendarHttpTest, PrefillingRedirectsWithTheNumberAdded) {
    SignInAdmin();
    auto res = Submit("/admin/calendar/prefill", "year=2027");
    ASSERT_THAT(res, HasStatus(303));
    EXPECT_EQ(res.Header("Location").value_or(""), "/admin/calendar?year=2027&prefilled=6");
    auto page = Get("/admin/calendar?year=2027&prefilled=6", Session());
    EXPECT_THAT(page.body, HasSubstr("Số ngày lễ cố định đã thêm: 6"));
    EXPECT_THAT(page.body, HasSubstr("03/05/2027"));
    auto again = Submit("/admin/calendar/prefill", "year=2027");
    EXPECT_EQ(again.Header("Location").value_or(""), "/admin/calendar?year=2027&prefilled=0");
    auto none = Get("/admin/calendar?year=2027&prefilled=0", Session("; lang=en"));
    EXPECT_THAT(none.body, HasSubstr("nothing was added"));
    // A tampered notice is ignored, not shown.
    auto odd = Get("/admin/calendar?year=2027&prefilled=-3&added=x&removed=2026-02-30", Session());
    EXPECT_THAT(odd, HasStatus(200));
    EXPECT_THAT(odd.body, Not(HasSubstr("class=\"notice\"")));
    Stored before = Now();
    for (const char* year : {"", "abc", "1999", "2101"}) {
        auto r = Submit("/admin/calendar/prefill", std::string("year=") + year);
        EXPECT_THAT(r, HasStatus(400)) << year;
        EXPECT_THAT(r.body, HasSubstr("id=\"calendar-year-error\">Năm phải là số nguyên"));
    }
    EXPECT_EQ(Now(), before);
}

}  // namespace
}  // namespace ngoaivu::testing
