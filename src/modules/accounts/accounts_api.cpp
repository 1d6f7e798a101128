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

}  // namespace

void RegisterAccountApi(http::Router& router, AccountService& service) {
    router.Add(
        {"GET", "/api/v1/me", Access::kAuthenticated, "The signed-in user", [](Request& req) {
             nlohmann::json grants = nlohmann::json::array();
             for (const auto& g : req.actor->grants)
                 grants.push_back(GrantJson(g));
             return http::JsonResponse(200, {{"id", req.actor->user_id},
                                             {"login", req.actor->login},
                                             {"via_token", req.actor->via_token},
                                             {"grants", grants}});
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
