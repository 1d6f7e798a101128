// The HTML pages and the language switch. The templates are still being written, so these tests
// check status, content type, language and the data shown (names from the database), not the
// markup.

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/matchers.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

using HomePage = SignedInTest;
using LanguageSwitch = AppTest;
using ProvincesPage = SignedInTest;
using CountriesPage = SignedInTest;

const HeaderList kEnglish = {{"Cookie", "lang=en"}};

TEST_F(HomePage, SendsAnAnonymousVisitorToSignIn) {
    HttpResponse res = AppTest::Get("/");
    ASSERT_THAT(res, HasStatus(303));
    EXPECT_THAT(res, HasHeader("Location", StartsWith("/login?next=")));
}

TEST_F(HomePage, IsVietnameseByDefault) {
    HttpResponse res = Get("/");
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("text/html")));
    EXPECT_THAT(res, HasHeader("Content-Language", "vi"));
    EXPECT_THAT(res.body, HasSubstr("<html lang=\"vi\""));
    EXPECT_THAT(res, HasHeader("Vary", HasSubstr("Cookie")));
}

TEST_F(HomePage, IsEnglishWithTheLanguageCookie) {
    HttpResponse res = Get("/", kEnglish);
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res, HasHeader("Content-Language", "en"));
    EXPECT_THAT(res.body, HasSubstr("<html lang=\"en\""));
}

TEST_F(HomePage, FindsTheLanguageCookieAmongOthers) {
    HttpResponse res = Get("/", {{"Cookie", "theme=dark; lang=en; x=1"}});
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res, HasHeader("Content-Language", "en"));
}

TEST_F(HomePage, FallsBackToVietnameseForAnUnknownLanguageCookie) {
    HttpResponse res = Get("/", {{"Cookie", "lang=fr"}});
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res, HasHeader("Content-Language", "vi"));
}

TEST_F(HomePage, AnswersHeadWithTheHeadersOnly) {
    HttpClient client = app().Client();
    HttpResponse res = client.Head("/", SignedIn());
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("text/html")));
    EXPECT_EQ(res.body, "");
    EXPECT_THAT(client.Get("/healthz"), HasStatus(200));
}

TEST_F(LanguageSwitch, RemembersEnglishAndGoesBack) {
    HttpResponse res = Get("/lang/en?next=/provinces");
    ASSERT_THAT(res, HasStatus(303));
    EXPECT_THAT(res, HasHeader("Location", "/provinces"));
    EXPECT_THAT(res, HasHeader("Set-Cookie", AllOf(StartsWith("lang=en;"), HasSubstr("Path=/"),
                                                   HasSubstr("HttpOnly"), HasSubstr("SameSite"))));
}

TEST_F(LanguageSwitch, KeepsTheQueryOfTheNextPage) {
    HttpResponse res = Get("/lang/vi?next=%2Fprovinces%3Fas_of%3D2025-06-30");
    ASSERT_THAT(res, HasStatus(303));
    EXPECT_THAT(res, HasHeader("Location", "/provinces?as_of=2025-06-30"));
    EXPECT_THAT(res, HasHeader("Set-Cookie", StartsWith("lang=vi;")));
}

TEST_F(LanguageSwitch, GoesHomeWithoutANextPage) {
    HttpResponse res = Get("/lang/en");
    ASSERT_THAT(res, HasStatus(303));
    EXPECT_THAT(res, HasHeader("Location", "/"));
}

TEST_F(LanguageSwitch, RefusesToRedirectToAnotherSite) {
    for (const char* next : {"//evil.com", "https://evil.com/", "/%5Cevil.com", "evil.com",
                             "%2F%2Fevil.com", "/%0D%0ASet-Cookie:%20x=1"}) {
        HttpResponse res = Get(std::string("/lang/en?next=") + next);
        ASSERT_THAT(res, HasStatus(303)) << "next=" << next;
        EXPECT_THAT(res, HasHeader("Location", "/")) << "next=" << next;
    }
}

// Browsers remove tabs and newlines from URLs before resolving them (WHATWG URL parsing), so
// "Location: /\t/evil.com" would take the user to //evil.com.
TEST_F(LanguageSwitch, RefusesToRedirectThroughAControlCharacter) {
    HttpResponse res = Get("/lang/en?next=/%09/evil.com");
    ASSERT_THAT(res, HasStatus(303));
    EXPECT_THAT(res, HasHeader("Location", "/"));
}

TEST_F(LanguageSwitch, RejectsAnUnknownLanguage) {
    HttpResponse res = Get("/lang/xx");
    ASSERT_THAT(res, HasStatus(400));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("text/html")));
    EXPECT_THAT(res, LacksHeader("Set-Cookie"));
}

TEST_F(LanguageSwitch, RejectsAnUnknownLanguageAsJsonForAnApiClient) {
    HttpResponse res = Get("/lang/xx", {{"Accept", "application/json"}});
    ASSERT_THAT(res, HasStatus(400));
    EXPECT_THAT(res, IsJsonError("invalid_argument", "lang"));
}

TEST_F(ProvincesPage, SendsAnAnonymousVisitorToSignInAndBack) {
    HttpResponse res = AppTest::Get("/provinces?as_of=2024-01-01");
    ASSERT_THAT(res, HasStatus(303));
    EXPECT_THAT(res, HasHeader("Location", "/login?next=%2Fprovinces%3Fas_of%3D2024-01-01"));
}

TEST_F(ProvincesPage, ListsTheThirtyFourUnitsOfToday) {
    HttpResponse res = Get("/provinces");
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("text/html")));
    EXPECT_THAT(res, HasHeader("Content-Language", "vi"));
    EXPECT_THAT(res.body, HasSubstr("Thành phố Hồ Chí Minh"));
    EXPECT_THAT(res.body, HasSubstr("Tỉnh Đắk Lắk"));
}

TEST_F(ProvincesPage, ListsTheOldUnitsBeforeTheMerger) {
    HttpResponse res = Get("/provinces?as_of=2025-06-30");
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res.body, HasSubstr("Tỉnh Bắc Giang"));
    EXPECT_THAT(res.body, HasSubstr("Tỉnh Long An"));
}

TEST_F(ProvincesPage, SearchesWithoutDiacritics) {
    HttpResponse res = Get("/provinces?as_of=2024-01-01&q=dak+lak");
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res.body, HasSubstr("Tỉnh Đắk Lắk"));
    EXPECT_THAT(res.body, Not(HasSubstr("Tỉnh Đắk Nông")));
}

TEST_F(ProvincesPage, RejectsABadDateAsAnHtmlError) {
    HttpResponse res = Get("/provinces?as_of=2025-13-01");
    ASSERT_THAT(res, HasStatus(400));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("text/html")));
}

TEST_F(ProvincesPage, ShowsHoChiMinhCity) {
    HttpResponse res = Get("/provinces/79");
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("text/html")));
    EXPECT_THAT(res.body, HasSubstr("Thành phố Hồ Chí Minh"));
}

TEST_F(ProvincesPage, ShowsHoChiMinhCityInEnglish) {
    HttpResponse res = Get("/provinces/79", kEnglish);
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res, HasHeader("Content-Language", "en"));
    EXPECT_THAT(res.body, HasSubstr("Ho Chi Minh City"));
}

TEST_F(ProvincesPage, ShowsTheSuccessorOfAnOldUnit) {
    HttpResponse res = Get("/provinces/24?as_of=2024-01-01");
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res.body, HasSubstr("Tỉnh Bắc Giang"));
    EXPECT_THAT(res.body, HasSubstr("Tỉnh Bắc Ninh"));
}

TEST_F(ProvincesPage, AnswersNotFoundForAnUnknownCode) {
    HttpResponse res = Get("/provinces/99");
    ASSERT_THAT(res, HasStatus(404));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("text/html")));
}

TEST_F(CountriesPage, FindsSouthKorea) {
    HttpResponse res = Get("/countries?q=han+quoc");
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("text/html")));
    EXPECT_THAT(res.body, HasSubstr("Hàn Quốc"));
}

TEST_F(CountriesPage, AnswersAnHtmxRequestWithAFragment) {
    HttpResponse res = Get("/countries?q=han+quoc", {{"HX-Request", "true"}});
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("text/html")));
    EXPECT_THAT(res.body, HasSubstr("Hàn Quốc"));
    EXPECT_THAT(res.body, Not(HasSubstr("<html")));
}

TEST_F(CountriesPage, EscapesTheSearchTextItShowsBack) {
    HttpResponse res = Get("/countries?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res.body, Not(HasSubstr("<script>alert(1)")));
}

}  // namespace
}  // namespace ngoaivu::testing
