#include <map>
#include <memory>
#include <shared_mutex>

#include "http/json.hpp"
#include "modules/geo/geo_json.hpp"
#include "modules/geo/geo_routes.hpp"

namespace ngoaivu::geo::detail {

namespace {

using http::Request;
using http::Response;

// Runs a service call and encodes its value, or the error envelope.
template <typename T, typename Encode>
Response Reply(const Request& req, const Result<T>& result, Encode encode) {
    if (!result)
        return http::JsonError(result.error(), req.request_id);
    return http::JsonResponse(200, encode(result.value()));
}

Response ListProvinces(GeoService& service, Request& req) {
    auto paging = http::ParsePaging(req, 100);
    if (!paging)
        return http::JsonError(paging.error(), req.request_id);
    auto as_of = http::ParseDateParam(req, "as_of");
    if (!as_of)
        return http::JsonError(as_of.error(), req.request_id);
    ListUnitsRequest r{*as_of, std::string(req.Query("q").value_or("")), *paging};
    auto result = service.ListUnits(r);
    return Reply(req, result, [&](const Page<AdminUnit>& page) {
        nlohmann::json j = http::PageJson(page, [](const AdminUnit& u) { return ToJson(u); });
        j["as_of"] = r.as_of.value_or(service.Today()).ToIso();
        return j;
    });
}

// The JSON of each unit's detail, encoded once per unit. GeoService loads the units once and
// they never change while the process runs, so a unit's detail (predecessors, successor,
// siblings) is the same whatever the date that found it; /api/v1/provinces/{code} is the API's
// most frequent read, and encoding was about a sixth of its cost (bench/README.md).
class UnitBodies {
 public:
    std::string Body(const AdminUnitDetail& d) {
        {
            std::shared_lock lock(mu_);
            if (auto it = bodies_.find(d.unit.id.value); it != bodies_.end())
                return it->second;
        }
        std::string body = http::JsonResponse(200, ToJson(d)).body;
        std::unique_lock lock(mu_);
        return bodies_.try_emplace(d.unit.id.value, std::move(body)).first->second;
    }

 private:
    std::shared_mutex mu_;
    std::map<std::int64_t, std::string> bodies_;
};

Response GetProvince(GeoService& service, UnitBodies& bodies, Request& req) {
    auto as_of = http::ParseDateParam(req, "as_of");
    if (!as_of)
        return http::JsonError(as_of.error(), req.request_id);
    auto result = service.GetUnit(GetUnitRequest{req.Param("code"), *as_of});
    if (!result)
        return http::JsonError(result.error(), req.request_id);
    return Response::Json(200, bodies.Body(*result));
}

Response ListCountries(GeoService& service, Request& req) {
    auto paging = http::ParsePaging(req, 50);
    if (!paging)
        return http::JsonError(paging.error(), req.request_id);
    auto result = service.ListCountries(
        ListCountriesRequest{std::string(req.Query("q").value_or("")), *paging});
    return Reply(req, result, [](const Page<Country>& page) {
        return http::PageJson(page, [](const Country& c) { return ToJson(c); });
    });
}

Response GetCountry(GeoService& service, Request& req) {
    auto result = service.GetCountry(req.Param("alpha2"));
    return Reply(req, result, [](const Country& c) { return ToJson(c); });
}

Response ListOrganisations(GeoService& service, Request& req) {
    auto paging = http::ParsePaging(req, 50);
    if (!paging)
        return http::JsonError(paging.error(), req.request_id);
    ListOrganisationsRequest r{std::string(req.Query("kind").value_or("")),
                               std::string(req.Query("q").value_or("")), *paging};
    auto result = service.ListOrganisations(r);
    return Reply(req, result, [](const Page<Organisation>& page) {
        return http::PageJson(page, [](const Organisation& o) { return ToJson(o); });
    });
}

}  // namespace

void RegisterGeoApi(http::Router& router, GeoService& service, const html::Pages&) {
    using http::Access;
    auto bind = [&service](Response (*fn)(GeoService&, Request&)) {
        return [&service, fn](Request& req) { return fn(service, req); };
    };
    router.Add({"GET", "/api/v1/provinces", Access::kAuthenticated,
                "Provincial-level units valid on a date", bind(ListProvinces)});
    auto bodies = std::make_shared<UnitBodies>();
    router.Add({"GET", "/api/v1/provinces/{code}", Access::kAuthenticated,
                "One provincial-level unit by code, as of a date",
                [&service, bodies](Request& req) { return GetProvince(service, *bodies, req); }});
    router.Add({"GET", "/api/v1/countries", Access::kAuthenticated, "Countries, searchable",
                bind(ListCountries)});
    router.Add({"GET", "/api/v1/countries/{alpha2}", Access::kAuthenticated, "One country",
                bind(GetCountry)});
    router.Add({"GET", "/api/v1/organisations", Access::kAuthenticated,
                "MOFA, People's Committees, foreign-affairs departments, missions abroad",
                bind(ListOrganisations)});
}

}  // namespace ngoaivu::geo::detail
