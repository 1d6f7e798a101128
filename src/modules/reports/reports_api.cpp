#include "http/json.hpp"
#include "modules/reports/report_docx.hpp"
#include "modules/reports/report_sheet.hpp"
#include "modules/reports/reports_routes.hpp"

namespace ngoaivu::reports {

namespace {

using http::Access;
using http::Request;
using http::Response;

constexpr const char* kXlsxMime =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr const char* kDocxMime =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

Response DashboardFigures(ReportService& service, Request& req, bool province) {
    auto format = detail::ParseFormat(req, false);
    if (!format)
        return http::JsonError(format.error(), req.request_id);
    std::optional<std::int64_t> unit;
    if (province) {
        auto id = http::ParseIdParam(req, "id");
        if (!id)
            return http::JsonError(id.error(), req.request_id);
        if (!service.FindUnit(*id)) {
            return http::JsonError(
                Error::NotFound("Không có tỉnh, thành phố mã " + std::to_string(*id) + ".",
                                "No province has the id " + std::to_string(*id) + "."),
                req.request_id);
        }
        unit = *id;
    }
    auto filter = detail::ParseDashboard(req, service, unit);
    if (!filter)
        return http::JsonError(filter.error(), req.request_id);
    auto d = service.GetDashboard(*req.actor, *filter);
    if (!d)
        return http::JsonError(d.error(), req.request_id);
    if (*format == detail::Format::kXlsx)
        return Response::Download(DashboardXlsx(*d), kXlsxMime,
                                  detail::DashboardFileName(*d, "xlsx"));
    return http::JsonResponse(200, detail::DashboardJson(*d));
}

Response ReviewReport(ReportService& service, Request& req) {
    auto format = detail::ParseFormat(req, true);
    if (!format)
        return http::JsonError(format.error(), req.request_id);
    auto filter = detail::ParseReview(req, service, false);
    if (!filter)
        return http::JsonError(filter.error(), req.request_id);
    auto r = service.GetReview(*req.actor, *filter);
    if (!r)
        return http::JsonError(r.error(), req.request_id);
    if (*format == detail::Format::kXlsx)
        return Response::Download(ReviewXlsx(*r), kXlsxMime, detail::ReviewFileName(*r, "xlsx"));
    if (*format == detail::Format::kDocx) {
        return Response::Download(ReviewDocx(*r, service.Today()), kDocxMime,
                                  detail::ReviewFileName(*r, "docx"));
    }
    return http::JsonResponse(200, detail::ReviewJson(*r));
}

}  // namespace

void detail::RegisterReportApi(http::Router& router, ReportService& service) {
    router.Add({"GET", "/api/v1/dashboard", Access::kAuthenticated,
                "The national dashboard's figures (or ?format=xlsx) in the caller's scope",
                [&service](Request& req) { return DashboardFigures(service, req, false); }});
    router.Add({"GET", "/api/v1/dashboard/province/{id}", Access::kAuthenticated,
                "One province's dashboard figures (or ?format=xlsx)",
                [&service](Request& req) { return DashboardFigures(service, req, true); }});
    router.Add({"GET", "/api/v1/reports/review", Access::kAuthenticated,
                "The national review report for a period (JSON, ?format=xlsx or ?format=docx)",
                [&service](Request& req) { return ReviewReport(service, req); }});
}

}  // namespace ngoaivu::reports
