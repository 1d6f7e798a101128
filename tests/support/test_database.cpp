#include "support/test_database.hpp"

#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <unistd.h>

#include "storage/postgres/pg_database.hpp"

namespace ngoaivu::testing {

namespace {

std::string Env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

std::string AdminUrl() {
    std::string url = Env("NGOAIVU_TEST_POSTGRES");
    if (url.empty()) {
        throw std::runtime_error(
            "NGOAIVU_TEST_BACKEND=postgres needs NGOAIVU_TEST_POSTGRES, the admin URL of a test "
            "cluster: run the suite through `scripts/pg_test_cluster.sh run ctest …` (make test "
            "does)");
    }
    return url;
}

}  // namespace

storage::Backend TestBackend() {
    static const storage::Backend backend = [] {
        std::string name = Env("NGOAIVU_TEST_BACKEND");
        if (name.empty() || name == "sqlite")
            return storage::Backend::kSqlite;
        if (name == "postgres")
            return storage::Backend::kPostgres;
        throw std::runtime_error("NGOAIVU_TEST_BACKEND must be sqlite or postgres, not " + name);
    }();
    return backend;
}

ScratchDatabase::ScratchDatabase(const std::filesystem::path& dir, std::string_view name) {
    if (TestBackend() == storage::Backend::kSqlite) {
        location_ = (dir / (std::string(name) + ".db")).string();
        return;
    }
    static std::atomic<int> counter{0};
    std::string db = "t";  // appended piecewise: GCC 12 -O3 warns falsely on "t" + to_string()
    db += std::to_string(::getpid());
    db += '_';
    db += std::to_string(++counter);
    db += '_';
    for (char c : name)
        db.push_back((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_');
    std::string admin = AdminUrl();
    storage::postgres::ExecAutocommit(admin, "CREATE DATABASE " + db + " TEMPLATE template0");
    pg_name_ = db;
    location_ = storage::postgres::WithDatabaseName(admin, db);
}

ScratchDatabase::~ScratchDatabase() {
    if (pg_name_.empty())
        return;
    try {
        storage::postgres::ExecAutocommit(AdminUrl(),
                                          "DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
    } catch (const std::exception&) {
        // The cluster is thrown away at the end of the run anyway.
    }
}

}  // namespace ngoaivu::testing
