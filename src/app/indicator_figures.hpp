#pragma once

#include "modules/indicators/indicator_service.hpp"
#include "modules/reports/figure_source.hpp"

namespace ngoaivu::app {

// The reports module reads indicator figures through reports::FigureSource; this is that
// interface over IndicatorService (the composition root is the only place that knows both).
// Thread-safe as IndicatorService is.
class IndicatorFigures final : public reports::FigureSource {
 public:
    explicit IndicatorFigures(indicators::IndicatorService& indicators) : indicators_(indicators) {}

    Result<std::vector<reports::FigureDef>> Definitions(const Actor& actor) override;
    Result<std::vector<reports::YearFigure>> YearlyValues(
        const Actor& actor, const std::vector<std::string>& codes, int from_year, int to_year,
        int generation, std::optional<std::int64_t> unit_id) override;

 private:
    indicators::IndicatorService& indicators_;
};

}  // namespace ngoaivu::app
