// The pure rules: values as typed, definitions, periods, the workflow and completeness.
#include "modules/indicators/indicator_rules.hpp"

#include <set>

#include <gtest/gtest.h>

namespace ngoaivu::indicators {
namespace {

TEST(IndicatorParseMilli, ReadsVietnameseAndEnglishForms) {
    EXPECT_EQ(ParseMilli("1.234,5", "vi"), 1234500);
    EXPECT_EQ(ParseMilli("1.234,5", "en"), 1234500);
    EXPECT_EQ(ParseMilli("1,234.5", "vi"), 1234500);
    EXPECT_EQ(ParseMilli("1,234.5", "en"), 1234500);
    EXPECT_EQ(ParseMilli("1234.5", "vi"), 1234500);
    EXPECT_EQ(ParseMilli("1234,5", "en"), 1234500);
    EXPECT_EQ(ParseMilli("12.345.678", "en"), 12345678000);
    EXPECT_EQ(ParseMilli(" -0,25 ", "vi"), -250);
    EXPECT_EQ(ParseMilli("0", "vi"), 0);
    EXPECT_EQ(ParseMilli("\xC2\xA0"
                         "7\xC2\xA0",
                         "vi"),
              7000);
}

TEST(IndicatorParseMilli, ReadsAnAmbiguousThreeDigitGroupByTheLanguage) {
    EXPECT_EQ(ParseMilli("1.234", "vi"), 1234000);
    EXPECT_EQ(ParseMilli("1.234", "en"), 1234);
    EXPECT_EQ(ParseMilli("1,234", "en"), 1234000);
    EXPECT_EQ(ParseMilli("1,234", "vi"), 1234);
    // A leading group of four digits cannot be grouped: a decimal point.
    EXPECT_EQ(ParseMilli("1234.567", "vi"), 1234567);
}

TEST(IndicatorParseMilli, RefusesWhatIsNotANumber) {
    for (const char* bad : {"", "abc", "1.2.3,4.5", "1,23,456", "12a", "--1", "1,", ",5", "1e5",
                            "1.234.56", "1 234", "+-1", "1234567890123456"}) {
        EXPECT_FALSE(ParseMilli(bad, "vi")) << bad;
    }
    int decimals = 0;
    EXPECT_FALSE(ParseMilli("1,2345", "vi", &decimals));
    EXPECT_EQ(decimals, 4);
    EXPECT_EQ(ParseMilli("1,2300", "vi", &decimals), 1230);
    EXPECT_EQ(decimals, 2);
}

IndicatorFields Exports() {
    IndicatorFields f;
    f.code = "exports";
    f.name_vi = "Kim ngạch xuất khẩu";
    f.name_en = "Exports";
    f.unit = "usd_million";
    f.aggregation = "sum";
    f.periodicity = "quarter";
    f.source = "entered";
    f.decimals = 1;
    f.min_milli = 0;
    f.max_milli = 500000000;
    return f;
}

TEST(IndicatorCheckCell, GivesOneProblemNamingTheCell) {
    IndicatorFields f = Exports();
    FieldProblems p;
    EXPECT_EQ(CheckCell(f, "values.exports", "1.234,5", "vi", p), 1234500);
    EXPECT_FALSE(CheckCell(f, "values.exports", "", "vi", p));
    EXPECT_TRUE(p.empty());
    EXPECT_FALSE(CheckCell(f, "values.exports", "1,25", "vi", p));
    EXPECT_FALSE(CheckCell(f, "values.exports", "abc", "vi", p));
    EXPECT_FALSE(CheckCell(f, "values.exports", "-1", "vi", p));
    EXPECT_FALSE(CheckCell(f, "values.exports", "600000", "vi", p));
    EXPECT_FALSE(CheckCell(f, "values.exports", "\xff", "vi", p));
    Error e = p.ToError();
    ASSERT_EQ(e.fields.size(), 5u);
    for (const auto& fe : e.fields) {
        EXPECT_EQ(fe.field, "values.exports");
        EXPECT_NE(fe.message_vi.find("exports"), std::string::npos);
        EXPECT_NE(fe.message_en.find("exports"), std::string::npos);
    }
    EXPECT_NE(e.fields[0].message_en.find("at most 1 decimals"), std::string::npos);
    EXPECT_NE(e.fields[3].message_vi.find("500.000,0"), std::string::npos);
    EXPECT_NE(e.fields[3].message_en.find("500,000.0"), std::string::npos);
}

TEST(IndicatorFormatMilli, ShowsTheIndicatorsDecimalsInEachLanguage) {
    EXPECT_EQ(FormatMilli(1234500, 1, "vi"), "1.234,5");
    EXPECT_EQ(FormatMilli(1234500, 1, "en"), "1,234.5");
    EXPECT_EQ(FormatMilli(1234567, 0, "vi"), "1.235");
    EXPECT_EQ(FormatMilli(-1500, 0, "en"), "-2");
    EXPECT_EQ(FormatMilli(5, 2, "en"), "0.01");
    EXPECT_EQ(FormatMilli(123, 3, "vi"), "0,123");
    EXPECT_EQ(PlainMilli(1234500), "1234.5");
    EXPECT_EQ(PlainMilli(-250), "-0.25");
    EXPECT_EQ(PlainMilli(7000), "7");
}

TEST(IndicatorCheckDefinition, ReportsEveryProblemWithItsField) {
    IndicatorFields f;
    f.code = "Bad Code";
    f.unit = "usd";
    f.aggregation = "median";
    f.periodicity = "week";
    f.source = "counted";
    f.counted_from = "tweets";
    f.decimals = 4;
    f.min_milli = 5;
    f.max_milli = 1;
    auto r = CheckDefinition(f);
    ASSERT_FALSE(r);
    std::set<std::string> fields;
    for (const auto& fe : r.error().fields)
        fields.insert(fe.field);
    for (const char* name : {"code", "name_vi", "name_en", "unit", "aggregation", "periodicity",
                             "counted_from", "decimals", "max"}) {
        EXPECT_TRUE(fields.contains(name)) << name;
    }
}

TEST(IndicatorCheckDefinition, AcceptsAnEnteredAndACountedIndicator) {
    IndicatorFields f = Exports();
    f.counted_from = "";
    EXPECT_TRUE(CheckDefinition(f));
    IndicatorFields c = Exports();
    c.code = "agreements_signed";
    c.source = "counted";
    c.counted_from = "agreements_signed";
    c.periodicity = "year";
    c.decimals = 0;
    EXPECT_TRUE(CheckDefinition(c));
    c.periodicity = "month";
    auto r = CheckDefinition(c);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "periodicity");
}

TEST(IndicatorPeriods, GiveTheDaysAndTheGenerationOfTheProvinces) {
    auto q2 = PeriodDays(Periodicity::kQuarter, 2025, 2);
    ASSERT_TRUE(q2);
    EXPECT_EQ(q2->first.ToIso(), "2025-04-01");
    EXPECT_EQ(q2->second.ToIso(), "2025-06-30");
    EXPECT_EQ(GenerationOn(q2->second), 1);
    auto q3 = PeriodDays(Periodicity::kQuarter, 2025, 3);
    EXPECT_EQ(GenerationOn(q3->second), 2);
    EXPECT_EQ(PeriodDays(Periodicity::kMonth, 2024, 2)->second.ToIso(), "2024-02-29");
    EXPECT_EQ(PeriodDays(Periodicity::kYear, 2024, 1)->second.ToIso(), "2024-12-31");
    EXPECT_FALSE(PeriodDays(Periodicity::kMonth, 2024, 13));
    EXPECT_FALSE(PeriodDays(Periodicity::kQuarter, 2024, 0));
    EXPECT_FALSE(PeriodDays(Periodicity::kYear, 2024, 2));
    EXPECT_FALSE(PeriodDays(Periodicity::kYear, 1999, 1));
    EXPECT_EQ(PeriodEndMonth(Periodicity::kQuarter, 3), 9);
    EXPECT_EQ(PeriodName(Periodicity::kQuarter, 2025, 3, "vi"), "Quý 3/2025");
    EXPECT_EQ(PeriodName(Periodicity::kMonth, 2025, 7, "en"), "July 2025");
}

TEST(IndicatorWorkflow, FollowsTheStepsAndTheirRights) {
    Rights province{true, true, false, false};
    Rights mofa{true, false, true, false};
    Rights admin{true, true, true, true};
    EXPECT_EQ(PlanStep("", "submit", province, "").value(), Status::kSubmitted);
    EXPECT_EQ(PlanStep("returned", "submit", province, "").value(), Status::kSubmitted);
    EXPECT_EQ(PlanStep("draft", "submit", mofa, "").error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(PlanStep("submitted", "submit", province, "").error().code,
              ErrorCode::kFailedPrecondition);
    EXPECT_EQ(PlanStep("submitted", "approve", province, "").error().code,
              ErrorCode::kPermissionDenied);
    EXPECT_EQ(PlanStep("submitted", "approve", mofa, "").value(), Status::kApproved);
    EXPECT_EQ(PlanStep("draft", "approve", mofa, "").error().code, ErrorCode::kFailedPrecondition);
    auto no_comment = PlanStep("submitted", "return", mofa, "  ");
    ASSERT_FALSE(no_comment);
    EXPECT_EQ(no_comment.error().field, "comment");
    EXPECT_EQ(PlanStep("submitted", "return", mofa, "Thiếu nguồn").value(), Status::kReturned);
    EXPECT_EQ(PlanStep("approved", "reopen", mofa, "x").error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(PlanStep("approved", "reopen", admin, "").error().field, "comment");
    EXPECT_EQ(PlanStep("approved", "reopen", admin, "Sửa số liệu").value(), Status::kReturned);
    EXPECT_EQ(PlanStep("draft", "publish", admin, "").error().field, "action");
    EXPECT_EQ(StepsFor("submitted", admin), (std::vector<std::string>{"approve", "return"}));
    EXPECT_EQ(StepsFor("approved", admin), (std::vector<std::string>{"reopen"}));
    EXPECT_EQ(StepsFor("draft", province), (std::vector<std::string>{"submit"}));
    EXPECT_TRUE(StepsFor("approved", province).empty());
    EXPECT_TRUE(IsEditable("returned"));
    EXPECT_FALSE(IsEditable("submitted"));
    EXPECT_FALSE(IsEditable("approved"));
}

TEST(IndicatorCompleteness, TellsOnTimeFromLate) {
    Date due = *Date::FromYmd(2025, 1, 31);
    EXPECT_EQ(CompletenessState("", std::nullopt, due), "not_started");
    EXPECT_EQ(CompletenessState("draft", std::nullopt, due), "draft");
    EXPECT_EQ(CompletenessState("submitted", Date::FromYmd(2025, 1, 31), due), "submitted_on_time");
    EXPECT_EQ(CompletenessState("submitted", Date::FromYmd(2025, 2, 1), due), "submitted_late");
    EXPECT_EQ(CompletenessState("returned", Date::FromYmd(2025, 1, 2), due), "returned");
    EXPECT_EQ(CompletenessState("approved", Date::FromYmd(2025, 1, 2), due), "approved");
}

}  // namespace
}  // namespace ngoaivu::indicators
