#include "app/data_commands.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <system_error>
#include <unistd.h>
#include <unordered_map>
#include <unordered_set>

#include <sqlite3.h>

#include "app/data_repository.hpp"
#include "base/actor.hpp"
#include "base/clock.hpp"
#include "base/embedded.hpp"
#include "base/result.hpp"
#include "http/request.hpp"
#include "modules/audit/audit_repository.hpp"
#include "modules/audit/audit_service.hpp"
#include "storage/database.hpp"
#include "storage/migrator.hpp"
#include "storage/postgres/pg_database.hpp"

extern char** environ;

namespace ngoaivu::app {

namespace fs = std::filesystem;

namespace {

constexpr int kRefused = 1;
constexpr int kTampered = 3;
// Rows read per statement when copying a table; tables holding files (blob columns, up to
// 20 MiB a row) are read a few rows at a time, so that a copy never holds much in memory.
constexpr int kChunkRows = 1000;
constexpr int kBlobChunkRows = 4;

// Prints "Lỗi / Error: vi / en" and returns the exit code of a refusal.
int Refuse(std::ostream& err, const std::string& vi, const std::string& en) {
    err << "Lỗi / Error: " << vi << " / " << en << "\n";
    return kRefused;
}

// Appends one audit entry about the whole database, by the maintenance command `command`.
audit::AuditEntry AppendDatabaseEntry(audit::SqlAuditRepository& repo, storage::Transaction& tx,
                                      const std::string& command, const std::string& action,
                                      const std::string& entity_id, const nlohmann::json& before,
                                      const nlohmann::json& after) {
    SystemClock clock;
    Actor actor = Actor::System(command);
    audit::AuditEntry entry;
    entry.at = audit::IsoUtc(clock.Now());
    entry.user_login = actor.login;
    entry.request_id = actor.request_id;
    entry.client_address = actor.client_address;
    entry.action = action;
    entry.entity = "database";
    entry.entity_id = entity_id;
    entry.before_json = before.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    entry.after_json = after.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return repo.Append(tx, std::move(entry));
}

// The location as it may be shown: a URL without its password.
std::string Shown(const std::string& location) {
    return IsPostgresUrl(location) ? RedactedUrl(location) : location;
}

// The file of a SQLite location ("sqlite:PATH" or PATH).
fs::path SqlitePath(std::string_view location) {
    if (location.starts_with("sqlite:"))
        location.remove_prefix(7);
    return fs::path(location);
}

int KnownSchemaVersion(storage::Backend backend) {
    return static_cast<int>(storage::LoadMigrations(EmbeddedMigrations(), backend).size());
}

const TableSpec& Table(std::string_view name) {
    for (const auto& t : DataTables()) {
        if (t.name == name)
            return t;
    }
    throw storage::DatabaseError("no table " + std::string(name) + " in DataTables()");
}

bool SameValues(const Values& a, const Values& b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].get() != b[i].get())
            return false;
    }
    return true;
}

// The key of `row` as one string, for maps.
std::string KeyOf(const Values& row, const TableSpec& table) {
    std::string out;
    for (std::size_t i : table.KeyPositions())
        out += Describe(row[i]) + '\x1f';
    return out;
}

// The first `n` bytes of `path` (fewer when the file is shorter).
std::string FileHeader(const fs::path& path, std::size_t n) {
    std::ifstream in(path, std::ios::binary);
    std::string header(n, '\0');
    in.read(header.data(), static_cast<std::streamsize>(n));
    header.resize(static_cast<std::size_t>(in.gcount()));
    return header;
}

bool IsSqliteFile(const fs::path& path) {
    return FileHeader(path, 16) == std::string("SQLite format 3\0", 16);
}

// fsync of the file or folder opened with `flags`; false with errno set on failure.
bool Sync(const fs::path& path, int flags) {
    int fd = ::open(path.c_str(), flags);
    if (fd < 0)
        return false;
    bool ok = ::fsync(fd) == 0;
    int saved = errno;
    ::close(fd);
    errno = saved;
    return ok;
}

bool SyncFile(const fs::path& path) {
    return Sync(path, O_RDONLY);
}

// Makes a rename inside the folder durable.
bool SyncFolder(const fs::path& path) {
    return Sync(path, O_RDONLY | O_DIRECTORY);
}

fs::path FolderOf(const fs::path& file) {
    fs::path parent = file.parent_path();
    return parent.empty() ? fs::path(".") : parent;
}

// The files SQLite keeps beside a database.
void RemoveSqliteSidecars(const fs::path& db) {
    std::error_code ignored;
    for (const char* suffix : {"-wal", "-shm", "-journal"})
        fs::remove(fs::path(db.string() + suffix), ignored);
}

// A new, empty file of mode 0600, uniquely named, beside `target` (so that renaming it onto
// `target` is atomic); removed, with any SQLite -wal and -shm beside it, unless Keep() is called.
class TempFile {
 public:
    explicit TempFile(const fs::path& target) {
        std::string pattern =
            (FolderOf(target) / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
        std::vector<char> name(pattern.begin(), pattern.end());
        name.push_back('\0');
        int fd = ::mkstemp(name.data());
        if (fd < 0) {
            error_ = std::error_code(errno, std::generic_category()).message();
            return;
        }
        ::close(fd);
        path_ = name.data();
    }
    ~TempFile() {
        if (path_.empty() || kept_)
            return;
        std::error_code ignored;
        fs::remove(path_, ignored);
        RemoveSqliteSidecars(path_);
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    bool ok() const { return !path_.empty(); }
    const std::string& error() const { return error_; }
    const fs::path& path() const { return path_; }
    // Syncs the file, renames it onto `target` and syncs the folder. False (and the file is still
    // removed later) when one of them fails.
    bool MoveTo(const fs::path& target, std::string* error) {
        if (!SyncFile(path_)) {
            *error = "fsync: " + std::error_code(errno, std::generic_category()).message();
            return false;
        }
        std::error_code ec;
        fs::rename(path_, target, ec);
        if (ec) {
            *error = ec.message();
            return false;
        }
        kept_ = true;
        SyncFolder(FolderOf(target));
        return true;
    }

 private:
    fs::path path_;
    std::string error_;
    bool kept_ = false;
};

// Why SQLite cannot read the schema of the file at `path`, or "" when it can: asked of SQLite
// directly, read-only in effect, so that a damaged file gets SQLite's own words and is never
// touched by storage::Open (which switches the file to WAL).
std::string SqliteReadProblem(const fs::path& path) {
    sqlite3* handle = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(handle, "PRAGMA journal_mode", nullptr, nullptr, nullptr);
    std::string problem;
    if (rc != SQLITE_OK)
        problem = handle != nullptr ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
    sqlite3_close(handle);
    return problem;
}

// What CheckSqliteFile found. `problem_vi`/`problem_en` are empty when the file is a sound
// Ngoaivu database this program can use; the audit chain is reported separately.
struct FileCheck {
    std::string problem_vi;
    std::string problem_en;
    int schema_version = 0;
    std::int64_t users = 0;
    std::int64_t audit_entries = 0;
    audit::VerifyReport audit;
};

// Opens the SQLite file at `path` (a copy of ours: opening sets WAL mode) and checks it:
// PRAGMA integrity_check, a schema version from 1 (up to this program's when `known_version`),
// the counts, the audit chain.
FileCheck CheckSqliteFile(const fs::path& path, bool known_version) {
    FileCheck check;
    if (std::string problem = SqliteReadProblem(path); !problem.empty()) {
        check.problem_vi = "không đọc được: " + problem;
        check.problem_en = "it cannot be read: " + problem;
        return check;
    }
    try {
        storage::OpenOptions options;
        options.pool_size = 1;
        auto db = storage::Open(path.string(), options);
        SqlDataRepository repo;
        {
            auto tx = db->Begin(storage::TxMode::kRead);
            std::string integrity = repo.IntegrityCheck(*tx);
            if (integrity != "ok") {
                check.problem_vi = "tệp bị hỏng (integrity_check: " + integrity + ")";
                check.problem_en = "the file is damaged (integrity_check: " + integrity + ")";
                return check;
            }
            auto version = repo.SchemaVersion(*tx, storage::Backend::kSqlite);
            int known = KnownSchemaVersion(storage::Backend::kSqlite);
            if (!version || *version == 0) {
                check.problem_vi = "không phải CSDL Ngoaivu (không có schema_version)";
                check.problem_en = "not an Ngoaivu database (no schema_version)";
                return check;
            }
            if (known_version && *version > known) {
                check.problem_vi = "lược đồ phiên bản " + std::to_string(*version) +
                                   " mới hơn chương trình này (" + std::to_string(known) +
                                   "); hãy dùng bản ngoaivu mới hơn";
                check.problem_en = "its schema version " + std::to_string(*version) +
                                   " is newer than this program's (" + std::to_string(known) +
                                   "); use a newer ngoaivu";
                return check;
            }
            check.schema_version = *version;
            check.users = repo.Count(*tx, Table("app_user"));
            check.audit_entries = repo.Count(*tx, Table("audit_log"));
        }
        SystemClock clock;
        audit::SqlAuditRepository audit_repo;
        check.audit = audit::AuditService(*db, audit_repo, clock).Verify();
        db->Close();
    } catch (const storage::DatabaseError& e) {
        check.problem_vi = std::string("không đọc được: ") + e.what();
        check.problem_en = std::string("it cannot be read: ") + e.what();
    }
    return check;
}

// Renames the checked temporary copy over `target`; the refusal's exit code when it cannot.
std::optional<int> MoveIntoPlace(TempFile& tmp, const fs::path& target, std::ostream& err) {
    std::string error;
    if (tmp.MoveTo(target, &error))
        return std::nullopt;
    return Refuse(err, "không ghi được " + target.string() + ": " + error,
                  "cannot write " + target.string() + ": " + error);
}

// Refuses (exit code) an existing SQLite database named by `option` that is missing or that
// SQLite cannot read; nullopt when it can be opened.
std::optional<int> RefuseUnreadableSqlite(const std::string& option, const fs::path& db,
                                          std::ostream& err) {
    std::error_code ec;
    if (!fs::is_regular_file(db, ec)) {
        return Refuse(err, option + ": không có tệp CSDL " + db.string(),
                      option + ": there is no database file " + db.string());
    }
    if (std::string problem = SqliteReadProblem(db); !problem.empty()) {
        return Refuse(err, option + ": không đọc được " + db.string() + ": " + problem,
                      option + ": cannot read " + db.string() + ": " + problem);
    }
    return std::nullopt;
}

// Refuses (exit code) a file path given to `option` that is empty, is a folder, or lies in a
// folder that does not exist; nullopt when a file could be written there.
std::optional<int> RefuseUnusableFilePath(const std::string& option, const fs::path& path,
                                          const std::string& what_vi, const std::string& what_en,
                                          std::ostream& err) {
    std::error_code ec;
    if (path.empty())
        return Refuse(err, option + ": cần " + what_vi, option + ": give " + what_en);
    if (fs::is_directory(path, ec)) {
        return Refuse(err, option + ": " + path.string() + " là một thư mục; hãy cho tên tệp",
                      option + ": " + path.string() + " is a folder; give a file name");
    }
    if (!fs::is_directory(FolderOf(path), ec)) {
        return Refuse(err, option + ": thư mục " + FolderOf(path).string() + " không tồn tại",
                      option + ": the folder " + FolderOf(path).string() + " does not exist");
    }
    return std::nullopt;
}

// Checks the --to of backup: a file name in an existing folder, not a folder, not `source`, and
// absent unless `force`. Returns the exit code of a refusal, or nullopt when it is usable.
std::optional<int> CheckBackupDestination(const fs::path& to, const fs::path& source, bool force,
                                          std::ostream& err) {
    std::error_code ec;
    if (auto refused =
            RefuseUnusableFilePath("--to", to, "tên tệp sao lưu", "the backup file's name", err)) {
        return *refused;
    }
    if (fs::exists(to, ec)) {
        if (!source.empty() && fs::equivalent(to, source, ec)) {
            return Refuse(err, "--to là chính CSDL --db", "--to is the --db database itself");
        }
        if (!force) {
            return Refuse(err, "--to: " + to.string() + " đã có; thêm --force để ghi đè",
                          "--to: " + to.string() + " exists already; add --force to replace it");
        }
    }
    return std::nullopt;
}

void PrintCounts(std::ostream& out, const FileCheck& c) {
    out << "  phiên bản lược đồ / schema version: " << c.schema_version << "\n"
        << "  tài khoản / accounts (app_user): " << c.users << "\n"
        << "  nhật ký kiểm toán / audit entries (audit_log): " << c.audit_entries
        << (c.audit.ok ? ", chuỗi băm nguyên vẹn / hash chain intact" : "") << "\n";
}

int PrintTampered(std::ostream& err, const std::string& what, const audit::VerifyReport& r) {
    err << "Nhật ký kiểm toán bị sửa đổi / AUDIT TRAIL TAMPERED (" << what << "): " << r.problem
        << " (entry " << r.first_bad_id << ")\n";
    return kTampered;
}

// The extra environment of pg_dump/pg_restore: the URL's password, if it has one.
std::vector<std::string> PasswordEnv(const PgUrl& pg) {
    if (pg.password.empty())
        return {};
    return {"PGPASSWORD=" + pg.password};
}

// A path as a program argument that cannot be taken for an option.
std::string PathArgument(const fs::path& p) {
    std::string s = p.string();
    return s.starts_with("-") ? "./" + s : s;
}

int BackupSqlite(const BackupRequest& r, std::ostream& out, std::ostream& err) {
    fs::path db = SqlitePath(r.db);
    fs::path to = r.to;
    std::error_code ec;
    if (auto refused = RefuseUnreadableSqlite("--db", db, err))
        return *refused;
    if (auto refused = CheckBackupDestination(to, db, r.force, err))
        return *refused;
    TempFile tmp(to);
    if (!tmp.ok()) {
        return Refuse(
            err, "không tạo được tệp tạm trong " + FolderOf(to).string() + ": " + tmp.error(),
            "cannot create a temporary file in " + FolderOf(to).string() + ": " + tmp.error());
    }
    try {
        storage::OpenOptions options;
        options.pool_size = 1;
        auto source = storage::Open(db.string(), options);
        source->BackupTo(tmp.path().string());
        source->Close();
    } catch (const storage::DatabaseError& e) {
        return Refuse(err, std::string("sao lưu thất bại: ") + e.what(),
                      std::string("the backup failed: ") + e.what());
    }
    // A database newer than this program is copied all the same: the backup is for its version.
    FileCheck check = CheckSqliteFile(tmp.path(), /*known_version=*/false);
    if (!check.problem_en.empty()) {
        return Refuse(
            err, "bản sao không đạt kiểm tra, không ghi " + to.string() + ": " + check.problem_vi,
            "the copy fails its check; " + to.string() + " was not written: " + check.problem_en);
    }
    RemoveSqliteSidecars(tmp.path());
    if (auto refused = MoveIntoPlace(tmp, to, err))
        return *refused;
    out << "Đã sao lưu / Backed up: " << db.string() << " → " << to.string() << "\n";
    PrintCounts(out, check);
    out << "  kích thước / size: " << fs::file_size(to, ec) << " bytes\n";
    if (!check.audit.ok)
        return PrintTampered(err, "bản sao lưu vẫn được giữ / the backup is kept", check.audit);
    return 0;
}

int BackupPostgres(const BackupRequest& r, std::ostream& out, std::ostream& err) {
    fs::path to = r.to;
    if (auto refused = CheckBackupDestination(to, {}, r.force, err))
        return *refused;
    TempFile tmp(to);
    if (!tmp.ok()) {
        return Refuse(
            err, "không tạo được tệp tạm trong " + FolderOf(to).string() + ": " + tmp.error(),
            "cannot create a temporary file in " + FolderOf(to).string() + ": " + tmp.error());
    }
    PgUrl pg = SplitPassword(r.db);
    std::string error;
    int rc = RunProgram({"pg_dump", "--format=custom", "--file=" + tmp.path().string(), pg.url},
                        PasswordEnv(pg), ChildOutput::kInherit, &error);
    if (rc < 0) {
        return Refuse(err, "không chạy được pg_dump (" + error + "); hãy cài postgresql-client",
                      "cannot run pg_dump (" + error + "); install postgresql-client");
    }
    if (rc != 0) {
        return Refuse(
            err,
            "pg_dump thất bại (mã " + std::to_string(rc) + ", xem thông báo ở trên) với " +
                RedactedUrl(r.db) + "; không ghi " + to.string(),
            "pg_dump failed (exit code " + std::to_string(rc) + ", see its message above) for " +
                RedactedUrl(r.db) + "; " + to.string() + " was not written");
    }
    rc = RunProgram({"pg_restore", "--list", PathArgument(tmp.path())}, {}, ChildOutput::kDiscard,
                    &error);
    if (rc != 0) {
        return Refuse(
            err, "pg_restore --list không đọc được bản sao; không ghi " + to.string(),
            "pg_restore --list cannot read the dump back; " + to.string() + " was not written");
    }
    if (auto refused = MoveIntoPlace(tmp, to, err))
        return *refused;
    std::error_code ec;
    out << "Đã sao lưu / Backed up (pg_dump --format=custom): " << RedactedUrl(r.db) << " → "
        << to.string() << "\n"
        << "  kích thước / size: " << fs::file_size(to, ec) << " bytes\n";
    return 0;
}

// Whether another connection (a running server) has the SQLite database at `path` open: tries to
// take SQLite's exclusive lock without waiting. A free database's WAL is checkpointed into the
// file and removed when the probe closes. A file that is not a database counts as free.
bool SqliteInUse(const fs::path& path) {
    sqlite3* handle = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr);
    if (rc == SQLITE_OK) {
        rc = sqlite3_exec(handle, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT",
                          nullptr, nullptr, nullptr);
    }
    sqlite3_close(handle);
    return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

int RestoreSqlite(const RestoreRequest& r, std::ostream& out, std::ostream& err) {
    fs::path from = r.from;
    fs::path db = SqlitePath(r.db);
    std::error_code ec;
    if (auto refused =
            RefuseUnusableFilePath("--db", db, "đường dẫn CSDL", "the database path", err)) {
        return *refused;
    }
    if (!IsSqliteFile(from)) {
        return Refuse(err,
                      "--from: " + from.string() +
                          " không phải CSDL SQLite (hãy dùng tệp do ngoaivu backup tạo)",
                      "--from: " + from.string() +
                          " is not a SQLite database (use a file made by ngoaivu backup)");
    }
    if (fs::file_size(from.string() + "-wal", ec) > 0 && !ec) {
        return Refuse(err,
                      "--from: bên cạnh " + from.string() +
                          " có tệp -wal: đó là CSDL đang dùng, không phải bản sao lưu; hãy dùng "
                          "ngoaivu backup",
                      "--from: " + from.string() +
                          " has a -wal file beside it: it is a live database, not a backup; make "
                          "one with ngoaivu backup");
    }
    bool replacing = fs::exists(db, ec);
    if (replacing && fs::equivalent(from, db, ec)) {
        return Refuse(err, "--from và --db là cùng một tệp", "--from and --db are the same file");
    }
    if (replacing && !r.force) {
        return Refuse(
            err,
            "--db: " + db.string() + " đã có; thêm --force để thay thế (hãy dừng máy chủ trước)",
            "--db: " + db.string() +
                " exists already; add --force to replace it (stop the server first)");
    }
    // The backup is checked on a copy beside the target, which is then renamed onto it: the
    // backup file itself is never opened for writing.
    TempFile tmp(db);
    if (!tmp.ok()) {
        return Refuse(
            err, "không tạo được tệp tạm trong " + FolderOf(db).string() + ": " + tmp.error(),
            "cannot create a temporary file in " + FolderOf(db).string() + ": " + tmp.error());
    }
    fs::copy_file(from, tmp.path(), fs::copy_options::overwrite_existing, ec);
    if (ec) {
        return Refuse(err, "--from: không đọc được " + from.string() + ": " + ec.message(),
                      "--from: cannot read " + from.string() + ": " + ec.message());
    }
    FileCheck check = CheckSqliteFile(tmp.path(), /*known_version=*/true);
    if (!check.problem_en.empty()) {
        return Refuse(err,
                      "--from: bản sao lưu " + from.string() +
                          " không dùng được: " + check.problem_vi + "; CSDL không bị thay đổi",
                      "--from: the backup " + from.string() +
                          " is not usable: " + check.problem_en + "; the database was not changed");
    }
    if (!check.audit.ok) {
        err << "Lỗi / Error: --from: chuỗi băm nhật ký kiểm toán của bản sao lưu không hợp lệ; "
               "CSDL "
               "không bị thay đổi / the backup's audit hash chain does not verify; the database "
               "was not changed\n";
        return PrintTampered(err, "--from", check.audit);
    }
    RemoveSqliteSidecars(tmp.path());
    if (replacing) {
        if (SqliteInUse(db)) {
            return Refuse(err,
                          "--db: " + db.string() +
                              " đang được tiến trình khác mở (máy chủ đang chạy?); hãy dừng máy "
                              "chủ rồi thử lại",
                          "--db: " + db.string() +
                              " is open in another process (a running server?); stop the "
                              "server and try again");
        }
        fs::permissions(tmp.path(), fs::status(db, ec).permissions(), ec);
        // The old database's -wal would otherwise be replayed into the restored file.
        RemoveSqliteSidecars(db);
    }
    if (auto refused = MoveIntoPlace(tmp, db, err))
        return *refused;
    out << "Đã khôi phục / Restored: " << from.string() << " → " << db.string() << "\n";
    PrintCounts(out, check);
    out << "Hãy khởi động lại máy chủ / Start the server again (ngoaivu serve applies any newer "
           "migrations).\n";
    return 0;
}

int RestorePostgres(const RestoreRequest& r, std::ostream& out, std::ostream& err) {
    fs::path from = r.from;
    std::error_code ec;
    if (!fs::is_regular_file(from, ec) || FileHeader(from, 5) != "PGDMP") {
        return Refuse(err,
                      "--from: " + from.string() +
                          " không phải tệp pg_dump dạng custom (bản sao lưu PostgreSQL của "
                          "ngoaivu backup)",
                      "--from: " + from.string() +
                          " is not a pg_dump custom-format file (a PostgreSQL backup made by "
                          "ngoaivu backup)");
    }
    std::int64_t tables = 0;
    try {
        storage::OpenOptions options;
        options.pool_size = 1;
        auto db = storage::Open(r.db, options);
        auto tx = db->Begin(storage::TxMode::kRead);
        tables = SqlDataRepository().TableCount(*tx, db->backend());
    } catch (const storage::DatabaseError& e) {
        return Refuse(err, "--db: không kết nối được " + RedactedUrl(r.db) + ": " + e.what(),
                      "--db: cannot connect to " + RedactedUrl(r.db) + ": " + e.what());
    }
    if (tables > 0 && !r.force) {
        return Refuse(err,
                      "--db: CSDL đã có " + std::to_string(tables) +
                          " bảng; pg_restore --clean sẽ thay chúng: thêm --force (hãy dừng máy "
                          "chủ trước)",
                      "--db: the database has " + std::to_string(tables) +
                          " tables; pg_restore --clean replaces them: add --force (stop the "
                          "servers first)");
    }
    PgUrl pg = SplitPassword(r.db);
    std::string error;
    int rc = RunProgram({"pg_restore", "--clean", "--if-exists", "--no-owner",
                         "--single-transaction", "--dbname=" + pg.url, PathArgument(from)},
                        PasswordEnv(pg), ChildOutput::kInherit, &error);
    if (rc < 0) {
        return Refuse(err, "không chạy được pg_restore (" + error + "); hãy cài postgresql-client",
                      "cannot run pg_restore (" + error + "); install postgresql-client");
    }
    if (rc != 0) {
        return Refuse(err,
                      "pg_restore thất bại (mã " + std::to_string(rc) +
                          ", xem thông báo ở trên); CSDL không bị thay đổi (một giao dịch)",
                      "pg_restore failed (exit code " + std::to_string(rc) +
                          ", see its message above); the database was not changed (one "
                          "transaction)");
    }
    out << "Đã khôi phục / Restored: " << from.string() << " → " << RedactedUrl(r.db) << "\n";
    try {
        auto db = storage::Open(r.db);
        SystemClock clock;
        audit::SqlAuditRepository audit_repo;
        auto report = audit::AuditService(*db, audit_repo, clock).Verify();
        if (!report.ok)
            return PrintTampered(err, "--db", report);
        out << "  nhật ký kiểm toán / audit entries: " << report.entries
            << ", chuỗi băm nguyên vẹn / hash chain intact\n";
    } catch (const storage::DatabaseError& e) {
        return Refuse(err, std::string("không kiểm tra được CSDL đã khôi phục: ") + e.what(),
                      std::string("cannot check the restored database: ") + e.what());
    }
    out << "Hãy khởi động lại máy chủ / Start the servers again.\n";
    return 0;
}

// Rows per table of one migrate-data run.
struct TableCounts {
    std::string name;
    std::int64_t source = 0;
    std::int64_t copied = 0;  // inserted into the target
    std::int64_t target = 0;  // after the copy
    std::int64_t before = 0;  // in the target before (merging only)
    std::int64_t kept = 0;    // rows of the source not inserted (merging only)
    std::string note = {};    // what happened to the rows not inserted
};

// Calls `fn(row)` for every row of `table` in key order, a chunk at a time; stops at the first
// error `fn` returns.
template <typename Fn>
Result<void> ForEachRow(SqlDataRepository& repo, storage::Transaction& tx, const TableSpec& table,
                        Fn&& fn) {
    std::vector<std::size_t> keys = table.KeyPositions();
    const bool files = std::any_of(table.columns.begin(), table.columns.end(),
                                   [](const auto& c) { return c.type == ColumnType::kBlob; });
    const int chunk = files ? kBlobChunkRows : kChunkRows;
    Values after;
    for (;;) {
        std::vector<Values> rows = repo.ReadChunk(tx, table, after, chunk);
        for (const auto& row : rows) {
            if (auto r = fn(row); !r)
                return r;
        }
        if (static_cast<int>(rows.size()) < chunk)
            return Ok();
        after.clear();
        for (std::size_t k : keys)
            after.push_back(rows.back()[k]);
    }
}

// The key of `row` for messages: "k1 k2".
std::string ShownKey(const Values& row, const TableSpec& table) {
    std::string key = KeyOf(row, table);
    std::replace(key.begin(), key.end(), '\x1f', ' ');
    if (!key.empty())
        key.pop_back();
    return key;
}

// Values for messages: "v1 v2".
std::string ShownValues(const Values& values) {
    std::string out;
    for (const auto& v : values)
        out += (out.empty() ? "" : " ") + Describe(v);
    return out;
}

// Adds the rows of a reference table that the target lacks; a row whose key the target has with
// other values is refused.
Result<void> CopyReferenceTable(SqlDataRepository& repo, storage::Transaction& in,
                                storage::Transaction& tx, const TableSpec& table, TableCounts& c) {
    std::map<std::string, Values> existing;
    auto read = ForEachRow(repo, tx, table, [&](const Values& row) -> Result<void> {
        existing.emplace(KeyOf(row, table), row);
        return Ok();
    });
    if (!read)
        return read.error();
    return ForEachRow(repo, in, table, [&](const Values& row) -> Result<void> {
        auto it = existing.find(KeyOf(row, table));
        if (it != existing.end()) {
            if (SameValues(it->second, row))
                return Ok();
            std::string diff;
            for (std::size_t i = 0; i < row.size(); ++i) {
                if (row[i].get() != it->second[i].get()) {
                    diff = table.columns[i].name + ": " + Describe(row[i]) + " ≠ " +
                           Describe(it->second[i]);
                    break;
                }
            }
            std::string key = ShownKey(row, table);
            return Error::Conflict("dữ liệu tham chiếu khác nhau ở bảng " + table.name + ", khóa " +
                                       key + " (" + diff + ", nguồn ≠ đích); không chép gì cả",
                                   "reference data differs in table " + table.name + ", key " +
                                       key + " (" + diff +
                                       ", source ≠ target); nothing was copied");
        }
        repo.Insert(tx, table, row);
        ++c.copied;
        return Ok();
    });
}

// Copies every table from `source` (one snapshot) into `target` in one write transaction,
// keeping every id. An error (a reference row that differs) rolls everything back.
Result<std::vector<TableCounts>> CopyTables(storage::Database& source, storage::Database& target) {
    SqlDataRepository repo;
    std::vector<TableCounts> counts;
    auto in = source.Begin(storage::TxMode::kRead);
    auto tx = target.Begin(storage::TxMode::kWrite);
    for (const auto& table : DataTables()) {
        if (table.kind == TableKind::kDerived)
            continue;
        TableCounts c{table.name};
        c.source = repo.Count(*in, table);
        if (table.kind == TableKind::kReference) {
            if (auto copied = CopyReferenceTable(repo, *in, *tx, table, c); !copied)
                return copied.error();
            counts.push_back(std::move(c));
            continue;
        }
        if (table.kind == TableKind::kSingleton)
            repo.DeleteAll(*tx, table);
        auto copied = ForEachRow(repo, *in, table, [&](const Values& row) -> Result<void> {
            repo.Insert(*tx, table, row);
            ++c.copied;
            return Ok();
        });
        if (!copied)
            return copied.error();
        counts.push_back(std::move(c));
    }
    if (target.backend() == storage::Backend::kPostgres) {
        for (const auto& table : DataTables()) {
            if (table.HasIntegerId())
                repo.ResetIdentity(*tx, table);
        }
    }
    tx->Commit();
    return counts;
}

// --- merging into a target that holds records (docs/decisions/0007) ---

// The new ids of one table's rows: old + offset (past the target's largest id), except the rows
// matched to a target row and the rows not copied.
struct IdMap {
    std::int64_t offset = 0;
    std::unordered_map<std::int64_t, std::int64_t> matched;  // source id → the target's row
    std::unordered_set<std::int64_t> dropped;                // source rows not copied
    std::int64_t first = 0;                                  // the new ids given, 0 when none
    std::int64_t last = 0;

    std::int64_t Map(std::int64_t old) const {
        auto it = matched.find(old);
        return it != matched.end() ? it->second : old + offset;
    }
    bool Gone(std::int64_t old) const { return matched.count(old) > 0 || dropped.count(old) > 0; }
    void Gave(std::int64_t id) {
        first = first == 0 ? id : std::min(first, id);
        last = std::max(last, id);
    }
};

struct MergeOutcome {
    std::vector<TableCounts> counts;
    std::vector<std::string> same_logins;  // accounts of the source mapped to the target's
    std::int64_t migrate_entry = 0;        // the id of the migrate_data audit entry
    std::int64_t audit_first = 0;          // the source's entries, appended
    std::int64_t audit_last = 0;
};

// Renumbers the rows of `source`'s record tables into `target`, as docs/decisions/0007 says.
class Merger {
 public:
    Merger(const MigrateDataRequest& request, std::string source_shown)
        : request_(request), source_shown_(std::move(source_shown)) {}

    Result<MergeOutcome> Run(storage::Database& source, storage::Database& target);

 private:
    Result<void> CheckSameLogins(storage::Transaction& in, storage::Transaction& tx);
    Result<void> MergeTable(storage::Transaction& in, storage::Transaction& tx,
                            const TableSpec& table, TableCounts& c);
    // `row` with its ids and references rewritten; nullopt when the row is not copied (its
    // owner was matched or not copied).
    Result<std::optional<Values>> Rewrite(const TableSpec& table, const Values& row);
    // The target's id of a row of `table` that the source numbers `old`.
    Result<std::int64_t> MapReference(const std::string& table, std::int64_t old,
                                      const TableSpec& from, const std::string& column);
    // The entity_id of an audit entry or attachment, renumbered.
    Result<storage::Value> MapEntityId(const std::string& entity, const storage::Value& id,
                                       const TableSpec& from);
    Result<void> AppendAudit(storage::Transaction& in, storage::Transaction& tx, TableCounts& c);

    const MigrateDataRequest& request_;
    std::string source_shown_;
    SqlDataRepository repo_;
    audit::SqlAuditRepository audit_repo_;
    std::map<std::string, IdMap> ids_;  // the record tables with an integer id
    MergeOutcome outcome_;
};

Result<void> Merger::CheckSameLogins(storage::Transaction& in, storage::Transaction& tx) {
    for (const auto& table : DataTables()) {
        if (table.merge != MergeRule::kMatch || !table.match_needs_consent)
            continue;
        std::vector<std::size_t> at;
        for (const auto& k : table.match_key)
            at.push_back(table.Position(k));
        std::vector<std::string> found;
        auto read = ForEachRow(repo_, in, table, [&](const Values& row) -> Result<void> {
            Values key;
            for (std::size_t i : at)
                key.push_back(row[i]);
            if (repo_.FindBy(tx, table, table.match_key, key, table.match_key))
                found.push_back(ShownValues(key));
            return Ok();
        });
        if (!read)
            return read.error();
        if (found.empty())
            continue;
        if (request_.map_users == "same-login") {
            outcome_.same_logins = found;
            continue;
        }
        std::string list;
        for (std::size_t i = 0; i < found.size() && i < 20; ++i)
            list += (i > 0 ? ", " : "") + found[i];
        if (found.size() > 20)
            list += ", … (" + std::to_string(found.size()) + ")";
        return Error::Conflict(
            "--map-users: có tên đăng nhập ở cả nguồn và đích (" + std::to_string(found.size()) +
                ": " + list +
                "); không gộp hai người làm một: hãy đổi tên đăng nhập ở nguồn, hoặc thêm "
                "--map-users same-login nếu cùng tên là cùng một người (tài khoản ở đích được "
                "giữ, cùng vai trò của nó); không chép gì cả",
            "--map-users: logins exist in both the source and the target (" +
                std::to_string(found.size()) + ": " + list +
                "); two people are never merged silently: rename them in the source, or add "
                "--map-users same-login if the same login is the same person (the target's "
                "account is kept, with its roles); nothing was copied");
    }
    return Ok();
}

Result<std::int64_t> Merger::MapReference(const std::string& table, std::int64_t old,
                                          const TableSpec& from, const std::string& column) {
    auto it = ids_.find(table);
    if (it == ids_.end())
        return old;  // reference data (the same ids on both sides) or a key that is not an id
    if (it->second.dropped.count(old) > 0) {
        return Error::FailedPrecondition(
            "migrate-data: " + from.name + "." + column + " = " + std::to_string(old) +
                " tham chiếu một dòng không được chép",
            "migrate-data: " + from.name + "." + column + " = " + std::to_string(old) +
                " refers to a row that was not copied");
    }
    return it->second.Map(old);
}

Result<storage::Value> Merger::MapEntityId(const std::string& entity, const storage::Value& id,
                                           const TableSpec& from) {
    auto table = EntityTable(entity);
    if (!table) {
        return Error::Conflict(
            "bảng " + from.name + " có entity \"" + entity +
                "\" mà chương trình này không biết cách đánh số lại (EntityTable, "
                "src/app/sql_data_repository.cpp); không chép gì cả",
            "table " + from.name + " holds the entity \"" + entity +
                "\", which this program does not know how to renumber (EntityTable, "
                "src/app/sql_data_repository.cpp); nothing was copied");
    }
    if (table->empty())
        return id;
    std::optional<std::int64_t> old;
    if (const auto* i = std::get_if<std::int64_t>(&id.get())) {
        old = *i;
    } else if (const auto* s = std::get_if<std::string>(&id.get())) {
        if (!s->empty() && s->size() < 19 &&
            std::all_of(s->begin(), s->end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
            old = std::stoll(*s);
    }
    if (!old)
        return id;  // none (an import's summary entry) or not a number: kept as it is
    const TableSpec& target = Table(*table);
    std::int64_t mapped = 0;
    if (target.merge == MergeRule::kNotCarried) {
        // The row stays behind: its id would name another row of the target some day.
        if (std::holds_alternative<std::string>(id.get()))
            return storage::Value(std::string("moved:") + std::to_string(*old));
        return Error::FailedPrecondition("migrate-data: " + from.name + " tham chiếu " + *table,
                                         "migrate-data: " + from.name + " refers to " + *table);
    }
    auto m = MapReference(*table, *old, from, "entity_id");
    if (!m)
        return m.error();
    mapped = *m;
    if (std::holds_alternative<std::string>(id.get()))
        return storage::Value(std::to_string(mapped));
    return storage::Value(mapped);
}

Result<std::optional<Values>> Merger::Rewrite(const TableSpec& table, const Values& row) {
    if (!table.owner.empty()) {
        const ColumnSpec& c = table.columns[table.Position(table.owner)];
        const auto* v = std::get_if<std::int64_t>(&row[table.Position(table.owner)].get());
        auto it = ids_.find(c.references);
        if (v != nullptr && it != ids_.end() && it->second.Gone(*v))
            return std::optional<Values>();
    }
    Values out = row;
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        const ColumnSpec& c = table.columns[i];
        if (c.references.empty() || row[i].is_null())
            continue;
        if (c.ref == RefKind::kByEntity) {
            const auto* entity = std::get_if<std::string>(&row[table.Position(c.references)].get());
            auto mapped = MapEntityId(entity ? *entity : "", row[i], table);
            if (!mapped)
                return mapped.error();
            out[i] = *mapped;
            continue;
        }
        const auto* old = std::get_if<std::int64_t>(&row[i].get());
        if (old == nullptr)
            continue;  // a text key (a country, a file's hash): the same on both sides
        auto mapped = MapReference(c.references, *old, table, c.name);
        if (!mapped)
            return mapped.error();
        out[i] = storage::Value(*mapped);
    }
    if (table.HasIntegerId()) {
        if (const auto* id = std::get_if<std::int64_t>(&row[0].get()))
            out[0] = storage::Value(ids_.at(table.name).Map(*id));
    }
    return std::optional<Values>(std::move(out));
}

Result<void> Merger::MergeTable(storage::Transaction& in, storage::Transaction& tx,
                                const TableSpec& table, TableCounts& c) {
    // A row whose whole key is made of references to matched tables may be in the target already
    // (a matched round's matched indicator): it is kept as the target has it.
    bool check_existing = !table.HasIntegerId() && !table.key.empty();
    for (const auto& k : table.key) {
        const ColumnSpec& col = table.columns[table.Position(k)];
        check_existing = check_existing && !col.references.empty() &&
                         col.ref == RefKind::kForeignKey &&
                         Table(col.references).merge == MergeRule::kMatch;
    }
    std::vector<std::size_t> match_at;
    for (const auto& k : table.match_key)
        match_at.push_back(table.Position(k));
    IdMap* ids = table.HasIntegerId() ? &ids_.at(table.name) : nullptr;
    return ForEachRow(repo_, in, table, [&](const Values& row) -> Result<void> {
        const auto* id = ids != nullptr ? std::get_if<std::int64_t>(&row[0].get()) : nullptr;
        if (table.merge == MergeRule::kMatch) {
            Values key;
            for (std::size_t i : match_at)
                key.push_back(row[i]);
            std::vector<std::string> select = table.match_same;
            if (ids != nullptr)
                select.insert(select.begin(), "id");
            if (select.empty())
                select = table.match_key;
            if (auto found = repo_.FindBy(tx, table, table.match_key, key, select)) {
                std::size_t first_same = ids != nullptr ? 1 : 0;
                for (std::size_t j = 0; j < table.match_same.size(); ++j) {
                    const storage::Value& theirs = (*found)[first_same + j];
                    const storage::Value& ours = row[table.Position(table.match_same[j])];
                    if (theirs.get() != ours.get()) {
                        std::string what = table.name + " " + ShownValues(key) + ": " +
                                           table.match_same[j] + " " + Describe(ours) + " ≠ " +
                                           Describe(theirs);
                        return Error::Conflict(
                            "bảng " + table.name + ": cùng khóa nhưng khác định nghĩa (" + what +
                                ", nguồn ≠ đích); hãy thống nhất trước khi chuyển; không chép gì "
                                "cả",
                            "table " + table.name + ": the same key with another definition (" +
                                what +
                                ", source ≠ target); make them agree before moving; "
                                "nothing was copied");
                    }
                }
                if (id != nullptr)
                    ids->matched[*id] = std::get<std::int64_t>((*found)[0].get());
                ++c.kept;
                return Ok();
            }
        }
        auto rewritten = Rewrite(table, row);
        if (!rewritten)
            return rewritten.error();
        if (!*rewritten) {
            if (id != nullptr)
                ids->dropped.insert(*id);
            ++c.kept;
            return Ok();
        }
        const Values& values = **rewritten;
        if (check_existing) {
            Values key;
            for (std::size_t k : table.KeyPositions())
                key.push_back(values[k]);
            if (repo_.FindBy(tx, table, table.key, key, table.key)) {
                ++c.kept;
                return Ok();
            }
        }
        try {
            repo_.Insert(tx, table, values);
        } catch (const storage::ConstraintError& e) {
            std::string key = ShownKey(row, table);
            return Error::Conflict("không chép được dòng " + key + " của bảng " + table.name +
                                       " (nguồn): nó trùng hoặc mâu thuẫn với dữ liệu ở đích (" +
                                       e.what() + "); không chép gì cả, --to không bị thay đổi",
                                   "cannot copy row " + key + " of table " + table.name +
                                       " (source): it collides with data in the target (" +
                                       e.what() + "); nothing was copied, --to was not changed");
        }
        if (ids != nullptr)
            ids->Gave(std::get<std::int64_t>(values[0].get()));
        ++c.copied;
        return Ok();
    });
}

Result<void> Merger::AppendAudit(storage::Transaction& in, storage::Transaction& tx,
                                 TableCounts& c) {
    const TableSpec& table = Table("audit_log");
    std::int64_t after = 0;
    constexpr int kChunk = 1000;
    for (;;) {
        std::vector<audit::AuditEntry> entries = audit_repo_.Range(in, after, kChunk);
        for (auto& e : entries) {
            after = e.id;
            if (e.user_id) {
                auto user = MapReference("app_user", *e.user_id, table, "user_id");
                if (!user)
                    return user.error();
                e.user_id = *user;
            }
            auto entity_id = MapEntityId(e.entity, storage::Value(e.entity_id), table);
            if (!entity_id)
                return entity_id.error();
            e.entity_id = std::get<std::string>(entity_id->get());
            audit::AuditEntry appended = audit_repo_.Append(tx, std::move(e));
            if (outcome_.audit_first == 0)
                outcome_.audit_first = appended.id;
            outcome_.audit_last = appended.id;
            ++c.copied;
        }
        if (static_cast<int>(entries.size()) < kChunk)
            return Ok();
    }
}

Result<MergeOutcome> Merger::Run(storage::Database& source, storage::Database& target) {
    auto in = source.Begin(storage::TxMode::kRead);
    auto tx = target.Begin(storage::TxMode::kWrite);

    // The same database twice would copy every record twice.
    std::string first_hash = repo_.FirstAuditHash(*in);
    auto [source_seq, source_head] = audit_repo_.Head(*in);
    if (!first_hash.empty()) {
        if (std::int64_t entry = repo_.FindMovedDatabase(*tx, first_hash); entry > 0) {
            return Error::Conflict(
                "--from: CSDL này đã được chuyển vào --to (nhật ký kiểm toán ở đích, mục " +
                    std::to_string(entry) +
                    ", ghi hàm băm đầu tiên của nó); chuyển lần nữa sẽ chép mọi hồ sơ hai lần; "
                    "không chép gì cả",
                "--from: this database was moved into --to already (the target's audit entry " +
                    std::to_string(entry) +
                    " records its first hash); moving it again would copy every record twice; "
                    "nothing was copied");
        }
    }
    if (auto same = CheckSameLogins(*in, *tx); !same)
        return same.error();

    for (const auto& table : DataTables()) {
        if (table.kind == TableKind::kRecords && table.HasIntegerId() &&
            (table.merge == MergeRule::kRemap || table.merge == MergeRule::kMatch)) {
            ids_[table.name].offset = repo_.MaxId(*tx, table);
        }
    }
    std::vector<TableCounts>& counts = outcome_.counts;
    std::optional<std::size_t> audit_at;
    for (const auto& table : DataTables()) {
        if (table.kind == TableKind::kDerived)
            continue;
        TableCounts c{table.name};
        c.source = repo_.Count(*in, table);
        c.before = repo_.Count(*tx, table);
        if (table.kind == TableKind::kReference) {
            if (auto copied = CopyReferenceTable(repo_, *in, *tx, table, c); !copied)
                return copied.error();
            c.kept = c.source - c.copied;
            if (c.kept > 0)
                c.note = "có sẵn / present";
        } else if (table.kind == TableKind::kSingleton) {
            c.kept = c.source;
            c.note = table.name == "audit_head" ? "nối chuỗi / chained" : "giữ của đích / target's";
        } else if (table.merge == MergeRule::kNotCarried) {
            c.kept = c.source;
            if (c.kept > 0)
                c.note = "không chuyển / not carried";
        } else if (table.merge == MergeRule::kRechain) {
            audit_at = counts.size();  // appended once every map is known
        } else {
            if (auto merged = MergeTable(*in, *tx, table, c); !merged)
                return merged.error();
            if (c.kept > 0)
                c.note = table.merge == MergeRule::kMatch ? "đã có ở đích / matched"
                                                          : "chủ đã có / owner matched";
        }
        counts.push_back(std::move(c));
    }
    if (audit_at) {
        if (auto appended = AppendAudit(*in, *tx, counts[*audit_at]); !appended)
            return appended.error();
    }

    // The provenance, chained after the source's entries: which database, up to which entry,
    // and where its ids went.
    nlohmann::json ids = nlohmann::json::object();
    for (const auto& [name, map] : ids_) {
        if (map.first == 0 && map.matched.empty())
            continue;
        nlohmann::json m = {{"offset", map.offset}};
        if (map.first != 0) {
            m["first"] = map.first;
            m["last"] = map.last;
        }
        if (!map.matched.empty())
            m["matched"] = map.matched.size();
        if (!map.dropped.empty())
            m["not_copied"] = map.dropped.size();
        ids[name] = std::move(m);
    }
    nlohmann::json not_carried = nlohmann::json::object();
    for (const auto& c : counts) {
        if (Table(c.name).merge == MergeRule::kNotCarried && c.source > 0)
            not_carried[c.name] = c.source;
    }
    nlohmann::json after = {
        {"source", source_shown_},
        {"source_first_hash", first_hash},
        {"source_head", {{"seq", source_seq}, {"hash", source_head}}},
        {"appended", {{"first", outcome_.audit_first}, {"last", outcome_.audit_last}}},
        {"ids", ids},
        {"same_logins", outcome_.same_logins},
        {"not_carried", not_carried},
    };
    outcome_.migrate_entry = AppendDatabaseEntry(audit_repo_, *tx, "migrate-data", "migrate_data",
                                                 first_hash, nlohmann::json(nullptr), after)
                                 .id;
    if (audit_at)
        ++counts[*audit_at].copied;

    if (target.backend() == storage::Backend::kPostgres) {
        for (const auto& table : DataTables()) {
            if (table.HasIntegerId())
                repo_.ResetIdentity(*tx, table);
        }
    }
    tx->Commit();
    return std::move(outcome_);
}

// `s` padded with spaces to `width` characters (UTF-8 code points, not bytes).
std::string Pad(const std::string& s, std::size_t width, bool left) {
    std::size_t chars = static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
    std::string fill(chars < width ? width - chars : 0, ' ');
    return left ? s + fill : fill + s;
}

void PrintTable(std::ostream& out, const std::vector<TableCounts>& counts) {
    out << "  " << Pad("bảng / table", 24, true) << Pad("nguồn / source", 16, false)
        << Pad("đã chép / copied", 18, false) << Pad("đích / target", 16, false) << "\n";
    for (const auto& c : counts) {
        out << "  " << Pad(c.name, 24, true) << Pad(std::to_string(c.source), 16, false)
            << Pad(std::to_string(c.copied), 18, false) << Pad(std::to_string(c.target), 16, false)
            << "\n";
    }
}

// The source checks of migrate-data: it exists, is at this program's schema version, and its
// audit chain verifies. Returns the exit code of a refusal, or nullopt.
std::optional<int> CheckMigrationSource(storage::Database& source, const std::string& shown,
                                        std::ostream& err) {
    SqlDataRepository repo;
    int known = KnownSchemaVersion(source.backend());
    {
        auto tx = source.Begin(storage::TxMode::kRead);
        if (source.backend() == storage::Backend::kSqlite) {
            std::string integrity = repo.IntegrityCheck(*tx);
            if (integrity != "ok") {
                return Refuse(
                    err, "--from: " + shown + " bị hỏng (integrity_check: " + integrity + ")",
                    "--from: " + shown + " is damaged (integrity_check: " + integrity + ")");
            }
        }
        auto version = repo.SchemaVersion(*tx, source.backend());
        if (!version || *version == 0) {
            return Refuse(err, "--from: " + shown + " không phải CSDL Ngoaivu",
                          "--from: " + shown + " is not an Ngoaivu database");
        }
        if (*version < known) {
            return Refuse(
                err,
                "--from: lược đồ phiên bản " + std::to_string(*version) + ", chương trình này " +
                    std::to_string(known) + "; hãy nâng cấp nó trước (ngoaivu audit verify --db " +
                    shown + " áp dụng các migration)",
                "--from: its schema version is " + std::to_string(*version) + ", this program's " +
                    std::to_string(known) + "; upgrade it first (ngoaivu audit verify --db " +
                    shown + " applies the migrations)");
        }
        if (*version > known) {
            return Refuse(err,
                          "--from: lược đồ phiên bản " + std::to_string(*version) +
                              " mới hơn chương trình này (" + std::to_string(known) +
                              "); hãy dùng bản ngoaivu mới hơn",
                          "--from: its schema version " + std::to_string(*version) +
                              " is newer than this program's (" + std::to_string(known) +
                              "); use a newer ngoaivu");
        }
    }
    SystemClock clock;
    audit::SqlAuditRepository audit_repo;
    auto report = audit::AuditService(source, audit_repo, clock).Verify();
    if (!report.ok) {
        err << "Lỗi / Error: --from: chuỗi băm nhật ký kiểm toán không hợp lệ; không chép gì cả / "
               "the audit hash chain does not verify; nothing was copied\n";
        return PrintTampered(err, "--from", report);
    }
    return std::nullopt;
}

// The records already in the migrated target ("app_user: 3, ..."), empty when there are none.
std::string RecordsIn(storage::Database& target) {
    SqlDataRepository repo;
    std::string found;
    auto tx = target.Begin(storage::TxMode::kRead);
    for (const auto& table : DataTables()) {
        if (table.kind != TableKind::kRecords)
            continue;
        if (std::int64_t n = repo.Count(*tx, table); n > 0)
            found += (found.empty() ? "" : ", ") + table.name + ": " + std::to_string(n);
    }
    audit::SqlAuditRepository audit_repo;
    if (auto head = audit_repo.Head(*tx); head.first > 0)
        found += (found.empty() ? "" : ", ") + std::string("audit_head.seq: ") +
                 std::to_string(head.first);
    return found;
}

// Verifies the target's audit chain after a move: 0, or the exit code of a broken chain.
int VerifyTarget(storage::Database& target, std::ostream& out, std::ostream& err) {
    SystemClock clock;
    audit::SqlAuditRepository audit_repo;
    auto report = audit::AuditService(target, audit_repo, clock).Verify();
    if (!report.ok)
        return PrintTampered(err, "--to", report);
    out << "Nhật ký kiểm toán nguyên vẹn trên --to / audit trail intact on --to: " << report.entries
        << " entries, head " << audit::FormatAnchor(report.head_id, report.head_hash) << "\n";
    return 0;
}

void PrintMergeTable(std::ostream& out, const std::vector<TableCounts>& counts) {
    out << "  " << Pad("bảng / table", 26, true) << Pad("nguồn / source", 15, false)
        << Pad("đích trước / before", 21, false) << Pad("đã chép / copied", 18, false)
        << Pad("đích sau / after", 18, false) << "  không chép / not copied\n";
    for (const auto& c : counts) {
        out << "  " << Pad(c.name, 26, true) << Pad(std::to_string(c.source), 15, false)
            << Pad(std::to_string(c.before), 21, false) << Pad(std::to_string(c.copied), 18, false)
            << Pad(std::to_string(c.target), 18, false);
        if (c.kept > 0)
            out << "  " << c.kept << " " << c.note;
        out << "\n";
    }
}

// migrate-data into a target that holds records: renumbered, one transaction (Merger).
int MergeInto(const MigrateDataRequest& r, storage::Database& source, storage::Database& target,
              const std::string& records, std::ostream& out, std::ostream& err) {
    std::string from_shown = Shown(r.from);
    std::string to_shown = Shown(r.to);
    std::optional<Result<MergeOutcome>> merged;
    try {
        merged = Merger(r, from_shown).Run(source, target);
    } catch (const storage::DatabaseError& e) {
        return Refuse(
            err, std::string("chép thất bại, --to không bị thay đổi (một giao dịch): ") + e.what(),
            std::string("the copy failed and --to was not changed (one transaction): ") + e.what());
    }
    if (!*merged) {
        return Refuse(err,
                      "--to: " + to_shown + " đã có hồ sơ (" + records +
                          "), nên đánh số lại: " + merged->error().message_vi,
                      "--to: " + to_shown + " holds records (" + records +
                          "), so the ids are renumbered: " + merged->error().message_en);
    }
    MergeOutcome outcome = std::move(merged->value());
    std::string mismatch;
    {
        SqlDataRepository repo;
        auto tx = target.Begin(storage::TxMode::kRead);
        for (auto& c : outcome.counts) {
            const TableSpec& table = Table(c.name);
            c.target = repo.Count(*tx, table);
            bool ok = table.kind == TableKind::kReference   ? c.target >= c.source
                      : table.kind == TableKind::kSingleton ? true
                                                            : c.target == c.before + c.copied;
            if (!ok) {
                mismatch += (mismatch.empty() ? "" : ", ") + c.name + " " +
                            std::to_string(c.before) + " + " + std::to_string(c.copied) + " ≠ " +
                            std::to_string(c.target);
            }
        }
    }
    out << "Đã chuyển dữ liệu / Data migrated: " << from_shown << " → " << to_shown << "\n"
        << "  --to đã có hồ sơ (" << records
        << "): các id được đánh số lại, tham chiếu được ghi lại theo cùng bảng ánh xạ / --to held "
           "records: the ids were renumbered, references rewritten with the same maps\n";
    PrintMergeTable(out, outcome.counts);
    if (!outcome.same_logins.empty()) {
        out << "  tài khoản cùng tên đăng nhập, dùng tài khoản ở đích / same logins, mapped to the "
               "target's accounts (--map-users same-login): ";
        for (std::size_t i = 0; i < outcome.same_logins.size(); ++i)
            out << (i > 0 ? ", " : "") << outcome.same_logins[i];
        out << "\n";
    }
    out << "  phiên đăng nhập, API token, lịch iCalendar và lần đăng nhập của nguồn không được "
           "chuyển / the source's sessions, API tokens, calendar feeds and login attempts are not "
           "carried over\n"
        << "  nhật ký của nguồn nối vào chuỗi của đích / the source's audit entries appended: "
        << outcome.audit_first << "–" << outcome.audit_last << ", migrate_data entry "
        << outcome.migrate_entry << "\n";
    if (!mismatch.empty()) {
        return Refuse(err, "số dòng ở --to không khớp: " + mismatch,
                      "the row counts in --to do not add up: " + mismatch);
    }
    return VerifyTarget(target, out, err);
}

int MigrateDataChecked(const MigrateDataRequest& r, std::ostream& out, std::ostream& err) {
    std::string from_shown = Shown(r.from);
    std::string to_shown = Shown(r.to);
    std::error_code ec;
    if (r.from == r.to) {
        return Refuse(err, "--from và --to là cùng một CSDL",
                      "--from and --to are the same database");
    }
    if (!IsPostgresUrl(r.from)) {
        fs::path from = SqlitePath(r.from);
        if (auto refused = RefuseUnreadableSqlite("--from", from, err))
            return *refused;
        if (!IsPostgresUrl(r.to) && fs::exists(SqlitePath(r.to), ec) &&
            fs::equivalent(from, SqlitePath(r.to), ec)) {
            return Refuse(err, "--from và --to là cùng một CSDL",
                          "--from and --to are the same database");
        }
    }
    std::unique_ptr<storage::Database> source;
    try {
        source = storage::Open(r.from);
    } catch (const storage::DatabaseError& e) {
        return Refuse(err, "--from: không mở được " + from_shown + ": " + e.what(),
                      "--from: cannot open " + from_shown + ": " + e.what());
    }
    if (auto refused = CheckMigrationSource(*source, from_shown, err))
        return *refused;

    if (!IsPostgresUrl(r.to) && fs::exists(SqlitePath(r.to), ec)) {
        if (std::string problem = SqliteReadProblem(SqlitePath(r.to)); !problem.empty()) {
            return Refuse(err, "--to: không đọc được " + to_shown + ": " + problem,
                          "--to: cannot read " + to_shown + ": " + problem);
        }
    }
    std::unique_ptr<storage::Database> target;
    try {
        target = storage::Open(r.to);
        storage::Migrate(*target, storage::LoadMigrations(EmbeddedMigrations(), target->backend()));
    } catch (const storage::DatabaseError& e) {
        return Refuse(err, "--to: không mở hoặc không nâng cấp được " + to_shown + ": " + e.what(),
                      "--to: cannot open or migrate " + to_shown + ": " + e.what());
    }
    std::string records = RecordsIn(*target);
    if (!records.empty())
        return MergeInto(r, *source, *target, records, out, err);

    std::optional<Result<std::vector<TableCounts>>> copied;
    try {
        copied = CopyTables(*source, *target);
    } catch (const storage::DatabaseError& e) {
        return Refuse(
            err, std::string("chép thất bại, --to không bị thay đổi (một giao dịch): ") + e.what(),
            std::string("the copy failed and --to was not changed (one transaction): ") + e.what());
    }
    if (!*copied) {
        return Refuse(err, "--to: " + copied->error().message_vi,
                      "--to: " + copied->error().message_en);
    }
    std::vector<TableCounts> counts = std::move(copied->value());
    std::string mismatch;
    {
        SqlDataRepository repo;
        auto tx = target->Begin(storage::TxMode::kRead);
        for (auto& c : counts) {
            const TableSpec& table = Table(c.name);
            c.target = repo.Count(*tx, table);
            bool ok =
                table.kind == TableKind::kReference ? c.target >= c.source : c.target == c.source;
            if (!ok) {
                mismatch += (mismatch.empty() ? "" : ", ") + c.name + " " +
                            std::to_string(c.source) + " → " + std::to_string(c.target);
            }
        }
    }
    out << "Đã chuyển dữ liệu / Data migrated: " << from_shown << " → " << to_shown << "\n"
        << "  --to không có hồ sơ: giữ nguyên mọi id / --to held no records: every id kept\n";
    PrintTable(out, counts);
    if (!mismatch.empty()) {
        return Refuse(err, "số dòng ở --to không khớp với --from: " + mismatch,
                      "the row counts in --to do not match --from: " + mismatch);
    }
    return VerifyTarget(*target, out, err);
}

}  // namespace

bool IsPostgresUrl(std::string_view location) {
    return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

PgUrl SplitPassword(std::string_view url) {
    std::size_t colon = 0;
    std::size_t at = 0;
    if (!storage::postgres::FindUrlPassword(url, &colon, &at))
        return {std::string(url), ""};
    std::string_view raw = url.substr(colon + 1, at - colon - 1);
    return {std::string(url.substr(0, colon)) + std::string(url.substr(at)),
            http::PercentDecode(raw, false).value_or(std::string(raw))};
}

std::string RedactedUrl(std::string_view url) {
    return storage::postgres::Redacted(url);
}

int RunProgram(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
               ChildOutput output, std::string* error) {
    if (argv.empty()) {
        *error = "no program";
        return -1;
    }
    std::vector<char*> args;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    std::vector<char*> env;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        std::string_view var = *e;
        std::string_view name = var.substr(0, var.find('=') + 1);
        bool replaced = std::any_of(extra_env.begin(), extra_env.end(),
                                    [&](const std::string& x) { return x.starts_with(name); });
        if (!replaced)
            env.push_back(*e);
    }
    for (const auto& e : extra_env)
        env.push_back(const_cast<char*>(e.c_str()));
    env.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (output == ChildOutput::kDiscard)
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        *error = argv[0] + ": " + std::error_code(rc, std::generic_category()).message();
        return -1;
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            *error = "waitpid: " + std::error_code(errno, std::generic_category()).message();
            return -1;
        }
    }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    *error = argv[0] + ": ended abnormally";
    return -1;
}

int Backup(const BackupRequest& request, std::ostream& out, std::ostream& err) {
    if (request.db.empty())
        return Refuse(err, "--db: cần CSDL", "--db: give the database");
    return IsPostgresUrl(request.db) ? BackupPostgres(request, out, err)
                                     : BackupSqlite(request, out, err);
}

int Restore(const RestoreRequest& request, std::ostream& out, std::ostream& err) {
    std::error_code ec;
    if (request.from.empty() || !fs::is_regular_file(request.from, ec)) {
        return Refuse(err, "--from: không có tệp sao lưu " + request.from,
                      "--from: there is no backup file " + request.from);
    }
    return IsPostgresUrl(request.db) ? RestorePostgres(request, out, err)
                                     : RestoreSqlite(request, out, err);
}

namespace {

// Compares every tally with its records; prints one line per tally, and the first differing rows.
bool VerifyTallies(storage::Transaction& tx, std::ostream& out, nlohmann::json* found) {
    SqlDataRepository repo;
    bool ok = true;
    for (const auto& table : DataTables()) {
        if (table.kind != TableKind::kDerived)
            continue;
        auto d = repo.CompareTally(tx, table, 5);
        if (found)
            (*found)[table.name] = {{"missing", d.missing}, {"extra", d.extra}};
        if (d.missing == 0 && d.extra == 0) {
            out << "  " << table.name << ": khớp / agrees (" << repo.Count(tx, table)
                << " dòng / rows)\n";
            continue;
        }
        ok = false;
        out << "  " << table.name << ": KHÔNG KHỚP / DIFFERS — " << d.missing
            << " dòng đếm từ hồ sơ không có trong bảng / rows counted from the records not in the "
               "tally, "
            << d.extra << " dòng thừa / rows the records do not give\n";
        for (const auto& row : d.missing_rows)
            out << "    hồ sơ / records: " << row << "\n";
        for (const auto& row : d.extra_rows)
            out << "    bảng / tally:    " << row << "\n";
    }
    return ok;
}

}  // namespace

int Tallies(const TalliesRequest& r, std::ostream& out, std::ostream& err) {
    if (!IsPostgresUrl(r.db)) {
        if (auto refused = RefuseUnreadableSqlite("--db", SqlitePath(r.db), err))
            return *refused;
    }
    std::unique_ptr<storage::Database> db;
    try {
        db = storage::Open(r.db);
        storage::Migrate(*db, storage::LoadMigrations(EmbeddedMigrations(), db->backend()));
    } catch (const storage::DatabaseError& e) {
        return Refuse(err, "--db: không mở hoặc không nâng cấp được CSDL: " + std::string(e.what()),
                      "--db: cannot open or migrate the database: " + std::string(e.what()));
    }
    if (r.rebuild) {
        SqlDataRepository repo;
        auto tx = db->Begin(storage::TxMode::kWrite);
        nlohmann::json before = nlohmann::json::object();
        std::ostringstream ignored;
        VerifyTallies(*tx, ignored, &before);
        for (const auto& table : DataTables()) {
            if (table.kind == TableKind::kDerived)
                repo.RebuildTally(*tx, table);
        }
        audit::SqlAuditRepository audit_repo;
        AppendDatabaseEntry(audit_repo, *tx, "tallies", "tallies_rebuild", "tallies", before,
                            nlohmann::json(nullptr));
        tx->Commit();
        out << "Đã đếm lại / Counted again from the records.\n";
    }
    auto tx = db->Begin(storage::TxMode::kRead);
    bool ok = VerifyTallies(*tx, out, nullptr);
    tx->Commit();
    db->Close();
    if (!ok) {
        err << "Lỗi / Error: bảng đếm không khớp với hồ sơ; chạy `ngoaivu tallies rebuild` (khi "
               "máy chủ dừng hoặc đang chạy đều được) / the tallies do not agree with the "
               "records; run `ngoaivu tallies rebuild` (with the server running or not)\n";
        return 3;
    }
    out << "Bảng đếm khớp với hồ sơ / The tallies agree with the records.\n";
    return 0;
}

int MigrateData(const MigrateDataRequest& request, std::ostream& out, std::ostream& err) {
    if (request.from.empty() || request.to.empty()) {
        return Refuse(err, "cần cả --from và --to", "both --from and --to are required");
    }
    if (!request.map_users.empty() && request.map_users != "same-login") {
        return Refuse(err,
                      "--map-users: \"" + request.map_users +
                          "\" không hợp lệ; giá trị duy nhất là same-login (cùng tên đăng nhập là "
                          "cùng một người)",
                      "--map-users: \"" + request.map_users +
                          "\" is not valid; the one value is same-login (the same login is the "
                          "same person)");
    }
    try {
        return MigrateDataChecked(request, out, err);
    } catch (const storage::DatabaseError& e) {
        return Refuse(err, std::string("chuyển dữ liệu thất bại: ") + e.what(),
                      std::string("migrate-data failed: ") + e.what());
    }
}

}  // namespace ngoaivu::app
