#include "office/icalendar.hpp"

#include <initializer_list>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/text.hpp"

namespace ngoaivu::office {
namespace {

Date D(int y, int m, int d) {
    return *Date::FromYmd(y, m, d);
}

constexpr std::string_view kStamp = "2026-11-23T10:00:00Z";

CalendarMeta Meta() {
    CalendarMeta meta;
    meta.name = "Lịch đoàn ra – đoàn vào";
    return meta;
}

CalendarEvent AllDay(std::string uid, Date start, Date end_inclusive) {
    CalendarEvent e;
    e.uid = std::move(uid);
    e.summary = "Đoàn công tác";
    e.start = start;
    e.end_inclusive = end_inclusive;
    return e;
}

CalendarEvent Timed(std::string uid, Date day, TimeOfDay from, TimeOfDay to) {
    CalendarEvent e = AllDay(std::move(uid), day, day);
    e.all_day = false;
    e.start_time = from;
    e.end_time = to;
    return e;
}

ParsedCalendar MustParse(std::string_view ics) {
    auto parsed = ParseCalendar(ics);
    if (!parsed) {
        ADD_FAILURE() << parsed.error().message_en;
        return {};
    }
    return std::move(parsed).value();
}

// The physical lines of a feed, without their CRLF. Fails when a line ends otherwise.
std::vector<std::string> PhysicalLines(const std::string& ics) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < ics.size()) {
        const std::size_t crlf = ics.find("\r\n", start);
        if (crlf == std::string::npos) {
            ADD_FAILURE() << "the feed does not end with CRLF";
            break;
        }
        std::string line = ics.substr(start, crlf - start);
        EXPECT_EQ(line.find_first_of("\r\n"), std::string::npos) << "bare CR or LF in: " << line;
        lines.push_back(std::move(line));
        start = crlf + 2;
    }
    return lines;
}

bool HasLine(const std::string& ics, std::string_view line) {
    return ics.find("\r\n" + std::string(line) + "\r\n") != std::string::npos;
}

// A feed built from logical lines, CRLF-terminated.
std::string Ics(std::initializer_list<std::string_view> lines) {
    std::string out;
    for (auto line : lines) {
        out.append(line);
        out += "\r\n";
    }
    return out;
}

// Expects ParseCalendar to refuse `ics`, naming line `line` in both languages.
void ExpectRefusedAt(const std::string& ics, int line, std::string_view en_part) {
    auto parsed = ParseCalendar(ics);
    ASSERT_FALSE(parsed.ok()) << ics;
    const Error& e = parsed.error();
    EXPECT_EQ(e.code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(e.field, "file");
    EXPECT_NE(e.message_vi.find("dòng " + std::to_string(line) + ":"), std::string::npos)
        << e.message_vi;
    EXPECT_NE(e.message_en.find("line " + std::to_string(line) + ":"), std::string::npos)
        << e.message_en;
    EXPECT_NE(e.message_en.find(en_part), std::string::npos) << e.message_en;
}

// ---- Writing ------------------------------------------------------------------------------------

TEST(ICalendarWriteTest, CalendarHeaderForSubscribers) {
    const std::string ics =
        WriteCalendar(Meta(), {AllDay("d-1@ngoaivu", D(2026, 11, 23), D(2026, 11, 23))}, kStamp);
    EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0u);
    EXPECT_TRUE(HasLine(ics, "PRODID:-//Ngoaivu//Ngoaivu Calendar 1.0//VI"));
    EXPECT_TRUE(HasLine(ics, "CALSCALE:GREGORIAN"));
    EXPECT_TRUE(HasLine(ics, "METHOD:PUBLISH"));
    EXPECT_TRUE(HasLine(ics, "X-WR-CALNAME:Lịch đoàn ra – đoàn vào"));
    EXPECT_TRUE(HasLine(ics, "X-WR-TIMEZONE:Asia/Ho_Chi_Minh"));
    EXPECT_TRUE(HasLine(ics, "REFRESH-INTERVAL;VALUE=DURATION:PT1H"));
    EXPECT_TRUE(HasLine(ics, "X-PUBLISHED-TTL:PT1H"));
    EXPECT_TRUE(HasLine(ics, "UID:d-1@ngoaivu"));
    EXPECT_TRUE(HasLine(ics, "DTSTAMP:20261123T100000Z"));
    EXPECT_TRUE(HasLine(ics, "SEQUENCE:0"));
    EXPECT_EQ(ics.find("VTIMEZONE"), std::string::npos) << "no timed event, no time zone";
    EXPECT_EQ(ics.substr(ics.size() - 15), "END:VCALENDAR\r\n");
    PhysicalLines(ics);

    const ParsedCalendar cal = MustParse(ics);
    ASSERT_NE(cal.Property("X-WR-CALNAME"), nullptr);
    EXPECT_EQ(UnescapeIcalText(*cal.Property("X-WR-CALNAME")), "Lịch đoàn ra – đoàn vào");
    ASSERT_NE(cal.Property("VERSION"), nullptr);
    EXPECT_EQ(*cal.Property("VERSION"), "2.0");
    ASSERT_EQ(cal.events.size(), 1u);
    EXPECT_EQ(cal.events[0].uid, "d-1@ngoaivu");
}

TEST(ICalendarWriteTest, RefreshIntervalFollowsMeta) {
    CalendarMeta meta = Meta();
    meta.refresh_minutes = 30;
    EXPECT_TRUE(HasLine(WriteCalendar(meta, {}, kStamp), "X-PUBLISHED-TTL:PT30M"));
    meta.refresh_minutes = 1440;
    EXPECT_TRUE(HasLine(WriteCalendar(meta, {}, kStamp), "REFRESH-INTERVAL;VALUE=DURATION:P1D"));
    meta.refresh_minutes = 0;
    EXPECT_THROW(WriteCalendar(meta, {}, kStamp), std::invalid_argument);
}

TEST(ICalendarWriteTest, VietnameseTextRoundTrips) {
    CalendarEvent e = AllDay("doan-ra-42@ngoaivu.gov.vn", D(2026, 11, 23), D(2026, 11, 27));
    e.summary = "Đoàn Sở Ngoại vụ thăm Nhật Bản, Hàn Quốc; ký kết hợp tác";
    e.description =
        "Trưởng đoàn: Nguyễn Thị Ánh Tuyết\nThành viên: Trần Văn Đức, Lê Hoàng Yến;\r\n"
        "Hồ sơ: \\\\máy-chủ\\tài liệu\\2026\nGhi chú: ưu tiên \"khẩn\" – đã duyệt";
    e.location = "Tokyo, Nhật Bản; Seoul, Hàn Quốc";
    e.categories = "Đoàn ra, cấp tỉnh";
    e.url = "https://ngoaivu.example.vn/doan-ra/42?tab=lich,chi-tiet";
    e.status = "TENTATIVE";
    e.sequence = 7;
    e.last_modified_utc = "2026-11-20T08:15:30.250Z";

    const std::string ics = WriteCalendar(Meta(), {e}, kStamp);
    const ParsedCalendar cal = MustParse(ics);
    ASSERT_EQ(cal.events.size(), 1u);
    const ParsedEvent& p = cal.events[0];
    EXPECT_EQ(p.uid, e.uid);
    EXPECT_EQ(p.summary, e.summary);
    // CR LF is written as a newline, so it reads back as one.
    EXPECT_EQ(p.description,
              "Trưởng đoàn: Nguyễn Thị Ánh Tuyết\nThành viên: Trần Văn Đức, Lê Hoàng Yến;\n"
              "Hồ sơ: \\\\máy-chủ\\tài liệu\\2026\nGhi chú: ưu tiên \"khẩn\" – đã duyệt");
    EXPECT_EQ(p.location, e.location);
    EXPECT_EQ(p.categories, std::vector<std::string>{"Đoàn ra, cấp tỉnh"});
    EXPECT_EQ(p.url, e.url);
    EXPECT_EQ(p.status, "TENTATIVE");
    EXPECT_EQ(p.sequence, 7);
    EXPECT_EQ(p.dtstamp, "20261123T100000Z");
    EXPECT_EQ(p.last_modified, "20261120T081530Z");
    EXPECT_TRUE(p.all_day);
    EXPECT_EQ(p.start.date, D(2026, 11, 23));
    EXPECT_EQ(p.end_inclusive, D(2026, 11, 27));

    // The escapes are on the wire (looked for once the lines are unfolded).
    std::string unfolded = ics;
    std::size_t at = 0;
    while ((at = unfolded.find("\r\n ", at)) != std::string::npos)
        unfolded.erase(at, 3);
    EXPECT_NE(unfolded.find("Hàn Quốc\\; ký kết"), std::string::npos) << unfolded;
    EXPECT_NE(unfolded.find("Nhật Bản\\, Hàn Quốc"), std::string::npos) << unfolded;
    EXPECT_NE(unfolded.find("Hồ sơ: \\\\\\\\máy-chủ\\\\tài liệu"), std::string::npos) << unfolded;
}

TEST(ICalendarWriteTest, FoldsAt75OctetsWithoutCuttingACharacter) {
    // Two-, three- and four-byte characters; the prefix shifts where each fold falls, so every
    // position inside a multi-byte sequence is met.
    const std::string body =
        "Đoàn đại biểu Ủy ban nhân dân tỉnh Thừa Thiên Huế ✈ 🇻🇳 dự Hội nghị hợp tác địa "
        "phương Việt Nam – Lào – Campuchia lần thứ mười hai, tổ chức tại thành phố Luông "
        "Pha-băng; nghiên cứu mô hình phát triển du lịch bền vững, ẩm thực, văn hóa.";
    for (int shift = 0; shift < 8; ++shift) {
        CalendarEvent e = AllDay("fold-" + std::to_string(shift), D(2026, 1, 5), D(2026, 1, 5));
        e.summary = std::string(static_cast<std::size_t>(shift), 'x') + body;
        e.description = body + "\n" + body;
        e.location = "Ở " + body;
        const std::string ics = WriteCalendar(Meta(), {e}, kStamp);
        const std::vector<std::string> lines = PhysicalLines(ics);
        int continuations = 0;
        for (const auto& line : lines) {
            EXPECT_LE(line.size(), 75u) << line;
            EXPECT_TRUE(text::IsValidUtf8(line)) << "shift " << shift << ": " << line;
            continuations += !line.empty() && line[0] == ' ';
        }
        EXPECT_GT(continuations, 10);
        const ParsedCalendar cal = MustParse(ics);
        ASSERT_EQ(cal.events.size(), 1u);
        EXPECT_EQ(cal.events[0].summary, e.summary);
        EXPECT_EQ(cal.events[0].description, e.description);
        EXPECT_EQ(cal.events[0].location, e.location);
    }
}

TEST(ICalendarWriteTest, InvalidUtf8AndControlsNeverReachTheWire) {
    CalendarEvent e = AllDay("bad-bytes", D(2026, 3, 1), D(2026, 3, 1));
    e.summary = std::string("Hà Nội \xC3 \xFF\x01\x7F") + "\tcuối";
    e.url = "https://example.vn/a b\r\nX-INJECTED:1";
    const std::string ics = WriteCalendar(Meta(), {e}, kStamp);
    for (const auto& line : PhysicalLines(ics))
        EXPECT_TRUE(text::IsValidUtf8(line)) << line;
    EXPECT_FALSE(HasLine(ics, "X-INJECTED:1"));
    EXPECT_TRUE(HasLine(ics, "URL:https://example.vn/a%20bX-INJECTED:1"));
    const ParsedCalendar cal = MustParse(ics);
    ASSERT_EQ(cal.events.size(), 1u);
    EXPECT_EQ(cal.events[0].summary, "Hà Nội \xEF\xBF\xBD \xEF\xBF\xBD\tcuối");
}

TEST(ICalendarWriteTest, AllDayEndIsExclusive) {
    const std::string ics = WriteCalendar(Meta(),
                                          {AllDay("one-day", D(2026, 11, 23), D(2026, 11, 23)),
                                           AllDay("three-days", D(2026, 11, 23), D(2026, 11, 25)),
                                           AllDay("new-year", D(2026, 12, 30), D(2026, 12, 31)),
                                           AllDay("leap", D(2028, 2, 28), D(2028, 2, 29))},
                                          kStamp);
    EXPECT_TRUE(HasLine(ics, "DTSTART;VALUE=DATE:20261123"));
    EXPECT_TRUE(HasLine(ics, "DTEND;VALUE=DATE:20261124"));
    EXPECT_TRUE(HasLine(ics, "DTEND;VALUE=DATE:20261126"));
    EXPECT_TRUE(HasLine(ics, "DTEND;VALUE=DATE:20270101"));
    EXPECT_TRUE(HasLine(ics, "DTEND;VALUE=DATE:20280301"));

    const ParsedCalendar cal = MustParse(ics);
    ASSERT_EQ(cal.events.size(), 4u);
    for (const auto& p : cal.events) {
        EXPECT_TRUE(p.all_day);
        EXPECT_FALSE(p.start.time.has_value());
        ASSERT_TRUE(p.end.has_value());
        EXPECT_EQ(p.end->date, p.end_inclusive.AddDays(1));
    }
    EXPECT_EQ(cal.events[0].end_inclusive, D(2026, 11, 23));
    EXPECT_EQ(cal.events[1].end_inclusive, D(2026, 11, 25));
    EXPECT_EQ(cal.events[2].end_inclusive, D(2026, 12, 31));
    EXPECT_EQ(cal.events[3].end_inclusive, D(2028, 2, 29));
}

TEST(ICalendarWriteTest, TimedEventsUseTheVietnamTimezone) {
    CalendarEvent meeting = Timed("hop-1", D(2026, 11, 23), {9, 30, 0}, {11, 0, 0});
    CalendarEvent overnight = Timed("chuyen-bay", D(2026, 11, 23), {23, 45, 0}, {6, 5, 0});
    overnight.end_inclusive = D(2026, 11, 24);
    const std::string ics = WriteCalendar(
        Meta(), {meeting, overnight, AllDay("ca-ngay", D(2026, 11, 25), D(2026, 11, 25))}, kStamp);

    EXPECT_TRUE(HasLine(ics, "BEGIN:VTIMEZONE"));
    EXPECT_TRUE(HasLine(ics, "TZID:Asia/Ho_Chi_Minh"));
    EXPECT_TRUE(HasLine(ics, "TZOFFSETFROM:+0700"));
    EXPECT_TRUE(HasLine(ics, "TZOFFSETTO:+0700"));
    EXPECT_TRUE(HasLine(ics, "DTSTART;TZID=Asia/Ho_Chi_Minh:20261123T093000"));
    EXPECT_TRUE(HasLine(ics, "DTEND;TZID=Asia/Ho_Chi_Minh:20261123T110000"));
    EXPECT_TRUE(HasLine(ics, "DTEND;TZID=Asia/Ho_Chi_Minh:20261124T060500"));
    // The time zone comes before the events that refer to it.
    EXPECT_LT(ics.find("BEGIN:VTIMEZONE"), ics.find("BEGIN:VEVENT"));

    const ParsedCalendar cal = MustParse(ics);
    EXPECT_EQ(cal.timezones, std::vector<std::string>{"Asia/Ho_Chi_Minh"});
    ASSERT_EQ(cal.events.size(), 3u);
    const ParsedEvent& p = cal.events[0];
    EXPECT_FALSE(p.all_day);
    EXPECT_EQ(p.start.date, D(2026, 11, 23));
    EXPECT_EQ(p.start.time, (TimeOfDay{9, 30, 0}));
    EXPECT_EQ(p.start.tzid, "Asia/Ho_Chi_Minh");
    EXPECT_FALSE(p.start.utc);
    ASSERT_TRUE(p.end.has_value());
    EXPECT_EQ(p.end->time, (TimeOfDay{11, 0, 0}));
    EXPECT_EQ(p.end->tzid, "Asia/Ho_Chi_Minh");
    EXPECT_EQ(cal.events[1].end_inclusive, D(2026, 11, 24));
    EXPECT_TRUE(cal.events[2].all_day);
}

TEST(ICalendarWriteTest, ZeroEventsIsAValidCalendar) {
    const std::string ics = WriteCalendar(Meta(), {}, kStamp);
    EXPECT_EQ(ics.find("VEVENT"), std::string::npos);
    const ParsedCalendar cal = MustParse(ics);
    EXPECT_TRUE(cal.events.empty());
    EXPECT_TRUE(cal.timezones.empty());
    ASSERT_NE(cal.Property("METHOD"), nullptr);
    EXPECT_EQ(*cal.Property("METHOD"), "PUBLISH");
}

TEST(ICalendarWriteTest, CheckRefusesWhatClientsCannotShow) {
    const auto refused = [](const CalendarEvent& e, std::string_view en_part) {
        auto r = CheckCalendarEvent(e);
        ASSERT_FALSE(r.ok()) << en_part;
        EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(r.error().field, "event");
        EXPECT_FALSE(r.error().message_vi.empty());
        EXPECT_NE(r.error().message_en.find(en_part), std::string::npos) << r.error().message_en;
        EXPECT_THROW(WriteCalendar(Meta(), {e}, kStamp), std::invalid_argument);
    };
    const CalendarEvent good = AllDay("ok", D(2026, 5, 1), D(2026, 5, 2));
    EXPECT_TRUE(CheckCalendarEvent(good).ok());
    EXPECT_TRUE(CheckCalendarEvent(Timed("t", D(2026, 5, 1), {8, 0, 0}, {8, 0, 0})).ok());

    CalendarEvent e = good;
    e.uid.clear();
    refused(e, "UID");
    e = good;
    e.end_inclusive = D(2026, 4, 30);
    refused(e, "before the start");
    e = Timed("t", D(2026, 5, 1), {9, 0, 0}, {8, 59, 59});
    refused(e, "ends before it starts");
    e.end_time.reset();
    refused(e, "end time");
    e = Timed("t", D(2026, 5, 1), {24, 0, 0}, {24, 0, 0});
    refused(e, "time is invalid");
    e = good;
    e.status = "confirmed";
    refused(e, "status");
    e = good;
    e.sequence = -1;
    refused(e, "SEQUENCE");
    e = good;
    e.last_modified_utc = "2026-11-23T10:00:00+07:00";
    refused(e, "last-modified");
    e = AllDay("far", D(2026, 1, 1), D(9999, 12, 31));
    refused(e, "year");

    EXPECT_THROW(WriteCalendar(Meta(), {good}, "hôm nay"), std::invalid_argument);
}

TEST(ICalendarWriteTest, UtcStamps) {
    EXPECT_EQ(ToIcalUtc("2026-11-23T10:00:00Z"), "20261123T100000Z");
    EXPECT_EQ(ToIcalUtc("2026-11-23T10:00:00.123Z"), "20261123T100000Z");
    EXPECT_EQ(ToIcalUtc("2026-11-23 10:00:00+00:00"), "20261123T100000Z");
    EXPECT_EQ(ToIcalUtc("20261123T100000Z"), "20261123T100000Z");
    EXPECT_EQ(ToIcalUtc("2026-11-23T10:00:00"), std::nullopt);
    EXPECT_EQ(ToIcalUtc("2026-11-23T10:00:00+07:00"), std::nullopt);
    EXPECT_EQ(ToIcalUtc("2026-02-29T10:00:00Z"), std::nullopt);
    EXPECT_EQ(ToIcalUtc("2026-11-23T24:00:00Z"), std::nullopt);
    EXPECT_EQ(ToIcalUtc("2026-11-23T10:00:00.Z"), std::nullopt);
    EXPECT_EQ(ToIcalUtc("20261123T100000"), std::nullopt);
    EXPECT_EQ(ToIcalUtc(""), std::nullopt);

    using std::chrono::seconds;
    using std::chrono::system_clock;
    EXPECT_EQ(FormatIcalUtc(system_clock::time_point{}), "19700101T000000Z");
    EXPECT_EQ(FormatIcalUtc(system_clock::time_point{seconds{1795417200}}), "20261123T070000Z");
    EXPECT_EQ(FormatIcalUtc(system_clock::time_point{seconds{-1}}), "19691231T235959Z");
}

TEST(ICalendarWriteTest, TextEscaping) {
    EXPECT_EQ(EscapeIcalText("a\\b;c,d\ne\r\nf\rg"), "a\\\\b\\;c\\,d\\ne\\nf\\ng");
    EXPECT_EQ(EscapeIcalText("Tab\tstays, NUL\x01 goes"), "Tab\tstays\\, NUL goes");
    EXPECT_EQ(UnescapeIcalText("a\\\\b\\;c\\,d\\ne\\Nf"), "a\\b;c,d\ne\nf");
    // Not an escape: kept as written (Outlook writes "C:\Users" unescaped).
    EXPECT_EQ(UnescapeIcalText("C:\\Users\\"), "C:\\Users\\");
    const std::string tricky = "\\;\\,\\n; , \n \\\\n Ễ";
    EXPECT_EQ(UnescapeIcalText(EscapeIcalText(tricky)), tricky);
}

// ---- Reading ------------------------------------------------------------------------------------

TEST(ICalendarParseTest, ReadsFeedsFromOtherWriters) {
    // Bare LF, a tab continuation, lower-case names, a quoted parameter holding ':' and ';', a
    // fold inside a UTF-8 character (wrong, but the content is intact once unfolded), several
    // CATEGORIES, a nested VALARM, a DURATION instead of a DTEND, a UTC time.
    const std::string ics =
        "\xEF\xBB\xBF"
        "BEGIN:VCALENDAR\n"
        "VERSION:2.0\n"
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN\n"
        "X-WR-CALNAME:Lịch\\, công tác\n"
        "BEGIN:VEVENT\n"
        "uid:abc@google.com\n"
        "DTSTART:20261201T020000Z\n"
        "DURATION:PT1H30M\n"
        "summary:Họp với Đại sứ\n"
        "\t quán Nh\xE1\xBA\n"
        " \xAD"
        "t\n"
        "ATTENDEE;CN=\"Nguyễn Văn A: Vụ trưởng; Vụ Châu Á\";ROLE=REQ-PARTICIPANT:mailto:a@mofa.vn\n"
        "CATEGORIES:Đối ngoại,Hội nghị\n"
        "CATEGORIES:Khẩn\\, mật\n"
        "status:confirmed\n"
        "BEGIN:VALARM\n"
        "ACTION:DISPLAY\n"
        "TRIGGER:-PT15M\n"
        "END:VALARM\n"
        "END:VEVENT\n"
        "BEGIN:VEVENT\n"
        "UID:two-days\n"
        "DTSTART;VALUE=DATE:20261230\n"
        "DURATION:P2D\n"
        "END:VEVENT\n"
        "BEGIN:VEVENT\n"
        "UID:same-day-end\n"
        "DTSTART;VALUE=DATE:20261230\n"
        "DTEND;VALUE=DATE:20261230\n"
        "END:VEVENT\n"
        "BEGIN:VTODO\n"
        "UID:todo\n"
        "END:VTODO\n"
        "END:VCALENDAR\n"
        "\n";
    const ParsedCalendar cal = MustParse(ics);
    ASSERT_NE(cal.Property("X-WR-CALNAME"), nullptr);
    EXPECT_EQ(*cal.Property("X-WR-CALNAME"), "Lịch\\, công tác");
    ASSERT_EQ(cal.events.size(), 3u);

    const ParsedEvent& a = cal.events[0];
    EXPECT_EQ(a.uid, "abc@google.com");
    EXPECT_EQ(a.summary, "Họp với Đại sứ quán Nhật");
    EXPECT_EQ(a.categories, (std::vector<std::string>{"Đối ngoại", "Hội nghị", "Khẩn, mật"}));
    EXPECT_EQ(a.status, "CONFIRMED");
    EXPECT_TRUE(a.start.utc);
    EXPECT_FALSE(a.all_day);
    ASSERT_TRUE(a.end.has_value());
    EXPECT_EQ(a.end->date, D(2026, 12, 1));
    EXPECT_EQ(a.end->time, (TimeOfDay{3, 30, 0}));
    EXPECT_TRUE(a.end->utc);
    const CalendarProperty* attendee = nullptr;
    for (const auto& p : a.properties) {
        if (p.name == "ATTENDEE")
            attendee = &p;
    }
    ASSERT_NE(attendee, nullptr);
    EXPECT_EQ(attendee->line, 12);
    ASSERT_NE(attendee->Param("CN"), nullptr);
    EXPECT_EQ(*attendee->Param("CN"), "Nguyễn Văn A: Vụ trưởng; Vụ Châu Á");
    ASSERT_NE(attendee->Param("ROLE"), nullptr);
    EXPECT_EQ(*attendee->Param("ROLE"), "REQ-PARTICIPANT");
    EXPECT_EQ(attendee->value, "mailto:a@mofa.vn");

    EXPECT_TRUE(cal.events[1].all_day);
    EXPECT_EQ(cal.events[1].end->date, D(2027, 1, 1));
    EXPECT_EQ(cal.events[1].end_inclusive, D(2026, 12, 31));
    EXPECT_EQ(cal.events[2].end_inclusive, D(2026, 12, 30));
}

TEST(ICalendarParseTest, RefusesMalformedInputNamingTheLine) {
    ExpectRefusedAt(Ics({"BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "UID:x",
                         "DTSTART;VALUE=DATE:20261123"}),
                    5, "END:VEVENT is missing for BEGIN:VEVENT at line 3");
    ExpectRefusedAt(Ics({"BEGIN:VCALENDAR", "VERSION:2.0"}), 2,
                    "END:VCALENDAR is missing for BEGIN:VCALENDAR at line 1");
    ExpectRefusedAt(
        Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:x", "DTSTART:20261123", "END:VCALENDAR"}), 5,
        "END:VCALENDAR does not match BEGIN:VEVENT at line 2");
    ExpectRefusedAt(Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:x", "DTSTART;VALUE=DATE:20261332",
                         "END:VEVENT", "END:VCALENDAR"}),
                    4, "DTSTART has an invalid date");
    ExpectRefusedAt(Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:x", "DTSTART:20260229T100000",
                         "END:VEVENT", "END:VCALENDAR"}),
                    4, "invalid date");
    ExpectRefusedAt(Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:x", "DTSTART:20261123T250000",
                         "END:VEVENT", "END:VCALENDAR"}),
                    4, "invalid date or time");
    ExpectRefusedAt(Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:x",
                         "DTSTART;VALUE=DATE:20261123T100000", "END:VEVENT", "END:VCALENDAR"}),
                    4, "invalid date");
    ExpectRefusedAt(Ics({"BEGIN:VCALENDAR", "VERSION:2.0", "SUMMARY Đoàn vào", "END:VCALENDAR"}), 3,
                    "property SUMMARY has no colon");
    ExpectRefusedAt(Ics({"BEGIN:VCALENDAR", "VERSION:2.0", "X-FOO;BAR:1", "END:VCALENDAR"}), 3,
                    "parameter of property X-FOO is malformed");
    ExpectRefusedAt(Ics({"BEGIN:VCALENDAR", "VERSION:2.0", "X-FOO;BAR=\"open:1", "END:VCALENDAR"}),
                    3, "unclosed quote");
    ExpectRefusedAt(Ics({"BEGIN:VCALENDAR", ":no name", "END:VCALENDAR"}), 2,
                    "does not start with a property name");
    ExpectRefusedAt(Ics({"VERSION:2.0", "BEGIN:VCALENDAR", "END:VCALENDAR"}), 1,
                    "must start with BEGIN:VCALENDAR");
    ExpectRefusedAt(Ics({" folded", "BEGIN:VCALENDAR", "END:VCALENDAR"}), 1, "continuation");
    ExpectRefusedAt(Ics({"BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VCALENDAR"}), 3,
                    "after END:VCALENDAR");
    ExpectRefusedAt(Ics({"BEGIN:VCALENDAR", "BEGIN:VCALENDAR", "END:VCALENDAR"}), 2, "nested");
    ExpectRefusedAt(Ics({"BEGIN:VCALENDAR", "BEGIN:VTODO", "BEGIN:VEVENT"}), 3,
                    "directly inside the VCALENDAR");
    ExpectRefusedAt(
        Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART:20261123", "END:VEVENT", "END:VCALENDAR"}),
        2, "has no UID");
    ExpectRefusedAt(
        Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:x", "END:VEVENT", "END:VCALENDAR"}), 2,
        "has no DTSTART");
    ExpectRefusedAt(Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:x", "DTSTART:20261123T100000",
                         "DTEND:20261123T090000", "END:VEVENT", "END:VCALENDAR"}),
                    5, "ends before it starts");
    ExpectRefusedAt(Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:x", "DTSTART:20261123T100000",
                         "DTEND;VALUE=DATE:20261124", "END:VEVENT", "END:VCALENDAR"}),
                    5, "both be dates");
    ExpectRefusedAt(Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:x", "DTSTART:20261123",
                         "DURATION:PT1H", "END:VEVENT", "END:VCALENDAR"}),
                    5, "DURATION is invalid");
    ExpectRefusedAt(Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:x", "DTSTART:20261123",
                         "SEQUENCE:một", "END:VEVENT", "END:VCALENDAR"}),
                    5, "SEQUENCE");
    ExpectRefusedAt(Ics({"BEGIN:VCALENDAR", "X-NAME:L\xE1\xBB", "END:VCALENDAR"}), 2, "not UTF-8");

    auto empty = ParseCalendar("\r\n\r\n");
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().field, "file");
    EXPECT_FALSE(ParseCalendar("").ok());
}

}  // namespace
}  // namespace ngoaivu::office
