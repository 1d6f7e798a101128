#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/actor.hpp"
#include "base/clock.hpp"
#include "base/page.hpp"
#include "base/result.hpp"
#include "modules/accounts/account_repository.hpp"
#include "modules/accounts/account_service.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/schedule/schedule.hpp"
#include "modules/schedule/schedule_repository.hpp"
#include "storage/database.hpp"

namespace ngoaivu::schedule {

// The items of a calendar read, in calendar order; `truncated` when more matched than the read
// returns (ScheduleService::kMaxItems).
struct ItemList {
    std::vector<ScheduleItem> items;
    bool truncated = false;
};

// Where a feed is fetched from, for the links it holds and the user's Actor.
struct FeedRequest {
    // The site's address without a trailing slash ("https://ngoaivu.example.vn"): the feed's
    // URL properties are this followed by each record's Path().
    std::string base_url;
    std::string request_id;
    std::string client_address;
};

// A feed's iCalendar text and the name of its calendar.
struct FeedCalendar {
    std::string ics;
    std::string name;
};

// The calendar of delegations and events (lịch công tác) and its iCalendar feeds. Reads show
// what the actor reads: delegations of the actor's provinces (the owning province, as
// DelegationService reads them), events of those provinces and every national event. Feeds belong
// to the user who makes them and show that user's scope, as the user's Actor sees it when the
// feed is fetched. Every write (a feed made or revoked) runs in one transaction with one audit
// entry. Thread-safe.
class ScheduleService {
 public:
    // The longest range one read covers, in days (both ends counted): a quarter.
    static constexpr int kMaxRangeDays = 92;
    // The most items one calendar read returns (a month of the national calendar holds a few
    // thousand).
    static constexpr int kMaxItems = 20000;
    // A feed covers from kFeedDaysBack days before today to kFeedDaysAhead days after, and holds
    // at most kMaxFeedItems items (the earliest first).
    static constexpr int kFeedDaysBack = 90;
    static constexpr int kFeedDaysAhead = 400;
    static constexpr int kMaxFeedItems = 20000;

    ScheduleService(storage::Database& db, ScheduleRepository& repo,
                    accounts::AccountService& accounts, accounts::AccountRepository& users,
                    audit::AuditService& audit, const Clock& clock)
        : db_(db), repo_(repo), accounts_(accounts), users_(users), audit_(audit), clock_(clock) {}

    // The items under way on a day of [filter.from, filter.to] matching the filter, at most
    // kMaxItems. kInvalidArgument naming the parameter ("from", "to", "province", "direction",
    // "level", "type", "status") when the range is missing, reversed or longer than
    // kMaxRangeDays, or a code or province is unknown.
    Result<ItemList> Items(const Actor& actor, const ScheduleFilter& filter);
    // The same items a page at a time (the API, the agenda), with their total.
    Result<Page<ScheduleItem>> List(const Actor& actor, const ScheduleFilter& filter,
                                    const PageRequest& page);
    // The provincial units of both generations (the filter's choices); loaded once.
    std::vector<UnitChoice> Units();

    // A new feed of the actor's own (a signed-in user: kPermissionDenied for the system). The
    // name is NFC, 1 to 100 characters (kInvalidArgument naming "name"). The token is shown
    // once, in the result; only its SHA-256 is stored. Audited as "create" on schedule_feed,
    // with the name and the token's prefix.
    Result<CreatedFeed> CreateFeed(const Actor& actor, const std::string& name);
    // The actor's feeds, newest first (revoked ones too).
    Result<std::vector<Feed>> ListFeeds(const Actor& actor);
    // Revokes feed `id` of the actor; kNotFound when the actor has no such feed or it is revoked
    // already. Audited as "revoke" on schedule_feed.
    Result<void> RevokeFeed(const Actor& actor, std::int64_t id);

    // The iCalendar text of the feed whose token is `token`: the delegations and events its
    // user reads, from kFeedDaysBack days ago to kFeedDaysAhead days ahead, rejected and
    // cancelled ones included with STATUS:CANCELLED. kNotFound, with the same message, for a
    // token that is malformed, unknown or revoked, or whose user is disabled or gone. Refreshes
    // the feed's last use at most once a minute (not audited).
    Result<FeedCalendar> Calendar(const std::string& token, const FeedRequest& req);

    Date Today() const { return clock_.Today(); }

 private:
    Result<void> CheckFilter(const ScheduleFilter& filter);
    // The provincial units, read once (reference data: they do not change while serving).
    const std::vector<UnitChoice>& LoadedUnits();
    // Fills the unit names of `items` from the units.
    void Name(std::vector<ScheduleItem>& items);

    storage::Database& db_;
    ScheduleRepository& repo_;
    accounts::AccountService& accounts_;
    accounts::AccountRepository& users_;
    audit::AuditService& audit_;
    const Clock& clock_;
    std::once_flag units_once_;
    std::vector<UnitChoice> units_;
};

}  // namespace ngoaivu::schedule
