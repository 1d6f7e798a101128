#include "http/json.hpp"
#include "http/json_fields.hpp"
#include "modules/agreements/agreements_routes.hpp"

namespace ngoaivu::agreements::detail {

namespace {

using http::Access;
using http::Request;
using http::Response;

// An error answer; a lost optimistic-locking race also carries the record as it is now stored,
// so that the client can show the other person's change.
Response Fail(AgreementService& service, const Request& req, const Error& error,
              std::optional<std::int64_t> agreement_id = std::nullopt) {
    Response res = http::JsonError(error, req.request_id);
    if (error.code == ErrorCode::kConflict && error.field == "version" && agreement_id) {
        if (auto current = service.Get(*req.actor, *agreement_id)) {
            nlohmann::json body = http::ErrorJson(error, req.request_id);
            body["current"] = DetailJson(*current, service.Today());
            return http::JsonResponse(409, body);
        }
    }
    return res;
}

Response Detail(AgreementService& service, const Result<AgreementDetail>& d, const Request& req,
                int status, std::optional<std::int64_t> id = std::nullopt) {
    if (!d)
        return Fail(service, req, d.error(), id);
    return http::JsonResponse(status, DetailJson(*d, service.Today()));
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
    router.Add(
        {"POST", "/api/v1/agreements/import", Access::kAuthenticated,
         "Import agreements from an XLSX or CSV file (the request body)", [&service](Request& req) {
             std::string mode(req.Query("mode").value_or("preview"));
             AgreementService::ImportMode m;
             if (mode == "preview") {
                 m = AgreementService::ImportMode::kPreview;
             } else if (mode == "all") {
                 m = AgreementService::ImportMode::kAllOrNothing;
             } else if (mode == "valid") {
                 m = AgreementService::ImportMode::kValidRows;
             } else {
                 return http::JsonError(
                     Error::InvalidArgument("mode", "Chế độ phải là preview, all hoặc valid.",
                                            "The mode must be preview, all or valid."),
                     req.request_id);
             }
             if (http::TrimOws(req.Header("content-type").value_or(""))
                     .starts_with("application/json")) {
                 return http::JsonError(
                     Error::InvalidArgument("body",
                                            "Hãy gửi chính tệp XLSX hoặc CSV, không phải JSON.",
                                            "Send the XLSX or CSV file itself, not JSON."),
                     req.request_id);
             }
             if (req.body.empty()) {
                 return http::JsonError(
                     Error::InvalidArgument("file", "Chưa có tệp (nội dung yêu cầu trống).",
                                            "No file: the request body is empty."),
                     req.request_id);
             }
             auto report = service.Import(*req.actor, req.body, m);
             if (!report)
                 return http::JsonError(report.error(), req.request_id);
             nlohmann::json problems = nlohmann::json::array();
             for (const auto& p : report->problems) {
                 problems.push_back({{"row", p.row},
                                     {"column", p.column},
                                     {"column_en", p.column_en},
                                     {"message_vi", p.message_vi},
                                     {"message_en", p.message_en}});
             }
             return http::JsonResponse(200, {{"mode", mode},
                                             {"rows", report->rows},
                                             {"valid", report->valid},
                                             {"written", report->written},
                                             {"created_ids", report->created_ids},
                                             {"problems", problems}});
         }});
    router.Add(
        {"GET", "/api/v1/agreements/due", Access::kAuthenticated,
         "Deadlines and commitments due or overdue in my provinces", [&service](Request& req) {
             auto paging = http::ParsePaging(req, 50);
             if (!paging)
                 return http::JsonError(paging.error(), req.request_id);
             auto unit = http::ParseIntParam(req, "province", 1000, 2999);
             if (!unit)
                 return http::JsonError(unit.error(), req.request_id);
             auto within = http::ParseIntParam(req, "within_days", 0, 366);
             if (!within)
                 return http::JsonError(within.error(), req.request_id);
             auto due =
                 service.Due(*req.actor, *unit, static_cast<int>(within->value_or(7)), *paging);
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
