#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "support/temp_dir.hpp"

namespace ngoaivu::testing {

// A new, empty SQLite database file in a temporary folder, per test.
class DatabaseTest : public ::testing::Test {
 protected:
    void SetUp() override { db_ = Open(); }
    void TearDown() override {
        if (db_)
            db_->Close();
        db_.reset();
    }

    // Opens (another handle on) the test's database file.
    std::unique_ptr<storage::Database> Open(storage::OpenOptions options = {}) const {
        return storage::Open(path(), options);
    }
    std::string path() const { return (dir_ / "test.db").string(); }
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
    std::unique_ptr<storage::Database> db_;
};

}  // namespace ngoaivu::testing
