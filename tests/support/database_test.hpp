#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "storage/migrator.hpp"
#include "support/temp_dir.hpp"
#include "support/test_database.hpp"

namespace ngoaivu::testing {

// A test's own table definitions, written in SQLite's words as migrations are, for the test
// backend (storage::TranslateForPostgres on PostgreSQL).
inline std::string Ddl(std::string_view sql) {
    return TestBackend() == storage::Backend::kPostgres ? storage::TranslateForPostgres(sql)
                                                        : std::string(sql);
}

// A new, empty database of the test backend (support/test_database.hpp), per test.
class DatabaseTest : public ::testing::Test {
 protected:
    void SetUp() override {
        scratch_ = std::make_unique<ScratchDatabase>(dir_.path(), "test");
        db_ = Open();
    }
    void TearDown() override {
        if (db_)
            db_->Close();
        db_.reset();
        scratch_.reset();
    }

    // Opens (another handle on) the test's database.
    std::unique_ptr<storage::Database> Open(storage::OpenOptions options = {}) const {
        return storage::Open(location(), options);
    }
    // A file path on SQLite, a postgresql:// URL on PostgreSQL.
    const std::string& location() const { return scratch_->location(); }
    const TempDir& dir() const { return dir_; }
    storage::Database& db() { return *db_; }

    // SELECT COUNT(*) FROM `table` in its own read transaction.
    std::int64_t Count(const std::string& table) { return Count(*db_, table); }
    static std::int64_t Count(storage::Database& db, const std::string& table) {
        auto tx = db.Begin(storage::TxMode::kRead);
        return tx->QueryOne("SELECT COUNT(*) FROM " + table)->Int(0);
    }

 private:
    TempDir dir_;
    std::unique_ptr<ScratchDatabase> scratch_;
    std::unique_ptr<storage::Database> db_;
};

}  // namespace ngoaivu::testing
