#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "html/pages.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "modules/events/event_service.hpp"

namespace ngoaivu::events {

// Registers the events API (/api/v1/events ...). `service` must outlive the router.
void RegisterEventApi(http::Router& router, EventService& service);

// Registers the events pages (/events ...: the list with its filters, the form (new and edit,
// with optimistic locking), the record with who decides and its workflow step forms, the due
// deadlines, the yearly report and the import page). `service` and `pages` must outlive the
// router.
void RegisterEventPages(http::Router& router, EventService& service, const html::Pages& pages);

// Registers everything of the module: the API (RegisterEventApi) and the pages
// (RegisterEventPages).
void RegisterEventRoutes(http::Router& router, EventService& service, const html::Pages& pages);

}  // namespace ngoaivu::events

namespace ngoaivu::events::detail {

// The list filters, sort and page from the query string, shared by the API, the exports and (later)
// the pages: q, province (admin unit id of either generation), national=1|0, country, type,
// status, year, from, to (yyyy-mm-dd: the events taking place within), overdue=1, sort, page,
// per_page. Errors name the parameter.
struct ListQuery {
    EventFilter filter;
    EventSort sort = EventSort::kStartDesc;
    PageRequest page;
};
Result<ListQuery> ParseListQuery(const http::Request& req);

// JSON encodings (the API's shapes; documented in web/openapi.json).
nlohmann::json EventJson(const EventRow& row, Date today);
nlohmann::json DetailJson(const EventView& view, Date today);
nlohmann::json DueJson(const EventDueItem& item, Date today);
nlohmann::json CountJson(const EventCount& count);
nlohmann::json YearlyJson(const EventYearlyReport& report, Date today);

// Request bodies (JSON). `version` is required when given; `planned_on` is read when given.
Result<EventFields> ParseFieldsJson(const nlohmann::json& body, std::int64_t* version,
                                    std::optional<Date>* planned_on);
Result<StepRequest> ParseStepJson(const nlohmann::json& body, std::optional<std::int64_t>* version);

}  // namespace ngoaivu::events::detail
