#include "app/auth_changes.hpp"

#include <filesystem>
#include <string>
#include <unistd.h>

#include <gtest/gtest.h>

namespace ngoaivu::app {
namespace {

namespace fs = std::filesystem;

class AuthChanges : public ::testing::Test {
 protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("auth-changes-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "data");
    }
    void TearDown() override { fs::remove_all(dir_); }
    fs::path dir_;
};

TEST_F(AuthChanges, EveryPathToOneDatabaseSharesOneCounterBesideIt) {
    fs::path db = dir_ / "data" / "ngoaivu.db";
    fs::create_directory_symlink(dir_ / "data", dir_ / "link");
    std::string problem;
    auto server = OpenAuthChanges(db.string(), storage::Backend::kSqlite, &problem);
    ASSERT_TRUE(server) << problem;
    EXPECT_TRUE(fs::exists(dir_ / "data" / "ngoaivu.db-auth"));
    // The command line, given the database through a link, with a "sqlite:" prefix, or with dots.
    auto cli = OpenAuthChanges("sqlite:" + (dir_ / "link" / "ngoaivu.db").string(),
                               storage::Backend::kSqlite, &problem);
    auto dotted = OpenAuthChanges((dir_ / "data" / ".." / "data" / "ngoaivu.db").string(),
                                  storage::Backend::kSqlite, &problem);
    ASSERT_TRUE(cli && dotted) << problem;
    cli->Increment();
    dotted->Increment();
    EXPECT_EQ(server->Load(), 2u);
    EXPECT_FALSE(
        fs::exists(dir_ / "link" / "ngoaivu.db-auth") &&
        !fs::equivalent(dir_ / "link" / "ngoaivu.db-auth", dir_ / "data" / "ngoaivu.db-auth"));
}

TEST_F(AuthChanges, PostgreSqlHasNoneAndSaysNothing) {
    std::string problem;
    EXPECT_FALSE(
        OpenAuthChanges("postgresql://localhost/ngoaivu", storage::Backend::kPostgres, &problem));
    EXPECT_TRUE(problem.empty());
}

TEST_F(AuthChanges, AFolderThatCannotTakeTheFileGivesNoneAndWhy) {
    std::string problem;
    EXPECT_FALSE(OpenAuthChanges((dir_ / "missing" / "ngoaivu.db").string(),
                                 storage::Backend::kSqlite, &problem));
    EXPECT_NE(problem.find("ngoaivu.db-auth"), std::string::npos) << problem;
}

}  // namespace
}  // namespace ngoaivu::app
