#pragma once

#include <cstdint>
#include <string>

#include "base/date.hpp"

namespace ngoaivu {

// One step of a record's workflow history, the same for every module with a workflow
// (agreements::Event, delegations::Event, events::HistoryEntry): what was done, on which day,
// the status before and after, and by whom.
struct WorkflowStep {
    std::int64_t id = 0;
    std::string action;  // a code of the module's Actions()
    Date happened_on = Date::FromDays(0);
    std::string from_status;  // codes of the module's Statuses()
    std::string to_status;
    std::string note;
    std::string user_login;
    std::string recorded_at;  // ISO 8601 UTC (audit::IsoUtc)
};

}  // namespace ngoaivu
