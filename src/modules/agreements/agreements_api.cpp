#include "http/json.hpp"
#include "http/json_fields.hpp"
#include "modules/agreements/agreements_routes.hpp"

namespace ngoaivu::agreements::detail {

namespace {

using http::Access;
using http::Request;
using http::Response;

// The agreement as the API answers it; a lost optimistic-locking race also carries the record
// as it is now stored.
Response Detail(AgreementService& service, const Result<AgreementDetail>& d, const Request& req,
                int status, std::optional<std::int64_t> id = std::nullopt) {
    return http::RecordReply(
        req, d, status, id, [&](std::int64_t i) { return service.Get(*req.actor, i); },
        [&](const AgreementDetail& a) { return DetailJson(a, service.Today()); });
}

}  // namespace

void RegisterAgreementApi(http::Router& router, AgreementService& service) {
    router.Add({"GET", "/api/v1/agreements", Access::kAuthenticated,
                "International agreements in my provinces (filters, sort, paging)",
                [&service](Request& req) {
                    auto q = ParseListQuery(req);
                    if (!q)
                        return http::JsonError(q.error(), req.request_id);
                    auto page = service.List(*req.actor, q->filter, q->sort, q->page);
                    if (!page)
                        return http::JsonError(page.error(), req.request_id);
                    Date today = service.Today();
                    return http::JsonResponse(200, http::PageJson(*page, [&](const Agreement& a) {
                                                  return AgreementJson(a, today);
                                              }));
                }});
    router.Add({"POST", "/api/v1/agreements", Access::kAuthenticated, "Create a draft agreement",
                [&service](Request& req) {
                    auto body = http::ParseJsonBody(req);
                    if (!body)
                        return http::JsonError(body.error(), req.request_id);
                    auto fields = ParseFieldsJson(*body, nullptr);
                    if (!fields)
                        return http::JsonError(fields.error(), req.request_id);
                    http::JsonFields extra(*body);
                    auto drafted_on = extra.Date("drafted_on");
                    if (auto e = extra.Problem())
                        return http::JsonError(*e, req.request_id);
                    return Detail(service, service.Create(*req.actor, *fields, drafted_on), req,
                                  201);
                }});
    router.Add({"POST", "/api/v1/agreements/register", Access::kAuthenticated,
                "Record an agreement signed earlier", [&service](Request& req) {
                    auto body = http::ParseJsonBody(req);
                    if (!body)
                        return http::JsonError(body.error(), req.request_id);
                    auto r = ParseRegisterJson(*body);
                    if (!r)
                        return http::JsonError(r.error(), req.request_id);
                    return Detail(service, service.Register(*req.actor, *r), req, 201);
                }});
    router.Add({"POST", "/api/v1/agreements/import", Access::kAuthenticated,
                "Import agreements from an XLSX or CSV file (the request body)",
                [&service](Request& req) {
                    return http::ImportReply<AgreementService::ImportMode>(
                        req, [&](AgreementService::ImportMode m) {
                            return service.Import(*req.actor, req.body, m);
                        });
                }});
    router.Add(
        {"GET", "/api/v1/agreements/due", Access::kAuthenticated,
         "Deadlines and commitments due or overdue in my provinces", [&service](Request& req) {
             auto q = http::ParseDueQuery(req, 50, 7);
             if (!q)
                 return http::JsonError(q.error(), req.request_id);
             auto due = service.Due(*req.actor, q->unit_id, q->within_days, q->page);
             if (!due)
                 return http::JsonError(due.error(), req.request_id);
             Date today = service.Today();
             return http::JsonResponse(
                 200, http::PageJson(*due, [&](const DueItem& i) { return DueJson(i, today); }));
         }});
    router.Add({"GET", "/api/v1/agreements/{id}", Access::kAuthenticated,
                "An agreement with its deadlines, history, commitments and results",
                [&service](Request& req) {
                    auto id = http::ParseIdParam(req, "id");
                    if (!id)
                        return http::JsonError(id.error(), req.request_id);
                    return Detail(service, service.Get(*req.actor, *id), req, 200);
                }});
    router.Add(
        {"PUT", "/api/v1/agreements/{id}", Access::kAuthenticated,
         "Edit an agreement's details (optimistic locking on version)", [&service](Request& req) {
             auto in = http::ParseIdAndJsonBody(req);
             if (!in)
                 return http::JsonError(in.error(), req.request_id);
             const auto& [id, body] = *in;
             std::int64_t version = 0;
             auto fields = ParseFieldsJson(body, &version);
             if (!fields)
                 return http::JsonError(fields.error(), req.request_id);
             return Detail(service, service.Update(*req.actor, id, version, *fields), req, 200, id);
         }});
    router.Add({"POST", "/api/v1/agreements/{id}/steps", Access::kAuthenticated,
                "Record a workflow step (opinions, referral, decision, signing ...)",
                [&service](Request& req) {
                    auto in = http::ParseIdAndJsonBody(req);
                    if (!in)
                        return http::JsonError(in.error(), req.request_id);
                    const auto& [id, body] = *in;
                    std::optional<std::int64_t> version;
                    auto step = ParseStepJson(body, &version);
                    if (!step)
                        return http::JsonError(step.error(), req.request_id);
                    return Detail(service, service.Step(*req.actor, id, *step, version), req, 200,
                                  id);
                }});
    router.Add({"POST", "/api/v1/agreements/{id}/commitments", Access::kAuthenticated,
                "Add a commitment to a signed agreement", [&service](Request& req) {
                    auto in = http::ParseIdAndJsonBody(req);
                    if (!in)
                        return http::JsonError(in.error(), req.request_id);
                    const auto& [id, body] = *in;
                    auto c = ParseCommitmentJson(body, nullptr);
                    if (!c)
                        return http::JsonError(c.error(), req.request_id);
                    return Detail(service, service.AddCommitment(*req.actor, id, *c), req, 201);
                }});
    router.Add({"PUT", "/api/v1/commitments/{id}", Access::kAuthenticated,
                "Edit a commitment (optimistic locking on version)", [&service](Request& req) {
                    auto in = http::ParseIdAndJsonBody(req);
                    if (!in)
                        return http::JsonError(in.error(), req.request_id);
                    const auto& [id, body] = *in;
                    std::int64_t version = 0;
                    auto c = ParseCommitmentJson(body, &version);
                    if (!c)
                        return http::JsonError(c.error(), req.request_id);
                    return Detail(service, service.UpdateCommitment(*req.actor, id, version, *c),
                                  req, 200);
                }});
    router.Add({"POST", "/api/v1/agreements/{id}/results", Access::kAuthenticated,
                "Add a result (text, date, figures) to a signed agreement",
                [&service](Request& req) {
                    auto in = http::ParseIdAndJsonBody(req);
                    if (!in)
                        return http::JsonError(in.error(), req.request_id);
                    const auto& [id, body] = *in;
                    auto r = ParseResultJson(body);
                    if (!r)
                        return http::JsonError(r.error(), req.request_id);
                    return Detail(service, service.AddResult(*req.actor, id, *r), req, 201);
                }});
}

}  // namespace ngoaivu::agreements::detail

namespace ngoaivu::agreements {

void RegisterAgreementRoutes(http::Router& router, AgreementService& service,
                             const html::Pages& pages) {
    detail::RegisterAgreementApi(router, service);
    detail::RegisterAgreementPages(router, service, pages);
}

}  // namespace ngoaivu::agreements
