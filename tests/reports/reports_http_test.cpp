// The dashboards and the review report over real HTTP, on each backend: the pages and the API
// with a small data set and fixed indicator figures, the XLSX and DOCX downloads, provincial
// scope, and every bad parameter answered 400 with both languages and the field named.
#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "support/fixed_figures.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

FixedFigureSource& Figures() {
    static FixedFigureSource source(
        {{"exports", "Kim ngạch xuất khẩu", "Exports", "usd_million", 1, "sum"},
         {"fdi_registered", "Vốn FDI đăng ký", "Registered FDI", "usd_million", 1, "sum"}},
        {{"exports", 1001, 2013, 1000000, false},
         {"exports", 1001, 2023, 2500500, false},
         {"exports", 1079, 2023, 7000000, false},
         {"exports", 2001, 2025, 3000000, false}});
    return source;
}

// The clock of TestApp stands at 01/08/2025 (after the 2025 merger).
class ReportsHttp : public AppTest {
 protected:
    TestAppOptions Options() const override {
        TestAppOptions o;
        o.figures = &Figures();
        return o;
    }
    void SetUp() override {
        AppTest::SetUp();
        tokens_ = AddDemoAccounts(app().db_location(), {"demo-officer-01", "demo-mofa"});
        auto db = storage::Open(app().db_location());
        storage::WithWrite(*db, [](storage::Transaction& tx) {
            const char* ts = "'2020-01-01T00:00:00.000Z'";
            tx.Exec(std::string("INSERT INTO partner (id, kind, name_vi, country_alpha2, "
                                "search_text, created_at, updated_at) VALUES (1, 'country', "
                                "'Nhật Bản', 'JP', 'x', ") +
                    ts + ", " + ts + ")");
            // Hà Nội: two signed agreements with Japan in 2022 and 2023 (one with a result);
            // TP.HCM: one in 2023; a draft that does not count.
            const char* agreement =
                "INSERT INTO agreement (id, title_vi, form, party_kind, party_name, "
                "admin_unit_id, current_unit_id, procedure, status, signed_on, signed_year, "
                "search_text, created_at, updated_at) VALUES ($1, 'Thỏa thuận', 'mou', 'ubnd', "
                "'UBND', $2, $3, 'normal', $4, $5, $6, 'x', '2020-01-01T00:00:00.000Z', "
                "'2020-01-01T00:00:00.000Z')";
            tx.Exec(agreement, {1, 1001, 2001, "signed", "2022-03-01", 2022});
            tx.Exec(agreement, {2, 1001, 2001, "in_force", "2023-03-01", 2023});
            tx.Exec(agreement, {3, 1079, 2079, "signed", "2023-04-01", 2023});
            tx.Exec(agreement, {4, 1001, 2001, "draft", "2023-05-01", 2023});
            for (int a : {1, 2, 4})
                tx.Exec("INSERT INTO agreement_partner (agreement_id, partner_id) VALUES ($1, 1)",
                        {a});
            tx.Exec("INSERT INTO agreement_field (agreement_id, field) VALUES (1, 'economy')");
            tx.Exec(
                "INSERT INTO result (agreement_id, description, achieved_on, created_at) VALUES "
                "(1, 'Dự án', '2023-01-01', '2023-01-01T00:00:00.000Z')");
            // A high-level visit of Hà Nội to Japan that took place.
            tx.Exec(
                "INSERT INTO delegation (id, title, direction, level, admin_unit_id, "
                "current_unit_id, starts_on, ends_on, start_year, funding, status, search_text, "
                "created_at, updated_at) VALUES (1, 'Đoàn lãnh đạo thăm Nhật Bản', 'outbound', "
                "'top_leaders', 1001, 2001, '2023-06-01', '2023-06-05', 2023, 'state_budget', "
                "'closed', 'x', '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z')");
            tx.Exec(
                "INSERT INTO delegation_country (delegation_id, country_alpha2) VALUES (1, 'JP')");
            // The 21st national conference, 18/12/2023.
            tx.Exec(
                "INSERT INTO event (id, title_vi, type, starts_on, ends_on, start_year, format, "
                "national, decider, status, search_text, created_at, updated_at) VALUES (1, "
                "'Hội nghị Ngoại vụ toàn quốc lần thứ 21', 'national_review_conference', "
                "'2023-12-18', '2023-12-18', 2023, 'in_person', 1, 'none', 'held', 'x', "
                "'2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z')");
        });
    }
    HttpResponse As(const std::string& login, const std::string& target) {
        return Get(target, {{"Authorization", "Bearer " + tokens_[login]}});
    }
    HttpResponse Signed(const std::string& target, const std::string& lang = "") {
        HeaderList h;
        if (!lang.empty())
            h.emplace_back("Cookie", "lang=" + lang);
        return Get(target, app().SignedIn(h));
    }
    std::map<std::string, std::string> tokens_;
};

constexpr const char* kPeriod = "from=2021-01-01&to=2023-12-31&generation=1&compare_year=2013";

TEST_F(ReportsHttp, ReviewApiGivesTheFigures) {
    auto res = Signed(std::string("/api/v1/reports/review?") + kPeriod);
    ASSERT_EQ(res.status, 200) << res.Describe();
    auto j = res.Json();
    EXPECT_EQ(j["agreements"]["signed"], 3);
    EXPECT_EQ(j["agreements"]["with_results"], 1);
    EXPECT_EQ(j["agreements"]["by_country"][0]["key"], "JP");
    EXPECT_EQ(j["agreements"]["by_country"][0]["count"], 2);
    EXPECT_EQ(j["visits"]["outbound"], 1);
    EXPECT_EQ(j["visits"]["items"][0]["countries_vi"][0], "Nhật Bản");
    EXPECT_EQ(j["economy"]["years"][2]["exports"], 9500.5);
    EXPECT_EQ(j["economy"]["compare_exports"], 1000.0);
    EXPECT_EQ(j["economy"]["exceeding"].size(), 2u);
    EXPECT_NE(j["text"]["vi"][1]["paragraphs"][0].get<std::string>().find(
                  "Trong giai đoạn từ 01/01/2021 đến 31/12/2023, các địa phương đã ký kết 3 thỏa "
                  "thuận quốc tế"),
              std::string::npos);
}

TEST_F(ReportsHttp, ReviewDefaultsToTheTimeSinceTheLastConference) {
    auto res = Signed("/api/v1/reports/review");
    ASSERT_EQ(res.status, 200) << res.Describe();
    EXPECT_EQ(res.Json()["from"], "2023-12-19");
    EXPECT_EQ(res.Json()["to"], "2025-08-01");
    EXPECT_EQ(res.Json()["generation"], 2);
    auto preset = Signed("/reports/review?preset=since_last_conference");
    ASSERT_EQ(preset.status, 200) << preset.Describe();
    EXPECT_NE(preset.body.find("19/12/2023"), std::string::npos);
}

TEST_F(ReportsHttp, ReviewPageIsInBothLanguages) {
    auto vi =
        Signed("/reports/review?from=01/01/2021&to=31/12/2023&generation=1&compare_year=2013");
    ASSERT_EQ(vi.status, 200) << vi.Describe();
    EXPECT_NE(vi.body.find("các địa phương đã ký kết 3 thỏa thuận quốc tế"), std::string::npos);
    EXPECT_NE(vi.body.find("id=\"section-economy\""), std::string::npos);
    EXPECT_NE(vi.body.find("9.500,5"), std::string::npos);
    auto en = Signed("/reports/review?from=01/01/2021&to=31/12/2023&generation=1", "en");
    ASSERT_EQ(en.status, 200);
    EXPECT_NE(en.body.find("the localities signed 3 international agreements"), std::string::npos);
    EXPECT_NE(en.body.find("9,500.5"), std::string::npos);
}

TEST_F(ReportsHttp, DownloadsAreXlsxAndDocx) {
    for (const char* path : {"/api/v1/reports/review?", "/reports/review?"}) {
        auto x = Signed(std::string(path) + kPeriod + "&format=xlsx");
        ASSERT_EQ(x.status, 200) << x.Describe();
        EXPECT_EQ(x.body.substr(0, 2), "PK");
        EXPECT_NE(x.Header("Content-Type").value_or("").find("spreadsheetml"), std::string::npos);
        auto d = Signed(std::string(path) + kPeriod + "&format=docx");
        ASSERT_EQ(d.status, 200) << d.Describe();
        EXPECT_EQ(d.body.substr(0, 2), "PK");
        EXPECT_NE(d.Header("Content-Type").value_or("").find("wordprocessingml"),
                  std::string::npos);
    }
    auto dash = Signed("/dashboard?from_year=2021&to_year=2023&format=xlsx");
    ASSERT_EQ(dash.status, 200) << dash.Describe();
    EXPECT_EQ(dash.body.substr(0, 2), "PK");
}

TEST_F(ReportsHttp, DashboardShowsTheTileMapWithTheArchipelagos) {
    auto api = Signed("/api/v1/dashboard?from_year=2021&to_year=2023&generation=1");
    ASSERT_EQ(api.status, 200) << api.Describe();
    auto j = api.Json();
    EXPECT_EQ(j["tile_map"]["tiles"].size(), 63u);
    EXPECT_EQ(j["tile_map"]["markers"][0]["name_vi"], "Quần đảo Hoàng Sa");
    EXPECT_EQ(j["tile_map"]["markers"][1]["name_vi"], "Quần đảo Trường Sa");
    EXPECT_EQ(j["indicator"]["code"], "exports");
    EXPECT_EQ(j["trend"][2]["value"], 9500.5);
    EXPECT_EQ(j["trend"][2]["units_expected"], 63);
    EXPECT_GE(j["trend"][2]["units_reporting"], 1);
    EXPECT_LT(j["trend"][2]["units_reporting"], 63);
    EXPECT_EQ(j["top_provinces"][0]["id"], 1079);
    EXPECT_EQ(j["agreements"]["by_year"].size(), 2u);
    auto page = Signed("/dashboard?from_year=2021&to_year=2023&generation=1");
    ASSERT_EQ(page.status, 200) << page.Describe();
    EXPECT_NE(page.body.find("Quần đảo Hoàng Sa"), std::string::npos);
    EXPECT_NE(page.body.find("Quần đảo Trường Sa"), std::string::npos);
    EXPECT_NE(page.body.find("<td class=\"num\">9.500,5</td>"), std::string::npos);
    EXPECT_NE(page.body.find("/static/js/dashboard.js"), std::string::npos);
    EXPECT_EQ(page.body.find("<script>"), std::string::npos);
    auto split = Signed("/dashboard?from_year=2024&to_year=2025&generation=1");
    ASSERT_EQ(split.status, 200);
    EXPECT_NE(split.body.find("id=\"split-note\""), std::string::npos);
    auto province = Signed("/dashboard/province/2001?from_year=2021&to_year=2025");
    ASSERT_EQ(province.status, 200) << province.Describe();
    auto redirect = Signed("/dashboard?province=2001&from_year=2021");
    EXPECT_EQ(redirect.status, 303);
    EXPECT_EQ(redirect.Header("Location").value_or(""), "/dashboard/province/2001?from_year=2021");
}

TEST_F(ReportsHttp, ProvincialOfficersSeeTheirProvinceOnly) {
    auto res = As("demo-officer-01", std::string("/api/v1/reports/review?") + kPeriod);
    ASSERT_EQ(res.status, 200) << res.Describe();
    EXPECT_EQ(res.Json()["agreements"]["signed"], 2);
    auto other = As("demo-officer-01", "/api/v1/dashboard/province/2079");
    EXPECT_EQ(other.status, 403) << other.Describe();
    auto mofa = As("demo-mofa", std::string("/api/v1/reports/review?") + kPeriod);
    EXPECT_EQ(mofa.Json()["agreements"]["signed"], 3);
    EXPECT_EQ(Get("/api/v1/reports/review").status, 401);
}

TEST_F(ReportsHttp, EveryBadParameterIsA400NamingIt) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"/api/v1/reports/review?from=2021-13-01", "from"},
        {"/api/v1/reports/review?from=01/01/2021", "from"},
        {"/api/v1/reports/review?to=2023-02-30", "to"},
        {"/api/v1/reports/review?from=2023-01-01&to=2022-01-01", "to"},
        {"/api/v1/reports/review?from=1800-01-01&to=2022-01-01", "from"},
        {"/api/v1/reports/review?province=4242", "province"},
        {"/api/v1/reports/review?province=abc", "province"},
        {"/api/v1/reports/review?generation=3", "generation"},
        {"/api/v1/reports/review?from=2021-01-01&to=2023-12-31&compare_year=1900", "compare_year"},
        {"/api/v1/reports/review?from=2021-01-01&to=2023-12-31&compare_year=2023", "compare_year"},
        {"/api/v1/reports/review?compare_year=x", "compare_year"},
        {"/api/v1/reports/review?format=pdf", "format"},
        {"/api/v1/reports/review?preset=yesterday", "preset"},
        {"/api/v1/dashboard?from_year=1800", "from_year"},
        {"/api/v1/dashboard?from_year=2023&to_year=2020", "to_year"},
        {"/api/v1/dashboard?generation=0", "generation"},
        {"/api/v1/dashboard?indicator=zzz", "indicator"},
        {"/api/v1/dashboard?format=docx", "format"},
        {"/api/v1/dashboard?province=4242", "province"},
        {"/api/v1/dashboard/province/abc", "id"},
    };
    for (const auto& [target, field] : cases) {
        auto res = Signed(target);
        EXPECT_EQ(res.status, 400) << target << " " << res.Describe();
        auto e = res.Json()["error"];
        EXPECT_EQ(e["field"], field) << target;
        EXPECT_FALSE(e["message_vi"].get<std::string>().empty()) << target;
        EXPECT_FALSE(e["message_en"].get<std::string>().empty()) << target;
        // The same parameter on the page: a 400 page naming the field, in both languages.
        std::string page = target.substr(7);
        if (page.starts_with("/reports/review?from=01/01/2021"))
            continue;  // dd/mm/yyyy is the page's own form
        for (std::string lang : {"vi", "en"}) {
            auto p = Signed(page, lang);
            EXPECT_EQ(p.status, 400) << page << " " << p.Describe();
            if (field != "id") {
                EXPECT_NE(p.body.find("data-field=\"" + field + "\""), std::string::npos) << page;
                EXPECT_NE(p.body.find("<p lang=\"vi\">"), std::string::npos) << page;
                EXPECT_NE(p.body.find("<p lang=\"en\">"), std::string::npos) << page;
            }
        }
    }
    // An unknown province in the path is not found, page and API.
    EXPECT_EQ(Signed("/api/v1/dashboard/province/4242").status, 404);
    EXPECT_EQ(Signed("/dashboard/province/4242").status, 404);
    // The page's dates are dd/mm/yyyy: a wrong one names the field too.
    auto p = Signed("/reports/review?from=31/02/2023");
    EXPECT_EQ(p.status, 400);
    EXPECT_NE(p.body.find("data-field=\"from\""), std::string::npos);
}

}  // namespace
}  // namespace ngoaivu::testing
