#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "base/shared_counter.hpp"
#include "modules/accounts/account_repository.hpp"
#include "modules/accounts/account_service.hpp"
#include "modules/audit/audit_repository.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/geo/reference_data.hpp"
#include "storage/migrator.hpp"
#include "support/database_test.hpp"

namespace ngoaivu::accounts {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

constexpr const char* kPassword = "chuyen-di-cong-tac-2026";

std::string Repeat(std::string_view s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i)
        out += s;
    return out;
}

// A migrated database with reference data, the audit trail and the account service on a
// FakeClock, with cheap argon2id so that tests stay fast.
class AccountsTest : public testing::DatabaseTest {
 protected:
    void SetUp() override {
        DatabaseTest::SetUp();
        storage::Migrate(db(), storage::LoadMigrations(EmbeddedMigrations(), db().backend()));
        geo::LoadReferenceData(db(), "/usr/share/iso-codes/json/iso_3166-1.json");
        AccountsConfig config;
        config.cost = kTestCost;
        audit_ = std::make_unique<audit::AuditService>(db(), audit_repo_, clock_);
        service_ = std::make_unique<AccountService>(db(), repo_, *audit_, clock_, config);
    }

    User AddUser(const std::string& login, std::vector<std::string> roles,
                 std::vector<std::string> provinces = {}, std::vector<std::string> countries = {}) {
        CreateUserRequest r{login,
                            "Người dùng " + login,
                            "",
                            kPassword,
                            std::move(roles),
                            std::move(provinces),
                            std::move(countries),
                            false};
        auto created = service_->CreateUser(Actor::System("test"), r);
        EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message_en);
        return created->user;
    }

    ClientInfo Client(std::string address = "10.0.0.1") { return {address, "test", "req-1"}; }

    FakeClock clock_{std::chrono::system_clock::time_point(std::chrono::hours(24 * 20415))};
    audit::SqlAuditRepository audit_repo_;
    SqlAccountRepository repo_;
    std::unique_ptr<audit::AuditService> audit_;
    std::unique_ptr<AccountService> service_;
};

TEST_F(AccountsTest, LoginOpensASessionThatAuthenticates) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    auto login = service_->Login("Can-Bo-01", kPassword, Client());
    ASSERT_TRUE(login.ok());
    EXPECT_EQ(login->session_token.size(), 43u);  // 256 bits, base64url
    auto auth = service_->AuthenticateSession(login->session_token, Client());
    ASSERT_TRUE(auth.ok());
    EXPECT_EQ(auth->actor.login, "can-bo-01");
    EXPECT_EQ(auth->csrf_token, login->csrf_token);
}

TEST_F(AccountsTest, SessionIdIsStoredOnlyAsAHash) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    auto login = service_->Login("can-bo-01", kPassword, Client());
    ASSERT_TRUE(login.ok());
    auto tx = db().Begin(storage::TxMode::kRead);
    auto rows = tx->Query("SELECT id_hash FROM user_session");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_NE(rows[0].Text(0), login->session_token);
    EXPECT_EQ(rows[0].Text(0).size(), 64u);
}

TEST_F(AccountsTest, WrongPasswordAndUnknownLoginGiveTheSameError) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    auto wrong = service_->Login("can-bo-01", "not-the-password-at-all", Client());
    auto unknown = service_->Login("khong-ton-tai", "not-the-password-at-all", Client());
    ASSERT_FALSE(wrong.ok());
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(wrong.error().message_vi, unknown.error().message_vi);
    EXPECT_EQ(wrong.error().message_en, unknown.error().message_en);
}

TEST_F(AccountsTest, ThrottlesALoginAfterFiveFailuresEvenWithTheRightPassword) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    for (int i = 0; i < 5; ++i) {
        EXPECT_FALSE(service_->Login("can-bo-01", "wrong-password-xyz", Client()).ok());
    }
    auto locked = service_->Login("can-bo-01", kPassword, Client());
    ASSERT_FALSE(locked.ok());
    EXPECT_EQ(locked.error().code, ErrorCode::kTooManyRequests);
    clock_.Advance(minutes(16));
    EXPECT_TRUE(service_->Login("can-bo-01", kPassword, Client()).ok());
}

// Regression: the failures were counted in one transaction and recorded in another, after the
// password hash; a burst of simultaneous guesses all passed the count. Each attempt now takes its
// place before the hash, in the serialised write that counts.
TEST_F(AccountsTest, ABurstOfSimultaneousGuessesGetsOnlyTheAllowedNumberOfTries) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    constexpr int kGuesses = 12;
    std::vector<std::thread> threads;
    std::atomic<int> wrong{0};
    std::atomic<int> throttled{0};
    for (int i = 0; i < kGuesses; ++i) {
        threads.emplace_back([&, i] {
            auto r = service_->Login("can-bo-01", "wrong-password-" + std::to_string(i),
                                     Client("10.0.0." + std::to_string(i)));
            if (!r.ok() && r.error().code == ErrorCode::kTooManyRequests)
                ++throttled;
            else if (!r.ok())
                ++wrong;
        });
    }
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(wrong, 5) << "exactly max_failures_per_login guesses were checked";
    EXPECT_EQ(throttled, kGuesses - 5);
}

TEST_F(AccountsTest, ASuccessfulSignInDoesNotCountAsAFailure) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    for (int i = 0; i < 10; ++i)
        ASSERT_TRUE(service_->Login("can-bo-01", kPassword, Client()).ok()) << i;
}

TEST_F(AccountsTest, ThrottlesUnknownLoginsTheSameWay) {
    for (int i = 0; i < 5; ++i) {
        EXPECT_FALSE(service_->Login("ghost", "wrong-password-xyz", Client()).ok());
    }
    auto r = service_->Login("ghost", "wrong-password-xyz", Client());
    EXPECT_EQ(r.error().code, ErrorCode::kTooManyRequests);
}

TEST_F(AccountsTest, ThrottlesAClientAddressAcrossLogins) {
    for (int i = 0; i < 30; ++i) {
        (void)service_->Login("user-" + std::to_string(i), "wrong-password-xyz", Client("9.9.9.9"));
    }
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    auto r = service_->Login("can-bo-01", kPassword, Client("9.9.9.9"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kTooManyRequests);
    EXPECT_TRUE(service_->Login("can-bo-01", kPassword, Client("10.1.1.1")).ok());
}

TEST_F(AccountsTest, SessionExpiresAfterIdleTimeAndAfterAbsoluteLimit) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    auto login = service_->Login("can-bo-01", kPassword, Client());
    ASSERT_TRUE(login.ok());
    clock_.Advance(minutes(31));
    EXPECT_FALSE(service_->AuthenticateSession(login->session_token, Client()).ok());

    auto again = service_->Login("can-bo-01", kPassword, Client());
    for (int i = 0; i < 25; ++i) {  // active every 29 minutes, yet 12 hours is the limit
        clock_.Advance(minutes(29));
        (void)service_->AuthenticateSession(again->session_token, Client());
    }
    EXPECT_FALSE(service_->AuthenticateSession(again->session_token, Client()).ok());
}

TEST_F(AccountsTest, DisabledUserLosesSessionsAndTokens) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    auto login = service_->Login("can-bo-01", kPassword, Client());
    auto token = service_->CreateTokenFor("can-bo-01", "script");
    ASSERT_TRUE(token.ok());
    ASSERT_TRUE(service_->SetDisabled(Actor::System("test"), "can-bo-01", true).ok());
    EXPECT_FALSE(service_->AuthenticateSession(login->session_token, Client()).ok());
    EXPECT_FALSE(service_->AuthenticateToken(token->token, Client()).ok());
    EXPECT_FALSE(service_->Login("can-bo-01", kPassword, Client()).ok());
}

TEST_F(AccountsTest, RevokedTokenNoLongerAuthenticates) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    auto token = service_->CreateTokenFor("can-bo-01", "script");
    ASSERT_TRUE(token.ok());
    auto auth = service_->AuthenticateToken(token->token, Client());
    ASSERT_TRUE(auth.ok());
    EXPECT_TRUE(auth->actor.via_token);
    ASSERT_TRUE(service_->RevokeToken(auth->actor, token->info.id).ok());
    EXPECT_FALSE(service_->AuthenticateToken(token->token, Client()).ok());
    EXPECT_FALSE(service_->RevokeToken(auth->actor, token->info.id).ok());
}

TEST_F(AccountsTest, ScopeOfANewProvinceIncludesItsPredecessors) {
    // The new Tây Ninh (80) was formed from the old Long An (80) and Tây Ninh (72).
    AddUser("can-bo-80", {"province_officer"}, {"80"});
    auto login = service_->Login("can-bo-80", kPassword, Client());
    auto auth = service_->AuthenticateSession(login->session_token, Client());
    ASSERT_TRUE(auth.ok());
    const Actor& a = auth->actor;
    EXPECT_TRUE(a.CanReadProvince(2080));
    EXPECT_TRUE(a.CanReadProvince(1080));
    EXPECT_TRUE(a.CanReadProvince(1072));
    EXPECT_TRUE(a.CanWriteProvince(1072));
    EXPECT_FALSE(a.CanReadProvince(2079));
    EXPECT_FALSE(a.SeesAllProvinces());
}

TEST_F(AccountsTest, MofaViewerReadsEverywhereButWritesNowhere) {
    AddUser("bo-xem", {"mofa_viewer"});
    auto login = service_->Login("bo-xem", kPassword, Client());
    auto auth = service_->AuthenticateSession(login->session_token, Client());
    ASSERT_TRUE(auth.ok());
    EXPECT_TRUE(auth->actor.CanReadProvince(2079));
    EXPECT_FALSE(auth->actor.CanWriteProvince(2079));
}

TEST_F(AccountsTest, OnlyAdministratorsManageAccounts) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    auto login = service_->Login("can-bo-01", kPassword, Client());
    auto auth = service_->AuthenticateSession(login->session_token, Client());
    CreateUserRequest r{"moi", "Mới", "", kPassword, {"viewer"}, {"01"}, {}, false};
    auto created = service_->CreateUser(auth->actor, r);
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(service_->ListUsers(auth->actor, {}).error().code, ErrorCode::kPermissionDenied);
}

TEST_F(AccountsTest, CreateUserRejectsBadInputNamingTheFieldAndWritesNothing) {
    Actor admin = Actor::System("test");
    struct Case {
        CreateUserRequest req;
        std::string field;
    } cases[] = {
        {{"x", "Tên", "", kPassword, {"viewer"}, {"01"}, {}, false}, "login"},
        {{"co dau é", "Tên", "", kPassword, {"viewer"}, {"01"}, {}, false}, "login"},
        {{"hop-le", "", "", kPassword, {"viewer"}, {"01"}, {}, false}, "display_name"},
        {{"hop-le", "Tên", "", "short", {"viewer"}, {"01"}, {}, false}, "password"},
        {{"hop-le", "Tên", "", "password12345", {"viewer"}, {"01"}, {}, false}, "password"},
        {{"hop-le", "Tên", "", kPassword, {"emperor"}, {"01"}, {}, false}, "roles"},
        {{"hop-le", "Tên", "", kPassword, {"province_officer"}, {}, {}, false}, "provinces"},
        {{"hop-le", "Tên", "", kPassword, {"province_officer"}, {"99"}, {}, false}, "provinces"},
        {{"hop-le", "Tên", "", kPassword, {"mission_staff"}, {}, {"ZZ"}, false}, "countries"},
    };
    for (const auto& c : cases) {
        auto r = service_->CreateUser(admin, c.req);
        ASSERT_FALSE(r.ok()) << c.field;
        EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(r.error().field, c.field);
        EXPECT_FALSE(r.error().message_vi.empty());
        EXPECT_FALSE(r.error().message_en.empty());
    }
    EXPECT_EQ(Count("app_user"), 0);
    EXPECT_EQ(Count("user_role"), 0);
}

TEST_F(AccountsTest, DuplicateLoginIsAConflict) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    CreateUserRequest r{"CAN-BO-01", "Khác", "", kPassword, {"viewer"}, {"01"}, {}, false};
    auto again = service_->CreateUser(Actor::System("test"), r);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(AccountsTest, ResetPasswordForcesAChangeAndEndsSessions) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    auto login = service_->Login("can-bo-01", kPassword, Client());
    auto one_time = service_->ResetPassword(Actor::System("test"), "can-bo-01");
    ASSERT_TRUE(one_time.ok());
    EXPECT_FALSE(service_->AuthenticateSession(login->session_token, Client()).ok());
    auto next = service_->Login("can-bo-01", *one_time, Client());
    ASSERT_TRUE(next.ok());
    EXPECT_TRUE(next->must_change_password);
    auto auth = service_->AuthenticateSession(next->session_token, Client());
    auto changed =
        service_->ChangePassword(*auth, *one_time, "mua-thu-ha-noi-2026", "mua-thu-ha-noi-2026");
    ASSERT_TRUE(changed.ok());
    auto after = service_->Login("can-bo-01", "mua-thu-ha-noi-2026", Client());
    ASSERT_TRUE(after.ok());
    EXPECT_FALSE(after->must_change_password);
}

TEST_F(AccountsTest, ResetPasswordRevokesTheUsersApiTokens) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    AddUser("can-bo-02", {"province_officer"}, {"01"});
    auto mine = service_->CreateTokenFor("can-bo-01", "script");
    auto other = service_->CreateTokenFor("can-bo-02", "script");
    ASSERT_TRUE(mine.ok() && other.ok());
    ASSERT_TRUE(service_->AuthenticateToken(mine->token, Client()).ok());  // now cached
    ASSERT_TRUE(service_->ResetPassword(Actor::System("test"), "can-bo-01").ok());
    EXPECT_FALSE(service_->AuthenticateToken(mine->token, Client()).ok());
    EXPECT_TRUE(service_->AuthenticateToken(other->token, Client()).ok());
    auto tx = db().Begin(storage::TxMode::kRead);
    auto tokens = repo_.ListTokens(*tx, UserId{mine->info.user_id});
    ASSERT_EQ(tokens.size(), 1u);
    EXPECT_FALSE(tokens[0].revoked_at.empty());
}

TEST_F(AccountsTest, ChangingOnesOwnPasswordKeepsTheApiTokens) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    auto token = service_->CreateTokenFor("can-bo-01", "script");
    auto login = service_->Login("can-bo-01", kPassword, Client());
    auto auth = service_->AuthenticateSession(login->session_token, Client());
    ASSERT_TRUE(auth.ok());
    ASSERT_TRUE(
        service_->ChangePassword(*auth, kPassword, "mua-thu-ha-noi-2026", "mua-thu-ha-noi-2026")
            .ok());
    EXPECT_TRUE(service_->AuthenticateToken(token->token, Client()).ok());
}

// Two services on one database stand for two server processes (or a server and `ngoaivu user`):
// a change made through one reaches the other's token cache at its next request.
TEST_F(AccountsTest, AChangeFromAnotherProcessReachesTheTokenCacheAtOnce) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    AccountsConfig config;
    config.cost = kTestCost;
    AccountService other(db(), repo_, *audit_, clock_, config);
    auto token = service_->CreateTokenFor("can-bo-01", "script");
    ASSERT_TRUE(token.ok());
    ASSERT_TRUE(service_->AuthenticateToken(token->token, Client()).ok());  // cached here
    ASSERT_TRUE(other.SetDisabled(Actor::System("cli"), "can-bo-01", true).ok());
    EXPECT_FALSE(service_->AuthenticateToken(token->token, Client()).ok());  // no clock advance

    ASSERT_TRUE(other.SetDisabled(Actor::System("cli"), "can-bo-01", false).ok());
    auto again = service_->AuthenticateToken(token->token, Client());
    ASSERT_TRUE(again.ok());
    ASSERT_TRUE(other.RevokeToken(again->actor, token->info.id).ok());
    EXPECT_FALSE(service_->AuthenticateToken(token->token, Client()).ok());
}

// The same with the counter the processes of one SQLite file share (app/auth_changes.hpp): each
// process answers from its cache without reading the stored epoch while the counter stands still,
// and a change made through the other reaches it at its next request all the same.
TEST_F(AccountsTest, WithASharedCounterAChangeFromAnotherProcessStillReachesTheCacheAtOnce) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    std::filesystem::path file = dir().path() / "ngoaivu.db-auth";
    SharedCounter mine(file);
    SharedCounter theirs(file);  // the other process's own mapping
    AccountsConfig config;
    config.cost = kTestCost;
    AccountService here(db(), repo_, *audit_, clock_, config, &mine);
    AccountService other(db(), repo_, *audit_, clock_, config, &theirs);
    auto token = service_->CreateTokenFor("can-bo-01", "script");
    ASSERT_TRUE(token.ok());
    ASSERT_TRUE(here.AuthenticateToken(token->token, Client()).ok());  // cached here
    {
        // Bypassing the services moves neither the epoch nor the counter: still answered from
        // the cache (the second answer did not read the token).
        auto tx = db().Begin(storage::TxMode::kWrite);
        tx->Exec("UPDATE api_token SET revoked_at = '2020-01-01T00:00:00.000Z'");
        tx->Commit();
    }
    EXPECT_TRUE(here.AuthenticateToken(token->token, Client()).ok());
    {
        auto tx = db().Begin(storage::TxMode::kWrite);
        tx->Exec("UPDATE api_token SET revoked_at = NULL");
        tx->Commit();
    }

    std::uint64_t before = mine.Load();
    ASSERT_TRUE(other.SetDisabled(Actor::System("cli"), "can-bo-01", true).ok());
    EXPECT_EQ(mine.Load(), before + 1) << "the other process moved the shared counter";
    EXPECT_FALSE(here.AuthenticateToken(token->token, Client()).ok());  // no clock advance
    ASSERT_TRUE(other.SetDisabled(Actor::System("cli"), "can-bo-01", false).ok());
    auto again = here.AuthenticateToken(token->token, Client());
    ASSERT_TRUE(again.ok());
    ASSERT_TRUE(other.RevokeToken(again->actor, token->info.id).ok());
    EXPECT_FALSE(here.AuthenticateToken(token->token, Client()).ok());

    // A process without the counter (PostgreSQL, or an older program) still sees the change by
    // the stored epoch.
    auto second = service_->CreateTokenFor("can-bo-01", "second");
    ASSERT_TRUE(here.AuthenticateToken(second->token, Client()).ok());
    ASSERT_TRUE(service_->SetDisabled(Actor::System("cli"), "can-bo-01", true).ok());
    EXPECT_TRUE(here.AuthenticateToken(second->token, Client()).ok())
        << "documented limit: a process that does not share the counter is seen after the "
           "cache's ten seconds";
    clock_.Advance(std::chrono::seconds(11));
    EXPECT_FALSE(here.AuthenticateToken(second->token, Client()).ok());
}

TEST_F(AccountsTest, TheTokenCacheStillAnswersWhileNothingChanges) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    auto token = service_->CreateTokenFor("can-bo-01", "script");
    ASSERT_TRUE(service_->AuthenticateToken(token->token, Client()).ok());
    {
        // A change that bypasses the services (and so the epoch) is not seen until the entry
        // expires: proof that the second answer came from the cache.
        auto tx = db().Begin(storage::TxMode::kWrite);
        tx->Exec("UPDATE api_token SET revoked_at = '2020-01-01T00:00:00.000Z'");
        tx->Commit();
    }
    EXPECT_TRUE(service_->AuthenticateToken(token->token, Client()).ok());
    clock_.Advance(std::chrono::seconds(11));
    EXPECT_FALSE(service_->AuthenticateToken(token->token, Client()).ok());
}

TEST_F(AccountsTest, PurgeDeletesExpiredSessionsAndOldLoginAttemptsOnly) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    AddUser("can-bo-02", {"province_officer"}, {"01"});
    (void)service_->Login("can-bo-01", "sai-mat-khau-roi-nhe", Client());  // a failure
    auto idle = service_->Login("can-bo-01", kPassword, Client());
    ASSERT_TRUE(idle.ok());
    clock_.Advance(minutes(20));
    auto fresh = service_->Login("can-bo-02", kPassword, Client());
    ASSERT_TRUE(fresh.ok());
    clock_.Advance(minutes(15));  // the first session is now 35 minutes idle, the second 15

    auto count = [&](const char* sql) {
        auto tx = db().Begin(storage::TxMode::kRead);
        return tx->QueryOne(sql)->Int(0);
    };
    auto audit_entries = count("SELECT COUNT(*) FROM audit_log");
    auto report = service_->Purge();
    EXPECT_EQ(report.sessions, 1);
    EXPECT_EQ(report.login_attempts, 0);  // kept for a week
    EXPECT_TRUE(service_->AuthenticateSession(fresh->session_token, Client()).ok());
    EXPECT_EQ(count("SELECT COUNT(*) FROM user_session"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audit_entries + 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'purge'"), 1);

    clock_.Advance(hours(24 * 7));
    report = service_->Purge();
    EXPECT_EQ(report.sessions, 1);
    EXPECT_EQ(report.login_attempts, 3);
    EXPECT_EQ(count("SELECT COUNT(*) FROM login_attempt"), 0);

    // Nothing left to delete: no write, no audit entry.
    auto before = count("SELECT COUNT(*) FROM audit_log");
    report = service_->Purge();
    EXPECT_EQ(report.sessions + report.login_attempts, 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), before);
    EXPECT_TRUE(audit_->Verify().ok);
}

TEST_F(AccountsTest, ChangePasswordNamesTheWrongField) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    auto login = service_->Login("can-bo-01", kPassword, Client());
    auto auth = service_->AuthenticateSession(login->session_token, Client());
    EXPECT_EQ(service_->ChangePassword(*auth, "wrong", "mua-thu-ha-noi-2026", "mua-thu-ha-noi-2026")
                  .error()
                  .field,
              "current_password");
    EXPECT_EQ(service_->ChangePassword(*auth, kPassword, "mua-thu-ha-noi-2026", "other-thing-2026")
                  .error()
                  .field,
              "confirm_password");
    EXPECT_EQ(service_->ChangePassword(*auth, kPassword, "short", "short").error().field,
              "new_password");
}

TEST_F(AccountsTest, FirstAdministratorIsCreatedOnceWithAOneTimePassword) {
    auto first = service_->EnsureFirstAdmin();
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->user.login, "admin");
    EXPECT_FALSE(first->one_time_password.empty());
    EXPECT_TRUE(first->user.must_change_password);
    EXPECT_FALSE(service_->EnsureFirstAdmin().has_value());
}

// Editing one's own profile (full name and email) with optimistic locking.
class ProfileTest : public AccountsTest {
 protected:
    void SetUp() override {
        AccountsTest::SetUp();
        user_ = AddUser("can-bo-01", {"province_officer"}, {"01"});
        actor_.user_id = user_.id.value;
        actor_.login = user_.login;
        actor_.request_id = "req-profile";
    }

    User Stored() {
        auto me = service_->Me(actor_);
        EXPECT_TRUE(me.ok());
        return *me;
    }

    // The newest audit entry.
    audit::AuditEntry LastEntry() {
        auto tx = db().Begin(storage::TxMode::kRead);
        auto entries = audit_repo_.Range(*tx, 0, 1000);
        EXPECT_FALSE(entries.empty());
        return entries.back();
    }

    User user_;
    Actor actor_;
};

TEST_F(ProfileTest, MeReadsTheCallersOwnAccountFromTheDatabase) {
    User me = Stored();
    EXPECT_EQ(me.login, "can-bo-01");
    EXPECT_EQ(me.display_name, "Người dùng can-bo-01");
    EXPECT_EQ(me.email, "");
    EXPECT_EQ(me.version, 1);
    auto system = service_->Me(Actor::System("test"));
    ASSERT_FALSE(system.ok());
    EXPECT_EQ(system.error().code, ErrorCode::kNotFound);
}

TEST_F(ProfileTest, UpdateNormalisesTheNameAndEmailAndIncrementsTheVersion) {
    clock_.Advance(minutes(5));
    // "Hoà" typed decomposed (o + combining grave), with spaces around both values.
    auto r = service_->UpdateProfile(actor_, 1, "  Nguyễn Thị Hoa\xCC\x80 \t",
                                     " hoa.nt@songoaivu.example.vn ");
    ASSERT_TRUE(r.ok()) << r.error().message_en;
    EXPECT_EQ(r->display_name, "Nguyễn Thị Hoà");
    EXPECT_EQ(r->email, "hoa.nt@songoaivu.example.vn");
    EXPECT_EQ(r->version, 2);
    User me = Stored();
    EXPECT_EQ(me.display_name, "Nguyễn Thị Hoà");
    EXPECT_EQ(me.email, "hoa.nt@songoaivu.example.vn");
    EXPECT_EQ(me.version, 2);
    EXPECT_NE(me.updated_at, user_.updated_at);
    EXPECT_EQ(me.password_hash, user_.password_hash);
    EXPECT_TRUE(service_->Login("can-bo-01", kPassword, Client()).ok()) << "the password stays";

    // An empty email removes it; the next save needs the new version.
    auto cleared = service_->UpdateProfile(actor_, 2, "Nguyễn Thị Hoà", "   ");
    ASSERT_TRUE(cleared.ok());
    EXPECT_EQ(cleared->email, "");
    EXPECT_EQ(cleared->version, 3);
    EXPECT_EQ(Stored().email, "");
}

TEST_F(ProfileTest, UpdateRecordsAnAuditEntryFromBeforeToAfter) {
    std::int64_t entries = Count("audit_log");
    ASSERT_TRUE(service_->UpdateProfile(actor_, 1, "Trần Văn Bình", "binh@example.vn").ok());
    EXPECT_EQ(Count("audit_log"), entries + 1);
    auto e = LastEntry();
    EXPECT_EQ(e.action, "update_profile");
    EXPECT_EQ(e.entity, "user");
    EXPECT_EQ(e.entity_id, std::to_string(user_.id.value));
    EXPECT_EQ(e.user_login, "can-bo-01");
    EXPECT_EQ(e.request_id, "req-profile");
    auto before = nlohmann::json::parse(e.before_json);
    auto after = nlohmann::json::parse(e.after_json);
    EXPECT_EQ(before["display_name"], "Người dùng can-bo-01");
    EXPECT_EQ(before["email"], "");
    EXPECT_EQ(after["display_name"], "Trần Văn Bình");
    EXPECT_EQ(after["email"], "binh@example.vn");
    EXPECT_EQ(after["login"], "can-bo-01");
    EXPECT_EQ(e.after_json.find("argon2"), std::string::npos);
    auto report = audit_->Verify();
    EXPECT_TRUE(report.ok) << report.problem;
}

TEST_F(ProfileTest, AStaleVersionIsAConflictOnVersionAndChangesNothing) {
    ASSERT_TRUE(service_->UpdateProfile(actor_, 1, "Tab một", "mot@example.vn").ok());
    std::int64_t entries = Count("audit_log");
    auto stale = service_->UpdateProfile(actor_, 1, "Tab hai", "hai@example.vn");
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
    EXPECT_EQ(stale.error().field, "version");
    EXPECT_NE(stale.error().message_vi.find("thay đổi ở nơi khác"), std::string::npos);
    EXPECT_NE(stale.error().message_en.find("changed elsewhere"), std::string::npos);
    // A version from the future is just as stale, and so is a stale save that changes nothing.
    EXPECT_EQ(service_->UpdateProfile(actor_, 7, "Tab hai", "").error().code, ErrorCode::kConflict);
    EXPECT_EQ(service_->UpdateProfile(actor_, 1, "Tab một", "mot@example.vn").error().code,
              ErrorCode::kConflict);
    User me = Stored();
    EXPECT_EQ(me.display_name, "Tab một");
    EXPECT_EQ(me.email, "mot@example.vn");
    EXPECT_EQ(me.version, 2);
    EXPECT_EQ(Count("audit_log"), entries);
    // With the current version, the second tab's save goes through.
    auto retried = service_->UpdateProfile(actor_, 2, "Tab hai", "hai@example.vn");
    ASSERT_TRUE(retried.ok());
    EXPECT_EQ(retried->version, 3);
}

TEST_F(ProfileTest, BadInputIsRefusedNamingTheFieldAndChangesNothing) {
    std::int64_t entries = Count("audit_log");
    const std::string ok_name = "Lê Thu Trang";
    struct Case {
        std::string name;
        std::string email;
        std::int64_t version;
        std::string field;
    } cases[] = {
        {"", "", 1, "display_name"},
        {" \t\xC2\xA0 ", "", 1, "display_name"},  // only white space, a no-break space included
        {std::string(201, 'a'), "", 1, "display_name"},
        {Repeat("ệ", 201), "", 1, "display_name"},  // 201 characters, 603 bytes
        {"Tr\xFFng", "", 1, "display_name"},        // not UTF-8
        {ok_name, "khong-co-a-cong", 1, "email"},
        {ok_name, "a@b@example.vn", 1, "email"},
        {ok_name, "a@@example.vn", 1, "email"},
        {ok_name, "@example.vn", 1, "email"},
        {ok_name, "trang@localhost", 1, "email"},
        {ok_name, "le trang@example.vn", 1, "email"},
        {ok_name, "trang@exam\tple.vn", 1, "email"},
        {ok_name, "trang\x01@example.vn", 1, "email"},
        {ok_name, "trang\xC2\x85@example.vn", 1, "email"},             // U+0085, a C1 control
        {ok_name, "trang@example.vn\xFF", 1, "email"},                 // not UTF-8
        {ok_name, std::string(246, 'a') + "@example.vn", 1, "email"},  // 257 characters
        {ok_name, "trang@example.vn", 0, "version"},
        {ok_name, "trang@example.vn", -3, "version"},
    };
    for (const auto& c : cases) {
        auto r = service_->UpdateProfile(actor_, c.version, c.name, c.email);
        ASSERT_FALSE(r.ok()) << c.field << ": " << c.name << " / " << c.email;
        EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << c.email;
        EXPECT_EQ(r.error().field, c.field) << c.name << " / " << c.email;
        ASSERT_FALSE(r.error().fields.empty());
        EXPECT_EQ(r.error().fields.front().field, c.field);
        EXPECT_FALSE(r.error().message_vi.empty());
        EXPECT_FALSE(r.error().message_en.empty());
    }
    // Every bad field is named, the first as the main one.
    auto all = service_->UpdateProfile(actor_, 0, "", "x");
    ASSERT_FALSE(all.ok());
    EXPECT_EQ(all.error().field, "display_name");
    ASSERT_EQ(all.error().fields.size(), 3u);
    EXPECT_EQ(all.error().fields[1].field, "email");
    EXPECT_EQ(all.error().fields[2].field, "version");

    User me = Stored();
    EXPECT_EQ(me.display_name, user_.display_name);
    EXPECT_EQ(me.email, "");
    EXPECT_EQ(me.version, 1);
    EXPECT_EQ(Count("audit_log"), entries);
}

TEST_F(ProfileTest, TheLimitsThemselvesAreAccepted) {
    std::string name = Repeat("ệ", 200);                        // 200 characters, 600 bytes
    std::string email = std::string(243, 'a') + "@example.vn";  // 254 characters
    auto r = service_->UpdateProfile(actor_, 1, name, email);
    ASSERT_TRUE(r.ok()) << r.error().message_en;
    EXPECT_EQ(Stored().display_name, name);
    EXPECT_EQ(Stored().email, email);
}

TEST_F(ProfileTest, ASaveThatChangesNothingWritesNothing) {
    ASSERT_TRUE(service_->UpdateProfile(actor_, 1, "Phạm Minh", "minh@example.vn").ok());
    User before = Stored();
    std::int64_t entries = Count("audit_log");
    clock_.Advance(minutes(3));
    auto r = service_->UpdateProfile(actor_, 2, " Phạm Minh ", "minh@example.vn ");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->version, 2);
    User after = Stored();
    EXPECT_EQ(after.version, 2);
    EXPECT_EQ(after.updated_at, before.updated_at);
    EXPECT_EQ(Count("audit_log"), entries);
}

TEST_F(ProfileTest, CreateUserNormalisesTheNameWithTheSameRule) {
    CreateUserRequest r{"moi-01", "  Đỗ Văn An ", "", kPassword, {"viewer"}, {"01"}, {}, false};
    auto created = service_->CreateUser(Actor::System("test"), r);
    ASSERT_TRUE(created.ok());
    EXPECT_EQ(created->user.display_name, "Đỗ Văn An");
    r.login = "moi-02";
    r.display_name = std::string(201, 'x');
    EXPECT_EQ(service_->CreateUser(Actor::System("test"), r).error().field, "display_name");
}

TEST(PasswordPolicy, AcceptsALongPhraseAndRejectsCommonOrShortOnes) {
    auto blocklist = PasswordBlocklist::Load("/usr/share/dict/cracklib-small");
    EXPECT_TRUE(CheckPasswordPolicy("Tôi yêu Hà Nội mùa thu", "can-bo", blocklist, "p").ok());
    EXPECT_FALSE(CheckPasswordPolicy("ngắn quá", "can-bo", blocklist, "p").ok());
    EXPECT_FALSE(CheckPasswordPolicy("Password123456!", "can-bo", blocklist, "p").ok());
    EXPECT_FALSE(CheckPasswordPolicy("matkhau@2024!!", "can-bo", blocklist, "p").ok());
    EXPECT_FALSE(CheckPasswordPolicy("aaaaaaaaaaaaaaa", "can-bo", blocklist, "p").ok());
    EXPECT_FALSE(CheckPasswordPolicy("123456789012345", "can-bo", blocklist, "p").ok());
    EXPECT_FALSE(CheckPasswordPolicy("canbo-2024-2025", "can-bo", blocklist, "p").ok());
    EXPECT_FALSE(CheckPasswordPolicy(std::string(129, 'x') + "y", "can-bo", blocklist, "p").ok());
}

TEST(PasswordHash, IsArgon2idAndVerifies) {
    std::string hash = HashPassword("một mật khẩu dài", kTestCost);
    EXPECT_TRUE(hash.starts_with("$argon2id$"));
    EXPECT_TRUE(VerifyPassword(hash, "một mật khẩu dài"));
    EXPECT_FALSE(VerifyPassword(hash, "một mật khẩu dai"));
    EXPECT_NE(hash, HashPassword("một mật khẩu dài", kTestCost));  // salted
}

// The audit trail: every write leaves an entry, and tampering is detected.
class AuditTest : public AccountsTest {};

TEST_F(AuditTest, EveryAccountWriteLeavesAnEntryAndTheChainVerifies) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    auto login = service_->Login("can-bo-01", kPassword, Client());
    auto auth = service_->AuthenticateSession(login->session_token, Client());
    ASSERT_TRUE(service_->CreateToken(auth->actor, "script").ok());
    EXPECT_EQ(Count("audit_log"), 3);  // create, login, create token
    auto report = audit_->Verify();
    EXPECT_TRUE(report.ok) << report.problem;
    EXPECT_EQ(report.entries, 3);
}

TEST_F(AuditTest, EntriesNeverHoldPasswordHashesOrTokens) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    auto token = service_->CreateTokenFor("can-bo-01", "script");
    auto tx = db().Begin(storage::TxMode::kRead);
    for (const auto& r : tx->Query("SELECT before_json || after_json FROM audit_log")) {
        EXPECT_EQ(r.Text(0).find("argon2"), std::string::npos);
        EXPECT_EQ(r.Text(0).find(token->token), std::string::npos);
    }
}

TEST_F(AuditTest, DetectsAnEditedEntry) {
    AddUser("a-01", {"viewer"}, {"01"});
    AddUser("a-02", {"viewer"}, {"01"});
    {
        auto tx = db().Begin(storage::TxMode::kWrite);
        tx->Exec("UPDATE audit_log SET after_json = '{}' WHERE id = 1");
        tx->Commit();
    }
    auto report = audit_->Verify();
    EXPECT_FALSE(report.ok);
    EXPECT_EQ(report.first_bad_id, 1);
}

TEST_F(AuditTest, DetectsARemovedEntryInTheMiddle) {
    AddUser("a-01", {"viewer"}, {"01"});
    AddUser("a-02", {"viewer"}, {"01"});
    AddUser("a-03", {"viewer"}, {"01"});
    {
        auto tx = db().Begin(storage::TxMode::kWrite);
        tx->Exec("DELETE FROM audit_log WHERE id = 2");
        tx->Commit();
    }
    auto report = audit_->Verify();
    EXPECT_FALSE(report.ok);
    EXPECT_EQ(report.first_bad_id, 3);
}

TEST_F(AuditTest, DetectsTheNewestEntryRemoved) {
    AddUser("a-01", {"viewer"}, {"01"});
    AddUser("a-02", {"viewer"}, {"01"});
    {
        auto tx = db().Begin(storage::TxMode::kWrite);
        tx->Exec("DELETE FROM audit_log WHERE id = 2");
        tx->Commit();
    }
    EXPECT_FALSE(audit_->Verify().ok);
}

TEST_F(AuditTest, DetectsARecomputedButRelinkedEntry) {
    // Editing an entry and fixing its own hash still breaks the next entry's link.
    AddUser("a-01", {"viewer"}, {"01"});
    AddUser("a-02", {"viewer"}, {"01"});
    {
        auto tx = db().Begin(storage::TxMode::kWrite);
        auto e = audit_repo_.Range(*tx, 0, 1).front();
        e.after_json = "{\"forged\":true}";
        tx->Exec("UPDATE audit_log SET after_json = $1, hash = $2 WHERE id = 1",
                 {e.after_json, audit::ChainHash(e)});
        tx->Commit();
    }
    auto report = audit_->Verify();
    EXPECT_FALSE(report.ok);
    EXPECT_EQ(report.first_bad_id, 2);
}

// Rewriting the chain from an entry on and re-hashing every later entry and the head escapes the
// chain's own checks; an anchor recorded outside the database catches it.
TEST_F(AuditTest, AnAnchorDetectsAChainRewrittenAndRehashed) {
    AddUser("a-01", {"viewer"}, {"01"});
    AddUser("a-02", {"viewer"}, {"01"});
    auto clean = audit_->Verify();
    ASSERT_TRUE(clean.ok);
    EXPECT_EQ(clean.head_id, 2);
    audit::Anchor anchor{clean.head_id, clean.head_hash};
    EXPECT_EQ(audit_->Head().hash, anchor.hash);
    EXPECT_TRUE(audit_->Verify({anchor}).ok);
    AddUser("a-03", {"viewer"}, {"01"});
    EXPECT_TRUE(audit_->Verify({anchor}).ok);  // later entries do not disturb an anchor
    {
        auto tx = db().Begin(storage::TxMode::kWrite);
        auto entries = audit_repo_.Range(*tx, 0, 100);
        std::string prev;
        for (auto& e : entries) {
            if (e.id == 1)
                e.after_json = "{\"forged\":true}";
            e.prev_hash = prev;
            e.hash = audit::ChainHash(e);
            tx->Exec(
                "UPDATE audit_log SET after_json = $1, prev_hash = $2, hash = $3 WHERE id = $4",
                {e.after_json, e.prev_hash, e.hash, e.id});
            prev = e.hash;
        }
        tx->Exec("UPDATE audit_head SET last_hash = $1 WHERE id = 1", {prev});
        tx->Commit();
    }
    EXPECT_TRUE(audit_->Verify().ok);  // undetectable from inside
    auto report = audit_->Verify({anchor});
    EXPECT_FALSE(report.ok);
    EXPECT_EQ(report.first_bad_id, 2);
    EXPECT_NE(report.problem.find("anchor"), std::string::npos);
}

TEST_F(AuditTest, AnAnchorPastTheEndOfTheChainFails) {
    AddUser("a-01", {"viewer"}, {"01"});
    auto clean = audit_->Verify();
    auto report = audit_->Verify({{clean.head_id + 5, clean.head_hash}});
    EXPECT_FALSE(report.ok);
    EXPECT_NE(report.problem.find("no longer exists"), std::string::npos);
}

TEST(AuditAnchor, ParsesOnlyIdColonSixtyFourHexDigits) {
    std::string hash(64, 'a');
    auto a = audit::ParseAnchor("12:" + hash);
    ASSERT_TRUE(a.has_value());
    EXPECT_EQ(a->id, 12);
    EXPECT_EQ(a->hash, hash);
    EXPECT_EQ(audit::FormatAnchor(a->id, a->hash), "12:" + hash);
    for (std::string bad : {std::string(""), ":" + hash, "0:" + hash, "-1:" + hash, "x:" + hash,
                            "12" + hash, "12:" + hash.substr(1), "12:" + std::string(64, 'A'),
                            "12:" + hash + "0", "99999999999999999999:" + hash}) {
        EXPECT_FALSE(audit::ParseAnchor(bad).has_value()) << bad;
    }
}

TEST_F(AuditTest, ListIsForAdministratorsAndMofaOnly) {
    AddUser("can-bo-01", {"province_officer"}, {"01"});
    auto login = service_->Login("can-bo-01", kPassword, Client());
    auto auth = service_->AuthenticateSession(login->session_token, Client());
    EXPECT_EQ(audit_->List(auth->actor, {}, {}).error().code, ErrorCode::kPermissionDenied);
    auto all = audit_->List(Actor::System("test"), {}, {});
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all->total, 2);
    audit::AuditFilter bad;
    bad.from = "23/11/2026";
    EXPECT_EQ(audit_->List(Actor::System("test"), bad, {}).error().field, "from");
}

}  // namespace
}  // namespace ngoaivu::accounts
