#include "storage/sqlite/sqlite_database.hpp"

#include <chrono>
#include <string>
#include <unordered_map>
#include <utility>

#include <sqlite3.h>

#include "base/text.hpp"

namespace ngoaivu::storage::sqlite {

namespace {

[[noreturn]] void Throw(sqlite3* db, int rc, std::string_view context) {
    std::string msg = std::string(context) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    int ext = db ? sqlite3_extended_errcode(db) : rc;
    switch (ext) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            throw ConstraintError(ConstraintError::Kind::kUnique, msg);
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            throw ConstraintError(ConstraintError::Kind::kForeignKey, msg);
        case SQLITE_CONSTRAINT_CHECK:
            throw ConstraintError(ConstraintError::Kind::kCheck, msg);
        case SQLITE_CONSTRAINT_NOTNULL:
            throw ConstraintError(ConstraintError::Kind::kNotNull, msg);
        default:
            break;
    }
    if ((ext & 0xff) == SQLITE_CONSTRAINT) {
        throw ConstraintError(ConstraintError::Kind::kOther, msg);
    }
    if ((ext & 0xff) == SQLITE_BUSY || (ext & 0xff) == SQLITE_LOCKED)
        throw BusyError(msg);
    throw DatabaseError(msg);
}

int CollateVi(void*, int len_a, const void* a, int len_b, const void* b) {
    return text::CompareVi(std::string_view(static_cast<const char*>(a), len_a),
                           std::string_view(static_cast<const char*>(b), len_b));
}

}  // namespace

std::string RewritePlaceholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size());
    for (std::size_t i = 0; i < sql.size(); ++i) {
        char c = sql[i];
        if (c == '\'' || c == '"') {  // copy a literal or quoted identifier whole ('' escapes)
            std::size_t j = i + 1;
            while (j < sql.size() && sql[j] != c)
                ++j;
            out.append(sql.substr(i, j - i + 1));
            i = j;
        } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            std::size_t j = sql.find("*/", i + 2);
            j = j == std::string_view::npos ? sql.size() - 1 : j + 1;
            out.append(sql.substr(i, j - i + 1));
            i = j;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            std::size_t j = sql.find('\n', i);
            if (j == std::string_view::npos)
                j = sql.size() - 1;
            out.append(sql.substr(i, j - i + 1));
            i = j;
        } else if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
            out.push_back('?');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

// One open sqlite3 handle with its prepared-statement cache.
class Connection {
 public:
    Connection(const std::string& path, const OpenOptions& options) : observer_(options.observer) {
        int rc = sqlite3_open_v2(path.c_str(), &db_,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
                                     SQLITE_OPEN_EXRESCODE,
                                 nullptr);
        if (rc != SQLITE_OK) {
            std::string msg = "cannot open database " + path + ": " +
                              (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
            sqlite3_close(db_);
            db_ = nullptr;
            throw DatabaseError(msg);
        }
        sqlite3_extended_result_codes(db_, 1);
        sqlite3_busy_timeout(db_, static_cast<int>(options.busy_timeout.count()));
        sqlite3_create_collation_v2(db_, "vi", SQLITE_UTF8, nullptr, CollateVi, nullptr);
        try {
            // The first statement reads the file: this is where "not a database" shows.
            // mmap_size: reads map the file instead of copying each page through pread into the
            // connection's cache, which halves the time of queries that read many rows
            // (bench/agreements_bench.md); it reserves address space, not memory.
            Script(
                "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; "
                "PRAGMA mmap_size=2147483648;");
        } catch (...) {
            sqlite3_close_v2(db_);  // the destructor does not run for a throwing constructor
            db_ = nullptr;
            throw;
        }
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection() {
        for (auto& [sql, stmt] : cache_)
            sqlite3_finalize(stmt);
        sqlite3_close_v2(db_);
    }

    sqlite3* handle() { return db_; }

    void Script(std::string_view sql) {
        char* err = nullptr;
        std::string s(sql);
        int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
        if (err)
            sqlite3_free(err);
        if (rc != SQLITE_OK)
            Throw(db_, rc, "script");
    }

    // Runs one statement; appends its rows to `rows` when not null. Returns sqlite3_changes().
    std::int64_t Run(std::string_view sql, ParamSpan params, Rows* rows) {
        auto start = std::chrono::steady_clock::now();
        sqlite3_stmt* stmt = Prepare(sql);
        int index = 1;
        for (const Value& p : params)
            Bind(stmt, index++, p);
        int rc;
        int columns = sqlite3_column_count(stmt);
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            if (!rows)
                continue;
            std::vector<Value> values;
            values.reserve(columns);
            for (int c = 0; c < columns; ++c)
                values.push_back(Column(stmt, c));
            rows->emplace_back(std::move(values));
        }
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
        if (rc != SQLITE_DONE)
            Throw(db_, rc, "statement failed");
        if (observer_)
            observer_(std::chrono::steady_clock::now() - start);
        return sqlite3_changes64(db_);
    }

 private:
    sqlite3_stmt* Prepare(std::string_view sql) {
        auto it = cache_.find(std::string(sql));
        if (it != cache_.end())
            return it->second;
        std::string rewritten = RewritePlaceholders(sql);
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v3(db_, rewritten.c_str(), static_cast<int>(rewritten.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        if (rc != SQLITE_OK)
            Throw(db_, rc, "prepare failed");
        cache_.emplace(std::string(sql), stmt);
        return stmt;
    }

    void Bind(sqlite3_stmt* stmt, int index, const Value& v) {
        int rc = std::visit(
            [&](const auto& x) -> int {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, std::monostate>) {
                    return sqlite3_bind_null(stmt, index);
                } else if constexpr (std::is_same_v<T, std::int64_t>) {
                    return sqlite3_bind_int64(stmt, index, x);
                } else if constexpr (std::is_same_v<T, double>) {
                    return sqlite3_bind_double(stmt, index, x);
                } else if constexpr (std::is_same_v<T, Blob>) {
                    // data() is never null, so an empty blob binds as a zero-length blob.
                    return sqlite3_bind_blob64(stmt, index, x.bytes.data(), x.bytes.size(),
                                               SQLITE_TRANSIENT);
                } else {
                    return sqlite3_bind_text64(stmt, index, x.data(), x.size(), SQLITE_TRANSIENT,
                                               SQLITE_UTF8);
                }
            },
            v.get());
        if (rc != SQLITE_OK)
            Throw(db_, rc, "bind failed");
    }

    static Value Column(sqlite3_stmt* stmt, int c) {
        switch (sqlite3_column_type(stmt, c)) {
            case SQLITE_INTEGER:
                return Value(static_cast<long long>(sqlite3_column_int64(stmt, c)));
            case SQLITE_FLOAT:
                return Value(sqlite3_column_double(stmt, c));
            case SQLITE_NULL:
                return Value();
            case SQLITE_BLOB: {
                // A zero-length blob comes back as a null pointer.
                const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt, c));
                auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
                return Value(Blob{p ? std::string(p, n) : std::string()});
            }
            default: {
                const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
                return Value(p ? std::string(p, n) : std::string());
            }
        }
    }

    sqlite3* db_ = nullptr;
    StatementObserver observer_;
    std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

namespace {

class SqliteTransaction final : public Transaction {
 public:
    SqliteTransaction(SqliteDatabase* owner, std::unique_ptr<Connection> conn, TxMode mode)
        : owner_(owner), conn_(std::move(conn)), single_(mode == TxMode::kSingleRead) {
        try {
            bool read = mode == TxMode::kRead || mode == TxMode::kSingleRead;
            conn_->Run(read ? "BEGIN" : "BEGIN IMMEDIATE", {}, nullptr);
        } catch (...) {
            owner_->Release(std::move(conn_));  // the pool keeps its connection
            throw;
        }
    }
    ~SqliteTransaction() override {
        if (!done_) {
            try {
                conn_->Run("ROLLBACK", {}, nullptr);
            } catch (const DatabaseError&) {
                // The connection may have rolled back already (after an I/O error).
            }
        }
        owner_->Release(std::move(conn_));
    }

    Rows DoQuery(std::string_view sql, ParamSpan params) override {
        Single(sql);
        Rows rows;
        conn_->Run(sql, params, &rows);
        return rows;
    }
    std::int64_t DoExec(std::string_view sql, ParamSpan params) override {
        Single(sql);
        return conn_->Run(sql, params, nullptr);
    }
    void ExecScript(std::string_view sql) override {
        Single(sql);
        conn_->Script(sql);
    }
    Backend backend() const override { return Backend::kSqlite; }

    void Commit() override {
        conn_->Run("COMMIT", {}, nullptr);
        done_ = true;
    }

 private:
    // SQLite keeps its cheap in-process BEGIN for kSingleRead, but enforces the same rule as
    // PostgreSQL so that a misuse fails in every test run.
    void Single(std::string_view sql) {
        if (single_)
            CheckSingleRead(sql, statements_++);
    }

    SqliteDatabase* owner_;
    std::unique_ptr<Connection> conn_;
    bool single_ = false;
    int statements_ = 0;
    bool done_ = false;
};

}  // namespace

SqliteDatabase::SqliteDatabase(std::string path, OpenOptions options)
    : path_(std::move(path)),
      options_(std::move(options)),
      pool_(
          options_.pool_size, [this] { return std::make_unique<Connection>(path_, options_); },
          [](const Connection&) { return true; }, std::nullopt) {
    pool_.Adopt(std::make_unique<Connection>(path_, options_));  // fail early if unopenable
}

SqliteDatabase::~SqliteDatabase() {
    Close();
}

void SqliteDatabase::Release(std::unique_ptr<Connection> conn) {
    pool_.Release(std::move(conn));
}

std::unique_ptr<Transaction> SqliteDatabase::Begin(TxMode mode) {
    return std::make_unique<SqliteTransaction>(this, pool_.Acquire(), mode);
}

void SqliteDatabase::Close() {
    pool_.Close();
}

void SqliteDatabase::BackupTo(const std::string& path) {
    auto conn = pool_.Acquire();
    sqlite3* dest = nullptr;
    int rc = sqlite3_open(path.c_str(), &dest);
    if (rc == SQLITE_OK) {
        sqlite3_backup* backup = sqlite3_backup_init(dest, "main", conn->handle(), "main");
        if (backup) {
            sqlite3_backup_step(backup, -1);
            sqlite3_backup_finish(backup);
        }
        rc = sqlite3_errcode(dest);
    }
    std::string msg = dest ? sqlite3_errmsg(dest) : "out of memory";
    sqlite3_close(dest);
    Release(std::move(conn));
    if (rc != SQLITE_OK)
        throw DatabaseError("backup to " + path + " failed: " + msg);
}

}  // namespace ngoaivu::storage::sqlite
