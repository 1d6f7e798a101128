#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/date.hpp"
#include "base/error.hpp"
#include "base/page.hpp"
#include "base/result.hpp"
#include "base/workflow_step.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace ngoaivu::http {

// A JSON response.
Response JsonResponse(int status, const nlohmann::json& body);

// The uniform error envelope:
// {"error":{"code","field","message_vi","message_en","fields":[...],"request_id"}}.
nlohmann::json ErrorJson(const Error& error, const std::string& request_id);
Response JsonError(const Error& error, const std::string& request_id);

// {"items": [...], "page", "per_page", "total", "pages", "total_is_lower_bound"} from a page and
// an item encoder ("total_is_lower_bound": more than `total` items match, see Page).
template <typename T, typename Encode>
nlohmann::json PageJson(const Page<T>& page, Encode encode) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& item : page.items)
        items.push_back(encode(item));
    return {{"items", std::move(items)}, {"page", page.page},
            {"per_page", page.per_page}, {"total", page.total},
            {"pages", page.pages()},     {"total_is_lower_bound", page.total_is_lower_bound}};
}

// Reads ?page= and ?per_page= (defaults 1 and `default_per_page`); errors name the parameter.
Result<PageRequest> ParsePaging(const Request& req, int default_per_page = 50);
// Reads an optional ISO date parameter (?as_of=2025-07-01); errors name the parameter.
Result<std::optional<Date>> ParseDateParam(const Request& req, std::string_view name);
// `text` as a whole number (optional '-', digits only, in range), or nullopt.
std::optional<std::int64_t> ParseWholeNumber(std::string_view text);
// Reads an optional whole-number query parameter within [min, max]; errors name the parameter.
Result<std::optional<std::int64_t>> ParseIntParam(const Request& req, std::string_view name,
                                                  std::int64_t min, std::int64_t max);
// Reads the path parameter `name` as a positive id; errors name it.
Result<std::int64_t> ParseIdParam(const Request& req, const std::string& name);
// Parses a JSON body; a malformed one gives kInvalidArgument naming "body" and the position.
Result<nlohmann::json> ParseJsonBody(const Request& req);
// The {id} path parameter and the JSON body of a write (PUT /api/v1/x/{id}, POST .../steps).
Result<std::pair<std::int64_t, nlohmann::json>> ParseIdAndJsonBody(const Request& req);
// True when query parameter `name` is "1", "true" or "on" (a checkbox, ?overdue=1).
bool FlagParam(const Request& req, std::string_view name);
// Reads an optional ISO 3166-1 alpha-2 query parameter ("KR"); errors name the parameter.
Result<std::string> ParseCountryParam(const Request& req, std::string_view name);
// A date as JSON: "2025-07-01", or null.
nlohmann::json JsonDate(const std::optional<Date>& d);

// The filters every record list has: ?year= (1945 to 2100; nullopt when absent) and the day
// range ?from= / ?to= (ISO dates); errors name the parameter.
Result<std::optional<int>> ParseYearParam(const Request& req);
Result<std::pair<std::optional<Date>, std::optional<Date>>> ParseDateRange(const Request& req);
// kInvalidArgument on "sort": ?sort= names none of `sorts` ("start_desc, start, title").
Error BadSort(std::string_view sorts);

// The query of a due page (deadlines due or overdue): ?page= and ?per_page= (ParsePaging with
// `default_per_page`), ?province= (an id from 1000 to 2999, or none) and ?within_days= (0 to 366,
// `default_days` when absent); errors name the parameter, checked in that order.
struct DueQuery {
    PageRequest page;
    std::optional<std::int64_t> unit_id;
    int within_days = 0;
};
Result<DueQuery> ParseDueQuery(const Request& req, int default_per_page, int default_days);

// A record's workflow history as JSON: an array of {"id" (only `with_ids`), "action", "date",
// "from_status", "to_status", "note", "user", "recorded_at"}, in the order given.
nlohmann::json HistoryJson(const std::vector<WorkflowStep>& history, bool with_ids);

// The answer about one record after a read or a write: `status` with `encode(record)`, or the
// error envelope. A lost optimistic-locking race (kConflict on "version") on record `id` also
// carries the record as `reload(id)` (a Result) finds it now, under "current", so that the client
// can show the other person's change.
template <typename T, typename Reload, typename Encode>
Response RecordReply(const Request& req, const Result<T>& result, int status,
                     std::optional<std::int64_t> id, Reload&& reload, Encode&& encode) {
    if (result)
        return JsonResponse(status, encode(*result));
    const Error& error = result.error();
    if (error.code == ErrorCode::kConflict && error.field == "version" && id) {
        if (auto current = reload(*id)) {
            nlohmann::json body = ErrorJson(error, req.request_id);
            body["current"] = encode(*current);
            return JsonResponse(409, body);
        }
    }
    return JsonError(error, req.request_id);
}

// kInvalidArgument on "mode" unless `mode` is preview, all or valid: the ?mode= of an import.
Result<void> CheckImportMode(std::string_view mode);
// kInvalidArgument unless the request carries a file as its raw body (not JSON, not empty).
Result<void> CheckImportBody(const Request& req);

// POST /api/v1/<records>/import?mode=preview|all|valid with the XLSX or CSV file as the raw body:
// `import(mode)` runs the module's import in `Mode` (its kPreview, kAllOrNothing or kValidRows)
// and gives Result<Report> (office::ImportReport); the answer is the report as JSON
// ({"mode", "rows", "valid", "written", "created_ids", "problems": [{"row", "column",
// "column_en", "message_vi", "message_en"}]}) or the error envelope.
template <typename Mode, typename Import>
Response ImportReply(const Request& req, Import&& import) {
    std::string mode(req.Query("mode").value_or("preview"));
    if (auto checked = CheckImportMode(mode); !checked)
        return JsonError(checked.error(), req.request_id);
    if (auto checked = CheckImportBody(req); !checked)
        return JsonError(checked.error(), req.request_id);
    const Mode m = mode == "preview" ? Mode::kPreview
                   : mode == "all"   ? Mode::kAllOrNothing
                                     : Mode::kValidRows;
    auto report = import(m);
    if (!report)
        return JsonError(report.error(), req.request_id);
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& p : report->problems) {
        problems.push_back({{"row", p.row},
                            {"column", p.column},
                            {"column_en", p.column_en},
                            {"message_vi", p.message_vi},
                            {"message_en", p.message_en}});
    }
    return JsonResponse(200, {{"mode", mode},
                              {"rows", report->rows},
                              {"valid", report->valid},
                              {"written", report->written},
                              {"created_ids", report->created_ids},
                              {"problems", problems}});
}

}  // namespace ngoaivu::http
