#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "base/text.hpp"
#include "html/list_view.hpp"
#include "html/pages.hpp"
#include "http/error_status.hpp"
#include "http/json.hpp"
#include "modules/partners/partners_routes.hpp"

namespace ngoaivu::partners::detail {

namespace {

using html::Data;
using http::Access;
using http::Request;
using http::Response;

// Contact rows a form reads (contact_name_0 … contact_phone_59); empty rows are skipped.
constexpr int kFormContactRows = 60;
// Empty contact rows a form offers after the filled ones.
constexpr int kBlankContactRows = 2;

bool En(const Request& req) {
    return html::LangOf(req) == "en";
}

std::string Pick(const Request& req, const std::string& vi, const std::string& en) {
    return En(req) && !en.empty() ? en : vi;
}

std::string KindLabel(const Request& req, PartnerKind kind) {
    return En(req) ? KindLabelEn(kind) : KindLabelVi(kind);
}

std::string PartnerHref(PartnerId id) {
    return "/partners/" + std::to_string(id.value);
}

// "2025-08-01T03:00:00.000Z" as "01/08/2025 10:00", in Vietnam's time (UTC+7).
std::string DisplayTime(const std::string& iso) {
    auto day = Date::ParseIso(iso.substr(0, 10));
    if (!day || iso.size() < 16)
        return iso;
    int hour = static_cast<int>(http::ParseWholeNumber(iso.substr(11, 2)).value_or(0)) + 7;
    if (hour >= 24) {
        hour -= 24;
        day = day->AddDays(1);
    }
    std::string hh = std::to_string(hour);
    return day->ToDisplay() + " " + (hour < 10 ? "0" + hh : hh) + ":" + iso.substr(14, 2);
}

std::string Trimmed(const std::string& s) {
    return text::IsValidUtf8(s) ? std::string(http::TrimOws(s)) : s;
}

// The message of `field` in `e`, in the request's language, or "".
std::string FieldMessage(const Request& req, const Error& e, const std::string& field) {
    for (const auto& f : e.fields) {
        if (f.field == field)
            return En(req) ? f.message_en : f.message_vi;
    }
    return {};
}

// Every field error of `e` as error_<field> (contact rows are handled by ContactRows), and the
// main message as "error".
void AddErrors(Data& view, const Request& req, const Error& e) {
    view.set("error", En(req) ? e.message_en : e.message_vi);
    for (const auto& f : e.fields) {
        if (f.field.starts_with("contacts["))
            continue;
        view.set("error_" + f.field, En(req) ? f.message_en : f.message_vi);
    }
}

Data KindOptions(const Request& req, const std::string& selected) {
    Data list(Data::type::list);
    for (PartnerKind k : kAllPartnerKinds) {
        Data o;
        o.set("value", KindName(k));
        o.set("label", KindLabel(req, k));
        o.set("selected", selected == KindName(k));
        list.push_back(o);
    }
    return list;
}

// Every country (249, in Vietnamese order), as options of a select.
Data CountryOptions(geo::GeoService& geo, const Request& req, const std::string& selected) {
    Data list(Data::type::list);
    for (int page = 1; page <= 5; ++page) {
        auto countries = geo.ListCountries(geo::ListCountriesRequest{"", {page, 200}});
        if (!countries)
            break;
        for (const auto& c : countries->items) {
            Data o;
            o.set("value", c.alpha2);
            o.set("label", Pick(req, c.name_vi, c.name_en) + " (" + c.alpha2 + ")");
            o.set("selected", c.alpha2 == selected);
            list.push_back(o);
        }
        if (page >= countries->pages())
            break;
    }
    return list;
}

// The provinces of both generations that the actor may write, as option groups of a select.
Data UnitGroups(geo::GeoService& geo, const Request& req, std::int64_t selected) {
    Data groups(Data::type::list);
    struct Generation {
        Date day;
        const char* key;
    };
    const Generation generations[] = {{geo.Today(), "partners_units_now"},
                                      {*Date::ParseIso("2025-06-30"), "partners_units_before"}};
    bool any = false;
    for (const auto& g : generations) {
        auto units = geo.ListUnits(geo::ListUnitsRequest{g.day, "", {1, 200}});
        if (!units)
            continue;
        Data options(Data::type::list);
        bool some = false;
        for (const auto& u : units->items) {
            if (!req.actor->CanWriteProvince(u.id.value))
                continue;
            Data o;
            o.set("value", std::to_string(u.id.value));
            o.set("label", Pick(req, u.name_vi, u.name_en));
            o.set("selected", u.id.value == selected);
            options.push_back(o);
            some = true;
        }
        if (!some)
            continue;
        any = true;
        Data group;
        group.set("key_" + std::string(g.key), true);
        group.set("options", options);
        groups.push_back(group);
    }
    return any ? groups : Data(Data::type::list);
}

// The contact rows of a form: the given contacts (with their errors from `e`) and a few empty
// rows to add more.
Data ContactRows(const Request& req, const std::vector<Contact>& contacts,
                 const std::optional<Error>& e) {
    Data rows(Data::type::list);
    std::size_t n = contacts.size() + kBlankContactRows;
    for (std::size_t i = 0; i < n; ++i) {
        Contact c = i < contacts.size() ? contacts[i] : Contact{};
        std::string at = "contacts[" + std::to_string(i) + "].";
        Data row;
        row.set("index", std::to_string(i));
        row.set("number", std::to_string(i + 1));
        row.set("name", c.name);
        row.set("title", c.title);
        row.set("email", c.email);
        row.set("phone", c.phone);
        if (e) {
            for (const char* f : {"name", "title", "email", "phone"}) {
                std::string m = FieldMessage(req, *e, at + f);
                if (!m.empty())
                    row.set(std::string("error_") + f, m);
            }
        }
        rows.push_back(row);
    }
    return rows;
}

// The fields of a partner form as typed (contact rows without any text are left out).
CreatePartnerRequest ReadForm(const Request& req) {
    CreatePartnerRequest r;
    r.kind = req.Form("kind");
    r.name_original = req.Form("name_original");
    r.name_vi = req.Form("name_vi");
    r.name_en = req.Form("name_en");
    r.country = req.Form("country");
    r.website = req.Form("website");
    r.notes = req.Form("notes");
    for (int i = 0; i < kFormContactRows; ++i) {
        std::string n = std::to_string(i);
        Contact c{req.Form("contact_name_" + n), req.Form("contact_title_" + n),
                  req.Form("contact_email_" + n), req.Form("contact_phone_" + n)};
        if (Trimmed(c.name).empty() && Trimmed(c.title).empty() && Trimmed(c.email).empty() &&
            Trimmed(c.phone).empty()) {
            continue;
        }
        r.contacts.push_back(std::move(c));
    }
    return r;
}

CreatePartnerRequest RequestOf(const Partner& p) {
    return {KindName(p.kind), p.name_original, p.name_vi, p.name_en,
            p.country_alpha2, p.website,       p.notes,   p.contacts};
}

std::string ContactsText(const std::vector<Contact>& contacts) {
    std::string out;
    for (const auto& c : contacts) {
        if (!out.empty())
            out += "; ";
        out += c.name;
        for (const std::string* s : {&c.title, &c.email, &c.phone}) {
            if (!s->empty())
                out += ", " + *s;
        }
    }
    return out.empty() ? "—" : out;
}

// After a conflict: the stored value of each field that differs from what the user typed, as
// stored_<field>, next to the user's input.
void AddStoredValues(Data& view, const Request& req, const CreatePartnerRequest& typed,
                     const Partner& stored) {
    auto differs = [](const std::string& a, const std::string& b) { return Trimmed(a) != b; };
    auto show = [](const std::string& s) { return s.empty() ? std::string("—") : s; };
    if (typed.kind != KindName(stored.kind))
        view.set("stored_kind", KindLabel(req, stored.kind));
    if (differs(typed.name_original, stored.name_original))
        view.set("stored_name_original", show(stored.name_original));
    if (differs(typed.name_vi, stored.name_vi))
        view.set("stored_name_vi", show(stored.name_vi));
    if (differs(typed.name_en, stored.name_en))
        view.set("stored_name_en", show(stored.name_en));
    if (differs(typed.country, stored.country_alpha2)) {
        view.set("stored_country", stored.country_alpha2.empty()
                                       ? std::string("—")
                                       : Pick(req, stored.country_name_vi, stored.country_name_en) +
                                             " (" + stored.country_alpha2 + ")");
    }
    if (differs(typed.website, stored.website))
        view.set("stored_website", show(stored.website));
    if (differs(typed.notes, stored.notes))
        view.set("stored_notes", show(stored.notes));
    std::vector<Contact> trimmed;
    for (const auto& c : typed.contacts)
        trimmed.push_back({Trimmed(c.name), Trimmed(c.title), Trimmed(c.email), Trimmed(c.phone)});
    if (trimmed != stored.contacts)
        view.set("stored_contacts", ContactsText(stored.contacts));
}

// The partner form (new or edit) with `values`, the errors of `error`, and `view`'s extras.
Response FormPage(geo::GeoService& geo, const html::Pages& pages, const Request& req, Data view,
                  const CreatePartnerRequest& values, const std::optional<Error>& error,
                  int status) {
    if (error)
        AddErrors(view, req, *error);
    view.set("kinds", KindOptions(req, values.kind));
    view.set("countries", CountryOptions(geo, req, values.country));
    view.set("name_original", values.name_original);
    view.set("name_vi", values.name_vi);
    view.set("name_en", values.name_en);
    view.set("website", values.website);
    view.set("notes", values.notes);
    view.set("contacts", ContactRows(req, values.contacts, error));
    return pages.Render(req, "partners/form", "partners", std::move(view), status);
}

// The partner's page; `view` may carry errors and typed input of its forms.
Response ShowPage(PartnerService& service, geo::GeoService& geo, const html::Pages& pages,
                  const Request& req, const PartnerDetail& d, Data view, int status = 200) {
    const Partner& p = d.partner;
    const Actor& actor = *req.actor;
    bool merged = p.merged_into.has_value();
    bool can_write = service.CheckCanWrite(actor).ok() && !merged;
    bool can_merge = service.CheckCanMerge(actor).ok() && !merged;
    view.set("title", Pick(req, p.name_vi, p.name_en));
    view.set("id", std::to_string(p.id.value));
    view.set("name", Pick(req, p.name_vi, p.name_en));
    view.set("name_vi", p.name_vi);
    // Sections ({{#x}}) show for any string, even an empty one: set optional text only when
    // there is some.
    if (!p.name_en.empty())
        view.set("name_en", p.name_en);
    if (!p.name_original.empty())
        view.set("name_original", p.name_original);
    view.set("kind_label", KindLabel(req, p.kind));
    if (!p.country_alpha2.empty()) {
        view.set("country",
                 Pick(req, p.country_name_vi, p.country_name_en) + " (" + p.country_alpha2 + ")");
    }
    if (!p.website.empty())
        view.set("website", p.website);
    if (!p.notes.empty())
        view.set("notes", p.notes);
    view.set("version", std::to_string(p.version));
    view.set("created_at", DisplayTime(p.created_at));
    view.set("updated_at", DisplayTime(p.updated_at));
    view.set("agreement_count", html::Number(req, d.agreement_count));
    view.set("can_write", can_write);
    view.set("can_merge", can_merge);
    view.set("edit_href", PartnerHref(p.id) + "/edit");
    if (d.merged_into) {
        Data m;
        m.set("href", PartnerHref(d.merged_into->id));
        m.set("name", Pick(req, d.merged_into->name_vi, d.merged_into->name_en));
        view.set("merged_into", m);
    }
    Data merged_from(Data::type::list);
    for (const auto& s : d.merged_from) {
        Data m;
        m.set("href", PartnerHref(s.id));
        m.set("name", Pick(req, s.name_vi, s.name_en));
        merged_from.push_back(m);
    }
    view.set("merged_from", merged_from);
    view.set("has_merged_from", !d.merged_from.empty());

    Data contacts(Data::type::list);
    for (const auto& c : p.contacts) {
        Data row;
        row.set("name", c.name);
        row.set("title", c.title);
        row.set("email", c.email);
        row.set("phone", c.phone);
        contacts.push_back(row);
    }
    view.set("contacts", contacts);
    view.set("has_contacts", !p.contacts.empty());

    auto text_of = [&view](const char* key) {
        const Data* v = view.get(key);
        return v && v->is_string() ? v->string_value() : std::string();
    };
    std::string end_error_id = text_of("end_error_id");
    Data relations(Data::type::list);
    for (const auto& r : d.sister_relations) {
        Data row;
        row.set("id", std::to_string(r.id.value));
        row.set("unit", Pick(req, r.unit_name_vi, r.unit_name_en));
        row.set("before_merger", r.unit_generation == 1);
        row.set("established_on", r.established_on.ToDisplay());
        if (r.ended_on)
            row.set("ended_on", r.ended_on->ToDisplay());
        row.set("note", r.note);
        row.set("can_end",
                can_write && !r.ended_on && actor.CanWriteProvince(r.admin_unit_id.value));
        // Every row sets these, so that a row never shows another row's values.
        bool refused = end_error_id == std::to_string(r.id.value);
        row.set("has_end_error", refused);
        row.set("end_error", refused ? text_of("end_error_message") : std::string());
        row.set("end_value", refused ? text_of("end_error_value") : std::string());
        relations.push_back(row);
    }
    view.set("relations", relations);
    view.set("has_relations", !d.sister_relations.empty());
    bool locality = p.kind == PartnerKind::kLocality;
    view.set("is_locality", locality);
    if (locality && can_write) {
        std::int64_t selected = http::ParseWholeNumber(text_of("relation_unit")).value_or(0);
        Data groups = UnitGroups(geo, req, selected);
        view.set("unit_groups", groups);
        view.set("can_add_relation", !groups.is_empty_list());
    }

    if (can_merge) {
        PartnerFilter filter;
        filter.country = p.country_alpha2;
        if (p.country_alpha2.empty())
            filter.kind = KindName(p.kind);
        auto candidates = service.List(actor, filter, PartnerSort{}, {1, PageRequest::kMaxPerPage});
        Data options(Data::type::list);
        std::string into = text_of("merge_into");
        if (candidates) {
            for (const auto& c : candidates->items) {
                if (c.id == p.id)
                    continue;
                Data o;
                o.set("value", std::to_string(c.id.value));
                o.set("label", Pick(req, c.name_vi, c.name_en) + " (" + KindLabel(req, c.kind) +
                                   ", #" + std::to_string(c.id.value) + ")");
                o.set("selected", into == std::to_string(c.id.value));
                options.push_back(o);
            }
        }
        view.set("merge_candidates", options);
        view.set("has_merge_candidates", !options.is_empty_list());
    }
    return pages.Render(req, "partners/show", "partners", std::move(view), status);
}

Response ListPage(PartnerService& service, geo::GeoService& geo, const html::Pages& pages,
                  Request& req) {
    auto r = ParseListRequest(req);
    if (!r)
        return pages.Error(req, r.error());
    auto result = service.List(*req.actor, r->filter, r->sort, r->page);
    if (!result)
        return pages.Error(req, result.error());
    Data rows(Data::type::list);
    for (const auto& s : result->items) {
        Data row;
        row.set("href", PartnerHref(s.id));
        row.set("name", Pick(req, s.name_vi, s.name_en));
        std::string other = En(req) ? s.name_vi : s.name_en;
        if (!s.name_original.empty() && s.name_original != other &&
            s.name_original != Pick(req, s.name_vi, s.name_en)) {
            other += other.empty() ? s.name_original : " · " + s.name_original;
        }
        if (!other.empty())
            row.set("other_names", other);
        row.set("kind", KindLabel(req, s.kind));
        if (!s.country_alpha2.empty())
            row.set("country", Pick(req, s.country_name_vi, s.country_name_en));
        row.set("merged", s.merged_into.has_value());
        row.set("agreements", html::Number(req, s.agreement_count));
        row.set("updated", DisplayTime(s.updated_at).substr(0, 10));
        rows.push_back(row);
    }
    Data view;
    view.set("partners", rows);
    view.set("none", result->items.empty());
    view.set("pager", html::Pager(req, *result));
    html::SortState sort{std::string(kPartnerSortKeys[static_cast<std::size_t>(r->sort.key)]),
                         r->sort.descending};
    view.set("columns", html::SortLinks(req, kPartnerSortKeys, sort));
    view.set("q", r->filter.q);
    if (std::string sort_param(req.Query("sort").value_or("")); !sort_param.empty())
        view.set("sort", sort_param);
    view.set("include_merged", r->filter.include_merged);
    if (req.Header("HX-Request"))
        return pages.Fragment(req, "partners/list_results", std::move(view));
    view.set("kinds", KindOptions(req, r->filter.kind));
    view.set("countries", CountryOptions(geo, req, r->filter.country));
    view.set("can_write", service.CheckCanWrite(*req.actor).ok());
    return pages.Render(req, "partners/list", "partners", std::move(view));
}

Response NewPage(PartnerService& service, geo::GeoService& geo, const html::Pages& pages,
                 Request& req) {
    if (auto w = service.CheckCanWrite(*req.actor); !w)
        return pages.Error(req, w.error());
    Data view;
    view.set("is_new", true);
    view.set("action", "/partners");
    view.set("title_key_new", true);
    return FormPage(geo, pages, req, std::move(view), CreatePartnerRequest{}, std::nullopt, 200);
}

Response CreatePost(PartnerService& service, geo::GeoService& geo, const html::Pages& pages,
                    Request& req) {
    CreatePartnerRequest typed = ReadForm(req);
    auto created = service.Create(*req.actor, typed);
    if (created)
        return Response::Redirect(PartnerHref(created->partner.id) + "?saved=1");
    if (created.error().code != ErrorCode::kInvalidArgument)
        return pages.Error(req, created.error());
    Data view;
    view.set("is_new", true);
    view.set("action", "/partners");
    return FormPage(geo, pages, req, std::move(view), typed, created.error(),
                    http::HttpStatus(created.error().code));
}

Response ShowGet(PartnerService& service, geo::GeoService& geo, const html::Pages& pages,
                 Request& req) {
    auto id = ParseId(req, "id");
    if (!id)
        return pages.Error(req, id.error());
    auto d = service.Get(*req.actor, PartnerId{*id});
    if (!d)
        return pages.Error(req, d.error());
    Data view;
    view.set("saved", req.Query("saved").has_value());
    view.set("merged_now", req.Query("merged").has_value());
    return ShowPage(service, geo, pages, req, *d, std::move(view));
}

Response EditPage(PartnerService& service, geo::GeoService& geo, const html::Pages& pages,
                  Request& req) {
    if (auto w = service.CheckCanWrite(*req.actor); !w)
        return pages.Error(req, w.error());
    auto id = ParseId(req, "id");
    if (!id)
        return pages.Error(req, id.error());
    auto d = service.Get(*req.actor, PartnerId{*id});
    if (!d)
        return pages.Error(req, d.error());
    const Partner& p = d->partner;
    if (p.merged_into) {
        return pages.Error(
            req, Error::FailedPrecondition("Đối tác này đã được gộp nên không sửa được nữa.",
                                           "This partner was merged and can no longer be edited."));
    }
    Data view;
    view.set("action", PartnerHref(p.id) + "/edit");
    view.set("id", std::to_string(p.id.value));
    view.set("version", std::to_string(p.version));
    view.set("title", Pick(req, p.name_vi, p.name_en));
    view.set("cancel_href", PartnerHref(p.id));
    return FormPage(geo, pages, req, std::move(view), RequestOf(p), std::nullopt, 200);
}

Response EditPost(PartnerService& service, geo::GeoService& geo, const html::Pages& pages,
                  Request& req) {
    auto id = ParseId(req, "id");
    if (!id)
        return pages.Error(req, id.error());
    CreatePartnerRequest typed = ReadForm(req);
    std::string raw_version = req.Form("version");
    // A malformed version is 0, which the service refuses naming "version".
    std::int64_t version = http::ParseWholeNumber(raw_version).value_or(0);
    auto updated = service.Update(*req.actor, PartnerId{*id}, version, typed);
    if (updated)
        return Response::Redirect(PartnerHref(PartnerId{*id}) + "?saved=1");
    const Error& e = updated.error();
    if (e.code != ErrorCode::kInvalidArgument && e.code != ErrorCode::kConflict)
        return pages.Error(req, e);
    Data view;
    view.set("action", PartnerHref(PartnerId{*id}) + "/edit");
    view.set("id", std::to_string(*id));
    view.set("cancel_href", PartnerHref(PartnerId{*id}));
    view.set("version", raw_version);
    if (e.code == ErrorCode::kConflict) {
        // Someone saved first: keep what this user typed, show the stored value next to each
        // field that differs, and take the stored version so that saving again is deliberate.
        auto current = service.Get(*req.actor, PartnerId{*id});
        if (!current)
            return pages.Error(req, current.error());
        view.set("conflict", En(req) ? e.message_en : e.message_vi);
        view.set("version", std::to_string(current->partner.version));
        view.set("title", Pick(req, current->partner.name_vi, current->partner.name_en));
        AddStoredValues(view, req, typed, current->partner);
        return FormPage(geo, pages, req, std::move(view), typed, std::nullopt, 409);
    }
    return FormPage(geo, pages, req, std::move(view), typed, e, http::HttpStatus(e.code));
}

// Re-renders partner `id`'s page after a refused form on it, with `view`'s errors and input.
Response ShowAgain(PartnerService& service, geo::GeoService& geo, const html::Pages& pages,
                   const Request& req, PartnerId id, Data view, int status) {
    auto d = service.Get(*req.actor, id);
    if (!d)
        return pages.Error(req, d.error());
    return ShowPage(service, geo, pages, req, *d, std::move(view), status);
}

Response MergePost(PartnerService& service, geo::GeoService& geo, const html::Pages& pages,
                   Request& req) {
    auto id = ParseId(req, "id");
    if (!id)
        return pages.Error(req, id.error());
    std::string into_raw = Trimmed(req.Form("into"));
    std::int64_t into = http::ParseWholeNumber(into_raw).value_or(0);
    if (into <= 0) {
        if (auto m = service.CheckCanMerge(*req.actor); !m)
            return pages.Error(req, m.error());
        Data view;
        view.set("merge_error",
                 En(req) ? "Choose the partner to merge into." : "Hãy chọn đối tác để gộp vào.");
        return ShowAgain(service, geo, pages, req, PartnerId{*id}, std::move(view), 400);
    }
    auto merged = service.Merge(*req.actor, PartnerId{*id}, PartnerId{into});
    if (merged)
        return Response::Redirect(PartnerHref(PartnerId{into}) + "?merged=1");
    const Error& e = merged.error();
    if (e.field != "into")
        return pages.Error(req, e);
    Data view;
    view.set("merge_error", En(req) ? e.message_en : e.message_vi);
    view.set("merge_into", into_raw);
    return ShowAgain(service, geo, pages, req, PartnerId{*id}, std::move(view),
                     http::HttpStatus(e.code));
}

Response AddRelationPost(PartnerService& service, geo::GeoService& geo, const html::Pages& pages,
                         Request& req) {
    auto id = ParseId(req, "id");
    if (!id)
        return pages.Error(req, id.error());
    SisterRelationRequest r;
    std::string unit = Trimmed(req.Form("admin_unit_id"));
    r.admin_unit_id = http::ParseWholeNumber(unit).value_or(0);
    r.established_on = req.Form("established_on");
    r.ended_on = req.Form("ended_on");
    r.note = req.Form("note");
    r.dates = DateInput::kIsoOrDisplay;
    auto added = service.AddSisterRelation(*req.actor, PartnerId{*id}, r);
    if (added)
        return Response::Redirect(PartnerHref(PartnerId{*id}) + "#sister-relations");
    const Error& e = added.error();
    if (e.code != ErrorCode::kInvalidArgument && e.code != ErrorCode::kConflict)
        return pages.Error(req, e);
    Data view;
    view.set("relation_error", En(req) ? e.message_en : e.message_vi);
    for (const auto& f : e.fields)
        view.set("relation_error_" + f.field, En(req) ? f.message_en : f.message_vi);
    view.set("relation_unit", unit);
    view.set("relation_established_on", r.established_on);
    view.set("relation_ended_on", r.ended_on);
    view.set("relation_note", r.note);
    return ShowAgain(service, geo, pages, req, PartnerId{*id}, std::move(view),
                     http::HttpStatus(e.code));
}

Response EndRelationPost(PartnerService& service, geo::GeoService& geo, const html::Pages& pages,
                         Request& req) {
    auto id = ParseId(req, "id");
    if (!id)
        return pages.Error(req, id.error());
    EndSisterRelationRequest r{req.Form("ended_on"), DateInput::kIsoOrDisplay};
    auto ended = service.EndSisterRelation(*req.actor, SisterRelationId{*id}, r);
    if (ended)
        return Response::Redirect(PartnerHref(ended->partner_id) + "#sister-relations");
    const Error& e = ended.error();
    if (e.code != ErrorCode::kInvalidArgument && e.code != ErrorCode::kFailedPrecondition)
        return pages.Error(req, e);
    auto relation = service.GetSisterRelation(*req.actor, SisterRelationId{*id});
    if (!relation)
        return pages.Error(req, relation.error());
    Data view;
    view.set("end_error_id", std::to_string(*id));
    view.set("end_error_message", En(req) ? e.message_en : e.message_vi);
    view.set("end_error_value", r.ended_on);
    return ShowAgain(service, geo, pages, req, relation->partner_id, std::move(view),
                     http::HttpStatus(e.code));
}

}  // namespace

void RegisterPartnerPages(http::Router& router, PartnerService& service, geo::GeoService& geo,
                          const html::Pages& pages) {
    using Fn = Response (*)(PartnerService&, geo::GeoService&, const html::Pages&, Request&);
    auto bind = [&service, &geo, &pages](Fn fn) {
        return [&service, &geo, &pages, fn](Request& req) { return fn(service, geo, pages, req); };
    };
    router.Add({"GET", "/partners", Access::kAuthenticated,
                "Foreign partners: search as you type, filters, sort, pages", bind(ListPage)});
    router.Add({"GET", "/partners/new", Access::kAuthenticated, "New partner form", bind(NewPage)});
    router.Add({"POST", "/partners", Access::kAuthenticated, "Create a partner", bind(CreatePost)});
    router.Add({"GET", "/partners/{id}", Access::kAuthenticated,
                "One partner: details, contacts, sister relations, merge", bind(ShowGet)});
    router.Add({"GET", "/partners/{id}/edit", Access::kAuthenticated, "Edit partner form",
                bind(EditPage)});
    router.Add(
        {"POST", "/partners/{id}/edit", Access::kAuthenticated, "Save a partner", bind(EditPost)});
    router.Add({"POST", "/partners/{id}/merge", Access::kAuthenticated,
                "Merge a duplicate partner into another", bind(MergePost)});
    router.Add({"POST", "/partners/{id}/sister-relations", Access::kAuthenticated,
                "Add a sister relation", bind(AddRelationPost)});
    router.Add({"POST", "/sister-relations/{id}/end", Access::kAuthenticated,
                "End a sister relation", bind(EndRelationPost)});
}

}  // namespace ngoaivu::partners::detail
