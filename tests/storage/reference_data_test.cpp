// geo::LoadReferenceData into a migrated SQLite database: counts, idempotence, failures.

#include "modules/geo/reference_data.hpp"

#include <fstream>
#include <stdexcept>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/embedded.hpp"
#include "storage/migrator.hpp"
#include "support/database_test.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

class ReferenceData : public DatabaseTest {
 protected:
    void SetUp() override {
        DatabaseTest::SetUp();
        storage::Migrate(db(), storage::LoadMigrations(EmbeddedMigrations(), db().backend()));
    }

    void ExpectFullCounts() {
        EXPECT_EQ(Count("admin_unit"), 97);
        EXPECT_EQ(Count("admin_unit WHERE generation = 1"), 63);
        EXPECT_EQ(Count("admin_unit WHERE generation = 2"), 34);
        EXPECT_EQ(Count("admin_unit_succession"), 63);
        EXPECT_EQ(Count("country"), 249);
        EXPECT_EQ(Count("organisation"), 137);
    }
};

TEST_F(ReferenceData, LoadsNinetySevenUnitsSixtyThreeSuccessionsAndAllCountries) {
    auto report = geo::LoadReferenceData(db(), kIsoCodesJson);
    EXPECT_EQ(report.units, 97);
    EXPECT_EQ(report.successions, 63);
    EXPECT_EQ(report.countries, 249);
    EXPECT_EQ(report.organisations, 137);
    ExpectFullCounts();
}

TEST_F(ReferenceData, LoadsIdempotently) {
    auto first = geo::LoadReferenceData(db(), kIsoCodesJson);
    auto second = geo::LoadReferenceData(db(), kIsoCodesJson);
    EXPECT_EQ(second.units, first.units);
    EXPECT_EQ(second.successions, first.successions);
    EXPECT_EQ(second.countries, first.countries);
    EXPECT_EQ(second.organisations, first.organisations);
    ExpectFullCounts();
}

TEST_F(ReferenceData, KeepsOrganisationIdsWhenLoadedAgain) {
    geo::LoadReferenceData(db(), kIsoCodesJson);
    auto id_of = [&](const std::string& code) {
        auto tx = db().Begin(storage::TxMode::kRead);
        return tx->QueryOne("SELECT id FROM organisation WHERE code = $1", {code})->Int(0);
    };
    auto before = id_of("emb-kr");
    geo::LoadReferenceData(db(), kIsoCodesJson);
    EXPECT_EQ(id_of("emb-kr"), before);
}

TEST_F(ReferenceData, GivesEveryOldUnitOneSuccessorAndEveryNewUnitAPredecessor) {
    geo::LoadReferenceData(db(), kIsoCodesJson);
    EXPECT_EQ(Count("(SELECT DISTINCT old_unit_id FROM admin_unit_succession) AS d"), 63);
    EXPECT_EQ(Count("(SELECT DISTINCT new_unit_id FROM admin_unit_succession) AS d"), 34);
    auto tx = db().Begin(storage::TxMode::kRead);
    EXPECT_EQ(tx->QueryOne("SELECT COUNT(*) FROM admin_unit_succession s JOIN admin_unit o ON "
                           "o.id = s.old_unit_id JOIN admin_unit n ON n.id = s.new_unit_id "
                           "WHERE o.generation = 1 AND n.generation = 2 AND "
                           "s.effective_date = '2025-07-01'")
                  ->Int(0),
              63);
}

TEST_F(ReferenceData, UsesDeterministicIdsPerGeneration) {
    geo::LoadReferenceData(db(), kIsoCodesJson);
    auto tx = db().Begin(storage::TxMode::kRead);
    auto old_unit = tx->QueryOne("SELECT name_vi, valid_to FROM admin_unit WHERE id = 1024");
    auto new_unit = tx->QueryOne(
        "SELECT name_vi, valid_from, valid_to FROM admin_unit "
        "WHERE id = 2024");
    ASSERT_TRUE(old_unit && new_unit);
    EXPECT_EQ(old_unit->Text(0), "Tỉnh Bắc Giang");
    EXPECT_EQ(old_unit->Text(1), "2025-06-30");
    EXPECT_EQ(new_unit->Text(0), "Tỉnh Bắc Ninh");
    EXPECT_EQ(new_unit->Text(1), "2025-07-01");
    EXPECT_TRUE(new_unit->IsNull(2));
}

TEST_F(ReferenceData, StoresVietnameseCountryNames) {
    geo::LoadReferenceData(db(), kIsoCodesJson);
    auto tx = db().Begin(storage::TxMode::kRead);
    auto kr = tx->QueryOne("SELECT name_vi, alpha3, search_text FROM country WHERE alpha2 = 'KR'");
    ASSERT_TRUE(kr);
    EXPECT_EQ(kr->Text(0), "Hàn Quốc");
    EXPECT_EQ(kr->Text(1), "KOR");
    EXPECT_THAT(kr->Text(2), ::testing::HasSubstr("han quoc"));
}

TEST_F(ReferenceData, ThrowsForAMissingIsoFileAndWritesNothing) {
    EXPECT_THROW(geo::LoadReferenceData(db(), (dir() / "missing.json").string()),
                 std::runtime_error);
    EXPECT_EQ(Count("admin_unit"), 0);
    EXPECT_EQ(Count("country"), 0);
}

TEST_F(ReferenceData, ThrowsForAFileThatIsNotTheIsoList) {
    std::string file = (dir() / "other.json").string();
    std::ofstream(file) << "{\"3166-2\": []}";
    EXPECT_THROW(geo::LoadReferenceData(db(), file), std::runtime_error);
    std::ofstream(file) << "not json at all";
    EXPECT_THROW(geo::LoadReferenceData(db(), file), std::runtime_error);
    EXPECT_EQ(Count("admin_unit"), 0);
}

TEST_F(ReferenceData, ThrowsForACountryWithoutAVietnameseNameAndWritesNothing) {
    std::string file = (dir() / "iso.json").string();
    std::ofstream(file) << R"({"3166-1": [{"alpha_2": "XX", "alpha_3": "XXX", "numeric": "999",
                                           "name": "Nowhere"}]})";
    EXPECT_THROW(geo::LoadReferenceData(db(), file), std::runtime_error);
    EXPECT_EQ(Count("admin_unit"), 0) << "the units written before the failure were kept";
    EXPECT_EQ(Count("country"), 0);
}

TEST_F(ReferenceData, SurvivesABackup) {
    NGOAIVU_ONLY_ON(storage::Backend::kSqlite, "PostgreSQL backups are pg_dump's");
    geo::LoadReferenceData(db(), kIsoCodesJson);
    std::string copy = (dir() / "copy.db").string();
    db().BackupTo(copy);
    auto restored = storage::Open(copy);
    for (const char* table :
         {"admin_unit", "admin_unit_succession", "country", "organisation", "schema_version"}) {
        EXPECT_EQ(Count(*restored, table), Count(table)) << table;
    }
    EXPECT_EQ(storage::SchemaVersion(*restored), storage::SchemaVersion(db()));
    restored->Close();
}

}  // namespace
}  // namespace ngoaivu::testing
