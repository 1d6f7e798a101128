#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "storage/value.hpp"

namespace ngoaivu::storage {

// Infrastructure failure inside the storage layer (disk full, corrupt file, SQL bug). Thrown, not
// returned: callers cannot handle it, the exception guard turns it into a 500 (docs/STYLE.md).
class DatabaseError : public std::runtime_error {
 public:
    using std::runtime_error::runtime_error;
};

// A write broke a constraint. Services catch this one where the rule is a user error (a duplicate
// code) and return ErrorCode::kConflict.
class ConstraintError : public DatabaseError {
 public:
    enum class Kind { kUnique, kForeignKey, kCheck, kNotNull, kOther };
    ConstraintError(Kind kind, const std::string& what) : DatabaseError(what), kind_(kind) {}
    Kind kind() const { return kind_; }

 private:
    Kind kind_;
};

// Another transaction holds the write lock too long, or a serialization failure; the service may
// retry the whole use case.
class BusyError : public DatabaseError {
 public:
    using DatabaseError::DatabaseError;
};

enum class Backend { kSqlite, kPostgres };

// How a transaction will be used (docs/decisions/0007 gives the isolation on each backend).
// - kRead: one consistent snapshot; writing in it is an error on PostgreSQL.
// - kWrite: writers of the database run one at a time, in every process (SQLite BEGIN IMMEDIATE,
//   a PostgreSQL advisory lock), and see every earlier commit: read-check-write is safe, and a
//   waiting writer gets BusyError after the busy timeout rather than failing half-way.
// - kConcurrent: a small write that need not queue behind others (PostgreSQL SERIALIZABLE); it
//   may throw BusyError on a conflict, so run it through WithRetry. On SQLite it is kWrite.
// - kSingleRead: a read of exactly one statement (one record by its key): no BEGIN and no
//   COMMIT, as one statement is its own consistent snapshot; saves two round trips on
//   PostgreSQL. Only one SELECT: anything else, or a second statement, throws std::logic_error
//   (CheckSingleRead), on both backends.
enum class TxMode { kRead, kWrite, kConcurrent, kSingleRead };

// Parameters written in place: tx.Query(sql, {a, b}).
using Params = std::initializer_list<Value>;
// Parameters built at run time (a filter's conditions, a copied row): tx.Query(sql, values).
using ParamSpan = std::span<const Value>;

// One unit of work on one connection. Not thread-safe: use it from one thread. SQL uses
// PostgreSQL-style placeholders $1, $2 ... on every backend. If Commit() was not called, the
// destructor rolls back. Every statement is prepared and cached per connection.
class Transaction {
 public:
    virtual ~Transaction() = default;

    // Runs a query and returns all its rows. Throws DatabaseError (or a subclass) on failure.
    Rows Query(std::string_view sql, Params params = {}) { return DoQuery(sql, Span(params)); }
    Rows Query(std::string_view sql, ParamSpan params) { return DoQuery(sql, params); }
    // Runs a statement and returns the number of rows it changed.
    std::int64_t Exec(std::string_view sql, Params params = {}) {
        return DoExec(sql, Span(params));
    }
    std::int64_t Exec(std::string_view sql, ParamSpan params) { return DoExec(sql, params); }
    // Runs a query expected to return at most one row.
    std::optional<Row> QueryOne(std::string_view sql, Params params = {}) {
        return QueryOne(sql, Span(params));
    }
    std::optional<Row> QueryOne(std::string_view sql, ParamSpan params);
    // Runs several statements separated by ';' without parameters (migrations only).
    virtual void ExecScript(std::string_view sql) = 0;
    virtual void Commit() = 0;
    // The database this transaction runs on, for the few queries whose best form differs (a
    // full-text index exists only on one backend, for instance).
    virtual Backend backend() const = 0;

 protected:
    virtual Rows DoQuery(std::string_view sql, ParamSpan params) = 0;
    virtual std::int64_t DoExec(std::string_view sql, ParamSpan params) = 0;

 private:
    static ParamSpan Span(Params params) { return ParamSpan(params.begin(), params.size()); }
};

// Called after each statement with its duration, from the thread that ran it (for /metrics).
using StatementObserver = std::function<void(std::chrono::nanoseconds)>;

struct OpenOptions {
    int pool_size = 4;  // connections kept open at most (one writer at a time on both backends)
    // How long a writer waits for the write lock (and, on PostgreSQL, Begin() for a free
    // connection) before BusyError.
    std::chrono::milliseconds busy_timeout{5000};
    StatementObserver observer;  // may be empty
};

// A database: a pool of connections. Thread-safe.
class Database {
 public:
    virtual ~Database() = default;

    // Starts a transaction on a pooled connection; blocks while every connection is in use.
    virtual std::unique_ptr<Transaction> Begin(TxMode mode) = 0;
    virtual Backend backend() const = 0;
    // Closes every connection; Begin() must not be called afterwards. Idempotent.
    virtual void Close() = 0;
    // Copies the whole database, consistently, to a new file (SQLite online backup; on
    // PostgreSQL it throws DatabaseError: backups there are pg_dump's job).
    virtual void BackupTo(const std::string& path) = 0;
};

// Opens `location`: a file path (SQLite, created when absent; "sqlite:PATH" also accepted) or a
// "postgresql://" URL. Throws DatabaseError when it cannot be opened.
std::unique_ptr<Database> Open(const std::string& location, const OpenOptions& options = {});

// For TxMode::kSingleRead: throws std::logic_error unless `sql` is a SELECT and `statements_run`
// (before this one) is 0.
void CheckSingleRead(std::string_view sql, int statements_run);

// The names of the tables of `db`'s schema (SQLite's main database, PostgreSQL's current
// schema), sorted; internal tables (sqlite_*) left out.
std::vector<std::string> TableNames(Database& db);

// Runs `fn(tx)` in a write transaction and commits when it returns normally; an exception rolls
// back and propagates. For services: one use case, one transaction.
template <typename Fn>
auto WithWrite(Database& db, Fn&& fn) {
    auto tx = db.Begin(TxMode::kWrite);
    if constexpr (std::is_void_v<decltype(fn(*tx))>) {
        fn(*tx);
        tx->Commit();
    } else {
        auto result = fn(*tx);
        if (result)
            tx->Commit();
        return result;
    }
}

// Runs `fn(tx)` in a transaction of `mode` like WithWrite, and runs it again, in a new
// transaction, when it throws BusyError (a serialization failure, a deadlock, a lock wait that
// timed out), up to `attempts` times in all. `fn` must have no effect outside the transaction.
template <typename Fn>
auto WithRetry(Database& db, TxMode mode, Fn&& fn, int attempts = 3) {
    for (int attempt = 1;; ++attempt) {
        try {
            auto tx = db.Begin(mode);
            if constexpr (std::is_void_v<decltype(fn(*tx))>) {
                fn(*tx);
                tx->Commit();
                return;
            } else {
                auto result = fn(*tx);
                if (result)
                    tx->Commit();
                return result;
            }
        } catch (const BusyError&) {
            if (attempt >= attempts)
                throw;
        }
    }
}

}  // namespace ngoaivu::storage
