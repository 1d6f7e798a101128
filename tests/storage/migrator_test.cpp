// storage::LoadMigrations and storage::Migrate against real SQLite files.

#include "storage/migrator.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/embedded.hpp"
#include "support/database_test.hpp"

namespace ngoaivu::testing {
namespace {

using storage::Backend;
using storage::DatabaseError;
using storage::Migration;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using Migrator = DatabaseTest;
using LoadMigrations = ::testing::Test;

std::vector<Migration> Embedded() {
    return storage::LoadMigrations(EmbeddedMigrations(), TestBackend());
}

bool TableExists(storage::Database& db, const std::string& name) {
    auto names = storage::TableNames(db);
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Asserts that `fn` throws DatabaseError whose message contains `text`.
template <typename Fn>
void ExpectDatabaseError(Fn fn, const std::string& text) {
    try {
        fn();
        ADD_FAILURE() << "no DatabaseError thrown";
    } catch (const DatabaseError& e) {
        EXPECT_THAT(e.what(), HasSubstr(text));
    }
}

TEST_F(Migrator, MigratesAFreshDatabaseToTheLatestVersion) {
    auto migrations = Embedded();
    ASSERT_FALSE(migrations.empty());
    EXPECT_EQ(storage::SchemaVersion(db()), 0);

    auto report = storage::Migrate(db(), migrations);

    EXPECT_EQ(report.from_version, 0);
    EXPECT_EQ(report.to_version, migrations.back().version);
    EXPECT_EQ(report.applied.size(), migrations.size());
    EXPECT_EQ(storage::SchemaVersion(db()), migrations.back().version);
    EXPECT_EQ(Count("schema_version"), static_cast<std::int64_t>(migrations.size()));
    for (const char* table : {"admin_unit", "admin_unit_succession", "country", "organisation"})
        EXPECT_TRUE(TableExists(db(), table)) << table;
}

TEST_F(Migrator, AppliesNothingTheSecondTime) {
    auto migrations = Embedded();
    storage::Migrate(db(), migrations);

    auto again = storage::Migrate(db(), migrations);

    EXPECT_EQ(again.from_version, migrations.back().version);
    EXPECT_EQ(again.to_version, migrations.back().version);
    EXPECT_THAT(again.applied, IsEmpty());
    EXPECT_EQ(Count("schema_version"), static_cast<std::int64_t>(migrations.size()));
}

TEST_F(Migrator, AppliesNothingFromAnotherProcessLaterEither) {
    storage::Migrate(db(), Embedded());
    db().Close();
    auto reopened = Open();
    auto report = storage::Migrate(*reopened, Embedded());
    EXPECT_THAT(report.applied, IsEmpty());
    reopened->Close();
}

TEST_F(Migrator, RecordsNameAndChecksumOfEachMigration) {
    auto migrations = Embedded();
    storage::Migrate(db(), migrations);
    auto tx = db().Begin(storage::TxMode::kRead);
    auto rows = tx->Query(
        "SELECT version, name, checksum, applied_at FROM schema_version "
        "ORDER BY version");
    ASSERT_EQ(rows.size(), migrations.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i].Int(0), migrations[i].version);
        EXPECT_EQ(rows[i].Text(1), migrations[i].name);
        EXPECT_EQ(rows[i].Text(2).size(), 16u);
        EXPECT_FALSE(rows[i].Text(3).empty());
    }
}

TEST_F(Migrator, ThrowsWhenAnAppliedMigrationsChecksumChanged) {
    storage::Migrate(db(), Embedded());
    storage::WithWrite(db(), [](storage::Transaction& tx) {
        tx.Exec("UPDATE schema_version SET checksum = 'ffffffffffffffff' WHERE version = 1");
    });
    ExpectDatabaseError([&] { storage::Migrate(db(), Embedded()); }, "edited");
}

TEST_F(Migrator, ThrowsWhenTheTextOfAnAppliedMigrationChanged) {
    storage::Migrate(db(), Embedded());
    auto edited = Embedded();
    edited.front().source += "\n-- an innocent-looking comment\n";
    ExpectDatabaseError([&] { storage::Migrate(db(), edited); }, "edited");
}

TEST_F(Migrator, ThrowsWhenTheDatabaseIsNewerThanTheProgram) {
    auto migrations = Embedded();
    storage::Migrate(db(), migrations);
    int future = migrations.back().version + 1;
    storage::WithWrite(db(), [&](storage::Transaction& tx) {
        tx.Exec(
            "INSERT INTO schema_version (version, name, checksum, applied_at) "
            "VALUES ($1, 'future', '0000000000000000', CURRENT_TIMESTAMP)",
            {future});
    });
    ExpectDatabaseError([&] { storage::Migrate(db(), migrations); }, "newer");
}

// A migration whose file text is `sql`.
Migration M(int version, std::string name, std::string sql) {
    return Migration{version, std::move(name), sql, sql};
}

TEST_F(Migrator, AppliesOnlyTheNewMigrationsInOrder) {
    std::vector<Migration> v1 = {M(1, "first", "CREATE TABLE a (x INTEGER);")};
    storage::Migrate(db(), v1);
    std::vector<Migration> v3 = {v1[0], M(2, "second", "CREATE TABLE b (x INTEGER);"),
                                 M(3, "third", "INSERT INTO b (x) VALUES (3);")};

    auto report = storage::Migrate(db(), v3);

    EXPECT_EQ(report.from_version, 1);
    EXPECT_EQ(report.to_version, 3);
    EXPECT_THAT(report.applied, ElementsAre("second", "third"));
    EXPECT_EQ(Count("b"), 1);
}

TEST_F(Migrator, LeavesNoTraceOfAFailedMigration) {
    std::vector<Migration> migrations = {
        M(1, "good", "CREATE TABLE a (x INTEGER);"),
        M(2, "bad", "CREATE TABLE b (x INTEGER); INSERT INTO a VALUES (1); THIS IS NOT SQL;")};

    EXPECT_THROW(storage::Migrate(db(), migrations), DatabaseError);

    EXPECT_EQ(storage::SchemaVersion(db()), 1);
    EXPECT_TRUE(TableExists(db(), "a"));
    EXPECT_FALSE(TableExists(db(), "b")) << "the failed migration's first statement was kept";
    EXPECT_EQ(Count("a"), 0);
}

TEST_F(LoadMigrations, OrdersEmbeddedFilesByVersion) {
    const EmbeddedFile files[] = {{"0002_more.sql", "B"}, {"0001_init.sql", "A"}, {"README", "x"}};
    auto m = storage::LoadMigrations(files, Backend::kSqlite);
    ASSERT_EQ(m.size(), 2u);
    EXPECT_EQ(m[0].version, 1);
    EXPECT_EQ(m[0].name, "init");
    EXPECT_EQ(m[0].sql, "A");
    EXPECT_EQ(m[1].version, 2);
    EXPECT_EQ(m[1].name, "more");
}

TEST_F(LoadMigrations, UsesThePostgresOverrideOnlyOnPostgres) {
    const EmbeddedFile files[] = {{"0001_init.sql", "sqlite"}, {"postgres/0001_init.sql", "pg"}};
    EXPECT_EQ(storage::LoadMigrations(files, Backend::kSqlite).at(0).sql, "sqlite");
    EXPECT_EQ(storage::LoadMigrations(files, Backend::kPostgres).at(0).sql, "pg");
}

TEST_F(LoadMigrations, RejectsAMalformedName) {
    const EmbeddedFile files[] = {{"1_init.sql", "A"}};
    EXPECT_THROW(storage::LoadMigrations(files, Backend::kSqlite), DatabaseError);
}

TEST_F(LoadMigrations, RejectsAGapInTheNumbers) {
    const EmbeddedFile files[] = {{"0001_a.sql", "A"}, {"0003_c.sql", "C"}};
    EXPECT_THROW(storage::LoadMigrations(files, Backend::kSqlite), DatabaseError);
}

TEST_F(LoadMigrations, RejectsTwoMigrationsWithOneNumber) {
    const EmbeddedFile files[] = {{"0001_a.sql", "A"}, {"0001_b.sql", "B"}};
    EXPECT_THROW(storage::LoadMigrations(files, Backend::kSqlite), DatabaseError);
}

TEST(TranslateForPostgres, GivesSqliteColumnTypesTheirPostgresNames) {
    EXPECT_EQ(storage::TranslateForPostgres(
                  "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, r REAL, b BLOB)"),
              "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
              "n BIGINT NOT NULL, r DOUBLE PRECISION, b BYTEA)");
}

TEST(TranslateForPostgres, LeavesLiteralsCommentsIdentifiersAndPartsOfWordsAlone) {
    std::string sql =
        "-- an INTEGER column\n"
        "CREATE TABLE t (\"INTEGER\" TEXT DEFAULT 'REAL', INTEGERS TEXT, my_REAL TEXT, "
        "x /* BLOB */ TEXT, integer_count INTEGER)";
    EXPECT_EQ(storage::TranslateForPostgres(sql),
              "-- an INTEGER column\n"
              "CREATE TABLE t (\"INTEGER\" TEXT DEFAULT 'REAL', INTEGERS TEXT, my_REAL TEXT, "
              "x /* BLOB */ TEXT, integer_count BIGINT)");
}

TEST(TranslateForPostgres, IsAppliedToCommonMigrationsOnPostgresOnly) {
    auto sqlite = storage::LoadMigrations(EmbeddedMigrations(), Backend::kSqlite);
    auto pg = storage::LoadMigrations(EmbeddedMigrations(), Backend::kPostgres);
    ASSERT_EQ(sqlite.size(), pg.size());
    EXPECT_EQ(sqlite.front().sql, sqlite.front().source);
    EXPECT_THAT(pg.front().sql, HasSubstr("BIGINT"));
    EXPECT_EQ(pg.front().source, sqlite.front().source) << "one checksum on both backends";
}

}  // namespace
}  // namespace ngoaivu::testing
