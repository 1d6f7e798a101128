#include <map>

#include "modules/accounts/account_repository.hpp"

namespace ngoaivu::accounts {

namespace {

constexpr const char* kFindUserByLogin =
    "SELECT id, login, display_name, email, password_hash, must_change_password, disabled, "
    "created_at, updated_at, version FROM app_user WHERE login = $1";
constexpr const char* kFindUser =
    "SELECT id, login, display_name, email, password_hash, must_change_password, disabled, "
    "created_at, updated_at, version FROM app_user WHERE id = $1";
constexpr const char* kListUsers =
    "SELECT id, login, display_name, email, password_hash, must_change_password, disabled, "
    "created_at, updated_at, version FROM app_user ORDER BY login LIMIT $1 OFFSET $2";
constexpr const char* kCountUsers = "SELECT COUNT(*) FROM app_user";
constexpr const char* kInsertUser =
    "INSERT INTO app_user (login, display_name, email, password_hash, must_change_password, "
    "disabled, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 1) "
    "RETURNING id";
constexpr const char* kUpdateUser =
    "UPDATE app_user SET display_name = $1, email = $2, password_hash = $3, "
    "must_change_password = $4, disabled = $5, updated_at = $6, version = version + 1 "
    "WHERE id = $7 AND version = $8";
// A user's grants, with their provinces and countries, in three queries whatever their number;
// the ...Page forms do the same for one page of ListUsers ($1 LIMIT, $2 OFFSET).
constexpr const char* kGrants =
    "SELECT user_id, id, role, all_provinces FROM user_role WHERE user_id = $1 ORDER BY id";
constexpr const char* kGrantUnits =
    "SELECT p.user_role_id, p.admin_unit_id FROM user_role_province p "
    "JOIN user_role r ON r.id = p.user_role_id WHERE r.user_id = $1 "
    "ORDER BY p.user_role_id, p.admin_unit_id";
constexpr const char* kGrantCountries =
    "SELECT c.user_role_id, c.country_alpha2 FROM user_role_country c "
    "JOIN user_role r ON r.id = c.user_role_id WHERE r.user_id = $1 "
    "ORDER BY c.user_role_id, c.country_alpha2";
#define NGOAIVU_PAGE_OF_USERS "(SELECT id FROM app_user ORDER BY login LIMIT $1 OFFSET $2)"
constexpr const char* kGrantsPage =
    "SELECT user_id, id, role, all_provinces FROM user_role WHERE user_id IN " NGOAIVU_PAGE_OF_USERS
    " ORDER BY user_id, id";
constexpr const char* kGrantUnitsPage =
    "SELECT p.user_role_id, p.admin_unit_id FROM user_role_province p "
    "JOIN user_role r ON r.id = p.user_role_id WHERE r.user_id IN " NGOAIVU_PAGE_OF_USERS
    " ORDER BY p.user_role_id, p.admin_unit_id";
constexpr const char* kGrantCountriesPage =
    "SELECT c.user_role_id, c.country_alpha2 FROM user_role_country c "
    "JOIN user_role r ON r.id = c.user_role_id WHERE r.user_id IN " NGOAIVU_PAGE_OF_USERS
    " ORDER BY c.user_role_id, c.country_alpha2";
#undef NGOAIVU_PAGE_OF_USERS
constexpr const char* kDeleteGrant = "DELETE FROM user_role WHERE user_id = $1 AND role = $2";
constexpr const char* kInsertGrant =
    "INSERT INTO user_role (user_id, role, all_provinces) VALUES ($1, $2, $3) RETURNING id";
constexpr const char* kInsertGrantUnit =
    "INSERT INTO user_role_province (user_role_id, admin_unit_id) VALUES ($1, $2)";
constexpr const char* kInsertGrantCountry =
    "INSERT INTO user_role_country (user_role_id, country_alpha2) VALUES ($1, $2)";
constexpr const char* kPredecessors =
    "SELECT old_unit_id FROM admin_unit_succession WHERE new_unit_id = $1";
constexpr const char* kUnitExists = "SELECT 1 FROM admin_unit WHERE id = $1";
constexpr const char* kCountryExists = "SELECT 1 FROM country WHERE alpha2 = $1";
constexpr const char* kAnyAdmin =
    "SELECT 1 FROM user_role r JOIN app_user u ON u.id = r.user_id "
    "WHERE r.role = 'admin' AND u.disabled = 0 LIMIT 1";

constexpr const char* kInsertSession =
    "INSERT INTO user_session (id_hash, user_id, csrf_token, created_at, last_seen_at, "
    "expires_at, client_address, user_agent) VALUES ($1, $2, $3, $4, $4, $5, $6, $7)";
constexpr const char* kFindSession =
    "SELECT id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at FROM user_session "
    "WHERE id_hash = $1";
constexpr const char* kTouchSession =
    "UPDATE user_session SET last_seen_at = $2 WHERE id_hash = $1";
constexpr const char* kDeleteSession = "DELETE FROM user_session WHERE id_hash = $1";
constexpr const char* kDeleteSessions =
    "DELETE FROM user_session WHERE user_id = $1 AND id_hash <> $2";

constexpr const char* kInsertToken =
    "INSERT INTO api_token (user_id, name, token_hash, prefix, created_at) "
    "VALUES ($1, $2, $3, $4, $5) RETURNING id";
constexpr const char* kFindToken =
    "SELECT id, user_id, name, prefix, created_at, last_used_at, revoked_at FROM api_token "
    "WHERE token_hash = $1";
constexpr const char* kListTokens =
    "SELECT id, user_id, name, prefix, created_at, last_used_at, revoked_at FROM api_token "
    "WHERE user_id = $1 ORDER BY id DESC";
constexpr const char* kRevokeToken =
    "UPDATE api_token SET revoked_at = $3 WHERE id = $2 AND user_id = $1 AND revoked_at IS NULL";
constexpr const char* kTouchToken = "UPDATE api_token SET last_used_at = $2 WHERE id = $1";
constexpr const char* kRevokeTokensOf =
    "UPDATE api_token SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL";
constexpr const char* kAuthEpoch = "SELECT value FROM auth_epoch WHERE id = 1";
constexpr const char* kBumpAuthEpoch = "UPDATE auth_epoch SET value = value + 1 WHERE id = 1";
constexpr const char* kPurgeSessions =
    "DELETE FROM user_session WHERE expires_at < $1 OR last_seen_at < $2";
constexpr const char* kPurgeAttempts = "DELETE FROM login_attempt WHERE at < $1";

constexpr const char* kInsertAttempt =
    "INSERT INTO login_attempt (login, client_address, at, success) VALUES ($1, $2, $3, $4) "
    "RETURNING id";
constexpr const char* kAttemptSucceeded = "UPDATE login_attempt SET success = 1 WHERE id = $1";
constexpr const char* kFailuresForLogin =
    "SELECT COUNT(*), MAX(at) FROM login_attempt WHERE login = $1 AND at >= $2 AND success = 0";
constexpr const char* kFailuresForClient =
    "SELECT COUNT(*) FROM login_attempt WHERE client_address = $1 AND at >= $2 AND success = 0";

User ToUser(const storage::Row& r) {
    User u;
    u.id = UserId{r.Int(0)};
    u.login = r.Text(1);
    u.display_name = r.Text(2);
    u.email = r.Text(3);
    u.password_hash = r.Text(4);
    u.must_change_password = r.Int(5) != 0;
    u.disabled = r.Int(6) != 0;
    u.created_at = r.Text(7);
    u.updated_at = r.Text(8);
    u.version = r.Int(9);
    return u;
}

ApiToken ToToken(const storage::Row& r) {
    return ApiToken{r.Int(0),  UserId{r.Int(1)}, r.Text(2), r.Text(3),
                    r.Text(4), r.Text(5),        r.Text(6)};
}

storage::Value OrNull(const std::string& s) {
    return s.empty() ? storage::Value() : storage::Value(s);
}

}  // namespace

namespace {

// Grants by user id, from the three grant queries run with `params`.
std::map<std::int64_t, std::vector<StoredGrant>> LoadGrantsWhere(storage::Transaction& tx,
                                                                 const char* grants_sql,
                                                                 const char* units_sql,
                                                                 const char* countries_sql,
                                                                 storage::ParamSpan params) {
    std::map<std::int64_t, std::vector<StoredGrant>> by_user;
    // grant id → where it is: (user id, index in that user's vector)
    std::map<std::int64_t, std::pair<std::int64_t, std::size_t>> where;
    for (const auto& r : tx.Query(grants_sql, params)) {
        StoredGrant g;
        if (!ParseRole(r.Text(2), &g.role))
            continue;
        g.all_provinces = r.Int(3) != 0;
        auto& grants = by_user[r.Int(0)];
        where[r.Int(1)] = {r.Int(0), grants.size()};
        grants.push_back(std::move(g));
    }
    auto grant = [&](std::int64_t id) -> StoredGrant* {
        auto it = where.find(id);
        return it == where.end() ? nullptr : &by_user[it->second.first][it->second.second];
    };
    for (const auto& r : tx.Query(units_sql, params)) {
        if (StoredGrant* g = grant(r.Int(0)))
            g->unit_ids.push_back(r.Int(1));
    }
    for (const auto& r : tx.Query(countries_sql, params)) {
        if (StoredGrant* g = grant(r.Int(0)))
            g->countries.push_back(r.Text(1));
    }
    return by_user;
}

}  // namespace

std::vector<StoredGrant> SqlAccountRepository::LoadGrants(storage::Transaction& tx, UserId user) {
    storage::Value id(user.value);
    auto by_user =
        LoadGrantsWhere(tx, kGrants, kGrantUnits, kGrantCountries, storage::ParamSpan(&id, 1));
    return std::move(by_user[user.value]);
}

std::optional<User> SqlAccountRepository::FindUserByLogin(storage::Transaction& tx,
                                                          const std::string& login) {
    auto r = tx.QueryOne(kFindUserByLogin, {login});
    if (!r)
        return std::nullopt;
    User u = ToUser(*r);
    u.grants = LoadGrants(tx, u.id);
    return u;
}

std::optional<User> SqlAccountRepository::FindUser(storage::Transaction& tx, UserId id) {
    auto r = tx.QueryOne(kFindUser, {id.value});
    if (!r)
        return std::nullopt;
    User u = ToUser(*r);
    u.grants = LoadGrants(tx, u.id);
    return u;
}

Page<User> SqlAccountRepository::ListUsers(storage::Transaction& tx, const PageRequest& page) {
    Page<User> out{{}, 0, page.page, page.per_page};
    const storage::Value params[] = {page.per_page, page.offset()};
    auto grants = LoadGrantsWhere(tx, kGrantsPage, kGrantUnitsPage, kGrantCountriesPage, params);
    for (const auto& r : tx.Query(kListUsers, params)) {
        User u = ToUser(r);
        u.grants = std::move(grants[u.id.value]);
        out.items.push_back(std::move(u));
    }
    out.total = tx.QueryOne(kCountUsers)->Int(0);
    return out;
}

UserId SqlAccountRepository::InsertUser(storage::Transaction& tx, const User& u) {
    auto r = tx.QueryOne(kInsertUser,
                         {u.login, u.display_name, OrNull(u.email), u.password_hash,
                          u.must_change_password ? 1 : 0, u.disabled ? 1 : 0, u.created_at});
    return UserId{r->Int(0)};
}

bool SqlAccountRepository::UpdateUser(storage::Transaction& tx, const User& u) {
    return tx.Exec(kUpdateUser, {u.display_name, OrNull(u.email), u.password_hash,
                                 u.must_change_password ? 1 : 0, u.disabled ? 1 : 0, u.updated_at,
                                 u.id.value, u.version}) == 1;
}

void SqlAccountRepository::ReplaceGrant(storage::Transaction& tx, UserId user,
                                        const StoredGrant& g) {
    tx.Exec(kDeleteGrant, {user.value, RoleName(g.role)});
    auto r = tx.QueryOne(kInsertGrant, {user.value, RoleName(g.role), g.all_provinces ? 1 : 0});
    std::int64_t id = r->Int(0);
    for (auto unit : g.unit_ids)
        tx.Exec(kInsertGrantUnit, {id, unit});
    for (const auto& c : g.countries)
        tx.Exec(kInsertGrantCountry, {id, c});
}

void SqlAccountRepository::RemoveGrant(storage::Transaction& tx, UserId user, Role role) {
    tx.Exec(kDeleteGrant, {user.value, RoleName(role)});
}

std::vector<std::int64_t> SqlAccountRepository::PredecessorUnits(storage::Transaction& tx,
                                                                 std::int64_t unit_id) {
    std::vector<std::int64_t> out;
    for (const auto& r : tx.Query(kPredecessors, {unit_id}))
        out.push_back(r.Int(0));
    return out;
}

bool SqlAccountRepository::UnitExists(storage::Transaction& tx, std::int64_t unit_id) {
    return tx.QueryOne(kUnitExists, {unit_id}).has_value();
}

bool SqlAccountRepository::CountryExists(storage::Transaction& tx, const std::string& alpha2) {
    return tx.QueryOne(kCountryExists, {alpha2}).has_value();
}

bool SqlAccountRepository::AnyAdmin(storage::Transaction& tx) {
    return tx.QueryOne(kAnyAdmin).has_value();
}

void SqlAccountRepository::InsertSession(storage::Transaction& tx, const Session& s,
                                         const std::string& client, const std::string& user_agent) {
    tx.Exec(kInsertSession, {s.id_hash, s.user_id.value, s.csrf_token, s.created_at, s.expires_at,
                             client, user_agent});
}

std::optional<Session> SqlAccountRepository::FindSession(storage::Transaction& tx,
                                                         const std::string& id_hash) {
    auto r = tx.QueryOne(kFindSession, {id_hash});
    if (!r)
        return std::nullopt;
    return Session{r->Text(0), UserId{r->Int(1)}, r->Text(2), r->Text(3), r->Text(4), r->Text(5)};
}

void SqlAccountRepository::TouchSession(storage::Transaction& tx, const std::string& id_hash,
                                        const std::string& now) {
    tx.Exec(kTouchSession, {id_hash, now});
}

void SqlAccountRepository::DeleteSession(storage::Transaction& tx, const std::string& id_hash) {
    tx.Exec(kDeleteSession, {id_hash});
}

std::int64_t SqlAccountRepository::DeleteSessions(storage::Transaction& tx, UserId user,
                                                  const std::string& keep_hash) {
    return tx.Exec(kDeleteSessions, {user.value, keep_hash});
}

std::int64_t SqlAccountRepository::InsertToken(storage::Transaction& tx, const ApiToken& t,
                                               const std::string& hash) {
    return tx.QueryOne(kInsertToken, {t.user_id.value, t.name, hash, t.prefix, t.created_at})
        ->Int(0);
}

std::optional<ApiToken> SqlAccountRepository::FindTokenByHash(storage::Transaction& tx,
                                                              const std::string& hash) {
    auto r = tx.QueryOne(kFindToken, {hash});
    if (!r)
        return std::nullopt;
    return ToToken(*r);
}

std::vector<ApiToken> SqlAccountRepository::ListTokens(storage::Transaction& tx, UserId user) {
    std::vector<ApiToken> out;
    for (const auto& r : tx.Query(kListTokens, {user.value}))
        out.push_back(ToToken(r));
    return out;
}

bool SqlAccountRepository::RevokeToken(storage::Transaction& tx, UserId user, std::int64_t id,
                                       const std::string& now) {
    return tx.Exec(kRevokeToken, {user.value, id, now}) == 1;
}

void SqlAccountRepository::TouchToken(storage::Transaction& tx, std::int64_t id,
                                      const std::string& now) {
    tx.Exec(kTouchToken, {id, now});
}

std::int64_t SqlAccountRepository::RevokeTokensOf(storage::Transaction& tx, UserId user,
                                                  const std::string& now) {
    return tx.Exec(kRevokeTokensOf, {user.value, now});
}

std::int64_t SqlAccountRepository::AuthEpoch(storage::Transaction& tx) {
    return tx.QueryOne(kAuthEpoch)->Int(0);
}

void SqlAccountRepository::BumpAuthEpoch(storage::Transaction& tx) {
    tx.Exec(kBumpAuthEpoch);
}

std::int64_t SqlAccountRepository::PurgeSessions(storage::Transaction& tx, const std::string& now,
                                                 const std::string& idle_since) {
    return tx.Exec(kPurgeSessions, {now, idle_since});
}

std::int64_t SqlAccountRepository::PurgeLoginAttempts(storage::Transaction& tx,
                                                      const std::string& attempts_before) {
    return tx.Exec(kPurgeAttempts, {attempts_before});
}

std::int64_t SqlAccountRepository::InsertLoginAttempt(storage::Transaction& tx,
                                                      const std::string& login,
                                                      const std::string& client,
                                                      const std::string& at, bool success) {
    return tx.QueryOne(kInsertAttempt, {login, client, at, success ? 1 : 0})->Int(0);
}

void SqlAccountRepository::MarkLoginAttemptSucceeded(storage::Transaction& tx, std::int64_t id) {
    tx.Exec(kAttemptSucceeded, {id});
}

std::int64_t SqlAccountRepository::FailuresForLogin(storage::Transaction& tx,
                                                    const std::string& login,
                                                    const std::string& since) {
    return tx.QueryOne(kFailuresForLogin, {login, since})->Int(0);
}

std::int64_t SqlAccountRepository::FailuresForClient(storage::Transaction& tx,
                                                     const std::string& client,
                                                     const std::string& since) {
    return tx.QueryOne(kFailuresForClient, {client, since})->Int(0);
}

std::string SqlAccountRepository::LastFailureForLogin(storage::Transaction& tx,
                                                      const std::string& login,
                                                      const std::string& since) {
    return tx.QueryOne(kFailuresForLogin, {login, since})->Text(1);
}

}  // namespace ngoaivu::accounts
