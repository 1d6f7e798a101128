#include <charconv>

#include "base/text.hpp"
#include "html/form_view.hpp"
#include "html/list_view.hpp"
#include "html/pages.hpp"
#include "html/sheet_download.hpp"
#include "http/error_status.hpp"
#include "http/json.hpp"
#include "modules/agreements/agreements_routes.hpp"
#include "office/xlsx_writer.hpp"

namespace ngoaivu::agreements::detail {

namespace {

using html::CodeOptions;
using html::Data;
using html::DateText;
using html::IsEnglish;
using http::Access;
using http::Request;
using http::Response;

std::string Name(const Request& req, const Code* c, std::string_view fallback) {
    if (!c)
        return std::string(fallback);
    return std::string(IsEnglish(req) ? c->en : c->vi);
}

Data UnitOptions(const Request& req, const std::vector<UnitInfo>& units,
                 std::optional<std::int64_t> selected, bool current_only, Date today) {
    Data out(Data::type::list);
    for (const auto& u : units) {
        bool current = !u.valid_to || *u.valid_to >= today;
        if (current_only && !current)
            continue;
        Data o;
        o.set("value", std::to_string(u.id));
        std::string label = IsEnglish(req) ? u.name_en : u.name_vi;
        if (!current)
            label += IsEnglish(req) ? " (until 30/06/2025)" : " (đến 30/06/2025)";
        o.set("label", label);
        o.set("selected", selected && *selected == u.id);
        out.push_back(o);
    }
    return out;
}

Data AgreementRow(const Request& req, const Agreement& a, Date today) {
    Data row;
    row.set("id", std::to_string(a.id));
    row.set("href", "/agreements/" + std::to_string(a.id));
    row.set("title", a.fields.title_vi);
    row.set("title_foreign", a.fields.title_foreign);
    row.set("unit", IsEnglish(req) ? a.unit_name_en : a.unit_name_vi);
    if (a.current_unit_id != a.fields.admin_unit_id)
        row.set("current_unit", IsEnglish(req) ? a.current_unit_name_en : a.current_unit_name_vi);
    std::string partners;
    for (const auto& p : a.partners) {
        if (!partners.empty())
            partners += "; ";
        partners += IsEnglish(req) && !p.name_en.empty() ? p.name_en : p.name_vi;
    }
    row.set("partners", partners);
    row.set("status", Name(req, FindCode(Statuses(), StatusCode(a.status)), ""));
    row.set("status_code", std::string(StatusCode(a.status)));
    row.set("signed_on", DateText(a.signed_on));
    row.set("next_due_on", DateText(a.next_due_on));
    row.set("overdue", a.next_due_on && *a.next_due_on < today);
    row.set("has_result", a.has_result);
    return row;
}

// Puts an error's message, and each field's message as error_<field>, into `view`.
void SetError(Data& view, const Request& req, const Error& e) {
    view.set("error", IsEnglish(req) ? e.message_en : e.message_vi);
    for (const auto& f : e.fields)
        view.set("error_" + f.field, IsEnglish(req) ? f.message_en : f.message_vi);
}

std::optional<Date> FormDate(const Request& req, const std::string& name, Data& view, bool* bad) {
    std::string raw = req.Form(name);
    if (raw.empty())
        return std::nullopt;
    auto d = Date::ParseVi(raw);
    if (!d)
        d = Date::ParseIso(raw);
    if (!d) {
        *bad = true;
        view.set("error_" + name, IsEnglish(req) ? "Not a date: write dd/mm/yyyy."
                                                 : "Không phải ngày: hãy viết dd/mm/yyyy.");
    }
    return d;
}

Error BadDates() {
    return Error::InvalidArgument("date", "Có ngày không hợp lệ: hãy viết dd/mm/yyyy.",
                                  "A date is not valid: write dd/mm/yyyy.");
}

AgreementFields FieldsFromForm(const Request& req) {
    AgreementFields f;
    f.title_vi = req.Form("title_vi");
    f.title_foreign = req.Form("title_foreign");
    f.form = req.Form("form");
    f.party_kind = req.Form("party_kind");
    f.party_name = req.Form("party_name");
    f.admin_unit_id = http::ParseWholeNumber(req.Form("admin_unit_id")).value_or(0);
    f.procedure = req.Form("procedure");
    f.shortened_reason = req.Form("shortened_reason");
    std::string langs = req.Form("languages");
    std::string cur;
    for (char c : langs + ",") {
        if (c == ',' || c == ' ') {
            if (!cur.empty())
                f.languages.push_back(cur);
            cur.clear();
        } else {
            cur.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        }
    }
    for (const auto& p : req.FormValues("partner_ids")) {
        if (auto id = http::ParseWholeNumber(p))
            f.partner_ids.push_back(*id);
    }
    f.fields = req.FormValues("fields");
    f.content = req.Form("content");
    if (auto t = http::ParseWholeNumber(req.Form("term_months")))
        f.term_months = static_cast<int>(std::clamp<std::int64_t>(*t, -1, 100000));
    f.renewal = req.Form("renewal");
    f.publication = req.Form("publication");
    if (f.publication.empty())
        f.publication = "public";
    f.archive_location = req.Form("archive_location");
    f.inherited_from = req.Form("inherited_from");
    f.portal_url = req.Form("portal_url");
    return f;
}

Data FormView(const Request& req, AgreementService& service, const AgreementFields& f) {
    Data view;
    view.set("form_action", std::string("/agreements"));
    auto choices = service.FormChoices();
    Date today = service.Today();
    view.set("title_vi", f.title_vi);
    view.set("title_foreign", f.title_foreign);
    view.set("party_name", f.party_name);
    view.set("shortened_reason", f.shortened_reason);
    std::string langs;
    for (const auto& l : f.languages)
        langs += (langs.empty() ? "" : ", ") + l;
    view.set("languages", langs);
    view.set("agreement_content", f.content);
    view.set("term_months", f.term_months ? std::to_string(*f.term_months) : "");
    view.set("renewal", f.renewal);
    view.set("archive_location", f.archive_location);
    view.set("inherited_from", f.inherited_from);
    view.set("portal_url", f.portal_url);
    view.set("form_options", CodeOptions(req, Forms(), f.form));
    view.set("party_kind_options", CodeOptions(req, PartyKinds(), f.party_kind));
    view.set("publication_options", CodeOptions(req, Publications(), f.publication));
    view.set("shortened", f.procedure == "shortened");
    view.set(
        "unit_options",
        UnitOptions(req, choices.units,
                    f.admin_unit_id ? std::optional<std::int64_t>(f.admin_unit_id) : std::nullopt,
                    false, today));
    Data fields(Data::type::list);
    for (const auto& c : Fields()) {
        Data o;
        o.set("value", std::string(c.code));
        o.set("label", std::string(IsEnglish(req) ? c.en : c.vi));
        o.set("checked", std::find(f.fields.begin(), f.fields.end(), c.code) != f.fields.end());
        fields.push_back(o);
    }
    view.set("field_options", fields);
    Data partners(Data::type::list);
    for (const auto& p : choices.partners) {
        Data o;
        o.set("value", std::to_string(p.id));
        o.set("label", (IsEnglish(req) && !p.name_en.empty() ? p.name_en : p.name_vi) +
                           (p.country_alpha2.empty() ? "" : " (" + p.country_alpha2 + ")"));
        o.set("selected",
              std::find(f.partner_ids.begin(), f.partner_ids.end(), p.id) != f.partner_ids.end());
        partners.push_back(o);
    }
    view.set("partner_options", partners);
    return view;
}

// The edit form with `shown` (the stored fields, or what the user sent back) for `stored`; after
// a lost race, the stored values are listed next to the form and the version moves on to the
// stored one, so that saving again is a deliberate choice.
Response EditPage(AgreementService& service, const html::Pages& pages, const Request& req,
                  const Agreement& stored, const AgreementFields& shown,
                  const std::optional<Error>& error, int status) {
    Data view = FormView(req, service, shown);
    view.set("editing", true);
    view.set("form_action", "/agreements/" + std::to_string(stored.id) + "/edit");
    view.set("version", std::to_string(stored.version));
    if (error) {
        SetError(view, req, *error);
        if (error->code == ErrorCode::kConflict && error->field == "version") {
            view.set("conflict", true);
            Data current(Data::type::list);
            auto add = [&](std::string label, std::string value) {
                html::AddLabelled(current, std::move(label), std::move(value));
            };
            const auto& f = stored.fields;
            add(IsEnglish(req) ? "Title" : "Tên", f.title_vi);
            add(IsEnglish(req) ? "Foreign title" : "Tên tiếng nước ngoài", f.title_foreign);
            add(IsEnglish(req) ? "Vietnamese party" : "Bên ký Việt Nam", f.party_name);
            add(IsEnglish(req) ? "Province" : "Tỉnh, thành phố",
                IsEnglish(req) ? stored.unit_name_en : stored.unit_name_vi);
            std::string partners;
            for (const auto& p : stored.partners)
                partners += (partners.empty() ? "" : "; ") + p.name_vi;
            add(IsEnglish(req) ? "Partners" : "Đối tác", partners);
            std::string fields;
            for (const auto& code : f.fields)
                fields += (fields.empty() ? "" : "; ") + Name(req, FindCode(Fields(), code), code);
            add(IsEnglish(req) ? "Fields" : "Lĩnh vực", fields);
            add(IsEnglish(req) ? "Content" : "Nội dung", f.content);
            add(IsEnglish(req) ? "Last saved" : "Lưu lần cuối", stored.updated_at);
            view.set("current", current);
        }
    }
    return pages.Render(req, "agreements/new", "agreements", std::move(view), status);
}

Response ListPage(AgreementService& service, const html::Pages& pages, Request& req) {
    auto q = ParseListQuery(req);
    if (!q)
        return pages.Error(req, q.error());
    auto page = service.List(*req.actor, q->filter, q->sort, q->page);
    if (!page)
        return pages.Error(req, page.error());
    Date today = service.Today();
    Data rows(Data::type::list);
    for (const auto& a : page->items)
        rows.push_back(AgreementRow(req, a, today));
    Data view;
    view.set("rows", rows);
    view.set("empty", page->items.empty());
    view.set("pager", html::Pager(req, *page));
    const std::string export_base = html::FilteredHref(req, "/agreements/export");
    view.set("export_xlsx", export_base + "format=xlsx");
    view.set("export_csv", export_base + "format=csv");
    const auto& f = q->filter;
    view.set("q", f.q);
    view.set("year", f.year ? std::to_string(*f.year) : "");
    view.set("country", f.country);
    view.set("overdue", f.overdue);
    view.set("without_result", f.without_result);
    view.set("status_options", CodeOptions(req, Statuses(), f.status));
    view.set("field_options", CodeOptions(req, Fields(), f.field));
    auto choices = service.FormChoices();
    view.set("unit_options", UnitOptions(req, choices.units, f.unit_id, false, today));
    Data sorts(Data::type::list);
    for (auto s : {AgreementSort::kSignedDesc, AgreementSort::kSignedAsc, AgreementSort::kTitle,
                   AgreementSort::kProvince, AgreementSort::kDue, AgreementSort::kUpdated}) {
        Data o;
        o.set("value", std::string(SortName(s)));
        o.set("label", std::string(SortName(s)));
        o.set("selected", s == q->sort);
        sorts.push_back(o);
    }
    view.set("sort_options", sorts);
    return pages.Render(req, "agreements/list", "agreements", std::move(view));
}

Data DetailView(const Request& req, const AgreementDetail& d, Date today) {
    const Agreement& a = d.agreement;
    Data view = AgreementRow(req, a, today);
    view.set("version", std::to_string(a.version));
    view.set("form", Name(req, FindCode(Forms(), a.fields.form), a.fields.form));
    view.set("party", Name(req, FindCode(PartyKinds(), a.fields.party_kind), "") + ": " +
                          a.fields.party_name);
    view.set("procedure_shortened", a.fields.procedure == "shortened");
    view.set("shortened_reason", a.fields.shortened_reason);
    std::string fields;
    for (const auto& f : a.fields.fields)
        fields += (fields.empty() ? "" : "; ") + Name(req, FindCode(Fields(), f), f);
    view.set("fields", fields);
    std::string langs;
    for (const auto& l : a.fields.languages)
        langs += (langs.empty() ? "" : ", ") + l;
    view.set("languages", langs);
    view.set("agreement_content", a.fields.content);
    view.set("signed_place", a.signed_place);
    view.set("signatory_vn", a.signatory_vn);
    view.set("signatory_foreign", a.signatory_foreign);
    view.set("decision_ref", a.decision_ref);
    view.set("effective_on", DateText(a.effective_on));
    view.set("expires_on", DateText(a.expires_on));
    view.set("publication",
             Name(req, FindCode(Publications(), a.fields.publication), a.fields.publication));
    view.set("archive_location", a.fields.archive_location);
    view.set("inherited_from", a.fields.inherited_from);
    Data deadlines(Data::type::list);
    for (const auto& dl : d.deadlines) {
        Data row;
        row.set("kind", Name(req, FindCode(DeadlineKinds(), DeadlineKindCode(dl.kind)), ""));
        row.set("body", dl.body);
        row.set("opened_on", dl.opened_on.ToDisplay());
        row.set("due_on", dl.due_on.ToDisplay());
        row.set("closed_on", DateText(dl.closed_on));
        row.set("outcome", Name(req, FindCode(Outcomes(), dl.outcome), dl.outcome));
        row.set("overdue", dl.overdue(today));
        row.set("open", dl.open());
        deadlines.push_back(row);
    }
    view.set("deadlines", deadlines);
    view.set("has_deadlines", !d.deadlines.empty());
    Data events(Data::type::list);
    for (const auto& e : d.events) {
        Data row;
        row.set("action", Name(req, FindCode(Actions(), e.action), e.action));
        row.set("date", e.happened_on.ToDisplay());
        row.set("status", Name(req, FindCode(Statuses(), e.to_status), e.to_status));
        row.set("note", e.note);
        row.set("user", e.user_login);
        events.push_back(row);
    }
    view.set("events", events);
    Data commitments(Data::type::list);
    for (const auto& c : d.commitments) {
        Data row;
        row.set("id", std::to_string(c.id));
        row.set("description", c.description);
        row.set("responsible_unit", c.responsible_unit);
        row.set("due_on", DateText(c.due_on));
        row.set("status", Name(req, FindCode(CommitmentStatuses(), c.status), c.status));
        row.set("overdue", c.overdue(today));
        commitments.push_back(row);
    }
    view.set("commitments", commitments);
    view.set("has_commitments", !d.commitments.empty());
    Data results(Data::type::list);
    for (const auto& r : d.results) {
        Data row;
        row.set("description", r.description);
        row.set("achieved_on", r.achieved_on.ToDisplay());
        std::string figures;
        for (const auto& f : r.figures) {
            figures += (figures.empty() ? "" : "; ") +
                       text::FormatNumber(static_cast<double>(f.amount_centi) / 100.0,
                                          f.amount_centi % 100 == 0 ? 0 : 2,
                                          IsEnglish(req) ? text::Lang::kEn : text::Lang::kVi) +
                       " " + Name(req, FindCode(FigureUnits(), f.unit), f.unit);
        }
        row.set("figures", figures);
        results.push_back(row);
    }
    view.set("results", results);
    view.set("has_results", !d.results.empty());
    view.set("action_options", CodeOptions(req, Actions(), ""));
    view.set("commitment_status_options", CodeOptions(req, CommitmentStatuses(), "open"));
    view.set("unit_options_figures", CodeOptions(req, FigureUnits(), "usd"));
    bool signed_state = a.status == Status::kSigned || a.status == Status::kInForce ||
                        a.status == Status::kSuspended || a.status == Status::kTerminated ||
                        a.status == Status::kExpired;
    view.set("signed_state", signed_state);
    view.set("today", today.ToDisplay());
    return view;
}

Response DetailPage(AgreementService& service, const html::Pages& pages, Request& req,
                    std::int64_t id, std::optional<Error> error = std::nullopt,
                    std::string_view form = "") {
    auto d = service.Get(*req.actor, id);
    if (!d)
        return pages.Error(req, d.error());
    Data view = DetailView(req, *d, service.Today());
    int status = 200;
    if (error) {
        SetError(view, req, *error);
        view.set("error_form_" + std::string(form), true);
        status = http::HttpStatus(error->code);
    }
    return pages.Render(req, "agreements/detail", "agreements", std::move(view), status);
}

}  // namespace

void RegisterAgreementPages(http::Router& router, AgreementService& service,
                            const html::Pages& pages) {
    router.Add({"GET", "/agreements", Access::kAuthenticated, "International agreements",
                [&service, &pages](Request& req) { return ListPage(service, pages, req); }});
    router.Add({"GET", "/agreements/new", Access::kAuthenticated, "New draft agreement form",
                [&service, &pages](Request& req) {
                    AgreementFields f;
                    f.fields = {};
                    Data view = FormView(req, service, f);
                    return pages.Render(req, "agreements/new", "agreements", std::move(view));
                }});
    router.Add({"POST", "/agreements", Access::kAuthenticated, "Create a draft agreement",
                [&service, &pages](Request& req) {
                    AgreementFields f = FieldsFromForm(req);
                    auto created = service.Create(*req.actor, f);
                    if (!created) {
                        Data view = FormView(req, service, f);
                        SetError(view, req, created.error());
                        return pages.Render(req, "agreements/new", "agreements", std::move(view),
                                            http::HttpStatus(created.error().code));
                    }
                    return Response::Redirect("/agreements/" +
                                              std::to_string(created->agreement.id));
                }});
    router.Add({"GET", "/agreements/export", Access::kAuthenticated,
                "The filtered list as XLSX or CSV", [&service, &pages](Request& req) {
                    auto q = ParseListQuery(req);
                    if (!q)
                        return pages.Error(req, q.error());
                    auto rows = service.ExportRows(*req.actor, q->filter, q->sort, 100000);
                    if (!rows)
                        return pages.Error(req, rows.error());
                    Date today = service.Today();
                    return html::SheetDownload(
                        pages, req, ExportSheet(*rows, html::LangOf(req), today),
                        (IsEnglish(req) ? "agreements-" : "thoa-thuan-") + today.ToIso());
                }});
    router.Add({"GET", "/agreements/import/template", Access::kAuthenticated,
                "The import template (XLSX or CSV)", [&pages](Request& req) {
                    return html::SheetDownload(
                        pages, req, TemplateSheet(html::LangOf(req)),
                        IsEnglish(req) ? "agreements-import-template" : "mau-nhap-thoa-thuan");
                }});
    router.Add({"GET", "/agreements/import", Access::kAuthenticated,
                "Import agreements from a spreadsheet", [&pages](Request& req) {
                    Data view;
                    view.set("max_rows", html::Number(req, AgreementService::kMaxImportRows));
                    return pages.Render(req, "agreements/import", "agreements", std::move(view));
                }});
    router.Add({"GET", "/agreements/report", Access::kAuthenticated,
                "The yearly report to MOFA on agreements (A4 page, XLSX)",
                [&service, &pages](Request& req) {
                    Date today = service.Today();
                    auto year = http::ParseIntParam(req, "year", 2008, today.year());
                    if (!year)
                        return pages.Error(req, year.error());
                    auto unit = http::ParseIntParam(req, "province", 2000, 2999);
                    if (!unit)
                        return pages.Error(req, unit.error());
                    Data view;
                    int y = static_cast<int>(year->value_or(today.year()));
                    view.set("year", std::to_string(y));
                    auto choices = service.FormChoices();
                    view.set("unit_options", UnitOptions(req, choices.units, *unit, true, today));
                    if (!*unit) {
                        view.set("choose", true);
                        return pages.Render(req, "agreements/report", "agreements",
                                            std::move(view));
                    }
                    auto report = service.Yearly(*req.actor, **unit, y);
                    if (!report)
                        return pages.Error(req, report.error());
                    if (req.Query("format")) {
                        std::string format(*req.Query("format"));
                        if (format != "xlsx") {
                            return pages.Error(
                                req, Error::InvalidArgument("format", "Định dạng phải là xlsx.",
                                                            "The format must be xlsx."));
                        }
                        return Response::Download(
                            office::WriteXlsx(ReportSheets(*report, html::LangOf(req))),
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            (IsEnglish(req) ? "agreements-report-" : "bao-cao-thoa-thuan-") +
                                std::to_string(y) + ".xlsx");
                    }
                    auto rows = [&](const std::vector<Agreement>& list) {
                        Data out(Data::type::list);
                        int n = 0;
                        for (const auto& a : list) {
                            Data row = AgreementRow(req, a, today);
                            row.set("n", std::to_string(++n));
                            Implementation impl;
                            if (auto it = report->implementation.find(a.id);
                                it != report->implementation.end())
                                impl = it->second;
                            row.set("commitments", std::to_string(impl.commitments));
                            row.set("done", std::to_string(impl.commitments_done));
                            row.set("late", std::to_string(impl.commitments_overdue));
                            row.set("late_any", impl.commitments_overdue > 0);
                            row.set("results", std::to_string(impl.results));
                            row.set("latest_result", impl.latest_result);
                            out.push_back(row);
                        }
                        return out;
                    };
                    int with_results = 0;
                    for (const auto& a : report->signed_in_year)
                        with_results += a.has_result ? 1 : 0;
                    view.set("unit", IsEnglish(req) ? report->unit_name_en : report->unit_name_vi);
                    view.set("due_on", report->due_on.ToDisplay());
                    view.set("today", today.ToDisplay());
                    view.set("signed_count", std::to_string(report->signed_in_year.size()));
                    view.set("with_results", std::to_string(with_results));
                    view.set("in_force_count", std::to_string(report->in_force.size()));
                    view.set("signed_rows", rows(report->signed_in_year));
                    view.set("in_force_rows", rows(report->in_force));
                    view.set("xlsx_href", "/agreements/report?province=" + std::to_string(**unit) +
                                              "&year=" + std::to_string(y) + "&format=xlsx");
                    return pages.Render(req, "agreements/report", "agreements", std::move(view));
                }});
    router.Add({"GET", "/agreements/due", Access::kAuthenticated,
                "Deadlines and commitments due or overdue", [&service, &pages](Request& req) {
                    auto q = http::ParseDueQuery(req, 100, 7);
                    if (!q)
                        return pages.Error(req, q.error());
                    const std::optional<std::int64_t> unit = q->unit_id;
                    const int days = q->within_days;
                    auto due = service.Due(*req.actor, unit, days, q->page);
                    if (!due)
                        return pages.Error(req, due.error());
                    Date today = service.Today();
                    Data rows(Data::type::list);
                    for (const auto& i : due->items) {
                        Data row;
                        row.set("href", "/agreements/" + std::to_string(i.agreement_id));
                        row.set("title", i.agreement_title);
                        row.set("unit", IsEnglish(req) ? i.unit_name_en : i.unit_name_vi);
                        row.set("kind", i.what == "commitment"
                                            ? std::string(IsEnglish(req) ? "Commitment" : "Cam kết")
                                            : Name(req, FindCode(DeadlineKinds(), i.kind), ""));
                        row.set("body", i.body);
                        row.set("due_on", i.due_on.ToDisplay());
                        row.set("overdue", i.due_on < today);
                        rows.push_back(row);
                    }
                    Data view;
                    view.set("rows", rows);
                    view.set("empty", due->items.empty());
                    view.set("within_days", std::to_string(days));
                    view.set("today", today.ToDisplay());
                    auto choices = service.FormChoices();
                    view.set("unit_options", UnitOptions(req, choices.units, unit, true, today));
                    view.set("pager", html::Pager(req, *due));
                    return pages.Render(req, "agreements/due", "agreements_due", std::move(view));
                }});
    router.Add({"GET", "/agreements/{id}", Access::kAuthenticated, "An international agreement",
                [&service, &pages](Request& req) {
                    auto id = http::ParseIdParam(req, "id");
                    if (!id)
                        return pages.Error(req, id.error());
                    return DetailPage(service, pages, req, *id);
                }});
    router.Add({"GET", "/agreements/{id}/edit", Access::kAuthenticated,
                "Edit an agreement's details (form)", [&service, &pages](Request& req) {
                    auto id = http::ParseIdParam(req, "id");
                    if (!id)
                        return pages.Error(req, id.error());
                    auto d = service.Get(*req.actor, *id);
                    if (!d)
                        return pages.Error(req, d.error());
                    return EditPage(service, pages, req, d->agreement, d->agreement.fields,
                                    std::nullopt, 200);
                }});
    router.Add({"POST", "/agreements/{id}/edit", Access::kAuthenticated,
                "Save an agreement's details (form; optimistic locking on version)",
                [&service, &pages](Request& req) {
                    auto id = http::ParseIdParam(req, "id");
                    if (!id)
                        return pages.Error(req, id.error());
                    AgreementFields f = FieldsFromForm(req);
                    auto version = http::ParseWholeNumber(req.Form("version"));
                    if (!version) {
                        return pages.Error(
                            req, Error::InvalidArgument("version", "Thiếu phiên bản của bản ghi.",
                                                        "The record's version is missing."));
                    }
                    auto saved = service.Update(*req.actor, *id, *version, f);
                    if (saved)
                        return Response::Redirect("/agreements/" + std::to_string(*id));
                    auto current = service.Get(*req.actor, *id);
                    if (!current)
                        return pages.Error(req, current.error());
                    return EditPage(service, pages, req, current->agreement, f, saved.error(),
                                    http::HttpStatus(saved.error().code));
                }});
    router.Add({"POST", "/agreements/{id}/steps", Access::kAuthenticated,
                "Record a workflow step (form)", [&service, &pages](Request& req) {
                    auto id = http::ParseIdParam(req, "id");
                    if (!id)
                        return pages.Error(req, id.error());
                    Data ignored;
                    bool bad = false;
                    StepRequest step;
                    step.action = req.Form("action");
                    step.date = FormDate(req, "date", ignored, &bad);
                    std::string bodies = req.Form("bodies");
                    std::string cur;
                    for (char c : bodies + "\n") {
                        if (c == '\n' || c == ';') {
                            step.bodies.push_back(cur);
                            cur.clear();
                        } else if (c != '\r') {
                            cur.push_back(c);
                        }
                    }
                    step.body = req.Form("body");
                    step.outcome = req.Form("outcome");
                    step.note = req.Form("note");
                    step.decision_ref = req.Form("decision_ref");
                    step.signed_place = req.Form("signed_place");
                    step.signatory_vn = req.Form("signatory_vn");
                    step.signatory_foreign = req.Form("signatory_foreign");
                    step.expires_on = FormDate(req, "expires_on", ignored, &bad);
                    if (bad)
                        return DetailPage(service, pages, req, *id, BadDates(), "step");
                    auto version = http::ParseWholeNumber(req.Form("version"));
                    auto done = service.Step(*req.actor, *id, step, version);
                    if (!done)
                        return DetailPage(service, pages, req, *id, done.error(), "step");
                    return Response::Redirect("/agreements/" + std::to_string(*id));
                }});
    router.Add({"POST", "/agreements/{id}/commitments", Access::kAuthenticated,
                "Add a commitment (form)", [&service, &pages](Request& req) {
                    auto id = http::ParseIdParam(req, "id");
                    if (!id)
                        return pages.Error(req, id.error());
                    Data ignored;
                    bool bad = false;
                    CommitmentRequest c;
                    c.description = req.Form("description");
                    c.responsible_unit = req.Form("responsible_unit");
                    c.due_on = FormDate(req, "due_on", ignored, &bad);
                    c.status = req.Form("status");
                    c.done_on = FormDate(req, "done_on", ignored, &bad);
                    if (bad)
                        return DetailPage(service, pages, req, *id, BadDates(), "commitment");
                    auto done = service.AddCommitment(*req.actor, *id, c);
                    if (!done)
                        return DetailPage(service, pages, req, *id, done.error(), "commitment");
                    return Response::Redirect("/agreements/" + std::to_string(*id) +
                                              "#commitments");
                }});
    router.Add(
        {"POST", "/agreements/{id}/results", Access::kAuthenticated, "Add a result (form)",
         [&service, &pages](Request& req) {
             auto id = http::ParseIdParam(req, "id");
             if (!id)
                 return pages.Error(req, id.error());
             Data ignored;
             bool bad = false;
             ResultRequest r;
             r.description = req.Form("description");
             r.achieved_on = FormDate(req, "achieved_on", ignored, &bad);
             std::string amount = req.Form("amount");
             if (!amount.empty()) {
                 double v = 0;
                 auto [end, ec] = std::from_chars(amount.data(), amount.data() + amount.size(), v);
                 if (ec != std::errc() || end != amount.data() + amount.size()) {
                     return DetailPage(service, pages, req, *id,
                                       Error::InvalidArgument("figures", "Số liệu phải là một số.",
                                                              "The figure must be a number."),
                                       "result");
                 }
                 r.figures.push_back({req.Form("unit"), v});
             }
             if (bad)
                 return DetailPage(service, pages, req, *id, BadDates(), "result");
             auto done = service.AddResult(*req.actor, *id, r);
             if (!done)
                 return DetailPage(service, pages, req, *id, done.error(), "result");
             return Response::Redirect("/agreements/" + std::to_string(*id) + "#results");
         }});
}

}  // namespace ngoaivu::agreements::detail
