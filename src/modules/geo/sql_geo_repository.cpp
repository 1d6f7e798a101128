#include "modules/geo/geo_repository.hpp"

namespace ngoaivu::geo {

namespace {

// Units valid on $1 (ISO date), filtered by folded text $2, paged by $3/$4.
constexpr const char* kListUnits =
    "SELECT id, code, generation, kind, name_vi, name_en, short_name_vi, valid_from, valid_to "
    "FROM admin_unit WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to >= $1) "
    "AND search_text LIKE $2 ESCAPE '\\' "
    "ORDER BY short_name_vi COLLATE vi, id LIMIT $3 OFFSET $4";
constexpr const char* kCountUnits =
    "SELECT COUNT(*) FROM admin_unit WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to >= "
    "$1) AND search_text LIKE $2 ESCAPE '\\'";
constexpr const char* kFindUnit =
    "SELECT id, code, generation, kind, name_vi, name_en, short_name_vi, valid_from, valid_to "
    "FROM admin_unit WHERE code = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)";
constexpr const char* kFindUnitById =
    "SELECT id, code, generation, kind, name_vi, name_en, short_name_vi, valid_from, valid_to "
    "FROM admin_unit WHERE id = $1";
constexpr const char* kPredecessors =
    "SELECT u.id, u.code, u.generation, u.kind, u.name_vi, u.name_en, u.short_name_vi, "
    "u.valid_from, u.valid_to FROM admin_unit_succession s JOIN admin_unit u ON u.id = "
    "s.old_unit_id WHERE s.new_unit_id = $1 ORDER BY u.short_name_vi COLLATE vi";
constexpr const char* kSuccessor =
    "SELECT u.id, u.code, u.generation, u.kind, u.name_vi, u.name_en, u.short_name_vi, "
    "u.valid_from, u.valid_to FROM admin_unit_succession s JOIN admin_unit u ON u.id = "
    "s.new_unit_id WHERE s.old_unit_id = $1";

constexpr const char* kListCountries =
    "SELECT alpha2, alpha3, numeric_code, name_vi, name_en, official_name_en FROM country "
    "WHERE search_text LIKE $1 ESCAPE '\\' ORDER BY name_vi COLLATE vi LIMIT $2 OFFSET $3";
constexpr const char* kCountCountries =
    "SELECT COUNT(*) FROM country WHERE search_text LIKE $1 ESCAPE '\\'";
constexpr const char* kFindCountry =
    "SELECT alpha2, alpha3, numeric_code, name_vi, name_en, official_name_en FROM country "
    "WHERE alpha2 = $1";

constexpr const char* kListOrganisations =
    "SELECT id, code, kind, mission_kind, name_vi, name_en, admin_unit_id, country_alpha2, "
    "city_vi, city_en FROM organisation WHERE ($1 = '' OR kind = $1) "
    "AND search_text LIKE $2 ESCAPE '\\' ORDER BY kind, name_vi COLLATE vi LIMIT $3 OFFSET $4";
constexpr const char* kCountOrganisations =
    "SELECT COUNT(*) FROM organisation WHERE ($1 = '' OR kind = $1) "
    "AND search_text LIKE $2 ESCAPE '\\'";

// A LIKE pattern matching `folded` anywhere, with % and _ taken literally.
std::string Contains(const std::string& folded) {
    std::string p = "%";
    for (char c : folded) {
        if (c == '%' || c == '_' || c == '\\')
            p.push_back('\\');
        p.push_back(c);
    }
    p.push_back('%');
    return p;
}

AdminUnit ToUnit(const storage::Row& r) {
    AdminUnit u;
    u.id = AdminUnitId{r.Int(0)};
    u.code = r.Text(1);
    u.generation = static_cast<int>(r.Int(2));
    u.kind = r.Text(3);
    u.name_vi = r.Text(4);
    u.name_en = r.Text(5);
    u.short_name_vi = r.Text(6);
    u.valid_from = Date::ParseIso(r.Text(7)).value_or(u.valid_from);
    if (auto to = r.OptText(8))
        u.valid_to = Date::ParseIso(*to);
    return u;
}

Country ToCountry(const storage::Row& r) {
    return Country{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
}

}  // namespace

Page<AdminUnit> SqlGeoRepository::ListUnits(storage::Transaction& tx, const Date& as_of,
                                            const std::string& folded_q, const PageRequest& page) {
    Page<AdminUnit> out{{}, 0, page.page, page.per_page};
    std::string day = as_of.ToIso();
    std::string like = Contains(folded_q);
    for (const auto& r : tx.Query(kListUnits, {day, like, page.per_page, page.offset()})) {
        out.items.push_back(ToUnit(r));
    }
    out.total = tx.QueryOne(kCountUnits, {day, like})->Int(0);
    return out;
}

std::optional<AdminUnit> SqlGeoRepository::FindUnit(storage::Transaction& tx,
                                                    const std::string& code, const Date& as_of) {
    auto r = tx.QueryOne(kFindUnit, {code, as_of.ToIso()});
    if (!r)
        return std::nullopt;
    return ToUnit(*r);
}

std::optional<AdminUnit> SqlGeoRepository::FindUnitById(storage::Transaction& tx, AdminUnitId id) {
    auto r = tx.QueryOne(kFindUnitById, {id.value});
    if (!r)
        return std::nullopt;
    return ToUnit(*r);
}

std::vector<AdminUnit> SqlGeoRepository::Predecessors(storage::Transaction& tx, AdminUnitId id) {
    std::vector<AdminUnit> out;
    for (const auto& r : tx.Query(kPredecessors, {id.value}))
        out.push_back(ToUnit(r));
    return out;
}

std::optional<AdminUnit> SqlGeoRepository::Successor(storage::Transaction& tx, AdminUnitId id) {
    auto r = tx.QueryOne(kSuccessor, {id.value});
    if (!r)
        return std::nullopt;
    return ToUnit(*r);
}

Page<Country> SqlGeoRepository::ListCountries(storage::Transaction& tx, const std::string& folded_q,
                                              const PageRequest& page) {
    Page<Country> out{{}, 0, page.page, page.per_page};
    std::string like = Contains(folded_q);
    for (const auto& r : tx.Query(kListCountries, {like, page.per_page, page.offset()})) {
        out.items.push_back(ToCountry(r));
    }
    out.total = tx.QueryOne(kCountCountries, {like})->Int(0);
    return out;
}

std::optional<Country> SqlGeoRepository::FindCountry(storage::Transaction& tx,
                                                     const std::string& alpha2) {
    auto r = tx.QueryOne(kFindCountry, {alpha2});
    if (!r)
        return std::nullopt;
    return ToCountry(*r);
}

Page<Organisation> SqlGeoRepository::ListOrganisations(storage::Transaction& tx,
                                                       const std::string& kind,
                                                       const std::string& folded_q,
                                                       const PageRequest& page) {
    Page<Organisation> out{{}, 0, page.page, page.per_page};
    std::string like = Contains(folded_q);
    for (const auto& r : tx.Query(kListOrganisations, {kind, like, page.per_page, page.offset()})) {
        Organisation o;
        o.id = r.Int(0);
        o.code = r.Text(1);
        o.kind = r.Text(2);
        o.mission_kind = r.Text(3);
        o.name_vi = r.Text(4);
        o.name_en = r.Text(5);
        if (auto unit = r.OptInt(6))
            o.admin_unit_id = AdminUnitId{*unit};
        o.country_alpha2 = r.Text(7);
        o.city_vi = r.Text(8);
        o.city_en = r.Text(9);
        out.items.push_back(std::move(o));
    }
    out.total = tx.QueryOne(kCountOrganisations, {kind, like})->Int(0);
    return out;
}

}  // namespace ngoaivu::geo
