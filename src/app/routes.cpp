#include "app/routes.hpp"

#include <chrono>

#include <nlohmann/json.hpp>

#include "http/json.hpp"
#include "modules/accounts/accounts_routes.hpp"

namespace ngoaivu::app {

namespace {

using http::Access;
using http::Request;
using http::Response;

const auto kStarted = std::chrono::steady_clock::now();

}  // namespace

void RegisterCoreRoutes(http::Router& router, CoreDeps deps) {
    router.Add(
        {"GET", "/healthz", Access::kPublic, "Liveness and database check", [deps](Request& req) {
             bool db_ok = true;
             try {
                 auto tx = deps.db.Begin(storage::TxMode::kRead);
                 db_ok = tx->QueryOne("SELECT 1").has_value();
             } catch (const storage::DatabaseError&) {
                 db_ok = false;
             }
             auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::steady_clock::now() - kStarted);
             (void)req;
             return http::JsonResponse(db_ok ? 200 : 503,
                                       {{"status", db_ok ? "ok" : "unavailable"},
                                        {"database", db_ok ? "ok" : "unavailable"},
                                        {"version", NGOAIVU_VERSION},
                                        {"uptime_seconds", uptime.count()}});
         }});
    router.Add({"GET", "/metrics", Access::kPublic, "Prometheus metrics", [deps](Request&) {
                    Response res =
                        Response::Text(200, deps.metrics.Render(deps.open_connections()));
                    res.Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                    return res;
                }});
    router.Add({"GET", "/api/v1/openapi.json", Access::kPublic, "This API's OpenAPI 3 document",
                [deps](Request&) { return Response::Json(200, deps.openapi); }});
    router.Add({"GET", "/lang/{code}", Access::kPublic, "Switch language and remember it",
                [deps](Request& req) {
                    const std::string& code = req.Param("code");
                    if (code != "vi" && code != "en") {
                        return deps.pages.Error(
                            req, Error::InvalidArgument("lang", "Ngôn ngữ phải là vi hoặc en.",
                                                        "The language must be vi or en."));
                    }
                    Response res =
                        Response::Redirect(accounts::SafeNext(req.Query("next").value_or("/")));
                    res.Add("Set-Cookie",
                            "lang=" + code + "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax");
                    return res;
                }});
    router.Add({"GET", "/", Access::kAuthenticated, "Home", [deps](Request& req) {
                    html::Data view;
                    auto today = deps.geo.Today();
                    auto units = deps.geo.ListUnits({today, "", {1, 1}});
                    auto old_units = deps.geo.ListUnits({Date::FromYmd(2025, 6, 30), "", {1, 1}});
                    auto countries = deps.geo.ListCountries({"", {1, 1}});
                    auto missions = deps.geo.ListOrganisations({"mission", "", {1, 1}});
                    if (!units || !old_units || !countries || !missions) {
                        return deps.pages.Status(req, 500);
                    }
                    view.set("units_now", html::Number(req, units->total));
                    view.set("units_before", html::Number(req, old_units->total));
                    view.set("countries", html::Number(req, countries->total));
                    view.set("missions", html::Number(req, missions->total));
                    view.set("today", today.ToDisplay());
                    return deps.pages.Render(req, "home", "home", std::move(view));
                }});
}

}  // namespace ngoaivu::app
