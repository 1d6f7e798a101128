#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/code.hpp"
#include "base/date.hpp"
#include "office/xlsx_reader.hpp"

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

}  // namespace ngoaivu::office
