#include <algorithm>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

#include "base/text.hpp"
#include "modules/events/event_repository.hpp"
#include "storage/sql_filter.hpp"

namespace ngoaivu::events {

namespace {

using storage::Row;
using storage::SqlFilter;
using storage::Value;

constexpr const char* kColumns =
    "e.id, e.title_vi, e.title_en, e.type, e.theme, e.starts_on, e.ends_on, e.format, e.venue, "
    "e.national, e.admin_unit_id, e.current_unit_id, e.foreign_sponsor, e.funding, "
    "e.participants_vietnamese, e.participants_foreign, e.delegates_in_person, "
    "e.highest_foreign_rank, e.state_secret, e.decider, e.status, e.requested_on, "
    "e.decision_ref, e.decided_on, e.consultation_due_on, e.report_due_on, e.reported_on, "
    "e.next_due_on, e.ordinal, e.note, e.created_at, e.updated_at, e.version, u.name_vi, "
    "u.name_en, cu.name_vi, cu.name_en";
constexpr const char* kFrom =
    " FROM event e LEFT JOIN admin_unit u ON u.id = e.admin_unit_id "
    "LEFT JOIN admin_unit cu ON cu.id = e.current_unit_id";

// The columns an insert or an update writes, $1 to $30 (current_unit_id is computed from
// admin_unit_id, $11, by the statement).
constexpr const char* kInsert =
    "INSERT INTO event (title_vi, title_en, type, theme, starts_on, ends_on, start_year, format, "
    "venue, national, admin_unit_id, current_unit_id, foreign_sponsor, funding, "
    "participants_vietnamese, participants_foreign, delegates_in_person, highest_foreign_rank, "
    "state_secret, decider, status, requested_on, decision_ref, decided_on, "
    "consultation_due_on, report_due_on, reported_on, next_due_on, ordinal, note, search_text, "
    "created_by, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
    "$10, $11, COALESCE((SELECT s.new_unit_id FROM admin_unit_succession s WHERE s.old_unit_id "
    "= $11), $11), $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, "
    "$27, $28, $29, $30, $31, $32, $32, 1) RETURNING id";
constexpr const char* kUpdate =
    "UPDATE event SET title_vi = $1, title_en = $2, type = $3, theme = $4, starts_on = $5, "
    "ends_on = $6, start_year = $7, format = $8, venue = $9, national = $10, admin_unit_id = "
    "$11, current_unit_id = COALESCE((SELECT s.new_unit_id FROM admin_unit_succession s WHERE "
    "s.old_unit_id = $11), $11), foreign_sponsor = $12, funding = $13, participants_vietnamese "
    "= $14, participants_foreign = $15, delegates_in_person = $16, highest_foreign_rank = $17, "
    "state_secret = $18, decider = $19, status = $20, requested_on = $21, decision_ref = $22, "
    "decided_on = $23, consultation_due_on = $24, report_due_on = $25, reported_on = $26, "
    "next_due_on = $27, ordinal = $28, note = $29, search_text = $30, updated_at = $31, "
    "version = version + 1 WHERE id = $32 AND version = $33";
constexpr const char* kUnitColumns =
    "SELECT u.id, u.name_vi, u.name_en, u.valid_from, u.valid_to, "
    "COALESCE((SELECT s.new_unit_id FROM admin_unit_succession s WHERE s.old_unit_id = u.id), "
    "u.id), u.short_name_vi FROM admin_unit u";

std::optional<Date> OptDate(const Row& r, std::size_t i) {
    auto t = r.OptText(i);
    if (!t)
        return std::nullopt;
    return Date::ParseIso(*t);
}

Date DateAt(const Row& r, std::size_t i) {
    return Date::ParseIso(r.Text(i)).value_or(Date::FromDays(0));
}

Value DateValue(const std::optional<Date>& d) {
    return d ? Value(d->ToIso()) : Value();
}

Value Flag(bool b) {
    return Value(b ? 1 : 0);
}

std::string JsonList(const std::vector<std::string>& items) {
    return nlohmann::json(items).dump();
}

std::vector<std::string> ParseJsonList(const std::string& s) {
    std::vector<std::string> out;
    auto j = nlohmann::json::parse(s, nullptr, false);
    if (!j.is_array())
        return out;
    for (const auto& item : j) {
        if (item.is_string())
            out.push_back(item.get<std::string>());
    }
    return out;
}

UnitInfo ToUnit(const Row& r) {
    UnitInfo u;
    u.id = r.Int(0);
    u.name_vi = r.Text(1);
    u.name_en = r.Text(2);
    u.valid_from = DateAt(r, 3);
    u.valid_to = OptDate(r, 4);
    u.current_id = r.Int(5);
    u.short_name_vi = r.Text(6);
    return u;
}

EventRow ToRow(const Row& r) {
    EventRow row;
    EventRecord& e = row.record;
    EventFields& f = e.fields;
    e.id = r.Int(0);
    f.title_vi = r.Text(1);
    f.title_en = r.Text(2);
    f.type = r.Text(3);
    f.theme = r.Text(4);
    f.starts_on = DateAt(r, 5);
    f.ends_on = DateAt(r, 6);
    f.format = r.Text(7);
    f.venue = r.Text(8);
    f.national = r.Int(9) != 0;
    row.host.admin_unit_id = r.OptInt(10);
    row.host.current_unit_id = r.OptInt(11);
    f.foreign_sponsor = r.Int(12) != 0;
    f.funding = r.Text(13);
    f.participants.vietnamese = r.Int(14);
    f.participants.foreign = r.Int(15);
    f.participants.delegates_in_person = r.Int(16);
    f.participants.highest_foreign_rank = r.Text(17);
    f.state_secret = r.Int(18) != 0;
    e.decider = ParseDecider(r.Text(19)).value_or(Decider::kNone);
    e.status = ParseStatus(r.Text(20)).value_or(Status::kPlanned);
    e.requested_on = OptDate(r, 21);
    e.decision_ref = r.Text(22);
    e.decided_on = OptDate(r, 23);
    e.consultation_due_on = OptDate(r, 24);
    e.report_due_on = OptDate(r, 25);
    e.reported_on = OptDate(r, 26);
    e.next_due_on = OptDate(r, 27);
    if (auto o = r.OptInt(28))
        f.ordinal = static_cast<int>(*o);
    f.note = r.Text(29);
    e.created_at = r.Text(30);
    e.updated_at = r.Text(31);
    e.version = r.Int(32);
    row.host.name_vi = r.Text(33);
    row.host.name_en = r.Text(34);
    row.host.current_name_vi = r.Text(35);
    row.host.current_name_en = r.Text(36);
    return row;
}

// The position of `topic` in SensitiveTopics(), so that topics read back in the list's order.
std::size_t TopicIndex(const std::string& topic) {
    const auto& list = SensitiveTopics();
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (list[i].code == topic)
            return i;
    }
    return list.size();
}

// Loads the hosting provinces, countries, organisers and sensitive topics of `rows` in four
// queries (no query per row).
void LoadLinks(storage::Transaction& tx, std::vector<EventRow>& rows) {
    if (rows.empty())
        return;
    std::map<std::int64_t, EventFields*> by_id;
    std::vector<Value> ids;
    for (auto& r : rows) {
        EventFields& f = r.record.fields;
        by_id[r.record.id] = &f;
        ids.emplace_back(r.record.id);
        f.admin_unit_ids.clear();
        f.countries.clear();
        f.organisers.clear();
        f.sensitive_topics.clear();
    }
    auto query = [&](const char* select, const char* order) {
        SqlFilter f;
        f.AddInValues("event_id", ids);
        return tx.Query(std::string(select) + f.Where() + order, f.params());
    };
    for (const auto& r :
         query("SELECT event_id, admin_unit_id FROM event_unit", " ORDER BY event_id, position"))
        by_id.at(r.Int(0))->admin_unit_ids.push_back(r.Int(1));
    for (const auto& r : query("SELECT event_id, country_alpha2 FROM event_country",
                               " ORDER BY event_id, position"))
        by_id.at(r.Int(0))->countries.push_back(r.Text(1));
    for (const auto& r :
         query("SELECT event_id, name FROM event_organiser", " ORDER BY event_id, position"))
        by_id.at(r.Int(0))->organisers.push_back(r.Text(1));
    for (const auto& r :
         query("SELECT event_id, topic FROM event_sensitive_topic", " ORDER BY event_id, topic"))
        by_id.at(r.Int(0))->sensitive_topics.push_back(r.Text(1));
    for (auto& r : rows) {
        auto& topics = r.record.fields.sensitive_topics;
        std::sort(topics.begin(), topics.end(),
                  [](const auto& a, const auto& b) { return TopicIndex(a) < TopicIndex(b); });
    }
}

std::vector<Value> EventValues(const EventRecord& e) {
    const EventFields& f = e.fields;
    std::string search = text::Fold(f.title_vi + " " + f.title_en + " " + f.theme + " " + f.venue);
    Value unit =
        !f.national && !f.admin_unit_ids.empty() ? Value(f.admin_unit_ids.front()) : Value();
    return {Value(f.title_vi),
            Value(f.title_en),
            Value(f.type),
            Value(f.theme),
            Value(f.starts_on.ToIso()),
            Value(f.ends_on.ToIso()),
            Value(static_cast<std::int64_t>(f.starts_on.year())),
            Value(f.format),
            Value(f.venue),
            Flag(f.national),
            unit,
            Flag(f.foreign_sponsor),
            Value(f.funding),
            Value(f.participants.vietnamese),
            Value(f.participants.foreign),
            Value(f.participants.delegates_in_person),
            Value(f.participants.highest_foreign_rank),
            Flag(f.state_secret),
            Value(std::string(DeciderCode(e.decider))),
            Value(std::string(StatusCode(e.status))),
            DateValue(e.requested_on),
            Value(e.decision_ref),
            DateValue(e.decided_on),
            DateValue(e.consultation_due_on),
            DateValue(e.report_due_on),
            DateValue(e.reported_on),
            DateValue(e.next_due_on),
            f.ordinal ? Value(static_cast<std::int64_t>(*f.ordinal)) : Value(),
            Value(f.note),
            Value(search)};
}

void WriteLists(storage::Transaction& tx, std::int64_t id, const EventFields& f) {
    for (const char* table :
         {"event_unit", "event_country", "event_organiser", "event_bridge_point",
          "event_sensitive_topic", "event_session", "event_award", "event_press_link"}) {
        tx.Exec(std::string("DELETE FROM ") + table + " WHERE event_id = $1", {id});
    }
    std::int64_t pos = 0;
    if (!f.national) {
        for (auto unit : f.admin_unit_ids) {
            tx.Exec(
                "INSERT INTO event_unit (event_id, position, admin_unit_id, current_unit_id) "
                "VALUES ($1, $2, $3, COALESCE((SELECT s.new_unit_id FROM admin_unit_succession s "
                "WHERE s.old_unit_id = $3), $3))",
                {id, pos++, unit});
        }
    }
    pos = 0;
    for (const auto& c : f.countries) {
        tx.Exec(
            "INSERT INTO event_country (event_id, country_alpha2, position) VALUES ($1, $2, $3)",
            {id, c, pos++});
    }
    pos = 0;
    for (const auto& o : f.organisers) {
        tx.Exec("INSERT INTO event_organiser (event_id, position, name) VALUES ($1, $2, $3)",
                {id, pos++, o});
    }
    pos = 0;
    for (const auto& b : f.bridge_points) {
        tx.Exec(
            "INSERT INTO event_bridge_point (event_id, position, name, admin_unit_id) VALUES ($1, "
            "$2, $3, $4)",
            {id, pos++, b.name, b.admin_unit_id ? Value(*b.admin_unit_id) : Value()});
    }
    for (const auto& t : f.sensitive_topics)
        tx.Exec("INSERT INTO event_sensitive_topic (event_id, topic) VALUES ($1, $2)", {id, t});
    pos = 0;
    for (const auto& s : f.sessions) {
        tx.Exec(
            "INSERT INTO event_session (event_id, position, title, day, starts_at, ends_at, "
            "chairs, speakers) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            {id, pos++, s.title, s.day.ToIso(), s.starts_at, s.ends_at, JsonList(s.chairs),
             JsonList(s.speakers)});
    }
    pos = 0;
    for (const auto& a : f.awards) {
        tx.Exec(
            "INSERT INTO event_award (event_id, position, kind, recipient, recipient_kind, "
            "recipient_unit_id, note) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            {id, pos++, a.kind, a.recipient, a.recipient_kind,
             a.recipient_unit_id ? Value(*a.recipient_unit_id) : Value(), a.note});
    }
    pos = 0;
    for (const auto& l : f.press_links) {
        tx.Exec(
            "INSERT INTO event_press_link (event_id, position, title, url, outlet, published_on) "
            "VALUES ($1, $2, $3, $4, $5, $6)",
            {id, pos++, l.title, l.url, l.outlet, DateValue(l.published_on)});
    }
}

// Only the events the scope sees: national events, and those of the scope's provinces.
void AddScope(SqlFilter& f, const Scope& scope) {
    if (scope.all)
        return;
    if (scope.unit_ids.empty()) {
        f.Add("e.national = 1");
        return;
    }
    std::string condition = "(e.national = 1 OR e.admin_unit_id IN (";
    std::vector<Value> values;
    for (std::size_t i = 0; i < scope.unit_ids.size(); ++i) {
        condition += i == 0 ? "?" : ", ?";
        values.emplace_back(scope.unit_ids[i]);
    }
    condition += "))";
    f.AddValues(condition, std::move(values));
}

// A province of the second generation (after 1 July 2025) is matched by today's boundaries;
// one of the first by the province as of the event (geo::AdminUnitId: generation × 1000 + code).
void AddUnit(SqlFilter& f, std::optional<std::int64_t> unit_id) {
    if (!unit_id)
        return;
    if (*unit_id >= 2000)
        f.Add("e.current_unit_id = ?", *unit_id);
    else
        f.Add("e.admin_unit_id = ?", *unit_id);
}

std::string OrderBy(EventSort sort) {
    switch (sort) {
        case EventSort::kStartDesc:
            return " ORDER BY e.starts_on DESC, e.id DESC";
        case EventSort::kStartAsc:
            return " ORDER BY e.starts_on, e.id";
        case EventSort::kTitle:
            return " ORDER BY e.title_vi COLLATE vi, e.id";
        case EventSort::kProvince:
            return " ORDER BY cu.name_vi COLLATE vi NULLS FIRST, e.starts_on DESC, e.id DESC";
        case EventSort::kDue:
            return " ORDER BY e.next_due_on ASC NULLS LAST, e.id";
        case EventSort::kUpdated:
            return " ORDER BY e.updated_at DESC, e.id DESC";
    }
    return "";
}

Deadline ToDeadline(const Row& r) {
    Deadline d;
    d.id = r.Int(0);
    d.event_id = r.Int(1);
    d.kind = ParseDeadlineKind(r.Text(2)).value_or(DeadlineKind::kConsultation);
    d.body = r.Text(3);
    d.opened_on = DateAt(r, 4);
    d.due_on = DateAt(r, 5);
    d.closed_on = OptDate(r, 6);
    d.outcome = r.Text(7);
    d.note = r.Text(8);
    return d;
}

}  // namespace

std::optional<EventSort> ParseSort(std::string_view s) {
    if (s.empty() || s == "start_desc")
        return EventSort::kStartDesc;
    if (s == "start")
        return EventSort::kStartAsc;
    if (s == "title")
        return EventSort::kTitle;
    if (s == "province")
        return EventSort::kProvince;
    if (s == "due")
        return EventSort::kDue;
    if (s == "updated")
        return EventSort::kUpdated;
    return std::nullopt;
}

std::string_view SortName(EventSort s) {
    switch (s) {
        case EventSort::kStartDesc:
            return "start_desc";
        case EventSort::kStartAsc:
            return "start";
        case EventSort::kTitle:
            return "title";
        case EventSort::kProvince:
            return "province";
        case EventSort::kDue:
            return "due";
        case EventSort::kUpdated:
            return "updated";
    }
    return "start_desc";
}

std::vector<UnitInfo> SqlEventRepository::FindUnits(storage::Transaction& tx,
                                                    const std::vector<std::int64_t>& ids) {
    std::vector<UnitInfo> out;
    if (ids.empty())
        return out;
    SqlFilter f;
    f.AddIn("u.id", ids);
    for (const auto& r : tx.Query(std::string(kUnitColumns) + f.Where(), f.params()))
        out.push_back(ToUnit(r));
    return out;
}

std::vector<UnitInfo> SqlEventRepository::AllUnits(storage::Transaction& tx) {
    std::vector<UnitInfo> out;
    for (const auto& r : tx.Query(std::string(kUnitColumns) +
                                  " ORDER BY u.generation DESC, u.short_name_vi COLLATE vi"))
        out.push_back(ToUnit(r));
    return out;
}

std::set<std::string> SqlEventRepository::FindCountries(storage::Transaction& tx,
                                                        const std::vector<std::string>& codes) {
    std::set<std::string> out;
    if (codes.empty())
        return out;
    SqlFilter f;
    f.AddIn("alpha2", codes);
    for (const auto& r : tx.Query("SELECT alpha2 FROM country" + f.Where(), f.params()))
        out.insert(r.Text(0));
    return out;
}

std::optional<std::int64_t> SqlEventRepository::FindDuplicate(storage::Transaction& tx,
                                                              const std::string& title_vi,
                                                              std::optional<std::int64_t> unit_id,
                                                              Date starts_on) {
    auto r = unit_id ? tx.QueryOne(
                           "SELECT id FROM event WHERE admin_unit_id = $1 AND title_vi = $2 AND "
                           "starts_on = $3 LIMIT 1",
                           {*unit_id, title_vi, starts_on.ToIso()})
                     : tx.QueryOne(
                           "SELECT id FROM event WHERE admin_unit_id IS NULL AND title_vi = $1 "
                           "AND starts_on = $2 LIMIT 1",
                           {title_vi, starts_on.ToIso()});
    if (!r)
        return std::nullopt;
    return r->Int(0);
}

Page<EventRow> SqlEventRepository::List(storage::Transaction& tx, const Scope& scope,
                                        const EventFilter& filter, EventSort sort,
                                        const PageRequest& page, Date today) {
    SqlFilter f;
    AddScope(f, scope);
    AddUnit(f, filter.unit_id);
    if (filter.national)
        f.Add("e.national = ?", *filter.national ? 1 : 0);
    const std::string q = text::Fold(filter.q);
    if (!q.empty())
        f.Add("e.search_text LIKE ? ESCAPE '\\'", storage::LikeContains(q));
    if (!filter.country.empty()) {
        f.Add(
            "EXISTS (SELECT 1 FROM event_country c WHERE c.event_id = e.id AND "
            "c.country_alpha2 = ?)",
            filter.country);
    }
    if (!filter.type.empty())
        f.Add("e.type = ?", filter.type);
    if (!filter.status.empty())
        f.Add("e.status = ?", filter.status);
    if (filter.year)
        f.Add("e.start_year = ?", static_cast<std::int64_t>(*filter.year));
    // Taking place within [from, to]. An event lasts at most 366 days, so one that is still on
    // at `from` began at most 366 days before it: a range of the start-date indexes.
    if (filter.from) {
        f.Add("e.ends_on >= ?", filter.from->ToIso());
        f.Add("e.starts_on >= ?", filter.from->AddDays(-366).ToIso());
    }
    if (filter.to)
        f.Add("e.starts_on <= ?", filter.to->ToIso());
    if (filter.overdue)
        f.Add("e.next_due_on < ?", today.ToIso());

    Page<EventRow> out;
    out.page = page.page;
    out.per_page = page.per_page;
    // The count needs no join: no condition reads the unit tables.
    out.total = tx.QueryOne("SELECT COUNT(*) FROM event e" + f.Where(), f.params())->Int(0);
    std::string sql = std::string("SELECT ") + kColumns + kFrom + f.Where() + OrderBy(sort) +
                      f.Next(" LIMIT ? OFFSET ?");
    for (const auto& r :
         tx.Query(sql, f.ParamsWith({static_cast<std::int64_t>(page.per_page), page.offset()})))
        out.items.push_back(ToRow(r));
    LoadLinks(tx, out.items);
    return out;
}

void SqlEventRepository::LoadBridgePoints(storage::Transaction& tx, std::vector<EventRow>& rows) {
    if (rows.empty())
        return;
    std::map<std::int64_t, EventFields*> by_id;
    std::vector<Value> ids;
    for (auto& r : rows) {
        by_id[r.record.id] = &r.record.fields;
        ids.emplace_back(r.record.id);
        r.record.fields.bridge_points.clear();
    }
    SqlFilter f;
    f.AddInValues("event_id", ids);
    for (const auto& r : tx.Query("SELECT event_id, name, admin_unit_id FROM event_bridge_point" +
                                      f.Where() + " ORDER BY event_id, position",
                                  f.params()))
        by_id.at(r.Int(0))->bridge_points.push_back({r.Text(1), r.OptInt(2)});
}

std::optional<EventView> SqlEventRepository::Get(storage::Transaction& tx, std::int64_t id) {
    auto r = tx.QueryOne(std::string("SELECT ") + kColumns + kFrom + " WHERE e.id = $1", {id});
    if (!r)
        return std::nullopt;
    std::vector<EventRow> one{ToRow(*r)};
    LoadLinks(tx, one);
    LoadBridgePoints(tx, one);
    EventView v;
    v.detail.event = std::move(one.front().record);
    v.host = std::move(one.front().host);
    EventFields& f = v.detail.event.fields;
    for (const auto& row :
         tx.Query("SELECT title, day, starts_at, ends_at, chairs, speakers FROM event_session "
                  "WHERE event_id = $1 ORDER BY position",
                  {id})) {
        Session s;
        s.title = row.Text(0);
        s.day = DateAt(row, 1);
        s.starts_at = row.Text(2);
        s.ends_at = row.Text(3);
        s.chairs = ParseJsonList(row.Text(4));
        s.speakers = ParseJsonList(row.Text(5));
        f.sessions.push_back(std::move(s));
    }
    for (const auto& row : tx.Query(
             "SELECT kind, recipient, recipient_kind, recipient_unit_id, note FROM event_award "
             "WHERE event_id = $1 ORDER BY position",
             {id})) {
        f.awards.push_back({row.Text(0), row.Text(1), row.Text(2), row.OptInt(3), row.Text(4)});
    }
    for (const auto& row :
         tx.Query("SELECT title, url, outlet, published_on FROM event_press_link WHERE event_id = "
                  "$1 ORDER BY position",
                  {id})) {
        f.press_links.push_back({row.Text(0), row.Text(1), row.Text(2), OptDate(row, 3)});
    }
    for (const auto& row :
         tx.Query("SELECT id, event_id, kind, body, opened_on, due_on, closed_on, outcome, note "
                  "FROM event_deadline WHERE event_id = $1 ORDER BY opened_on, id",
                  {id}))
        v.detail.deadlines.push_back(ToDeadline(row));
    for (const auto& row :
         tx.Query("SELECT id, action, happened_on, from_status, to_status, note, user_login, "
                  "recorded_at FROM event_history WHERE event_id = $1 ORDER BY id",
                  {id})) {
        HistoryEntry h;
        h.id = row.Int(0);
        h.action = row.Text(1);
        h.happened_on = DateAt(row, 2);
        h.from_status = row.Text(3);
        h.to_status = row.Text(4);
        h.note = row.Text(5);
        h.user_login = row.Text(6);
        h.recorded_at = row.Text(7);
        v.detail.history.push_back(std::move(h));
    }
    return v;
}

std::int64_t SqlEventRepository::Insert(storage::Transaction& tx, const EventRecord& e,
                                        std::int64_t created_by, const std::string& now) {
    std::vector<Value> values = EventValues(e);
    values.emplace_back(created_by > 0 ? Value(created_by) : Value());
    values.emplace_back(now);
    std::int64_t id = tx.QueryOne(kInsert, values)->Int(0);
    WriteLists(tx, id, e.fields);
    return id;
}

bool SqlEventRepository::Update(storage::Transaction& tx, const EventRecord& e, bool with_lists,
                                std::int64_t expected_version, const std::string& now) {
    std::vector<Value> values = EventValues(e);
    values.emplace_back(now);
    values.emplace_back(e.id);
    values.emplace_back(expected_version);
    if (tx.Exec(kUpdate, values) != 1)
        return false;
    if (with_lists)
        WriteLists(tx, e.id, e.fields);
    return true;
}

std::int64_t SqlEventRepository::InsertHistory(storage::Transaction& tx, std::int64_t event_id,
                                               const HistoryEntry& h, std::int64_t user_id) {
    return tx
        .QueryOne(
            "INSERT INTO event_history (event_id, action, happened_on, from_status, to_status, "
            "note, user_id, user_login, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
            "$9) RETURNING id",
            {event_id, h.action, h.happened_on.ToIso(), h.from_status, h.to_status, h.note,
             user_id > 0 ? Value(user_id) : Value(), h.user_login, h.recorded_at})
        ->Int(0);
}

std::int64_t SqlEventRepository::InsertDeadline(storage::Transaction& tx, std::int64_t event_id,
                                                const Deadline& d, std::int64_t history_id) {
    return tx
        .QueryOne(
            "INSERT INTO event_deadline (event_id, kind, body, opened_on, due_on, closed_on, "
            "outcome, note, opened_history_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
            "RETURNING id",
            {event_id, std::string(DeadlineKindCode(d.kind)), d.body, d.opened_on.ToIso(),
             d.due_on.ToIso(), DateValue(d.closed_on), d.outcome, d.note,
             history_id > 0 ? Value(history_id) : Value()})
        ->Int(0);
}

void SqlEventRepository::CloseDeadline(storage::Transaction& tx, std::int64_t deadline_id,
                                       Date closed_on, const std::string& outcome,
                                       const std::string& note, std::int64_t history_id) {
    tx.Exec(
        "UPDATE event_deadline SET closed_on = $1, outcome = $2, note = $3, closed_history_id = "
        "$4 WHERE id = $5 AND closed_on IS NULL",
        {closed_on.ToIso(), outcome, note, history_id, deadline_id});
}

Page<EventDueItem> SqlEventRepository::Due(storage::Transaction& tx, const Scope& scope,
                                           std::optional<std::int64_t> unit_id, Date until,
                                           const PageRequest& page) {
    SqlFilter f;
    f.Add("d.closed_on IS NULL AND d.due_on <= ?", until.ToIso());
    AddScope(f, scope);
    AddUnit(f, unit_id);
    Page<EventDueItem> out;
    out.page = page.page;
    out.per_page = page.per_page;
    out.total =
        tx.QueryOne(
              "SELECT COUNT(*) FROM event_deadline d JOIN event e ON e.id = d.event_id" + f.Where(),
              f.params())
            ->Int(0);
    std::string sql =
        "SELECT d.id, d.event_id, e.title_vi, e.admin_unit_id, e.current_unit_id, d.kind, "
        "d.body, d.due_on, cu.name_vi, cu.name_en FROM event_deadline d JOIN event e ON e.id = "
        "d.event_id LEFT JOIN admin_unit cu ON cu.id = e.current_unit_id" +
        f.Where() + " ORDER BY d.due_on, d.event_id, d.id" + f.Next(" LIMIT ? OFFSET ?");
    for (const auto& r :
         tx.Query(sql, f.ParamsWith({static_cast<std::int64_t>(page.per_page), page.offset()}))) {
        EventDueItem item;
        item.deadline_id = r.Int(0);
        item.event_id = r.Int(1);
        item.event_title = r.Text(2);
        item.admin_unit_id = r.OptInt(3);
        item.current_unit_id = r.OptInt(4);
        item.kind = ParseDeadlineKind(r.Text(5)).value_or(DeadlineKind::kConsultation);
        item.body = r.Text(6);
        item.due_on = DateAt(r, 7);
        item.unit_name_vi = r.Text(8);
        item.unit_name_en = r.Text(9);
        out.items.push_back(std::move(item));
    }
    return out;
}

std::vector<EventCount> SqlEventRepository::Counts(storage::Transaction& tx, const Scope& scope,
                                                   CountBasis basis, const CountFilter& filter) {
    const char* unit = basis == CountBasis::kCurrent ? "e.current_unit_id" : "e.admin_unit_id";
    SqlFilter f;
    AddScope(f, scope);
    AddUnit(f, filter.unit_id);
    if (filter.from_year)
        f.Add("e.start_year >= ?", static_cast<std::int64_t>(*filter.from_year));
    if (filter.to_year)
        f.Add("e.start_year <= ?", static_cast<std::int64_t>(*filter.to_year));
    if (!filter.type.empty())
        f.Add("e.type = ?", filter.type);
    if (!filter.status.empty())
        f.Add("e.status = ?", filter.status);
    std::vector<EventCount> out;
    for (const auto& r :
         tx.Query(std::string("SELECT ") + unit + ", e.start_year, e.type, COUNT(*) FROM event e" +
                      f.Where() + " GROUP BY " + unit + ", e.start_year, e.type",
                  f.params())) {
        out.push_back({r.OptInt(0), static_cast<int>(r.Int(1)), r.Text(2), r.Int(3)});
    }
    // The same order on every backend (they put NULL at different ends).
    std::sort(out.begin(), out.end(), [](const EventCount& a, const EventCount& b) {
        return std::tie(a.unit_id, a.year, a.type) < std::tie(b.unit_id, b.year, b.type);
    });
    return out;
}

}  // namespace ngoaivu::events
