#include "http/json.hpp"

#include <charconv>

#include "http/error_status.hpp"

namespace ngoaivu::http {

Response JsonResponse(int status, const nlohmann::json& body) {
    // Replace, rather than throw on, invalid UTF-8 that slipped into stored data.
    return Response::Json(status,
                          body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

nlohmann::json ErrorJson(const Error& error, const std::string& request_id) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : error.fields) {
        fields.push_back(
            {{"field", f.field}, {"message_vi", f.message_vi}, {"message_en", f.message_en}});
    }
    nlohmann::json e = {
        {"code", ErrorCodeName(error.code)},
        {"field", error.field.empty() ? nlohmann::json() : nlohmann::json(error.field)},
        {"message_vi", error.message_vi},
        {"message_en", error.message_en},
        {"fields", std::move(fields)},
        {"request_id", request_id}};
    return {{"error", std::move(e)}};
}

Response JsonError(const Error& error, const std::string& request_id) {
    return JsonResponse(HttpStatus(error.code), ErrorJson(error, request_id));
}

namespace {

std::optional<int> ParseInt(std::string_view s) {
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size())
        return std::nullopt;
    return v;
}

}  // namespace

Result<PageRequest> ParsePaging(const Request& req, int default_per_page) {
    PageRequest page{1, default_per_page};
    if (auto p = req.Query("page"); p && !p->empty()) {
        auto v = ParseInt(*p);
        if (!v || *v < 1 || *v > 1'000'000) {
            return Error::InvalidArgument("page", "Số trang phải là số nguyên từ 1 trở lên.",
                                          "The page number must be a whole number of 1 or more.");
        }
        page.page = *v;
    }
    if (auto p = req.Query("per_page"); p && !p->empty()) {
        auto v = ParseInt(*p);
        if (!v || *v < 1 || *v > PageRequest::kMaxPerPage) {
            return Error::InvalidArgument(
                "per_page", "Số dòng mỗi trang phải là số nguyên từ 1 đến 200.",
                "The number of rows per page must be a whole number from 1 to 200.");
        }
        page.per_page = *v;
    }
    return page;
}

std::optional<std::int64_t> ParseWholeNumber(std::string_view text) {
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return n;
}

Result<std::optional<std::int64_t>> ParseIntParam(const Request& req, std::string_view name,
                                                  std::int64_t min, std::int64_t max) {
    auto p = req.Query(name);
    if (!p || p->empty())
        return std::optional<std::int64_t>();
    auto parsed = ParseWholeNumber(*p);
    std::int64_t v = parsed.value_or(0);
    if (!parsed || v < min || v > max) {
        std::string field(name);
        return Error::InvalidArgument(field,
                                      "Tham số \"" + field + "\" phải là số nguyên từ " +
                                          std::to_string(min) + " đến " + std::to_string(max) + ".",
                                      "The parameter \"" + field +
                                          "\" must be a whole number from " + std::to_string(min) +
                                          " to " + std::to_string(max) + ".");
    }
    return std::optional<std::int64_t>(v);
}

Result<std::int64_t> ParseIdParam(const Request& req, const std::string& name) {
    const std::string& raw = req.Param(name);
    auto v = ParseWholeNumber(raw);
    if (!v || *v <= 0) {
        return Error::InvalidArgument(name, "Mã số \"" + raw + "\" không hợp lệ.",
                                      "\"" + raw + "\" is not a valid id.");
    }
    return *v;
}

Result<std::pair<std::int64_t, nlohmann::json>> ParseIdAndJsonBody(const Request& req) {
    auto id = ParseIdParam(req, "id");
    if (!id)
        return id.error();
    auto body = ParseJsonBody(req);
    if (!body)
        return body.error();
    return std::pair<std::int64_t, nlohmann::json>(*id, std::move(*body));
}

bool FlagParam(const Request& req, std::string_view name) {
    auto v = req.Query(name);
    return v && (*v == "1" || *v == "true" || *v == "on");
}

Result<std::string> ParseCountryParam(const Request& req, std::string_view name) {
    std::string v(req.Query(name).value_or(""));
    auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    if (!v.empty() && (v.size() != 2 || !upper(v[0]) || !upper(v[1]))) {
        return Error::InvalidArgument(std::string(name),
                                      "Mã nước phải gồm 2 chữ in hoa (ISO 3166-1).",
                                      "The country must be two capital letters (ISO 3166-1).");
    }
    return v;
}

nlohmann::json JsonDate(const std::optional<Date>& d) {
    return d ? nlohmann::json(d->ToIso()) : nlohmann::json();
}

Result<std::optional<Date>> ParseDateParam(const Request& req, std::string_view name) {
    auto p = req.Query(name);
    if (!p || p->empty())
        return std::optional<Date>();
    auto d = Date::ParseIso(*p);
    if (!d)
        d = Date::ParseVi(*p);
    if (!d) {
        std::string field(name);
        return Error::InvalidArgument(
            field, "Ngày \"" + field + "\" không hợp lệ: dùng dạng yyyy-mm-dd hoặc dd/mm/yyyy.",
            "The date \"" + field + "\" is invalid: use yyyy-mm-dd or dd/mm/yyyy.");
    }
    return std::optional<Date>(*d);
}

Result<nlohmann::json> ParseJsonBody(const Request& req) {
    try {
        return nlohmann::json::parse(req.body);
    } catch (const nlohmann::json::parse_error& e) {
        std::string at = std::to_string(e.byte);
        return Error::InvalidArgument("body", "Nội dung JSON không hợp lệ (tại byte " + at + ").",
                                      "The JSON body is malformed (at byte " + at + ").");
    }
}

Result<std::optional<int>> ParseYearParam(const Request& req) {
    auto year = ParseIntParam(req, "year", 1945, 2100);
    if (!year)
        return year.error();
    if (!*year)
        return std::optional<int>();
    return std::optional<int>(static_cast<int>(**year));
}

Result<std::pair<std::optional<Date>, std::optional<Date>>> ParseDateRange(const Request& req) {
    auto from = ParseDateParam(req, "from");
    if (!from)
        return from.error();
    auto to = ParseDateParam(req, "to");
    if (!to)
        return to.error();
    return std::pair{*from, *to};
}

Error BadSort(std::string_view sorts) {
    return Error::InvalidArgument("sort", "Cách sắp xếp phải là: " + std::string(sorts) + ".",
                                  "The sort must be one of: " + std::string(sorts) + ".");
}

Result<DueQuery> ParseDueQuery(const Request& req, int default_per_page, int default_days) {
    auto paging = ParsePaging(req, default_per_page);
    if (!paging)
        return paging.error();
    auto unit = ParseIntParam(req, "province", 1000, 2999);
    if (!unit)
        return unit.error();
    auto within = ParseIntParam(req, "within_days", 0, 366);
    if (!within)
        return within.error();
    return DueQuery{*paging, *unit, static_cast<int>(within->value_or(default_days))};
}

nlohmann::json HistoryJson(const std::vector<WorkflowStep>& history, bool with_ids) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : history) {
        nlohmann::json j = {{"action", e.action},
                            {"date", e.happened_on.ToIso()},
                            {"from_status", e.from_status},
                            {"to_status", e.to_status},
                            {"note", e.note},
                            {"user", e.user_login},
                            {"recorded_at", e.recorded_at}};
        if (with_ids)
            j["id"] = e.id;
        out.push_back(std::move(j));
    }
    return out;
}

Result<void> CheckImportMode(std::string_view mode) {
    if (mode != "preview" && mode != "all" && mode != "valid") {
        return Error::InvalidArgument("mode", "Chế độ phải là preview, all hoặc valid.",
                                      "The mode must be preview, all or valid.");
    }
    return {};
}

Result<void> CheckImportBody(const Request& req) {
    if (TrimOws(req.Header("content-type").value_or("")).starts_with("application/json")) {
        return Error::InvalidArgument("body", "Hãy gửi chính tệp XLSX hoặc CSV, không phải JSON.",
                                      "Send the XLSX or CSV file itself, not JSON.");
    }
    if (req.body.empty()) {
        return Error::InvalidArgument("file", "Chưa có tệp (nội dung yêu cầu trống).",
                                      "No file: the request body is empty.");
    }
    return {};
}

}  // namespace ngoaivu::http
