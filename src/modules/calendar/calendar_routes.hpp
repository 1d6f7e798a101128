#pragma once

#include "html/pages.hpp"
#include "http/router.hpp"
#include "modules/calendar/calendar_service.hpp"

namespace ngoaivu::calendar {

// Registers the working-day calendar's JSON API (GET, POST /api/v1/holidays, DELETE
// /api/v1/holidays/{date}, POST /api/v1/holidays/prefill) and its administration page
// (/admin/calendar with its three forms). `service` and `pages` must outlive the router.
void RegisterCalendarRoutes(http::Router& router, CalendarService& service,
                            const html::Pages& pages);

}  // namespace ngoaivu::calendar

namespace ngoaivu::calendar::detail {

void RegisterCalendarApi(http::Router& router, CalendarService& service);
void RegisterCalendarPages(http::Router& router, CalendarService& service,
                           const html::Pages& pages);

}  // namespace ngoaivu::calendar::detail
