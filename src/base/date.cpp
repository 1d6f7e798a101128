#include "base/date.hpp"

#include <cstddef>
#include <cstdint>

namespace ngoaivu {

namespace {

// 1970-01-01 was a Thursday.
constexpr int kEpochIsoWeekday = 4;

constexpr bool IsLeapYear(std::int64_t year) {
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

constexpr int DaysInMonth(std::int64_t year, int month) {
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// Floor division by a positive divisor (rounds towards minus infinity).
constexpr std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

// Days since 1970-01-01 of a valid proleptic Gregorian date (H. Hinnant, "chrono-Compatible
// Low-Level Date Algorithms", days_from_civil).
constexpr std::int64_t DaysFromCivil(std::int64_t y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = FloorDiv(y, 400);
    const std::int64_t yoe = y - era * 400;                                    // [0, 399]
    const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
    return era * 146097 + doe - 719468;
}

struct Civil {
    std::int64_t year;
    int month;
    int day;
};

// Inverse of DaysFromCivil (civil_from_days).
constexpr Civil CivilFromDays(std::int64_t z) {
    z += 719468;
    const std::int64_t era = FloorDiv(z, 146097);
    const std::int64_t doe = z - era * 146097;                                       // [0, 146096]
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
    const std::int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
    const auto d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);                   // [1, 31]
    const auto m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);                      // [1, 12]
    return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

static_assert(DaysFromCivil(1970, 1, 1) == 0);
static_assert(DaysFromCivil(2000, 3, 1) == 11017);
static_assert(CivilFromDays(-1).year == 1969 && CivilFromDays(-1).day == 31);

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

// The value of `s` when it is one or more ASCII digits (at most 4); -1 otherwise.
int ParseDigits(std::string_view s) {
    if (s.empty() || s.size() > 4) {
        return -1;
    }
    int value = 0;
    for (char c : s) {
        if (!IsDigit(c)) {
            return -1;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

// Appends `value` in decimal, zero-padded to `width` digits; a negative value gets a leading '-'.
void AppendPadded(std::string& out, std::int64_t value, int width) {
    if (value < 0) {
        out.push_back('-');
        value = -value;
    }
    std::string digits;
    do {
        digits.insert(digits.begin(), static_cast<char>('0' + value % 10));
        value /= 10;
    } while (value > 0);
    if (static_cast<int>(digits.size()) < width) {
        out.append(static_cast<std::size_t>(width) - digits.size(), '0');
    }
    out += digits;
}

// Year range accepted from text: four digits, 0001 to 9999.
std::optional<Date> FromTextYmd(int year, int month, int day) {
    if (year < 1 || year > 9999) {
        return std::nullopt;
    }
    return Date::FromYmd(year, month, day);
}

}  // namespace

std::optional<Date> Date::FromYmd(int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) {
        return std::nullopt;
    }
    return Date(year, month, day);
}

std::optional<Date> Date::ParseIso(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
        return std::nullopt;
    }
    const int year = ParseDigits(s.substr(0, 4));
    const int month = ParseDigits(s.substr(5, 2));
    const int day = ParseDigits(s.substr(8, 2));
    if (year < 0 || month < 0 || day < 0) {
        return std::nullopt;
    }
    return FromTextYmd(year, month, day);
}

// Day and month take one or two digits each (so "1/07/2025" is accepted too); the year exactly
// four.
std::optional<Date> Date::ParseVi(std::string_view s) {
    const std::size_t first = s.find('/');
    if (first == std::string_view::npos) {
        return std::nullopt;
    }
    const std::size_t second = s.find('/', first + 1);
    if (second == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view day_text = s.substr(0, first);
    const std::string_view month_text = s.substr(first + 1, second - first - 1);
    const std::string_view year_text = s.substr(second + 1);
    if (day_text.size() > 2 || month_text.size() > 2 || year_text.size() != 4) {
        return std::nullopt;
    }
    const int day = ParseDigits(day_text);
    const int month = ParseDigits(month_text);
    const int year = ParseDigits(year_text);
    if (year < 0 || month < 0 || day < 0) {
        return std::nullopt;
    }
    return FromTextYmd(year, month, day);
}

// `days` must name a date whose year fits in an int (about ±784 billion days).
Date Date::FromDays(long days) {
    const Civil civil = CivilFromDays(days);
    return Date(static_cast<int>(civil.year), civil.month, civil.day);
}

long Date::ToDays() const {
    return static_cast<long>(DaysFromCivil(year_, month_, day_));
}

int Date::IsoWeekday() const {
    const std::int64_t offset = ToDays() + (kEpochIsoWeekday - 1);
    return static_cast<int>(offset - FloorDiv(offset, 7) * 7) + 1;
}

std::string Date::ToIso() const {
    std::string out;
    out.reserve(10);
    AppendPadded(out, year_, 4);
    out.push_back('-');
    AppendPadded(out, month_, 2);
    out.push_back('-');
    AppendPadded(out, day_, 2);
    return out;
}

std::string Date::ToDisplay() const {
    std::string out;
    out.reserve(10);
    AppendPadded(out, day_, 2);
    out.push_back('/');
    AppendPadded(out, month_, 2);
    out.push_back('/');
    AppendPadded(out, year_, 4);
    return out;
}

}  // namespace ngoaivu
