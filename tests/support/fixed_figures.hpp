#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "modules/reports/figure_source.hpp"

namespace ngoaivu::testing {

// A test double of the indicator figures the reports module reads: a fixed list of definitions
// and yearly values, given by the test. Values are stored as given, per unit of either generation
// (unit ids 1000+code are the 63, 2000+code the 34); YearlyValues returns those of the asked
// generation, codes, years and unit that the actor may read. Thread-safe.
class FixedFigureSource final : public reports::FigureSource {
 public:
    FixedFigureSource() = default;
    FixedFigureSource(std::vector<reports::FigureDef> defs, std::vector<reports::YearFigure> values)
        : defs_(std::move(defs)), values_(std::move(values)) {}

    void Set(std::vector<reports::FigureDef> defs, std::vector<reports::YearFigure> values);

    Result<std::vector<reports::FigureDef>> Definitions(const Actor& actor) override;
    Result<std::vector<reports::YearFigure>> YearlyValues(
        const Actor& actor, const std::vector<std::string>& codes, int from_year, int to_year,
        int generation, std::optional<std::int64_t> unit_id) override;

 private:
    std::mutex mutex_;
    std::vector<reports::FigureDef> defs_;
    std::vector<reports::YearFigure> values_;
};

// A process-wide source with no indicators and no values: what a TestApp reads by default.
FixedFigureSource& NoFigures();

}  // namespace ngoaivu::testing
