#include "base/record_checks.hpp"

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/deadlines.hpp"

namespace ngoaivu {
namespace {

Date Ymd(int year, int month, int day) {
    const std::optional<Date> date = Date::FromYmd(year, month, day);
    EXPECT_TRUE(date.has_value()) << year << "-" << month << "-" << day;
    return date.value_or(Date::FromDays(0));
}

// A province as the modules' UnitInfo types have it.
struct Unit {
    Date valid_from = Date::FromDays(0);
    std::optional<Date> valid_to;
};

TEST(ExistsOn, CoversTheFirstAndLastDayOfAProvince) {
    const Unit former{Ymd(2008, 8, 1), Ymd(2025, 6, 30)};
    const Unit current{Ymd(2025, 7, 1), std::nullopt};
    EXPECT_FALSE(ExistsOn(former, Ymd(2008, 7, 31)));
    EXPECT_TRUE(ExistsOn(former, Ymd(2008, 8, 1)));
    EXPECT_TRUE(ExistsOn(former, Ymd(2025, 6, 30)));
    EXPECT_FALSE(ExistsOn(former, Ymd(2025, 7, 1)));
    EXPECT_TRUE(ExistsOn(current, Ymd(2030, 1, 1)));
}

TEST(InvalidFields, NamesTheFirstProblemAndListsThemAll) {
    Error e = InvalidFields({{"title", "Tên", "Title"}, {"starts_on", "Ngày", "Day"}});
    EXPECT_EQ(e.code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(e.field, "title");
    EXPECT_EQ(e.message_vi, "Tên");
    EXPECT_EQ(e.message_en, "Title");
    ASSERT_EQ(e.fields.size(), 2u);
    EXPECT_EQ(e.fields[1].field, "starts_on");
}

TEST(CheckSearchText, RefusesTextLongerThan200CharactersOrNotUtf8) {
    EXPECT_TRUE(CheckSearchText(std::string(200, 'a')).ok());
    EXPECT_TRUE(CheckSearchText("Hà Nội").ok());
    auto long_text = CheckSearchText(std::string(201, 'a'));
    ASSERT_FALSE(long_text.ok());
    EXPECT_EQ(long_text.error().field, "q");
    EXPECT_FALSE(CheckSearchText("\xff").ok());
}

TEST(CheckWithinDays, AllowsZeroTo366) {
    EXPECT_TRUE(CheckWithinDays(0).ok());
    EXPECT_TRUE(CheckWithinDays(366).ok());
    EXPECT_FALSE(CheckWithinDays(-1).ok());
    auto too_far = CheckWithinDays(367);
    ASSERT_FALSE(too_far.ok());
    EXPECT_EQ(too_far.error().field, "within_days");
}

TEST(TooManyToExport, NamesTheRecordsInBothLanguages) {
    Error e = TooManyToExport(25000, 20000, "sự kiện", "events");
    EXPECT_EQ(e.field, "file");
    EXPECT_EQ(e.message_vi,
              "Có 25000 sự kiện phù hợp, nhiều hơn mức 20000 của một lần xuất: hãy lọc bớt.");
    EXPECT_EQ(e.message_en,
              "25000 events match, more than the 20000 one export holds: narrow the filters.");
}

// A deadline as the modules' Deadline types have it.
struct TestDeadline {
    std::int64_t id = 0;
    Date due_on = Date::FromDays(0);
    std::optional<Date> closed_on;
    bool open() const { return !closed_on.has_value(); }
};

TEST(EarliestOpenDue, SkipsClosedDeadlines) {
    std::vector<TestDeadline> deadlines = {{1, Ymd(2026, 3, 1), Ymd(2026, 2, 20)},
                                           {2, Ymd(2026, 3, 9), std::nullopt},
                                           {3, Ymd(2026, 3, 5), std::nullopt}};
    EXPECT_EQ(EarliestOpenDue(deadlines), Ymd(2026, 3, 5));
    deadlines[1].closed_on = Ymd(2026, 3, 2);
    deadlines[2].closed_on = Ymd(2026, 3, 2);
    EXPECT_EQ(EarliestOpenDue(deadlines), std::nullopt);
}

TEST(StepDeadlines, ClosesThenOpensAndStoresEachChangeInOrder) {
    std::vector<TestDeadline> stored = {{1, Ymd(2026, 3, 1), std::nullopt},
                                        {2, Ymd(2026, 3, 9), std::nullopt}};
    std::vector<std::string> writes;
    auto after = StepDeadlines(
        stored, {{1, "done", ""}}, {{0, Ymd(2026, 3, 20), std::nullopt}}, Ymd(2026, 2, 27),
        [&](const ClosedDeadline& c) { writes.push_back("close " + std::to_string(c.id)); },
        [&](const TestDeadline& d) { writes.push_back("open " + d.due_on.ToIso()); });
    EXPECT_EQ(writes, (std::vector<std::string>{"close 1", "open 2026-03-20"}));
    ASSERT_EQ(after.size(), 3u);
    EXPECT_EQ(after[0].closed_on, Ymd(2026, 2, 27));
    EXPECT_FALSE(after[1].closed_on.has_value());
    EXPECT_EQ(EarliestOpenDue(after), Ymd(2026, 3, 9));
}

}  // namespace
}  // namespace ngoaivu
