#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "http/json.hpp"
#include "modules/calendar/calendar_routes.hpp"

namespace ngoaivu::calendar {

namespace {

using http::Access;
using http::Request;
using http::Response;

nlohmann::json DayJson(const CalendarDay& d) {
    return {{"date", d.day.ToIso()},         {"display", d.day.ToDisplay()},
            {"weekday", d.day.IsoWeekday()}, {"kind", DayKindName(d.kind)},
            {"name_vi", d.name_vi},          {"name_en", d.name_en}};
}

// The body of POST /api/v1/holidays.
struct DayRequest {
    std::string date;
    std::string kind;
    std::string name_vi;
    std::string name_en;
};

// Reads {"date", "kind", "name_vi", "name_en"}, all strings; a missing or wrongly typed member is
// kInvalidArgument naming it (every such member is in `fields`).
Result<DayRequest> ParseDayRequest(const Request& req) {
    auto body = http::ParseJsonBody(req);
    if (!body)
        return body.error();
    const nlohmann::json empty = nlohmann::json::object();
    const nlohmann::json& j = body->is_object() ? *body : empty;
    DayRequest out;
    std::optional<Error> invalid;
    auto read = [&](const char* name, std::string* into) {
        if (auto it = j.find(name); it != j.end() && it->is_string()) {
            *into = it->get<std::string>();
            return;
        }
        Error e =
            Error::InvalidArgument(name, std::string("Cần trường \"") + name + "\" kiểu chuỗi.",
                                   std::string("A string field \"") + name + "\" is required.");
        if (!invalid)
            invalid = std::move(e);
        else
            invalid->fields.insert(invalid->fields.end(), e.fields.begin(), e.fields.end());
    };
    read("date", &out.date);
    read("kind", &out.kind);
    read("name_vi", &out.name_vi);
    read("name_en", &out.name_en);
    if (invalid)
        return *invalid;
    return out;
}

}  // namespace

void detail::RegisterCalendarApi(http::Router& router, CalendarService& service) {
    router.Add({"GET", "/api/v1/holidays", Access::kAuthenticated,
                "Configured holidays and worked weekend days of a year", [&service](Request& req) {
                    int year = service.Today().year();
                    if (auto raw = req.Query("year"); raw && !raw->empty()) {
                        auto parsed = ParseYear(std::string(*raw));
                        if (!parsed)
                            return http::JsonError(parsed.error(), req.request_id);
                        year = *parsed;
                    }
                    auto days = service.ListYear(*req.actor, year);
                    if (!days)
                        return http::JsonError(days.error(), req.request_id);
                    nlohmann::json items = nlohmann::json::array();
                    for (const auto& d : *days)
                        items.push_back(DayJson(d));
                    return http::JsonResponse(200, {{"year", year}, {"items", items}});
                }});
    router.Add({"POST", "/api/v1/holidays", Access::kAdmin,
                "Add a holiday or a worked weekend day (administrators)", [&service](Request& req) {
                    auto body = ParseDayRequest(req);
                    if (!body)
                        return http::JsonError(body.error(), req.request_id);
                    auto day = service.AddDay(*req.actor, body->date, body->kind, body->name_vi,
                                              body->name_en);
                    if (!day)
                        return http::JsonError(day.error(), req.request_id);
                    return http::JsonResponse(201, DayJson(*day));
                }});
    router.Add({"DELETE", "/api/v1/holidays/{date}", Access::kAdmin,
                "Remove a configured day (administrators)", [&service](Request& req) {
                    auto r = service.RemoveDay(*req.actor, req.Param("date"));
                    if (!r)
                        return http::JsonError(r.error(), req.request_id);
                    return Response{204, {}, {}};
                }});
    router.Add({"POST", "/api/v1/holidays/prefill", Access::kAdmin,
                "Add the year's fixed-date holidays that are missing (administrators)",
                [&service](Request& req) {
                    if (!req.body.empty()) {
                        // A client that sends {"year": ...} is told where the year goes.
                        return http::JsonError(
                            Error::InvalidArgument(
                                "body", "Không gửi nội dung: năm đặt trong tham số ?year=.",
                                "Send no body: the year goes in the ?year= parameter."),
                            req.request_id);
                    }
                    auto year = ParseYear(std::string(req.Query("year").value_or("")));
                    if (!year)
                        return http::JsonError(year.error(), req.request_id);
                    auto added = service.PrefillYear(*req.actor, *year);
                    if (!added)
                        return http::JsonError(added.error(), req.request_id);
                    return http::JsonResponse(200, {{"year", *year}, {"added", *added}});
                }});
}

void RegisterCalendarRoutes(http::Router& router, CalendarService& service,
                            const html::Pages& pages) {
    detail::RegisterCalendarApi(router, service);
    detail::RegisterCalendarPages(router, service, pages);
}

}  // namespace ngoaivu::calendar
