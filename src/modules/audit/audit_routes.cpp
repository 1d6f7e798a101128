#include "modules/audit/audit_routes.hpp"

#include "http/json.hpp"

namespace ngoaivu::audit {

namespace {

using http::Access;
using http::Request;
using http::Response;

AuditFilter FilterOf(const Request& req) {
    auto q = [&req](const char* name) { return std::string(req.Query(name).value_or("")); };
    return AuditFilter{q("user"), q("entity"), q("entity_id"), q("action"), q("from"), q("to")};
}

nlohmann::json EntryJson(const AuditEntry& e) {
    auto parse = [](const std::string& s) {
        auto j = nlohmann::json::parse(s, nullptr, false);
        return j.is_discarded() ? nlohmann::json(s) : j;
    };
    return {{"id", e.id},
            {"at", e.at},
            {"user_id", e.user_id ? nlohmann::json(*e.user_id) : nlohmann::json()},
            {"user_login", e.user_login},
            {"request_id", e.request_id},
            {"client_address", e.client_address},
            {"action", e.action},
            {"entity", e.entity},
            {"entity_id", e.entity_id},
            {"before", parse(e.before_json)},
            {"after", parse(e.after_json)},
            {"hash", e.hash}};
}

}  // namespace

void RegisterAuditRoutes(http::Router& router, AuditService& service, const html::Pages& pages) {
    router.Add({"GET", "/api/v1/audit", Access::kAuditReaders, "The audit trail, filtered",
                [&service](Request& req) {
                    auto paging = http::ParsePaging(req, 50);
                    if (!paging)
                        return http::JsonError(paging.error(), req.request_id);
                    auto page = service.List(*req.actor, FilterOf(req), *paging);
                    if (!page)
                        return http::JsonError(page.error(), req.request_id);
                    return http::JsonResponse(200, http::PageJson(*page, EntryJson));
                }});
    router.Add({"GET", "/audit", Access::kAuditReaders, "The audit trail page",
                [&service, &pages](Request& req) {
                    auto paging = http::ParsePaging(req, 50);
                    if (!paging)
                        return pages.Error(req, paging.error());
                    AuditFilter f = FilterOf(req);
                    auto page = service.List(*req.actor, f, *paging);
                    if (!page)
                        return pages.Error(req, page.error());
                    html::Data rows(html::Data::type::list);
                    for (const auto& e : page->items) {
                        html::Data d;
                        d.set("id", std::to_string(e.id));
                        // dd/mm/yyyy hh:mm:ss (UTC) for people; the API keeps ISO 8601.
                        std::string day = e.at.substr(8, 2) + "/" + e.at.substr(5, 2) + "/" +
                                          e.at.substr(0, 4) + " " + e.at.substr(11, 8);
                        d.set("at", day);
                        d.set("user_login", e.user_login);
                        d.set("client_address", e.client_address);
                        d.set("request_id", e.request_id);
                        d.set("action", e.action);
                        d.set("entity", e.entity);
                        d.set("entity_id", e.entity_id);
                        d.set("before", e.before_json);
                        d.set("after", e.after_json);
                        rows.push_back(d);
                    }
                    html::Data view;
                    view.set("entries", rows);
                    view.set("count", html::Number(req, page->total));
                    view.set("f_user", f.user_login);
                    view.set("f_entity", f.entity);
                    view.set("f_action", f.action);
                    view.set("f_from", f.from);
                    view.set("f_to", f.to);
                    return pages.Render(req, "audit/list", "audit", std::move(view));
                }});
}

}  // namespace ngoaivu::audit
