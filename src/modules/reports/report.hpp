#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.hpp"

namespace ngoaivu::reports {

// A provincial unit of either generation, with its place on the tile map.
struct Unit {
    std::int64_t id = 0;
    std::string code;    // GSO code ("01")
    int generation = 2;  // 1: the 63 until 30/06/2025; 2: the 34 from 01/07/2025
    std::string name_vi, name_en, short_name_vi;
    std::optional<std::int64_t> successor;  // generation 1: the unit it became part of
    int row = -1, col = -1;                 // tile map position; -1 when not placed
};

// What the record breakdowns count over: the days [from, to] (both included), rows grouped by
// the units of `generation` (1: as of the record's date, `admin_unit_id`; 2: today's,
// `current_unit_id`), for one unit (of its own generation) or every unit in the read scope.
struct RecordFilter {
    Date from = Date::FromDays(0);
    Date to = Date::FromDays(0);
    int generation = 2;
    std::optional<std::int64_t> unit_id;
    // With unit_id: the ids an award's recipient unit may have to belong to that unit (the unit
    // and, for one of the 34, its predecessors).
    std::vector<std::int64_t> unit_family;
};

// A count under a key: a unit id (as text), an ISO country code, a field, level or type code.
struct KeyCount {
    std::string key;
    std::string name_vi, name_en;  // filled by the repository (countries) or the service
    std::int64_t count = 0;
};

// Agreements signed in the period, per year, with and without a result.
struct AgreementYear {
    int year = 0;
    std::int64_t with_results = 0;
    std::int64_t without_results = 0;
};

// Agreements signed in a period (status not draft, consulting, referred_pm, approved, abandoned;
// decision 0008).
struct AgreementCounts {
    std::int64_t signed_count = 0;
    std::int64_t with_results = 0;  // with at least one `result` row
    std::vector<KeyCount> by_unit;
    std::vector<KeyCount> by_country;  // partner's country; an agreement counts once per country
    std::vector<KeyCount> by_field;
    std::vector<AgreementYear> by_year;
};

// Delegations that took place (in_progress, returned, reported, closed), by direction and level.
struct DelegationCount {
    std::string direction, level;
    std::int64_t count = 0;
};

// A high-level visit (a delegation at level top_leaders that took place).
struct Visit {
    std::int64_t id = 0;
    std::string title;
    Date starts_on = Date::FromDays(0);
    Date ends_on = Date::FromDays(0);
    std::string direction;
    std::int64_t unit_id = 0;  // the province as of the first day
    std::string unit_name_vi, unit_name_en;
    std::vector<std::string> countries_vi, countries_en;
};

// Events hosted by provinces that took place (held, reported).
struct EventCounts {
    std::int64_t international = 0;               // type international_conference
    std::vector<KeyCount> international_by_unit;  // same, by unit
    std::vector<KeyCount> by_type;                // every type
};

// An award handed out at an event that took place in the period.
struct Award {
    std::int64_t event_id = 0;
    std::string event_title;
    Date event_on = Date::FromDays(0);
    std::string kind;  // events::AwardKinds()
    std::string recipient;
    std::string recipient_kind;  // person | organisation
    std::optional<std::int64_t> recipient_unit_id;
    std::string recipient_unit_vi, recipient_unit_en;
};

}  // namespace ngoaivu::reports
