#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/actor.hpp"
#include "base/page.hpp"
#include "modules/events/event.hpp"
#include "modules/events/event_requests.hpp"
#include "storage/database.hpp"

namespace ngoaivu::events {

// Which provinces' events a read may see: every province, or the listed admin units (the actor's
// grants, 2025 predecessors included: base/actor.hpp ReadScopeOf). National events are seen by
// every reader.
using Scope = ProvinceScope;

// A provincial unit as events need it: when it existed and what it is today.
struct UnitInfo {
    std::int64_t id = 0;
    std::string name_vi;
    std::string name_en;
    std::string short_name_vi;  // "Hà Nội" for "Thành phố Hà Nội"
    Date valid_from = Date::FromDays(0);
    std::optional<Date> valid_to;
    std::int64_t current_id = 0;  // itself, or its 2025 successor
};

// Storage of events and everything attached to them. Absent things come back as nullopt.
class EventRepository {
 public:
    virtual ~EventRepository() = default;

    // The units among `ids` that exist.
    virtual std::vector<UnitInfo> FindUnits(storage::Transaction& tx,
                                            const std::vector<std::int64_t>& ids) = 0;
    // Every provincial unit of both generations (current ones first, in Vietnamese order).
    virtual std::vector<UnitInfo> AllUnits(storage::Transaction& tx) = 0;
    // The country codes among `codes` that exist.
    virtual std::set<std::string> FindCountries(storage::Transaction& tx,
                                                const std::vector<std::string>& codes) = 0;
    // The id of an event with this Vietnamese title, owning province (none: national) and first
    // day, if any.
    virtual std::optional<std::int64_t> FindDuplicate(storage::Transaction& tx,
                                                      const std::string& title_vi,
                                                      std::optional<std::int64_t> unit_id,
                                                      Date starts_on) = 0;

    // A page of events (with units, countries, organisers and sensitive topics).
    virtual Page<EventRow> List(storage::Transaction& tx, const Scope& scope,
                                const EventFilter& filter, EventSort sort, const PageRequest& page,
                                Date today) = 0;
    // Adds the bridge points to `rows` (exports).
    virtual void LoadBridgePoints(storage::Transaction& tx, std::vector<EventRow>& rows) = 0;
    virtual std::optional<EventView> Get(storage::Transaction& tx, std::int64_t id) = 0;

    // Inserts the event with every list of its fields (id, version and timestamps are set by
    // the call; each province by today's boundaries is looked up); returns the id.
    virtual std::int64_t Insert(storage::Transaction& tx, const EventRecord& e,
                                std::int64_t created_by, const std::string& now) = 0;
    // Rewrites the event's columns when its version is still `expected_version` (the version
    // becomes expected_version + 1), and its lists too when `with_lists`; false when the version
    // is not the expected one.
    virtual bool Update(storage::Transaction& tx, const EventRecord& e, bool with_lists,
                        std::int64_t expected_version, const std::string& now) = 0;

    virtual std::int64_t InsertHistory(storage::Transaction& tx, std::int64_t event_id,
                                       const HistoryEntry& h, std::int64_t user_id) = 0;
    virtual std::int64_t InsertDeadline(storage::Transaction& tx, std::int64_t event_id,
                                        const Deadline& d, std::int64_t history_id) = 0;
    virtual void CloseDeadline(storage::Transaction& tx, std::int64_t deadline_id, Date closed_on,
                               const std::string& outcome, const std::string& note,
                               std::int64_t history_id) = 0;

    // Open deadlines due on or before `until`, earliest first.
    virtual Page<EventDueItem> Due(storage::Transaction& tx, const Scope& scope,
                                   std::optional<std::int64_t> unit_id, Date until,
                                   const PageRequest& page) = 0;
    // The number of events per province, year of the first day and type.
    virtual std::vector<EventCount> Counts(storage::Transaction& tx, const Scope& scope,
                                           CountBasis basis, const CountFilter& filter) = 0;
};

class SqlEventRepository final : public EventRepository {
 public:
    std::vector<UnitInfo> FindUnits(storage::Transaction& tx,
                                    const std::vector<std::int64_t>& ids) override;
    std::vector<UnitInfo> AllUnits(storage::Transaction& tx) override;
    std::set<std::string> FindCountries(storage::Transaction& tx,
                                        const std::vector<std::string>& codes) override;
    std::optional<std::int64_t> FindDuplicate(storage::Transaction& tx, const std::string& title_vi,
                                              std::optional<std::int64_t> unit_id,
                                              Date starts_on) override;
    Page<EventRow> List(storage::Transaction& tx, const Scope& scope, const EventFilter& filter,
                        EventSort sort, const PageRequest& page, Date today) override;
    void LoadBridgePoints(storage::Transaction& tx, std::vector<EventRow>& rows) override;
    std::optional<EventView> Get(storage::Transaction& tx, std::int64_t id) override;
    std::int64_t Insert(storage::Transaction& tx, const EventRecord& e, std::int64_t created_by,
                        const std::string& now) override;
    bool Update(storage::Transaction& tx, const EventRecord& e, bool with_lists,
                std::int64_t expected_version, const std::string& now) override;
    std::int64_t InsertHistory(storage::Transaction& tx, std::int64_t event_id,
                               const HistoryEntry& h, std::int64_t user_id) override;
    std::int64_t InsertDeadline(storage::Transaction& tx, std::int64_t event_id, const Deadline& d,
                                std::int64_t history_id) override;
    void CloseDeadline(storage::Transaction& tx, std::int64_t deadline_id, Date closed_on,
                       const std::string& outcome, const std::string& note,
                       std::int64_t history_id) override;
    Page<EventDueItem> Due(storage::Transaction& tx, const Scope& scope,
                           std::optional<std::int64_t> unit_id, Date until,
                           const PageRequest& page) override;
    std::vector<EventCount> Counts(storage::Transaction& tx, const Scope& scope, CountBasis basis,
                                   const CountFilter& filter) override;
};

}  // namespace ngoaivu::events
