// The access log: one JSON line per request, without query strings.

#include <map>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/matchers.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using AccessLog = SignedInTest;

// The access log line of request `id`, or null.
nlohmann::json LineOf(const std::vector<nlohmann::json>& lines, const std::string& id) {
    for (const auto& line : lines) {
        if (line.value("request_id", "") == id)
            return line;
    }
    return nullptr;
}

TEST_F(AccessLog, HasOneJsonLinePerRequest) {
    ASSERT_THAT(Get("/healthz"), HasStatus(200));
    ASSERT_THAT(Get("/api/v1/provinces?as_of=2024-01-01"), HasStatus(200));
    ASSERT_THAT(Get("/no/such/page"), HasStatus(404));
    ASSERT_THAT(Post("/healthz", "x", "text/plain"), HasStatus(405));

    for (const auto& raw : app().LogLines()) {
        EXPECT_TRUE(nlohmann::json::accept(raw)) << "not a JSON line: " << raw;
    }
    std::vector<nlohmann::json> lines = app().AccessLog();
    ASSERT_EQ(lines.size(), 4u);
    for (const auto& line : lines) {
        EXPECT_TRUE(line["request_id"].is_string() &&
                    !line["request_id"].get<std::string>().empty())
            << line.dump();
        EXPECT_TRUE(line["status"].is_number_integer()) << line.dump();
        EXPECT_TRUE(line["route"].is_string()) << line.dump();
        EXPECT_TRUE(line["duration_ms"].is_number()) << line.dump();
        EXPECT_GE(line["duration_ms"].get<double>(), 0) << line.dump();
        EXPECT_TRUE(line["ts"].is_string()) << line.dump();
        EXPECT_TRUE(line["method"].is_string()) << line.dump();
    }
    EXPECT_EQ(lines[0]["route"], "/healthz");
    EXPECT_EQ(lines[0]["status"], 200);
    EXPECT_EQ(lines[1]["route"], "/api/v1/provinces");
    EXPECT_EQ(lines[2]["status"], 404);
    EXPECT_EQ(lines[3]["status"], 405);
    EXPECT_EQ(lines[3]["method"], "POST");
}

TEST_F(AccessLog, UsesTheSameRequestIdAsTheResponse) {
    HttpResponse given = Get("/healthz", {{"X-Request-Id", "abc-123"}});
    HttpResponse generated = Get("/api/v1/countries/KR");
    ASSERT_THAT(given, HasStatus(200));
    ASSERT_THAT(generated, HasStatus(200));
    auto lines = app().AccessLog();

    nlohmann::json a = LineOf(lines, "abc-123");
    ASSERT_FALSE(a.is_null());
    EXPECT_EQ(a["route"], "/healthz");
    EXPECT_EQ(a["path"], "/healthz");
    EXPECT_EQ(a["status"], 200);

    nlohmann::json b = LineOf(lines, generated.Header("X-Request-Id").value_or("?"));
    ASSERT_FALSE(b.is_null());
    EXPECT_EQ(b["route"], "/api/v1/countries/{alpha2}");
    EXPECT_EQ(b["path"], "/api/v1/countries/KR");
}

TEST_F(AccessLog, NeverContainsTheQueryString) {
    ASSERT_THAT(Get("/api/v1/countries?q=secret-search-words&page=1"), HasStatus(200));
    ASSERT_THAT(Get("/provinces?as_of=2024-01-01&q=private-text"), HasStatus(200));
    ASSERT_THAT(Get("/api/v1/provinces?as_of=not-a-date-secret"), HasStatus(400));
    ASSERT_THAT(Get("/nope?token=secret-token"), HasStatus(404));
    auto raw = app().LogLines();
    ASSERT_GE(raw.size(), 4u);
    for (const auto& line : raw) {
        EXPECT_THAT(line, Not(HasSubstr("secret"))) << line;
        EXPECT_THAT(line, Not(HasSubstr("private-text"))) << line;
        EXPECT_THAT(line, Not(HasSubstr("?"))) << line;
    }
    auto lines = app().AccessLog();
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0]["path"], "/api/v1/countries");
    EXPECT_EQ(lines[3]["path"], "/nope");
}

TEST_F(AccessLog, NeverContainsTheApiToken) {
    ASSERT_THAT(Get("/api/v1/countries/KR"), HasStatus(200));
    ASSERT_THAT(AppTest::Get("/api/v1/countries/KR", {{"Authorization", "Bearer wrong-secret"}}),
                HasStatus(401));
    const std::string& token = app().Token();
    for (const auto& line : app().LogLines()) {
        EXPECT_THAT(line, Not(HasSubstr(token)));
        EXPECT_THAT(line, Not(HasSubstr("wrong-secret")));
    }
}

TEST_F(AccessLog, RecordsStaticFilesUnderOneRoute) {
    ASSERT_THAT(Get("/static/vendor/htmx.min.js"), HasStatus(200));
    auto lines = app().AccessLog();
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0]["route"], "/static/*");
    EXPECT_EQ(lines[0]["path"], "/static/vendor/htmx.min.js");
}

TEST_F(AccessLog, RecordsProtocolErrorsToo) {
    HttpResponse res = SendRaw(port(), "GARBAGE\r\n\r\n");
    ASSERT_THAT(res, HasStatus(400));
    auto lines = app().AccessLog();
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0]["status"], 400);
    EXPECT_EQ(lines[0]["request_id"], res.Header("X-Request-Id").value_or("?"));
}

// One event loop, so that consecutive requests run on the same thread.
class AccessLogOneThread : public SignedInTest {
 protected:
    TestAppOptions Options() const override {
        TestAppOptions o;
        o.server.threads = 1;
        return o;
    }
};

// Regression: the thread-local database time used not to be reset for protocol errors, so their
// log line reported the database time of the previous request on that thread.
TEST_F(AccessLogOneThread, ReportsNoDatabaseTimeForAProtocolError) {
    ASSERT_THAT(Get("/api/v1/provinces?as_of=2024-01-01&per_page=200"), HasStatus(200));
    ASSERT_THAT(SendRaw(port(), "GARBAGE\r\n\r\n"), HasStatus(400));
    auto lines = app().AccessLog();
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_GT(lines[0]["db_ms"].get<double>(), 0);
    EXPECT_EQ(lines[1]["status"], 400);
    EXPECT_EQ(lines[1]["db_ms"].get<double>(), 0) << lines[1].dump();
}

}  // namespace
}  // namespace ngoaivu::testing
