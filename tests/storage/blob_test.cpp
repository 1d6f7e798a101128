// Blobs on each backend: bytes go in and come back exactly, kept apart from text.

#include <string>

#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "support/database_test.hpp"

namespace ngoaivu::testing {
namespace {

using storage::Blob;
using storage::Transaction;
using storage::TxMode;

class Blobs : public DatabaseTest {
 protected:
    void SetUp() override {
        DatabaseTest::SetUp();
        storage::WithWrite(db(), [](Transaction& tx) {
            tx.ExecScript(
                Ddl("CREATE TABLE doc (id INTEGER PRIMARY KEY, content BLOB, name TEXT);"));
        });
    }

    // Stores `bytes` as a blob and reads them back in another transaction.
    std::string RoundTrip(const std::string& bytes) {
        storage::WithWrite(db(), [&](Transaction& tx) {
            tx.Exec("INSERT INTO doc (id, content) VALUES ($1, $2)", {1, Blob{bytes}});
        });
        auto tx = db().Begin(TxMode::kRead);
        auto row = tx->QueryOne("SELECT content FROM doc WHERE id = $1", {1});
        return row->Blob(0);
    }
};

TEST_F(Blobs, KeepNulAndHighBytes) {
    std::string bytes("\x00\xff\x01\x80\\x00'\"\x7f\x00", 12);
    bytes += std::string(1, '\0');
    std::string back = RoundTrip(bytes);
    EXPECT_EQ(back.size(), 13u);
    EXPECT_EQ(back, bytes);
}

TEST_F(Blobs, ReadBackAsBlobsNotText) {
    std::string bytes("\x89PNG\r\n\x1a\n", 8);
    storage::WithWrite(db(), [&](Transaction& tx) {
        tx.Exec("INSERT INTO doc (id, content, name) VALUES ($1, $2, $3)",
                {1, Blob{bytes}, "tệp.png"});
    });
    auto tx = db().Begin(TxMode::kRead);
    auto rows = tx->Query("SELECT content, name FROM doc");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].Blob(0), bytes);
    EXPECT_EQ(rows[0].Text(1), "tệp.png");
    EXPECT_EQ(rows[0].Blob(1), "tệp.png") << "the bytes of a text value";
    auto octets = tx->QueryOne("SELECT LENGTH(content) FROM doc");
    EXPECT_EQ(octets->Int(0), 8) << "stored as 8 bytes, not as escaped text";
}

TEST_F(Blobs, EmptyBlobIsNotNull) {
    storage::WithWrite(db(), [&](Transaction& tx) {
        tx.Exec("INSERT INTO doc (id, content) VALUES ($1, $2)", {1, Blob{}});
    });
    auto tx = db().Begin(TxMode::kRead);
    auto row = tx->QueryOne("SELECT content, content IS NULL FROM doc");
    EXPECT_FALSE(row->IsNull(0));
    EXPECT_EQ(row->Blob(0), "");
    EXPECT_EQ(row->Int(1), 0);
}

TEST_F(Blobs, FiveMebibytesRoundTrip) {
    std::string bytes(5 * 1024 * 1024, '\0');
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<char>((i * 131 + i / 4096) & 0xff);
    storage::WithWrite(db(), [&](Transaction& tx) {
        tx.Exec("INSERT INTO doc (id, content) VALUES ($1, $2)", {1, Blob{bytes}});
    });
    auto tx = db().Begin(TxMode::kRead);
    auto row = tx->QueryOne("SELECT content FROM doc");
    std::string back = row->Blob(0);
    ASSERT_EQ(back.size(), bytes.size());
    EXPECT_TRUE(back == bytes);
}

TEST_F(Blobs, CanBeComparedAsParameters) {
    std::string bytes("\x00\x01\x02", 3);
    storage::WithWrite(db(), [&](Transaction& tx) {
        tx.Exec("INSERT INTO doc (id, content) VALUES ($1, $2)", {1, Blob{bytes}});
    });
    auto tx = db().Begin(TxMode::kRead);
    EXPECT_EQ(tx->QueryOne("SELECT COUNT(*) FROM doc WHERE content = $1", {Blob{bytes}})->Int(0),
              1);
    EXPECT_EQ(
        tx->QueryOne("SELECT COUNT(*) FROM doc WHERE content = $1", {Blob{"\x00\x01"}})->Int(0), 0);
}

TEST(BlobValue, IsNeverEqualToTheSameText) {
    EXPECT_NE(storage::Value(Blob{"abc"}).get(), storage::Value("abc").get());
    EXPECT_EQ(storage::Value(Blob{"abc"}).get(), storage::Value(Blob{"abc"}).get());
    EXPECT_TRUE(storage::Value(Blob{}).is_blob());
    EXPECT_FALSE(storage::Value("").is_blob());
}

}  // namespace
}  // namespace ngoaivu::testing
