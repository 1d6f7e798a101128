#include <string>

#include "modules/calendar/calendar_repository.hpp"

namespace ngoaivu::calendar {

namespace {

// $1, $2: the first and last ISO date.
constexpr const char* kListRange =
    "SELECT id, day, kind, name_vi, name_en, created_at FROM calendar_day "
    "WHERE day >= $1 AND day <= $2 ORDER BY day";
constexpr const char* kAll =
    "SELECT id, day, kind, name_vi, name_en, created_at FROM calendar_day ORDER BY day";
// $1: the ISO date.
constexpr const char* kFind =
    "SELECT id, day, kind, name_vi, name_en, created_at FROM calendar_day WHERE day = $1";
// $1 day, $2 kind, $3 name_vi, $4 name_en, $5 created_at.
constexpr const char* kInsert =
    "INSERT INTO calendar_day (day, kind, name_vi, name_en, created_at) "
    "VALUES ($1, $2, $3, $4, $5) RETURNING id";
// $1: the ISO date.
constexpr const char* kDelete = "DELETE FROM calendar_day WHERE day = $1";
constexpr const char* kVersion = "SELECT version FROM calendar_version WHERE id = 1";
constexpr const char* kBumpVersion =
    "UPDATE calendar_version SET version = version + 1 WHERE id = 1";

CalendarDay DayOf(const storage::Row& row) {
    auto day = Date::ParseIso(row.Text(1));
    DayKind kind = DayKind::kHoliday;
    if (!day || !ParseDayKind(row.Text(2), &kind)) {
        throw storage::DatabaseError("calendar_day " + std::to_string(row.Int(0)) +
                                     ": malformed day or kind");
    }
    return CalendarDay{
        CalendarDayId{row.Int(0)}, *day, kind, row.Text(3), row.Text(4), row.Text(5)};
}

std::vector<CalendarDay> DaysOf(const storage::Rows& rows) {
    std::vector<CalendarDay> out;
    out.reserve(rows.size());
    for (const auto& row : rows)
        out.push_back(DayOf(row));
    return out;
}

}  // namespace

std::vector<CalendarDay> SqlCalendarRepository::ListRange(storage::Transaction& tx, Date first,
                                                          Date last) {
    return DaysOf(tx.Query(kListRange, {first.ToIso(), last.ToIso()}));
}

std::vector<CalendarDay> SqlCalendarRepository::All(storage::Transaction& tx) {
    return DaysOf(tx.Query(kAll));
}

std::optional<CalendarDay> SqlCalendarRepository::Find(storage::Transaction& tx, Date day) {
    auto row = tx.QueryOne(kFind, {day.ToIso()});
    if (!row)
        return std::nullopt;
    return DayOf(*row);
}

CalendarDayId SqlCalendarRepository::Insert(storage::Transaction& tx, const CalendarDay& day) {
    auto row = tx.QueryOne(kInsert, {day.day.ToIso(), DayKindName(day.kind), day.name_vi,
                                     day.name_en, day.created_at});
    if (!row)
        throw storage::DatabaseError("calendar_day: INSERT returned no id");
    return CalendarDayId{row->Int(0)};
}

bool SqlCalendarRepository::Delete(storage::Transaction& tx, Date day) {
    return tx.Exec(kDelete, {day.ToIso()}) > 0;
}

std::int64_t SqlCalendarRepository::Version(storage::Transaction& tx) {
    auto row = tx.QueryOne(kVersion);
    return row ? row->Int(0) : 0;
}

void SqlCalendarRepository::BumpVersion(storage::Transaction& tx) {
    tx.Exec(kBumpVersion);
}

}  // namespace ngoaivu::calendar
