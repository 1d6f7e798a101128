#include "modules/calendar/calendar_service.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "base/text.hpp"
#include "modules/audit/audit_repository.hpp"

namespace ngoaivu::calendar {

namespace {

constexpr std::size_t kMaxNameChars = 200;

Error AdminOnly() {
    return Error::PermissionDenied("Chỉ quản trị viên được thay đổi lịch ngày làm việc.",
                                   "Only administrators may change the working-day calendar.");
}

Error BadYear(const std::string& field) {
    return Error::InvalidArgument(field, "Năm phải là số nguyên từ 2000 đến 2100.",
                                  "The year must be a whole number from 2000 to 2100.");
}

bool YearInRange(int year) {
    return year >= kFirstCalendarYear && year <= kLastCalendarYear;
}

// Collects field errors into one kInvalidArgument error: the first names the main field.
void AddFieldError(std::optional<Error>& all, const Error& e) {
    if (!all) {
        all = e;
        return;
    }
    all->fields.insert(all->fields.end(), e.fields.begin(), e.fields.end());
}

// The date of yyyy-mm-dd or dd/mm/yyyy, in 2000-2100; errors name "date".
Result<Date> ParseDay(const std::string& text) {
    auto d = Date::ParseIso(text);
    if (!d)
        d = Date::ParseVi(text);
    if (!d) {
        return Error::InvalidArgument("date",
                                      "Ngày không hợp lệ: dùng dạng yyyy-mm-dd hoặc dd/mm/yyyy "
                                      "và một ngày có thật.",
                                      "The date is not valid: use yyyy-mm-dd or dd/mm/yyyy, and a "
                                      "day that exists.");
    }
    if (!YearInRange(d->year())) {
        return Error::InvalidArgument("date", "Năm của ngày phải từ 2000 đến 2100.",
                                      "The date's year must be from 2000 to 2100.");
    }
    return *d;
}

std::size_t Chars(std::string_view s) {
    std::size_t n = 0;
    for (char c : s)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

bool IsAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// A name as stored: valid UTF-8, NFC, without spaces at either end or control characters,
// 1 to 200 characters; errors name `field`.
Result<std::string> NormaliseName(const std::string& raw, const std::string& field,
                                  const char* what_vi, const char* what_en) {
    std::string name = text::IsValidUtf8(raw) ? text::Nfc(raw) : "";
    auto begin = std::find_if_not(name.begin(), name.end(), IsAsciiSpace);
    auto end = std::find_if_not(name.rbegin(), name.rend(), IsAsciiSpace).base();
    name = begin < end ? std::string(begin, end) : std::string();
    bool control = std::any_of(name.begin(), name.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7F;
    });
    if (name.empty() || control || Chars(name) > kMaxNameChars) {
        return Error::InvalidArgument(
            field,
            std::string(what_vi) +
                " là bắt buộc, tối đa 200 ký tự, không có ký tự điều khiển (xuống dòng, tab).",
            std::string(what_en) +
                " is required: at most 200 characters, without control characters (line breaks, "
                "tabs).");
    }
    return name;
}

nlohmann::json Describe(const CalendarDay& d) {
    return {{"day", d.day.ToIso()},
            {"kind", DayKindName(d.kind)},
            {"name_vi", d.name_vi},
            {"name_en", d.name_en}};
}

}  // namespace

const char* DayKindName(DayKind kind) {
    switch (kind) {
        case DayKind::kHoliday:
            return "holiday";
        case DayKind::kWorking:
            return "working";
    }
    return "holiday";
}

bool ParseDayKind(std::string_view name, DayKind* kind) {
    if (name == "holiday") {
        *kind = DayKind::kHoliday;
        return true;
    }
    if (name == "working") {
        *kind = DayKind::kWorking;
        return true;
    }
    return false;
}

Result<int> ParseYear(const std::string& text, const std::string& field) {
    if (text.empty() || text.size() > 4 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return BadYear(field);
    }
    int year = std::stoi(text);
    if (!YearInRange(year))
        return BadYear(field);
    return year;
}

std::int64_t CalendarService::CurrentVersion() {
    auto tx = db_.Begin(storage::TxMode::kSingleRead);
    return repo_.Version(*tx);
}

std::shared_ptr<const WorkingCalendar> CalendarService::Calendar() {
    const std::int64_t version = CurrentVersion();
    {
        std::lock_guard lock(mu_);
        if (cached_ && cached_version_ == version)
            return cached_;
    }
    std::lock_guard rebuild(rebuild_mu_);
    {
        // Another thread may have rebuilt it while this one waited.
        std::lock_guard lock(mu_);
        if (cached_ && cached_version_ == version)
            return cached_;
    }
    std::set<Date> holidays;
    std::set<Date> working;
    std::int64_t loaded_version = 0;
    {
        // The days and the counter from one snapshot, so the two always match.
        auto tx = db_.Begin(storage::TxMode::kRead);
        loaded_version = repo_.Version(*tx);
        for (const auto& d : repo_.All(*tx))
            (d.kind == DayKind::kHoliday ? holidays : working).insert(d.day);
    }
    auto built = std::make_shared<const WorkingCalendar>(std::move(holidays), std::move(working));
    std::lock_guard lock(mu_);
    cached_ = built;
    cached_version_ = loaded_version;
    return built;
}

Result<std::vector<CalendarDay>> CalendarService::ListYear(const Actor& actor, int year) {
    (void)actor;  // the calendar is the same for every signed-in user
    if (!YearInRange(year))
        return BadYear("year");
    auto tx = db_.Begin(storage::TxMode::kRead);
    return repo_.ListRange(*tx, *Date::FromYmd(year, 1, 1), *Date::FromYmd(year, 12, 31));
}

Result<CalendarDay> CalendarService::AddDay(const Actor& actor, const std::string& date,
                                            const std::string& kind, const std::string& name_vi,
                                            const std::string& name_en) {
    if (!actor.IsAdmin())
        return AdminOnly();
    std::optional<Error> invalid;
    auto day = ParseDay(date);
    if (!day)
        AddFieldError(invalid, day.error());
    DayKind parsed_kind = DayKind::kHoliday;
    if (!ParseDayKind(kind, &parsed_kind)) {
        AddFieldError(invalid, Error::InvalidArgument(
                                   "kind",
                                   "Loại ngày phải là \"holiday\" (ngày nghỉ) hoặc \"working\" "
                                   "(ngày làm việc bù).",
                                   "The kind of day must be \"holiday\" (a day off) or \"working\" "
                                   "(a worked weekend day)."));
    } else if (day && parsed_kind == DayKind::kWorking && day->IsoWeekday() < 6) {
        AddFieldError(invalid,
                      Error::InvalidArgument("date",
                                             "Ngày làm việc bù phải là thứ Bảy hoặc Chủ nhật: "
                                             "các ngày khác đã là ngày làm việc.",
                                             "A worked day must be a Saturday or a Sunday: the "
                                             "other days are working days already."));
    }
    auto vi = NormaliseName(name_vi, "name_vi", "Tên tiếng Việt", "The Vietnamese name");
    if (!vi)
        AddFieldError(invalid, vi.error());
    auto en = NormaliseName(name_en, "name_en", "Tên tiếng Anh", "The English name");
    if (!en)
        AddFieldError(invalid, en.error());
    if (invalid)
        return *invalid;

    CalendarDay d{CalendarDayId{}, *day, parsed_kind, *vi, *en, audit_.Now()};
    const std::string shown = d.day.ToDisplay();
    Error duplicate{ErrorCode::kConflict,
                    "date",
                    "Ngày " + shown + " đã có trong lịch: xoá ngày đó trước nếu muốn đổi.",
                    "The date " + shown +
                        " is in the calendar already: remove it first to change "
                        "it.",
                    {}};
    duplicate.fields.push_back({"date", duplicate.message_vi, duplicate.message_en});
    try {
        return storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<CalendarDay> {
            if (repo_.Find(tx, d.day))
                return duplicate;
            d.id = repo_.Insert(tx, d);
            repo_.BumpVersion(tx);
            audit_.Record(tx, actor, "create", "calendar_day", d.day.ToIso(), nullptr, Describe(d));
            return d;
        });
    } catch (const storage::ConstraintError& e) {
        // Writers are serialised, so the check above sees every committed day; this is only a
        // second line of defence.
        if (e.kind() != storage::ConstraintError::Kind::kUnique)
            throw;
        return duplicate;
    }
}

Result<void> CalendarService::RemoveDay(const Actor& actor, const std::string& date) {
    if (!actor.IsAdmin())
        return AdminOnly();
    auto day = ParseDay(date);
    if (!day)
        return day.error();
    return storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<void> {
        auto existing = repo_.Find(tx, *day);
        if (!existing || !repo_.Delete(tx, *day)) {
            return Error::NotFound("Ngày " + day->ToDisplay() + " không có trong lịch.",
                                   "The date " + day->ToDisplay() + " is not in the calendar.");
        }
        repo_.BumpVersion(tx);
        audit_.Record(tx, actor, "delete", "calendar_day", day->ToIso(), Describe(*existing),
                      nullptr);
        return Ok();
    });
}

Result<int> CalendarService::PrefillYear(const Actor& actor, int year) {
    if (!actor.IsAdmin())
        return AdminOnly();
    if (!YearInRange(year))
        return BadYear("year");
    std::vector<Holiday> holidays = FixedDateHolidays(year);
    std::string now = audit_.Now();
    return storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<int> {
        nlohmann::json added = nlohmann::json::array();
        for (const auto& h : holidays) {
            if (repo_.Find(tx, h.day))
                continue;
            repo_.Insert(tx, CalendarDay{CalendarDayId{}, h.day, DayKind::kHoliday, h.name_vi,
                                         h.name_en, now});
            added.push_back(h.day.ToIso());
        }
        if (added.empty())
            return 0;
        repo_.BumpVersion(tx);
        audit_.Record(tx, actor, "prefill", "calendar", std::to_string(year), nullptr,
                      {{"year", year}, {"added", added}});
        return static_cast<int>(added.size());
    });
}

int CalendarService::SeedStatutory(int first_year, int last_year) {
    first_year = std::max(first_year, kFirstCalendarYear);
    last_year = std::min(last_year, kLastCalendarYear);
    std::vector<Holiday> holidays;
    for (int year = first_year; year <= last_year; ++year) {
        auto days = StatutoryHolidays(year);
        holidays.insert(holidays.end(), days.begin(), days.end());
    }
    if (holidays.empty())
        return 0;
    std::string now = audit_.Now();
    int added = 0;
    storage::WithWrite(db_, [&](storage::Transaction& tx) {
        std::set<Date> configured;
        for (const auto& d : repo_.ListRange(tx, holidays.front().day, holidays.back().day))
            configured.insert(d.day);
        for (const auto& h : holidays) {
            if (!configured.insert(h.day).second)
                continue;
            repo_.Insert(tx, CalendarDay{CalendarDayId{}, h.day, DayKind::kHoliday, h.name_vi,
                                         h.name_en, now});
            ++added;
        }
        if (added > 0)
            repo_.BumpVersion(tx);
    });
    return added;
}

int SeedStatutoryCalendar(storage::Database& db, const Clock& clock) {
    audit::SqlAuditRepository audit_repo;
    audit::AuditService audit(db, audit_repo, clock);
    SqlCalendarRepository repo;
    CalendarService service(db, repo, audit, clock);
    return service.SeedStatutory(kFirstLunarTableYear, clock.Today().year() + 1);
}

}  // namespace ngoaivu::calendar
