// /static/: files from the build's assets folder, ETag revalidation, no way out of the folder.

#include <fstream>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/matchers.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

using StaticFiles = AppTest;

std::string ReadAsset(const std::string& rel) {
    std::ifstream in(AssetsDir() / rel, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST_F(StaticFiles, ServesVendoredHtmxWithAnEtag) {
    HttpResponse res = Get("/static/vendor/htmx.min.js");
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("text/javascript")));
    EXPECT_THAT(res, HasHeader("ETag", StartsWith("\"")));
    EXPECT_THAT(res, HasHeader("Cache-Control", HasSubstr("max-age=")));
    std::string expected = ReadAsset("static/vendor/htmx.min.js");
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(res.body.size(), expected.size());
    EXPECT_TRUE(res.body == expected) << "the body differs from the file";
}

TEST_F(StaticFiles, AnswersNotModifiedToAMatchingIfNoneMatch) {
    HttpClient client = app().Client();
    HttpResponse first = client.Get("/static/vendor/htmx.min.js");
    ASSERT_THAT(first, HasStatus(200));
    auto etag = first.Header("ETag");
    ASSERT_TRUE(etag);
    HttpResponse again = client.Get("/static/vendor/htmx.min.js", {{"If-None-Match", *etag}});
    ASSERT_THAT(again, HasStatus(304));
    EXPECT_EQ(again.body, "");
    EXPECT_THAT(again, HasHeader("ETag", *etag));
    // The connection is still in step: nothing was sent after the 304's head.
    EXPECT_THAT(client.Get("/healthz"), HasStatus(200));
}

TEST_F(StaticFiles, AnswersTheFileToAStaleIfNoneMatch) {
    HttpResponse res =
        Get("/static/vendor/htmx.min.js", {{"If-None-Match", "\"0000000000000000\""}});
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_FALSE(res.body.empty());
}

TEST_F(StaticFiles, LetsOurOwnFilesRevalidate) {
    HttpResponse res = Get("/static/css/app.css");
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("text/css")));
    EXPECT_THAT(res, HasHeader("Cache-Control", "no-cache"));
}

TEST_F(StaticFiles, AnswersHeadWithoutTheBody) {
    HttpClient client = app().Client();
    HttpResponse res = client.Head("/static/vendor/htmx.min.js");
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_EQ(res.body, "");
    EXPECT_THAT(client.Get("/healthz"), HasStatus(200));
}

TEST_F(StaticFiles, AnswersNotFoundForAMissingFile) {
    HttpResponse res = Get("/static/vendor/jquery.min.js");
    EXPECT_THAT(res, HasStatus(404));
}

TEST_F(StaticFiles, NeverServesAFileOutsideTheFolder) {
    for (const char* target : {
             "/static/../CMakeLists.txt",
             "/static/../../CMakeLists.txt",
             "/static/%2e%2e/%2e%2e/etc/passwd",
             "/static/..%2f..%2fetc/passwd",
             "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
             "/static/vendor/../../../../../../etc/passwd",
             "/static//etc/passwd",
             "/static/%2Fetc%2Fpasswd",
             "/static/..\\..\\etc\\passwd",
             "/static/vendor/%2e%2e/%2e%2e/templates/layout.html",
             "/static/%00../../etc/passwd",
         }) {
        HttpResponse res = Get(target);
        EXPECT_THAT(res.status, AnyOf(400, 404)) << target << ": " << res.Describe();
        EXPECT_THAT(res.body, Not(HasSubstr("root:"))) << target;
        EXPECT_THAT(res.body, Not(HasSubstr("cmake_minimum_required"))) << target;
        EXPECT_THAT(res.body, Not(HasSubstr("{{>content}}"))) << target;
        EXPECT_TRUE(ServesHealthz(port())) << "after " << target;
    }
}

}  // namespace
}  // namespace ngoaivu::testing
