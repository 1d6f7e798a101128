#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/actor.hpp"
#include "base/clock.hpp"
#include "base/page.hpp"
#include "base/result.hpp"
#include "base/shared_counter.hpp"
#include "modules/accounts/account.hpp"
#include "modules/accounts/account_repository.hpp"
#include "modules/accounts/password.hpp"
#include "modules/audit/audit_service.hpp"
#include "storage/database.hpp"

namespace ngoaivu::accounts {

struct AccountsConfig {
    PasswordCost cost;
    std::chrono::minutes session_idle{30};
    std::chrono::hours session_absolute{12};
    std::chrono::minutes throttle_window{15};
    int max_failures_per_login = 5;    // then the login is refused until the window passes
    int max_failures_per_client = 30;  // per client address, across logins
    // Login attempts are kept this long (they are the record of failed sign-ins), then purged.
    std::chrono::hours login_attempt_retention{24 * 7};
    std::string dictionary = "/usr/share/dict/cracklib-small";
};

// Where a request comes from, for sessions, throttling and the audit trail.
struct ClientInfo {
    std::string address;
    std::string user_agent;
    std::string request_id;
};

// A successful login: the raw session id goes into the cookie and is never stored or logged.
struct LoginResult {
    std::string session_token;
    std::string csrf_token;
    bool must_change_password = false;
    std::string login;
};

// An authenticated request.
struct AuthContext {
    Actor actor;
    std::string session_hash;  // "" for API tokens
    std::string csrf_token;    // "" for API tokens
    bool must_change_password = false;
    std::string display_name;
};

// What one housekeeping pass deleted (AccountService::Purge).
struct PurgeReport {
    std::int64_t sessions = 0;
    std::int64_t login_attempts = 0;
};

// Input of CreateUser and `ngoaivu user add`.
struct CreateUserRequest {
    std::string login;
    std::string display_name;
    std::string email;
    std::string password;            // "" → a one-time password is generated and must be changed
    std::vector<std::string> roles;  // role names
    std::vector<std::string> province_codes;  // current codes ("01"), for provincial roles
    std::vector<std::string> countries;       // alpha-2, for mission staff
    bool all_provinces = false;
};

struct CreatedUser {
    User user;
    std::string one_time_password;  // set when generated
};

// A new API token: `token` is shown once and stored only as a hash.
struct CreatedToken {
    ApiToken info;
    std::string token;
};

// Accounts, sessions, API tokens and authorisation. Every write runs in one transaction with its
// audit entry. Thread-safe.
class AccountService {
 public:
    // `changes` (optional): a counter shared with the other processes of the same SQLite
    // database (the server, `ngoaivu user …`); see the token cache below.
    AccountService(storage::Database& db, AccountRepository& repo, audit::AuditService& audit,
                   const Clock& clock, AccountsConfig config, SharedCounter* changes = nullptr);

    // Checks the password (one argon2id hash whether or not the account exists), throttles per
    // account and per client address, and opens a session. kUnauthenticated with one message
    // for a wrong login or password; too many failures give kTooManyRequests with the minutes to
    // wait, for existing and unknown logins alike (nothing reveals whether an account exists).
    Result<LoginResult> Login(const std::string& login, const std::string& password,
                              const ClientInfo& client);
    // The session's actor; kUnauthenticated when unknown, expired (idle or absolute) or the
    // user is disabled. Refreshes the idle timer at most once a minute.
    Result<AuthContext> AuthenticateSession(const std::string& session_token,
                                            const ClientInfo& client);
    // The token's actor; kUnauthenticated when unknown, revoked or the user is disabled.
    Result<AuthContext> AuthenticateToken(const std::string& token, const ClientInfo& client);
    Result<void> Logout(const AuthContext& auth);
    // Ends every session of the actor, this one included.
    Result<void> LogoutEverywhere(const AuthContext& auth);
    // Changes the actor's own password; other sessions end. API tokens stay in force (programs
    // keep working; the tokens page revokes them). Errors name "current_password" or
    // "new_password".
    Result<void> ChangePassword(const AuthContext& auth, const std::string& current,
                                const std::string& new_password, const std::string& confirm);

    // Administration (administrators only; kPermissionDenied otherwise).
    Result<CreatedUser> CreateUser(const Actor& actor, const CreateUserRequest& req);
    Result<User> Grant(const Actor& actor, const std::string& login, const CreateUserRequest& req);
    Result<User> SetDisabled(const Actor& actor, const std::string& login, bool disabled);
    // A new one-time password that must be changed at the next login; sessions end and the
    // user's API tokens are revoked (a reset answers a lost or exposed password).
    Result<std::string> ResetPassword(const Actor& actor, const std::string& login);
    Result<Page<User>> ListUsers(const Actor& actor, const PageRequest& page);
    Result<User> GetUser(const Actor& actor, const std::string& login);
    // Demo data only: creates the accounts that do not exist yet, all with `password` (hashed
    // once), audited as the system. Returns how many were created.
    Result<int> CreateDemoUsers(const std::vector<CreateUserRequest>& requests,
                                const std::string& password);
    // Creates the first administrator when there is none (ngoaivu init); nullopt otherwise.
    std::optional<CreatedUser> EnsureFirstAdmin();

    // The actor's own account, read from the database (not from the session or token cache):
    // kNotFound when the actor has no account (the system actor, or a deleted user).
    Result<User> Me(const Actor& actor);
    // Changes the actor's own full name and email, with optimistic locking. The name is NFC,
    // trimmed, required and at most 200 characters; the email is trimmed, optional ("" = none),
    // at most 254 characters, with exactly one '@', something before it, a domain with a dot,
    // and no spaces or control characters; `expected_version` is at least 1. Bad input gives
    // kInvalidArgument naming each field ("display_name", "email", "version"), and changes
    // nothing. When the stored version is not `expected_version`, kConflict with field "version"
    // and nothing is written. Otherwise the new user (version + 1) in one transaction with the
    // audit entry "update_profile" (before and after); when neither field changes, the user as
    // stored, without a write, an audit entry or a new version.
    Result<User> UpdateProfile(const Actor& actor, std::int64_t expected_version,
                               const std::string& display_name, const std::string& email);

    // API tokens of the actor itself.
    Result<CreatedToken> CreateToken(const Actor& actor, const std::string& name);
    Result<std::vector<ApiToken>> ListTokens(const Actor& actor);
    Result<void> RevokeToken(const Actor& actor, std::int64_t token_id);
    // For `ngoaivu user token`: a token for `login` created by the system.
    Result<CreatedToken> CreateTokenFor(const std::string& login, const std::string& name);

    // Housekeeping (the server runs it every few minutes): deletes the sessions past their idle
    // or absolute limit and the login attempts older than `login_attempt_retention`, in one
    // transaction with one audit entry when anything was deleted.
    PurgeReport Purge();

    // The Actor of `user` (scopes expanded with the 2025 predecessors).
    Actor ActorFor(storage::Transaction& tx, const User& user, const ClientInfo& client);

    // The dictionary of refused passwords, loaded on first use (it takes ~35 ms).
    const PasswordBlocklist& blocklist() const;

 private:
    std::string Iso(std::chrono::system_clock::time_point t) const;
    Result<StoredGrant> ResolveGrant(storage::Transaction& tx, Role role,
                                     const CreateUserRequest& req);
    static nlohmann::json Describe(const User& user);
    Result<CreatedUser> CreateUserWithHash(const Actor& actor, const CreateUserRequest& req,
                                           const std::string& precomputed_hash);

    storage::Database& db_;
    AccountRepository& repo_;
    audit::AuditService& audit_;
    const Clock& clock_;
    AccountsConfig config_;
    // Password hashing takes 32 MiB and ~66 ms: at most two run at once, so that a burst of
    // sign-ins cannot exhaust memory; the others wait.
    std::string Hash(std::string_view password) const;
    bool Verify(const std::string& hash, std::string_view password) const;
    const std::string& DecoyHash() const;

    mutable std::once_flag blocklist_once_;
    mutable PasswordBlocklist blocklist_;
    mutable std::once_flag decoy_once_;
    mutable std::string decoy_hash_;  // verified against for unknown logins, to equalise timing
    mutable std::counting_semaphore<64> hash_slots_{2};

    // API tokens authenticate from a per-process cache for up to kTokenCacheTtl. A revocation,
    // a disabled account, a grant or a reset clears it here at once and adds 1 to auth_epoch;
    // a cached entry is used only while the stored epoch is the one it was read with, so the
    // change reaches other server processes (and `ngoaivu user disable`) at the next request.
    // With `changes_`, every process also adds 1 to that shared counter once such a change has
    // committed; an entry whose counter value (read before the epoch) is unchanged is used
    // without reading the epoch (a read transaction per request, two fcntl calls on SQLite).
    // A timestamp refresh (session idle timer, token last use): a small write that need not
    // queue behind other writers (TxMode::kConcurrent, retried on a conflict) and that may be
    // skipped when the database stays busy; the next request refreshes it.
    template <typename Fn>
    void Touch(Fn&& fn) {
        try {
            storage::WithRetry(db_, storage::TxMode::kConcurrent, std::forward<Fn>(fn));
        } catch (const storage::BusyError&) {
        }
    }

    struct CachedToken {
        AuthContext auth;
        std::chrono::system_clock::time_point until;
        std::int64_t epoch = 0;
        std::uint64_t changes = 0;  // changes_->Load() before the epoch was read
    };
    SharedCounter* changes_;
    static constexpr std::chrono::seconds kTokenCacheTtl{10};
    void ForgetTokens();
    std::mutex token_mu_;
    std::unordered_map<std::string, CachedToken> token_cache_;
};

// Normalises a login (trimmed, lower case); kInvalidArgument unless 3–64 of [a-z0-9._-].
Result<std::string> NormaliseLogin(const std::string& login);
// Normalises a full name (NFC, surrounding white space removed); kInvalidArgument naming
// "display_name" when it is not valid UTF-8, empty, or longer than 200 characters.
Result<std::string> NormaliseDisplayName(const std::string& display_name);
// Normalises an email address (surrounding white space removed; "" means none);
// kInvalidArgument naming "email" when it is longer than 254 characters, has not exactly one '@',
// nothing before it, no dot after it, or any space or control character.
Result<std::string> NormaliseEmail(const std::string& email);

}  // namespace ngoaivu::accounts
