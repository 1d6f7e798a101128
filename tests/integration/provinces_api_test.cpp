// GET /api/v1/provinces and /api/v1/provinces/{code}: the 63 units before 1 July 2025, the 34
// from then, and the merger between them (Resolution 202/2025/QH15).

#include <algorithm>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/text.hpp"
#include "support/matchers.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::StartsWith;
using ::testing::UnorderedElementsAre;

using ProvincesApi = SignedInTest;

// The values of `key` in the objects of a JSON array.
std::vector<std::string> Strings(const nlohmann::json& array, const std::string& key) {
    std::vector<std::string> out;
    for (const auto& item : array)
        out.push_back(item.value(key, ""));
    return out;
}

TEST_F(ProvincesApi, RequiresSignInAnsweringUnauthenticatedJson) {
    HttpResponse res = AppTest::Get("/api/v1/provinces");
    ASSERT_THAT(res, HasStatus(401));
    EXPECT_THAT(res, IsJsonError("unauthenticated", ""));
    EXPECT_THAT(res, HasHeader("WWW-Authenticate", StartsWith("Bearer")));
}

TEST_F(ProvincesApi, RefusesAnUnknownToken) {
    HttpResponse res = AppTest::Get("/api/v1/provinces", {{"Authorization", "Bearer not-a-token"}});
    ASSERT_THAT(res, HasStatus(401));
    EXPECT_EQ(res.Json()["error"]["code"], "unauthenticated");
}

TEST_F(ProvincesApi, ReturnsSixtyThreeUnitsAsOf2024) {
    HttpResponse res = Get("/api/v1/provinces?as_of=2024-01-01");
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("application/json")));
    nlohmann::json j = res.Json();
    EXPECT_EQ(j["total"], 63);
    EXPECT_EQ(j["items"].size(), 63u);
    EXPECT_EQ(j["as_of"], "2024-01-01");
    for (const auto& item : j["items"])
        EXPECT_EQ(item["generation"], 1) << item.dump();
}

TEST_F(ProvincesApi, ReturnsThirtyFourUnitsAsOfJuly2025) {
    nlohmann::json j = Get("/api/v1/provinces?as_of=2025-07-01").Json();
    EXPECT_EQ(j["total"], 34);
    EXPECT_EQ(j["items"].size(), 34u);
    for (const auto& item : j["items"])
        EXPECT_EQ(item["generation"], 2) << item.dump();
}

TEST_F(ProvincesApi, ReturnsSixtyThreeUnitsOnTheLastDayBeforeTheMerger) {
    EXPECT_EQ(Get("/api/v1/provinces?as_of=2025-06-30").Json()["total"], 63);
}

TEST_F(ProvincesApi, UsesTheClocksTodayWhenNoDateIsGiven) {
    // The fake clock stands at 1 August 2025.
    nlohmann::json j = Get("/api/v1/provinces").Json();
    EXPECT_EQ(j["total"], 34);
    EXPECT_EQ(j["as_of"], "2025-08-01");
}

TEST_F(ProvincesApi, AcceptsTheVietnameseDateForm) {
    nlohmann::json j = Get("/api/v1/provinces?as_of=30/06/2025").Json();
    EXPECT_EQ(j["total"], 63);
    EXPECT_EQ(j["as_of"], "2025-06-30");
}

TEST_F(ProvincesApi, PagesThroughTheSixtyThreeUnits) {
    HttpResponse res = Get("/api/v1/provinces?as_of=2024-01-01&per_page=10&page=7");
    ASSERT_THAT(res, HasStatus(200));
    nlohmann::json j = res.Json();
    EXPECT_EQ(j["total"], 63);
    EXPECT_EQ(j["page"], 7);
    EXPECT_EQ(j["per_page"], 10);
    EXPECT_EQ(j["pages"], 7);
    EXPECT_EQ(j["items"].size(), 3u);
}

TEST_F(ProvincesApi, PagesDoNotOverlapAndCoverEveryUnit) {
    std::vector<std::string> codes;
    for (int page = 1; page <= 7; ++page) {
        nlohmann::json j =
            Get("/api/v1/provinces?as_of=2024-01-01&per_page=10&page=" + std::to_string(page))
                .Json();
        for (const auto& code : Strings(j["items"], "code"))
            codes.push_back(code);
    }
    std::sort(codes.begin(), codes.end());
    EXPECT_EQ(codes.size(), 63u);
    EXPECT_EQ(std::adjacent_find(codes.begin(), codes.end()), codes.end()) << "a code repeats";
}

TEST_F(ProvincesApi, ReturnsAnEmptyPageBeyondTheLast) {
    nlohmann::json j = Get("/api/v1/provinces?as_of=2024-01-01&per_page=10&page=8").Json();
    EXPECT_EQ(j["total"], 63);
    EXPECT_TRUE(j["items"].empty());
}

TEST_F(ProvincesApi, FindsDakLakWithoutDiacritics) {
    HttpResponse res = Get("/api/v1/provinces?as_of=2024-01-01&q=dak%20lak");
    ASSERT_THAT(res, HasStatus(200));
    nlohmann::json j = res.Json();
    EXPECT_EQ(j["total"], 1);
    EXPECT_THAT(Strings(j["items"], "name_vi"), ElementsAre("Tỉnh Đắk Lắk"));
}

TEST_F(ProvincesApi, FindsDakLakWithDiacriticsAndPlusForSpace) {
    // "Đắk Lắk", percent-encoded UTF-8, the space as '+'.
    nlohmann::json j =
        Get("/api/v1/provinces?as_of=2024-01-01&q=%C4%90%E1%BA%AFk+L%E1%BA%AFk").Json();
    EXPECT_THAT(Strings(j["items"], "short_name_vi"), ElementsAre("Đắk Lắk"));
}

TEST_F(ProvincesApi, FindsNothingForAnUnknownName) {
    nlohmann::json j = Get("/api/v1/provinces?q=atlantis").Json();
    EXPECT_EQ(j["total"], 0);
    EXPECT_TRUE(j["items"].empty());
    EXPECT_EQ(j["pages"], 1);
}

TEST_F(ProvincesApi, TreatsLikeWildcardsInTheSearchLiterally) {
    EXPECT_EQ(Get("/api/v1/provinces?q=%25").Json()["total"], 0);
    EXPECT_EQ(Get("/api/v1/provinces?q=_").Json()["total"], 0);
}

TEST_F(ProvincesApi, ShowsBacGiangBeforeTheMergerWithItsSuccessor) {
    HttpResponse res = Get("/api/v1/provinces/24?as_of=2024-01-01");
    ASSERT_THAT(res, HasStatus(200));
    nlohmann::json j = res.Json();
    EXPECT_EQ(j["name_vi"], "Tỉnh Bắc Giang");
    EXPECT_EQ(j["code"], "24");
    EXPECT_EQ(j["generation"], 1);
    EXPECT_EQ(j["valid_to"], "2025-06-30");
    ASSERT_TRUE(j["successor"].is_object()) << j.dump();
    EXPECT_EQ(j["successor"]["name_vi"], "Tỉnh Bắc Ninh");
    EXPECT_EQ(j["successor"]["code"], "24");
    EXPECT_EQ(j["successor"]["generation"], 2);
    ASSERT_EQ(j["merged_with"].size(), 1u) << j.dump();
    EXPECT_EQ(j["merged_with"][0]["name_vi"], "Tỉnh Bắc Ninh");
    EXPECT_EQ(j["merged_with"][0]["code"], "27");
    EXPECT_EQ(j["merged_with"][0]["generation"], 1);
    EXPECT_TRUE(j["predecessors"].empty());
}

TEST_F(ProvincesApi, ShowsTheNewBacNinhWithBothPredecessors) {
    HttpResponse res = Get("/api/v1/provinces/24?as_of=2025-07-01");
    ASSERT_THAT(res, HasStatus(200));
    nlohmann::json j = res.Json();
    EXPECT_EQ(j["name_vi"], "Tỉnh Bắc Ninh");
    EXPECT_EQ(j["generation"], 2);
    EXPECT_TRUE(j["valid_to"].is_null());
    EXPECT_TRUE(j["successor"].is_null());
    EXPECT_THAT(Strings(j["predecessors"], "name_vi"),
                UnorderedElementsAre("Tỉnh Bắc Giang", "Tỉnh Bắc Ninh"));
    EXPECT_THAT(Strings(j["predecessors"], "code"), UnorderedElementsAre("24", "27"));
}

TEST_F(ProvincesApi, ShowsTheNewTayNinhFormedFromLongAnAndTayNinh) {
    HttpResponse res = Get("/api/v1/provinces/80?as_of=2025-08-01");
    ASSERT_THAT(res, HasStatus(200));
    nlohmann::json j = res.Json();
    EXPECT_EQ(j["name_vi"], "Tỉnh Tây Ninh");
    EXPECT_EQ(j["generation"], 2);
    EXPECT_THAT(Strings(j["predecessors"], "short_name_vi"),
                UnorderedElementsAre("Long An", "Tây Ninh"));
}

TEST_F(ProvincesApi, CodeEightyWasLongAnBeforeTheMerger) {
    nlohmann::json j = Get("/api/v1/provinces/80?as_of=2024-01-01").Json();
    EXPECT_EQ(j["name_vi"], "Tỉnh Long An");
    EXPECT_EQ(j["successor"]["name_vi"], "Tỉnh Tây Ninh");
}

TEST_F(ProvincesApi, UnchangedHanoiIsItsOwnSinglePredecessor) {
    nlohmann::json j = Get("/api/v1/provinces/01").Json();
    EXPECT_EQ(j["name_vi"], "Thành phố Hà Nội");
    EXPECT_EQ(j["kind"], "city");
    EXPECT_THAT(Strings(j["predecessors"], "code"), ElementsAre("01"));
}

TEST_F(ProvincesApi, RejectsAOneDigitCodeNamingTheField) {
    HttpResponse res = Get("/api/v1/provinces/7");
    ASSERT_THAT(res, HasStatus(400));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("application/json")));
    EXPECT_THAT(res, IsJsonError("invalid_argument", "code"));
}

TEST_F(ProvincesApi, RejectsALetterCodeNamingTheField) {
    HttpResponse res = Get("/api/v1/provinces/abc");
    ASSERT_THAT(res, HasStatus(400));
    EXPECT_THAT(res, IsJsonError("invalid_argument", "code"));
    nlohmann::json e = res.Json()["error"];
    ASSERT_EQ(e["fields"].size(), 1u);
    EXPECT_EQ(e["fields"][0]["field"], "code");
}

TEST_F(ProvincesApi, PutsTheRequestIdIntoTheErrorEnvelope) {
    HttpResponse res = Get("/api/v1/provinces/abc", {{"X-Request-Id", "trace-42"}});
    ASSERT_THAT(res, HasStatus(400));
    EXPECT_EQ(res.Json()["error"]["request_id"], "trace-42");
}

TEST_F(ProvincesApi, AnswersNotFoundForAnUnknownCode) {
    HttpResponse res = Get("/api/v1/provinces/99");
    ASSERT_THAT(res, HasStatus(404));
    EXPECT_THAT(res, IsJsonError("not_found", ""));
}

TEST_F(ProvincesApi, AnswersNotFoundForAnOldCodeAfterTheMerger) {
    // 27 (old Bắc Ninh) exists only before 1 July 2025.
    EXPECT_THAT(Get("/api/v1/provinces/27?as_of=2024-01-01"), HasStatus(200));
    EXPECT_THAT(Get("/api/v1/provinces/27?as_of=2025-07-01"), HasStatus(404));
}

TEST_F(ProvincesApi, RejectsAnImpossibleDate) {
    HttpResponse res = Get("/api/v1/provinces?as_of=2025-13-01");
    ASSERT_THAT(res, HasStatus(400));
    EXPECT_THAT(res, IsJsonError("invalid_argument", "as_of"));
}

TEST_F(ProvincesApi, RejectsAWordAsADate) {
    EXPECT_THAT(Get("/api/v1/provinces?as_of=hello"), IsJsonError("invalid_argument", "as_of"));
    EXPECT_THAT(Get("/api/v1/provinces?as_of=2025-02-29"),
                IsJsonError("invalid_argument", "as_of"));
    EXPECT_THAT(Get("/api/v1/provinces/24?as_of=hello"), IsJsonError("invalid_argument", "as_of"));
}

TEST_F(ProvincesApi, RejectsPerPageOutOfRange) {
    for (const char* bad : {"0", "201", "abc", "-1", "10.5"}) {
        HttpResponse res = Get(std::string("/api/v1/provinces?per_page=") + bad);
        EXPECT_THAT(res, HasStatus(400)) << "per_page=" << bad;
        EXPECT_THAT(res, IsJsonError("invalid_argument", "per_page")) << "per_page=" << bad;
    }
}

TEST_F(ProvincesApi, AcceptsPerPageAtItsLimits) {
    EXPECT_EQ(Get("/api/v1/provinces?as_of=2024-01-01&per_page=1").Json()["items"].size(), 1u);
    EXPECT_EQ(Get("/api/v1/provinces?as_of=2024-01-01&per_page=200").Json()["items"].size(), 63u);
}

TEST_F(ProvincesApi, RejectsPageZero) {
    HttpResponse res = Get("/api/v1/provinces?page=0");
    ASSERT_THAT(res, HasStatus(400));
    EXPECT_THAT(res, IsJsonError("invalid_argument", "page"));
}

TEST_F(ProvincesApi, RejectsASearchLongerThanTheLimit) {
    HttpResponse res = Get("/api/v1/provinces?q=" + std::string(401, 'a'));
    ASSERT_THAT(res, HasStatus(400));
    EXPECT_THAT(res, IsJsonError("invalid_argument", "q"));
}

TEST_F(ProvincesApi, ListsUnitsInVietnameseAlphabeticalOrder) {
    nlohmann::json j = Get("/api/v1/provinces?as_of=2024-01-01&per_page=200").Json();
    std::vector<std::string> names = Strings(j["items"], "short_name_vi");
    ASSERT_EQ(names.size(), 63u);
    EXPECT_EQ(names.front(), "An Giang");
    EXPECT_EQ(names.back(), "Yên Bái");
    // Đ is a letter between D and E: byte order would put every Đ name after Yên Bái.
    auto at = [&](const std::string& name) {
        return std::find(names.begin(), names.end(), name) - names.begin();
    };
    EXPECT_LT(at("Đồng Tháp"), at("Gia Lai"));
    EXPECT_LT(at("Cần Thơ"), at("Điện Biên"));
    EXPECT_THAT(names, Contains("Đắk Lắk"));
    for (std::size_t i = 1; i < names.size(); ++i)
        EXPECT_LE(text::CompareVi(names[i - 1], names[i]), 0) << names[i - 1] << " > " << names[i];
}

}  // namespace
}  // namespace ngoaivu::testing
