#pragma once

#include <nlohmann/json.hpp>

#include "modules/partners/partner.hpp"

namespace ngoaivu::partners {

// JSON encodings of the API (web/openapi.json: PartnerSummary, Partner, Contact,
// SisterRelation). Absent values are null; dates are ISO, times ISO 8601 UTC.
nlohmann::json ToJson(const PartnerSummary& summary);
nlohmann::json ToJson(const PartnerDetail& detail);
nlohmann::json ToJson(const Contact& contact);
nlohmann::json ToJson(const SisterRelation& relation);

}  // namespace ngoaivu::partners
