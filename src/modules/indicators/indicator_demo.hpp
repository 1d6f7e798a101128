#pragma once

#include <cstdint>

#include "base/result.hpp"
#include "modules/indicators/indicator_service.hpp"

namespace ngoaivu::indicators {

// What AddDemoIndicators wrote.
struct DemoIndicatorsReport {
    int indicators = 0;
    int rounds = 0;
    int submissions = 0;
};

// Adds the demo indicators (demo data only), deterministic for `seed`: the entered indicators
// (exports and imports quarterly; FDI registered and disbursed, FDI projects in force, UNESCO
// recognitions, overseas Vietnamese events, citizen-protection cases and foreign NGO aid yearly)
// and one counted indicator per key of decision 0008's table; a quarterly and a yearly round for
// every year from 2016 to 2025, reported by the 63 units before 1 July 2025 and by the 34 after,
// with plausible approved values (Vietnam's exports from about 177 bn USD in 2016 to about
// 405 bn in 2024; TP.HCM, Bắc Ninh, Bình Dương, Thái Nguyên and Hải Phòng the largest, together
// above 132 bn USD in 2023; 13 UNESCO recognitions in 2021-2023). The rounds of the last period
// (2025, and its fourth quarter) are partly approved, submitted on time or late, returned, in
// draft and not started. `scale` K above 1 adds K-1 sets of four per-sector export indicators
// (quarterly), multiplying the value rows. Does nothing when any indicator exists.
Result<DemoIndicatorsReport> AddDemoIndicators(IndicatorService& service, std::uint64_t seed,
                                               int scale);

}  // namespace ngoaivu::indicators
