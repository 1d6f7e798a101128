#pragma once

#include <nlohmann/json.hpp>

#include "html/pages.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "modules/delegations/delegation_service.hpp"

namespace ngoaivu::delegations {

// Registers the delegations API (/api/v1/delegations ...). `service` must outlive the router.
void RegisterDelegationApi(http::Router& router, DelegationService& service);

// Registers the delegations pages (/delegations ...: list, forms, record with its workflow
// steps, export, import). `service` and `pages` must outlive the router.
void RegisterDelegationPages(http::Router& router, DelegationService& service,
                             const html::Pages& pages);

// Registers everything of the module: the API (RegisterDelegationApi), the spreadsheet import
// (POST /api/v1/delegations/import) and the pages (RegisterDelegationPages).
void RegisterDelegationRoutes(http::Router& router, DelegationService& service,
                              const html::Pages& pages);

}  // namespace ngoaivu::delegations

namespace ngoaivu::delegations::detail {

// The list filters, sort and page from the query string, shared by the API, the pages and the
// exports: q, province (admin unit id of either generation), country, partner, direction,
// level, status, year, from and to (ISO dates: under way on a day of the range),
// report_overdue=1, sort, page, per_page. Errors name the parameter.
struct ListQuery {
    DelegationFilter filter;
    DelegationSort sort = DelegationSort::kStartDesc;
    PageRequest page;
};
Result<ListQuery> ParseListQuery(const http::Request& req);

// JSON encodings (the API's shapes; documented in web/openapi.json).
nlohmann::json DelegationJson(const Delegation& d, Date today);
nlohmann::json ViewJson(const DelegationView& v, Date today);
nlohmann::json CountJson(const CountRow& row);

// Request bodies (JSON). `version` receives the body's "version" (required for an edit),
// `proposed_on` its "proposed_on" (a new delegation); `confirm_overlaps` the step's
// "confirm_overlaps" (false when absent).
Result<DelegationFields> ParseFieldsJson(const nlohmann::json& body, std::int64_t* version,
                                         std::optional<Date>* proposed_on);
Result<StepRequest> ParseStepJson(const nlohmann::json& body, std::optional<std::int64_t>* version,
                                  bool* confirm_overlaps);

}  // namespace ngoaivu::delegations::detail
