#include "modules/reports/report_text.hpp"
#include "modules/reports/reports_routes.hpp"

namespace ngoaivu::reports::detail {

namespace {

using nlohmann::json;

json Milli(const std::optional<std::int64_t>& v) {
    if (!v)
        return nullptr;
    return static_cast<double>(*v) / 1000.0;
}

json UnitJson(const std::optional<Unit>& u) {
    if (!u)
        return nullptr;
    return {{"id", u->id},
            {"code", u->code},
            {"generation", u->generation},
            {"name_vi", u->name_vi},
            {"name_en", u->name_en}};
}

json DefJson(const std::optional<FigureDef>& d) {
    if (!d)
        return nullptr;
    return {{"code", d->code}, {"name_vi", d->name_vi},   {"name_en", d->name_en},
            {"unit", d->unit}, {"decimals", d->decimals}, {"aggregation", d->aggregation}};
}

json Counts(const std::vector<KeyCount>& counts) {
    json out = json::array();
    for (const auto& c : counts) {
        out.push_back(
            {{"key", c.key}, {"name_vi", c.name_vi}, {"name_en", c.name_en}, {"count", c.count}});
    }
    return out;
}

json UnitValueJson(const UnitValue& v) {
    return {{"id", v.unit.id},
            {"code", v.unit.code},
            {"name_vi", v.unit.name_vi},
            {"name_en", v.unit.name_en},
            {"short_name", v.unit.short_name_vi},
            {"row", v.unit.row},
            {"col", v.unit.col},
            {"value", Milli(v.value_milli)},
            {"split_impossible", v.split_impossible}};
}

json UnitValues(const std::vector<UnitValue>& values) {
    json out = json::array();
    for (const auto& v : values)
        out.push_back(UnitValueJson(v));
    return out;
}

json AgreementsJson(const AgreementCounts& a) {
    json years = json::array();
    for (const auto& y : a.by_year) {
        years.push_back({{"year", y.year},
                         {"with_results", y.with_results},
                         {"without_results", y.without_results}});
    }
    return {{"signed", a.signed_count},
            {"with_results", a.with_results},
            {"without_results", a.signed_count - a.with_results},
            {"by_country", Counts(a.by_country)},
            {"by_field", Counts(a.by_field)},
            {"by_province", Counts(a.by_unit)},
            {"by_year", years}};
}

json LevelsJson(const std::vector<LevelRow>& levels) {
    json out = json::array();
    for (const auto& l : levels) {
        out.push_back({{"level", l.level},
                       {"name_vi", l.name_vi},
                       {"name_en", l.name_en},
                       {"outbound", l.outbound},
                       {"inbound", l.inbound}});
    }
    return out;
}

json TextJson(const std::vector<TextSection>& sections) {
    json out = json::array();
    for (const auto& s : sections)
        out.push_back({{"key", s.key}, {"title", s.title}, {"paragraphs", s.paragraphs}});
    return out;
}

}  // namespace

json DashboardJson(const Dashboard& d) {
    json indicators = json::array();
    for (const auto& def : d.indicators)
        indicators.push_back(DefJson(def));
    json trend = json::array();
    for (const auto& y : d.trend)
        trend.push_back({{"year", y.year},
                         {"value", Milli(y.value_milli)},
                         {"units_reporting", y.units_reporting},
                         {"units_expected", y.units_expected}});
    json markers = json::array();
    for (const auto& m : d.markers) {
        markers.push_back(
            {{"name_vi", m.name_vi}, {"name_en", m.name_en}, {"row", m.row}, {"col", m.col}});
    }
    return {{"from_year", d.request.from_year},
            {"to_year", d.request.to_year},
            {"generation", d.request.generation},
            {"province", UnitJson(d.unit)},
            {"indicator", DefJson(d.indicator)},
            {"indicators", indicators},
            {"split_impossible", d.split_impossible},
            {"trend", trend},
            {"top_provinces", UnitValues(d.top_units)},
            {"tile_map",
             {{"rows", d.rows},
              {"cols", d.cols},
              {"tiles", UnitValues(d.tiles)},
              {"markers", markers}}},
            {"agreements", AgreementsJson(d.agreements)},
            {"delegations", LevelsJson(d.delegations)}};
}

json ReviewJson(const Review& r) {
    json visits = json::array();
    for (const auto& v : r.visits) {
        visits.push_back({{"id", v.id},
                          {"title", v.title},
                          {"starts_on", v.starts_on.ToIso()},
                          {"ends_on", v.ends_on.ToIso()},
                          {"direction", v.direction},
                          {"province_id", v.unit_id},
                          {"province_vi", v.unit_name_vi},
                          {"province_en", v.unit_name_en},
                          {"countries_vi", v.countries_vi},
                          {"countries_en", v.countries_en}});
    }
    const Economy& e = r.economy;
    json years = json::array();
    for (const auto& y : e.years) {
        json g = nullptr;
        if (y.fdi_growth_permille)
            g = static_cast<double>(*y.fdi_growth_permille) / 10.0;
        years.push_back({{"year", y.year},
                         {"exports", Milli(y.exports)},
                         {"imports", Milli(y.imports)},
                         {"trade", Milli(y.trade)},
                         {"fdi", Milli(y.fdi)},
                         {"fdi_growth_percent", g}});
    }
    json awards = json::array();
    for (const auto& a : r.awards) {
        awards.push_back({{"event_id", a.event_id},
                          {"event_title", a.event_title},
                          {"event_on", a.event_on.ToIso()},
                          {"kind", a.kind},
                          {"recipient", a.recipient},
                          {"recipient_kind", a.recipient_kind},
                          {"province_vi", a.recipient_unit_vi},
                          {"province_en", a.recipient_unit_en}});
    }
    return {
        {"from", r.request.from.ToIso()},
        {"to", r.request.to.ToIso()},
        {"generation", r.request.generation},
        {"province", UnitJson(r.unit)},
        {"compare_year", r.request.compare_year},
        {"split_impossible", r.split_impossible},
        {"visits", {{"outbound", r.visits_out}, {"inbound", r.visits_in}, {"items", visits}}},
        {"delegations", LevelsJson(r.delegations)},
        {"agreements", AgreementsJson(r.agreements)},
        {"events",
         {{"international", r.events.international},
          {"by_type", Counts(r.events.by_type)},
          {"international_by_province", Counts(r.events.international_by_unit)}}},
        {"economy",
         {{"last_year", e.last_year},
          {"compare_year", e.compare_year},
          {"indicators",
           {{"exports", DefJson(e.exports_def)},
            {"imports", DefJson(e.imports_def)},
            {"fdi", DefJson(e.fdi_def)},
            {"unesco", DefJson(e.unesco_def)}}},
          {"years", years},
          {"top_exporters", UnitValues(e.top_exporters)},
          {"compare_exports", Milli(e.compare_exports)},
          {"exceeding", UnitValues(e.exceeding)},
          {"unesco", Milli(e.unesco)}}},
        {"awards",
         {{"total", r.awards_total}, {"by_kind", Counts(r.awards_by_kind)}, {"items", awards}}},
        {"text", {{"vi", TextJson(ReviewText(r, false))}, {"en", TextJson(ReviewText(r, true))}}}};
}

}  // namespace ngoaivu::reports::detail
