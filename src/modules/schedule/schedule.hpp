#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.hpp"

namespace ngoaivu::schedule {

// The calendar of delegations and events (lịch công tác, issue 6 "Views"): both kinds of record
// read together, by date, in the reader's scope; and the iCalendar feeds that calendar programs
// subscribe to. (The module `calendar` is the working-day calendar.)

// What a calendar item is.
enum class ItemKind { kDelegation, kEvent };
// "delegation" or "event": the codes of the API's `kind`.
std::string_view KindCode(ItemKind kind);
std::optional<ItemKind> ParseKind(std::string_view code);

// One delegation or event as the calendar shows it.
struct ScheduleItem {
    ItemKind kind = ItemKind::kDelegation;
    std::int64_t id = 0;
    std::string title;     // the delegation's title, the event's Vietnamese title
    std::string title_en;  // an event's English title ("" when none, and for delegations)
    Date starts_on = Date::FromDays(0);
    Date ends_on = Date::FromDays(0);  // the last day, inclusive
    std::string status;                // a code of delegations::Statuses() or events::Statuses()
    std::string direction;             // delegations: outbound, inbound ("" for events)
    std::string level;                 // delegations: delegations::Levels() ("" for events)
    std::string type;                  // events: events::Types() ("" for delegations)
    std::string venue;                 // events: the venue ("" when none, and for delegations)
    bool national = false;             // a national event (no province)
    // The owning province as of the first day, and the same province by today's boundaries;
    // nullopt for a national event.
    std::optional<std::int64_t> admin_unit_id;
    std::optional<std::int64_t> current_unit_id;
    std::string unit_name_vi;  // of admin_unit_id ("" for a national event)
    std::string unit_name_en;
    std::string current_unit_name_vi;  // of current_unit_id
    std::string current_unit_name_en;
    std::int64_t version = 1;  // the record's version (the feed's SEQUENCE)
    std::string updated_at;    // ISO 8601 UTC

    // "/delegations/12" or "/events/7".
    std::string Path() const;
    // True for a rejected or cancelled record (hidden unless asked for; CANCELLED in a feed).
    bool Withdrawn() const;
};

// What the calendar is narrowed to. Empty members do not filter.
struct ScheduleFilter {
    // The items under way on at least one day of [from, to] (both required by the service).
    std::optional<Date> from;
    std::optional<Date> to;
    // A province: of the second generation (id >= 2000) by today's boundaries, of the first by
    // the province as of the first day. National events have none, so they do not match.
    std::optional<std::int64_t> unit_id;
    std::optional<ItemKind> kind;
    // Delegations only: a filter by direction or level leaves the events out.
    std::string direction;
    std::string level;
    // Events only: a filter by type leaves the delegations out.
    std::string type;
    // A status of either list: each kind matches its own statuses (e.g. "planned" leaves only
    // events, "proposed" only delegations, "approved" both).
    std::string status;
    // Rejected and cancelled records are left out unless this is set (or `status` names one).
    bool include_withdrawn = false;
};

// A provincial unit for the filter's choices.
struct UnitChoice {
    std::int64_t id = 0;
    std::string name_vi;
    std::string name_en;
    bool current = true;  // of the second generation (after 1 July 2025)
};

// An iCalendar feed of a user (the token itself is never stored).
struct Feed {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string name;
    std::string prefix;      // the token's first 10 characters ("nvf_4DyVQG")
    std::string created_at;  // ISO 8601 UTC
    std::string last_used_at;
    std::string revoked_at;  // "" while it works
};

// A new feed: `token` is shown once, in the answer that creates it.
struct CreatedFeed {
    Feed info;
    std::string token;
};

// The prefix of every feed token: it tells a leaked one apart from an API token (nvt_).
inline constexpr std::string_view kFeedTokenPrefix = "nvf_";

}  // namespace ngoaivu::schedule
