#include "app/indicator_figures.hpp"

namespace ngoaivu::app {

Result<std::vector<reports::FigureDef>> IndicatorFigures::Definitions(const Actor& actor) {
    auto list = indicators_.ListIndicators(actor, /*active_only=*/true);
    if (!list)
        return list.error();
    std::vector<reports::FigureDef> out;
    out.reserve(list->size());
    for (const auto& i : *list) {
        const auto& f = i.fields;
        out.push_back({f.code, f.name_vi, f.name_en, f.unit, f.decimals, f.aggregation});
    }
    return out;
}

Result<std::vector<reports::YearFigure>> IndicatorFigures::YearlyValues(
    const Actor& actor, const std::vector<std::string>& codes, int from_year, int to_year,
    int generation, std::optional<std::int64_t> unit_id) {
    indicators::YearlyValuesRequest req;
    req.codes = codes;
    req.from_year = from_year;
    req.to_year = to_year;
    req.generation = generation;
    req.unit_id = unit_id;
    req.approved_only = true;  // dashboards and the review report show approved figures only
    auto values = indicators_.YearlyValues(actor, req);
    if (!values)
        return values.error();
    std::vector<reports::YearFigure> out;
    out.reserve(values->size());
    for (const auto& v : *values)
        out.push_back({v.code, v.unit_id, v.year, v.value_milli, v.split_impossible});
    return out;
}

}  // namespace ngoaivu::app
