#include "app/housekeeping.hpp"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

#include <gtest/gtest.h>

namespace ngoaivu::app {
namespace {

using std::chrono::milliseconds;

// Waits up to 5 s for `done`; the chores run on another thread.
template <typename Pred>
bool Eventually(Pred done) {
    for (int i = 0; i < 500 && !done(); ++i)
        std::this_thread::sleep_for(milliseconds(10));
    return done();
}

TEST(Housekeeper, RunsAtOnceThenEveryIntervalUntilStopped) {
    std::atomic<int> passes{0};
    Housekeeper h(
        milliseconds(20), [&] { ++passes; }, [](const char*) {});
    h.Start();
    EXPECT_TRUE(Eventually([&] { return passes.load() >= 3; }));
    h.Stop();
    int stopped_at = passes.load();
    std::this_thread::sleep_for(milliseconds(80));
    EXPECT_EQ(passes.load(), stopped_at);
}

TEST(Housekeeper, StopDoesNotWaitForTheNextInterval) {
    std::atomic<int> passes{0};
    Housekeeper h(
        std::chrono::hours(1), [&] { ++passes; }, [](const char*) {});
    h.Start();
    ASSERT_TRUE(Eventually([&] { return passes.load() == 1; }));
    auto start = std::chrono::steady_clock::now();
    h.Stop();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    EXPECT_EQ(passes.load(), 1);
}

TEST(Housekeeper, AFailingPassIsReportedAndTheNextOneStillRuns) {
    std::atomic<int> passes{0};
    std::atomic<int> errors{0};
    std::string last_error;
    std::mutex mu;
    Housekeeper h(
        milliseconds(10),
        [&] {
            if (++passes == 1)
                throw std::runtime_error("database is locked");
        },
        [&](const char* what) {
            std::lock_guard lock(mu);
            last_error = what;
            ++errors;
        });
    h.Start();
    EXPECT_TRUE(Eventually([&] { return passes.load() >= 3; }));
    h.Stop();
    EXPECT_EQ(errors.load(), 1);
    std::lock_guard lock(mu);
    EXPECT_EQ(last_error, "database is locked");
}

TEST(Housekeeper, AZeroIntervalMeansNever) {
    std::atomic<int> passes{0};
    Housekeeper h(
        milliseconds(0), [&] { ++passes; }, [](const char*) {});
    h.Start();
    std::this_thread::sleep_for(milliseconds(50));
    h.Stop();
    EXPECT_EQ(passes.load(), 0);
}

}  // namespace
}  // namespace ngoaivu::app
