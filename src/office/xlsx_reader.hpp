#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.hpp"
#include "base/result.hpp"

namespace ngoaivu::office {

// One cell as read from a workbook.
struct ReadCell {
    enum class Kind {
        kEmpty,   // no value (a missing cell, one with only a style, or an empty string)
        kText,    // `text` holds the string (shared, inline or a formula's string result)
        kNumber,  // `number` holds the value
        kBool,    // `number` is 0 or 1
        kDate,    // a number with a date or time format: `number` holds Excel's serial value
                  // (days, the fraction is the time of day) and `date` the calendar day;
                  // `date` is empty when the serial is outside 01/01/1900..31/12/9999
        kError,   // `text` holds Excel's error value: "#N/A", "#DIV/0!" ...
    };

    Kind kind = Kind::kEmpty;
    std::string text;
    double number = 0;
    std::optional<Date> date;
};

// The first worksheet of a workbook. `rows[i]` is Excel's row i + 1, so row numbers shown to users
// match Excel's; `rows[i][j]` is column j (0 = A). Rows are dense: a gap in Excel's rows gives
// empty rows, and a missing cell is kEmpty. A row stops at its last non-empty cell (a row with
// no value is an empty vector) and the sheet stops at its last row with a value, so rows can be of
// different lengths: use At() to read a cell without checking lengths.
struct ReadSheet {
    std::string name;
    std::vector<std::vector<ReadCell>> rows;

    // The cell at 0-based `row` and `column`, or an empty cell when it lies beyond the data.
    const ReadCell& At(std::size_t row, std::size_t column) const;
};

// What ReadXlsx accepts. The defaults suit an upload through the web forms.
struct ReadLimits {
    std::uint64_t max_uncompressed_bytes = 100u << 20;  // all parts read, once inflated
    std::size_t max_rows = 100000;                      // Excel row numbers, the header included
    std::size_t max_columns = 200;                      // 200 = column GR
};

// Reads the first worksheet (in tab order) of the XLSX file `bytes`, with its shared strings
// (rich text included), inline strings, numbers, booleans, errors and dates (a number whose cell
// format is a date format; 1900 and 1904 date systems). Formulas give their cached value.
//
// Fails with kInvalidArgument on the field "file", with a message in both languages, when the
// bytes are not a zip or not an XLSX workbook (an old .xls or a password-protected file says so),
// when a part is damaged or its XML is broken, when the parts inflate to more than
// `limits.max_uncompressed_bytes` (checked while inflating, so a zip bomb stops early), or when a
// value lies beyond `limits.max_rows` or `limits.max_columns`. Never throws for bad input.
// Thread-safe.
Result<ReadSheet> ReadXlsx(std::string_view bytes, const ReadLimits& limits = {});

}  // namespace ngoaivu::office
