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
#include "app/demo.hpp"
#include "base/actor.hpp"
#include "base/clock.hpp"
#include "base/embedded.hpp"
#include "modules/accounts/account_repository.hpp"
#include "modules/accounts/account_service.hpp"
#include "modules/agreements/agreement_demo.hpp"
#include "modules/agreements/agreement_repository.hpp"
#include "modules/audit/audit_repository.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/calendar/calendar_repository.hpp"
#include "modules/calendar/calendar_service.hpp"
#include "modules/delegations/delegation_demo.hpp"
#include "modules/delegations/delegation_repository.hpp"
#include "modules/events/event_demo.hpp"
#include "modules/events/event_repository.hpp"
#include "modules/partners/partner_repository.hpp"
#include "modules/partners/partner_service.hpp"
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

Outcome RunMigrateData(const std::string& from, const std::string& to,
                       const std::string& map_users = "") {
    std::ostringstream out;
    std::ostringstream err;
    int code = app::MigrateData({from, to, map_users}, out, err);
    return {code, out.str(), err.str()};
}

Outcome RunTallies(const std::string& db, bool rebuild = false) {
    std::ostringstream out;
    std::ostringstream err;
    int code = app::Tallies({db, rebuild}, out, err);
    return {code, out.str(), err.str()};
}

// Every row of every table of DataTables(), in key order, as text: what a database holds. The
// tallies are derived (compared with their records by RunTallies instead: a tally may keep rows
// whose count fell to zero, which a copy counted afresh does not have).
std::map<std::string, std::vector<std::string>> Dump(const std::string& location) {
    std::map<std::string, std::vector<std::string>> dump;
    auto db = storage::Open(location);
    app::SqlDataRepository repo;
    auto tx = db->Begin(storage::TxMode::kRead);
    for (const auto& table : app::DataTables()) {
        if (table.kind == app::TableKind::kDerived)
            continue;
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

// A province's database as `ngoaivu init` and `ngoaivu demo --seed SEED` leave it (cheap
// password hashing, no indicators): accounts, partners, agreements, events and delegations with
// their children and audit entries. With `login_suffix`, every login ends with it, so that two
// provinces' accounts are different people.
void BuildProvince(const std::string& location, std::uint64_t seed,
                   const std::string& login_suffix) {
    InitDatabase(location);
    auto db = storage::Open(location);
    TestAccounts province(*db);
    auto& clock = province.clock;
    auto& audit = province.audit;
    auto& account_service = province.service;
    partners::SqlPartnerRepository partner_repo;
    partners::PartnerService partner_service(*db, partner_repo, audit, clock);
    ASSERT_TRUE(app::AddDemoData(account_service, seed, 1, &partner_service).ok());
    calendar::SqlCalendarRepository calendar_repo;
    calendar::CalendarService calendar_service(*db, calendar_repo, audit, clock);
    auto calendar = [&calendar_service] { return calendar_service.Calendar(); };
    agreements::SqlAgreementRepository agreement_repo;
    agreements::AgreementService agreement_service(*db, agreement_repo, audit, clock, calendar);
    ASSERT_TRUE(agreements::AddDemoAgreements(agreement_service, seed, 1).ok());
    events::SqlEventRepository event_repo;
    events::EventService event_service(*db, event_repo, audit, clock, calendar);
    ASSERT_TRUE(events::AddDemoEvents(event_service, seed, 1).ok());
    delegations::SqlDelegationRepository delegation_repo;
    delegations::DelegationService delegation_service(*db, delegation_repo, agreement_repo, audit,
                                                      clock, calendar);
    ASSERT_TRUE(delegations::AddDemoDelegations(delegation_service, seed, 1).ok());
    ASSERT_TRUE(account_service.CreateTokenFor("demo-admin", "tỉnh").ok());
    storage::WithWrite(*db, [&](storage::Transaction& tx) {
        tx.Exec(
            "INSERT INTO login_attempt (login, client_address, at, success) "
            "VALUES ('demo-admin', '10.0.0.1', '2025-08-01T03:00:00.000Z', 0)");
        if (!login_suffix.empty())
            tx.Exec("UPDATE app_user SET login = login || $1", {login_suffix});
    });
    db->Close();
}

// MakeProvince's database at `location`: built once per (seed, suffix) and run of the suite, then
// copied (the copy is the same database: it has the same first audit hash).
void MakeProvince(const std::string& location, std::uint64_t seed,
                  const std::string& login_suffix = "") {
    static TempDir cache;
    std::string name = "province-" + std::to_string(seed) + login_suffix + ".db";
    fs::path built = cache / name;
    if (!fs::exists(built)) {
        BuildProvince((cache / ("tmp-" + name)).string(), seed, login_suffix);
        if (::testing::Test::HasFatalFailure())
            return;
        fs::rename(cache / ("tmp-" + name), built);
    }
    ASSERT_FALSE(fs::exists(built.string() + "-wal")) << "the database was not closed";
    fs::copy_file(built, location);
}

// The rows of `sql` as text, sorted: what a join shows whatever the ids.
std::vector<std::string> Rows(const std::string& location, const std::string& sql) {
    auto db = storage::Open(location);
    std::vector<std::string> rows;
    {
        auto tx = db->Begin(storage::TxMode::kRead);
        for (const auto& row : tx->Query(sql)) {
            std::string line;
            for (std::size_t i = 0; i < row.size(); ++i)
                line += (row.IsNull(i) ? std::string("NULL") : row.Text(i)) + " | ";
            rows.push_back(line);
        }
    }
    db->Close();
    std::sort(rows.begin(), rows.end());
    return rows;
}

std::vector<std::string> Concat(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    std::sort(a.begin(), a.end());
    return a;
}

std::int64_t Count(const std::string& location, const std::string& table) {
    return QueryInt(location, "SELECT COUNT(*) FROM " + table);
}

// Each child with what identifies its parents, never an id: after a move, every child must
// still point at the same parents.
const std::vector<std::string>& ParentChildJoins() {
    static const std::vector<std::string> kJoins = {
        "SELECT a.title_vi, a.created_at, p.name_vi FROM agreement_partner ap "
        "JOIN agreement a ON a.id = ap.agreement_id JOIN partner p ON p.id = ap.partner_id",
        "SELECT a.title_vi, a.created_at, c.description, c.status FROM commitment c "
        "JOIN agreement a ON a.id = c.agreement_id",
        "SELECT a.title_vi, a.created_at, f.field FROM agreement_field f "
        "JOIN agreement a ON a.id = f.agreement_id",
        "SELECT a.title_vi, a.created_at, r.description, rf.unit, rf.amount_centi FROM result r "
        "JOIN agreement a ON a.id = r.agreement_id LEFT JOIN result_figure rf ON rf.result_id = "
        "r.id",
        "SELECT a.title_vi, e.action, e.recorded_at, u.login FROM agreement_event e "
        "JOIN agreement a ON a.id = e.agreement_id LEFT JOIN app_user u ON u.id = e.user_id",
        "SELECT a.title_vi, d.kind, d.due_on, oe.action, ce.action FROM agreement_deadline d "
        "JOIN agreement a ON a.id = d.agreement_id "
        "LEFT JOIN agreement_event oe ON oe.id = d.opened_event_id "
        "LEFT JOIN agreement_event ce ON ce.id = d.closed_event_id",
        "SELECT a.title_vi, a.created_at, u.login FROM agreement a "
        "LEFT JOIN app_user u ON u.id = a.created_by",
        "SELECT p.name_vi, c.name, c.email FROM partner_contact c "
        "JOIN partner p ON p.id = c.partner_id",
        "SELECT p.name_vi, s.admin_unit_id, s.established_on FROM sister_relation s "
        "JOIN partner p ON p.id = s.partner_id",
        "SELECT d.title, d.created_at, m.position, m.role, m.name FROM delegation_person m "
        "JOIN delegation d ON d.id = m.delegation_id",
        "SELECT d.title, d.created_at, a.title_vi, a.created_at FROM delegation_agreement da "
        "JOIN delegation d ON d.id = da.delegation_id JOIN agreement a ON a.id = da.agreement_id",
        "SELECT d.title, d.created_at, p.name_vi FROM delegation_partner dp "
        "JOIN delegation d ON d.id = dp.delegation_id JOIN partner p ON p.id = dp.partner_id",
        "SELECT d.title, s.action, s.recorded_at, u.login FROM delegation_step s "
        "JOIN delegation d ON d.id = s.delegation_id LEFT JOIN app_user u ON u.id = s.user_id",
        "SELECT d.title, f.position, f.description FROM delegation_follow_up f "
        "JOIN delegation d ON d.id = f.delegation_id",
        "SELECT e.title_vi, e.created_at, h.action, h.recorded_at FROM event_history h "
        "JOIN event e ON e.id = h.event_id",
        "SELECT e.title_vi, d.kind, d.due_on, oh.action, ch.action FROM event_deadline d "
        "JOIN event e ON e.id = d.event_id LEFT JOIN event_history oh ON oh.id = "
        "d.opened_history_id LEFT JOIN event_history ch ON ch.id = d.closed_history_id",
        "SELECT e.title_vi, e.created_at, c.country_alpha2 FROM event_country c "
        "JOIN event e ON e.id = c.event_id",
        "SELECT u.login, r.role, p.admin_unit_id FROM user_role r JOIN app_user u ON u.id = "
        "r.user_id LEFT JOIN user_role_province p ON p.user_role_id = r.id",
        // The audit trail names its records by id: each entry must name the same record.
        "SELECT l.action, l.at, a.title_vi FROM audit_log l JOIN agreement a "
        "ON l.entity = 'agreement' AND l.entity_id = CAST(a.id AS TEXT)",
        "SELECT l.action, l.at, d.title FROM audit_log l JOIN delegation d "
        "ON l.entity = 'delegation' AND l.entity_id = CAST(d.id AS TEXT)",
        "SELECT l.action, l.at, u.login FROM audit_log l JOIN app_user u "
        "ON l.entity = 'user' AND l.entity_id = CAST(u.id AS TEXT)",
        "SELECT l.action, l.at, l.user_login, u.login FROM audit_log l "
        "LEFT JOIN app_user u ON u.id = l.user_id WHERE l.action <> 'migrate_data'",
    };
    return kJoins;
}

// Two small indicators rounds' worth of figures: the indicator `code`, the first quarter of 2025,
// and a draft submission of admin unit number `unit` (by id order) with one value.
void AddIndicatorFigures(const std::string& location, const std::string& code, int unit,
                         const std::string& unit_kind = "count") {
    const std::string at = "'2025-04-01T00:00:00.000Z'";
    const std::string unit_id =
        "(SELECT id FROM admin_unit ORDER BY id LIMIT 1 OFFSET " + std::to_string(unit) + ")";
    const std::string round =
        "(SELECT id FROM indicator_round WHERE periodicity = 'quarter' AND "
        "year = 2025 AND number = 1)";
    const std::string indicator = "(SELECT id FROM indicator WHERE code = '" + code + "')";
    auto db = storage::Open(location);
    storage::WithWrite(*db, [&](storage::Transaction& tx) {
        if (!tx.QueryOne("SELECT id FROM indicator WHERE code = $1", {code})) {
            tx.Exec(
                "INSERT INTO indicator (code, name_vi, name_en, unit, aggregation, "
                "periodicity, source, decimals, created_at, updated_at) VALUES ('" +
                code + "', 'Chỉ tiêu', 'Indicator', '" + unit_kind +
                "', 'sum', 'quarter', 'entered', 0, " + at + ", " + at + ")");
        }
        if (tx.QueryOne("SELECT COUNT(*) FROM indicator_round")->Int(0) == 0) {
            tx.Exec(
                "INSERT INTO indicator_round (periodicity, year, number, starts_on, ends_on, "
                "due_on, generation, created_at) VALUES ('quarter', 2025, 1, '2025-01-01', "
                "'2025-03-31', '2025-04-15', 1, " +
                at + ")");
            tx.Exec("INSERT INTO indicator_round_item (round_id, indicator_id, position) VALUES (" +
                    round + ", " + indicator + ", 0)");
        }
        tx.Exec(
            "INSERT INTO indicator_submission (round_id, admin_unit_id, status, created_at, "
            "updated_at) VALUES (" +
            round + ", " + unit_id + ", 'draft', " + at + ", " + at + ")");
        tx.Exec(
            "INSERT INTO indicator_value (submission_id, indicator_id, value_milli, round_id, "
            "admin_unit_id, year, period_number, period_end_month) VALUES ((SELECT MAX(id) "
            "FROM indicator_submission), " +
            indicator + ", " + std::to_string(1000 * (unit + 1)) + ", " + round + ", " + unit_id +
            ", 2025, 1, 3)");
    });
    db->Close();
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

        // Every declared FOREIGN KEY is listed as a reference, and nothing else is listed as
        // declared: migrate-data rewrites exactly these columns when it renumbers ids.
        std::set<std::pair<std::string, std::string>> declared;
        for (const auto& fk : tx->Query("PRAGMA foreign_key_list(" + t.name + ")"))
            declared.emplace(fk.Text(3), fk.Text(2));
        std::set<std::pair<std::string, std::string>> listed_refs;
        for (const auto& c : t.columns) {
            if (c.references.empty())
                continue;
            if (c.ref == app::RefKind::kForeignKey) {
                listed_refs.emplace(c.name, c.references);
            } else if (c.ref == app::RefKind::kByEntity) {
                EXPECT_TRUE(std::count(columns.begin(), columns.end(), c.references))
                    << t.name << "." << c.name << " names its entity by a column that is not there";
            } else {
                EXPECT_TRUE(schema_tables.count(c.references)) << t.name << "." << c.name;
            }
        }
        EXPECT_EQ(listed_refs, declared)
            << t.name << ": the references in DataTables() must be the schema's FOREIGN KEYs";
        if (!t.owner.empty()) {
            EXPECT_TRUE(std::count(columns.begin(), columns.end(), t.owner)) << t.name;
        }
        for (const auto& k : t.match_key)
            EXPECT_TRUE(std::count(columns.begin(), columns.end(), k)) << t.name << " " << k;
        for (const auto& k : t.match_same)
            EXPECT_TRUE(std::count(columns.begin(), columns.end(), k)) << t.name << " " << k;
    }
}

TEST(DataTables, NameATableForEveryEntityOfTheAuditTrailAndAttachments) {
    for (const char* entity :
         {"user", "api_token", "schedule_feed", "partner", "sister_relation", "agreement", "event",
          "delegation", "indicator", "indicator_round", "indicator_submission"}) {
        auto table = app::EntityTable(entity);
        ASSERT_TRUE(table.has_value()) << entity;
        bool listed = false;
        for (const auto& t : app::DataTables())
            listed = listed || (t.name == *table && t.HasIntegerId());
        EXPECT_TRUE(listed) << entity << " → " << *table;
    }
    for (const char* kept : {"calendar_day", "calendar", "user_session", "database"})
        EXPECT_EQ(app::EntityTable(kept), std::optional<std::string>("")) << kept;
    EXPECT_EQ(app::EntityTable("no_such_entity"), std::nullopt);
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
    Outcome tallies = RunTallies(target);
    EXPECT_EQ(tallies.code, 0) << ::testing::PrintToString(tallies);
    auto report = VerifyAudit(target);
    EXPECT_TRUE(report.ok) << report.problem;
    EXPECT_GT(report.entries, 0);

    // The next account gets an id past the copied ones (PostgreSQL: the identity was moved).
    std::int64_t max_id = QueryInt(target, "SELECT MAX(id) FROM app_user");
    {
        auto national = storage::Open(target);
        TestAccounts national_accounts(*national);
        auto& service = national_accounts.service;
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

TEST_F(DataCommandsTest, MigrateDataRefusesLoginsInBothDatabasesWithoutMapUsers) {
    std::string target = National();
    InitDatabase(target);
    AddDemoAccounts(target);
    AddDemoAccounts(db());
    auto before = Dump(target);
    Outcome r = RunMigrateData(db(), target);
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("Lỗi / Error: --to"));
    EXPECT_THAT(r.err, HasSubstr("holds records (app_user"));
    EXPECT_THAT(r.err, HasSubstr("--map-users"));
    EXPECT_THAT(r.err, HasSubstr("'demo-admin'"));
    EXPECT_THAT(r.err, HasSubstr("two people are never merged silently"));
    EXPECT_THAT(r.err, HasSubstr("nothing was copied"));
    EXPECT_EQ(Dump(target), before);

    Outcome bad = RunMigrateData(db(), target, "by-email");
    EXPECT_EQ(bad.code, 1);
    EXPECT_THAT(bad.err, HasSubstr("--map-users"));
    EXPECT_EQ(Dump(target), before);
}

TEST_F(DataCommandsTest, MigrateDataMovesTwoProvincesIntoOneDatabaseRenumberingTheSecond) {
    std::string a = file("tinh-a.db");
    std::string b = file("tinh-b.db");
    MakeProvince(a, 1);
    MakeProvince(b, 2, ".b");
    std::string target = National();

    Outcome first = RunMigrateData(a, target);
    ASSERT_EQ(first.code, 0) << ::testing::PrintToString(first);
    EXPECT_THAT(first.out, HasSubstr("every id kept"));
    EXPECT_EQ(Dump(target), Dump(a));

    std::int64_t audit_before = Count(target, "audit_log");
    Outcome second = RunMigrateData(b, target);
    ASSERT_EQ(second.code, 0) << ::testing::PrintToString(second);
    EXPECT_THAT(second.out, HasSubstr("the ids were renumbered"));
    EXPECT_THAT(second.out, HasSubstr("not carried"));
    EXPECT_THAT(second.out, HasSubstr("audit trail intact on --to"));

    // Every record of both, counted: the sum, except what a merge does not carry over.
    for (const auto& t : app::DataTables()) {
        if (t.kind != app::TableKind::kRecords)
            continue;
        std::int64_t expected = t.merge == app::MergeRule::kNotCarried ? Count(a, t.name)
                                : t.merge == app::MergeRule::kRechain
                                    ? Count(a, t.name) + Count(b, t.name) + 1
                                    : Count(a, t.name) + Count(b, t.name);
        EXPECT_EQ(Count(target, t.name), expected) << t.name;
    }
    EXPECT_GT(Count(b, "agreement"), 100);
    EXPECT_GT(Count(b, "delegation_person"), 100);
    EXPECT_GT(Count(b, "api_token"), 0);
    // Every child points at the same parents as in its province.
    for (const auto& sql : ParentChildJoins()) {
        auto rows = Rows(target, sql);
        EXPECT_EQ(rows, Concat(Rows(a, sql), Rows(b, sql))) << sql;
    }
    // A concrete agreement of the second province, with its partners and commitments.
    std::string first_b =
        "SELECT MIN(id) FROM agreement WHERE id IN (SELECT agreement_id FROM "
        "commitment) AND id IN (SELECT agreement_id FROM agreement_partner)";
    std::int64_t id_b = QueryInt(b, first_b);
    std::int64_t offset = QueryInt(a, "SELECT MAX(id) FROM agreement");
    std::string one =
        "SELECT a.title_vi, p.name_vi, c.description FROM agreement a "
        "JOIN agreement_partner ap ON ap.agreement_id = a.id "
        "JOIN partner p ON p.id = ap.partner_id "
        "JOIN commitment c ON c.agreement_id = a.id WHERE a.id = ";
    ASSERT_FALSE(Rows(b, one + std::to_string(id_b)).empty());
    EXPECT_EQ(Rows(target, one + std::to_string(id_b + offset)),
              Rows(b, one + std::to_string(id_b)));

    // The dashboards' tallies count both provinces' records, each once (not copied: counted by
    // the target's triggers as the records arrived).
    Outcome tallies = RunTallies(target);
    EXPECT_EQ(tallies.code, 0) << ::testing::PrintToString(tallies);
    const std::string signed_count = "SELECT COUNT(*) FROM agreement WHERE signed_year IS NOT NULL";
    EXPECT_EQ(QueryInt(target, "SELECT SUM(n) FROM agreement_tally"),
              QueryInt(a, signed_count) + QueryInt(b, signed_count));
    EXPECT_GT(QueryInt(b, signed_count), 0);
    EXPECT_EQ(QueryInt(target, "SELECT SUM(n) FROM delegation_tally"),
              Count(a, "delegation") + Count(b, "delegation"));

    // The second province's chain follows the first's, re-chained, and one entry says so.
    auto report = VerifyAudit(target);
    EXPECT_TRUE(report.ok) << report.problem;
    EXPECT_EQ(report.entries, audit_before + Count(b, "audit_log") + 1);
    auto migrate = Rows(target,
                        "SELECT entity, user_login, after_json FROM audit_log "
                        "WHERE action = 'migrate_data'");
    ASSERT_EQ(migrate.size(), 1u);
    EXPECT_THAT(migrate[0], HasSubstr("database | "));
    EXPECT_THAT(migrate[0], HasSubstr("tinh-b.db"));
    EXPECT_THAT(migrate[0], HasSubstr("\"source_head\""));
    EXPECT_THAT(migrate[0],
                HasSubstr(std::string("\"hash\":\"") + VerifyAudit(b).head_hash + "\""));
    EXPECT_THAT(migrate[0], HasSubstr("\"agreement\":{\"first\":" + std::to_string(offset + 1)));

    // New records after the move get ids past the copied ones (PostgreSQL: identities moved).
    Exec(target,
         "INSERT INTO partner (kind, name_vi, search_text, created_at, updated_at) VALUES "
         "('other', 'Sau khi chuyển', 'sau khi chuyen', '2025-08-01T03:00:00.000Z', "
         "'2025-08-01T03:00:00.000Z')");
    EXPECT_EQ(QueryInt(target, "SELECT MAX(id) FROM partner"),
              QueryInt(a, "SELECT MAX(id) FROM partner") +
                  QueryInt(b, "SELECT MAX(id) FROM partner") + 1);
}

TEST_F(DataCommandsTest, MigrateDataMapsTheSameLoginToTheSamePersonOnlyWhenAsked) {
    // Another province with the same demo logins (demo-admin, demo-officer-01 …) and others.
    std::string a = file("tinh-a.db");
    std::string b = file("tinh-b.db");
    MakeProvince(a, 1);
    MakeProvince(b, 2);
    std::string target = National();
    ASSERT_EQ(RunMigrateData(a, target).code, 0);
    auto before = Dump(target);

    Outcome refused = RunMigrateData(b, target);
    EXPECT_EQ(refused.code, 1);
    EXPECT_THAT(refused.err, HasSubstr("'demo-officer-01'"));
    EXPECT_THAT(refused.err, HasSubstr("--map-users same-login"));
    EXPECT_EQ(Dump(target), before);

    Outcome mapped = RunMigrateData(b, target, "same-login");
    ASSERT_EQ(mapped.code, 0) << ::testing::PrintToString(mapped);
    EXPECT_THAT(mapped.out, HasSubstr("same logins, mapped to the target's accounts"));
    EXPECT_THAT(mapped.out, HasSubstr("'demo-admin'"));
    // The same people are one account each, with the roles they have in the target; the others
    // come with theirs.
    const std::string logins = "SELECT login FROM app_user";
    std::set<std::string> in_a;
    for (const auto& row : Rows(a, logins))
        in_a.insert(row);
    const std::string roles =
        "SELECT u.login, r.role, r.all_provinces, p.admin_unit_id FROM user_role r "
        "JOIN app_user u ON u.id = r.user_id "
        "LEFT JOIN user_role_province p ON p.user_role_id = r.id";
    std::vector<std::string> expected_roles = Rows(a, roles);
    std::vector<std::string> expected_logins = Rows(a, logins);
    std::size_t same = 0;
    for (const auto& row : Rows(b, roles)) {
        if (!in_a.count(row.substr(0, row.find(" | ")) + " | "))
            expected_roles.push_back(row);
    }
    for (const auto& row : Rows(b, logins)) {
        if (in_a.count(row))
            ++same;
        else
            expected_logins.push_back(row);
    }
    EXPECT_GE(same, 8u);
    std::sort(expected_roles.begin(), expected_roles.end());
    std::sort(expected_logins.begin(), expected_logins.end());
    EXPECT_EQ(Rows(target, logins), expected_logins);
    EXPECT_EQ(Rows(target, roles), expected_roles);
    EXPECT_EQ(Count(target, "agreement"), Count(a, "agreement") + Count(b, "agreement"));
    // Their records and audit entries name the target's account of the same login.
    for (const auto& sql : ParentChildJoins()) {
        if (sql.find("user_role") != std::string::npos)
            continue;
        EXPECT_EQ(Rows(target, sql), Concat(Rows(a, sql), Rows(b, sql))) << sql;
    }
    auto report = VerifyAudit(target);
    EXPECT_TRUE(report.ok) << report.problem;
}

TEST_F(DataCommandsTest, MigrateDataRefusesToMoveTheSameDatabaseTwice) {
    std::string a = file("tinh-a.db");
    std::string b = file("tinh-b.db");
    InitDatabase(a);
    AddDemoAccounts(a);
    InitDatabase(b);
    AddDemoAccounts(b);
    Exec(b, "UPDATE app_user SET login = login || '.b'");
    std::string target = National();
    ASSERT_EQ(RunMigrateData(a, target).code, 0);
    ASSERT_EQ(RunMigrateData(b, target).code, 0);
    auto before = Dump(target);
    for (const auto& again : {a, b}) {
        Outcome r = RunMigrateData(again, target, "same-login");
        EXPECT_EQ(r.code, 1) << again;
        EXPECT_THAT(r.err, HasSubstr("was moved into --to already"));
        EXPECT_THAT(r.err, HasSubstr("copy every record twice"));
        EXPECT_EQ(Dump(target), before);
    }
}

TEST_F(DataCommandsTest, MigrateDataMatchesIndicatorsByCodeAndRoundsByPeriod) {
    std::string a = file("tinh-a.db");
    std::string b = file("tinh-b.db");
    InitDatabase(a);
    AddDemoAccounts(a);
    AddIndicatorFigures(a, "exports", 1);
    InitDatabase(b);
    AddIndicatorFigures(b, "exports", 2);
    std::string target = National();
    ASSERT_EQ(RunMigrateData(a, target).code, 0);

    Outcome r = RunMigrateData(b, target);
    ASSERT_EQ(r.code, 0) << ::testing::PrintToString(r);
    EXPECT_EQ(Count(target, "indicator"), 1);
    EXPECT_EQ(Count(target, "indicator_round"), 1);
    EXPECT_EQ(Count(target, "indicator_round_item"), 1);
    EXPECT_EQ(Count(target, "indicator_submission"), 2);
    std::string values =
        "SELECT i.code, r.year, r.number, s.admin_unit_id, v.admin_unit_id, v.value_milli "
        "FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id "
        "JOIN indicator_submission s ON s.id = v.submission_id "
        "JOIN indicator_round r ON r.id = v.round_id AND r.id = s.round_id";
    EXPECT_EQ(Rows(target, values), Concat(Rows(a, values), Rows(b, values)));
    EXPECT_TRUE(VerifyAudit(target).ok);
}

TEST_F(DataCommandsTest, MigrateDataRefusesAnIndicatorWhoseDefinitionDiffers) {
    std::string a = file("tinh-a.db");
    std::string b = file("tinh-b.db");
    InitDatabase(a);
    AddDemoAccounts(a);
    AddIndicatorFigures(a, "exports", 1);
    InitDatabase(b);
    AddIndicatorFigures(b, "exports", 2, "usd_million");
    std::string target = National();
    ASSERT_EQ(RunMigrateData(a, target).code, 0);
    auto before = Dump(target);
    Outcome r = RunMigrateData(b, target);
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("table indicator: the same key with another definition"));
    EXPECT_THAT(r.err, HasSubstr("unit 'usd_million' ≠ 'count'"));
    EXPECT_EQ(Dump(target), before);
}

TEST_F(DataCommandsTest, MigrateDataLeavesTheTargetUnchangedWhenACopyFailsHalfWay) {
    // The second province reports the same unit's figures for the same round as the first: its
    // accounts, partners and agreements are copied before the submission collides.
    std::string a = file("tinh-a.db");
    std::string b = file("tinh-b.db");
    MakeProvince(a, 1);
    AddIndicatorFigures(a, "exports", 1);
    MakeProvince(b, 2, ".b");
    AddIndicatorFigures(b, "exports", 1);
    std::string target = National();
    ASSERT_EQ(RunMigrateData(a, target).code, 0);
    auto before = Dump(target);
    Outcome r = RunMigrateData(b, target);
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("of table indicator_submission (source)"));
    EXPECT_THAT(r.err, HasSubstr("--to was not changed"));
    EXPECT_EQ(Dump(target), before);
    EXPECT_TRUE(VerifyAudit(target).ok);
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

TEST_F(DataCommandsTest, TalliesVerifyFindsADamagedTallyAndRebuildMendsItWithAnAuditEntry) {
    std::string a = file("tinh-a.db");
    MakeProvince(a, 1);
    // The demo wrote its records through the services (workflow steps, partners, results …):
    // the triggers counted each write.
    Outcome demo = RunTallies(a);
    EXPECT_EQ(demo.code, 0) << ::testing::PrintToString(demo);
    std::string target = National();
    ASSERT_EQ(RunMigrateData(a, target).code, 0);
    Outcome fine = RunTallies(target);
    ASSERT_EQ(fine.code, 0) << ::testing::PrintToString(fine);
    EXPECT_THAT(fine.out, HasSubstr("delegation_tally: khớp / agrees"));
    EXPECT_THAT(fine.out, HasSubstr("The tallies agree with the records"));
    auto records = Dump(target);
    std::int64_t audit_before = Count(target, "audit_log");

    // One count too many, and one year of agreements gone.
    Exec(target,
         "UPDATE delegation_tally SET n = n + 1 WHERE year = (SELECT MIN(year) FROM "
         "delegation_tally) AND admin_unit_id = (SELECT MIN(admin_unit_id) FROM delegation_tally "
         "WHERE year = (SELECT MIN(year) FROM delegation_tally))");
    Exec(target,
         "DELETE FROM agreement_tally WHERE year = (SELECT MAX(year) FROM agreement_tally)");
    Outcome damaged = RunTallies(target);
    EXPECT_EQ(damaged.code, 3) << ::testing::PrintToString(damaged);
    EXPECT_THAT(damaged.out, HasSubstr("delegation_tally: KHÔNG KHỚP / DIFFERS — 1 "));
    EXPECT_THAT(damaged.out, HasSubstr("agreement_tally: KHÔNG KHỚP / DIFFERS"));
    EXPECT_THAT(damaged.out, HasSubstr("bảng / tally:"));
    EXPECT_THAT(damaged.out, HasSubstr("hồ sơ / records: year="));
    EXPECT_THAT(damaged.out, HasSubstr("event_tally: khớp / agrees"));
    EXPECT_THAT(damaged.err, HasSubstr("ngoaivu tallies rebuild"));
    EXPECT_EQ(Count(target, "audit_log"), audit_before) << "verify writes nothing";

    Outcome rebuilt = RunTallies(target, /*rebuild=*/true);
    ASSERT_EQ(rebuilt.code, 0) << ::testing::PrintToString(rebuilt);
    EXPECT_EQ(RunTallies(target).code, 0);
    auto after = Dump(target);
    for (const char* audit : {"audit_log", "audit_head"}) {
        after.erase(audit);
        records.erase(audit);
    }
    EXPECT_EQ(after, records) << "rebuild changes the tallies only";
    auto entry = Rows(target,
                      "SELECT entity, user_login, before_json FROM audit_log WHERE action = "
                      "'tallies_rebuild'");
    ASSERT_EQ(entry.size(), 1u);
    EXPECT_THAT(entry[0], HasSubstr("\"delegation_tally\":{\"extra\":1,\"missing\":1}"));
    EXPECT_TRUE(VerifyAudit(target).ok);

    Outcome missing = RunTallies(file("nowhere/none.db"));
    EXPECT_EQ(missing.code, 1);
    EXPECT_THAT(missing.err, HasSubstr("--db"));
}

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
