// A write that cannot get the database's write lock in time (another process holds it past the
// busy timeout) is answered 503 with Retry-After and a message in both languages, writes nothing,
// and the server serves normally once the lock is free. On both backends.

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "storage/database.hpp"
#include "support/matchers.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

using ::testing::StrEq;
using namespace std::chrono_literals;

class DatabaseBusy : public SignedInTest {
 protected:
    TestAppOptions Options() const override {
        TestAppOptions o;
        o.db_busy_timeout = 150ms;
        return o;
    }

    std::int64_t Tokens() {
        auto db = storage::Open(app().db_location());
        auto tx = db->Begin(storage::TxMode::kRead);
        auto n = tx->QueryOne("SELECT COUNT(*) FROM api_token")->Int(0);
        tx.reset();
        db->Close();
        return n;
    }
};

TEST_F(DatabaseBusy, AWriteBlockedByAnotherProcessGets503AndWritesNothing) {
    app().Token();  // the test account and its token exist before the lock is taken
    ASSERT_THAT(Get("/api/v1/me"), HasStatus(200));
    std::int64_t before = Tokens();

    auto other = storage::Open(app().db_location());  // "another process"
    auto holder = other->Begin(storage::TxMode::kWrite);
    auto res = Post("/api/v1/tokens", R"({"name":"khi bận / while busy"})", "application/json");
    EXPECT_THAT(res, HasStatus(503));
    EXPECT_THAT(res, HasHeader("Retry-After", StrEq("5")));
    EXPECT_THAT(res, IsJsonError("unavailable", ""));
    auto body = nlohmann::json::parse(res.body);
    EXPECT_FALSE(body["error"]["message_vi"].get<std::string>().empty());
    EXPECT_FALSE(body["error"]["message_en"].get<std::string>().empty());
    // Reads do not wait for the writer.
    EXPECT_THAT(Get("/api/v1/tokens"), HasStatus(200));
    holder.reset();
    other->Close();

    EXPECT_EQ(Tokens(), before);
    EXPECT_THAT(Post("/api/v1/tokens", R"({"name":"sau đó / afterwards"})", "application/json"),
                HasStatus(201));
    EXPECT_EQ(Tokens(), before + 1);
}

TEST_F(DatabaseBusy, AFormBlockedByAnotherWriterGetsThe503PageInTheUsersLanguage) {
    app().Token();
    auto other = storage::Open(app().db_location());
    auto holder = other->Begin(storage::TxMode::kWrite);
    auto res = Post("/account/tokens", "name=bi-chan", "application/x-www-form-urlencoded",
                    {{"Accept", "text/html"}});
    holder.reset();
    other->Close();
    EXPECT_THAT(res, HasStatus(503));
    EXPECT_THAT(res, HasHeader("Content-Type", ::testing::StartsWith("text/html")));
    EXPECT_THAT(res.body, ::testing::HasSubstr("Vui lòng thử lại sau ít phút"));
    EXPECT_THAT(res.body, ::testing::HasSubstr("<span class=\"status\">503</span>"));
}

}  // namespace
}  // namespace ngoaivu::testing
