#pragma once

#include "html/pages.hpp"
#include "http/router.hpp"
#include "modules/geo/geo_service.hpp"

namespace ngoaivu::geo {

// Registers the geo module's JSON API (/api/v1/provinces, /countries, /organisations) and pages
// (/provinces, /provinces/{code}, /countries). `service` and `pages` must outlive the router.
void RegisterGeoRoutes(http::Router& router, GeoService& service, const html::Pages& pages);

}  // namespace ngoaivu::geo

namespace ngoaivu::geo::detail {

void RegisterGeoApi(http::Router& router, GeoService& service, const html::Pages& pages);
void RegisterGeoPages(http::Router& router, GeoService& service, const html::Pages& pages);

}  // namespace ngoaivu::geo::detail
