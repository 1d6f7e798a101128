// GET /api/v1/countries, /api/v1/countries/{alpha2} and /api/v1/organisations.

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
using ::testing::Each;
using ::testing::Eq;
using ::testing::StartsWith;

using CountriesApi = SignedInTest;
using OrganisationsApi = SignedInTest;

std::vector<std::string> Strings(const nlohmann::json& array, const std::string& key) {
    std::vector<std::string> out;
    for (const auto& item : array)
        out.push_back(item.value(key, ""));
    return out;
}

// The item of `page` with alpha2 `code`, or null.
nlohmann::json Item(const nlohmann::json& page, const std::string& code) {
    for (const auto& item : page["items"]) {
        if (item.value("alpha2", "") == code)
            return item;
    }
    return nullptr;
}

TEST_F(CountriesApi, ListsAllTwoHundredFortyNineIsoCountries) {
    HttpResponse res = Get("/api/v1/countries");
    ASSERT_THAT(res, HasStatus(200));
    nlohmann::json j = res.Json();
    EXPECT_EQ(j["total"], 249);
    EXPECT_EQ(j["per_page"], 50);
    EXPECT_EQ(j["pages"], 5);
    EXPECT_EQ(j["items"].size(), 50u);
}

TEST_F(CountriesApi, FindsSouthKoreaByItsFoldedVietnameseName) {
    HttpResponse res = Get("/api/v1/countries?q=han%20quoc");
    ASSERT_THAT(res, HasStatus(200));
    nlohmann::json kr = Item(res.Json(), "KR");
    ASSERT_FALSE(kr.is_null()) << res.body;
    EXPECT_EQ(kr["name_vi"], "Hàn Quốc");
    EXPECT_EQ(kr["alpha3"], "KOR");
}

TEST_F(CountriesApi, FindsSouthKoreaByItsVietnameseNameWithDiacritics) {
    // "Hàn Quốc" in UTF-8, percent-encoded.
    nlohmann::json j = Get("/api/v1/countries?q=H%C3%A0n%20Qu%E1%BB%91c").Json();
    ASSERT_FALSE(Item(j, "KR").is_null()) << j.dump();
    EXPECT_EQ(Item(j, "KR")["name_vi"], "Hàn Quốc");
}

TEST_F(CountriesApi, FindsSouthKoreaWhateverTheLetterCase) {
    nlohmann::json j = Get("/api/v1/countries?q=HAN+QUOC").Json();
    ASSERT_FALSE(Item(j, "KR").is_null()) << j.dump();
    EXPECT_EQ(Item(j, "KR")["name_vi"], "Hàn Quốc");
}

TEST_F(CountriesApi, FindsSouthKoreaByItsEnglishName) {
    nlohmann::json j = Get("/api/v1/countries?q=korea").Json();
    ASSERT_FALSE(Item(j, "KR").is_null()) << j.dump();
    EXPECT_EQ(Item(j, "KR")["name_vi"], "Hàn Quốc");
    EXPECT_FALSE(Item(j, "KP").is_null()) << "North Korea is a Korea too";
}

TEST_F(CountriesApi, FindsTaiwanByItsFoldedVietnameseName) {
    nlohmann::json j = Get("/api/v1/countries?q=dai%20loan").Json();
    ASSERT_FALSE(Item(j, "TW").is_null()) << j.dump();
    EXPECT_EQ(Item(j, "TW")["name_vi"], "Đài Loan (Trung Quốc)");
}

TEST_F(CountriesApi, ReturnsOneCountryByCode) {
    HttpResponse res = Get("/api/v1/countries/KR");
    ASSERT_THAT(res, HasStatus(200));
    nlohmann::json j = res.Json();
    EXPECT_EQ(j["alpha2"], "KR");
    EXPECT_EQ(j["alpha3"], "KOR");
    EXPECT_EQ(j["numeric"], "410");
    EXPECT_EQ(j["name_vi"], "Hàn Quốc");
    EXPECT_FALSE(j.value("name_en", "").empty());
}

TEST_F(CountriesApi, AnswersNotFoundForAnUnknownCode) {
    HttpResponse res = Get("/api/v1/countries/ZZ");
    ASSERT_THAT(res, HasStatus(404));
    EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("application/json")));
    EXPECT_THAT(res, IsJsonError("not_found", ""));
}

TEST_F(CountriesApi, RejectsBadPaging) {
    EXPECT_THAT(Get("/api/v1/countries?per_page=0"), IsJsonError("invalid_argument", "per_page"));
    EXPECT_THAT(Get("/api/v1/countries?page=abc"), IsJsonError("invalid_argument", "page"));
}

TEST_F(CountriesApi, ListsInVietnameseAlphabeticalOrderAcrossPages) {
    std::vector<std::string> names =
        Strings(Get("/api/v1/countries?per_page=200").Json()["items"], "name_vi");
    for (const auto& n :
         Strings(Get("/api/v1/countries?per_page=200&page=2").Json()["items"], "name_vi")) {
        names.push_back(n);
    }
    ASSERT_EQ(names.size(), 249u);
    for (std::size_t i = 1; i < names.size(); ++i)
        EXPECT_LE(text::CompareVi(names[i - 1], names[i]), 0) << names[i - 1] << " > " << names[i];
}

TEST_F(OrganisationsApi, ListsOnlyMissionsWhenAsked) {
    HttpResponse res = Get("/api/v1/organisations?kind=mission&per_page=200");
    ASSERT_THAT(res, HasStatus(200));
    nlohmann::json j = res.Json();
    EXPECT_GT(j["total"].get<int>(), 0);
    EXPECT_EQ(j["items"].size(), j["total"].get<std::size_t>());
    EXPECT_THAT(Strings(j["items"], "kind"), Each(Eq("mission")));
    EXPECT_THAT(Strings(j["items"], "code"), Contains("emb-kr"));
    for (const auto& item : j["items"]) {
        EXPECT_FALSE(item["country"].is_null()) << item.dump();
        EXPECT_FALSE(item["mission_kind"].is_null()) << item.dump();
    }
}

TEST_F(OrganisationsApi, ListsEveryKindWithoutAFilter) {
    nlohmann::json j = Get("/api/v1/organisations?per_page=200").Json();
    std::vector<std::string> kinds = Strings(j["items"], "kind");
    EXPECT_THAT(kinds, Contains("mofa"));
    EXPECT_THAT(kinds, Contains("ppc"));
    EXPECT_THAT(kinds, Contains("dofa"));
    EXPECT_THAT(kinds, Contains("mission"));
}

TEST_F(OrganisationsApi, HasAPeoplesCommitteeAndADepartmentForEachOfTheThirtyFourUnits) {
    EXPECT_EQ(Get("/api/v1/organisations?kind=ppc").Json()["total"], 34);
    EXPECT_EQ(Get("/api/v1/organisations?kind=dofa").Json()["total"], 34);
    EXPECT_EQ(Get("/api/v1/organisations?kind=mofa").Json()["total"], 1);
}

TEST_F(OrganisationsApi, RejectsAnUnknownKind) {
    HttpResponse res = Get("/api/v1/organisations?kind=bogus");
    ASSERT_THAT(res, HasStatus(400));
    EXPECT_THAT(res, IsJsonError("invalid_argument", "kind"));
}

}  // namespace
}  // namespace ngoaivu::testing
