#include "base/working_days.hpp"

#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace ngoaivu {
namespace {

Date Ymd(int year, int month, int day) {
    const std::optional<Date> date = Date::FromYmd(year, month, day);
    EXPECT_TRUE(date.has_value()) << year << "-" << month << "-" << day;
    return date.value_or(Date::FromDays(0));
}

// Every day from `first` to `last`, inclusive.
std::set<Date> Range(Date first, Date last) {
    std::set<Date> out;
    for (Date d = first; d <= last; d = d.AddDays(1))
        out.insert(d);
    return out;
}

// Tết 2026: the last day of Ất Tỵ (16/02) and mùng 1 to mùng 4 of Bính Ngọ (17-20/02).
WorkingCalendar Tet2026() {
    return WorkingCalendar(Range(Ymd(2026, 2, 16), Ymd(2026, 2, 20)), {});
}

// The holidays of StatutoryHolidays(year) as ISO dates with their Vietnamese names.
std::vector<std::string> Listed(const std::vector<Holiday>& days) {
    std::vector<std::string> out;
    for (const auto& h : days)
        out.push_back(h.day.ToIso() + " " + h.name_vi);
    return out;
}

std::set<Date> Days(const std::vector<Holiday>& days) {
    std::set<Date> out;
    for (const auto& h : days)
        out.insert(h.day);
    return out;
}

std::optional<Holiday> Find(const std::vector<Holiday>& days, Date d) {
    for (const auto& h : days) {
        if (h.day == d)
            return h;
    }
    return std::nullopt;
}

// Working days in (from, to], one day at a time: the reference for WorkingDaysBetween.
int CountSlowly(const WorkingCalendar& c, Date from, Date to) {
    int n = 0;
    for (Date d = from.AddDays(1); d <= to; d = d.AddDays(1))
        n += c.IsWorkingDay(d) ? 1 : 0;
    return n;
}

// --- IsWorkingDay ------------------------------------------------------------------------------

TEST(WorkingCalendarIsWorkingDay, TakesSaturdaysAndSundaysOffByDefault) {
    WorkingCalendar c;
    EXPECT_TRUE(c.IsWorkingDay(Ymd(2026, 2, 13)));   // Friday
    EXPECT_FALSE(c.IsWorkingDay(Ymd(2026, 2, 14)));  // Saturday
    EXPECT_FALSE(c.IsWorkingDay(Ymd(2026, 2, 15)));  // Sunday
    EXPECT_TRUE(c.IsWorkingDay(Ymd(2026, 2, 16)));   // Monday, no holidays configured
}

TEST(WorkingCalendarIsWorkingDay, TakesHolidaysOff) {
    WorkingCalendar c = Tet2026();
    EXPECT_FALSE(c.IsWorkingDay(Ymd(2026, 2, 16)));
    EXPECT_FALSE(c.IsWorkingDay(Ymd(2026, 2, 20)));
    EXPECT_TRUE(c.IsWorkingDay(Ymd(2026, 2, 23)));
}

TEST(WorkingCalendarIsWorkingDay, WorksAConfiguredSaturday) {
    // 2026: Monday 31/8 is swapped for Saturday 22/8 (the National Day schedule).
    WorkingCalendar c({Ymd(2026, 8, 31)}, {Ymd(2026, 8, 22)});
    EXPECT_TRUE(c.IsWorkingDay(Ymd(2026, 8, 22)));
    EXPECT_FALSE(c.IsWorkingDay(Ymd(2026, 8, 23)));
    EXPECT_FALSE(c.IsWorkingDay(Ymd(2026, 8, 31)));
}

TEST(WorkingCalendarIsWorkingDay, TakesADayThatIsBothAHolidayAndAWorkingDayOff) {
    WorkingCalendar c({Ymd(2026, 8, 22)}, {Ymd(2026, 8, 22)});
    EXPECT_FALSE(c.IsWorkingDay(Ymd(2026, 8, 22)));
}

// --- AddWorkingDays ----------------------------------------------------------------------------

TEST(WorkingCalendarAddWorkingDays, SkipsTetAndTheWeekends) {
    // Received on Friday 13/02/2026; Tết 16-20/02: 23-27/02 are days 1-5, 02/03 and 03/03 are 6
    // and 7.
    EXPECT_EQ(Tet2026().AddWorkingDays(Ymd(2026, 2, 13), 7), Ymd(2026, 3, 3));
    // Without the holidays: 16-20/02 are days 1-5, 23/02 and 24/02 are 6 and 7.
    EXPECT_EQ(WorkingCalendar().AddWorkingDays(Ymd(2026, 2, 13), 7), Ymd(2026, 2, 24));
}

TEST(WorkingCalendarAddWorkingDays, DoesNotCountTheStartDay) {
    WorkingCalendar c;
    EXPECT_EQ(c.AddWorkingDays(Ymd(2026, 3, 2), 1), Ymd(2026, 3, 3));  // Monday → Tuesday
    EXPECT_EQ(c.AddWorkingDays(Ymd(2026, 3, 6), 1), Ymd(2026, 3, 9));  // Friday → Monday
    EXPECT_EQ(c.AddWorkingDays(Ymd(2026, 3, 7), 1), Ymd(2026, 3, 9));  // Saturday → Monday
}

TEST(WorkingCalendarAddWorkingDays, ZeroGivesTheStartEvenOnADayOff) {
    WorkingCalendar c = Tet2026();
    EXPECT_EQ(c.AddWorkingDays(Ymd(2026, 2, 13), 0), Ymd(2026, 2, 13));
    EXPECT_EQ(c.AddWorkingDays(Ymd(2026, 2, 15), 0), Ymd(2026, 2, 15));  // Sunday
    EXPECT_EQ(c.AddWorkingDays(Ymd(2026, 2, 17), 0), Ymd(2026, 2, 17));  // Tết
}

TEST(WorkingCalendarAddWorkingDays, RefusesANegativeCount) {
    EXPECT_THROW((void)WorkingCalendar().AddWorkingDays(Ymd(2026, 2, 13), -1),
                 std::invalid_argument);
}

TEST(WorkingCalendarAddWorkingDays, CrossesTheYearBoundary) {
    WorkingCalendar c({Ymd(2026, 1, 1)}, {});
    // Wednesday 31/12/2025: 01/01/2026 is a holiday, Friday 02/01 is the first working day.
    EXPECT_EQ(c.AddWorkingDays(Ymd(2025, 12, 31), 1), Ymd(2026, 1, 2));
    // Friday 26/12/2025: 29, 30, 31/12, 02/01 and 05/01/2026.
    EXPECT_EQ(c.AddWorkingDays(Ymd(2025, 12, 26), 5), Ymd(2026, 1, 5));
}

TEST(WorkingCalendarAddWorkingDays, CountsAConfiguredSaturday) {
    WorkingCalendar c({Ymd(2026, 8, 31)}, {Ymd(2026, 8, 22)});
    EXPECT_EQ(c.AddWorkingDays(Ymd(2026, 8, 21), 1), Ymd(2026, 8, 22));
    // Friday 28/8: 29, 30 weekend, 31 swapped off, 1/9 and 2/9 are not holidays in this calendar.
    EXPECT_EQ(c.AddWorkingDays(Ymd(2026, 8, 28), 1), Ymd(2026, 9, 1));
}

TEST(WorkingCalendarAddWorkingDays, UsesTheStatutoryHolidaysOf2026) {
    WorkingCalendar c(Days(StatutoryHolidays(2026)), {});
    EXPECT_EQ(c.AddWorkingDays(Ymd(2026, 2, 13), 7), Ymd(2026, 3, 3));
    // Friday 24/04/2026: Hùng Kings on Sunday 26/04 gives Monday 27/04 off; 30/04 and 01/05 are
    // holidays: 28, 29/04, then 04/05.
    EXPECT_EQ(c.AddWorkingDays(Ymd(2026, 4, 24), 3), Ymd(2026, 5, 4));
}

// --- AddCalendarDays ---------------------------------------------------------------------------

TEST(WorkingCalendarAddCalendarDays, EndsOnTheLastDayWhenItIsAWorkingDay) {
    // Signed on Monday 02/03/2026: 15 days later is Tuesday 17/03.
    EXPECT_EQ(WorkingCalendar().AddCalendarDays(Ymd(2026, 3, 2), 15), Ymd(2026, 3, 17));
}

TEST(WorkingCalendarAddCalendarDays, MovesASundayToMonday) {
    // Thursday 05/02/2026 + 10 days = Sunday 15/02.
    EXPECT_EQ(WorkingCalendar().AddCalendarDays(Ymd(2026, 2, 5), 10), Ymd(2026, 2, 16));
}

TEST(WorkingCalendarAddCalendarDays, MovesPastTetAndTheWeekendAfterIt) {
    // Sunday 15/02, then Tết 16-20/02, then the weekend: Monday 23/02.
    EXPECT_EQ(Tet2026().AddCalendarDays(Ymd(2026, 2, 5), 10), Ymd(2026, 2, 23));
}

TEST(WorkingCalendarAddCalendarDays, MovesAHolidayToTheNextWorkingDay) {
    WorkingCalendar c(Days(StatutoryHolidays(2026)), {});
    // 15/04 + 15 = Thursday 30/04; 01/05 is a holiday, then a weekend: Monday 04/05.
    EXPECT_EQ(c.AddCalendarDays(Ymd(2026, 4, 15), 15), Ymd(2026, 5, 4));
}

TEST(WorkingCalendarAddCalendarDays, EndsOnAConfiguredSaturday) {
    WorkingCalendar c({}, {Ymd(2026, 8, 22)});
    EXPECT_EQ(c.AddCalendarDays(Ymd(2026, 8, 7), 15), Ymd(2026, 8, 22));
}

TEST(WorkingCalendarAddCalendarDays, ZeroGivesTheStartOrTheNextWorkingDay) {
    WorkingCalendar c = Tet2026();
    EXPECT_EQ(c.AddCalendarDays(Ymd(2026, 2, 13), 0), Ymd(2026, 2, 13));
    EXPECT_EQ(c.AddCalendarDays(Ymd(2026, 2, 14), 0), Ymd(2026, 2, 23));
}

TEST(WorkingCalendarAddCalendarDays, RefusesANegativeCount) {
    EXPECT_THROW((void)WorkingCalendar().AddCalendarDays(Ymd(2026, 2, 13), -3),
                 std::invalid_argument);
}

TEST(WorkingCalendarAddCalendarDays, CrossesTheYearBoundary) {
    WorkingCalendar c(Days(StatutoryHolidays(2026)), {});
    // 17/12/2025 + 15 = Thursday 01/01/2026, a holiday: Friday 02/01.
    EXPECT_EQ(c.AddCalendarDays(Ymd(2025, 12, 17), 15), Ymd(2026, 1, 2));
}

// --- WorkingDaysBetween ------------------------------------------------------------------------

TEST(WorkingCalendarWorkingDaysBetween, IsZeroForAnEmptyOrReversedRange) {
    WorkingCalendar c;
    EXPECT_EQ(c.WorkingDaysBetween(Ymd(2026, 3, 2), Ymd(2026, 3, 2)), 0);
    EXPECT_EQ(c.WorkingDaysBetween(Ymd(2026, 3, 9), Ymd(2026, 3, 2)), 0);
}

TEST(WorkingCalendarWorkingDaysBetween, CountsTheEndButNotTheStart) {
    WorkingCalendar c;
    EXPECT_EQ(c.WorkingDaysBetween(Ymd(2026, 3, 6), Ymd(2026, 3, 9)), 1);  // Friday → Monday
    EXPECT_EQ(c.WorkingDaysBetween(Ymd(2026, 3, 6), Ymd(2026, 3, 8)), 0);  // Friday → Sunday
    EXPECT_EQ(c.WorkingDaysBetween(Ymd(2026, 3, 1), Ymd(2026, 3, 31)), 22);
}

TEST(WorkingCalendarWorkingDaysBetween, LeavesOutTetAndCountsAConfiguredSaturday) {
    EXPECT_EQ(Tet2026().WorkingDaysBetween(Ymd(2026, 2, 13), Ymd(2026, 3, 3)), 7);
    WorkingCalendar swapped({Ymd(2026, 8, 31)}, {Ymd(2026, 8, 22)});
    EXPECT_EQ(swapped.WorkingDaysBetween(Ymd(2026, 8, 21), Ymd(2026, 9, 4)), 10);
}

TEST(WorkingCalendarWorkingDaysBetween, InvertsAddWorkingDays) {
    std::set<Date> holidays = Days(StatutoryHolidays(2025));
    holidays.merge(Days(StatutoryHolidays(2026)));
    WorkingCalendar c(holidays, {Ymd(2026, 8, 22)});
    for (Date start = Ymd(2025, 12, 1); start <= Ymd(2026, 3, 1); start = start.AddDays(1)) {
        for (int n : {0, 1, 2, 5, 7, 15, 30, 200}) {
            Date end = c.AddWorkingDays(start, n);
            EXPECT_EQ(c.WorkingDaysBetween(start, end), n) << start.ToIso() << " + " << n;
            // The day before the n-th working day still has only n - 1 of them.
            if (n > 0) {
                EXPECT_EQ(c.WorkingDaysBetween(start, end.AddDays(-1)), n - 1) << start.ToIso();
            }
        }
    }
}

TEST(WorkingCalendarWorkingDaysBetween, AddsUpOverAdjacentRangesAndMatchesADayByDayCount) {
    WorkingCalendar c(Days(StatutoryHolidays(2026)), {Ymd(2026, 8, 22), Ymd(2026, 9, 5)});
    const Date a = Ymd(2025, 12, 20);
    for (int i = 0; i < 400; i += 13) {
        for (int j = i; j < 420; j += 29) {
            Date b = a.AddDays(i);
            Date e = a.AddDays(j);
            EXPECT_EQ(c.WorkingDaysBetween(a, b) + c.WorkingDaysBetween(b, e),
                      c.WorkingDaysBetween(a, e));
            EXPECT_EQ(c.WorkingDaysBetween(b, e), CountSlowly(c, b, e))
                << b.ToIso() << " → " << e.ToIso();
            if (j > i) {
                EXPECT_EQ(c.WorkingDaysBetween(e, b), 0);
            }
        }
    }
}

// --- StatutoryHolidays and FixedDateHolidays ---------------------------------------------------

TEST(StatutoryHolidays, List2026WithTetFrom16To20February) {
    EXPECT_EQ(Listed(StatutoryHolidays(2026)),
              (std::vector<std::string>{
                  "2026-01-01 Tết Dương lịch",
                  "2026-02-16 Tết Nguyên đán (ngày cuối năm âm lịch)",
                  "2026-02-17 Tết Nguyên đán (mùng 1)",
                  "2026-02-18 Tết Nguyên đán (mùng 2)",
                  "2026-02-19 Tết Nguyên đán (mùng 3)",
                  "2026-02-20 Tết Nguyên đán (mùng 4)",
                  "2026-04-26 Giỗ Tổ Hùng Vương (10/3 âm lịch)",
                  "2026-04-27 Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)",
                  "2026-04-30 Ngày Chiến thắng (30/4)",
                  "2026-05-01 Ngày Quốc tế lao động (1/5)",
                  "2026-09-01 Quốc khánh (ngày liền kề, 1/9)",
                  "2026-09-02 Quốc khánh (2/9)",
              }));
}

TEST(StatutoryHolidays, GiveEachWeekendHolidayItsOwnCompensatoryDay) {
    // 2022: 30/4 on Saturday and 1/5 on Sunday → Monday 2/5 and Tuesday 3/5.
    auto y2022 = StatutoryHolidays(2022);
    ASSERT_TRUE(Find(y2022, Ymd(2022, 5, 2)));
    EXPECT_EQ(Find(y2022, Ymd(2022, 5, 2))->name_en,
              "Compensatory day off for Victory Day (30 April)");
    ASSERT_TRUE(Find(y2022, Ymd(2022, 5, 3)));
    EXPECT_EQ(Find(y2022, Ymd(2022, 5, 3))->name_vi, "Nghỉ bù Ngày Quốc tế lao động (1/5)");
    // 2023: Hùng Kings on Saturday 29/4, 30/4 on Sunday, 1/5 on Monday → 2/5 and 3/5; National
    // Day on Saturday 2/9 (with Friday 1/9) → Monday 4/9.
    auto y2023 = StatutoryHolidays(2023);
    EXPECT_TRUE(Find(y2023, Ymd(2023, 5, 2)));
    EXPECT_TRUE(Find(y2023, Ymd(2023, 5, 3)));
    EXPECT_FALSE(Find(y2023, Ymd(2023, 5, 4)));
    EXPECT_TRUE(Find(y2023, Ymd(2023, 9, 1)));
    ASSERT_TRUE(Find(y2023, Ymd(2023, 9, 4)));
    EXPECT_EQ(Find(y2023, Ymd(2023, 9, 4))->name_vi, "Nghỉ bù Quốc khánh (2/9)");
    // 2024: Tết on Saturday 10/2: the last day (Friday 9/2) and mùng 1-4 (10-13/2) → Wednesday 14/2
    // and Thursday 15/2 for mùng 1 and mùng 2.
    auto y2024 = StatutoryHolidays(2024);
    EXPECT_TRUE(Find(y2024, Ymd(2024, 2, 14)));
    EXPECT_TRUE(Find(y2024, Ymd(2024, 2, 15)));
    EXPECT_TRUE(Find(y2024, Ymd(2024, 2, 15))->lunar);
    EXPECT_FALSE(Find(y2024, Ymd(2024, 2, 16)));
}

TEST(StatutoryHolidays, HaveTetAndHungKingsOnTheDatesOfTheLunarCalendar) {
    const std::pair<Date, Date> kDates[] = {
        {Ymd(2015, 2, 19), Ymd(2015, 4, 28)}, {Ymd(2016, 2, 8), Ymd(2016, 4, 16)},
        {Ymd(2017, 1, 28), Ymd(2017, 4, 6)},  {Ymd(2018, 2, 16), Ymd(2018, 4, 25)},
        {Ymd(2019, 2, 5), Ymd(2019, 4, 14)},  {Ymd(2020, 1, 25), Ymd(2020, 4, 2)},
        {Ymd(2021, 2, 12), Ymd(2021, 4, 21)}, {Ymd(2022, 2, 1), Ymd(2022, 4, 10)},
        {Ymd(2023, 1, 22), Ymd(2023, 4, 29)}, {Ymd(2024, 2, 10), Ymd(2024, 4, 18)},
        {Ymd(2025, 1, 29), Ymd(2025, 4, 7)},  {Ymd(2026, 2, 17), Ymd(2026, 4, 26)},
        {Ymd(2027, 2, 6), Ymd(2027, 4, 16)},  {Ymd(2028, 1, 26), Ymd(2028, 4, 4)},
        {Ymd(2029, 2, 13), Ymd(2029, 4, 23)}, {Ymd(2030, 2, 2), Ymd(2030, 4, 12)},
    };
    for (const auto& [tet, hung] : kDates) {
        auto days = StatutoryHolidays(tet.year());
        ASSERT_TRUE(Find(days, tet)) << tet.ToIso();
        EXPECT_EQ(Find(days, tet)->name_vi, "Tết Nguyên đán (mùng 1)");
        EXPECT_TRUE(Find(days, tet)->lunar);
        ASSERT_TRUE(Find(days, tet.AddDays(-1))) << tet.ToIso();
        EXPECT_EQ(Find(days, tet.AddDays(-1))->name_en,
                  "Lunar New Year (last day of the lunar year)");
        EXPECT_TRUE(Find(days, tet.AddDays(3))) << tet.ToIso();
        ASSERT_TRUE(Find(days, hung)) << hung.ToIso();
        EXPECT_EQ(Find(days, hung)->name_vi, "Giỗ Tổ Hùng Vương (10/3 âm lịch)");
        // Eleven holidays from 2021 (ten before), plus one compensatory day per weekend holiday.
        int weekend = 0, statutory = 0;
        for (const auto& h : days) {
            if (h.name_vi.starts_with("Nghỉ bù"))
                continue;
            ++statutory;
            weekend += h.day.IsoWeekday() >= 6 ? 1 : 0;
        }
        EXPECT_EQ(statutory, tet.year() >= 2021 ? 11 : 10) << tet.year();
        EXPECT_EQ(static_cast<int>(days.size()), statutory + weekend) << tet.year();
    }
}

TEST(StatutoryHolidays, ChooseThePrimeMinistersDayNextToNationalDay) {
    EXPECT_TRUE(Find(StatutoryHolidays(2024), Ymd(2024, 9, 3)));
    EXPECT_FALSE(Find(StatutoryHolidays(2024), Ymd(2024, 9, 1)));
    EXPECT_TRUE(Find(StatutoryHolidays(2025), Ymd(2025, 9, 1)));
    EXPECT_TRUE(Find(StatutoryHolidays(2026), Ymd(2026, 9, 1)));
    // Before the Labour Code 2019, National Day was one day.
    EXPECT_FALSE(Find(StatutoryHolidays(2020), Ymd(2020, 9, 1)));
    EXPECT_FALSE(Find(StatutoryHolidays(2020), Ymd(2020, 9, 3)));
}

TEST(StatutoryHolidays, OutsideTheLunarTableAreTheFixedDateHolidays) {
    EXPECT_EQ(Listed(StatutoryHolidays(2031)), Listed(FixedDateHolidays(2031)));
    EXPECT_EQ(Listed(StatutoryHolidays(2014)), Listed(FixedDateHolidays(2014)));
}

TEST(FixedDateHolidays, ListOnlyTheSolarDaysWithTheirCompensatoryDays) {
    // 2027: 1/1 Friday, 30/4 Friday, 1/5 Saturday → Monday 3/5, 1/9 Wednesday, 2/9 Thursday.
    EXPECT_EQ(Listed(FixedDateHolidays(2027)), (std::vector<std::string>{
                                                   "2027-01-01 Tết Dương lịch",
                                                   "2027-04-30 Ngày Chiến thắng (30/4)",
                                                   "2027-05-01 Ngày Quốc tế lao động (1/5)",
                                                   "2027-05-03 Nghỉ bù Ngày Quốc tế lao động (1/5)",
                                                   "2027-09-01 Quốc khánh (ngày liền kề, 1/9)",
                                                   "2027-09-02 Quốc khánh (2/9)",
                                               }));
    for (const auto& h : FixedDateHolidays(2026))
        EXPECT_FALSE(h.lunar) << h.day.ToIso();
}

}  // namespace
}  // namespace ngoaivu
