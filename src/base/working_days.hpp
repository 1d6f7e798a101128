#pragma once

#include <set>
#include <string>
#include <vector>

#include "base/date.hpp"

namespace ngoaivu {

// Which days are working days, for legal deadlines counted in working days ("trong thời hạn 07
// ngày làm việc", Law 70/2020/QH14 Art. 19, 25). Saturdays and Sundays are the weekly days off
// of state bodies (Decision 188/1999/QĐ-TTg, 40-hour week), plus the configured holidays; a
// configured working day is a Saturday or Sunday that is worked (làm bù). A day that is in both
// sets is a holiday. Immutable value type: safe to share between threads once built.
class WorkingCalendar {
 public:
    // Saturdays and Sundays off, no holidays.
    WorkingCalendar() = default;
    // `holidays`: days off besides the weekends (public holidays, compensatory days, swapped
    // days); `working_days`: weekend days that are worked (làm bù).
    WorkingCalendar(std::set<Date> holidays, std::set<Date> working_days);

    // True for Monday to Friday that is not a holiday, and for a configured working day.
    bool IsWorkingDay(Date d) const;

    // The n-th working day after `start`; `start` itself is not counted ("within 7 working days
    // of receipt" ends on AddWorkingDays(receipt, 7)). n == 0 gives `start`, whatever day it is.
    // Throws std::invalid_argument when n < 0 (a bug in the caller).
    Date AddWorkingDays(Date start, int n) const;

    // The last day of a period of n calendar days ("15 ngày") from `start`: the first day of the
    // period is the day after `start` (Civil Code 2015, Law 91/2015/QH13, Art. 147(2)), so the
    // period ends on start + n; when that day is a weekly day off or a holiday, the period ends
    // at the end of the next working day (Art. 148(5)). n == 0 gives `start`, or the next working
    // day when `start` is not one. Throws std::invalid_argument when n < 0.
    Date AddCalendarDays(Date start, int n) const;

    // The number of working days in (from, to]: `from` is not counted, `to` is. 0 when
    // to <= from. WorkingDaysBetween(s, AddWorkingDays(s, n)) == n.
    int WorkingDaysBetween(Date from, Date to) const;

    const std::set<Date>& holidays() const { return holidays_; }
    const std::set<Date>& working_days() const { return working_days_; }

 private:
    std::set<Date> holidays_;
    std::set<Date> working_days_;
};

// One public holiday, or the compensatory day off (nghỉ bù) for one.
struct Holiday {
    Date day;
    std::string name_vi;
    std::string name_en;
    bool lunar = false;  // from the lunar table (Tết, Hùng Kings, and their compensatory days)
};

// The statutory public holidays of `year`, in date order, each with its Vietnamese and English
// name (Labour Code 2019, Law 45/2019/QH14, Art. 112(1), in force from 2021; Labour Code 2012
// Art. 115(1) before, with one day for National Day):
// - 1/1; Tết: the last day of the lunar year and days 1 to 4 of the first lunar month (5 days;
//   the Prime Minister fixes the 5 days each year, Art. 112(3): this is the usual split, which
//   administrators correct on /admin/calendar when the decision differs); Hùng Kings'
//   Commemoration, 10/3 of the lunar calendar; 30/4; 1/5; 2/9 and, from 2021, one adjacent day
//   (the Prime Minister chooses 1/9 or 3/9: a table in working_days.cpp, 1/9 when the table has
//   no decision for the year);
// - for each holiday that falls on a Saturday or a Sunday, a compensatory day off on the next
//   working day that is not already a holiday or a compensatory day (Labour Code 2019
//   Art. 111(3); 2012 Art. 115(3)).
// The lunar dates come from a table for 2015-2030; other years get FixedDateHolidays only.
// Working-day swaps that the Prime Minister allows for civil servants (hoán đổi ngày làm việc)
// are not statutory and are not included.
std::vector<Holiday> StatutoryHolidays(int year);

// The solar holidays of `year` only (1/1, 30/4, 1/5, 2/9 and, from 2021, its adjacent day), with
// their compensatory days, in date order.
std::vector<Holiday> FixedDateHolidays(int year);

// The first and last year of the lunar table behind StatutoryHolidays.
inline constexpr int kFirstLunarTableYear = 2015;
inline constexpr int kLastLunarTableYear = 2030;

}  // namespace ngoaivu
