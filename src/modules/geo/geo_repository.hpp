#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/page.hpp"
#include "modules/geo/geo.hpp"
#include "storage/database.hpp"

namespace ngoaivu::geo {

// Reads of the reference data. Absent things come back as nullopt/empty, never as errors.
class GeoRepository {
 public:
    virtual ~GeoRepository() = default;

    // Every unit of both generations (97 rows): the service keeps them in memory.
    virtual std::vector<AdminUnit> AllUnits(storage::Transaction& tx) = 0;
    // Every (old unit, new unit) pair of the 2025 succession.
    virtual std::vector<std::pair<AdminUnitId, AdminUnitId>> AllSuccessions(
        storage::Transaction& tx) = 0;

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
    std::vector<AdminUnit> AllUnits(storage::Transaction& tx) override;
    std::vector<std::pair<AdminUnitId, AdminUnitId>> AllSuccessions(
        storage::Transaction& tx) override;
    Page<Country> ListCountries(storage::Transaction& tx, const std::string& folded_q,
                                const PageRequest& page) override;
    std::optional<Country> FindCountry(storage::Transaction& tx,
                                       const std::string& alpha2) override;
    Page<Organisation> ListOrganisations(storage::Transaction& tx, const std::string& kind,
                                         const std::string& folded_q,
                                         const PageRequest& page) override;
};

}  // namespace ngoaivu::geo
