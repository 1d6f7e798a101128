#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "storage/connection_pool.hpp"
#include "storage/database.hpp"

namespace ngoaivu::storage::postgres {

class Connection;

// PostgreSQL backend (libpq): a pool of connections to one database, each with its own cache of
// prepared statements; parameters and results in text format, converted by column type.
//
// Isolation, chosen so that services behave the same as on SQLite (docs/decisions/0007):
// - TxMode::kRead: REPEATABLE READ READ ONLY, one snapshot for the whole transaction.
// - TxMode::kWrite: READ COMMITTED behind a transaction-scoped advisory lock that every writer
//   of the database takes first, in every process: writers run one at a time, like SQLite's
//   BEGIN IMMEDIATE, and each statement sees every commit made before the lock was granted.
//   Waiting longer than OpenOptions::busy_timeout throws BusyError.
// - TxMode::kConcurrent: SERIALIZABLE without that lock, for small writes that must not queue
//   behind long ones; a conflict throws BusyError and storage::WithRetry runs the use case again.
class PgDatabase final : public Database {
 public:
    PgDatabase(std::string url, OpenOptions options);
    ~PgDatabase() override;

    std::unique_ptr<Transaction> Begin(TxMode mode) override;
    Backend backend() const override { return Backend::kPostgres; }
    void Close() override;
    // Not available on PostgreSQL: throws DatabaseError (`ngoaivu backup` runs pg_dump).
    void BackupTo(const std::string& path) override;

    // Returns a connection taken by Begin() to the pool; a broken one is dropped.
    void Release(std::unique_ptr<Connection> conn);

 private:
    std::string url_;
    OpenOptions options_;
    ConnectionPool<Connection> pool_;
};

// Runs one statement outside any transaction on the database at `url` (CREATE DATABASE, DROP
// DATABASE: for tests and tools). Throws DatabaseError.
void ExecAutocommit(const std::string& url, const std::string& sql);

// `url` with its database name replaced by `dbname` (a postgresql:// URL, with or without a
// path and a query string). Throws DatabaseError when `url` is not a postgresql:// URL.
std::string WithDatabaseName(std::string_view url, std::string_view dbname);

// Where the password of a URL's user part is: url[*colon] is the ':' before it and url[*at] the
// '@' after it. False when the URL has none.
bool FindUrlPassword(std::string_view url, std::size_t* colon, std::size_t* at);

// The URL with its password replaced by "***", for messages and logs.
std::string Redacted(std::string_view url);

}  // namespace ngoaivu::storage::postgres
