// Transactions on the SQLite backend: commit and rollback, constraint errors, the "vi"
// collation, values, concurrency, backup and the connection pool.

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "support/database_test.hpp"

namespace ngoaivu::testing {
namespace {

using storage::ConstraintError;
using storage::DatabaseError;
using storage::Transaction;
using storage::TxMode;
using ::testing::ElementsAre;
using namespace std::chrono_literals;

// prefix + i (appended: GCC 12 warns falsely about `"literal" + std::to_string(i)` at -O3).
std::string Numbered(std::string prefix, int i) {
    prefix.append(std::to_string(i));
    return prefix;
}

class Transactions : public DatabaseTest {
 protected:
    void SetUp() override {
        DatabaseTest::SetUp();
        storage::WithWrite(db(), [](Transaction& tx) {
            tx.ExecScript(
                Ddl("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                    "  qty INTEGER CHECK (qty >= 0), parent INTEGER REFERENCES item (id));"
                    "CREATE TABLE counter (n INTEGER NOT NULL);"
                    "INSERT INTO counter (n) VALUES (0);"));
        });
    }

    // The names in `sql`'s first column.
    std::vector<std::string> Names(const std::string& sql) {
        auto tx = db().Begin(TxMode::kRead);
        std::vector<std::string> out;
        for (const auto& row : tx->Query(sql))
            out.push_back(row.Text(0));
        return out;
    }

    // Runs `sql` in a write transaction and returns the ConstraintError it throws.
    std::optional<ConstraintError::Kind> ConstraintKindOf(const std::string& sql) {
        try {
            storage::WithWrite(db(), [&](Transaction& tx) { tx.Exec(sql); });
        } catch (const ConstraintError& e) {
            return e.kind();
        }
        return std::nullopt;
    }
};

TEST_F(Transactions, RollBackWhenNotCommitted) {
    {
        auto tx = db().Begin(TxMode::kWrite);
        EXPECT_EQ(tx->Exec("INSERT INTO item (id, name) VALUES (1, 'a')"), 1);
        EXPECT_EQ(tx->QueryOne("SELECT COUNT(*) FROM item")->Int(0), 1) << "own write visible";
    }
    EXPECT_EQ(Count("item"), 0);
}

TEST_F(Transactions, KeepWhatWasCommitted) {
    auto tx = db().Begin(TxMode::kWrite);
    tx->Exec("INSERT INTO item (id, name) VALUES (1, 'a')");
    tx->Commit();
    tx.reset();
    EXPECT_EQ(Count("item"), 1);
}

TEST_F(Transactions, WithWriteCommitsWhenTheFunctionReturns) {
    storage::WithWrite(db(), [](Transaction& tx) {
        tx.Exec("INSERT INTO item (id, name) VALUES ($1, $2)", {1, "a"});
        tx.Exec("INSERT INTO item (id, name) VALUES ($1, $2)", {2, "b"});
    });
    EXPECT_EQ(Count("item"), 2);
}

TEST_F(Transactions, WithWriteRollsBackWhenTheFunctionThrows) {
    EXPECT_THROW(storage::WithWrite(db(),
                                    [](Transaction& tx) {
                                        tx.Exec("INSERT INTO item (id, name) VALUES (1, 'a')");
                                        throw std::runtime_error("use case failed");
                                    }),
                 std::runtime_error);
    EXPECT_EQ(Count("item"), 0);
}

TEST_F(Transactions, WithWriteCommitsOnlyASuccessfulResult) {
    auto failed = storage::WithWrite(db(), [](Transaction& tx) -> std::optional<int> {
        tx.Exec("INSERT INTO item (id, name) VALUES (1, 'a')");
        return std::nullopt;
    });
    EXPECT_FALSE(failed);
    EXPECT_EQ(Count("item"), 0);
    auto done = storage::WithWrite(db(), [](Transaction& tx) -> std::optional<int> {
        tx.Exec("INSERT INTO item (id, name) VALUES (2, 'b')");
        return 2;
    });
    EXPECT_EQ(done, 2);
    EXPECT_EQ(Count("item"), 1);
}

TEST_F(Transactions, DuplicatePrimaryKeyIsAUniqueConstraintError) {
    storage::WithWrite(
        db(), [](Transaction& tx) { tx.Exec("INSERT INTO item (id, name) VALUES (1, 'a')"); });
    EXPECT_EQ(ConstraintKindOf("INSERT INTO item (id, name) VALUES (1, 'b')"),
              ConstraintError::Kind::kUnique);
    EXPECT_EQ(Count("item"), 1);
}

TEST_F(Transactions, DuplicateUniqueColumnIsAUniqueConstraintError) {
    storage::WithWrite(
        db(), [](Transaction& tx) { tx.Exec("INSERT INTO item (id, name) VALUES (1, 'a')"); });
    EXPECT_EQ(ConstraintKindOf("INSERT INTO item (id, name) VALUES (2, 'a')"),
              ConstraintError::Kind::kUnique);
}

TEST_F(Transactions, OtherConstraintsHaveTheirOwnKinds) {
    EXPECT_EQ(ConstraintKindOf("INSERT INTO item (id, name) VALUES (1, NULL)"),
              ConstraintError::Kind::kNotNull);
    EXPECT_EQ(ConstraintKindOf("INSERT INTO item (id, name, qty) VALUES (1, 'a', -1)"),
              ConstraintError::Kind::kCheck);
    EXPECT_EQ(ConstraintKindOf("INSERT INTO item (id, name, parent) VALUES (1, 'a', 99)"),
              ConstraintError::Kind::kForeignKey)
        << "foreign keys must be enforced";
}

TEST_F(Transactions, MalformedSqlIsADatabaseErrorButNotAConstraintError) {
    auto tx = db().Begin(TxMode::kRead);
    try {
        tx->Query("SELEKT 1");
        ADD_FAILURE() << "no exception";
    } catch (const ConstraintError&) {
        ADD_FAILURE() << "a syntax error is not a constraint error";
    } catch (const DatabaseError& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr("syntax"));
    }
}

TEST_F(Transactions, ViCollationOrdersDBeforeDStroke) {
    storage::WithWrite(db(), [](Transaction& tx) {
        int id = 1;
        for (const char* name : {"Đồng Nai", "Hà Nội", "Dương Kinh", "Đà Nẵng", "An Giang",
                                 "Điện Biên", "Bắc Ninh", "Ea Súp"}) {
            tx.Exec("INSERT INTO item (id, name) VALUES ($1, $2)", {id++, name});
        }
    });
    EXPECT_THAT(Names("SELECT name FROM item ORDER BY name COLLATE vi"),
                ElementsAre("An Giang", "Bắc Ninh", "Dương Kinh", "Đà Nẵng", "Điện Biên",
                            "Đồng Nai", "Ea Súp", "Hà Nội"));
    // Byte order would put every Đ after H: the collation is really in use.
    EXPECT_EQ(Names("SELECT name FROM item ORDER BY name").back(), "Đồng Nai");
}

TEST_F(Transactions, RoundTripEveryKindOfValue) {
    storage::WithWrite(db(), [](Transaction& tx) {
        tx.ExecScript(Ddl("CREATE TABLE v (i INTEGER, r REAL, t TEXT, n TEXT)"));
        tx.Exec(
            "INSERT INTO v VALUES ($1, $2, $3, $4)",
            {9007199254740993LL, 2.5, "Tiếng Việt \xF0\x9F\x87\xBB\xF0\x9F\x87\xB3", std::nullopt});
    });
    auto tx = db().Begin(TxMode::kRead);
    auto row = tx->QueryOne("SELECT i, r, t, n FROM v");
    ASSERT_TRUE(row);
    EXPECT_EQ(row->Int(0), 9007199254740993LL);
    EXPECT_DOUBLE_EQ(row->Real(1), 2.5);
    EXPECT_EQ(row->Text(2), "Tiếng Việt \xF0\x9F\x87\xBB\xF0\x9F\x87\xB3");
    EXPECT_TRUE(row->IsNull(3));
    EXPECT_EQ(row->OptText(3), std::nullopt);
    EXPECT_EQ(row->OptInt(3), std::nullopt);
    EXPECT_EQ(row->Text(3), "");
}

TEST_F(Transactions, QueryOneReturnsNothingForNoRows) {
    auto tx = db().Begin(TxMode::kRead);
    EXPECT_FALSE(tx->QueryOne("SELECT id FROM item WHERE id = $1", {42}).has_value());
}

TEST_F(Transactions, ReadTransactionSeesOneSnapshot) {
    auto reader = db().Begin(TxMode::kRead);
    EXPECT_EQ(reader->QueryOne("SELECT COUNT(*) FROM item")->Int(0), 0);
    storage::WithWrite(
        db(), [](Transaction& tx) { tx.Exec("INSERT INTO item (id, name) VALUES (1, 'a')"); });
    EXPECT_EQ(reader->QueryOne("SELECT COUNT(*) FROM item")->Int(0), 0);
    reader.reset();
    EXPECT_EQ(Count("item"), 1);
}

TEST_F(Transactions, FourReadersAndOneWriterWorkConcurrentlyWithoutErrors) {
    db().Close();
    auto shared = Open({/*pool_size=*/6, 5000ms, {}});
    constexpr int kWrites = 150;
    std::atomic<bool> writing{true};
    std::atomic<int> errors{0};
    std::atomic<int> inconsistent{0};
    std::atomic<int> reads{0};
    std::vector<std::string> messages(5);

    std::thread writer([&] {
        try {
            for (int i = 1; i <= kWrites; ++i) {
                storage::WithWrite(*shared, [&](Transaction& tx) {
                    tx.Exec("INSERT INTO item (id, name) VALUES ($1, $2)",
                            {i, Numbered("item ", i)});
                    tx.Exec("UPDATE counter SET n = n + 1");
                });
            }
        } catch (const std::exception& e) {
            ++errors;
            messages[0] = e.what();
        }
        writing = false;
    });
    std::vector<std::thread> readers;
    for (int r = 1; r <= 4; ++r) {
        readers.emplace_back([&, r] {
            std::int64_t last = 0;
            try {
                do {
                    auto tx = shared->Begin(TxMode::kRead);
                    std::int64_t rows = tx->QueryOne("SELECT COUNT(*) FROM item")->Int(0);
                    std::int64_t n = tx->QueryOne("SELECT n FROM counter")->Int(0);
                    // One snapshot: the two tables agree; time only moves forward.
                    if (rows != n || rows < last)
                        ++inconsistent;
                    last = rows;
                    ++reads;
                } while (writing);
            } catch (const std::exception& e) {
                ++errors;
                messages[r] = e.what();
            }
        });
    }
    writer.join();
    for (auto& t : readers)
        t.join();

    EXPECT_EQ(errors, 0) << messages[0] << messages[1] << messages[2] << messages[3] << messages[4];
    EXPECT_EQ(inconsistent, 0);
    EXPECT_GE(reads, 4);
    EXPECT_EQ(Count(*shared, "item"), kWrites);
    shared->Close();
}

// On PostgreSQL a read transaction's BEGIN travels with its first statement (and that statement's
// PREPARE): whichever part fails, the connection comes back clean.
TEST_F(Transactions, AFailedFirstStatementLeavesThePooledConnectionUsable) {
    db().Close();
    auto one = Open({/*pool_size=*/1, 5000ms, {}});
    for (int i = 0; i < 2; ++i) {
        {
            auto tx = one->Begin(TxMode::kRead);
            EXPECT_THROW(tx->Query("SELEC broken FROM item"), DatabaseError);
        }
        {
            auto tx = one->Begin(TxMode::kRead);
            EXPECT_EQ(tx->QueryOne("SELECT COUNT(*) FROM item")->Int(0), 0);
            EXPECT_THROW(tx->Query("SELECT id FROM no_such_table"), DatabaseError);
        }
        auto tx = one->Begin(TxMode::kRead);
        EXPECT_EQ(tx->QueryOne("SELECT COUNT(*) FROM item")->Int(0), 0);
        tx->Commit();
    }
    one->Close();
}

TEST_F(Transactions, ASingleReadRunsOneSelectAndNothingElse) {
    storage::WithWrite(db(), [](Transaction& tx) {
        tx.Exec("INSERT INTO item (id, name, qty) VALUES (1, 'Hà Giang', 3)");
    });
    db().Close();
    auto one = Open({/*pool_size=*/1, 5000ms, {}});
    for (int i = 0; i < 2; ++i) {  // the one connection is clean after each case
        {
            auto tx = one->Begin(TxMode::kSingleRead);
            auto row = tx->QueryOne("SELECT name, qty FROM item WHERE id = $1", {1});
            ASSERT_TRUE(row);
            EXPECT_EQ(row->Text(0), "Hà Giang");
            EXPECT_THROW(tx->Query("SELECT 1"), std::logic_error) << "a second statement";
            tx->Commit();
        }
        {
            auto tx = one->Begin(TxMode::kSingleRead);
            EXPECT_THROW(tx->Exec("UPDATE item SET qty = 0 WHERE id = 1"), std::logic_error);
            EXPECT_THROW(tx->ExecScript("DELETE FROM item"), std::logic_error);
        }
        {
            auto tx = one->Begin(TxMode::kSingleRead);
            EXPECT_THROW(tx->Query("SELECT nothing FROM no_such_table"), DatabaseError);
        }
        auto tx = one->Begin(TxMode::kSingleRead);
        EXPECT_EQ(tx->QueryOne(" select qty from item where id = $1", {1})->Int(0), 3)
            << "nothing was written";
    }
    one->Close();
}

TEST_F(Transactions, BeginAfterCloseThrows) {
    db().Close();
    EXPECT_THROW(db().Begin(TxMode::kRead), DatabaseError);
    db().Close();  // idempotent
}

TEST_F(Transactions, BlockWhenThePoolIsExhaustedUntilAConnectionReturns) {
    db().Close();
    auto small = Open({/*pool_size=*/1, 5000ms, {}});
    auto first = small->Begin(TxMode::kRead);
    auto second = std::async(std::launch::async, [&] {
        auto tx = small->Begin(TxMode::kRead);
        return tx->QueryOne("SELECT 1")->Int(0);
    });
    EXPECT_EQ(second.wait_for(100ms), std::future_status::timeout);
    first.reset();
    ASSERT_EQ(second.wait_for(5s), std::future_status::ready);
    EXPECT_EQ(second.get(), 1);
    small->Close();
}

// Regression: when BEGIN failed (SQLITE_BUSY: another process holds the write lock past the
// busy timeout), the connection was destroyed with the half-built transaction while the pool
// still counted it. The slot was lost for good: after pool_size such failures every Begin()
// blocked forever.
TEST_F(Transactions, FailedBeginReturnsItsConnectionToThePool) {
    db().Close();
    auto busy = Open({/*pool_size=*/1, 50ms, {}});
    auto other = Open();  // another process, in effect
    auto holder = other->Begin(TxMode::kWrite);
    EXPECT_THROW(busy->Begin(TxMode::kWrite), storage::BusyError);
    holder.reset();

    std::promise<std::int64_t> result;
    auto answered = result.get_future();
    std::thread later([&] {
        try {
            auto tx = busy->Begin(TxMode::kRead);
            result.set_value(tx->QueryOne("SELECT 1")->Int(0));
        } catch (...) {
            result.set_exception(std::current_exception());
        }
    });
    bool ready = answered.wait_for(2s) == std::future_status::ready;
    EXPECT_TRUE(ready) << "Begin() blocks: the pool lost the connection of the failed BEGIN";
    if (!ready)
        busy->Close();  // wakes the blocked Begin(), which then throws
    later.join();
    if (ready) {
        EXPECT_EQ(answered.get(), 1);
    }
    busy->Close();
    other->Close();
}

TEST_F(Transactions, BackupHasTheSameRows) {
    NGOAIVU_ONLY_ON(storage::Backend::kSqlite, "PostgreSQL backups are pg_dump's");
    storage::WithWrite(db(), [](Transaction& tx) {
        for (int i = 1; i <= 50; ++i)
            tx.Exec("INSERT INTO item (id, name) VALUES ($1, $2)", {i, Numbered("n", i)});
    });
    std::string copy = (dir() / "backup.db").string();
    db().BackupTo(copy);
    auto restored = storage::Open(copy);
    EXPECT_EQ(Count(*restored, "item"), 50);
    EXPECT_EQ(Count(*restored, "counter"), 1);
    restored->Close();
}

TEST_F(Transactions, BackupOnPostgresSaysToUsePgDump) {
    NGOAIVU_ONLY_ON(storage::Backend::kPostgres, "SQLite has an online backup");
    try {
        db().BackupTo((dir() / "b.db").string());
        ADD_FAILURE() << "no DatabaseError";
    } catch (const DatabaseError& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr("pg_dump"));
    }
    EXPECT_FALSE(std::filesystem::exists(dir() / "b.db"));
}

TEST_F(Transactions, BackupToAnImpossiblePathThrows) {
    EXPECT_THROW(db().BackupTo((dir() / "no" / "such" / "folder" / "b.db").string()),
                 DatabaseError);
    // The pool is intact afterwards.
    EXPECT_EQ(Count("item"), 0);
}

TEST_F(Transactions, ReportEveryStatementToTheObserver) {
    db().Close();
    std::atomic<int> statements{0};
    auto observed = Open({2, 5000ms, [&](std::chrono::nanoseconds d) {
                              EXPECT_GE(d.count(), 0);
                              ++statements;
                          }});
    int before = statements;
    {
        auto tx = observed->Begin(TxMode::kRead);
        tx->Query("SELECT 1");
        tx->Query("SELECT 2");
    }
    EXPECT_GE(statements - before, 2);
    observed->Close();
}

}  // namespace
}  // namespace ngoaivu::testing
