#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "html/list_view.hpp"
#include "http/error_status.hpp"
#include "http/json.hpp"
#include "modules/delegations/delegation.hpp"
#include "modules/events/event.hpp"
#include "modules/schedule/schedule_routes.hpp"

namespace ngoaivu::schedule {

namespace {

using html::Data;
using http::Access;
using http::Request;
using http::Response;

constexpr const char* kNav = "schedule";
// The items a day of the month grid shows; the others are counted, with a link to the day.
constexpr std::size_t kItemsPerDay = 4;
// The agenda's page size.
constexpr int kAgendaPerPage = 100;

bool En(const Request& req) {
    return html::LangOf(req) == "en";
}

std::string T(const html::Pages& pages, const Request& req, std::string_view key) {
    return pages.renderer().catalog().Get(key, html::LangOf(req));
}

// A month: its first and last days.
struct Month {
    Date first = Date::FromDays(0);
    Date last = Date::FromDays(0);
};

Month MonthOf(int year, int month) {
    Date first = *Date::FromYmd(year, month, 1);
    Date next = month == 12 ? *Date::FromYmd(year + 1, 1, 1) : *Date::FromYmd(year, month + 1, 1);
    return {first, next.AddDays(-1)};
}

std::string MonthCode(Date d) {
    return d.ToIso().substr(0, 7);
}

// ?month=2025-07 (years 1945 to 2100); errors name "month".
Result<std::optional<Month>> ParseMonth(const Request& req) {
    std::string_view raw = req.Query("month").value_or("");
    if (raw.empty())
        return std::optional<Month>();
    int year = 0;
    int month = 0;
    bool ok = raw.size() == 7 && raw[4] == '-';
    if (ok) {
        auto [e1, c1] = std::from_chars(raw.data(), raw.data() + 4, year);
        auto [e2, c2] = std::from_chars(raw.data() + 5, raw.data() + 7, month);
        ok = c1 == std::errc() && e1 == raw.data() + 4 && c2 == std::errc() &&
             e2 == raw.data() + 7 && year >= 1945 && year <= 2100 && month >= 1 && month <= 12;
    }
    if (!ok) {
        return Error::InvalidArgument("month",
                                      "Tháng phải có dạng yyyy-mm (ví dụ 2025-07), năm từ 1945 "
                                      "đến 2100.",
                                      "The month must be written yyyy-mm (e.g. 2025-07), in a year "
                                      "from 1945 to 2100.");
    }
    return std::optional<Month>(MonthOf(year, month));
}

// "Tháng Bảy năm 2025" / "July 2025".
std::string MonthTitle(const html::Pages& pages, const Request& req, Date first) {
    std::string name = T(pages, req, "sch_month_" + std::to_string(first.month()));
    std::string out = T(pages, req, "sch_month_title");
    auto put = [&out](std::string_view key, const std::string& value) {
        if (auto p = out.find(key); p != std::string::npos)
            out.replace(p, key.size(), value);
    };
    put("{month}", name);
    put("{year}", std::to_string(first.year()));
    return out;
}

// What kind of item this is, shortly: "Đoàn ra", "Đoàn vào" or the event's type.
std::string KindLabel(const Request& req, const ScheduleItem& it) {
    if (it.kind == ItemKind::kDelegation) {
        return En(req) ? NameEn(delegations::Directions(), it.direction)
                       : NameVi(delegations::Directions(), it.direction);
    }
    return En(req) ? NameEn(events::Types(), it.type) : NameVi(events::Types(), it.type);
}

std::string StatusLabel(const Request& req, const ScheduleItem& it) {
    const auto& list =
        it.kind == ItemKind::kDelegation ? delegations::Statuses() : events::Statuses();
    return En(req) ? NameEn(list, it.status) : NameVi(list, it.status);
}

std::string Title(const Request& req, const ScheduleItem& it) {
    return En(req) && !it.title_en.empty() ? it.title_en : it.title;
}

// What a page shows of an item.
Data ItemData(const html::Pages& pages, const Request& req, const ScheduleItem& it) {
    Data d;
    d.set("kind", std::string(KindCode(it.kind)));
    d.set("id", std::to_string(it.id));
    d.set("href", it.Path());
    d.set("title", Title(req, it));
    d.set("label", KindLabel(req, it));
    d.set("status", StatusLabel(req, it));
    d.set("withdrawn", it.Withdrawn());
    d.set("dates", it.starts_on == it.ends_on
                       ? it.starts_on.ToDisplay()
                       : it.starts_on.ToDisplay() + " – " + it.ends_on.ToDisplay());
    std::string unit;
    if (it.national) {
        unit = T(pages, req, "sch_national");
    } else {
        unit = En(req) ? it.unit_name_en : it.unit_name_vi;
        std::string current = En(req) ? it.current_unit_name_en : it.current_unit_name_vi;
        if (!current.empty() && it.current_unit_id != it.admin_unit_id)
            unit += " → " + current;
    }
    d.set("unit", unit);
    d.set("outbound", it.direction == "outbound");
    d.set("inbound", it.direction == "inbound");
    d.set("event", it.kind == ItemKind::kEvent);
    return d;
}

// A select's options from a list of codes, `selected` marked.
Data CodeOptions(const Request& req, const std::vector<Code>& list, const std::string& selected) {
    Data out(Data::type::list);
    for (const auto& c : list) {
        Data o;
        o.set("value", std::string(c.code));
        o.set("label", std::string(En(req) ? c.en : c.vi));
        o.set("selected", c.code == selected);
        out.push_back(o);
    }
    return out;
}

// The statuses of both lists, each once (delegations' first).
std::vector<Code> AllStatuses() {
    std::vector<Code> out = delegations::Statuses();
    for (const auto& c : events::Statuses()) {
        if (!FindCode(out, c.code))
            out.push_back(c);
    }
    return out;
}

// The filter form's values and choices.
void AddFilters(Data& view, ScheduleService& service, const Request& req, const ScheduleFilter& f) {
    Data units(Data::type::list);
    for (const auto& u : service.Units()) {
        Data o;
        o.set("value", std::to_string(u.id));
        std::string label = En(req) ? u.name_en : u.name_vi;
        if (!u.current)
            label += En(req) ? " (until 30/06/2025)" : " (đến 30/06/2025)";
        o.set("label", label);
        o.set("selected", f.unit_id && *f.unit_id == u.id);
        units.push_back(o);
    }
    view.set("unit_options", units);
    view.set("kind_delegation", f.kind && *f.kind == ItemKind::kDelegation);
    view.set("kind_event", f.kind && *f.kind == ItemKind::kEvent);
    view.set("direction_options", CodeOptions(req, delegations::Directions(), f.direction));
    view.set("level_options", CodeOptions(req, delegations::Levels(), f.level));
    view.set("type_options", CodeOptions(req, events::Types(), f.type));
    view.set("status_options", CodeOptions(req, AllStatuses(), f.status));
    view.set("include_cancelled", f.include_withdrawn);
}

// The header of both views: title, previous and next months, the other view, the filters.
Data BaseView(const html::Pages& pages, ScheduleService& service, const Request& req,
              const ScheduleFilter& f, const Month& m, bool agenda) {
    Data view;
    Date today = service.Today();
    Month previous = MonthOf(m.first.AddDays(-1).year(), m.first.AddDays(-1).month());
    Month next = MonthOf(m.last.AddDays(1).year(), m.last.AddDays(1).month());
    view.set("title", T(pages, req, "sch_title") + " · " + MonthTitle(pages, req, m.first));
    view.set("month_title", MonthTitle(pages, req, m.first));
    view.set("month", MonthCode(m.first));
    view.set("agenda", agenda);
    view.set("view", agenda ? "agenda" : "month");
    view.set(
        "previous_href",
        html::WithQuery(req, {{"month", MonthCode(previous.first)}, {"day", ""}, {"page", ""}}));
    view.set("next_href",
             html::WithQuery(req, {{"month", MonthCode(next.first)}, {"day", ""}, {"page", ""}}));
    view.set("previous_label", MonthTitle(pages, req, previous.first));
    view.set("next_label", MonthTitle(pages, req, next.first));
    view.set("today_href",
             html::WithQuery(req, {{"month", MonthCode(today)}, {"day", ""}, {"page", ""}}));
    view.set("month_view_href", html::WithQuery(req, {{"view", ""}, {"day", ""}, {"page", ""}}));
    view.set("agenda_view_href",
             html::WithQuery(req, {{"view", "agenda"}, {"day", ""}, {"page", ""}}));
    AddFilters(view, service, req, f);
    return view;
}

// The month grid, Monday first: weeks of seven cells, each day with its first items and the
// number of the others.
Data MonthGrid(const html::Pages& pages, const Request& req, const Month& m,
               const std::vector<ScheduleItem>& items, Date today) {
    const long first = m.first.ToDays();
    const long days = m.last.ToDays() - first + 1;
    std::vector<std::vector<const ScheduleItem*>> shown(static_cast<std::size_t>(days));
    std::vector<int> more(static_cast<std::size_t>(days), 0);
    for (const auto& it : items) {
        long from = std::max(it.starts_on.ToDays(), first) - first;
        long to = std::min(it.ends_on.ToDays(), m.last.ToDays()) - first;
        for (long d = from; d <= to; ++d) {
            auto& cell = shown[static_cast<std::size_t>(d)];
            if (cell.size() < kItemsPerDay)
                cell.push_back(&it);
            else
                ++more[static_cast<std::size_t>(d)];
        }
    }
    Data weeks(Data::type::list);
    Date start = m.first.AddDays(-(m.first.IsoWeekday() - 1));
    Date end = m.last.AddDays(7 - m.last.IsoWeekday());
    Data week(Data::type::list);
    for (Date d = start; d <= end; d = d.AddDays(1)) {
        Data cell;
        bool in_month = d >= m.first && d <= m.last;
        cell.set("in_month", in_month);
        cell.set("day", std::to_string(d.day()));
        cell.set("iso", d.ToIso());
        cell.set("today", d == today);
        cell.set("weekend", d.IsoWeekday() >= 6);
        if (in_month) {
            auto i = static_cast<std::size_t>(d.ToDays() - first);
            Data list(Data::type::list);
            for (const ScheduleItem* it : shown[i]) {
                Data item = ItemData(pages, req, *it);
                item.set("continues", it->starts_on < d);
                list.push_back(item);
            }
            cell.set("items", list);
            cell.set("has_items", !shown[i].empty());
            if (more[i] > 0) {
                cell.set("more", "+" + html::Number(req, more[i]));
                cell.set(
                    "more_href",
                    html::WithQuery(req, {{"view", "agenda"}, {"day", d.ToIso()}, {"page", ""}}));
            }
        }
        week.push_back(cell);
        if (d.IsoWeekday() == 7) {
            Data w;
            w.set("days", week);
            weeks.push_back(w);
            week = Data(Data::type::list);
        }
    }
    return weeks;
}

Data WeekdayHeadings(const html::Pages& pages, const Request& req) {
    Data out(Data::type::list);
    for (int i = 1; i <= 7; ++i) {
        Data h;
        h.set("short", T(pages, req, "sch_weekday_short_" + std::to_string(i)));
        h.set("long", T(pages, req, "calendar_weekday_" + std::to_string(i)));
        out.push_back(h);
    }
    return out;
}

Response MonthPage(ScheduleService& service, const html::Pages& pages, const Request& req,
                   ScheduleFilter filter, const Month& m) {
    filter.from = m.first;
    filter.to = m.last;
    auto list = service.Items(*req.actor, filter);
    if (!list)
        return pages.Error(req, list.error());
    Data view = BaseView(pages, service, req, filter, m, false);
    view.set("weekdays", WeekdayHeadings(pages, req));
    view.set("weeks", MonthGrid(pages, req, m, list->items, service.Today()));
    view.set("count", html::Number(req, static_cast<std::int64_t>(list->items.size())));
    view.set("truncated", list->truncated);
    view.set("empty", list->items.empty());
    return pages.Render(req, "schedule/month", kNav, std::move(view));
}

Response AgendaPage(ScheduleService& service, const html::Pages& pages, const Request& req,
                    ScheduleFilter filter, const Month& m, std::optional<Date> day) {
    filter.from = day ? *day : m.first;
    filter.to = day ? *day : m.last;
    auto paging = http::ParsePaging(req, kAgendaPerPage);
    if (!paging)
        return pages.Error(req, paging.error());
    auto page = service.List(*req.actor, filter, *paging);
    if (!page)
        return pages.Error(req, page.error());
    Data view = BaseView(pages, service, req, filter, m, true);
    if (day) {
        view.set("day", day->ToDisplay());
        view.set("day_weekday",
                 T(pages, req, "calendar_weekday_" + std::to_string(day->IsoWeekday())));
    }
    // Day by day: each item under the first day of the range it is under way on.
    Data groups(Data::type::list);
    Data current(Data::type::list);
    std::optional<Date> current_day;
    auto flush = [&] {
        if (!current_day)
            return;
        Data g;
        g.set("iso", current_day->ToIso());
        g.set("date", current_day->ToDisplay());
        g.set("weekday",
              T(pages, req, "calendar_weekday_" + std::to_string(current_day->IsoWeekday())));
        g.set("items", current);
        groups.push_back(g);
        current = Data(Data::type::list);
    };
    for (const auto& it : page->items) {
        Date d = std::max(it.starts_on, *filter.from);
        if (!current_day || d != *current_day) {
            flush();
            current_day = d;
        }
        Data item = ItemData(pages, req, it);
        item.set("continues", it.starts_on < d);
        current.push_back(item);
    }
    flush();
    view.set("days", groups);
    view.set("empty", page->items.empty());
    view.set("count", html::Number(req, page->total));
    view.set("pager", html::Pager(req, *page));
    return pages.Render(req, "schedule/agenda", kNav, std::move(view));
}

Response SchedulePage(ScheduleService& service, const html::Pages& pages, Request& req) {
    auto filter = detail::ParseFilter(req);
    if (!filter)
        return pages.Error(req, filter.error());
    std::string view(req.Query("view").value_or(""));
    if (!view.empty() && view != "month" && view != "agenda") {
        return pages.Error(req,
                           Error::InvalidArgument("view", "Cách xem phải là month hoặc agenda.",
                                                  "The view must be month or agenda."));
    }
    auto month = ParseMonth(req);
    if (!month)
        return pages.Error(req, month.error());
    auto day = http::ParseDateParam(req, "day");
    if (!day)
        return pages.Error(req, day.error());
    Month m;
    if (*month) {
        m = **month;
    } else {
        Date anchor = *day ? **day : service.Today();
        m = MonthOf(anchor.year(), anchor.month());
    }
    if (view == "agenda")
        return AgendaPage(service, pages, req, *filter, m, *day);
    return MonthPage(service, pages, req, *filter, m);
}

// ---- Feeds ---------------------------------------------------------------------------------

std::string Stamp(const std::string& iso) {
    // "2026-11-23T09:41:02.723Z" → "2026-11-23 09:41 UTC"
    if (iso.size() < 16)
        return iso;
    return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

Response FeedsPage(ScheduleService& service, const html::Pages& pages, const Request& req,
                   Data view, int status = 200) {
    auto feeds = service.ListFeeds(*req.actor);
    if (!feeds)
        return pages.Error(req, feeds.error());
    Data rows(Data::type::list);
    for (const auto& f : *feeds) {
        Data r;
        r.set("id", std::to_string(f.id));
        r.set("name", f.name);
        r.set("prefix", f.prefix);
        r.set("created_at", Stamp(f.created_at));
        r.set("last_used_at",
              f.last_used_at.empty() ? T(pages, req, "sch_feed_never") : Stamp(f.last_used_at));
        r.set("revoked", !f.revoked_at.empty());
        r.set("revoke_action", "/schedule/feeds/" + std::to_string(f.id) + "/revoke");
        rows.push_back(r);
    }
    view.set("feeds", rows);
    view.set("has_feeds", !feeds->empty());
    view.set("title", T(pages, req, "sch_feeds_title"));
    return pages.Render(req, "schedule/feeds", kNav, std::move(view), status);
}

}  // namespace

void detail::RegisterSchedulePages(http::Router& router, ScheduleService& service,
                                   const html::Pages& pages, ScheduleRoutesOptions options) {
    router.Add({"GET", "/schedule", Access::kAuthenticated,
                "The calendar of delegations and events (month grid or agenda)",
                [&service, &pages](Request& req) { return SchedulePage(service, pages, req); }});
    router.Add({"GET", "/schedule/feeds", Access::kAuthenticated,
                "My iCalendar feeds: make one, revoke one", [&service, &pages](Request& req) {
                    Data view;
                    view.set("revoked_notice", req.Query("revoked").value_or("") == "1");
                    return FeedsPage(service, pages, req, std::move(view));
                }});
    router.Add({"POST", "/schedule/feeds", Access::kAuthenticated,
                "Make an iCalendar feed (the page shows its URL once)",
                [&service, &pages, options](Request& req) {
                    std::string name = req.Form("name");
                    auto created = service.CreateFeed(*req.actor, name);
                    if (!created) {
                        if (created.error().code != ErrorCode::kInvalidArgument)
                            return pages.Error(req, created.error());
                        Data view;
                        view.set("error",
                                 En(req) ? created.error().message_en : created.error().message_vi);
                        view.set("form_name", name);
                        return FeedsPage(service, pages, req, std::move(view),
                                         http::HttpStatus(created.error().code));
                    }
                    std::string url = detail::FeedUrl(req, options, created->token);
                    Data view;
                    view.set("name", created->info.name);
                    view.set("url", url);
                    // webcal:// opens the subscription dialog of Outlook and Apple Calendar.
                    view.set("webcal", "webcal://" + url.substr(url.find("://") + 3));
                    view.set("title", T(pages, req, "sch_feed_created_title"));
                    return pages.Render(req, "schedule/feed_created", kNav, std::move(view), 201);
                }});
    router.Add({"POST", "/schedule/feeds/{id}/revoke", Access::kAuthenticated,
                "Revoke one of my iCalendar feeds", [&service, &pages](Request& req) {
                    auto id = http::ParseIdParam(req, "id");
                    if (!id)
                        return pages.Error(req, id.error());
                    auto revoked = service.RevokeFeed(*req.actor, *id);
                    if (!revoked)
                        return pages.Error(req, revoked.error());
                    return Response::Redirect("/schedule/feeds?revoked=1");
                }});
    // Public: calendar programs fetch it without a session. The token in the path is the only
    // credential; app.cpp keeps it out of the access log.
    router.Add({"GET", "/schedule/feed/{file}", Access::kPublic,
                "An iCalendar feed by its token (public; the token is the credential)",
                [&service, options](Request& req) {
                    // One answer for every feed that does not work: malformed, unknown,
                    // revoked, or its user disabled.
                    auto not_found = [] {
                        return Response::Text(404,
                                              "Không có lịch này, hoặc lịch đã bị thu hồi. / No "
                                              "such calendar, or it has been revoked.\n");
                    };
                    const std::string& file = req.Param("file");
                    if (!file.ends_with(".ics"))
                        return not_found();
                    auto calendar = service.Calendar(
                        file.substr(0, file.size() - 4),
                        {detail::BaseUrl(req, options), req.request_id, req.client_address});
                    if (!calendar)
                        return not_found();
                    Response res;
                    res.status = 200;
                    res.Set("Content-Type", "text/calendar; charset=utf-8");
                    res.Set("Content-Disposition", "inline; filename=\"ngoaivu.ics\"");
                    res.body = std::move(calendar->ics);
                    return res;
                }});
}

void RegisterScheduleRoutes(http::Router& router, ScheduleService& service,
                            const html::Pages& pages, ScheduleRoutesOptions options) {
    detail::RegisterScheduleApi(router, service, options);
    detail::RegisterSchedulePages(router, service, pages, options);
}

}  // namespace ngoaivu::schedule
