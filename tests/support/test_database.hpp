#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "storage/database.hpp"

namespace ngoaivu::testing {

// The backend that this run of the suite uses. The suite is written once; ctest runs the storage,
// integration and access tests once per backend (tests/CMakeLists.txt):
// - NGOAIVU_TEST_BACKEND unset or "sqlite": a SQLite file per test;
// - "postgres": a new database per test in the throw-away cluster whose admin URL is
//   NGOAIVU_TEST_POSTGRES (scripts/pg_test_cluster.sh starts it; `make test` does so). Without
//   that URL, every test fails with a message saying how to start the cluster.
storage::Backend TestBackend();

// Skips the current test (GTEST_SKIP, with `why`) unless the suite runs on `backend`: for the
// few tests of one backend's own behaviour (SQLite's WAL, placeholders rewriting …).
#define NGOAIVU_ONLY_ON(backend, why)                       \
    do {                                                    \
        if (::ngoaivu::testing::TestBackend() != (backend)) \
            GTEST_SKIP() << (why);                          \
    } while (false)

// A new, empty database of the test backend for one test: the file `dir/name.db` on SQLite, a
// new database on PostgreSQL (dropped, with any connection left to it, when this goes away).
class ScratchDatabase {
 public:
    ScratchDatabase(const std::filesystem::path& dir, std::string_view name);
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;

    // What storage::Open and `ngoaivu --db` take: a file path or a postgresql:// URL.
    const std::string& location() const { return location_; }

 private:
    std::string location_;
    std::string pg_name_;  // empty on SQLite
};

}  // namespace ngoaivu::testing
