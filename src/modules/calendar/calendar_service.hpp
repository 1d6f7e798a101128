#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/actor.hpp"
#include "base/clock.hpp"
#include "base/result.hpp"
#include "base/working_days.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/calendar/calendar.hpp"
#include "modules/calendar/calendar_repository.hpp"
#include "storage/database.hpp"

namespace ngoaivu::calendar {

// The working-day calendar: the configured holidays and worked weekend days, and the
// WorkingCalendar built from them for deadlines. Reading is open to every signed-in user; the
// writes are for administrators and each runs in one transaction with its audit entry.
// Thread-safe.
class CalendarService {
 public:
    CalendarService(storage::Database& db, CalendarRepository& repo, audit::AuditService& audit,
                    const Clock& clock)
        : db_(db), repo_(repo), audit_(audit), clock_(clock) {}

    // The calendar as configured now, shared and immutable. Each call reads the version counter
    // (one TxMode::kSingleRead query); the snapshot is rebuilt only when the counter changed
    // since it was built, by a write through this service or through any other process on the
    // same database. Never null. Throws storage::DatabaseError when the database fails.
    std::shared_ptr<const WorkingCalendar> Calendar();

    // The configured days of `year`, in date order. Any actor may read them; kInvalidArgument
    // naming "year" when it is outside 2000-2100.
    Result<std::vector<CalendarDay>> ListYear(const Actor& actor, int year);

    // Configures one day. `date` is yyyy-mm-dd or dd/mm/yyyy of a year from 2000 to 2100;
    // `kind` is "holiday" or "working", and a working day must be a Saturday or a Sunday; the
    // names are NFC, trimmed, required and at most 200 characters. Administrators only
    // (kPermissionDenied). Bad input is kInvalidArgument naming every bad field ("date", "kind",
    // "name_vi", "name_en"); a date configured already is kConflict on "date". Returns the day
    // as stored, with the audit entry "create" on "calendar_day" (entity id: the ISO date).
    Result<CalendarDay> AddDay(const Actor& actor, const std::string& date, const std::string& kind,
                               const std::string& name_vi, const std::string& name_en);

    // Removes one configured day (`date` as for AddDay). Administrators only; kInvalidArgument
    // naming "date" for a malformed date, kNotFound when the date is not configured. Audited as
    // "delete" on "calendar_day" with the day before.
    Result<void> RemoveDay(const Actor& actor, const std::string& date);

    // Adds the FixedDateHolidays of `year` whose dates are not configured yet (a configured date
    // is left as it is, whatever its kind) and returns how many were added. Administrators only;
    // kInvalidArgument naming "year" outside 2000-2100. When it adds any, one audit entry
    // "prefill" on "calendar" (entity id: the year) lists the added dates.
    Result<int> PrefillYear(const Actor& actor, int year);

    // For `ngoaivu init`: adds the StatutoryHolidays of every year from `first_year` to
    // `last_year` (clamped to 2000-2100) whose dates are not configured yet, in one write
    // transaction, and returns how many were added. Idempotent. Like the reference data that
    // init loads, it is not audited (a fresh database's audit trail stays empty); a day that an
    // administrator removed is added again by the next init.
    int SeedStatutory(int first_year, int last_year);

    // Today in Vietnam (UTC+7), for the default year of the pages.
    Date Today() const { return clock_.Today(); }

 private:
    std::int64_t CurrentVersion();

    storage::Database& db_;
    CalendarRepository& repo_;
    audit::AuditService& audit_;
    const Clock& clock_;

    std::mutex mu_;          // guards cached_ and cached_version_
    std::mutex rebuild_mu_;  // one rebuild at a time; readers of a fresh snapshot do not wait
    std::shared_ptr<const WorkingCalendar> cached_;
    std::int64_t cached_version_ = 0;
};

// Reads a year typed by a user ("2026"): kInvalidArgument naming `field` unless it is a whole
// number from 2000 to 2100.
Result<int> ParseYear(const std::string& text, const std::string& field = "year");

// What `ngoaivu init` runs after loading the reference data (and tests/support's InitDatabase
// with it): SeedStatutory from 2015, the first year of the lunar table, to the year after
// today's (by `clock`), through a CalendarService of its own on the migrated database `db`.
// Returns how many days were added; throws storage::DatabaseError when the database fails.
int SeedStatutoryCalendar(storage::Database& db, const Clock& clock);

}  // namespace ngoaivu::calendar
