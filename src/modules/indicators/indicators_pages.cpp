#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include "base/field_problems.hpp"
#include "html/list_view.hpp"
#include "http/error_status.hpp"
#include "http/json.hpp"
#include "modules/indicators/indicators_routes.hpp"

namespace ngoaivu::indicators {

namespace {

using html::Data;
using http::Access;
using http::Request;
using http::Response;

constexpr const char* kNav = "indicators";

bool En(const Request& req) {
    return html::LangOf(req) == "en";
}

std::string Lang(const Request& req) {
    return std::string(html::LangOf(req));
}

// Puts the main message and every field problem of `e` in the view: error, and error_<field>
// with the dots of a field name turned into underscores.
void AddErrors(Data& view, const Request& req, const Error& e) {
    bool en = En(req);
    view.set("error", en ? e.message_en : e.message_vi);
    for (const auto& f : e.fields) {
        std::string key = f.field;
        for (char& c : key) {
            if (c == '.')
                c = '_';
        }
        view.set("error_" + key, en ? f.message_en : f.message_vi);
    }
    if (e.fields.empty() && !e.field.empty()) {
        std::string key = e.field;
        for (char& c : key) {
            if (c == '.')
                c = '_';
        }
        view.set("error_" + key, en ? e.message_en : e.message_vi);
    }
}

// The options of a closed list, with `selected` marked.
Data Options(const Request& req, const std::vector<Code>& list, std::string_view selected) {
    Data out(Data::type::list);
    for (const auto& c : list) {
        Data o;
        o.set("code", std::string(c.code));
        o.set("name", std::string(En(req) ? c.en : c.vi));
        o.set("selected", c.code == selected);
        out.push_back(o);
    }
    return out;
}

std::string NameOf(const Request& req, const std::vector<Code>& list, std::string_view code) {
    return En(req) ? NameEn(list, code) : NameVi(list, code);
}

std::string RoundTitle(const Request& req, const Round& r) {
    auto p = EnumOf(Periodicities(), r.periodicity, Periodicity::kYear);
    return PeriodName(p.value_or(Periodicity::kYear), r.year, r.number, Lang(req));
}

std::string UnitName(const Request& req, const UnitInfo& u) {
    return En(req) ? u.name_en : u.name_vi;
}

// --- Definitions ------------------------------------------------------------------------------

Response ListPage(IndicatorService& service, const html::Pages& pages, const Request& req) {
    auto list = service.ListIndicators(*req.actor, false);
    if (!list)
        return pages.Error(req, list.error());
    Data rows(Data::type::list);
    for (const auto& i : *list) {
        const IndicatorFields& f = i.fields;
        Data row;
        row.set("code", f.code);
        row.set("name", En(req) ? f.name_en : f.name_vi);
        row.set("unit", NameOf(req, Units(), f.unit));
        row.set("aggregation", NameOf(req, Aggregations(), f.aggregation));
        row.set("periodicity", NameOf(req, Periodicities(), f.periodicity));
        row.set("source", f.source == "counted" ? NameOf(req, CountedKeys(), f.counted_from)
                                                : NameOf(req, Sources(), f.source));
        row.set("required", f.required);
        row.set("inactive", !f.active);
        row.set("edit_href", "/indicators/" + f.code + "/edit");
        rows.push_back(row);
    }
    Data view;
    view.set("indicators", rows);
    view.set("can_edit", req.actor->IsAdmin());
    view.set("can_manage_rounds", IndicatorService::CanManageRounds(*req.actor));
    if (req.Query("saved"))
        view.set("saved", std::string(*req.Query("saved")));
    return pages.Render(req, "indicators/list", kNav, view);
}

// What the definition form shows: as stored, or as typed when a save is refused.
struct DefinitionForm {
    IndicatorFields f;
    std::string min_text;
    std::string max_text;
    std::string decimals_text = "0";
    std::string sort_text = "0";
    std::int64_t version = 0;
};

DefinitionForm FormOf(const Request& req, const Indicator& i) {
    DefinitionForm d;
    d.f = i.fields;
    if (i.fields.min_milli)
        d.min_text = FormatMilli(*i.fields.min_milli, 3, Lang(req));
    if (i.fields.max_milli)
        d.max_text = FormatMilli(*i.fields.max_milli, 3, Lang(req));
    d.min_text = d.min_text.empty() ? "" : PlainMilli(*i.fields.min_milli);
    d.max_text = d.max_text.empty() ? "" : PlainMilli(*i.fields.max_milli);
    d.decimals_text = std::to_string(i.fields.decimals);
    d.sort_text = std::to_string(i.fields.sort_order);
    d.version = i.version;
    return d;
}

Response FormPage(const html::Pages& pages, const Request& req, const DefinitionForm& d,
                  bool is_new, Data view, int status = 200) {
    const IndicatorFields& f = d.f;
    view.set("is_new", is_new);
    view.set("action", is_new ? std::string("/indicators") : "/indicators/" + f.code + "/edit");
    view.set("code", f.code);
    view.set("name_vi", f.name_vi);
    view.set("name_en", f.name_en);
    view.set("units", Options(req, Units(), f.unit));
    view.set("aggregations", Options(req, Aggregations(), f.aggregation));
    view.set("periodicities", Options(req, Periodicities(), f.periodicity));
    view.set("sources", Options(req, Sources(), f.source));
    Data counted = Options(req, CountedKeys(), f.counted_from);
    view.set("counted_keys", counted);
    view.set("decimals", d.decimals_text);
    view.set("min", d.min_text);
    view.set("max", d.max_text);
    view.set("required", f.required);
    view.set("active", f.active);
    view.set("description_vi", f.description_vi);
    view.set("description_en", f.description_en);
    view.set("sort_order", d.sort_text);
    view.set("version", std::to_string(d.version));
    return pages.Render(req, "indicators/form", kNav, view, status);
}

// Reads the posted form; number problems are added to `problems`.
DefinitionForm ReadForm(const Request& req, FieldProblems& problems) {
    DefinitionForm d;
    IndicatorFields& f = d.f;
    f.code = req.Form("code");
    f.name_vi = req.Form("name_vi");
    f.name_en = req.Form("name_en");
    f.unit = req.Form("unit");
    f.aggregation = req.Form("aggregation");
    f.periodicity = req.Form("periodicity");
    f.source = req.Form("source");
    f.counted_from = f.source == "counted" ? req.Form("counted_from") : "";
    f.required = !req.Form("required").empty();
    f.active = !req.Form("active").empty();
    f.description_vi = req.Form("description_vi");
    f.description_en = req.Form("description_en");
    d.decimals_text = req.Form("decimals");
    d.sort_text = req.Form("sort_order");
    d.min_text = req.Form("min");
    d.max_text = req.Form("max");
    auto whole = [&](const std::string& text, const char* field, int max, const char* vi,
                     const char* en) {
        auto v = http::ParseWholeNumber(text);
        if (!v || *v < 0 || *v > max) {
            problems.Add(field, vi, en);
            return 0;
        }
        return static_cast<int>(*v);
    };
    f.decimals = whole(d.decimals_text, "decimals", 3, "Số chữ số thập phân phải từ 0 đến 3.",
                       "The number of decimals must be from 0 to 3.");
    f.sort_order =
        d.sort_text.empty()
            ? 0
            : whole(d.sort_text, "sort_order", 100000, "Thứ tự phải là số nguyên từ 0 đến 100000.",
                    "The sort order must be a whole number from 0 to 100000.");
    for (auto [text, field, target] :
         {std::tuple{&d.min_text, "min", &f.min_milli}, {&d.max_text, "max", &f.max_milli}}) {
        if (text->empty())
            continue;
        auto v = ParseMilli(*text, Lang(req));
        if (!v) {
            problems.Add(field, "Giới hạn phải là một số, ví dụ 1.234,5.",
                         "The limit must be a number, for example 1,234.5.");
        } else {
            *target = v;
        }
    }
    auto version = http::ParseWholeNumber(req.Form("version"));
    d.version = version.value_or(0);
    return d;
}

Response SaveDefinition(IndicatorService& service, const html::Pages& pages, const Request& req,
                        bool is_new) {
    FieldProblems problems;
    DefinitionForm d = ReadForm(req, problems);
    if (!is_new)
        d.f.code = req.Param("code");
    Data view;
    if (!problems.empty()) {
        // The other fields' problems too, so that the form shows them all at once.
        Error e = problems.ToError();
        IndicatorFields copy = d.f;
        if (auto checked = CheckDefinition(copy); !checked) {
            for (const auto& f : checked.error().fields) {
                bool known = std::any_of(e.fields.begin(), e.fields.end(),
                                         [&](const FieldError& x) { return x.field == f.field; });
                if (!known)
                    e.fields.push_back(f);
            }
        }
        AddErrors(view, req, e);
        return FormPage(pages, req, d, is_new, view, 400);
    }
    auto saved = is_new ? service.CreateIndicator(*req.actor, d.f)
                        : service.UpdateIndicator(*req.actor, d.f.code, d.version, d.f);
    if (!saved) {
        if (saved.error().code == ErrorCode::kNotFound ||
            saved.error().code == ErrorCode::kPermissionDenied)
            return pages.Error(req, saved.error());
        AddErrors(view, req, saved.error());
        if (saved.error().field == "version") {
            if (auto current = service.GetIndicator(*req.actor, d.f.code))
                d.version = current->version;
        }
        return FormPage(pages, req, d, is_new, view, http::HttpStatus(saved.error().code));
    }
    return Response::Redirect("/indicators?saved=" + saved->fields.code);
}

// --- Rounds -----------------------------------------------------------------------------------

struct RoundForm {
    std::string periodicity = "year";
    std::string year;
    std::string number = "1";
    std::string due_on;
    std::string note;
};

Response RoundsPage(IndicatorService& service, const html::Pages& pages, const Request& req,
                    Data view, const RoundForm& form, int status = 200) {
    auto paging = http::ParsePaging(req, 50);
    if (!paging)
        return pages.Error(req, paging.error());
    auto rounds = service.ListRounds(*req.actor, *paging);
    if (!rounds)
        return pages.Error(req, rounds.error());
    Data rows(Data::type::list);
    for (const auto& r : rounds->items) {
        Data row;
        row.set("id", std::to_string(r.id));
        row.set("title", RoundTitle(req, r));
        row.set("href", "/indicators/rounds/" + std::to_string(r.id));
        row.set("periodicity", NameOf(req, Periodicities(), r.periodicity));
        row.set("due_on", r.due_on.ToDisplay());
        row.set("due_iso", r.due_on.ToIso());
        row.set("generation", r.generation == 1 ? std::string("63") : std::string("34"));
        row.set("submitted", html::Number(req, r.submitted));
        row.set("approved", html::Number(req, r.approved));
        rows.push_back(row);
    }
    view.set("rounds", rows);
    view.set("has_rounds", !rounds->items.empty());
    view.set("pager", html::Pager(req, *rounds));
    view.set("can_manage", IndicatorService::CanManageRounds(*req.actor));
    view.set("form_periodicities", Options(req, Periodicities(), form.periodicity));
    view.set("form_year", form.year.empty() ? std::to_string(service.Today().year()) : form.year);
    view.set("form_number", form.number);
    view.set("form_due_on", form.due_on);
    view.set("form_note", form.note);
    return pages.Render(req, "indicators/rounds", kNav, view, status);
}

Response CreateRoundPage(IndicatorService& service, const html::Pages& pages, const Request& req) {
    if (!IndicatorService::CanManageRounds(*req.actor))
        return pages.Error(req, service.CreateRound(*req.actor, {}).error());
    RoundForm form{req.Form("periodicity"), req.Form("year"), req.Form("number"),
                   req.Form("due_on"), req.Form("note")};
    RoundFields f;
    f.periodicity = form.periodicity;
    FieldProblems problems;
    auto year = http::ParseWholeNumber(form.year);
    auto number = http::ParseWholeNumber(form.number);
    if (!year || *year < 2000 || *year > 2100)
        problems.Add("year", "Năm phải từ 2000 đến 2100.", "The year must be from 2000 to 2100.");
    if (!number || *number < 1 || *number > 12) {
        problems.Add("number", "Số kỳ không hợp lệ: tháng 1-12, quý 1-4, năm 1.",
                     "The period number is not valid: month 1-12, quarter 1-4, year 1.");
    }
    if (!form.due_on.empty()) {
        f.due_on = Date::ParseIso(form.due_on);
        if (!f.due_on)
            f.due_on = Date::ParseVi(form.due_on);
        if (!f.due_on) {
            problems.Add("due_on", "Hạn gửi phải là ngày dd/mm/yyyy.",
                         "The due date must be a date dd/mm/yyyy.");
        }
    }
    Data view;
    if (!problems.empty()) {
        AddErrors(view, req, problems.ToError());
        return RoundsPage(service, pages, req, view, form, 400);
    }
    f.year = static_cast<int>(*year);
    f.number = static_cast<int>(*number);
    f.note = form.note;
    auto r = service.CreateRound(*req.actor, f);
    if (!r) {
        AddErrors(view, req, r.error());
        return RoundsPage(service, pages, req, view, form, http::HttpStatus(r.error().code));
    }
    return Response::Redirect("/indicators/rounds/" + std::to_string(r->id));
}

Response CompletenessPage(IndicatorService& service, const html::Pages& pages, const Request& req) {
    auto id = http::ParseIdParam(req, "id");
    if (!id)
        return pages.Error(req, id.error());
    auto c = service.GetCompleteness(*req.actor, *id);
    if (!c)
        return pages.Error(req, c.error());
    Data rows(Data::type::list);
    for (const auto& r : c->rows) {
        Data row;
        row.set("unit", UnitName(req, r.unit));
        row.set("unit_id", std::to_string(r.unit.id));
        row.set("href",
                "/indicators/rounds/" + std::to_string(*id) + "/" + std::to_string(r.unit.id));
        row.set("state", r.state);
        row.set("state_name", NameOf(req, CompletenessStates(), r.state));
        row.set("submitted_on", r.submitted_on ? r.submitted_on->ToDisplay() : "");
        rows.push_back(row);
    }
    Data counts(Data::type::list);
    for (const auto& [state, n] : c->counts) {
        Data item;
        item.set("state", state);
        item.set("name", NameOf(req, CompletenessStates(), state));
        item.set("count", html::Number(req, n));
        counts.push_back(item);
    }
    Data indicators(Data::type::list);
    for (const auto& i : c->round.indicators) {
        Data item;
        item.set("code", i.fields.code);
        item.set("name", En(req) ? i.fields.name_en : i.fields.name_vi);
        indicators.push_back(item);
    }
    Data view;
    view.set("title", RoundTitle(req, c->round));
    view.set("due_on", c->round.due_on.ToDisplay());
    view.set("due_iso", c->round.due_on.ToIso());
    view.set("generation", c->round.generation == 1 ? std::string("63") : std::string("34"));
    view.set("rows", rows);
    view.set("counts", counts);
    view.set("indicators", indicators);
    if (!c->round.note.empty())
        view.set("note", c->round.note);
    return pages.Render(req, "indicators/round", kNav, view);
}

// --- The grid -----------------------------------------------------------------------------------

// The typed values of a refused save, by code: value, comment, source.
using Typed = std::map<std::string, std::array<std::string, 3>>;

Response GridPage(const html::Pages& pages, const Request& req, const Grid& g, Data view,
                  const Typed* typed, const Error* error = nullptr, int http_status = 200) {
    // The problems of each cell ("values.exports", "values.exports.comment" ...), joined.
    std::map<std::string, std::string> cell_errors;
    if (error) {
        for (const auto& f : error->fields) {
            if (!f.field.starts_with("values."))
                continue;
            std::string code = f.field.substr(7);
            code = code.substr(0, code.find('.'));
            std::string& m = cell_errors[code];
            m += (m.empty() ? "" : " ") + (En(req) ? f.message_en : f.message_vi);
        }
    }
    std::string base =
        "/indicators/rounds/" + std::to_string(g.round.id) + "/" + std::to_string(g.unit.id);
    Data rows(Data::type::list);
    int r = 0;
    for (const auto& i : g.round.indicators) {
        const IndicatorFields& f = i.fields;
        const ValueCell* cell = nullptr;
        for (const auto& v : g.submission.values) {
            if (v.indicator_id == i.id)
                cell = &v;
        }
        Data row;
        row.set("row", std::to_string(r++));
        row.set("code", f.code);
        row.set("name", En(req) ? f.name_en : f.name_vi);
        row.set("unit", NameOf(req, Units(), f.unit));
        row.set("required", f.required);
        row.set("decimals", std::to_string(f.decimals));
        row.set("value", std::string());
        row.set("comment", std::string());
        row.set("source", std::string());
        if (cell_errors.contains(f.code))
            row.set("cell_error", cell_errors[f.code]);
        else
            row.set("cell_error", false);
        if (typed && typed->contains(f.code)) {
            const auto& t = typed->at(f.code);
            row.set("value", t[0]);
            row.set("comment", t[1]);
            row.set("source", t[2]);
        } else if (cell) {
            row.set("value", cell->value_milli
                                 ? FormatMilli(*cell->value_milli, f.decimals, Lang(req))
                                 : std::string());
            row.set("comment", cell->comment);
            row.set("source", cell->source);
        }
        row.set("editable", g.editable);
        rows.push_back(row);
    }
    Data history(Data::type::list);
    for (const auto& h : g.submission.history) {
        Data item;
        item.set("action", h.action == "save" ? std::string(En(req) ? "Saved" : "Lưu số liệu")
                                              : NameOf(req, Actions(), h.action));
        item.set("to_status", NameOf(req, Statuses(), h.to_status));
        if (h.comment.empty())
            item.set("comment", false);
        else
            item.set("comment", h.comment);
        item.set("user", h.user_login);
        item.set("at", h.recorded_at.substr(0, 10).size() == 10
                           ? Date::ParseIso(h.recorded_at.substr(0, 10))
                                     .value_or(Date::FromDays(0))
                                     .ToDisplay() +
                                 " " + h.recorded_at.substr(11, 5) + " UTC"
                           : h.recorded_at);
        history.push_back(item);
    }
    Data steps(Data::type::list);
    for (const auto& s : g.steps) {
        Data item;
        item.set("action", s);
        item.set("name", NameOf(req, Actions(), s));
        item.set("needs_comment", s == "return" || s == "reopen");
        steps.push_back(item);
    }
    std::string status = g.submission.status.empty() ? "not_started" : g.submission.status;
    view.set("title", RoundTitle(req, g.round));
    view.set("unit", UnitName(req, g.unit));
    view.set("round_href", "/indicators/rounds/" + std::to_string(g.round.id));
    view.set("action", base);
    view.set("steps_action", base + "/steps");
    view.set("status", status);
    view.set("status_name", status == "not_started" ? NameOf(req, CompletenessStates(), status)
                                                    : NameOf(req, Statuses(), status));
    view.set("comment", g.submission.comment);
    view.set("has_comment", !g.submission.comment.empty() && status == "returned");
    view.set("due_on", g.round.due_on.ToDisplay());
    view.set("version", std::to_string(g.submission.version));
    view.set("rows", rows);
    view.set("editable", g.editable);
    view.set("locked", !g.editable);
    view.set("steps", steps);
    view.set("has_steps", !g.steps.empty());
    view.set("history", history);
    view.set("has_history", !g.submission.history.empty());
    if (g.submission.submitted_on)
        view.set("submitted_on", g.submission.submitted_on->ToDisplay());
    return pages.Render(req, "indicators/grid", kNav, view, http_status);
}

Result<std::pair<std::int64_t, std::int64_t>> RoundAndUnit(const Request& req) {
    auto id = http::ParseIdParam(req, "id");
    if (!id)
        return id.error();
    auto unit = http::ParseIdParam(req, "unit");
    if (!unit)
        return unit.error();
    return std::make_pair(*id, *unit);
}

Response ShowGrid(IndicatorService& service, const html::Pages& pages, const Request& req) {
    auto ids = RoundAndUnit(req);
    if (!ids)
        return pages.Error(req, ids.error());
    auto g = service.GetGrid(*req.actor, ids->first, ids->second);
    if (!g)
        return pages.Error(req, g.error());
    Data view;
    if (auto saved = req.Query("saved"))
        view.set("saved", true);
    if (auto done = req.Query("done"))
        view.set("done", NameOf(req, Actions(), *done));
    return GridPage(pages, req, *g, view, nullptr);
}

Response SaveGridPage(IndicatorService& service, const html::Pages& pages, const Request& req) {
    auto ids = RoundAndUnit(req);
    if (!ids)
        return pages.Error(req, ids.error());
    auto current = service.GetGrid(*req.actor, ids->first, ids->second);
    if (!current)
        return pages.Error(req, current.error());
    SaveGridRequest save;
    save.lang = Lang(req);
    auto version = http::ParseWholeNumber(req.Form("version"));
    save.version = version.value_or(-1);
    Typed typed;
    for (const auto& i : current->round.indicators) {
        const std::string& code = i.fields.code;
        CellInput c{code, req.Form("v." + code), req.Form("c." + code), req.Form("s." + code)};
        typed[code] = {c.value, c.comment, c.source};
        save.cells.push_back(std::move(c));
    }
    auto g = service.SaveGrid(*req.actor, ids->first, ids->second, save);
    if (!g) {
        if (g.error().code == ErrorCode::kNotFound ||
            g.error().code == ErrorCode::kPermissionDenied)
            return pages.Error(req, g.error());
        Data view;
        AddErrors(view, req, g.error());
        return GridPage(pages, req, *current, view, &typed, &g.error(),
                        http::HttpStatus(g.error().code));
    }
    return Response::Redirect(req.path + "?saved=1");
}

Response StepPage(IndicatorService& service, const html::Pages& pages, const Request& req) {
    auto ids = RoundAndUnit(req);
    if (!ids)
        return pages.Error(req, ids.error());
    StepRequest step;
    step.action = req.Form("action");
    step.comment = req.Form("comment");
    if (auto v = http::ParseWholeNumber(req.Form("version")))
        step.version = *v;
    auto g = service.Step(*req.actor, ids->first, ids->second, step);
    std::string base =
        "/indicators/rounds/" + std::to_string(ids->first) + "/" + std::to_string(ids->second);
    if (!g) {
        if (g.error().code == ErrorCode::kNotFound ||
            g.error().code == ErrorCode::kPermissionDenied)
            return pages.Error(req, g.error());
        auto current = service.GetGrid(*req.actor, ids->first, ids->second);
        if (!current)
            return pages.Error(req, current.error());
        Data view;
        AddErrors(view, req, g.error());
        view.set("step_comment", step.comment);
        return GridPage(pages, req, *current, view, nullptr, &g.error(),
                        http::HttpStatus(g.error().code));
    }
    return Response::Redirect(base + "?done=" + step.action);
}

}  // namespace

void RegisterIndicatorPages(http::Router& router, IndicatorService& service,
                            const html::Pages& pages) {
    router.Add({"GET", "/indicators", Access::kAuthenticated, "Indicator definitions",
                [&service, &pages](Request& req) { return ListPage(service, pages, req); }});
    router.Add({"GET", "/indicators/new", Access::kAdmin, "The form for a new indicator",
                [&pages](Request& req) {
                    DefinitionForm d;
                    d.f.unit = "count";
                    d.f.aggregation = "sum";
                    d.f.periodicity = "year";
                    d.f.source = "entered";
                    return FormPage(pages, req, d, true, Data());
                }});
    router.Add(
        {"POST", "/indicators", Access::kAdmin, "Add an indicator (form)",
         [&service, &pages](Request& req) { return SaveDefinition(service, pages, req, true); }});
    router.Add({"GET", "/indicators/{code}/edit", Access::kAdmin, "The form of an indicator",
                [&service, &pages](Request& req) {
                    auto i = service.GetIndicator(*req.actor, req.Param("code"));
                    if (!i)
                        return pages.Error(req, i.error());
                    Data view;
                    view.set("used", i->used);
                    return FormPage(pages, req, FormOf(req, *i), false, view);
                }});
    router.Add(
        {"POST", "/indicators/{code}/edit", Access::kAdmin, "Edit an indicator (form)",
         [&service, &pages](Request& req) { return SaveDefinition(service, pages, req, false); }});
    router.Add({"GET", "/indicators/rounds", Access::kAuthenticated,
                "Reporting rounds, and the form to open one", [&service, &pages](Request& req) {
                    return RoundsPage(service, pages, req, Data(), RoundForm{});
                }});
    router.Add({"POST", "/indicators/rounds", Access::kAuthenticated,
                "Open a reporting round (form; MOFA staff and administrators)",
                [&service, &pages](Request& req) { return CreateRoundPage(service, pages, req); }});
    router.Add(
        {"GET", "/indicators/rounds/{id}", Access::kAuthenticated,
         "A round's completeness: which provinces have reported",
         [&service, &pages](Request& req) { return CompletenessPage(service, pages, req); }});
    router.Add({"GET", "/indicators/rounds/{id}/{unit}", Access::kAuthenticated,
                "A province's data-entry grid in a round",
                [&service, &pages](Request& req) { return ShowGrid(service, pages, req); }});
    router.Add({"POST", "/indicators/rounds/{id}/{unit}", Access::kAuthenticated,
                "Save a province's grid (form)",
                [&service, &pages](Request& req) { return SaveGridPage(service, pages, req); }});
    router.Add({"POST", "/indicators/rounds/{id}/{unit}/steps", Access::kAuthenticated,
                "Submit, approve, return or reopen (form)",
                [&service, &pages](Request& req) { return StepPage(service, pages, req); }});
}

}  // namespace ngoaivu::indicators
