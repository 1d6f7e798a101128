#include "modules/partners/partners_routes.hpp"

namespace ngoaivu::partners {

void RegisterPartnerRoutes(http::Router& router, PartnerService& service, geo::GeoService& geo,
                           const html::Pages& pages) {
    detail::RegisterPartnerApi(router, service);
    detail::RegisterPartnerPages(router, service, geo, pages);
}

}  // namespace ngoaivu::partners
