#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.hpp"

namespace ngoaivu::geo {

// Strong id of a provincial-level unit: generation * 1000 + GSO code (1024 = Bắc Giang before
// the 2025 merger, 2024 = Bắc Ninh after it). Never read a bare code without a date.
struct AdminUnitId {
    std::int64_t value = 0;
    friend bool operator==(AdminUnitId, AdminUnitId) = default;
};

// The day the 34 units replaced the 63 (Resolution 202/2025/QH15).
inline constexpr const char* kMergerDate = "2025-07-01";
// The day the 63-unit map began (Hà Tây joined Hà Nội).
inline constexpr const char* kGeneration1Start = "2008-08-01";

// A provincial-level unit (tỉnh, thành phố trực thuộc trung ương) of one generation.
struct AdminUnit {
    AdminUnitId id;
    std::string code;    // GSO code, two digits
    int generation = 0;  // 1: the 63 units to 30/06/2025; 2: the 34 units from 01/07/2025
    std::string kind;    // "province" or "city"
    std::string name_vi;
    std::string name_en;
    std::string short_name_vi;
    Date valid_from = *Date::FromYmd(2008, 8, 1);
    std::optional<Date> valid_to;
};

// A unit with its place in the 2025 merger.
struct AdminUnitDetail {
    AdminUnit unit;
    std::vector<AdminUnit> predecessors;  // generation 2: the old units it was formed from
    std::optional<AdminUnit> successor;   // generation 1: the new unit it became part of
    std::vector<AdminUnit> siblings;      // generation 1: other old units merged with it
};

struct Country {
    std::string alpha2;
    std::string alpha3;
    std::string numeric_code;
    std::string name_vi;
    std::string name_en;
    std::string official_name_en;
};

struct Organisation {
    std::int64_t id = 0;
    std::string code;
    std::string kind;          // "mofa", "ppc", "dofa", "mission"
    std::string mission_kind;  // for missions: "embassy", "consulate_general", "permanent_mission"
    std::string name_vi;
    std::string name_en;
    std::optional<AdminUnitId> admin_unit_id;
    std::string country_alpha2;
    std::string city_vi;
    std::string city_en;
};

}  // namespace ngoaivu::geo
