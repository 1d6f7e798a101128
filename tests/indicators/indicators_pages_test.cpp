// The indicators pages over HTTP: the definitions list and admin form, the rounds and their
// form, a round's completeness, and the data-entry grid with its errors per cell (the typed
// values kept), its steps and both languages.
#include <gtest/gtest.h>

#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

class IndicatorsPages : public AppTest {
 protected:
    void SetUp() override {
        AppTest::SetUp();
        tokens_ = AddDemoAccounts(app().db_location(),
                                  {"demo-admin", "demo-mofa", "demo-officer-01", "demo-viewer"});
        Api("demo-admin", "POST", "/api/v1/indicators",
            {{"code", "exports"},
             {"name_vi", "Kim ngạch xuất khẩu"},
             {"name_en", "Exports"},
             {"unit", "usd_million"},
             {"aggregation", "sum"},
             {"periodicity", "quarter"},
             {"source", "entered"},
             {"decimals", 1},
             {"min_milli", 0},
             {"required", true}});
        auto round = Api("demo-mofa", "POST", "/api/v1/indicator-rounds",
                         {{"periodicity", "quarter"}, {"year", 2025}, {"number", 3}});
        round_ = round.Json().value("id", std::int64_t{0});
        ASSERT_GT(round_, 0) << round.Describe();
    }
    HttpResponse Api(const std::string& who, const std::string& method, const std::string& target,
                     const nlohmann::json& body) {
        HttpClient client = app().Client();
        return client.Request(
            method, target,
            {{"Authorization", "Bearer " + tokens_.at(who)}, {"Content-Type", "application/json"}},
            body.dump());
    }
    HttpResponse Page(const std::string& who, const std::string& target, bool english = false) {
        HeaderList headers{{"Authorization", "Bearer " + tokens_.at(who)}, {"Accept", "text/html"}};
        if (english)
            headers.emplace_back("Cookie", "lang=en");
        HttpClient client = app().Client();
        return client.Request("GET", target, headers, "");
    }
    HttpResponse Form(const std::string& who, const std::string& target, const std::string& body,
                      bool english = false) {
        HeaderList headers{{"Authorization", "Bearer " + tokens_.at(who)},
                           {"Accept", "text/html"},
                           {"Content-Type", "application/x-www-form-urlencoded"}};
        if (english)
            headers.emplace_back("Cookie", "lang=en");
        HttpClient client = app().Client();
        return client.Request("POST", target, headers, body);
    }
    std::string GridPath() { return "/indicators/rounds/" + std::to_string(round_) + "/2001"; }
    std::map<std::string, std::string> tokens_;
    std::int64_t round_ = 0;
};

bool Has(const HttpResponse& r, const std::string& text) {
    return r.body.find(text) != std::string::npos;
}

TEST_F(IndicatorsPages, ListsDefinitionsRoundsAndCompletenessInBothLanguages) {
    auto list = Page("demo-viewer", "/indicators");
    ASSERT_EQ(list.status, 200) << list.Describe();
    EXPECT_TRUE(Has(list, "Kim ngạch xuất khẩu"));
    EXPECT_FALSE(Has(list, "/indicators/exports/edit"));  // not an administrator
    EXPECT_TRUE(Has(Page("demo-admin", "/indicators"), "/indicators/exports/edit"));
    auto en = Page("demo-viewer", "/indicators", true);
    EXPECT_TRUE(Has(en, "Indicators and figures")) << en.Describe();
    EXPECT_TRUE(Has(en, "Exports"));
    auto rounds = Page("demo-viewer", "/indicators/rounds");
    ASSERT_EQ(rounds.status, 200);
    EXPECT_TRUE(Has(rounds, "Quý 3/2025"));
    EXPECT_FALSE(Has(rounds, "id=\"round-form\""));
    EXPECT_TRUE(Has(Page("demo-mofa", "/indicators/rounds"), "id=\"round-form\""));
    auto completeness = Page("demo-mofa", "/indicators/rounds/" + std::to_string(round_));
    ASSERT_EQ(completeness.status, 200);
    EXPECT_TRUE(Has(completeness, "20/10/2025"));  // due 20 days after 30/09/2025
    EXPECT_TRUE(Has(completeness, "id=\"unit-2001\""));
    EXPECT_TRUE(Has(completeness, "Chưa nhập: <strong>34</strong>"));
    EXPECT_EQ(Page("demo-viewer", "/indicators/rounds/999").status, 404);
    EXPECT_EQ(Page("demo-viewer", "/indicators/rounds/abc").status, 400);
}

TEST_F(IndicatorsPages, TheGridKeepsTypedValuesAndShowsEachCellsProblem) {
    auto grid = Page("demo-officer-01", GridPath());
    ASSERT_EQ(grid.status, 200) << grid.Describe();
    EXPECT_TRUE(Has(grid, "name=\"v.exports\""));
    EXPECT_TRUE(Has(grid, "/static/js/indicators_grid.js"));
    auto bad = Form("demo-officer-01", GridPath(),
                    "version=0&v.exports=12abc&c.exports=Ghi+ch%C3%BA&s.exports=GSO");
    ASSERT_EQ(bad.status, 400) << bad.Describe();
    EXPECT_TRUE(Has(bad, "value=\"12abc\""));
    EXPECT_TRUE(Has(bad, "value=\"Ghi chú\""));
    EXPECT_TRUE(Has(bad, "id=\"err-exports\""));
    EXPECT_TRUE(Has(bad, "phải là một số"));
    auto bad_en = Form("demo-officer-01", GridPath(), "version=0&v.exports=1,25", true);
    ASSERT_EQ(bad_en.status, 400);
    EXPECT_TRUE(Has(bad_en, "at most 1 decimals")) << bad_en.Describe();
    auto invalid = Form("demo-officer-01", GridPath(), "version=0&c.exports=%FF");
    EXPECT_EQ(invalid.status, 400) << invalid.Describe();
    // Nothing was written.
    auto json =
        Api("demo-officer-01", "GET",
            "/api/v1/indicator-rounds/" + std::to_string(round_) + "/submissions/2001", nullptr);
    EXPECT_EQ(json.Json()["submission"]["status"], "not_started") << json.Describe();
    auto saved = Form("demo-officer-01", GridPath(), "version=0&v.exports=1.234%2C5");
    ASSERT_EQ(saved.status, 303) << saved.Describe();
    auto shown = Page("demo-officer-01", GridPath() + "?saved=1");
    EXPECT_TRUE(Has(shown, "value=\"1.234,5\"")) << shown.Describe();
    EXPECT_TRUE(Has(Page("demo-officer-01", GridPath(), true), "value=\"1,234.5\""));
    // A stale form is refused and keeps what was typed.
    auto stale = Form("demo-officer-01", GridPath(), "version=0&v.exports=7");
    EXPECT_EQ(stale.status, 409) << stale.Describe();
    EXPECT_TRUE(Has(stale, "value=\"7\""));
    // Steps: the province submits, MOFA returns only with a comment.
    EXPECT_TRUE(Has(shown, "id=\"step-submit\""));
    auto submitted = Form("demo-officer-01", GridPath() + "/steps", "action=submit&version=1");
    ASSERT_EQ(submitted.status, 303) << submitted.Describe();
    auto for_mofa = Page("demo-mofa", GridPath());
    EXPECT_TRUE(Has(for_mofa, "id=\"step-approve\""));
    EXPECT_TRUE(Has(for_mofa, "id=\"step-return\""));
    EXPECT_TRUE(Has(for_mofa, "readonly"));
    auto bare = Form("demo-mofa", GridPath() + "/steps", "action=return&comment=");
    EXPECT_EQ(bare.status, 400) << bare.Describe();
    EXPECT_TRUE(Has(bare, "id=\"step-comment-error\""));
    auto returned = Form("demo-mofa", GridPath() + "/steps", "action=return&comment=Thi%E1%BA%BFu");
    EXPECT_EQ(returned.status, 303) << returned.Describe();
    auto back = Page("demo-officer-01", GridPath());
    EXPECT_TRUE(Has(back, "id=\"grid-return-comment\"")) << back.Describe();
    EXPECT_TRUE(Has(back, "Thiếu"));
    EXPECT_TRUE(Has(back, "id=\"grid-history\""));
    EXPECT_EQ(Form("demo-officer-01", GridPath() + "/steps", "action=approve").status, 403);
}

TEST_F(IndicatorsPages, AdministratorFormsReportEveryProblem) {
    EXPECT_EQ(Page("demo-mofa", "/indicators/new").status, 403);
    auto form = Page("demo-admin", "/indicators/new");
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(Has(form, "id=\"ind-form\""));
    auto bad = Form("demo-admin", "/indicators",
                    "code=Bad&name_vi=&name_en=X&unit=usd&aggregation=sum&periodicity=year&"
                    "source=entered&decimals=9&min=abc&max=&sort_order=0&active=1");
    ASSERT_EQ(bad.status, 400) << bad.Describe();
    for (const char* id :
         {"ind-code-error", "ind-name-vi-error", "ind-decimals-error", "ind-min-error"})
        EXPECT_TRUE(Has(bad, std::string("id=\"") + id + "\"")) << id;
    EXPECT_TRUE(Has(bad, "value=\"Bad\""));
    auto ok = Form("demo-admin", "/indicators",
                   "code=unesco_recognitions&name_vi=Danh+hi%E1%BB%87u+UNESCO&name_en=UNESCO&"
                   "unit=count&aggregation=sum&periodicity=year&source=entered&decimals=0&"
                   "min=0&max=100&sort_order=5&active=1");
    ASSERT_EQ(ok.status, 303) << ok.Describe();
    auto edit = Page("demo-admin", "/indicators/unesco_recognitions/edit");
    ASSERT_EQ(edit.status, 200);
    EXPECT_TRUE(Has(edit, "value=\"100\""));
    auto used = Page("demo-admin", "/indicators/exports/edit");
    EXPECT_TRUE(Has(used, "id=\"ind-used\""));
    auto locked = Form("demo-admin", "/indicators/exports/edit",
                       "version=1&name_vi=Xu%E1%BA%A5t&name_en=Exports&unit=count&"
                       "aggregation=sum&periodicity=quarter&source=entered&decimals=1&active=1");
    EXPECT_EQ(locked.status, 409) << locked.Describe();
    EXPECT_TRUE(Has(locked, "id=\"ind-unit-error\""));
    EXPECT_EQ(Page("demo-admin", "/indicators/nope/edit").status, 404);
    // Rounds: MOFA's form, with its problems.
    EXPECT_EQ(Form("demo-officer-01", "/indicators/rounds", "periodicity=year&year=2024").status,
              403);
    auto bad_round = Form("demo-mofa", "/indicators/rounds",
                          "periodicity=year&year=20x&number=1&due_on=31/02/2025");
    ASSERT_EQ(bad_round.status, 400) << bad_round.Describe();
    EXPECT_TRUE(Has(bad_round, "id=\"round-year-error\""));
    EXPECT_TRUE(Has(bad_round, "id=\"round-due-on-error\""));
    auto twice = Form("demo-mofa", "/indicators/rounds", "periodicity=quarter&year=2025&number=3");
    EXPECT_EQ(twice.status, 409) << twice.Describe();
    auto opened =
        Form("demo-mofa", "/indicators/rounds", "periodicity=year&year=2024&number=1&due_on=");
    ASSERT_EQ(opened.status, 303) << opened.Describe();
    EXPECT_TRUE(opened.Header("Location").value_or("").starts_with("/indicators/rounds/"));
}

}  // namespace
}  // namespace ngoaivu::testing
