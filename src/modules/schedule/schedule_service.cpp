#include "modules/schedule/schedule_service.hpp"

#include <map>

#include "base/crypto.hpp"
#include "base/input.hpp"
#include "base/text.hpp"
#include "modules/delegations/delegation.hpp"
#include "modules/events/event.hpp"
#include "office/icalendar.hpp"

namespace ngoaivu::schedule {

namespace {

// Every answer about a feed that does not work: unknown, revoked, malformed, or its user
// disabled. One message, so that nothing tells them apart.
Error FeedNotFound() {
    return Error::NotFound("Không có lịch này, hoặc lịch đã bị thu hồi.",
                           "No such calendar, or it has been revoked.");
}

std::string DaysText(int days) {
    return std::to_string(days);
}

// The iCalendar STATUS of a record's status.
std::string IcalStatus(const ScheduleItem& item) {
    if (item.Withdrawn())
        return "CANCELLED";
    if (item.kind == ItemKind::kDelegation)
        return item.status == "proposed" ? "TENTATIVE" : "CONFIRMED";
    if (item.status == "planned" || item.status == "requested" || item.status == "consulting" ||
        item.status == "submitted_pm") {
        return "TENTATIVE";
    }
    return "CONFIRMED";
}

// The item as a VEVENT: an all-day event over its days, with a UID that never changes.
office::CalendarEvent ToCalendarEvent(const ScheduleItem& item, const std::string& base_url) {
    office::CalendarEvent ev;
    std::string kind(KindCode(item.kind));
    ev.uid = kind + "-" + std::to_string(item.id) + "@ngoaivu";
    std::string what;
    std::string status;
    if (item.kind == ItemKind::kDelegation) {
        what = NameVi(delegations::Directions(), item.direction);
        ev.summary = what + ": " + item.title;
        status = NameVi(delegations::Statuses(), item.status);
        what += " · " + NameVi(delegations::Levels(), item.level);
    } else {
        what = NameVi(events::Types(), item.type);
        ev.summary = item.title;
        status = NameVi(events::Statuses(), item.status);
        ev.location = item.venue;
    }
    ev.categories = item.kind == ItemKind::kDelegation
                        ? NameVi(delegations::Directions(), item.direction)
                        : NameVi(events::Types(), item.type);
    std::string place = item.national ? std::string("Toàn quốc") : item.unit_name_vi;
    if (!item.national && !item.current_unit_name_vi.empty() &&
        item.current_unit_name_vi != item.unit_name_vi) {
        place += " (nay là " + item.current_unit_name_vi + ")";
    }
    ev.description = what + "\nTỉnh, thành phố: " + place + "\nTrạng thái: " + status;
    if (!item.title_en.empty())
        ev.description += "\n" + item.title_en;
    ev.url = base_url + item.Path();
    ev.description += "\n" + ev.url;
    ev.start = item.starts_on;
    ev.end_inclusive = item.ends_on;
    ev.all_day = true;
    ev.status = IcalStatus(item);
    ev.sequence = item.version;
    if (office::ToIcalUtc(item.updated_at))
        ev.last_modified_utc = item.updated_at;
    return ev;
}

}  // namespace

const std::vector<UnitChoice>& ScheduleService::LoadedUnits() {
    std::call_once(units_once_, [this] {
        auto tx = db_.Begin(storage::TxMode::kRead);
        units_ = repo_.Units(*tx);
    });
    return units_;
}

std::vector<UnitChoice> ScheduleService::Units() {
    return LoadedUnits();
}

void ScheduleService::Name(std::vector<ScheduleItem>& items) {
    std::map<std::int64_t, const UnitChoice*> by_id;
    for (const auto& u : LoadedUnits())
        by_id[u.id] = &u;
    for (auto& it : items) {
        if (it.admin_unit_id) {
            if (auto u = by_id.find(*it.admin_unit_id); u != by_id.end()) {
                it.unit_name_vi = u->second->name_vi;
                it.unit_name_en = u->second->name_en;
            }
        }
        if (it.current_unit_id) {
            if (auto u = by_id.find(*it.current_unit_id); u != by_id.end()) {
                it.current_unit_name_vi = u->second->name_vi;
                it.current_unit_name_en = u->second->name_en;
            }
        }
    }
}

Result<void> ScheduleService::CheckFilter(const ScheduleFilter& f) {
    if (!f.from) {
        return Error::InvalidArgument("from", "Cần ngày bắt đầu (from, dạng yyyy-mm-dd).",
                                      "The first day is required (from, as yyyy-mm-dd).");
    }
    if (!f.to) {
        return Error::InvalidArgument("to", "Cần ngày kết thúc (to, dạng yyyy-mm-dd).",
                                      "The last day is required (to, as yyyy-mm-dd).");
    }
    if (*f.to < *f.from) {
        return Error::InvalidArgument("to", "Ngày kết thúc (to) không được trước ngày bắt đầu.",
                                      "The last day (to) may not be before the first (from).");
    }
    if (f.to->ToDays() - f.from->ToDays() + 1 > kMaxRangeDays) {
        return Error::InvalidArgument("to",
                                      "Mỗi lần xem tối đa " + DaysText(kMaxRangeDays) +
                                          " ngày (từ from đến to, tính cả hai).",
                                      "One read covers at most " + DaysText(kMaxRangeDays) +
                                          " days (from `from` to `to`, both counted).");
    }
    if (!f.direction.empty() && !FindCode(delegations::Directions(), f.direction)) {
        return Error::InvalidArgument("direction", "Chiều đoàn phải là outbound hoặc inbound.",
                                      "The direction must be outbound or inbound.");
    }
    if (!f.level.empty() && !FindCode(delegations::Levels(), f.level)) {
        return Error::InvalidArgument(
            "level", "Cấp đoàn phải là: top_leaders, provincial_leaders, department, other.",
            "The level must be one of: top_leaders, provincial_leaders, department, other.");
    }
    if (!f.type.empty() && !FindCode(events::Types(), f.type)) {
        std::string codes;
        for (const auto& c : events::Types())
            codes += (codes.empty() ? "" : ", ") + std::string(c.code);
        return Error::InvalidArgument("type", "Loại sự kiện phải là: " + codes + ".",
                                      "The event type must be one of: " + codes + ".");
    }
    if (!f.status.empty() && !FindCode(delegations::Statuses(), f.status) &&
        !FindCode(events::Statuses(), f.status)) {
        return Error::InvalidArgument("status",
                                      "Không có trạng thái " + f.status + " của đoàn hay sự kiện.",
                                      "No delegation or event has the status " + f.status + ".");
    }
    if (f.unit_id) {
        bool known = false;
        for (const auto& u : LoadedUnits())
            known = known || u.id == *f.unit_id;
        if (!known) {
            return Error::InvalidArgument(
                "province", "Không có tỉnh, thành phố mã " + std::to_string(*f.unit_id) + ".",
                "No province has the id " + std::to_string(*f.unit_id) + ".");
        }
    }
    return Ok();
}

Result<ItemList> ScheduleService::Items(const Actor& actor, const ScheduleFilter& filter) {
    if (auto ok = CheckFilter(filter); !ok)
        return ok.error();
    ItemList out;
    {
        auto tx = db_.Begin(storage::TxMode::kRead);
        out.items = repo_.Items(*tx, ReadScopeOf(actor), filter, kMaxItems + 1, 0);
    }
    if (out.items.size() > static_cast<std::size_t>(kMaxItems)) {
        out.items.resize(kMaxItems);
        out.truncated = true;
    }
    Name(out.items);
    return out;
}

Result<Page<ScheduleItem>> ScheduleService::List(const Actor& actor, const ScheduleFilter& filter,
                                                 const PageRequest& page) {
    if (auto ok = CheckFilter(filter); !ok)
        return ok.error();
    Page<ScheduleItem> out;
    out.page = page.page;
    out.per_page = page.per_page;
    {
        auto tx = db_.Begin(storage::TxMode::kRead);
        ProvinceScope scope = ReadScopeOf(actor);
        out.items = repo_.Items(*tx, scope, filter, page.per_page, page.offset());
        // The first page holding every match needs no count.
        if (page.page == 1 && out.items.size() < static_cast<std::size_t>(page.per_page))
            out.total = static_cast<std::int64_t>(out.items.size());
        else
            out.total = repo_.Count(*tx, scope, filter);
    }
    Name(out.items);
    return out;
}

Result<CreatedFeed> ScheduleService::CreateFeed(const Actor& actor, const std::string& raw_name) {
    if (actor.user_id == 0) {
        return Error::PermissionDenied("Chỉ người dùng đã đăng nhập mới tạo được lịch.",
                                       "Only a signed-in user can make a calendar feed.");
    }
    std::string name = text::IsValidUtf8(raw_name) ? text::TrimSpace(text::Nfc(raw_name)) : "";
    if (name.empty() || text::CountChars(name) > 100) {
        return Error::InvalidArgument("name", "Tên lịch là bắt buộc (tối đa 100 ký tự).",
                                      "The calendar's name is required (at most 100 characters).");
    }
    CreatedFeed created;
    created.token = std::string(kFeedTokenPrefix) + crypto::RandomToken(32);
    created.info.user_id = actor.user_id;
    created.info.name = name;
    created.info.prefix = created.token.substr(0, 10);
    created.info.created_at = audit::IsoUtc(clock_.Now());
    storage::WithWrite(db_, [&](storage::Transaction& tx) {
        created.info.id = repo_.InsertFeed(tx, created.info, crypto::Sha256Hex(created.token));
        audit_.Record(tx, actor, "create", "schedule_feed", std::to_string(created.info.id),
                      nullptr, {{"name", name}, {"prefix", created.info.prefix}});
    });
    return created;
}

Result<std::vector<Feed>> ScheduleService::ListFeeds(const Actor& actor) {
    auto tx = db_.Begin(storage::TxMode::kRead);
    return repo_.ListFeeds(*tx, actor.user_id);
}

Result<void> ScheduleService::RevokeFeed(const Actor& actor, std::int64_t id) {
    return storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<void> {
        if (!repo_.RevokeFeed(tx, actor.user_id, id, audit::IsoUtc(clock_.Now()))) {
            return Error::NotFound("Không có lịch này, hoặc lịch đã bị thu hồi.",
                                   "No such calendar feed, or it is already revoked.");
        }
        audit_.Record(tx, actor, "revoke", "schedule_feed", std::to_string(id), nullptr, nullptr);
        return Ok();
    });
}

Result<FeedCalendar> ScheduleService::Calendar(const std::string& token, const FeedRequest& req) {
    if (!std::string_view(token).starts_with(kFeedTokenPrefix) || token.size() > 128)
        return FeedNotFound();
    auto now = clock_.Now();
    Date today = clock_.Today();
    std::optional<Feed> feed;
    std::string login;
    std::vector<ScheduleItem> items;
    {
        auto tx = db_.Begin(storage::TxMode::kRead);
        feed = repo_.FindFeedByHash(*tx, crypto::Sha256Hex(token));
        if (!feed || !feed->revoked_at.empty())
            return FeedNotFound();
        auto user = users_.FindUser(*tx, accounts::UserId{feed->user_id});
        if (!user || user->disabled)
            return FeedNotFound();
        login = user->login;
        Actor actor = accounts_.ActorFor(*tx, *user, {req.client_address, "", req.request_id});
        ScheduleFilter filter;
        filter.from = today.AddDays(-kFeedDaysBack);
        filter.to = today.AddDays(kFeedDaysAhead);
        filter.include_withdrawn = true;
        items = repo_.Items(*tx, ReadScopeOf(actor), filter, kMaxFeedItems, 0);
    }
    // Bookkeeping, not audited: when the feed was last fetched, to the minute.
    std::string stamp = audit::IsoUtc(now);
    if (feed->last_used_at.empty() ||
        feed->last_used_at < audit::IsoUtc(now - std::chrono::minutes(1))) {
        try {
            storage::WithRetry(db_, storage::TxMode::kConcurrent, [&](storage::Transaction& tx) {
                repo_.TouchFeed(tx, feed->id, stamp);
            });
        } catch (const storage::BusyError&) {
            // The next fetch refreshes it.
        }
    }
    Name(items);
    std::vector<office::CalendarEvent> events;
    events.reserve(items.size());
    for (const auto& item : items) {
        office::CalendarEvent ev = ToCalendarEvent(item, req.base_url);
        // Stored records satisfy the writer's rules; one that does not is left out rather than
        // failing the whole feed.
        if (office::CheckCalendarEvent(ev))
            events.push_back(std::move(ev));
    }
    office::CalendarMeta meta;
    meta.name = "Lịch công tác: " + feed->name;
    meta.description =
        "Đoàn ra, đoàn vào và sự kiện đối ngoại mà tài khoản " + login + " được xem (Ngoaivu).";
    meta.refresh_minutes = 60;
    return FeedCalendar{office::WriteCalendar(meta, events, stamp), meta.name};
}

}  // namespace ngoaivu::schedule
