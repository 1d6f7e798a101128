#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "base/date.hpp"

namespace ngoaivu::office {

// One value of a spreadsheet cell: empty, text (UTF-8), an integer, a number, a date or a boolean.
// A value type; build it with the factories or the implicit constructors (`Cell("Hà Nội")`,
// `Cell(42)`, `Cell(2.5)`, `Cell(date)`, `Cell(true)`). Pass other integer types as
// std::int64_t.
struct Cell {
    using Value = std::variant<std::monostate, std::string, std::int64_t, double, Date, bool>;

    Value value;  // std::monostate is the empty cell

    Cell() = default;
    Cell(std::string text) : value(std::move(text)) {}    // NOLINT(google-explicit-constructor)
    Cell(const char* text) : value(std::string(text)) {}  // NOLINT(google-explicit-constructor)
    Cell(std::int64_t integer) : value(integer) {}        // NOLINT(google-explicit-constructor)
    Cell(int integer) : value(std::int64_t{integer}) {}   // NOLINT(google-explicit-constructor)
    Cell(double number) : value(number) {}                // NOLINT(google-explicit-constructor)
    Cell(Date date) : value(date) {}                      // NOLINT(google-explicit-constructor)
    Cell(bool flag) : value(flag) {}                      // NOLINT(google-explicit-constructor)

    static Cell Blank() { return {}; }
    static Cell Text(std::string text) { return {std::move(text)}; }
    static Cell Integer(std::int64_t integer) { return {integer}; }
    static Cell Number(double number) { return {number}; }
    static Cell FromDate(Date date) { return {date}; }
    static Cell Boolean(bool flag) { return {flag}; }

    bool empty() const { return std::holds_alternative<std::monostate>(value); }

    friend bool operator==(const Cell&, const Cell&) = default;
};

// One worksheet to write. `headers` is the first row (bold, frozen, with an autofilter); when it
// is empty the sheet has no header row. A row may be shorter than another; missing cells are
// empty.
struct Sheet {
    std::string name;                     // sanitised and made unique by WriteXlsx
    std::vector<std::string> headers;     // may be empty
    std::vector<double> widths;           // column widths in characters; optional, 0 = automatic
    std::vector<std::vector<Cell>> rows;  // the data rows, below the header
};

// Most data rows a sheet with headers may have: Excel's 1,048,576 rows less the header row
// (a sheet without headers may have one more).
inline constexpr std::size_t kMaxXlsxDataRows = 1048575;
// Most columns a sheet may have (Excel's limit, column XFD).
inline constexpr std::size_t kMaxXlsxColumns = 16384;

// Writes `sheets` as an XLSX workbook and returns the file's bytes. An empty list gives one empty
// sheet. Workbook title and creator are "Ngoaivu".
//
// - Sheet names follow Excel's rules: []:*?/\ become '_', a leading or trailing apostrophe is
//   dropped, at most 31 characters, an empty name becomes "Sheet<n>", and a name that repeats
//   another (ignoring case) gets " (2)", " (3)" ...
// - Text is written as a string; invalid UTF-8 becomes U+FFFD and text longer than Excel's
//   32,767 characters (UTF-16 units) is cut on a character boundary.
// - Dates are real Excel dates (1900 date system) with the number format dd/mm/yyyy, so Excel
//   sorts and filters them as dates; dates outside 01/01/1900..31/12/9999, which Excel cannot
//   hold, are written as dd/mm/yyyy text.
// - Integers are numbers with the format "0" (all digits shown); an integer beyond ±2^53, which a
//   spreadsheet's double cannot hold exactly, is written as text. Numbers are numbers in the
//   General format; a NaN or an infinity, which Excel cannot hold, gives an empty cell. Booleans
//   are TRUE/FALSE.
//
// Precondition: each sheet has at most kMaxXlsxDataRows rows and kMaxXlsxColumns columns; a
// caller that breaks it has a bug (exports are paged) and gets std::invalid_argument. Throws
// std::runtime_error when the temporary file cannot be written (broken infrastructure).
// Thread-safe: many threads may write workbooks at once (the last step, zipping, runs one at a
// time because libxlsxwriter 1.1.4 calls gmtime()). It writes a temporary file with a random name
// in std::filesystem::temp_directory_path(), readable only by the process owner, and always
// removes it; rows go to disk as they are written, so a large sheet does not stay in memory.
std::string WriteXlsx(const std::vector<Sheet>& sheets);

}  // namespace ngoaivu::office
