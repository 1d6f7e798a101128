#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/page.hpp"
#include "modules/accounts/account.hpp"
#include "storage/database.hpp"

namespace ngoaivu::accounts {

// Storage of users, grants, sessions, tokens and login attempts. Absent rows are nullopt.
class AccountRepository {
 public:
    virtual ~AccountRepository() = default;

    virtual std::optional<User> FindUserByLogin(storage::Transaction& tx,
                                                const std::string& login) = 0;
    virtual std::optional<User> FindUser(storage::Transaction& tx, UserId id) = 0;
    virtual Page<User> ListUsers(storage::Transaction& tx, const PageRequest& page) = 0;
    virtual UserId InsertUser(storage::Transaction& tx, const User& user) = 0;
    // Writes password, flags and names if `user.version` is still current; false otherwise.
    virtual bool UpdateUser(storage::Transaction& tx, const User& user) = 0;
    virtual void ReplaceGrant(storage::Transaction& tx, UserId user, const StoredGrant& grant) = 0;
    virtual void RemoveGrant(storage::Transaction& tx, UserId user, Role role) = 0;
    // Old units that became part of `unit_id` on 1 July 2025 (for scope expansion).
    virtual std::vector<std::int64_t> PredecessorUnits(storage::Transaction& tx,
                                                       std::int64_t unit_id) = 0;
    virtual bool UnitExists(storage::Transaction& tx, std::int64_t unit_id) = 0;
    virtual bool CountryExists(storage::Transaction& tx, const std::string& alpha2) = 0;
    virtual bool AnyAdmin(storage::Transaction& tx) = 0;

    virtual void InsertSession(storage::Transaction& tx, const Session& s,
                               const std::string& client, const std::string& user_agent) = 0;
    virtual std::optional<Session> FindSession(storage::Transaction& tx,
                                               const std::string& id_hash) = 0;
    virtual void TouchSession(storage::Transaction& tx, const std::string& id_hash,
                              const std::string& now) = 0;
    virtual void DeleteSession(storage::Transaction& tx, const std::string& id_hash) = 0;
    // Deletes the user's sessions except `keep_hash` (may be ""); returns how many.
    virtual std::int64_t DeleteSessions(storage::Transaction& tx, UserId user,
                                        const std::string& keep_hash) = 0;

    virtual std::int64_t InsertToken(storage::Transaction& tx, const ApiToken& token,
                                     const std::string& hash) = 0;
    virtual std::optional<ApiToken> FindTokenByHash(storage::Transaction& tx,
                                                    const std::string& hash) = 0;
    virtual std::vector<ApiToken> ListTokens(storage::Transaction& tx, UserId user) = 0;
    virtual bool RevokeToken(storage::Transaction& tx, UserId user, std::int64_t id,
                             const std::string& now) = 0;
    virtual void TouchToken(storage::Transaction& tx, std::int64_t id, const std::string& now) = 0;
    // Revokes every token of the user still in force; returns how many.
    virtual std::int64_t RevokeTokensOf(storage::Transaction& tx, UserId user,
                                        const std::string& now) = 0;
    // The counter of changes to who may use an API token (auth_epoch, migration 0011), and
    // adding one to it in the caller's write transaction.
    virtual std::int64_t AuthEpoch(storage::Transaction& tx) = 0;
    virtual void BumpAuthEpoch(storage::Transaction& tx) = 0;

    // Records an attempt and returns its id.
    virtual std::int64_t InsertLoginAttempt(storage::Transaction& tx, const std::string& login,
                                            const std::string& client, const std::string& at,
                                            bool success) = 0;
    virtual void MarkLoginAttemptSucceeded(storage::Transaction& tx, std::int64_t id) = 0;
    // Failed attempts since `since` for the login, and for the client address.
    virtual std::int64_t FailuresForLogin(storage::Transaction& tx, const std::string& login,
                                          const std::string& since) = 0;
    virtual std::int64_t FailuresForClient(storage::Transaction& tx, const std::string& client,
                                           const std::string& since) = 0;
    // The newest failed attempt's time for the login since `since` ("" when none).
    virtual std::string LastFailureForLogin(storage::Transaction& tx, const std::string& login,
                                            const std::string& since) = 0;

    // Housekeeping: deletes the sessions past their absolute limit (`expires_at` before `now`)
    // or idle since before `idle_since`, and the login attempts older than `attempts_before`.
    virtual std::int64_t PurgeSessions(storage::Transaction& tx, const std::string& now,
                                       const std::string& idle_since) = 0;
    virtual std::int64_t PurgeLoginAttempts(storage::Transaction& tx,
                                            const std::string& attempts_before) = 0;
};

class SqlAccountRepository final : public AccountRepository {
 public:
    std::optional<User> FindUserByLogin(storage::Transaction& tx,
                                        const std::string& login) override;
    std::optional<User> FindUser(storage::Transaction& tx, UserId id) override;
    Page<User> ListUsers(storage::Transaction& tx, const PageRequest& page) override;
    UserId InsertUser(storage::Transaction& tx, const User& user) override;
    bool UpdateUser(storage::Transaction& tx, const User& user) override;
    void ReplaceGrant(storage::Transaction& tx, UserId user, const StoredGrant& grant) override;
    void RemoveGrant(storage::Transaction& tx, UserId user, Role role) override;
    std::vector<std::int64_t> PredecessorUnits(storage::Transaction& tx,
                                               std::int64_t unit_id) override;
    bool UnitExists(storage::Transaction& tx, std::int64_t unit_id) override;
    bool CountryExists(storage::Transaction& tx, const std::string& alpha2) override;
    bool AnyAdmin(storage::Transaction& tx) override;
    void InsertSession(storage::Transaction& tx, const Session& s, const std::string& client,
                       const std::string& user_agent) override;
    std::optional<Session> FindSession(storage::Transaction& tx,
                                       const std::string& id_hash) override;
    void TouchSession(storage::Transaction& tx, const std::string& id_hash,
                      const std::string& now) override;
    void DeleteSession(storage::Transaction& tx, const std::string& id_hash) override;
    std::int64_t DeleteSessions(storage::Transaction& tx, UserId user,
                                const std::string& keep_hash) override;
    std::int64_t InsertToken(storage::Transaction& tx, const ApiToken& token,
                             const std::string& hash) override;
    std::optional<ApiToken> FindTokenByHash(storage::Transaction& tx,
                                            const std::string& hash) override;
    std::vector<ApiToken> ListTokens(storage::Transaction& tx, UserId user) override;
    bool RevokeToken(storage::Transaction& tx, UserId user, std::int64_t id,
                     const std::string& now) override;
    void TouchToken(storage::Transaction& tx, std::int64_t id, const std::string& now) override;
    std::int64_t RevokeTokensOf(storage::Transaction& tx, UserId user,
                                const std::string& now) override;
    std::int64_t AuthEpoch(storage::Transaction& tx) override;
    void BumpAuthEpoch(storage::Transaction& tx) override;
    void MarkLoginAttemptSucceeded(storage::Transaction& tx, std::int64_t id) override;
    std::int64_t InsertLoginAttempt(storage::Transaction& tx, const std::string& login,
                                    const std::string& client, const std::string& at,
                                    bool success) override;
    std::int64_t FailuresForLogin(storage::Transaction& tx, const std::string& login,
                                  const std::string& since) override;
    std::int64_t FailuresForClient(storage::Transaction& tx, const std::string& client,
                                   const std::string& since) override;
    std::string LastFailureForLogin(storage::Transaction& tx, const std::string& login,
                                    const std::string& since) override;
    std::int64_t PurgeSessions(storage::Transaction& tx, const std::string& now,
                               const std::string& idle_since) override;
    std::int64_t PurgeLoginAttempts(storage::Transaction& tx,
                                    const std::string& attempts_before) override;

 private:
    std::vector<StoredGrant> LoadGrants(storage::Transaction& tx, UserId user);
};

}  // namespace ngoaivu::accounts
