#include "office/sheet_cells.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>

#include "base/input.hpp"
#include "base/text.hpp"

namespace ngoaivu::office {

std::string CellText(const ReadCell& cell) {
    using Kind = ReadCell::Kind;
    switch (cell.kind) {
        case Kind::kText:
            return text::IsValidUtf8(cell.text) ? text::TrimSpace(text::Nfc(cell.text)) : cell.text;
        case Kind::kNumber: {
            double n = cell.number;
            if (std::floor(n) == n && std::fabs(n) < 1e15)
                return std::to_string(static_cast<std::int64_t>(n));
            return std::to_string(n);
        }
        case Kind::kBool:
            return cell.number != 0 ? "1" : "0";
        case Kind::kDate:
            return cell.date ? cell.date->ToDisplay() : "";
        case Kind::kEmpty:
        case Kind::kError:
            return "";
    }
    return "";
}

std::vector<std::string> SplitCellList(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        std::string t = text::IsValidUtf8(cur) ? text::TrimSpace(cur) : cur;
        if (!t.empty())
            out.push_back(std::move(t));
        cur.clear();
    };
    for (char c : s) {
        if (c == ';' || c == '\n' || c == '\r')
            flush();
        else
            cur.push_back(c);
    }
    flush();
    return out;
}

std::optional<std::string> CodeNamed(const std::vector<Code>& list, std::string_view value) {
    static std::mutex mu;
    static std::map<const std::vector<Code>*, std::map<std::string, std::string>> cache;
    if (!text::IsValidUtf8(value))
        return std::nullopt;
    std::lock_guard lock(mu);
    auto& names = cache[&list];
    if (names.empty()) {
        for (const auto& c : list) {
            names.emplace(std::string(c.code), std::string(c.code));
            names.emplace(text::Fold(c.vi), std::string(c.code));
            names.emplace(text::Fold(c.en), std::string(c.code));
        }
    }
    if (auto it = names.find(std::string(value)); it != names.end())
        return it->second;
    if (auto it = names.find(text::Fold(text::TrimSpace(value))); it != names.end())
        return it->second;
    return std::nullopt;
}

std::optional<bool> CellFlag(std::string_view value) {
    if (!text::IsValidUtf8(value))
        return std::nullopt;
    std::string v = text::Fold(text::TrimSpace(value));
    if (v == "co" || v == "x" || v == "yes" || v == "true" || v == "1")
        return true;
    if (v.empty() || v == "khong" || v == "no" || v == "false" || v == "0")
        return false;
    return std::nullopt;
}

std::optional<Date> CellDate(const ReadCell& cell, bool* bad) {
    *bad = false;
    if (cell.kind == ReadCell::Kind::kDate && cell.date)
        return cell.date;
    std::string t = CellText(cell);
    if (t.empty())
        return std::nullopt;
    auto d = Date::ParseVi(t);
    if (!d)
        d = Date::ParseIso(t);
    if (!d)
        *bad = true;
    return d;
}

void SetHeaders(Sheet& sheet, std::span<const SheetColumn> columns, std::string_view lang,
                bool imported_only) {
    sheet.headers.clear();
    sheet.widths.clear();
    for (const auto& c : columns) {
        if (imported_only && !c.imported)
            continue;
        sheet.headers.emplace_back(lang == "en" ? c.en : c.vi);
        sheet.widths.push_back(c.width);
    }
}

SheetHeader FindHeader(const ReadSheet& sheet, std::span<const SheetColumn> columns) {
    SheetHeader out;
    while (out.row < sheet.rows.size() &&
           std::all_of(sheet.rows[out.row].begin(), sheet.rows[out.row].end(),
                       [](const ReadCell& c) { return CellText(c).empty(); }))
        ++out.row;
    if (out.row >= sheet.rows.size())
        return out;
    const auto& row = sheet.rows[out.row];
    for (std::size_t i = 0; i < row.size(); ++i) {
        std::string t = CellText(row[i]);
        if (t.empty() || !text::IsValidUtf8(t))
            continue;
        std::string name = text::Fold(t);
        for (const auto& c : columns) {
            if (c.imported &&
                (name == c.key || name == text::Fold(c.vi) || name == text::Fold(c.en)))
                out.column_of.emplace(std::string(c.key), i);
        }
    }
    return out;
}

}  // namespace ngoaivu::office
