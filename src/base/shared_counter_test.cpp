#include "base/shared_counter.hpp"

#include <filesystem>
#include <sys/stat.h>
#include <sys/wait.h>
#include <system_error>
#include <unistd.h>

#include <gtest/gtest.h>

namespace ngoaivu {
namespace {

namespace fs = std::filesystem;

fs::path TempPath(const char* name) {
    return fs::temp_directory_path() / (std::string(name) + "-" + std::to_string(::getpid()));
}

TEST(SharedCounter, StartsAtZeroInANewFileReadableByItsOwnerOnly) {
    fs::path path = TempPath("counter-new");
    fs::remove(path);
    {
        SharedCounter c(path);
        EXPECT_EQ(c.Load(), 0u);
    }
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600);
    fs::remove(path);
}

TEST(SharedCounter, TwoOpeningsOfOneFileSeeEachOthersIncrements) {
    fs::path path = TempPath("counter-two");
    fs::remove(path);
    SharedCounter a(path);
    SharedCounter b(path);
    a.Increment();
    EXPECT_EQ(b.Load(), 1u);
    b.Increment();
    b.Increment();
    EXPECT_EQ(a.Load(), 3u);
    fs::remove(path);
}

TEST(SharedCounter, AnotherProcessSeesTheIncrementAndKeepsTheValue) {
    fs::path path = TempPath("counter-fork");
    fs::remove(path);
    SharedCounter a(path);
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        SharedCounter mine(path);  // its own mapping of the file
        mine.Increment();
        ::_exit(mine.Load() == 1 ? 0 : 1);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
    EXPECT_EQ(a.Load(), 1u);
    EXPECT_EQ(SharedCounter(path).Load(), 1u) << "the value lives in the file";
    fs::remove(path);
}

TEST(SharedCounter, AFileThatCannotBeCreatedIsAnError) {
    EXPECT_THROW(SharedCounter(TempPath("no-such-folder") / "counter"), std::system_error);
}

}  // namespace
}  // namespace ngoaivu
