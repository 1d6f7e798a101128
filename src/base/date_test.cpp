#include "base/date.hpp"

#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace ngoaivu {
namespace {

// The date, which the test knows to exist.
Date Ymd(int year, int month, int day) {
    const std::optional<Date> date = Date::FromYmd(year, month, day);
    EXPECT_TRUE(date.has_value()) << year << "-" << month << "-" << day;
    return date.value_or(Date::FromDays(0));
}

void ExpectYmd(const std::optional<Date>& date, int year, int month, int day) {
    ASSERT_TRUE(date.has_value());
    EXPECT_EQ(date->year(), year);
    EXPECT_EQ(date->month(), month);
    EXPECT_EQ(date->day(), day);
}

constexpr long kFirstDayOfYear1 = -719162;    // 0001-01-01
constexpr long kLastDayOfYear9999 = 2932896;  // 9999-12-31

// --- FromYmd -----------------------------------------------------------------------------------

TEST(DateFromYmd, KeepsTheFieldsOfAnExistingDay) {
    ExpectYmd(Date::FromYmd(2025, 7, 1), 2025, 7, 1);
    ExpectYmd(Date::FromYmd(1, 1, 1), 1, 1, 1);
    ExpectYmd(Date::FromYmd(9999, 12, 31), 9999, 12, 31);
}

TEST(DateFromYmd, AcceptsLeapDayInLeapYears) {
    EXPECT_TRUE(Date::FromYmd(2024, 2, 29).has_value());
    EXPECT_TRUE(Date::FromYmd(2000, 2, 29).has_value());  // divisible by 400
    EXPECT_TRUE(Date::FromYmd(1996, 2, 29).has_value());
}

TEST(DateFromYmd, RejectsLeapDayInCommonYears) {
    EXPECT_FALSE(Date::FromYmd(2025, 2, 29).has_value());
    EXPECT_FALSE(Date::FromYmd(1900, 2, 29).has_value());  // divisible by 100, not by 400
    EXPECT_FALSE(Date::FromYmd(2100, 2, 29).has_value());
    EXPECT_FALSE(Date::FromYmd(2024, 2, 30).has_value());
}

TEST(DateFromYmd, RejectsMonthsOutsideOneToTwelve) {
    EXPECT_FALSE(Date::FromYmd(2025, 0, 1).has_value());
    EXPECT_FALSE(Date::FromYmd(2025, 13, 1).has_value());
    EXPECT_FALSE(Date::FromYmd(2025, -1, 1).has_value());
}

TEST(DateFromYmd, KnowsTheLengthOfEveryMonth) {
    const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int month = 1; month <= 12; ++month) {
        const int length = lengths[month - 1];
        EXPECT_TRUE(Date::FromYmd(2025, month, length).has_value()) << month;
        EXPECT_FALSE(Date::FromYmd(2025, month, length + 1).has_value()) << month;
        EXPECT_FALSE(Date::FromYmd(2025, month, 0).has_value()) << month;
    }
}

// --- ParseIso ----------------------------------------------------------------------------------

TEST(DateParseIso, ParsesAnExactIsoDate) {
    ExpectYmd(Date::ParseIso("2025-07-01"), 2025, 7, 1);
    ExpectYmd(Date::ParseIso("2024-02-29"), 2024, 2, 29);
}

TEST(DateParseIso, AcceptsYearsOneToNineThousandNineHundredNinetyNine) {
    ExpectYmd(Date::ParseIso("0001-01-01"), 1, 1, 1);
    ExpectYmd(Date::ParseIso("9999-12-31"), 9999, 12, 31);
    EXPECT_FALSE(Date::ParseIso("0000-01-01").has_value());
}

TEST(DateParseIso, RejectsDaysThatDoNotExist) {
    EXPECT_FALSE(Date::ParseIso("2025-02-29").has_value());
    EXPECT_FALSE(Date::ParseIso("1900-02-29").has_value());
    EXPECT_FALSE(Date::ParseIso("2025-13-01").has_value());
    EXPECT_FALSE(Date::ParseIso("2025-00-10").has_value());
    EXPECT_FALSE(Date::ParseIso("2025-01-00").has_value());
    EXPECT_FALSE(Date::ParseIso("2025-04-31").has_value());
}

TEST(DateParseIso, RejectsUnpaddedFields) {
    EXPECT_FALSE(Date::ParseIso("2025-7-1").has_value());
    EXPECT_FALSE(Date::ParseIso("2025-07-1").has_value());
    EXPECT_FALSE(Date::ParseIso("2025-7-01").has_value());
    EXPECT_FALSE(Date::ParseIso("25-07-01").has_value());
    EXPECT_FALSE(Date::ParseIso("025-07-01").has_value());
}

TEST(DateParseIso, RejectsSurroundingCharacters) {
    EXPECT_FALSE(Date::ParseIso("2025-07-01x").has_value());
    EXPECT_FALSE(Date::ParseIso(" 2025-07-01").has_value());
    EXPECT_FALSE(Date::ParseIso("2025-07-01 ").has_value());
    EXPECT_FALSE(Date::ParseIso("2025-07-01T00:00:00").has_value());
    EXPECT_FALSE(Date::ParseIso("12025-07-01").has_value());
    EXPECT_FALSE(Date::ParseIso(std::string_view("2025-07-01\0", 11)).has_value());
}

TEST(DateParseIso, RejectsOtherSeparators) {
    EXPECT_FALSE(Date::ParseIso("2025/07/01").has_value());
    EXPECT_FALSE(Date::ParseIso("2025.07.01").has_value());
    EXPECT_FALSE(Date::ParseIso("2025 07 01").has_value());
    EXPECT_FALSE(Date::ParseIso("20250701").has_value());
    EXPECT_FALSE(Date::ParseIso("01/07/2025").has_value());
}

TEST(DateParseIso, RejectsEmptyTextLettersAndSigns) {
    EXPECT_FALSE(Date::ParseIso("").has_value());
    EXPECT_FALSE(Date::ParseIso("abcd-ef-gh").has_value());
    EXPECT_FALSE(Date::ParseIso("2025-O7-01").has_value());  // letter O
    EXPECT_FALSE(Date::ParseIso("2025-07-0l").has_value());  // letter l
    EXPECT_FALSE(Date::ParseIso("+025-07-01").has_value());
    EXPECT_FALSE(Date::ParseIso("-025-07-01").has_value());
    EXPECT_FALSE(Date::ParseIso("2025-+7-01").has_value());
    EXPECT_FALSE(Date::ParseIso("2025-07- 1").has_value());
}

TEST(DateParseIso, RejectsNonAsciiDigits) {
    EXPECT_FALSE(Date::ParseIso("２０２５-07-01").has_value());  // full-width digits
    EXPECT_FALSE(Date::ParseIso("٢٠٢٥-07-01").has_value());      // Arabic-Indic digits
}

// --- ParseVi -----------------------------------------------------------------------------------

TEST(DateParseVi, ParsesZeroPaddedDayMonthYear) {
    ExpectYmd(Date::ParseVi("01/07/2025"), 2025, 7, 1);
    ExpectYmd(Date::ParseVi("31/12/9999"), 9999, 12, 31);
    ExpectYmd(Date::ParseVi("01/01/0001"), 1, 1, 1);
}

TEST(DateParseVi, ParsesUnpaddedDayAndMonth) {
    ExpectYmd(Date::ParseVi("1/7/2025"), 2025, 7, 1);
    ExpectYmd(Date::ParseVi("1/07/2025"), 2025, 7, 1);
    ExpectYmd(Date::ParseVi("01/7/2025"), 2025, 7, 1);
    ExpectYmd(Date::ParseVi("30/4/1975"), 1975, 4, 30);
}

TEST(DateParseVi, ReadsTheDayBeforeTheMonth) {
    ExpectYmd(Date::ParseVi("07/01/2025"), 2025, 1, 7);
    ExpectYmd(Date::ParseVi("2/9/1945"), 1945, 9, 2);
}

TEST(DateParseVi, AcceptsLeapDayOnlyInLeapYears) {
    ExpectYmd(Date::ParseVi("29/02/2024"), 2024, 2, 29);
    ExpectYmd(Date::ParseVi("29/2/2000"), 2000, 2, 29);
    EXPECT_FALSE(Date::ParseVi("29/02/2025").has_value());
    EXPECT_FALSE(Date::ParseVi("29/02/1900").has_value());
}

TEST(DateParseVi, RejectsDaysAndMonthsOutOfRange) {
    EXPECT_FALSE(Date::ParseVi("32/01/2025").has_value());
    EXPECT_FALSE(Date::ParseVi("01/13/2025").has_value());
    EXPECT_FALSE(Date::ParseVi("00/01/2025").has_value());
    EXPECT_FALSE(Date::ParseVi("0/1/2025").has_value());
    EXPECT_FALSE(Date::ParseVi("1/0/2025").has_value());
    EXPECT_FALSE(Date::ParseVi("31/04/2025").has_value());
    EXPECT_FALSE(Date::ParseVi("12/31/2025").has_value());  // US order
}

TEST(DateParseVi, RequiresAFourDigitYear) {
    EXPECT_FALSE(Date::ParseVi("1/1/25").has_value());
    EXPECT_FALSE(Date::ParseVi("1/1/225").has_value());
    EXPECT_FALSE(Date::ParseVi("1/1/02025").has_value());
    EXPECT_FALSE(Date::ParseVi("01/01/0000").has_value());
    EXPECT_FALSE(Date::ParseVi("01/01/").has_value());
}

TEST(DateParseVi, RejectsFieldsOfMoreThanTwoDigits) {
    EXPECT_FALSE(Date::ParseVi("001/01/2025").has_value());
    EXPECT_FALSE(Date::ParseVi("01/001/2025").has_value());
}

TEST(DateParseVi, RejectsOtherSeparatorsAndExtraCharacters) {
    EXPECT_FALSE(Date::ParseVi("01-07-2025").has_value());
    EXPECT_FALSE(Date::ParseVi("01.07.2025").has_value());
    EXPECT_FALSE(Date::ParseVi("01/07-2025").has_value());
    EXPECT_FALSE(Date::ParseVi(" 01/07/2025").has_value());
    EXPECT_FALSE(Date::ParseVi("01/07/2025 ").has_value());
    EXPECT_FALSE(Date::ParseVi("01/07/2025/").has_value());
    EXPECT_FALSE(Date::ParseVi("1/1/2025x").has_value());
    EXPECT_FALSE(Date::ParseVi("01/07/2025 10:00").has_value());
    EXPECT_FALSE(Date::ParseVi("2025-07-01").has_value());
}

TEST(DateParseVi, RejectsEmptyFieldsLettersAndSigns) {
    EXPECT_FALSE(Date::ParseVi("").has_value());
    EXPECT_FALSE(Date::ParseVi("//").has_value());
    EXPECT_FALSE(Date::ParseVi("/07/2025").has_value());
    EXPECT_FALSE(Date::ParseVi("01//2025").has_value());
    EXPECT_FALSE(Date::ParseVi("ab/cd/efgh").has_value());
    EXPECT_FALSE(Date::ParseVi("O1/07/2025").has_value());  // letter O
    EXPECT_FALSE(Date::ParseVi("+1/07/2025").has_value());
    EXPECT_FALSE(Date::ParseVi("-1/07/2025").has_value());
    EXPECT_FALSE(Date::ParseVi("1/ 7/2025").has_value());
    EXPECT_FALSE(Date::ParseVi("ngày 1/7/2025").has_value());
}

// --- Days --------------------------------------------------------------------------------------

TEST(DateDays, CountsFromTheUnixEpoch) {
    EXPECT_EQ(Ymd(1970, 1, 1).ToDays(), 0);
    EXPECT_EQ(Ymd(1970, 1, 2).ToDays(), 1);
    EXPECT_EQ(Ymd(1969, 12, 31).ToDays(), -1);
    EXPECT_EQ(Ymd(2000, 3, 1).ToDays(), 11017);
    EXPECT_EQ(Ymd(2025, 7, 1).ToDays(), 20270);
    EXPECT_EQ(Ymd(1900, 1, 1).ToDays(), -25567);
    EXPECT_EQ(Ymd(1, 1, 1).ToDays(), kFirstDayOfYear1);
    EXPECT_EQ(Ymd(9999, 12, 31).ToDays(), kLastDayOfYear9999);
}

TEST(DateDays, BuildsTheDateOfADayNumber) {
    ExpectYmd(Date::FromDays(0), 1970, 1, 1);
    ExpectYmd(Date::FromDays(-1), 1969, 12, 31);
    ExpectYmd(Date::FromDays(20270), 2025, 7, 1);
    ExpectYmd(Date::FromDays(kFirstDayOfYear1), 1, 1, 1);
    ExpectYmd(Date::FromDays(kLastDayOfYear9999), 9999, 12, 31);
}

// Walks every day of years 1 to 9999 and checks that each day number maps to the next calendar
// day and back.
TEST(DateDays, RoundTripsEveryDayOfYearsOneToNineThousandNineHundredNinetyNine) {
    Date expected = Ymd(1, 1, 1);
    int failures = 0;
    for (long days = kFirstDayOfYear1; days <= kLastDayOfYear9999 && failures < 10; ++days) {
        const Date date = Date::FromDays(days);
        if (date != expected || date.ToDays() != days) {
            ADD_FAILURE() << "day " << days << " gave " << date.ToIso() << ", expected "
                          << expected.ToIso();
            ++failures;
        }
        // The calendar successor, computed from the fields alone.
        std::optional<Date> next = Date::FromYmd(date.year(), date.month(), date.day() + 1);
        if (!next) {
            next = Date::FromYmd(date.year(), date.month() + 1, 1);
        }
        if (!next) {
            next = Date::FromYmd(date.year() + 1, 1, 1);
        }
        ASSERT_TRUE(next.has_value());
        expected = *next;
    }
    EXPECT_EQ(failures, 0);
}

TEST(DateDays, RoundTripsFarOutsideTheFourDigitYears) {
    for (long days = -100'000'000; days <= 100'000'000; days += 99'991) {
        const Date date = Date::FromDays(days);
        EXPECT_EQ(date.ToDays(), days);
        const std::optional<Date> rebuilt = Date::FromYmd(date.year(), date.month(), date.day());
        ASSERT_TRUE(rebuilt.has_value()) << days;
        EXPECT_EQ(*rebuilt, date);
    }
}

TEST(DateDays, AddsDaysAcrossMonthAndYearEnds) {
    EXPECT_EQ(Ymd(2024, 2, 28).AddDays(1), Ymd(2024, 2, 29));
    EXPECT_EQ(Ymd(2024, 2, 28).AddDays(2), Ymd(2024, 3, 1));
    EXPECT_EQ(Ymd(2025, 2, 28).AddDays(1), Ymd(2025, 3, 1));
    EXPECT_EQ(Ymd(2025, 12, 31).AddDays(1), Ymd(2026, 1, 1));
    EXPECT_EQ(Ymd(2025, 1, 1).AddDays(-1), Ymd(2024, 12, 31));
    EXPECT_EQ(Ymd(2025, 7, 1).AddDays(0), Ymd(2025, 7, 1));
    EXPECT_EQ(Ymd(2025, 1, 1).AddDays(365), Ymd(2026, 1, 1));
    EXPECT_EQ(Ymd(2024, 1, 1).AddDays(366), Ymd(2025, 1, 1));
}

// --- IsoWeekday --------------------------------------------------------------------------------

TEST(DateIsoWeekday, NumbersMondayOneToSundaySeven) {
    EXPECT_EQ(Ymd(2025, 7, 1).IsoWeekday(), 2);    // Tuesday
    EXPECT_EQ(Ymd(2024, 12, 30).IsoWeekday(), 1);  // Monday
    EXPECT_EQ(Ymd(2024, 12, 29).IsoWeekday(), 7);  // Sunday
    EXPECT_EQ(Ymd(1970, 1, 1).IsoWeekday(), 4);    // Thursday
    EXPECT_EQ(Ymd(1945, 9, 2).IsoWeekday(), 7);    // Sunday
}

TEST(DateIsoWeekday, WorksBeforeTheEpoch) {
    EXPECT_EQ(Ymd(1969, 12, 31).IsoWeekday(), 3);  // Wednesday
    EXPECT_EQ(Ymd(1969, 12, 28).IsoWeekday(), 7);  // Sunday
    EXPECT_EQ(Ymd(1900, 1, 1).IsoWeekday(), 1);    // Monday
    EXPECT_EQ(Ymd(1, 1, 1).IsoWeekday(), 1);       // Monday (proleptic Gregorian)
    EXPECT_EQ(Ymd(9999, 12, 31).IsoWeekday(), 5);  // Friday
}

TEST(DateIsoWeekday, AdvancesByOneEachDay) {
    for (long days = -1000; days <= 1000; ++days) {
        const int today = Date::FromDays(days).IsoWeekday();
        const int tomorrow = Date::FromDays(days + 1).IsoWeekday();
        ASSERT_GE(today, 1);
        ASSERT_LE(today, 7);
        EXPECT_EQ(tomorrow, today % 7 + 1) << days;
    }
}

// --- Formatting and comparison -----------------------------------------------------------------

TEST(DateFormat, WritesIsoWithZeroPadding) {
    EXPECT_EQ(Ymd(2025, 7, 1).ToIso(), "2025-07-01");
    EXPECT_EQ(Ymd(1, 2, 3).ToIso(), "0001-02-03");
    EXPECT_EQ(Ymd(9999, 12, 31).ToIso(), "9999-12-31");
}

TEST(DateFormat, WritesDisplayFormAsZeroPaddedDayMonthYear) {
    EXPECT_EQ(Ymd(2025, 7, 1).ToDisplay(), "01/07/2025");
    EXPECT_EQ(Ymd(1975, 4, 30).ToDisplay(), "30/04/1975");
    EXPECT_EQ(Ymd(12, 1, 9).ToDisplay(), "09/01/0012");
}

TEST(DateFormat, ParsesWhatItWrites) {
    for (long days = kFirstDayOfYear1; days <= kLastDayOfYear9999; days += 997) {
        const Date date = Date::FromDays(days);
        EXPECT_EQ(Date::ParseIso(date.ToIso()), date) << date.ToIso();
        EXPECT_EQ(Date::ParseVi(date.ToDisplay()), date) << date.ToDisplay();
    }
}

TEST(DateCompare, OrdersByCalendar) {
    EXPECT_LT(Ymd(2024, 12, 31), Ymd(2025, 1, 1));
    EXPECT_LT(Ymd(2025, 1, 31), Ymd(2025, 2, 1));
    EXPECT_LT(Ymd(2025, 2, 1), Ymd(2025, 2, 2));
    EXPECT_EQ(Ymd(2025, 7, 1), *Date::ParseVi("1/7/2025"));
    EXPECT_GT(Ymd(2025, 7, 2), Ymd(2025, 7, 1));
}

}  // namespace
}  // namespace ngoaivu
