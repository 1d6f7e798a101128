#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/code.hpp"
#include "base/date.hpp"
#include "base/text.hpp"
#include "office/sheet_cells.hpp"
#include "office/xlsx_writer.hpp"

namespace ngoaivu::office {

// The values of the modules' sheets (exports, templates, imports) that every module writes and
// reads the same way. Header-only; all functions are thread-safe.

// Whether a sheet is written in English (`lang` "en"), otherwise in Vietnamese.
inline bool IsEnglish(std::string_view lang) {
    return lang == "en";
}

// The name of `code` in closed list `list` in `lang`, or the code itself when it is not listed.
inline std::string NameOf(const std::vector<Code>& list, std::string_view code,
                          std::string_view lang) {
    return IsEnglish(lang) ? NameEn(list, code) : NameVi(list, code);
}

// The items of a list in one cell, separated by `sep`: {"Hà Nội", "Huế"} → "Hà Nội; Huế".
inline std::string Joined(const std::vector<std::string>& parts, std::string_view sep = "; ") {
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty())
            out += sep;
        out += p;
    }
    return out;
}

// A date cell, or an empty cell for no date.
inline Cell DateCell(const std::optional<Date>& d) {
    return d ? Cell(*d) : Cell();
}

// "Có" / "Không", or "Yes" / "No" in English.
inline Cell YesNo(bool b, std::string_view lang) {
    return Cell(b ? (IsEnglish(lang) ? "Yes" : "Có") : (IsEnglish(lang) ? "No" : "Không"));
}

// The headers (Vietnamese, English) of column `key` of `columns`, or {"", ""} when none has it.
inline std::pair<std::string, std::string> ColumnHeaders(std::span<const SheetColumn> columns,
                                                         std::string_view key) {
    for (const auto& c : columns) {
        if (c.key == key)
            return {std::string(c.vi), std::string(c.en)};
    }
    return {"", ""};
}

// The provinces an import finds by name: each `Unit` (with `name_vi`, `name_en`, `short_name_vi`)
// under its folded names (text::Fold), the short one when it has one. Points into `units`.
template <typename Unit>
std::multimap<std::string, const Unit*> UnitsByName(const std::vector<Unit>& units) {
    std::multimap<std::string, const Unit*> out;
    for (const auto& u : units) {
        out.emplace(text::Fold(u.name_vi), &u);
        out.emplace(text::Fold(u.name_en), &u);
        if (!u.short_name_vi.empty())
            out.emplace(text::Fold(u.short_name_vi), &u);
    }
    return out;
}

}  // namespace ngoaivu::office
