#include <algorithm>
#include <tuple>

#include "base/field_problems.hpp"
#include "http/json.hpp"
#include "http/json_fields.hpp"
#include "modules/events/events_routes.hpp"

namespace ngoaivu::events::detail {

namespace {

nlohmann::json OptIso(const std::optional<Date>& d) {
    return d ? nlohmann::json(d->ToIso()) : nlohmann::json();
}

nlohmann::json OptInt(const std::optional<std::int64_t>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json();
}

nlohmann::json Names(const std::optional<std::int64_t>& id, const std::string& vi,
                     const std::string& en) {
    if (!id)
        return nullptr;
    return {{"name_vi", vi}, {"name_en", en}};
}

// Reads the array `name` of objects, each with `read` on its own JsonFields; a problem of an item
// is named after it ("sessions[1].day").
template <typename Read>
void ReadItems(http::JsonFields& in, const std::string& name, Read read) {
    const nlohmann::json& list = in.Raw(name);
    if (list.is_null())
        return;
    if (!list.is_array()) {
        in.Add(name, "Trường \"" + name + "\" phải là một mảng.",
               "The field \"" + name + "\" must be an array.");
        return;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const nlohmann::json& item = list[i];
        if (!item.is_object()) {
            in.Add(ItemField(name, i), "Mỗi phần tử của \"" + name + "\" phải là một đối tượng.",
                   "Each item of \"" + name + "\" must be an object.");
            continue;
        }
        http::JsonFields sub(item);
        read(sub, i);
        if (auto e = sub.Problem()) {
            for (const auto& f : e->fields)
                in.Add(ItemField(name, i, f.field), f.message_vi, f.message_en);
        }
    }
}

int SmallInt(std::optional<std::int64_t> v) {
    return static_cast<int>(std::clamp<std::int64_t>(v.value_or(0), -1, 100000));
}

}  // namespace

Result<ListQuery> ParseListQuery(const http::Request& req) {
    ListQuery q;
    auto page = http::ParsePaging(req, 50);
    if (!page)
        return page.error();
    q.page = *page;
    EventFilter& f = q.filter;
    f.q = std::string(req.Query("q").value_or(""));
    auto unit = http::ParseIntParam(req, "province", 1000, 2999);
    if (!unit)
        return unit.error();
    f.unit_id = *unit;
    if (auto national = req.Query("national")) {
        if (*national == "1" || *national == "true")
            f.national = true;
        else if (*national == "0" || *national == "false")
            f.national = false;
        else if (!national->empty())
            return Error::InvalidArgument("national", "national phải là 1 hoặc 0.",
                                          "national must be 1 or 0.");
    }
    auto country = http::ParseCountryParam(req, "country");
    if (!country)
        return country.error();
    f.country = *country;
    f.type = std::string(req.Query("type").value_or(""));
    f.status = std::string(req.Query("status").value_or(""));
    auto year = http::ParseYearParam(req);
    if (!year)
        return year.error();
    f.year = *year;
    auto range = http::ParseDateRange(req);
    if (!range)
        return range.error();
    std::tie(f.from, f.to) = *range;
    f.overdue = http::FlagParam(req, "overdue");
    auto sort = ParseSort(req.Query("sort").value_or(""));
    if (!sort)
        return http::BadSort("start_desc, start, title, province, due, updated");
    q.sort = *sort;
    return q;
}

nlohmann::json EventJson(const EventRow& row, Date today) {
    const EventRecord& e = row.record;
    const EventFields& f = e.fields;
    const HostUnit& h = row.host;
    return {{"id", e.id},
            {"title_vi", f.title_vi},
            {"title_en", f.title_en},
            {"type", f.type},
            {"theme", f.theme},
            {"starts_on", f.starts_on.ToIso()},
            {"ends_on", f.ends_on.ToIso()},
            {"report_year", ReportYearOf(f.starts_on)},
            {"format", f.format},
            {"venue", f.venue},
            {"national", f.national},
            {"admin_unit_id", OptInt(h.admin_unit_id)},
            {"admin_unit", Names(h.admin_unit_id, h.name_vi, h.name_en)},
            {"current_unit_id", OptInt(h.current_unit_id)},
            {"current_unit", Names(h.current_unit_id, h.current_name_vi, h.current_name_en)},
            {"admin_unit_ids", f.admin_unit_ids},
            {"countries", f.countries},
            {"organisers", f.organisers},
            {"foreign_sponsor", f.foreign_sponsor},
            {"funding", f.funding},
            {"participants", EventService::ParticipantsJson(f.participants)},
            {"sensitive_topics", f.sensitive_topics},
            {"state_secret", f.state_secret},
            {"ordinal", f.ordinal ? nlohmann::json(*f.ordinal) : nlohmann::json()},
            {"note", f.note},
            {"status", StatusCode(e.status)},
            {"decider", DeciderCode(e.decider)},
            {"requested_on", OptIso(e.requested_on)},
            {"decision_ref", e.decision_ref},
            {"decided_on", OptIso(e.decided_on)},
            {"consultation_due_on", OptIso(e.consultation_due_on)},
            {"report_due_on", OptIso(e.report_due_on)},
            {"reported_on", OptIso(e.reported_on)},
            {"next_due_on", OptIso(e.next_due_on)},
            {"overdue", e.next_due_on && *e.next_due_on < today},
            {"created_at", e.created_at},
            {"updated_at", e.updated_at},
            {"version", e.version}};
}

nlohmann::json DetailJson(const EventView& view, Date today) {
    const EventRecord& e = view.detail.event;
    const EventFields& f = e.fields;
    nlohmann::json j = EventJson({e, view.host}, today);
    nlohmann::json bridge = nlohmann::json::array();
    for (const auto& b : f.bridge_points)
        bridge.push_back({{"name", b.name}, {"admin_unit_id", OptInt(b.admin_unit_id)}});
    nlohmann::json sessions = nlohmann::json::array();
    for (const auto& s : f.sessions) {
        sessions.push_back({{"title", s.title},
                            {"day", s.day.ToIso()},
                            {"starts_at", s.starts_at},
                            {"ends_at", s.ends_at},
                            {"chairs", s.chairs},
                            {"speakers", s.speakers}});
    }
    nlohmann::json awards = nlohmann::json::array();
    for (const auto& a : f.awards) {
        awards.push_back({{"kind", a.kind},
                          {"recipient", a.recipient},
                          {"recipient_kind", a.recipient_kind},
                          {"recipient_unit_id", OptInt(a.recipient_unit_id)},
                          {"note", a.note}});
    }
    nlohmann::json press = nlohmann::json::array();
    for (const auto& l : f.press_links) {
        press.push_back({{"title", l.title},
                         {"url", l.url},
                         {"outlet", l.outlet},
                         {"published_on", OptIso(l.published_on)}});
    }
    nlohmann::json deadlines = nlohmann::json::array();
    for (const auto& d : view.detail.deadlines) {
        deadlines.push_back({{"id", d.id},
                             {"kind", DeadlineKindCode(d.kind)},
                             {"body", d.body},
                             {"opened_on", d.opened_on.ToIso()},
                             {"due_on", d.due_on.ToIso()},
                             {"closed_on", OptIso(d.closed_on)},
                             {"outcome", d.outcome},
                             {"note", d.note},
                             {"overdue", d.overdue(today)}});
    }
    nlohmann::json history = http::HistoryJson(view.detail.history, true);
    // Who permits the event as its description stands now, and why.
    const Competence competence = WhoDecides(f);
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto& r : competence.reasons) {
        reasons.push_back({{"code", r.code},
                           {"detail", r.detail},
                           {"message_vi", r.message_vi},
                           {"message_en", r.message_en}});
    }
    nlohmann::json warnings = nlohmann::json::array();
    if (e.requested_on) {
        if (auto w = LateRequest(f, *e.requested_on)) {
            warnings.push_back({{"code", w->code},
                                {"days_short", w->days_short},
                                {"latest_on", w->latest_on.ToIso()},
                                {"message_vi", w->message_vi},
                                {"message_en", w->message_en}});
        }
    }
    j["bridge_points"] = bridge;
    j["sessions"] = sessions;
    j["awards"] = awards;
    j["press_links"] = press;
    j["competence"] = {{"decider", DeciderCode(competence.decider)},
                       {"lead_days", LeadDays(competence.decider)},
                       {"reasons", reasons}};
    j["warnings"] = warnings;
    j["deadlines"] = deadlines;
    j["history"] = history;
    return j;
}

nlohmann::json DueJson(const EventDueItem& item, Date today) {
    return {{"deadline_id", item.deadline_id},
            {"event_id", item.event_id},
            {"event_title", item.event_title},
            {"admin_unit_id", OptInt(item.admin_unit_id)},
            {"current_unit_id", OptInt(item.current_unit_id)},
            {"current_unit", Names(item.current_unit_id, item.unit_name_vi, item.unit_name_en)},
            {"kind", DeadlineKindCode(item.kind)},
            {"body", item.body},
            {"due_on", item.due_on.ToIso()},
            {"overdue", item.due_on < today}};
}

nlohmann::json CountJson(const EventCount& c) {
    return {{"unit_id", OptInt(c.unit_id)}, {"year", c.year}, {"type", c.type}, {"count", c.count}};
}

nlohmann::json YearlyJson(const EventYearlyReport& r, Date today) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& item : r.items) {
        nlohmann::json j = EventJson(item.event, today);
        j["report_status"] = item.report_status;
        items.push_back(std::move(j));
    }
    return {
        {"province", {{"id", r.unit_id}, {"name_vi", r.unit_name_vi}, {"name_en", r.unit_name_en}}},
        {"year", r.year},
        {"period", {{"from", r.from.ToIso()}, {"to", r.to.ToIso()}}},
        {"due_on", r.due_on.ToIso()},
        {"overdue", today > r.due_on},
        {"items", items},
        {"totals",
         {{"events", r.items.size()},
          {"participants_vietnamese", r.participants_vietnamese},
          {"participants_foreign", r.participants_foreign},
          {"decided_by_prime_minister", r.decided_by_pm},
          {"decided_by_provincial_chairman", r.decided_by_chairman},
          {"reported", r.reported}}}};
}

Result<EventFields> ParseFieldsJson(const nlohmann::json& body, std::int64_t* version,
                                    std::optional<Date>* planned_on) {
    http::JsonFields in(body);
    EventFields f;
    f.title_vi = in.String("title_vi", true);
    f.title_en = in.String("title_en");
    f.type = in.String("type", true);
    f.theme = in.String("theme");
    f.starts_on = in.Date("starts_on", true).value_or(Date::FromDays(0));
    f.ends_on = in.Date("ends_on").value_or(f.starts_on);
    f.format = in.String("format");
    if (f.format.empty())
        f.format = "in_person";
    f.venue = in.String("venue");
    f.national = in.Bool("national");
    f.admin_unit_ids = in.Ints("admin_unit_ids");
    f.countries = in.Strings("countries");
    f.organisers = in.Strings("organisers");
    f.foreign_sponsor = in.Bool("foreign_sponsor");
    f.funding = in.String("funding");
    f.sensitive_topics = in.Strings("sensitive_topics");
    f.state_secret = in.Bool("state_secret");
    f.note = in.String("note");
    if (auto o = in.Int("ordinal"))
        f.ordinal = SmallInt(o);
    const nlohmann::json& participants = in.Raw("participants");
    if (participants.is_object()) {
        http::JsonFields p(participants);
        f.participants.vietnamese = p.Int("vietnamese").value_or(0);
        f.participants.foreign = p.Int("foreign").value_or(0);
        f.participants.highest_foreign_rank = p.String("highest_foreign_rank");
        if (f.participants.highest_foreign_rank.empty())
            f.participants.highest_foreign_rank = "none";
        f.participants.delegates_in_person = p.Int("delegates_in_person").value_or(0);
        if (auto e = p.Problem()) {
            for (const auto& problem : e->fields)
                in.Add("participants." + problem.field, problem.message_vi, problem.message_en);
        }
    } else if (!participants.is_null()) {
        in.Add("participants", "Trường \"participants\" phải là một đối tượng.",
               "The field \"participants\" must be an object.");
    }
    ReadItems(in, "bridge_points", [&](http::JsonFields& b, std::size_t) {
        BridgePoint point;
        point.name = b.String("name", true);
        point.admin_unit_id = b.Int("admin_unit_id");
        f.bridge_points.push_back(std::move(point));
    });
    ReadItems(in, "sessions", [&](http::JsonFields& s, std::size_t) {
        Session session;
        session.title = s.String("title", true);
        session.day = s.Date("day", true).value_or(f.starts_on);
        session.starts_at = s.String("starts_at");
        session.ends_at = s.String("ends_at");
        session.chairs = s.Strings("chairs");
        session.speakers = s.Strings("speakers");
        f.sessions.push_back(std::move(session));
    });
    ReadItems(in, "awards", [&](http::JsonFields& a, std::size_t) {
        Award award;
        award.kind = a.String("kind", true);
        award.recipient = a.String("recipient", true);
        award.recipient_kind = a.String("recipient_kind");
        if (award.recipient_kind.empty())
            award.recipient_kind = "person";
        award.recipient_unit_id = a.Int("recipient_unit_id");
        award.note = a.String("note");
        f.awards.push_back(std::move(award));
    });
    ReadItems(in, "press_links", [&](http::JsonFields& l, std::size_t) {
        PressLink link;
        link.title = l.String("title", true);
        link.url = l.String("url", true);
        link.outlet = l.String("outlet");
        link.published_on = l.Date("published_on");
        f.press_links.push_back(std::move(link));
    });
    if (version)
        *version = in.Int("version", true).value_or(0);
    if (planned_on)
        *planned_on = in.Date("planned_on");
    if (auto e = in.Problem())
        return *e;
    return f;
}

Result<StepRequest> ParseStepJson(const nlohmann::json& body,
                                  std::optional<std::int64_t>* version) {
    http::JsonFields in(body);
    StepRequest r;
    r.action = in.String("action", true);
    r.date = in.Date("date", true);
    r.bodies = in.Strings("bodies");
    r.body = in.String("body");
    r.outcome = in.String("outcome");
    r.decision_ref = in.String("decision_ref");
    r.note = in.String("note");
    if (version)
        *version = in.Int("version");
    if (auto e = in.Problem())
        return *e;
    return r;
}

}  // namespace ngoaivu::events::detail
