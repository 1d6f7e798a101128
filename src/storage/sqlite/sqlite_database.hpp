#pragma once

#include <memory>
#include <string>

#include "storage/connection_pool.hpp"
#include "storage/database.hpp"

namespace ngoaivu::storage::sqlite {

class Connection;

// SQLite backend: one file in WAL mode, foreign keys on, synchronous=FULL (an acknowledged commit
// survives the death of the process and of the machine), a busy timeout, the ICU-based "vi"
// collation registered on every connection. A fixed pool of connections; write transactions use
// BEGIN IMMEDIATE so that SQLite's single writer is taken up front.
class SqliteDatabase final : public Database {
 public:
    SqliteDatabase(std::string path, OpenOptions options);
    ~SqliteDatabase() override;

    std::unique_ptr<Transaction> Begin(TxMode mode) override;
    Backend backend() const override { return Backend::kSqlite; }
    void Close() override;
    void BackupTo(const std::string& path) override;

    // Returns a connection taken by Begin() to the pool (called by the transaction).
    void Release(std::unique_ptr<Connection> conn);

 private:
    std::string path_;
    OpenOptions options_;
    ConnectionPool<Connection> pool_;
};

// Rewrites PostgreSQL-style $N placeholders to SQLite's ?N, leaving string literals, quoted
// identifiers and comments untouched. Exposed for tests.
std::string RewritePlaceholders(std::string_view sql);

}  // namespace ngoaivu::storage::sqlite
