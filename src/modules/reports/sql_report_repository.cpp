#include <algorithm>
#include <map>

#include "modules/agreements/agreement.hpp"
#include "modules/delegations/delegation.hpp"
#include "modules/events/event.hpp"
#include "modules/reports/report_repository.hpp"
#include "storage/sql_filter.hpp"

namespace ngoaivu::reports {

namespace {

using storage::Row;
using storage::SqlFilter;
using storage::Value;

// Every provincial unit and the 2025 successions.
constexpr const char* kUnits =
    "SELECT id, code, generation, name_vi, name_en, short_name_vi FROM admin_unit ORDER BY "
    "generation, code, id";
constexpr const char* kSuccessions = "SELECT old_unit_id, new_unit_id FROM admin_unit_succession";

// Agreements: year, with a result (1/0), count. The conditions follow (SqlFilter).
constexpr const char* kAgreementYears =
    "SELECT a.signed_year, CASE WHEN EXISTS (SELECT 1 FROM result r WHERE r.agreement_id = a.id) "
    "THEN 1 ELSE 0 END, COUNT(*) FROM agreement a";
constexpr const char* kGroupTwo = " GROUP BY 1, 2";
constexpr const char* kGroupOne = " GROUP BY 1";
// By the unit as of signing, or by today's unit.
constexpr const char* kAgreementsByOldUnit = "SELECT a.admin_unit_id, COUNT(*) FROM agreement a";
constexpr const char* kAgreementsByNewUnit = "SELECT a.current_unit_id, COUNT(*) FROM agreement a";
// By the partners' countries: each agreement once per country.
constexpr const char* kAgreementsByCountry =
    "SELECT c.alpha2, c.name_vi, c.name_en, COUNT(DISTINCT a.id) FROM agreement a "
    "JOIN agreement_partner ap ON ap.agreement_id = a.id JOIN partner p ON p.id = ap.partner_id "
    "JOIN country c ON c.alpha2 = p.country_alpha2";
constexpr const char* kGroupCountry = " GROUP BY c.alpha2, c.name_vi, c.name_en";
constexpr const char* kAgreementsByField =
    "SELECT f.field, COUNT(*) FROM agreement a JOIN agreement_field f ON f.agreement_id = a.id";

constexpr const char* kDelegationCounts = "SELECT d.direction, d.level, COUNT(*) FROM delegation d";

// The same counts for whole years from the tallies kept with the records (migration 0013): the
// same conditions on the tally's columns, which have the records' names, under the alias `t`.
// Rows whose count fell to zero are dropped, as a count of records would not show them.
constexpr const char* kTallyAgreementYears =
    "SELECT t.year, t.has_result, SUM(t.n) FROM agreement_tally t";
constexpr const char* kTallyAgreementsByOldUnit =
    "SELECT t.admin_unit_id, SUM(t.n) FROM agreement_tally t";
constexpr const char* kTallyAgreementsByNewUnit =
    "SELECT t.current_unit_id, SUM(t.n) FROM agreement_tally t";
constexpr const char* kTallyAgreementsByField =
    "SELECT t.field, SUM(t.n) FROM agreement_field_tally t";
constexpr const char* kTallyAgreementsByCountry =
    "SELECT c.alpha2, c.name_vi, c.name_en, SUM(t.n) FROM agreement_country_tally t "
    "JOIN country c ON c.alpha2 = t.country_alpha2";
constexpr const char* kTallyDelegationCounts =
    "SELECT t.direction, t.level, SUM(t.n) FROM delegation_tally t";
constexpr const char* kNonZero = " HAVING SUM(t.n) <> 0";

// The agreements' breakdowns, from the records or from the tallies.
struct AgreementQueries {
    std::string_view years, by_old_unit, by_new_unit, by_field, by_country, having;
};
constexpr AgreementQueries kRecordAgreementQueries{kAgreementYears,      kAgreementsByOldUnit,
                                                   kAgreementsByNewUnit, kAgreementsByField,
                                                   kAgreementsByCountry, ""};
constexpr AgreementQueries kTallyAgreementQueries{
    kTallyAgreementYears,    kTallyAgreementsByOldUnit, kTallyAgreementsByNewUnit,
    kTallyAgreementsByField, kTallyAgreementsByCountry, kNonZero};
constexpr const char* kVisits =
    "SELECT d.id, d.title, d.starts_on, d.ends_on, d.direction, d.admin_unit_id FROM delegation d";
// The limit follows the filter's parameters.
constexpr const char* kVisitOrder = " ORDER BY d.starts_on, d.id LIMIT ?";
constexpr const char* kVisitCountries =
    "SELECT dc.delegation_id, c.name_vi, c.name_en FROM delegation_country dc JOIN country c ON "
    "c.alpha2 = dc.country_alpha2";
constexpr const char* kVisitCountryOrder = " ORDER BY dc.delegation_id, c.name_vi";

constexpr const char* kEventsByOldUnit = "SELECT e.admin_unit_id, COUNT(*) FROM event e";
constexpr const char* kEventsByNewUnit = "SELECT e.current_unit_id, COUNT(*) FROM event e";
constexpr const char* kEventsByType = "SELECT e.type, COUNT(*) FROM event e";

constexpr const char* kAwards =
    "SELECT e.id, e.title_vi, e.starts_on, aw.kind, aw.recipient, aw.recipient_kind, "
    "aw.recipient_unit_id FROM event_award aw JOIN event e ON e.id = aw.event_id";
constexpr const char* kAwardOrder = " ORDER BY e.starts_on, e.id, aw.position LIMIT ?";

// $1 today.
constexpr const char* kLastConference =
    "SELECT MAX(ends_on) FROM event WHERE type = 'national_review_conference' AND status NOT IN "
    "('cancelled', 'rejected') AND starts_on <= $1";

Date ParseDate(const std::string& s) {
    return Date::ParseIso(s).value_or(Date::FromDays(0));
}

// `column IN (ids)` as one condition with its values.
void AddIdsIn(std::string& condition, std::vector<Value>& values, std::string_view column,
              const std::vector<std::int64_t>& ids) {
    condition += std::string(column) + " IN (";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        condition += i == 0 ? "?" : ", ?";
        values.emplace_back(ids[i]);
    }
    condition += ")";
}

// The scope and the unit of a record whose owner is `alias`.admin_unit_id, its unit today
// `alias`.current_unit_id.
void AddUnitConditions(SqlFilter& f, const ProvinceScope& scope, const RecordFilter& filter,
                       std::string_view alias) {
    std::string owner = std::string(alias) + ".admin_unit_id";
    if (!scope.all)
        f.AddIn(owner, scope.unit_ids);
    if (filter.unit_id) {
        std::string column =
            *filter.unit_id >= 2000 ? std::string(alias) + ".current_unit_id = ?" : owner + " = ?";
        f.Add(column, *filter.unit_id);
    }
}

SqlFilter AgreementFilter(const ProvinceScope& scope, const RecordFilter& filter) {
    SqlFilter f;
    f.Add("a.signed_on >= ?", filter.from.ToIso());
    f.Add("a.signed_on <= ?", filter.to.ToIso());
    // The same range by year (signed_year is the year of signed_on): the index agreement_year.
    f.Add("a.signed_year >= ?", filter.from.year());
    f.Add("a.signed_year <= ?", filter.to.year());
    f.AddIn("a.status", agreements::SignedStatusCodes());
    AddUnitConditions(f, scope, filter, "a");
    return f;
}

// True when the filter's period is whole calendar years, which the tallies can answer.
bool WholeYears(const RecordFilter& filter) {
    return filter.from.month() == 1 && filter.from.day() == 1 && filter.to.month() == 12 &&
           filter.to.day() == 31 && filter.from <= filter.to;
}

// The tallies' rows of the filter's years, statuses and units.
SqlFilter TallyFilter(const ProvinceScope& scope, const RecordFilter& filter,
                      const std::vector<std::string_view>& statuses) {
    SqlFilter f;
    f.Add("t.year >= ?", filter.from.year());
    f.Add("t.year <= ?", filter.to.year());
    f.AddIn("t.status", statuses);
    AddUnitConditions(f, scope, filter, "t");
    return f;
}

SqlFilter DelegationFilter(const ProvinceScope& scope, const RecordFilter& filter) {
    SqlFilter f;
    f.Add("d.starts_on >= ?", filter.from.ToIso());
    f.Add("d.starts_on <= ?", filter.to.ToIso());
    f.AddIn("d.status", delegations::CarriedOutStatusCodes());
    AddUnitConditions(f, scope, filter, "d");
    return f;
}

SqlFilter EventFilter(const ProvinceScope& scope, const RecordFilter& filter) {
    SqlFilter f;
    f.Add("e.starts_on >= ?", filter.from.ToIso());
    f.Add("e.starts_on <= ?", filter.to.ToIso());
    f.AddIn("e.status", events::TookPlaceStatusCodes());
    f.Add("e.national = 0");
    AddUnitConditions(f, scope, filter, "e");
    return f;
}

std::vector<KeyCount> KeyCounts(storage::Transaction& tx, std::string_view sql, const SqlFilter& f,
                                bool integer_key, std::string_view having = "") {
    std::vector<KeyCount> out;
    std::string query = std::string(sql) + f.Where() + kGroupOne + std::string(having);
    for (const auto& r : tx.Query(query, f.params())) {
        KeyCount c;
        c.key = integer_key ? std::to_string(r.Int(0)) : r.Text(0);
        c.count = r.Int(1);
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace

std::vector<Unit> SqlReportRepository::Units(storage::Transaction& tx) {
    std::vector<Unit> out;
    for (const auto& r : tx.Query(kUnits)) {
        Unit u;
        u.id = r.Int(0);
        u.code = r.Text(1);
        u.generation = static_cast<int>(r.Int(2));
        u.name_vi = r.Text(3);
        u.name_en = r.Text(4);
        u.short_name_vi = r.Text(5);
        out.push_back(std::move(u));
    }
    std::map<std::int64_t, std::int64_t> successor;
    for (const auto& r : tx.Query(kSuccessions))
        successor[r.Int(0)] = r.Int(1);
    for (auto& u : out) {
        if (auto s = successor.find(u.id); s != successor.end())
            u.successor = s->second;
    }
    return out;
}

AgreementCounts SqlReportRepository::Agreements(storage::Transaction& tx,
                                                const ProvinceScope& scope,
                                                const RecordFilter& filter) {
    bool tallies = use_tallies_ && WholeYears(filter);
    const AgreementQueries& q = tallies ? kTallyAgreementQueries : kRecordAgreementQueries;
    SqlFilter f = tallies ? TallyFilter(scope, filter, agreements::SignedStatusCodes())
                          : AgreementFilter(scope, filter);
    AgreementCounts out;
    std::map<int, AgreementYear> years;
    std::string by_year = std::string(q.years) + f.Where() + kGroupTwo + std::string(q.having);
    for (const auto& r : tx.Query(by_year, f.params())) {
        int year = static_cast<int>(r.OptInt(0).value_or(0));
        auto& y = years[year];
        y.year = year;
        (r.Int(1) != 0 ? y.with_results : y.without_results) += r.Int(2);
    }
    for (const auto& [year, y] : years) {
        out.by_year.push_back(y);
        out.signed_count += y.with_results + y.without_results;
        out.with_results += y.with_results;
    }
    out.by_unit =
        KeyCounts(tx, filter.generation == 1 ? q.by_old_unit : q.by_new_unit, f, true, q.having);
    out.by_field = KeyCounts(tx, q.by_field, f, false, q.having);
    std::string by_country =
        std::string(q.by_country) + f.Where() + kGroupCountry + std::string(q.having);
    for (const auto& r : tx.Query(by_country, f.params())) {
        out.by_country.push_back({r.Text(0), r.Text(1), r.Text(2), r.Int(3)});
    }
    return out;
}

std::vector<DelegationCount> SqlReportRepository::Delegations(storage::Transaction& tx,
                                                              const ProvinceScope& scope,
                                                              const RecordFilter& filter) {
    std::vector<DelegationCount> out;
    if (use_tallies_ && WholeYears(filter)) {
        SqlFilter t = TallyFilter(scope, filter, delegations::CarriedOutStatusCodes());
        for (const auto& r :
             tx.Query(kTallyDelegationCounts + t.Where() + kGroupTwo + kNonZero, t.params()))
            out.push_back({r.Text(0), r.Text(1), r.Int(2)});
        return out;
    }
    SqlFilter f = DelegationFilter(scope, filter);
    for (const auto& r : tx.Query(kDelegationCounts + f.Where() + kGroupTwo, f.params()))
        out.push_back({r.Text(0), r.Text(1), r.Int(2)});
    return out;
}

std::vector<Visit> SqlReportRepository::Visits(storage::Transaction& tx, const ProvinceScope& scope,
                                               const RecordFilter& filter, std::int64_t limit) {
    std::vector<Visit> out;
    SqlFilter f = DelegationFilter(scope, filter);
    f.Add("d.level = 'top_leaders'");
    for (const auto& r :
         tx.Query(kVisits + f.Where() + f.Next(kVisitOrder), f.ParamsWith({limit}))) {
        Visit v;
        v.id = r.Int(0);
        v.title = r.Text(1);
        v.starts_on = ParseDate(r.Text(2));
        v.ends_on = ParseDate(r.Text(3));
        v.direction = r.Text(4);
        v.unit_id = r.Int(5);
        out.push_back(std::move(v));
    }
    if (out.empty())
        return out;
    std::map<std::int64_t, Visit*> by_id;
    std::vector<std::int64_t> ids;
    for (auto& v : out) {
        by_id[v.id] = &v;
        ids.push_back(v.id);
    }
    SqlFilter c;
    c.AddIn("dc.delegation_id", ids);
    for (const auto& r : tx.Query(kVisitCountries + c.Where() + kVisitCountryOrder, c.params())) {
        Visit* v = by_id[r.Int(0)];
        v->countries_vi.push_back(r.Text(1));
        v->countries_en.push_back(r.Text(2));
    }
    return out;
}

EventCounts SqlReportRepository::Events(storage::Transaction& tx, const ProvinceScope& scope,
                                        const RecordFilter& filter) {
    EventCounts out;
    SqlFilter all = EventFilter(scope, filter);
    out.by_type = KeyCounts(tx, kEventsByType, all, false);
    SqlFilter conferences = EventFilter(scope, filter);
    conferences.Add("e.type = 'international_conference'");
    out.international_by_unit = KeyCounts(
        tx, filter.generation == 1 ? kEventsByOldUnit : kEventsByNewUnit, conferences, true);
    for (const auto& c : out.international_by_unit)
        out.international += c.count;
    return out;
}

std::vector<Award> SqlReportRepository::Awards(storage::Transaction& tx, const ProvinceScope& scope,
                                               const RecordFilter& filter, std::int64_t limit) {
    std::vector<Award> out;
    SqlFilter f;
    f.Add("e.starts_on >= ?", filter.from.ToIso());
    f.Add("e.starts_on <= ?", filter.to.ToIso());
    f.AddIn("e.status", events::TookPlaceStatusCodes());
    if (!scope.all) {
        // The scope's events, and national events' awards to the scope's units.
        std::string condition = "((e.national = 0 AND ";
        std::vector<Value> values;
        AddIdsIn(condition, values, "e.admin_unit_id",
                 scope.unit_ids.empty() ? std::vector<std::int64_t>{0} : scope.unit_ids);
        condition += ") OR (e.national = 1 AND ";
        AddIdsIn(condition, values, "aw.recipient_unit_id",
                 scope.unit_ids.empty() ? std::vector<std::int64_t>{0} : scope.unit_ids);
        condition += "))";
        f.AddValues(condition, std::move(values));
    }
    if (filter.unit_id) {
        // Awards to the unit (or its predecessors), and awards at its own events.
        std::string condition = "(";
        std::vector<Value> values;
        AddIdsIn(condition, values, "aw.recipient_unit_id",
                 filter.unit_family.empty() ? std::vector<std::int64_t>{*filter.unit_id}
                                            : filter.unit_family);
        condition +=
            *filter.unit_id >= 2000 ? " OR e.current_unit_id = ?)" : " OR e.admin_unit_id = ?)";
        values.emplace_back(*filter.unit_id);
        f.AddValues(condition, std::move(values));
    }
    for (const auto& r :
         tx.Query(kAwards + f.Where() + f.Next(kAwardOrder), f.ParamsWith({limit}))) {
        Award a;
        a.event_id = r.Int(0);
        a.event_title = r.Text(1);
        a.event_on = ParseDate(r.Text(2));
        a.kind = r.Text(3);
        a.recipient = r.Text(4);
        a.recipient_kind = r.Text(5);
        a.recipient_unit_id = r.OptInt(6);
        out.push_back(std::move(a));
    }
    return out;
}

std::optional<Date> SqlReportRepository::LastNationalConference(storage::Transaction& tx,
                                                                Date today) {
    auto r = tx.QueryOne(kLastConference, {today.ToIso()});
    if (!r)
        return std::nullopt;
    auto text = r->OptText(0);
    if (!text)
        return std::nullopt;
    return Date::ParseIso(*text);
}

}  // namespace ngoaivu::reports
