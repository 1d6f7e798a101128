// /healthz and /metrics over real HTTP.

#include <sstream>
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
using ::testing::StartsWith;

using HealthApi = AppTest;
using MetricsApi = SignedInTest;

// The value of the sample line that starts with `series` ("name{labels}"), or -1 when absent.
double Sample(const std::string& exposition, const std::string& series) {
    std::istringstream in(exposition);
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with(series + " "))
            return std::stod(line.substr(series.size() + 1));
    }
    return -1;
}

TEST_F(HealthApi, AnswersOkWithTheDatabaseUp) {
    HttpResponse res = Get("/healthz");
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("application/json")));
    nlohmann::json j = res.Json();
    EXPECT_EQ(j.value("status", ""), "ok");
    EXPECT_EQ(j.value("database", ""), "ok");
    EXPECT_TRUE(j.contains("version"));
    EXPECT_TRUE(j.contains("uptime_seconds"));
}

TEST_F(HealthApi, AnswersHeadWithoutABody) {
    HttpClient client = app().Client();
    HttpResponse res = client.Head("/healthz");
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_EQ(res.body, "");
    // The connection stays usable: no stray body bytes were sent after the head.
    HttpResponse next = client.Get("/healthz");
    ASSERT_THAT(next, HasStatus(200));
    EXPECT_EQ(next.Json().value("status", ""), "ok");
}

TEST_F(HealthApi, ServesSeveralRequestsOnOneKeepAliveConnection) {
    HttpClient client = app().Client();
    for (int i = 0; i < 5; ++i) {
        HttpResponse res = client.Get("/healthz");
        ASSERT_THAT(res, HasStatus(200)) << "request " << i;
        EXPECT_TRUE(client.connected()) << "the server closed a keep-alive connection";
    }
}

TEST_F(HealthApi, ClosesTheConnectionWhenTheClientAsksTo) {
    HttpClient client = app().Client();
    HttpResponse res = client.Get("/healthz", {{"Connection", "close"}});
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res, HasHeader("Connection", "close"));
    EXPECT_FALSE(client.connected());
}

TEST_F(MetricsApi, CountsAnEarlierRequestByItsRoutePattern) {
    ASSERT_THAT(Get("/api/v1/provinces?as_of=2024-01-01"), HasStatus(200));
    ASSERT_THAT(Get("/api/v1/provinces/79"), HasStatus(200));

    HttpResponse res = Get("/metrics");
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("text/plain; version=0.0.4")));
    EXPECT_THAT(res.body, HasSubstr("# TYPE ngoaivu_http_requests_total counter"));
    EXPECT_EQ(Sample(res.body,
                     "ngoaivu_http_requests_total{method=\"GET\",route=\"/api/v1/"
                     "provinces\",status=\"200\"}"),
              1);
    // The route label is the pattern, never the concrete path or the query string.
    EXPECT_EQ(Sample(res.body,
                     "ngoaivu_http_requests_total{method=\"GET\",route=\"/api/v1/"
                     "provinces/{code}\",status=\"200\"}"),
              1);
    EXPECT_THAT(res.body, Not(HasSubstr("as_of")));
    EXPECT_THAT(res.body, Not(HasSubstr("route=\"/api/v1/provinces/79\"")));
}

TEST_F(MetricsApi, ExposesACumulativeLatencyHistogram) {
    ASSERT_THAT(Get("/api/v1/countries"), HasStatus(200));
    HttpResponse res = Get("/metrics");
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res.body, HasSubstr("# TYPE ngoaivu_http_request_duration_seconds histogram"));
    const std::string prefix =
        "ngoaivu_http_request_duration_seconds_bucket{route=\"/api/v1/countries\",le=\"";
    std::vector<double> counts;
    for (const char* le : {"0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1",
                           "0.25", "0.5", "1", "2.5", "+Inf"}) {
        double v = Sample(res.body, prefix + le + "\"}");
        EXPECT_GE(v, 0) << "bucket le=" << le << " missing";
        counts.push_back(v);
    }
    for (std::size_t i = 1; i < counts.size(); ++i)
        EXPECT_LE(counts[i - 1], counts[i]) << "buckets must be cumulative";
    EXPECT_EQ(counts.back(), 1);
    EXPECT_EQ(Sample(res.body,
                     "ngoaivu_http_request_duration_seconds_count{route=\"/api/v1/countries\"}"),
              1);
    EXPECT_GE(
        Sample(res.body, "ngoaivu_http_request_duration_seconds_sum{route=\"/api/v1/countries\"}"),
        0);
}

TEST_F(MetricsApi, ReportsTimeSpentInTheDatabase) {
    ASSERT_THAT(Get("/api/v1/countries?q=han"), HasStatus(200));
    HttpResponse res = Get("/metrics");
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res.body, HasSubstr("# TYPE ngoaivu_db_statement_seconds_total counter"));
    EXPECT_GT(Sample(res.body, "ngoaivu_db_statement_seconds_total"), 0);
    EXPECT_GT(Sample(res.body, "ngoaivu_db_statements_total"), 0);
    EXPECT_GE(Sample(res.body, "ngoaivu_http_open_connections"), 1)
        << "the scrape's own connection is open";
}

TEST_F(MetricsApi, LabelsUnmatchedRequestsWithoutThePath) {
    ASSERT_THAT(Get("/no/such/page/secret-token"), HasStatus(404));
    HttpResponse res = Get("/metrics");
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_EQ(
        Sample(res.body,
               "ngoaivu_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"}"),
        1);
    EXPECT_THAT(res.body, Not(HasSubstr("secret-token")));
}

}  // namespace
}  // namespace ngoaivu::testing
