#include "html/sheet_download.hpp"
#include "http/json.hpp"
#include "http/json_fields.hpp"
#include "modules/events/events_routes.hpp"

namespace ngoaivu::events {

namespace {

using http::Access;
using http::Request;
using http::Response;

// The most events one export holds.
constexpr int kMaxExportRows = 20000;

// The event as the API answers it; a lost optimistic-locking race also carries the record as it
// is now stored.
Response Detail(EventService& service, const Result<EventView>& v, const Request& req, int status,
                std::optional<std::int64_t> id = std::nullopt) {
    return http::RecordReply(
        req, v, status, id, [&](std::int64_t i) { return service.Get(*req.actor, i); },
        [&](const EventView& e) { return detail::DetailJson(e, service.Today()); });
}

// ?format= xlsx (the default) or csv, and ?lang= vi (the default) or en.
Result<std::pair<std::string, std::string>> FileFormat(const Request& req) {
    std::string format(req.Query("format").value_or("xlsx"));
    if (format != "xlsx" && format != "csv") {
        return Error::InvalidArgument("format", "Định dạng phải là xlsx hoặc csv.",
                                      "The format must be xlsx or csv.");
    }
    std::string lang(req.Query("lang").value_or("vi"));
    if (lang != "vi" && lang != "en") {
        return Error::InvalidArgument("lang", "Ngôn ngữ phải là vi hoặc en.",
                                      "The language must be vi or en.");
    }
    return std::pair{format, lang};
}

Response List(EventService& service, Request& req) {
    auto q = detail::ParseListQuery(req);
    if (!q)
        return http::JsonError(q.error(), req.request_id);
    auto page = service.List(*req.actor, q->filter, q->sort, q->page);
    if (!page)
        return http::JsonError(page.error(), req.request_id);
    Date today = service.Today();
    return http::JsonResponse(
        200, http::PageJson(*page, [&](const EventRow& r) { return detail::EventJson(r, today); }));
}

Response Create(EventService& service, Request& req) {
    auto body = http::ParseJsonBody(req);
    if (!body)
        return http::JsonError(body.error(), req.request_id);
    std::optional<Date> planned_on;
    auto fields = detail::ParseFieldsJson(*body, nullptr, &planned_on);
    if (!fields)
        return http::JsonError(fields.error(), req.request_id);
    return Detail(service, service.Create(*req.actor, *fields, planned_on), req, 201);
}

Response Import(EventService& service, Request& req) {
    return http::ImportReply<EventService::ImportMode>(
        req, [&](EventService::ImportMode m) { return service.Import(*req.actor, req.body, m); });
}

Response Export(EventService& service, Request& req) {
    auto format = FileFormat(req);
    if (!format)
        return http::JsonError(format.error(), req.request_id);
    auto q = detail::ParseListQuery(req);
    if (!q)
        return http::JsonError(q.error(), req.request_id);
    auto rows = service.ExportRows(*req.actor, q->filter, q->sort, kMaxExportRows);
    if (!rows)
        return http::JsonError(rows.error(), req.request_id);
    const auto& [file_format, lang] = *format;
    return html::SheetFile(ExportSheet(*rows, lang, service.Today()), file_format,
                           lang == "en" ? "events" : "su-kien");
}

Response Due(EventService& service, Request& req) {
    auto q = http::ParseDueQuery(req, 50, 7);
    if (!q)
        return http::JsonError(q.error(), req.request_id);
    auto due = service.Due(*req.actor, q->unit_id, q->within_days, q->page);
    if (!due)
        return http::JsonError(due.error(), req.request_id);
    Date today = service.Today();
    return http::JsonResponse(200, http::PageJson(*due, [&](const EventDueItem& i) {
                                  return detail::DueJson(i, today);
                              }));
}

Response Counts(EventService& service, Request& req) {
    std::string by(req.Query("by").value_or("current"));
    CountBasis basis = CountBasis::kCurrent;
    if (by == "as_of") {
        basis = CountBasis::kAsOf;
    } else if (by != "current") {
        return http::JsonError(Error::InvalidArgument("by", "by phải là current hoặc as_of.",
                                                      "by must be current or as_of."),
                               req.request_id);
    }
    CountFilter f;
    auto from = http::ParseIntParam(req, "from_year", 1945, 2100);
    if (!from)
        return http::JsonError(from.error(), req.request_id);
    auto to = http::ParseIntParam(req, "to_year", 1945, 2100);
    if (!to)
        return http::JsonError(to.error(), req.request_id);
    auto unit = http::ParseIntParam(req, "province", 1000, 2999);
    if (!unit)
        return http::JsonError(unit.error(), req.request_id);
    if (*from)
        f.from_year = static_cast<int>(**from);
    if (*to)
        f.to_year = static_cast<int>(**to);
    f.unit_id = *unit;
    f.type = std::string(req.Query("type").value_or(""));
    f.status = std::string(req.Query("status").value_or(""));
    auto counts = service.Counts(*req.actor, basis, f);
    if (!counts)
        return http::JsonError(counts.error(), req.request_id);
    nlohmann::json items = nlohmann::json::array();
    std::int64_t total = 0;
    for (const auto& c : *counts) {
        items.push_back(detail::CountJson(c));
        total += c.count;
    }
    return http::JsonResponse(200, {{"by", by}, {"total", total}, {"items", items}});
}

Response Yearly(EventService& service, Request& req) {
    auto unit = http::ParseIntParam(req, "province", 1000, 2999);
    if (!unit)
        return http::JsonError(unit.error(), req.request_id);
    auto year = http::ParseIntParam(req, "year", 1945, 2100);
    if (!year)
        return http::JsonError(year.error(), req.request_id);
    if (!*unit) {
        return http::JsonError(Error::InvalidArgument("province", "Cần chọn tỉnh, thành phố.",
                                                      "The province is required."),
                               req.request_id);
    }
    if (!*year) {
        return http::JsonError(
            Error::InvalidArgument("year", "Cần năm báo cáo.", "The year is required."),
            req.request_id);
    }
    std::optional<std::pair<std::string, std::string>> file;
    if (req.Query("format")) {
        auto format = FileFormat(req);
        if (!format)
            return http::JsonError(format.error(), req.request_id);
        file = *format;
    }
    auto report = service.Yearly(*req.actor, **unit, static_cast<int>(**year));
    if (!report)
        return http::JsonError(report.error(), req.request_id);
    if (file) {
        return html::SheetFile(ReportSheet(*report, file->second), file->first,
                               (file->second == "en" ? "conferences-" : "hoi-nghi-hoi-thao-") +
                                   std::to_string(report->year));
    }
    return http::JsonResponse(200, detail::YearlyJson(*report, service.Today()));
}

}  // namespace

void RegisterEventApi(http::Router& router, EventService& service) {
    router.Add({"GET", "/api/v1/events", Access::kAuthenticated,
                "Events I may read (filters, calendar range, sort, paging)",
                [&service](Request& req) { return List(service, req); }});
    router.Add({"POST", "/api/v1/events", Access::kAuthenticated, "Create a planned event",
                [&service](Request& req) { return Create(service, req); }});
    router.Add({"POST", "/api/v1/events/import", Access::kAuthenticated,
                "Import events from an XLSX or CSV file (the request body)",
                [&service](Request& req) { return Import(service, req); }});
    router.Add({"GET", "/api/v1/events/export", Access::kAuthenticated,
                "Export the events of a list as XLSX or CSV",
                [&service](Request& req) { return Export(service, req); }});
    router.Add({"GET", "/api/v1/events/due", Access::kAuthenticated,
                "Event deadlines due or overdue",
                [&service](Request& req) { return Due(service, req); }});
    router.Add({"GET", "/api/v1/events/counts", Access::kAuthenticated,
                "Counts of events by province, year and type",
                [&service](Request& req) { return Counts(service, req); }});
    router.Add({"GET", "/api/v1/events/yearly-report", Access::kAuthenticated,
                "A province's yearly report of international conferences (Decision 06/2020)",
                [&service](Request& req) { return Yearly(service, req); }});
    router.Add({"GET", "/api/v1/events/{id}", Access::kAuthenticated,
                "An event with its programme, deadlines and history", [&service](Request& req) {
                    auto id = http::ParseIdParam(req, "id");
                    if (!id)
                        return http::JsonError(id.error(), req.request_id);
                    return Detail(service, service.Get(*req.actor, *id), req, 200);
                }});
    router.Add(
        {"PUT", "/api/v1/events/{id}", Access::kAuthenticated,
         "Edit an event's description (optimistic locking on version)", [&service](Request& req) {
             auto in = http::ParseIdAndJsonBody(req);
             if (!in)
                 return http::JsonError(in.error(), req.request_id);
             const auto& [id, body] = *in;
             std::int64_t version = 0;
             auto fields = detail::ParseFieldsJson(body, &version, nullptr);
             if (!fields)
                 return http::JsonError(fields.error(), req.request_id);
             return Detail(service, service.Update(*req.actor, id, version, *fields), req, 200, id);
         }});
    router.Add({"POST", "/api/v1/events/{id}/steps", Access::kAuthenticated,
                "Record a workflow step (request, consultations, permission, held, report ...)",
                [&service](Request& req) {
                    auto in = http::ParseIdAndJsonBody(req);
                    if (!in)
                        return http::JsonError(in.error(), req.request_id);
                    const auto& [id, body] = *in;
                    std::optional<std::int64_t> version;
                    auto step = detail::ParseStepJson(body, &version);
                    if (!step)
                        return http::JsonError(step.error(), req.request_id);
                    return Detail(service, service.Step(*req.actor, id, *step, version), req, 200,
                                  id);
                }});
}

}  // namespace ngoaivu::events
