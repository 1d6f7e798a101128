// The delegations pages: the list with the shared filters, the form (new and edit, with
// optimistic locking), the record with its workflow step forms, the export, the import page and
// its template. Thin handlers over DelegationService; the view data for web/templates/delegations/.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include "base/field_problems.hpp"
#include "base/input.hpp"
#include "base/record_checks.hpp"
#include "base/text.hpp"
#include "html/form_view.hpp"
#include "html/list_view.hpp"
#include "html/pages.hpp"
#include "html/sheet_download.hpp"
#include "http/error_status.hpp"
#include "http/json.hpp"
#include "modules/delegations/delegations_routes.hpp"

namespace ngoaivu::delegations {

namespace {

using html::CodeLabel;
using html::CodeOptions;
using html::Data;
using html::DateText;
using html::FieldKey;
using html::IsEnglish;
using html::NotADate;
using html::ParseFormDate;
using html::UnitOptions;
using html::ValueAt;
using http::Access;
using http::Request;
using http::Response;

// Empty rows the form offers for people, programme entries and follow-ups: enough to fill without
// JavaScript (delegations_form.js adds more).
constexpr std::size_t kMinRows = 5;
constexpr std::size_t kSpareRows = 2;

std::string Id(std::int64_t id) {
    return std::to_string(id);
}

Data PartnerOptions(const Request& req, const std::vector<agreements::PartnerRef>& partners,
                    const std::set<std::string>& selected) {
    Data out(Data::type::list);
    for (const auto& p : partners) {
        Data o;
        o.set("value", Id(p.id));
        o.set("label", (IsEnglish(req) && !p.name_en.empty() ? p.name_en : p.name_vi) +
                           (p.country_alpha2.empty() ? "" : " (" + p.country_alpha2 + ")"));
        o.set("selected", selected.contains(Id(p.id)));
        out.push_back(o);
    }
    return out;
}

std::string PersonText(const Person& p) {
    std::string out = p.name;
    if (!p.title.empty())
        out += " (" + p.title + ")";
    return out;
}

// --- The form -------------------------------------------------------------------------------

// What the form holds, as typed: a refused form shows it back unchanged.
struct PersonInput {
    std::string name;
    std::string title;
    std::string organisation;
    std::string nationality;
    std::string role = "member";
};
struct ItemInput {
    std::string day;
    std::string time;
    std::string place;
    std::string activity;
    std::string partner;
};
struct FormInput {
    std::string title;
    std::string direction = "outbound";
    std::string level = "provincial_leaders";
    std::string unit_id;
    std::vector<std::string> other_unit_ids;
    std::vector<std::string> partner_ids;
    std::string countries;
    std::string purpose;
    std::string starts_on;
    std::string ends_on;
    std::string funding = "state_budget";
    PersonInput head{
        .name = {}, .title = {}, .organisation = {}, .nationality = {}, .role = "head"};
    std::vector<PersonInput> members;
    std::vector<ItemInput> programme;
    std::string report_due_days = std::to_string(kDefaultReportDueDays);
    std::string note;
};

FormInput InputFromRequest(const Request& req) {
    FormInput in;
    in.title = req.Form("title");
    in.direction = req.Form("direction");
    in.level = req.Form("level");
    in.unit_id = req.Form("admin_unit_id");
    in.other_unit_ids = req.FormValues("other_unit_ids");
    in.partner_ids = req.FormValues("partner_ids");
    in.countries = req.Form("countries");
    in.purpose = req.Form("purpose");
    in.starts_on = req.Form("starts_on");
    in.ends_on = req.Form("ends_on");
    in.funding = req.Form("funding");
    in.head = {req.Form("head_name"), req.Form("head_title"), req.Form("head_organisation"),
               req.Form("head_nationality"), "head"};
    {
        auto names = req.FormValues("member_name");
        auto titles = req.FormValues("member_title");
        auto orgs = req.FormValues("member_organisation");
        auto nats = req.FormValues("member_nationality");
        auto roles = req.FormValues("member_role");
        std::size_t n = std::max({names.size(), titles.size(), orgs.size(), nats.size()});
        for (std::size_t i = 0; i < n; ++i) {
            PersonInput p{ValueAt(names, i), ValueAt(titles, i), ValueAt(orgs, i), ValueAt(nats, i),
                          ValueAt(roles, i)};
            if (p.role.empty())
                p.role = "member";
            if (CleanInput(p.name).empty() && CleanInput(p.title).empty() &&
                CleanInput(p.organisation).empty() && CleanInput(p.nationality).empty())
                continue;  // an empty row of the form
            in.members.push_back(std::move(p));
        }
    }
    {
        auto days = req.FormValues("programme_day");
        auto times = req.FormValues("programme_time");
        auto places = req.FormValues("programme_place");
        auto activities = req.FormValues("programme_activity");
        auto partners = req.FormValues("programme_partner");
        std::size_t n = std::max(
            {days.size(), times.size(), places.size(), activities.size(), partners.size()});
        for (std::size_t i = 0; i < n; ++i) {
            ItemInput item{ValueAt(days, i), ValueAt(times, i), ValueAt(places, i),
                           ValueAt(activities, i), ValueAt(partners, i)};
            if (CleanInput(item.day).empty() && CleanInput(item.time).empty() &&
                CleanInput(item.place).empty() && CleanInput(item.activity).empty() &&
                CleanInput(item.partner).empty())
                continue;
            in.programme.push_back(std::move(item));
        }
    }
    in.report_due_days = req.Form("report_due_days");
    in.note = req.Form("note");
    return in;
}

FormInput InputFromRecord(const Delegation& d) {
    const auto& f = d.fields;
    FormInput in;
    in.title = f.title;
    in.direction = f.direction;
    in.level = f.level;
    if (!f.admin_unit_ids.empty())
        in.unit_id = Id(f.admin_unit_ids.front());
    for (std::size_t i = 1; i < f.admin_unit_ids.size(); ++i)
        in.other_unit_ids.push_back(Id(f.admin_unit_ids[i]));
    for (auto p : f.partner_ids)
        in.partner_ids.push_back(Id(p));
    for (const auto& c : f.countries)
        in.countries += (in.countries.empty() ? "" : ", ") + c;
    in.purpose = f.purpose;
    in.starts_on = f.starts_on.ToDisplay();
    in.ends_on = f.ends_on.ToDisplay();
    in.funding = f.funding;
    in.head = {f.head.name, f.head.title, f.head.organisation, f.head.nationality, "head"};
    for (const auto& m : f.members)
        in.members.push_back({m.name, m.title, m.organisation, m.nationality, m.role});
    for (const auto& p : f.programme)
        in.programme.push_back({p.day.ToDisplay(), p.time, p.place, p.activity, p.partner});
    in.report_due_days = std::to_string(f.report_due_days);
    in.note = f.note;
    return in;
}

std::string Upper(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// The fields the form describes; what cannot be read (a date that is not one, a number that is
// not one) goes to `problems`, with a stand-in value in the fields.
DelegationFields FieldsFromInput(const FormInput& in, Date today,
                                 std::vector<FieldError>* problems) {
    DelegationFields f;
    f.title = CleanInput(in.title);
    f.direction = in.direction;
    f.level = in.level;
    f.funding = in.funding;
    if (auto id = http::ParseWholeNumber(text::TrimSpace(in.unit_id))) {
        f.admin_unit_ids.push_back(*id);
    } else if (!CleanInput(in.unit_id).empty()) {
        problems->push_back({"admin_unit_ids", "Hãy chọn tỉnh, thành phố trong danh sách.",
                             "Choose a province from the list."});
    }
    for (const auto& raw : in.other_unit_ids) {
        auto id = http::ParseWholeNumber(raw);
        if (id && std::find(f.admin_unit_ids.begin(), f.admin_unit_ids.end(), *id) ==
                      f.admin_unit_ids.end())
            f.admin_unit_ids.push_back(*id);
    }
    for (const auto& raw : in.partner_ids) {
        if (auto id = http::ParseWholeNumber(raw))
            f.partner_ids.push_back(*id);
    }
    std::string cur;
    for (char c : in.countries + ",") {
        if (c == ',' || c == ';' || c == ' ' || c == '\n' || c == '\r') {
            if (!cur.empty())
                f.countries.push_back(Upper(cur));
            cur.clear();
        } else {
            cur.push_back(c);
        }
    }
    f.purpose = in.purpose;
    f.note = in.note;
    std::tie(f.starts_on, f.ends_on) = html::FormDays(in.starts_on, in.ends_on, today, problems);
    f.head = {CleanInput(in.head.name), CleanInput(in.head.title), CleanInput(in.head.organisation),
              Upper(CleanInput(in.head.nationality)), "head"};
    for (const auto& m : in.members) {
        f.members.push_back({CleanInput(m.name), CleanInput(m.title), CleanInput(m.organisation),
                             Upper(CleanInput(m.nationality)), m.role});
    }
    for (std::size_t i = 0; i < in.programme.size(); ++i) {
        const auto& item = in.programme[i];
        ProgrammeItem p;
        p.day = f.starts_on;
        if (CleanInput(item.day).empty()) {
            problems->push_back({ItemField("programme", i, "day"),
                                 "Mục " + std::to_string(i + 1) + " của chương trình: cần ngày.",
                                 "Programme entry " + std::to_string(i + 1) +
                                     ": the day is "
                                     "required."});
        } else if (auto d = ParseFormDate(item.day)) {
            p.day = *d;
        } else {
            problems->push_back(NotADate(ItemField("programme", i, "day"), item.day));
        }
        p.time = item.time;
        p.place = item.place;
        p.activity = item.activity;
        p.partner = item.partner;
        f.programme.push_back(std::move(p));
    }
    if (auto n = http::ParseWholeNumber(text::TrimSpace(in.report_due_days))) {
        f.report_due_days = static_cast<int>(std::clamp<std::int64_t>(*n, -1, 1000));
    } else {
        problems->push_back({"report_due_days", "Thời hạn báo cáo phải là một số ngày.",
                             "The report period must be a number of days."});
    }
    return f;
}

bool IsDateField(const std::string& field) {
    return field == "starts_on" || field == "ends_on" || field.find(".day") != std::string::npos;
}

// The form's problems and the rules' in one error: what could not be read, then what
// ValidateFields finds in the rest (not again on the fields that could not be read).
Error FormError(std::vector<FieldError> problems, const DelegationFields& f, Date today) {
    return html::FormError(std::move(problems), ValidateFields(f, today), IsDateField);
}

Data PersonRow(const Request& req, const PersonInput& p, const std::string& error) {
    Data row;
    row.set("name", p.name);
    row.set("title", p.title);
    row.set("organisation", p.organisation);
    row.set("nationality", p.nationality);
    row.set("role_options", CodeOptions(req, PersonRoles(), p.role, "head"));
    row.set("error", error);
    row.set("has_error", !error.empty());
    return row;
}

Data FormView(const Request& req, const SheetChoices& choices, const FormInput& in,
              const std::optional<Error>& error, Date today) {
    Data view;
    view.set("form_action", std::string("/delegations"));
    view.set("f_title", in.title);
    view.set("direction_options", CodeOptions(req, Directions(), in.direction));
    view.set("level_options", CodeOptions(req, Levels(), in.level));
    view.set("funding_options", CodeOptions(req, FundingSources(), in.funding));
    view.set("unit_options", UnitOptions(req, choices.units, {in.unit_id}, today));
    view.set("other_unit_options",
             UnitOptions(req, choices.units,
                         std::set<std::string>(in.other_unit_ids.begin(), in.other_unit_ids.end()),
                         today));
    view.set("partner_options",
             PartnerOptions(req, choices.partners,
                            std::set<std::string>(in.partner_ids.begin(), in.partner_ids.end())));
    view.set("countries", in.countries);
    view.set("purpose", in.purpose);
    view.set("starts_on", in.starts_on);
    view.set("ends_on", in.ends_on);
    view.set("head_name", in.head.name);
    view.set("head_title", in.head.title);
    view.set("head_organisation", in.head.organisation);
    view.set("head_nationality", in.head.nationality);
    view.set("report_due_days", in.report_due_days);
    view.set("note", in.note);

    // Errors: each next to its field; those of a repeated row next to that row.
    std::map<std::size_t, std::string> member_errors;
    std::map<std::size_t, std::string> item_errors;
    if (error) {
        view.set("error", IsEnglish(req) ? error->message_en : error->message_vi);
        std::vector<FieldError> fields = error->fields;
        if (fields.empty())
            fields.push_back({error->field, error->message_vi, error->message_en});
        for (const auto& f : fields) {
            const std::string& msg = IsEnglish(req) ? f.message_en : f.message_vi;
            if (auto i = html::RowOf(f.field, "members")) {
                auto& e = member_errors[*i];
                e += (e.empty() ? "" : " ") + msg;
            } else if (auto j = html::RowOf(f.field, "programme")) {
                auto& e = item_errors[*j];
                e += (e.empty() ? "" : " ") + msg;
            } else {
                html::AppendError(view, FieldKey(f.field), msg);
            }
        }
    }
    Data members(Data::type::list);
    for (std::size_t i = 0; i < in.members.size(); ++i)
        members.push_back(PersonRow(req, in.members[i], member_errors[i]));
    for (std::size_t i = 0; i < html::BlankRows(in.members.size(), kMinRows, kSpareRows); ++i)
        members.push_back(PersonRow(req, {}, ""));
    view.set("members", members);
    Data items(Data::type::list);
    auto item_row = [&](const ItemInput& item, const std::string& err) {
        Data row;
        row.set("day", item.day);
        row.set("time", item.time);
        row.set("place", item.place);
        row.set("activity", item.activity);
        row.set("partner", item.partner);
        row.set("error", err);
        row.set("has_error", !err.empty());
        items.push_back(row);
    };
    for (std::size_t i = 0; i < in.programme.size(); ++i)
        item_row(in.programme[i], item_errors[i]);
    for (std::size_t i = 0; i < html::BlankRows(in.programme.size(), kMinRows, kSpareRows); ++i)
        item_row({}, "");
    view.set("programme", items);
    view.set("today", today.ToDisplay());
    return view;
}

// The edit form with `shown` (the stored fields, or what the user sent back) for `stored`; after
// a lost race, the stored values are listed next to the form and the version moves on to the
// stored one, so that saving again is a deliberate choice.
Response EditPage(DelegationService& service, const html::Pages& pages, const Request& req,
                  const Delegation& stored, const FormInput& shown,
                  const std::optional<Error>& error, int status) {
    auto choices = service.FormChoices();
    Data view = FormView(req, choices, shown, error, service.Today());
    view.set("editing", true);
    view.set("id", Id(stored.id));
    view.set("form_action", "/delegations/" + Id(stored.id));
    view.set("version", Id(stored.version));
    if (error && error->code == ErrorCode::kConflict && error->field == "version") {
        view.set("conflict", true);
        Data current(Data::type::list);
        auto add = [&](std::string label, std::string value) {
            html::AddLabelled(current, std::move(label), std::move(value));
        };
        const auto& f = stored.fields;
        add(IsEnglish(req) ? "Title" : "Tên đoàn", f.title);
        add(IsEnglish(req) ? "Province" : "Tỉnh, thành phố",
            IsEnglish(req) ? stored.unit_name_en : stored.unit_name_vi);
        add(IsEnglish(req) ? "Dates" : "Thời gian",
            f.starts_on.ToDisplay() + " – " + f.ends_on.ToDisplay());
        add(IsEnglish(req) ? "Head of delegation" : "Trưởng đoàn", PersonText(f.head));
        std::string members;
        for (const auto& m : f.members)
            members += (members.empty() ? "" : "; ") + PersonText(m);
        add(IsEnglish(req) ? "Members" : "Thành viên", members);
        add(IsEnglish(req) ? "Purpose" : "Mục đích", f.purpose);
        add(IsEnglish(req) ? "Status" : "Trạng thái",
            CodeLabel(req, Statuses(), StatusCode(stored.status)));
        add(IsEnglish(req) ? "Last saved" : "Lưu lần cuối", stored.updated_at);
        view.set("current", current);
    }
    return pages.Render(req, "delegations/form", "delegations", std::move(view), status);
}

// --- The list -------------------------------------------------------------------------------

Data DelegationRow(const Request& req, const Delegation& d, Date today, bool overlaps) {
    const auto& f = d.fields;
    Data row;
    row.set("id", Id(d.id));
    row.set("href", "/delegations/" + Id(d.id));
    row.set("title", f.title);
    row.set("direction", CodeLabel(req, Directions(), f.direction));
    row.set("inbound", f.direction == "inbound");
    row.set("level", CodeLabel(req, Levels(), f.level));
    row.set("unit", IsEnglish(req) ? d.unit_name_en : d.unit_name_vi);
    if (d.current_unit_id != f.admin_unit_ids.front())
        row.set("current_unit", IsEnglish(req) ? d.current_unit_name_en : d.current_unit_name_vi);
    std::string countries;
    for (const auto& c : f.countries)
        countries += (countries.empty() ? "" : ", ") + c;
    row.set("countries", countries);
    row.set("has_countries", !countries.empty());
    row.set("starts_on", f.starts_on.ToDisplay());
    row.set("ends_on", f.ends_on.ToDisplay());
    row.set("head", PersonText(f.head));
    row.set("status", CodeLabel(req, Statuses(), StatusCode(d.status)));
    row.set("status_code", std::string(StatusCode(d.status)));
    row.set("report_due_on", DateText(d.report_due_on));
    row.set("report_pending", d.status == Status::kReturned && d.report_due_on.has_value());
    row.set("overdue", IsReportOverdue(d, today));
    row.set("overlaps", overlaps);
    return row;
}

// The sortable headings: the delegations' sorts are start_desc (default), start, title,
// province and updated (the API's names).
Data SortColumns(const Request& req, DelegationSort current) {
    Data columns;
    auto column = [&](const std::string& key, std::string href_sort, bool active, bool descending) {
        columns.set(key, html::SortHeading(req, std::move(href_sort), active, descending));
    };
    column("start", current == DelegationSort::kStartDesc ? "start" : "start_desc",
           current == DelegationSort::kStartDesc || current == DelegationSort::kStartAsc,
           current == DelegationSort::kStartDesc);
    column("title", "title", current == DelegationSort::kTitle, false);
    column("province", "province", current == DelegationSort::kProvince, false);
    column("updated", "updated", current == DelegationSort::kUpdated, true);
    return columns;
}

Response ListPage(DelegationService& service, const html::Pages& pages, Request& req) {
    auto q = detail::ParseListQuery(req);
    if (!q)
        return pages.Error(req, q.error());
    auto page = service.List(*req.actor, q->filter, q->sort, q->page);
    if (!page)
        return pages.Error(req, page.error());
    const Date today = service.Today();
    const auto flagged = service.WithOverlaps(page->items);
    Data rows(Data::type::list);
    for (const auto& d : page->items)
        rows.push_back(DelegationRow(req, d, today, flagged.contains(d.id)));
    Data view;
    view.set("rows", rows);
    view.set("empty", page->items.empty());
    view.set("pager", html::Pager(req, *page));
    view.set("columns", SortColumns(req, q->sort));
    const std::string export_base = html::FilteredHref(req, "/delegations/export");
    view.set("export_xlsx", export_base + "format=xlsx");
    view.set("export_csv", export_base + "format=csv");
    const auto& f = q->filter;
    view.set("q", f.q);
    view.set("year", f.year ? std::to_string(*f.year) : "");
    view.set("country", f.country);
    view.set("report_overdue", f.report_overdue);
    view.set("direction_options", CodeOptions(req, Directions(), f.direction));
    view.set("level_options", CodeOptions(req, Levels(), f.level));
    view.set("status_options", CodeOptions(req, Statuses(), f.status));
    auto choices = service.FormChoices();
    std::set<std::string> unit;
    if (f.unit_id)
        unit.insert(Id(*f.unit_id));
    view.set("unit_options", UnitOptions(req, choices.units, unit, today));
    return pages.Render(req, "delegations/list", "delegations", std::move(view));
}

// --- The record and its steps ---------------------------------------------------------------

Data StepView(const Request& req, const DelegationView& v, const std::string& action,
              const html::StepShown& shown, const std::vector<AgreementRef>& signed_agreements,
              Date today) {
    const Delegation& d = v.detail.delegation;
    Data s;
    s.set("action", action);
    s.set("label", CodeLabel(req, Actions(), action));
    s.set("is_" + action, true);
    s.set("date", shown.Get(action, "date", today.ToDisplay()));
    s.set("decision_ref", shown.Get(action, "decision_ref", ""));
    s.set("note", shown.Get(action, "note", ""));
    s.set("departed_on", shown.Get(action, "departed_on", d.fields.starts_on.ToDisplay()));
    s.set("show_departed_on", action == "return" && d.status == Status::kApproved);
    s.set("report_summary", shown.Get(action, "report_summary", d.report_summary));
    s.set("has_overlaps", action == "approve" && !v.overlaps.empty());
    if (action == "record_outcomes") {
        const Outcome& o = v.detail.outcome;
        std::set<std::string> chosen;
        if (shown.req && shown.action == action) {
            for (const auto& id : shown.req->FormValues("agreement_ids"))
                chosen.insert(id);
        } else {
            for (auto id : o.agreement_ids)
                chosen.insert(Id(id));
        }
        Data agreements(Data::type::list);
        std::set<std::int64_t> listed;
        auto add = [&](const AgreementRef& a) {
            if (!listed.insert(a.id).second)
                return;
            Data row;
            row.set("id", Id(a.id));
            row.set("title", a.title_vi);
            row.set("signed_on", DateText(a.signed_on));
            row.set("has_signed_on", a.signed_on.has_value());
            row.set("checked", chosen.contains(Id(a.id)));
            agreements.push_back(row);
        };
        for (const auto& a : v.agreements)
            add(a);
        for (const auto& a : signed_agreements)
            add(a);
        s.set("agreement_options", agreements);
        s.set("no_agreements", listed.empty());
        s.set("commitments", shown.Get(action, "commitments", o.commitments));
        Data rows(Data::type::list);
        auto fu_row = [&](std::string desc, std::string resp, std::string due, std::string status,
                          std::string done) {
            Data row;
            row.set("description", std::move(desc));
            row.set("responsible", std::move(resp));
            row.set("due_on", std::move(due));
            row.set("status_options", CodeOptions(req, FollowUpStatuses(), status));
            row.set("done_on", std::move(done));
            rows.push_back(row);
        };
        std::size_t n = 0;
        if (shown.req && shown.action == action) {
            auto descs = shown.req->FormValues("fu_description");
            auto resps = shown.req->FormValues("fu_responsible");
            auto dues = shown.req->FormValues("fu_due_on");
            auto statuses = shown.req->FormValues("fu_status");
            auto dones = shown.req->FormValues("fu_done_on");
            for (std::size_t i = 0; i < descs.size(); ++i) {
                if (CleanInput(ValueAt(descs, i)).empty() &&
                    CleanInput(ValueAt(resps, i)).empty() && CleanInput(ValueAt(dues, i)).empty() &&
                    CleanInput(ValueAt(dones, i)).empty())
                    continue;
                fu_row(ValueAt(descs, i), ValueAt(resps, i), ValueAt(dues, i), ValueAt(statuses, i),
                       ValueAt(dones, i));
                ++n;
            }
        } else {
            for (const auto& u : o.follow_ups) {
                fu_row(u.description, u.responsible, DateText(u.due_on), u.status,
                       DateText(u.done_on));
                ++n;
            }
        }
        for (std::size_t i = 0; i < html::BlankRows(n, 3, kSpareRows); ++i)
            fu_row("", "", "", "open", "");
        s.set("follow_ups", rows);
    }
    return s;
}

Data DetailView(const Request& req, DelegationService& service, const DelegationView& v,
                const html::StepShown& shown, const std::optional<Error>& error) {
    const Date today = service.Today();
    const Delegation& d = v.detail.delegation;
    const auto& f = d.fields;
    const Actor& actor = *req.actor;
    auto choices = service.FormChoices();
    Data view = DelegationRow(req, d, today, !v.overlaps.empty());
    view.set("version", Id(d.version));
    view.set("can_edit", service.CanEdit(actor, d));
    view.set("purpose", f.purpose);
    view.set("funding", CodeLabel(req, FundingSources(), f.funding));
    view.set("note", f.note);
    view.set("report_due_days", std::to_string(f.report_due_days));
    // The other provinces and the partners by name.
    std::string others;
    for (std::size_t i = 1; i < f.admin_unit_ids.size(); ++i) {
        auto it = std::find_if(choices.units.begin(), choices.units.end(),
                               [&](const auto& u) { return u.id == f.admin_unit_ids[i]; });
        std::string name = it == choices.units.end() ? Id(f.admin_unit_ids[i])
                                                     : (IsEnglish(req) ? it->name_en : it->name_vi);
        others += (others.empty() ? "" : "; ") + name;
    }
    view.set("other_units", others);
    view.set("has_other_units", !others.empty());
    std::string partners;
    for (auto id : f.partner_ids) {
        auto it = std::find_if(choices.partners.begin(), choices.partners.end(),
                               [&](const auto& p) { return p.id == id; });
        if (it == choices.partners.end())
            continue;
        partners += (partners.empty() ? "" : "; ") +
                    (IsEnglish(req) && !it->name_en.empty() ? it->name_en : it->name_vi);
    }
    view.set("partners", partners);
    view.set("decision_ref", d.decision_ref);
    view.set("decided_on", DateText(d.decided_on));
    view.set("has_decided_on", d.decided_on.has_value());
    view.set("decided_by", d.decided_by_login);
    view.set("has_decided_by", !d.decided_by_login.empty());
    view.set("departed_on", DateText(d.departed_on));
    view.set("returned_on", DateText(d.returned_on));
    view.set("reported_on", DateText(d.reported_on));
    view.set("report_summary", d.report_summary);
    view.set("has_report_summary", !d.report_summary.empty());
    view.set("has_report_due", d.report_due_on.has_value());

    Data people(Data::type::list);
    auto person = [&](const Person& p) {
        Data row;
        row.set("role", CodeLabel(req, PersonRoles(), p.role));
        row.set("name", p.name);
        row.set("title", p.title);
        row.set("organisation", p.organisation);
        row.set("nationality", p.nationality);
        people.push_back(row);
    };
    person(f.head);
    for (const auto& m : f.members)
        person(m);
    view.set("people", people);

    Data programme(Data::type::list);
    for (const auto& p : f.programme) {
        Data row;
        row.set("day", p.day.ToDisplay());
        row.set("time", p.time);
        row.set("place", p.place);
        row.set("activity", p.activity);
        row.set("partner", p.partner);
        programme.push_back(row);
    }
    view.set("programme", programme);
    view.set("has_programme", !f.programme.empty());

    Data overlaps(Data::type::list);
    for (const auto& o : v.overlaps) {
        Data row;
        row.set("person", PersonText({o.person_name, o.person_title, "", "", ""}));
        row.set("other_href", "/delegations/" + Id(o.other_id));
        row.set("other_title", o.other_title);
        row.set("other_status", CodeLabel(req, Statuses(), StatusCode(o.other_status)));
        row.set("days",
                o.first_day.ToDisplay() +
                    (o.last_day != o.first_day ? " – " + o.last_day.ToDisplay() : std::string()));
        overlaps.push_back(row);
    }
    view.set("overlap_rows", overlaps);
    view.set("has_overlap_rows", !v.overlaps.empty());

    Data agreements(Data::type::list);
    for (const auto& a : v.agreements) {
        Data row;
        row.set("href", "/agreements/" + Id(a.id));
        row.set("title", a.title_vi);
        row.set("signed_on", DateText(a.signed_on));
        row.set("has_signed_on", a.signed_on.has_value());
        agreements.push_back(row);
    }
    view.set("outcome_agreements", agreements);
    view.set("has_outcome_agreements", !v.agreements.empty());
    view.set("commitments", v.detail.outcome.commitments);
    view.set("has_commitments", !v.detail.outcome.commitments.empty());
    Data follow_ups(Data::type::list);
    for (const auto& u : v.detail.outcome.follow_ups) {
        Data row;
        row.set("description", u.description);
        row.set("responsible", u.responsible);
        row.set("due_on", DateText(u.due_on));
        row.set("status", CodeLabel(req, FollowUpStatuses(), u.status));
        row.set("done_on", DateText(u.done_on));
        row.set("overdue", u.overdue(today));
        follow_ups.push_back(row);
    }
    view.set("follow_ups", follow_ups);
    view.set("has_follow_ups", !v.detail.outcome.follow_ups.empty());
    view.set("has_outcomes", d.status == Status::kClosed || !v.agreements.empty() ||
                                 !v.detail.outcome.commitments.empty() ||
                                 !v.detail.outcome.follow_ups.empty());

    Data history(Data::type::list);
    for (const auto& e : v.detail.events) {
        Data row;
        row.set("date", e.happened_on.ToDisplay());
        row.set("action", CodeLabel(req, Actions(), e.action));
        row.set("status", e.to_status.empty() ? "" : CodeLabel(req, Statuses(), e.to_status));
        row.set("note", e.note);
        row.set("user", e.user_login);
        history.push_back(row);
    }
    view.set("history", history);

    // The steps the actor may take now, each with its form.
    std::vector<AgreementRef> signed_agreements;
    auto actions = service.AvailableSteps(actor, d);
    if (std::find(actions.begin(), actions.end(), "record_outcomes") != actions.end()) {
        if (auto list = service.SignedAgreements(actor, d.current_unit_id))
            signed_agreements = std::move(*list);
    }
    Data steps(Data::type::list);
    for (const auto& action : actions) {
        Data s = StepView(req, v, action, shown, signed_agreements, today);
        html::SetStepError(s, req, error && shown.action == action ? &*error : nullptr, "error");
        steps.push_back(s);
    }
    view.set("steps", steps);
    view.set("has_steps", !actions.empty());
    if (error && (shown.action.empty() ||
                  std::find(actions.begin(), actions.end(), shown.action) == actions.end()))
        view.set("error", IsEnglish(req) ? error->message_en : error->message_vi);
    view.set("today", today.ToDisplay());
    return view;
}

Response DetailPage(DelegationService& service, const html::Pages& pages, Request& req,
                    std::int64_t id, std::optional<Error> error = std::nullopt,
                    std::string action = "") {
    auto v = service.Get(*req.actor, id);
    if (!v)
        return pages.Error(req, v.error());
    html::StepShown shown{std::move(action), error ? &req : nullptr};
    Data view = DetailView(req, service, *v, shown, error);
    int status = error ? http::HttpStatus(error->code) : 200;
    return pages.Render(req, "delegations/detail", "delegations", std::move(view), status);
}

// The step the form posts, or the problems of what it could not read.
StepRequest StepFromForm(const Request& req, std::vector<FieldError>* problems) {
    StepRequest s;
    s.action = req.Form("action");
    auto date = [&](const std::string& name, const std::string& field) -> std::optional<Date> {
        std::string raw = req.Form(name);
        if (CleanInput(raw).empty())
            return std::nullopt;
        auto d = ParseFormDate(raw);
        if (!d)
            problems->push_back(NotADate(field, raw));
        return d;
    };
    s.date = date("date", "date");
    s.decision_ref = req.Form("decision_ref");
    s.note = req.Form("note");
    if (s.action == "return")
        s.departed_on = date("departed_on", "departed_on");
    s.report_summary = req.Form("report_summary");
    if (s.action == "record_outcomes") {
        Outcome o;
        for (const auto& raw : req.FormValues("agreement_ids")) {
            if (auto id = http::ParseWholeNumber(raw))
                o.agreement_ids.push_back(*id);
        }
        o.commitments = req.Form("commitments");
        auto descs = req.FormValues("fu_description");
        auto resps = req.FormValues("fu_responsible");
        auto dues = req.FormValues("fu_due_on");
        auto statuses = req.FormValues("fu_status");
        auto dones = req.FormValues("fu_done_on");
        for (std::size_t i = 0; i < descs.size(); ++i) {
            if (CleanInput(ValueAt(descs, i)).empty() && CleanInput(ValueAt(resps, i)).empty() &&
                CleanInput(ValueAt(dues, i)).empty() && CleanInput(ValueAt(dones, i)).empty())
                continue;
            const std::size_t n = o.follow_ups.size();
            FollowUp u;
            u.description = ValueAt(descs, i);
            u.responsible = ValueAt(resps, i);
            u.status = ValueAt(statuses, i).empty() ? "open" : ValueAt(statuses, i);
            auto read = [&](const std::string& raw, const char* member) -> std::optional<Date> {
                if (CleanInput(raw).empty())
                    return std::nullopt;
                auto d = ParseFormDate(raw);
                if (!d) {
                    problems->push_back({ItemField("follow_ups", n, member),
                                         "Việc " + std::to_string(n + 1) + ": \"" + EchoInput(raw) +
                                             "\" không phải ngày (dd/mm/yyyy).",
                                         "Follow-up " + std::to_string(n + 1) + ": \"" +
                                             EchoInput(raw) + "\" is not a date (dd/mm/yyyy)."});
                }
                return d;
            };
            u.due_on = read(ValueAt(dues, i), "due_on");
            u.done_on = read(ValueAt(dones, i), "done_on");
            o.follow_ups.push_back(std::move(u));
        }
        s.outcome = std::move(o);
    }
    return s;
}

}  // namespace

void RegisterDelegationPages(http::Router& router, DelegationService& service,
                             const html::Pages& pages) {
    router.Add({"GET", "/delegations", Access::kAuthenticated, "Delegations in and out (list)",
                [&service, &pages](Request& req) { return ListPage(service, pages, req); }});
    router.Add({"GET", "/delegations/new", Access::kAuthenticated, "New delegation form",
                [&service, &pages](Request& req) {
                    FormInput in;
                    Data view =
                        FormView(req, service.FormChoices(), in, std::nullopt, service.Today());
                    return pages.Render(req, "delegations/form", "delegations", std::move(view));
                }});
    router.Add({"POST", "/delegations", Access::kAuthenticated, "Propose a delegation (form)",
                [&service, &pages](Request& req) {
                    const Date today = service.Today();
                    FormInput in = InputFromRequest(req);
                    std::vector<FieldError> problems;
                    DelegationFields f = FieldsFromInput(in, today, &problems);
                    std::optional<Error> error;
                    if (!problems.empty()) {
                        error = FormError(std::move(problems), f, today);
                    } else {
                        auto created = service.Create(*req.actor, f);
                        if (created) {
                            return Response::Redirect("/delegations/" +
                                                      Id(created->detail.delegation.id));
                        }
                        error = created.error();
                    }
                    Data view = FormView(req, service.FormChoices(), in, error, today);
                    return pages.Render(req, "delegations/form", "delegations", std::move(view),
                                        http::HttpStatus(error->code));
                }});
    router.Add(
        {"GET", "/delegations/export", Access::kAuthenticated,
         "The filtered list of delegations as XLSX or CSV", [&service, &pages](Request& req) {
             auto q = detail::ParseListQuery(req);
             if (!q)
                 return pages.Error(req, q.error());
             std::map<std::int64_t, std::string> reasons;
             auto rows = service.ExportRows(*req.actor, q->filter, q->sort, 100000, &reasons);
             if (!rows)
                 return pages.Error(req, rows.error());
             const Date today = service.Today();
             return html::SheetDownload(
                 pages, req,
                 ExportSheet(*rows, reasons, service.FormChoices(), html::LangOf(req), today),
                 (IsEnglish(req) ? "delegations-" : "doan-ra-doan-vao-") + today.ToIso());
         }});
    router.Add({"GET", "/delegations/import/template", Access::kAuthenticated,
                "The delegations import template (XLSX or CSV)", [&pages](Request& req) {
                    return html::SheetDownload(pages, req, TemplateSheet(html::LangOf(req)),
                                               IsEnglish(req) ? "delegations-import-template"
                                                              : "mau-nhap-doan-ra-doan-vao");
                }});
    router.Add({"GET", "/delegations/import", Access::kAuthenticated,
                "Import delegations from a spreadsheet", [&pages](Request& req) {
                    Data view;
                    view.set("max_rows", html::Number(req, DelegationService::kMaxImportRows));
                    return pages.Render(req, "delegations/import", "delegations", std::move(view));
                }});
    router.Add({"GET", "/delegations/{id}", Access::kAuthenticated,
                "A delegation: record, programme, people, history, outcomes and its steps",
                [&service, &pages](Request& req) {
                    auto id = http::ParseIdParam(req, "id");
                    if (!id)
                        return pages.Error(req, id.error());
                    return DetailPage(service, pages, req, *id);
                }});
    router.Add(
        {"GET", "/delegations/{id}/edit", Access::kAuthenticated,
         "Edit a delegation's details (form)", [&service, &pages](Request& req) {
             auto id = http::ParseIdParam(req, "id");
             if (!id)
                 return pages.Error(req, id.error());
             auto v = service.Get(*req.actor, *id);
             if (!v)
                 return pages.Error(req, v.error());
             const Delegation& d = v->detail.delegation;
             if (!service.CanEdit(*req.actor, d)) {
                 if (!req.actor->CanWriteProvince(d.fields.admin_unit_ids.front())) {
                     return pages.Error(
                         req, Error::PermissionDenied(
                                  "Bạn không có quyền sửa đoàn của " + d.unit_name_vi + ".",
                                  "You may not change delegations of " + d.unit_name_en + "."));
                 }
                 return pages.Error(
                     req, Error::FailedPrecondition(
                              "Chỉ sửa được đoàn đang đề xuất hoặc đã được phê duyệt; sau đó "
                              "hãy ghi nhận bằng các bước trên trang của đoàn.",
                              "A delegation can be edited only while proposed or approved; "
                              "after that, record the steps on its page."));
             }
             return EditPage(service, pages, req, d, InputFromRecord(d), std::nullopt, 200);
         }});
    router.Add(
        {"POST", "/delegations/{id}", Access::kAuthenticated,
         "Save a delegation's details (form; optimistic locking on version)",
         [&service, &pages](Request& req) {
             auto id = http::ParseIdParam(req, "id");
             if (!id)
                 return pages.Error(req, id.error());
             const Date today = service.Today();
             FormInput in = InputFromRequest(req);
             std::vector<FieldError> problems;
             DelegationFields f = FieldsFromInput(in, today, &problems);
             std::optional<Error> error = html::EditFormError(
                 req,
                 problems.empty() ? std::nullopt
                                  : std::optional(FormError(std::move(problems), f, today)),
                 [&](std::int64_t version) { return service.Update(*req.actor, *id, version, f); });
             if (!error)
                 return Response::Redirect("/delegations/" + Id(*id));
             auto current = service.Get(*req.actor, *id);
             if (!current)
                 return pages.Error(req, current.error());
             if (error->code == ErrorCode::kPermissionDenied ||
                 error->code == ErrorCode::kFailedPrecondition)
                 return pages.Error(req, *error);
             return EditPage(service, pages, req, current->detail.delegation, in, error,
                             http::HttpStatus(error->code));
         }});
    router.Add({"POST", "/delegations/{id}/steps", Access::kAuthenticated,
                "Record a workflow step of a delegation (form)", [&service, &pages](Request& req) {
                    auto id = http::ParseIdParam(req, "id");
                    if (!id)
                        return pages.Error(req, id.error());
                    std::vector<FieldError> problems;
                    StepRequest step = StepFromForm(req, &problems);
                    if (!problems.empty()) {
                        return DetailPage(service, pages, req, *id,
                                          InvalidFields(std::move(problems)), step.action);
                    }
                    auto version = http::ParseWholeNumber(req.Form("version"));
                    bool confirm = req.Form("confirm_overlaps") == "1";
                    auto done = service.Step(*req.actor, *id, step, version, confirm);
                    if (!done)
                        return DetailPage(service, pages, req, *id, done.error(), step.action);
                    return Response::Redirect("/delegations/" + Id(*id));
                }});
}

}  // namespace ngoaivu::delegations
