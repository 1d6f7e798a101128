// The events pages: the list with the shared filters, the form (new and edit, with optimistic
// locking), the record with who decides and why, its deadlines, programme, participants, awards,
// press links, documents and history, and the workflow step forms its reader may take; the open
// deadlines, the province's yearly report (Decision 06/2020, Form 03) and the import page. Thin
// handlers over EventService; the view data for web/templates/events/.
#include <algorithm>
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
#include "modules/events/events_routes.hpp"

namespace ngoaivu::events {

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

// Empty rows the form offers for the repeated parts (bridge points, sessions, awards, press
// links): enough to fill without JavaScript (events_form.js adds more).
constexpr std::size_t kMinRows = 2;
constexpr std::size_t kSpareRows = 1;

// A text of the i18n catalog in the request's language.
std::string T(const html::Pages& pages, const Request& req, std::string_view key) {
    return pages.renderer().catalog().Get(key, html::LangOf(req));
}

std::string Id(std::int64_t id) {
    return std::to_string(id);
}

// "18/12/2023" or "18/12/2023 – 21/12/2023".
std::string Dates(Date from, Date to) {
    return from == to ? from.ToDisplay() : from.ToDisplay() + " – " + to.ToDisplay();
}

// `raw` cut at every character of `separators`, each piece trimmed, blank ones dropped.
std::vector<std::string> Split(const std::string& raw, std::string_view separators) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        std::string piece = text::IsValidUtf8(cur) ? text::TrimSpace(cur) : cur;
        if (!piece.empty())
            out.push_back(std::move(piece));
        cur.clear();
    };
    for (char c : raw) {
        if (separators.find(c) != std::string_view::npos)
            flush();
        else
            cur.push_back(c);
    }
    flush();
    return out;
}

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty())
            out += separator;
        out += item;
    }
    return out;
}

std::string Upper(std::string s) {
    for (char& c : s) {
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    }
    return s;
}

// Sets `key` to `value`, and "has_<key>" to whether it is not empty: a mustache section on a
// string is rendered even when the string is empty, so the templates test "has_<key>".
void SetText(Data& d, const std::string& key, std::string value) {
    d.set("has_" + key, !value.empty());
    d.set(key, std::move(value));
}

std::set<std::string> One(const std::optional<std::int64_t>& id) {
    std::set<std::string> out;
    if (id)
        out.insert(Id(*id));
    return out;
}

// Unit names by id, in the request's language.
std::map<std::int64_t, std::string> UnitNames(const Request& req,
                                              const std::vector<UnitInfo>& units) {
    std::map<std::int64_t, std::string> out;
    for (const auto& u : units)
        out[u.id] = IsEnglish(req) ? u.name_en : u.name_vi;
    return out;
}

std::string UnitName(const std::map<std::int64_t, std::string>& names, std::int64_t id) {
    auto it = names.find(id);
    return it == names.end() ? Id(id) : it->second;
}

// --- The form -------------------------------------------------------------------------------

// What the form holds, as typed: a refused form shows it back unchanged.
struct BridgeInput {
    std::string name;
    std::string unit;
};
struct SessionInput {
    std::string title;
    std::string day;
    std::string starts_at;
    std::string ends_at;
    std::string chairs;    // "; " between people
    std::string speakers;  // "; " between people
};
struct AwardInput {
    std::string kind = "medal_vi_su_nghiep_ngoai_giao";
    std::string recipient;
    std::string recipient_kind = "person";
    std::string unit;
    std::string note;
};
struct PressInput {
    std::string title;
    std::string url;
    std::string outlet;
    std::string published_on;
};
struct FormInput {
    std::string title_vi;
    std::string title_en;
    std::string type = "international_conference";
    std::string theme;
    std::string starts_on;
    std::string ends_on;
    std::string format = "in_person";
    std::string venue;
    std::vector<BridgeInput> bridge_points;
    std::string organisers;  // one per line
    bool national = false;
    std::string unit_id;
    std::vector<std::string> other_unit_ids;
    std::string countries;
    bool foreign_sponsor = false;
    std::string funding;
    std::string vietnamese;
    std::string foreign;
    std::string rank = "none";
    std::string in_person;
    std::vector<std::string> sensitive_topics;
    bool state_secret = false;
    std::vector<SessionInput> sessions;
    std::vector<AwardInput> awards;
    std::vector<PressInput> press_links;
    std::string note;
    std::string ordinal;
};

bool Blank(std::initializer_list<const std::string*> values) {
    return std::all_of(values.begin(), values.end(),
                       [](const std::string* v) { return CleanInput(*v).empty(); });
}

FormInput InputFromRequest(const Request& req) {
    FormInput in;
    in.title_vi = req.Form("title_vi");
    in.title_en = req.Form("title_en");
    in.type = req.Form("type");
    in.theme = req.Form("theme");
    in.starts_on = req.Form("starts_on");
    in.ends_on = req.Form("ends_on");
    in.format = req.Form("format");
    in.venue = req.Form("venue");
    {
        auto names = req.FormValues("bp_name");
        auto units = req.FormValues("bp_unit");
        for (std::size_t i = 0; i < std::max(names.size(), units.size()); ++i) {
            BridgeInput b{ValueAt(names, i), ValueAt(units, i)};
            if (Blank({&b.name, &b.unit}))
                continue;  // an empty row of the form
            in.bridge_points.push_back(std::move(b));
        }
    }
    in.organisers = req.Form("organisers");
    in.national = req.Form("national") == "1";
    in.unit_id = req.Form("admin_unit_id");
    in.other_unit_ids = req.FormValues("other_unit_ids");
    in.countries = req.Form("countries");
    in.foreign_sponsor = req.Form("foreign_sponsor") == "1";
    in.funding = req.Form("funding");
    in.vietnamese = req.Form("participants_vietnamese");
    in.foreign = req.Form("participants_foreign");
    in.rank = req.Form("participants_highest_foreign_rank");
    in.in_person = req.Form("participants_delegates_in_person");
    in.sensitive_topics = req.FormValues("sensitive_topics");
    in.state_secret = req.Form("state_secret") == "1";
    {
        auto titles = req.FormValues("s_title");
        auto days = req.FormValues("s_day");
        auto starts = req.FormValues("s_starts_at");
        auto ends = req.FormValues("s_ends_at");
        auto chairs = req.FormValues("s_chairs");
        auto speakers = req.FormValues("s_speakers");
        std::size_t n = std::max({titles.size(), days.size(), starts.size(), ends.size(),
                                  chairs.size(), speakers.size()});
        for (std::size_t i = 0; i < n; ++i) {
            SessionInput s{ValueAt(titles, i), ValueAt(days, i),   ValueAt(starts, i),
                           ValueAt(ends, i),   ValueAt(chairs, i), ValueAt(speakers, i)};
            if (Blank({&s.title, &s.day, &s.starts_at, &s.ends_at, &s.chairs, &s.speakers}))
                continue;
            in.sessions.push_back(std::move(s));
        }
    }
    {
        auto kinds = req.FormValues("a_kind");
        auto recipients = req.FormValues("a_recipient");
        auto recipient_kinds = req.FormValues("a_recipient_kind");
        auto units = req.FormValues("a_unit");
        auto notes = req.FormValues("a_note");
        std::size_t n = std::max(
            {kinds.size(), recipients.size(), recipient_kinds.size(), units.size(), notes.size()});
        for (std::size_t i = 0; i < n; ++i) {
            AwardInput a{ValueAt(kinds, i), ValueAt(recipients, i), ValueAt(recipient_kinds, i),
                         ValueAt(units, i), ValueAt(notes, i)};
            if (Blank({&a.recipient, &a.unit, &a.note}))
                continue;
            in.awards.push_back(std::move(a));
        }
    }
    {
        auto titles = req.FormValues("l_title");
        auto urls = req.FormValues("l_url");
        auto outlets = req.FormValues("l_outlet");
        auto dates = req.FormValues("l_published_on");
        std::size_t n = std::max({titles.size(), urls.size(), outlets.size(), dates.size()});
        for (std::size_t i = 0; i < n; ++i) {
            PressInput l{ValueAt(titles, i), ValueAt(urls, i), ValueAt(outlets, i),
                         ValueAt(dates, i)};
            if (Blank({&l.title, &l.url, &l.outlet, &l.published_on}))
                continue;
            in.press_links.push_back(std::move(l));
        }
    }
    in.note = req.Form("note");
    in.ordinal = req.Form("ordinal");
    return in;
}

std::string OptId(const std::optional<std::int64_t>& id) {
    return id ? Id(*id) : "";
}

std::string Count(std::int64_t n) {
    return n == 0 ? "" : std::to_string(n);
}

FormInput InputFromRecord(const EventRecord& e) {
    const EventFields& f = e.fields;
    FormInput in;
    in.title_vi = f.title_vi;
    in.title_en = f.title_en;
    in.type = f.type;
    in.theme = f.theme;
    in.starts_on = f.starts_on.ToDisplay();
    in.ends_on = f.ends_on.ToDisplay();
    in.format = f.format;
    in.venue = f.venue;
    for (const auto& b : f.bridge_points)
        in.bridge_points.push_back({b.name, OptId(b.admin_unit_id)});
    in.organisers = Join(f.organisers, "\n");
    in.national = f.national;
    if (!f.admin_unit_ids.empty())
        in.unit_id = Id(f.admin_unit_ids.front());
    for (std::size_t i = 1; i < f.admin_unit_ids.size(); ++i)
        in.other_unit_ids.push_back(Id(f.admin_unit_ids[i]));
    in.countries = Join(f.countries, ", ");
    in.foreign_sponsor = f.foreign_sponsor;
    in.funding = f.funding;
    in.vietnamese = Count(f.participants.vietnamese);
    in.foreign = Count(f.participants.foreign);
    in.rank = f.participants.highest_foreign_rank;
    in.in_person = Count(f.participants.delegates_in_person);
    in.sensitive_topics = f.sensitive_topics;
    in.state_secret = f.state_secret;
    for (const auto& s : f.sessions) {
        in.sessions.push_back({s.title, s.day.ToDisplay(), s.starts_at, s.ends_at,
                               Join(s.chairs, "; "), Join(s.speakers, "; ")});
    }
    for (const auto& a : f.awards)
        in.awards.push_back(
            {a.kind, a.recipient, a.recipient_kind, OptId(a.recipient_unit_id), a.note});
    for (const auto& l : f.press_links)
        in.press_links.push_back({l.title, l.url, l.outlet, DateText(l.published_on)});
    in.note = f.note;
    in.ordinal = f.ordinal ? std::to_string(*f.ordinal) : "";
    return in;
}

// The fields the form describes; what cannot be read (a date or a number that is not one) goes
// to `problems`, with a stand-in value in the fields.
EventFields FieldsFromInput(const FormInput& in, Date today, std::vector<FieldError>* problems) {
    EventFields f;
    auto number = [&](const std::string& field, const std::string& raw) -> std::int64_t {
        std::string t = CleanInput(raw);
        if (t.empty())
            return 0;
        std::string digits;
        for (char c : t) {
            if (c != '.' && c != ',' && c != ' ')
                digits.push_back(c);  // "1.200" or "1,200"
        }
        if (auto n = http::ParseWholeNumber(digits))
            return *n;
        problems->push_back({field, "\"" + EchoInput(raw) + "\" không phải một số nguyên.",
                             "\"" + EchoInput(raw) + "\" is not a whole number."});
        return 0;
    };
    auto unit = [](const std::string& raw) -> std::optional<std::int64_t> {
        return http::ParseWholeNumber(CleanInput(raw));
    };
    f.title_vi = in.title_vi;
    f.title_en = in.title_en;
    f.type = in.type;
    f.theme = in.theme;
    std::tie(f.starts_on, f.ends_on) = html::FormDays(in.starts_on, in.ends_on, today, problems);
    f.format = in.format.empty() ? "in_person" : in.format;
    f.venue = in.venue;
    for (const auto& b : in.bridge_points)
        f.bridge_points.push_back({b.name, unit(b.unit)});
    f.organisers = Split(in.organisers, "\n\r");
    f.national = in.national;
    if (auto id = unit(in.unit_id)) {
        f.admin_unit_ids.push_back(*id);
    } else if (!CleanInput(in.unit_id).empty()) {
        problems->push_back({"admin_unit_ids", "Hãy chọn tỉnh, thành phố trong danh sách.",
                             "Choose a province from the list."});
    }
    for (const auto& raw : in.other_unit_ids) {
        auto id = unit(raw);
        if (id && std::find(f.admin_unit_ids.begin(), f.admin_unit_ids.end(), *id) ==
                      f.admin_unit_ids.end())
            f.admin_unit_ids.push_back(*id);
    }
    for (auto& c : Split(in.countries, ",; \n\r\t"))
        f.countries.push_back(Upper(std::move(c)));
    f.foreign_sponsor = in.foreign_sponsor;
    f.funding = in.funding;
    f.participants.vietnamese = number("participants.vietnamese", in.vietnamese);
    f.participants.foreign = number("participants.foreign", in.foreign);
    f.participants.highest_foreign_rank = in.rank.empty() ? "none" : in.rank;
    f.participants.delegates_in_person = number("participants.delegates_in_person", in.in_person);
    f.sensitive_topics = in.sensitive_topics;
    f.state_secret = in.state_secret;
    for (std::size_t i = 0; i < in.sessions.size(); ++i) {
        const SessionInput& s = in.sessions[i];
        Session session;
        session.title = s.title;
        session.day = f.starts_on;  // a session without a day is on the first day
        if (!CleanInput(s.day).empty()) {
            if (auto d = ParseFormDate(s.day))
                session.day = *d;
            else
                problems->push_back(NotADate(ItemField("sessions", i, "day"), s.day));
        }
        session.starts_at = CleanInput(s.starts_at);
        session.ends_at = CleanInput(s.ends_at);
        session.chairs = Split(s.chairs, ";\n\r");
        session.speakers = Split(s.speakers, ";\n\r");
        f.sessions.push_back(std::move(session));
    }
    for (const auto& a : in.awards) {
        Award award;
        award.kind = a.kind;
        award.recipient = a.recipient;
        award.recipient_kind = a.recipient_kind.empty() ? "person" : a.recipient_kind;
        award.recipient_unit_id = unit(a.unit);
        award.note = a.note;
        f.awards.push_back(std::move(award));
    }
    for (std::size_t i = 0; i < in.press_links.size(); ++i) {
        const PressInput& l = in.press_links[i];
        PressLink link;
        link.title = l.title;
        link.url = l.url;
        link.outlet = l.outlet;
        if (!CleanInput(l.published_on).empty()) {
            link.published_on = ParseFormDate(l.published_on);
            if (!link.published_on)
                problems->push_back(
                    NotADate(ItemField("press_links", i, "published_on"), l.published_on));
        }
        f.press_links.push_back(std::move(link));
    }
    f.note = in.note;
    if (!CleanInput(in.ordinal).empty()) {
        if (auto n = http::ParseWholeNumber(CleanInput(in.ordinal))) {
            f.ordinal = static_cast<int>(std::clamp<std::int64_t>(*n, -1, 100000));
        } else {
            problems->push_back({"ordinal", "Số thứ tự phải là một số nguyên.",
                                 "The ordinal must be a whole number."});
        }
    }
    return f;
}

bool IsDateField(const std::string& field) {
    return field == "starts_on" || field == "ends_on" || field.ends_with(".day") ||
           field.ends_with(".published_on");
}

// The form's problems and the rules' in one error: what could not be read, then what
// ValidateFields finds in the rest (not again on the fields that could not be read).
Error FormError(std::vector<FieldError> problems, const EventFields& f, Date today) {
    return html::FormError(std::move(problems), ValidateFields(f, today), IsDateField);
}

// The fields the form shows an error next to (as "error_<key>"); the problems of other fields
// are listed at the top of the form.
const std::set<std::string>& FormKeys() {
    static const std::set<std::string> kKeys = {
        "title_vi",
        "title_en",
        "type",
        "theme",
        "starts_on",
        "ends_on",
        "format",
        "venue",
        "bridge_points",
        "organisers",
        "national",
        "admin_unit_ids",
        "countries",
        "foreign_sponsor",
        "funding",
        "participants",
        "participants_vietnamese",
        "participants_foreign",
        "participants_highest_foreign_rank",
        "participants_delegates_in_person",
        "sensitive_topics",
        "state_secret",
        "sessions",
        "awards",
        "press_links",
        "note",
        "ordinal",
    };
    return kKeys;
}

Data FormView(const Request& req, const std::vector<UnitInfo>& units, const FormInput& in,
              const std::optional<Error>& error, Date today) {
    Data view;
    view.set("form_action", std::string("/events"));
    view.set("f_title_vi", in.title_vi);
    view.set("f_title_en", in.title_en);
    view.set("type_options", CodeOptions(req, Types(), in.type));
    view.set("theme", in.theme);
    view.set("starts_on", in.starts_on);
    view.set("ends_on", in.ends_on);
    view.set("format_options", CodeOptions(req, Formats(), in.format));
    view.set("venue", in.venue);
    view.set("organisers", in.organisers);
    view.set("national", in.national);
    view.set("unit_options", UnitOptions(req, units, {in.unit_id}, today));
    view.set("other_unit_options",
             UnitOptions(req, units,
                         std::set<std::string>(in.other_unit_ids.begin(), in.other_unit_ids.end()),
                         today));
    view.set("countries", in.countries);
    view.set("foreign_sponsor", in.foreign_sponsor);
    view.set("funding", in.funding);
    view.set("participants_vietnamese", in.vietnamese);
    view.set("participants_foreign", in.foreign);
    view.set("rank_options", CodeOptions(req, ForeignRanks(), in.rank));
    view.set("participants_delegates_in_person", in.in_person);
    Data topics(Data::type::list);
    for (const auto& c : SensitiveTopics()) {
        Data o;
        o.set("value", std::string(c.code));
        o.set("label", std::string(IsEnglish(req) ? c.en : c.vi));
        o.set("checked", std::find(in.sensitive_topics.begin(), in.sensitive_topics.end(),
                                   c.code) != in.sensitive_topics.end());
        topics.push_back(o);
    }
    view.set("topic_options", topics);
    view.set("state_secret", in.state_secret);
    view.set("note", in.note);
    view.set("ordinal", in.ordinal);

    // Errors: each next to its field; those of a repeated row next to that row.
    std::map<std::string, std::map<std::size_t, std::string>> row_errors;
    Data other_errors(Data::type::list);
    if (error) {
        view.set("error", IsEnglish(req) ? error->message_en : error->message_vi);
        std::vector<FieldError> fields = error->fields;
        if (fields.empty())
            fields.push_back({error->field, error->message_vi, error->message_en});
        for (const auto& f : fields) {
            const std::string& msg = IsEnglish(req) ? f.message_en : f.message_vi;
            bool placed = false;
            for (const char* list : {"bridge_points", "sessions", "awards", "press_links"}) {
                if (auto i = html::RowOf(f.field, list)) {
                    auto& e = row_errors[list][*i];
                    e += (e.empty() ? "" : " ") + msg;
                    placed = true;
                }
            }
            if (placed)
                continue;
            std::string key = FieldKey(f.field);
            if (f.field.starts_with("organisers["))
                key = "organisers";
            if (!FormKeys().contains(key)) {
                // The first problem is the form's message already.
                if (f.field != "version" &&
                    msg != (IsEnglish(req) ? error->message_en : error->message_vi)) {
                    Data one;
                    one.set("message", msg);
                    other_errors.push_back(one);
                }
                continue;
            }
            html::AppendError(view, key, msg);
        }
    }
    view.set("other_errors", other_errors);
    auto blanks = [](std::size_t n) { return html::BlankRows(n, kMinRows, kSpareRows); };
    auto row_error = [&](const char* list, std::size_t i) {
        auto it = row_errors[list].find(i);
        return it == row_errors[list].end() ? std::string() : it->second;
    };

    Data bridge(Data::type::list);
    auto bridge_row = [&](const BridgeInput& b, const std::string& err) {
        Data row;
        row.set("name", b.name);
        row.set("unit_options", UnitOptions(req, units, {b.unit}, today));
        SetText(row, "row_error", err);
        bridge.push_back(row);
    };
    for (std::size_t i = 0; i < in.bridge_points.size(); ++i)
        bridge_row(in.bridge_points[i], row_error("bridge_points", i));
    for (std::size_t i = 0; i < blanks(in.bridge_points.size()); ++i)
        bridge_row({}, "");
    view.set("bridge_rows", bridge);

    Data sessions(Data::type::list);
    auto session_row = [&](const SessionInput& s, const std::string& err) {
        Data row;
        row.set("title", s.title);
        row.set("day", s.day);
        row.set("starts_at", s.starts_at);
        row.set("ends_at", s.ends_at);
        row.set("chairs", s.chairs);
        row.set("speakers", s.speakers);
        SetText(row, "row_error", err);
        sessions.push_back(row);
    };
    for (std::size_t i = 0; i < in.sessions.size(); ++i)
        session_row(in.sessions[i], row_error("sessions", i));
    for (std::size_t i = 0; i < blanks(in.sessions.size()); ++i)
        session_row({}, "");
    view.set("session_rows", sessions);

    Data awards(Data::type::list);
    auto award_row = [&](const AwardInput& a, const std::string& err) {
        Data row;
        row.set("kind_options", CodeOptions(req, AwardKinds(), a.kind));
        row.set("recipient", a.recipient);
        row.set("recipient_kind_options", CodeOptions(req, RecipientKinds(), a.recipient_kind));
        row.set("unit_options", UnitOptions(req, units, {a.unit}, today));
        row.set("award_note", a.note);
        SetText(row, "row_error", err);
        awards.push_back(row);
    };
    for (std::size_t i = 0; i < in.awards.size(); ++i)
        award_row(in.awards[i], row_error("awards", i));
    for (std::size_t i = 0; i < blanks(in.awards.size()); ++i)
        award_row({}, "");
    view.set("award_rows", awards);

    Data press(Data::type::list);
    auto press_row = [&](const PressInput& l, const std::string& err) {
        Data row;
        row.set("title", l.title);
        row.set("url", l.url);
        row.set("outlet", l.outlet);
        row.set("published_on", l.published_on);
        SetText(row, "row_error", err);
        press.push_back(row);
    };
    for (std::size_t i = 0; i < in.press_links.size(); ++i)
        press_row(in.press_links[i], row_error("press_links", i));
    for (std::size_t i = 0; i < blanks(in.press_links.size()); ++i)
        press_row({}, "");
    view.set("press_rows", press);
    view.set("today", today.ToDisplay());
    return view;
}

// The edit form with `shown` (the stored fields, or what the user sent back) for `stored`; after
// a lost race, the stored values are listed next to the form and the version moves on to the
// stored one, so that saving again is a deliberate choice.
Response EditPage(EventService& service, const html::Pages& pages, const Request& req,
                  const EventView& stored, const FormInput& shown,
                  const std::optional<Error>& error, int status) {
    const Date today = service.Today();
    const auto units = service.Units();
    const EventRecord& e = stored.detail.event;
    Data view = FormView(req, units, shown, error, today);
    view.set("editing", true);
    view.set("id", Id(e.id));
    view.set("form_action", "/events/" + Id(e.id));
    view.set("version", Id(e.version));
    view.set("title", T(pages, req, "ev_edit") + ": " + e.fields.title_vi);
    if (error && error->code == ErrorCode::kConflict && error->field == "version") {
        view.set("conflict", true);
        Data current(Data::type::list);
        auto add = [&](std::string label, std::string value) {
            html::AddLabelled(current, std::move(label), std::move(value));
        };
        const EventFields& f = e.fields;
        const auto names = UnitNames(req, units);
        add(T(pages, req, "ev_title_vi"), f.title_vi);
        add(T(pages, req, "ev_title_en"), f.title_en);
        add(T(pages, req, "ev_type"), CodeLabel(req, Types(), f.type));
        add(T(pages, req, "ev_dates"), Dates(f.starts_on, f.ends_on));
        add(T(pages, req, "ev_venue"), f.venue);
        std::string host = f.national ? T(pages, req, "ev_national_event") : "";
        for (auto id : f.admin_unit_ids)
            host += (host.empty() ? "" : "; ") + UnitName(names, id);
        add(T(pages, req, "ev_province"), host);
        add(T(pages, req, "ev_theme"), f.theme);
        add(T(pages, req, "ev_participants"),
            html::Number(req, f.participants.vietnamese) + " / " +
                html::Number(req, f.participants.foreign) + " (" +
                CodeLabel(req, ForeignRanks(), f.participants.highest_foreign_rank) + ")");
        add(T(pages, req, "ev_sessions"), std::to_string(f.sessions.size()));
        add(T(pages, req, "ev_status"), CodeLabel(req, Statuses(), StatusCode(e.status)));
        add(T(pages, req, "ev_last_saved"), e.updated_at);
        view.set("current", current);
    }
    return pages.Render(req, "events/form", "events", std::move(view), status);
}

// --- The list -------------------------------------------------------------------------------

std::string HostName(const html::Pages& pages, const Request& req, const EventFields& f,
                     const HostUnit& h) {
    if (f.national)
        return T(pages, req, "ev_national_event");
    return IsEnglish(req) ? h.name_en : h.name_vi;
}

Data EventRowData(const html::Pages& pages, const Request& req, const EventRow& r, Date today) {
    const EventRecord& e = r.record;
    const EventFields& f = e.fields;
    Data row;
    row.set("id", Id(e.id));
    row.set("href", "/events/" + Id(e.id));
    row.set("title", f.title_vi);
    SetText(row, "title_en", f.title_en);
    row.set("type", CodeLabel(req, Types(), f.type));
    row.set("type_code", f.type);
    row.set("dates", Dates(f.starts_on, f.ends_on));
    row.set("starts_on", f.starts_on.ToDisplay());
    row.set("unit", HostName(pages, req, f, r.host));
    if (!f.national && r.host.current_unit_id && r.host.current_unit_id != r.host.admin_unit_id)
        SetText(row, "current_unit",
                IsEnglish(req) ? r.host.current_name_en : r.host.current_name_vi);
    else
        SetText(row, "current_unit", std::string());
    SetText(row, "countries", Join(f.countries, ", "));
    row.set("status", CodeLabel(req, Statuses(), StatusCode(e.status)));
    row.set("status_code", std::string(StatusCode(e.status)));
    SetText(row, "decider",
            e.decider == Decider::kNone ? std::string()
                                        : CodeLabel(req, Deciders(), DeciderCode(e.decider)));
    SetText(row, "next_due_on", DateText(e.next_due_on));
    row.set("overdue", e.next_due_on && *e.next_due_on < today);
    return row;
}

// The sortable headings: start_desc (default), start, title, province, due, updated (the API's
// names).
Data SortColumns(const Request& req, EventSort current) {
    Data columns;
    auto column = [&](const std::string& key, std::string href_sort, bool active, bool descending) {
        columns.set(key, html::SortHeading(req, std::move(href_sort), active, descending));
    };
    column("start", current == EventSort::kStartDesc ? "start" : "start_desc",
           current == EventSort::kStartDesc || current == EventSort::kStartAsc,
           current == EventSort::kStartDesc);
    column("title", "title", current == EventSort::kTitle, false);
    column("province", "province", current == EventSort::kProvince, false);
    column("due", "due", current == EventSort::kDue, false);
    column("updated", "updated", current == EventSort::kUpdated, true);
    return columns;
}

// The query of the list (its filters and sort, without the page) for an export link.
std::string ExportHref(const Request& req, const std::string& format) {
    return html::FilteredHref(req, "/api/v1/events/export") + "format=" + format +
           "&lang=" + std::string(html::LangOf(req));
}

Response ListPage(EventService& service, const html::Pages& pages, Request& req) {
    auto q = detail::ParseListQuery(req);
    if (!q)
        return pages.Error(req, q.error());
    auto page = service.List(*req.actor, q->filter, q->sort, q->page);
    if (!page)
        return pages.Error(req, page.error());
    const Date today = service.Today();
    Data rows(Data::type::list);
    for (const auto& r : page->items)
        rows.push_back(EventRowData(pages, req, r, today));
    Data view;
    view.set("rows", rows);
    view.set("empty", page->items.empty());
    view.set("pager", html::Pager(req, *page));
    view.set("columns", SortColumns(req, q->sort));
    view.set("export_xlsx", ExportHref(req, "xlsx"));
    view.set("export_csv", ExportHref(req, "csv"));
    const EventFilter& f = q->filter;
    view.set("q", f.q);
    view.set("year", f.year ? std::to_string(*f.year) : "");
    view.set("country", f.country);
    view.set("overdue", f.overdue);
    view.set("national_yes", f.national && *f.national);
    view.set("national_no", f.national && !*f.national);
    view.set("type_options", CodeOptions(req, Types(), f.type));
    view.set("status_options", CodeOptions(req, Statuses(), f.status));
    view.set("unit_options", UnitOptions(req, service.Units(), One(f.unit_id), today));
    view.set("this_year", std::to_string(today.year()));
    return pages.Render(req, "events/list", "events", std::move(view));
}

// --- The record and its steps ---------------------------------------------------------------

Data StepView(const Request& req, const EventView& v, const std::string& action,
              const html::StepShown& shown, Date today) {
    const EventRecord& e = v.detail.event;
    Data s;
    s.set("action", action);
    s.set("label", CodeLabel(req, Actions(), action));
    s.set("is_" + action, true);
    s.set("date", shown.Get(action, "date", today.ToDisplay()));
    s.set("decision_ref", shown.Get(action, "decision_ref", ""));
    s.set("note", shown.Get(action, "note", ""));
    s.set("bodies", shown.Get(action, "bodies", ""));
    s.set("pm", WhoDecides(e.fields).decider == Decider::kPrimeMinister);
    if (action == "record_reply") {
        std::string chosen = shown.Get(action, "body", "");
        Data bodies(Data::type::list);
        for (const auto& d : v.detail.deadlines) {
            if (!d.open() || d.kind != DeadlineKind::kConsultation)
                continue;
            Data o;
            o.set("value", d.body);
            o.set("label", d.body + " (" + d.due_on.ToDisplay() + ")");
            o.set("selected", d.body == chosen);
            bodies.push_back(o);
        }
        s.set("body_options", bodies);
        std::string outcome = shown.Get(action, "outcome", "agree");
        Data outcomes(Data::type::list);
        for (const char* code : {"agree", "disagree", "comments"}) {
            Data o;
            o.set("value", std::string(code));
            o.set("label", CodeLabel(req, Outcomes(), code));
            o.set("selected", outcome == code);
            outcomes.push_back(o);
        }
        s.set("outcome_options", outcomes);
    }
    return s;
}

Data DetailView(const html::Pages& pages, const Request& req, EventService& service,
                const EventView& v, const html::StepShown& shown,
                const std::optional<Error>& error) {
    const EventRecord& e = v.detail.event;
    const EventFields& f = e.fields;
    const Date today = service.Today();
    const auto units = service.Units();
    const auto names = UnitNames(req, units);
    Data view = EventRowData(pages, req, {e, v.host}, today);
    view.set("version", Id(e.version));
    view.set("can_edit", service.CanWrite(*req.actor, v));
    view.set("theme", f.theme);
    view.set("ends_on", f.ends_on.ToDisplay());
    view.set("format", CodeLabel(req, Formats(), f.format));
    view.set("venue", f.venue);
    SetText(view, "ordinal", f.ordinal ? std::to_string(*f.ordinal) : "");
    view.set("national", f.national);
    std::string others;
    for (std::size_t i = 1; i < f.admin_unit_ids.size(); ++i)
        others += (others.empty() ? "" : "; ") + UnitName(names, f.admin_unit_ids[i]);
    SetText(view, "other_units", others);
    view.set("organisers", Join(f.organisers, "; "));
    view.set("foreign_sponsor", f.foreign_sponsor);
    SetText(view, "funding", f.funding);
    std::string topics;
    for (const auto& t : f.sensitive_topics)
        topics += (topics.empty() ? "" : "; ") + CodeLabel(req, SensitiveTopics(), t);
    SetText(view, "sensitive_topics", topics);
    view.set("state_secret", f.state_secret);
    view.set("has_topics", f.state_secret || !f.sensitive_topics.empty());
    SetText(view, "note", f.note);
    SetText(view, "requested_on", DateText(e.requested_on));
    SetText(view, "decision_ref", e.decision_ref);
    SetText(view, "decided_on", DateText(e.decided_on));
    SetText(view, "reported_on", DateText(e.reported_on));
    SetText(view, "consultation_due_on", DateText(e.consultation_due_on));
    view.set("consultation_overdue", e.status == Status::kConsulting && e.consultation_due_on &&
                                         *e.consultation_due_on < today);
    SetText(view, "report_due_on", DateText(e.report_due_on));
    view.set("report_overdue",
             e.status == Status::kHeld && e.report_due_on && *e.report_due_on < today);
    view.set("report_pending", e.status == Status::kHeld && e.report_due_on.has_value());

    // Who decides, and why (as the description stands now).
    const Competence competence = WhoDecides(f);
    view.set("decider_now", CodeLabel(req, Deciders(), DeciderCode(competence.decider)));
    view.set("decider_code", std::string(DeciderCode(competence.decider)));
    view.set("needs_permission", competence.decider != Decider::kNone);
    Data reasons(Data::type::list);
    for (const auto& r : competence.reasons) {
        Data one;
        one.set("code", r.code);
        one.set("message", IsEnglish(req) ? r.message_en : r.message_vi);
        reasons.push_back(one);
    }
    view.set("reasons", reasons);
    const int lead = LeadDays(competence.decider);
    view.set("lead_days", std::to_string(lead));
    view.set("latest_request_on", lead > 0 ? f.starts_on.AddDays(-lead).ToDisplay() : "");
    // The decider fixed at the request, when the description changed since.
    SetText(view, "decider_stored",
            e.status != Status::kPlanned && e.decider != competence.decider
                ? CodeLabel(req, Deciders(), DeciderCode(e.decider))
                : std::string());
    // The late request: as it was received, or, while planned, if it were sent today.
    std::optional<Warning> late;
    bool prospective = false;
    if (e.requested_on) {
        late = LateRequest(f, *e.requested_on);
    } else if (e.status == Status::kPlanned && competence.decider != Decider::kNone) {
        late = LateRequest(f, today);
        prospective = true;
    }
    view.set("late", late.has_value());
    view.set("late_prospective", prospective);
    view.set("late_message", late ? (IsEnglish(req) ? late->message_en : late->message_vi) : "");
    view.set("lead_time_ok",
             !late && e.status == Status::kPlanned && competence.decider != Decider::kNone);

    // The legal deadlines.
    Data deadlines(Data::type::list);
    for (const auto& d : v.detail.deadlines) {
        Data row;
        row.set("kind", CodeLabel(req, DeadlineKinds(), DeadlineKindCode(d.kind)));
        row.set("kind_code", std::string(DeadlineKindCode(d.kind)));
        row.set("body", d.body);
        row.set("opened_on", d.opened_on.ToDisplay());
        row.set("due_on", d.due_on.ToDisplay());
        row.set("closed_on", DateText(d.closed_on));
        row.set("outcome", d.outcome.empty() ? "" : CodeLabel(req, Outcomes(), d.outcome));
        SetText(row, "deadline_note", d.note);
        row.set("overdue", d.overdue(today));
        deadlines.push_back(row);
    }
    view.set("deadlines", deadlines);
    view.set("has_deadlines", !v.detail.deadlines.empty());

    // The programme, the participants, the awards and the press.
    Data bridge(Data::type::list);
    for (const auto& b : f.bridge_points) {
        Data row;
        row.set("name", b.name);
        SetText(row, "unit", b.admin_unit_id ? UnitName(names, *b.admin_unit_id) : "");
        bridge.push_back(row);
    }
    view.set("bridge_points", bridge);
    view.set("has_bridge_points", !f.bridge_points.empty());
    Data sessions(Data::type::list);
    for (const auto& s : f.sessions) {
        Data row;
        row.set("title", s.title);
        row.set("day", s.day.ToDisplay());
        std::string time = s.starts_at;
        if (!s.ends_at.empty())
            time += "–" + s.ends_at;
        row.set("time", time);
        row.set("chairs", Join(s.chairs, "; "));
        row.set("speakers", Join(s.speakers, "; "));
        sessions.push_back(row);
    }
    view.set("sessions", sessions);
    view.set("has_sessions", !f.sessions.empty());
    const Participants& p = f.participants;
    // 0 is "none, or not known" (a plan, or a conference whose figures were not published).
    view.set("p_vietnamese", p.vietnamese > 0 ? html::Number(req, p.vietnamese) : "—");
    view.set("p_foreign", p.foreign > 0 ? html::Number(req, p.foreign) : "—");
    view.set("p_rank", CodeLabel(req, ForeignRanks(), p.highest_foreign_rank));
    SetText(view, "p_in_person",
            p.delegates_in_person > 0 ? html::Number(req, p.delegates_in_person) : std::string());
    Data awards(Data::type::list);
    for (const auto& a : f.awards) {
        Data row;
        row.set("kind", CodeLabel(req, AwardKinds(), a.kind));
        row.set("recipient", a.recipient);
        row.set("recipient_kind", CodeLabel(req, RecipientKinds(), a.recipient_kind));
        row.set("unit", a.recipient_unit_id ? UnitName(names, *a.recipient_unit_id) : "");
        row.set("award_note", a.note);
        awards.push_back(row);
    }
    view.set("awards", awards);
    view.set("has_awards", !f.awards.empty());
    Data press(Data::type::list);
    for (const auto& l : f.press_links) {
        Data row;
        row.set("title", l.title);
        row.set("url", l.url);
        SetText(row, "outlet", l.outlet);
        SetText(row, "published_on", DateText(l.published_on));
        press.push_back(row);
    }
    view.set("press_links", press);
    view.set("has_press_links", !f.press_links.empty());

    Data history(Data::type::list);
    for (const auto& h : v.detail.history) {
        Data row;
        row.set("date", h.happened_on.ToDisplay());
        row.set("action", CodeLabel(req, Actions(), h.action));
        row.set("status", h.to_status.empty() ? "" : CodeLabel(req, Statuses(), h.to_status));
        row.set("history_note", h.note);
        row.set("user", h.user_login);
        history.push_back(row);
    }
    view.set("history", history);

    // The steps the reader may take now.
    const auto actions = service.StepsFor(*req.actor, v);
    Data steps(Data::type::list);
    for (const auto& action : actions) {
        Data s = StepView(req, v, action, shown, today);
        html::SetStepError(s, req, error && shown.action == action ? &*error : nullptr,
                           "step_error");
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

Response DetailPage(EventService& service, const html::Pages& pages, Request& req, std::int64_t id,
                    std::optional<Error> error = std::nullopt, std::string action = "") {
    auto v = service.Get(*req.actor, id);
    if (!v)
        return pages.Error(req, v.error());
    html::StepShown shown{std::move(action), error ? &req : nullptr};
    Data view = DetailView(pages, req, service, *v, shown, error);
    int status = error ? http::HttpStatus(error->code) : 200;
    return pages.Render(req, "events/detail", "events", std::move(view), status);
}

// The step the form posts, or the problems of what it could not read.
StepRequest StepFromForm(const Request& req, std::vector<FieldError>* problems) {
    StepRequest s;
    s.action = req.Form("action");
    std::string raw = req.Form("date");
    if (!CleanInput(raw).empty()) {
        s.date = ParseFormDate(raw);
        if (!s.date)
            problems->push_back(NotADate("date", raw));
    }
    s.bodies = Split(req.Form("bodies"), "\n\r;");
    s.body = req.Form("body");
    s.outcome = req.Form("outcome");
    s.decision_ref = req.Form("decision_ref");
    s.note = req.Form("note");
    return s;
}

// --- Due, report, import ---------------------------------------------------------------------

Response DuePage(EventService& service, const html::Pages& pages, Request& req) {
    auto q = http::ParseDueQuery(req, 100, 30);
    if (!q)
        return pages.Error(req, q.error());
    const std::optional<std::int64_t> unit = q->unit_id;
    const int days = q->within_days;
    auto due = service.Due(*req.actor, unit, days, q->page);
    if (!due)
        return pages.Error(req, due.error());
    const Date today = service.Today();
    Data rows(Data::type::list);
    for (const auto& i : due->items) {
        Data row;
        row.set("href", "/events/" + Id(i.event_id));
        row.set("title", i.event_title);
        row.set("unit", i.current_unit_id ? (IsEnglish(req) ? i.unit_name_en : i.unit_name_vi)
                                          : T(pages, req, "ev_national_event"));
        row.set("kind", CodeLabel(req, DeadlineKinds(), DeadlineKindCode(i.kind)));
        row.set("body", i.body);
        row.set("due_on", i.due_on.ToDisplay());
        row.set("overdue", i.due_on < today);
        rows.push_back(row);
    }
    Data view;
    view.set("title", T(pages, req, "ev_due_title"));
    view.set("rows", rows);
    view.set("empty", due->items.empty());
    view.set("within_days", std::to_string(days));
    view.set("today", today.ToDisplay());
    view.set("unit_options", UnitOptions(req, service.Units(), One(unit), today, true));
    view.set("pager", html::Pager(req, *due));
    return pages.Render(req, "events/due", "events", std::move(view));
}

Response ReportPage(EventService& service, const html::Pages& pages, Request& req) {
    const Date today = service.Today();
    const int last = ReportYearOf(today);
    auto year = http::ParseIntParam(req, "year", 2010, last);
    if (!year)
        return pages.Error(req, year.error());
    auto unit = http::ParseIntParam(req, "province", 1000, 2999);
    if (!unit)
        return pages.Error(req, unit.error());
    const int y = static_cast<int>(year->value_or(last));
    Data view;
    view.set("title", T(pages, req, "ev_report_title") + " " + std::to_string(y));
    view.set("year", std::to_string(y));
    view.set("unit_options", UnitOptions(req, service.Units(), One(*unit), today, true));
    if (!*unit) {
        view.set("choose", true);
        return pages.Render(req, "events/report", "events", std::move(view));
    }
    auto report = service.Yearly(*req.actor, **unit, y);
    if (!report)
        return pages.Error(req, report.error());
    Data rows(Data::type::list);
    int n = 0;
    for (const auto& item : report->items) {
        const EventRecord& e = item.event.record;
        const EventFields& f = e.fields;
        Data row;
        row.set("n", std::to_string(++n));
        row.set("href", "/events/" + Id(e.id));
        row.set("title", f.title_vi);
        row.set("dates", Dates(f.starts_on, f.ends_on));
        SetText(row, "venue", f.venue);
        row.set("format", CodeLabel(req, Formats(), f.format));
        row.set("organisers", Join(f.organisers, "; "));
        row.set("decider", CodeLabel(req, Deciders(), DeciderCode(e.decider)));
        SetText(row, "decision",
                e.decision_ref +
                    (e.decided_on ? " (" + e.decided_on->ToDisplay() + ")" : std::string()));
        row.set("vietnamese", html::Number(req, f.participants.vietnamese));
        row.set("foreign", html::Number(req, f.participants.foreign));
        row.set("rank", CodeLabel(req, ForeignRanks(), f.participants.highest_foreign_rank));
        row.set("countries", Join(f.countries, ", "));
        row.set("state", T(pages, req, "ev_report_state_" + item.report_status));
        row.set("state_code", item.report_status);
        SetText(row, "report_due_on", DateText(e.report_due_on));
        row.set("reported_on", DateText(e.reported_on));
        row.set("state_overdue", item.report_status == "overdue");
        rows.push_back(row);
    }
    view.set("rows", rows);
    view.set("empty", report->items.empty());
    view.set("unit", IsEnglish(req) ? report->unit_name_en : report->unit_name_vi);
    view.set("period", report->from.ToDisplay() + " – " + report->to.ToDisplay());
    view.set("due_on", report->due_on.ToDisplay());
    view.set("report_overdue", today > report->due_on);
    view.set("today", today.ToDisplay());
    view.set("count", std::to_string(report->items.size()));
    view.set("total_vietnamese", html::Number(req, report->participants_vietnamese));
    view.set("total_foreign", html::Number(req, report->participants_foreign));
    view.set("by_pm", std::to_string(report->decided_by_pm));
    view.set("by_chairman", std::to_string(report->decided_by_chairman));
    view.set("reported", std::to_string(report->reported));
    view.set("xlsx_href", "/api/v1/events/yearly-report?province=" + Id(**unit) +
                              "&year=" + std::to_string(y) +
                              "&format=xlsx&lang=" + std::string(html::LangOf(req)));
    return pages.Render(req, "events/report", "events", std::move(view));
}

}  // namespace

void RegisterEventPages(http::Router& router, EventService& service, const html::Pages& pages) {
    router.Add({"GET", "/events", Access::kAuthenticated,
                "Events and conferences (list with filters)",
                [&service, &pages](Request& req) { return ListPage(service, pages, req); }});
    router.Add({"GET", "/events/new", Access::kAuthenticated, "New event form",
                [&service, &pages](Request& req) {
                    FormInput in;
                    Data view = FormView(req, service.Units(), in, std::nullopt, service.Today());
                    view.set("title", T(pages, req, "ev_new"));
                    return pages.Render(req, "events/form", "events", std::move(view));
                }});
    router.Add({"POST", "/events", Access::kAuthenticated, "Create a planned event (form)",
                [&service, &pages](Request& req) {
                    const Date today = service.Today();
                    FormInput in = InputFromRequest(req);
                    std::vector<FieldError> problems;
                    EventFields f = FieldsFromInput(in, today, &problems);
                    std::optional<Error> error;
                    if (!problems.empty()) {
                        error = FormError(std::move(problems), f, today);
                    } else {
                        auto created = service.Create(*req.actor, f);
                        if (created)
                            return Response::Redirect("/events/" + Id(created->detail.event.id));
                        error = created.error();
                    }
                    Data view = FormView(req, service.Units(), in, error, today);
                    view.set("title", T(pages, req, "ev_new"));
                    return pages.Render(req, "events/form", "events", std::move(view),
                                        http::HttpStatus(error->code));
                }});
    router.Add({"GET", "/events/due", Access::kAuthenticated,
                "Event deadlines due or overdue (consultations, result reports)",
                [&service, &pages](Request& req) { return DuePage(service, pages, req); }});
    router.Add({"GET", "/events/report", Access::kAuthenticated,
                "A province's yearly report of international conferences (printable)",
                [&service, &pages](Request& req) { return ReportPage(service, pages, req); }});
    router.Add({"GET", "/events/import", Access::kAuthenticated,
                "Import events from a spreadsheet (preview, then commit)", [&pages](Request& req) {
                    Data view;
                    view.set("title", T(pages, req, "ev_import_title"));
                    view.set("max_rows", html::Number(req, EventService::kMaxImportRows));
                    return pages.Render(req, "events/import", "events", std::move(view));
                }});
    router.Add({"GET", "/events/import/template", Access::kAuthenticated,
                "The events import template: the export's columns, no rows (XLSX or CSV)",
                [&service, &pages](Request& req) {
                    return html::SheetDownload(
                        pages, req, ExportSheet({}, html::LangOf(req), service.Today()),
                        IsEnglish(req) ? "events-import-template" : "mau-nhap-su-kien");
                }});
    router.Add({"GET", "/events/{id}", Access::kAuthenticated,
                "An event: who decides and why, deadlines, programme, awards, history, steps",
                [&service, &pages](Request& req) {
                    auto id = http::ParseIdParam(req, "id");
                    if (!id)
                        return pages.Error(req, id.error());
                    return DetailPage(service, pages, req, *id);
                }});
    router.Add({"GET", "/events/{id}/edit", Access::kAuthenticated, "Edit an event (form)",
                [&service, &pages](Request& req) {
                    auto id = http::ParseIdParam(req, "id");
                    if (!id)
                        return pages.Error(req, id.error());
                    auto v = service.Get(*req.actor, *id);
                    if (!v)
                        return pages.Error(req, v.error());
                    if (!service.CanWrite(*req.actor, *v)) {
                        return pages.Error(
                            req, Error::PermissionDenied("Bạn không có quyền sửa sự kiện này.",
                                                         "You may not change this event."));
                    }
                    return EditPage(service, pages, req, *v, InputFromRecord(v->detail.event),
                                    std::nullopt, 200);
                }});
    router.Add(
        {"POST", "/events/{id}", Access::kAuthenticated,
         "Save an event's description (form; optimistic locking on version)",
         [&service, &pages](Request& req) {
             auto id = http::ParseIdParam(req, "id");
             if (!id)
                 return pages.Error(req, id.error());
             const Date today = service.Today();
             FormInput in = InputFromRequest(req);
             std::vector<FieldError> problems;
             EventFields f = FieldsFromInput(in, today, &problems);
             std::optional<Error> error = html::EditFormError(
                 req,
                 problems.empty() ? std::nullopt
                                  : std::optional(FormError(std::move(problems), f, today)),
                 [&](std::int64_t version) { return service.Update(*req.actor, *id, version, f); });
             if (!error)
                 return Response::Redirect("/events/" + Id(*id));
             auto current = service.Get(*req.actor, *id);
             if (!current)
                 return pages.Error(req, current.error());
             if (error->code == ErrorCode::kPermissionDenied)
                 return pages.Error(req, *error);
             return EditPage(service, pages, req, *current, in, error,
                             http::HttpStatus(error->code));
         }});
    router.Add({"POST", "/events/{id}/steps", Access::kAuthenticated,
                "Record a workflow step of an event (form)", [&service, &pages](Request& req) {
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
                    auto done = service.Step(*req.actor, *id, step, version);
                    if (!done) {
                        if (done.error().code == ErrorCode::kNotFound)
                            return pages.Error(req, done.error());
                        return DetailPage(service, pages, req, *id, done.error(), step.action);
                    }
                    return Response::Redirect("/events/" + Id(*id));
                }});
}

void RegisterEventRoutes(http::Router& router, EventService& service, const html::Pages& pages) {
    RegisterEventApi(router, service);
    RegisterEventPages(router, service, pages);
}

}  // namespace ngoaivu::events
