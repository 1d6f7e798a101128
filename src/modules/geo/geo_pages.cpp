#include <map>

#include "html/pages.hpp"
#include "http/json.hpp"
#include "modules/geo/geo_routes.hpp"

namespace ngoaivu::geo::detail {

namespace {

using html::Data;
using http::Request;
using http::Response;

Data UnitData(const Request& req, const AdminUnit& u) {
    Data d;
    d.set("id", std::to_string(u.id.value));
    d.set("code", u.code);
    d.set("name", html::LangOf(req) == "en" ? u.name_en : u.name_vi);
    d.set("name_vi", u.name_vi);
    d.set("name_en", u.name_en);
    d.set("generation_1", u.generation == 1);
    d.set("valid_from", u.valid_from.ToDisplay());
    if (u.valid_to)
        d.set("valid_to", u.valid_to->ToDisplay());  // absent: "in force"
    // Link to the unit as of a day it existed: codes repeat across generations.
    std::string day = u.valid_to ? u.valid_to->ToIso() : u.valid_from.ToIso();
    d.set("href", "/provinces/" + u.code + "?as_of=" + day);
    return d;
}

Data UnitList(const Request& req, const std::vector<AdminUnit>& units) {
    Data list(Data::type::list);
    for (const auto& u : units)
        list.push_back(UnitData(req, u));
    return list;
}

Response ProvincesPage(GeoService& service, const html::Pages& pages, Request& req) {
    auto as_of = http::ParseDateParam(req, "as_of");
    if (!as_of)
        return pages.Error(req, as_of.error());
    Date day = as_of->value_or(service.Today());
    auto units = service.ListUnits(
        ListUnitsRequest{day, std::string(req.Query("q").value_or("")), {1, 200}});
    if (!units)
        return pages.Error(req, units.error());
    auto merger = service.Merger();
    if (!merger)
        return pages.Error(req, merger.error());

    std::map<std::int64_t, const AdminUnit*> successor_of;
    for (const auto& d : *merger) {
        for (const auto& old : d.predecessors)
            successor_of[old.id.value] = &d.unit;
    }
    std::map<std::int64_t, const AdminUnitDetail*> detail_of;
    for (const auto& d : *merger)
        detail_of[d.unit.id.value] = &d;

    Data rows(Data::type::list);
    for (const auto& u : units->items) {
        Data row = UnitData(req, u);
        if (u.generation == 1) {
            if (auto it = successor_of.find(u.id.value); it != successor_of.end()) {
                row.set("successor", UnitData(req, *it->second));
            }
        } else if (auto it = detail_of.find(u.id.value); it != detail_of.end()) {
            const auto& preds = it->second->predecessors;
            row.set("predecessors", UnitList(req, preds));
            row.set("merged", preds.size() > 1);
        }
        rows.push_back(row);
    }
    Data view;
    view.set("units", rows);
    view.set("count", html::Number(req, units->total));
    view.set("as_of", day.ToIso());
    view.set("as_of_display", day.ToDisplay());
    view.set("q", std::string(req.Query("q").value_or("")));
    view.set("generation_1", !units->items.empty() && units->items.front().generation == 1);
    return pages.Render(req, "geo/provinces", "provinces", std::move(view));
}

Response ProvincePage(GeoService& service, const html::Pages& pages, Request& req) {
    auto as_of = http::ParseDateParam(req, "as_of");
    if (!as_of)
        return pages.Error(req, as_of.error());
    auto result = service.GetUnit(GetUnitRequest{req.Param("code"), *as_of});
    if (!result)
        return pages.Error(req, result.error());
    const AdminUnitDetail& d = *result;
    Data view = UnitData(req, d.unit);
    view.set("kind_city", d.unit.kind == "city");
    view.set("predecessors", UnitList(req, d.predecessors));
    view.set("has_predecessors", !d.predecessors.empty());
    view.set("siblings", UnitList(req, d.siblings));
    view.set("has_siblings", !d.siblings.empty());
    if (d.successor)
        view.set("successor", UnitData(req, *d.successor));
    return pages.Render(req, "geo/province", "provinces", std::move(view));
}

Response CountriesPage(GeoService& service, const html::Pages& pages, Request& req) {
    auto paging = http::ParsePaging(req, 50);
    if (!paging)
        return pages.Error(req, paging.error());
    std::string q(req.Query("q").value_or(""));
    auto result = service.ListCountries(ListCountriesRequest{q, *paging});
    if (!result)
        return pages.Error(req, result.error());
    Data list(Data::type::list);
    bool en = html::LangOf(req) == "en";
    for (const auto& c : result->items) {
        Data d;
        d.set("alpha2", c.alpha2);
        d.set("alpha3", c.alpha3);
        d.set("name", en ? c.name_en : c.name_vi);
        d.set("other_name", en ? c.name_vi : c.name_en);
        list.push_back(d);
    }
    Data view;
    view.set("countries", list);
    view.set("q", q);
    view.set("count", html::Number(req, result->total));
    view.set("none", result->items.empty());
    if (result->page > 1) {
        view.set("prev_href", "/countries?q=" + http::PercentEncode(q) +
                                  "&page=" + std::to_string(result->page - 1));
    }
    if (result->page < result->pages()) {
        view.set("next_href", "/countries?q=" + http::PercentEncode(q) +
                                  "&page=" + std::to_string(result->page + 1));
    }
    view.set("page_info", std::to_string(result->page) + "/" + std::to_string(result->pages()));
    if (req.Header("HX-Request"))
        return pages.Fragment(req, "geo/countries_results", view);
    return pages.Render(req, "geo/countries", "countries", std::move(view));
}

}  // namespace

void RegisterGeoPages(http::Router& router, GeoService& service, const html::Pages& pages) {
    using http::Access;
    auto bind = [&service, &pages](Response (*fn)(GeoService&, const html::Pages&, Request&)) {
        return [&service, &pages, fn](Request& req) { return fn(service, pages, req); };
    };
    router.Add({"GET", "/provinces", Access::kAuthenticated,
                "Provinces of both generations, the merger", bind(ProvincesPage)});
    router.Add({"GET", "/provinces/{code}", Access::kAuthenticated, "One province as of a date",
                bind(ProvincePage)});
    router.Add({"GET", "/countries", Access::kAuthenticated, "Countries with search",
                bind(CountriesPage)});
}

}  // namespace ngoaivu::geo::detail
