#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "html/pages.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "modules/geo/geo_service.hpp"
#include "modules/partners/partner_service.hpp"

namespace ngoaivu::partners {

// Registers the partners module's JSON API (/api/v1/partners, /api/v1/sister-relations) and
// pages (/partners, /sister-relations). `service`, `geo` (the province and country choices of
// the forms) and `pages` must outlive the router.
void RegisterPartnerRoutes(http::Router& router, PartnerService& service, geo::GeoService& geo,
                           const html::Pages& pages);

}  // namespace ngoaivu::partners

namespace ngoaivu::partners::detail {

// What a partner list (GET /api/v1/partners and /partners) asks for.
struct ListRequest {
    PartnerFilter filter;
    PartnerSort sort;
    PageRequest page;
};

// Reads ?q, ?kind, ?country, ?include_merged (true/false, 1/0 or empty), ?sort, ?page and
// ?per_page (default 50); errors name the parameter.
Result<ListRequest> ParseListRequest(const http::Request& req);
// A positive integer id from the path parameter `name`; kInvalidArgument naming it otherwise.
Result<std::int64_t> ParseId(const http::Request& req, const std::string& name);

void RegisterPartnerApi(http::Router& router, PartnerService& service);
void RegisterPartnerPages(http::Router& router, PartnerService& service, geo::GeoService& geo,
                          const html::Pages& pages);

}  // namespace ngoaivu::partners::detail
