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
#include <sys/wait.h>
#include <system_error>
#include <unistd.h>

#include <sqlite3.h>

#include "app/data_repository.hpp"
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

// Copies every table from `source` (one snapshot) into `target` in one write transaction. An
// error (a reference row that differs) rolls everything back.
Result<std::vector<TableCounts>> CopyTables(storage::Database& source, storage::Database& target) {
    SqlDataRepository repo;
    std::vector<TableCounts> counts;
    auto in = source.Begin(storage::TxMode::kRead);
    auto tx = target.Begin(storage::TxMode::kWrite);
    for (const auto& table : DataTables()) {
        TableCounts c{table.name};
        c.source = repo.Count(*in, table);
        std::map<std::string, Values> existing;
        if (table.kind == TableKind::kReference) {
            auto read = ForEachRow(repo, *tx, table, [&](const Values& row) -> Result<void> {
                existing.emplace(KeyOf(row, table), row);
                return Ok();
            });
            if (!read)
                return read.error();
        } else if (table.kind == TableKind::kSingleton) {
            repo.DeleteAll(*tx, table);
        }
        auto copied = ForEachRow(repo, *in, table, [&](const Values& row) -> Result<void> {
            if (table.kind == TableKind::kReference) {
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
                    std::string key = KeyOf(row, table);
                    std::replace(key.begin(), key.end(), '\x1f', ' ');
                    return Error::Conflict(
                        "dữ liệu tham chiếu khác nhau ở bảng " + table.name + ", khóa " + key +
                            "(" + diff + ", nguồn ≠ đích); không chép gì cả",
                        "reference data differs in table " + table.name + ", key " + key + "(" +
                            diff + ", source ≠ target); nothing was copied");
                }
            }
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
    if (std::string records = RecordsIn(*target); !records.empty()) {
        return Refuse(err,
                      "--to: " + to_shown + " đã có dữ liệu (" + records +
                          "); không hỗ trợ gộp vào CSDL đã có dữ liệu, vì các id được giữ nguyên: "
                          "hãy dùng một CSDL trống",
                      "--to: " + to_shown + " already holds data (" + records +
                          "); merging into a non-empty database is not supported, because the "
                          "ids are kept: use an empty database");
    }

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
    out << "Đã chuyển dữ liệu / Data migrated: " << from_shown << " → " << to_shown << "\n";
    PrintTable(out, counts);
    if (!mismatch.empty()) {
        return Refuse(err, "số dòng ở --to không khớp với --from: " + mismatch,
                      "the row counts in --to do not match --from: " + mismatch);
    }
    SystemClock clock;
    audit::SqlAuditRepository audit_repo;
    auto report = audit::AuditService(*target, audit_repo, clock).Verify();
    if (!report.ok)
        return PrintTampered(err, "--to", report);
    out << "Nhật ký kiểm toán nguyên vẹn trên --to / audit trail intact on --to: " << report.entries
        << " entries\n";
    return 0;
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

int MigrateData(const MigrateDataRequest& request, std::ostream& out, std::ostream& err) {
    if (request.from.empty() || request.to.empty()) {
        return Refuse(err, "cần cả --from và --to", "both --from and --to are required");
    }
    try {
        return MigrateDataChecked(request, out, err);
    } catch (const storage::DatabaseError& e) {
        return Refuse(err, std::string("chuyển dữ liệu thất bại: ") + e.what(),
                      std::string("migrate-data failed: ") + e.what());
    }
}

}  // namespace ngoaivu::app
