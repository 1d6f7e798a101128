#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "html/pages.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "modules/schedule/schedule_service.hpp"

namespace ngoaivu::schedule {

struct ScheduleRoutesOptions {
    // The site is served over TLS (--secure-cookies): the feed URLs it gives out start with
    // https:// rather than http://.
    bool secure = false;
};

// Registers the calendar's pages (/schedule, /schedule/feeds ...), its API (/api/v1/schedule
// ...) and the public feed GET /schedule/feed/{token}.ics. `service` and `pages` must outlive
// the router.
void RegisterScheduleRoutes(http::Router& router, ScheduleService& service,
                            const html::Pages& pages, ScheduleRoutesOptions options = {});

}  // namespace ngoaivu::schedule

namespace ngoaivu::schedule::detail {

void RegisterScheduleApi(http::Router& router, ScheduleService& service,
                         ScheduleRoutesOptions options);
void RegisterSchedulePages(http::Router& router, ScheduleService& service, const html::Pages& pages,
                           ScheduleRoutesOptions options);

// The filters from the query string, shared by the API and the pages: from, to (yyyy-mm-dd),
// province (admin unit id of either generation), kind (delegation, event), direction, level,
// type, status, include_cancelled=1. The service checks the codes; errors name the parameter.
Result<ScheduleFilter> ParseFilter(const http::Request& req);

// The site's address as the request reached it ("https://host"), for the links a feed holds.
// The Host header is used when it is a plain host name or address with an optional port;
// otherwise "localhost".
std::string BaseUrl(const http::Request& req, const ScheduleRoutesOptions& options);

// The public address of a feed: BaseUrl + /schedule/feed/<token>.ics.
std::string FeedUrl(const http::Request& req, const ScheduleRoutesOptions& options,
                    const std::string& token);

// JSON encodings (the API's shapes; documented in web/openapi.json).
nlohmann::json ItemJson(const ScheduleItem& item);
nlohmann::json FeedJson(const Feed& feed);

}  // namespace ngoaivu::schedule::detail
