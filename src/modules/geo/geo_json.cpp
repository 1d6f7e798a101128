#include "modules/geo/geo_json.hpp"

namespace ngoaivu::geo {

namespace {

nlohmann::json OrNull(const std::string& s) {
    return s.empty() ? nlohmann::json() : nlohmann::json(s);
}

}  // namespace

nlohmann::json ToJson(const AdminUnit& unit) {
    return {
        {"id", unit.id.value},
        {"code", unit.code},
        {"generation", unit.generation},
        {"kind", unit.kind},
        {"name_vi", unit.name_vi},
        {"name_en", unit.name_en},
        {"short_name_vi", unit.short_name_vi},
        {"valid_from", unit.valid_from.ToIso()},
        {"valid_to", unit.valid_to ? nlohmann::json(unit.valid_to->ToIso()) : nlohmann::json()}};
}

nlohmann::json ToJson(const AdminUnitDetail& detail) {
    nlohmann::json j = ToJson(detail.unit);
    nlohmann::json predecessors = nlohmann::json::array();
    for (const auto& u : detail.predecessors)
        predecessors.push_back(ToJson(u));
    nlohmann::json siblings = nlohmann::json::array();
    for (const auto& u : detail.siblings)
        siblings.push_back(ToJson(u));
    j["predecessors"] = std::move(predecessors);
    j["successor"] = detail.successor ? ToJson(*detail.successor) : nlohmann::json();
    j["merged_with"] = std::move(siblings);
    return j;
}

nlohmann::json ToJson(const Country& country) {
    return {
        {"alpha2", country.alpha2},        {"alpha3", country.alpha3},
        {"numeric", country.numeric_code}, {"name_vi", country.name_vi},
        {"name_en", country.name_en},      {"official_name_en", OrNull(country.official_name_en)}};
}

nlohmann::json ToJson(const Organisation& o) {
    return {{"id", o.id},
            {"code", o.code},
            {"kind", o.kind},
            {"mission_kind", OrNull(o.mission_kind)},
            {"name_vi", o.name_vi},
            {"name_en", o.name_en},
            {"admin_unit_id",
             o.admin_unit_id ? nlohmann::json(o.admin_unit_id->value) : nlohmann::json()},
            {"country", OrNull(o.country_alpha2)},
            {"city_vi", OrNull(o.city_vi)},
            {"city_en", OrNull(o.city_en)}};
}

}  // namespace ngoaivu::geo
