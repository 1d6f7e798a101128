#include "modules/delegations/delegations_routes.hpp"

#include "http/json.hpp"

namespace ngoaivu::delegations {

namespace {

using http::Access;
using http::Request;
using http::Response;

// POST /api/v1/delegations/import?mode=preview|all|valid, the file as the raw request body.
Response Import(DelegationService& service, Request& req) {
    return http::ImportReply<DelegationService::ImportMode>(
        req,
        [&](DelegationService::ImportMode m) { return service.Import(*req.actor, req.body, m); });
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
