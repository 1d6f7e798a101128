#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace ngoaivu {

// A calendar date without time zone (proleptic Gregorian). Value type; always valid once built.
class Date {
 public:
    // Builds a date; nullopt when the day does not exist (2025-02-29, month 13 ...).
    static std::optional<Date> FromYmd(int year, int month, int day);
    // Parses ISO 8601 "YYYY-MM-DD" exactly (no time, no spaces); nullopt otherwise.
    static std::optional<Date> ParseIso(std::string_view s);
    // Parses "dd/mm/yyyy" (also d/m/yyyy), the form Vietnamese users type; nullopt otherwise.
    static std::optional<Date> ParseVi(std::string_view s);
    // Days since 1970-01-01 (may be negative) and back.
    static Date FromDays(long days);
    long ToDays() const;

    int year() const { return year_; }
    int month() const { return month_; }
    int day() const { return day_; }
    // 1 = Monday ... 7 = Sunday (ISO 8601).
    int IsoWeekday() const;

    Date AddDays(long n) const { return FromDays(ToDays() + n); }

    std::string ToIso() const;      // "2025-07-01"
    std::string ToDisplay() const;  // "01/07/2025", used in both languages (DOMAIN.md)

    friend auto operator<=>(const Date&, const Date&) = default;

 private:
    Date(int y, int m, int d) : year_(y), month_(m), day_(d) {}
    int year_ = 1970;
    int month_ = 1;
    int day_ = 1;
};

}  // namespace ngoaivu
