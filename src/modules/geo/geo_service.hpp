#pragma once

#include "base/clock.hpp"
#include "base/page.hpp"
#include "base/result.hpp"
#include "modules/geo/geo.hpp"
#include "modules/geo/geo_repository.hpp"
#include "modules/geo/geo_requests.hpp"
#include "storage/database.hpp"

namespace ngoaivu::geo {

// Use cases over the reference data. Every call validates its request and runs in its own read
// transaction. Reference data is public to every signed-in user, so there is no scope filter.
// Thread-safe.
class GeoService {
 public:
    GeoService(storage::Database& db, GeoRepository& repo, const Clock& clock)
        : db_(db), repo_(repo), clock_(clock) {}

    // Units valid on the request's date (today when none): 63 before 1/7/2025, 34 from then.
    Result<Page<AdminUnit>> ListUnits(const ListUnitsRequest& req);
    // The unit with `code` as of the date; kNotFound when no unit had that code then,
    // kInvalidArgument when the code is not two digits.
    Result<AdminUnitDetail> GetUnit(const GetUnitRequest& req);
    // The new units with the old units each was formed from, in Vietnamese order.
    Result<std::vector<AdminUnitDetail>> Merger();

    Result<Page<Country>> ListCountries(const ListCountriesRequest& req);
    Result<Country> GetCountry(const std::string& alpha2);
    Result<Page<Organisation>> ListOrganisations(const ListOrganisationsRequest& req);

    Date Today() const { return clock_.Today(); }

 private:
    storage::Database& db_;
    GeoRepository& repo_;
    const Clock& clock_;
};

// Checks the common list parameters; errors name the field ("q", "page", "per_page").
Result<void> ValidateSearch(const std::string& q);

}  // namespace ngoaivu::geo
