// The tallies kept with the records (migration 0013): after every kind of write to the records
// they count (agreements and their status, year and units; results; fields; partner links and a
// partner's country; commitments; delegations; events), each tally equals its records counted
// afresh, and the dashboards' figures read from the tallies equal the same figures counted from
// the records. Random records and writes from a fixed seed; runs on SQLite and on PostgreSQL.
#include <algorithm>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "app/data_repository.hpp"
#include "base/embedded.hpp"
#include "modules/geo/reference_data.hpp"
#include "modules/indicators/indicator_repository.hpp"
#include "modules/reports/report_repository.hpp"
#include "storage/migrator.hpp"
#include "support/database_test.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::reports {
namespace {

using storage::Value;

struct UnitPair {
    std::int64_t old_unit, new_unit;
};
// Hà Nội, Bắc Ninh (2024 ← Bắc Giang 1024 and Bắc Ninh 1027), Hồ Chí Minh City (2079 ← 1079
// and Bình Dương 1074).
constexpr UnitPair kUnits[] = {
    {1001, 2001}, {1027, 2024}, {1024, 2024}, {1079, 2079}, {1074, 2079}};
constexpr const char* kAgreementStatuses[] = {"draft",     "consulting", "approved",   "signed",
                                              "in_force",  "suspended",  "terminated", "expired",
                                              "abandoned", "signed"};
constexpr const char* kFields[] = {"economy", "education", "investment", "culture"};
constexpr const char* kDelegationStatuses[] = {"proposed", "approved", "cancelled", "in_progress",
                                               "returned", "reported", "closed"};
constexpr const char* kLevels[] = {"top_leaders", "provincial_leaders", "department", "other"};
constexpr const char* kEventTypes[] = {"international_conference", "trade_promotion",
                                       "cultural_diplomacy"};
constexpr const char* kEventStatuses[] = {"approved", "held", "reported", "cancelled"};
constexpr const char* kStamp = "2020-01-01T00:00:00.000Z";

class TalliesTest : public testing::DatabaseTest {
 protected:
    void SetUp() override {
        DatabaseTest::SetUp();
        storage::Migrate(db(), storage::LoadMigrations(EmbeddedMigrations(), db().backend()));
        geo::LoadReferenceData(db(), testing::kIsoCodesJson);
        Insert();
    }

    template <typename T, std::size_t N>
    const T& Pick(const T (&items)[N]) {
        return items[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng_)];
    }
    int Between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

    // A date in 2015–2026 and the province of that day (one of the 63 before 1 July 2025).
    std::pair<std::string, std::int64_t> DateAndUnit(const UnitPair& u) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", Between(2015, 2026), Between(1, 12),
                      Between(1, 28));
        std::string day = buf;
        return {day, day < "2025-07-01" ? u.old_unit : u.new_unit};
    }

    void Insert() {
        storage::WithWrite(db(), [&](storage::Transaction& tx) {
            const char* partner =
                "INSERT INTO partner (id, kind, name_vi, country_alpha2, search_text, created_at, "
                "updated_at) VALUES ($1, $2, $3, $4, 'x', $5, $5)";
            tx.Exec(partner, {1, "country", "Nhật Bản", "JP", kStamp});
            tx.Exec(partner, {2, "country", "Hàn Quốc", "KR", kStamp});
            tx.Exec(partner, {3, "locality", "Tỉnh Gunma", "JP", kStamp});
            tx.Exec(partner, {4, "international_org", "UNESCO", Value(), kStamp});
            tx.Exec(partner, {5, "country", "Lào", "LA", kStamp});
            tx.Exec(partner, {6, "country", "Pháp", "FR", kStamp});
            for (int id = 1; id <= 160; ++id) {
                const UnitPair& u = Pick(kUnits);
                auto [day, unit] = DateAndUnit(u);
                std::string status = Pick(kAgreementStatuses);
                bool unsigned_yet = status == "draft" || status == "consulting";
                tx.Exec(
                    "INSERT INTO agreement (id, title_vi, form, party_kind, party_name, "
                    "admin_unit_id, current_unit_id, procedure, status, signed_on, signed_year, "
                    "search_text, created_at, updated_at) VALUES ($1, $2, 'mou', 'ubnd', 'UBND', "
                    "$3, $4, 'normal', $5, $6, $7, 'x', $8, $8)",
                    {id, "Thỏa thuận " + std::to_string(id), unit, u.new_unit, status,
                     unsigned_yet ? Value() : Value(day),
                     unsigned_yet ? Value() : Value(std::stoi(day.substr(0, 4))), kStamp});
                for (int p = 1; p <= 6; ++p) {
                    if (Between(0, 3) == 0)
                        tx.Exec(
                            "INSERT INTO agreement_partner (agreement_id, partner_id) VALUES "
                            "($1, $2)",
                            {id, p});
                }
                for (const char* f : kFields) {
                    if (Between(0, 2) == 0)
                        tx.Exec("INSERT INTO agreement_field (agreement_id, field) VALUES ($1, $2)",
                                {id, f});
                }
                for (int n = Between(0, 2); n > 0; --n)
                    tx.Exec(
                        "INSERT INTO result (agreement_id, description, achieved_on, "
                        "created_at) VALUES ($1, 'Kết quả', '2023-01-01', $2)",
                        {id, kStamp});
                for (int n = Between(0, 3); n > 0; --n) {
                    bool done = Between(0, 1) == 0;
                    tx.Exec(
                        "INSERT INTO commitment (agreement_id, description, status, done_on, "
                        "created_at, updated_at) VALUES ($1, 'Cam kết', $2, $3, $4, $4)",
                        {id, done ? "done" : "open", done ? Value(DateAndUnit(u).first) : Value(),
                         kStamp});
                }
            }
            for (int id = 1; id <= 200; ++id) {
                const UnitPair& u = Pick(kUnits);
                auto [day, unit] = DateAndUnit(u);
                tx.Exec(
                    "INSERT INTO delegation (id, title, direction, level, admin_unit_id, "
                    "current_unit_id, starts_on, ends_on, start_year, funding, status, "
                    "search_text, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                    "$7, $8, 'state_budget', $9, 'x', $10, $10)",
                    {id, "Đoàn " + std::to_string(id), Between(0, 1) == 0 ? "outbound" : "inbound",
                     Pick(kLevels), unit, u.new_unit, day, std::stoi(day.substr(0, 4)),
                     Pick(kDelegationStatuses), kStamp});
            }
            for (int id = 1; id <= 150; ++id) {
                const UnitPair& u = Pick(kUnits);
                auto [day, unit] = DateAndUnit(u);
                bool national = Between(0, 9) == 0;
                tx.Exec(
                    "INSERT INTO event (id, title_vi, type, starts_on, ends_on, start_year, "
                    "format, national, admin_unit_id, current_unit_id, decider, status, "
                    "search_text, created_at, updated_at) VALUES ($1, $2, $3, $4, $4, $5, "
                    "'in_person', $6, $7, $8, 'none', $9, 'x', $10, $10)",
                    {id, "Sự kiện " + std::to_string(id), Pick(kEventTypes), day,
                     std::stoi(day.substr(0, 4)), national ? 1 : 0,
                     national ? Value() : Value(unit), national ? Value() : Value(u.new_unit),
                     Pick(kEventStatuses), kStamp});
            }
        });
    }

    // Every tally equals its records counted afresh.
    void ExpectTalliesAgree(const std::string& step) {
        app::SqlDataRepository repo;
        auto tx = db().Begin(storage::TxMode::kRead);
        for (const auto& table : app::DataTables()) {
            if (table.kind != app::TableKind::kDerived)
                continue;
            auto d = repo.CompareTally(*tx, table, 3);
            std::string rows;
            for (const auto& r : d.missing_rows)
                rows += "\n  records: " + r;
            for (const auto& r : d.extra_rows)
                rows += "\n  tally:   " + r;
            EXPECT_EQ(d.missing + d.extra, 0) << "after " << step << ", " << table.name << rows;
        }
    }

    static std::string Text(std::vector<KeyCount> counts) {
        std::sort(counts.begin(), counts.end(),
                  [](const KeyCount& a, const KeyCount& b) { return a.key < b.key; });
        std::ostringstream out;
        for (const auto& c : counts)
            out << c.key << "(" << c.name_vi << "/" << c.name_en << ")=" << c.count << " ";
        return out.str();
    }
    static std::string Text(const AgreementCounts& a) {
        std::ostringstream out;
        out << "signed " << a.signed_count << ", with results " << a.with_results << "; years ";
        for (const auto& y : a.by_year)
            out << y.year << ":" << y.with_results << "+" << y.without_results << " ";
        out << "; units " << Text(a.by_unit) << "; fields " << Text(a.by_field) << "; countries "
            << Text(a.by_country);
        return out.str();
    }
    static std::string Text(std::vector<DelegationCount> counts) {
        std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
            return std::tie(a.direction, a.level) < std::tie(b.direction, b.level);
        });
        std::ostringstream out;
        for (const auto& c : counts)
            out << c.direction << "/" << c.level << "=" << c.count << " ";
        return out.str();
    }
    static std::string Text(std::vector<indicators::PeriodValue> values) {
        std::sort(values.begin(), values.end(), [](const auto& a, const auto& b) {
            return std::tie(a.year, a.unit_id) < std::tie(b.year, b.unit_id);
        });
        std::ostringstream out;
        for (const auto& v : values)
            out << v.year << "/" << v.unit_id << "=" << v.value_milli << " ";
        return out.str();
    }

    // The dashboards' counts read from the tallies equal the same counts read from the records,
    // for the country by either generation, a province's scope, and a province of each.
    void ExpectSameFigures(const std::string& step) {
        SqlReportRepository tallies(true), records(false);
        indicators::SqlIndicatorRepository counted_tallies(true), counted_records(false);
        auto tx = db().Begin(storage::TxMode::kRead);
        ProvinceScope all{true, {}};
        ProvinceScope ha_noi{false, {1001, 2001}};
        struct Case {
            ProvinceScope scope;
            int from, to, generation;
            std::optional<std::int64_t> unit;
        };
        std::vector<Case> cases = {
            {all, 2015, 2026, 2, std::nullopt}, {all, 2016, 2025, 1, std::nullopt},
            {all, 2025, 2025, 2, std::nullopt}, {ha_noi, 2015, 2026, 2, std::nullopt},
            {all, 2015, 2026, 2, 2079},         {all, 2015, 2026, 1, 1024}};
        for (const auto& c : cases) {
            RecordFilter f;
            f.from = *Date::FromYmd(c.from, 1, 1);
            f.to = *Date::FromYmd(c.to, 12, 31);
            f.generation = c.generation;
            f.unit_id = c.unit;
            std::string where = step + ", " + std::to_string(c.from) + "–" + std::to_string(c.to) +
                                " generation " + std::to_string(c.generation);
            auto from_records = records.Agreements(*tx, c.scope, f);
            EXPECT_EQ(Text(tallies.Agreements(*tx, c.scope, f)), Text(from_records)) << where;
            auto delegations = records.Delegations(*tx, c.scope, f);
            EXPECT_EQ(Text(tallies.Delegations(*tx, c.scope, f)), Text(delegations)) << where;
            if (step == "the records as inserted") {
                EXPECT_GT(from_records.signed_count, 0) << where;
                EXPECT_FALSE(delegations.empty()) << where;
            }
        }
        for (const char* key :
             {"agreements_signed", "agreements_with_results", "delegations_outbound",
              "delegations_inbound", "delegations_outbound_top", "delegations_inbound_top",
              "events_international", "commitments_done"}) {
            auto expected = counted_records.CountedValues(*tx, key, key, 2015, 2026);
            EXPECT_EQ(Text(counted_tallies.CountedValues(*tx, key, key, 2015, 2026)),
                      Text(expected))
                << step << ", " << key;
            if (step == "the records as inserted") {
                EXPECT_FALSE(expected.empty()) << key;
            }
        }
    }

    std::mt19937_64 rng_{20261207};
};

TEST_F(TalliesTest, AgreeWithTheRecordsAfterEveryKindOfWrite) {
    ExpectTalliesAgree("the records as inserted");
    ExpectSameFigures("the records as inserted");
    const std::vector<std::string> writes = {
        // Agreements: status, units, signing (in and out of the tallies), deletion.
        "UPDATE agreement SET status = 'terminated' WHERE status = 'signed' AND id % 3 = 0",
        "UPDATE agreement SET admin_unit_id = 1027, current_unit_id = 2024 WHERE id % 5 = 0 AND "
        "signed_on < '2025-07-01'",
        "UPDATE agreement SET signed_on = NULL, signed_year = NULL, status = 'draft' WHERE "
        "id % 7 = 0",
        "UPDATE agreement SET signed_on = '2019-02-03', signed_year = 2019, status = 'in_force' "
        "WHERE id % 11 = 0",
        // Results: an agreement gains its first, or loses its last.
        "DELETE FROM result WHERE id % 2 = 0",
        "INSERT INTO result (agreement_id, description, achieved_on, created_at) SELECT id, "
        "'Kết quả mới', '2024-01-01', '2024-01-01T00:00:00.000Z' FROM agreement WHERE id % 4 = 1",
        "UPDATE result SET agreement_id = 1 WHERE id % 5 = 0",
        // Fields.
        "DELETE FROM agreement_field WHERE field = 'economy' AND agreement_id % 2 = 0",
        "UPDATE agreement_field SET field = 'science' WHERE field = 'culture'",
        "INSERT INTO agreement_field (agreement_id, field) SELECT id, 'tourism' FROM agreement "
        "WHERE id % 6 = 0",
        // Rows skipped by ON CONFLICT DO NOTHING (SQLite's INSERT OR IGNORE) count nothing.
        "INSERT INTO agreement_field (agreement_id, field) SELECT id, 'education' FROM agreement "
        "WHERE id % 2 = 0 ON CONFLICT DO NOTHING",
        // Partners: Japan twice in one agreement, a country changed, gained and lost.
        "UPDATE partner SET country_alpha2 = 'KR' WHERE id = 1",
        "UPDATE partner SET country_alpha2 = NULL WHERE id = 5",
        "UPDATE partner SET country_alpha2 = 'JP' WHERE id = 4",
        "DELETE FROM agreement_partner WHERE partner_id = 3 AND agreement_id % 3 = 0",
        "UPDATE agreement_partner SET partner_id = 6 WHERE partner_id = 2 AND agreement_id % 2 = 1 "
        "AND NOT EXISTS (SELECT 1 FROM agreement_partner o WHERE o.agreement_id = "
        "agreement_partner.agreement_id AND o.partner_id = 6)",
        "INSERT INTO agreement_partner (agreement_id, partner_id) SELECT id, 3 FROM agreement "
        "WHERE id % 8 = 0 AND NOT EXISTS (SELECT 1 FROM agreement_partner o WHERE "
        "o.agreement_id = agreement.id AND o.partner_id = 3)",
        "INSERT INTO agreement_partner (agreement_id, partner_id) SELECT id, 1 FROM agreement "
        "WHERE id % 3 = 0 ON CONFLICT DO NOTHING",
        // Commitments: done on the merger day, undone, moved to another agreement, deleted.
        "UPDATE commitment SET status = 'done', done_on = '2025-07-01' WHERE status <> 'done' AND "
        "id % 2 = 0",
        "UPDATE commitment SET status = 'cancelled', done_on = NULL WHERE status = 'done' AND "
        "id % 3 = 0",
        "UPDATE commitment SET done_on = '2025-06-30' WHERE status = 'done' AND id % 4 = 0",
        "UPDATE commitment SET agreement_id = 2 WHERE id % 5 = 0",
        "DELETE FROM commitment WHERE id % 7 = 0",
        // An agreement deleted with its children (ON DELETE CASCADE).
        "DELETE FROM agreement WHERE id % 9 = 0",
        // Delegations.
        "UPDATE delegation SET status = 'closed' WHERE status = 'approved'",
        "UPDATE delegation SET level = 'top_leaders', direction = 'inbound' WHERE id % 4 = 0",
        "UPDATE delegation SET starts_on = '2018-05-05', ends_on = '2018-05-05', start_year = "
        "2018, "
        "admin_unit_id = 1079, current_unit_id = 2079 WHERE id % 6 = 0",
        "DELETE FROM delegation WHERE id % 7 = 0",
        // Events: made national and back, retyped, deleted.
        "UPDATE event SET national = 1, admin_unit_id = NULL, current_unit_id = NULL WHERE "
        "id % 5 = 0",
        "UPDATE event SET national = 0, admin_unit_id = 2001, current_unit_id = 2001 WHERE "
        "national = 1 AND id % 2 = 0",
        "UPDATE event SET type = 'international_conference', status = 'held' WHERE id % 3 = 0",
        "DELETE FROM event WHERE id % 8 = 0",
    };
    for (const auto& sql : writes) {
        storage::WithWrite(db(), [&](storage::Transaction& tx) { tx.Exec(sql); });
        ExpectTalliesAgree(sql);
        ExpectSameFigures(sql);
    }
}

TEST_F(TalliesTest, AWriteRolledBackLeavesThemAsTheyWere) {
    auto before = [&] {
        auto tx = db().Begin(storage::TxMode::kRead);
        return tx->QueryOne("SELECT SUM(n) FROM delegation_tally")->Int(0) * 1000 +
               tx->QueryOne("SELECT SUM(n) FROM agreement_tally")->Int(0);
    }();
    {
        auto tx = db().Begin(storage::TxMode::kWrite);
        tx->Exec("DELETE FROM delegation WHERE id % 2 = 0");
        tx->Exec("DELETE FROM agreement WHERE id % 2 = 0");
        // No commit: the transaction is rolled back with the tallies' changes.
    }
    auto tx = db().Begin(storage::TxMode::kRead);
    EXPECT_EQ(tx->QueryOne("SELECT SUM(n) FROM delegation_tally")->Int(0) * 1000 +
                  tx->QueryOne("SELECT SUM(n) FROM agreement_tally")->Int(0),
              before);
    tx.reset();
    ExpectTalliesAgree("a rolled-back write");
}

TEST_F(TalliesTest, ACountInTheTallyIsTheRecordsCount) {
    // One fixed count by hand: Hà Nội's outbound top leaders' delegations in 2021 that took place.
    storage::WithWrite(db(), [&](storage::Transaction& tx) {
        tx.Exec("DELETE FROM delegation");
        for (int id = 1; id <= 3; ++id) {
            tx.Exec(
                "INSERT INTO delegation (id, title, direction, level, admin_unit_id, "
                "current_unit_id, starts_on, ends_on, start_year, funding, status, "
                "search_text, created_at, updated_at) VALUES ($1, 'Đoàn', 'outbound', "
                "'top_leaders', 1001, 2001, '2021-05-01', '2021-05-03', 2021, "
                "'state_budget', $2, 'x', $3, $3)",
                {id, id == 3 ? "cancelled" : "closed", kStamp});
        }
    });
    auto tx = db().Begin(storage::TxMode::kRead);
    auto rows = tx->Query(
        "SELECT status, n FROM delegation_tally WHERE year = 2021 AND admin_unit_id = 1001 AND "
        "n <> 0 ORDER BY status");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].Text(0), "cancelled");
    EXPECT_EQ(rows[0].Int(1), 1);
    EXPECT_EQ(rows[1].Text(0), "closed");
    EXPECT_EQ(rows[1].Int(1), 2);
    indicators::SqlIndicatorRepository counted;
    auto values = counted.CountedValues(*tx, "delegations_outbound_top", "x", 2021, 2021);
    ASSERT_EQ(values.size(), 1u);
    EXPECT_EQ(values[0].unit_id, 1001);
    EXPECT_EQ(values[0].value_milli, 2000);
}

}  // namespace
}  // namespace ngoaivu::reports
