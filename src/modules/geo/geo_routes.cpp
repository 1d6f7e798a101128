#include "modules/geo/geo_routes.hpp"

namespace ngoaivu::geo {

void RegisterGeoRoutes(http::Router& router, GeoService& service, const html::Pages& pages) {
    detail::RegisterGeoApi(router, service, pages);
    detail::RegisterGeoPages(router, service, pages);
}

}  // namespace ngoaivu::geo
