// What every response carries (request id, security headers), and the 404/405 answers.

#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/matchers.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing::StartsWith;

using SecurityHeaders = AppTest;
using RequestId = SignedInTest;
using UnknownRoutes = AppTest;

// An Allow header for a read-only route: GET (and HEAD, which is routed as GET), nothing else.
::testing::Matcher<std::string> AllowsGetOnly() {
    return AllOf(HasSubstr("GET"), Not(HasSubstr("POST")), Not(HasSubstr("DELETE")),
                 Not(HasSubstr("PUT")));
}

// Checks the headers the first middleware adds to every response.
void ExpectSecurityHeaders(const HttpResponse& res, const std::string& what) {
    SCOPED_TRACE(what);
    EXPECT_THAT(res, HasHeader("X-Request-Id", Not(::testing::IsEmpty())));
    EXPECT_THAT(
        res, HasHeader("Content-Security-Policy",
                       AllOf(HasSubstr("default-src 'self'"), HasSubstr("frame-ancestors 'none'"),
                             Not(HasSubstr("unsafe-inline")), Not(HasSubstr("unsafe-eval")),
                             Not(HasSubstr("*")))));
    EXPECT_THAT(res, HasHeader("X-Content-Type-Options", "nosniff"));
    EXPECT_THAT(res, HasHeader("Referrer-Policy", Not(::testing::IsEmpty())));
    EXPECT_THAT(res, HasHeader("X-Frame-Options", "DENY"));
}

TEST_F(SecurityHeaders, AreOnEveryKindOfResponse) {
    struct Case {
        std::string method;
        std::string target;
        int status;
        bool signed_in = true;
    };
    const std::vector<Case> cases = {
        {"GET", "/", 200},
        {"GET", "/", 303, false},
        {"GET", "/healthz", 200, false},
        {"GET", "/metrics", 200, false},
        {"GET", "/api/v1/provinces", 200},
        {"GET", "/api/v1/provinces", 401, false},
        {"GET", "/api/v1/provinces/abc", 400},
        {"GET", "/api/v1/provinces/99", 404},
        {"GET", "/provinces", 200},
        {"GET", "/countries?q=han+quoc", 200},
        {"GET", "/lang/en?next=/", 303, false},
        {"GET", "/no/such/page", 404, false},
        {"GET", "/api/v1/nothing", 404, false},
        {"POST", "/healthz", 405, false},
        {"GET", "/static/vendor/htmx.min.js", 200, false},
        {"GET", "/static/nothing.js", 404, false},
        {"GET", "/api/v1/openapi.json", 200, false},
    };
    for (const auto& c : cases) {
        HttpClient client = app().Client();
        HttpResponse res =
            client.Request(c.method, c.target, c.signed_in ? SignedIn() : HeaderList{});
        EXPECT_THAT(res, HasStatus(c.status)) << c.method << " " << c.target;
        ExpectSecurityHeaders(res, c.method + " " + c.target);
    }
}

TEST_F(SecurityHeaders, DoNotLetDynamicPagesBeCached) {
    EXPECT_THAT(Get("/api/v1/provinces", SignedIn()), HasHeader("Cache-Control", "no-store"));
    EXPECT_THAT(Get("/", SignedIn()), HasHeader("Cache-Control", "no-store"));
}

TEST_F(RequestId, IsGeneratedAndDiffersBetweenRequests) {
    std::set<std::string> ids;
    for (int i = 0; i < 5; ++i) {
        HttpResponse res = Get("/healthz");
        ASSERT_THAT(res, HasStatus(200));
        auto id = res.Header("X-Request-Id");
        ASSERT_TRUE(id);
        EXPECT_THAT(*id, MatchesRegex("[0-9a-f]+"));
        ids.insert(*id);
    }
    EXPECT_THAT(ids, SizeIs(5));
}

TEST_F(RequestId, EchoesTheCallersPlainId) {
    HttpResponse res = Get("/healthz", {{"X-Request-Id", "abc-123"}});
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res, HasHeader("X-Request-Id", "abc-123"));
}

TEST_F(RequestId, ReplacesAnIdThatIsNotPlain) {
    for (const std::string& given : {std::string("abc 123"), std::string("<script>"),
                                     std::string("a\"b"), std::string(65, 'a')}) {
        HttpResponse res = Get("/healthz", {{"X-Request-Id", given}});
        ASSERT_THAT(res, HasStatus(200)) << given;
        EXPECT_THAT(res, HasHeader("X-Request-Id",
                                   AllOf(Not(::testing::Eq(given)), MatchesRegex("[0-9a-f]+"))))
            << given;
    }
}

TEST_F(RequestId, IsShownOnAnHtmlErrorPage) {
    HttpResponse res = Get("/no/such/page", {{"X-Request-Id", "abc-123"}});
    ASSERT_THAT(res, HasStatus(404));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("text/html")));
    EXPECT_THAT(res.body, HasSubstr("abc-123"));
}

TEST_F(RequestId, OfAGeneratedIdIsShownOnAnHtmlErrorPage) {
    HttpResponse res = Get("/provinces/99");
    ASSERT_THAT(res, HasStatus(404));
    auto id = res.Header("X-Request-Id");
    ASSERT_TRUE(id);
    EXPECT_THAT(res.body, HasSubstr(*id));
}

TEST_F(RequestId, IsInTheJsonErrorEnvelope) {
    HttpResponse res = Get("/api/v1/nothing", {{"X-Request-Id", "abc-123"}});
    ASSERT_THAT(res, HasStatus(404));
    EXPECT_EQ(res.Json()["error"]["request_id"], "abc-123");
}

TEST_F(UnknownRoutes, AnswerAnHtmlPageForAPagePath) {
    HttpResponse res = Get("/no/such/page");
    ASSERT_THAT(res, HasStatus(404));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("text/html")));
    EXPECT_THAT(res, HasHeader("Content-Language", "vi"));
}

TEST_F(UnknownRoutes, AnswerInEnglishWithTheLanguageCookie) {
    HttpResponse res = Get("/no/such/page", {{"Cookie", "lang=en"}});
    ASSERT_THAT(res, HasStatus(404));
    EXPECT_THAT(res, HasHeader("Content-Language", "en"));
}

TEST_F(UnknownRoutes, AnswerTheJsonEnvelopeUnderApi) {
    HttpResponse res = Get("/api/v1/nothing");
    ASSERT_THAT(res, HasStatus(404));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("application/json")));
    EXPECT_THAT(res, IsJsonError("not_found", ""));
}

TEST_F(UnknownRoutes, AnswerJsonToAClientThatAcceptsJsonFirst) {
    HttpResponse res = Get("/no/such/page", {{"Accept", "application/json, text/html"}});
    ASSERT_THAT(res, HasStatus(404));
    EXPECT_THAT(res, IsJsonError("not_found", ""));
}

TEST_F(UnknownRoutes, DoNotMatchATrailingSlash) {
    EXPECT_THAT(Get("/healthz/"), HasStatus(404));
    EXPECT_THAT(Get("/api/v1/provinces/"), HasStatus(404));
}

TEST_F(UnknownRoutes, PostToAGetOnlyRouteIsMethodNotAllowedWithAllow) {
    HttpResponse res = Post("/healthz", "", "text/plain");
    ASSERT_THAT(res, HasStatus(405));
    EXPECT_THAT(res, HasHeader("Allow", AllowsGetOnly()));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("text/html")));
}

TEST_F(UnknownRoutes, PostToAGetOnlyApiRouteIsMethodNotAllowedAsJson) {
    HttpResponse res = Post("/api/v1/provinces/24", "{}", "application/json");
    ASSERT_THAT(res, HasStatus(405));
    EXPECT_THAT(res, HasHeader("Allow", AllowsGetOnly()));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("application/json")));
    EXPECT_THAT(res, IsJsonError("method_not_allowed", ""));
}

TEST_F(UnknownRoutes, DeleteIsMethodNotAllowed) {
    HttpClient client = app().Client();
    HttpResponse res = client.Request("DELETE", "/provinces");
    ASSERT_THAT(res, HasStatus(405));
    EXPECT_THAT(res, HasHeader("Allow", AllowsGetOnly()));
}

}  // namespace
}  // namespace ngoaivu::testing
