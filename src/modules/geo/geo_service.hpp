#pragma once

#include <mutex>
#include <optional>
#include <vector>

#include "base/clock.hpp"
#include "base/page.hpp"
#include "base/result.hpp"
#include "modules/geo/geo.hpp"
#include "modules/geo/geo_repository.hpp"
#include "modules/geo/geo_requests.hpp"
#include "storage/database.hpp"

namespace ngoaivu::geo {

// Use cases over the reference data. Every call validates its request. Reference data is public
// to every signed-in user, so there is no scope filter. The 97 provincial units and their
// succession are read once and kept in memory (they change only through `ngoaivu init`, which
// needs a restart of the server to show); countries and organisations are queried each time.
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
    struct UnitEntry {
        AdminUnit unit;
        std::string folded;                     // names and code, folded for search
        std::vector<std::size_t> predecessors;  // indexes, in Vietnamese order
        std::optional<std::size_t> successor;
    };
    // The units in Vietnamese order of their short names, loaded on first use.
    const std::vector<UnitEntry>& Units();
    AdminUnitDetail DetailOf(const std::vector<UnitEntry>& units, std::size_t i) const;

    storage::Database& db_;
    GeoRepository& repo_;
    const Clock& clock_;
    std::once_flag units_once_;
    std::vector<UnitEntry> units_;
};

// Checks the common list parameters; errors name the field ("q", "page", "per_page").
Result<void> ValidateSearch(const std::string& q);

}  // namespace ngoaivu::geo
