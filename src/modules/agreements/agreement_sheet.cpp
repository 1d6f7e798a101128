#include "modules/agreements/agreement_sheet.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <mutex>

#include "base/input.hpp"
#include "base/record_checks.hpp"
#include "base/text.hpp"
#include "office/sheet_values.hpp"

namespace ngoaivu::agreements {

namespace {

using office::DateCell;
using office::IsEnglish;
using office::Joined;
using office::NameOf;

// The codes of `list` by their code and their folded Vietnamese and English names, built once per
// list (the lists are static).
const std::map<std::string, std::string>& FoldedNames(const std::vector<Code>& list) {
    static std::mutex mu;
    static std::map<const std::vector<Code>*, std::map<std::string, std::string>> cache;
    std::lock_guard lock(mu);
    auto& names = cache[&list];
    if (names.empty()) {
        for (const auto& c : list) {
            names.emplace(std::string(c.code), std::string(c.code));
            names.emplace(text::Fold(c.vi), std::string(c.code));
            names.emplace(text::Fold(c.en), std::string(c.code));
        }
    }
    return names;
}

// A code of `list` named by its code, or its Vietnamese or English name (folded).
std::optional<std::string> CodeNamed(const std::vector<Code>& list, const std::string& value) {
    const auto& names = FoldedNames(list);
    if (auto it = names.find(text::Fold(value)); it != names.end())
        return it->second;
    return std::nullopt;
}

std::vector<std::string> SplitList(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s + ";") {
        if (c == ';' || c == '\n') {
            std::string t = text::TrimSpace(cur);
            if (!t.empty())
                out.push_back(t);
            cur.clear();
        } else {
            cur.push_back(c);
        }
    }
    return out;
}

// The text of a cell as typed (numbers without a trailing ".0"). Unlike office::CellText, text
// that is not UTF-8 goes through text::Nfc too, as the agreements' import always did.
std::string TypedText(const office::ReadCell& cell) {
    using Kind = office::ReadCell::Kind;
    switch (cell.kind) {
        case Kind::kText:
            return text::TrimSpace(text::Nfc(cell.text));
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

}  // namespace

const std::vector<SheetColumn>& SheetColumns() {
    static const std::vector<SheetColumn> kColumns = {
        {"id", "Số hiệu", "ID", false, 8},
        {"title_vi", "Tên thỏa thuận (tiếng Việt)", "Title (Vietnamese)", true, 60},
        {"title_foreign", "Tên thỏa thuận (tiếng nước ngoài)", "Title (foreign language)", true,
         50},
        {"form", "Hình thức", "Form", true, 18},
        {"party_kind", "Loại bên ký Việt Nam", "Kind of Vietnamese party", true, 24},
        {"party_name", "Bên ký Việt Nam", "Vietnamese party", true, 32},
        {"province", "Tỉnh, thành phố (khi ký)", "Province (when signed)", true, 24},
        {"current_province", "Tỉnh, thành phố (hiện nay)", "Province (today)", false, 24},
        {"partners", "Đối tác nước ngoài", "Foreign partners", true, 40},
        {"countries", "Nước", "Countries", false, 10},
        {"fields", "Lĩnh vực", "Fields", true, 30},
        {"languages", "Ngôn ngữ", "Languages", true, 10},
        {"procedure", "Trình tự", "Procedure", true, 12},
        {"shortened_reason", "Lý do rút gọn", "Reason for the shortened procedure", true, 20},
        {"status", "Trạng thái", "Status", true, 16},
        {"signed_on", "Ngày ký", "Signed on", true, 12},
        {"signed_place", "Nơi ký", "Place of signing", true, 18},
        {"signatory_vn", "Người ký phía Việt Nam", "Vietnamese signatory", true, 28},
        {"signatory_foreign", "Người ký phía nước ngoài", "Foreign signatory", true, 28},
        {"effective_on", "Ngày có hiệu lực", "Entry into force", true, 12},
        {"expires_on", "Ngày hết hiệu lực", "Expiry", true, 12},
        {"reported_on", "Ngày báo cáo Bộ Ngoại giao", "Reported to MOFA on", true, 12},
        {"term_months", "Thời hạn (tháng)", "Term (months)", true, 10},
        {"publication", "Công bố", "Publication", true, 12},
        {"archive_location", "Nơi lưu bản gốc", "Where the original is archived", true, 24},
        {"inherited_from", "Kế thừa từ", "Inherited from", true, 20},
        {"next_due_on", "Hạn gần nhất", "Next deadline", false, 12},
        {"overdue", "Quá hạn", "Overdue", false, 8},
        {"has_result", "Đã có kết quả", "Has results", false, 10},
    };
    return kColumns;
}

office::Sheet ExportSheet(const std::vector<Agreement>& agreements, std::string_view lang,
                          Date today) {
    office::Sheet sheet;
    sheet.name = IsEnglish(lang) ? "Agreements" : "Thỏa thuận quốc tế";
    for (const auto& c : SheetColumns()) {
        sheet.headers.emplace_back(IsEnglish(lang) ? c.en : c.vi);
        sheet.widths.push_back(c.width);
    }
    for (const auto& a : agreements) {
        const auto& f = a.fields;
        std::vector<std::string> partners;
        std::vector<std::string> countries;
        for (const auto& p : a.partners) {
            partners.push_back(IsEnglish(lang) && !p.name_en.empty() ? p.name_en : p.name_vi);
            if (!p.country_alpha2.empty())
                countries.push_back(p.country_alpha2);
        }
        std::vector<std::string> fields;
        for (const auto& field : f.fields)
            fields.push_back(NameOf(Fields(), field, lang));
        std::vector<office::Cell> row = {
            office::Cell(a.id),
            f.title_vi,
            f.title_foreign,
            NameOf(Forms(), f.form, lang),
            NameOf(PartyKinds(), f.party_kind, lang),
            f.party_name,
            IsEnglish(lang) ? a.unit_name_en : a.unit_name_vi,
            IsEnglish(lang) ? a.current_unit_name_en : a.current_unit_name_vi,
            Joined(partners, "; "),
            Joined(countries, "; "),
            Joined(fields, "; "),
            Joined(f.languages, ", "),
            f.procedure == "shortened" ? std::string(IsEnglish(lang) ? "Shortened" : "Rút gọn")
                                       : std::string(IsEnglish(lang) ? "Normal" : "Thông thường"),
            f.shortened_reason,
            NameOf(Statuses(), StatusCode(a.status), lang),
            DateCell(a.signed_on),
            a.signed_place,
            a.signatory_vn,
            a.signatory_foreign,
            DateCell(a.effective_on),
            DateCell(a.expires_on),
            office::Cell(),
            f.term_months ? office::Cell(static_cast<std::int64_t>(*f.term_months))
                          : office::Cell(),
            NameOf(Publications(), f.publication, lang),
            f.archive_location,
            f.inherited_from,
            DateCell(a.next_due_on),
            office::Cell(a.next_due_on && *a.next_due_on < today),
            office::Cell(a.has_result),
        };
        sheet.rows.push_back(std::move(row));
    }
    return sheet;
}

std::vector<office::Sheet> ReportSheets(const YearlyReport& report, std::string_view lang) {
    const bool en = IsEnglish(lang);
    auto sheet_of = [&](const std::vector<Agreement>& list, std::string name) {
        office::Sheet sheet;
        sheet.name = std::move(name);
        sheet.headers =
            en ? std::vector<std::string>{"No.",    "Title",     "Partners", "Countries",
                                          "Fields", "Signed on", "Status",   "Commitments",
                                          "Done",   "Overdue",   "Results",  "Latest result"}
               : std::vector<std::string>{"STT",        "Tên thỏa thuận", "Đối tác",
                                          "Nước",       "Lĩnh vực",       "Ngày ký",
                                          "Trạng thái", "Cam kết",        "Đã hoàn thành",
                                          "Quá hạn",    "Số kết quả",     "Kết quả gần nhất"};
        sheet.widths = {6, 60, 36, 10, 30, 12, 16, 10, 12, 10, 10, 40};
        std::int64_t n = 0;
        for (const auto& a : list) {
            std::vector<std::string> partners;
            std::vector<std::string> countries;
            for (const auto& p : a.partners) {
                partners.push_back(en && !p.name_en.empty() ? p.name_en : p.name_vi);
                if (!p.country_alpha2.empty())
                    countries.push_back(p.country_alpha2);
            }
            std::vector<std::string> fields;
            for (const auto& f : a.fields.fields)
                fields.push_back(NameOf(Fields(), f, lang));
            Implementation impl;
            if (auto it = report.implementation.find(a.id); it != report.implementation.end())
                impl = it->second;
            sheet.rows.push_back({office::Cell(++n), a.fields.title_vi, Joined(partners, "; "),
                                  Joined(countries, "; "), Joined(fields, "; "),
                                  DateCell(a.signed_on),
                                  NameOf(Statuses(), StatusCode(a.status), lang),
                                  office::Cell(std::int64_t{impl.commitments}),
                                  office::Cell(std::int64_t{impl.commitments_done}),
                                  office::Cell(std::int64_t{impl.commitments_overdue}),
                                  office::Cell(std::int64_t{impl.results}), impl.latest_result});
        }
        return sheet;
    };
    std::string year = std::to_string(report.year);
    return {sheet_of(report.signed_in_year, en ? "Signed in " + year : "Ký năm " + year),
            sheet_of(report.in_force, en ? "In force, earlier" : "Đang hiệu lực, ký trước")};
}

office::Sheet TemplateSheet(std::string_view lang) {
    office::Sheet sheet;
    sheet.name = IsEnglish(lang) ? "Import" : "Nhập thỏa thuận";
    std::vector<office::Cell> example;
    for (const auto& c : SheetColumns()) {
        if (!c.imported)
            continue;
        sheet.headers.emplace_back(IsEnglish(lang) ? c.en : c.vi);
        sheet.widths.push_back(c.width);
        std::string_view key = c.key;
        if (key == "title_vi")
            example.emplace_back("Bản ghi nhớ hợp tác giữa UBND Thành phố Hà Nội và Tỉnh Gyeonggi");
        else if (key == "form")
            example.emplace_back(NameOf(Forms(), "mou", lang));
        else if (key == "party_kind")
            example.emplace_back(NameOf(PartyKinds(), "ubnd", lang));
        else if (key == "party_name")
            example.emplace_back("Ủy ban nhân dân Thành phố Hà Nội");
        else if (key == "province")
            example.emplace_back("Thành phố Hà Nội");
        else if (key == "partners")
            example.emplace_back("Tỉnh Gyeonggi");
        else if (key == "fields")
            example.emplace_back(NameOf(Fields(), "education", lang) + "; " +
                                 NameOf(Fields(), "investment", lang));
        else if (key == "languages")
            example.emplace_back("vi, ko");
        else if (key == "status")
            example.emplace_back(NameOf(Statuses(), "in_force", lang));
        else if (key == "signed_on" || key == "effective_on")
            example.emplace_back(*Date::FromYmd(2025, 9, 15));
        else if (key == "reported_on")
            example.emplace_back(*Date::FromYmd(2025, 9, 25));
        else if (key == "signatory_vn")
            example.emplace_back("Chủ tịch UBND Thành phố Hà Nội");
        else
            example.emplace_back();
    }
    sheet.rows.push_back(std::move(example));
    return sheet;
}

std::pair<std::string, std::string> ColumnOfField(std::string_view field) {
    std::string_view key = field;
    if (field == "admin_unit_id")
        key = "province";
    else if (field == "partner_ids")
        key = "partners";
    return office::ColumnHeaders(SheetColumns(), key);
}

std::vector<ImportRow> ReadImportRows(const office::ReadSheet& sheet, const SheetChoices& choices,
                                      Date today, std::vector<ImportProblem>* sheet_problems) {
    std::vector<ImportRow> out;
    // The header row: the first non-blank row.
    std::size_t header = 0;
    while (header < sheet.rows.size() &&
           std::all_of(sheet.rows[header].begin(), sheet.rows[header].end(),
                       [](const auto& c) { return TypedText(c).empty(); }))
        ++header;
    std::map<std::string, std::size_t> column_of;  // key → column index
    if (header < sheet.rows.size()) {
        const auto& row = sheet.rows[header];
        for (std::size_t i = 0; i < row.size(); ++i) {
            std::string name = text::Fold(TypedText(row[i]));
            for (const auto& c : SheetColumns()) {
                if (name == c.key || name == text::Fold(c.vi) || name == text::Fold(c.en))
                    column_of.emplace(std::string(c.key), i);
            }
        }
    }
    for (std::string_view required : {"title_vi", "province", "partners", "fields", "status"}) {
        if (!column_of.contains(std::string(required))) {
            auto [vi, en] = ColumnOfField(required);
            sheet_problems->push_back({static_cast<int>(header + 1), vi, en,
                                       "Thiếu cột \"" + vi + "\": hãy dùng tệp mẫu.",
                                       "The column \"" + en + "\" is missing: use the template."});
        }
    }
    if (!sheet_problems->empty())
        return out;

    // Folded names → ids.
    const auto units = office::UnitsByName(choices.units);
    std::multimap<std::string, std::int64_t> partners;
    for (const auto& p : choices.partners) {
        partners.emplace(text::Fold(p.name_vi), p.id);
        if (!p.name_en.empty())
            partners.emplace(text::Fold(p.name_en), p.id);
    }

    for (std::size_t r = header + 1; r < sheet.rows.size(); ++r) {
        const auto& cells = sheet.rows[r];
        std::vector<std::string> texts;  // each cell's text, computed once
        texts.reserve(cells.size());
        for (const auto& c : cells)
            texts.push_back(TypedText(c));
        auto get = [&](std::string_view key) -> std::string {
            auto it = column_of.find(std::string(key));
            if (it == column_of.end() || it->second >= texts.size())
                return "";
            return texts[it->second];
        };
        if (std::all_of(texts.begin(), texts.end(), [](const auto& t) { return t.empty(); }))
            continue;
        ImportRow row;
        row.row = static_cast<int>(r + 1);
        auto problem = [&](std::string_view key, std::string vi, std::string en) {
            auto [cvi, cen] = ColumnOfField(key);
            row.problems.push_back({row.row, cvi, cen, std::move(vi), std::move(en)});
        };
        auto date = [&](std::string_view key) -> std::optional<Date> {
            auto it = column_of.find(std::string(key));
            if (it == column_of.end() || it->second >= cells.size())
                return std::nullopt;
            const auto& cell = cells[it->second];
            if (cell.kind == office::ReadCell::Kind::kDate && cell.date)
                return cell.date;
            std::string t = TypedText(cell);
            if (t.empty())
                return std::nullopt;
            auto d = Date::ParseVi(t);
            if (!d)
                d = Date::ParseIso(t);
            if (!d)
                problem(key, "\"" + t + "\" không phải ngày (dd/mm/yyyy).",
                        "\"" + t + "\" is not a date (dd/mm/yyyy).");
            return d;
        };
        auto code = [&](std::string_view key, const std::vector<Code>& list,
                        std::string fallback) -> std::string {
            std::string t = get(key);
            if (t.empty())
                return fallback;
            if (auto c = CodeNamed(list, t))
                return *c;
            problem(key, "\"" + t + "\" không có trong danh mục.",
                    "\"" + t + "\" is not one of the allowed values.");
            return fallback;
        };
        RegisterRequest& req = row.request;
        AgreementFields& f = req.fields;
        f.title_vi = get("title_vi");
        f.title_foreign = get("title_foreign");
        f.form = code("form", Forms(), "mou");
        f.party_kind = code("party_kind", PartyKinds(), "ubnd");
        f.party_name = get("party_name");
        std::string status = code("status", Statuses(), "");
        row.draft = status == "draft";
        req.status = status;
        req.signed_on = date("signed_on");
        req.effective_on = date("effective_on");
        req.expires_on = date("expires_on");
        req.reported_on = date("reported_on");
        req.signed_place = get("signed_place");
        req.signatory_vn = get("signatory_vn");
        req.signatory_foreign = get("signatory_foreign");
        if (f.party_name.empty())
            f.party_name = get("province").empty() ? "" : "Ủy ban nhân dân " + get("province");
        // The province: an id, or the name of the unit that existed on the signing date.
        std::string province = get("province");
        Date as_of = req.signed_on.value_or(today);
        std::int64_t unit_id = 0;
        if (!province.empty()) {
            std::int64_t id = 0;
            auto [end, ec] =
                std::from_chars(province.data(), province.data() + province.size(), id);
            if (ec == std::errc() && end == province.data() + province.size()) {
                unit_id = id;
            } else {
                auto [lo, hi] = units.equal_range(text::Fold(province));
                const UnitInfo* any = nullptr;
                for (auto it = lo; it != hi; ++it) {
                    any = it->second;
                    const UnitInfo& u = *it->second;
                    if (ExistsOn(u, as_of))
                        unit_id = u.id;
                }
                if (!unit_id && any) {
                    problem(
                        "province",
                        "\"" + province + "\" không tồn tại vào ngày " + as_of.ToDisplay() + ".",
                        "\"" + province + "\" did not exist on " + as_of.ToDisplay() + ".");
                } else if (!unit_id) {
                    problem("province", "Không có tỉnh, thành phố \"" + province + "\".",
                            "There is no province \"" + province + "\".");
                }
            }
        }
        f.admin_unit_id = unit_id;
        for (const auto& name : SplitList(get("partners"))) {
            const auto range = partners.equal_range(text::Fold(name));
            const auto lo = range.first;
            const auto hi = range.second;
            const std::int64_t first_id = lo == hi ? 0 : lo->second;
            if (lo == hi) {
                problem("partners", "Không có đối tác \"" + name + "\": hãy thêm đối tác trước.",
                        "There is no partner \"" + name + "\": add the partner first.");
            } else if (std::any_of(std::next(lo), hi,
                                   [first_id](const auto& p) { return p.second != first_id; })) {
                problem("partners", "Có nhiều đối tác tên \"" + name + "\".",
                        "Several partners are named \"" + name + "\".");
            } else {
                f.partner_ids.push_back(lo->second);
            }
        }
        for (const auto& name : SplitList(get("fields"))) {
            if (auto c = CodeNamed(Fields(), name))
                f.fields.push_back(*c);
            else
                problem("fields", "Lĩnh vực \"" + name + "\" không có trong danh mục.",
                        "The field \"" + name + "\" is not one of the allowed values.");
        }
        std::string langs = get("languages");
        for (auto& l : SplitList([&] {
                 std::string s = langs;
                 std::replace(s.begin(), s.end(), ',', ';');
                 return s;
             }()))
            f.languages.push_back(text::Fold(l));
        std::string procedure = text::Fold(get("procedure"));
        f.procedure = (procedure == "shortened" || procedure == "rut gon") ? "shortened" : "normal";
        f.shortened_reason = get("shortened_reason");
        std::string term = get("term_months");
        if (!term.empty()) {
            int months = 0;
            auto [end, ec] = std::from_chars(term.data(), term.data() + term.size(), months);
            if (ec != std::errc() || end != term.data() + term.size())
                problem("term_months", "Thời hạn phải là số tháng.",
                        "The term must be a number of months.");
            else
                f.term_months = months;
        }
        f.publication = code("publication", Publications(), "public");
        f.archive_location = get("archive_location");
        f.inherited_from = get("inherited_from");
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace ngoaivu::agreements
