#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "html/pages.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "modules/indicators/indicator_service.hpp"

namespace ngoaivu::indicators {

// Registers the indicators API (/api/v1/indicators ..., /api/v1/indicator-rounds ...).
// `service` must outlive the router.
void RegisterIndicatorApi(http::Router& router, IndicatorService& service);

// Registers the pages (/indicators ...: the definitions and their admin form, the rounds and
// their form, a round's completeness, the data-entry grid with its steps). `service` and
// `pages` must outlive the router.
void RegisterIndicatorPages(http::Router& router, IndicatorService& service,
                            const html::Pages& pages);

// Both of the above.
void RegisterIndicatorRoutes(http::Router& router, IndicatorService& service,
                             const html::Pages& pages);

}  // namespace ngoaivu::indicators

namespace ngoaivu::indicators::detail {

// JSON encodings (the API's shapes; documented in web/openapi.json).
nlohmann::json IndicatorJson(const Indicator& i);
nlohmann::json RoundJson(const Round& r, bool with_indicators);
nlohmann::json UnitJson(const UnitInfo& u);
nlohmann::json GridJson(const Grid& g);
nlohmann::json CompletenessJson(const Completeness& c);
nlohmann::json YearValueJson(const YearValue& v);
// The answer of GET /api/v1/indicators/values as JSON text, written directly rather than through
// a JSON tree (tens of thousands of values for a dashboard's ten years): {"from_year",
// "to_year", "by", "approved_only", "items": [YearValueJson...], "national": [...]}, the same
// members and numbers as YearValueJson gives ("value" is value_milli / 1000 written exactly).
std::string YearlyValuesText(const YearlyValuesRequest& q, const std::vector<YearValue>& items,
                             const std::vector<YearValue>& national);

// Request bodies. ParseIndicatorJson reads every definition field (`version` too when asked:
// required then); ParseGridJson reads {"version", "lang", "values": {code: {"value",
// "comment", "source"}}} where a value is a string ("1.234,5"), a number or null.
Result<IndicatorFields> ParseIndicatorJson(const nlohmann::json& body, std::int64_t* version);
Result<RoundFields> ParseRoundJson(const nlohmann::json& body);
Result<SaveGridRequest> ParseGridJson(const nlohmann::json& body);
Result<StepRequest> ParseStepJson(const nlohmann::json& body);

// ?codes=a,b&from_year=&to_year=&by=old|new&unit=&drafts=1; defaults: every active indicator,
// the last ten years to this year, by=new. Errors name the parameter.
Result<YearlyValuesRequest> ParseValuesQuery(const http::Request& req, int this_year);

}  // namespace ngoaivu::indicators::detail
