#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/actor.hpp"
#include "base/page.hpp"
#include "modules/schedule/schedule.hpp"
#include "storage/database.hpp"

namespace ngoaivu::schedule {

// Storage reads of the calendar (the tables `delegation` and `event`, owned by their modules)
// and the feeds (`schedule_feed`). Absent things come back as nullopt.
class ScheduleRepository {
 public:
    virtual ~ScheduleRepository() = default;

    // The delegations and events in `scope` matching `filter` (whose from and to are set),
    // ordered by first day, last day, kind (delegations first) and id; at most `limit` from
    // `offset`. Delegations are in scope by their owning province; events by theirs, and
    // national events always. Unit names are left empty (the service fills them).
    virtual std::vector<ScheduleItem> Items(storage::Transaction& tx, const ProvinceScope& scope,
                                            const ScheduleFilter& filter, std::int64_t limit,
                                            std::int64_t offset) = 0;
    // The number of items Items would give without a limit.
    virtual std::int64_t Count(storage::Transaction& tx, const ProvinceScope& scope,
                               const ScheduleFilter& filter) = 0;
    // Every provincial unit of both generations: the current ones first, each generation in
    // Vietnamese order.
    virtual std::vector<UnitChoice> Units(storage::Transaction& tx) = 0;

    virtual std::int64_t InsertFeed(storage::Transaction& tx, const Feed& feed,
                                    const std::string& token_hash) = 0;
    // The feeds of `user_id`, newest first.
    virtual std::vector<Feed> ListFeeds(storage::Transaction& tx, std::int64_t user_id) = 0;
    virtual std::optional<Feed> FindFeedByHash(storage::Transaction& tx,
                                               const std::string& token_hash) = 0;
    // Sets revoked_at of feed `id` of `user_id` when it is not revoked yet; false otherwise.
    virtual bool RevokeFeed(storage::Transaction& tx, std::int64_t user_id, std::int64_t id,
                            const std::string& now) = 0;
    virtual void TouchFeed(storage::Transaction& tx, std::int64_t id, const std::string& now) = 0;
};

class SqlScheduleRepository final : public ScheduleRepository {
 public:
    std::vector<ScheduleItem> Items(storage::Transaction& tx, const ProvinceScope& scope,
                                    const ScheduleFilter& filter, std::int64_t limit,
                                    std::int64_t offset) override;
    std::int64_t Count(storage::Transaction& tx, const ProvinceScope& scope,
                       const ScheduleFilter& filter) override;
    std::vector<UnitChoice> Units(storage::Transaction& tx) override;
    std::int64_t InsertFeed(storage::Transaction& tx, const Feed& feed,
                            const std::string& token_hash) override;
    std::vector<Feed> ListFeeds(storage::Transaction& tx, std::int64_t user_id) override;
    std::optional<Feed> FindFeedByHash(storage::Transaction& tx,
                                       const std::string& token_hash) override;
    bool RevokeFeed(storage::Transaction& tx, std::int64_t user_id, std::int64_t id,
                    const std::string& now) override;
    void TouchFeed(storage::Transaction& tx, std::int64_t id, const std::string& now) override;
};

}  // namespace ngoaivu::schedule
