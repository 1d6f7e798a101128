#pragma once

#include <nlohmann/json.hpp>

#include "modules/geo/geo.hpp"

namespace ngoaivu::geo {

nlohmann::json ToJson(const AdminUnit& unit);
nlohmann::json ToJson(const AdminUnitDetail& detail);
nlohmann::json ToJson(const Country& country);
nlohmann::json ToJson(const Organisation& organisation);

}  // namespace ngoaivu::geo
