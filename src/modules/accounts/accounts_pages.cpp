#include <charconv>
#include <cstdint>

#include "base/crypto.hpp"
#include "http/error_status.hpp"
#include "http/json.hpp"
#include "modules/accounts/accounts_routes.hpp"

namespace ngoaivu::accounts {

namespace {

using html::Data;
using http::Access;
using http::Request;
using http::Response;

ClientInfo ClientOf(const Request& req) {
    return ClientInfo{req.client_address, std::string(req.Header("user-agent").value_or("")),
                      req.request_id};
}

// Puts every field error of `e` into the view as error_<field>, plus the main message.
void AddErrors(Data& view, const Request& req, const Error& e) {
    bool en = html::LangOf(req) == "en";
    view.set("error", en ? e.message_en : e.message_vi);
    for (const auto& f : e.fields)
        view.set("error_" + f.field, en ? f.message_en : f.message_vi);
}

AuthContext AuthOf(const Request& req) {
    return AuthContext{*req.actor, req.session_hash, req.csrf_token, req.must_change_password,
                       req.display_name};
}

Response LoginForm(const html::Pages& pages, const Request& req, Data view, int status,
                   const CookiePolicy& cookies) {
    std::string csrf = req.Cookie(kLoginCsrfCookie).value_or("");
    bool fresh = csrf.size() != 43;
    if (fresh)
        csrf = crypto::RandomToken(32);
    view.set("login_csrf", csrf);
    view.set("next", SafeNext(req.Query("next").value_or(req.Form("next"))));
    Response res = pages.Render(req, "accounts/login", "login", std::move(view), status);
    if (fresh) {
        res.Add("Set-Cookie", std::string(kLoginCsrfCookie) + "=" + csrf +
                                  "; Path=/login; HttpOnly; SameSite=Strict" +
                                  (cookies.secure ? "; Secure" : ""));
    }
    return res;
}

// The roles of `grants` in the request's language ("Chuyên viên cấp tỉnh, ...").
template <typename Grants>
std::string RolesText(const html::Pages& pages, const Request& req, const Grants& grants) {
    std::string out;
    for (const auto& g : grants) {
        if (!out.empty())
            out += ", ";
        out += pages.renderer().catalog().Get(std::string("role_") + RoleName(g.role),
                                              html::LangOf(req));
    }
    return out;
}

// What the profile form on /account shows: the values as stored, or as typed when a submit is
// refused.
struct ProfileForm {
    std::string display_name;
    std::string email;
    std::string version;
};

ProfileForm StoredProfile(const User& u) {
    return {u.display_name, u.email, std::to_string(u.version)};
}

// The /account page: the profile form with `form`, the roles, and the API tokens; `view` may
// already hold a notice or errors.
Response AccountPage(AccountService& service, const html::Pages& pages, const Request& req,
                     Data view, const ProfileForm& form, int status = 200) {
    auto tokens = service.ListTokens(*req.actor);
    Data list(Data::type::list);
    if (tokens) {
        for (const auto& t : *tokens) {
            Data d;
            d.set("id", std::to_string(t.id));
            d.set("name", t.name);
            d.set("prefix", t.prefix);
            d.set("created_at", t.created_at.substr(0, 10));
            if (!t.last_used_at.empty())
                d.set("last_used_at", t.last_used_at.substr(0, 16));
            d.set("revoked", !t.revoked_at.empty());
            list.push_back(d);
        }
    }
    view.set("tokens", list);
    view.set("roles", RolesText(pages, req, req.actor->grants));
    view.set("login", req.actor->login);
    view.set("profile_name", form.display_name);
    view.set("profile_email", form.email);
    view.set("profile_version", form.version);
    return pages.Render(req, "accounts/account", "account", std::move(view), status);
}

}  // namespace

std::string SafeNext(std::string_view next) {
    // Browsers drop control characters and read "\" as "/", so "/\t/evil" would become
    // "//evil", another host: only a plain local path is accepted.
    if (!next.starts_with('/') || next.starts_with("//"))
        return "/";
    for (char c : next) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f || c == '\\')
            return "/";
    }
    return std::string(next);
}

std::string SessionCookie(const std::string& value, const CookiePolicy& policy) {
    return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax" +
           (policy.secure ? "; Secure" : "");
}

std::string ExpiredCookie(const char* name, const CookiePolicy& policy) {
    return std::string(name) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" +
           (policy.secure ? "; Secure" : "");
}

void RegisterAccountPages(http::Router& router, AccountService& service, audit::AuditService& audit,
                          const html::Pages& pages, CookiePolicy cookies) {
    router.Add({"GET", "/login", Access::kPublic, "Sign-in form", [&pages, cookies](Request& req) {
                    if (req.actor)
                        return Response::Redirect(SafeNext(req.Query("next").value_or("/")));
                    return LoginForm(pages, req, Data{}, 200, cookies);
                }});
    router.Add(
        {"POST", "/login", Access::kPublic, "Sign in", [&service, &pages, cookies](Request& req) {
             std::string login = req.Form("login");
             auto result = service.Login(login, req.Form("password"), ClientOf(req));
             if (!result) {
                 Data view;
                 AddErrors(view, req, result.error());
                 view.set("login", login);
                 int status = result.error().code == ErrorCode::kTooManyRequests ? 429 : 401;
                 return LoginForm(pages, req, std::move(view), status, cookies);
             }
             std::string next =
                 result->must_change_password ? "/password" : SafeNext(req.Form("next"));
             Response res = Response::Redirect(next);
             res.Add("Set-Cookie", SessionCookie(result->session_token, cookies));
             res.Add("Set-Cookie", std::string(kLoginCsrfCookie) +
                                       "=; Path=/login; Max-Age=0; HttpOnly; SameSite=Strict");
             return res;
         }});
    router.Add(
        {"POST", "/logout", Access::kAuthenticated, "Sign out", [&service, cookies](Request& req) {
             (void)service.Logout(AuthOf(req));
             Response res = Response::Redirect("/login");
             res.Add("Set-Cookie", ExpiredCookie(kSessionCookie, cookies));
             return res;
         }});
    router.Add({"POST", "/logout-everywhere", Access::kAuthenticated, "Sign out of every session",
                [&service, cookies](Request& req) {
                    (void)service.LogoutEverywhere(AuthOf(req));
                    Response res = Response::Redirect("/login");
                    res.Add("Set-Cookie", ExpiredCookie(kSessionCookie, cookies));
                    return res;
                }});
    router.Add({"GET", "/password", Access::kAuthenticated, "Password change form",
                [&pages](Request& req) {
                    Data view;
                    view.set("must_change", req.must_change_password);
                    return pages.Render(req, "accounts/password", "account", std::move(view));
                }});
    router.Add({"POST", "/password", Access::kAuthenticated, "Change password",
                [&service, &pages](Request& req) {
                    auto r = service.ChangePassword(AuthOf(req), req.Form("current_password"),
                                                    req.Form("new_password"),
                                                    req.Form("confirm_password"));
                    if (!r) {
                        Data view;
                        AddErrors(view, req, r.error());
                        view.set("must_change", req.must_change_password);
                        return pages.Render(req, "accounts/password", "account", std::move(view),
                                            http::HttpStatus(r.error().code));
                    }
                    return Response::Redirect("/account?changed=1");
                }});
    router.Add({"GET", "/account", Access::kAuthenticated, "My account, profile and API tokens",
                [&service, &pages](Request& req) {
                    auto me = service.Me(*req.actor);
                    if (!me)
                        return pages.Error(req, me.error());
                    Data view;
                    view.set("changed", req.Query("changed").has_value());
                    view.set("saved", req.Query("saved").has_value());
                    return AccountPage(service, pages, req, std::move(view), StoredProfile(*me));
                }});
    router.Add(
        {"POST", "/account/profile", Access::kAuthenticated, "Change my full name and email",
         [&service, &pages](Request& req) {
             ProfileForm typed{req.Form("display_name"), req.Form("email"), req.Form("version")};
             std::int64_t version = 0;
             const std::string& raw = typed.version;
             auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), version);
             if (raw.empty() || ec != std::errc() || end != raw.data() + raw.size())
                 version = 0;  // refused by the service, naming "version"
             auto r = service.UpdateProfile(*req.actor, version, typed.display_name, typed.email);
             if (r)
                 return Response::Redirect("/account?saved=1");
             Data view;
             if (r.error().code == ErrorCode::kConflict) {
                 // Someone saved first: show what is stored now, so that a second
                 // submit starts from it.
                 auto me = service.Me(*req.actor);
                 if (!me)
                     return pages.Error(req, me.error());
                 bool en = html::LangOf(req) == "en";
                 view.set("profile_conflict", en ? r.error().message_en : r.error().message_vi);
                 return AccountPage(service, pages, req, std::move(view), StoredProfile(*me), 409);
             }
             if (r.error().code != ErrorCode::kInvalidArgument)
                 return pages.Error(req, r.error());
             AddErrors(view, req, r.error());
             return AccountPage(service, pages, req, std::move(view), typed,
                                http::HttpStatus(r.error().code));
         }});
    router.Add({"POST", "/account/tokens", Access::kAuthenticated, "Create an API token",
                [&service, &pages](Request& req) {
                    auto created = service.CreateToken(*req.actor, req.Form("name"));
                    if (!created)
                        return pages.Error(req, created.error());
                    Data view;
                    view.set("token", created->token);
                    view.set("name", created->info.name);
                    return pages.Render(req, "accounts/token_created", "account", std::move(view),
                                        201);
                }});
    router.Add({"POST", "/account/tokens/{id}/revoke", Access::kAuthenticated, "Revoke a token",
                [&service, &pages](Request& req) {
                    const std::string& raw = req.Param("id");
                    char* end = nullptr;
                    std::int64_t id = std::strtoll(raw.c_str(), &end, 10);
                    if (raw.empty() || *end != '\0' || id <= 0) {
                        return pages.Error(req, Error::InvalidArgument("id", "Mã số không hợp lệ.",
                                                                       "Invalid id."));
                    }
                    auto r = service.RevokeToken(*req.actor, id);
                    if (!r)
                        return pages.Error(req, r.error());
                    return Response::Redirect("/account");
                }});
    router.Add(
        {"GET", "/admin/users", Access::kAdmin, "User accounts", [&service, &pages](Request& req) {
             auto paging = http::ParsePaging(req, 100);
             if (!paging)
                 return pages.Error(req, paging.error());
             auto users = service.ListUsers(*req.actor, *paging);
             if (!users)
                 return pages.Error(req, users.error());
             Data list(Data::type::list);
             for (const auto& u : users->items) {
                 Data d;
                 d.set("login", u.login);
                 d.set("display_name", u.display_name);
                 d.set("roles", RolesText(pages, req, u.grants));
                 d.set("disabled", u.disabled);
                 d.set("href", "/admin/users/" + u.login);
                 list.push_back(d);
             }
             Data view;
             view.set("users", list);
             view.set("count", html::Number(req, users->total));
             return pages.Render(req, "accounts/users", "users", std::move(view));
         }});
    router.Add({"GET", "/admin/users/{login}", Access::kAdmin, "One account and its history",
                [&service, &audit, &pages](Request& req) {
                    auto user = service.GetUser(*req.actor, req.Param("login"));
                    if (!user)
                        return pages.Error(req, user.error());
                    const User* found = &*user;
                    audit::AuditFilter filter;
                    filter.entity = "user";
                    filter.entity_id = std::to_string(found->id.value);
                    auto history = audit.List(*req.actor, filter, {1, 100});
                    if (!history)
                        return pages.Error(req, history.error());
                    Data rows(Data::type::list);
                    for (const auto& e : history->items) {
                        Data d;
                        d.set("at", e.at.substr(0, 19));
                        d.set("user_login", e.user_login);
                        d.set("action", e.action);
                        d.set("after", e.after_json);
                        rows.push_back(d);
                    }
                    Data view;
                    view.set("login", found->login);
                    view.set("display_name", found->display_name);
                    view.set("roles", RolesText(pages, req, found->grants));
                    view.set("disabled", found->disabled);
                    view.set("history", rows);
                    return pages.Render(req, "accounts/user", "users", std::move(view));
                }});
}

}  // namespace ngoaivu::accounts
