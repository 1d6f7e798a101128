#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "base/text.hpp"
#include "html/list_view.hpp"
#include "http/error_status.hpp"
#include "http/json.hpp"
#include "modules/events/event.hpp"
#include "modules/reports/report_docx.hpp"
#include "modules/reports/report_sheet.hpp"
#include "modules/reports/report_text.hpp"
#include "modules/reports/reports_routes.hpp"

namespace ngoaivu::reports {

namespace {

using html::Data;
using http::Access;
using http::Request;
using http::Response;

constexpr const char* kXlsxMime =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr const char* kDocxMime =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
// The number of colour classes of the tile map (q1..q5; q0 is "no value").
constexpr int kBuckets = 5;

bool En(const Request& req) {
    return html::LangOf(req) == "en";
}

std::string T(const html::Pages& pages, const Request& req, std::string_view key) {
    return pages.renderer().catalog().Get(key, html::LangOf(req));
}

std::string Name(const Request& req, const std::string& vi, const std::string& en) {
    return En(req) ? en : vi;
}

std::string Value(const Request& req, const std::optional<std::int64_t>& v,
                  const std::optional<FigureDef>& def) {
    if (!v)
        return "—";
    return FormatMilli(*v, def ? def->decimals : 0, En(req));
}

// A table for the partial partials/report_table: caption, headers, rows of cells (numbers
// right-aligned).
class Table {
 public:
    Table(std::string caption, std::vector<std::string> headers) : caption_(std::move(caption)) {
        for (auto& h : headers) {
            Data d;
            d.set("text", h);
            headers_.push_back(d);
        }
    }
    // Cells: text, and whether it is a number.
    void Row(const std::vector<std::pair<std::string, bool>>& cells) {
        Data cs(Data::type::list);
        for (const auto& [text, num] : cells) {
            Data c;
            c.set("text", text);
            c.set("num", num);
            cs.push_back(c);
        }
        Data r;
        r.set("cells", cs);
        rows_.push_back(r);
        ++n_;
    }
    Data Build() const {
        Data t;
        t.set("caption", caption_);
        t.set("headers", headers_);
        t.set("rows", rows_);
        t.set("empty", n_ == 0);
        return t;
    }

 private:
    std::string caption_;
    Data headers_{Data::type::list};
    Data rows_{Data::type::list};
    int n_ = 0;
};

Table CountTable(const html::Pages& pages, const Request& req, const std::string& caption,
                 const std::string& key_header, const std::string& count_header,
                 const std::vector<KeyCount>& counts) {
    Table t(caption, {key_header, count_header});
    for (const auto& c : counts)
        t.Row({{Name(req, c.name_vi, c.name_en), false}, {html::Number(req, c.count), true}});
    (void)pages;
    return t;
}

Table LevelTable(const html::Pages& pages, const Request& req,
                 const std::vector<LevelRow>& levels) {
    Table t(
        T(pages, req, "rep_delegations_caption"),
        {T(pages, req, "rep_level"), T(pages, req, "rep_outbound"), T(pages, req, "rep_inbound")});
    for (const auto& l : levels) {
        t.Row({{Name(req, l.name_vi, l.name_en), false},
               {html::Number(req, l.outbound), true},
               {html::Number(req, l.inbound), true}});
    }
    return t;
}

Table ResultsTable(const html::Pages& pages, const Request& req, const AgreementCounts& a) {
    Table t(T(pages, req, "rep_results_caption"),
            {T(pages, req, "rep_year"), T(pages, req, "rep_with_results"),
             T(pages, req, "rep_without_results"), T(pages, req, "rep_total")});
    for (const auto& y : a.by_year) {
        t.Row({{std::to_string(y.year), false},
               {html::Number(req, y.with_results), true},
               {html::Number(req, y.without_results), true},
               {html::Number(req, y.with_results + y.without_results), true}});
    }
    t.Row({{T(pages, req, "rep_total"), false},
           {html::Number(req, a.with_results), true},
           {html::Number(req, a.signed_count - a.with_results), true},
           {html::Number(req, a.signed_count), true}});
    return t;
}

Data GenerationOptions(const html::Pages& pages, const Request& req, int selected) {
    Data out(Data::type::list);
    for (int g : {2, 1}) {
        Data o;
        o.set("value", std::to_string(g));
        o.set("label", T(pages, req, g == 1 ? "rep_generation_1" : "rep_generation_2"));
        o.set("selected", g == selected);
        out.push_back(o);
    }
    return out;
}

Data UnitOptions(ReportService& service, const Request& req, std::optional<std::int64_t> selected) {
    Data out(Data::type::list);
    for (int g : {2, 1}) {
        for (const auto& u : service.UnitsOf(g)) {
            Data o;
            o.set("value", std::to_string(u.id));
            std::string label = Name(req, u.name_vi, u.name_en);
            if (g == 1)
                label += En(req) ? " (until 30/06/2025)" : " (đến 30/06/2025)";
            o.set("label", label);
            o.set("selected", selected && *selected == u.id);
            out.push_back(o);
        }
    }
    return out;
}

std::string Raw(const Request& req, std::string_view name) {
    return std::string(req.Query(name).value_or(""));
}

void SetError(Data& view, const Error& e) {
    view.set("has_error", true);
    view.set("error_field", e.field);
    view.set("error_vi", e.message_vi);
    view.set("error_en", e.message_en);
}

// The tile map: each tile with its grid classes and colour class, the legend's buckets.
void AddTiles(Data& view, const html::Pages& pages, const Request& req, const Dashboard& d) {
    std::vector<std::int64_t> values;
    for (const auto& t : d.tiles) {
        if (t.value_milli)
            values.push_back(*t.value_milli);
    }
    std::sort(values.begin(), values.end());
    // Bucket bounds: the quantiles of the values present.
    std::vector<std::int64_t> upper;
    for (int b = 1; b <= kBuckets && !values.empty(); ++b) {
        std::size_t i =
            std::min(values.size() - 1,
                     values.size() * b / kBuckets - (values.size() * b % kBuckets == 0 ? 1 : 0));
        upper.push_back(values[i]);
    }
    auto bucket = [&upper](std::int64_t v) {
        for (std::size_t i = 0; i < upper.size(); ++i) {
            if (v <= upper[i])
                return static_cast<int>(i) + 1;
        }
        return static_cast<int>(upper.size());
    };
    Data tiles(Data::type::list);
    for (const auto& t : d.tiles) {
        if (t.unit.row < 0)
            continue;
        Data tile;
        tile.set("classes", "r" + std::to_string(t.unit.row) + " c" + std::to_string(t.unit.col) +
                                " q" + std::to_string(t.value_milli ? bucket(*t.value_milli) : 0) +
                                (d.unit && d.unit->id == t.unit.id ? " selected" : ""));
        tile.set("label", t.unit.short_name_vi);
        tile.set("name", Name(req, t.unit.name_vi, t.unit.name_en));
        tile.set("value", Value(req, t.value_milli, d.indicator));
        tile.set("href", "/dashboard/province/" + std::to_string(t.unit.id));
        tiles.push_back(tile);
    }
    view.set("tiles", tiles);
    Data markers(Data::type::list);
    for (const auto& m : d.markers) {
        Data mk;
        mk.set("classes", "r" + std::to_string(m.row) + " c" + std::to_string(m.col));
        mk.set("name", Name(req, m.name_vi, m.name_en));
        markers.push_back(mk);
    }
    view.set("markers", markers);
    Data legend(Data::type::list);
    std::int64_t lower = values.empty() ? 0 : values.front();
    for (std::size_t i = 0; i < upper.size(); ++i) {
        if (i > 0 && upper[i] == upper[i - 1])
            continue;
        Data l;
        l.set("class", "q" + std::to_string(i + 1));
        l.set("label", Value(req, lower, d.indicator) + " – " + Value(req, upper[i], d.indicator));
        legend.push_back(l);
        lower = upper[i];
    }
    Data none;
    none.set("class", "q0");
    none.set("label", T(pages, req, "rep_no_value"));
    legend.push_back(none);
    view.set("legend", legend);
}

std::string IndicatorLabel(const Request& req, const std::optional<FigureDef>& def) {
    if (!def)
        return "";
    std::string unit = UnitName(def->unit, En(req));
    return Name(req, def->name_vi, def->name_en) + (unit.empty() ? "" : " (" + unit + ")");
}

Response DashboardPage(ReportService& service, const html::Pages& pages, Request& req,
                       bool province) {
    Data view;
    std::optional<std::int64_t> path_unit;
    if (province) {
        auto id = http::ParseIdParam(req, "id");
        if (!id)
            return pages.Error(req, id.error());
        if (!service.FindUnit(*id))
            return pages.Status(req, 404);
        path_unit = *id;
    } else if (auto p = req.Query("province"); p && !p->empty()) {
        auto id = http::ParseIntParam(req, "province", 1, 999999);
        if (id && *id && service.FindUnit(**id)) {
            std::string target = html::WithQuery(req, {{"province", ""}});
            std::string query = target.substr(std::min(target.size(), target.find('?')));
            return Response::Redirect("/dashboard/province/" + std::to_string(**id) + query);
        }
    }
    view.set("from_year", Raw(req, "from_year"));
    view.set("to_year", Raw(req, "to_year"));
    view.set("generation_options",
             GenerationOptions(pages, req, Raw(req, "generation") == "1" ? 1 : 2));
    view.set("unit_options", UnitOptions(service, req, path_unit));
    view.set("is_province", province);
    view.set("title", T(pages, req, "rep_dashboard_title"));
    auto fail = [&](const Error& e) {
        SetError(view, e);
        return pages.Render(req, "reports/dashboard", "dashboard", std::move(view),
                            http::HttpStatus(e.code));
    };
    auto format = detail::ParseFormat(req, false);
    if (!format)
        return fail(format.error());
    auto filter = detail::ParseDashboard(req, service, path_unit);
    if (!filter)
        return fail(filter.error());
    auto result = service.GetDashboard(*req.actor, *filter);
    if (!result)
        return fail(result.error());
    const Dashboard& d = *result;
    if (*format == detail::Format::kXlsx)
        return Response::Download(DashboardXlsx(d), kXlsxMime,
                                  detail::DashboardFileName(d, "xlsx"));
    bool en = En(req);
    view.set("from_year", std::to_string(d.request.from_year));
    view.set("to_year", std::to_string(d.request.to_year));
    if (d.unit) {
        view.set("title", T(pages, req, "rep_dashboard_title") + " · " +
                              Name(req, d.unit->name_vi, d.unit->name_en));
        view.set("province_name", Name(req, d.unit->name_vi, d.unit->name_en));
    }
    Data indicators(Data::type::list);
    for (const auto& def : d.indicators) {
        Data o;
        o.set("value", def.code);
        o.set("label", IndicatorLabel(req, def));
        o.set("selected", d.indicator && d.indicator->code == def.code);
        indicators.push_back(o);
    }
    view.set("indicator_options", indicators);
    view.set("has_indicator", d.indicator.has_value());
    view.set("indicator_label", IndicatorLabel(req, d.indicator));
    view.set("split_note", d.split_impossible ? SplitNote(en) : std::string());
    view.set("has_split_note", d.split_impossible);
    view.set("xlsx_href", html::WithQuery(req, {{"format", "xlsx"}}));
    view.set("api_href", "/api/v1" + html::WithQuery(req, {{"format", ""}, {"province", ""}}));
    view.set("lang", std::string(html::LangOf(req)));
    view.set("ready", true);

    Table trend(T(pages, req, "rep_trend_caption") + ": " + IndicatorLabel(req, d.indicator),
                {T(pages, req, "rep_year"), IndicatorLabel(req, d.indicator),
                 T(pages, req, "rep_units_reporting")});
    for (const auto& y : d.trend) {
        trend.Row(
            {{std::to_string(y.year), false},
             {Value(req, y.value_milli, d.indicator), true},
             {std::to_string(y.units_reporting) + "/" + std::to_string(y.units_expected), true}});
    }
    view.set("trend_table", trend.Build());

    Table top(T(pages, req, "rep_top_caption") + " " + std::to_string(d.request.to_year),
              {T(pages, req, "rep_province"), IndicatorLabel(req, d.indicator)});
    for (const auto& v : d.top_units) {
        top.Row(
            {{Name(req, v.unit.name_vi, v.unit.name_en) + (v.split_impossible ? " *" : ""), false},
             {Value(req, v.value_milli, d.indicator), true}});
    }
    view.set("top_table", top.Build());

    Table map(T(pages, req, "rep_map_caption") + " " + std::to_string(d.request.to_year),
              {T(pages, req, "rep_province"), IndicatorLabel(req, d.indicator)});
    for (const auto& v : d.tiles) {
        map.Row({{Name(req, v.unit.name_vi, v.unit.name_en), false},
                 {Value(req, v.value_milli, d.indicator), true}});
    }
    view.set("map_table", map.Build());
    AddTiles(view, pages, req, d);
    view.set("map_cols", std::to_string(d.cols));

    view.set("countries_table", CountTable(pages, req, T(pages, req, "rep_countries_caption"),
                                           T(pages, req, "rep_country"),
                                           T(pages, req, "rep_agreements"), d.agreements.by_country)
                                    .Build());
    view.set("fields_table",
             CountTable(pages, req, T(pages, req, "rep_fields_caption"), T(pages, req, "rep_field"),
                        T(pages, req, "rep_agreements"), d.agreements.by_field)
                 .Build());
    view.set("delegations_table", LevelTable(pages, req, d.delegations).Build());
    view.set("results_table", ResultsTable(pages, req, d.agreements).Build());
    return pages.Render(req, "reports/dashboard", "dashboard", std::move(view));
}

Data Paragraphs(const std::vector<std::string>& paragraphs) {
    Data out(Data::type::list);
    for (const auto& p : paragraphs) {
        Data d;
        d.set("text", p);
        out.push_back(d);
    }
    return out;
}

Response ReviewPage(ReportService& service, const html::Pages& pages, Request& req) {
    Data view;
    view.set("title", T(pages, req, "rep_review_title"));
    view.set("from", Raw(req, "from"));
    view.set("to", Raw(req, "to"));
    view.set("compare_year", Raw(req, "compare_year"));
    auto province = http::ParseIntParam(req, "province", 1, 999999);
    view.set("unit_options", UnitOptions(service, req, province ? *province : std::nullopt));
    view.set("generation_options",
             GenerationOptions(pages, req, Raw(req, "generation") == "1" ? 1 : 2));
    view.set(
        "preset_href",
        html::WithQuery(
            req, {{"preset", "since_last_conference"}, {"from", ""}, {"to", ""}, {"format", ""}}));
    auto fail = [&](const Error& e) {
        SetError(view, e);
        return pages.Render(req, "reports/review", "review", std::move(view),
                            http::HttpStatus(e.code));
    };
    auto format = detail::ParseFormat(req, true);
    if (!format)
        return fail(format.error());
    auto filter = detail::ParseReview(req, service, true);
    if (!filter)
        return fail(filter.error());
    auto result = service.GetReview(*req.actor, *filter);
    if (!result)
        return fail(result.error());
    const Review& r = *result;
    if (*format == detail::Format::kXlsx)
        return Response::Download(ReviewXlsx(r), kXlsxMime, detail::ReviewFileName(r, "xlsx"));
    if (*format == detail::Format::kDocx) {
        return Response::Download(ReviewDocx(r, service.Today()), kDocxMime,
                                  detail::ReviewFileName(r, "docx"));
    }
    bool en = En(req);
    view.set("from", r.request.from.ToDisplay());
    view.set("to", r.request.to.ToDisplay());
    view.set("compare_year", std::to_string(r.request.compare_year));
    view.set("generation_options", GenerationOptions(pages, req, r.request.generation));
    view.set("ready", true);
    view.set("subject", T(pages, req, "rep_review_subject") + " " +
                            (r.unit ? Name(req, r.unit->name_vi, r.unit->name_en)
                                    : T(pages, req, "rep_localities")) +
                            " " + PeriodText(r, en));
    view.set("xlsx_href", html::WithQuery(req, {{"format", "xlsx"}}));
    view.set("docx_href", html::WithQuery(req, {{"format", "docx"}}));
    view.set("has_split_note", r.split_impossible);
    view.set("split_note", SplitNote(en));
    view.set("today", service.Today().ToDisplay());

    auto text = ReviewText(r, en);
    const char* numerals[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII"};
    Data sections(Data::type::list);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto& s = text[i];
        Data sec;
        sec.set("key", s.key);
        sec.set("heading", std::string(numerals[i]) + ". " + s.title);
        sec.set("paragraphs", Paragraphs(s.paragraphs));
        Data tables(Data::type::list);
        if (s.key == "visits") {
            Table v(T(pages, req, "rep_visits_caption"),
                    {T(pages, req, "rep_direction"), T(pages, req, "rep_visit"),
                     T(pages, req, "rep_dates"), T(pages, req, "rep_province"),
                     T(pages, req, "rep_countries")});
            for (const auto& x : r.visits) {
                std::string countries;
                for (const auto& c : en ? x.countries_en : x.countries_vi)
                    countries += (countries.empty() ? "" : ", ") + c;
                v.Row({{T(pages, req, x.direction == "outbound" ? "rep_outbound" : "rep_inbound"),
                        false},
                       {x.title, false},
                       {x.starts_on.ToDisplay() + " – " + x.ends_on.ToDisplay(), false},
                       {Name(req, x.unit_name_vi, x.unit_name_en), false},
                       {countries, false}});
            }
            tables.push_back(v.Build());
            tables.push_back(LevelTable(pages, req, r.delegations).Build());
        } else if (s.key == "agreements") {
            tables.push_back(CountTable(pages, req, T(pages, req, "rep_countries_caption"),
                                        T(pages, req, "rep_country"),
                                        T(pages, req, "rep_agreements"), r.agreements.by_country)
                                 .Build());
            tables.push_back(CountTable(pages, req, T(pages, req, "rep_fields_caption"),
                                        T(pages, req, "rep_field"), T(pages, req, "rep_agreements"),
                                        r.agreements.by_field)
                                 .Build());
            if (!r.unit) {
                tables.push_back(CountTable(pages, req, T(pages, req, "rep_provinces_caption"),
                                            T(pages, req, "rep_province"),
                                            T(pages, req, "rep_agreements"), r.agreements.by_unit)
                                     .Build());
            }
            tables.push_back(ResultsTable(pages, req, r.agreements).Build());
        } else if (s.key == "events") {
            tables.push_back(CountTable(pages, req, T(pages, req, "rep_event_types_caption"),
                                        T(pages, req, "rep_event_type"),
                                        T(pages, req, "rep_events"), r.events.by_type)
                                 .Build());
            tables.push_back(CountTable(pages, req, T(pages, req, "rep_event_provinces_caption"),
                                        T(pages, req, "rep_province"), T(pages, req, "rep_events"),
                                        r.events.international_by_unit)
                                 .Build());
        } else if (s.key == "economy") {
            const Economy& e = r.economy;
            Table y(T(pages, req, "rep_economy_caption"),
                    {T(pages, req, "rep_year"), IndicatorLabel(req, e.exports_def),
                     IndicatorLabel(req, e.imports_def), T(pages, req, "rep_trade"),
                     IndicatorLabel(req, e.fdi_def), T(pages, req, "rep_fdi_growth")});
            for (const auto& ey : e.years) {
                std::string g = "—";
                if (ey.fdi_growth_permille)
                    g = FormatMilli(*ey.fdi_growth_permille * 100, 1, en) + "%";
                y.Row({{std::to_string(ey.year), false},
                       {Value(req, ey.exports, e.exports_def), true},
                       {Value(req, ey.imports, e.imports_def), true},
                       {Value(req, ey.trade, e.exports_def), true},
                       {Value(req, ey.fdi, e.fdi_def), true},
                       {g, true}});
            }
            tables.push_back(y.Build());
            Table t(T(pages, req, "rep_exporters_caption") + " " + std::to_string(e.last_year),
                    {T(pages, req, "rep_province"), IndicatorLabel(req, e.exports_def)});
            for (const auto& x : e.top_exporters) {
                t.Row({{Name(req, x.unit.name_vi, x.unit.name_en), false},
                       {Value(req, x.value_milli, e.exports_def), true}});
            }
            t.Row(
                {{T(pages, req, "rep_whole_country") + " " + std::to_string(e.compare_year), false},
                 {Value(req, e.compare_exports, e.exports_def), true}});
            tables.push_back(t.Build());
        } else if (s.key == "awards") {
            Table a(T(pages, req, "rep_awards_caption"),
                    {T(pages, req, "rep_date"), T(pages, req, "rep_event"),
                     T(pages, req, "rep_award_kind"), T(pages, req, "rep_recipient")});
            for (const auto& x : r.awards) {
                std::string who = x.recipient;
                std::string unit = Name(req, x.recipient_unit_vi, x.recipient_unit_en);
                if (!unit.empty())
                    who += " (" + unit + ")";
                a.Row({{x.event_on.ToDisplay(), false},
                       {x.event_title, false},
                       {Name(req, NameVi(events::AwardKinds(), x.kind),
                             NameEn(events::AwardKinds(), x.kind)),
                        false},
                       {who, false}});
            }
            tables.push_back(a.Build());
        }
        sec.set("tables", tables);
        sections.push_back(sec);
    }
    view.set("sections", sections);
    return pages.Render(req, "reports/review", "review", std::move(view));
}

}  // namespace

void detail::RegisterReportPages(http::Router& router, ReportService& service,
                                 const html::Pages& pages) {
    router.Add(
        {"GET", "/dashboard", Access::kAuthenticated, "The national dashboard (or ?format=xlsx)",
         [&service, &pages](Request& req) { return DashboardPage(service, pages, req, false); }});
    router.Add({"GET", "/dashboard/province/{id}", Access::kAuthenticated,
                "One province's dashboard (or ?format=xlsx)", [&service, &pages](Request& req) {
                    return DashboardPage(service, pages, req, true);
                }});
    router.Add({"GET", "/reports/review", Access::kAuthenticated,
                "The national review report (page, ?format=xlsx, ?format=docx)",
                [&service, &pages](Request& req) { return ReviewPage(service, pages, req); }});
}

}  // namespace ngoaivu::reports
