#include "modules/reports/reports_routes.hpp"

#include "http/json.hpp"

namespace ngoaivu::reports {

void RegisterReportRoutes(http::Router& router, ReportService& service, const html::Pages& pages) {
    detail::RegisterReportApi(router, service);
    detail::RegisterReportPages(router, service, pages);
}

namespace detail {

namespace {

Error BadDate(const std::string& field, bool page) {
    if (page) {
        return Error::InvalidArgument(
            field, "Ngày \"" + field + "\" phải có dạng dd/mm/yyyy và có thật.",
            "The date \"" + field + "\" must be written dd/mm/yyyy and exist.");
    }
    return Error::InvalidArgument(
        field, "Ngày \"" + field + "\" phải có dạng yyyy-mm-dd và có thật.",
        "The date \"" + field + "\" must be written yyyy-mm-dd and exist.");
}

// An optional date parameter: ISO in the API; dd/mm/yyyy (or ISO) on pages.
Result<std::optional<Date>> DateParam(const http::Request& req, const std::string& name,
                                      bool page) {
    auto raw = req.Query(name);
    if (!raw || raw->empty())
        return std::optional<Date>();
    std::optional<Date> d = Date::ParseIso(*raw);
    if (!d && page)
        d = Date::ParseVi(*raw);
    if (!d)
        return BadDate(name, page);
    return d;
}

Result<std::optional<std::int64_t>> ProvinceParam(const http::Request& req) {
    return http::ParseIntParam(req, "province", 1, 999999);
}

std::string Slug(const std::optional<Unit>& unit) {
    return unit ? "-" + unit->code + "-" + std::to_string(unit->generation) : "";
}

}  // namespace

Result<Format> ParseFormat(const http::Request& req, bool docx) {
    std::string f(req.Query("format").value_or(""));
    if (f.empty() || f == "html" || f == "json")
        return Format::kDefault;
    if (f == "xlsx")
        return Format::kXlsx;
    if (f == "docx" && docx)
        return Format::kDocx;
    std::string allowed = docx ? "xlsx, docx" : "xlsx";
    return Error::InvalidArgument("format", "Định dạng (format) chỉ có thể là " + allowed + ".",
                                  "The format may only be " + allowed + ".");
}

Result<DashboardRequest> ParseDashboard(const http::Request& req, ReportService& service,
                                        std::optional<std::int64_t> path_unit) {
    DashboardRequest out;
    auto from =
        http::ParseIntParam(req, "from_year", ReportService::kMinYear, ReportService::kMaxYear);
    if (!from)
        return from.error();
    auto to = http::ParseIntParam(req, "to_year", ReportService::kMinYear, ReportService::kMaxYear);
    if (!to)
        return to.error();
    auto generation = http::ParseIntParam(req, "generation", 1, 2);
    if (!generation)
        return generation.error();
    out.to_year = static_cast<int>(to->value_or(service.Today().year()));
    out.from_year = static_cast<int>(from->value_or(std::max<std::int64_t>(
        ReportService::kMinYear, std::min<std::int64_t>(out.to_year, service.Today().year()) - 9)));
    out.generation = static_cast<int>(generation->value_or(2));
    out.indicator = std::string(req.Query("indicator").value_or(""));
    if (path_unit) {
        out.unit_id = path_unit;
    } else {
        auto province = ProvinceParam(req);
        if (!province)
            return province.error();
        out.unit_id = *province;
    }
    return out;
}

Result<ReviewRequest> ParseReview(const http::Request& req, ReportService& service, bool page) {
    ReviewRequest out;
    auto from = DateParam(req, "from", page);
    if (!from)
        return from.error();
    auto to = DateParam(req, "to", page);
    if (!to)
        return to.error();
    std::string preset(req.Query("preset").value_or(""));
    if (!preset.empty() && preset != "since_last_conference") {
        return Error::InvalidArgument("preset",
                                      "Mốc thời gian (preset) chỉ có thể là since_last_conference.",
                                      "The preset may only be since_last_conference.");
    }
    Date today = service.Today();
    if (preset == "since_last_conference" || (!*from && !*to)) {
        auto since = service.SinceLastConference();
        if (since) {
            out.from = since->first;
            out.to = since->second;
        } else if (!preset.empty()) {
            Error e = since.error();
            e.code = ErrorCode::kInvalidArgument;
            e.field = "preset";
            return e;
        } else {
            out.to = today;
            out.from = *Date::FromYmd(today.year() - 3, today.month(), 1);
        }
    } else {
        out.to = to->value_or(today);
        out.from = from->value_or(*Date::FromYmd(out.to.year() - 3, 1, 1));
    }
    auto generation = http::ParseIntParam(req, "generation", 1, 2);
    if (!generation)
        return generation.error();
    out.generation =
        static_cast<int>(generation->value_or(out.to < *Date::FromYmd(2025, 7, 1) ? 1 : 2));
    auto province = ProvinceParam(req);
    if (!province)
        return province.error();
    out.unit_id = *province;
    auto compare = http::ParseIntParam(req, "compare_year", 0, 9999);
    if (!compare)
        return compare.error();
    out.compare_year =
        static_cast<int>(compare->value_or(std::max(ReportService::kMinYear, out.to.year() - 10)));
    return out;
}

std::string DashboardFileName(const Dashboard& d, const char* extension) {
    return "bang-dieu-khien" + Slug(d.unit) + "-" + std::to_string(d.request.from_year) + "-" +
           std::to_string(d.request.to_year) + "." + extension;
}

std::string ReviewFileName(const Review& r, const char* extension) {
    return "bao-cao-tong-ket" + Slug(r.unit) + "-" + r.request.from.ToIso() + "-" +
           r.request.to.ToIso() + "." + extension;
}

}  // namespace detail

}  // namespace ngoaivu::reports
