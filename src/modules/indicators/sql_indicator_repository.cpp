#include <algorithm>

#include "base/text.hpp"
#include "modules/agreements/agreement.hpp"
#include "modules/delegations/delegation.hpp"
#include "modules/events/event.hpp"
#include "modules/indicators/indicator_repository.hpp"
#include "modules/indicators/indicator_rules.hpp"
#include "storage/sql_filter.hpp"

namespace ngoaivu::indicators {

namespace {

using storage::Row;
using storage::SqlFilter;
using storage::Transaction;
using storage::Value;

// Columns of indicator (and whether a round asks for it or a value exists).
constexpr const char* kIndicatorColumns =
    "SELECT i.id, i.code, i.name_vi, i.name_en, i.unit, i.aggregation, i.periodicity, i.source, "
    "i.counted_from, i.decimals, i.min_milli, i.max_milli, i.required, i.description_vi, "
    "i.description_en, i.sort_order, i.active, i.version, i.created_at, i.updated_at, "
    "CASE WHEN EXISTS (SELECT 1 FROM indicator_round_item ri WHERE ri.indicator_id = i.id) "
    "OR EXISTS (SELECT 1 FROM indicator_value v WHERE v.indicator_id = i.id) THEN 1 ELSE 0 END "
    "FROM indicator i";
// $1 code ... $16 active, $17 now.
constexpr const char* kInsertIndicator =
    "INSERT INTO indicator (code, name_vi, name_en, unit, aggregation, periodicity, source, "
    "counted_from, decimals, min_milli, max_milli, required, description_vi, description_en, "
    "sort_order, active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
    "$11, $12, $13, $14, $15, $16, $17, $17) RETURNING id";
// $1 name_vi ... $15 active, $16 now, $17 id, $18 expected version.
constexpr const char* kUpdateIndicator =
    "UPDATE indicator SET name_vi = $1, name_en = $2, unit = $3, aggregation = $4, "
    "periodicity = $5, source = $6, counted_from = $7, decimals = $8, min_milli = $9, "
    "max_milli = $10, required = $11, description_vi = $12, description_en = $13, "
    "sort_order = $14, active = $15, updated_at = $16, version = version + 1 "
    "WHERE id = $17 AND version = $18";
// Units with their successor (or themselves).
constexpr const char* kUnitColumns =
    "SELECT u.id, u.code, u.name_vi, u.short_name_vi, u.name_en, u.generation, "
    "COALESCE((SELECT s.new_unit_id FROM admin_unit_succession s WHERE s.old_unit_id = u.id), "
    "u.id) FROM admin_unit u";
// $1 day.
constexpr const char* kUnitsOn =
    " WHERE u.valid_from <= $1 AND (u.valid_to IS NULL OR u.valid_to >= $1) "
    "ORDER BY u.short_name_vi COLLATE vi, u.id";
constexpr const char* kSuccessions = "SELECT old_unit_id, new_unit_id FROM admin_unit_succession";
constexpr const char* kRoundColumns =
    "SELECT r.id, r.periodicity, r.year, r.number, r.starts_on, r.ends_on, r.due_on, "
    "r.generation, r.note, r.created_at, "
    "(SELECT COUNT(*) FROM indicator_submission s WHERE s.round_id = r.id "
    "AND s.status IN ('submitted', 'approved')), "
    "(SELECT COUNT(*) FROM indicator_submission s WHERE s.round_id = r.id "
    "AND s.status = 'approved') FROM indicator_round r";
// $1 limit, $2 offset.
constexpr const char* kListRounds =
    " ORDER BY r.ends_on DESC, r.periodicity, r.id DESC LIMIT $1 OFFSET $2";
constexpr const char* kCountRounds = "SELECT COUNT(*) FROM indicator_round";
// $1 round id.
constexpr const char* kRoundItems =
    "SELECT ri.indicator_id FROM indicator_round_item ri WHERE ri.round_id = $1 "
    "ORDER BY ri.position";
// $1 periodicity, $2 year, $3 number.
constexpr const char* kFindRound =
    "SELECT id FROM indicator_round WHERE periodicity = $1 AND year = $2 AND number = $3";
// $1 periodicity ... $8 note, $9 created_by, $10 now.
constexpr const char* kInsertRound =
    "INSERT INTO indicator_round (periodicity, year, number, starts_on, ends_on, due_on, "
    "generation, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
    "RETURNING id";
// $1 round id, $2 indicator id, $3 position.
constexpr const char* kInsertRoundItem =
    "INSERT INTO indicator_round_item (round_id, indicator_id, position) VALUES ($1, $2, $3)";
constexpr const char* kSubmissionColumns =
    "SELECT s.id, s.round_id, s.admin_unit_id, s.status, s.submitted_at, s.submitted_on, "
    "s.decided_at, s.comment, s.version FROM indicator_submission s";
// $1 submission id.
constexpr const char* kSubmissionValues =
    "SELECT indicator_id, value_milli, comment, source FROM indicator_value "
    "WHERE submission_id = $1 ORDER BY indicator_id";
constexpr const char* kSubmissionHistory =
    "SELECT action, from_status, to_status, comment, user_login, recorded_at "
    "FROM indicator_submission_step WHERE submission_id = $1 ORDER BY id";
// $1 round, $2 unit, $3 now.
constexpr const char* kInsertSubmission =
    "INSERT INTO indicator_submission (round_id, admin_unit_id, status, created_at, updated_at) "
    "VALUES ($1, $2, 'draft', $3, $3) RETURNING id";
// $1 status ... $5 comment, $6 now, $7 id, $8 expected version.
constexpr const char* kUpdateSubmission =
    "UPDATE indicator_submission SET status = $1, submitted_at = $2, submitted_on = $3, "
    "decided_at = $4, comment = $5, updated_at = $6, version = version + 1 "
    "WHERE id = $7 AND version = $8";
constexpr const char* kDeleteValues = "DELETE FROM indicator_value WHERE submission_id = $1";
// $1 submission ... $11 approved.
constexpr const char* kInsertValue =
    "INSERT INTO indicator_value (submission_id, indicator_id, value_milli, comment, source, "
    "round_id, admin_unit_id, year, period_number, period_end_month, approved) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
// $1 approved, $2 submission.
constexpr const char* kSetApproved =
    "UPDATE indicator_value SET approved = $1 WHERE submission_id = $2";
// $1 submission ... $7 recorded_at.
constexpr const char* kInsertHistory =
    "INSERT INTO indicator_submission_step (submission_id, action, from_status, to_status, "
    "comment, user_id, user_login, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
// The yearly values' rows; the filter follows (approved IN (...) AND year BETWEEN ... AND
// indicator_id IN (...)). kSummedValues adds up the periods of each unit and year (in the order
// of the index indicator_value_yearly when only approved values are read).
constexpr const char* kPeriodValues =
    "SELECT indicator_id, admin_unit_id, year, period_end_month, value_milli "
    "FROM indicator_value";
constexpr const char* kSummedValues =
    "SELECT indicator_id, admin_unit_id, year, 12, SUM(value_milli) FROM indicator_value";
constexpr const char* kSummedGroup = " GROUP BY year, indicator_id, admin_unit_id";

// The counted indicators (decision 0008's table): rows of unit, year, count, with the conditions
// of a SqlFilter. Which statuses count (signed, carried out, took place) is the owning module's
// rule (agreements::SignedStatusCodes and the like), shared with the reports module. Grouped by
// year first, the order of the indexes agreement_signed_year_unit, delegation_counts and
// event_year_unit, so that no temporary sort is needed.
constexpr const char* kCountAgreements =
    "SELECT a.admin_unit_id, a.signed_year, COUNT(*) FROM agreement a";
constexpr const char* kAgreementsGroup = " GROUP BY a.signed_year, a.admin_unit_id";
constexpr const char* kHasResult = "EXISTS (SELECT 1 FROM result r WHERE r.agreement_id = a.id)";
constexpr const char* kCountDelegations =
    "SELECT d.admin_unit_id, d.start_year, COUNT(*) FROM delegation d";
constexpr const char* kDelegationsGroup = " GROUP BY d.start_year, d.admin_unit_id";
constexpr const char* kCountEvents = "SELECT e.admin_unit_id, e.start_year, COUNT(*) FROM event e";
constexpr const char* kEventsGroup = " GROUP BY e.start_year, e.admin_unit_id";
// $1 first day of the from year, $2 first day after the to year, $3 the merger day. A
// commitment done before the merger counts for the agreement's province of the time, after it
// for the same province by today's boundaries.
constexpr const char* kCountCommitmentsDone =
    "SELECT CASE WHEN c.done_on >= $3 THEN a.current_unit_id ELSE a.admin_unit_id END, "
    "CAST(SUBSTR(c.done_on, 1, 4) AS INTEGER), COUNT(*) FROM commitment c "
    "JOIN agreement a ON a.id = c.agreement_id "
    "WHERE c.status = 'done' AND c.done_on >= $1 AND c.done_on < $2 "
    "GROUP BY CASE WHEN c.done_on >= $3 THEN a.current_unit_id ELSE a.admin_unit_id END, "
    "CAST(SUBSTR(c.done_on, 1, 4) AS INTEGER)";

// The same counts from the tallies kept with the records (migration 0013), whose columns have
// the records' names under the alias t; rows whose count fell to zero are dropped.
constexpr const char* kTallyGroup = " GROUP BY t.year, t.admin_unit_id";
constexpr const char* kTallyNonZero = " HAVING SUM(t.n) <> 0";

std::optional<Date> OptDate(const Row& r, std::size_t i) {
    auto t = r.OptText(i);
    return t ? Date::ParseIso(*t) : std::nullopt;
}

Indicator ToIndicator(const Row& r) {
    Indicator i;
    i.id = r.Int(0);
    IndicatorFields& f = i.fields;
    f.code = r.Text(1);
    f.name_vi = r.Text(2);
    f.name_en = r.Text(3);
    f.unit = r.Text(4);
    f.aggregation = r.Text(5);
    f.periodicity = r.Text(6);
    f.source = r.Text(7);
    f.counted_from = r.Text(8);
    f.decimals = static_cast<int>(r.Int(9));
    f.min_milli = r.OptInt(10);
    f.max_milli = r.OptInt(11);
    f.required = r.Int(12) != 0;
    f.description_vi = r.Text(13);
    f.description_en = r.Text(14);
    f.sort_order = static_cast<int>(r.Int(15));
    f.active = r.Int(16) != 0;
    i.version = r.Int(17);
    i.created_at = r.Text(18);
    i.updated_at = r.Text(19);
    i.used = r.Int(20) != 0;
    return i;
}

UnitInfo ToUnit(const Row& r) {
    UnitInfo u;
    u.id = r.Int(0);
    u.code = r.Text(1);
    u.name_vi = r.Text(2);
    u.short_name_vi = r.Text(3);
    u.name_en = r.Text(4);
    u.generation = static_cast<int>(r.Int(5));
    u.current_id = r.Int(6);
    return u;
}

Round ToRound(const Row& r) {
    Round x;
    x.id = r.Int(0);
    x.periodicity = r.Text(1);
    x.year = static_cast<int>(r.Int(2));
    x.number = static_cast<int>(r.Int(3));
    x.starts_on = *Date::ParseIso(r.Text(4));
    x.ends_on = *Date::ParseIso(r.Text(5));
    x.due_on = *Date::ParseIso(r.Text(6));
    x.generation = static_cast<int>(r.Int(7));
    x.note = r.Text(8);
    x.created_at = r.Text(9);
    x.submitted = static_cast<int>(r.Int(10));
    x.approved = static_cast<int>(r.Int(11));
    return x;
}

Submission ToSubmission(const Row& r) {
    Submission s;
    s.id = r.Int(0);
    s.round_id = r.Int(1);
    s.admin_unit_id = r.Int(2);
    s.status = r.Text(3);
    s.submitted_at = r.OptText(4);
    s.submitted_on = OptDate(r, 5);
    s.decided_at = r.OptText(6);
    s.comment = r.Text(7);
    s.version = r.Int(8);
    return s;
}

Value OptIso(const std::optional<Date>& d) {
    return d ? Value(d->ToIso()) : Value();
}

Value OptCounted(const IndicatorFields& f) {
    return f.counted_from.empty() ? Value() : Value(f.counted_from);
}

}  // namespace

std::vector<Indicator> SqlIndicatorRepository::ListIndicators(Transaction& tx, bool active_only) {
    std::vector<Indicator> out;
    std::string sql = std::string(kIndicatorColumns) + (active_only ? " WHERE i.active = 1" : "") +
                      " ORDER BY i.sort_order, i.code";
    for (const auto& r : tx.Query(sql))
        out.push_back(ToIndicator(r));
    return out;
}

std::optional<Indicator> SqlIndicatorRepository::FindIndicator(Transaction& tx,
                                                               const std::string& code) {
    auto r = tx.QueryOne(std::string(kIndicatorColumns) + " WHERE i.code = $1", {code});
    if (!r)
        return std::nullopt;
    return ToIndicator(*r);
}

std::int64_t SqlIndicatorRepository::InsertIndicator(Transaction& tx, const IndicatorFields& f,
                                                     const std::string& now) {
    return tx
        .QueryOne(kInsertIndicator,
                  {f.code, f.name_vi, f.name_en, f.unit, f.aggregation, f.periodicity, f.source,
                   OptCounted(f), f.decimals, f.min_milli, f.max_milli, f.required ? 1 : 0,
                   f.description_vi, f.description_en, f.sort_order, f.active ? 1 : 0, now})
        ->Int(0);
}

bool SqlIndicatorRepository::UpdateIndicator(Transaction& tx, std::int64_t id,
                                             const IndicatorFields& f,
                                             std::int64_t expected_version,
                                             const std::string& now) {
    return tx.Exec(kUpdateIndicator, {f.name_vi, f.name_en, f.unit, f.aggregation, f.periodicity,
                                      f.source, OptCounted(f), f.decimals, f.min_milli, f.max_milli,
                                      f.required ? 1 : 0, f.description_vi, f.description_en,
                                      f.sort_order, f.active ? 1 : 0, now, id, expected_version}) ==
           1;
}

std::vector<UnitInfo> SqlIndicatorRepository::UnitsOn(Transaction& tx, Date day) {
    std::vector<UnitInfo> out;
    for (const auto& r : tx.Query(std::string(kUnitColumns) + kUnitsOn, {day.ToIso()}))
        out.push_back(ToUnit(r));
    return out;
}

std::optional<UnitInfo> SqlIndicatorRepository::FindUnit(Transaction& tx, std::int64_t id) {
    auto r = tx.QueryOne(std::string(kUnitColumns) + " WHERE u.id = $1", {id});
    if (!r)
        return std::nullopt;
    return ToUnit(*r);
}

std::map<std::int64_t, std::int64_t> SqlIndicatorRepository::Successions(Transaction& tx) {
    std::map<std::int64_t, std::int64_t> out;
    for (const auto& r : tx.Query(kSuccessions))
        out[r.Int(0)] = r.Int(1);
    return out;
}

Page<Round> SqlIndicatorRepository::ListRounds(Transaction& tx, const PageRequest& page) {
    Page<Round> out;
    out.page = page.page;
    out.per_page = page.per_page;
    out.total = tx.QueryOne(kCountRounds)->Int(0);
    for (const auto& r :
         tx.Query(std::string(kRoundColumns) + kListRounds, {page.per_page, page.offset()}))
        out.items.push_back(ToRound(r));
    return out;
}

std::optional<Round> SqlIndicatorRepository::GetRound(Transaction& tx, std::int64_t id) {
    auto r = tx.QueryOne(std::string(kRoundColumns) + " WHERE r.id = $1", {id});
    if (!r)
        return std::nullopt;
    Round round = ToRound(*r);
    std::vector<std::int64_t> ids;
    for (const auto& row : tx.Query(kRoundItems, {id}))
        ids.push_back(row.Int(0));
    if (!ids.empty()) {
        std::map<std::int64_t, Indicator> by_id;
        SqlFilter f;
        f.AddIn("i.id", ids);
        for (const auto& row : tx.Query(std::string(kIndicatorColumns) + f.Where(), f.params())) {
            Indicator i = ToIndicator(row);
            by_id[i.id] = std::move(i);
        }
        for (auto i : ids) {
            if (auto it = by_id.find(i); it != by_id.end())
                round.indicators.push_back(it->second);
        }
    }
    return round;
}

std::optional<std::int64_t> SqlIndicatorRepository::FindRound(Transaction& tx,
                                                              const std::string& periodicity,
                                                              int year, int number) {
    auto r = tx.QueryOne(kFindRound, {periodicity, year, number});
    if (!r)
        return std::nullopt;
    return r->Int(0);
}

std::int64_t SqlIndicatorRepository::InsertRound(Transaction& tx, const Round& r,
                                                 const std::vector<std::int64_t>& indicator_ids,
                                                 std::int64_t created_by, const std::string& now) {
    std::int64_t id =
        tx.QueryOne(kInsertRound, {r.periodicity, r.year, r.number, r.starts_on.ToIso(),
                                   r.ends_on.ToIso(), r.due_on.ToIso(), r.generation, r.note,
                                   created_by > 0 ? Value(created_by) : Value(), now})
            ->Int(0);
    int position = 0;
    for (auto i : indicator_ids)
        tx.Exec(kInsertRoundItem, {id, i, ++position});
    return id;
}

std::optional<Submission> SqlIndicatorRepository::FindSubmission(Transaction& tx,
                                                                 std::int64_t round_id,
                                                                 std::int64_t unit_id) {
    auto r = tx.QueryOne(
        std::string(kSubmissionColumns) + " WHERE s.round_id = $1 AND s.admin_unit_id = $2",
        {round_id, unit_id});
    if (!r)
        return std::nullopt;
    Submission s = ToSubmission(*r);
    for (const auto& row : tx.Query(kSubmissionValues, {s.id}))
        s.values.push_back({row.Int(0), row.OptInt(1), row.Text(2), row.Text(3)});
    for (const auto& row : tx.Query(kSubmissionHistory, {s.id})) {
        s.history.push_back(
            {row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5)});
    }
    return s;
}

std::vector<Submission> SqlIndicatorRepository::RoundSubmissions(Transaction& tx,
                                                                 std::int64_t round_id) {
    std::vector<Submission> out;
    for (const auto& r :
         tx.Query(std::string(kSubmissionColumns) + " WHERE s.round_id = $1", {round_id}))
        out.push_back(ToSubmission(r));
    return out;
}

std::int64_t SqlIndicatorRepository::InsertSubmission(Transaction& tx, std::int64_t round_id,
                                                      std::int64_t unit_id,
                                                      const std::string& now) {
    return tx.QueryOne(kInsertSubmission, {round_id, unit_id, now})->Int(0);
}

bool SqlIndicatorRepository::UpdateSubmission(Transaction& tx, const Submission& s,
                                              std::int64_t expected_version,
                                              const std::string& now) {
    return tx.Exec(kUpdateSubmission, {s.status, s.submitted_at, OptIso(s.submitted_on),
                                       s.decided_at, s.comment, now, s.id, expected_version}) == 1;
}

void SqlIndicatorRepository::ReplaceValues(Transaction& tx, const Submission& s, const Round& r,
                                           const std::vector<ValueCell>& cells) {
    tx.Exec(kDeleteValues, {s.id});
    auto p = EnumOf(Periodicities(), r.periodicity, Periodicity::kYear);
    int end_month = PeriodEndMonth(p.value_or(Periodicity::kYear), r.number);
    int approved = s.status == "approved" ? 1 : 0;
    for (const auto& c : cells) {
        if (!c.value_milli && c.comment.empty() && c.source.empty())
            continue;
        tx.Exec(kInsertValue, {s.id, c.indicator_id, c.value_milli, c.comment, c.source, r.id,
                               s.admin_unit_id, r.year, r.number, end_month, approved});
    }
}

void SqlIndicatorRepository::SetApproved(Transaction& tx, std::int64_t submission_id,
                                         bool approved) {
    tx.Exec(kSetApproved, {approved ? 1 : 0, submission_id});
}

void SqlIndicatorRepository::InsertHistory(Transaction& tx, std::int64_t submission_id,
                                           const HistoryEntry& h, std::int64_t user_id) {
    tx.Exec(kInsertHistory, {submission_id, h.action, h.from_status, h.to_status, h.comment,
                             user_id > 0 ? Value(user_id) : Value(), h.user_login, h.recorded_at});
}

std::vector<PeriodValue> SqlIndicatorRepository::PeriodValues(
    Transaction& tx, const std::map<std::int64_t, std::string>& code_of,
    const std::set<std::int64_t>& summed, int from_year, int to_year, bool approved_only,
    const std::vector<std::int64_t>* units) {
    std::vector<PeriodValue> out;
    std::vector<std::int64_t> by_sum;
    std::vector<std::int64_t> by_period;
    for (const auto& [id, code] : code_of)
        (summed.contains(id) ? by_sum : by_period).push_back(id);
    for (bool sums : {true, false}) {
        const auto& ids = sums ? by_sum : by_period;
        if (ids.empty())
            continue;
        SqlFilter f;
        f.AddIn("approved", approved_only ? std::vector<int>{1} : std::vector<int>{0, 1});
        f.Add("year BETWEEN ? AND ?", from_year, to_year);
        f.Add("value_milli IS NOT NULL");
        f.AddIn("indicator_id", ids);
        if (units)
            f.AddIn("admin_unit_id", *units);
        std::string sql = std::string(sums ? kSummedValues : kPeriodValues) + f.Where() +
                          (sums ? kSummedGroup : "");
        auto rows = tx.Query(sql, f.params());
        out.reserve(out.size() + rows.size());
        for (const auto& r : rows) {
            auto it = code_of.find(r.Int(0));
            if (it == code_of.end())
                continue;
            out.push_back({it->second, r.Int(1), static_cast<int>(r.Int(2)),
                           static_cast<int>(r.Int(3)), r.Int(4)});
        }
    }
    return out;
}

std::vector<PeriodValue> SqlIndicatorRepository::CountedValues(Transaction& tx,
                                                               const std::string& key,
                                                               const std::string& code,
                                                               int from_year, int to_year) {
    storage::Rows rows;
    SqlFilter f;
    if (use_tallies_) {
        // The tallies kept with the records (migration 0013), under the alias t.
        f.Add("t.year >= ?", from_year).Add("t.year <= ?", to_year);
        std::string from;
        if (key == "agreements_signed" || key == "agreements_with_results") {
            f.AddIn("t.status", agreements::SignedStatusCodes());
            if (key == "agreements_with_results")
                f.Add("t.has_result = 1");
            from = " FROM agreement_tally t";
        } else if (key.starts_with("delegations_")) {
            f.Add("t.direction = ?",
                  key.find("outbound") != std::string::npos ? "outbound" : "inbound");
            if (key.ends_with("_top"))
                f.Add("t.level = ?", "top_leaders");
            f.AddIn("t.status", delegations::CarriedOutStatusCodes());
            from = " FROM delegation_tally t";
        } else if (key == "events_international") {
            f.Add("t.type = ?", "international_conference").Add("t.admin_unit_id <> 0");
            f.AddIn("t.status", events::TookPlaceStatusCodes());
            from = " FROM event_tally t";
        } else if (key == "commitments_done") {
            // Before the merger day (the first of a month) for the agreement's province of the
            // time, from it for the same province by today's boundaries.
            Date merger = MergerDay();
            std::string unit = "CASE WHEN t.year * 100 + t.month >= " +
                               std::to_string(merger.year() * 100 + merger.month()) +
                               " THEN t.current_unit_id ELSE t.admin_unit_id END";
            rows = tx.Query("SELECT " + unit + ", t.year, SUM(t.n) FROM commitment_done_tally t" +
                                f.Where() + " GROUP BY t.year, " + unit + kTallyNonZero,
                            f.params());
        }
        if (!from.empty()) {
            rows = tx.Query("SELECT t.admin_unit_id, t.year, SUM(t.n)" + from + f.Where() +
                                kTallyGroup + kTallyNonZero,
                            f.params());
        }
    } else if (key == "agreements_signed" || key == "agreements_with_results") {
        f.Add("a.signed_year >= ?", from_year).Add("a.signed_year <= ?", to_year);
        f.Add("a.signed_on IS NOT NULL").AddIn("a.status", agreements::SignedStatusCodes());
        if (key == "agreements_with_results")
            f.Add(kHasResult);
        rows = tx.Query(std::string(kCountAgreements) + f.Where() + kAgreementsGroup, f.params());
    } else if (key.starts_with("delegations_")) {
        f.Add("d.start_year >= ?", from_year).Add("d.start_year <= ?", to_year);
        f.Add("d.direction = ?",
              key.find("outbound") != std::string::npos ? "outbound" : "inbound");
        if (key.ends_with("_top"))
            f.Add("d.level = ?", "top_leaders");
        f.AddIn("d.status", delegations::CarriedOutStatusCodes());
        rows = tx.Query(std::string(kCountDelegations) + f.Where() + kDelegationsGroup, f.params());
    } else if (key == "events_international") {
        f.Add("e.start_year >= ?", from_year).Add("e.start_year <= ?", to_year);
        f.Add("e.type = ?", "international_conference").Add("e.admin_unit_id IS NOT NULL");
        f.AddIn("e.status", events::TookPlaceStatusCodes());
        rows = tx.Query(std::string(kCountEvents) + f.Where() + kEventsGroup, f.params());
    } else if (key == "commitments_done") {
        rows = tx.Query(kCountCommitmentsDone,
                        {std::to_string(from_year) + "-01-01",
                         std::to_string(to_year + 1) + "-01-01", MergerDay().ToIso()});
    }
    std::vector<PeriodValue> out;
    for (const auto& r : rows)
        out.push_back({code, r.Int(0), static_cast<int>(r.Int(1)), 12, r.Int(2) * 1000});
    return out;
}

}  // namespace ngoaivu::indicators
