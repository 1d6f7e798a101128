// The indicators API over real HTTP, on each backend: definitions (administrators, locked
// fields once used), rounds, the grid with its checks and optimistic locking, the review
// workflow, completeness on time and late, province scope across the 2025 merger, the yearly
// values (entered and rolled up, counted from the records) and bad input.
#include <map>
#include <set>
#include <tuple>

#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

class IndicatorsApi : public AppTest {
 protected:
    void SetUp() override {
        AppTest::SetUp();
        tokens_ = AddDemoAccounts(app().db_location(),
                                  {"demo-admin", "demo-mofa", "demo-officer-01", "demo-leader-01",
                                   "demo-officer-79", "demo-viewer", "officer-80-01"});
    }
    HttpResponse Call(const std::string& who, const std::string& method, const std::string& target,
                      const nlohmann::json& body = nullptr, const std::string& raw = "") {
        HeaderList headers{{"Authorization", "Bearer " + tokens_.at(who)}};
        std::string payload = raw.empty() ? (body.is_null() ? "" : body.dump()) : raw;
        if (!payload.empty())
            headers.emplace_back("Content-Type", "application/json");
        HttpClient client = app().Client();
        return client.Request(method, target, headers, payload);
    }
    static nlohmann::json Definition(const std::string& code, const std::string& periodicity,
                                     const std::string& aggregation = "sum") {
        return {{"code", code},
                {"name_vi", "Chỉ tiêu " + code},
                {"name_en", "Indicator " + code},
                {"unit", "usd_million"},
                {"aggregation", aggregation},
                {"periodicity", periodicity},
                {"source", "entered"},
                {"decimals", 1},
                {"min_milli", 0},
                {"max_milli", 1000000000},
                {"required", true}};
    }
    void Define(const nlohmann::json& def) {
        auto r = Call("demo-admin", "POST", "/api/v1/indicators", def);
        ASSERT_EQ(r.status, 201) << r.Describe();
    }
    std::int64_t OpenRound(const nlohmann::json& body) {
        auto r = Call("demo-mofa", "POST", "/api/v1/indicator-rounds", body);
        EXPECT_EQ(r.status, 201) << r.Describe();
        return r.Json().value("id", std::int64_t{0});
    }
    std::string Grid(std::int64_t round, std::int64_t unit) {
        return "/api/v1/indicator-rounds/" + std::to_string(round) + "/submissions/" +
               std::to_string(unit);
    }
    HttpResponse Save(const std::string& who, std::int64_t round, std::int64_t unit,
                      std::int64_t version, const nlohmann::json& values) {
        return Call(who, "PUT", Grid(round, unit), {{"version", version}, {"values", values}});
    }
    HttpResponse Step(const std::string& who, std::int64_t round, std::int64_t unit,
                      const nlohmann::json& step) {
        return Call(who, "POST", Grid(round, unit) + "/steps", step);
    }
    // The national total of `code` in `year` (by today's units), or null.
    nlohmann::json National(const std::string& query, const std::string& code, int year,
                            const std::string& who = "demo-mofa") {
        auto r = Call(who, "GET", "/api/v1/indicators/values?" + query);
        EXPECT_EQ(r.status, 200) << r.Describe();
        const nlohmann::json json1 = r.Json();
        for (const auto& v : json1["national"]) {
            if (v["code"] == code && v["year"] == year)
                return v["value_milli"];
        }
        return nullptr;
    }
    std::map<std::string, std::string> tokens_;
};

TEST_F(IndicatorsApi, AdministratorsDefineIndicatorsAndUsedOnesKeepTheirUnit) {
    auto by_mofa =
        Call("demo-mofa", "POST", "/api/v1/indicators", Definition("exports", "quarter"));
    EXPECT_EQ(by_mofa.status, 403) << by_mofa.Describe();
    auto bad = Call("demo-admin", "POST", "/api/v1/indicators",
                    {{"code", "Bad Code"},
                     {"name_vi", ""},
                     {"name_en", "x"},
                     {"unit", "usd"},
                     {"aggregation", "sum"},
                     {"periodicity", "week"},
                     {"source", "entered"},
                     {"decimals", 5}});
    ASSERT_EQ(bad.status, 400) << bad.Describe();
    std::set<std::string> fields;
    const nlohmann::json json2 = bad.Json();
    for (const auto& f : json2["error"]["fields"]) {
        fields.insert(f["field"].get<std::string>());
        EXPECT_FALSE(f["message_vi"].get<std::string>().empty());
        EXPECT_FALSE(f["message_en"].get<std::string>().empty());
    }
    for (const char* f : {"code", "name_vi", "unit", "periodicity", "decimals"})
        EXPECT_TRUE(fields.contains(f)) << f << " in " << bad.Describe();
    Define(Definition("exports", "quarter"));
    auto twice = Call("demo-admin", "POST", "/api/v1/indicators", Definition("exports", "quarter"));
    EXPECT_EQ(twice.status, 409) << twice.Describe();
    EXPECT_EQ(twice.Json()["error"]["field"], "code");
    auto got = Call("demo-viewer", "GET", "/api/v1/indicators/exports");
    ASSERT_EQ(got.status, 200) << got.Describe();
    EXPECT_EQ(got.Json()["used"], false);
    // Unused: the unit may change; a stale version is refused.
    nlohmann::json edit = Definition("exports", "quarter");
    edit["unit"] = "vnd_billion";
    edit["version"] = 7;
    auto stale = Call("demo-admin", "PUT", "/api/v1/indicators/exports", edit);
    EXPECT_EQ(stale.status, 409) << stale.Describe();
    EXPECT_EQ(stale.Json()["error"]["field"], "version");
    edit["version"] = 1;
    auto changed = Call("demo-admin", "PUT", "/api/v1/indicators/exports", edit);
    ASSERT_EQ(changed.status, 200) << changed.Describe();
    EXPECT_EQ(changed.Json()["unit"], "vnd_billion");
    EXPECT_EQ(changed.Json()["version"], 2);
    // Used by a round: the unit, aggregation and periodicity are fixed; deactivating is fine.
    OpenRound({{"periodicity", "quarter"}, {"year", 2025}, {"number", 3}});
    edit["version"] = 2;
    edit["unit"] = "usd_million";
    auto locked = Call("demo-admin", "PUT", "/api/v1/indicators/exports", edit);
    ASSERT_EQ(locked.status, 409) << locked.Describe();
    EXPECT_EQ(locked.Json()["error"]["field"], "unit");
    EXPECT_NE(locked.Json()["error"]["message_en"].get<std::string>().find("cannot change"),
              std::string::npos);
    EXPECT_FALSE(locked.Json()["error"]["message_vi"].get<std::string>().empty());
    edit["unit"] = "vnd_billion";
    edit["aggregation"] = "average";
    EXPECT_EQ(
        Call("demo-admin", "PUT", "/api/v1/indicators/exports", edit).Json()["error"]["field"],
        "aggregation");
    edit["aggregation"] = "sum";
    edit["active"] = false;
    auto off = Call("demo-admin", "PUT", "/api/v1/indicators/exports", edit);
    ASSERT_EQ(off.status, 200) << off.Describe();
    EXPECT_EQ(off.Json()["active"], false);
    auto active = Call("demo-viewer", "GET", "/api/v1/indicators?active=1");
    EXPECT_TRUE(active.Json()["items"].empty()) << active.Describe();
}

TEST_F(IndicatorsApi, RoundsAreOpenedByMofaForTheProvincesInForceOnTheLastDay) {
    Define(Definition("exports", "quarter"));
    Define(Definition("fdi_registered", "year"));
    auto by_officer = Call("demo-officer-01", "POST", "/api/v1/indicator-rounds",
                           {{"periodicity", "quarter"}, {"year", 2025}, {"number", 2}});
    EXPECT_EQ(by_officer.status, 403) << by_officer.Describe();
    std::int64_t q2 = OpenRound({{"periodicity", "quarter"}, {"year", 2025}, {"number", 2}});
    std::int64_t q3 = OpenRound({{"periodicity", "quarter"}, {"year", 2025}, {"number", 3}});
    auto round = Call("demo-viewer", "GET", "/api/v1/indicator-rounds/" + std::to_string(q2));
    ASSERT_EQ(round.status, 200) << round.Describe();
    EXPECT_EQ(round.Json()["generation"], 1);
    EXPECT_EQ(round.Json()["ends_on"], "2025-06-30");
    EXPECT_EQ(round.Json()["due_on"], "2025-07-20");
    ASSERT_EQ(round.Json()["indicators"].size(), 1u);
    EXPECT_EQ(round.Json()["indicators"][0]["code"], "exports");
    auto c2 = Call("demo-mofa", "GET",
                   "/api/v1/indicator-rounds/" + std::to_string(q2) + "/completeness");
    ASSERT_EQ(c2.status, 200) << c2.Describe();
    EXPECT_EQ(c2.Json()["items"].size(), 63u);
    auto c3 = Call("demo-mofa", "GET",
                   "/api/v1/indicator-rounds/" + std::to_string(q3) + "/completeness");
    EXPECT_EQ(c3.Json()["items"].size(), 34u);
    EXPECT_EQ(c3.Json()["counts"]["not_started"], 34);
    // The same period twice, an impossible one, an unknown or unsuitable indicator.
    auto again = Call("demo-mofa", "POST", "/api/v1/indicator-rounds",
                      {{"periodicity", "quarter"}, {"year", 2025}, {"number", 2}});
    EXPECT_EQ(again.status, 409) << again.Describe();
    auto q5 = Call("demo-mofa", "POST", "/api/v1/indicator-rounds",
                   {{"periodicity", "quarter"}, {"year", 2025}, {"number", 5}});
    EXPECT_EQ(q5.status, 400) << q5.Describe();
    EXPECT_EQ(q5.Json()["error"]["field"], "number");
    auto unknown = Call("demo-mofa", "POST", "/api/v1/indicator-rounds",
                        {{"periodicity", "year"}, {"year", 2024}, {"codes", {"nope", "exports"}}});
    EXPECT_EQ(unknown.status, 400) << unknown.Describe();
    EXPECT_EQ(unknown.Json()["error"]["field"], "codes");
    auto types = Call("demo-mofa", "POST", "/api/v1/indicator-rounds",
                      {{"periodicity", 3}, {"year", "2024"}});
    EXPECT_EQ(types.status, 400) << types.Describe();
    auto list = Call("demo-viewer", "GET", "/api/v1/indicator-rounds");
    EXPECT_EQ(list.Json()["total"], 2);
}

TEST_F(IndicatorsApi, TheReviewWorkflowLocksApprovedValues) {
    Define(Definition("exports", "quarter"));
    std::int64_t round = OpenRound({{"periodicity", "quarter"}, {"year", 2025}, {"number", 3}});
    const std::int64_t hanoi = 2001;
    // Required values are needed to submit.
    auto empty = Step("demo-officer-01", round, hanoi, {{"action", "submit"}});
    ASSERT_EQ(empty.status, 400) << empty.Describe();
    EXPECT_EQ(empty.Json()["error"]["field"], "values.exports");
    auto saved = Save(
        "demo-officer-01", round, hanoi, 0,
        {{"exports", {{"value", "1.234,5"}, {"comment", "Ước tính"}, {"source", "Cục Thống kê"}}}});
    ASSERT_EQ(saved.status, 200) << saved.Describe();
    EXPECT_EQ(saved.Json()["submission"]["version"], 1);
    EXPECT_EQ(saved.Json()["cells"][0]["value_milli"], 1234500);
    EXPECT_EQ(saved.Json()["cells"][0]["source"], "Cục Thống kê");
    // A stale version changes nothing.
    auto stale = Save("demo-officer-01", round, hanoi, 0, {{"exports", "9"}});
    EXPECT_EQ(stale.status, 409) << stale.Describe();
    EXPECT_EQ(stale.Json()["error"]["field"], "version");
    auto resaved = Save("demo-leader-01", round, hanoi, 1, {{"exports", 2000.5}});
    ASSERT_EQ(resaved.status, 200) << resaved.Describe();
    EXPECT_EQ(resaved.Json()["cells"][0]["value_milli"], 2000500);
    // MOFA does not enter a province's figures; the province does not approve them.
    EXPECT_EQ(Save("demo-mofa", round, hanoi, 2, {{"exports", "1"}}).status, 403);
    EXPECT_EQ(Step("demo-mofa", round, hanoi, {{"action", "submit"}}).status, 403);
    auto submitted = Step("demo-officer-01", round, hanoi, {{"action", "submit"}, {"version", 2}});
    ASSERT_EQ(submitted.status, 200) << submitted.Describe();
    EXPECT_EQ(submitted.Json()["submission"]["status"], "submitted");
    EXPECT_EQ(submitted.Json()["submission"]["submitted_on"], "2025-08-01");
    EXPECT_EQ(submitted.Json()["editable"], false);
    auto while_submitted = Save("demo-officer-01", round, hanoi, 3, {{"exports", "1"}});
    EXPECT_EQ(while_submitted.status, 409) << while_submitted.Describe();
    EXPECT_EQ(while_submitted.Json()["error"]["field"], "status");
    EXPECT_EQ(Step("demo-leader-01", round, hanoi, {{"action", "approve"}}).status, 403);
    auto no_comment = Step("demo-mofa", round, hanoi, {{"action", "return"}, {"comment", " "}});
    ASSERT_EQ(no_comment.status, 400) << no_comment.Describe();
    EXPECT_EQ(no_comment.Json()["error"]["field"], "comment");
    auto returned =
        Step("demo-mofa", round, hanoi, {{"action", "return"}, {"comment", "Thiếu nguồn số liệu"}});
    ASSERT_EQ(returned.status, 200) << returned.Describe();
    EXPECT_EQ(returned.Json()["submission"]["status"], "returned");
    EXPECT_EQ(returned.Json()["submission"]["comment"], "Thiếu nguồn số liệu");
    EXPECT_EQ(Save("demo-officer-01", round, hanoi, 4, {{"exports", "3000"}}).status, 200);
    EXPECT_EQ(Step("demo-officer-01", round, hanoi, {{"action", "submit"}}).status, 200);
    // Not yet approved: not in the yearly values.
    EXPECT_TRUE(National("codes=exports&from_year=2025&to_year=2025", "exports", 2025).is_null());
    auto approved = Step("demo-mofa", round, hanoi, {{"action", "approve"}});
    ASSERT_EQ(approved.status, 200) << approved.Describe();
    EXPECT_EQ(approved.Json()["submission"]["status"], "approved");
    EXPECT_EQ(National("codes=exports&from_year=2025&to_year=2025", "exports", 2025), 3000000);
    auto locked = Save("demo-admin", round, hanoi, 7, {{"exports", "1"}});
    EXPECT_EQ(locked.status, 409) << locked.Describe();
    EXPECT_EQ(Step("demo-mofa", round, hanoi, {{"action", "reopen"}, {"comment", "x"}}).status,
              403);
    auto reopen_bare = Step("demo-admin", round, hanoi, {{"action", "reopen"}});
    EXPECT_EQ(reopen_bare.status, 400) << reopen_bare.Describe();
    EXPECT_EQ(reopen_bare.Json()["error"]["field"], "comment");
    auto reopened =
        Step("demo-admin", round, hanoi, {{"action", "reopen"}, {"comment", "Sửa số liệu quý 3"}});
    ASSERT_EQ(reopened.status, 200) << reopened.Describe();
    EXPECT_EQ(reopened.Json()["submission"]["status"], "returned");
    EXPECT_TRUE(National("codes=exports&from_year=2025&to_year=2025", "exports", 2025).is_null());
    // Every step is in the history and in the audit trail.
    auto grid = Call("demo-officer-01", "GET", Grid(round, hanoi));
    std::vector<std::string> actions;
    const nlohmann::json json3 = grid.Json();
    for (const auto& h : json3["history"])
        actions.push_back(h["action"]);
    EXPECT_EQ(actions, (std::vector<std::string>{"save", "save", "submit", "return", "save",
                                                 "submit", "approve", "reopen"}));
    auto audit = Call("demo-admin", "GET", "/api/v1/audit?entity=indicator_submission");
    EXPECT_EQ(audit.Json()["total"], 8) << audit.Describe();
    auto unknown_step = Step("demo-admin", round, hanoi, {{"action", "publish"}});
    EXPECT_EQ(unknown_step.status, 400);
    EXPECT_EQ(unknown_step.Json()["error"]["field"], "action");
}

TEST_F(IndicatorsApi, BadGridInputIsRefusedCellByCellAndChangesNothing) {
    Define(Definition("exports", "quarter"));
    std::int64_t round = OpenRound({{"periodicity", "quarter"}, {"year", 2025}, {"number", 3}});
    std::string target = Grid(round, 2001);
    struct Case {
        std::string body;
        std::string field;
    };
    const Case cases[] = {
        {"{\"version\": 0, \"values\": {\"exports\": \"1,2", "body"},
        {"[1, 2]", "body"},
        {"{\"values\": {}}", "version"},
        {"{\"version\": \"0\", \"values\": {}}", "version"},
        {"{\"version\": 0, \"values\": [1]}", "values"},
        {"{\"version\": 0, \"values\": {\"exports\": true}}", "values.exports"},
        {"{\"version\": 0, \"values\": {\"exports\": \"abc\"}}", "values.exports"},
        {"{\"version\": 0, \"values\": {\"exports\": \"1,25\"}}", "values.exports"},
        {"{\"version\": 0, \"values\": {\"exports\": \"-5\"}}", "values.exports"},
        {"{\"version\": 0, \"values\": {\"exports\": 1e30}}", "values.exports"},
        {"{\"version\": 0, \"values\": {\"nope\": \"1\"}}", "values.nope"},
        {"{\"version\": 0, \"values\": {\"exports\": {\"value\": \"1\", \"comment\": 5}}}",
         "values.exports.comment"},
        {"{\"version\": 0, \"values\": {\"exports\": \"\xff\"}}", "body"},
        {"{\"version\": 0, \"lang\": \"fr\", \"values\": {}}", "lang"},
    };
    for (const auto& c : cases) {
        auto r = Call("demo-officer-01", "PUT", target, nullptr, c.body);
        ASSERT_EQ(r.status, 400) << c.body << ": " << r.Describe();
        auto e = r.Json()["error"];
        EXPECT_EQ(e["field"], c.field) << c.body << ": " << r.Describe();
        EXPECT_FALSE(e["message_vi"].get<std::string>().empty()) << c.body;
        EXPECT_FALSE(e["message_en"].get<std::string>().empty()) << c.body;
    }
    auto grid = Call("demo-officer-01", "GET", target);
    EXPECT_EQ(grid.Json()["submission"]["status"], "not_started") << grid.Describe();
    EXPECT_TRUE(grid.Json()["history"].empty());
    // Bad ids and steps.
    EXPECT_EQ(Call("demo-officer-01", "GET", "/api/v1/indicator-rounds/x/submissions/2001").status,
              400);
    EXPECT_EQ(Call("demo-officer-01", "GET", Grid(round, 1001)).status, 404);  // not in force
    EXPECT_EQ(Call("demo-officer-01", "GET", Grid(999, 2001)).status, 404);
    EXPECT_EQ(Call("demo-officer-01", "POST", target + "/steps", nullptr, "{\"action\": 1}").status,
              400);
}

TEST_F(IndicatorsApi, CompletenessTellsOnTimeFromLate) {
    Define(Definition("exports", "month"));
    // Due 15/07/2025, submitted on 01/08/2025 (the clock): late.
    std::int64_t june = OpenRound(
        {{"periodicity", "month"}, {"year", 2025}, {"number", 6}, {"due_on", "2025-07-15"}});
    // Due 31/08/2025: on time.
    std::int64_t july = OpenRound(
        {{"periodicity", "month"}, {"year", 2025}, {"number", 7}, {"due_on", "2025-08-31"}});
    ASSERT_EQ(Save("demo-officer-01", june, 1001, 0, {{"exports", "10"}}).status, 200);
    ASSERT_EQ(Step("demo-officer-01", june, 1001, {{"action", "submit"}}).status, 200);
    ASSERT_EQ(Save("demo-officer-79", june, 1079, 0, {{"exports", "20"}}).status, 200);
    ASSERT_EQ(Save("demo-officer-01", july, 2001, 0, {{"exports", "10"}}).status, 200);
    ASSERT_EQ(Step("demo-officer-01", july, 2001, {{"action", "submit"}}).status, 200);
    auto c = Call("demo-mofa", "GET",
                  "/api/v1/indicator-rounds/" + std::to_string(june) + "/completeness");
    ASSERT_EQ(c.status, 200) << c.Describe();
    EXPECT_EQ(c.Json()["counts"]["submitted_late"], 1);
    EXPECT_EQ(c.Json()["counts"]["draft"], 1);
    EXPECT_EQ(c.Json()["counts"]["not_started"], 61);
    const nlohmann::json json4 = c.Json();
    for (const auto& item : json4["items"]) {
        if (item["unit"]["id"] == 1001) {
            EXPECT_EQ(item["state"], "submitted_late");
            EXPECT_EQ(item["submitted_on"], "2025-08-01");
        }
    }
    auto on_time = Call("demo-mofa", "GET",
                        "/api/v1/indicator-rounds/" + std::to_string(july) + "/completeness");
    EXPECT_EQ(on_time.Json()["counts"]["submitted_on_time"], 1) << on_time.Describe();
    EXPECT_EQ(on_time.Json()["counts"]["not_started"], 33);
    // An officer sees only their provinces.
    auto own = Call("demo-officer-79", "GET",
                    "/api/v1/indicator-rounds/" + std::to_string(june) + "/completeness");
    std::set<std::int64_t> units;
    const nlohmann::json json5 = own.Json();
    for (const auto& item : json5["items"])
        units.insert(item["unit"]["id"].get<std::int64_t>());
    // TP.HCM (new 79) was formed from TP.HCM, Bình Dương and Bà Rịa - Vũng Tàu.
    EXPECT_EQ(units, (std::set<std::int64_t>{1074, 1077, 1079}));
}

TEST_F(IndicatorsApi, ScopeFollowsTheMerger) {
    Define(Definition("exports", "quarter"));
    std::int64_t q2 = OpenRound({{"periodicity", "quarter"}, {"year", 2025}, {"number", 2}});
    // Another province's data set: not found to read, not found to write.
    EXPECT_EQ(Call("demo-officer-79", "GET", Grid(q2, 1001)).status, 404);
    EXPECT_EQ(Save("demo-officer-79", q2, 1001, 0, {{"exports", "1"}}).status, 404);
    EXPECT_EQ(Step("demo-officer-79", q2, 1001, {{"action", "submit"}}).status, 404);
    // The officer of the new Tây Ninh (80) enters the old Long An's (80) figures of Q2 2025.
    auto long_an = Save("officer-80-01", q2, 1080, 0, {{"exports", "12.345,6"}});
    ASSERT_EQ(long_an.status, 200) << long_an.Describe();
    EXPECT_EQ(long_an.Json()["unit"]["current_id"], 2080);
    ASSERT_EQ(Save("officer-80-01", q2, 1072, 0, {{"exports", "100"}}).status, 200);
    ASSERT_EQ(Step("officer-80-01", q2, 1080, {{"action", "submit"}}).status, 200);
    ASSERT_EQ(Step("officer-80-01", q2, 1072, {{"action", "submit"}}).status, 200);
    ASSERT_EQ(Step("demo-mofa", q2, 1080, {{"action", "approve"}}).status, 200);
    ASSERT_EQ(Step("demo-mofa", q2, 1072, {{"action", "approve"}}).status, 200);
    // Rolled up to the new Tây Ninh, or shown by the old units.
    auto by_new = Call("officer-80-01", "GET",
                       "/api/v1/indicators/values?codes=exports&from_year=2025&to_year=2025");
    ASSERT_EQ(by_new.status, 200) << by_new.Describe();
    ASSERT_EQ(by_new.Json()["items"].size(), 1u) << by_new.Describe();
    EXPECT_EQ(by_new.Json()["items"][0]["unit_id"], 2080);
    EXPECT_EQ(by_new.Json()["items"][0]["value_milli"], 12445600);
    auto by_old =
        Call("demo-viewer", "GET",
             "/api/v1/indicators/values?codes=exports&from_year=2025&to_year=2025&by=old");
    ASSERT_EQ(by_old.Json()["items"].size(), 2u) << by_old.Describe();
    // Someone else's province is not in their values.
    auto others = Call("demo-officer-79", "GET",
                       "/api/v1/indicators/values?codes=exports&from_year=2025&to_year=2025");
    EXPECT_TRUE(others.Json()["items"].empty()) << others.Describe();
    // A value of a new unit cannot be split back to the old ones.
    std::int64_t q3 = OpenRound({{"periodicity", "quarter"}, {"year", 2025}, {"number", 3}});
    ASSERT_EQ(Save("officer-80-01", q3, 2080, 0, {{"exports", "1"}}).status, 200);
    ASSERT_EQ(Step("officer-80-01", q3, 2080, {{"action", "submit"}}).status, 200);
    ASSERT_EQ(Step("demo-mofa", q3, 2080, {{"action", "approve"}}).status, 200);
    auto split = Call("demo-viewer", "GET",
                      "/api/v1/indicators/values?codes=exports&from_year=2025&to_year=2025&by=old"
                      "&unit=2080");
    EXPECT_EQ(split.status, 400) << split.Describe();  // 2080 is not an old unit
    auto old_view =
        Call("demo-viewer", "GET",
             "/api/v1/indicators/values?codes=exports&from_year=2025&to_year=2025&by=old");
    bool found = false;
    const nlohmann::json json6 = old_view.Json();
    for (const auto& v : json6["items"]) {
        if (v["unit_id"] == 2080) {
            found = true;
            EXPECT_EQ(v["split_impossible"], true);
        }
    }
    EXPECT_TRUE(found) << old_view.Describe();
}

TEST_F(IndicatorsApi, CountedIndicatorsEqualTheRecords) {
    for (const char* key :
         {"agreements_signed", "agreements_with_results", "delegations_outbound",
          "delegations_inbound_top", "events_international", "commitments_done"}) {
        nlohmann::json def = Definition(key, "year");
        def["source"] = "counted";
        def["counted_from"] = key;
        def["unit"] = "count";
        def["decimals"] = 0;
        Define(def);
    }
    auto db = storage::Open(app().db_location());
    {
        auto tx = db->Begin(storage::TxMode::kWrite);
        auto agreement = [&](std::int64_t unit, std::int64_t current, const char* status,
                             const char* signed_on) {
            std::string year = signed_on ? std::string(signed_on).substr(0, 4) : "";
            return tx
                ->QueryOne(
                    "INSERT INTO agreement (title_vi, form, party_kind, party_name, admin_unit_id, "
                    "current_unit_id, procedure, status, signed_on, signed_year, search_text, "
                    "created_at, updated_at) VALUES ('Thỏa thuận', 'mou', 'ubnd', 'UBND', $1, $2, "
                    "'normal', $3, $4, $5, 'thoa thuan', '2024-01-01', '2024-01-01') RETURNING id",
                    {unit, current, status,
                     signed_on ? storage::Value(signed_on) : storage::Value(),
                     signed_on ? storage::Value(std::stoi(year)) : storage::Value()})
                ->Int(0);
        };
        std::int64_t a1 = agreement(1080, 2080, "signed", "2024-03-01");  // counted, result
        agreement(1080, 2080, "in_force", "2024-05-01");                  // counted
        agreement(1072, 2080, "terminated", "2024-06-01");                // counted
        agreement(1072, 2080, "approved", "2024-06-01");                  // not signed yet
        agreement(1072, 2080, "abandoned", "2024-06-01");                 // abandoned
        std::int64_t a2 = agreement(2080, 2080, "signed", "2025-09-01");  // new unit
        agreement(1001, 2001, "draft", nullptr);
        tx->Exec(
            "INSERT INTO result (agreement_id, description, achieved_on, created_at) "
            "VALUES ($1, 'Dự án', '2024-08-01', '2024-08-01')",
            {a1});
        for (auto [agreement_id, status, done_on] : {std::tuple{a1, "done", "2025-03-01"},
                                                     {a1, "done", "2025-09-01"},
                                                     {a2, "done", "2025-10-01"},
                                                     {a2, "open", "2025-10-01"}}) {
            tx->Exec(
                "INSERT INTO commitment (agreement_id, description, status, done_on, "
                "created_at, updated_at) VALUES ($1, 'Cam kết', $2, $3, '2024-01-01', "
                "'2024-01-01')",
                {agreement_id, status, done_on});
        }
        auto delegation = [&](std::int64_t unit, const char* direction, const char* level,
                              const char* status, const char* starts_on) {
            tx->Exec(
                "INSERT INTO delegation (title, direction, level, admin_unit_id, "
                "current_unit_id, starts_on, ends_on, start_year, funding, status, "
                "search_text, created_at, updated_at) VALUES ('Đoàn', $1, $2, $3, $3, $4, "
                "$4, $5, 'state_budget', $6, 'doan', '2024-01-01', '2024-01-01')",
                {direction, level, unit, starts_on, std::stoi(std::string(starts_on, 4)), status});
        };
        delegation(1001, "outbound", "department", "returned", "2024-04-01");    // counted
        delegation(1001, "outbound", "top_leaders", "closed", "2024-05-01");     // counted
        delegation(1001, "outbound", "department", "approved", "2024-06-01");    // not yet
        delegation(1001, "inbound", "top_leaders", "reported", "2024-07-01");    // inbound top
        delegation(1001, "inbound", "department", "in_progress", "2024-07-02");  // not top
        delegation(1001, "inbound", "top_leaders", "cancelled", "2024-07-03");   // cancelled
        auto event = [&](std::int64_t unit, const char* type, const char* status,
                         const char* starts_on) {
            tx->Exec(
                "INSERT INTO event (title_vi, type, starts_on, ends_on, start_year, format, "
                "national, admin_unit_id, current_unit_id, decider, status, search_text, "
                "created_at, updated_at) VALUES ('Hội nghị', $1, $2, $2, $3, 'in_person', 0, "
                "$4, $4, 'provincial_chairman', $5, 'hoi nghi', '2024-01-01', '2024-01-01')",
                {type, starts_on, std::stoi(std::string(starts_on, 4)), unit, status});
        };
        event(1001, "international_conference", "held", "2024-09-01");      // counted
        event(1001, "international_conference", "reported", "2024-10-01");  // counted
        event(1001, "international_conference", "approved", "2024-11-01");  // not held
        event(1001, "exhibition", "held", "2024-11-02");                    // not a conference
        tx->Commit();
    }
    db->Close();
    auto r =
        Call("demo-mofa", "GET", "/api/v1/indicators/values?from_year=2024&to_year=2025&by=old");
    ASSERT_EQ(r.status, 200) << r.Describe();
    std::map<std::string, std::int64_t> got;
    const nlohmann::json json7 = r.Json();
    for (const auto& v : json7["items"]) {
        got[v["code"].get<std::string>() + "/" + std::to_string(v["unit_id"].get<std::int64_t>()) +
            "/" + std::to_string(v["year"].get<int>())] =
            v["value_milli"].get<std::int64_t>() / 1000;
    }
    std::map<std::string, std::int64_t> want = {
        {"agreements_signed/1080/2024", 2},    {"agreements_signed/1072/2024", 1},
        {"agreements_signed/2080/2025", 1},    {"agreements_with_results/1080/2024", 1},
        {"commitments_done/1080/2025", 1},  // done before 1 July 2025: the old unit
        {"commitments_done/2080/2025", 2},  // after: today's unit
        {"delegations_outbound/1001/2024", 2}, {"delegations_inbound_top/1001/2024", 1},
        {"events_international/1001/2024", 2},
    };
    EXPECT_EQ(got, want) << r.Describe();
    auto by_new = Call("demo-mofa", "GET",
                       "/api/v1/indicators/values?codes=agreements_signed,commitments_done"
                       "&from_year=2024&to_year=2025");
    std::map<std::string, std::int64_t> rolled;
    const nlohmann::json json8 = by_new.Json();
    for (const auto& v : json8["items"]) {
        rolled[v["code"].get<std::string>() + "/" +
               std::to_string(v["unit_id"].get<std::int64_t>()) + "/" +
               std::to_string(v["year"].get<int>())] = v["value_milli"].get<std::int64_t>() / 1000;
    }
    EXPECT_EQ(rolled, (std::map<std::string, std::int64_t>{{"agreements_signed/2080/2024", 3},
                                                           {"agreements_signed/2080/2025", 1},
                                                           {"commitments_done/2080/2025", 3}}));
}

TEST_F(IndicatorsApi, YearlyValuesRefuseBadParameters) {
    Define(Definition("exports", "quarter"));
    for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
             {"by=both", "by"},
             {"from_year=abc", "from_year"},
             {"from_year=1990", "from_year"},
             {"to_year=2200", "to_year"},
             {"from_year=2020&to_year=2010", "to_year"},
             {"codes=exports,nope", "codes"},
             {"unit=abc", "unit"},
             {"unit=1001", "unit"},
             {"unit=1001&by=new", "unit"}}) {
        auto r = Call("demo-viewer", "GET", "/api/v1/indicators/values?" + query);
        EXPECT_EQ(r.status, 400) << query << ": " << r.Describe();
        EXPECT_EQ(r.Json()["error"]["field"], field) << query << ": " << r.Describe();
    }
    // Invalid UTF-8 in the query is refused before any handler.
    EXPECT_EQ(Call("demo-viewer", "GET", "/api/v1/indicators/values?codes=%C3%28").status, 400);
    auto ok = Call("demo-viewer", "GET", "/api/v1/indicators/values?unit=1001&by=old");
    EXPECT_EQ(ok.status, 200) << ok.Describe();
}

}  // namespace
}  // namespace ngoaivu::testing
