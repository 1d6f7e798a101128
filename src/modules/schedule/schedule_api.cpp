#include "http/json.hpp"
#include "modules/schedule/schedule_routes.hpp"

namespace ngoaivu::schedule {

namespace {

using http::Access;
using http::Request;
using http::Response;

Response List(ScheduleService& service, Request& req) {
    auto filter = detail::ParseFilter(req);
    if (!filter)
        return http::JsonError(filter.error(), req.request_id);
    auto paging = http::ParsePaging(req, PageRequest::kMaxPerPage);
    if (!paging)
        return http::JsonError(paging.error(), req.request_id);
    auto page = service.List(*req.actor, *filter, *paging);
    if (!page)
        return http::JsonError(page.error(), req.request_id);
    nlohmann::json body = http::PageJson(*page, detail::ItemJson);
    body["from"] = filter->from->ToIso();
    body["to"] = filter->to->ToIso();
    return http::JsonResponse(200, body);
}

Response ListFeeds(ScheduleService& service, Request& req) {
    auto feeds = service.ListFeeds(*req.actor);
    if (!feeds)
        return http::JsonError(feeds.error(), req.request_id);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& f : *feeds)
        items.push_back(detail::FeedJson(f));
    return http::JsonResponse(200, {{"items", items}});
}

Response CreateFeed(ScheduleService& service, const ScheduleRoutesOptions& options, Request& req) {
    auto body = http::ParseJsonBody(req);
    if (!body)
        return http::JsonError(body.error(), req.request_id);
    std::string name;
    if (body->is_object() && body->contains("name") && (*body)["name"].is_string())
        name = (*body)["name"].get<std::string>();
    auto created = service.CreateFeed(*req.actor, name);
    if (!created)
        return http::JsonError(created.error(), req.request_id);
    nlohmann::json out = detail::FeedJson(created->info);
    out["token"] = created->token;
    out["url"] = detail::FeedUrl(req, options, created->token);
    return http::JsonResponse(201, out);
}

Response RevokeFeed(ScheduleService& service, Request& req) {
    auto id = http::ParseIdParam(req, "id");
    if (!id)
        return http::JsonError(id.error(), req.request_id);
    auto revoked = service.RevokeFeed(*req.actor, *id);
    if (!revoked)
        return http::JsonError(revoked.error(), req.request_id);
    Response res;
    res.status = 204;
    return res;
}

}  // namespace

void detail::RegisterScheduleApi(http::Router& router, ScheduleService& service,
                                 ScheduleRoutesOptions options) {
    router.Add({"GET", "/api/v1/schedule", Access::kAuthenticated,
                "Delegations and events under way within a range of at most 92 days, by date",
                [&service](Request& req) { return List(service, req); }});
    router.Add({"GET", "/api/v1/schedule/feeds", Access::kAuthenticated, "My iCalendar feeds",
                [&service](Request& req) { return ListFeeds(service, req); }});
    router.Add({"POST", "/api/v1/schedule/feeds", Access::kAuthenticated,
                "Make an iCalendar feed of my calendar (its URL is shown once)",
                [&service, options](Request& req) { return CreateFeed(service, options, req); }});
    router.Add({"POST", "/api/v1/schedule/feeds/{id}/revoke", Access::kAuthenticated,
                "Revoke one of my iCalendar feeds",
                [&service](Request& req) { return RevokeFeed(service, req); }});
}

}  // namespace ngoaivu::schedule
