#pragma once

#include <nlohmann/json.hpp>

#include "html/pages.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "modules/agreements/agreement_service.hpp"

namespace ngoaivu::agreements {

// Registers the agreements API (/api/v1/agreements ...) and pages (/agreements ...). `service`
// and `pages` must outlive the router.
void RegisterAgreementRoutes(http::Router& router, AgreementService& service,
                             const html::Pages& pages);

}  // namespace ngoaivu::agreements

namespace ngoaivu::agreements::detail {

void RegisterAgreementApi(http::Router& router, AgreementService& service);
void RegisterAgreementPages(http::Router& router, AgreementService& service,
                            const html::Pages& pages);

// The list filters, sort and page from the query string, shared by the API, the pages and the
// exports: q, province (admin unit id of either generation), country, partner_kind, partner,
// field, status, year, overdue=1, without_result=1, sort, page, per_page. Errors name the
// parameter.
struct ListQuery {
    AgreementFilter filter;
    AgreementSort sort = AgreementSort::kSignedDesc;
    PageRequest page;
};
Result<ListQuery> ParseListQuery(const http::Request& req);

// JSON encodings (the API's shapes; documented in web/openapi.json).
nlohmann::json AgreementJson(const Agreement& a, Date today);
nlohmann::json DetailJson(const AgreementDetail& d, Date today);
nlohmann::json DueJson(const DueItem& item, Date today);

// Request bodies (JSON).
Result<AgreementFields> ParseFieldsJson(const nlohmann::json& body, std::int64_t* version);
Result<RegisterRequest> ParseRegisterJson(const nlohmann::json& body);
Result<StepRequest> ParseStepJson(const nlohmann::json& body, std::optional<std::int64_t>* version);
Result<CommitmentRequest> ParseCommitmentJson(const nlohmann::json& body, std::int64_t* version);
Result<ResultRequest> ParseResultJson(const nlohmann::json& body);

}  // namespace ngoaivu::agreements::detail
