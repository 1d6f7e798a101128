#pragma once

#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "base/date.hpp"
#include "base/error.hpp"
#include "base/page.hpp"
#include "base/result.hpp"
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

}  // namespace ngoaivu::http
