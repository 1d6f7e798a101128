#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "modules/indicators/indicator.hpp"

namespace ngoaivu::indicators {

// The arithmetic of the yearly values (docs/decisions/0008, "Combining over time" and "Combining
// over provinces"). Pure functions, thread-safe.

// One value of one period, as stored (entered) or counted (counted indicators: one yearly
// period ending in month 12).
struct PeriodValue {
    std::string code;
    std::int64_t unit_id = 0;  // the unit that reported it (either generation)
    int year = 0;
    int end_month = 12;  // the period's last month: month m → m, quarter q → 3q, year → 12
    std::int64_t value_milli = 0;
};

// sum / n rounded half away from zero (n > 0): the mean of an average indicator, to the milli.
std::int64_t MeanMilli(std::int64_t sum, std::int64_t n);

// The yearly values of `values` by the units of `generation` (1: the 63 old units, 2: today's
// 34). `successor_of` maps every old unit to its successor (admin_unit_succession); a unit not
// in it is a new one. `aggregation_of` gives each code's aggregation (a code missing from it
// counts as sum).
//
// In order: each value is put under its target unit (generation 2: an old unit's successor;
// generation 1: the unit itself, and a new unit's value is marked split_impossible); the values
// of one code, target unit and period are combined over the units (sum and last: their sum;
// average: the mean of those that have a value); the periods of each year are then combined by
// the aggregation (sum: their sum; average: their mean; last: the value of the latest period).
// Means are rounded half away from zero to the milli. Sorted by code, unit and year.
std::vector<YearValue> RollUp(const std::vector<PeriodValue>& values,
                              const std::map<std::string, Aggregation>& aggregation_of,
                              int generation,
                              const std::map<std::int64_t, std::int64_t>& successor_of);

// The national total of each code and year over the units of `values` (unit_id 0): the sum for
// sum and last indicators, the mean of the units that have a value for average ones (rounded
// half away from zero). split_impossible when any unit's value is. Sorted by code and year.
std::vector<YearValue> NationalTotals(const std::vector<YearValue>& values,
                                      const std::map<std::string, Aggregation>& aggregation_of);

}  // namespace ngoaivu::indicators
