#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/date.hpp"
#include "base/result.hpp"

namespace ngoaivu::office {

// iCalendar (RFC 5545) feeds, written for the calendars Outlook and Google Calendar subscribe to
// (delegations, events) and read back to check a feed or to import one. Pure functions;
// thread-safe.

// The only time zone timed events are written in: Vietnam, UTC+7 without daylight saving since
// 1975, so one fixed-offset VTIMEZONE describes every date a feed can hold.
inline constexpr std::string_view kVietnamTzid = "Asia/Ho_Chi_Minh";

// A wall-clock time of day. Seconds may be 60 only when read (RFC 5545 allows a leap second).
struct TimeOfDay {
    int hour = 0;
    int minute = 0;
    int second = 0;

    friend auto operator<=>(const TimeOfDay&, const TimeOfDay&) = default;
};

// The feed as a whole.
struct CalendarMeta {
    std::string name;         // X-WR-CALNAME, shown as the calendar's name ("Lịch đoàn ra")
    std::string description;  // X-WR-CALDESC; omitted when empty
    // PRODID: who wrote the feed. RFC 5545 asks for a globally unique formal public identifier.
    std::string product_id = "-//Ngoaivu//Ngoaivu Calendar 1.0//VI";
    // How often subscribers should fetch the feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL).
    // At least 1. Outlook ignores intervals below an hour; Google polls at its own pace anyway.
    int refresh_minutes = 60;
};

// One event to write.
struct CalendarEvent {
    // Globally unique and stable across every version of the feed: subscribers match updates to
    // what they already show by UID, so a UID that changes duplicates the event. Required.
    std::string uid;
    std::string summary;
    std::string description;
    std::string location;
    std::string url;         // a URI, written as is (no TEXT escaping); omitted when empty
    std::string categories;  // one category, e.g. "Đoàn ra"; omitted when empty
    Date start = Date::FromDays(0);
    // The last day the event covers. All-day events are written with the exclusive DTEND that
    // RFC 5545 wants (this day + 1); a timed event ends at end_time on this day.
    Date end_inclusive = Date::FromDays(0);
    bool all_day = true;
    // Wall-clock times in kVietnamTzid, both required when all_day is false (ignored otherwise).
    std::optional<TimeOfDay> start_time;
    std::optional<TimeOfDay> end_time;
    std::string status;  // "CONFIRMED", "TENTATIVE", "CANCELLED", or empty (omitted)
    // Revision counter: raise it whenever the event changes so that clients take the update.
    std::int64_t sequence = 0;
    // When the event last changed, in UTC: any form ToIcalUtc reads ("2026-11-23T10:00:00Z",
    // "2026-11-23T10:00:00.123Z", "20261123T100000Z"); omitted when empty.
    std::string last_modified_utc;
};

// Checks what WriteCalendar requires of an event: a UID; all-day events ending on or after the
// day they start; timed events with both times valid and ending no earlier than they start; a
// known status; a sequence >= 0; last_modified_utc empty or readable. Errors name "event" and
// say which rule the event breaks, in both languages.
Result<void> CheckCalendarEvent(const CalendarEvent& event);

// Writes a VCALENDAR (METHOD:PUBLISH) with one VEVENT per event, in order: CRLF line ends, TEXT
// values escaped, lines folded at 75 octets without cutting a UTF-8 character, invalid UTF-8
// replaced by U+FFFD. A VTIMEZONE for kVietnamTzid is added when some event is timed. Every
// VEVENT gets DTSTAMP `dtstamp_utc` (the moment the feed is generated, in any form ToIcalUtc
// reads).
//
// Precondition: every event passes CheckCalendarEvent, dtstamp_utc is readable and
// meta.refresh_minutes >= 1; a caller that breaks it has a bug (events come from validated
// records) and gets std::invalid_argument.
std::string WriteCalendar(const CalendarMeta& meta, const std::vector<CalendarEvent>& events,
                          std::string_view dtstamp_utc);

// "20261123T100000Z": a moment as an iCalendar UTC date-time (seconds truncated).
std::string FormatIcalUtc(std::chrono::system_clock::time_point t);
// A UTC timestamp as an iCalendar UTC date-time: reads "2026-11-23T10:00:00Z" (also with a
// space for the T, a fraction of a second, or "+00:00" for the Z) and "20261123T100000Z";
// nullopt otherwise (a local time, another offset, a day that does not exist).
std::optional<std::string> ToIcalUtc(std::string_view stamp);

// TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and newline escaped; CR LF and a
// lone CR become a newline; other control characters, which TEXT may not hold, are dropped.
std::string EscapeIcalText(std::string_view text);
// The reverse: \\ \; \, \n \N unescaped; a backslash before anything else is kept as is.
std::string UnescapeIcalText(std::string_view text);

// ---- Reading ------------------------------------------------------------------------------------

// One content line: NAME;PARAM=VALUE;...:value. Names are upper-cased; the value is raw (not
// unescaped: its type depends on the property).
struct CalendarProperty {
    std::string name;
    std::vector<std::pair<std::string, std::string>> params;  // names upper-cased, unquoted
    std::string value;
    int line = 0;  // physical line where it starts (1-based)

    // The first parameter named `name` (upper case), or nullptr.
    const std::string* Param(std::string_view param_name) const;
};

// A DTSTART or DTEND.
struct CalendarDateTime {
    Date date = Date::FromDays(0);
    std::optional<TimeOfDay> time;  // nullopt for a DATE value (all-day)
    bool utc = false;               // the time ended in Z
    std::string tzid;               // the TZID parameter, empty when none
};

struct ParsedEvent {
    std::string uid;
    std::string summary;  // TEXT properties unescaped
    std::string description;
    std::string location;
    std::string url;
    std::string status;                   // upper-cased
    std::vector<std::string> categories;  // every CATEGORIES line, split on unescaped commas
    std::int64_t sequence = 0;
    std::string dtstamp;        // raw, e.g. "20261123T100000Z"
    std::string last_modified;  // raw, empty when absent
    CalendarDateTime start;
    // DTEND as written (exclusive for all-day events); nullopt when the event had neither DTEND
    // nor DURATION. A DURATION is turned into the DTEND it stands for.
    std::optional<CalendarDateTime> end;
    bool all_day = false;  // DTSTART is a DATE
    // The last day the event covers: for an all-day event DTEND - 1 day (the start day when
    // there is no DTEND), for a timed event the day of DTEND (of DTSTART when none).
    Date end_inclusive = Date::FromDays(0);
    std::vector<CalendarProperty> properties;  // every property of the VEVENT, in order
};

struct ParsedCalendar {
    std::vector<CalendarProperty> properties;  // the VCALENDAR's own (VERSION, PRODID, ...)
    std::vector<ParsedEvent> events;
    std::vector<std::string> timezones;  // TZID of each VTIMEZONE

    // The raw value of the first calendar property named `name` (upper case), or nullptr.
    const std::string* Property(std::string_view name) const;
};

// Reads one VCALENDAR: unfolds lines (CRLF or bare LF), reads each property with its parameters,
// checks BEGIN/END nesting, and returns the VEVENTs (each needs a UID and a valid DTSTART; DTEND
// must not precede DTSTART) with the calendar's properties. Other components (VTODO, VALARM ...)
// are checked for nesting and skipped. Errors name "file" and the line, in both languages.
Result<ParsedCalendar> ParseCalendar(std::string_view ics);

}  // namespace ngoaivu::office
