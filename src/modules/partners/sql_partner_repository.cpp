#include <string>
#include <utility>

#include "modules/partners/partner_repository.hpp"
#include "storage/sql_filter.hpp"

namespace ngoaivu::partners {

namespace {

// The columns of a PartnerSummary (ToSummary reads them in this order), from `partner p` and
// its country `c`, with the number of agreements that name the partner: a correlated count on
// the agreement_partner_partner index, so a page of partners costs one query, not one per row.
#define NGOAIVU_PARTNER_SUMMARY                                                          \
    "SELECT p.id, p.kind, p.name_original, p.name_vi, p.name_en, "                       \
    "COALESCE(p.country_alpha2, ''), COALESCE(c.name_vi, ''), COALESCE(c.name_en, ''), " \
    "p.merged_into_id, p.updated_at, "                                                   \
    "(SELECT COUNT(*) FROM agreement_partner ap WHERE ap.partner_id = p.id) "            \
    "FROM partner p LEFT JOIN country c ON c.alpha2 = p.country_alpha2"

// The list: the summary columns, then the filter's WHERE (built by storage::SqlFilter from the
// conditions below), an order (kOrder...), and "LIMIT ? OFFSET ?".
constexpr const char* kListPartners = NGOAIVU_PARTNER_SUMMARY;
constexpr const char* kCountPartners = "SELECT COUNT(*) FROM partner p";
// Conditions of the list's filter, one `?` per argument.
constexpr const char* kWhereSearch = "p.search_text LIKE ? ESCAPE '\\'";  // LikeContains(folded)
constexpr const char* kWhereKind = "p.kind = ?";
constexpr const char* kWhereCountry = "p.country_alpha2 = ?";
constexpr const char* kWhereNotMerged = "p.merged_into_id IS NULL";
constexpr const char* kLimitOffset = " LIMIT ? OFFSET ?";
// Orders: Vietnamese names by the vi collation, with the id as tie-breaker (names repeat).
// Partners without a country (international organisations) come last in either direction.
constexpr const char* kOrderNameAsc = " ORDER BY p.name_vi COLLATE vi, p.id";
constexpr const char* kOrderNameDesc = " ORDER BY p.name_vi COLLATE vi DESC, p.id DESC";
constexpr const char* kOrderCountryAsc =
    " ORDER BY CASE WHEN c.name_vi IS NULL THEN 1 ELSE 0 END, c.name_vi COLLATE vi, "
    "p.name_vi COLLATE vi, p.id";
constexpr const char* kOrderCountryDesc =
    " ORDER BY CASE WHEN c.name_vi IS NULL THEN 1 ELSE 0 END, c.name_vi COLLATE vi DESC, "
    "p.name_vi COLLATE vi, p.id";
constexpr const char* kOrderUpdatedAsc = " ORDER BY p.updated_at, p.id";
constexpr const char* kOrderUpdatedDesc = " ORDER BY p.updated_at DESC, p.id DESC";

// $1 partner id.
constexpr const char* kFindSummary = NGOAIVU_PARTNER_SUMMARY " WHERE p.id = $1";
// $1 partner id: the partners merged into it.
constexpr const char* kMergedInto =
    NGOAIVU_PARTNER_SUMMARY " WHERE p.merged_into_id = $1 ORDER BY p.name_vi COLLATE vi, p.id";
#undef NGOAIVU_PARTNER_SUMMARY

// $1 partner id.
constexpr const char* kFindPartner =
    "SELECT p.id, p.kind, p.name_original, p.name_vi, p.name_en, "
    "COALESCE(p.country_alpha2, ''), COALESCE(c.name_vi, ''), COALESCE(c.name_en, ''), "
    "p.website, p.notes, p.merged_into_id, p.created_at, p.updated_at, p.version "
    "FROM partner p LEFT JOIN country c ON c.alpha2 = p.country_alpha2 WHERE p.id = $1";
// $1 partner id.
constexpr const char* kContacts =
    "SELECT name, title, email, phone FROM partner_contact WHERE partner_id = $1 "
    "ORDER BY position, id";
// $1 kind, $2 exact Vietnamese name.
constexpr const char* kFindByName =
    "SELECT id FROM partner WHERE kind = $1 AND name_vi = $2 AND merged_into_id IS NULL "
    "ORDER BY id LIMIT 1";
// $1 partner id.
constexpr const char* kCountAgreements =
    "SELECT COUNT(*) FROM agreement_partner WHERE partner_id = $1";
constexpr const char* kCountryExists = "SELECT 1 FROM country WHERE alpha2 = $1";
constexpr const char* kUnitNames = "SELECT name_vi, name_en FROM admin_unit WHERE id = $1";

// $1 kind, $2 name_original, $3 name_vi, $4 name_en, $5 country (NULL for none), $6 website,
// $7 notes, $8 search_text, $9 created_at (also updated_at).
constexpr const char* kInsertPartner =
    "INSERT INTO partner (kind, name_original, name_vi, name_en, country_alpha2, website, notes, "
    "search_text, created_at, updated_at, version) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, 1) RETURNING id";
// $1..$8 as kInsertPartner, $9 updated_at, $10 id, $11 the version the caller read.
constexpr const char* kUpdatePartner =
    "UPDATE partner SET kind = $1, name_original = $2, name_vi = $3, name_en = $4, "
    "country_alpha2 = $5, website = $6, notes = $7, search_text = $8, updated_at = $9, "
    "version = version + 1 WHERE id = $10 AND version = $11";
// $1 partner id.
constexpr const char* kDeleteContacts = "DELETE FROM partner_contact WHERE partner_id = $1";
// $1 partner id, $2 position (from 0), $3 name, $4 title, $5 email, $6 phone.
constexpr const char* kInsertContact =
    "INSERT INTO partner_contact (partner_id, position, name, title, email, phone) "
    "VALUES ($1, $2, $3, $4, $5, $6)";

// Merging $1 (source) into $2 (target). Agreement links: copy those the target lacks (the
// primary key is (agreement, partner)), then drop the source's.
constexpr const char* kCopyAgreementLinks =
    "INSERT INTO agreement_partner (agreement_id, partner_id) "
    "SELECT agreement_id, CAST($2 AS BIGINT) FROM agreement_partner WHERE partner_id = $1 "
    "AND agreement_id NOT IN (SELECT agreement_id FROM agreement_partner WHERE partner_id = $2)";
constexpr const char* kDropAgreementLinks = "DELETE FROM agreement_partner WHERE partner_id = $1";
// Sister relations: drop the source's that the target has already (same province and date:
// the unique key), then move the others.
constexpr const char* kDropDuplicateRelations =
    "DELETE FROM sister_relation WHERE partner_id = $1 AND EXISTS (SELECT 1 FROM "
    "sister_relation t WHERE t.partner_id = $2 AND t.admin_unit_id = sister_relation.admin_unit_id "
    "AND t.established_on = sister_relation.established_on)";
constexpr const char* kMoveRelations =
    "UPDATE sister_relation SET partner_id = $2 WHERE partner_id = $1";
// Contacts: $1 target; then appended after them: $1 source, $2 target, $3 the first free
// position of the target.
constexpr const char* kNextContactPosition =
    "SELECT COALESCE(MAX(position) + 1, 0) FROM partner_contact WHERE partner_id = $1";
constexpr const char* kMoveContacts =
    "UPDATE partner_contact SET partner_id = $2, position = position + $3 WHERE partner_id = $1";
// Partners merged earlier into the source now point to the target (one hop, never a chain):
// $1 source, $2 target, $3 now.
constexpr const char* kRepointMerged =
    "UPDATE partner SET merged_into_id = $2, updated_at = $3, version = version + 1 "
    "WHERE merged_into_id = $1";
// $1 source, $2 target, $3 now.
constexpr const char* kMarkMerged =
    "UPDATE partner SET merged_into_id = $2, updated_at = $3, version = version + 1 "
    "WHERE id = $1";
// $1 partner id, $2 now: the target's contacts and links changed.
constexpr const char* kTouchPartner =
    "UPDATE partner SET updated_at = $2, version = version + 1 WHERE id = $1";

#define NGOAIVU_SISTER_RELATION                                                        \
    "SELECT s.id, s.partner_id, s.admin_unit_id, u.name_vi, u.name_en, u.generation, " \
    "s.established_on, s.ended_on, s.note FROM sister_relation s "                     \
    "JOIN admin_unit u ON u.id = s.admin_unit_id"
// $1 partner id.
constexpr const char* kSisterRelationsOf =
    NGOAIVU_SISTER_RELATION " WHERE s.partner_id = $1 ORDER BY s.established_on, s.id";
// $1 relation id.
constexpr const char* kFindSisterRelation = NGOAIVU_SISTER_RELATION " WHERE s.id = $1";
#undef NGOAIVU_SISTER_RELATION
// $1 partner id, $2 unit id, $3 established_on.
constexpr const char* kSisterRelationExists =
    "SELECT 1 FROM sister_relation WHERE partner_id = $1 AND admin_unit_id = $2 "
    "AND established_on = $3";
// $1 partner id, $2 unit id, $3 established_on, $4 ended_on (NULL: lasting), $5 note.
constexpr const char* kInsertSisterRelation =
    "INSERT INTO sister_relation (partner_id, admin_unit_id, established_on, ended_on, note) "
    "VALUES ($1, $2, $3, $4, $5) RETURNING id";
// $1 relation id, $2 ended_on.
constexpr const char* kEndSisterRelation =
    "UPDATE sister_relation SET ended_on = $2 WHERE id = $1 AND ended_on IS NULL";

PartnerKind KindOf(const std::string& name) {
    return ParseKind(name).value_or(PartnerKind::kOther);
}

std::optional<PartnerId> OptPartner(const storage::Row& r, std::size_t i) {
    if (auto v = r.OptInt(i))
        return PartnerId{*v};
    return std::nullopt;
}

PartnerSummary ToSummary(const storage::Row& r) {
    PartnerSummary s;
    s.id = PartnerId{r.Int(0)};
    s.kind = KindOf(r.Text(1));
    s.name_original = r.Text(2);
    s.name_vi = r.Text(3);
    s.name_en = r.Text(4);
    s.country_alpha2 = r.Text(5);
    s.country_name_vi = r.Text(6);
    s.country_name_en = r.Text(7);
    s.merged_into = OptPartner(r, 8);
    s.updated_at = r.Text(9);
    s.agreement_count = r.Int(10);
    return s;
}

SisterRelation ToRelation(const storage::Row& r) {
    SisterRelation s;
    s.id = SisterRelationId{r.Int(0)};
    s.partner_id = PartnerId{r.Int(1)};
    s.admin_unit_id = geo::AdminUnitId{r.Int(2)};
    s.unit_name_vi = r.Text(3);
    s.unit_name_en = r.Text(4);
    s.unit_generation = static_cast<int>(r.Int(5));
    s.established_on = Date::ParseIso(r.Text(6)).value_or(s.established_on);
    if (auto ended = r.OptText(7))
        s.ended_on = Date::ParseIso(*ended);
    s.note = r.Text(8);
    return s;
}

const char* OrderOf(const PartnerSort& sort) {
    switch (sort.key) {
        case PartnerSortKey::kName:
            return sort.descending ? kOrderNameDesc : kOrderNameAsc;
        case PartnerSortKey::kCountry:
            return sort.descending ? kOrderCountryDesc : kOrderCountryAsc;
        case PartnerSortKey::kUpdated:
            return sort.descending ? kOrderUpdatedDesc : kOrderUpdatedAsc;
    }
    return kOrderNameAsc;
}

std::optional<std::string> CountryOrNull(const std::string& alpha2) {
    if (alpha2.empty())
        return std::nullopt;
    return alpha2;
}

}  // namespace

Page<PartnerSummary> SqlPartnerRepository::List(storage::Transaction& tx, const PartnerQuery& query,
                                                const PartnerSort& sort, const PageRequest& page) {
    storage::SqlFilter f;
    if (!query.folded_q.empty())
        f.Add(kWhereSearch, storage::LikeContains(query.folded_q));
    if (!query.kind.empty())
        f.Add(kWhereKind, query.kind);
    if (!query.country.empty())
        f.Add(kWhereCountry, query.country);
    if (!query.include_merged)
        f.Add(kWhereNotMerged);
    Page<PartnerSummary> out{{}, 0, page.page, page.per_page};
    std::string sql = kListPartners + f.Where() + OrderOf(sort) + f.Next(kLimitOffset);
    for (const auto& r : tx.Query(sql, f.ParamsWith({page.per_page, page.offset()})))
        out.items.push_back(ToSummary(r));
    out.total = tx.QueryOne(kCountPartners + f.Where(), f.params())->Int(0);
    return out;
}

std::optional<Partner> SqlPartnerRepository::Find(storage::Transaction& tx, PartnerId id) {
    auto r = tx.QueryOne(kFindPartner, {id.value});
    if (!r)
        return std::nullopt;
    Partner p;
    p.id = PartnerId{r->Int(0)};
    p.kind = KindOf(r->Text(1));
    p.name_original = r->Text(2);
    p.name_vi = r->Text(3);
    p.name_en = r->Text(4);
    p.country_alpha2 = r->Text(5);
    p.country_name_vi = r->Text(6);
    p.country_name_en = r->Text(7);
    p.website = r->Text(8);
    p.notes = r->Text(9);
    p.merged_into = OptPartner(*r, 10);
    p.created_at = r->Text(11);
    p.updated_at = r->Text(12);
    p.version = r->Int(13);
    for (const auto& c : tx.Query(kContacts, {id.value}))
        p.contacts.push_back(Contact{c.Text(0), c.Text(1), c.Text(2), c.Text(3)});
    return p;
}

std::optional<PartnerSummary> SqlPartnerRepository::FindSummary(storage::Transaction& tx,
                                                                PartnerId id) {
    auto r = tx.QueryOne(kFindSummary, {id.value});
    if (!r)
        return std::nullopt;
    return ToSummary(*r);
}

std::vector<PartnerSummary> SqlPartnerRepository::MergedInto(storage::Transaction& tx,
                                                             PartnerId id) {
    std::vector<PartnerSummary> out;
    for (const auto& r : tx.Query(kMergedInto, {id.value}))
        out.push_back(ToSummary(r));
    return out;
}

std::optional<PartnerId> SqlPartnerRepository::FindByName(storage::Transaction& tx,
                                                          const std::string& kind,
                                                          const std::string& name_vi) {
    auto r = tx.QueryOne(kFindByName, {kind, name_vi});
    if (!r)
        return std::nullopt;
    return PartnerId{r->Int(0)};
}

std::int64_t SqlPartnerRepository::CountAgreements(storage::Transaction& tx, PartnerId id) {
    return tx.QueryOne(kCountAgreements, {id.value})->Int(0);
}

bool SqlPartnerRepository::CountryExists(storage::Transaction& tx, const std::string& alpha2) {
    return tx.QueryOne(kCountryExists, {alpha2}).has_value();
}

std::optional<std::pair<std::string, std::string>> SqlPartnerRepository::UnitNames(
    storage::Transaction& tx, geo::AdminUnitId id) {
    auto r = tx.QueryOne(kUnitNames, {id.value});
    if (!r)
        return std::nullopt;
    return std::make_pair(r->Text(0), r->Text(1));
}

PartnerId SqlPartnerRepository::Insert(storage::Transaction& tx, const Partner& p,
                                       const std::string& search_text) {
    auto r = tx.QueryOne(kInsertPartner, {KindName(p.kind), p.name_original, p.name_vi, p.name_en,
                                          CountryOrNull(p.country_alpha2), p.website, p.notes,
                                          search_text, p.created_at});
    return PartnerId{r->Int(0)};
}

bool SqlPartnerRepository::Update(storage::Transaction& tx, const Partner& p,
                                  std::int64_t expected_version, const std::string& search_text) {
    return tx.Exec(kUpdatePartner, {KindName(p.kind), p.name_original, p.name_vi, p.name_en,
                                    CountryOrNull(p.country_alpha2), p.website, p.notes,
                                    search_text, p.updated_at, p.id.value, expected_version}) == 1;
}

void SqlPartnerRepository::ReplaceContacts(storage::Transaction& tx, PartnerId id,
                                           const std::vector<Contact>& contacts) {
    tx.Exec(kDeleteContacts, {id.value});
    for (std::size_t i = 0; i < contacts.size(); ++i) {
        const Contact& c = contacts[i];
        tx.Exec(kInsertContact,
                {id.value, static_cast<std::int64_t>(i), c.name, c.title, c.email, c.phone});
    }
}

MergeCounts SqlPartnerRepository::Merge(storage::Transaction& tx, PartnerId source,
                                        PartnerId target, const std::string& now) {
    MergeCounts n;
    tx.Exec(kCopyAgreementLinks, {source.value, target.value});
    n.agreements = tx.Exec(kDropAgreementLinks, {source.value});
    n.sister_relations = tx.Exec(kDropDuplicateRelations, {source.value, target.value});
    n.sister_relations += tx.Exec(kMoveRelations, {source.value, target.value});
    std::int64_t next = tx.QueryOne(kNextContactPosition, {target.value})->Int(0);
    n.contacts = tx.Exec(kMoveContacts, {source.value, target.value, next});
    n.partners = tx.Exec(kRepointMerged, {source.value, target.value, now});
    tx.Exec(kMarkMerged, {source.value, target.value, now});
    tx.Exec(kTouchPartner, {target.value, now});
    return n;
}

std::vector<SisterRelation> SqlPartnerRepository::SisterRelationsOf(storage::Transaction& tx,
                                                                    PartnerId id) {
    std::vector<SisterRelation> out;
    for (const auto& r : tx.Query(kSisterRelationsOf, {id.value}))
        out.push_back(ToRelation(r));
    return out;
}

std::optional<SisterRelation> SqlPartnerRepository::FindSisterRelation(storage::Transaction& tx,
                                                                       SisterRelationId id) {
    auto r = tx.QueryOne(kFindSisterRelation, {id.value});
    if (!r)
        return std::nullopt;
    return ToRelation(*r);
}

bool SqlPartnerRepository::SisterRelationExists(storage::Transaction& tx, PartnerId partner,
                                                geo::AdminUnitId unit, const Date& established_on) {
    return tx.QueryOne(kSisterRelationExists, {partner.value, unit.value, established_on.ToIso()})
        .has_value();
}

SisterRelationId SqlPartnerRepository::InsertSisterRelation(storage::Transaction& tx,
                                                            const SisterRelation& r) {
    std::optional<std::string> ended;
    if (r.ended_on)
        ended = r.ended_on->ToIso();
    auto row = tx.QueryOne(kInsertSisterRelation, {r.partner_id.value, r.admin_unit_id.value,
                                                   r.established_on.ToIso(), ended, r.note});
    return SisterRelationId{row->Int(0)};
}

bool SqlPartnerRepository::EndSisterRelation(storage::Transaction& tx, SisterRelationId id,
                                             const Date& ended_on) {
    return tx.Exec(kEndSisterRelation, {id.value, ended_on.ToIso()}) == 1;
}

}  // namespace ngoaivu::partners
