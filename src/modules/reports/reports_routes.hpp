#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "html/pages.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "modules/reports/report_service.hpp"

namespace ngoaivu::reports {

// Registers the dashboards (/dashboard, /dashboard/province/{id}), the review report
// (/reports/review) and their API (/api/v1/dashboard…, /api/v1/reports/review). `service` and
// `pages` must outlive the router.
void RegisterReportRoutes(http::Router& router, ReportService& service, const html::Pages& pages);

}  // namespace ngoaivu::reports

namespace ngoaivu::reports::detail {

void RegisterReportApi(http::Router& router, ReportService& service);
void RegisterReportPages(http::Router& router, ReportService& service, const html::Pages& pages);

// What a request asks to get back.
enum class Format { kDefault, kXlsx, kDocx };

// ?format=: "" (the page or JSON), "html" on pages, "json" in the API, "xlsx", and "docx" when
// `docx` is allowed; kInvalidArgument naming "format" otherwise.
Result<Format> ParseFormat(const http::Request& req, bool docx);

// The dashboard's filters: from_year, to_year (default: the ten years to this one), generation
// (1 or 2, default 2), indicator, province (an admin unit id; `path_unit` from the path wins).
Result<DashboardRequest> ParseDashboard(const http::Request& req, ReportService& service,
                                        std::optional<std::int64_t> path_unit);

// The review's filters: from, to (ISO in the API; dd/mm/yyyy, or ISO, on pages), or
// preset=since_last_conference; by default the period since the last national conference, or
// the three years to today when there is none; province; generation (default: 1 for a period
// ending before 01/07/2025, else 2); compare_year (default: ten years before the last year).
Result<ReviewRequest> ParseReview(const http::Request& req, ReportService& service, bool page);

// JSON encodings (documented in web/openapi.json).
nlohmann::json DashboardJson(const Dashboard& dashboard);
nlohmann::json ReviewJson(const Review& review);

// The file names of the downloads ("bao-cao-tong-ket-2020-12-19-2023-12-18.xlsx").
std::string DashboardFileName(const Dashboard& dashboard, const char* extension);
std::string ReviewFileName(const Review& review, const char* extension);

}  // namespace ngoaivu::reports::detail
