#include <charconv>
#include <optional>
#include <string>

#include "http/error_status.hpp"
#include "modules/calendar/calendar_routes.hpp"

namespace ngoaivu::calendar {

namespace {

using html::Data;
using http::Access;
using http::Request;
using http::Response;

constexpr const char* kPage = "calendar/admin";
constexpr const char* kNav = "calendar";

// What the add form shows: empty, or as typed when a submit is refused.
struct DayForm {
    std::string date;
    std::string kind = "holiday";
    std::string name_vi;
    std::string name_en;
};

std::string PageHref(int year) {
    return "/admin/calendar?year=" + std::to_string(year);
}

// Puts every field error of `e` into the view as error_<field>, plus the main message.
void AddErrors(Data& view, const Request& req, const Error& e) {
    bool en = html::LangOf(req) == "en";
    view.set("error", en ? e.message_en : e.message_vi);
    for (const auto& f : e.fields)
        view.set("error_" + f.field, en ? f.message_en : f.message_vi);
}

// The year of the page: `text` when it is a valid year, else `fallback`.
int YearOr(const std::string& text, int fallback) {
    auto year = ParseYear(text);
    return year ? *year : fallback;
}

// The /admin/calendar page of `year`; `view` may already hold a notice or errors.
Response CalendarPage(CalendarService& service, const html::Pages& pages, const Request& req,
                      int year, Data view, const DayForm& form, int status = 200) {
    auto days = service.ListYear(*req.actor, year);
    if (!days)
        return pages.Error(req, days.error());
    const html::Catalog& catalog = pages.renderer().catalog();
    const std::string lang(html::LangOf(req));
    bool en = lang == "en";
    Data rows(Data::type::list);
    for (const auto& d : *days) {
        Data row;
        row.set("date", d.day.ToDisplay());
        row.set("iso", d.day.ToIso());
        row.set("weekday",
                catalog.Get("calendar_weekday_" + std::to_string(d.day.IsoWeekday()), lang));
        row.set("working", d.kind == DayKind::kWorking);
        row.set("name", en ? d.name_en : d.name_vi);
        row.set("other_name", en ? d.name_vi : d.name_en);
        row.set("remove_action", "/admin/calendar/days/" + d.day.ToIso() + "/remove");
        rows.push_back(row);
    }
    auto calendar = service.Calendar();
    Date last_of_previous = *Date::FromYmd(year - 1, 12, 31);
    Date last = *Date::FromYmd(year, 12, 31);
    view.set("year", std::to_string(year));
    view.set("days", rows);
    view.set("has_days", !days->empty());
    view.set("working_day_count",
             html::Number(req, calendar->WorkingDaysBetween(last_of_previous, last)));
    if (year > kFirstCalendarYear) {
        view.set("previous_href", PageHref(year - 1));
        view.set("previous_year", std::to_string(year - 1));
    }
    if (year < kLastCalendarYear) {
        view.set("next_href", PageHref(year + 1));
        view.set("next_year", std::to_string(year + 1));
    }
    view.set("form_date", form.date);
    view.set("form_kind_working", form.kind == "working");
    view.set("form_name_vi", form.name_vi);
    view.set("form_name_en", form.name_en);
    view.set("title", catalog.Get("calendar_title", lang) + " " + std::to_string(year));
    return pages.Render(req, kPage, kNav, std::move(view), status);
}

// Re-renders the page of `year` after a refused form: the messages beside their fields, with
// the status of the error. Errors other than bad input (permission) get the error page.
Response Refused(CalendarService& service, const html::Pages& pages, const Request& req, int year,
                 const Error& e, const DayForm& form) {
    if (e.code == ErrorCode::kPermissionDenied)
        return pages.Error(req, e);
    Data view;
    AddErrors(view, req, e);
    return CalendarPage(service, pages, req, year, std::move(view), form, http::HttpStatus(e.code));
}

// The notices of a redirect after a successful form (?added=, ?removed=, ?prefilled=).
void AddNotices(Data& view, const Request& req) {
    if (auto added = Date::ParseIso(req.Query("added").value_or("")))
        view.set("added", added->ToDisplay());
    if (auto removed = Date::ParseIso(req.Query("removed").value_or("")))
        view.set("removed", removed->ToDisplay());
    std::string_view raw = req.Query("prefilled").value_or("");
    int n = -1;
    auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), n);
    if (!raw.empty() && ec == std::errc() && end == raw.data() + raw.size() && n >= 0 && n <= 366) {
        view.set(n == 0 ? "prefilled_none" : "prefilled", html::Number(req, n));
    }
}

}  // namespace

void detail::RegisterCalendarPages(http::Router& router, CalendarService& service,
                                   const html::Pages& pages) {
    router.Add({"GET", "/admin/calendar", Access::kAdmin, "The working-day calendar of a year",
                [&service, &pages](Request& req) {
                    int year = service.Today().year();
                    if (auto raw = req.Query("year"); raw && !raw->empty()) {
                        auto parsed = ParseYear(std::string(*raw));
                        if (!parsed)
                            return pages.Error(req, parsed.error());
                        year = *parsed;
                    }
                    Data view;
                    AddNotices(view, req);
                    return CalendarPage(service, pages, req, year, std::move(view), DayForm{});
                }});
    router.Add(
        {"POST", "/admin/calendar/days", Access::kAdmin, "Add a holiday or a worked weekend day",
         [&service, &pages](Request& req) {
             DayForm typed{req.Form("date"), req.Form("kind"), req.Form("name_vi"),
                           req.Form("name_en")};
             auto day =
                 service.AddDay(*req.actor, typed.date, typed.kind, typed.name_vi, typed.name_en);
             if (!day) {
                 int year = YearOr(req.Form("year"), service.Today().year());
                 return Refused(service, pages, req, year, day.error(), typed);
             }
             return Response::Redirect(PageHref(day->day.year()) + "&added=" + day->day.ToIso());
         }});
    router.Add({"POST", "/admin/calendar/days/{date}/remove", Access::kAdmin,
                "Remove a configured day", [&service, &pages](Request& req) {
                    const std::string& raw = req.Param("date");
                    auto removed = service.RemoveDay(*req.actor, raw);
                    auto date = Date::ParseIso(raw);
                    int fallback = date ? date->year() : service.Today().year();
                    int year = YearOr(req.Form("year"), fallback);
                    if (!removed)
                        return Refused(service, pages, req, year, removed.error(), DayForm{});
                    return Response::Redirect(PageHref(year) +
                                              (date ? "&removed=" + date->ToIso() : ""));
                }});
    router.Add(
        {"POST", "/admin/calendar/prefill", Access::kAdmin,
         "Add the year's fixed-date holidays that are missing", [&service, &pages](Request& req) {
             auto year = ParseYear(req.Form("year"));
             if (!year) {
                 return Refused(service, pages, req, service.Today().year(), year.error(),
                                DayForm{});
             }
             auto added = service.PrefillYear(*req.actor, *year);
             if (!added)
                 return Refused(service, pages, req, *year, added.error(), DayForm{});
             return Response::Redirect(PageHref(*year) + "&prefilled=" + std::to_string(*added));
         }});
}

}  // namespace ngoaivu::calendar
