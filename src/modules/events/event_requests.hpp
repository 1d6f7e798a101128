#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.hpp"
#include "base/working_days.hpp"
#include "modules/events/event.hpp"

namespace ngoaivu::events {

// Where the working-day calendar comes from (the calendar module's cached snapshot).
using CalendarSource = std::function<std::shared_ptr<const WorkingCalendar>()>;

// The filters of the event lists, the calendar and the exports. Empty members filter nothing.
struct EventFilter {
    std::string q;                        // words of the titles, theme or venue, any diacritics
    std::optional<std::int64_t> unit_id;  // a hosting province of either generation
    std::optional<bool> national;         // national events only, or provincial ones only
    std::string country;                  // a foreign participant's country, alpha-2
    std::string type;                     // a code of Types()
    std::string status;                   // a code of Statuses()
    std::optional<int> year;              // year of the first day
    // The events taking place at some time within [from, to] (a calendar's month): each bound
    // optional and inclusive.
    std::optional<Date> from;
    std::optional<Date> to;
    bool overdue = false;  // with an open deadline past its due date
};

enum class EventSort { kStartDesc, kStartAsc, kTitle, kProvince, kDue, kUpdated };
// "start_desc" (default), "start", "title", "province", "due", "updated".
std::optional<EventSort> ParseSort(std::string_view s);
std::string_view SortName(EventSort s);

// The hosting province of an event as lists show it (empty for a national event).
struct HostUnit {
    std::optional<std::int64_t> admin_unit_id;    // as of starts_on
    std::optional<std::int64_t> current_unit_id;  // by today's boundaries
    std::string name_vi;
    std::string name_en;
    std::string current_name_vi;
    std::string current_name_en;
};

// An event of a list: the record (with its units, countries, organisers and sensitive topics;
// the bridge points only for exports) and its hosting province.
struct EventRow {
    EventRecord record;
    HostUnit host;
};

// An event with everything its page shows.
struct EventView {
    EventDetail detail;
    HostUnit host;
};

// A row of the "due and overdue" list: an open legal deadline of an event.
struct EventDueItem {
    std::int64_t deadline_id = 0;
    std::int64_t event_id = 0;
    std::string event_title;
    std::optional<std::int64_t> admin_unit_id;
    std::optional<std::int64_t> current_unit_id;
    std::string unit_name_vi;  // the current province, empty for national events
    std::string unit_name_en;
    DeadlineKind kind = DeadlineKind::kConsultation;
    std::string body;
    Date due_on = Date::FromDays(0);
};

// Which province a count is by: the province by today's boundaries, or as of the event.
enum class CountBasis { kCurrent, kAsOf };

// The counts' filters. Empty members filter nothing.
struct CountFilter {
    std::optional<int> from_year;
    std::optional<int> to_year;
    std::optional<std::int64_t> unit_id;  // one province (either generation)
    std::string type;
    std::string status;
};

// One cell of the counts by province × year × type (for the indicators module).
struct EventCount {
    std::optional<std::int64_t> unit_id;  // none for national events
    int year = 0;
    std::string type;
    std::int64_t count = 0;
};

// One international conference of the province's yearly report (Decision 06/2020, Form 03).
struct YearlyReportItem {
    EventRow event;
    // reported, due (the result report not yet overdue), overdue, not_held (permitted, its
    // dates passed or not, not yet recorded as held).
    std::string report_status;
};

// The province's yearly report to MOFA of the international conferences and seminars it
// permitted and hosted: those whose first day falls in the period 15/12 of the previous year to
// 14/12, due 18/12.
struct EventYearlyReport {
    std::int64_t unit_id = 0;  // a current province
    std::string unit_name_vi;
    std::string unit_name_en;
    int year = 0;
    Date from = Date::FromDays(0);
    Date to = Date::FromDays(0);
    Date due_on = Date::FromDays(0);
    std::vector<YearlyReportItem> items;
    std::int64_t participants_vietnamese = 0;
    std::int64_t participants_foreign = 0;
    int decided_by_pm = 0;
    int decided_by_chairman = 0;
    int reported = 0;
};

}  // namespace ngoaivu::events
