#include "modules/accounts/account_service.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

#include "base/crypto.hpp"
#include "base/input.hpp"
#include "base/text.hpp"

namespace ngoaivu::accounts {

namespace {

constexpr std::string_view kTokenPrefix = "nvt_";

Error WrongCredentials() {
    return {ErrorCode::kUnauthenticated,
            "login",
            "Tên đăng nhập hoặc mật khẩu không đúng.",
            "The login or the password is not correct.",
            {}};
}

Error SessionExpired() {
    return {ErrorCode::kUnauthenticated,
            {},
            "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.",
            "Your session has expired. Please sign in again.",
            {}};
}

Error NoAccount(const std::string& login) {
    return Error::NotFound("Không có tài khoản " + login + ".", "No account " + login + ".");
}

Error AdminOnly() {
    return Error::PermissionDenied("Chỉ quản trị viên được thực hiện thao tác này.",
                                   "Only administrators may do this.");
}

std::size_t Chars(std::string_view s) {
    std::size_t n = 0;
    for (char c : s)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

bool IsProvincial(Role r) {
    return r == Role::kProvinceOfficer || r == Role::kProvinceLeader || r == Role::kViewer;
}

// Collects field errors into one kInvalidArgument error: the first names the main field.
void AddFieldError(std::optional<Error>& all, const Error& e) {
    if (!all) {
        all = e;
        return;
    }
    all->fields.insert(all->fields.end(), e.fields.begin(), e.fields.end());
}

Error ProfileConflict() {
    return {ErrorCode::kConflict,
            "version",
            "Hồ sơ đã được thay đổi ở nơi khác (trong một thẻ khác hoặc bởi người khác). "
            "Vui lòng tải lại và thử lại.",
            "The profile was changed elsewhere (in another tab or by someone else). "
            "Please reload it and try again.",
            {}};
}

}  // namespace

Result<std::string> NormaliseDisplayName(const std::string& display_name) {
    std::string name =
        text::IsValidUtf8(display_name) ? text::TrimSpace(text::Nfc(display_name)) : "";
    if (name.empty() || Chars(name) > 200) {
        return Error::InvalidArgument("display_name", "Họ và tên là bắt buộc (tối đa 200 ký tự).",
                                      "The full name is required (at most 200 characters).");
    }
    return name;
}

Result<std::string> NormaliseEmail(const std::string& raw) {
    Error invalid = Error::InvalidArgument(
        "email",
        "Email không hợp lệ: cần đúng một ký tự @, có phần trước @, tên miền có dấu chấm, không "
        "có khoảng trắng hay ký tự điều khiển (tối đa 254 ký tự).",
        "The email address is not valid: it needs exactly one @, something before it, a domain "
        "with a dot, and no spaces or control characters (at most 254 characters).");
    if (!text::IsValidUtf8(raw))
        return invalid;
    std::string email = text::TrimSpace(raw);
    if (email.empty())
        return email;
    if (!text::IsEmailAddress(email))
        return invalid;
    return email;
}

Result<std::string> NormaliseLogin(const std::string& login) {
    std::string out;
    for (char c : login) {
        if (c == ' ' || c == '\t')
            continue;
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    bool ok =
        out.size() >= 3 && out.size() <= 64 && std::all_of(out.begin(), out.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                   c == '-';
        });
    if (!ok) {
        return Error::InvalidArgument(
            "login",
            "Tên đăng nhập gồm 3–64 ký tự: chữ không dấu, chữ số, dấu chấm, gạch dưới, gạch nối.",
            "The login has 3–64 characters: letters a–z, digits, dot, underscore, hyphen.");
    }
    return out;
}

AccountService::AccountService(storage::Database& db, AccountRepository& repo,
                               audit::AuditService& audit, const Clock& clock,
                               AccountsConfig config, SharedCounter* changes)
    : db_(db),
      repo_(repo),
      audit_(audit),
      clock_(clock),
      config_(std::move(config)),
      changes_(changes) {}

const PasswordBlocklist& AccountService::blocklist() const {
    std::call_once(blocklist_once_,
                   [this] { blocklist_ = PasswordBlocklist::Load(config_.dictionary); });
    return blocklist_;
}

std::string AccountService::Hash(std::string_view password) const {
    hash_slots_.acquire();
    try {
        std::string h = HashPassword(password, config_.cost);
        hash_slots_.release();
        return h;
    } catch (...) {
        hash_slots_.release();
        throw;
    }
}

bool AccountService::Verify(const std::string& hash, std::string_view password) const {
    hash_slots_.acquire();
    bool ok = VerifyPassword(hash, password);
    hash_slots_.release();
    return ok;
}

const std::string& AccountService::DecoyHash() const {
    std::call_once(decoy_once_, [this] { decoy_hash_ = Hash(crypto::RandomToken(16)); });
    return decoy_hash_;
}

void AccountService::ForgetTokens() {
    {
        std::lock_guard lock(token_mu_);
        token_cache_.clear();
    }
    // After the commit of the epoch's change: another process that reads the new counter value
    // and then the epoch reads the new epoch.
    if (changes_)
        changes_->Increment();
}

std::string AccountService::Iso(std::chrono::system_clock::time_point t) const {
    return audit::IsoUtc(t);
}

nlohmann::json AccountService::Describe(const User& u) {
    nlohmann::json grants = nlohmann::json::array();
    for (const auto& g : u.grants) {
        grants.push_back({{"role", RoleName(g.role)},
                          {"all_provinces", g.all_provinces},
                          {"admin_unit_ids", g.unit_ids},
                          {"countries", g.countries}});
    }
    return {{"login", u.login},
            {"display_name", u.display_name},
            {"email", u.email},
            {"disabled", u.disabled},
            {"must_change_password", u.must_change_password},
            {"grants", grants}};
}

Actor AccountService::ActorFor(storage::Transaction& tx, const User& user,
                               const ClientInfo& client) {
    Actor a;
    a.user_id = user.id.value;
    a.login = user.login;
    a.request_id = client.request_id;
    a.client_address = client.address;
    for (const auto& g : user.grants) {
        RoleGrant rg{g.role, g.all_provinces, {}, {g.countries.begin(), g.countries.end()}};
        for (auto unit : g.unit_ids) {
            rg.provinces.insert(unit);
            // Scope follows the 2025 merger: the new unit's officer sees its old units' records.
            for (auto old : repo_.PredecessorUnits(tx, unit))
                rg.provinces.insert(old);
        }
        a.grants.push_back(std::move(rg));
    }
    return a;
}

Result<LoginResult> AccountService::Login(const std::string& raw_login, const std::string& password,
                                          const ClientInfo& client) {
    auto now = clock_.Now();
    std::string login = raw_login;
    if (auto n = NormaliseLogin(raw_login))
        login = *n;
    std::string since = Iso(now - config_.throttle_window);
    // The attempt takes its place in login_attempt, as a failure, before the password is checked,
    // in the same serialised write as the count: a burst of simultaneous guesses cannot all pass
    // the count together. A success turns it into one below.
    auto attempt = storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<std::int64_t> {
        std::int64_t by_login = repo_.FailuresForLogin(tx, login, since);
        std::int64_t by_client = repo_.FailuresForClient(tx, client.address, since);
        if (by_login >= config_.max_failures_per_login ||
            by_client >= config_.max_failures_per_client) {
            std::string minutes = std::to_string(config_.throttle_window.count());
            return Error{ErrorCode::kTooManyRequests,
                         "login",
                         "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau " + minutes + " phút.",
                         "Too many failed sign-ins. Please try again in " + minutes + " minutes.",
                         {}};
        }
        return repo_.InsertLoginAttempt(tx, login, client.address, Iso(now), false);
    });
    if (!attempt)
        return attempt.error();
    std::optional<User> user;
    {
        auto tx = db_.Begin(storage::TxMode::kRead);
        user = repo_.FindUserByLogin(*tx, login);
    }
    // One full hash either way, so response time does not reveal whether the account exists.
    bool ok = Verify(user ? user->password_hash : DecoyHash(), password) && user && !user->disabled;
    if (!ok)
        return WrongCredentials();
    LoginResult result;
    result.session_token = crypto::RandomToken(32);
    result.csrf_token = crypto::RandomToken(32);
    result.must_change_password = user->must_change_password;
    result.login = user->login;
    storage::WithWrite(db_, [&](storage::Transaction& tx) {
        repo_.MarkLoginAttemptSucceeded(tx, *attempt);
        Session s{crypto::Sha256Hex(result.session_token),
                  user->id,
                  result.csrf_token,
                  Iso(now),
                  Iso(now),
                  Iso(now + config_.session_absolute)};
        repo_.InsertSession(tx, s, client.address, client.user_agent.substr(0, 256));
        Actor actor = ActorFor(tx, *user, client);
        audit_.Record(tx, actor, "login", "user", std::to_string(user->id.value), nullptr,
                      {{"client_address", client.address}});
    });
    return result;
}

Result<AuthContext> AccountService::AuthenticateSession(const std::string& token,
                                                        const ClientInfo& client) {
    if (token.empty() || token.size() > 128)
        return SessionExpired();
    std::string hash = crypto::Sha256Hex(token);
    auto now = clock_.Now();
    std::string now_iso = Iso(now);
    auto tx = db_.Begin(storage::TxMode::kRead);
    auto session = repo_.FindSession(*tx, hash);
    if (!session)
        return SessionExpired();
    bool idle = session->last_seen_at < Iso(now - config_.session_idle);
    bool absolute = session->expires_at <= now_iso;
    auto user = repo_.FindUser(*tx, session->user_id);
    if (idle || absolute || !user || user->disabled) {
        tx.reset();
        storage::WithWrite(db_, [&](storage::Transaction& w) { repo_.DeleteSession(w, hash); });
        return SessionExpired();
    }
    AuthContext auth{ActorFor(*tx, *user, client), hash, session->csrf_token,
                     user->must_change_password, user->display_name};
    tx.reset();
    // Refresh the idle timer at most once a minute: a write per request would cost an fsync.
    if (session->last_seen_at < Iso(now - std::chrono::minutes(1)))
        Touch([&](storage::Transaction& w) { repo_.TouchSession(w, hash, now_iso); });
    return auth;
}

Result<AuthContext> AccountService::AuthenticateToken(const std::string& token,
                                                      const ClientInfo& client) {
    Error invalid{ErrorCode::kUnauthenticated,
                  "token",
                  "Mã truy cập API không hợp lệ hoặc đã bị thu hồi.",
                  "The API token is invalid or has been revoked.",
                  {}};
    if (!std::string_view(token).starts_with(kTokenPrefix) || token.size() > 128)
        return invalid;
    auto now = clock_.Now();
    std::string hash = crypto::Sha256Hex(token);
    // A cached entry still valid, and read while `changes` was already this value (or while the
    // stored epoch is `epoch`): the token's answer, with this request's details.
    auto cached = [&](std::uint64_t changes,
                      std::optional<std::int64_t> epoch) -> std::optional<AuthContext> {
        std::lock_guard lock(token_mu_);
        auto hit = token_cache_.find(hash);
        if (hit == token_cache_.end() || hit->second.until <= now)
            return std::nullopt;
        if (epoch ? hit->second.epoch != *epoch : hit->second.changes != changes)
            return std::nullopt;
        hit->second.changes = changes;
        AuthContext auth = hit->second.auth;
        auth.actor.request_id = client.request_id;
        auth.actor.client_address = client.address;
        return auth;
    };
    std::uint64_t changes = changes_ ? changes_->Load() : 0;
    if (changes_) {
        if (auto auth = cached(changes, std::nullopt))
            return *auth;
    }
    auto tx = db_.Begin(storage::TxMode::kRead);
    std::int64_t epoch = repo_.AuthEpoch(*tx);
    if (auto auth = cached(changes, epoch))
        return *auth;
    auto t = repo_.FindTokenByHash(*tx, hash);
    if (!t || !t->revoked_at.empty())
        return invalid;
    auto user = repo_.FindUser(*tx, t->user_id);
    if (!user || user->disabled)
        return invalid;
    AuthContext auth{ActorFor(*tx, *user, client), "", "", false, user->display_name};
    auth.actor.via_token = true;
    tx.reset();
    {
        std::lock_guard lock(token_mu_);
        if (token_cache_.size() > 10'000)
            token_cache_.clear();
        token_cache_[hash] = CachedToken{auth, now + kTokenCacheTtl, epoch, changes};
    }
    if (t->last_used_at.empty() || t->last_used_at < Iso(now - std::chrono::minutes(1)))
        Touch([&](storage::Transaction& w) { repo_.TouchToken(w, t->id, Iso(now)); });
    return auth;
}

Result<void> AccountService::Logout(const AuthContext& auth) {
    if (auth.session_hash.empty())
        return Ok();
    storage::WithWrite(db_, [&](storage::Transaction& tx) {
        repo_.DeleteSession(tx, auth.session_hash);
        audit_.Record(tx, auth.actor, "logout", "user", std::to_string(auth.actor.user_id), nullptr,
                      nullptr);
    });
    return Ok();
}

Result<void> AccountService::LogoutEverywhere(const AuthContext& auth) {
    storage::WithWrite(db_, [&](storage::Transaction& tx) {
        std::int64_t n = repo_.DeleteSessions(tx, UserId{auth.actor.user_id}, "");
        audit_.Record(tx, auth.actor, "logout_everywhere", "user",
                      std::to_string(auth.actor.user_id), nullptr, {{"sessions_ended", n}});
    });
    return Ok();
}

Result<void> AccountService::ChangePassword(const AuthContext& auth, const std::string& current,
                                            const std::string& new_password,
                                            const std::string& confirm) {
    User user;
    {
        auto tx = db_.Begin(storage::TxMode::kRead);
        auto u = repo_.FindUser(*tx, UserId{auth.actor.user_id});
        if (!u)
            return SessionExpired();
        user = *u;
    }
    // A stolen session must not become a way to guess the password: the same throttle as
    // sign-in applies to wrong current passwords.
    auto now = clock_.Now();
    {
        auto tx = db_.Begin(storage::TxMode::kRead);
        if (repo_.FailuresForLogin(*tx, user.login, Iso(now - config_.throttle_window)) >=
            config_.max_failures_per_login) {
            std::string minutes = std::to_string(config_.throttle_window.count());
            return Error{ErrorCode::kTooManyRequests,
                         "current_password",
                         "Nhập sai quá nhiều lần. Vui lòng thử lại sau " + minutes + " phút.",
                         "Too many wrong attempts. Please try again in " + minutes + " minutes.",
                         {}};
        }
    }
    if (!Verify(user.password_hash, current)) {
        storage::WithWrite(db_, [&](storage::Transaction& tx) {
            repo_.InsertLoginAttempt(tx, user.login, auth.actor.client_address, Iso(now), false);
        });
        return Error::InvalidArgument("current_password", "Mật khẩu hiện tại không đúng.",
                                      "The current password is not correct.");
    }
    if (new_password != confirm) {
        return Error::InvalidArgument("confirm_password", "Hai lần nhập mật khẩu mới không khớp.",
                                      "The two new passwords do not match.");
    }
    if (new_password == current) {
        return Error::InvalidArgument("new_password", "Mật khẩu mới phải khác mật khẩu hiện tại.",
                                      "The new password must differ from the current one.");
    }
    if (auto p = CheckPasswordPolicy(new_password, user.login, blocklist(), "new_password"); !p) {
        return p.error();
    }
    user.password_hash = Hash(new_password);
    user.must_change_password = false;
    user.updated_at = Iso(clock_.Now());
    return storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<void> {
        if (!repo_.UpdateUser(tx, user)) {
            return Error::Conflict("Tài khoản vừa được thay đổi ở nơi khác. Vui lòng thử lại.",
                                   "The account was just changed elsewhere. Please try again.");
        }
        std::int64_t ended = repo_.DeleteSessions(tx, user.id, auth.session_hash);
        audit_.Record(tx, auth.actor, "change_password", "user", std::to_string(user.id.value),
                      nullptr, {{"other_sessions_ended", ended}});
        return Ok();
    });
}

Result<StoredGrant> AccountService::ResolveGrant(storage::Transaction& tx, Role role,
                                                 const CreateUserRequest& req) {
    StoredGrant g{role, req.all_provinces, {}, {}};
    if (role == Role::kAdmin || role == Role::kMofaStaff || role == Role::kMofaViewer) {
        g.all_provinces = true;
        return g;
    }
    if (role == Role::kMissionStaff) {
        if (req.countries.empty()) {
            return Error::InvalidArgument("countries",
                                          "Cán bộ cơ quan đại diện cần ít nhất một quốc gia.",
                                          "Mission staff need at least one country.");
        }
        for (const auto& c : req.countries) {
            if (!repo_.CountryExists(tx, c)) {
                return Error::InvalidArgument("countries", "Không có quốc gia mã " + c + ".",
                                              "No country has code " + c + ".");
            }
            g.countries.push_back(c);
        }
        return g;
    }
    if (IsProvincial(role) && !g.all_provinces) {
        if (req.province_codes.empty()) {
            return Error::InvalidArgument("provinces",
                                          "Vai trò cấp tỉnh cần ít nhất một tỉnh, thành phố.",
                                          "A provincial role needs at least one province.");
        }
        for (const auto& code : req.province_codes) {
            // Codes are read as of today: the 34 units in force since 1 July 2025.
            std::int64_t id = 0;
            bool digits = code.size() == 2 && std::isdigit(static_cast<unsigned char>(code[0])) &&
                          std::isdigit(static_cast<unsigned char>(code[1]));
            if (digits)
                id = 2000 + std::stoi(code);
            if (!digits || !repo_.UnitExists(tx, id)) {
                return Error::InvalidArgument("provinces",
                                              "Không có tỉnh, thành phố hiện hành mã " + code + ".",
                                              "No current province has code " + code + ".");
            }
            g.unit_ids.push_back(id);
        }
    }
    return g;
}

Result<CreatedUser> AccountService::CreateUser(const Actor& actor, const CreateUserRequest& req) {
    return CreateUserWithHash(actor, req, "");
}

Result<int> AccountService::CreateDemoUsers(const std::vector<CreateUserRequest>& requests,
                                            const std::string& password) {
    if (auto p = CheckPasswordPolicy(password, "", blocklist(), "password"); !p)
        return p.error();
    std::string hash = Hash(password);
    Actor system = Actor::System("demo");
    int created = 0;
    for (const auto& req : requests) {
        {
            auto tx = db_.Begin(storage::TxMode::kRead);
            if (repo_.FindUserByLogin(*tx, req.login))
                continue;
        }
        auto r = CreateUserWithHash(system, req, hash);
        if (!r)
            return r.error();
        ++created;
    }
    return created;
}

Result<CreatedUser> AccountService::CreateUserWithHash(const Actor& actor,
                                                       const CreateUserRequest& req,
                                                       const std::string& precomputed_hash) {
    if (!actor.IsAdmin())
        return AdminOnly();
    auto login = NormaliseLogin(req.login);
    if (!login)
        return login.error();
    auto name = NormaliseDisplayName(req.display_name);
    if (!name)
        return name.error();
    CreatedUser created;
    std::string password = req.password;
    if (!precomputed_hash.empty()) {
        // CreateDemoUsers checked its shared password already.
    } else if (password.empty()) {
        created.one_time_password = crypto::RandomToken(12);
        password = created.one_time_password;
    } else if (auto p = CheckPasswordPolicy(password, *login, blocklist(), "password"); !p) {
        return p.error();
    }
    std::vector<Role> roles;
    for (const auto& r : req.roles) {
        Role role;
        if (!ParseRole(r, &role)) {
            return Error::InvalidArgument("roles", "Vai trò không hợp lệ: " + r + ".",
                                          "Unknown role: " + r + ".");
        }
        roles.push_back(role);
    }
    User u;
    u.login = *login;
    u.display_name = *name;
    u.email = req.email;
    u.password_hash = precomputed_hash.empty() ? Hash(password) : precomputed_hash;
    u.must_change_password = !created.one_time_password.empty();
    u.created_at = u.updated_at = Iso(clock_.Now());
    return storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<CreatedUser> {
        if (repo_.FindUserByLogin(tx, u.login)) {
            return Error{ErrorCode::kConflict,
                         "login",
                         "Tên đăng nhập " + u.login + " đã được dùng.",
                         "The login " + u.login + " is already taken.",
                         {}};
        }
        u.id = repo_.InsertUser(tx, u);
        for (Role role : roles) {
            auto g = ResolveGrant(tx, role, req);
            if (!g)
                return g.error();
            repo_.ReplaceGrant(tx, u.id, *g);
            u.grants.push_back(*g);
        }
        audit_.Record(tx, actor, "create", "user", std::to_string(u.id.value), nullptr,
                      Describe(u));
        created.user = u;
        return created;
    });
}

Result<User> AccountService::Grant(const Actor& actor, const std::string& login,
                                   const CreateUserRequest& req) {
    if (!actor.IsAdmin())
        return AdminOnly();
    auto result = storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<User> {
        auto u = repo_.FindUserByLogin(tx, login);
        if (!u) {
            return NoAccount(login);
        }
        nlohmann::json before = Describe(*u);
        for (const auto& r : req.roles) {
            Role role;
            if (!ParseRole(r, &role)) {
                return Error::InvalidArgument("roles", "Vai trò không hợp lệ: " + r + ".",
                                              "Unknown role: " + r + ".");
            }
            auto g = ResolveGrant(tx, role, req);
            if (!g)
                return g.error();
            repo_.ReplaceGrant(tx, u->id, *g);
        }
        repo_.BumpAuthEpoch(tx);
        auto after = repo_.FindUser(tx, u->id);
        audit_.Record(tx, actor, "grant", "user", std::to_string(u->id.value), before,
                      Describe(*after));
        return *after;
    });
    if (result)
        ForgetTokens();
    return result;
}

Result<User> AccountService::SetDisabled(const Actor& actor, const std::string& login,
                                         bool disabled) {
    if (!actor.IsAdmin())
        return AdminOnly();
    auto result = storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<User> {
        auto u = repo_.FindUserByLogin(tx, login);
        if (!u) {
            return NoAccount(login);
        }
        nlohmann::json before = Describe(*u);
        u->disabled = disabled;
        u->updated_at = Iso(clock_.Now());
        if (!repo_.UpdateUser(tx, *u))
            return Error::Conflict("Xung đột.", "Conflict.");
        if (disabled)
            repo_.DeleteSessions(tx, u->id, "");
        repo_.BumpAuthEpoch(tx);
        audit_.Record(tx, actor, disabled ? "disable" : "enable", "user",
                      std::to_string(u->id.value), before, Describe(*u));
        return *u;
    });
    if (result)
        ForgetTokens();
    return result;
}

Result<std::string> AccountService::ResetPassword(const Actor& actor, const std::string& login) {
    if (!actor.IsAdmin())
        return AdminOnly();
    std::string password = crypto::RandomToken(12);
    std::string hash = Hash(password);
    auto result = storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<std::string> {
        auto u = repo_.FindUserByLogin(tx, login);
        if (!u) {
            return NoAccount(login);
        }
        std::string now = Iso(clock_.Now());
        u->password_hash = hash;
        u->must_change_password = true;
        u->updated_at = now;
        if (!repo_.UpdateUser(tx, *u))
            return Error::Conflict("Xung đột.", "Conflict.");
        repo_.DeleteSessions(tx, u->id, "");
        std::int64_t revoked = repo_.RevokeTokensOf(tx, u->id, now);
        repo_.BumpAuthEpoch(tx);
        audit_.Record(tx, actor, "reset_password", "user", std::to_string(u->id.value), nullptr,
                      {{"must_change_password", true}, {"api_tokens_revoked", revoked}});
        return password;
    });
    if (result)
        ForgetTokens();
    return result;
}

PurgeReport AccountService::Purge() {
    auto now = clock_.Now();
    PurgeReport report;
    storage::WithWrite(db_, [&](storage::Transaction& tx) {
        report.sessions = repo_.PurgeSessions(tx, Iso(now), Iso(now - config_.session_idle));
        report.login_attempts =
            repo_.PurgeLoginAttempts(tx, Iso(now - config_.login_attempt_retention));
        if (report.sessions > 0 || report.login_attempts > 0) {
            audit_.Record(
                tx, Actor::System("housekeeping"), "purge", "user_session", "", nullptr,
                {{"sessions", report.sessions}, {"login_attempts", report.login_attempts}});
        }
    });
    return report;
}

Result<Page<User>> AccountService::ListUsers(const Actor& actor, const PageRequest& page) {
    if (!actor.IsAdmin())
        return AdminOnly();
    auto tx = db_.Begin(storage::TxMode::kRead);
    return repo_.ListUsers(*tx, page);
}

Result<User> AccountService::GetUser(const Actor& actor, const std::string& login) {
    if (!actor.IsAdmin())
        return AdminOnly();
    auto tx = db_.Begin(storage::TxMode::kRead);
    auto u = repo_.FindUserByLogin(*tx, login);
    if (!u)
        return NoAccount(login);
    return *u;
}

std::optional<CreatedUser> AccountService::EnsureFirstAdmin() {
    {
        auto tx = db_.Begin(storage::TxMode::kRead);
        if (repo_.AnyAdmin(*tx) || repo_.FindUserByLogin(*tx, "admin"))
            return std::nullopt;
    }
    CreateUserRequest req{"admin", "Quản trị hệ thống", "", "", {"admin"}, {}, {}, true};
    auto created = CreateUser(Actor::System("init"), req);
    if (!created)
        return std::nullopt;
    return *created;
}

Result<User> AccountService::Me(const Actor& actor) {
    auto tx = db_.Begin(storage::TxMode::kRead);
    auto u = repo_.FindUser(*tx, UserId{actor.user_id});
    if (!u)
        return NoAccount(actor.login);
    return *u;
}

Result<User> AccountService::UpdateProfile(const Actor& actor, std::int64_t expected_version,
                                           const std::string& display_name,
                                           const std::string& email) {
    std::optional<Error> invalid;
    auto name = NormaliseDisplayName(display_name);
    if (!name)
        AddFieldError(invalid, name.error());
    auto mail = NormaliseEmail(email);
    if (!mail)
        AddFieldError(invalid, mail.error());
    if (expected_version < 1) {
        AddFieldError(invalid,
                      Error::InvalidArgument("version", "Phiên bản phải là số nguyên từ 1 trở lên.",
                                             "The version must be a whole number of at least 1."));
    }
    if (invalid)
        return *invalid;
    return storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<User> {
        auto u = repo_.FindUser(tx, UserId{actor.user_id});
        if (!u)
            return NoAccount(actor.login);
        if (u->disabled) {
            return Error::PermissionDenied("Tài khoản này đã bị khoá.",
                                           "This account is disabled.");
        }
        if (u->version != expected_version)
            return ProfileConflict();
        if (u->display_name == *name && u->email == *mail)
            return *u;  // nothing changes: no write, no entry, the same version
        nlohmann::json before = Describe(*u);
        u->display_name = *name;
        u->email = *mail;
        u->updated_at = Iso(clock_.Now());
        if (!repo_.UpdateUser(tx, *u))
            return ProfileConflict();
        u->version += 1;
        audit_.Record(tx, actor, "update_profile", "user", std::to_string(u->id.value), before,
                      Describe(*u));
        return *u;
    });
}

Result<CreatedToken> AccountService::CreateToken(const Actor& actor, const std::string& raw_name) {
    if (actor.user_id == 0)
        return AdminOnly();
    std::string name = text::Nfc(raw_name);
    if (name.empty() || Chars(name) > 100) {
        return Error::InvalidArgument("name", "Tên mã truy cập là bắt buộc (tối đa 100 ký tự).",
                                      "The token name is required (at most 100 characters).");
    }
    CreatedToken created;
    created.token = std::string(kTokenPrefix) + crypto::RandomToken(32);
    created.info.user_id = UserId{actor.user_id};
    created.info.name = name;
    created.info.prefix = created.token.substr(0, 10);
    created.info.created_at = Iso(clock_.Now());
    storage::WithWrite(db_, [&](storage::Transaction& tx) {
        created.info.id = repo_.InsertToken(tx, created.info, crypto::Sha256Hex(created.token));
        audit_.Record(tx, actor, "create", "api_token", std::to_string(created.info.id), nullptr,
                      {{"name", name}, {"prefix", created.info.prefix}});
    });
    return created;
}

Result<std::vector<ApiToken>> AccountService::ListTokens(const Actor& actor) {
    auto tx = db_.Begin(storage::TxMode::kRead);
    return repo_.ListTokens(*tx, UserId{actor.user_id});
}

Result<void> AccountService::RevokeToken(const Actor& actor, std::int64_t token_id) {
    auto result = storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<void> {
        if (!repo_.RevokeToken(tx, UserId{actor.user_id}, token_id, Iso(clock_.Now()))) {
            return Error::NotFound("Không có mã truy cập này, hoặc đã bị thu hồi.",
                                   "No such token, or it is already revoked.");
        }
        repo_.BumpAuthEpoch(tx);
        audit_.Record(tx, actor, "revoke", "api_token", std::to_string(token_id), nullptr, nullptr);
        return Ok();
    });
    if (result)
        ForgetTokens();
    return result;
}

Result<CreatedToken> AccountService::CreateTokenFor(const std::string& raw_login,
                                                    const std::string& name) {
    auto login = NormaliseLogin(raw_login);
    if (!login)
        return login.error();
    Actor actor;
    {
        auto tx = db_.Begin(storage::TxMode::kRead);
        auto u = repo_.FindUserByLogin(*tx, *login);
        if (!u || u->disabled) {
            return Error::NotFound("Không có tài khoản đang hoạt động " + *login + ".",
                                   "No active account " + *login + ".");
        }
        actor = ActorFor(*tx, *u, ClientInfo{"cli", "", "cli"});
    }
    return CreateToken(actor, name);
}

}  // namespace ngoaivu::accounts
