// Sign-in over real HTTP: cookies, session fixation, CSRF, expiry, and no secret in the log; and
// editing one's own profile, through the API and the /account form, with optimistic locking.
#include <regex>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/cli.hpp"
#include "app/demo.hpp"
#include "http/request.hpp"
#include "modules/accounts/account_repository.hpp"
#include "modules/accounts/account_service.hpp"
#include "modules/audit/audit_repository.hpp"
#include "modules/audit/audit_service.hpp"
#include "support/matchers.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

constexpr const char* kForm = "application/x-www-form-urlencoded";

// The value of cookie `name` set by `res`, or "".
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

class SessionTest : public AppTest {
 protected:
    void SetUp() override {
        AppTest::SetUp();
        AddDemoAccounts(app().db_location());
    }

    // Signs in through the form; returns the session cookie value ("" on failure).
    std::string SignIn(const std::string& login, const std::string& password,
                       const std::string& extra_cookie = "") {
        auto form = Get("/login");
        std::string csrf = SetCookie(form, "nv_csrf");
        EXPECT_FALSE(csrf.empty());
        EXPECT_EQ(HiddenCsrf(form.body), csrf);
        std::string cookie = "nv_csrf=" + csrf + (extra_cookie.empty() ? "" : "; " + extra_cookie);
        last_ =
            Post("/login",
                 "_csrf=" + csrf + "&next=%2Fcountries&login=" + login + "&password=" + password,
                 kForm, {{"Cookie", cookie}});
        return SetCookie(last_, "nv_session");
    }

    HttpResponse last_;
};

TEST_F(SessionTest, SignInSetsAnHttpOnlySessionCookieAndReturnsToNext) {
    std::string session = SignIn("demo-officer-01", app::kDemoPassword);
    ASSERT_EQ(last_.status, 303) << last_.Describe();
    EXPECT_EQ(last_.Header("Location").value_or(""), "/countries");
    EXPECT_EQ(session.size(), 43u);
    std::string set = last_.AllHeaders("Set-Cookie").front();
    EXPECT_NE(set.find("HttpOnly"), std::string::npos);
    EXPECT_NE(set.find("SameSite=Lax"), std::string::npos);
    auto home = Get("/", {{"Cookie", "nv_session=" + session}});
    EXPECT_EQ(home.status, 200);
    EXPECT_NE(home.body.find("id=\"logout\""), std::string::npos);  // signed in: a logout button
}

TEST_F(SessionTest, WrongPasswordShowsTheMessageInTheChosenLanguage) {
    SignIn("demo-officer-01", "not-the-password");
    EXPECT_EQ(last_.status, 401);
    EXPECT_NE(last_.body.find("Tên đăng nhập hoặc mật khẩu không đúng."), std::string::npos);
    auto form = Get("/login", {{"Cookie", "lang=en"}});
    std::string csrf = SetCookie(form, "nv_csrf");
    auto res = Post("/login", "_csrf=" + csrf + "&login=demo-officer-01&password=nope", kForm,
                    {{"Cookie", "lang=en; nv_csrf=" + csrf}});
    EXPECT_EQ(res.status, 401);
    EXPECT_NE(res.body.find("The login or the password is not correct."), std::string::npos);
}

TEST_F(SessionTest, SignInIgnoresAFixedSessionIdAndIssuesANewOne) {
    std::string forged = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    std::string session = SignIn("demo-officer-01", app::kDemoPassword, "nv_session=" + forged);
    ASSERT_FALSE(session.empty());
    EXPECT_NE(session, forged);
    for (const auto& c : last_.AllHeaders("Set-Cookie")) {
        EXPECT_FALSE(c.starts_with("nv_session=;")) << "the new session is cleared again: " << c;
    }
    auto res = Get("/", {{"Cookie", "nv_session=" + forged}});
    EXPECT_EQ(res.status, 303);
    EXPECT_TRUE(res.Header("Location").value_or("").starts_with("/login"));
}

TEST_F(SessionTest, StateChangingFormsNeedTheSessionsCsrfToken) {
    std::string a = SignIn("demo-officer-01", app::kDemoPassword);
    std::string b = SignIn("demo-officer-79", app::kDemoPassword);
    auto page_a = Get("/account", {{"Cookie", "nv_session=" + a}});
    auto page_b = Get("/account", {{"Cookie", "nv_session=" + b}});
    std::string csrf_a = HiddenCsrf(page_a.body), csrf_b = HiddenCsrf(page_b.body);
    ASSERT_FALSE(csrf_a.empty());
    ASSERT_NE(csrf_a, csrf_b);
    HeaderList cookie = {{"Cookie", "nv_session=" + a}};
    EXPECT_EQ(Post("/account/tokens", "name=x", kForm, cookie).status, 403);  // missing
    EXPECT_EQ(Post("/account/tokens", "name=x&_csrf=wrong", kForm, cookie).status, 403);
    EXPECT_EQ(Post("/account/tokens", "name=x&_csrf=" + csrf_b, kForm, cookie).status, 403);
    HeaderList cross = {{"Cookie", "nv_session=" + a}, {"Origin", "http://evil.example"}};
    EXPECT_EQ(Post("/account/tokens", "name=x&_csrf=" + csrf_a, kForm, cross).status, 403);
    auto ok = Post("/account/tokens", "name=x&_csrf=" + csrf_a, kForm, cookie);
    EXPECT_EQ(ok.status, 201) << ok.Describe();
    HeaderList htmx = {{"Cookie", "nv_session=" + a}, {"X-CSRF-Token", csrf_a}};
    EXPECT_EQ(Post("/account/tokens", "name=y", kForm, htmx).status, 201);
}

TEST_F(SessionTest, LogoutEndsTheSessionAndLogoutEverywhereEndsAll) {
    std::string a = SignIn("demo-officer-01", app::kDemoPassword);
    std::string b = SignIn("demo-officer-01", app::kDemoPassword);
    std::string csrf = HiddenCsrf(Get("/account", {{"Cookie", "nv_session=" + a}}).body);
    auto out = Post("/logout-everywhere", "_csrf=" + csrf, kForm, {{"Cookie", "nv_session=" + a}});
    EXPECT_EQ(out.status, 303);
    EXPECT_EQ(Get("/", {{"Cookie", "nv_session=" + a}}).status, 303);
    EXPECT_EQ(Get("/", {{"Cookie", "nv_session=" + b}}).status, 303);
}

TEST_F(SessionTest, AnExpiredSessionSendsBackToSignInAndClearsTheCookie) {
    std::string a = SignIn("demo-officer-01", app::kDemoPassword);
    app().clock().Advance(std::chrono::minutes(31));
    auto res = Get("/countries", {{"Cookie", "nv_session=" + a}});
    EXPECT_EQ(res.status, 303);
    EXPECT_EQ(res.Header("Location").value_or(""), "/login?next=%2Fcountries");
    bool cleared = false;
    for (const auto& c : res.AllHeaders("Set-Cookie")) {
        cleared = cleared || (c.starts_with("nv_session=;") && c.find("Max-Age=0") != c.npos);
    }
    EXPECT_TRUE(cleared);
}

TEST_F(SessionTest, NoPasswordTokenOrSessionIdEverReachesTheLog) {
    std::string a = SignIn("demo-officer-01", app::kDemoPassword);
    SignIn("demo-officer-01", "sai-mat-khau-roi-nhe");
    std::string csrf = HiddenCsrf(Get("/account", {{"Cookie", "nv_session=" + a}}).body);
    auto created =
        Post("/account/tokens", "name=log&_csrf=" + csrf, kForm, {{"Cookie", "nv_session=" + a}});
    std::smatch m;
    std::regex_search(created.body, m, std::regex("(nvt_[A-Za-z0-9_-]+)"));
    std::string token = m[1];
    ASSERT_FALSE(token.empty());
    Get("/api/v1/me?token=" + token, {{"Authorization", "Bearer " + token}});
    Get("/api/v1/me", {{"Authorization", "Bearer nvt_wrongwrongwrong"}});
    app().Stop();
    auto lines = app().LogLines();
    ASSERT_FALSE(lines.empty());
    for (const auto& line : lines) {
        for (const std::string& secret :
             {std::string(app::kDemoPassword), std::string("sai-mat-khau-roi-nhe"), a, csrf, token,
              std::string("nvt_wrongwrongwrong")}) {
            EXPECT_EQ(line.find(secret), std::string::npos) << "secret in log: " << line;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The profile: PATCH /api/v1/me and the form on /account.

constexpr const char* kJson = "application/json";

// The first capture of `pattern` in `html`, or "".
std::string Capture(const std::string& html, const std::string& pattern) {
    std::smatch m;
    if (std::regex_search(html, m, std::regex(pattern)))
        return m[1];
    return {};
}

std::string NameInForm(const std::string& html) {
    return Capture(html, "id=\"profile-name\"[^>]*value=\"([^\"]*)\"");
}
std::string EmailInForm(const std::string& html) {
    return Capture(html, "id=\"profile-email\"[^>]*value=\"([^\"]*)\"");
}
std::string VersionInForm(const std::string& html) {
    return Capture(html, "name=\"version\" value=\"([^\"]*)\"");
}

// `ngoaivu user disable` run beside a server on the same database (SQLite: the file the two share
// for token changes, app/auth_changes.hpp; PostgreSQL: the stored epoch) takes the account's API
// token away at the server's next request, though the server had it cached; `enable` gives it
// back.
TEST_F(SessionTest, UserDisableFromTheCommandLineStopsTheTokenAtTheServersNextRequest) {
    auto me = [&] {
        return AppTest::Get("/api/v1/me", {{"Authorization", "Bearer " + app().Token()}});
    };
    ASSERT_THAT(me(), HasStatus(200));
    ASSERT_THAT(me(), HasStatus(200));  // now from the server's cache
    auto cli = [&](const char* action) {
        std::string db = app().db_location();
        std::vector<std::string> args = {"ngoaivu", "user",    action,    "--db",
                                         db,        "--login", kTestLogin};
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        return app::RunCli(static_cast<int>(argv.size()), argv.data());
    };
    ASSERT_EQ(cli("disable"), 0);
    EXPECT_THAT(me(), HasStatus(401));
    ASSERT_EQ(cli("enable"), 0);
    EXPECT_THAT(me(), HasStatus(200));
}

class ProfileApiTest : public SessionTest {
 protected:
    HttpResponse Patch(const std::string& body, HeaderList headers) {
        headers.emplace_back("Content-Type", kJson);
        return app().Client().Request("PATCH", "/api/v1/me", headers, body);
    }
    // As the test account, with its API token.
    HttpResponse Patch(const std::string& body) { return Patch(body, app().SignedIn()); }
    nlohmann::json Me() {
        auto res = Get("/api/v1/me", app().SignedIn());
        EXPECT_THAT(res, HasStatus(200));
        return res.Json();
    }
};

TEST_F(ProfileApiTest, GetMeReturnsTheStoredProfileAndItsVersion) {
    auto me = Me();
    EXPECT_EQ(me["login"], kTestLogin);
    EXPECT_EQ(me["display_name"], "Kiểm thử tích hợp");
    EXPECT_TRUE(me["email"].is_null());
    EXPECT_EQ(me["version"], 1);
    EXPECT_EQ(me["via_token"], true);
    EXPECT_TRUE(me["grants"].is_array());
}

TEST_F(ProfileApiTest, PatchSavesTheProfileAndAnswersLikeGetWithTheNewVersion) {
    auto res =
        Patch(R"({"display_name": " Nguyễn Văn Kiểm ", "email": "kiem@example.vn", "version": 1})");
    ASSERT_THAT(res, HasStatus(200));
    auto saved = res.Json();
    EXPECT_EQ(saved["display_name"], "Nguyễn Văn Kiểm");
    EXPECT_EQ(saved["email"], "kiem@example.vn");
    EXPECT_EQ(saved["version"], 2);
    auto me = Me();
    EXPECT_EQ(saved, me) << "the same shape and values as GET /api/v1/me";

    // null removes the email.
    auto cleared = Patch(R"({"display_name": "Nguyễn Văn Kiểm", "email": null, "version": 2})");
    ASSERT_THAT(cleared, HasStatus(200));
    EXPECT_TRUE(cleared.Json()["email"].is_null());
    EXPECT_EQ(cleared.Json()["version"], 3);
    // Nothing to change: 200, the same version.
    auto same = Patch(R"({"display_name": "Nguyễn Văn Kiểm", "email": "", "version": 3})");
    ASSERT_THAT(same, HasStatus(200));
    EXPECT_EQ(same.Json()["version"], 3);
}

TEST_F(ProfileApiTest, AStaleVersionIs409ConflictOnVersionAndChangesNothing) {
    ASSERT_THAT(Patch(R"({"display_name": "Tab một", "email": null, "version": 1})"),
                HasStatus(200));
    auto stale = Patch(R"({"display_name": "Tab hai", "email": "hai@example.vn", "version": 1})");
    EXPECT_THAT(stale, HasStatus(409));
    EXPECT_THAT(stale, IsJsonError("conflict", "version"));
    EXPECT_THAT(stale.Json()["error"]["message_en"].get<std::string>(),
                ::testing::HasSubstr("changed elsewhere"));
    auto me = Me();
    EXPECT_EQ(me["display_name"], "Tab một");
    EXPECT_TRUE(me["email"].is_null());
    EXPECT_EQ(me["version"], 2);
}

TEST_F(ProfileApiTest, BadBodiesAre400NamingTheField) {
    struct Case {
        const char* body;
        const char* field;
    } cases[] = {
        {R"({"email": null, "version": 1})", "display_name"},
        {R"({"display_name": 7, "email": null, "version": 1})", "display_name"},
        {R"({"display_name": null, "email": null, "version": 1})", "display_name"},
        {R"({"display_name": "", "email": null, "version": 1})", "display_name"},
        {R"({"display_name": "   ", "email": null, "version": 1})", "display_name"},
        {R"({"display_name": "Tên", "version": 1})", "email"},
        {R"({"display_name": "Tên", "email": 5, "version": 1})", "email"},
        {R"({"display_name": "Tên", "email": ["a@b.vn"], "version": 1})", "email"},
        {R"({"display_name": "Tên", "email": "khong-hop-le", "version": 1})", "email"},
        {R"({"display_name": "Tên", "email": "a b@c.vn", "version": 1})", "email"},
        {R"({"display_name": "Tên", "email": null})", "version"},
        {R"({"display_name": "Tên", "email": null, "version": "1"})", "version"},
        {R"({"display_name": "Tên", "email": null, "version": 1.5})", "version"},
        {R"({"display_name": "Tên", "email": null, "version": 0})", "version"},
        {R"({"display_name": "Tên", "email": null, "version": -1})", "version"},
        {R"({"display_name": "Tên", "email": null, "version": 18446744073709551615})", "version"},
        {R"([])", "display_name"},
        {R"("Tên")", "display_name"},
        {R"({"display_name": "Tên", )", "body"},
        {"", "body"},
        {"{\"display_name\": \"T\xFF\", \"email\": null, \"version\": 1}", "body"},  // not UTF-8
    };
    for (const auto& c : cases) {
        auto res = Patch(c.body);
        EXPECT_THAT(res, HasStatus(400)) << c.body;
        EXPECT_THAT(res, IsJsonError("invalid_argument", c.field)) << c.body;
    }
    // Every problem is listed, the first as the main field.
    auto all = Patch(R"({"display_name": 1, "email": 2, "version": "3"})");
    auto fields = all.Json()["error"]["fields"];
    ASSERT_EQ(fields.size(), 3u) << all.body;
    EXPECT_EQ(fields[0]["field"], "display_name");
    EXPECT_EQ(fields[1]["field"], "email");
    EXPECT_EQ(fields[2]["field"], "version");
    auto me = Me();
    EXPECT_EQ(me["display_name"], "Kiểm thử tích hợp");
    EXPECT_EQ(me["version"], 1);
}

TEST_F(ProfileApiTest, ACookieSignedPatchNeedsTheCsrfToken) {
    std::string session = SignIn("demo-officer-01", app::kDemoPassword);
    ASSERT_FALSE(session.empty());
    HeaderList cookie = {{"Cookie", "nv_session=" + session}};
    std::string csrf = HiddenCsrf(Get("/account", cookie).body);
    ASSERT_FALSE(csrf.empty());
    auto me = Get("/api/v1/me", cookie).Json();
    EXPECT_EQ(me["via_token"], false);
    std::string body = R"({"display_name": "Cán bộ Hà Nội", "email": null, "version": )" +
                       std::to_string(me["version"].get<std::int64_t>()) + "}";

    auto missing = Patch(body, cookie);
    EXPECT_THAT(missing, HasStatus(403));
    EXPECT_THAT(missing, IsJsonError("permission_denied", "_csrf"));
    auto wrong = Patch(body, {{"Cookie", "nv_session=" + session}, {"X-CSRF-Token", "sai"}});
    EXPECT_THAT(wrong, IsJsonError("permission_denied", "_csrf"));
    auto cross = Patch(body, {{"Cookie", "nv_session=" + session},
                              {"X-CSRF-Token", csrf},
                              {"Origin", "http://evil.example"}});
    EXPECT_THAT(cross, IsJsonError("permission_denied", "_csrf"));
    EXPECT_EQ(Get("/api/v1/me", cookie).Json()["display_name"], me["display_name"]);

    auto ok = Patch(body, {{"Cookie", "nv_session=" + session}, {"X-CSRF-Token", csrf}});
    ASSERT_THAT(ok, HasStatus(200));
    EXPECT_EQ(ok.Json()["display_name"], "Cán bộ Hà Nội");
    EXPECT_EQ(ok.Json()["version"], me["version"].get<std::int64_t>() + 1);
    // Without credentials at all: 401.
    EXPECT_THAT(Patch(body, {}), HasStatus(401));
}

class ProfilePageTest : public SessionTest {
 protected:
    void SetUp() override {
        SessionTest::SetUp();
        session_ = SignIn("demo-officer-01", app::kDemoPassword);
        ASSERT_FALSE(session_.empty());
        auto page = Account();
        csrf_ = HiddenCsrf(page.body);
        ASSERT_FALSE(csrf_.empty());
        initial_name_ = NameInForm(page.body);  // the demo's generated name
    }
    HttpResponse Account(const std::string& query = "", const std::string& lang = "vi") {
        return Get("/account" + query, {{"Cookie", "nv_session=" + session_ + "; lang=" + lang}});
    }
    HttpResponse Save(const std::string& name, const std::string& email, const std::string& version,
                      const std::string& lang = "vi") {
        return Post("/account/profile",
                    "_csrf=" + csrf_ + "&display_name=" + http::PercentEncode(name) + "&email=" +
                        http::PercentEncode(email) + "&version=" + http::PercentEncode(version),
                    kForm, {{"Cookie", "nv_session=" + session_ + "; lang=" + lang}});
    }
    std::string session_;
    std::string csrf_;
    std::string initial_name_;
};

TEST_F(ProfilePageTest, AccountShowsTheProfileFormWithTheStoredValues) {
    auto page = Account();
    ASSERT_THAT(page, HasStatus(200));
    EXPECT_THAT(page.body,
                ::testing::HasSubstr(
                    "<form id=\"profile-form\" method=\"post\" action=\"/account/profile\""));
    EXPECT_THAT(page.body, ::testing::HasSubstr("name=\"display_name\""));
    EXPECT_THAT(page.body, ::testing::HasSubstr("type=\"email\""));
    EXPECT_THAT(page.body, ::testing::HasSubstr("id=\"profile-save\""));
    EXPECT_THAT(initial_name_, ::testing::EndsWith(" (Hà Nội)"));
    EXPECT_EQ(EmailInForm(page.body), "");
    EXPECT_EQ(VersionInForm(page.body), "1");
    EXPECT_THAT(page.body, ::testing::Not(::testing::HasSubstr("id=\"profile-saved\"")));
}

TEST_F(ProfilePageTest, SavingRedirectsToTheNoticeAndShowsTheNewValues) {
    auto res = Save("Nguyễn Thị Hoà", "hoa@example.vn", "1");
    ASSERT_THAT(res, HasStatus(303));
    EXPECT_EQ(res.Header("Location").value_or(""), "/account?saved=1");
    auto page = Account("?saved=1");
    EXPECT_THAT(page.body,
                ::testing::HasSubstr("<p class=\"notice\" id=\"profile-saved\">Đã lưu hồ sơ.</p>"));
    EXPECT_EQ(NameInForm(page.body), "Nguyễn Thị Hoà");
    EXPECT_EQ(EmailInForm(page.body), "hoa@example.vn");
    EXPECT_EQ(VersionInForm(page.body), "2");
    // The header shows the new name too.
    EXPECT_THAT(page.body, ::testing::HasSubstr("id=\"account-link\">Nguyễn Thị Hoà</a>"));
    EXPECT_THAT(Account("?saved=1", "en").body,
                ::testing::HasSubstr("id=\"profile-saved\">The profile has been saved.</p>"));
}

TEST_F(ProfilePageTest, BadInputIs400WithTheMessageBesideTheFieldAndTheTypedValues) {
    auto res = Save("   ", "khong-hop-le", "1");
    EXPECT_THAT(res, HasStatus(400));
    EXPECT_THAT(res.body, ::testing::HasSubstr("id=\"profile-name-error\">Họ và tên là bắt buộc"));
    EXPECT_THAT(res.body, ::testing::HasSubstr("id=\"profile-email-error\">Email không hợp lệ"));
    EXPECT_EQ(EmailInForm(res.body), "khong-hop-le");
    EXPECT_EQ(VersionInForm(res.body), "1");
    EXPECT_THAT(res.body, ::testing::HasSubstr("id=\"tokens\""));  // the rest of the page

    auto en = Save("Đúng tên", "a@b@c.vn", "1", "en");
    EXPECT_THAT(en, HasStatus(400));
    EXPECT_THAT(en.body, ::testing::HasSubstr("id=\"profile-email-error\">The email address is "
                                              "not valid"));
    EXPECT_THAT(en.body, ::testing::Not(::testing::HasSubstr("id=\"profile-name-error\"")));
    EXPECT_EQ(NameInForm(en.body), "Đúng tên");

    auto version = Save("Đúng tên", "", "abc");
    EXPECT_THAT(version, HasStatus(400));
    EXPECT_THAT(version.body, ::testing::HasSubstr("id=\"profile-error\""));
    // Nothing was saved.
    EXPECT_EQ(NameInForm(Account().body), initial_name_);
    EXPECT_EQ(VersionInForm(Account().body), "1");
}

TEST_F(ProfilePageTest, AStaleFormIs409WithTheConflictAndTheCurrentValues) {
    ASSERT_THAT(Save("Tab một", "mot@example.vn", "1"), HasStatus(303));
    auto stale = Save("Tab hai", "hai@example.vn", "1");
    EXPECT_THAT(stale, HasStatus(409));
    EXPECT_THAT(stale.body, ::testing::HasSubstr("id=\"profile-conflict\""));
    EXPECT_THAT(stale.body, ::testing::HasSubstr("đã được thay đổi ở nơi khác"));
    EXPECT_EQ(NameInForm(stale.body), "Tab một");
    EXPECT_EQ(EmailInForm(stale.body), "mot@example.vn");
    EXPECT_EQ(VersionInForm(stale.body), "2");
    auto en = Save("Tab hai", "hai@example.vn", "1", "en");
    EXPECT_THAT(en, HasStatus(409));
    EXPECT_THAT(en.body, ::testing::HasSubstr("changed elsewhere"));

    // The form as re-rendered carries the current version, so submitting it again works.
    ASSERT_THAT(Save("Tab hai", "hai@example.vn", VersionInForm(stale.body)), HasStatus(303));
    EXPECT_EQ(NameInForm(Account().body), "Tab hai");
}

TEST_F(ProfilePageTest, TheFormNeedsTheSessionsCsrfToken) {
    auto res = Post("/account/profile", "display_name=X&email=&version=1", kForm,
                    {{"Cookie", "nv_session=" + session_}});
    EXPECT_THAT(res, HasStatus(403));
    EXPECT_EQ(NameInForm(Account().body), initial_name_);
}

}  // namespace
}  // namespace ngoaivu::testing
