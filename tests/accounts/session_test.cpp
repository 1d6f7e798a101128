// Sign-in over real HTTP: cookies, session fixation, CSRF, expiry, and no secret in the log.
#include <regex>

#include <gtest/gtest.h>

#include "app/demo.hpp"
#include "modules/accounts/account_repository.hpp"
#include "modules/accounts/account_service.hpp"
#include "modules/audit/audit_repository.hpp"
#include "modules/audit/audit_service.hpp"
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

}  // namespace
}  // namespace ngoaivu::testing
