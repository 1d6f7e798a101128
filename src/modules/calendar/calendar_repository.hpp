#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "base/date.hpp"
#include "modules/calendar/calendar.hpp"
#include "storage/database.hpp"

namespace ngoaivu::calendar {

// Storage of the configured days and of the version counter. Absent things come back as
// nullopt, empty or false, never as errors. Every method runs in the caller's transaction.
class CalendarRepository {
 public:
    virtual ~CalendarRepository() = default;

    // The configured days from `first` to `last` inclusive, in date order. A year holds at most
    // 366 rows, so the list is not paged.
    virtual std::vector<CalendarDay> ListRange(storage::Transaction& tx, Date first, Date last) = 0;
    // Every configured day, in date order (the calendar's snapshot; the service accepts only
    // the years 2000-2100, so at most about 37,000 rows).
    virtual std::vector<CalendarDay> All(storage::Transaction& tx) = 0;
    virtual std::optional<CalendarDay> Find(storage::Transaction& tx, Date day) = 0;
    // Inserts `day` (its id is ignored) and returns the new id. Throws storage::ConstraintError
    // (kUnique) when the date is configured already.
    virtual CalendarDayId Insert(storage::Transaction& tx, const CalendarDay& day) = 0;
    // Deletes the day; false when it was not configured.
    virtual bool Delete(storage::Transaction& tx, Date day) = 0;

    // The version counter: it changes with every write. Alone in its transaction it is one
    // SELECT, so it may run as TxMode::kSingleRead.
    virtual std::int64_t Version(storage::Transaction& tx) = 0;
    // Adds 1 to the counter, in the write transaction of the change.
    virtual void BumpVersion(storage::Transaction& tx) = 0;
};

class SqlCalendarRepository final : public CalendarRepository {
 public:
    std::vector<CalendarDay> ListRange(storage::Transaction& tx, Date first, Date last) override;
    std::vector<CalendarDay> All(storage::Transaction& tx) override;
    std::optional<CalendarDay> Find(storage::Transaction& tx, Date day) override;
    CalendarDayId Insert(storage::Transaction& tx, const CalendarDay& day) override;
    bool Delete(storage::Transaction& tx, Date day) override;
    std::int64_t Version(storage::Transaction& tx) override;
    void BumpVersion(storage::Transaction& tx) override;
};

}  // namespace ngoaivu::calendar
