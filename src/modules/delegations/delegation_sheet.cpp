#include "modules/delegations/delegation_sheet.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

#include "base/code.hpp"
#include "base/field_problems.hpp"
#include "base/input.hpp"
#include "base/record_checks.hpp"
#include "base/text.hpp"
#include "modules/delegations/delegation_workflow.hpp"
#include "office/sheet_values.hpp"

namespace ngoaivu::delegations {

namespace {

using office::DateCell;
using office::IsEnglish;
using office::Joined;
using office::NameOf;
using office::YesNo;

std::string Trimmed(std::string_view s) {
    return text::IsValidUtf8(s) ? text::TrimSpace(s) : std::string(s);
}

std::string UpperAscii(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// The whole number `s`, or nullopt.
std::optional<std::int64_t> WholeNumber(std::string_view s) {
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return n;
}

}  // namespace

const std::vector<office::SheetColumn>& SheetColumns() {
    static const std::vector<office::SheetColumn> kColumns = {
        {"id", "Số hiệu", "ID", false, 8},
        {"title", "Tên đoàn", "Title", true, 60},
        {"direction", "Loại đoàn", "Direction", true, 14},
        {"level", "Cấp đoàn", "Level", true, 24},
        {"provinces", "Tỉnh, thành phố (theo ngày bắt đầu)", "Provinces (as of the first day)",
         true, 28},
        {"current_province", "Tỉnh, thành phố (hiện nay)", "Province (today)", false, 24},
        {"countries", "Quốc gia (mã ISO)", "Countries (ISO codes)", true, 12},
        {"partners", "Đối tác nước ngoài", "Foreign partners", true, 36},
        {"purpose", "Mục đích", "Purpose", true, 40},
        {"starts_on", "Ngày bắt đầu", "First day", true, 12},
        {"ends_on", "Ngày kết thúc", "Last day", true, 12},
        {"funding", "Nguồn kinh phí", "Funding", true, 20},
        {"head_name", "Trưởng đoàn", "Head of delegation", true, 26},
        {"head_title", "Chức vụ trưởng đoàn", "Head's title", true, 30},
        {"head_organisation", "Cơ quan của trưởng đoàn", "Head's organisation", true, 30},
        {"head_nationality", "Quốc tịch trưởng đoàn", "Head's nationality", true, 10},
        {"deputies", "Phó trưởng đoàn", "Deputy heads", true, 30},
        {"members", "Thành viên", "Members", true, 50},
        {"report_due_days", "Thời hạn báo cáo (ngày)", "Report period (days)", true, 10},
        {"status", "Trạng thái", "Status", true, 22},
        {"decision_ref", "Quyết định của lãnh đạo tỉnh", "Decision (number and date)", true, 28},
        {"decided_on", "Ngày quyết định", "Decided on", true, 12},
        {"reason", "Lý do không phê duyệt, hủy đoàn", "Reason for refusal or cancellation", true,
         30},
        {"departed_on", "Ngày bắt đầu thực tế", "Actual first day", true, 12},
        {"returned_on", "Ngày kết thúc thực tế", "Actual last day", true, 12},
        {"report_due_on", "Hạn báo cáo", "Report due", false, 12},
        {"reported_on", "Ngày nộp báo cáo", "Report submitted on", true, 12},
        {"report_summary", "Tóm tắt báo cáo", "Report summary", true, 40},
        {"report_overdue", "Quá hạn báo cáo", "Report overdue", false, 10},
        {"note", "Ghi chú", "Note", true, 30},
    };
    return kColumns;
}

std::string PersonCell(const Person& p) {
    std::string out = p.name;
    if (!p.title.empty())
        out += " (" + p.title + ")";
    if (!p.nationality.empty())
        out += " [" + p.nationality + "]";
    return out;
}

Person ParsePerson(std::string_view text) {
    Person p;
    std::string s = Trimmed(text);
    // A trailing "[XX]": the nationality.
    if (s.size() >= 4 && s.back() == ']') {
        auto open = s.rfind('[');
        if (open != std::string::npos) {
            p.nationality = UpperAscii(Trimmed(s.substr(open + 1, s.size() - open - 2)));
            s = Trimmed(s.substr(0, open));
        }
    }
    // A trailing "(...)" with balanced parentheses: the title.
    if (!s.empty() && s.back() == ')') {
        int depth = 0;
        for (std::size_t i = s.size(); i-- > 0;) {
            if (s[i] == ')') {
                ++depth;
            } else if (s[i] == '(' && --depth == 0) {
                p.title = Trimmed(s.substr(i + 1, s.size() - i - 2));
                s = Trimmed(s.substr(0, i));
                break;
            }
        }
    }
    p.name = s;
    return p;
}

office::Sheet ExportSheet(const std::vector<Delegation>& delegations,
                          const std::map<std::int64_t, std::string>& reasons,
                          const SheetChoices& names, std::string_view lang, Date today) {
    office::Sheet sheet;
    sheet.name = IsEnglish(lang) ? "Delegations" : "Đoàn ra, đoàn vào";
    office::SetHeaders(sheet, SheetColumns(), lang);
    std::map<std::int64_t, const agreements::UnitInfo*> units;
    for (const auto& u : names.units)
        units.emplace(u.id, &u);
    std::map<std::int64_t, const agreements::PartnerRef*> partners;
    for (const auto& p : names.partners)
        partners.emplace(p.id, &p);
    for (const auto& d : delegations) {
        const auto& f = d.fields;
        std::vector<std::string> provinces;
        for (std::size_t i = 0; i < f.admin_unit_ids.size(); ++i) {
            if (i == 0) {
                provinces.push_back(IsEnglish(lang) ? d.unit_name_en : d.unit_name_vi);
            } else if (auto it = units.find(f.admin_unit_ids[i]); it != units.end()) {
                provinces.push_back(IsEnglish(lang) ? it->second->name_en : it->second->name_vi);
            } else {
                provinces.push_back(std::to_string(f.admin_unit_ids[i]));
            }
        }
        std::vector<std::string> partner_names;
        for (auto id : f.partner_ids) {
            auto it = partners.find(id);
            if (it == partners.end())
                continue;  // merged away since: its record names the one kept
            const auto& p = *it->second;
            partner_names.push_back(IsEnglish(lang) && !p.name_en.empty() ? p.name_en : p.name_vi);
        }
        std::vector<std::string> deputies;
        std::vector<std::string> members;
        for (const auto& m : f.members)
            (m.role == "deputy_head" ? deputies : members).push_back(PersonCell(m));
        std::vector<office::Cell> row = {
            office::Cell(d.id),
            f.title,
            NameOf(Directions(), f.direction, lang),
            NameOf(Levels(), f.level, lang),
            Joined(provinces),
            IsEnglish(lang) ? d.current_unit_name_en : d.current_unit_name_vi,
            Joined(f.countries),
            Joined(partner_names),
            f.purpose,
            office::Cell(f.starts_on),
            office::Cell(f.ends_on),
            NameOf(FundingSources(), f.funding, lang),
            f.head.name,
            f.head.title,
            f.head.organisation,
            f.head.nationality,
            Joined(deputies, "\n"),
            Joined(members, "\n"),
            office::Cell(f.report_due_days),
            NameOf(Statuses(), StatusCode(d.status), lang),
            d.decision_ref,
            DateCell(d.decided_on),
            reasons.contains(d.id) ? reasons.at(d.id) : std::string(),
            DateCell(d.departed_on),
            DateCell(d.returned_on),
            DateCell(d.report_due_on),
            DateCell(d.reported_on),
            d.report_summary,
            YesNo(IsReportOverdue(d, today), lang),
            f.note,
        };
        sheet.rows.push_back(std::move(row));
    }
    return sheet;
}

office::Sheet TemplateSheet(std::string_view lang) {
    office::Sheet sheet;
    sheet.name = IsEnglish(lang) ? "Import" : "Nhập đoàn";
    office::SetHeaders(sheet, SheetColumns(), lang, true);
    std::vector<office::Cell> example;
    for (const auto& c : SheetColumns()) {
        if (!c.imported)
            continue;
        std::string_view key = c.key;
        if (key == "title")
            example.emplace_back("Đoàn công tác của Thành phố Hà Nội thăm tỉnh Gyeonggi");
        else if (key == "direction")
            example.emplace_back(NameOf(Directions(), "outbound", lang));
        else if (key == "level")
            example.emplace_back(NameOf(Levels(), "provincial_leaders", lang));
        else if (key == "provinces")
            example.emplace_back("Thành phố Hà Nội");
        else if (key == "countries")
            example.emplace_back("KR");
        else if (key == "partners")
            example.emplace_back("Tỉnh Gyeonggi");
        else if (key == "purpose")
            example.emplace_back("Xúc tiến đầu tư, hợp tác giáo dục");
        else if (key == "starts_on")
            example.emplace_back(*Date::FromYmd(2025, 9, 15));
        else if (key == "ends_on")
            example.emplace_back(*Date::FromYmd(2025, 9, 20));
        else if (key == "funding")
            example.emplace_back(NameOf(FundingSources(), "state_budget", lang));
        else if (key == "head_name")
            example.emplace_back("Nguyễn Văn An");
        else if (key == "head_title")
            example.emplace_back("Phó Chủ tịch UBND Thành phố Hà Nội");
        else if (key == "head_organisation")
            example.emplace_back("Ủy ban nhân dân Thành phố Hà Nội");
        else if (key == "members")
            example.emplace_back(
                "Trần Thị Bình (Giám đốc Sở Ngoại vụ)\nLê Văn Cường (Chuyên viên Sở Ngoại vụ)");
        else if (key == "report_due_days")
            example.emplace_back(kDefaultReportDueDays);
        else if (key == "status")
            example.emplace_back(NameOf(Statuses(), "approved", lang));
        else if (key == "decision_ref")
            example.emplace_back("Quyết định số 123/QĐ-UBND ngày 01/09/2025");
        else if (key == "decided_on")
            example.emplace_back(*Date::FromYmd(2025, 9, 1));
        else
            example.emplace_back();
    }
    sheet.rows.push_back(std::move(example));
    return sheet;
}

std::pair<std::string, std::string> ColumnOfField(std::string_view field) {
    std::string key(field);
    if (key.starts_with("outcome."))
        key = key.substr(8);
    if (key == "admin_unit_ids") {
        key = "provinces";
    } else if (key == "partner_ids") {
        key = "partners";
    } else if (key.starts_with("head.")) {
        key = "head_" + key.substr(5);
    } else if (key.starts_with("members")) {
        key = "members";
    } else if (key == "departed_on" || key == "decision_ref" || key == "report_summary") {
        // as named
    } else if (key.starts_with("programme")) {
        key = "starts_on";
    } else if (key == "action" || key == "overlaps" || key == "version") {
        key = "status";
    }
    return office::ColumnHeaders(SheetColumns(), key);
}

std::vector<ImportRow> ReadImportRows(const office::ReadSheet& sheet, const SheetChoices& choices,
                                      std::vector<ImportProblem>* sheet_problems) {
    std::vector<ImportRow> out;
    const office::SheetHeader header = office::FindHeader(sheet, SheetColumns());
    office::RequireColumns(header, {"title", "provinces", "starts_on", "head_name"}, ColumnOfField,
                           "các cột của tệp mẫu hoặc tệp xuất",
                           "the columns of the template or of an export", sheet_problems);
    if (!sheet_problems->empty())
        return out;

    // Folded names → units and partners.
    const auto units = office::UnitsByName(choices.units);
    std::multimap<std::string, std::int64_t> partners;
    for (const auto& p : choices.partners) {
        partners.emplace(text::Fold(p.name_vi), p.id);
        if (!p.name_en.empty() && text::Fold(p.name_en) != text::Fold(p.name_vi))
            partners.emplace(text::Fold(p.name_en), p.id);
    }

    for (std::size_t r = header.row + 1; r < sheet.rows.size(); ++r) {
        const office::ImportCells cells(sheet.rows[r], header);
        if (cells.blank())
            continue;
        auto get = [&](std::string_view key) { return cells.Get(key); };
        ImportRow row;
        row.row = static_cast<int>(r + 1);
        auto problem = [&](std::string_view key, std::string vi, std::string en) {
            auto [cvi, cen] = ColumnOfField(key);
            row.problems.push_back({row.row, cvi, cen, std::move(vi), std::move(en)});
        };
        auto date = [&](std::string_view key) -> std::optional<Date> {
            std::optional<std::string> bad;
            auto d = cells.GetDate(key, &bad);
            if (bad) {
                std::string t = EchoInput(*bad);
                problem(key, "\"" + t + "\" không phải ngày (dd/mm/yyyy).",
                        "\"" + t + "\" is not a date (dd/mm/yyyy).");
            }
            return d;
        };
        auto code = [&](std::string_view key, const std::vector<Code>& list,
                        std::string fallback) -> std::string {
            std::string t = get(key);
            if (t.empty())
                return fallback;
            if (auto c = office::CodeNamed(list, t))
                return *c;
            problem(key, "\"" + EchoInput(t) + "\" không có trong danh mục.",
                    "\"" + EchoInput(t) + "\" is not one of the allowed values.");
            return fallback;
        };

        DelegationFields& f = row.fields;
        f.title = get("title");
        f.direction = code("direction", Directions(), "outbound");
        f.level = code("level", Levels(), "department");
        f.funding = code("funding", FundingSources(), "state_budget");
        f.purpose = get("purpose");
        f.note = get("note");
        auto starts = date("starts_on");
        if (!starts && get("starts_on").empty()) {
            problem("starts_on", "Cần ngày bắt đầu (dd/mm/yyyy).",
                    "The first day is required (dd/mm/yyyy).");
        }
        f.starts_on = starts.value_or(Date::FromDays(0));
        f.ends_on = date("ends_on").value_or(f.starts_on);
        for (const auto& c : office::SplitCellList([&] {
                 std::string s = get("countries");
                 std::replace(s.begin(), s.end(), ',', ';');
                 return s;
             }()))
            f.countries.push_back(UpperAscii(c));

        // People.
        f.head.name = get("head_name");
        f.head.title = get("head_title");
        f.head.organisation = get("head_organisation");
        f.head.nationality = UpperAscii(get("head_nationality"));
        f.head.role = "head";
        for (const auto& item : office::SplitCellList(get("deputies"))) {
            Person p = ParsePerson(item);
            p.role = "deputy_head";
            f.members.push_back(std::move(p));
        }
        for (const auto& item : office::SplitCellList(get("members"))) {
            Person p = ParsePerson(item);
            p.role = "member";
            f.members.push_back(std::move(p));
        }

        if (std::string days = get("report_due_days"); !days.empty()) {
            auto n = WholeNumber(days);
            if (!n) {
                problem("report_due_days", "\"" + EchoInput(days) + "\" không phải số ngày.",
                        "\"" + EchoInput(days) + "\" is not a number of days.");
            } else {
                f.report_due_days = static_cast<int>(std::clamp<std::int64_t>(*n, -1, 1000));
            }
        }

        // The provinces: ids, or the names of the units that existed on the first day.
        for (const auto& name : office::SplitCellList(get("provinces"))) {
            if (auto id = WholeNumber(name)) {
                f.admin_unit_ids.push_back(*id);
                continue;
            }
            auto [lo, hi] = units.equal_range(text::Fold(name));
            const agreements::UnitInfo* any = nullptr;
            std::int64_t found = 0;
            for (auto it = lo; it != hi; ++it) {
                any = it->second;
                const auto& u = *it->second;
                if (ExistsOn(u, f.starts_on))
                    found = u.id;
            }
            if (found) {
                if (std::find(f.admin_unit_ids.begin(), f.admin_unit_ids.end(), found) ==
                    f.admin_unit_ids.end())
                    f.admin_unit_ids.push_back(found);
            } else if (any && starts) {
                problem("provinces",
                        "\"" + EchoInput(name) + "\" không tồn tại vào ngày " +
                            f.starts_on.ToDisplay() +
                            ": hãy ghi tỉnh, thành phố theo địa giới "
                            "của ngày đó.",
                        "\"" + EchoInput(name) + "\" did not exist on " + f.starts_on.ToDisplay() +
                            ": name the province by the boundaries of that day.");
            } else if (!any) {
                problem("provinces", "Không có tỉnh, thành phố \"" + EchoInput(name) + "\".",
                        "There is no province \"" + EchoInput(name) + "\".");
            }
        }

        // The partners, by name.
        for (const auto& name : office::SplitCellList(get("partners"))) {
            // Not a structured binding: Clang 14 cannot capture one in the lambda below.
            const auto range = partners.equal_range(text::Fold(name));
            const auto lo = range.first;
            const auto hi = range.second;
            if (lo == hi) {
                problem("partners",
                        "Không có đối tác \"" + EchoInput(name) + "\": hãy thêm đối tác trước.",
                        "There is no partner \"" + EchoInput(name) + "\": add the partner first.");
            } else if (std::any_of(std::next(lo), hi,
                                   [&](const auto& p) { return p.second != lo->second; })) {
                problem("partners", "Có nhiều đối tác tên \"" + EchoInput(name) + "\".",
                        "Several partners are named \"" + EchoInput(name) + "\".");
            } else if (std::find(f.partner_ids.begin(), f.partner_ids.end(), lo->second) ==
                       f.partner_ids.end()) {
                f.partner_ids.push_back(lo->second);
            }
        }

        // The workflow state and the facts of its steps.
        std::string status = code("status", Statuses(), "proposed");
        row.status = ParseStatus(status).value_or(Status::kProposed);
        row.decision_ref = get("decision_ref");
        row.reason = get("reason");
        row.decided_on = date("decided_on");
        row.departed_on = date("departed_on");
        row.returned_on = date("returned_on");
        row.reported_on = date("reported_on");
        row.report_summary = get("report_summary");
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace ngoaivu::delegations
