// What services may rely on from TxMode on both backends (docs/decisions/0007): writers run one
// at a time across every handle on the database (as several server processes would hold), a
// waiting writer sees what the one before it committed, a writer that waits too long gets
// BusyError, kConcurrent conflicts are retried by WithRetry, and migrations started by two
// processes at once apply once.

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/embedded.hpp"
#include "storage/database.hpp"
#include "storage/migrator.hpp"
#include "support/database_test.hpp"

namespace ngoaivu::testing {
namespace {

using storage::BusyError;
using storage::DatabaseError;
using storage::Transaction;
using storage::TxMode;
using namespace std::chrono_literals;

class Concurrency : public DatabaseTest {
 protected:
    void SetUp() override {
        DatabaseTest::SetUp();
        storage::WithWrite(db(), [](Transaction& tx) {
            tx.ExecScript(
                Ddl("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);"
                    "INSERT INTO counter (id, n) VALUES (1, 0);"));
        });
    }

    std::int64_t CounterValue() {
        auto tx = db().Begin(TxMode::kRead);
        return tx->QueryOne("SELECT n FROM counter WHERE id = 1")->Int(0);
    }

    // Reads the counter, then writes it back plus one: a lost update unless writers are
    // serialised (or, in kConcurrent, retried).
    static void ReadThenIncrement(Transaction& tx) {
        std::int64_t n = tx.QueryOne("SELECT n FROM counter WHERE id = 1")->Int(0);
        tx.Exec("UPDATE counter SET n = $1 WHERE id = 1", {n + 1});
    }
};

TEST_F(Concurrency, WritersOnSeparateHandlesNeverLoseAReadThenWriteUpdate) {
    constexpr int kHandles = 4;
    constexpr int kIncrements = 25;
    std::vector<std::thread> threads;
    std::atomic<int> errors{0};
    for (int h = 0; h < kHandles; ++h) {
        threads.emplace_back([&] {
            try {
                auto handle = Open({/*pool_size=*/2, 10s, {}});  // "another process"
                for (int i = 0; i < kIncrements; ++i)
                    storage::WithWrite(*handle, ReadThenIncrement);
                handle->Close();
            } catch (const std::exception& e) {
                ++errors;
                ADD_FAILURE() << e.what();
            }
        });
    }
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(errors, 0);
    EXPECT_EQ(CounterValue(), kHandles * kIncrements);
}

TEST_F(Concurrency, AWaitingWriterSeesTheCommitOfTheWriterBeforeIt) {
    auto other = Open();
    auto first = db().Begin(TxMode::kWrite);
    first->Exec("UPDATE counter SET n = 41 WHERE id = 1");
    auto second = std::async(std::launch::async, [&] {
        auto tx = other->Begin(TxMode::kWrite);  // waits for `first`
        std::int64_t seen = tx->QueryOne("SELECT n FROM counter WHERE id = 1")->Int(0);
        tx->Exec("UPDATE counter SET n = $1 WHERE id = 1", {seen + 1});
        tx->Commit();
        return seen;
    });
    EXPECT_EQ(second.wait_for(200ms), std::future_status::timeout) << "the writers overlapped";
    first->Commit();
    first.reset();
    ASSERT_EQ(second.wait_for(10s), std::future_status::ready);
    EXPECT_EQ(second.get(), 41);
    EXPECT_EQ(CounterValue(), 42);
    other->Close();
}

TEST_F(Concurrency, AWriterWaitingLongerThanTheBusyTimeoutGetsBusyErrorAndChangesNothing) {
    auto impatient = Open({/*pool_size=*/1, 100ms, {}});
    auto holder = db().Begin(TxMode::kWrite);
    EXPECT_THROW(storage::WithWrite(*impatient, ReadThenIncrement), BusyError);
    holder.reset();
    EXPECT_EQ(CounterValue(), 0);
    // The impatient handle works again once the lock is free.
    storage::WithWrite(*impatient, ReadThenIncrement);
    EXPECT_EQ(CounterValue(), 1);
    impatient->Close();
}

TEST_F(Concurrency, ReadersDoNotWaitForAWriter) {
    auto holder = db().Begin(TxMode::kWrite);
    holder->Exec("UPDATE counter SET n = 7 WHERE id = 1");
    auto reader = std::async(std::launch::async, [&] { return CounterValue(); });
    ASSERT_EQ(reader.wait_for(10s), std::future_status::ready);
    EXPECT_EQ(reader.get(), 0) << "a reader sees the last commit, not the writer's work";
}

TEST_F(Concurrency, ConcurrentModeConflictsAreRetriedByWithRetry) {
    constexpr int kThreads = 4;
    constexpr int kIncrements = 20;
    std::vector<std::thread> threads;
    auto shared = Open({/*pool_size=*/kThreads, 10s, {}});
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kIncrements; ++i) {
                try {
                    storage::WithRetry(*shared, TxMode::kConcurrent, ReadThenIncrement,
                                       /*attempts=*/50);
                } catch (const std::exception& e) {
                    ADD_FAILURE() << e.what();
                }
            }
        });
    }
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(CounterValue(), kThreads * kIncrements);
    shared->Close();
}

TEST_F(Concurrency, WithRetryGivesUpAfterItsAttemptsWithTheBusyError) {
    int calls = 0;
    EXPECT_THROW(storage::WithRetry(
                     db(), TxMode::kWrite,
                     [&](Transaction&) {
                         ++calls;
                         throw BusyError("always busy");
                     },
                     3),
                 BusyError);
    EXPECT_EQ(calls, 3);
}

TEST_F(Concurrency, WritingInAReadTransactionFailsOnPostgres) {
    NGOAIVU_ONLY_ON(storage::Backend::kPostgres, "SQLite read transactions may write");
    auto tx = db().Begin(TxMode::kRead);
    EXPECT_THROW(tx->Exec("UPDATE counter SET n = 5 WHERE id = 1"), DatabaseError);
    tx.reset();
    EXPECT_EQ(CounterValue(), 0);
}

TEST_F(Concurrency, TwoProcessesMigratingAtOnceApplyEachMigrationOnce) {
    auto migrations = storage::LoadMigrations(EmbeddedMigrations(), TestBackend());
    std::vector<std::future<storage::MigrationReport>> runs;
    for (int p = 0; p < 2; ++p) {
        runs.push_back(std::async(std::launch::async, [&] {
            auto handle = Open({/*pool_size=*/2, 30s, {}});
            auto report = storage::Migrate(*handle, migrations);
            handle->Close();
            return report;
        }));
    }
    std::size_t applied = 0;
    for (auto& r : runs)
        applied += r.get().applied.size();
    EXPECT_EQ(applied, migrations.size());
    EXPECT_EQ(Count("schema_version"), static_cast<std::int64_t>(migrations.size()));
}

}  // namespace
}  // namespace ngoaivu::testing
