#include "app/data_commands.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/data_repository.hpp"
#include "base/actor.hpp"
#include "base/clock.hpp"
#include "base/embedded.hpp"
#include "modules/accounts/account_repository.hpp"
#include "modules/accounts/account_service.hpp"
#include "modules/audit/audit_repository.hpp"
#include "modules/audit/audit_service.hpp"
#include "storage/database.hpp"
#include "storage/migrator.hpp"
#include "support/matchers.hpp"
#include "support/temp_dir.hpp"
#include "support/test_app.hpp"
#include "support/test_database.hpp"

namespace ngoaivu::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using namespace std::chrono_literals;

// What a command printed and returned.
struct Outcome {
    int code = -1;
    std::string out;
    std::string err;
};

void PrintTo(const Outcome& o, std::ostream* os) {
    *os << "exit " << o.code << "\nstdout: " << o.out << "\nstderr: " << o.err;
}

Outcome RunBackup(const std::string& db, const std::string& to, bool force = false) {
    std::ostringstream out;
    std::ostringstream err;
    int code = app::Backup({db, to, force}, out, err);
    return {code, out.str(), err.str()};
}

Outcome RunRestore(const std::string& from, const std::string& db, bool force = false) {
    std::ostringstream out;
    std::ostringstream err;
    int code = app::Restore({from, db, force}, out, err);
    return {code, out.str(), err.str()};
}

Outcome RunMigrateData(const std::string& from, const std::string& to) {
    std::ostringstream out;
    std::ostringstream err;
    int code = app::MigrateData({from, to}, out, err);
    return {code, out.str(), err.str()};
}

// Every row of every table of DataTables(), in key order, as text: what a database holds.
std::map<std::string, std::vector<std::string>> Dump(const std::string& location) {
    std::map<std::string, std::vector<std::string>> dump;
    auto db = storage::Open(location);
    app::SqlDataRepository repo;
    auto tx = db->Begin(storage::TxMode::kRead);
    for (const auto& table : app::DataTables()) {
        auto& rows = dump[table.name];
        for (const auto& row : repo.ReadChunk(*tx, table, {}, 1'000'000)) {
            std::string line;
            for (const auto& v : row)
                line += app::Describe(v) + " | ";
            rows.push_back(line);
        }
    }
    tx.reset();
    db->Close();
    return dump;
}

// The bytes of a file ("" when absent).
std::string Bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The names in a folder.
std::set<std::string> Listing(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir))
        names.insert(e.path().filename().string());
    return names;
}

void Exec(const std::string& location, const std::string& sql) {
    auto db = storage::Open(location);
    storage::WithWrite(*db, [&](storage::Transaction& tx) { tx.Exec(sql); });
    db->Close();
}

std::int64_t QueryInt(const std::string& location, const std::string& sql) {
    auto db = storage::Open(location);
    std::int64_t n = 0;
    {
        auto tx = db->Begin(storage::TxMode::kRead);
        n = tx->QueryOne(sql)->Int(0);
    }
    db->Close();
    return n;
}

audit::VerifyReport VerifyAudit(const std::string& location) {
    auto db = storage::Open(location);
    SystemClock clock;
    audit::SqlAuditRepository repo;
    auto report = audit::AuditService(*db, repo, clock).Verify();
    db->Close();
    return report;
}

// A folder with the reference database of `ngoaivu init` at db(), per test.
class DataCommandsTest : public ::testing::Test {
 protected:
    void SetUp() override { InitDatabase(db()); }

    std::string db() const { return (dir_ / "ngoaivu.db").string(); }
    std::string file(const std::string& name) const { return (dir_ / name).string(); }
    const TempDir& dir() const { return dir_; }
    // The migrate-data target: a new database of the test backend (a SQLite file, or a
    // PostgreSQL database when the suite runs there), kept for the test's life.
    std::string National() {
        national_ = std::make_unique<ScratchDatabase>(dir_.path(), "national");
        return national_->location();
    }

 private:
    TempDir dir_;
    std::unique_ptr<ScratchDatabase> national_;
};

// --- DataTables: the one list of tables and columns ---

TEST(DataTables, ListEveryTableAndColumnOfTheSchema) {
    TempDir dir;
    std::string path = (dir / "schema.db").string();
    InitDatabase(path);
    auto db = storage::Open(path);
    auto tx = db->Begin(storage::TxMode::kRead);
    std::set<std::string> schema_tables;
    for (const auto& row : tx->Query("SELECT name FROM pragma_table_list WHERE schema = 'main' AND "
                                     "type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")) {
        if (row.Text(0) != "schema_version")
            schema_tables.insert(row.Text(0));
    }
    std::set<std::string> listed;
    for (const auto& t : app::DataTables())
        listed.insert(t.name);
    EXPECT_EQ(listed, schema_tables)
        << "every table of migrations/ must be in DataTables() (src/app/sql_data_repository.cpp), "
           "or migrate-data would leave it behind";

    for (const auto& t : app::DataTables()) {
        if (!schema_tables.count(t.name))
            continue;
        std::vector<std::string> columns;
        std::vector<std::string> types;
        std::map<std::int64_t, std::string> pk;
        for (const auto& row : tx->Query("PRAGMA table_info(" + t.name + ")")) {
            columns.push_back(row.Text(1));
            types.push_back(row.Text(2));
            if (row.Int(5) > 0)
                pk[row.Int(5)] = row.Text(1);
        }
        std::vector<std::string> listed_columns;
        std::vector<std::string> listed_types;
        for (const auto& c : t.columns) {
            listed_columns.push_back(c.name);
            listed_types.push_back(c.type == app::ColumnType::kInt    ? "INTEGER"
                                   : c.type == app::ColumnType::kBlob ? "BLOB"
                                                                      : "TEXT");
        }
        EXPECT_EQ(listed_columns, columns) << t.name;
        EXPECT_EQ(listed_types, types) << t.name;
        std::vector<std::string> key;
        for (const auto& [index, name] : pk)
            key.push_back(name);
        EXPECT_EQ(t.key, key) << t.name;
    }
}

TEST(DataTables, ListParentsBeforeTheirChildren) {
    TempDir dir;
    std::string path = (dir / "schema.db").string();
    InitDatabase(path);
    auto db = storage::Open(path);
    auto tx = db->Begin(storage::TxMode::kRead);
    std::set<std::string> seen;
    for (const auto& t : app::DataTables()) {
        for (const auto& fk : tx->Query("PRAGMA foreign_key_list(" + t.name + ")")) {
            if (fk.Text(2) == t.name) {
                // A row may point to a later row of its own table (a merged partner): the
                // constraint must be checked at commit, when the whole table is copied.
                auto sql = tx->QueryOne("SELECT sql FROM sqlite_master WHERE name = $1", {t.name});
                EXPECT_NE(sql->Text(0).find("DEFERRABLE INITIALLY DEFERRED"), std::string::npos)
                    << t.name << " refers to itself without a deferred constraint";
                continue;
            }
            EXPECT_TRUE(seen.count(fk.Text(2))) << t.name << " refers to " << fk.Text(2);
        }
        seen.insert(t.name);
    }
}

// --- backup ---

TEST_F(DataCommandsTest, BackupCopiesALiveDatabaseConsistentlyWhileAnotherThreadWrites) {
    std::atomic<bool> stop{false};
    std::atomic<int> writes{0};
    std::thread writer([&] {
        auto live = storage::Open(db());
        SystemClock clock;
        audit::SqlAuditRepository repo;
        audit::AuditService audit(*live, repo, clock);
        for (int i = 1; !stop; ++i) {
            storage::WithWrite(*live, [&](storage::Transaction& tx) {
                tx.Exec(
                    "INSERT INTO login_attempt (login, client_address, at, success) "
                    "VALUES ($1, '127.0.0.1', $2, 1)",
                    {"user-" + std::to_string(i), audit.Now()});
                audit.Record(tx, Actor::System("test"), "test", "login_attempt", std::to_string(i),
                             nullptr, {{"i", i}});
            });
            ++writes;
        }
        live->Close();
    });
    ASSERT_TRUE(Eventually([&] { return writes >= 20; }, 60s));
    Outcome r = RunBackup(db(), file("backup.db"));
    stop = true;
    writer.join();

    ASSERT_EQ(r.code, 0) << ::testing::PrintToString(r);
    EXPECT_THAT(r.out, HasSubstr("audit_log"));
    // The copy is one snapshot: each write's row and its audit entry are both in it or both not.
    std::string copy = file("backup.db");
    std::int64_t attempts = QueryInt(copy, "SELECT COUNT(*) FROM login_attempt");
    EXPECT_GE(attempts, 20);
    EXPECT_EQ(QueryInt(copy, "SELECT COUNT(*) FROM audit_log"), attempts);
    EXPECT_EQ(QueryInt(copy, "SELECT seq FROM audit_head"), attempts);
    EXPECT_EQ(QueryInt(copy, "SELECT COUNT(*) FROM admin_unit"), 97);
    auto report = VerifyAudit(copy);
    EXPECT_TRUE(report.ok) << report.problem;
    // Only the backup and the database's own files are in the folder: no temporary file is left.
    for (const auto& name : Listing(dir().path()))
        EXPECT_THAT(name, ::testing::Not(HasSubstr(".tmp-")));
}

TEST_F(DataCommandsTest, BackupRefusesToOverwriteAnExistingFileWithoutForce) {
    std::string to = file("backup.db");
    std::ofstream(to) << "keep me";
    Outcome r = RunBackup(db(), to);
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("--force"));
    EXPECT_THAT(r.err, HasSubstr("Lỗi / Error: "));
    EXPECT_EQ(Bytes(to), "keep me");

    Outcome forced = RunBackup(db(), to, /*force=*/true);
    ASSERT_EQ(forced.code, 0) << ::testing::PrintToString(forced);
    EXPECT_EQ(QueryInt(to, "SELECT COUNT(*) FROM admin_unit"), 97);
}

TEST_F(DataCommandsTest, BackupRefusesAMissingDatabaseWithoutCreatingIt) {
    std::string missing = file("missing.db");
    Outcome r = RunBackup(missing, file("backup.db"));
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("--db"));
    EXPECT_FALSE(fs::exists(missing));
    EXPECT_FALSE(fs::exists(file("backup.db")));
}

TEST_F(DataCommandsTest, BackupRefusesADestinationInAFolderThatDoesNotExist) {
    Outcome r = RunBackup(db(), file("no/such/folder/backup.db"));
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("--to"));
}

TEST_F(DataCommandsTest, BackupRefusesToWriteOverTheDatabaseItself) {
    std::string before = Bytes(db());
    Outcome r = RunBackup(db(), db(), /*force=*/true);
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("--to"));
    EXPECT_EQ(Bytes(db()), before);
}

// --- restore ---

TEST_F(DataCommandsTest, RestoreBringsBackExactlyTheBackedUpData) {
    AddDemoAccounts(db(), {"demo-admin"});
    ASSERT_EQ(RunBackup(db(), file("backup.db")).code, 0);
    auto backed_up = Dump(file("backup.db"));
    ASSERT_EQ(Dump(db()), backed_up);

    Exec(db(), "UPDATE app_user SET display_name = 'Đã đổi' WHERE login = 'demo-admin'");
    Exec(db(), "DELETE FROM api_token");
    ASSERT_NE(Dump(db()), backed_up);

    Outcome r = RunRestore(file("backup.db"), db(), /*force=*/true);
    ASSERT_EQ(r.code, 0) << ::testing::PrintToString(r);
    EXPECT_THAT(r.out, HasSubstr("Start the server again"));
    EXPECT_EQ(Dump(db()), backed_up);
    EXPECT_TRUE(VerifyAudit(db()).ok);
    EXPECT_EQ(Listing(dir().path()), (std::set<std::string>{"backup.db", "ngoaivu.db"}));
}

TEST_F(DataCommandsTest, RestoreCreatesAMissingDatabaseWithoutForce) {
    ASSERT_EQ(RunBackup(db(), file("backup.db")).code, 0);
    Outcome r = RunRestore(file("backup.db"), file("restored.db"));
    ASSERT_EQ(r.code, 0) << ::testing::PrintToString(r);
    EXPECT_EQ(Dump(file("restored.db")), Dump(db()));
}

TEST_F(DataCommandsTest, RestoreRemovesTheStaleWalAndShmFilesOfTheOldDatabase) {
    ASSERT_EQ(RunBackup(db(), file("backup.db")).code, 0);
    auto backed_up = Dump(file("backup.db"));
    std::ofstream(db() + "-wal") << "stale write-ahead log of the old database";
    std::ofstream(db() + "-shm") << "stale shared memory";
    Outcome r = RunRestore(file("backup.db"), db(), /*force=*/true);
    ASSERT_EQ(r.code, 0) << ::testing::PrintToString(r);
    EXPECT_FALSE(fs::exists(db() + "-wal"));
    EXPECT_FALSE(fs::exists(db() + "-shm"));
    EXPECT_EQ(Dump(db()), backed_up);
}

TEST_F(DataCommandsTest, RestoreRefusesAnExistingDatabaseWithoutForceAndChangesNothing) {
    ASSERT_EQ(RunBackup(db(), file("backup.db")).code, 0);
    Exec(db(), "DELETE FROM organisation");
    std::string before = Bytes(db());
    auto listing = Listing(dir().path());
    Outcome r = RunRestore(file("backup.db"), db());
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("--force"));
    EXPECT_EQ(Bytes(db()), before);
    EXPECT_EQ(Listing(dir().path()), listing);
}

TEST_F(DataCommandsTest, RestoreRefusesAFileThatIsNotSqliteAndChangesNothing) {
    std::string bogus = file("notes.txt");
    std::ofstream(bogus) << "this is not a database\n";
    std::string before = Bytes(db());
    auto listing = Listing(dir().path());
    Outcome r = RunRestore(bogus, db(), /*force=*/true);
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("--from"));
    EXPECT_THAT(r.err, HasSubstr("not a SQLite database"));
    EXPECT_EQ(Bytes(db()), before);
    EXPECT_EQ(Listing(dir().path()), listing);
}

TEST_F(DataCommandsTest, RestoreRefusesACorruptBackupAndChangesNothing) {
    ASSERT_EQ(RunBackup(db(), file("backup.db")).code, 0);
    // Keep the header page, overwrite every other page with garbage.
    std::string bytes = Bytes(file("backup.db"));
    ASSERT_GT(bytes.size(), 8192u);
    for (std::size_t i = 4096; i < bytes.size(); ++i)
        bytes[i] = static_cast<char>((i * 7919) & 0xff);
    std::ofstream(file("corrupt.db"), std::ios::binary | std::ios::trunc) << bytes;
    std::string before = Bytes(db());
    auto listing = Listing(dir().path());

    Outcome r = RunRestore(file("corrupt.db"), db(), /*force=*/true);
    EXPECT_EQ(r.code, 1) << ::testing::PrintToString(r);
    EXPECT_THAT(r.err, HasSubstr("not usable"));
    EXPECT_EQ(Bytes(db()), before);
    EXPECT_EQ(Listing(dir().path()), listing);
    EXPECT_EQ(Bytes(file("corrupt.db")), bytes) << "the backup file itself is never written";
}

TEST_F(DataCommandsTest, RestoreRefusesABackupWithOneDamagedPageAndChangesNothing) {
    AddDemoAccounts(db());
    ASSERT_EQ(RunBackup(db(), file("backup.db")).code, 0);
    // The schema still reads; one page of rows does not: integrity_check has to find it.
    std::string bytes = Bytes(file("backup.db"));
    ASSERT_GT(bytes.size(), 3u * 4096u);
    std::size_t last_page = bytes.size() - 4096;
    for (std::size_t i = last_page + 8; i < bytes.size(); ++i)
        bytes[i] = static_cast<char>((i * 31) & 0xff);
    std::ofstream(file("damaged.db"), std::ios::binary | std::ios::trunc) << bytes;
    std::string before = Bytes(db());
    auto listing = Listing(dir().path());

    Outcome r = RunRestore(file("damaged.db"), db(), /*force=*/true);
    EXPECT_EQ(r.code, 1) << ::testing::PrintToString(r);
    EXPECT_THAT(r.err, HasSubstr("not usable"));
    EXPECT_EQ(Bytes(db()), before);
    EXPECT_EQ(Listing(dir().path()), listing);
}

TEST_F(DataCommandsTest, RestoreRefusesABackupWhoseAuditChainWasTampered) {
    AddDemoAccounts(db());
    ASSERT_EQ(RunBackup(db(), file("backup.db")).code, 0);
    Exec(file("backup.db"), "UPDATE audit_log SET after_json = '{}' WHERE id = 1");
    std::string before = Bytes(db());
    Outcome r = RunRestore(file("backup.db"), db(), /*force=*/true);
    EXPECT_EQ(r.code, 3);
    EXPECT_THAT(r.err, HasSubstr("TAMPERED"));
    EXPECT_EQ(Bytes(db()), before);
}

TEST_F(DataCommandsTest, RestoreRefusesADatabaseThatAServerHasOpen) {
    ASSERT_EQ(RunBackup(db(), file("backup.db")).code, 0);
    Exec(db(), "DELETE FROM organisation");
    auto server = storage::Open(db());
    auto before = Dump(db());
    Outcome r = RunRestore(file("backup.db"), db(), /*force=*/true);
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("stop the server"));
    EXPECT_EQ(Dump(db()), before);
    server->Close();
}

TEST_F(DataCommandsTest, RestoreRefusesAMissingBackupFile) {
    Outcome r = RunRestore(file("missing.db"), db(), /*force=*/true);
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("--from"));
    EXPECT_FALSE(fs::exists(file("missing.db")));
}

// --- migrate-data ---

TEST_F(DataCommandsTest, MigrateDataCopiesEveryTableKeepingTheIds) {
    AddDemoAccounts(db(), {"demo-admin", "demo-officer-01"});
    Exec(db(),
         "INSERT INTO login_attempt (login, client_address, at, success) "
         "VALUES ('demo-admin', '10.0.0.1', '2025-08-01T03:00:00.000Z', 0)");
    std::string target = National();

    Outcome r = RunMigrateData(db(), target);
    ASSERT_EQ(r.code, 0) << ::testing::PrintToString(r);
    EXPECT_THAT(r.out, HasSubstr("app_user"));
    EXPECT_THAT(r.out, HasSubstr("audit trail intact"));
    EXPECT_EQ(Dump(target), Dump(db()));
    auto report = VerifyAudit(target);
    EXPECT_TRUE(report.ok) << report.problem;
    EXPECT_GT(report.entries, 0);

    // The next account gets an id past the copied ones (PostgreSQL: the identity was moved).
    std::int64_t max_id = QueryInt(target, "SELECT MAX(id) FROM app_user");
    {
        auto national = storage::Open(target);
        SystemClock clock;
        audit::SqlAuditRepository audit_repo;
        audit::AuditService audit(*national, audit_repo, clock);
        accounts::SqlAccountRepository repo;
        accounts::AccountsConfig config;
        config.cost = accounts::kTestCost;
        config.dictionary = "";
        accounts::AccountService service(*national, repo, audit, clock, config);
        accounts::CreateUserRequest user;
        user.login = "after-migration";
        user.display_name = "Sau khi chuyển";
        user.roles = {"viewer"};
        user.all_provinces = true;
        auto created = service.CreateUser(Actor::System("tests"), user);
        ASSERT_TRUE(created.ok()) << created.error().message_en;
        EXPECT_GT(created->user.id.value, max_id);
        national->Close();
    }
    EXPECT_TRUE(VerifyAudit(target).ok);
}

TEST_F(DataCommandsTest, MigrateDataAcceptsATargetThatHasTheReferenceDataAlready) {
    AddDemoAccounts(db());
    std::string target = National();
    InitDatabase(target);
    Outcome r = RunMigrateData(db(), target);
    ASSERT_EQ(r.code, 0) << ::testing::PrintToString(r);
    EXPECT_EQ(Dump(target), Dump(db()));
}

TEST_F(DataCommandsTest, MigrateDataRefusesATargetThatHoldsRecords) {
    std::string target = National();
    InitDatabase(target);
    AddDemoAccounts(target);
    AddDemoAccounts(db());
    auto before = Dump(target);
    Outcome r = RunMigrateData(db(), target);
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("--to"));
    EXPECT_THAT(r.err, HasSubstr("merging into a non-empty database is not supported"));
    EXPECT_THAT(r.err, HasSubstr("app_user"));
    EXPECT_EQ(Dump(target), before);
}

TEST_F(DataCommandsTest, MigrateDataRefusesASourceWhoseAuditChainWasTampered) {
    AddDemoAccounts(db());
    Exec(db(), "UPDATE audit_log SET after_json = '{}' WHERE id = 1");
    std::string target = National();
    InitDatabase(target);
    auto before = Dump(target);
    Outcome r = RunMigrateData(db(), target);
    EXPECT_EQ(r.code, 3);
    EXPECT_THAT(r.err, HasSubstr("--from"));
    EXPECT_THAT(r.err, HasSubstr("TAMPERED"));
    EXPECT_EQ(Dump(target), before);
}

TEST_F(DataCommandsTest, MigrateDataRollsBackWhenAReferenceRowDiffers) {
    AddDemoAccounts(db());
    std::string target = National();
    InitDatabase(target);
    Exec(target, "UPDATE country SET name_en = 'Somewhere else' WHERE alpha2 = 'VN'");
    auto before = Dump(target);
    Outcome r = RunMigrateData(db(), target);
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("country"));
    EXPECT_THAT(r.err, HasSubstr("nothing was copied"));
    EXPECT_EQ(Dump(target), before);
}

TEST_F(DataCommandsTest, MigrateDataRefusesASourceAtAnOlderSchemaVersion) {
    std::string old = file("old.db");
    {
        auto db = storage::Open(old);
        auto migrations = storage::LoadMigrations(EmbeddedMigrations(), storage::Backend::kSqlite);
        migrations.resize(1);
        storage::Migrate(*db, migrations);
        db->Close();
    }
    std::string target = National();
    Outcome r = RunMigrateData(old, target);
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("--from"));
    EXPECT_THAT(r.err, HasSubstr("schema version"));
}

TEST_F(DataCommandsTest, MigrateDataRefusesAMissingSourceWithoutCreatingIt) {
    std::string missing = file("missing.db");
    Outcome r = RunMigrateData(missing, National());
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("--from"));
    EXPECT_FALSE(fs::exists(missing));
}

TEST_F(DataCommandsTest, MigrateDataRefusesTheSameDatabaseAsSourceAndTarget) {
    Outcome r = RunMigrateData(db(), db());
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("same database"));
}

// --- helpers of the PostgreSQL paths ---

TEST(DataCommandsPostgresUrl, TheServerPasswordGoesToTheEnvironmentNotTheCommandLine) {
    auto pg = app::SplitPassword("postgresql://ngoaivu:s%40cr%3At@db.example:5432/ngoaivu?x=1");
    EXPECT_EQ(pg.url, "postgresql://ngoaivu@db.example:5432/ngoaivu?x=1");
    EXPECT_EQ(pg.password, "s@cr:t");
    EXPECT_EQ(app::RedactedUrl("postgres://u:secret@h/db"), "postgres://u:***@h/db");
}

TEST(DataCommandsPostgresUrl, AUrlWithoutPasswordIsLeftAsItIs) {
    for (const char* url :
         {"postgresql://ngoaivu@localhost/ngoaivu", "postgres:///ngoaivu?host=/run/postgresql",
          "postgresql://h/db@x", "postgresql://h:5432/db"}) {
        auto pg = app::SplitPassword(url);
        EXPECT_EQ(pg.url, url);
        EXPECT_EQ(pg.password, "");
        EXPECT_EQ(app::RedactedUrl(url), url);
    }
    EXPECT_TRUE(app::IsPostgresUrl("postgres://h/db"));
    EXPECT_FALSE(app::IsPostgresUrl("sqlite:data/ngoaivu.db"));
}

TEST(DataCommandsRunProgram, ReportsTheExitStatusTheEnvironmentAndAMissingProgram) {
    std::string error;
    EXPECT_EQ(app::RunProgram({"true"}, {}, app::ChildOutput::kInherit, &error), 0);
    EXPECT_EQ(app::RunProgram({"false"}, {}, app::ChildOutput::kInherit, &error), 1);
    EXPECT_EQ(app::RunProgram({"sh", "-c", "test \"$PGPASSWORD\" = 's3cret' && echo quiet"},
                              {"PGPASSWORD=s3cret"}, app::ChildOutput::kDiscard, &error),
              0);
    EXPECT_EQ(app::RunProgram({"ngoaivu-no-such-program"}, {}, app::ChildOutput::kInherit, &error),
              -1);
    EXPECT_THAT(error, HasSubstr("ngoaivu-no-such-program"));
}

// --- PostgreSQL: pg_dump and pg_restore ---

// `url` with its database name replaced by `name`.
std::string WithDatabase(const std::string& url, const std::string& name) {
    std::size_t start = url.find("://") + 3;
    std::size_t slash = url.find('/', start);
    std::size_t query = url.find('?', start);
    if (slash == std::string::npos || (query != std::string::npos && query < slash))
        return url.substr(0, query) + "/" + name +
               (query == std::string::npos ? "" : url.substr(query));
    std::size_t end = query == std::string::npos ? url.size() : query;
    return url.substr(0, slash + 1) + name + url.substr(end);
}

void Psql(const std::string& url, const std::string& sql) {
    auto pg = app::SplitPassword(url);
    std::vector<std::string> env{"PGOPTIONS=-c client_min_messages=warning"};
    if (!pg.password.empty())
        env.push_back("PGPASSWORD=" + pg.password);
    std::string error;
    int rc = app::RunProgram({"psql", "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1",
                              "--dbname=" + pg.url, "--command=" + sql},
                             env, app::ChildOutput::kDiscard, &error);
    ASSERT_EQ(rc, 0) << sql << " " << error;
}

TEST(DataCommandsPostgres, RestoresWhatPgDumpSaved) {
    const char* admin = std::getenv("NGOAIVU_TEST_POSTGRES");
    if (admin == nullptr)
        GTEST_SKIP() << "NGOAIVU_TEST_POSTGRES (an admin URL of a throw-away cluster) is not set";
    std::string name = "ngoaivu_backup_test_" + std::to_string(::getpid());
    std::string url = WithDatabase(admin, name);
    Psql(admin, "DROP DATABASE IF EXISTS " + name);
    Psql(admin, "CREATE DATABASE " + name);
    InitDatabase(url);
    TempDir dir;
    std::string dump = (dir / "national.dump").string();

    Outcome backup = RunBackup(url, dump);
    ASSERT_EQ(backup.code, 0) << ::testing::PrintToString(backup);
    EXPECT_EQ(Bytes(dump).substr(0, 5), "PGDMP");
    auto saved = Dump(url);

    Exec(url, "UPDATE country SET name_en = 'Changed' WHERE alpha2 = 'VN'");
    Outcome refused = RunRestore(dump, url);
    EXPECT_EQ(refused.code, 1);
    EXPECT_THAT(refused.err, HasSubstr("--force"));
    Outcome restored = RunRestore(dump, url, /*force=*/true);
    ASSERT_EQ(restored.code, 0) << ::testing::PrintToString(restored);
    EXPECT_EQ(Dump(url), saved);

    Psql(admin, "DROP DATABASE " + name + " WITH (FORCE)");
}

}  // namespace
}  // namespace ngoaivu::testing
