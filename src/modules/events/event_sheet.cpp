#include "modules/events/event_sheet.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "base/code.hpp"
#include "base/record_checks.hpp"
#include "base/text.hpp"
#include "office/sheet_values.hpp"

namespace ngoaivu::events {

namespace {

using office::DateCell;
using office::IsEnglish;
using office::Joined;
using office::NameOf;
using office::YesNo;

std::string ProvinceName(const HostUnit& h, bool current, std::string_view lang) {
    if (current)
        return IsEnglish(lang) ? h.current_name_en : h.current_name_vi;
    return IsEnglish(lang) ? h.name_en : h.name_vi;
}

// The statuses an import may record.
bool Importable(Status s) {
    return s == Status::kPlanned || s == Status::kHeld || s == Status::kReported;
}

}  // namespace

const std::vector<SheetColumn>& SheetColumns() {
    static const std::vector<SheetColumn> kColumns = {
        {"id", "Số hiệu", "ID", false, 8},
        {"title_vi", "Tên sự kiện (tiếng Việt)", "Title (Vietnamese)", true, 60},
        {"title_en", "Tên sự kiện (tiếng Anh)", "Title (English)", true, 40},
        {"type", "Loại sự kiện", "Type", true, 30},
        {"theme", "Chủ đề", "Theme", true, 40},
        {"starts_on", "Ngày bắt đầu", "First day", true, 12},
        {"ends_on", "Ngày kết thúc", "Last day", true, 12},
        {"format", "Hình thức tổ chức", "Format", true, 18},
        {"venue", "Địa điểm", "Venue", true, 30},
        {"national", "Cấp trung ương", "National", true, 10},
        {"provinces", "Tỉnh, thành phố đăng cai (khi tổ chức)", "Hosting provinces (at the time)",
         true, 28},
        {"current_province", "Tỉnh, thành phố (hiện nay)", "Province (today)", false, 24},
        {"organisers", "Đơn vị tổ chức", "Organisers", true, 36},
        {"countries", "Quốc gia (mã ISO)", "Countries (ISO codes)", true, 14},
        {"bridge_points", "Điểm cầu", "Bridge points", true, 30},
        {"foreign_sponsor", "Tài trợ nước ngoài", "Foreign sponsor", true, 10},
        {"funding", "Nguồn kinh phí", "Funding", true, 24},
        {"participants_vietnamese", "Số đại biểu Việt Nam", "Vietnamese participants", true, 12},
        {"participants_foreign", "Số đại biểu nước ngoài", "Foreign participants", true, 12},
        {"highest_foreign_rank", "Cấp cao nhất của khách nước ngoài", "Highest foreign rank", true,
         24},
        {"delegates_in_person", "Số đại biểu dự trực tiếp", "Delegates in person", true, 12},
        {"sensitive_topics", "Nội dung nhạy cảm", "Sensitive topics", true, 20},
        {"state_secret", "Bí mật nhà nước", "State secrets", true, 10},
        {"ordinal", "Lần thứ", "Ordinal", true, 8},
        {"status", "Trạng thái", "Status", true, 20},
        {"decider", "Thẩm quyền cho phép", "Permitted by", false, 24},
        {"requested_on", "Ngày đề nghị cho phép", "Permission requested on", false, 12},
        {"decision_ref", "Văn bản cho phép", "Permission (number and date)", true, 24},
        {"decided_on", "Ngày cho phép", "Permitted on", true, 12},
        {"report_due_on", "Hạn báo cáo kết quả", "Result report due", false, 12},
        {"reported_on", "Ngày báo cáo kết quả", "Result reported on", true, 12},
        {"next_due_on", "Hạn gần nhất", "Next deadline", false, 12},
        {"overdue", "Quá hạn", "Overdue", false, 8},
        {"note", "Ghi chú", "Note", true, 30},
    };
    return kColumns;
}

office::Sheet ExportSheet(const std::vector<EventRow>& rows, std::string_view lang, Date today) {
    office::Sheet sheet;
    sheet.name = IsEnglish(lang) ? "Events" : "Sự kiện";
    for (const auto& c : SheetColumns()) {
        sheet.headers.emplace_back(IsEnglish(lang) ? c.en : c.vi);
        sheet.widths.push_back(c.width);
    }
    for (const auto& row : rows) {
        const EventRecord& e = row.record;
        const EventFields& f = e.fields;
        // Co-hosting provinces are listed by their ids after the owner's name: their names are
        // not loaded with the list.
        std::vector<std::string> provinces;
        if (!f.national && !f.admin_unit_ids.empty()) {
            provinces.push_back(ProvinceName(row.host, false, lang));
            for (std::size_t i = 1; i < f.admin_unit_ids.size(); ++i)
                provinces.push_back(std::to_string(f.admin_unit_ids[i]));
        }
        std::vector<std::string> bridge_points;
        for (const auto& b : f.bridge_points)
            bridge_points.push_back(b.name);
        std::vector<std::string> topics;
        for (const auto& t : f.sensitive_topics)
            topics.push_back(NameOf(SensitiveTopics(), t, lang));
        std::vector<office::Cell> cells = {
            office::Cell(e.id),
            f.title_vi,
            f.title_en,
            NameOf(Types(), f.type, lang),
            f.theme,
            office::Cell(f.starts_on),
            office::Cell(f.ends_on),
            NameOf(Formats(), f.format, lang),
            f.venue,
            YesNo(f.national, lang),
            Joined(provinces),
            ProvinceName(row.host, true, lang),
            Joined(f.organisers),
            Joined(f.countries),
            Joined(bridge_points),
            YesNo(f.foreign_sponsor, lang),
            f.funding,
            office::Cell(f.participants.vietnamese),
            office::Cell(f.participants.foreign),
            NameOf(ForeignRanks(), f.participants.highest_foreign_rank, lang),
            office::Cell(f.participants.delegates_in_person),
            Joined(topics),
            YesNo(f.state_secret, lang),
            f.ordinal ? office::Cell(static_cast<std::int64_t>(*f.ordinal)) : office::Cell(),
            NameOf(Statuses(), StatusCode(e.status), lang),
            NameOf(Deciders(), DeciderCode(e.decider), lang),
            DateCell(e.requested_on),
            e.decision_ref,
            DateCell(e.decided_on),
            DateCell(e.report_due_on),
            DateCell(e.reported_on),
            DateCell(e.next_due_on),
            YesNo(e.next_due_on && *e.next_due_on < today, lang),
            f.note,
        };
        sheet.rows.push_back(std::move(cells));
    }
    return sheet;
}

office::Sheet ReportSheet(const EventYearlyReport& report, std::string_view lang) {
    const bool en = IsEnglish(lang);
    office::Sheet sheet;
    sheet.name = en ? "Conferences " + std::to_string(report.year)
                    : "Hội nghị, hội thảo " + std::to_string(report.year);
    sheet.headers = en ? std::vector<std::string>{"No.",
                                                  "Title",
                                                  "Organisers",
                                                  "First day",
                                                  "Last day",
                                                  "Venue",
                                                  "Format",
                                                  "Countries",
                                                  "Vietnamese participants",
                                                  "Foreign participants",
                                                  "Highest foreign rank",
                                                  "Permitted by",
                                                  "Permission",
                                                  "Status",
                                                  "Result report"}
                       : std::vector<std::string>{"STT",
                                                  "Tên hội nghị, hội thảo",
                                                  "Đơn vị tổ chức",
                                                  "Ngày bắt đầu",
                                                  "Ngày kết thúc",
                                                  "Địa điểm",
                                                  "Hình thức",
                                                  "Quốc gia",
                                                  "Số đại biểu Việt Nam",
                                                  "Số đại biểu nước ngoài",
                                                  "Cấp cao nhất của khách nước ngoài",
                                                  "Thẩm quyền cho phép",
                                                  "Văn bản cho phép",
                                                  "Trạng thái",
                                                  "Báo cáo kết quả"};
    sheet.widths = {6, 60, 36, 12, 12, 30, 16, 14, 12, 12, 24, 24, 24, 18, 18};
    std::int64_t n = 0;
    for (const auto& item : report.items) {
        const EventRecord& e = item.event.record;
        const EventFields& f = e.fields;
        std::string report_status;
        if (item.report_status == "reported")
            report_status = (en ? "Reported " : "Đã báo cáo ") +
                            (e.reported_on ? e.reported_on->ToDisplay() : std::string());
        else if (item.report_status == "overdue")
            report_status = en ? "Overdue" : "Quá hạn";
        else if (item.report_status == "due")
            report_status = (en ? "Due " : "Hạn ") +
                            (e.report_due_on ? e.report_due_on->ToDisplay() : std::string());
        else
            report_status = en ? "Not yet held" : "Chưa tổ chức";
        sheet.rows.push_back({office::Cell(++n), f.title_vi, Joined(f.organisers),
                              office::Cell(f.starts_on), office::Cell(f.ends_on), f.venue,
                              NameOf(Formats(), f.format, lang), Joined(f.countries),
                              office::Cell(f.participants.vietnamese),
                              office::Cell(f.participants.foreign),
                              NameOf(ForeignRanks(), f.participants.highest_foreign_rank, lang),
                              NameOf(Deciders(), DeciderCode(e.decider), lang), e.decision_ref,
                              NameOf(Statuses(), StatusCode(e.status), lang), report_status});
    }
    return sheet;
}

std::pair<std::string, std::string> ColumnOfField(std::string_view field) {
    std::string key(field.substr(0, field.find('[')));
    if (key == "admin_unit_ids")
        key = "provinces";
    else if (key.starts_with("participants."))
        key =
            key == "participants.highest_foreign_rank" || key == "participants.delegates_in_person"
                ? key.substr(13)
                : "participants_" + key.substr(13);
    return office::ColumnHeaders(SheetColumns(), key);
}

std::vector<ImportRow> ReadImportRows(const office::ReadSheet& sheet,
                                      const std::vector<UnitInfo>& units,
                                      std::vector<ImportProblem>* sheet_problems) {
    std::vector<ImportRow> out;
    const office::SheetHeader header = office::FindHeader(sheet, SheetColumns());
    office::RequireColumns(header, {"title_vi", "type", "starts_on", "provinces", "organisers"},
                           ColumnOfField, "các cột của tệp xuất", "the columns of an export",
                           sheet_problems);
    if (!sheet_problems->empty())
        return out;

    // Folded names → units.
    const auto by_name = office::UnitsByName(units);

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
        auto echo = [](const std::string& t) { return text::IsValidUtf8(t) ? t : "?"; };
        auto date = [&](std::string_view key) -> std::optional<Date> {
            std::optional<std::string> bad;
            auto d = cells.GetDate(key, &bad);
            if (bad) {
                std::string t = echo(*bad);
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
            problem(key, "\"" + echo(t) + "\" không có trong danh mục.",
                    "\"" + echo(t) + "\" is not one of the allowed values.");
            return fallback;
        };
        auto flag = [&](std::string_view key) {
            std::string t = get(key);
            auto b = office::CellFlag(t);
            if (!b) {
                problem(key, "\"" + echo(t) + "\" phải là Có hoặc Không.",
                        "\"" + echo(t) + "\" must be Yes or No.");
            }
            return b.value_or(false);
        };
        auto count = [&](std::string_view key) -> std::int64_t {
            std::string t = get(key);
            if (t.empty())
                return 0;
            std::int64_t n = 0;
            auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
            if (ec != std::errc() || end != t.data() + t.size()) {
                problem(key, "\"" + echo(t) + "\" không phải số nguyên.",
                        "\"" + echo(t) + "\" is not a whole number.");
                return 0;
            }
            return n;
        };

        EventFields& f = row.fields;
        f.title_vi = get("title_vi");
        f.title_en = get("title_en");
        f.type = code("type", Types(), "");
        f.theme = get("theme");
        auto starts = date("starts_on");
        if (!starts && get("starts_on").empty()) {
            problem("starts_on", "Cần ngày bắt đầu (dd/mm/yyyy).",
                    "The first day is required (dd/mm/yyyy).");
        }
        f.starts_on = starts.value_or(Date::FromDays(0));
        f.ends_on = date("ends_on").value_or(f.starts_on);
        f.format = code("format", Formats(), "in_person");
        f.venue = get("venue");
        f.national = flag("national");
        f.foreign_sponsor = flag("foreign_sponsor");
        f.state_secret = flag("state_secret");
        f.funding = get("funding");
        f.participants.vietnamese = count("participants_vietnamese");
        f.participants.foreign = count("participants_foreign");
        f.participants.delegates_in_person = count("delegates_in_person");
        f.participants.highest_foreign_rank = code("highest_foreign_rank", ForeignRanks(), "none");
        f.organisers = office::SplitCellList(get("organisers"));
        f.countries = office::SplitCellList(get("countries"));
        for (auto& name : office::SplitCellList(get("bridge_points")))
            f.bridge_points.push_back({std::move(name), std::nullopt});
        for (const auto& t : office::SplitCellList(get("sensitive_topics"))) {
            if (auto c = office::CodeNamed(SensitiveTopics(), t))
                f.sensitive_topics.push_back(*c);
            else
                problem("sensitive_topics", "\"" + echo(t) + "\" không có trong danh mục.",
                        "\"" + echo(t) + "\" is not one of the allowed values.");
        }
        if (std::string o = get("ordinal"); !o.empty()) {
            std::int64_t n = count("ordinal");
            if (n != 0)
                f.ordinal = static_cast<int>(std::clamp<std::int64_t>(n, -1, 100000));
        }
        f.note = get("note");
        // The provinces: ids, or the names of the units that existed on the first day.
        for (const auto& name : office::SplitCellList(get("provinces"))) {
            std::int64_t id = 0;
            auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), id);
            if (ec == std::errc() && end == name.data() + name.size()) {
                f.admin_unit_ids.push_back(id);
                continue;
            }
            auto [lo, hi] = by_name.equal_range(text::Fold(name));
            const UnitInfo* any = nullptr;
            std::int64_t found = 0;
            for (auto it = lo; it != hi; ++it) {
                any = it->second;
                const UnitInfo& u = *it->second;
                if (ExistsOn(u, f.starts_on))
                    found = u.id;
            }
            if (found) {
                f.admin_unit_ids.push_back(found);
            } else if (any) {
                problem("provinces",
                        "\"" + echo(name) + "\" không tồn tại vào ngày " + f.starts_on.ToDisplay() +
                            ".",
                        "\"" + echo(name) + "\" did not exist on " + f.starts_on.ToDisplay() + ".");
            } else {
                problem("provinces", "Không có tỉnh, thành phố \"" + echo(name) + "\".",
                        "There is no province \"" + echo(name) + "\".");
            }
        }
        std::string status = code("status", Statuses(), "planned");
        row.status = ParseStatus(status).value_or(Status::kPlanned);
        if (!Importable(row.status)) {
            problem("status",
                    "Chỉ nhập được sự kiện dự kiến, đã tổ chức hoặc đã báo cáo kết quả; các bước "
                    "xin phép được ghi nhận trên hồ sơ sau khi nhập.",
                    "An import records planned, held or reported events only; the steps of the "
                    "permission are recorded on the event once imported.");
            row.status = Status::kPlanned;
        }
        row.decision_ref = get("decision_ref");
        row.decided_on = date("decided_on");
        row.reported_on = date("reported_on");
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace ngoaivu::events
