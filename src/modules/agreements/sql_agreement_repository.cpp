#include <algorithm>
#include <map>

#include "base/text.hpp"
#include "modules/agreements/agreement_repository.hpp"
#include "storage/sql_filter.hpp"

namespace ngoaivu::agreements {

namespace {

using storage::Row;
using storage::SqlFilter;
using storage::Value;

constexpr const char* kColumns =
    "a.id, a.title_vi, a.title_foreign, a.form, a.party_kind, a.party_name, a.admin_unit_id, "
    "a.current_unit_id, a.procedure, a.shortened_reason, a.languages, a.status, a.signed_on, "
    "a.signed_place, a.signatory_vn, a.signatory_foreign, a.decision_ref, a.effective_on, "
    "a.term_months, a.expires_on, a.renewal, a.publication, a.portal_url, a.archive_location, "
    "a.inherited_from, a.rename_amended_on, a.content, a.next_due_on, a.has_result, "
    "a.created_at, a.updated_at, a.version, u.name_vi, u.name_en, cu.name_vi, cu.name_en";
constexpr const char* kFrom =
    " FROM agreement a JOIN admin_unit u ON u.id = a.admin_unit_id "
    "JOIN admin_unit cu ON cu.id = a.current_unit_id";

std::optional<Date> OptDate(const Row& r, std::size_t i) {
    auto t = r.OptText(i);
    if (!t)
        return std::nullopt;
    return Date::ParseIso(*t);
}

Value DateValue(const std::optional<Date>& d) {
    return d ? Value(d->ToIso()) : Value();
}

std::vector<std::string> SplitCommas(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == ',') {
            if (!cur.empty())
                out.push_back(cur);
            cur.clear();
        } else {
            cur.push_back(c);
        }
    }
    if (!cur.empty())
        out.push_back(cur);
    return out;
}

std::string JoinCommas(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) {
        if (!out.empty())
            out += ',';
        out += s;
    }
    return out;
}

Agreement ToAgreement(const Row& r) {
    Agreement a;
    a.id = r.Int(0);
    auto& f = a.fields;
    f.title_vi = r.Text(1);
    f.title_foreign = r.Text(2);
    f.form = r.Text(3);
    f.party_kind = r.Text(4);
    f.party_name = r.Text(5);
    f.admin_unit_id = r.Int(6);
    a.current_unit_id = r.Int(7);
    f.procedure = r.Text(8);
    f.shortened_reason = r.Text(9);
    f.languages = SplitCommas(r.Text(10));
    a.status = ParseStatus(r.Text(11)).value_or(Status::kDraft);
    a.signed_on = OptDate(r, 12);
    a.signed_place = r.Text(13);
    a.signatory_vn = r.Text(14);
    a.signatory_foreign = r.Text(15);
    a.decision_ref = r.Text(16);
    a.effective_on = OptDate(r, 17);
    if (auto t = r.OptInt(18))
        f.term_months = static_cast<int>(*t);
    a.expires_on = OptDate(r, 19);
    f.renewal = r.Text(20);
    f.publication = r.Text(21);
    f.portal_url = r.Text(22);
    f.archive_location = r.Text(23);
    f.inherited_from = r.Text(24);
    f.rename_amended_on = OptDate(r, 25);
    f.content = r.Text(26);
    a.next_due_on = OptDate(r, 27);
    a.has_result = r.Int(28) != 0;
    a.created_at = r.Text(29);
    a.updated_at = r.Text(30);
    a.version = r.Int(31);
    a.unit_name_vi = r.Text(32);
    a.unit_name_en = r.Text(33);
    a.current_unit_name_vi = r.Text(34);
    a.current_unit_name_en = r.Text(35);
    return a;
}

// Loads the partners and fields of `items` in two queries (no query per row).
void LoadLinks(storage::Transaction& tx, std::vector<Agreement>& items) {
    if (items.empty())
        return;
    std::map<std::int64_t, Agreement*> by_id;
    std::vector<Value> ids;
    for (auto& a : items) {
        by_id[a.id] = &a;
        ids.emplace_back(a.id);
        a.fields.partner_ids.clear();
        a.fields.fields.clear();
        a.partners.clear();
    }
    SqlFilter partners;
    partners.AddInValues("ap.agreement_id", ids);
    for (const auto& r :
         tx.Query("SELECT ap.agreement_id, p.id, p.name_vi, p.name_en, p.country_alpha2, p.kind "
                  "FROM agreement_partner ap JOIN partner p ON p.id = ap.partner_id" +
                      partners.Where() + " ORDER BY ap.agreement_id, p.name_vi COLLATE vi",
                  partners.params())) {
        Agreement* a = by_id.at(r.Int(0));
        a->fields.partner_ids.push_back(r.Int(1));
        a->partners.push_back({r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)});
    }
    SqlFilter fields;
    fields.AddInValues("agreement_id", ids);
    for (const auto& r : tx.Query("SELECT agreement_id, field FROM agreement_field" +
                                      fields.Where() + " ORDER BY agreement_id, field",
                                  fields.params())) {
        by_id.at(r.Int(0))->fields.fields.push_back(r.Text(1));
    }
}

void AddScope(SqlFilter& f, const Scope& scope, const char* column) {
    if (!scope.all)
        f.AddIn(column, scope.unit_ids);
}

// A province of the second generation (after 1 July 2025) is matched by today's boundaries;
// one of the first by the province as of signing (geo::AdminUnitId: generation × 1000 + code).
void AddUnit(SqlFilter& f, std::optional<std::int64_t> unit_id) {
    if (!unit_id)
        return;
    if (*unit_id >= 2000)
        f.Add("a.current_unit_id = ?", *unit_id);
    else
        f.Add("a.admin_unit_id = ?", *unit_id);
}

std::string OrderBy(AgreementSort sort) {
    switch (sort) {
        case AgreementSort::kSignedDesc:
            return " ORDER BY a.signed_on DESC NULLS FIRST, a.id DESC";
        case AgreementSort::kSignedAsc:
            return " ORDER BY a.signed_on ASC NULLS LAST, a.id";
        case AgreementSort::kTitle:
            return " ORDER BY a.title_vi COLLATE vi, a.id";
        case AgreementSort::kProvince:
            return " ORDER BY cu.name_vi COLLATE vi, a.signed_on DESC NULLS FIRST, a.id DESC";
        case AgreementSort::kDue:
            return " ORDER BY a.first_due_on ASC NULLS LAST, a.id";
        case AgreementSort::kUpdated:
            return " ORDER BY a.updated_at DESC, a.id DESC";
    }
    return "";
}

std::vector<Value> AgreementValues(const Agreement& a) {
    const auto& f = a.fields;
    std::string search = text::Fold(f.title_vi + " " + f.title_foreign + " " + f.party_name);
    return {Value(f.title_vi),
            Value(f.title_foreign),
            Value(f.form),
            Value(f.party_kind),
            Value(f.party_name),
            Value(f.admin_unit_id),
            Value(a.current_unit_id),
            Value(f.procedure),
            Value(f.shortened_reason),
            Value(JoinCommas(f.languages)),
            Value(std::string(StatusCode(a.status))),
            DateValue(a.signed_on),
            a.signed_on ? Value(static_cast<std::int64_t>(a.signed_on->year())) : Value(),
            Value(a.signed_place),
            Value(a.signatory_vn),
            Value(a.signatory_foreign),
            Value(a.decision_ref),
            DateValue(a.effective_on),
            f.term_months ? Value(static_cast<std::int64_t>(*f.term_months)) : Value(),
            DateValue(a.expires_on),
            Value(f.renewal),
            Value(f.publication),
            Value(f.portal_url),
            Value(f.archive_location),
            Value(f.inherited_from),
            DateValue(f.rename_amended_on),
            Value(f.content),
            Value(search),
            DateValue(a.next_due_on),
            Value(static_cast<std::int64_t>(a.has_result ? 1 : 0))};
}

void WriteLinks(storage::Transaction& tx, std::int64_t id, const AgreementFields& f) {
    tx.Exec("DELETE FROM agreement_partner WHERE agreement_id = $1", {id});
    tx.Exec("DELETE FROM agreement_field WHERE agreement_id = $1", {id});
    for (auto p : f.partner_ids) {
        tx.Exec("INSERT INTO agreement_partner (agreement_id, partner_id) VALUES ($1, $2)",
                {id, p});
    }
    for (const auto& field : f.fields)
        tx.Exec("INSERT INTO agreement_field (agreement_id, field) VALUES ($1, $2)", {id, field});
}

Deadline ToDeadline(const Row& r) {
    Deadline d;
    d.id = r.Int(0);
    d.agreement_id = r.Int(1);
    d.kind = ParseDeadlineKind(r.Text(2)).value_or(DeadlineKind::kOpinion);
    d.body = r.Text(3);
    d.opened_on = Date::ParseIso(r.Text(4)).value_or(d.opened_on);
    d.due_on = Date::ParseIso(r.Text(5)).value_or(d.due_on);
    d.closed_on = OptDate(r, 6);
    d.outcome = r.Text(7);
    d.note = r.Text(8);
    return d;
}

Commitment ToCommitment(const Row& r) {
    Commitment c;
    c.id = r.Int(0);
    c.agreement_id = r.Int(1);
    c.description = r.Text(2);
    c.responsible_unit = r.Text(3);
    c.due_on = OptDate(r, 4);
    c.status = r.Text(5);
    c.done_on = OptDate(r, 6);
    c.version = r.Int(7);
    return c;
}

// Recomputes agreement.first_due_on (migration 0006): the earlier of the earliest open deadline
// (next_due_on) and the earliest open commitment. Called by every write that can change either.
void RefreshFirstDue(storage::Transaction& tx, std::int64_t agreement_id) {
    tx.Exec(
        "UPDATE agreement SET first_due_on = (SELECT CASE WHEN agreement.next_due_on IS NOT NULL "
        "AND (MIN(c.due_on) IS NULL OR agreement.next_due_on < MIN(c.due_on)) THEN "
        "agreement.next_due_on ELSE MIN(c.due_on) END FROM commitment c WHERE c.agreement_id = "
        "agreement.id AND c.status IN ('open', 'in_progress')) WHERE id = $1",
        {agreement_id});
}

// Searches of at least this many characters use the trigram index (SQLite's FTS5 trigram
// tokenizer matches nothing shorter).
constexpr std::size_t kTrigramMinChars = 3;
// A term found in more agreements than this is searched by reading the rows in the list's
// order (a match every few rows: the page fills quickly) rather than through the index (whose
// list of matching ids would cost more to build than the rows it saves reading).
constexpr std::int64_t kCommonTermRows = 20000;
// A search counts its matches up to this many past the page's first row, then says "more than".
constexpr std::int64_t kSearchCountCap = 1000;

std::size_t CodePoints(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// The FTS5 query matching `folded` as one substring: a phrase, with '"' doubled.
std::string FtsPhrase(std::string_view folded) {
    std::string out = "\"";
    for (char c : folded) {
        out.push_back(c);
        if (c == '"')
            out.push_back('"');
    }
    out.push_back('"');
    return out;
}

// The condition for a search of `folded` (base/text Fold of the user's words) in titles and
// party names. On PostgreSQL a LIKE that the pg_trgm index serves; on SQLite the FTS5 trigram
// index for terms that are rare enough, a LIKE on the rows for the rest (see kCommonTermRows).
// Returns true when the term is common (read from the rows): then a list reads the rows in its
// own order and stops at the page, rather than going through a province's index and sorting
// every match (see List).
bool AddSearch(storage::Transaction& tx, SqlFilter& f, const std::string& folded) {
    if (tx.backend() == storage::Backend::kSqlite && CodePoints(folded) >= kTrigramMinChars) {
        std::string phrase = FtsPhrase(folded);
        std::int64_t found =
            tx.QueryOne(
                  "SELECT COUNT(*) FROM (SELECT 1 FROM agreement_search WHERE agreement_search "
                  "MATCH $1 LIMIT $2) t",
                  {phrase, kCommonTermRows + 1})
                ->Int(0);
        if (found <= kCommonTermRows) {
            f.Add("a.id IN (SELECT rowid FROM agreement_search WHERE agreement_search MATCH ?)",
                  phrase);
            return false;
        }
    }
    f.Add("a.search_text LIKE ? ESCAPE '\\'", storage::LikeContains(folded));
    return true;
}

constexpr const char* kCommitmentColumns =
    "id, agreement_id, description, responsible_unit, due_on, status, done_on, version";

}  // namespace

std::optional<AgreementSort> ParseSort(std::string_view s) {
    if (s.empty() || s == "signed_desc")
        return AgreementSort::kSignedDesc;
    if (s == "signed")
        return AgreementSort::kSignedAsc;
    if (s == "title")
        return AgreementSort::kTitle;
    if (s == "province")
        return AgreementSort::kProvince;
    if (s == "due")
        return AgreementSort::kDue;
    if (s == "updated")
        return AgreementSort::kUpdated;
    return std::nullopt;
}

std::string_view SortName(AgreementSort s) {
    switch (s) {
        case AgreementSort::kSignedDesc:
            return "signed_desc";
        case AgreementSort::kSignedAsc:
            return "signed";
        case AgreementSort::kTitle:
            return "title";
        case AgreementSort::kProvince:
            return "province";
        case AgreementSort::kDue:
            return "due";
        case AgreementSort::kUpdated:
            return "updated";
    }
    return "signed_desc";
}

std::optional<UnitInfo> SqlAgreementRepository::FindUnit(storage::Transaction& tx,
                                                         std::int64_t unit_id) {
    auto r = tx.QueryOne(
        "SELECT u.id, u.name_vi, u.name_en, u.valid_from, u.valid_to, "
        "COALESCE((SELECT s.new_unit_id FROM admin_unit_succession s WHERE s.old_unit_id = u.id), "
        "u.id) FROM admin_unit u WHERE u.id = $1",
        {unit_id});
    if (!r)
        return std::nullopt;
    UnitInfo u;
    u.id = r->Int(0);
    u.name_vi = r->Text(1);
    u.name_en = r->Text(2);
    u.valid_from = Date::ParseIso(r->Text(3)).value_or(u.valid_from);
    u.valid_to = OptDate(*r, 4);
    u.current_id = r->Int(5);
    return u;
}

std::vector<UnitInfo> SqlAgreementRepository::AllUnits(storage::Transaction& tx) {
    std::vector<UnitInfo> out;
    for (const auto& r : tx.Query(
             "SELECT u.id, u.name_vi, u.name_en, u.valid_from, u.valid_to, "
             "COALESCE((SELECT s.new_unit_id FROM admin_unit_succession s WHERE s.old_unit_id = "
             "u.id), u.id), u.short_name_vi FROM admin_unit u "
             "ORDER BY u.generation DESC, u.short_name_vi COLLATE vi")) {
        UnitInfo u;
        u.id = r.Int(0);
        u.name_vi = r.Text(1);
        u.name_en = r.Text(2);
        u.valid_from = Date::ParseIso(r.Text(3)).value_or(u.valid_from);
        u.valid_to = OptDate(r, 4);
        u.current_id = r.Int(5);
        u.short_name_vi = r.Text(6);
        out.push_back(std::move(u));
    }
    return out;
}

std::map<std::int64_t, Implementation> SqlAgreementRepository::ImplementationOf(
    storage::Transaction& tx, const std::vector<std::int64_t>& ids, Date today) {
    std::map<std::int64_t, Implementation> out;
    if (ids.empty())
        return out;
    SqlFilter c(1);
    c.AddIn("agreement_id", ids);
    std::vector<Value> params{Value(today.ToIso())};
    params.insert(params.end(), c.params().begin(), c.params().end());
    for (const auto& r : tx.Query(
             "SELECT agreement_id, COUNT(*), SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END), "
             "SUM(CASE WHEN status IN ('open', 'in_progress') AND due_on < $1 THEN 1 ELSE 0 END) "
             "FROM commitment WHERE " +
                 c.Conditions() + " GROUP BY agreement_id",
             params)) {
        auto& i = out[r.Int(0)];
        i.commitments = static_cast<int>(r.Int(1));
        i.commitments_done = static_cast<int>(r.Int(2));
        i.commitments_overdue = static_cast<int>(r.Int(3));
    }
    SqlFilter res;
    res.AddIn("agreement_id", ids);
    for (const auto& r : tx.Query("SELECT agreement_id, description FROM result" + res.Where() +
                                      " ORDER BY agreement_id, achieved_on, id",
                                  res.params())) {
        auto& i = out[r.Int(0)];
        ++i.results;
        i.latest_result = r.Text(1);
    }
    return out;
}

std::optional<std::int64_t> SqlAgreementRepository::FindDuplicate(storage::Transaction& tx,
                                                                  const std::string& title_vi,
                                                                  std::int64_t unit_id,
                                                                  std::optional<Date> signed_on) {
    auto r = tx.QueryOne(
        "SELECT id FROM agreement WHERE admin_unit_id = $1 AND COALESCE(signed_on, '') = $2 AND "
        "title_vi = $3 LIMIT 1",
        {unit_id, signed_on ? signed_on->ToIso() : std::string(), title_vi});
    if (!r)
        return std::nullopt;
    return r->Int(0);
}

std::vector<PartnerRef> SqlAgreementRepository::PartnerChoices(storage::Transaction& tx) {
    std::vector<PartnerRef> out;
    for (const auto& r : tx.Query("SELECT id, name_vi, name_en, country_alpha2, kind FROM partner "
                                  "WHERE merged_into_id IS NULL ORDER BY name_vi COLLATE vi, id "
                                  "LIMIT 2000"))
        out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
    return out;
}

std::vector<std::pair<std::int64_t, std::int64_t>> SqlAgreementRepository::FindPartners(
    storage::Transaction& tx, const std::vector<std::int64_t>& ids) {
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    if (ids.empty())
        return out;
    SqlFilter f;
    f.AddIn("id", ids);
    for (const auto& r : tx.Query("SELECT id, merged_into_id FROM partner" + f.Where(), f.params()))
        out.emplace_back(r.Int(0), r.Int(1));
    return out;
}

Page<Agreement> SqlAgreementRepository::List(storage::Transaction& tx, const Scope& scope,
                                             const AgreementFilter& filter, AgreementSort sort,
                                             const PageRequest& page, Date today) {
    SqlFilter f;
    const std::string q = text::Fold(filter.q);
    const bool common_term = !q.empty() && AddSearch(tx, f, q);
    // A common term matches every few rows: the scope's index would find all the province's rows
    // and sort every match; "+" keeps the planner off it, so the list reads rows in its own
    // order (the title index for sort=title) and stops at the page (bench/agreements_bench.md).
    AddScope(f, scope, common_term ? "+a.admin_unit_id" : "a.admin_unit_id");
    AddUnit(f, filter.unit_id);
    if (!filter.country.empty()) {
        f.Add(
            "EXISTS (SELECT 1 FROM agreement_partner ap JOIN partner p ON p.id = ap.partner_id "
            "WHERE ap.agreement_id = a.id AND p.country_alpha2 = ?)",
            filter.country);
    }
    if (!filter.partner_kind.empty()) {
        f.Add(
            "EXISTS (SELECT 1 FROM agreement_partner ap JOIN partner p ON p.id = ap.partner_id "
            "WHERE ap.agreement_id = a.id AND p.kind = ?)",
            filter.partner_kind);
    }
    if (filter.partner_id) {
        f.Add(
            "EXISTS (SELECT 1 FROM agreement_partner ap WHERE ap.agreement_id = a.id AND "
            "ap.partner_id = ?)",
            *filter.partner_id);
    }
    if (!filter.field.empty()) {
        f.Add(
            "EXISTS (SELECT 1 FROM agreement_field af WHERE af.agreement_id = a.id AND "
            "af.field = ?)",
            filter.field);
    }
    if (!filter.status.empty())
        f.Add("a.status = ?", filter.status);
    if (filter.year)
        f.Add("a.signed_year = ?", static_cast<std::int64_t>(*filter.year));
    if (filter.overdue)  // an open deadline or an open commitment past its date
        f.Add("a.first_due_on < ?", today.ToIso());
    if (filter.without_result)
        f.Add("a.status = 'in_force' AND a.has_result = 0");

    Page<Agreement> out;
    out.page = page.page;
    out.per_page = page.per_page;
    // The count needs no join: no condition reads the unit tables. A search counts up to a cap
    // past the page (a common word matches a third of all agreements: counting them all would
    // cost more than the page itself).
    if (q.empty()) {
        out.total = tx.QueryOne("SELECT COUNT(*) FROM agreement a" + f.Where(), f.params())->Int(0);
    } else {
        std::int64_t cap = page.offset() + kSearchCountCap;
        out.total = tx.QueryOne("SELECT COUNT(*) FROM (SELECT 1 FROM agreement a" + f.Where() +
                                    f.Next(" LIMIT ?") + ") t",
                                f.ParamsWith({cap + 1}))
                        ->Int(0);
        if (out.total > cap) {
            out.total = cap;
            out.total_is_lower_bound = true;
        }
    }
    std::string sql = std::string("SELECT ") + kColumns + kFrom + f.Where() + OrderBy(sort) +
                      f.Next(" LIMIT ? OFFSET ?");
    for (const auto& r :
         tx.Query(sql, f.ParamsWith({static_cast<std::int64_t>(page.per_page), page.offset()})))
        out.items.push_back(ToAgreement(r));
    LoadLinks(tx, out.items);
    return out;
}

std::optional<AgreementDetail> SqlAgreementRepository::Get(storage::Transaction& tx,
                                                           std::int64_t id) {
    auto r = tx.QueryOne(std::string("SELECT ") + kColumns + kFrom + " WHERE a.id = $1", {id});
    if (!r)
        return std::nullopt;
    AgreementDetail d;
    std::vector<Agreement> one{ToAgreement(*r)};
    LoadLinks(tx, one);
    d.agreement = std::move(one.front());
    for (const auto& row :
         tx.Query("SELECT id, agreement_id, kind, body, opened_on, due_on, closed_on, outcome, "
                  "note FROM agreement_deadline WHERE agreement_id = $1 ORDER BY opened_on, id",
                  {id}))
        d.deadlines.push_back(ToDeadline(row));
    for (const auto& row :
         tx.Query("SELECT id, action, happened_on, from_status, to_status, note, user_login, "
                  "recorded_at FROM agreement_event WHERE agreement_id = $1 ORDER BY id",
                  {id})) {
        Event e;
        e.id = row.Int(0);
        e.action = row.Text(1);
        e.happened_on = Date::ParseIso(row.Text(2)).value_or(e.happened_on);
        e.from_status = row.Text(3);
        e.to_status = row.Text(4);
        e.note = row.Text(5);
        e.user_login = row.Text(6);
        e.recorded_at = row.Text(7);
        d.events.push_back(std::move(e));
    }
    for (const auto& row : tx.Query(std::string("SELECT ") + kCommitmentColumns +
                                        " FROM commitment WHERE agreement_id = $1 "
                                        "ORDER BY due_on IS NULL, due_on, id",
                                    {id}))
        d.commitments.push_back(ToCommitment(row));
    std::map<std::int64_t, std::size_t> result_index;
    for (const auto& row : tx.Query("SELECT id, description, achieved_on FROM result "
                                    "WHERE agreement_id = $1 ORDER BY achieved_on, id",
                                    {id})) {
        ResultEntry e;
        e.id = row.Int(0);
        e.agreement_id = id;
        e.description = row.Text(1);
        e.achieved_on = Date::ParseIso(row.Text(2)).value_or(e.achieved_on);
        result_index[e.id] = d.results.size();
        d.results.push_back(std::move(e));
    }
    for (const auto& row :
         tx.Query("SELECT f.result_id, f.unit, f.amount_centi FROM result_figure f JOIN result r "
                  "ON r.id = f.result_id WHERE r.agreement_id = $1 ORDER BY f.id",
                  {id})) {
        d.results[result_index.at(row.Int(0))].figures.push_back({row.Text(1), row.Int(2)});
    }
    return d;
}

std::int64_t SqlAgreementRepository::Insert(storage::Transaction& tx, const Agreement& a,
                                            std::int64_t created_by, const std::string& now) {
    std::vector<Value> values = AgreementValues(a);
    values.emplace_back(created_by > 0 ? Value(created_by) : Value());
    values.emplace_back(now);
    auto row = tx.QueryOne(
        "INSERT INTO agreement (title_vi, title_foreign, form, party_kind, party_name, "
        "admin_unit_id, current_unit_id, procedure, shortened_reason, languages, status, "
        "signed_on, signed_year, signed_place, signatory_vn, signatory_foreign, decision_ref, "
        "effective_on, term_months, expires_on, renewal, publication, portal_url, "
        "archive_location, inherited_from, rename_amended_on, content, search_text, next_due_on, "
        "has_result, created_by, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, "
        "$6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, "
        "$24, $25, $26, $27, $28, $29, $30, $31, $32, $32, 1) RETURNING id",
        values);
    std::int64_t id = row->Int(0);
    WriteLinks(tx, id, a.fields);
    RefreshFirstDue(tx, id);
    return id;
}

bool SqlAgreementRepository::Update(storage::Transaction& tx, const Agreement& a,
                                    std::int64_t expected_version, const std::string& now) {
    std::vector<Value> values = AgreementValues(a);
    values.emplace_back(now);
    values.emplace_back(a.id);
    values.emplace_back(expected_version);
    auto n = tx.Exec(
        "UPDATE agreement SET title_vi = $1, title_foreign = $2, form = $3, party_kind = $4, "
        "party_name = $5, admin_unit_id = $6, current_unit_id = $7, procedure = $8, "
        "shortened_reason = $9, languages = $10, status = $11, signed_on = $12, "
        "signed_year = $13, signed_place = $14, signatory_vn = $15, signatory_foreign = $16, "
        "decision_ref = $17, effective_on = $18, term_months = $19, expires_on = $20, "
        "renewal = $21, publication = $22, portal_url = $23, archive_location = $24, "
        "inherited_from = $25, rename_amended_on = $26, content = $27, search_text = $28, "
        "next_due_on = $29, has_result = $30, updated_at = $31, version = version + 1 "
        "WHERE id = $32 AND version = $33",
        values);
    if (n != 1)
        return false;
    WriteLinks(tx, a.id, a.fields);
    RefreshFirstDue(tx, a.id);
    return true;
}

std::int64_t SqlAgreementRepository::InsertEvent(storage::Transaction& tx,
                                                 std::int64_t agreement_id, const Event& e,
                                                 std::int64_t user_id) {
    return tx
        .QueryOne(
            "INSERT INTO agreement_event (agreement_id, action, happened_on, from_status, "
            "to_status, note, user_id, user_login, recorded_at) VALUES ($1, $2, $3, $4, "
            "$5, $6, $7, $8, $9) RETURNING id",
            {agreement_id, e.action, e.happened_on.ToIso(), e.from_status, e.to_status, e.note,
             user_id > 0 ? Value(user_id) : Value(), e.user_login, e.recorded_at})
        ->Int(0);
}

std::int64_t SqlAgreementRepository::InsertDeadline(storage::Transaction& tx,
                                                    std::int64_t agreement_id, const Deadline& d,
                                                    std::int64_t event_id) {
    return tx
        .QueryOne(
            "INSERT INTO agreement_deadline (agreement_id, kind, body, opened_on, due_on, "
            "closed_on, outcome, note, opened_event_id) VALUES ($1, $2, $3, $4, $5, $6, "
            "$7, $8, $9) RETURNING id",
            {agreement_id, std::string(DeadlineKindCode(d.kind)), d.body, d.opened_on.ToIso(),
             d.due_on.ToIso(), DateValue(d.closed_on), d.outcome, d.note,
             event_id > 0 ? Value(event_id) : Value()})
        ->Int(0);
}

void SqlAgreementRepository::CloseDeadline(storage::Transaction& tx, std::int64_t deadline_id,
                                           Date closed_on, const std::string& outcome,
                                           const std::string& note, std::int64_t event_id) {
    tx.Exec(
        "UPDATE agreement_deadline SET closed_on = $1, outcome = $2, note = $3, "
        "closed_event_id = $4 WHERE id = $5 AND closed_on IS NULL",
        {closed_on.ToIso(), outcome, note, event_id, deadline_id});
}

std::int64_t SqlAgreementRepository::InsertCommitment(storage::Transaction& tx, const Commitment& c,
                                                      const std::string& now) {
    std::int64_t id =
        tx.QueryOne(
              "INSERT INTO commitment (agreement_id, description, responsible_unit, due_on, "
              "status, done_on, created_at, updated_at, version) VALUES ($1, $2, $3, $4, "
              "$5, $6, $7, $7, 1) RETURNING id",
              {c.agreement_id, c.description, c.responsible_unit, DateValue(c.due_on), c.status,
               DateValue(c.done_on), now})
            ->Int(0);
    RefreshFirstDue(tx, c.agreement_id);
    return id;
}

std::optional<Commitment> SqlAgreementRepository::GetCommitment(storage::Transaction& tx,
                                                                std::int64_t id) {
    auto r = tx.QueryOne(
        std::string("SELECT ") + kCommitmentColumns + " FROM commitment WHERE id = $1", {id});
    if (!r)
        return std::nullopt;
    return ToCommitment(*r);
}

bool SqlAgreementRepository::UpdateCommitment(storage::Transaction& tx, const Commitment& c,
                                              std::int64_t expected_version,
                                              const std::string& now) {
    if (tx.Exec("UPDATE commitment SET description = $1, responsible_unit = $2, due_on = $3, "
                "status = $4, done_on = $5, updated_at = $6, version = version + 1 "
                "WHERE id = $7 AND version = $8",
                {c.description, c.responsible_unit, DateValue(c.due_on), c.status,
                 DateValue(c.done_on), now, c.id, expected_version}) != 1)
        return false;
    // The commitment's agreement as stored (the caller's copy could name another one).
    auto owner = tx.QueryOne("SELECT agreement_id FROM commitment WHERE id = $1", {c.id});
    RefreshFirstDue(tx, owner->Int(0));
    return true;
}

std::int64_t SqlAgreementRepository::InsertResult(storage::Transaction& tx, const ResultEntry& r,
                                                  const std::string& now) {
    std::int64_t id = tx.QueryOne(
                            "INSERT INTO result (agreement_id, description, achieved_on, "
                            "created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                            {r.agreement_id, r.description, r.achieved_on.ToIso(), now})
                          ->Int(0);
    for (const auto& f : r.figures) {
        tx.Exec("INSERT INTO result_figure (result_id, unit, amount_centi) VALUES ($1, $2, $3)",
                {id, f.unit, f.amount_centi});
    }
    return id;
}

void SqlAgreementRepository::SetHasResult(storage::Transaction& tx, std::int64_t agreement_id) {
    tx.Exec("UPDATE agreement SET has_result = 1 WHERE id = $1", {agreement_id});
}

void SqlAgreementRepository::SetNextDue(storage::Transaction& tx, std::int64_t agreement_id,
                                        std::optional<Date> next_due) {
    tx.Exec("UPDATE agreement SET next_due_on = $1 WHERE id = $2",
            {DateValue(next_due), agreement_id});
    RefreshFirstDue(tx, agreement_id);
}

Page<DueItem> SqlAgreementRepository::Due(storage::Transaction& tx, const Scope& scope,
                                          std::optional<std::int64_t> unit_id, Date until,
                                          const PageRequest& page) {
    const bool national = scope.all && !unit_id;
    // For a province, also `a.first_due_on <= until` (implied by the row's own date, since
    // first_due_on is the agreement's earliest open date): the search starts from the
    // province's agreements with anything due (index agreement_unit_first_due) instead of
    // every agreement of the province. Nationally the rows' own indexes are the shorter way.
    auto add_province = [&](SqlFilter& f) {
        if (national)
            return;
        AddScope(f, scope, "a.admin_unit_id");
        AddUnit(f, unit_id);
        f.Add("a.first_due_on <= ?", until.ToIso());
    };
    SqlFilter deadlines;
    deadlines.Add("d.closed_on IS NULL AND d.due_on <= ?", until.ToIso());
    add_province(deadlines);
    SqlFilter commitments(deadlines.size());
    commitments.Add("c.status IN ('open', 'in_progress') AND c.due_on <= ?", until.ToIso());
    add_province(commitments);
    std::string unioned =
        "SELECT 'deadline' AS what, d.agreement_id, a.title_vi, a.admin_unit_id, "
        "a.current_unit_id, d.kind, d.body, d.due_on, u.name_vi, u.name_en "
        "FROM agreement_deadline d JOIN agreement a ON a.id = d.agreement_id "
        "JOIN admin_unit u ON u.id = a.current_unit_id" +
        deadlines.Where() +
        " UNION ALL SELECT 'commitment', c.agreement_id, a.title_vi, a.admin_unit_id, "
        "a.current_unit_id, 'commitment', c.description, c.due_on, u.name_vi, u.name_en "
        "FROM commitment c JOIN agreement a ON a.id = c.agreement_id "
        "JOIN admin_unit u ON u.id = a.current_unit_id" +
        commitments.Where();
    std::vector<Value> params = deadlines.params();
    params.insert(params.end(), commitments.params().begin(), commitments.params().end());

    Page<DueItem> out;
    out.page = page.page;
    out.per_page = page.per_page;
    // The count reads only what the conditions need: the agreement (for the scope or the
    // province), never the unit names.
    std::string count_sql =
        national ? "SELECT (SELECT COUNT(*) FROM agreement_deadline d" + deadlines.Where() +
                       ") + (SELECT COUNT(*) FROM commitment c" + commitments.Where() + ")"
                 : "SELECT (SELECT COUNT(*) FROM agreement_deadline d JOIN agreement a ON a.id = "
                   "d.agreement_id" +
                       deadlines.Where() +
                       ") + (SELECT COUNT(*) FROM commitment c JOIN agreement a ON a.id = "
                       "c.agreement_id" +
                       commitments.Where() + ")";
    out.total = tx.QueryOne(count_sql, params)->Int(0);
    std::size_t n = params.size();
    params.emplace_back(static_cast<std::int64_t>(page.per_page));
    params.emplace_back(page.offset());
    for (const auto& r : tx.Query(unioned + " ORDER BY 8, 2 LIMIT $" + std::to_string(n + 1) +
                                      " OFFSET $" + std::to_string(n + 2),
                                  params)) {
        DueItem item;
        item.what = r.Text(0);
        item.agreement_id = r.Int(1);
        item.agreement_title = r.Text(2);
        item.admin_unit_id = r.Int(3);
        item.current_unit_id = r.Int(4);
        item.kind = r.Text(5);
        item.body = r.Text(6);
        item.due_on = Date::ParseIso(r.Text(7)).value_or(item.due_on);
        item.unit_name_vi = r.Text(8);
        item.unit_name_en = r.Text(9);
        out.items.push_back(std::move(item));
    }
    return out;
}

}  // namespace ngoaivu::agreements
