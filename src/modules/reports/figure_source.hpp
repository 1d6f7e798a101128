#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/actor.hpp"
#include "base/result.hpp"

namespace ngoaivu::reports {

// An indicator as the dashboards and the review report see it (docs/decisions/0008).
struct FigureDef {
    std::string code, name_vi, name_en;
    std::string unit;         // usd_million | vnd_billion | count | percent | person
    int decimals = 0;         // digits shown after the decimal mark (0–3)
    std::string aggregation;  // sum | average | last
};

// One approved yearly value of one indicator for one provincial unit.
struct YearFigure {
    std::string code;
    std::int64_t unit_id = 0;
    int year = 0;
    std::int64_t value_milli = 0;   // the value × 1000
    bool split_impossible = false;  // shown by the 63, but reported by one of the 34 after 1/7/2025
};

// Where the reports module reads indicator figures from. The application implements it over
// IndicatorService (the adapter lives in src/app/); tests use a fixed in-memory set. Every call
// applies the actor's scope. Implementations are thread-safe.
class FigureSource {
 public:
    virtual ~FigureSource() = default;
    // The active indicators.
    virtual Result<std::vector<FigureDef>> Definitions(const Actor& actor) = 0;
    // Approved yearly values (value × 1000) of `codes` (empty: all) for [from_year, to_year], by
    // units of `generation` (1: the 63, 2: today's 34), for one unit or every unit in the actor's
    // scope.
    virtual Result<std::vector<YearFigure>> YearlyValues(const Actor& actor,
                                                         const std::vector<std::string>& codes,
                                                         int from_year, int to_year, int generation,
                                                         std::optional<std::int64_t> unit_id) = 0;
};

}  // namespace ngoaivu::reports
