// CalendarService on each backend: validation, the administrators-only writes with their audit
// entries, pre-filling and seeding, and the cached WorkingCalendar that follows writes made
// through another service instance (another server process) on the same database.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/embedded.hpp"
#include "base/working_days.hpp"
#include "modules/audit/audit_repository.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/calendar/calendar_repository.hpp"
#include "modules/calendar/calendar_service.hpp"
#include "storage/migrator.hpp"
#include "support/database_test.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::calendar {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

Date Ymd(int year, int month, int day) {
    return *Date::FromYmd(year, month, day);
}

// The fields an error names, in order.
std::vector<std::string> FieldsOf(const Error& e) {
    std::vector<std::string> out;
    for (const auto& f : e.fields)
        out.push_back(f.field);
    return out;
}

Actor Viewer() {
    Actor a;
    a.user_id = 7;
    a.login = "xem";
    a.grants.push_back(RoleGrant{Role::kViewer, true, {}, {}});
    return a;
}

Actor MofaStaff() {
    Actor a;
    a.user_id = 8;
    a.login = "can-bo";
    a.grants.push_back(RoleGrant{Role::kMofaStaff, true, {}, {}});
    return a;
}

// One CalendarService with its own repositories and audit service on a database handle.
struct Stack {
    Stack(storage::Database& db, const Clock& clock)
        : audit(db, audit_repo, clock), service(db, repo, audit, clock) {}
    audit::SqlAuditRepository audit_repo;
    SqlCalendarRepository repo;
    audit::AuditService audit;
    CalendarService service;
};

// A migrated database with the calendar service on a FakeClock (2 March 2026 in Vietnam).
class CalendarTest : public testing::DatabaseTest {
 protected:
    void SetUp() override {
        DatabaseTest::SetUp();
        storage::Migrate(db(), storage::LoadMigrations(EmbeddedMigrations(), db().backend()));
        stack_ = std::make_unique<Stack>(db(), clock_);
    }
    void TearDown() override {
        stack_.reset();
        DatabaseTest::TearDown();
    }

    CalendarService& service() { return stack_->service; }

    std::int64_t Version() {
        auto tx = db().Begin(storage::TxMode::kRead);
        return tx->QueryOne("SELECT version FROM calendar_version")->Int(0);
    }

    // What a failed write must leave as it was.
    struct State {
        std::int64_t days, entries, version;
        bool operator==(const State&) const = default;
    };
    State Now() { return {Count("calendar_day"), Count("audit_log"), Version()}; }

    std::vector<audit::AuditEntry> Entries() {
        auto tx = db().Begin(storage::TxMode::kRead);
        return stack_->audit_repo.Range(*tx, 0, 1000);
    }

    const Actor admin_ = Actor::System("test");
    FakeClock clock_{testing::UtcTime(2026, 3, 2, 3)};
    std::unique_ptr<Stack> stack_;
};

// --- Calendar() --------------------------------------------------------------------------------

TEST_F(CalendarTest, CalendarHasOnlyTheWeekendsOffWhenNothingIsConfigured) {
    auto c = service().Calendar();
    ASSERT_NE(c, nullptr);
    EXPECT_TRUE(c->IsWorkingDay(Ymd(2026, 1, 1)));
    EXPECT_FALSE(c->IsWorkingDay(Ymd(2026, 1, 3)));
    EXPECT_EQ(c->AddWorkingDays(Ymd(2026, 2, 13), 7), Ymd(2026, 2, 24));
}

TEST_F(CalendarTest, CalendarIsRebuiltAfterAWriteAndSharedUntilTheNext) {
    auto before = service().Calendar();
    EXPECT_EQ(service().Calendar(), before) << "nothing changed: the same snapshot";
    ASSERT_TRUE(service().AddDay(admin_, "2026-02-16", "holiday", "Tết", "Tết").ok());
    auto after = service().Calendar();
    EXPECT_NE(after, before);
    EXPECT_FALSE(after->IsWorkingDay(Ymd(2026, 2, 16)));
    EXPECT_TRUE(before->IsWorkingDay(Ymd(2026, 2, 16))) << "an old snapshot does not change";
    EXPECT_EQ(service().Calendar(), after);
}

TEST_F(CalendarTest, CalendarSeesChangesMadeThroughAnotherServiceOnTheSameDatabase) {
    // A second server process: its own handle on the database and its own service and cache.
    auto other_db = Open();
    Stack other(*other_db, clock_);
    EXPECT_TRUE(service().Calendar()->IsWorkingDay(Ymd(2026, 9, 1)));
    EXPECT_TRUE(other.service.Calendar()->IsWorkingDay(Ymd(2026, 9, 1)));

    ASSERT_TRUE(
        other.service.AddDay(admin_, "2026-09-01", "holiday", "Quốc khánh", "National Day").ok());
    ASSERT_TRUE(other.service.AddDay(admin_, "2026-08-22", "working", "Làm bù", "Worked").ok());
    auto seen = service().Calendar();
    EXPECT_FALSE(seen->IsWorkingDay(Ymd(2026, 9, 1)));
    EXPECT_TRUE(seen->IsWorkingDay(Ymd(2026, 8, 22)));

    ASSERT_TRUE(other.service.RemoveDay(admin_, "2026-09-01").ok());
    EXPECT_TRUE(service().Calendar()->IsWorkingDay(Ymd(2026, 9, 1)));
    ASSERT_EQ(other.service.PrefillYear(admin_, 2027).value(), 6);
    EXPECT_FALSE(service().Calendar()->IsWorkingDay(Ymd(2027, 5, 3)));  // for 1/5 on a Saturday
    other_db->Close();
}

TEST_F(CalendarTest, CalendarCanBeReadFromManyThreadsWhileAnAdministratorWrites) {
    std::atomic<bool> stop{false};
    std::atomic<int> reads{0};
    std::vector<std::thread> readers;
    for (int i = 0; i < 3; ++i) {
        readers.emplace_back([&] {
            while (!stop) {
                auto c = service().Calendar();
                EXPECT_NE(c, nullptr);
                EXPECT_LE(c->holidays().size() + c->working_days().size(), 20u);
                ++reads;
            }
        });
    }
    for (int d = 1; d <= 20; ++d) {
        Date day = Ymd(2026, 10, 1).AddDays(d);
        ASSERT_TRUE(service()
                        .AddDay(admin_, day.ToIso(), day.IsoWeekday() >= 6 ? "working" : "holiday",
                                "Ngày " + std::to_string(d), "Day " + std::to_string(d))
                        .ok());
    }
    stop = true;
    for (auto& t : readers)
        t.join();
    EXPECT_GT(reads.load(), 0);
    auto c = service().Calendar();
    EXPECT_EQ(c->holidays().size() + c->working_days().size(), 20u);
}

// --- AddDay ------------------------------------------------------------------------------------

TEST_F(CalendarTest, AddDayStoresTheDayAndAuditsIt) {
    auto day = service().AddDay(admin_, "2026-09-01", "holiday", "  Quốc khánh (liền kề)\t",
                                "National Day (adjacent day)");
    ASSERT_TRUE(day.ok()) << day.error().message_en;
    EXPECT_EQ(day->day, Ymd(2026, 9, 1));
    EXPECT_EQ(day->kind, DayKind::kHoliday);
    EXPECT_EQ(day->name_vi, "Quốc khánh (liền kề)");
    EXPECT_GT(day->id.value, 0);
    EXPECT_EQ(day->created_at, "2026-03-02T03:00:00.000Z");

    auto year = service().ListYear(Viewer(), 2026);
    ASSERT_TRUE(year.ok());
    ASSERT_EQ(year->size(), 1u);
    EXPECT_EQ(year->front().name_en, "National Day (adjacent day)");

    auto entries = Entries();
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].action, "create");
    EXPECT_EQ(entries[0].entity, "calendar_day");
    EXPECT_EQ(entries[0].entity_id, "2026-09-01");
    EXPECT_EQ(entries[0].before_json, "null");
    EXPECT_THAT(entries[0].after_json, ::testing::HasSubstr("\"kind\":\"holiday\""));
    EXPECT_EQ(Version(), 1);
}

TEST_F(CalendarTest, AddDayTakesTheDateAsVietnameseUsersTypeIt) {
    auto day = service().AddDay(admin_, "1/9/2026", "holiday", "Quốc khánh", "National Day");
    ASSERT_TRUE(day.ok());
    EXPECT_EQ(day->day, Ymd(2026, 9, 1));
}

TEST_F(CalendarTest, AddDayTakesAWorkedSaturdayOrSunday) {
    auto sat = service().AddDay(admin_, "2026-08-22", "working", "Làm bù cho 31/8", "Worked");
    ASSERT_TRUE(sat.ok());
    EXPECT_EQ(sat->kind, DayKind::kWorking);
    EXPECT_TRUE(service().Calendar()->IsWorkingDay(Ymd(2026, 8, 22)));
}

TEST_F(CalendarTest, AddDayRefusesEachBadFieldByNameAndChangesNothing) {
    ASSERT_TRUE(
        service().AddDay(admin_, "2026-01-01", "holiday", "Tết Dương lịch", "New Year").ok());
    State before = Now();
    struct Case {
        std::string date, kind, name_vi, name_en, field;
    };
    const std::string long_name(201, 'a');
    const std::string long_vi = [] {
        std::string s;
        for (int i = 0; i < 201; ++i)
            s += "ệ";
        return s;
    }();
    const Case cases[] = {
        {"2026-02-30", "holiday", "Tên", "Name", "date"},
        {"tomorrow", "holiday", "Tên", "Name", "date"},
        {"", "holiday", "Tên", "Name", "date"},
        {"2026-9-1", "holiday", "Tên", "Name", "date"},
        {"31/02/2026", "holiday", "Tên", "Name", "date"},
        {"1999-12-31", "holiday", "Tên", "Name", "date"},
        {"2101-01-01", "holiday", "Tên", "Name", "date"},
        {"2026-08-24", "working", "Tên", "Name", "date"},  // a Monday cannot be a worked day
        {"2026-09-01", "vacation", "Tên", "Name", "kind"},
        {"2026-09-01", "", "Tên", "Name", "kind"},
        {"2026-09-01", "Holiday", "Tên", "Name", "kind"},
        {"2026-09-01", "holiday", "", "Name", "name_vi"},
        {"2026-09-01", "holiday", " \t ", "Name", "name_vi"},
        {"2026-09-01", "holiday", long_vi, "Name", "name_vi"},
        {"2026-09-01", "holiday", "Dòng\nhai", "Name", "name_vi"},
        {"2026-09-01", "holiday", "\xff\xfe", "Name", "name_vi"},
        {"2026-09-01", "holiday", "Tên", "", "name_en"},
        {"2026-09-01", "holiday", "Tên", long_name, "name_en"},
    };
    for (const auto& c : cases) {
        auto r = service().AddDay(admin_, c.date, c.kind, c.name_vi, c.name_en);
        ASSERT_FALSE(r.ok()) << c.field << " " << c.date << " " << c.kind;
        EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(r.error().field, c.field) << c.date << " " << c.kind;
        EXPECT_THAT(FieldsOf(r.error()), ElementsAre(c.field));
        EXPECT_FALSE(r.error().message_vi.empty());
        EXPECT_FALSE(r.error().message_en.empty());
        EXPECT_EQ(Now(), before) << c.field;
    }
    // A name of exactly 200 characters (not bytes) is accepted.
    std::string vi200;
    for (int i = 0; i < 200; ++i)
        vi200 += "ệ";
    EXPECT_TRUE(service().AddDay(admin_, "2026-09-02", "holiday", vi200, "National Day").ok());
}

TEST_F(CalendarTest, AddDayNamesEveryBadFieldAtOnce) {
    auto r = service().AddDay(admin_, "30/02/2026", "vacation", "", "");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "date");
    EXPECT_THAT(FieldsOf(r.error()), ElementsAre("date", "kind", "name_vi", "name_en"));
    EXPECT_EQ(Count("calendar_day"), 0);
}

TEST_F(CalendarTest, AddDayRefusesADateThatIsConfiguredAlready) {
    ASSERT_TRUE(
        service().AddDay(admin_, "2026-09-01", "holiday", "Quốc khánh", "National Day").ok());
    State before = Now();
    for (const char* date : {"2026-09-01", "01/09/2026"}) {
        auto r = service().AddDay(admin_, date, "holiday", "Khác", "Other");
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, ErrorCode::kConflict);
        EXPECT_EQ(r.error().field, "date");
        EXPECT_THAT(FieldsOf(r.error()), ElementsAre("date"));
        EXPECT_THAT(r.error().message_vi, ::testing::HasSubstr("01/09/2026"));
        EXPECT_EQ(Now(), before);
    }
    EXPECT_EQ(service().ListYear(admin_, 2026)->front().name_vi, "Quốc khánh");
}

// --- Permissions -------------------------------------------------------------------------------

TEST_F(CalendarTest, OnlyAdministratorsChangeTheCalendarButEveryoneReadsIt) {
    ASSERT_TRUE(
        service().AddDay(admin_, "2026-09-01", "holiday", "Quốc khánh", "National Day").ok());
    State before = Now();
    for (const Actor& actor : {Viewer(), MofaStaff()}) {
        auto add = service().AddDay(actor, "2026-09-03", "holiday", "Tên", "Name");
        ASSERT_FALSE(add.ok());
        EXPECT_EQ(add.error().code, ErrorCode::kPermissionDenied);
        auto remove = service().RemoveDay(actor, "2026-09-01");
        ASSERT_FALSE(remove.ok());
        EXPECT_EQ(remove.error().code, ErrorCode::kPermissionDenied);
        auto prefill = service().PrefillYear(actor, 2026);
        ASSERT_FALSE(prefill.ok());
        EXPECT_EQ(prefill.error().code, ErrorCode::kPermissionDenied);
        // Even bad input is refused as a permission first: nothing about it is revealed.
        EXPECT_EQ(service().AddDay(actor, "x", "y", "", "").error().code,
                  ErrorCode::kPermissionDenied);
        EXPECT_EQ(Now(), before);
        auto list = service().ListYear(actor, 2026);
        ASSERT_TRUE(list.ok());
        EXPECT_EQ(list->size(), 1u);
    }
}

// --- RemoveDay ---------------------------------------------------------------------------------

TEST_F(CalendarTest, RemoveDayDeletesTheDayAndAuditsWhatItWas) {
    ASSERT_TRUE(
        service().AddDay(admin_, "2026-09-01", "holiday", "Quốc khánh", "National Day").ok());
    ASSERT_TRUE(service().RemoveDay(admin_, "01/09/2026").ok());
    EXPECT_EQ(Count("calendar_day"), 0);
    auto entries = Entries();
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[1].action, "delete");
    EXPECT_EQ(entries[1].entity_id, "2026-09-01");
    EXPECT_THAT(entries[1].before_json, ::testing::HasSubstr("Quốc khánh"));
    EXPECT_EQ(entries[1].after_json, "null");
    EXPECT_EQ(Version(), 2);
}

TEST_F(CalendarTest, RemoveDayRefusesAMalformedOrUnknownDateAndChangesNothing) {
    ASSERT_TRUE(
        service().AddDay(admin_, "2026-09-01", "holiday", "Quốc khánh", "National Day").ok());
    State before = Now();
    auto bad = service().RemoveDay(admin_, "2026-02-30");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(bad.error().field, "date");
    auto absent = service().RemoveDay(admin_, "2026-09-02");
    ASSERT_FALSE(absent.ok());
    EXPECT_EQ(absent.error().code, ErrorCode::kNotFound);
    EXPECT_THAT(absent.error().message_en, ::testing::HasSubstr("02/09/2026"));
    EXPECT_EQ(Now(), before);
}

// --- ListYear ----------------------------------------------------------------------------------

TEST_F(CalendarTest, ListYearGivesTheYearsDaysInDateOrder) {
    ASSERT_TRUE(service().AddDay(admin_, "2026-09-02", "holiday", "B", "B").ok());
    ASSERT_TRUE(service().AddDay(admin_, "2026-01-01", "holiday", "A", "A").ok());
    ASSERT_TRUE(service().AddDay(admin_, "2025-12-31", "holiday", "Z", "Z").ok());
    ASSERT_TRUE(service().AddDay(admin_, "2027-01-01", "holiday", "Y", "Y").ok());
    auto list = service().ListYear(admin_, 2026);
    ASSERT_TRUE(list.ok());
    std::vector<std::string> names;
    for (const auto& d : *list)
        names.push_back(d.name_vi);
    EXPECT_THAT(names, ElementsAre("A", "B"));
    for (int year : {1999, 2101, 0, -2026}) {
        auto r = service().ListYear(admin_, year);
        ASSERT_FALSE(r.ok()) << year;
        EXPECT_EQ(r.error().field, "year");
    }
}

// --- PrefillYear -------------------------------------------------------------------------------

TEST_F(CalendarTest, PrefillYearAddsTheMissingFixedDateHolidaysOnce) {
    // An administrator set 1/1/2027 already, with another name: it is kept.
    ASSERT_TRUE(service().AddDay(admin_, "2027-01-01", "holiday", "Năm mới", "New Year").ok());
    auto added = service().PrefillYear(admin_, 2027);
    ASSERT_TRUE(added.ok());
    EXPECT_EQ(*added, static_cast<int>(FixedDateHolidays(2027).size()) - 1);
    auto list = service().ListYear(admin_, 2027);
    ASSERT_EQ(list->size(), FixedDateHolidays(2027).size());
    EXPECT_EQ(list->front().name_vi, "Năm mới");
    EXPECT_EQ((*list)[3].day, Ymd(2027, 5, 3));  // compensatory day for 1/5 on a Saturday
    auto entries = Entries();
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[1].action, "prefill");
    EXPECT_EQ(entries[1].entity, "calendar");
    EXPECT_EQ(entries[1].entity_id, "2027");
    EXPECT_THAT(entries[1].after_json, ::testing::HasSubstr("2027-05-03"));

    State before = Now();
    auto again = service().PrefillYear(admin_, 2027);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, 0);
    EXPECT_EQ(Now(), before) << "nothing added: no write, no entry, the same version";
}

TEST_F(CalendarTest, PrefillYearRefusesAYearOutside2000To2100) {
    for (int year : {1999, 2101}) {
        auto r = service().PrefillYear(admin_, year);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(r.error().field, "year");
    }
    EXPECT_EQ(Count("calendar_day"), 0);
    EXPECT_TRUE(service().PrefillYear(admin_, 2000).ok());
    EXPECT_TRUE(service().PrefillYear(admin_, 2100).ok());
}

// --- SeedStatutory -----------------------------------------------------------------------------

TEST_F(CalendarTest, SeedStatutoryAddsEveryYearsHolidaysOnceWithoutAuditing) {
    ASSERT_TRUE(
        service().AddDay(admin_, "2026-02-16", "holiday", "Tết (sửa)", "Tết (edited)").ok());
    std::size_t expected = 0;
    for (int year = 2015; year <= 2027; ++year)
        expected += StatutoryHolidays(year).size();
    std::int64_t entries = Count("audit_log");
    EXPECT_EQ(service().SeedStatutory(2015, 2027), static_cast<int>(expected) - 1);
    EXPECT_EQ(Count("calendar_day"), static_cast<std::int64_t>(expected));
    EXPECT_EQ(Count("audit_log"), entries);
    EXPECT_EQ(service().ListYear(admin_, 2026)->at(1).name_vi, "Tết (sửa)");
    std::int64_t version = Version();
    EXPECT_EQ(service().SeedStatutory(2015, 2027), 0);
    EXPECT_EQ(Version(), version);
    EXPECT_EQ(service().SeedStatutory(1900, 1999), 0) << "years before 2000 are left out";

    auto c = service().Calendar();
    EXPECT_EQ(c->AddWorkingDays(Ymd(2026, 2, 13), 7), Ymd(2026, 3, 3));
    EXPECT_EQ(c->AddCalendarDays(Ymd(2026, 4, 15), 15), Ymd(2026, 5, 4));
}

TEST_F(CalendarTest, SeedStatutoryCalendarSeedsFrom2015ToNextYear) {
    EXPECT_GT(SeedStatutoryCalendar(db(), clock_), 0);
    EXPECT_EQ(service().ListYear(admin_, 2014)->size(), 0u);
    EXPECT_EQ(service().ListYear(admin_, 2015)->size(), StatutoryHolidays(2015).size());
    EXPECT_EQ(service().ListYear(admin_, 2027)->size(), StatutoryHolidays(2027).size());
    EXPECT_EQ(service().ListYear(admin_, 2028)->size(), 0u);
    EXPECT_EQ(SeedStatutoryCalendar(db(), clock_), 0);
}

// --- ParseYear ---------------------------------------------------------------------------------

TEST(CalendarParseYear, AcceptsAWholeYearFrom2000To2100) {
    EXPECT_EQ(ParseYear("2026").value(), 2026);
    EXPECT_EQ(ParseYear("2000").value(), 2000);
    EXPECT_EQ(ParseYear("2100").value(), 2100);
    for (const char* bad : {"", "abc", "1999", "2101", "-2026", " 2026", "2026 ", "20260", "2e3",
                            "0x7EA", "２０２６"}) {
        auto r = ParseYear(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().field, "year");
        EXPECT_THAT(FieldsOf(r.error()), UnorderedElementsAre("year"));
    }
    EXPECT_EQ(ParseYear("x", "nam").error().field, "nam");
}

}  // namespace
}  // namespace ngoaivu::calendar
