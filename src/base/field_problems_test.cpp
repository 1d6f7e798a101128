#include "base/field_problems.hpp"

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/code.hpp"

namespace ngoaivu {
namespace {

Date Ymd(int year, int month, int day) {
    const std::optional<Date> date = Date::FromYmd(year, month, day);
    EXPECT_TRUE(date.has_value()) << year << "-" << month << "-" << day;
    return date.value_or(Date::FromDays(0));
}

// An enum backed by a list of codes, as the modules declare theirs.
enum class Colour { kRed, kGreen, kBlue };

const std::vector<Code>& Colours() {
    static const std::vector<Code> kList = {
        {"red", "Đỏ", "Red"},
        {"green", "Xanh lá", "Green"},
        {"blue", "Xanh dương", "Blue"},
    };
    return kList;
}

TEST(CodeTest, CodeOfAndEnumOfFollowTheOrderOfTheList) {
    for (Colour c : {Colour::kRed, Colour::kGreen, Colour::kBlue}) {
        const std::string_view code = CodeOf(Colours(), c);
        EXPECT_EQ(EnumOf(Colours(), code, Colour::kBlue), c) << code;
    }
    EXPECT_EQ(CodeOf(Colours(), Colour::kGreen), "green");
    EXPECT_EQ(EnumOf(Colours(), "blue", Colour::kBlue), Colour::kBlue);
    EXPECT_EQ(EnumOf(Colours(), "purple", Colour::kBlue), std::nullopt);
    EXPECT_EQ(EnumOf(Colours(), "", Colour::kBlue), std::nullopt);
    EXPECT_EQ(EnumOf(Colours(), "Red", Colour::kBlue), std::nullopt);  // codes are exact
}

TEST(CodeTest, NamesFallBackToTheCode) {
    EXPECT_EQ(NameVi(Colours(), "green"), "Xanh lá");
    EXPECT_EQ(NameEn(Colours(), "green"), "Green");
    EXPECT_EQ(NameVi(Colours(), "purple"), "purple");
    EXPECT_EQ(NameEn(Colours(), "purple"), "purple");
}

TEST(FieldProblemsTest, CleanInputNormalisesTrimsAndDropsInvalidText) {
    EXPECT_EQ(CleanInput("  Hà Nội \t"), "Hà Nội");
    // "e" + combining circumflex + combining dot below → "ệ" (NFC).
    EXPECT_EQ(CleanInput(" e\xCC\x82\xCC\xA3 "), "\xE1\xBB\x87");
    EXPECT_EQ(CleanInput("\xC3\x28"), "");
    EXPECT_EQ(CleanInput(""), "");
}

TEST(FieldProblemsTest, EchoInputCutsLongValuesAndHidesInvalidText) {
    EXPECT_EQ(EchoInput("abc"), "abc");
    EXPECT_EQ(EchoInput("\xFF"), "?");
    const std::string sixty(60, 'x');
    EXPECT_EQ(EchoInput(sixty), sixty);
    EXPECT_EQ(EchoInput(sixty + "y"), sixty + "…");
    std::string accented;
    for (int i = 0; i < 61; ++i)
        accented += "ệ";
    std::string cut;
    for (int i = 0; i < 60; ++i)
        cut += "ệ";
    EXPECT_EQ(EchoInput(accented), cut + "…");
}

TEST(FieldProblemsTest, ItemFieldAndIsAlpha2) {
    EXPECT_EQ(ItemField("members", 2), "members[2]");
    EXPECT_EQ(ItemField("programme", 1, "day"), "programme[1].day");
    EXPECT_TRUE(IsAlpha2("KR"));
    EXPECT_FALSE(IsAlpha2("kr"));
    EXPECT_FALSE(IsAlpha2("K"));
    EXPECT_FALSE(IsAlpha2("KOR"));
    EXPECT_FALSE(IsAlpha2("K1"));
    EXPECT_FALSE(IsAlpha2(""));
}

TEST(FieldProblemsTest, StartsEmptyAndReportsEveryProblemInOrder) {
    FieldProblems p;
    EXPECT_TRUE(p.empty());
    p.Add("a", "A vi", "A en");
    p.Add("b", "B vi", "B en");
    EXPECT_FALSE(p.empty());
    const Error e = p.ToError();
    EXPECT_EQ(e.code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(e.field, "a");
    EXPECT_EQ(e.message_vi, "A vi");
    EXPECT_EQ(e.message_en, "A en");
    ASSERT_EQ(e.fields.size(), 2U);
    EXPECT_EQ(e.fields[1].field, "b");
    EXPECT_EQ(e.fields[1].message_vi, "B vi");
    EXPECT_EQ(e.fields[1].message_en, "B en");
}

TEST(FieldProblemsTest, TextChecksUtf8RequiredAndLengthInCharacters) {
    FieldProblems p;
    EXPECT_EQ(p.Text("title", "  Đoàn  ", 4, true, "Tên đoàn", "The title"), "Đoàn");
    EXPECT_EQ(p.Text("note", "   ", 10, false, "Ghi chú", "The note"), "");
    EXPECT_TRUE(p.empty());  // 4 characters (5 bytes) fit 4; blank is fine when not required

    EXPECT_EQ(p.Text("title", " ", 10, true, "Tên đoàn", "The title"), "");
    EXPECT_EQ(p.Text("note", "Đoàn ra", 6, false, "Ghi chú", "The note"), "Đoàn ra");
    EXPECT_EQ(p.Text("purpose", "\xC3\x28", 10, true, "Mục đích", "The purpose"), "");
    const Error e = p.ToError();
    ASSERT_EQ(e.fields.size(), 3U);
    EXPECT_EQ(e.fields[0].field, "title");
    EXPECT_EQ(e.fields[0].message_vi, "Cần nhập Tên đoàn.");
    EXPECT_EQ(e.fields[0].message_en, "The title is required.");
    EXPECT_EQ(e.fields[1].field, "note");
    EXPECT_EQ(e.fields[1].message_vi, "Ghi chú dài quá 6 ký tự.");
    EXPECT_EQ(e.fields[1].message_en, "The note is longer than 6 characters.");
    EXPECT_EQ(e.fields[2].field, "purpose");
    EXPECT_EQ(e.fields[2].message_vi, "Mục đích: văn bản không hợp lệ (không phải UTF-8).");
    EXPECT_EQ(e.fields[2].message_en, "The purpose: invalid text (not UTF-8).");
}

TEST(FieldProblemsTest, ListingCodesWordingOfTextAndInList) {
    FieldProblems p(FieldProblems::Wording::kListingCodes);
    p.Text("title_vi", "", 10, true, "Tên sự kiện", "The title");
    p.InList("colour", "green", Colours(), "Màu", "The colour");
    p.InList("colour", "purple", Colours(), "Màu", "The colour");
    p.InList("colour", "\xFF", Colours(), "Màu", "The colour");
    const Error e = p.ToError();
    ASSERT_EQ(e.fields.size(), 3U);
    EXPECT_EQ(e.fields[0].message_vi, "Tên sự kiện là bắt buộc.");
    EXPECT_EQ(e.fields[0].message_en, "The title is required.");
    EXPECT_EQ(e.fields[1].message_vi, "Màu \"purple\" không có trong danh mục (red, green, blue).");
    EXPECT_EQ(e.fields[1].message_en, "The colour \"purple\" is not one of red, green, blue.");
    EXPECT_EQ(e.fields[2].message_en, "The colour \"?\" is not one of red, green, blue.");
}

TEST(FieldProblemsTest, PlainWordingOfInList) {
    FieldProblems p;
    p.InList("colour", "red", Colours(), "Màu", "The colour");
    EXPECT_TRUE(p.empty());
    p.InList("colour", "purple", Colours(), "Màu", "The colour");
    const Error e = p.ToError();
    EXPECT_EQ(e.field, "colour");
    EXPECT_EQ(e.message_vi, "Màu \"purple\" không có trong danh mục.");
    EXPECT_EQ(e.message_en, "The colour \"purple\" is not one of the allowed values.");
}

TEST(FieldProblemsTest, CountAllowsUpToTheMaximum) {
    FieldProblems p;
    EXPECT_TRUE(p.Count("sessions", 3, 3, "Phiên", "Sessions"));
    EXPECT_TRUE(p.empty());
    EXPECT_FALSE(p.Count("sessions", 4, 3, "Phiên", "Sessions"));
    const Error e = p.ToError();
    EXPECT_EQ(e.field, "sessions");
    EXPECT_EQ(e.message_vi, "Phiên: tối đa 3 mục (có 4).");
    EXPECT_EQ(e.message_en, "Sessions: at most 3 items (4 given).");
}

struct Step {
    Date happened_on = Date::FromDays(0);
};

TEST(FieldProblemsTest, LatestHappenedOnIsTheLatestDayWhateverTheOrder) {
    EXPECT_EQ(LatestHappenedOn(std::vector<Step>{}), std::nullopt);
    const std::vector<Step> steps = {{Ymd(2025, 3, 1)}, {Ymd(2025, 5, 2)}, {Ymd(2025, 4, 9)}};
    EXPECT_EQ(LatestHappenedOn(steps), Ymd(2025, 5, 2));
}

TEST(FieldProblemsTest, CheckStepDate) {
    const Date today = Ymd(2025, 7, 10);

    auto missing = CheckStepDate(std::nullopt, today, std::nullopt);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(missing.error().field, "date");
    EXPECT_EQ(missing.error().message_en, "The date of the step is required (dd/mm/yyyy).");

    auto future = CheckStepDate(Ymd(2025, 7, 11), today, std::nullopt);
    ASSERT_FALSE(future);
    EXPECT_EQ(future.error().field, "date");
    EXPECT_EQ(future.error().message_vi,
              "Ngày thực hiện 11/07/2025 chưa đến (hôm nay là 10/07/2025).");
    EXPECT_EQ(future.error().message_en,
              "The date 11/07/2025 is in the future (today is 10/07/2025).");

    auto early = CheckStepDate(Ymd(2025, 7, 1), today, Ymd(2025, 7, 2));
    ASSERT_FALSE(early);
    EXPECT_EQ(early.error().field, "date");
    EXPECT_EQ(early.error().message_en,
              "The date 01/07/2025 is before the latest step (02/07/2025): steps must follow each "
              "other in time.");

    auto same_day = CheckStepDate(Ymd(2025, 7, 2), today, Ymd(2025, 7, 2));
    ASSERT_TRUE(same_day);
    EXPECT_EQ(*same_day, Ymd(2025, 7, 2));
    auto today_ok = CheckStepDate(today, today, std::nullopt);
    ASSERT_TRUE(today_ok);
    EXPECT_EQ(*today_ok, today);
}

TEST(FieldProblemsTest, StepNotPossibleNamesTheStepAndTheState) {
    const std::vector<Code> actions = {{"paint", "Sơn", "Paint"}};
    const Error e = StepNotPossible(actions, "paint", Colours(), "red", "xe", "the car");
    EXPECT_EQ(e.code, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(e.field, "action");
    EXPECT_EQ(e.message_vi, "Không thể thực hiện bước \"Sơn\" khi xe đang ở trạng thái \"Đỏ\".");
    EXPECT_EQ(e.message_en, "The step \"Paint\" is not possible while the car is \"Red\".");
    const Error unknown = StepNotPossible(actions, "wash", Colours(), "red", "xe", "the car");
    EXPECT_EQ(unknown.message_en, "The step \"wash\" is not possible while the car is \"Red\".");
}

}  // namespace
}  // namespace ngoaivu
