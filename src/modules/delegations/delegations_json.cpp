#include <limits>
#include <tuple>

#include "http/json.hpp"
#include "http/json_fields.hpp"
#include "modules/delegations/delegations_routes.hpp"

namespace ngoaivu::delegations::detail {

namespace {

using http::JsonDate;

nlohmann::json PersonJson(const Person& p) {
    return {{"name", p.name},
            {"title", p.title},
            {"organisation", p.organisation},
            {"nationality", p.nationality},
            {"role", p.role}};
}

// A person of a request body ("head", "members[2]"): an object with a name and optional title,
// organisation, nationality (and role, for members).
Person ReadPerson(http::JsonFields& in, const nlohmann::json& j, const std::string& field,
                  std::string default_role) {
    Person p;
    p.role = std::move(default_role);
    if (j.is_null())
        return p;
    if (!j.is_object()) {
        in.Add(field, "\"" + field + "\" phải là một đối tượng {\"name\": …}.",
               "\"" + field + "\" must be an object {\"name\": …}.");
        return p;
    }
    http::JsonFields person(j);
    p.name = person.String("name");
    p.title = person.String("title");
    p.organisation = person.String("organisation");
    p.nationality = person.String("nationality");
    if (std::string role = person.String("role"); !role.empty())
        p.role = role;
    if (auto e = person.Problem()) {
        for (const auto& f : e->fields)
            in.Add(field + "." + f.field, f.message_vi, f.message_en);
    }
    return p;
}

// An array member of objects, each read by `read` with its field name ("programme[1]").
template <typename Read>
void ReadArray(http::JsonFields& in, const std::string& name, Read read) {
    const auto& a = in.Raw(name);
    if (a.is_null())
        return;
    if (!a.is_array()) {
        in.Add(name, "Trường \"" + name + "\" phải là một mảng.",
               "The field \"" + name + "\" must be an array.");
        return;
    }
    for (std::size_t i = 0; i < a.size(); ++i)
        read(a[i], name + "[" + std::to_string(i) + "]");
}

Result<Outcome> ReadOutcome(http::JsonFields& in, const nlohmann::json& j) {
    Outcome o;
    if (!j.is_object()) {
        in.Add("outcome", "\"outcome\" phải là một đối tượng.", "\"outcome\" must be an object.");
        return o;
    }
    http::JsonFields body(j);
    o.agreement_ids = body.Ints("agreement_ids");
    o.commitments = body.String("commitments");
    ReadArray(body, "follow_ups", [&](const nlohmann::json& item, const std::string& field) {
        if (!item.is_object()) {
            body.Add(field, "\"" + field + "\" phải là một đối tượng.",
                     "\"" + field + "\" must be an object.");
            return;
        }
        http::JsonFields u(item);
        FollowUp f;
        f.description = u.String("description");
        f.responsible = u.String("responsible");
        f.due_on = u.Date("due_on");
        f.status = u.String("status");
        if (f.status.empty())
            f.status = "open";
        f.done_on = u.Date("done_on");
        if (auto e = u.Problem()) {
            for (const auto& p : e->fields)
                body.Add(field + "." + p.field, p.message_vi, p.message_en);
        }
        o.follow_ups.push_back(std::move(f));
    });
    if (auto e = body.Problem()) {
        for (const auto& p : e->fields)
            in.Add("outcome." + p.field, p.message_vi, p.message_en);
    }
    return o;
}

}  // namespace

Result<ListQuery> ParseListQuery(const http::Request& req) {
    ListQuery q;
    auto page = http::ParsePaging(req, 50);
    if (!page)
        return page.error();
    q.page = *page;
    auto& f = q.filter;
    f.q = std::string(req.Query("q").value_or(""));
    auto unit = http::ParseIntParam(req, "province", 1000, 2999);
    if (!unit)
        return unit.error();
    f.unit_id = *unit;
    auto country = http::ParseCountryParam(req, "country");
    if (!country)
        return country.error();
    f.country = *country;
    auto partner = http::ParseIntParam(req, "partner", 1, std::numeric_limits<std::int64_t>::max());
    if (!partner)
        return partner.error();
    f.partner_id = *partner;
    f.direction = std::string(req.Query("direction").value_or(""));
    f.level = std::string(req.Query("level").value_or(""));
    f.status = std::string(req.Query("status").value_or(""));
    auto year = http::ParseYearParam(req);
    if (!year)
        return year.error();
    f.year = *year;
    auto range = http::ParseDateRange(req);
    if (!range)
        return range.error();
    std::tie(f.from, f.to) = *range;
    f.report_overdue = http::FlagParam(req, "report_overdue");
    auto sort = ParseSort(req.Query("sort").value_or(""));
    if (!sort)
        return http::BadSort("start_desc, start, title, province, updated");
    q.sort = *sort;
    return q;
}

nlohmann::json DelegationJson(const Delegation& d, Date today) {
    const auto& f = d.fields;
    nlohmann::json members = nlohmann::json::array();
    for (const auto& m : f.members)
        members.push_back(PersonJson(m));
    return {{"id", d.id},
            {"title", f.title},
            {"direction", f.direction},
            {"level", f.level},
            {"admin_unit_ids", f.admin_unit_ids},
            {"admin_unit", {{"name_vi", d.unit_name_vi}, {"name_en", d.unit_name_en}}},
            {"current_unit_id", d.current_unit_id},
            {"current_unit",
             {{"name_vi", d.current_unit_name_vi}, {"name_en", d.current_unit_name_en}}},
            {"partner_ids", f.partner_ids},
            {"countries", f.countries},
            {"purpose", f.purpose},
            {"starts_on", f.starts_on.ToIso()},
            {"ends_on", f.ends_on.ToIso()},
            {"funding", f.funding},
            {"head", PersonJson(f.head)},
            {"members", members},
            {"report_due_days", f.report_due_days},
            {"note", f.note},
            {"status", StatusCode(d.status)},
            {"decision_ref", d.decision_ref},
            {"decided_on", JsonDate(d.decided_on)},
            {"decided_by", d.decided_by_login},
            {"departed_on", JsonDate(d.departed_on)},
            {"returned_on", JsonDate(d.returned_on)},
            {"report_due_on", JsonDate(d.report_due_on)},
            {"reported_on", JsonDate(d.reported_on)},
            {"report_summary", d.report_summary},
            {"report_overdue", IsReportOverdue(d, today)},
            {"created_at", d.created_at},
            {"updated_at", d.updated_at},
            {"version", d.version}};
}

nlohmann::json ViewJson(const DelegationView& v, Date today) {
    nlohmann::json j = DelegationJson(v.detail.delegation, today);
    nlohmann::json programme = nlohmann::json::array();
    for (const auto& p : v.detail.delegation.fields.programme) {
        programme.push_back({{"day", p.day.ToIso()},
                             {"time", p.time},
                             {"place", p.place},
                             {"activity", p.activity},
                             {"partner", p.partner}});
    }
    j["programme"] = programme;
    j["history"] = http::HistoryJson(v.detail.events, false);
    nlohmann::json agreements = nlohmann::json::array();
    for (const auto& a : v.agreements) {
        agreements.push_back({{"id", a.id},
                              {"title_vi", a.title_vi},
                              {"status", a.status},
                              {"signed_on", JsonDate(a.signed_on)}});
    }
    nlohmann::json follow_ups = nlohmann::json::array();
    for (const auto& u : v.detail.outcome.follow_ups) {
        follow_ups.push_back({{"description", u.description},
                              {"responsible", u.responsible},
                              {"due_on", JsonDate(u.due_on)},
                              {"status", u.status},
                              {"done_on", JsonDate(u.done_on)},
                              {"overdue", u.overdue(today)}});
    }
    j["outcome"] = {{"agreements", agreements},
                    {"commitments", v.detail.outcome.commitments},
                    {"follow_ups", follow_ups}};
    nlohmann::json overlaps = nlohmann::json::array();
    for (const auto& o : v.overlaps) {
        overlaps.push_back({{"person", o.person_name},
                            {"other_id", o.other_id},
                            {"other_title", o.other_title},
                            {"other_status", StatusCode(o.other_status)},
                            {"other_starts_on", o.other_starts_on.ToIso()},
                            {"other_ends_on", o.other_ends_on.ToIso()},
                            {"first_day", o.first_day.ToIso()},
                            {"last_day", o.last_day.ToIso()}});
    }
    j["overlaps"] = overlaps;
    return j;
}

nlohmann::json CountJson(const CountRow& row) {
    return {{"unit_id", row.unit_id},
            {"year", row.year},
            {"direction", row.direction},
            {"level", row.level},
            {"count", row.count}};
}

Result<DelegationFields> ParseFieldsJson(const nlohmann::json& body, std::int64_t* version,
                                         std::optional<Date>* proposed_on) {
    http::JsonFields in(body);
    DelegationFields f;
    f.title = in.String("title", true);
    f.direction = in.String("direction", true);
    f.level = in.String("level", true);
    f.admin_unit_ids = in.Ints("admin_unit_ids", true);
    f.partner_ids = in.Ints("partner_ids");
    f.countries = in.Strings("countries");
    f.purpose = in.String("purpose");
    f.starts_on = in.Date("starts_on", true).value_or(f.starts_on);
    f.ends_on = in.Date("ends_on", true).value_or(f.ends_on);
    if (std::string funding = in.String("funding"); !funding.empty())
        f.funding = funding;
    f.head = ReadPerson(in, in.Raw("head"), "head", "head");
    if (in.Raw("head").is_null())
        in.Add("head", "Cần nhập trưởng đoàn.", "The head of the delegation is required.");
    ReadArray(in, "members", [&](const nlohmann::json& j, const std::string& field) {
        f.members.push_back(ReadPerson(in, j, field, "member"));
    });
    ReadArray(in, "programme", [&](const nlohmann::json& j, const std::string& field) {
        if (!j.is_object()) {
            in.Add(field, "\"" + field + "\" phải là một đối tượng.",
                   "\"" + field + "\" must be an object.");
            return;
        }
        http::JsonFields item(j);
        ProgrammeItem p;
        p.day = item.Date("day", true).value_or(p.day);
        p.time = item.String("time");
        p.place = item.String("place");
        p.activity = item.String("activity");
        p.partner = item.String("partner");
        if (auto e = item.Problem()) {
            for (const auto& pr : e->fields)
                in.Add(field + "." + pr.field, pr.message_vi, pr.message_en);
        }
        f.programme.push_back(std::move(p));
    });
    if (auto days = in.Int("report_due_days"))
        f.report_due_days = static_cast<int>(std::clamp<std::int64_t>(*days, -1, 1000));
    f.note = in.String("note");
    if (version)
        *version = in.Int("version", true).value_or(0);
    if (proposed_on)
        *proposed_on = in.Date("proposed_on");
    if (auto e = in.Problem())
        return *e;
    return f;
}

Result<StepRequest> ParseStepJson(const nlohmann::json& body, std::optional<std::int64_t>* version,
                                  bool* confirm_overlaps) {
    http::JsonFields in(body);
    StepRequest r;
    r.action = in.String("action", true);
    r.date = in.Date("date", true);
    r.decision_ref = in.String("decision_ref");
    r.note = in.String("note");
    r.departed_on = in.Date("departed_on");
    r.report_summary = in.String("report_summary");
    if (const auto& o = in.Raw("outcome"); !o.is_null()) {
        auto outcome = ReadOutcome(in, o);
        if (outcome)
            r.outcome = std::move(*outcome);
    }
    if (version) {
        if (auto v = in.Int("version"))
            *version = *v;
    }
    if (confirm_overlaps)
        *confirm_overlaps = in.Bool("confirm_overlaps");
    if (auto e = in.Problem())
        return *e;
    return r;
}

}  // namespace ngoaivu::delegations::detail
