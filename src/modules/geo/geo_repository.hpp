#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/page.hpp"
#include "modules/geo/geo.hpp"
#include "storage/database.hpp"

namespace ngoaivu::geo {

// Reads of the reference data. Absent things come back as nullopt/empty, never as errors.
class GeoRepository {
 public:
    virtual ~GeoRepository() = default;

    // Units valid on `as_of` whose folded names contain `folded_q` ("" for all), in Vietnamese
    // alphabetical order of their names.
    virtual Page<AdminUnit> ListUnits(storage::Transaction& tx, const Date& as_of,
                                      const std::string& folded_q, const PageRequest& page) = 0;
    virtual std::optional<AdminUnit> FindUnit(storage::Transaction& tx, const std::string& code,
                                              const Date& as_of) = 0;
    virtual std::optional<AdminUnit> FindUnitById(storage::Transaction& tx, AdminUnitId id) = 0;
    virtual std::vector<AdminUnit> Predecessors(storage::Transaction& tx, AdminUnitId id) = 0;
    virtual std::optional<AdminUnit> Successor(storage::Transaction& tx, AdminUnitId id) = 0;

    virtual Page<Country> ListCountries(storage::Transaction& tx, const std::string& folded_q,
                                        const PageRequest& page) = 0;
    virtual std::optional<Country> FindCountry(storage::Transaction& tx,
                                               const std::string& alpha2) = 0;

    virtual Page<Organisation> ListOrganisations(storage::Transaction& tx, const std::string& kind,
                                                 const std::string& folded_q,
                                                 const PageRequest& page) = 0;
};

class SqlGeoRepository final : public GeoRepository {
 public:
    Page<AdminUnit> ListUnits(storage::Transaction& tx, const Date& as_of,
                              const std::string& folded_q, const PageRequest& page) override;
    std::optional<AdminUnit> FindUnit(storage::Transaction& tx, const std::string& code,
                                      const Date& as_of) override;
    std::optional<AdminUnit> FindUnitById(storage::Transaction& tx, AdminUnitId id) override;
    std::vector<AdminUnit> Predecessors(storage::Transaction& tx, AdminUnitId id) override;
    std::optional<AdminUnit> Successor(storage::Transaction& tx, AdminUnitId id) override;
    Page<Country> ListCountries(storage::Transaction& tx, const std::string& folded_q,
                                const PageRequest& page) override;
    std::optional<Country> FindCountry(storage::Transaction& tx,
                                       const std::string& alpha2) override;
    Page<Organisation> ListOrganisations(storage::Transaction& tx, const std::string& kind,
                                         const std::string& folded_q,
                                         const PageRequest& page) override;
};

}  // namespace ngoaivu::geo
