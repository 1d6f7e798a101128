#include "office/icalendar.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include "base/text.hpp"
#include "office/utf8.hpp"

namespace ngoaivu::office {

namespace {

// RFC 5545 §3.1: a content line SHOULD NOT be longer than 75 octets, not counting the CRLF. A
// continuation line starts with one space, which counts.
constexpr std::size_t kMaxLineOctets = 75;

constexpr std::string_view kCrlf = "\r\n";

// Dates are written with a four-digit year (date-fullyear = 4DIGIT).
constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;

// INTEGER values are signed 32-bit (§3.3.8): Outlook refuses a bigger SEQUENCE.
constexpr std::int64_t kMaxSequence = std::numeric_limits<std::int32_t>::max();

constexpr std::int64_t kSecondsPerDay = 86400;

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

char Upper(char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

std::string ToUpper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = Upper(c);
    return out;
}

// The unsigned decimal number made of exactly s.size() digits, or -1.
int Digits(std::string_view s) {
    int n = 0;
    for (char c : s) {
        if (!IsDigit(c))
            return -1;
        n = n * 10 + (c - '0');
    }
    return s.empty() ? -1 : n;
}

bool ValidTime(const TimeOfDay& t, int max_second) {
    return t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 && t.second >= 0 &&
           t.second <= max_second;
}

bool YearInRange(const Date& d) {
    return d.year() >= kMinYear && d.year() <= kMaxYear;
}

std::string FormatDate(const Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year(), d.month(), d.day());
    return buf;
}

std::string FormatTime(const TimeOfDay& t) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d%02d%02d", t.hour, t.minute, t.second);
    return buf;
}

std::int64_t SecondOfDay(const TimeOfDay& t) {
    return t.hour * 3600 + t.minute * 60 + t.second;
}

// ---- Writing ------------------------------------------------------------------------------------

// Appends one content line, folded. A fold never falls inside a UTF-8 sequence: RFC 5545 allows
// it (unfolding restores the bytes) but clients that decode each physical line on its own, and
// some do, would show two broken characters in the middle of a Vietnamese word. The line is valid
// UTF-8 (values go through ToValidUtf8), so backing up over continuation bytes finds a character
// start within three bytes.
void AppendFolded(std::string& out, std::string_view line) {
    std::size_t room = kMaxLineOctets;
    while (line.size() > room) {
        std::size_t cut = room;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80)
            --cut;
        out.append(line.substr(0, cut));
        out.append(kCrlf);
        out += ' ';
        line.remove_prefix(cut);
        room = kMaxLineOctets - 1;
    }
    out.append(line);
    out.append(kCrlf);
}

void AppendText(std::string& out, std::string_view name, std::string_view value) {
    if (value.empty())
        return;
    AppendFolded(out, std::string(name) + ":" + EscapeIcalText(detail::ToValidUtf8(value)));
}

// A URI value is not TEXT: backslashes and commas stay. What a URI cannot hold and a content line
// must not (controls, a raw space) is dropped or percent-encoded, so that a stray newline in a
// stored link cannot end the line and inject properties.
std::string UriValue(std::string_view uri) {
    std::string out;
    for (char c : detail::ToValidUtf8(uri)) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F)
            continue;
        if (c == ' ')
            out += "%20";
        else
            out += c;
    }
    return out;
}

std::string Duration(int minutes) {
    if (minutes % 1440 == 0)
        return "P" + std::to_string(minutes / 1440) + "D";
    if (minutes % 60 == 0)
        return "PT" + std::to_string(minutes / 60) + "H";
    return "PT" + std::to_string(minutes) + "M";
}

// Vietnam has kept UTC+7 without daylight saving since 1975; one STANDARD rule from 1970 covers
// every date. TZNAME follows the tz database, which names the zone "+07".
void AppendVietnamTimezone(std::string& out) {
    const std::string tzid(kVietnamTzid);
    AppendFolded(out, "BEGIN:VTIMEZONE");
    AppendFolded(out, "TZID:" + tzid);
    AppendFolded(out, "X-LIC-LOCATION:" + tzid);
    AppendFolded(out, "BEGIN:STANDARD");
    AppendFolded(out, "TZOFFSETFROM:+0700");
    AppendFolded(out, "TZOFFSETTO:+0700");
    AppendFolded(out, "TZNAME:+07");
    AppendFolded(out, "DTSTART:19700101T000000");
    AppendFolded(out, "END:STANDARD");
    AppendFolded(out, "END:VTIMEZONE");
}

void AppendEvent(std::string& out, const CalendarEvent& e, const std::string& dtstamp) {
    AppendFolded(out, "BEGIN:VEVENT");
    AppendText(out, "UID", e.uid);
    AppendFolded(out, "DTSTAMP:" + dtstamp);
    if (e.all_day) {
        AppendFolded(out, "DTSTART;VALUE=DATE:" + FormatDate(e.start));
        AppendFolded(out, "DTEND;VALUE=DATE:" + FormatDate(e.end_inclusive.AddDays(1)));
    } else {
        const std::string tz = "TZID=" + std::string(kVietnamTzid) + ":";
        AppendFolded(out, "DTSTART;" + tz + FormatDate(e.start) + "T" + FormatTime(*e.start_time));
        AppendFolded(out,
                     "DTEND;" + tz + FormatDate(e.end_inclusive) + "T" + FormatTime(*e.end_time));
    }
    AppendText(out, "SUMMARY", e.summary);
    AppendText(out, "DESCRIPTION", e.description);
    AppendText(out, "LOCATION", e.location);
    if (std::string uri = UriValue(e.url); !uri.empty())
        AppendFolded(out, "URL:" + uri);
    AppendText(out, "CATEGORIES", e.categories);
    if (!e.status.empty())
        AppendFolded(out, "STATUS:" + e.status);
    AppendFolded(out, "SEQUENCE:" + std::to_string(e.sequence));
    if (!e.last_modified_utc.empty())
        AppendFolded(out, "LAST-MODIFIED:" + *ToIcalUtc(e.last_modified_utc));
    AppendFolded(out, "END:VEVENT");
}

Error EventError(const CalendarEvent& e, const std::string& vi, const std::string& en) {
    const std::string who = e.uid.empty() ? "" : " " + detail::ToValidUtf8(e.uid);
    return Error::InvalidArgument("event", "Sự kiện" + who + ": " + vi, "Event" + who + ": " + en);
}

// ---- Reading ------------------------------------------------------------------------------------

Error LineError(int line, const std::string& vi, const std::string& en) {
    return Error::InvalidArgument(
        "file", "Tệp lịch (iCalendar) hỏng ở dòng " + std::to_string(line) + ": " + vi,
        "The calendar (iCalendar) file is broken at line " + std::to_string(line) + ": " + en);
}

// A logical line: physical lines unfolded, with the number of the first.
struct Line {
    std::string text;
    int number = 0;
};

// Splits at LF (a CR before it is dropped: RFC 5545 wants CRLF, files edited by hand have bare
// LF) and joins each line that starts with a space or a tab to the one before.
Result<std::vector<Line>> Unfold(std::string_view ics) {
    std::vector<Line> lines;
    int number = 0;
    while (!ics.empty()) {
        ++number;
        const std::size_t lf = ics.find('\n');
        std::string_view physical = ics.substr(0, lf);
        ics.remove_prefix(lf == std::string_view::npos ? ics.size() : lf + 1);
        if (!physical.empty() && physical.back() == '\r')
            physical.remove_suffix(1);
        if (physical.empty())
            continue;  // not allowed, but harmless: many feeds end with a blank line
        if (physical[0] == ' ' || physical[0] == '\t') {
            if (lines.empty()) {
                return LineError(number,
                                 "dòng tiếp nối (bắt đầu bằng dấu cách) không có dòng trước.",
                                 "a continuation line (starting with a space) follows no line.");
            }
            lines.back().text.append(physical.substr(1));
            continue;
        }
        lines.push_back({std::string(physical), number});
    }
    return lines;
}

bool IsNameChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || IsDigit(c) || c == '-';
}

// Reads NAME *(";" param) ":" value. Parameter values may be quoted (then they may hold ; : ,);
// a list of values is kept joined by commas, each unquoted.
Result<CalendarProperty> ReadProperty(const Line& line) {
    const std::string_view s = line.text;
    CalendarProperty p;
    p.line = line.number;
    std::size_t i = 0;
    while (i < s.size() && IsNameChar(s[i]))
        ++i;
    if (i == 0) {
        return LineError(line.number, "dòng không bắt đầu bằng tên thuộc tính.",
                         "the line does not start with a property name.");
    }
    p.name = ToUpper(s.substr(0, i));
    const auto no_colon = [&] {
        return LineError(line.number, "thuộc tính " + p.name + " thiếu dấu hai chấm (:).",
                         "property " + p.name + " has no colon (:).");
    };
    while (i < s.size() && s[i] == ';') {
        const std::size_t name_start = ++i;
        while (i < s.size() && IsNameChar(s[i]))
            ++i;
        if (i == name_start || i >= s.size() || s[i] != '=') {
            return LineError(line.number, "tham số của thuộc tính " + p.name + " sai cú pháp.",
                             "a parameter of property " + p.name + " is malformed.");
        }
        std::string param_name = ToUpper(s.substr(name_start, i - name_start));
        std::string value;
        do {
            ++i;  // the '=' or the ','
            if (i < s.size() && s[i] == '"') {
                const std::size_t close = s.find('"', i + 1);
                if (close == std::string_view::npos) {
                    return LineError(line.number,
                                     "tham số " + param_name + " mở ngoặc kép mà không đóng.",
                                     "parameter " + param_name + " has an unclosed quote.");
                }
                value.append(s.substr(i + 1, close - i - 1));
                i = close + 1;
            } else {
                const std::size_t start = i;
                while (i < s.size() && s[i] != ';' && s[i] != ':' && s[i] != ',' && s[i] != '"')
                    ++i;
                value.append(s.substr(start, i - start));
            }
            if (i < s.size() && s[i] == ',')
                value += ',';
        } while (i < s.size() && s[i] == ',');
        p.params.emplace_back(std::move(param_name), std::move(value));
    }
    if (i >= s.size() || s[i] != ':')
        return no_colon();
    p.value = std::string(s.substr(i + 1));
    return p;
}

// At most the first 40 bytes of valid UTF-8 `s`, cut between characters: error messages end up in
// JSON, which refuses a broken character.
std::string Excerpt(std::string_view s) {
    std::size_t n = std::min<std::size_t>(s.size(), 40);
    while (n < s.size() && n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
        --n;
    return std::string(s.substr(0, n));
}

// "YYYYMMDD", "YYYYMMDDTHHMMSS" or "YYYYMMDDTHHMMSSZ", as the VALUE parameter allows.
Result<CalendarDateTime> ReadDateTime(const CalendarProperty& p) {
    const auto bad = [&] {
        return LineError(p.line,
                         p.name + " có ngày giờ không hợp lệ: \"" + Excerpt(p.value) + "\".",
                         p.name + " has an invalid date or time: \"" + Excerpt(p.value) + "\".");
    };
    CalendarDateTime dt;
    const std::string_view v = p.value;
    const std::string* kind = p.Param("VALUE");
    const bool want_date = kind != nullptr && ToUpper(*kind) == "DATE";
    if (kind != nullptr && !want_date && ToUpper(*kind) != "DATE-TIME")
        return bad();
    if (v.size() < 8)
        return bad();
    auto date =
        Date::FromYmd(Digits(v.substr(0, 4)), Digits(v.substr(4, 2)), Digits(v.substr(6, 2)));
    if (!date || Digits(v.substr(0, 8)) < 0)
        return bad();
    dt.date = *date;
    if (v.size() == 8) {
        if (kind != nullptr && !want_date)
            return bad();  // VALUE=DATE-TIME with a bare date
        return dt;
    }
    if (want_date || (v.size() != 15 && v.size() != 16) || v[8] != 'T')
        return bad();
    if (v.size() == 16) {
        if (v[15] != 'Z')
            return bad();
        dt.utc = true;
    }
    TimeOfDay t{Digits(v.substr(9, 2)), Digits(v.substr(11, 2)), Digits(v.substr(13, 2))};
    if (!ValidTime(t, 60))
        return bad();
    dt.time = t;
    if (const std::string* tzid = p.Param("TZID"))
        dt.tzid = *tzid;
    return dt;
}

// A DURATION (§3.3.6) in seconds: ["+"/"-"] "P" (n "W" / [n "D"] ["T" [n "H"] [n "M"] [n "S"]]).
std::optional<std::int64_t> ReadDuration(std::string_view v) {
    std::int64_t sign = 1;
    if (!v.empty() && (v[0] == '+' || v[0] == '-')) {
        sign = v[0] == '-' ? -1 : 1;
        v.remove_prefix(1);
    }
    if (v.empty() || v[0] != 'P')
        return std::nullopt;
    v.remove_prefix(1);
    std::int64_t total = 0;
    bool in_time = false;
    bool any = false;
    while (!v.empty()) {
        if (v[0] == 'T' && !in_time) {
            in_time = true;
            v.remove_prefix(1);
            continue;
        }
        std::int64_t n = 0;
        auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (ec != std::errc() || end == v.data() || end == v.data() + v.size() || n > 1000000)
            return std::nullopt;
        const char unit = *end;
        v.remove_prefix(static_cast<std::size_t>(end - v.data()) + 1);
        if (!in_time && unit == 'W')
            total += n * 7 * kSecondsPerDay;
        else if (!in_time && unit == 'D')
            total += n * kSecondsPerDay;
        else if (in_time && unit == 'H')
            total += n * 3600;
        else if (in_time && unit == 'M')
            total += n * 60;
        else if (in_time && unit == 'S')
            total += n;
        else
            return std::nullopt;
        any = true;
    }
    if (!any)
        return std::nullopt;
    return sign * total;
}

// Splits a TEXT list at the commas that are not escaped, unescaping each item.
std::vector<std::string> SplitTextList(std::string_view raw) {
    std::vector<std::string> items;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= raw.size(); ++i) {
        if (i < raw.size() && raw[i] == '\\') {
            ++i;  // skip the escaped character
            continue;
        }
        if (i == raw.size() || raw[i] == ',') {
            if (i > start)
                items.push_back(UnescapeIcalText(raw.substr(start, i - start)));
            start = i + 1;
        }
    }
    return items;
}

// Turns the properties gathered between BEGIN:VEVENT (at line `begin`) and END:VEVENT into an
// event, checking what a calendar client needs to show it.
Result<ParsedEvent> BuildEvent(std::vector<CalendarProperty> properties, int begin) {
    ParsedEvent e;
    const CalendarProperty* dtstart = nullptr;
    const CalendarProperty* dtend = nullptr;
    const CalendarProperty* duration = nullptr;
    bool has_uid = false;
    for (const auto& p : properties) {
        if (p.name == "UID" && !has_uid) {
            e.uid = UnescapeIcalText(p.value);
            has_uid = true;
        } else if (p.name == "SUMMARY") {
            e.summary = UnescapeIcalText(p.value);
        } else if (p.name == "DESCRIPTION") {
            e.description = UnescapeIcalText(p.value);
        } else if (p.name == "LOCATION") {
            e.location = UnescapeIcalText(p.value);
        } else if (p.name == "URL") {
            e.url = p.value;
        } else if (p.name == "STATUS") {
            e.status = ToUpper(p.value);
        } else if (p.name == "CATEGORIES") {
            for (auto& c : SplitTextList(p.value))
                e.categories.push_back(std::move(c));
        } else if (p.name == "SEQUENCE") {
            const char* first = p.value.data();
            const char* last = first + p.value.size();
            auto [end, ec] = std::from_chars(first, last, e.sequence);
            if (ec != std::errc() || end != last || e.sequence < 0) {
                return LineError(p.line, "SEQUENCE phải là số nguyên không âm.",
                                 "SEQUENCE must be a non-negative integer.");
            }
        } else if (p.name == "DTSTAMP") {
            e.dtstamp = p.value;
        } else if (p.name == "LAST-MODIFIED") {
            e.last_modified = p.value;
        } else if (p.name == "DTSTART") {
            dtstart = &p;
        } else if (p.name == "DTEND") {
            dtend = &p;
        } else if (p.name == "DURATION") {
            duration = &p;
        }
    }
    if (!has_uid || e.uid.empty()) {
        return LineError(begin, "sự kiện (VEVENT) thiếu UID.", "the event (VEVENT) has no UID.");
    }
    if (dtstart == nullptr) {
        return LineError(begin, "sự kiện " + e.uid + " thiếu DTSTART.",
                         "event " + e.uid + " has no DTSTART.");
    }
    auto start = ReadDateTime(*dtstart);
    if (!start)
        return start.error();
    e.start = std::move(start).value();
    e.all_day = !e.start.time.has_value();
    if (dtend != nullptr && duration != nullptr) {
        return LineError(duration->line, "sự kiện có cả DTEND lẫn DURATION.",
                         "the event has both DTEND and DURATION.");
    }
    if (dtend != nullptr) {
        auto end = ReadDateTime(*dtend);
        if (!end)
            return end.error();
        if (end->time.has_value() != e.start.time.has_value()) {
            return LineError(dtend->line,
                             "DTEND và DTSTART phải cùng là ngày, hoặc cùng là ngày giờ.",
                             "DTEND and DTSTART must both be dates or both be date-times.");
        }
        e.end = std::move(end).value();
    } else if (duration != nullptr) {
        const auto seconds = ReadDuration(duration->value);
        if (!seconds || *seconds < 0 || (e.all_day && *seconds % kSecondsPerDay != 0)) {
            return LineError(duration->line, "DURATION không hợp lệ.", "DURATION is invalid.");
        }
        CalendarDateTime end = e.start;
        if (e.all_day) {
            end.date = e.start.date.AddDays(static_cast<long>(*seconds / kSecondsPerDay));
        } else {
            const std::int64_t at = SecondOfDay(*e.start.time) + *seconds;
            end.date = e.start.date.AddDays(static_cast<long>(at / kSecondsPerDay));
            const auto rest = static_cast<int>(at % kSecondsPerDay);
            end.time = TimeOfDay{rest / 3600, rest / 60 % 60, rest % 60};
        }
        e.end = end;
    }
    if (e.end) {
        // Only comparable when both are in the same frame (same zone, or both UTC).
        const bool comparable = e.end->utc == e.start.utc && e.end->tzid == e.start.tzid;
        const auto key = [](const CalendarDateTime& dt) {
            return std::pair(dt.date, dt.time.value_or(TimeOfDay{}));
        };
        if (comparable && key(*e.end) < key(e.start)) {
            const int line = dtend != nullptr ? dtend->line : duration->line;
            return LineError(line, "sự kiện " + e.uid + " kết thúc trước khi bắt đầu.",
                             "event " + e.uid + " ends before it starts.");
        }
    }
    if (e.all_day) {
        // DTEND is exclusive; some writers put DTEND = DTSTART for a one-day event.
        e.end_inclusive =
            e.end && e.end->date > e.start.date ? e.end->date.AddDays(-1) : e.start.date;
    } else {
        e.end_inclusive = e.end ? e.end->date : e.start.date;
    }
    e.properties = std::move(properties);
    return e;
}

}  // namespace

// ---- Public: writing ----------------------------------------------------------------------------

Result<void> CheckCalendarEvent(const CalendarEvent& e) {
    if (e.uid.empty())
        return EventError(e, "thiếu UID.", "the UID is missing.");
    if (!YearInRange(e.start) || !YearInRange(e.end_inclusive) ||
        (e.all_day && !YearInRange(e.end_inclusive.AddDays(1)))) {
        return EventError(e, "năm phải nằm trong khoảng 1–9999.",
                          "the year must be between 1 and 9999.");
    }
    if (e.all_day) {
        if (e.end_inclusive < e.start) {
            return EventError(e, "ngày kết thúc trước ngày bắt đầu.",
                              "the end date is before the start date.");
        }
    } else {
        if (!e.start_time || !e.end_time) {
            return EventError(e, "sự kiện có giờ cần cả giờ bắt đầu lẫn giờ kết thúc.",
                              "a timed event needs both a start time and an end time.");
        }
        if (!ValidTime(*e.start_time, 59) || !ValidTime(*e.end_time, 59)) {
            return EventError(e, "giờ không hợp lệ.", "a time is invalid.");
        }
        if (std::pair(e.end_inclusive, *e.end_time) < std::pair(e.start, *e.start_time)) {
            return EventError(e, "kết thúc trước khi bắt đầu.", "it ends before it starts.");
        }
    }
    if (!e.status.empty() && e.status != "CONFIRMED" && e.status != "TENTATIVE" &&
        e.status != "CANCELLED") {
        return EventError(e, "trạng thái phải là CONFIRMED, TENTATIVE hoặc CANCELLED.",
                          "the status must be CONFIRMED, TENTATIVE or CANCELLED.");
    }
    if (e.sequence < 0 || e.sequence > kMaxSequence) {
        return EventError(e, "SEQUENCE phải nằm trong khoảng 0–2147483647.",
                          "SEQUENCE must be between 0 and 2147483647.");
    }
    if (!e.last_modified_utc.empty() && !ToIcalUtc(e.last_modified_utc)) {
        return EventError(e, "thời điểm sửa cuối không phải giờ UTC hợp lệ.",
                          "the last-modified time is not a valid UTC time.");
    }
    return Ok();
}

std::string WriteCalendar(const CalendarMeta& meta, const std::vector<CalendarEvent>& events,
                          std::string_view dtstamp_utc) {
    const auto dtstamp = ToIcalUtc(dtstamp_utc);
    if (!dtstamp)
        throw std::invalid_argument("WriteCalendar: dtstamp_utc is not a UTC time");
    if (meta.refresh_minutes < 1)
        throw std::invalid_argument("WriteCalendar: refresh_minutes must be at least 1");
    bool any_timed = false;
    for (const auto& e : events) {
        if (auto ok = CheckCalendarEvent(e); !ok)
            throw std::invalid_argument("WriteCalendar: " + ok.error().message_en);
        any_timed = any_timed || !e.all_day;
    }

    std::string out;
    AppendFolded(out, "BEGIN:VCALENDAR");
    AppendFolded(out, "VERSION:2.0");
    AppendText(out, "PRODID", meta.product_id);
    AppendFolded(out, "CALSCALE:GREGORIAN");
    AppendFolded(out, "METHOD:PUBLISH");
    AppendText(out, "X-WR-CALNAME", meta.name);
    AppendText(out, "X-WR-CALDESC", meta.description);
    AppendFolded(out, "X-WR-TIMEZONE:" + std::string(kVietnamTzid));
    const std::string refresh = Duration(meta.refresh_minutes);
    AppendFolded(out, "REFRESH-INTERVAL;VALUE=DURATION:" + refresh);
    AppendFolded(out, "X-PUBLISHED-TTL:" + refresh);
    if (any_timed)
        AppendVietnamTimezone(out);
    for (const auto& e : events)
        AppendEvent(out, e, *dtstamp);
    AppendFolded(out, "END:VCALENDAR");
    return out;
}

std::string FormatIcalUtc(std::chrono::system_clock::time_point t) {
    const std::int64_t secs =
        std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
    std::int64_t days = secs / kSecondsPerDay;
    std::int64_t rest = secs % kSecondsPerDay;
    if (rest < 0) {  // floor, for moments before 1970
        rest += kSecondsPerDay;
        --days;
    }
    const auto sod = static_cast<int>(rest);
    return FormatDate(Date::FromDays(static_cast<long>(days))) + "T" +
           FormatTime({sod / 3600, sod / 60 % 60, sod % 60}) + "Z";
}

std::optional<std::string> ToIcalUtc(std::string_view s) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    if (s.size() == 16 && s[8] == 'T' && s[15] == 'Z') {
        y = Digits(s.substr(0, 4));
        mo = Digits(s.substr(4, 2));
        d = Digits(s.substr(6, 2));
        h = Digits(s.substr(9, 2));
        mi = Digits(s.substr(11, 2));
        se = Digits(s.substr(13, 2));
    } else {
        // YYYY-MM-DD?HH:MM:SS[.fff][Z|+00:00]
        if (s.size() < 20 || s[4] != '-' || s[7] != '-' || s[13] != ':' || s[16] != ':' ||
            (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) {
            return std::nullopt;
        }
        y = Digits(s.substr(0, 4));
        mo = Digits(s.substr(5, 2));
        d = Digits(s.substr(8, 2));
        h = Digits(s.substr(11, 2));
        mi = Digits(s.substr(14, 2));
        se = Digits(s.substr(17, 2));
        std::string_view zone = s.substr(19);
        if (zone[0] == '.') {
            std::size_t i = 1;
            while (i < zone.size() && IsDigit(zone[i]))
                ++i;
            if (i == 1)
                return std::nullopt;
            zone.remove_prefix(i);
        }
        if (zone != "Z" && zone != "z" && zone != "+00:00")
            return std::nullopt;
    }
    const auto date = Date::FromYmd(y, mo, d);
    if (!date || !YearInRange(*date) || !ValidTime({h, mi, se}, 59))
        return std::nullopt;
    return FormatDate(*date) + "T" + FormatTime({h, mi, se}) + "Z";
}

std::string EscapeIcalText(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case ';':
                out += "\\;";
                break;
            case ',':
                out += "\\,";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\n";
                if (i + 1 < text.size() && text[i + 1] == '\n')
                    ++i;
                break;
            default:
                if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F)
                    break;  // TSAFE-CHAR excludes controls other than HTAB
                out += c;
        }
    }
    return out;
}

std::string UnescapeIcalText(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out += text[i];
            continue;
        }
        const char next = text[i + 1];
        if (next == 'n' || next == 'N') {
            out += '\n';
        } else if (next == '\\' || next == ';' || next == ',') {
            out += next;
        } else {
            out += '\\';  // not an escape: keep the backslash and read `next` as itself
            continue;
        }
        ++i;
    }
    return out;
}

// ---- Public: reading ----------------------------------------------------------------------------

const std::string* CalendarProperty::Param(std::string_view param_name) const {
    for (const auto& [n, v] : params) {
        if (n == param_name)
            return &v;
    }
    return nullptr;
}

const std::string* ParsedCalendar::Property(std::string_view name) const {
    for (const auto& p : properties) {
        if (p.name == name)
            return &p.value;
    }
    return nullptr;
}

Result<ParsedCalendar> ParseCalendar(std::string_view ics) {
    if (ics.substr(0, 3) == "\xEF\xBB\xBF")
        ics.remove_prefix(3);  // a byte-order mark, left by some Windows editors
    auto lines = Unfold(ics);
    if (!lines)
        return lines.error();
    if (lines->empty()) {
        return Error::InvalidArgument("file", "Tệp lịch (iCalendar) rỗng.",
                                      "The calendar (iCalendar) file is empty.");
    }

    struct Open {
        std::string name;
        int line;
    };
    std::vector<Open> stack;
    ParsedCalendar calendar;
    std::vector<CalendarProperty> event_properties;
    int event_line = 0;
    bool done = false;

    for (const Line& line : *lines) {
        // Checked after unfolding: a writer that folded inside a character is only wrong per
        // line, the content is fine.
        if (!text::IsValidUtf8(line.text)) {
            return LineError(line.number, "nội dung không phải UTF-8.",
                             "the content is not UTF-8.");
        }
        if (done) {
            return LineError(line.number, "có nội dung sau END:VCALENDAR.",
                             "there is content after END:VCALENDAR.");
        }
        auto property = ReadProperty(line);
        if (!property)
            return property.error();
        CalendarProperty& p = *property;
        if (stack.empty() && !(p.name == "BEGIN" && ToUpper(p.value) == "VCALENDAR")) {
            return LineError(line.number, "tệp phải bắt đầu bằng BEGIN:VCALENDAR.",
                             "the file must start with BEGIN:VCALENDAR.");
        }
        if (p.name == "BEGIN") {
            std::string component = ToUpper(p.value);
            if (component.empty() || !std::all_of(component.begin(), component.end(), IsNameChar)) {
                return LineError(line.number, "BEGIN không có tên thành phần hợp lệ.",
                                 "BEGIN has no valid component name.");
            }
            if (component == "VCALENDAR" && !stack.empty()) {
                return LineError(line.number, "VCALENDAR lồng trong thành phần khác.",
                                 "a VCALENDAR is nested in another component.");
            }
            if (component == "VEVENT") {
                if (stack.size() != 1) {
                    return LineError(line.number, "VEVENT phải nằm ngay trong VCALENDAR.",
                                     "a VEVENT must be directly inside the VCALENDAR.");
                }
                event_properties.clear();
                event_line = line.number;
            }
            stack.push_back({std::move(component), line.number});
            continue;
        }
        if (p.name == "END") {
            const std::string component = ToUpper(p.value);
            if (component != stack.back().name) {
                return LineError(line.number,
                                 "END:" + component + " không khớp BEGIN:" + stack.back().name +
                                     " ở dòng " + std::to_string(stack.back().line) + ".",
                                 "END:" + component + " does not match BEGIN:" + stack.back().name +
                                     " at line " + std::to_string(stack.back().line) + ".");
            }
            stack.pop_back();
            if (component == "VEVENT") {
                auto event = BuildEvent(std::move(event_properties), event_line);
                if (!event)
                    return event.error();
                calendar.events.push_back(std::move(event).value());
                event_properties = {};
            } else if (stack.empty()) {
                done = true;
            }
            continue;
        }
        if (stack.size() == 1) {
            calendar.properties.push_back(std::move(p));
        } else if (stack.size() == 2 && stack.back().name == "VEVENT") {
            event_properties.push_back(std::move(p));
        } else if (stack.size() == 2 && stack.back().name == "VTIMEZONE" && p.name == "TZID") {
            calendar.timezones.push_back(p.value);
        }
        // Properties of other components (VALARM, STANDARD, VTODO ...) are not needed.
    }
    if (!stack.empty()) {
        return LineError(lines->back().number,
                         "thiếu END:" + stack.back().name + " cho BEGIN:" + stack.back().name +
                             " ở dòng " + std::to_string(stack.back().line) + ".",
                         "END:" + stack.back().name + " is missing for BEGIN:" + stack.back().name +
                             " at line " + std::to_string(stack.back().line) + ".");
    }
    return calendar;
}

}  // namespace ngoaivu::office
