#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/code.hpp"
#include "base/date.hpp"
#include "office/xlsx_reader.hpp"
#include "office/xlsx_writer.hpp"

namespace ngoaivu::office {

// Reading the cells of an imported spreadsheet as users type them, shared by the modules'
// imports. All functions are thread-safe.

// The text of a cell as typed: text in NFC and trimmed, whole numbers without a trailing ".0",
// dates as dd/mm/yyyy, booleans as 1 or 0; empty and error cells give "".
std::string CellText(const ReadCell& cell);

// The items of a list typed in one cell, separated by ';' or line breaks, each trimmed, blank
// items dropped: "Hà Nội; Huế" → {"Hà Nội", "Huế"}.
std::vector<std::string> SplitCellList(std::string_view s);

// The code of `list` that `value` names: the code itself, or its Vietnamese or English name,
// ignoring case and diacritics ("hoi cho" finds the code whose name is "Hội chợ"). `list` must
// live for the whole program (the closed lists are static): its folded names are kept.
std::optional<std::string> CodeNamed(const std::vector<Code>& list, std::string_view value);

// A yes/no cell: true for "có", "x", "yes", "true", "1" (any case, any diacritics), false for "",
// "không", "no", "false", "0"; nullopt for anything else.
std::optional<bool> CellFlag(std::string_view text);

// A date cell: a real date, or text dd/mm/yyyy or yyyy-mm-dd. nullopt for an empty cell, and
// also for anything else, with *bad set.
std::optional<Date> CellDate(const ReadCell& cell, bool* bad);

// --- The columns of a module's sheet (export, template and import) ---------------------------

// A column of a module's spreadsheet: a stable key (an import also accepts it as the header),
// the headers in Vietnamese and English, whether an import reads it (the others are computed and
// only exported), and its width in characters in an export.
struct SheetColumn {
    std::string_view key;
    std::string_view vi;
    std::string_view en;
    bool imported;
    double width;
};

// Sets the headers and widths of `sheet` from `columns` in `lang` ("en", otherwise Vietnamese);
// with `imported_only`, only the columns an import reads (an import template).
void SetHeaders(Sheet& sheet, std::span<const SheetColumn> columns, std::string_view lang,
                bool imported_only = false);

// Where the columns of an imported sheet are. The header row is the first row with a value; each
// of its cells names an imported column of `columns` by its key or its Vietnamese or English
// header, ignoring case and diacritics (the first cell naming a column wins).
struct SheetHeader {
    std::size_t row = 0;                                        // 0-based, as in ReadSheet::rows
    std::map<std::string, std::size_t, std::less<>> column_of;  // key → 0-based column index
    bool Has(std::string_view key) const { return column_of.find(key) != column_of.end(); }
};
SheetHeader FindHeader(const ReadSheet& sheet, std::span<const SheetColumn> columns);

}  // namespace ngoaivu::office
