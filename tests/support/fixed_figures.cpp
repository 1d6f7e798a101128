#include "support/fixed_figures.hpp"

#include <algorithm>

namespace ngoaivu::testing {

void FixedFigureSource::Set(std::vector<reports::FigureDef> defs,
                            std::vector<reports::YearFigure> values) {
    std::lock_guard lock(mutex_);
    defs_ = std::move(defs);
    values_ = std::move(values);
}

Result<std::vector<reports::FigureDef>> FixedFigureSource::Definitions(const Actor&) {
    std::lock_guard lock(mutex_);
    return defs_;
}

Result<std::vector<reports::YearFigure>> FixedFigureSource::YearlyValues(
    const Actor& actor, const std::vector<std::string>& codes, int from_year, int to_year,
    int generation, std::optional<std::int64_t> unit_id) {
    std::lock_guard lock(mutex_);
    std::vector<reports::YearFigure> out;
    for (const auto& v : values_) {
        bool gen_ok = generation == 2 ? v.unit_id >= 2000 : v.unit_id < 2000 || v.split_impossible;
        if (!gen_ok || v.year < from_year || v.year > to_year)
            continue;
        if (!codes.empty() && std::find(codes.begin(), codes.end(), v.code) == codes.end())
            continue;
        if (unit_id && v.unit_id != *unit_id)
            continue;
        if (!actor.CanReadProvince(v.unit_id))
            continue;
        out.push_back(v);
    }
    return out;
}

FixedFigureSource& NoFigures() {
    static FixedFigureSource source;
    return source;
}

}  // namespace ngoaivu::testing
