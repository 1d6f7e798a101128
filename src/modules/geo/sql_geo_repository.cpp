#include "modules/geo/geo_repository.hpp"
#include "storage/sql_filter.hpp"

namespace ngoaivu::geo {

namespace {

constexpr const char* kAllUnits =
    "SELECT id, code, generation, kind, name_vi, name_en, short_name_vi, valid_from, valid_to "
    "FROM admin_unit ORDER BY id";
constexpr const char* kAllSuccessions =
    "SELECT old_unit_id, new_unit_id FROM admin_unit_succession ORDER BY old_unit_id";

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

std::vector<AdminUnit> SqlGeoRepository::AllUnits(storage::Transaction& tx) {
    std::vector<AdminUnit> out;
    for (const auto& r : tx.Query(kAllUnits))
        out.push_back(ToUnit(r));
    return out;
}

std::vector<std::pair<AdminUnitId, AdminUnitId>> SqlGeoRepository::AllSuccessions(
    storage::Transaction& tx) {
    std::vector<std::pair<AdminUnitId, AdminUnitId>> out;
    for (const auto& r : tx.Query(kAllSuccessions)) {
        out.emplace_back(AdminUnitId{r.Int(0)}, AdminUnitId{r.Int(1)});
    }
    return out;
}

Page<Country> SqlGeoRepository::ListCountries(storage::Transaction& tx, const std::string& folded_q,
                                              const PageRequest& page) {
    Page<Country> out{{}, 0, page.page, page.per_page};
    std::string like = storage::LikeContains(folded_q);
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
    std::string like = storage::LikeContains(folded_q);
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
