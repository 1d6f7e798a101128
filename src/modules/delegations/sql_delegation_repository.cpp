#include <map>
#include <set>

#include "base/text.hpp"
#include "modules/delegations/delegation_repository.hpp"
#include "modules/delegations/delegation_workflow.hpp"
#include "storage/sql_filter.hpp"

namespace ngoaivu::delegations {

namespace {

using storage::Row;
using storage::SqlFilter;
using storage::Value;

constexpr const char* kColumns =
    "d.id, d.title, d.direction, d.level, d.admin_unit_id, d.current_unit_id, d.purpose, "
    "d.starts_on, d.ends_on, d.funding, d.report_due_days, d.note, d.status, d.decision_ref, "
    "d.decided_on, d.decided_by_login, d.departed_on, d.returned_on, d.report_due_on, "
    "d.reported_on, d.report_summary, d.version, d.created_at, d.updated_at, u.name_vi, "
    "u.name_en, cu.name_vi, cu.name_en";
constexpr const char* kFrom =
    " FROM delegation d JOIN admin_unit u ON u.id = d.admin_unit_id "
    "JOIN admin_unit cu ON cu.id = d.current_unit_id";

// The statuses of a delegation that still happens or happened (IsLive).
constexpr const char* kLive = "d.status NOT IN ('rejected', 'cancelled')";

std::optional<Date> OptDate(const Row& r, std::size_t i) {
    auto t = r.OptText(i);
    if (!t)
        return std::nullopt;
    return Date::ParseIso(*t);
}

Date ReqDate(const Row& r, std::size_t i) {
    return Date::ParseIso(r.Text(i)).value_or(Date::FromDays(0));
}

Value DateValue(const std::optional<Date>& d) {
    return d ? Value(d->ToIso()) : Value();
}

Delegation ToDelegation(const Row& r) {
    Delegation d;
    d.id = r.Int(0);
    auto& f = d.fields;
    f.title = r.Text(1);
    f.direction = r.Text(2);
    f.level = r.Text(3);
    f.admin_unit_ids = {r.Int(4)};
    d.current_unit_id = r.Int(5);
    f.purpose = r.Text(6);
    f.starts_on = ReqDate(r, 7);
    f.ends_on = ReqDate(r, 8);
    f.funding = r.Text(9);
    f.report_due_days = static_cast<int>(r.Int(10));
    f.note = r.Text(11);
    d.status = ParseStatus(r.Text(12)).value_or(Status::kProposed);
    d.decision_ref = r.Text(13);
    d.decided_on = OptDate(r, 14);
    d.decided_by_login = r.Text(15);
    d.departed_on = OptDate(r, 16);
    d.returned_on = OptDate(r, 17);
    d.report_due_on = OptDate(r, 18);
    d.reported_on = OptDate(r, 19);
    d.report_summary = r.Text(20);
    d.version = r.Int(21);
    d.created_at = r.Text(22);
    d.updated_at = r.Text(23);
    d.unit_name_vi = r.Text(24);
    d.unit_name_en = r.Text(25);
    d.current_unit_name_vi = r.Text(26);
    d.current_unit_name_en = r.Text(27);
    return d;
}

// Loads the other provinces, partners, countries and people of `items` (a query per kind, not
// per row).
void LoadLinks(storage::Transaction& tx, std::vector<Delegation>& items) {
    if (items.empty())
        return;
    std::map<std::int64_t, Delegation*> by_id;
    std::vector<Value> ids;
    for (auto& d : items) {
        by_id[d.id] = &d;
        ids.emplace_back(d.id);
        d.fields.partner_ids.clear();
        d.fields.countries.clear();
        d.fields.members.clear();
    }
    auto in = [&](const char* column) {
        SqlFilter f;
        f.AddInValues(column, ids);
        return f;
    };
    SqlFilter units = in("delegation_id");
    for (const auto& r : tx.Query("SELECT delegation_id, admin_unit_id FROM delegation_unit" +
                                      units.Where() + " ORDER BY delegation_id, admin_unit_id",
                                  units.params()))
        by_id.at(r.Int(0))->fields.admin_unit_ids.push_back(r.Int(1));
    SqlFilter partners = in("delegation_id");
    for (const auto& r : tx.Query("SELECT delegation_id, partner_id FROM delegation_partner" +
                                      partners.Where() + " ORDER BY delegation_id, partner_id",
                                  partners.params()))
        by_id.at(r.Int(0))->fields.partner_ids.push_back(r.Int(1));
    SqlFilter countries = in("delegation_id");
    for (const auto& r : tx.Query("SELECT delegation_id, country_alpha2 FROM delegation_country" +
                                      countries.Where() + " ORDER BY delegation_id, country_alpha2",
                                  countries.params()))
        by_id.at(r.Int(0))->fields.countries.push_back(r.Text(1));
    SqlFilter people = in("delegation_id");
    for (const auto& r :
         tx.Query("SELECT delegation_id, role, name, title, organisation, nationality FROM "
                  "delegation_person" +
                      people.Where() + " ORDER BY delegation_id, position",
                  people.params())) {
        Person p{r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(1)};
        auto& f = by_id.at(r.Int(0))->fields;
        if (p.role == "head")
            f.head = std::move(p);
        else
            f.members.push_back(std::move(p));
    }
}

void AddScope(SqlFilter& f, const ProvinceScope& scope) {
    if (!scope.all)
        f.AddIn("d.admin_unit_id", scope.unit_ids);
}

// A province of the second generation (after 1 July 2025) is matched by today's boundaries,
// one of the first by the province as of the first day (geo::AdminUnitId: generation × 1000 +
// code).
void AddUnit(SqlFilter& f, std::optional<std::int64_t> unit_id) {
    if (!unit_id)
        return;
    if (*unit_id >= 2000)
        f.Add("d.current_unit_id = ?", *unit_id);
    else
        f.Add("d.admin_unit_id = ?", *unit_id);
}

std::string OrderBy(DelegationSort sort) {
    switch (sort) {
        case DelegationSort::kStartDesc:
            return " ORDER BY d.starts_on DESC, d.id DESC";
        case DelegationSort::kStartAsc:
            return " ORDER BY d.starts_on, d.id";
        case DelegationSort::kTitle:
            return " ORDER BY d.title COLLATE vi, d.id";
        case DelegationSort::kProvince:
            return " ORDER BY cu.name_vi COLLATE vi, d.starts_on DESC, d.id DESC";
        case DelegationSort::kUpdated:
            return " ORDER BY d.updated_at DESC, d.id DESC";
    }
    return "";
}

std::string SearchText(const DelegationFields& f) {
    std::string s = f.title + " " + f.purpose + " " + f.head.name + " " + f.head.title;
    for (const auto& m : f.members)
        s += " " + m.name;
    return text::Fold(s);
}

std::vector<Value> RecordValues(const Delegation& d) {
    const auto& f = d.fields;
    return {Value(f.title),
            Value(f.direction),
            Value(f.level),
            Value(f.admin_unit_ids.empty() ? std::int64_t{0} : f.admin_unit_ids.front()),
            Value(d.current_unit_id),
            Value(f.purpose),
            Value(f.starts_on.ToIso()),
            Value(f.ends_on.ToIso()),
            Value(static_cast<std::int64_t>(f.starts_on.year())),
            Value(f.funding),
            Value(static_cast<std::int64_t>(f.report_due_days)),
            Value(f.note),
            Value(std::string(StatusCode(d.status))),
            Value(d.decision_ref),
            DateValue(d.decided_on),
            Value(d.decided_by_login),
            DateValue(d.departed_on),
            DateValue(d.returned_on),
            DateValue(d.report_due_on),
            DateValue(d.reported_on),
            Value(d.report_summary),
            Value(SearchText(f))};
}

void WriteLinks(storage::Transaction& tx, std::int64_t id, const DelegationFields& f) {
    for (const char* table : {"delegation_unit", "delegation_partner", "delegation_country",
                              "delegation_person", "delegation_programme"}) {
        tx.Exec(std::string("DELETE FROM ") + table + " WHERE delegation_id = $1", {id});
    }
    for (std::size_t i = 1; i < f.admin_unit_ids.size(); ++i) {
        tx.Exec("INSERT INTO delegation_unit (delegation_id, admin_unit_id) VALUES ($1, $2)",
                {id, f.admin_unit_ids[i]});
    }
    for (auto p : f.partner_ids) {
        tx.Exec("INSERT INTO delegation_partner (delegation_id, partner_id) VALUES ($1, $2)",
                {id, p});
    }
    for (const auto& c : f.countries) {
        tx.Exec("INSERT INTO delegation_country (delegation_id, country_alpha2) VALUES ($1, $2)",
                {id, c});
    }
    std::int64_t position = 0;
    auto person = [&](const Person& p) {
        tx.Exec(
            "INSERT INTO delegation_person (delegation_id, position, role, name, title, "
            "organisation, nationality, name_folded) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            {id, position++, p.role, p.name, p.title, p.organisation, p.nationality,
             PersonKey(p.name)});
    };
    person(f.head);
    for (const auto& m : f.members)
        person(m);
    position = 0;
    for (const auto& item : f.programme) {
        tx.Exec(
            "INSERT INTO delegation_programme (delegation_id, position, day, time_text, place, "
            "activity, partner_text) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            {id, position++, item.day.ToIso(), item.time, item.place, item.activity, item.partner});
    }
}

}  // namespace

std::optional<DelegationSort> ParseSort(std::string_view s) {
    if (s.empty() || s == "start_desc")
        return DelegationSort::kStartDesc;
    if (s == "start")
        return DelegationSort::kStartAsc;
    if (s == "title")
        return DelegationSort::kTitle;
    if (s == "province")
        return DelegationSort::kProvince;
    if (s == "updated")
        return DelegationSort::kUpdated;
    return std::nullopt;
}

std::string_view SortName(DelegationSort s) {
    switch (s) {
        case DelegationSort::kStartDesc:
            return "start_desc";
        case DelegationSort::kStartAsc:
            return "start";
        case DelegationSort::kTitle:
            return "title";
        case DelegationSort::kProvince:
            return "province";
        case DelegationSort::kUpdated:
            return "updated";
    }
    return "start_desc";
}

Page<Delegation> SqlDelegationRepository::List(storage::Transaction& tx, const ProvinceScope& scope,
                                               const DelegationFilter& filter, DelegationSort sort,
                                               const PageRequest& page, Date today) {
    SqlFilter f;
    AddScope(f, scope);
    AddUnit(f, filter.unit_id);
    if (std::string q = text::Fold(filter.q); !q.empty())
        f.Add("d.search_text LIKE ? ESCAPE '\\'", storage::LikeContains(q));
    if (!filter.country.empty()) {
        f.Add(
            "EXISTS (SELECT 1 FROM delegation_country dc WHERE dc.delegation_id = d.id AND "
            "dc.country_alpha2 = ?)",
            filter.country);
    }
    if (filter.partner_id) {
        f.Add(
            "EXISTS (SELECT 1 FROM delegation_partner dp WHERE dp.delegation_id = d.id AND "
            "dp.partner_id = ?)",
            *filter.partner_id);
    }
    if (!filter.direction.empty())
        f.Add("d.direction = ?", filter.direction);
    if (!filter.level.empty())
        f.Add("d.level = ?", filter.level);
    if (!filter.status.empty())
        f.Add("d.status = ?", filter.status);
    if (filter.year)
        f.Add("d.start_year = ?", static_cast<std::int64_t>(*filter.year));
    // Under way on a day of [from, to]: starts before the range ends, ends after it begins.
    // starts_on >= from - 90 days bounds the index range (no delegation lasts longer:
    // ValidateFields).
    if (filter.to)
        f.Add("d.starts_on <= ?", filter.to->ToIso());
    if (filter.from) {
        f.Add("d.ends_on >= ?", filter.from->ToIso());
        f.Add("d.starts_on >= ?", filter.from->AddDays(-kMaxDurationDays).ToIso());
    }
    if (filter.report_overdue)
        f.Add("d.status = 'returned' AND d.report_due_on < ?", today.ToIso());

    Page<Delegation> out;
    out.page = page.page;
    out.per_page = page.per_page;
    out.total = tx.QueryOne("SELECT COUNT(*) FROM delegation d" + f.Where(), f.params())->Int(0);
    std::string sql = std::string("SELECT ") + kColumns + kFrom + f.Where() + OrderBy(sort) +
                      f.Next(" LIMIT ? OFFSET ?");
    for (const auto& r :
         tx.Query(sql, f.ParamsWith({static_cast<std::int64_t>(page.per_page), page.offset()})))
        out.items.push_back(ToDelegation(r));
    LoadLinks(tx, out.items);
    return out;
}

std::optional<DelegationDetail> SqlDelegationRepository::Get(storage::Transaction& tx,
                                                             std::int64_t id) {
    auto r = tx.QueryOne(std::string("SELECT ") + kColumns + kFrom + " WHERE d.id = $1", {id});
    if (!r)
        return std::nullopt;
    DelegationDetail out;
    std::vector<Delegation> one{ToDelegation(*r)};
    LoadLinks(tx, one);
    out.delegation = std::move(one.front());
    for (const auto& row :
         tx.Query("SELECT day, time_text, place, activity, partner_text FROM "
                  "delegation_programme WHERE delegation_id = $1 ORDER BY position",
                  {id})) {
        out.delegation.fields.programme.push_back(
            {ReqDate(row, 0), row.Text(1), row.Text(2), row.Text(3), row.Text(4)});
    }
    for (const auto& row :
         tx.Query("SELECT id, action, happened_on, from_status, to_status, note, user_login, "
                  "recorded_at FROM delegation_step WHERE delegation_id = $1 ORDER BY id",
                  {id})) {
        out.events.push_back({row.Int(0), row.Text(1), ReqDate(row, 2), row.Text(3), row.Text(4),
                              row.Text(5), row.Text(6), row.Text(7)});
    }
    out.outcome.commitments =
        tx.QueryOne("SELECT outcome_commitments FROM delegation WHERE id = $1", {id})->Text(0);
    for (const auto& row :
         tx.Query("SELECT agreement_id FROM delegation_agreement WHERE delegation_id = $1 ORDER BY "
                  "agreement_id",
                  {id}))
        out.outcome.agreement_ids.push_back(row.Int(0));
    for (const auto& row :
         tx.Query("SELECT id, description, responsible, due_on, status, done_on FROM "
                  "delegation_follow_up WHERE delegation_id = $1 ORDER BY position",
                  {id})) {
        FollowUp u;
        u.id = row.Int(0);
        u.description = row.Text(1);
        u.responsible = row.Text(2);
        u.due_on = OptDate(row, 3);
        u.status = row.Text(4);
        u.done_on = OptDate(row, 5);
        out.outcome.follow_ups.push_back(std::move(u));
    }
    return out;
}

std::vector<AgreementRef> SqlDelegationRepository::Agreements(
    storage::Transaction& tx, const std::vector<std::int64_t>& ids) {
    std::vector<AgreementRef> out;
    if (ids.empty())
        return out;
    SqlFilter f;
    f.AddIn("id", ids);
    for (const auto& r :
         tx.Query("SELECT id, title_vi, admin_unit_id, status, signed_on FROM agreement" +
                      f.Where() + " ORDER BY id",
                  f.params()))
        out.push_back({r.Int(0), r.Text(1), r.Int(2), r.Text(3), OptDate(r, 4)});
    return out;
}

std::vector<std::string> SqlDelegationRepository::UnknownCountries(
    storage::Transaction& tx, const std::vector<std::string>& codes) {
    std::vector<std::string> out;
    if (codes.empty())
        return out;
    std::vector<Value> values(codes.begin(), codes.end());
    SqlFilter f;
    f.AddInValues("alpha2", values);
    std::set<std::string> known;
    for (const auto& r : tx.Query("SELECT alpha2 FROM country" + f.Where(), f.params()))
        known.insert(r.Text(0));
    for (const auto& c : codes) {
        if (!known.contains(c))
            out.push_back(c);
    }
    return out;
}

std::vector<Delegation> SqlDelegationRepository::OverlapCandidates(
    storage::Transaction& tx, const std::vector<std::string>& person_keys, Date starts_on,
    Date ends_on, std::int64_t exclude_id) {
    std::vector<Delegation> out;
    std::vector<Value> keys;
    for (const auto& k : person_keys) {
        if (!k.empty())
            keys.emplace_back(k);
    }
    if (keys.empty())
        return out;
    SqlFilter f;
    f.AddInValues("p.name_folded", keys);
    f.Add(kLive);
    f.Add("d.id <> ?", exclude_id);
    f.Add("d.starts_on <= ?", ends_on.ToIso());
    f.Add("d.ends_on >= ?", starts_on.ToIso());
    std::string sql = std::string("SELECT ") + kColumns + kFrom +
                      " WHERE d.id IN (SELECT p.delegation_id FROM delegation_person p JOIN "
                      "delegation d ON d.id = p.delegation_id" +
                      f.Where() + ") ORDER BY d.starts_on, d.id LIMIT 200";
    for (const auto& r : tx.Query(sql, f.params()))
        out.push_back(ToDelegation(r));
    LoadLinks(tx, out);
    return out;
}

std::int64_t SqlDelegationRepository::Insert(storage::Transaction& tx, const Delegation& d,
                                             std::int64_t created_by, const std::string& now) {
    std::vector<Value> values = RecordValues(d);
    values.emplace_back(created_by > 0 ? Value(created_by) : Value());
    values.emplace_back(now);
    std::int64_t id =
        tx.QueryOne(
              "INSERT INTO delegation (title, direction, level, admin_unit_id, current_unit_id, "
              "purpose, starts_on, ends_on, start_year, funding, report_due_days, note, status, "
              "decision_ref, decided_on, decided_by_login, departed_on, returned_on, "
              "report_due_on, reported_on, report_summary, search_text, created_by, created_at, "
              "updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
              "$13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $24, 1) RETURNING id",
              values)
            ->Int(0);
    WriteLinks(tx, id, d.fields);
    return id;
}

bool SqlDelegationRepository::Update(storage::Transaction& tx, const Delegation& d,
                                     std::int64_t expected_version, const std::string& now) {
    std::vector<Value> values = RecordValues(d);
    values.emplace_back(now);
    values.emplace_back(d.id);
    values.emplace_back(expected_version);
    auto n = tx.Exec(
        "UPDATE delegation SET title = $1, direction = $2, level = $3, admin_unit_id = $4, "
        "current_unit_id = $5, purpose = $6, starts_on = $7, ends_on = $8, start_year = $9, "
        "funding = $10, report_due_days = $11, note = $12, status = $13, decision_ref = $14, "
        "decided_on = $15, decided_by_login = $16, departed_on = $17, returned_on = $18, "
        "report_due_on = $19, reported_on = $20, report_summary = $21, search_text = $22, "
        "updated_at = $23, version = version + 1 WHERE id = $24 AND version = $25",
        values);
    if (n != 1)
        return false;
    WriteLinks(tx, d.id, d.fields);
    return true;
}

void SqlDelegationRepository::InsertStep(storage::Transaction& tx, std::int64_t delegation_id,
                                         const Event& e, std::int64_t user_id) {
    tx.Exec(
        "INSERT INTO delegation_step (delegation_id, action, happened_on, from_status, "
        "to_status, note, user_id, user_login, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
        "$8, $9)",
        {delegation_id, e.action, e.happened_on.ToIso(), e.from_status, e.to_status, e.note,
         user_id > 0 ? Value(user_id) : Value(), e.user_login, e.recorded_at});
}

void SqlDelegationRepository::WriteOutcome(storage::Transaction& tx, std::int64_t delegation_id,
                                           const Outcome& outcome) {
    tx.Exec("UPDATE delegation SET outcome_commitments = $1 WHERE id = $2",
            {outcome.commitments, delegation_id});
    tx.Exec("DELETE FROM delegation_agreement WHERE delegation_id = $1", {delegation_id});
    tx.Exec("DELETE FROM delegation_follow_up WHERE delegation_id = $1", {delegation_id});
    for (auto a : outcome.agreement_ids) {
        tx.Exec("INSERT INTO delegation_agreement (delegation_id, agreement_id) VALUES ($1, $2)",
                {delegation_id, a});
    }
    std::int64_t position = 0;
    for (const auto& u : outcome.follow_ups) {
        tx.Exec(
            "INSERT INTO delegation_follow_up (delegation_id, position, description, "
            "responsible, due_on, status, done_on) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            {delegation_id, position++, u.description, u.responsible, DateValue(u.due_on), u.status,
             DateValue(u.done_on)});
    }
}

std::vector<CountRow> SqlDelegationRepository::Counts(storage::Transaction& tx,
                                                      const ProvinceScope& scope,
                                                      const CountsRequest& req) {
    SqlFilter f;
    f.Add("d.start_year >= ?", static_cast<std::int64_t>(req.from_year));
    f.Add("d.start_year <= ?", static_cast<std::int64_t>(req.to_year));
    AddScope(f, scope);
    if (req.carried_out_only)
        f.AddIn("d.status", CarriedOutStatusCodes());
    else
        f.Add(kLive);
    // Grouped by the province as of the first day (the index delegation_counts answers alone),
    // then rolled up to today's boundaries through the 34 successors when asked.
    std::string unit = req.current_units
                           ? "COALESCE((SELECT s.new_unit_id FROM admin_unit_succession s WHERE "
                             "s.old_unit_id = t.admin_unit_id), t.admin_unit_id)"
                           : "t.admin_unit_id";
    std::string sql = "SELECT " + unit +
                      " AS unit, t.start_year, t.direction, t.level, SUM(t.n) FROM (SELECT "
                      "d.admin_unit_id, d.start_year, d.direction, d.level, COUNT(*) AS n FROM "
                      "delegation d" +
                      f.Where() +
                      " GROUP BY d.admin_unit_id, d.start_year, d.direction, d.level) t GROUP "
                      "BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4";
    std::vector<CountRow> out;
    for (const auto& r : tx.Query(sql, f.params())) {
        out.push_back({r.Int(0), static_cast<int>(r.Int(1)), r.Text(2), r.Text(3), r.Int(4)});
    }
    return out;
}

}  // namespace ngoaivu::delegations
