#include "http/json.hpp"
#include "modules/indicators/indicators_routes.hpp"

namespace ngoaivu::indicators {

namespace {

using http::Access;
using http::Request;
using http::Response;

Response Fail(const Request& req, const Error& e) {
    return http::JsonError(e, req.request_id);
}

// The {id} (round) and {unit} path parameters.
Result<std::pair<std::int64_t, std::int64_t>> RoundAndUnit(const Request& req) {
    auto id = http::ParseIdParam(req, "id");
    if (!id)
        return id.error();
    auto unit = http::ParseIdParam(req, "unit");
    if (!unit)
        return unit.error();
    return std::make_pair(*id, *unit);
}

// A read of the round named by {id}: `read(id)` encoded by `encode`, or the error envelope.
template <typename Read, typename Encode>
Response ReadRound(const Request& req, Read&& read, Encode&& encode) {
    auto id = http::ParseIdParam(req, "id");
    if (!id)
        return Fail(req, id.error());
    auto result = read(*id);
    if (!result)
        return Fail(req, result.error());
    return http::JsonResponse(200, encode(*result));
}

Response GridResponse(const Request& req, const Result<Grid>& g) {
    if (!g)
        return Fail(req, g.error());
    return http::JsonResponse(200, detail::GridJson(*g));
}

}  // namespace

void RegisterIndicatorApi(http::Router& router, IndicatorService& service) {
    router.Add({"GET", "/api/v1/indicators", Access::kAuthenticated,
                "Indicator definitions (?active=1: only the active ones)",
                [&service](Request& req) {
                    auto list = service.ListIndicators(*req.actor, http::FlagParam(req, "active"));
                    if (!list)
                        return Fail(req, list.error());
                    nlohmann::json items = nlohmann::json::array();
                    for (const auto& i : *list)
                        items.push_back(detail::IndicatorJson(i));
                    return http::JsonResponse(200, {{"items", items}});
                }});
    router.Add({"POST", "/api/v1/indicators", Access::kAdmin, "Add an indicator (administrators)",
                [&service](Request& req) {
                    auto body = http::ParseJsonBody(req);
                    if (!body)
                        return Fail(req, body.error());
                    auto f = detail::ParseIndicatorJson(*body, nullptr);
                    if (!f)
                        return Fail(req, f.error());
                    auto i = service.CreateIndicator(*req.actor, *f);
                    if (!i)
                        return Fail(req, i.error());
                    return http::JsonResponse(201, detail::IndicatorJson(*i));
                }});
    router.Add({"GET", "/api/v1/indicators/values", Access::kAuthenticated,
                "Yearly values by province (63 old or 34 new units), with national totals",
                [&service](Request& req) {
                    auto q = detail::ParseValuesQuery(req, service.Today().year());
                    if (!q)
                        return Fail(req, q.error());
                    auto values = service.YearlyValues(*req.actor, *q);
                    if (!values)
                        return Fail(req, values.error());
                    std::vector<YearValue> national;
                    if (!q->unit_id)
                        national = service.NationalTotalsOf(*values);
                    return http::Response::Json(200,
                                                detail::YearlyValuesText(*q, *values, national));
                }});
    router.Add({"GET", "/api/v1/indicators/{code}", Access::kAuthenticated,
                "An indicator definition", [&service](Request& req) {
                    auto i = service.GetIndicator(*req.actor, req.Param("code"));
                    if (!i)
                        return Fail(req, i.error());
                    return http::JsonResponse(200, detail::IndicatorJson(*i));
                }});
    router.Add({"PUT", "/api/v1/indicators/{code}", Access::kAdmin,
                "Edit an indicator (administrators; optimistic locking on version)",
                [&service](Request& req) {
                    auto body = http::ParseJsonBody(req);
                    if (!body)
                        return Fail(req, body.error());
                    std::int64_t version = 0;
                    auto f = detail::ParseIndicatorJson(*body, &version);
                    if (!f)
                        return Fail(req, f.error());
                    auto i = service.UpdateIndicator(*req.actor, req.Param("code"), version, *f);
                    if (!i)
                        return Fail(req, i.error());
                    return http::JsonResponse(200, detail::IndicatorJson(*i));
                }});
    router.Add({"GET", "/api/v1/indicator-rounds", Access::kAuthenticated,
                "Reporting rounds, newest period first (paged)", [&service](Request& req) {
                    auto page = http::ParsePaging(req, 50);
                    if (!page)
                        return Fail(req, page.error());
                    auto rounds = service.ListRounds(*req.actor, *page);
                    if (!rounds)
                        return Fail(req, rounds.error());
                    return http::JsonResponse(200, http::PageJson(*rounds, [](const Round& r) {
                                                  return detail::RoundJson(r, false);
                                              }));
                }});
    router.Add({"POST", "/api/v1/indicator-rounds", Access::kAuthenticated,
                "Open a reporting round (MOFA staff and administrators)", [&service](Request& req) {
                    if (!IndicatorService::CanManageRounds(*req.actor)) {
                        return Fail(req, service.CreateRound(*req.actor, {}).error());
                    }
                    auto body = http::ParseJsonBody(req);
                    if (!body)
                        return Fail(req, body.error());
                    auto f = detail::ParseRoundJson(*body);
                    if (!f)
                        return Fail(req, f.error());
                    auto r = service.CreateRound(*req.actor, *f);
                    if (!r)
                        return Fail(req, r.error());
                    return http::JsonResponse(201, detail::RoundJson(*r, true));
                }});
    router.Add({"GET", "/api/v1/indicator-rounds/{id}", Access::kAuthenticated,
                "A reporting round with the indicators it asks for", [&service](Request& req) {
                    return ReadRound(
                        req, [&](std::int64_t id) { return service.GetRound(*req.actor, id); },
                        [](const Round& r) { return detail::RoundJson(r, true); });
                }});
    router.Add({"GET", "/api/v1/indicator-rounds/{id}/completeness", Access::kAuthenticated,
                "Which provinces have reported, on time or late", [&service](Request& req) {
                    return ReadRound(
                        req,
                        [&](std::int64_t id) { return service.GetCompleteness(*req.actor, id); },
                        [](const auto& c) { return detail::CompletenessJson(c); });
                }});
    router.Add({"GET", "/api/v1/indicator-rounds/{id}/submissions/{unit}", Access::kAuthenticated,
                "A province's data set (grid) in a round", [&service](Request& req) {
                    auto ids = RoundAndUnit(req);
                    if (!ids)
                        return Fail(req, ids.error());
                    return GridResponse(req, service.GetGrid(*req.actor, ids->first, ids->second));
                }});
    router.Add(
        {"PUT", "/api/v1/indicator-rounds/{id}/submissions/{unit}", Access::kAuthenticated,
         "Save a province's whole grid (optimistic locking on version)", [&service](Request& req) {
             auto ids = RoundAndUnit(req);
             if (!ids)
                 return Fail(req, ids.error());
             auto body = http::ParseJsonBody(req);
             if (!body)
                 return Fail(req, body.error());
             auto grid = detail::ParseGridJson(*body);
             if (!grid)
                 return Fail(req, grid.error());
             return GridResponse(req, service.SaveGrid(*req.actor, ids->first, ids->second, *grid));
         }});
    router.Add(
        {"POST", "/api/v1/indicator-rounds/{id}/submissions/{unit}/steps", Access::kAuthenticated,
         "Submit, approve, return or reopen a province's data set", [&service](Request& req) {
             auto ids = RoundAndUnit(req);
             if (!ids)
                 return Fail(req, ids.error());
             auto body = http::ParseJsonBody(req);
             if (!body)
                 return Fail(req, body.error());
             auto step = detail::ParseStepJson(*body);
             if (!step)
                 return Fail(req, step.error());
             return GridResponse(req, service.Step(*req.actor, ids->first, ids->second, *step));
         }});
}

void RegisterIndicatorRoutes(http::Router& router, IndicatorService& service,
                             const html::Pages& pages) {
    RegisterIndicatorApi(router, service);
    RegisterIndicatorPages(router, service, pages);
}

}  // namespace ngoaivu::indicators
