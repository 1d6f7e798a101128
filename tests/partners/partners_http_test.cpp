// The partners API and pages over real HTTP: every endpoint and page, good and bad input (bad
// JSON, wrong types, unknown codes, a stale version, a missing CSRF token, a role that may not
// write), and that nothing is written after a refused request; plus the generic list pieces
// (html/list_view.hpp). Runs on SQLite and on PostgreSQL.
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/demo.hpp"
#include "html/list_view.hpp"
#include "http/request.hpp"
#include "storage/database.hpp"
#include "support/matchers.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr const char* kForm = "application/x-www-form-urlencoded";
constexpr const char* kJson = "application/json";

// "a=1&b=x%20y" from pairs.
std::string FormBody(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [k, v] : fields) {
        if (!out.empty())
            out += '&';
        out += http::PercentEncode(k) + "=" + http::PercentEncode(v);
    }
    return out;
}

std::string SetCookie(const HttpResponse& res, const std::string& name) {
    for (const auto& c : res.AllHeaders("Set-Cookie")) {
        if (c.starts_with(name + "="))
            return c.substr(name.size() + 1, c.find(';') - name.size() - 1);
    }
    return {};
}

std::string Match(const std::string& text, const std::string& pattern) {
    std::smatch m;
    if (std::regex_search(text, m, std::regex(pattern)))
        return m[1];
    return {};
}

class PartnersHttpTest : public AppTest {
 protected:
    void SetUp() override {
        AppTest::SetUp();
        tokens_ = AddDemoAccounts(app().db_location(),
                                  {"demo-admin", "demo-mofa", "demo-officer-01", "demo-officer-79",
                                   "demo-viewer", "demo-mission-kr"});
    }

    HeaderList As(const std::string& login, HeaderList headers = {}) {
        headers.emplace_back("Authorization", "Bearer " + tokens_[login]);
        return headers;
    }

    HttpResponse Api(const std::string& method, const std::string& target, const std::string& body,
                     const std::string& login = "demo-officer-01") {
        HttpClient client = app().Client();
        HeaderList headers = As(login);
        if (!body.empty())
            headers.emplace_back("Content-Type", kJson);
        return client.Request(method, target, headers, body);
    }

    json CreatePartner(const json& body, const std::string& login = "demo-officer-01") {
        auto res = Api("POST", "/api/v1/partners", body.dump(), login);
        EXPECT_THAT(res, HasStatus(201));
        return res.Json();
    }

    std::int64_t Rows(const std::string& table) {
        auto db = storage::Open(app().db_location());
        std::int64_t n = 0;
        {
            auto tx = db->Begin(storage::TxMode::kRead);
            n = tx->QueryOne("SELECT COUNT(*) FROM " + table)->Int(0);
        }
        db->Close();
        return n;
    }

    // Signs in through the form; the session cookie header and the session's CSRF token.
    std::pair<HeaderList, std::string> Session(const std::string& login,
                                               const std::string& lang = "vi") {
        auto form = Get("/login");
        std::string csrf = SetCookie(form, "nv_csrf");
        auto res =
            Post("/login",
                 FormBody({{"_csrf", csrf}, {"login", login}, {"password", app::kDemoPassword}}),
                 kForm, {{"Cookie", "nv_csrf=" + csrf}});
        EXPECT_EQ(res.status, 303) << res.Describe();
        std::string cookie = "nv_session=" + SetCookie(res, "nv_session") + "; lang=" + lang;
        HeaderList headers = {{"Cookie", cookie}};
        auto page = Get("/partners", headers);
        std::string token = Match(page.body, "name=\"_csrf\" value=\"([^\"]+)\"");
        EXPECT_FALSE(token.empty());
        return {headers, token};
    }

    std::map<std::string, std::string> tokens_;
};

json Vannam() {
    return {{"kind", "locality"},
            {"name_vi", "Tỉnh Vân Nam"},
            {"name_en", "Yunnan Province"},
            {"name_original", "云南省"},
            {"country", "CN"},
            {"website", "https://www.yn.gov.cn"},
            {"contacts",
             {{{"name", "Li Wei"},
               {"title", "Foreign Affairs Office"},
               {"email", "li.wei@example.org"},
               {"phone", "+86 871 6399 4151"}}}}};
}

TEST_F(PartnersHttpTest, ApiCreatesGetsListsAndSearchesPartners) {
    auto res = Api("POST", "/api/v1/partners", Vannam().dump());
    ASSERT_THAT(res, HasStatus(201));
    json made = res.Json();
    std::string id = std::to_string(made["id"].get<std::int64_t>());
    EXPECT_THAT(res, HasHeader("Location", "/api/v1/partners/" + id));
    EXPECT_EQ(made["version"], 1);
    EXPECT_EQ(made["country_name_vi"], "Trung Quốc");
    EXPECT_EQ(made["contacts"][0]["email"], "li.wei@example.org");
    EXPECT_EQ(made["sister_relations"], json::array());
    EXPECT_EQ(made["merged_into"], nullptr);

    auto got = Api("GET", "/api/v1/partners/" + id, "", "demo-viewer");
    ASSERT_THAT(got, HasStatus(200));
    EXPECT_EQ(got.Json()["name_original"], "云南省");
    for (const char* q : {"van%20nam", "V%C3%A2n%20Nam", "yunnan", "%E4%BA%91%E5%8D%97"}) {
        auto list = Api("GET", std::string("/api/v1/partners?q=") + q, "", "demo-mission-kr");
        ASSERT_THAT(list, HasStatus(200));
        EXPECT_EQ(list.Json()["total"], 1) << q;
        EXPECT_EQ(list.Json()["items"][0]["agreement_count"], 0);
    }
    auto filtered = Api("GET", "/api/v1/partners?kind=company&country=CN", "");
    EXPECT_EQ(filtered.Json()["total"], 0);
    auto sorted = Api("GET", "/api/v1/partners?sort=-updated&per_page=1&page=1", "");
    ASSERT_THAT(sorted, HasStatus(200));
    EXPECT_EQ(sorted.Json()["per_page"], 1);
}

TEST_F(PartnersHttpTest, ApiRefusesBadBodiesNamingTheFieldAndWritesNothing) {
    std::int64_t entries = Rows("audit_log");
    struct Case {
        std::string body;
        std::string field;
    };
    std::vector<Case> cases = {
        {"{\"kind\": ", "body"},
        {"[1, 2]", "body"},
        {"\"text\"", "body"},
        {"{\"kind\": \"locality\", \"name_vi\": \"\xff\"}", "body"},
        {json{{"kind", 5}, {"name_vi", {"x"}}, {"contacts", "x"}}.dump(), "kind"},
        {json{{"kind", "locality"}, {"name_vi", "X"}, {"country", "ZZ"}}.dump(), "country"},
        {json{{"kind", "locality"}, {"name_vi", "X"}, {"country", 84}}.dump(), "country"},
        {json{{"kind", "planet"}, {"name_vi", "X"}, {"country", "KR"}}.dump(), "kind"},
        {json{{"kind", "company"}, {"name_vi", "X"}, {"country", "KR"}, {"website", "ftp://x.org"}}
             .dump(),
         "website"},
        {json{{"kind", "company"}, {"name_vi", std::string(301, 'x')}, {"country", "KR"}}.dump(),
         "name_vi"},
        {json{{"kind", "company"},
              {"name_vi", "X"},
              {"country", "KR"},
              {"contacts", {{{"name", "A"}, {"email", 7}}}}}
             .dump(),
         "contacts[0].email"},
        {json{{"kind", "company"},
              {"name_vi", "X"},
              {"country", "KR"},
              {"contacts", {{{"name", "A"}, {"email", "a@b"}}}}}
             .dump(),
         "contacts[0].email"},
        {json{{"kind", "company"}, {"name_vi", "X"}, {"country", "KR"}, {"contacts", {1}}}.dump(),
         "contacts[0]"},
    };
    for (const auto& c : cases) {
        auto res = Api("POST", "/api/v1/partners", c.body);
        EXPECT_THAT(res, IsJsonError("invalid_argument", c.field)) << c.body;
        EXPECT_EQ(res.status, 400) << c.body;
    }
    auto many = Api("POST", "/api/v1/partners",
                    json{{"kind", 5}, {"name_vi", {"x"}}, {"contacts", "x"}}.dump());
    std::vector<std::string> fields;
    json many_body = many.Json();
    for (const auto& f : many_body["error"]["fields"])
        fields.push_back(f["field"]);
    EXPECT_THAT(fields, ::testing::ElementsAre("kind", "name_vi", "contacts"));
    EXPECT_EQ(Rows("partner"), 0);
    EXPECT_EQ(Rows("audit_log"), entries);
}

TEST_F(PartnersHttpTest, OnlyWritingRolesWriteAndOnlyAdministratorsAndMofaMerge) {
    json a = CreatePartner(Vannam());
    json b = CreatePartner(
        {{"kind", "locality"}, {"name_vi", "Tỉnh Vân Nam (trùng)"}, {"country", "CN"}});
    std::string a_id = std::to_string(a["id"].get<std::int64_t>());
    std::string b_id = std::to_string(b["id"].get<std::int64_t>());
    std::int64_t entries = Rows("audit_log");
    for (const char* login : {"demo-viewer", "demo-mission-kr"}) {
        EXPECT_THAT(Api("POST", "/api/v1/partners", Vannam().dump(), login),
                    IsJsonError("permission_denied", ""))
            << login;
        json edit = Vannam();
        edit["version"] = 1;
        auto put = Api("PUT", "/api/v1/partners/" + a_id, edit.dump(), login);
        EXPECT_EQ(put.status, 403) << login;
        auto rel =
            Api("POST", "/api/v1/partners/" + a_id + "/sister-relations",
                json{{"admin_unit_id", 1001}, {"established_on", "2010-01-01"}}.dump(), login);
        EXPECT_EQ(rel.status, 403) << login;
    }
    auto officer_merge =
        Api("POST", "/api/v1/partners/" + b_id + "/merge", json{{"into", a["id"]}}.dump());
    EXPECT_THAT(officer_merge, IsJsonError("permission_denied", ""));
    EXPECT_EQ(officer_merge.status, 403);
    EXPECT_EQ(Rows("partner"), 2);
    EXPECT_EQ(Rows("audit_log"), entries);
    auto mofa_merge = Api("POST", "/api/v1/partners/" + b_id + "/merge",
                          json{{"into", a["id"]}}.dump(), "demo-mofa");
    ASSERT_THAT(mofa_merge, HasStatus(200));
    EXPECT_EQ(mofa_merge.Json()["id"], a["id"]);
    EXPECT_EQ(mofa_merge.Json()["merged_from"][0]["id"], b["id"]);
    auto merged = Api("GET", "/api/v1/partners/" + b_id, "");
    EXPECT_EQ(merged.Json()["merged_into"]["id"], a["id"]);
    EXPECT_EQ(Api("GET", "/api/v1/partners", "").Json()["total"], 1);
    EXPECT_EQ(Api("GET", "/api/v1/partners?include_merged=true", "").Json()["total"], 2);
}

TEST_F(PartnersHttpTest, AStaleVersionAnswers409WithTheRecordAsStoredNow) {
    json made = CreatePartner(Vannam());
    std::string url = "/api/v1/partners/" + std::to_string(made["id"].get<std::int64_t>());
    json mine = Vannam();
    mine["name_en"] = "Yunnan";
    mine["version"] = 1;
    auto first = Api("PUT", url, mine.dump());
    ASSERT_THAT(first, HasStatus(200));
    EXPECT_EQ(first.Json()["version"], 2);
    EXPECT_EQ(first.Json()["name_en"], "Yunnan");

    json theirs = Vannam();
    theirs["notes"] = "Sửa từ một thẻ cũ";
    theirs["version"] = 1;
    std::int64_t entries = Rows("audit_log");
    auto stale = Api("PUT", url, theirs.dump(), "demo-admin");
    EXPECT_THAT(stale, IsJsonError("conflict", "version"));
    EXPECT_EQ(stale.status, 409);
    json current = stale.Json()["current"];
    EXPECT_EQ(current["version"], 2);
    EXPECT_EQ(current["name_en"], "Yunnan");
    EXPECT_EQ(current["notes"], "");
    EXPECT_EQ(Rows("audit_log"), entries);

    theirs["version"] = "2";
    EXPECT_THAT(Api("PUT", url, theirs.dump()), IsJsonError("invalid_argument", "version"));
    theirs.erase("version");
    EXPECT_THAT(Api("PUT", url, theirs.dump()), IsJsonError("invalid_argument", "version"));
    theirs["version"] = 0;
    EXPECT_THAT(Api("PUT", url, theirs.dump()), IsJsonError("invalid_argument", "version"));
    theirs["version"] = 2;
    theirs["country"] = "XX";
    EXPECT_THAT(Api("PUT", url, theirs.dump()), IsJsonError("invalid_argument", "country"));
    EXPECT_THAT(Api("PUT", "/api/v1/partners/999999", theirs.dump()), IsJsonError("not_found", ""));
    EXPECT_THAT(Api("PUT", "/api/v1/partners/x", theirs.dump()),
                IsJsonError("invalid_argument", "id"));
    EXPECT_EQ(Rows("audit_log"), entries);
}

TEST_F(PartnersHttpTest, MergeAndSisterRelationsOverTheApi) {
    json a = CreatePartner(Vannam());
    json b = CreatePartner({{"kind", "company"}, {"name_vi", "Công ty X"}, {"country", "CN"}});
    std::string a_url = "/api/v1/partners/" + std::to_string(a["id"].get<std::int64_t>());
    std::string b_url = "/api/v1/partners/" + std::to_string(b["id"].get<std::int64_t>());
    EXPECT_THAT(Api("POST", a_url + "/merge", json{{"into", a["id"]}}.dump(), "demo-admin"),
                IsJsonError("invalid_argument", "into"));
    EXPECT_THAT(Api("POST", a_url + "/merge", json{{"into", 999999}}.dump(), "demo-admin"),
                IsJsonError("not_found", "into"));
    EXPECT_THAT(Api("POST", a_url + "/merge", json{{"into", "2"}}.dump(), "demo-admin"),
                IsJsonError("invalid_argument", "into"));
    EXPECT_THAT(Api("POST", a_url + "/merge", "{}", "demo-admin"),
                IsJsonError("invalid_argument", "into"));
    EXPECT_THAT(
        Api("POST", "/api/v1/partners/999999/merge", json{{"into", a["id"]}}.dump(), "demo-admin"),
        IsJsonError("not_found", ""));

    // Sister relations: ISO dates only on the API; the province must be in the caller's scope.
    std::string rel_url = a_url + "/sister-relations";
    EXPECT_THAT(Api("POST", rel_url,
                    json{{"admin_unit_id", 1001}, {"established_on", "08/10/2013"}}.dump()),
                IsJsonError("invalid_argument", "established_on"));
    EXPECT_THAT(Api("POST", rel_url,
                    json{{"admin_unit_id", "1001"}, {"established_on", "2013-10-08"}}.dump()),
                IsJsonError("invalid_argument", "admin_unit_id"));
    EXPECT_THAT(Api("POST", rel_url,
                    json{{"admin_unit_id", 2079}, {"established_on", "2013-10-08"}}.dump()),
                IsJsonError("permission_denied", ""));
    EXPECT_THAT(Api("POST", b_url + "/sister-relations",
                    json{{"admin_unit_id", 1001}, {"established_on", "2013-10-08"}}.dump()),
                IsJsonError("failed_precondition", ""));
    EXPECT_EQ(Rows("sister_relation"), 0);
    auto added = Api("POST", rel_url,
                     json{{"admin_unit_id", 1001},
                          {"established_on", "2013-10-08"},
                          {"ended_on", nullptr},
                          {"note", "Dữ liệu kiểm thử"}}
                         .dump());
    ASSERT_THAT(added, HasStatus(201));
    EXPECT_EQ(added.Json()["unit_name_vi"], "Thành phố Hà Nội");
    EXPECT_EQ(added.Json()["unit_generation"], 1);
    EXPECT_EQ(added.Json()["ended_on"], nullptr);
    EXPECT_THAT(Api("POST", rel_url,
                    json{{"admin_unit_id", 1001}, {"established_on", "2013-10-08"}}.dump()),
                IsJsonError("conflict", "established_on"));
    std::string end_url = "/api/v1/sister-relations/" +
                          std::to_string(added.Json()["id"].get<std::int64_t>()) + "/end";
    EXPECT_THAT(Api("POST", end_url, json{{"ended_on", "2000-01-01"}}.dump()),
                IsJsonError("invalid_argument", "ended_on"));
    EXPECT_THAT(Api("POST", end_url, json{{"ended_on", "2025-06-30"}}.dump(), "demo-officer-79"),
                IsJsonError("permission_denied", ""));
    auto ended = Api("POST", end_url, json{{"ended_on", "2025-06-30"}}.dump());
    ASSERT_THAT(ended, HasStatus(200));
    EXPECT_EQ(ended.Json()["ended_on"], "2025-06-30");
    EXPECT_THAT(Api("POST", end_url, json{{"ended_on", "2025-07-01"}}.dump()),
                IsJsonError("failed_precondition", "ended_on"));
    EXPECT_THAT(
        Api("POST", "/api/v1/sister-relations/999999/end", json{{"ended_on", "2025-07-01"}}.dump()),
        IsJsonError("not_found", ""));
    EXPECT_EQ(Api("GET", a_url, "").Json()["sister_relations"].size(), 1u);
}

TEST_F(PartnersHttpTest, ListAndPathParametersAreChecked) {
    const std::pair<const char*, const char*> cases[] = {
        {"/api/v1/partners?sort=price", "sort"},
        {"/api/v1/partners?sort=--name", "sort"},
        {"/api/v1/partners?include_merged=maybe", "include_merged"},
        {"/api/v1/partners?kind=planet", "kind"},
        {"/api/v1/partners?country=kr", "country"},
        {"/api/v1/partners?page=0", "page"},
        {"/api/v1/partners?per_page=500", "per_page"},
        {"/api/v1/partners/abc", "id"},
        {"/api/v1/partners/0", "id"},
        {"/api/v1/partners/-3", "id"},
    };
    for (const auto& [url, field] : cases)
        EXPECT_THAT(Api("GET", url, ""), IsJsonError("invalid_argument", field)) << url;
    EXPECT_THAT(Api("GET", "/api/v1/partners?q=" + std::string(101, 'a'), ""),
                IsJsonError("invalid_argument", "q"));
    EXPECT_THAT(Api("GET", "/api/v1/partners/999999", ""), IsJsonError("not_found", ""));
    EXPECT_EQ(Api("GET", "/api/v1/partners?page=99", "").Json()["items"], json::array());
    EXPECT_EQ(Get("/api/v1/partners").status, 401);
}

TEST_F(PartnersHttpTest, ListPageSearchesAsYouTypeInBothLanguages) {
    CreatePartner(Vannam());
    CreatePartner({{"kind", "international_org"},
                   {"name_vi", "Chương trình Phát triển Liên Hợp Quốc"},
                   {"name_en", "United Nations Development Programme (UNDP)"}});
    auto vi = Get("/partners", As("demo-viewer"));
    ASSERT_THAT(vi, HasStatus(200));
    EXPECT_THAT(vi.body, HasSubstr("Đối tác nước ngoài"));
    EXPECT_THAT(vi.body, HasSubstr("Tỉnh Vân Nam"));
    EXPECT_THAT(vi.body, HasSubstr("aria-current=\"page\">Đối tác"));
    EXPECT_THAT(vi.body, Not(HasSubstr("id=\"partner-new\"")));  // a viewer cannot create
    auto en = Get("/partners", As("demo-officer-01", {{"Cookie", "lang=en"}}));
    EXPECT_THAT(en.body, HasSubstr("Foreign partners"));
    EXPECT_THAT(en.body, HasSubstr("Yunnan Province"));
    EXPECT_THAT(en.body, HasSubstr("id=\"partner-new\""));
    auto fragment = Get("/partners?q=van%20nam", As("demo-viewer", {{"HX-Request", "true"}}));
    ASSERT_THAT(fragment, HasStatus(200));
    EXPECT_THAT(fragment.body, Not(HasSubstr("<html")));
    EXPECT_THAT(fragment.body, HasSubstr("Tỉnh Vân Nam"));
    EXPECT_THAT(fragment.body, Not(HasSubstr("Liên Hợp Quốc")));
    EXPECT_THAT(fragment, HasHeader("Vary", HasSubstr("HX-Request")));
    auto bad = Get("/partners?sort=price", As("demo-viewer"));
    EXPECT_EQ(bad.status, 400);
    EXPECT_THAT(bad.body, HasSubstr("Thứ tự sắp xếp"));
    auto bad_en = Get("/partners?kind=planet", As("demo-viewer", {{"Cookie", "lang=en"}}));
    EXPECT_EQ(bad_en.status, 400);
    EXPECT_THAT(bad_en.body, HasSubstr("The partner kind must be one of"));
    EXPECT_EQ(Get("/partners").status, 303);  // anonymous: to the sign-in form
}

TEST_F(PartnersHttpTest, ListPagePagesAndSortsKeepingTheFilters) {
    for (int i = 0; i < 25; ++i) {
        CreatePartner({{"kind", "company"},
                       {"name_vi", "Công ty số " + std::to_string(10 + i)},
                       {"country", "KR"}});
    }
    CreatePartner({{"kind", "company"}, {"name_vi", "Công ty Nhật"}, {"country", "JP"}});
    auto page2 = Get("/partners?q=cong%20ty&country=KR&per_page=10&page=2", As("demo-viewer"));
    ASSERT_THAT(page2, HasStatus(200));
    EXPECT_THAT(page2.body, HasSubstr("11–20"));
    EXPECT_THAT(page2.body, HasSubstr("<strong class=\"pager-total\">25</strong>"));
    EXPECT_THAT(page2.body, HasSubstr("Công ty số 20"));
    EXPECT_THAT(page2.body, Not(HasSubstr("Công ty số 30")));
    EXPECT_THAT(
        page2.body,
        HasSubstr("href=\"/partners?q=cong%20ty&amp;country=KR&amp;per_page=10&amp;page=3\" "
                  "rel=\"next\""));
    EXPECT_THAT(
        page2.body,
        HasSubstr("href=\"/partners?q=cong%20ty&amp;country=KR&amp;per_page=10\" rel=\"first\""));
    EXPECT_THAT(page2.body, HasSubstr("<span aria-current=\"page\">2</span>"));
    EXPECT_THAT(page2.body, HasSubstr("aria-sort=\"ascending\"><a href=\"/partners?q=cong%20ty&amp;"
                                      "country=KR&amp;per_page=10&amp;sort=-name\""));
    auto desc = Get("/partners?country=KR&sort=-name&per_page=5", As("demo-viewer"));
    EXPECT_THAT(desc.body, HasSubstr("aria-sort=\"descending\""));
    auto first_row = Match(desc.body, "<tbody>\\s*<tr><td><a href=\"[^\"]+\">([^<]+)</a>");
    EXPECT_EQ(first_row, "Công ty số 34");
}

TEST_F(PartnersHttpTest, PartnerPageShowsDetailsContactsRelationsAndTheMergeForm) {
    json a = CreatePartner(Vannam());
    std::string id = std::to_string(a["id"].get<std::int64_t>());
    ASSERT_THAT(Api("POST", "/api/v1/partners/" + id + "/sister-relations",
                    json{{"admin_unit_id", 1001}, {"established_on", "2013-10-08"}}.dump()),
                HasStatus(201));
    auto viewer = Get("/partners/" + id, As("demo-viewer"));
    ASSERT_THAT(viewer, HasStatus(200));
    EXPECT_THAT(viewer.body, HasSubstr("云南省"));
    EXPECT_THAT(viewer.body, HasSubstr("li.wei@example.org"));
    EXPECT_THAT(viewer.body, HasSubstr("08/10/2013"));
    EXPECT_THAT(viewer.body, HasSubstr("trước sáp nhập 2025"));
    EXPECT_THAT(viewer.body, Not(HasSubstr("id=\"partner-edit\"")));
    EXPECT_THAT(viewer.body, Not(HasSubstr("id=\"merge-form\"")));
    auto officer = Get("/partners/" + id, As("demo-officer-01"));
    EXPECT_THAT(officer.body, HasSubstr("id=\"partner-edit\""));
    EXPECT_THAT(officer.body, HasSubstr("id=\"relation-form\""));
    EXPECT_THAT(officer.body, Not(HasSubstr("id=\"merge-form\"")));
    EXPECT_THAT(officer.body, HasSubstr("/sister-relations/"));  // the end form
    CreatePartner({{"kind", "locality"}, {"name_vi", "Vân Nam trùng"}, {"country", "CN"}});
    auto mofa = Get("/partners/" + id, As("demo-mofa"));
    EXPECT_THAT(mofa.body, HasSubstr("id=\"merge-form\""));
    EXPECT_THAT(mofa.body, HasSubstr("Vân Nam trùng"));
    EXPECT_EQ(Get("/partners/999999", As("demo-viewer")).status, 404);
    EXPECT_EQ(Get("/partners/abc", As("demo-viewer")).status, 400);
    EXPECT_EQ(Get("/partners/new", As("demo-viewer")).status, 403);
    EXPECT_EQ(Get("/partners/" + id + "/edit", As("demo-viewer")).status, 403);
    EXPECT_THAT(Get("/partners/new", As("demo-officer-01")), HasStatus(200));
}

TEST_F(PartnersHttpTest, FormsNeedTheCsrfTokenAndKeepTheInputNextToEachError) {
    auto [session, csrf] = Session("demo-officer-01");
    std::vector<std::pair<std::string, std::string>> fields = {
        {"kind", "locality"},
        {"name_vi", "Tỉnh Kanagawa"},
        {"name_original", "神奈川県"},
        {"name_en", "Kanagawa Prefecture"},
        {"country", "JP"},
        {"website", "https://www.pref.kanagawa.jp"},
        {"contact_name_0", "Sato Yuki"},
        {"contact_email_0", "sato@example.org"},
        {"contact_name_1", ""},
        {"contact_email_1", ""}};
    auto no_csrf = Post("/partners", FormBody(fields), kForm, session);
    EXPECT_EQ(no_csrf.status, 403);
    auto wrong = fields;
    wrong.emplace_back("_csrf", "not-the-token");
    EXPECT_EQ(Post("/partners", FormBody(wrong), kForm, session).status, 403);
    EXPECT_EQ(Rows("partner"), 0);

    auto bad = fields;
    bad.emplace_back("_csrf", csrf);
    bad[4].second = "ZZ";
    bad[5].second = "www.example.org";
    bad[7].second = "sato@";
    auto refused = Post("/partners", FormBody(bad), kForm, session);
    EXPECT_EQ(refused.status, 400);
    EXPECT_THAT(refused.body, HasSubstr("id=\"error-country\""));
    EXPECT_THAT(refused.body, HasSubstr("id=\"error-website\""));
    EXPECT_THAT(refused.body, HasSubstr("Email của người liên hệ 1 không hợp lệ"));
    EXPECT_THAT(refused.body, HasSubstr("value=\"Tỉnh Kanagawa\""));  // the input is kept
    EXPECT_THAT(refused.body, HasSubstr("value=\"sato@\""));
    EXPECT_THAT(refused.body, HasSubstr("value=\"www.example.org\""));
    EXPECT_EQ(Rows("partner"), 0);
    auto [session_en, csrf_en] = Session("demo-officer-01", "en");
    auto bad_en = bad;
    bad_en.back().second = csrf_en;
    auto refused_en = Post("/partners", FormBody(bad_en), kForm, session_en);
    EXPECT_EQ(refused_en.status, 400);
    EXPECT_THAT(refused_en.body, HasSubstr("The email of contact 1 is not valid"));

    auto good = fields;
    good.emplace_back("_csrf", csrf);
    auto created = Post("/partners", FormBody(good), kForm, session);
    ASSERT_EQ(created.status, 303) << created.Describe();
    std::string location = created.Header("Location").value_or("");
    EXPECT_THAT(location, StartsWith("/partners/"));
    auto shown = Get(location, session);
    EXPECT_THAT(shown.body, HasSubstr("id=\"partner-saved\""));
    EXPECT_THAT(shown.body, HasSubstr("神奈川県"));
    EXPECT_THAT(shown.body, HasSubstr("Sato Yuki"));
    EXPECT_EQ(Rows("partner_contact"), 1);  // the empty second row is not a contact
}

TEST_F(PartnersHttpTest, EditingAStaleFormShowsTheConflictAndTheOtherPersonsValues) {
    json made = CreatePartner(Vannam());
    std::string id = std::to_string(made["id"].get<std::int64_t>());
    auto [session, csrf] = Session("demo-officer-01");
    auto form = Get("/partners/" + id + "/edit", session);
    ASSERT_THAT(form, HasStatus(200));
    EXPECT_THAT(form.body, HasSubstr("name=\"version\" value=\"1\""));
    EXPECT_THAT(form.body, HasSubstr("value=\"Li Wei\""));

    // Someone else saves first, through the API.
    json theirs = Vannam();
    theirs["name_en"] = "Yunnan (their change)";
    theirs["version"] = 1;
    ASSERT_THAT(Api("PUT", "/api/v1/partners/" + id, theirs.dump(), "demo-admin"), HasStatus(200));

    std::vector<std::pair<std::string, std::string>> mine = {
        {"_csrf", csrf},
        {"version", "1"},
        {"kind", "locality"},
        {"name_vi", "Tỉnh Vân Nam"},
        {"name_en", "Yunnan (my change)"},
        {"name_original", "云南省"},
        {"country", "CN"},
        {"website", "https://www.yn.gov.cn"},
        {"contact_name_0", "Li Wei"},
        {"contact_title_0", "Foreign Affairs Office"},
        {"contact_email_0", "li.wei@example.org"},
        {"contact_phone_0", "+86 871 6399 4151"}};
    std::int64_t entries = Rows("audit_log");
    auto conflict = Post("/partners/" + id + "/edit", FormBody(mine), kForm, session);
    EXPECT_EQ(conflict.status, 409);
    EXPECT_THAT(conflict.body, HasSubstr("id=\"partner-conflict\""));
    EXPECT_THAT(conflict.body, HasSubstr("vừa được người khác"));
    EXPECT_THAT(conflict.body, HasSubstr("value=\"Yunnan (my change)\""));  // mine, kept
    EXPECT_THAT(conflict.body, HasSubstr("Yunnan (their change)"));         // theirs, shown
    EXPECT_THAT(conflict.body, HasSubstr("id=\"stored-name-en\""));
    EXPECT_THAT(conflict.body, Not(HasSubstr("id=\"stored-name-vi\"")));  // the same
    EXPECT_THAT(conflict.body, HasSubstr("name=\"version\" value=\"2\""));
    EXPECT_EQ(Rows("audit_log"), entries);

    // Saving again, deliberately, from the re-rendered form.
    mine[1].second = "2";
    auto saved = Post("/partners/" + id + "/edit", FormBody(mine), kForm, session);
    EXPECT_EQ(saved.status, 303) << saved.Describe();
    EXPECT_EQ(Api("GET", "/api/v1/partners/" + id, "").Json()["name_en"], "Yunnan (my change)");

    mine[1].second = "abc";
    auto bad_version = Post("/partners/" + id + "/edit", FormBody(mine), kForm, session);
    EXPECT_EQ(bad_version.status, 400);
    EXPECT_THAT(bad_version.body, HasSubstr("id=\"error-version\""));
    auto viewer = Post("/partners/" + id + "/edit", FormBody(mine), kForm, As("demo-viewer"));
    EXPECT_EQ(viewer.status, 403);
}

TEST_F(PartnersHttpTest, MergeAndSisterRelationFormsOnThePartnerPage) {
    json a = CreatePartner(Vannam());
    json b = CreatePartner(
        {{"kind", "locality"}, {"name_vi", "Tỉnh Vân Nam (trùng)"}, {"country", "CN"}});
    std::string a_id = std::to_string(a["id"].get<std::int64_t>());
    std::string b_id = std::to_string(b["id"].get<std::int64_t>());
    auto [officer, officer_csrf] = Session("demo-officer-01");

    // A sister relation, with a date typed as dd/mm/yyyy.
    auto bad = Post("/partners/" + a_id + "/sister-relations",
                    FormBody({{"_csrf", officer_csrf},
                              {"admin_unit_id", "1001"},
                              {"established_on", "31/02/2013"},
                              {"note", "ghi chú"}}),
                    kForm, officer);
    EXPECT_EQ(bad.status, 400);
    EXPECT_THAT(bad.body, HasSubstr("id=\"relation-error\""));
    EXPECT_THAT(bad.body, HasSubstr("value=\"31/02/2013\""));
    auto scope = Post(
        "/partners/" + a_id + "/sister-relations",
        FormBody(
            {{"_csrf", officer_csrf}, {"admin_unit_id", "2079"}, {"established_on", "08/10/2013"}}),
        kForm, officer);
    EXPECT_EQ(scope.status, 403);
    auto added = Post("/partners/" + a_id + "/sister-relations",
                      FormBody({{"_csrf", officer_csrf},
                                {"admin_unit_id", "1001"},
                                {"established_on", "08/10/2013"},
                                {"note", "ghi chú"}}),
                      kForm, officer);
    ASSERT_EQ(added.status, 303) << added.Describe();
    EXPECT_EQ(Rows("sister_relation"), 1);
    auto page = Get("/partners/" + a_id, officer);
    std::string relation = Match(page.body, "action=\"/sister-relations/([0-9]+)/end\"");
    ASSERT_FALSE(relation.empty());
    auto early =
        Post("/sister-relations/" + relation + "/end",
             FormBody({{"_csrf", officer_csrf}, {"ended_on", "01/01/2000"}}), kForm, officer);
    EXPECT_EQ(early.status, 400);
    EXPECT_THAT(early.body, HasSubstr("Ngày kết thúc không được trước ngày kết nghĩa."));
    auto ended =
        Post("/sister-relations/" + relation + "/end",
             FormBody({{"_csrf", officer_csrf}, {"ended_on", "30/06/2025"}}), kForm, officer);
    EXPECT_EQ(ended.status, 303) << ended.Describe();
    EXPECT_THAT(Get("/partners/" + a_id, officer).body, HasSubstr("30/06/2025"));

    // Merging: MOFA staff only; the duplicate into the original.
    auto denied = Post("/partners/" + b_id + "/merge",
                       FormBody({{"_csrf", officer_csrf}, {"into", a_id}}), kForm, officer);
    EXPECT_EQ(denied.status, 403);
    auto [mofa, mofa_csrf] = Session("demo-mofa");
    auto self = Post("/partners/" + b_id + "/merge",
                     FormBody({{"_csrf", mofa_csrf}, {"into", b_id}}), kForm, mofa);
    EXPECT_EQ(self.status, 400);
    EXPECT_THAT(self.body, HasSubstr("id=\"merge-error\""));
    auto none = Post("/partners/" + b_id + "/merge", FormBody({{"_csrf", mofa_csrf}}), kForm, mofa);
    EXPECT_EQ(none.status, 400);
    EXPECT_EQ(Post("/partners/" + b_id + "/merge", FormBody({{"into", a_id}}), kForm, mofa).status,
              403);  // no CSRF token
    auto merged = Post("/partners/" + b_id + "/merge",
                       FormBody({{"_csrf", mofa_csrf}, {"into", a_id}}), kForm, mofa);
    ASSERT_EQ(merged.status, 303) << merged.Describe();
    EXPECT_EQ(merged.Header("Location").value_or(""), "/partners/" + a_id + "?merged=1");
    auto source = Get("/partners/" + b_id, mofa);
    EXPECT_THAT(source.body, HasSubstr("id=\"partner-merged-into\""));
    EXPECT_THAT(source.body, HasSubstr("href=\"/partners/" + a_id + "\" id=\"merged-into-link\""));
    EXPECT_THAT(source.body, Not(HasSubstr("id=\"partner-edit\"")));
    EXPECT_EQ(Get("/partners/" + b_id + "/edit", mofa).status, 409);
}

// The generic list pieces, on requests built by hand.
http::Request ListRequest(std::string path, std::vector<std::pair<std::string, std::string>> q) {
    http::Request req;
    req.path = std::move(path);
    req.query = std::move(q);
    return req;
}

TEST(ListViewWithQuery, ChangesOneParameterAndKeepsEveryOther) {
    auto req = ListRequest("/partners", {{"q", "vân nam"}, {"page", "3"}, {"kind", "locality"}});
    EXPECT_EQ(html::WithQuery(req, {{"page", "4"}}),
              "/partners?q=v%C3%A2n%20nam&page=4&kind=locality");
    EXPECT_EQ(html::WithQuery(req, {{"page", ""}}), "/partners?q=v%C3%A2n%20nam&kind=locality");
    EXPECT_EQ(html::WithQuery(req, {{"sort", "-name"}, {"page", ""}}),
              "/partners?q=v%C3%A2n%20nam&kind=locality&sort=-name");
    EXPECT_EQ(html::WithQuery(ListRequest("/x", {}), {{"page", ""}}), "/x");
    auto repeated = ListRequest("/x", {{"a", "1"}, {"b", "2"}, {"a", "3"}});
    EXPECT_EQ(html::WithQuery(repeated, {{"a", "9"}}), "/x?a=9&b=2");
}

TEST(ListViewPager, GivesTheRangeLinksAndTheNumbersAroundTheCurrentPage) {
    auto req = ListRequest("/partners", {{"q", "a"}, {"page", "5"}});
    html::Data d = html::PagerData(req, 5, 10, 95, 10);
    EXPECT_EQ(d.get("from")->string_value(), "41");
    EXPECT_EQ(d.get("to")->string_value(), "50");
    EXPECT_EQ(d.get("total")->string_value(), "95");
    EXPECT_EQ(d.get("first_href")->string_value(), "/partners?q=a");
    EXPECT_EQ(d.get("prev_href")->string_value(), "/partners?q=a&page=4");
    EXPECT_EQ(d.get("next_href")->string_value(), "/partners?q=a&page=6");
    EXPECT_EQ(d.get("last_href")->string_value(), "/partners?q=a&page=10");
    const auto& numbers = d.get("numbers")->list_value();
    ASSERT_EQ(numbers.size(), 5u);  // 3 4 [5] 6 7
    EXPECT_EQ(numbers.front().get("number")->string_value(), "3");
    EXPECT_TRUE(numbers[2].get("current")->is_true());
    EXPECT_TRUE(d.get("gap_before")->is_true());
    EXPECT_TRUE(d.get("gap_after")->is_true());
    html::Data first = html::PagerData(ListRequest("/p", {}), 1, 10, 5, 5);
    EXPECT_EQ(first.get("first_href"), nullptr);
    EXPECT_EQ(first.get("next_href"), nullptr);
    EXPECT_TRUE(first.get("has_pages")->is_false());
    html::Data empty = html::PagerData(ListRequest("/p", {}), 3, 10, 0, 0);
    EXPECT_EQ(empty.get("from")->string_value(), "0");
    EXPECT_EQ(empty.get("to")->string_value(), "0");
    html::Data big = html::PagerData(ListRequest("/p", {}), 1, 10, 12345, 10);
    EXPECT_EQ(big.get("total")->string_value(), "12.345");  // Vietnamese digit grouping
    EXPECT_TRUE(big.get("total_more")->is_false());
    // A count that stopped at its cap: "1.000+", the next page, but no last page.
    html::Data capped = html::PagerData(ListRequest("/p", {}), 2, 50, 1000, 50, true);
    EXPECT_TRUE(capped.get("total_more")->is_true());
    EXPECT_EQ(capped.get("next_href")->string_value(), "/p?page=3");
    EXPECT_EQ(capped.get("last_href"), nullptr);
}

TEST(ListViewSortLinks, ReverseTheCurrentColumnAndResetThePage) {
    constexpr std::string_view kKeys[] = {"name", "updated"};
    auto req = ListRequest("/partners", {{"q", "x"}, {"page", "2"}, {"sort", "name"}});
    auto current = html::CurrentSort(req, kKeys, {"name", false});
    html::Data links = html::SortLinks(req, kKeys, current);
    EXPECT_EQ(links.get("name")->get("href")->string_value(), "/partners?q=x&sort=-name");
    EXPECT_EQ(links.get("name")->get("aria_sort")->string_value(), "ascending");
    EXPECT_EQ(links.get("updated")->get("href")->string_value(), "/partners?q=x&sort=updated");
    EXPECT_EQ(links.get("updated")->get("aria_sort")->string_value(), "none");
    auto desc = ListRequest("/partners", {{"sort", "-updated"}});
    html::Data d = html::SortLinks(desc, kKeys, html::CurrentSort(desc, kKeys, {"name", false}));
    EXPECT_EQ(d.get("updated")->get("aria_sort")->string_value(), "descending");
    EXPECT_EQ(d.get("updated")->get("href")->string_value(), "/partners?sort=updated");
    auto unknown = ListRequest("/partners", {{"sort", "price"}});
    EXPECT_EQ(html::CurrentSort(unknown, kKeys, {"name", false}).key, "name");
}

}  // namespace
}  // namespace ngoaivu::testing
