#include <cstdint>
#include <limits>
#include <optional>

#include "http/json.hpp"
#include "modules/accounts/accounts_routes.hpp"

namespace ngoaivu::accounts {

namespace {

using http::Access;
using http::Request;
using http::Response;

nlohmann::json GrantJson(const RoleGrant& g) {
    return {{"role", RoleName(g.role)},
            {"all_provinces", g.all_provinces},
            {"admin_unit_ids", std::vector<std::int64_t>(g.provinces.begin(), g.provinces.end())},
            {"countries", std::vector<std::string>(g.countries.begin(), g.countries.end())}};
}

nlohmann::json TokenJson(const ApiToken& t) {
    auto or_null = [](const std::string& s) {
        return s.empty() ? nlohmann::json() : nlohmann::json(s);
    };
    return {{"id", t.id},
            {"name", t.name},
            {"prefix", t.prefix},
            {"created_at", t.created_at},
            {"last_used_at", or_null(t.last_used_at)},
            {"revoked_at", or_null(t.revoked_at)}};
}

nlohmann::json UserJson(const User& u) {
    nlohmann::json grants = nlohmann::json::array();
    for (const auto& g : u.grants) {
        grants.push_back({{"role", RoleName(g.role)},
                          {"all_provinces", g.all_provinces},
                          {"admin_unit_ids", g.unit_ids},
                          {"countries", g.countries}});
    }
    return {{"id", u.id.value},
            {"login", u.login},
            {"display_name", u.display_name},
            {"email", u.email.empty() ? nlohmann::json() : nlohmann::json(u.email)},
            {"disabled", u.disabled},
            {"must_change_password", u.must_change_password},
            {"grants", grants},
            {"created_at", u.created_at}};
}

// GET and PATCH /api/v1/me: the caller's identity and scope (from the actor) with the profile
// as stored (from the database).
nlohmann::json MeJson(const Actor& actor, const User& u) {
    nlohmann::json grants = nlohmann::json::array();
    for (const auto& g : actor.grants)
        grants.push_back(GrantJson(g));
    return {{"id", actor.user_id},
            {"login", actor.login},
            {"display_name", u.display_name},
            {"email", u.email.empty() ? nlohmann::json() : nlohmann::json(u.email)},
            {"version", u.version},
            {"via_token", actor.via_token},
            {"grants", grants}};
}

// The body of PATCH /api/v1/me.
struct ProfileRequest {
    std::string display_name;
    std::string email;
    std::int64_t version = 0;
};

// Reads {"display_name": string, "email": string or null, "version": integer}; a missing or
// wrongly typed member is kInvalidArgument naming it (every such member is in `fields`).
Result<ProfileRequest> ParseProfileRequest(const Request& req) {
    auto body = http::ParseJsonBody(req);
    if (!body)
        return body.error();
    const nlohmann::json empty = nlohmann::json::object();
    const nlohmann::json& j = body->is_object() ? *body : empty;
    ProfileRequest out;
    std::optional<Error> invalid;
    auto add = [&invalid](Error e) {
        if (!invalid)
            invalid = std::move(e);
        else
            invalid->fields.insert(invalid->fields.end(), e.fields.begin(), e.fields.end());
    };
    if (auto it = j.find("display_name"); it != j.end() && it->is_string()) {
        out.display_name = it->get<std::string>();
    } else {
        add(Error::InvalidArgument("display_name", "Cần trường \"display_name\" kiểu chuỗi.",
                                   "A string field \"display_name\" is required."));
    }
    if (auto it = j.find("email"); it != j.end() && (it->is_string() || it->is_null())) {
        if (it->is_string())
            out.email = it->get<std::string>();
    } else {
        add(Error::InvalidArgument("email", "Cần trường \"email\" kiểu chuỗi hoặc null.",
                                   "A field \"email\" that is a string or null is required."));
    }
    auto it = j.find("version");
    bool integer = it != j.end() && it->is_number_integer() &&
                   !(it->is_number_unsigned() &&
                     it->get<std::uint64_t>() > std::numeric_limits<std::int64_t>::max());
    if (integer) {
        out.version = it->get<std::int64_t>();
    } else {
        add(Error::InvalidArgument("version", "Cần trường \"version\" kiểu số nguyên.",
                                   "An integer field \"version\" is required."));
    }
    if (invalid)
        return *invalid;
    return out;
}

}  // namespace

void RegisterAccountApi(http::Router& router, AccountService& service) {
    router.Add({"GET", "/api/v1/me", Access::kAuthenticated, "The signed-in user",
                [&service](Request& req) {
                    auto me = service.Me(*req.actor);
                    if (!me)
                        return http::JsonError(me.error(), req.request_id);
                    return http::JsonResponse(200, MeJson(*req.actor, *me));
                }});
    router.Add(
        {"PATCH", "/api/v1/me", Access::kAuthenticated,
         "Change my full name and email (optimistic locking on version)", [&service](Request& req) {
             auto body = ParseProfileRequest(req);
             if (!body)
                 return http::JsonError(body.error(), req.request_id);
             auto updated =
                 service.UpdateProfile(*req.actor, body->version, body->display_name, body->email);
             if (!updated)
                 return http::JsonError(updated.error(), req.request_id);
             return http::JsonResponse(200, MeJson(*req.actor, *updated));
         }});
    router.Add({"GET", "/api/v1/tokens", Access::kAuthenticated, "My API tokens",
                [&service](Request& req) {
                    auto tokens = service.ListTokens(*req.actor);
                    if (!tokens)
                        return http::JsonError(tokens.error(), req.request_id);
                    nlohmann::json items = nlohmann::json::array();
                    for (const auto& t : *tokens)
                        items.push_back(TokenJson(t));
                    return http::JsonResponse(200, {{"items", items}});
                }});
    router.Add({"POST", "/api/v1/tokens", Access::kAuthenticated,
                "Create an API token (shown once)", [&service](Request& req) {
                    auto body = http::ParseJsonBody(req);
                    if (!body)
                        return http::JsonError(body.error(), req.request_id);
                    if (!body->is_object() || !(*body)["name"].is_string()) {
                        return http::JsonError(
                            Error::InvalidArgument("name", "Cần trường \"name\" kiểu chuỗi.",
                                                   "A string field \"name\" is required."),
                            req.request_id);
                    }
                    auto created = service.CreateToken(*req.actor, (*body)["name"]);
                    if (!created)
                        return http::JsonError(created.error(), req.request_id);
                    nlohmann::json j = TokenJson(created->info);
                    j["token"] = created->token;
                    return http::JsonResponse(201, j);
                }});
    router.Add({"DELETE", "/api/v1/tokens/{id}", Access::kAuthenticated, "Revoke an API token",
                [&service](Request& req) {
                    const std::string& raw = req.Param("id");
                    char* end = nullptr;
                    long long id = std::strtoll(raw.c_str(), &end, 10);
                    if (raw.empty() || *end != '\0' || id <= 0) {
                        return http::JsonError(
                            Error::InvalidArgument("id", "Mã số không hợp lệ.", "Invalid id."),
                            req.request_id);
                    }
                    auto r = service.RevokeToken(*req.actor, id);
                    if (!r)
                        return http::JsonError(r.error(), req.request_id);
                    return Response{204, {}, {}};
                }});
    router.Add({"GET", "/api/v1/users", Access::kAdmin, "User accounts (administrators)",
                [&service](Request& req) {
                    auto paging = http::ParsePaging(req, 50);
                    if (!paging)
                        return http::JsonError(paging.error(), req.request_id);
                    auto users = service.ListUsers(*req.actor, *paging);
                    if (!users)
                        return http::JsonError(users.error(), req.request_id);
                    return http::JsonResponse(200, http::PageJson(*users, UserJson));
                }});
}

void RegisterAccountPages(http::Router& router, AccountService& service, audit::AuditService& audit,
                          const html::Pages& pages, CookiePolicy cookies);

void RegisterAccountRoutes(http::Router& router, AccountService& service,
                           audit::AuditService& audit, const html::Pages& pages,
                           CookiePolicy cookies) {
    RegisterAccountApi(router, service);
    RegisterAccountPages(router, service, audit, pages, cookies);
}

}  // namespace ngoaivu::accounts
