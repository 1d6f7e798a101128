#include <algorithm>

#include "modules/delegations/delegation.hpp"
#include "modules/delegations/delegation_workflow.hpp"
#include "modules/events/event.hpp"
#include "modules/events/event_rules.hpp"
#include "modules/schedule/schedule_repository.hpp"
#include "storage/sql_filter.hpp"

namespace ngoaivu::schedule {

namespace {

using storage::Row;
using storage::SqlFilter;
using storage::Value;

// The columns of an item, the same in both branches of the union: kind (0 delegation, 1 event),
// id, title, title_en, starts_on, ends_on, status, direction, level, type, venue, national,
// admin_unit_id, current_unit_id, version, updated_at.
constexpr const char* kDelegationItems =
    "SELECT 0 AS kind, d.id AS id, d.title AS title, '' AS title_en, d.starts_on AS starts_on, "
    "d.ends_on AS ends_on, d.status AS status, d.direction AS direction, d.level AS level, "
    "'' AS type, '' AS venue, 0 AS national, d.admin_unit_id AS admin_unit_id, "
    "d.current_unit_id AS current_unit_id, d.version AS version, d.updated_at AS updated_at "
    "FROM delegation d";
constexpr const char* kEventItems =
    "SELECT 1 AS kind, e.id AS id, e.title_vi AS title, e.title_en AS title_en, e.starts_on AS "
    "starts_on, e.ends_on AS ends_on, e.status AS status, '' AS direction, '' AS level, e.type "
    "AS type, e.venue AS venue, e.national AS national, e.admin_unit_id AS admin_unit_id, "
    "e.current_unit_id AS current_unit_id, e.version AS version, e.updated_at AS updated_at "
    "FROM event e";
// Calendar order; the limit and offset follow the filters' parameters.
constexpr const char* kOrder = " ORDER BY starts_on, ends_on, kind, id";
constexpr const char* kCountDelegations = "SELECT COUNT(*) FROM delegation d";
constexpr const char* kCountEvents = "SELECT COUNT(*) FROM event e";

// Every provincial unit: the current generation first, each in Vietnamese order.
constexpr const char* kUnits =
    "SELECT id, name_vi, name_en, generation FROM admin_unit ORDER BY generation DESC, "
    "short_name_vi COLLATE vi, id";

constexpr const char* kInsertFeed =
    "INSERT INTO schedule_feed (user_id, name, token_hash, prefix, created_at) VALUES ($1, $2, "
    "$3, $4, $5) RETURNING id";
constexpr const char* kFeedColumns =
    "SELECT id, user_id, name, prefix, created_at, last_used_at, revoked_at FROM schedule_feed ";
// $1 user id.
constexpr const char* kListFeeds = "WHERE user_id = $1 ORDER BY id DESC";
// $1 token hash.
constexpr const char* kFindFeed = "WHERE token_hash = $1";
// $1 time, $2 feed id, $3 user id.
constexpr const char* kRevokeFeed =
    "UPDATE schedule_feed SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS "
    "NULL";
// $1 time, $2 feed id.
constexpr const char* kTouchFeed = "UPDATE schedule_feed SET last_used_at = $1 WHERE id = $2";

// The statuses rejected and cancelled, which both kinds of record have.
constexpr const char* kDelegationLive = "d.status NOT IN ('rejected', 'cancelled')";
constexpr const char* kEventLive = "e.status NOT IN ('rejected', 'cancelled')";

// The conditions of each branch, or nullopt when `filter` leaves that kind out.
std::optional<SqlFilter> DelegationConditions(const ProvinceScope& scope,
                                              const ScheduleFilter& filter) {
    if ((filter.kind && *filter.kind != ItemKind::kDelegation) || !filter.type.empty())
        return std::nullopt;
    if (!filter.status.empty() && !FindCode(delegations::Statuses(), filter.status))
        return std::nullopt;
    SqlFilter f;
    if (!scope.all)
        f.AddIn("d.admin_unit_id", scope.unit_ids);
    if (filter.unit_id) {
        f.Add(*filter.unit_id >= 2000 ? "d.current_unit_id = ?" : "d.admin_unit_id = ?",
              *filter.unit_id);
    }
    if (!filter.direction.empty())
        f.Add("d.direction = ?", filter.direction);
    if (!filter.level.empty())
        f.Add("d.level = ?", filter.level);
    if (!filter.status.empty())
        f.Add("d.status = ?", filter.status);
    else if (!filter.include_withdrawn)
        f.Add(kDelegationLive);
    // Under way on a day of [from, to]. A delegation lasts at most kMaxDurationDays, so one that
    // is still under way at `from` began at most that many days before: a range of the index
    // delegation_starts (starts_on, ends_on).
    f.Add("d.starts_on <= ?", filter.to->ToIso());
    f.Add("d.starts_on >= ?", filter.from->AddDays(-delegations::kMaxDurationDays).ToIso());
    f.Add("d.ends_on >= ?", filter.from->ToIso());
    return f;
}

std::optional<SqlFilter> EventConditions(const ProvinceScope& scope, const ScheduleFilter& filter,
                                         std::size_t preceding) {
    if ((filter.kind && *filter.kind != ItemKind::kEvent) || !filter.direction.empty() ||
        !filter.level.empty()) {
        return std::nullopt;
    }
    if (!filter.status.empty() && !FindCode(events::Statuses(), filter.status))
        return std::nullopt;
    SqlFilter f(preceding);
    if (!scope.all) {
        if (scope.unit_ids.empty()) {
            f.Add("e.national = 1");
        } else {
            std::string condition = "(e.national = 1 OR e.admin_unit_id IN (";
            std::vector<Value> values;
            for (std::size_t i = 0; i < scope.unit_ids.size(); ++i) {
                condition += i == 0 ? "?" : ", ?";
                values.emplace_back(scope.unit_ids[i]);
            }
            condition += "))";
            f.AddValues(condition, std::move(values));
        }
    }
    if (filter.unit_id) {
        f.Add(*filter.unit_id >= 2000 ? "e.current_unit_id = ?" : "e.admin_unit_id = ?",
              *filter.unit_id);
    }
    if (!filter.type.empty())
        f.Add("e.type = ?", filter.type);
    if (!filter.status.empty())
        f.Add("e.status = ?", filter.status);
    else if (!filter.include_withdrawn)
        f.Add(kEventLive);
    // An event lasts at most 366 days: the same bounded range of event_calendar.
    f.Add("e.starts_on <= ?", filter.to->ToIso());
    f.Add("e.starts_on >= ?", filter.from->AddDays(-events::kMaxDurationDays).ToIso());
    f.Add("e.ends_on >= ?", filter.from->ToIso());
    return f;
}

Date ReqDate(const Row& r, std::size_t i) {
    return Date::ParseIso(r.Text(i)).value_or(Date::FromDays(0));
}

ScheduleItem ToItem(const Row& r) {
    ScheduleItem it;
    it.kind = r.Int(0) == 0 ? ItemKind::kDelegation : ItemKind::kEvent;
    it.id = r.Int(1);
    it.title = r.Text(2);
    it.title_en = r.Text(3);
    it.starts_on = ReqDate(r, 4);
    it.ends_on = ReqDate(r, 5);
    it.status = r.Text(6);
    it.direction = r.Text(7);
    it.level = r.Text(8);
    it.type = r.Text(9);
    it.venue = r.Text(10);
    it.national = r.Int(11) != 0;
    it.admin_unit_id = r.OptInt(12);
    it.current_unit_id = r.OptInt(13);
    it.version = r.Int(14);
    it.updated_at = r.Text(15);
    return it;
}

Feed ToFeed(const Row& r) {
    return {r.Int(0),
            r.Int(1),
            r.Text(2),
            r.Text(3),
            r.Text(4),
            r.OptText(5).value_or(""),
            r.OptText(6).value_or("")};
}

}  // namespace

std::vector<ScheduleItem> SqlScheduleRepository::Items(storage::Transaction& tx,
                                                       const ProvinceScope& scope,
                                                       const ScheduleFilter& filter,
                                                       std::int64_t limit, std::int64_t offset) {
    std::vector<ScheduleItem> out;
    auto d = DelegationConditions(scope, filter);
    auto e = EventConditions(scope, filter, d ? d->size() : 0);
    std::string sql;
    std::vector<Value> params;
    if (d) {
        sql = kDelegationItems + d->Where();
        params = d->params();
    }
    if (e) {
        sql +=
            (sql.empty() ? std::string() : std::string(" UNION ALL ")) + kEventItems + e->Where();
        params.insert(params.end(), e->params().begin(), e->params().end());
    }
    if (sql.empty())
        return out;
    std::size_t n = params.size();
    sql += std::string(kOrder) + " LIMIT $" + std::to_string(n + 1) + " OFFSET $" +
           std::to_string(n + 2);
    params.emplace_back(limit);
    params.emplace_back(offset);
    for (const auto& r : tx.Query(sql, params))
        out.push_back(ToItem(r));
    return out;
}

std::int64_t SqlScheduleRepository::Count(storage::Transaction& tx, const ProvinceScope& scope,
                                          const ScheduleFilter& filter) {
    std::int64_t n = 0;
    if (auto d = DelegationConditions(scope, filter))
        n += tx.QueryOne(kCountDelegations + d->Where(), d->params())->Int(0);
    if (auto e = EventConditions(scope, filter, 0))
        n += tx.QueryOne(kCountEvents + e->Where(), e->params())->Int(0);
    return n;
}

std::vector<UnitChoice> SqlScheduleRepository::Units(storage::Transaction& tx) {
    std::vector<UnitChoice> out;
    for (const auto& r : tx.Query(kUnits))
        out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Int(3) == 2});
    return out;
}

std::int64_t SqlScheduleRepository::InsertFeed(storage::Transaction& tx, const Feed& feed,
                                               const std::string& token_hash) {
    return tx
        .QueryOne(kInsertFeed, {feed.user_id, feed.name, token_hash, feed.prefix, feed.created_at})
        ->Int(0);
}

std::vector<Feed> SqlScheduleRepository::ListFeeds(storage::Transaction& tx, std::int64_t user_id) {
    std::vector<Feed> out;
    for (const auto& r : tx.Query(std::string(kFeedColumns) + kListFeeds, {user_id}))
        out.push_back(ToFeed(r));
    return out;
}

std::optional<Feed> SqlScheduleRepository::FindFeedByHash(storage::Transaction& tx,
                                                          const std::string& token_hash) {
    auto r = tx.QueryOne(std::string(kFeedColumns) + kFindFeed, {token_hash});
    if (!r)
        return std::nullopt;
    return ToFeed(*r);
}

bool SqlScheduleRepository::RevokeFeed(storage::Transaction& tx, std::int64_t user_id,
                                       std::int64_t id, const std::string& now) {
    return tx.Exec(kRevokeFeed, {now, id, user_id}) == 1;
}

void SqlScheduleRepository::TouchFeed(storage::Transaction& tx, std::int64_t id,
                                      const std::string& now) {
    tx.Exec(kTouchFeed, {now, id});
}

}  // namespace ngoaivu::schedule
