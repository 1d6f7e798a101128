#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/date.hpp"

namespace ngoaivu::calendar {

struct CalendarDayId {
    std::int64_t value = 0;
    friend bool operator==(CalendarDayId, CalendarDayId) = default;
};

// What a configured day is: a day off besides the weekends, or a weekend day that is worked.
enum class DayKind {
    kHoliday,  // "holiday": a public holiday, a compensatory day or a swapped day off
    kWorking,  // "working": a Saturday or Sunday that is worked (làm bù)
};

// The stored names ("holiday", "working"), used in the database, the API and the forms.
const char* DayKindName(DayKind kind);
// The kind named `name`; false when there is none.
bool ParseDayKind(std::string_view name, DayKind* kind);

// One configured day of the calendar (table calendar_day). The date is the key: a date is
// configured at most once.
struct CalendarDay {
    CalendarDayId id;
    Date day;
    DayKind kind = DayKind::kHoliday;
    std::string name_vi;
    std::string name_en;
    std::string created_at;  // ISO 8601 UTC
};

// The lowest and highest year the calendar accepts.
inline constexpr int kFirstCalendarYear = 2000;
inline constexpr int kLastCalendarYear = 2100;

}  // namespace ngoaivu::calendar
