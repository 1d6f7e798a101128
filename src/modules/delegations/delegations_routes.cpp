#include "modules/delegations/delegations_routes.hpp"

#include "http/json.hpp"

namespace ngoaivu::delegations {

namespace {

using http::Access;
using http::Request;
using http::Response;

// POST /api/v1/delegations/import?mode=preview|all|valid, the file as the raw request body.
Response Import(DelegationService& service, Request& req) {
    std::string mode(req.Query("mode").value_or("preview"));
    DelegationService::ImportMode m;
    if (mode == "preview") {
        m = DelegationService::ImportMode::kPreview;
    } else if (mode == "all") {
        m = DelegationService::ImportMode::kAllOrNothing;
    } else if (mode == "valid") {
        m = DelegationService::ImportMode::kValidRows;
    } else {
        return http::JsonError(
            Error::InvalidArgument("mode", "Chế độ phải là preview, all hoặc valid.",
                                   "The mode must be preview, all or valid."),
            req.request_id);
    }
    if (http::TrimOws(req.Header("content-type").value_or("")).starts_with("application/json")) {
        return http::JsonError(
            Error::InvalidArgument("body", "Hãy gửi chính tệp XLSX hoặc CSV, không phải JSON.",
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
}

}  // namespace

void RegisterDelegationRoutes(http::Router& router, DelegationService& service,
                              const html::Pages& pages) {
    RegisterDelegationApi(router, service);
    router.Add({"POST", "/api/v1/delegations/import", Access::kAuthenticated,
                "Import delegations from an XLSX or CSV file (the request body)",
                [&service](Request& req) { return Import(service, req); }});
    RegisterDelegationPages(router, service, pages);
}

}  // namespace ngoaivu::delegations
