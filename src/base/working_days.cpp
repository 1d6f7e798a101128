#include "base/working_days.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <utility>

namespace ngoaivu {

namespace {

// The lunar dates of one year (Vietnamese calendar, UTC+7), as solar dates.
struct LunarYear {
    int year;
    int tet_month;  // mùng 1 tháng Giêng
    int tet_day;
    int hung_month;  // 10 tháng 3 âm lịch (the regular third month, not a leap one)
    int hung_day;
};

// Computed with Hồ Ngọc Đức's algorithm for the Vietnamese calendar (new moons and solar terms
// at UTC+7, the basis of the calendar the Vietnamese government publishes), and checked
// against the dates announced for 2015-2026. 2030 is one of the years where the Vietnamese Tết
// (2 February) is a day before the Chinese New Year (3 February, at UTC+8): the new moon falls
// just before midnight in Hà Nội.
constexpr LunarYear kLunarTable[] = {
    {2015, 2, 19, 4, 28}, {2016, 2, 8, 4, 16},  {2017, 1, 28, 4, 6},  {2018, 2, 16, 4, 25},
    {2019, 2, 5, 4, 14},  {2020, 1, 25, 4, 2},  {2021, 2, 12, 4, 21}, {2022, 2, 1, 4, 10},
    {2023, 1, 22, 4, 29}, {2024, 2, 10, 4, 18}, {2025, 1, 29, 4, 7},  {2026, 2, 17, 4, 26},
    {2027, 2, 6, 4, 16},  {2028, 1, 26, 4, 4},  {2029, 2, 13, 4, 23}, {2030, 2, 2, 4, 12},
};

static_assert(std::size(kLunarTable) == kLastLunarTableYear - kFirstLunarTableYear + 1);

// The day next to 2/9 that the Prime Minister chose (Labour Code 2019 Art. 112(1)(đ), (3)):
// 3 for 3/9, 1 for 1/9. Years not listed get 1/9, the usual choice, until the decision is
// known. 2024 (31/8-3/9) and 2026 (29/8-2/9, with 31/8 swapped for 22/8) were checked against
// the announced schedules; 2021 (3/9) is as recalled, not checked against a source.
struct NationalDayChoice {
    int year;
    int adjacent_day;
};
constexpr NationalDayChoice kNationalDayChoices[] = {
    {2021, 3}, {2022, 1}, {2023, 1}, {2024, 3}, {2025, 1}, {2026, 1},
};

// The Labour Code 2019 (in force from 1/1/2021) added the day next to National Day.
constexpr int kFirstYearOfTwoDayNationalDay = 2021;

Date Ymd(int year, int month, int day) {
    auto d = Date::FromYmd(year, month, day);
    if (!d)
        throw std::logic_error("holiday table: no such date");
    return *d;
}

bool IsWeekend(Date d) {
    return d.IsoWeekday() >= 6;
}

const LunarYear* LunarOf(int year) {
    for (const auto& y : kLunarTable) {
        if (y.year == year)
            return &y;
    }
    return nullptr;
}

int NationalDayAdjacent(int year) {
    for (const auto& c : kNationalDayChoices) {
        if (c.year == year)
            return c.adjacent_day;
    }
    return 1;
}

// Not included, UNCONFIRMED as law: 24/11, "Ngày Văn hóa Việt Nam" (Vietnam Culture Day). The
// Politburo's Resolution 80-NQ/TW (January 2026) made it a paid day off in principle, and the
// Government's Resolution 30/NQ-CP (February 2026) asks for Art. 112(1) of the Labour Code to
// be amended accordingly; until the amendment is passed and in force it is not a statutory
// holiday. Administrators add it on /admin/calendar once it is.
void AddSolar(int year, std::vector<Holiday>& out) {
    out.push_back({Ymd(year, 1, 1), "Tết Dương lịch", "New Year's Day", false});
    out.push_back({Ymd(year, 4, 30), "Ngày Chiến thắng (30/4)", "Victory Day (30 April)", false});
    out.push_back(
        {Ymd(year, 5, 1), "Ngày Quốc tế lao động (1/5)", "International Labour Day", false});
    out.push_back({Ymd(year, 9, 2), "Quốc khánh (2/9)", "National Day (2 September)", false});
    if (year >= kFirstYearOfTwoDayNationalDay) {
        int adjacent = NationalDayAdjacent(year);
        out.push_back(
            {Ymd(year, 9, adjacent),
             std::string("Quốc khánh (ngày liền kề, ") + (adjacent == 1 ? "1/9" : "3/9") + ")",
             std::string("National Day (adjacent day, ") +
                 (adjacent == 1 ? "1 September" : "3 September") + ")",
             false});
    }
}

void AddLunar(const LunarYear& y, std::vector<Holiday>& out) {
    Date tet = Ymd(y.year, y.tet_month, y.tet_day);
    out.push_back({tet.AddDays(-1), "Tết Nguyên đán (ngày cuối năm âm lịch)",
                   "Lunar New Year (last day of the lunar year)", true});
    static constexpr const char* kDayEn[] = {"first", "second", "third", "fourth"};
    for (int i = 0; i < 4; ++i) {
        out.push_back({tet.AddDays(i), "Tết Nguyên đán (mùng " + std::to_string(i + 1) + ")",
                       std::string("Lunar New Year (") + kDayEn[i] + " day)", true});
    }
    out.push_back({Ymd(y.year, y.hung_month, y.hung_day), "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
                   "Hùng Kings' Commemoration (10th day of the 3rd lunar month)", true});
}

// Sorts `days` and adds a compensatory day off for each one on a Saturday or Sunday: the next
// weekday that is neither a holiday nor already a compensatory day.
std::vector<Holiday> WithCompensatoryDays(std::vector<Holiday> days) {
    auto by_day = [](const Holiday& a, const Holiday& b) { return a.day < b.day; };
    std::sort(days.begin(), days.end(), by_day);
    std::set<Date> taken;
    for (const auto& h : days)
        taken.insert(h.day);
    std::vector<Holiday> compensatory;
    for (const auto& h : days) {
        if (!IsWeekend(h.day))
            continue;
        Date d = h.day.AddDays(1);
        while (IsWeekend(d) || taken.contains(d))
            d = d.AddDays(1);
        taken.insert(d);
        compensatory.push_back(
            {d, "Nghỉ bù " + h.name_vi, "Compensatory day off for " + h.name_en, h.lunar});
    }
    days.insert(days.end(), compensatory.begin(), compensatory.end());
    std::sort(days.begin(), days.end(), by_day);
    return days;
}

}  // namespace

WorkingCalendar::WorkingCalendar(std::set<Date> holidays, std::set<Date> working_days)
    : holidays_(std::move(holidays)), working_days_(std::move(working_days)) {}

bool WorkingCalendar::IsWorkingDay(Date d) const {
    if (holidays_.contains(d))
        return false;
    if (working_days_.contains(d))
        return true;
    return !IsWeekend(d);
}

Date WorkingCalendar::AddWorkingDays(Date start, int n) const {
    if (n < 0)
        throw std::invalid_argument("AddWorkingDays: n must not be negative");
    Date d = start;
    for (int counted = 0; counted < n;) {
        d = d.AddDays(1);
        if (IsWorkingDay(d))
            ++counted;
    }
    return d;
}

Date WorkingCalendar::AddCalendarDays(Date start, int n) const {
    if (n < 0)
        throw std::invalid_argument("AddCalendarDays: n must not be negative");
    Date d = start.AddDays(n);
    while (!IsWorkingDay(d))
        d = d.AddDays(1);
    return d;
}

int WorkingCalendar::WorkingDaysBetween(Date from, Date to) const {
    if (to <= from)
        return 0;
    // Whole weeks hold five weekdays each; the holidays and worked weekend days in the range
    // then adjust the count, so a long range costs its few configured days, not a day-by-day
    // walk.
    long days = to.ToDays() - from.ToDays();
    long count = days / 7 * 5;
    for (Date d = from.AddDays(days / 7 * 7 + 1); d <= to; d = d.AddDays(1)) {
        if (!IsWeekend(d))
            ++count;
    }
    for (auto it = holidays_.upper_bound(from); it != holidays_.end() && *it <= to; ++it) {
        if (!IsWeekend(*it))
            --count;
    }
    for (auto it = working_days_.upper_bound(from); it != working_days_.end() && *it <= to; ++it) {
        if (IsWeekend(*it) && !holidays_.contains(*it))
            ++count;
    }
    return static_cast<int>(count);
}

std::vector<Holiday> StatutoryHolidays(int year) {
    const LunarYear* lunar = LunarOf(year);
    if (!lunar)
        return FixedDateHolidays(year);
    std::vector<Holiday> days;
    AddSolar(year, days);
    AddLunar(*lunar, days);
    return WithCompensatoryDays(std::move(days));
}

std::vector<Holiday> FixedDateHolidays(int year) {
    std::vector<Holiday> days;
    AddSolar(year, days);
    return WithCompensatoryDays(std::move(days));
}

}  // namespace ngoaivu
