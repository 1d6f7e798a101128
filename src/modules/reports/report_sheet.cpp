#include "modules/reports/report_sheet.hpp"

#include "modules/events/event.hpp"
#include "modules/reports/report_text.hpp"
#include "office/xlsx_writer.hpp"

namespace ngoaivu::reports {

namespace {

using office::Cell;
using office::Sheet;

Cell Milli(const std::optional<std::int64_t>& v) {
    if (!v)
        return Cell::Blank();
    return Cell(static_cast<double>(*v) / 1000.0);
}

Cell Count(std::int64_t n) {
    return Cell(n);
}

Sheet Counts(std::string name, std::string key_header, const std::vector<KeyCount>& counts,
             std::string count_header) {
    Sheet s{std::move(name),
            {"Mã / Code", key_header + " (vi)", key_header + " (en)", std::move(count_header)},
            {12, 40, 40, 16},
            {}};
    for (const auto& c : counts)
        s.rows.push_back({c.key, c.name_vi, c.name_en, Count(c.count)});
    return s;
}

std::string IndicatorHeader(const std::optional<FigureDef>& def) {
    if (!def)
        return "Giá trị / Value";
    std::string unit = UnitName(def->unit, false);
    std::string unit_en = UnitName(def->unit, true);
    return def->name_vi + (unit.empty() ? "" : " (" + unit + ")") + " / " + def->name_en +
           (unit_en.empty() ? "" : " (" + unit_en + ")");
}

Sheet Levels(const std::vector<LevelRow>& levels) {
    Sheet s{"Đoàn - Delegations",
            {"Cấp / Level (vi)", "Cấp / Level (en)", "Đoàn ra / Outbound", "Đoàn vào / Inbound"},
            {30, 30, 16, 16},
            {}};
    for (const auto& l : levels)
        s.rows.push_back({l.name_vi, l.name_en, Count(l.outbound), Count(l.inbound)});
    return s;
}

Sheet Results(const AgreementCounts& a) {
    Sheet s{"Kết quả - Results",
            {"Năm / Year", "Có kết quả / With results", "Chưa có kết quả / Without results",
             "Tổng / Total"},
            {10, 20, 24, 12},
            {}};
    for (const auto& y : a.by_year) {
        s.rows.push_back({Count(y.year), Count(y.with_results), Count(y.without_results),
                          Count(y.with_results + y.without_results)});
    }
    s.rows.push_back({"Tổng / Total", Count(a.with_results), Count(a.signed_count - a.with_results),
                      Count(a.signed_count)});
    return s;
}

std::vector<Cell> UnitRow(const UnitValue& v) {
    return {v.unit.code, v.unit.name_vi, v.unit.name_en, Milli(v.value_milli),
            v.split_impossible ? Cell("x") : Cell::Blank()};
}

std::vector<std::string> UnitHeaders(const std::optional<FigureDef>& def) {
    return {"Mã / Code", "Tỉnh, thành phố", "Province", IndicatorHeader(def),
            "Không tách được / Cannot be split"};
}

}  // namespace

std::string DashboardXlsx(const Dashboard& d) {
    std::vector<Sheet> sheets;
    Sheet trend{"Xu hướng - Trend",
                {"Năm / Year", IndicatorHeader(d.indicator),
                 "Số đơn vị có số liệu / Units with figures", "Số đơn vị / Units"},
                {10, 40, 22, 14},
                {}};
    for (const auto& y : d.trend) {
        trend.rows.push_back({Count(y.year), Milli(y.value_milli), Count(y.units_reporting),
                              Count(y.units_expected)});
    }
    sheets.push_back(std::move(trend));
    Sheet top{"Tỉnh - Top provinces", UnitHeaders(d.indicator), {10, 30, 30, 24, 16}, {}};
    for (const auto& v : d.top_units)
        top.rows.push_back(UnitRow(v));
    sheets.push_back(std::move(top));
    Sheet map{"Bản đồ - Map", UnitHeaders(d.indicator), {10, 30, 30, 24, 16}, {}};
    for (const auto& v : d.tiles)
        map.rows.push_back(UnitRow(v));
    sheets.push_back(std::move(map));
    sheets.push_back(Counts("Quốc gia - Countries", "Quốc gia / Country", d.agreements.by_country,
                            "Thỏa thuận / Agreements"));
    sheets.push_back(Counts("Lĩnh vực - Fields", "Lĩnh vực / Field", d.agreements.by_field,
                            "Thỏa thuận / Agreements"));
    sheets.push_back(Levels(d.delegations));
    sheets.push_back(Results(d.agreements));
    return office::WriteXlsx(sheets);
}

std::string ReviewXlsx(const Review& r) {
    std::vector<Sheet> sheets;
    Sheet summary{
        "Tóm tắt - Summary", {"Mục / Section", "Tiếng Việt", "English"}, {24, 90, 90}, {}};
    auto vi = ReviewText(r, false);
    auto en = ReviewText(r, true);
    summary.rows.push_back({"period", PeriodText(r, false), PeriodText(r, true)});
    for (std::size_t i = 0; i < vi.size(); ++i) {
        for (std::size_t j = 0; j < vi[i].paragraphs.size(); ++j)
            summary.rows.push_back({vi[i].key, vi[i].paragraphs[j], en[i].paragraphs[j]});
    }
    if (r.split_impossible)
        summary.rows.push_back({"note", SplitNote(false), SplitNote(true)});
    sheets.push_back(std::move(summary));

    Sheet visits{"Thăm cấp cao - Visits",
                 {"Chiều / Direction", "Tên đoàn / Title", "Từ ngày / From", "Đến ngày / To",
                  "Tỉnh, thành phố / Province", "Quốc gia / Countries"},
                 {14, 60, 12, 12, 30, 40},
                 {}};
    for (const auto& v : r.visits) {
        std::string countries;
        for (const auto& c : v.countries_vi)
            countries += (countries.empty() ? "" : ", ") + c;
        visits.rows.push_back(
            {v.direction == "outbound" ? "Đoàn ra / Outbound" : "Đoàn vào / Inbound", v.title,
             Cell(v.starts_on), Cell(v.ends_on), v.unit_name_vi, countries});
    }
    sheets.push_back(std::move(visits));
    sheets.push_back(Levels(r.delegations));

    Sheet agreements{"Thỏa thuận - Agreements",
                     {"Nhóm / Group", "Mã / Code", "Tên", "Name", "Thỏa thuận / Agreements"},
                     {24, 12, 40, 40, 16},
                     {}};
    agreements.rows.push_back(
        {"Tổng / Total", "", "Đã ký kết", "Signed", Count(r.agreements.signed_count)});
    agreements.rows.push_back(
        {"Tổng / Total", "", "Đã có kết quả", "With results", Count(r.agreements.with_results)});
    auto add = [&agreements](const char* group, const std::vector<KeyCount>& counts) {
        for (const auto& c : counts)
            agreements.rows.push_back({group, c.key, c.name_vi, c.name_en, Count(c.count)});
    };
    add("Quốc gia / Country", r.agreements.by_country);
    add("Lĩnh vực / Field", r.agreements.by_field);
    add("Tỉnh / Province", r.agreements.by_unit);
    sheets.push_back(std::move(agreements));

    Sheet events{"Sự kiện - Events",
                 {"Nhóm / Group", "Mã / Code", "Tên", "Name", "Số sự kiện / Events"},
                 {24, 28, 40, 40, 14},
                 {}};
    for (const auto& c : r.events.by_type)
        events.rows.push_back({"Loại / Type", c.key, c.name_vi, c.name_en, Count(c.count)});
    for (const auto& c : r.events.international_by_unit) {
        events.rows.push_back({"Hội nghị quốc tế theo tỉnh / International conferences by province",
                               c.key, c.name_vi, c.name_en, Count(c.count)});
    }
    sheets.push_back(std::move(events));

    const Economy& e = r.economy;
    Sheet economy{"Kinh tế - Economy",
                  {"Năm / Year", IndicatorHeader(e.exports_def), IndicatorHeader(e.imports_def),
                   "Tổng kim ngạch / Total trade", IndicatorHeader(e.fdi_def),
                   "Tăng trưởng FDI (%) / FDI growth (%)"},
                  {10, 30, 30, 24, 30, 20},
                  {}};
    for (const auto& y : e.years) {
        economy.rows.push_back(
            {Count(y.year), Milli(y.exports), Milli(y.imports), Milli(y.trade), Milli(y.fdi),
             y.fdi_growth_permille ? Cell(static_cast<double>(*y.fdi_growth_permille) / 10.0)
                                   : Cell::Blank()});
    }
    sheets.push_back(std::move(economy));
    Sheet exporters{"Xuất khẩu - Exporters",
                    {"Mã / Code", "Tỉnh, thành phố", "Province",
                     "Xuất khẩu năm " + std::to_string(e.last_year) + " / Exports " +
                         std::to_string(e.last_year),
                     "Vượt cả nước năm " + std::to_string(e.compare_year) +
                         " / Exceeds the country in " + std::to_string(e.compare_year)},
                    {10, 30, 30, 24, 24},
                    {}};
    for (const auto& t : e.top_exporters) {
        bool exceeds = false;
        for (const auto& x : e.exceeding)
            exceeds = exceeds || x.unit.id == t.unit.id;
        exporters.rows.push_back(
            {t.unit.code, t.unit.name_vi, t.unit.name_en, Milli(t.value_milli), Cell(exceeds)});
    }
    exporters.rows.push_back({"", "Cả nước năm " + std::to_string(e.compare_year),
                              "Whole country in " + std::to_string(e.compare_year),
                              Milli(e.compare_exports), Cell::Blank()});
    sheets.push_back(std::move(exporters));

    Sheet culture{"Văn hóa - Culture", {"Chỉ tiêu / Indicator", "Giá trị / Value"}, {50, 16}, {}};
    culture.rows.push_back({IndicatorHeader(e.unesco_def), Milli(e.unesco)});
    sheets.push_back(std::move(culture));

    Sheet awards{"Khen thưởng - Awards",
                 {"Ngày / Date", "Sự kiện / Event", "Hình thức / Kind",
                  "Người, tập thể / Recipient", "Tỉnh, thành phố / Province"},
                 {12, 50, 40, 40, 30},
                 {}};
    for (const auto& a : r.awards) {
        awards.rows.push_back(
            {Cell(a.event_on), a.event_title,
             NameVi(events::AwardKinds(), a.kind) + " / " + NameEn(events::AwardKinds(), a.kind),
             a.recipient, a.recipient_unit_vi});
    }
    sheets.push_back(std::move(awards));
    return office::WriteXlsx(sheets);
}

}  // namespace ngoaivu::reports
