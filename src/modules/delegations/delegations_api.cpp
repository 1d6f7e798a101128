#include "http/json.hpp"
#include "modules/delegations/delegations_routes.hpp"

namespace ngoaivu::delegations {

namespace {

using http::Access;
using http::Request;
using http::Response;

// The delegation as the API answers it; a lost optimistic-locking race also carries the record
// as it is now stored.
Response View(DelegationService& service, const Result<DelegationView>& v, const Request& req,
              int status, std::optional<std::int64_t> id = std::nullopt) {
    return http::RecordReply(
        req, v, status, id, [&](std::int64_t i) { return service.Get(*req.actor, i); },
        [&](const DelegationView& d) { return detail::ViewJson(d, service.Today()); });
}

}  // namespace

void RegisterDelegationApi(http::Router& router, DelegationService& service) {
    router.Add({"GET", "/api/v1/delegations", Access::kAuthenticated,
                "Delegations in and out of my provinces (filters, sort, paging)",
                [&service](Request& req) {
                    auto q = detail::ParseListQuery(req);
                    if (!q)
                        return http::JsonError(q.error(), req.request_id);
                    auto page = service.List(*req.actor, q->filter, q->sort, q->page);
                    if (!page)
                        return http::JsonError(page.error(), req.request_id);
                    Date today = service.Today();
                    return http::JsonResponse(200, http::PageJson(*page, [&](const Delegation& d) {
                                                  return detail::DelegationJson(d, today);
                                              }));
                }});
    router.Add({"POST", "/api/v1/delegations", Access::kAuthenticated,
                "Propose a delegation (outbound or inbound)", [&service](Request& req) {
                    auto body = http::ParseJsonBody(req);
                    if (!body)
                        return http::JsonError(body.error(), req.request_id);
                    std::optional<Date> proposed_on;
                    auto fields = detail::ParseFieldsJson(*body, nullptr, &proposed_on);
                    if (!fields)
                        return http::JsonError(fields.error(), req.request_id);
                    return View(service, service.Create(*req.actor, *fields, proposed_on), req,
                                201);
                }});
    router.Add(
        {"GET", "/api/v1/delegations/counts", Access::kAuthenticated,
         "Delegations counted by province, year, direction and level (for the indicators)",
         [&service](Request& req) {
             auto from = http::ParseIntParam(req, "from_year", 1945, 2100);
             if (!from)
                 return http::JsonError(from.error(), req.request_id);
             auto to = http::ParseIntParam(req, "to_year", 1945, 2100);
             if (!to)
                 return http::JsonError(to.error(), req.request_id);
             std::string by(req.Query("by").value_or("current"));
             if (by != "current" && by != "as_of") {
                 return http::JsonError(
                     Error::InvalidArgument("by",
                                            "Tham số \"by\" phải là current (địa giới hiện nay) "
                                            "hoặc as_of (địa giới của thời điểm đó).",
                                            "The parameter \"by\" must be current (today's "
                                            "boundaries) or as_of (the boundaries of the time)."),
                     req.request_id);
             }
             int this_year = service.Today().year();
             CountsRequest c;
             c.from_year = static_cast<int>(from->value_or(this_year - 4));
             c.to_year = static_cast<int>(to->value_or(this_year));
             c.current_units = by == "current";
             c.carried_out_only = !http::FlagParam(req, "all");
             auto rows = service.Counts(*req.actor, c);
             if (!rows)
                 return http::JsonError(rows.error(), req.request_id);
             nlohmann::json items = nlohmann::json::array();
             for (const auto& r : *rows)
                 items.push_back(detail::CountJson(r));
             return http::JsonResponse(200, {{"from_year", c.from_year},
                                             {"to_year", c.to_year},
                                             {"by", by},
                                             {"carried_out_only", c.carried_out_only},
                                             {"items", items}});
         }});
    router.Add({"GET", "/api/v1/delegations/{id}", Access::kAuthenticated,
                "A delegation with its people, programme, history, outcomes and overlaps",
                [&service](Request& req) {
                    auto id = http::ParseIdParam(req, "id");
                    if (!id)
                        return http::JsonError(id.error(), req.request_id);
                    return View(service, service.Get(*req.actor, *id), req, 200);
                }});
    router.Add({"PUT", "/api/v1/delegations/{id}", Access::kAuthenticated,
                "Edit a proposed or approved delegation (optimistic locking on version)",
                [&service](Request& req) {
                    auto in = http::ParseIdAndJsonBody(req);
                    if (!in)
                        return http::JsonError(in.error(), req.request_id);
                    const auto& [id, body] = *in;
                    std::int64_t version = 0;
                    auto fields = detail::ParseFieldsJson(body, &version, nullptr);
                    if (!fields)
                        return http::JsonError(fields.error(), req.request_id);
                    return View(service, service.Update(*req.actor, id, version, *fields), req, 200,
                                id);
                }});
    router.Add({"POST", "/api/v1/delegations/{id}/steps", Access::kAuthenticated,
                "Record a workflow step (approve, reject, depart, return, report, outcomes ...)",
                [&service](Request& req) {
                    auto in = http::ParseIdAndJsonBody(req);
                    if (!in)
                        return http::JsonError(in.error(), req.request_id);
                    const auto& [id, body] = *in;
                    std::optional<std::int64_t> version;
                    bool confirm = false;
                    auto step = detail::ParseStepJson(body, &version, &confirm);
                    if (!step)
                        return http::JsonError(step.error(), req.request_id);
                    return View(service, service.Step(*req.actor, id, *step, version, confirm), req,
                                200, id);
                }});
}

}  // namespace ngoaivu::delegations
