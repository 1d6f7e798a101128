#include "modules/events/event_rules.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include <gtest/gtest.h>

#include "base/text.hpp"

namespace ngoaivu::events {
namespace {

Date D(int y, int m, int d) {
    return *Date::FromYmd(y, m, d);
}

// The statutory holidays of `years` (Labour Code 2019 Art. 112, with the compensatory days), as
// the calendar module seeds them. In 2026: 1/1; Tết 16–20/02; Hùng Kings on Sunday 26/04 with
// Monday 27/04 off instead; 30/04 and 01/05 (Thursday, Friday); 01/09 and 02/09.
WorkingCalendar Statutory(std::initializer_list<int> years) {
    std::set<Date> holidays;
    for (int y : years) {
        for (const auto& h : StatutoryHolidays(y))
            holidays.insert(h.day);
    }
    return WorkingCalendar(holidays, {});
}

// A conference a province hosts, decided by its chairman: a deputy minister at most, no
// sensitive topic.
EventFields ProvincialConference() {
    EventFields f;
    f.title_vi = "Hội thảo quốc tế hợp tác địa phương Việt Nam – Hàn Quốc";
    f.title_en = "International seminar on Viet Nam – Korea local cooperation";
    f.type = "international_conference";
    f.theme = "Hợp tác địa phương vì phát triển bền vững";
    f.starts_on = D(2026, 5, 20);
    f.ends_on = D(2026, 5, 21);
    f.format = "in_person";
    f.venue = "Trung tâm Hội nghị tỉnh";
    f.organisers = {"Sở Ngoại vụ tỉnh Đồng Nai"};
    f.admin_unit_ids = {75};
    f.countries = {"KR"};
    f.participants = {120, 30, "deputy_minister", 150};
    f.sessions = {{"Khai mạc", D(2026, 5, 20), "08:30", "11:30", {"Chủ tịch UBND tỉnh"}, {}}};
    return f;
}

// The 21st National Conference on Local Foreign Affairs (DOMAIN.md, "Real facts"): 18/12/2023
// in Hà Nội, within the 32nd Diplomatic Conference, over 300 delegates in person.
EventFields TwentyFirstConference() {
    EventFields f;
    f.title_vi = "Hội nghị Ngoại vụ toàn quốc lần thứ 21";
    f.title_en = "21st National Conference on Local Foreign Affairs";
    f.type = "national_review_conference";
    f.theme =
        "Phát huy vai trò tiên phong của đối ngoại phục vụ phát triển bền vững của các địa "
        "phương";
    f.starts_on = D(2023, 12, 18);
    f.ends_on = D(2023, 12, 18);
    f.format = "in_person";
    f.venue = "Hà Nội";
    f.organisers = {"Bộ Ngoại giao"};
    f.national = true;
    f.participants.delegates_in_person = 300;
    f.sessions = {
        {"Phiên thảo luận thứ nhất", D(2023, 12, 18), "08:00", "10:00", {}, {}},
        {"Phiên thảo luận thứ hai", D(2023, 12, 18), "10:15", "12:00", {}, {}},
        {"Thu hút đầu tư chất lượng cao cho phát triển xanh, bền vững",
         D(2023, 12, 18),
         "14:00",
         "17:00",
         {},
         {}},
    };
    f.awards = {{"medal_vi_su_nghiep_ngoai_giao", "Lãnh đạo các địa phương", "person", {}, ""},
                {"certificate_of_merit_minister", "Sở Ngoại vụ các tỉnh", "organisation", {}, ""}};
    f.press_links = {{"Hội nghị Ngoại vụ toàn quốc lần thứ 21", "https://baoquocte.vn/hnnv21",
                      "Báo Thế giới và Việt Nam", D(2023, 12, 18)}};
    f.ordinal = 21;
    return f;
}

const Date kToday = D(2026, 6, 30);

// The names of the fields an error lists.
std::vector<std::string> FieldsOf(const Result<void>& r) {
    std::vector<std::string> out;
    if (r.ok())
        return out;
    for (const auto& f : r.error().fields)
        out.push_back(f.field);
    return out;
}

// Expects `f` to be refused with a problem on `field`, explained in both languages.
void ExpectProblem(const EventFields& f, const std::string& field) {
    auto r = ValidateFields(f, kToday);
    ASSERT_FALSE(r.ok()) << "expected a problem on " << field;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    auto fields = FieldsOf(r);
    EXPECT_NE(std::find(fields.begin(), fields.end(), field), fields.end())
        << "no problem on " << field << "; first: " << r.error().field << " ("
        << r.error().message_en << ")";
    for (const auto& p : r.error().fields) {
        EXPECT_FALSE(p.message_vi.empty()) << p.field;
        EXPECT_FALSE(p.message_en.empty()) << p.field;
    }
}

// ---- Closed lists -------------------------------------------------------------------------

TEST(EventLists, CodesAreUniqueAndNamedInBothLanguages) {
    for (const auto* list : {&Types(), &Formats(), &Statuses(), &Deciders(), &SensitiveTopics(),
                             &ForeignRanks(), &AwardKinds(), &RecipientKinds(), &DeadlineKinds(),
                             &Outcomes(), &CompetenceReasons(), &Actions()}) {
        std::set<std::string_view> seen;
        for (const auto& c : *list) {
            EXPECT_TRUE(seen.insert(c.code).second) << c.code;
            EXPECT_FALSE(c.vi.empty()) << c.code;
            EXPECT_FALSE(c.en.empty()) << c.code;
        }
    }
    for (auto code :
         {"international_conference", "trade_promotion", "exhibition", "cultural_diplomacy",
          "national_review_conference", "diplomatic_conference", "other"}) {
        EXPECT_NE(FindCode(Types(), code), nullptr) << code;
    }
    for (auto code : {"head_of_state_or_government", "minister_or_higher", "deputy_minister",
                      "ambassador", "other_official", "expert", "none"}) {
        EXPECT_NE(FindCode(ForeignRanks(), code), nullptr) << code;
    }
    EXPECT_NE(FindCode(AwardKinds(), "medal_vi_su_nghiep_ngoai_giao"), nullptr);
}

TEST(EventLists, StatusDeciderAndDeadlineCodesRoundTrip) {
    ASSERT_EQ(Statuses().size(), 9u);
    for (const auto& c : Statuses()) {
        auto s = ParseStatus(c.code);
        ASSERT_TRUE(s.has_value()) << c.code;
        EXPECT_EQ(StatusCode(*s), c.code);
    }
    for (const auto& c : Deciders()) {
        auto d = ParseDecider(c.code);
        ASSERT_TRUE(d.has_value()) << c.code;
        EXPECT_EQ(DeciderCode(*d), c.code);
    }
    for (const auto& c : DeadlineKinds()) {
        auto k = ParseDeadlineKind(c.code);
        ASSERT_TRUE(k.has_value()) << c.code;
        EXPECT_EQ(DeadlineKindCode(*k), c.code);
    }
    EXPECT_EQ(StatusCode(Status::kSubmittedPm), "submitted_pm");
    EXPECT_EQ(DeciderCode(Decider::kProvincialChairman), "provincial_chairman");
    EXPECT_EQ(ParseStatus("Planned"), std::nullopt);
    EXPECT_EQ(ParseDecider("president"), std::nullopt);
    EXPECT_EQ(ParseDeadlineKind(""), std::nullopt);
}

// ---- Competence (Decision 06/2020) ---------------------------------------------------------

TEST(WhoDecides, OnlyInternationalConferencesNeedPermission) {
    for (const auto& t : Types()) {
        EventFields f = ProvincialConference();
        f.type = std::string(t.code);
        f.participants.highest_foreign_rank = "head_of_state_or_government";
        Competence c = WhoDecides(f);
        if (t.code == "international_conference") {
            EXPECT_EQ(c.decider, Decider::kPrimeMinister);
        } else {
            EXPECT_EQ(c.decider, Decider::kNone) << t.code;
            ASSERT_EQ(c.reasons.size(), 1u);
            EXPECT_EQ(c.reasons[0].code, "not_conference");
        }
    }
    EXPECT_EQ(WhoDecides(TwentyFirstConference()).decider, Decider::kNone);
}

TEST(WhoDecides, TheChairmanDecidesBelowMinisterialLevelWithoutSensitiveTopics) {
    for (auto rank : {"deputy_minister", "ambassador", "other_official", "expert", "none"}) {
        EventFields f = ProvincialConference();
        f.participants.highest_foreign_rank = rank;
        Competence c = WhoDecides(f);
        EXPECT_EQ(c.decider, Decider::kProvincialChairman) << rank;
        ASSERT_EQ(c.reasons.size(), 1u);
        EXPECT_EQ(c.reasons[0].code, "provincial");
        EXPECT_NE(c.reasons[0].message_vi.find("Chủ tịch"), std::string::npos);
        EXPECT_NE(c.reasons[0].message_en.find("Chairman"), std::string::npos);
    }
}

TEST(WhoDecides, MinisterialForeignGuestsGoToThePrimeMinister) {
    for (auto rank : {"minister_or_higher", "head_of_state_or_government"}) {
        EventFields f = ProvincialConference();
        f.participants.highest_foreign_rank = rank;
        Competence c = WhoDecides(f);
        EXPECT_EQ(c.decider, Decider::kPrimeMinister) << rank;
        ASSERT_EQ(c.reasons.size(), 1u);
        EXPECT_EQ(c.reasons[0].code, "foreign_rank");
        EXPECT_EQ(c.reasons[0].detail, rank);
        EXPECT_NE(c.reasons[0].message_vi.find("Thủ tướng"), std::string::npos);
        EXPECT_NE(c.reasons[0].message_en.find("Prime Minister"), std::string::npos);
    }
}

TEST(WhoDecides, EverySensitiveTopicGoesToThePrimeMinister) {
    for (const auto& topic : SensitiveTopics()) {
        EventFields f = ProvincialConference();
        f.sensitive_topics = {std::string(topic.code)};
        Competence c = WhoDecides(f);
        EXPECT_EQ(c.decider, Decider::kPrimeMinister) << topic.code;
        ASSERT_EQ(c.reasons.size(), 1u);
        EXPECT_EQ(c.reasons[0].code, "sensitive_topic");
        EXPECT_EQ(c.reasons[0].detail, topic.code);
        EXPECT_NE(c.reasons[0].message_vi.find(std::string(topic.vi)), std::string::npos);
        EXPECT_NE(c.reasons[0].message_en.find(std::string(topic.en)), std::string::npos);
    }
}

TEST(WhoDecides, StateSecretsGoToThePrimeMinister) {
    EventFields f = ProvincialConference();
    f.state_secret = true;
    Competence c = WhoDecides(f);
    EXPECT_EQ(c.decider, Decider::kPrimeMinister);
    ASSERT_EQ(c.reasons.size(), 1u);
    EXPECT_EQ(c.reasons[0].code, "state_secret");
}

TEST(WhoDecides, EveryReasonIsGivenInTheOrderOfTheLists) {
    EventFields f = ProvincialConference();
    f.participants.highest_foreign_rank = "minister_or_higher";
    f.sensitive_topics = {"religion", "sovereignty"};
    f.state_secret = true;
    Competence c = WhoDecides(f);
    EXPECT_EQ(c.decider, Decider::kPrimeMinister);
    ASSERT_EQ(c.reasons.size(), 4u);
    EXPECT_EQ(c.reasons[0].code, "foreign_rank");
    EXPECT_EQ(c.reasons[1].detail, "sovereignty");
    EXPECT_EQ(c.reasons[2].detail, "religion");
    EXPECT_EQ(c.reasons[3].code, "state_secret");
    for (const auto& r : c.reasons)
        EXPECT_NE(FindCode(CompetenceReasons(), r.code), nullptr) << r.code;
}

TEST(WhoDecides, ANationalConferenceIsForTheMinisterUnlessThePrimeMinisterDecides) {
    EventFields f = ProvincialConference();
    f.national = true;
    f.admin_unit_ids.clear();
    Competence c = WhoDecides(f);
    EXPECT_EQ(c.decider, Decider::kMinister);
    EXPECT_EQ(c.reasons.at(0).code, "national");
    f.sensitive_topics = {"human_rights"};
    EXPECT_EQ(WhoDecides(f).decider, Decider::kPrimeMinister);
}

// ---- Lead time -----------------------------------------------------------------------------

TEST(LateRequest, ThirtyDaysAheadIsOnTimeForTheChairmanAndTwentyNineIsLate) {
    EventFields f = ProvincialConference();  // opens Wednesday 20/05/2026
    EXPECT_EQ(LeadDays(Decider::kProvincialChairman), 30);
    EXPECT_EQ(LateRequest(f, D(2026, 4, 1)), std::nullopt);
    EXPECT_EQ(LateRequest(f, D(2026, 4, 20)), std::nullopt);  // exactly 30 days before
    auto w = LateRequest(f, D(2026, 4, 21));                  // 29 days before
    ASSERT_TRUE(w.has_value());
    EXPECT_EQ(w->code, "late_request");
    EXPECT_EQ(w->days_short, 1);
    EXPECT_EQ(w->latest_on, D(2026, 4, 20));
    EXPECT_NE(w->message_vi.find("21/04/2026"), std::string::npos) << w->message_vi;
    EXPECT_NE(w->message_vi.find("20/05/2026"), std::string::npos);
    EXPECT_NE(w->message_vi.find("20/04/2026"), std::string::npos);
    EXPECT_NE(w->message_vi.find("29 ngày"), std::string::npos);
    EXPECT_NE(w->message_vi.find("chậm 1 ngày"), std::string::npos);
    EXPECT_NE(w->message_vi.find("30 ngày"), std::string::npos);
    EXPECT_NE(w->message_en.find("1 day late"), std::string::npos) << w->message_en;
    EXPECT_NE(w->message_en.find("29 days before"), std::string::npos);
}

TEST(LateRequest, FortyDaysAheadIsOnTimeForThePrimeMinisterAndThirtyNineIsLate) {
    EventFields f = ProvincialConference();
    f.participants.highest_foreign_rank = "minister_or_higher";
    EXPECT_EQ(LeadDays(Decider::kPrimeMinister), 40);
    EXPECT_EQ(LateRequest(f, D(2026, 4, 10)), std::nullopt);  // exactly 40 days before
    auto w = LateRequest(f, D(2026, 4, 11));                  // 39 days before
    ASSERT_TRUE(w.has_value());
    EXPECT_EQ(w->days_short, 1);
    EXPECT_EQ(w->latest_on, D(2026, 4, 10));
    EXPECT_NE(w->message_vi.find("Thủ tướng"), std::string::npos);
    EXPECT_NE(w->message_vi.find("40 ngày"), std::string::npos);
    EXPECT_NE(w->message_en.find("Prime Minister"), std::string::npos);
    // 30 days before is on time for a chairman, but 10 days short for the Prime Minister.
    auto thirty = LateRequest(f, D(2026, 4, 20));
    ASSERT_TRUE(thirty.has_value());
    EXPECT_EQ(thirty->days_short, 10);
    EXPECT_NE(thirty->message_en.find("10 days late"), std::string::npos);
}

TEST(LateRequest, OnTheOpeningDayAndForEventsWithoutPermission) {
    EventFields f = ProvincialConference();
    auto same_day = LateRequest(f, D(2026, 5, 20));
    ASSERT_TRUE(same_day.has_value());
    EXPECT_EQ(same_day->days_short, 30);
    EXPECT_NE(same_day->message_vi.find("đúng ngày khai mạc"), std::string::npos);
    f.type = "trade_promotion";
    EXPECT_EQ(LateRequest(f, D(2026, 5, 19)), std::nullopt);
    EXPECT_EQ(LeadDays(Decider::kNone), 0);
    EXPECT_EQ(LeadDays(Decider::kMinister), 30);
}

// ---- Deadlines -----------------------------------------------------------------------------

TEST(Deadlines, ConsultationsAreDueFifteenCalendarDaysLater) {
    WorkingCalendar cal = Statutory({2026});
    // Monday 02/03 + 15 = Tuesday 17/03, a working day.
    EXPECT_EQ(ConsultationDue(D(2026, 3, 2), cal), D(2026, 3, 17));
    // Friday 10/04 + 15 = Saturday 25/04; Sunday 26/04 is the Hùng Kings' day and Monday 27/04
    // its compensatory day off: the period ends on Tuesday 28/04.
    EXPECT_EQ(ConsultationDue(D(2026, 4, 10), cal), D(2026, 4, 28));
    // Wednesday 15/04 + 15 = Thursday 30/04, then 01/05 and the weekend: Monday 04/05.
    EXPECT_EQ(ConsultationDue(D(2026, 4, 15), cal), D(2026, 5, 4));
    // Without holidays only the weekend moves it.
    EXPECT_EQ(ConsultationDue(D(2026, 4, 15), WorkingCalendar()), D(2026, 4, 30));
}

TEST(Deadlines, TheResultReportIsDueFifteenDaysAfterTheLastDay) {
    WorkingCalendar cal = Statutory({2026});
    // Friday 27/03 + 15 = Saturday 11/04 → Monday 13/04.
    EXPECT_EQ(ResultReportDue(D(2026, 3, 27), cal), D(2026, 4, 13));
    // Tuesday 18/08 + 15 = Wednesday 02/09, National Day (01/09 also off): Thursday 03/09.
    EXPECT_EQ(ResultReportDue(D(2026, 8, 18), cal), D(2026, 9, 3));
    // Sunday 01/02 + 15 = Monday 16/02, the first day of Tết (16–20/02), then the weekend.
    EXPECT_EQ(ResultReportDue(D(2026, 2, 1), cal), D(2026, 2, 23));
    // Across the new year: Wednesday 17/12/2025 + 15 = Thursday 01/01/2026, a holiday.
    EXPECT_EQ(ResultReportDue(D(2025, 12, 17), Statutory({2025, 2026})), D(2026, 1, 2));
}

// ---- The yearly report ---------------------------------------------------------------------

TEST(ReportPeriod, RunsFromFifteenDecemberToFourteenDecemberDueOnTheEighteenth) {
    ReportPeriod p = YearlyReportPeriod(2025);
    EXPECT_EQ(p.year, 2025);
    EXPECT_EQ(p.from, D(2024, 12, 15));
    EXPECT_EQ(p.to, D(2025, 12, 14));
    EXPECT_EQ(p.due_on, D(2025, 12, 18));
    EXPECT_TRUE(p.Contains(D(2024, 12, 15)));
    EXPECT_TRUE(p.Contains(D(2025, 12, 14)));
    EXPECT_FALSE(p.Contains(D(2024, 12, 14)));
    EXPECT_FALSE(p.Contains(D(2025, 12, 15)));
    // Leap years change nothing: the period of 2024 starts on 15/12/2023.
    EXPECT_EQ(YearlyReportPeriod(2024).from, D(2023, 12, 15));
}

TEST(ReportPeriod, AnEventFromFifteenDecemberCountsInTheNextYearsReport) {
    EXPECT_EQ(ReportYearOf(D(2024, 12, 14)), 2024);
    EXPECT_EQ(ReportYearOf(D(2024, 12, 15)), 2025);
    EXPECT_EQ(ReportYearOf(D(2024, 12, 20)), 2025);
    EXPECT_EQ(ReportYearOf(D(2024, 12, 31)), 2025);
    EXPECT_EQ(ReportYearOf(D(2025, 1, 1)), 2025);
    EXPECT_EQ(ReportYearOf(D(2025, 11, 15)), 2025);
    // The 21st National Conference (18/12/2023) belongs to the 2024 report.
    EXPECT_EQ(ReportYearOf(TwentyFirstConference().starts_on), 2024);
    for (Date d = D(2023, 1, 1); d <= D(2026, 12, 31); d = d.AddDays(1))
        ASSERT_TRUE(YearlyReportPeriod(ReportYearOf(d)).Contains(d)) << d.ToDisplay();
}

// ---- Validation ----------------------------------------------------------------------------

TEST(ValidateFields, AcceptsARealConferenceAndAProvincialOne) {
    auto national = ValidateFields(TwentyFirstConference(), kToday);
    EXPECT_TRUE(national.ok()) << national.error().field << ": " << national.error().message_en;
    auto provincial = ValidateFields(ProvincialConference(), kToday);
    EXPECT_TRUE(provincial.ok()) << provincial.error().field << ": "
                                 << provincial.error().message_en;
}

TEST(ValidateFields, TitleIsRequiredAndAtMostFiveHundredCharacters) {
    EventFields f = ProvincialConference();
    f.title_vi = "   ";
    ExpectProblem(f, "title_vi");
    f.title_vi = "";
    for (int i = 0; i < 500; ++i)
        f.title_vi += "ạ";  // two bytes per character: characters are counted, not bytes
    EXPECT_TRUE(ValidateFields(f, kToday).ok());
    f.title_vi += "ạ";
    ExpectProblem(f, "title_vi");
    f.title_vi = "Hội thảo \xff";
    ExpectProblem(f, "title_vi");
    f = ProvincialConference();
    f.title_en = std::string(501, 'a');
    ExpectProblem(f, "title_en");
}

TEST(ValidateFields, CodesMustBeInTheirLists) {
    EventFields f = ProvincialConference();
    f.type = "conference";
    ExpectProblem(f, "type");
    f = ProvincialConference();
    f.format = "radio";
    ExpectProblem(f, "format");
    f = ProvincialConference();
    f.participants.highest_foreign_rank = "king";
    ExpectProblem(f, "participants.highest_foreign_rank");
    f = ProvincialConference();
    f.sensitive_topics = {"politics"};
    ExpectProblem(f, "sensitive_topics");
    f.sensitive_topics = {"religion", "religion"};
    ExpectProblem(f, "sensitive_topics");
    f = ProvincialConference();
    f.type = "\xc3";
    auto r = ValidateFields(f, kToday);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(text::IsValidUtf8(r.error().message_en));  // invalid input is never echoed
}

TEST(ValidateFields, DatesAreInOrderAndWithinRange) {
    EventFields f = ProvincialConference();
    f.ends_on = D(2026, 5, 19);
    ExpectProblem(f, "ends_on");
    f.starts_on = D(1944, 12, 31);
    f.ends_on = D(1945, 1, 2);
    ExpectProblem(f, "starts_on");
    f.starts_on = D(2037, 1, 1);  // more than ten years after 2026
    f.ends_on = f.starts_on;
    ExpectProblem(f, "starts_on");
    f.starts_on = D(2036, 12, 31);
    f.ends_on = f.starts_on;
    f.sessions.clear();
    EXPECT_TRUE(ValidateFields(f, kToday).ok());
    f.starts_on = D(2026, 1, 1);
    f.ends_on = D(2027, 1, 1);  // 366 days
    EXPECT_TRUE(ValidateFields(f, kToday).ok());
    f.ends_on = D(2027, 1, 2);
    ExpectProblem(f, "ends_on");
}

TEST(ValidateFields, OnlineEventsNeedABridgePointOrAVenue) {
    EventFields f = ProvincialConference();
    f.format = "online";
    f.venue = "";
    ExpectProblem(f, "bridge_points");
    f.format = "hybrid";
    ExpectProblem(f, "bridge_points");
    f.venue = "Hà Nội";
    EXPECT_TRUE(ValidateFields(f, kToday).ok());
    f.venue = "";
    f.bridge_points = {{"Điểm cầu Đắk Lắk", 66}};
    EXPECT_TRUE(ValidateFields(f, kToday).ok());
    f.format = "in_person";
    f.venue = "Hội trường";
    ExpectProblem(f, "bridge_points");
}

TEST(ValidateFields, BridgePointsAreNamedOnceWithAValidProvince) {
    EventFields f = ProvincialConference();
    f.format = "online";
    f.bridge_points = {{" ", std::nullopt}};
    ExpectProblem(f, "bridge_points[0].name");
    f.bridge_points = {{"Điểm cầu Đắk Lắk", 66}, {"diem cau dak lak", std::nullopt}};
    ExpectProblem(f, "bridge_points[1].name");
    f.bridge_points = {{"Điểm cầu Hà Tĩnh", 0}};
    ExpectProblem(f, "bridge_points[0].admin_unit_id");
}

TEST(ValidateFields, OrganisersAndProvincesAreRequiredAsTheEventNeeds) {
    EventFields f = ProvincialConference();
    f.organisers.clear();
    ExpectProblem(f, "organisers");
    f.organisers = {""};
    ExpectProblem(f, "organisers[0]");
    f.organisers = {std::string(301, 'x')};
    ExpectProblem(f, "organisers[0]");
    f = ProvincialConference();
    f.admin_unit_ids.clear();
    ExpectProblem(f, "admin_unit_ids");
    f.admin_unit_ids = {75, 75};
    ExpectProblem(f, "admin_unit_ids");
    f.admin_unit_ids = {-1};
    ExpectProblem(f, "admin_unit_ids");
    f.admin_unit_ids = {75};
    f.national = true;
    ExpectProblem(f, "admin_unit_ids");
    f = TwentyFirstConference();
    f.national = false;
    f.admin_unit_ids = {1};
    ExpectProblem(f, "national");
}

TEST(ValidateFields, CountriesAreForeignIsoCodes) {
    EventFields f = ProvincialConference();
    f.countries = {"KOR"};
    ExpectProblem(f, "countries");
    f.countries = {"VN"};
    ExpectProblem(f, "countries");
    f.countries = {"KR", "KR"};
    ExpectProblem(f, "countries");
    f.countries = {"KR", "JP", "LA"};
    EXPECT_TRUE(ValidateFields(f, kToday).ok());
}

TEST(ValidateFields, ParticipantsAreCountedFromZeroWithAMatchingRank) {
    EventFields f = ProvincialConference();
    f.participants.vietnamese = -1;
    ExpectProblem(f, "participants.vietnamese");
    f = ProvincialConference();
    f.participants.foreign = -5;
    ExpectProblem(f, "participants.foreign");
    f = ProvincialConference();
    f.participants.delegates_in_person = kMaxParticipants + 1;
    ExpectProblem(f, "participants.delegates_in_person");
    f = ProvincialConference();
    f.participants.delegates_in_person = 151;  // 120 Vietnamese + 30 foreign
    ExpectProblem(f, "participants.delegates_in_person");
    f = ProvincialConference();
    f.participants.highest_foreign_rank = "none";
    ExpectProblem(f, "participants.highest_foreign_rank");
    f = ProvincialConference();
    f.participants.foreign = 0;
    f.participants.delegates_in_person = 0;
    ExpectProblem(f, "participants.foreign");
    f.participants.highest_foreign_rank = "none";
    f.countries.clear();
    EXPECT_TRUE(ValidateFields(f, kToday).ok());
}

TEST(ValidateFields, SessionsFallOnTheEventsDaysWithValidTimes) {
    EventFields f = ProvincialConference();
    Session s = f.sessions[0];
    f.sessions = {s};
    f.sessions[0].title = "";
    ExpectProblem(f, "sessions[0].title");
    f.sessions = {s, s};
    f.sessions[1].day = D(2026, 5, 19);
    ExpectProblem(f, "sessions[1].day");
    f.sessions[1].day = D(2026, 5, 22);
    ExpectProblem(f, "sessions[1].day");
    f.sessions[1].day = D(2026, 5, 21);  // the last day is inside
    EXPECT_TRUE(ValidateFields(f, kToday).ok());
    for (auto bad : {"8:30", "24:00", "08:60", "0830", "08h30"}) {
        f.sessions = {s};
        f.sessions[0].starts_at = bad;
        ExpectProblem(f, "sessions[0].starts_at");
        f.sessions[0].starts_at = "";
        f.sessions[0].ends_at = bad;
        ExpectProblem(f, "sessions[0].ends_at");
    }
    f.sessions = {s};
    f.sessions[0].ends_at = "08:30";  // not after the start
    ExpectProblem(f, "sessions[0].ends_at");
    f.sessions[0].ends_at = "";
    f.sessions[0].starts_at = "";
    EXPECT_TRUE(ValidateFields(f, kToday).ok());  // times are optional
    f.sessions[0].chairs = {"Chủ tịch UBND tỉnh", " "};
    ExpectProblem(f, "sessions[0].chairs[1]");
    f.sessions[0].chairs.clear();
    f.sessions[0].speakers = {std::string(301, 'x')};
    ExpectProblem(f, "sessions[0].speakers[0]");
}

TEST(ValidateFields, AwardsNameTheirKindAndRecipient) {
    EventFields f = TwentyFirstConference();
    Award a = f.awards[0];
    f.awards = {a};
    f.awards[0].kind = "gold_medal";
    ExpectProblem(f, "awards[0].kind");
    f.awards = {a};
    f.awards[0].recipient = " ";
    ExpectProblem(f, "awards[0].recipient");
    f.awards = {a};
    f.awards[0].recipient_kind = "robot";
    ExpectProblem(f, "awards[0].recipient_kind");
    f.awards = {a};
    f.awards[0].recipient_unit_id = -3;
    ExpectProblem(f, "awards[0].recipient_unit_id");
    f.awards = {a};
    f.awards[0].note = std::string(1001, 'n');
    ExpectProblem(f, "awards[0].note");
}

TEST(ValidateFields, PressLinksAreHttpAddressesPublishedByToday) {
    EventFields f = TwentyFirstConference();
    PressLink l = f.press_links[0];
    for (auto bad : {"", "ftp://baoquocte.vn/a", "www.baoquocte.vn", "https://",
                     "https://bao quocte.vn", "javascript:alert(1)", "https:///path"}) {
        f.press_links = {l};
        f.press_links[0].url = bad;
        ExpectProblem(f, "press_links[0].url");
    }
    f.press_links = {l};
    f.press_links[0].url = "http://baochinhphu.vn/hoi-nghi-ngoai-vu-toan-quoc-lan-thu-21.htm";
    EXPECT_TRUE(ValidateFields(f, kToday).ok());
    f.press_links[0].url = "https://example.vn/" + std::string(kMaxUrlChars, 'a');
    ExpectProblem(f, "press_links[0].url");
    f.press_links = {l};
    f.press_links[0].title = "";
    ExpectProblem(f, "press_links[0].title");
    f.press_links = {l};
    f.press_links[0].published_on = kToday.AddDays(1);
    ExpectProblem(f, "press_links[0].published_on");
    f.press_links[0].published_on = kToday;
    EXPECT_TRUE(ValidateFields(f, kToday).ok());
    f.press_links[0].outlet = std::string(201, 'o');
    ExpectProblem(f, "press_links[0].outlet");
}

TEST(ValidateFields, OtherTextsAndTheOrdinalHaveLimits) {
    EventFields f = TwentyFirstConference();
    f.note = std::string(kMaxNoteChars + 1, 'n');
    ExpectProblem(f, "note");
    f = TwentyFirstConference();
    f.funding = std::string(kMaxFundingChars + 1, 'f');
    ExpectProblem(f, "funding");
    f = TwentyFirstConference();
    f.theme = std::string(kMaxThemeChars + 1, 't');
    ExpectProblem(f, "theme");
    f = TwentyFirstConference();
    f.venue = std::string(kMaxVenueChars + 1, 'v');
    ExpectProblem(f, "venue");
    f = TwentyFirstConference();
    f.ordinal = 0;
    ExpectProblem(f, "ordinal");
    f.ordinal = kMaxOrdinal + 1;
    ExpectProblem(f, "ordinal");
}

TEST(ValidateFields, ReportsEveryProblemAtOnceTheFirstAsTheMainField) {
    EventFields f = ProvincialConference();
    f.title_vi = "";
    f.format = "radio";
    f.ordinal = -1;
    auto r = ValidateFields(f, kToday);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "title_vi");
    EXPECT_EQ(FieldsOf(r), (std::vector<std::string>{"title_vi", "format", "ordinal"}));
    EXPECT_FALSE(r.error().message_vi.empty());
    EXPECT_FALSE(r.error().message_en.empty());
}

TEST(NormalizeFields, TrimsComposesAndDropsDuplicates) {
    EventFields f = ProvincialConference();
    f.title_vi = std::string("  H") + "o\xcc\x82\xcc\xa3" + "i  ";  // "Hội" typed decomposed
    f.organisers = {" Sở Ngoại vụ ", "", "  "};
    f.admin_unit_ids = {75, 79, 75};
    f.countries = {" kr", "KR", "jp"};
    f.sensitive_topics = {"religion", " religion "};
    f.press_links = {{" Bài ", " https://a.vn/x ", " Báo ", std::nullopt}};
    EventFields n = NormalizeFields(f);
    EXPECT_EQ(n.title_vi, "H\xe1\xbb\x99i");  // "Hội" in NFC
    EXPECT_EQ(n.organisers, (std::vector<std::string>{"Sở Ngoại vụ"}));
    EXPECT_EQ(n.admin_unit_ids, (std::vector<std::int64_t>{75, 79}));
    EXPECT_EQ(n.countries, (std::vector<std::string>{"KR", "JP"}));
    EXPECT_EQ(n.sensitive_topics, (std::vector<std::string>{"religion"}));
    EXPECT_EQ(n.press_links[0].url, "https://a.vn/x");
    EXPECT_EQ(n.press_links[0].title, "Bài");
    EXPECT_TRUE(ValidateFields(n, kToday).ok());
}

// ---- Workflow ------------------------------------------------------------------------------

// Applies a plan to the in-memory event as the service does to the database.
void Apply(EventDetail& d, const StepPlan& plan, const std::string& action) {
    static std::int64_t next_id = 1;
    EventRecord& e = d.event;
    e.status = plan.to;
    for (const auto& c : plan.close) {
        for (auto& dl : d.deadlines) {
            if (dl.id == c.id) {
                dl.closed_on = plan.date;
                dl.outcome = c.outcome;
            }
        }
    }
    for (auto dl : plan.open) {
        dl.id = next_id++;
        d.deadlines.push_back(dl);
    }
    if (plan.decider)
        e.decider = *plan.decider;
    if (plan.requested_on)
        e.requested_on = plan.requested_on;
    if (plan.decision_ref)
        e.decision_ref = *plan.decision_ref;
    if (plan.decided_on)
        e.decided_on = plan.decided_on;
    if (plan.report_due_on)
        e.report_due_on = plan.report_due_on;
    if (plan.reported_on)
        e.reported_on = plan.reported_on;
    e.next_due_on = NextDue(d.deadlines);
    e.consultation_due_on = ConsultationDueOn(d.deadlines);
    HistoryEntry h;
    h.action = action;
    h.happened_on = plan.date;
    d.history.push_back(h);
}

StepRequest Req(std::string action, Date date) {
    StepRequest r;
    r.action = std::move(action);
    r.date = date;
    return r;
}

StepRequest Decision(std::string action, Date date, std::string ref) {
    StepRequest r = Req(std::move(action), date);
    r.decision_ref = std::move(ref);
    return r;
}

StepRequest Reply(Date date, std::string body, std::string outcome) {
    StepRequest r = Req("record_reply", date);
    r.body = std::move(body);
    r.outcome = std::move(outcome);
    return r;
}

class EventWorkflowTest : public ::testing::Test {
 protected:
    EventWorkflowTest() {
        detail.event.fields = ProvincialConference();  // 20–21/05/2026, the chairman decides
        HistoryEntry created;
        created.action = "create";
        created.happened_on = D(2026, 3, 2);
        detail.history.push_back(created);
    }
    Result<StepPlan> Plan(const StepRequest& req) { return PlanStep(detail, req, calendar, today); }
    StepPlan Do(const StepRequest& req) {
        auto plan = Plan(req);
        EXPECT_TRUE(plan.ok()) << req.action << ": " << (plan.ok() ? "" : plan.error().message_en);
        if (!plan.ok())
            return StepPlan{};
        Apply(detail, *plan, req.action);
        return *plan;
    }
    // Expects `req` to be refused with `code`, naming `field`.
    void ExpectRefused(const StepRequest& req, ErrorCode code, const std::string& field) {
        auto plan = Plan(req);
        ASSERT_FALSE(plan.ok()) << req.action << " was allowed";
        EXPECT_EQ(plan.error().code, code) << plan.error().message_en;
        EXPECT_EQ(plan.error().field, field) << plan.error().message_en;
        EXPECT_FALSE(plan.error().message_vi.empty());
        EXPECT_FALSE(plan.error().message_en.empty());
    }
    EventDetail detail;
    WorkingCalendar calendar = Statutory({2026});
    Date today = kToday;
};

TEST_F(EventWorkflowTest, TheChairmanMayPermitWithoutConsultations) {
    StepPlan requested = Do(Req("request_approval", D(2026, 4, 1)));
    EXPECT_EQ(requested.to, Status::kRequested);
    EXPECT_EQ(requested.decider, Decider::kProvincialChairman);
    EXPECT_EQ(requested.requested_on, D(2026, 4, 1));
    EXPECT_TRUE(requested.warnings.empty());
    StepPlan approved = Do(Decision("approve", D(2026, 4, 10), " 123/UBND-NV ngày 10/4/2026 "));
    EXPECT_EQ(approved.to, Status::kApproved);
    EXPECT_EQ(approved.decision_ref, "123/UBND-NV ngày 10/4/2026");
    EXPECT_EQ(approved.decided_on, D(2026, 4, 10));
    StepPlan held = Do(Req("mark_held", D(2026, 5, 21)));
    EXPECT_EQ(held.to, Status::kHeld);
    ASSERT_EQ(held.open.size(), 1u);
    EXPECT_EQ(held.open[0].kind, DeadlineKind::kResultReport);
    EXPECT_EQ(held.open[0].body, "Ủy ban nhân dân tỉnh");
    // Thursday 21/05 + 15 = Friday 05/06/2026.
    EXPECT_EQ(held.open[0].due_on, D(2026, 6, 5));
    EXPECT_EQ(held.report_due_on, D(2026, 6, 5));
    EXPECT_EQ(detail.event.next_due_on, D(2026, 6, 5));
    StepPlan reported = Do(Req("submit_report", D(2026, 6, 3)));
    EXPECT_EQ(reported.to, Status::kReported);
    ASSERT_EQ(reported.close.size(), 1u);
    EXPECT_EQ(reported.close[0].outcome, "done");
    EXPECT_EQ(reported.reported_on, D(2026, 6, 3));
    EXPECT_EQ(detail.event.next_due_on, std::nullopt);
}

TEST_F(EventWorkflowTest, ALateRequestIsAllowedWithAWarning) {
    StepPlan plan = Do(Req("request_approval", D(2026, 4, 25)));  // 25 days before 20/05
    EXPECT_EQ(plan.to, Status::kRequested);
    ASSERT_EQ(plan.warnings.size(), 1u);
    EXPECT_EQ(plan.warnings[0].days_short, 5);
    EXPECT_EQ(plan.warnings[0].latest_on, D(2026, 4, 20));
}

TEST_F(EventWorkflowTest, ARequestAfterTheOpeningOrForAnEventWithoutPermissionIsRefused) {
    today = D(2026, 6, 30);
    ExpectRefused(Req("request_approval", D(2026, 5, 21)), ErrorCode::kInvalidArgument, "date");
    auto same_day = Plan(Req("request_approval", D(2026, 5, 20)));
    ASSERT_TRUE(same_day.ok());
    EXPECT_EQ(same_day->warnings.size(), 1u);
    detail.event.fields.type = "exhibition";
    ExpectRefused(Req("request_approval", D(2026, 4, 1)), ErrorCode::kFailedPrecondition, "action");
}

TEST_F(EventWorkflowTest, ConsultationsOfTheChairmanAreDueInFifteenDays) {
    Do(Req("request_approval", D(2026, 4, 1)));
    StepRequest open = Req("open_consultations", D(2026, 4, 2));
    open.bodies = {"Sở Văn hóa, Thể thao và Du lịch", "  ", "so van hoa, the thao va du lich",
                   "Công an tỉnh"};
    StepPlan plan = Do(open);
    EXPECT_EQ(plan.to, Status::kConsulting);
    ASSERT_EQ(plan.open.size(), 2u);  // no MOFA or MPS for the chairman; the duplicate dropped
    EXPECT_EQ(plan.open[0].body, "Sở Văn hóa, Thể thao và Du lịch");
    EXPECT_EQ(plan.open[1].body, "Công an tỉnh");
    EXPECT_EQ(plan.open[0].due_on, D(2026, 4, 17));  // Thursday 02/04 + 15 = Friday 17/04
    EXPECT_EQ(detail.event.consultation_due_on, D(2026, 4, 17));
    // The decision waits for the replies, or for their period to end.
    ExpectRefused(Decision("approve", D(2026, 4, 10), "QĐ 1"), ErrorCode::kFailedPrecondition,
                  "action");
    Do(Reply(D(2026, 4, 8), "Sở Văn hóa, Thể thao và Du lịch", "agree"));
    ExpectRefused(Decision("approve", D(2026, 4, 17), "QĐ 1"), ErrorCode::kFailedPrecondition,
                  "action");  // the due day itself is still within the period
    StepPlan approved = Do(Decision("approve", D(2026, 4, 20), "QĐ 1"));
    ASSERT_EQ(approved.close.size(), 1u);
    EXPECT_EQ(approved.close[0].outcome, "no_reply");
    EXPECT_EQ(approved.to, Status::kApproved);
    EXPECT_EQ(detail.event.next_due_on, std::nullopt);
}

TEST_F(EventWorkflowTest, ThePrimeMinistersEventsConsultMofaAndPublicSecurityAndAreSubmitted) {
    detail.event.fields.participants.highest_foreign_rank = "minister_or_higher";
    StepPlan requested = Do(Req("request_approval", D(2026, 4, 1)));  // 49 days: on time
    EXPECT_EQ(requested.decider, Decider::kPrimeMinister);
    EXPECT_TRUE(requested.warnings.empty());
    ExpectRefused(Decision("approve", D(2026, 4, 2), "QĐ 1"), ErrorCode::kFailedPrecondition,
                  "action");
    ExpectRefused(Req("submit_pm", D(2026, 4, 2)), ErrorCode::kFailedPrecondition, "action");

    StepRequest open = Req("open_consultations", D(2026, 4, 2));
    open.bodies = {"Bộ Quốc phòng", "bo ngoai giao"};
    StepPlan consulting = Do(open);
    ASSERT_EQ(consulting.open.size(), 3u);
    EXPECT_EQ(consulting.open[0].body, kMofaBody);
    EXPECT_EQ(consulting.open[1].body, kMpsBody);
    EXPECT_EQ(consulting.open[2].body, "Bộ Quốc phòng");
    for (const auto& dl : consulting.open)
        EXPECT_EQ(dl.due_on, D(2026, 4, 17));

    ExpectRefused(Req("submit_pm", D(2026, 4, 10)), ErrorCode::kFailedPrecondition, "action");
    Do(Reply(D(2026, 4, 9), "Bộ Ngoại giao", "agree"));
    Do(Reply(D(2026, 4, 13), "bo cong an", "comments"));  // matched without diacritics
    ExpectRefused(Req("submit_pm", D(2026, 4, 17)), ErrorCode::kFailedPrecondition, "action");
    StepPlan submitted = Do(Req("submit_pm", D(2026, 4, 20)));
    EXPECT_EQ(submitted.to, Status::kSubmittedPm);
    ASSERT_EQ(submitted.close.size(), 1u);  // the Ministry of Defence did not reply in time
    EXPECT_EQ(submitted.close[0].outcome, "no_reply");
    ExpectRefused(Reply(D(2026, 4, 21), "Bộ Quốc phòng", "agree"), ErrorCode::kInvalidArgument,
                  "body");

    StepPlan approved = Do(Decision("approve", D(2026, 4, 28), "Văn bản 456/TTg-QHQT"));
    EXPECT_EQ(approved.to, Status::kApproved);
    StepPlan held = Do(Req("mark_held", D(2026, 5, 20)));
    ASSERT_EQ(held.open.size(), 1u);
    EXPECT_NE(held.open[0].body.find(kMofaBody), std::string::npos);  // copied to MOFA
    EXPECT_EQ(held.open[0].due_on, D(2026, 6, 5));                    // from the last day, 21/05
}

TEST_F(EventWorkflowTest, AChangeOfCompetenceAfterTheRequestIsCaught) {
    Do(Req("request_approval", D(2026, 4, 1)));
    StepRequest open = Req("open_consultations", D(2026, 4, 2));
    open.bodies = {"Sở Công Thương"};
    Do(open);
    Do(Reply(D(2026, 4, 6), "Sở Công Thương", "agree"));
    // The minister of the partner country confirms his attendance.
    detail.event.fields.participants.highest_foreign_rank = "minister_or_higher";
    auto refused = Plan(Decision("approve", D(2026, 4, 7), "QĐ 1"));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_NE(refused.error().message_en.find("changed"), std::string::npos);
    EXPECT_NE(refused.error().message_en.find("ministerial level"), std::string::npos);
    // Consulting again adds MOFA and the Ministry of Public Security by themselves.
    StepPlan again = Do(Req("open_consultations", D(2026, 4, 7)));
    EXPECT_EQ(again.decider, Decider::kPrimeMinister);
    ASSERT_EQ(again.open.size(), 2u);
    EXPECT_EQ(detail.event.decider, Decider::kPrimeMinister);
    // Nobody new to consult.
    ExpectRefused(Req("open_consultations", D(2026, 4, 8)), ErrorCode::kInvalidArgument, "bodies");
}

TEST_F(EventWorkflowTest, OnlyThePrimeMinistersEventsAreSubmittedToHim) {
    Do(Req("request_approval", D(2026, 4, 1)));
    StepRequest open = Req("open_consultations", D(2026, 4, 2));
    open.bodies = {"Sở Tư pháp"};
    Do(open);
    ExpectRefused(Req("submit_pm", D(2026, 4, 20)), ErrorCode::kFailedPrecondition, "action");
}

TEST_F(EventWorkflowTest, ARefusalEndsTheConsultationsAndTheEvent) {
    Do(Req("request_approval", D(2026, 4, 1)));
    StepRequest open = Req("open_consultations", D(2026, 4, 2));
    open.bodies = {"Công an tỉnh"};
    Do(open);
    ExpectRefused(Decision("reject", D(2026, 4, 3), "  "), ErrorCode::kInvalidArgument,
                  "decision_ref");
    ExpectRefused(Decision("reject", D(2026, 4, 3), std::string(201, 'x')),
                  ErrorCode::kInvalidArgument, "decision_ref");
    StepPlan rejected = Do(Decision("reject", D(2026, 4, 3), "Văn bản 78/UBND-NV"));
    EXPECT_EQ(rejected.to, Status::kRejected);
    ASSERT_EQ(rejected.close.size(), 1u);
    EXPECT_EQ(rejected.close[0].outcome, "cancelled");
    EXPECT_EQ(detail.event.next_due_on, std::nullopt);
    ExpectRefused(Req("mark_held", D(2026, 5, 20)), ErrorCode::kFailedPrecondition, "action");
    ExpectRefused(Req("cancel", D(2026, 5, 20)), ErrorCode::kFailedPrecondition, "action");
    ExpectRefused(Decision("approve", D(2026, 4, 5), "QĐ 2"), ErrorCode::kFailedPrecondition,
                  "action");
}

TEST_F(EventWorkflowTest, CancellingClosesEveryOpenDeadline) {
    ExpectRefused(Req("cancel", D(2026, 3, 1)), ErrorCode::kInvalidArgument, "date");
    Do(Req("request_approval", D(2026, 4, 1)));
    StepRequest open = Req("open_consultations", D(2026, 4, 2));
    open.bodies = {"Sở Y tế", "Sở Tài chính"};
    Do(open);
    StepPlan cancelled = Do(Req("cancel", D(2026, 4, 5)));
    EXPECT_EQ(cancelled.to, Status::kCancelled);
    EXPECT_EQ(cancelled.close.size(), 2u);
    EXPECT_EQ(detail.event.next_due_on, std::nullopt);
    ExpectRefused(Req("request_approval", D(2026, 4, 6)), ErrorCode::kFailedPrecondition, "action");
}

TEST_F(EventWorkflowTest, APlannedOrApprovedEventMayBeCancelledButNotAHeldOne) {
    StepPlan planned = Do(Req("cancel", D(2026, 3, 3)));
    EXPECT_EQ(planned.from, Status::kPlanned);
    EXPECT_TRUE(planned.close.empty());
    detail.event.status = Status::kApproved;
    EXPECT_TRUE(Plan(Req("cancel", D(2026, 3, 4))).ok());
    detail.event.status = Status::kHeld;
    ExpectRefused(Req("cancel", D(2026, 5, 22)), ErrorCode::kFailedPrecondition, "action");
}

TEST_F(EventWorkflowTest, AConferenceIsNotHeldWithoutPermission) {
    ExpectRefused(Req("mark_held", D(2026, 5, 20)), ErrorCode::kFailedPrecondition, "action");
    Do(Req("request_approval", D(2026, 4, 1)));
    ExpectRefused(Req("mark_held", D(2026, 5, 20)), ErrorCode::kFailedPrecondition, "action");
    ExpectRefused(Req("submit_report", D(2026, 5, 22)), ErrorCode::kFailedPrecondition, "action");
    Do(Decision("approve", D(2026, 4, 10), "QĐ 1"));
    ExpectRefused(Req("mark_held", D(2026, 5, 19)), ErrorCode::kInvalidArgument, "date");
    ExpectRefused(Req("submit_report", D(2026, 5, 22)), ErrorCode::kFailedPrecondition, "action");
    ExpectRefused(Decision("approve", D(2026, 4, 11), "QĐ 2"), ErrorCode::kFailedPrecondition,
                  "action");
}

TEST_F(EventWorkflowTest, PermissionAfterTheOpeningIsRefused) {
    Do(Req("request_approval", D(2026, 4, 1)));
    ExpectRefused(Decision("approve", D(2026, 5, 21), "QĐ 1"), ErrorCode::kInvalidArgument, "date");
    EXPECT_TRUE(Plan(Decision("approve", D(2026, 5, 20), "QĐ 1")).ok());
    ExpectRefused(Decision("approve", D(2026, 4, 2), ""), ErrorCode::kInvalidArgument,
                  "decision_ref");
}

TEST_F(EventWorkflowTest, EventsOutsideDecisionSixAreHeldAndReportedDirectly) {
    detail.event.fields = TwentyFirstConference();
    detail.history[0].happened_on = D(2023, 11, 1);
    today = D(2024, 1, 31);
    ExpectRefused(Req("request_approval", D(2023, 11, 2)), ErrorCode::kFailedPrecondition,
                  "action");
    ExpectRefused(Req("open_consultations", D(2023, 11, 2)), ErrorCode::kFailedPrecondition,
                  "action");
    ExpectRefused(Req("mark_held", D(2023, 12, 17)), ErrorCode::kInvalidArgument, "date");
    StepPlan held = Do(Req("mark_held", D(2023, 12, 18)));
    EXPECT_EQ(held.to, Status::kHeld);
    EXPECT_TRUE(held.open.empty());  // no result report is due by law
    EXPECT_EQ(held.report_due_on, std::nullopt);
    StepPlan reported = Do(Req("submit_report", D(2023, 12, 20)));
    EXPECT_EQ(reported.to, Status::kReported);
    EXPECT_TRUE(reported.close.empty());
}

TEST_F(EventWorkflowTest, BadStepsDatesAndRepliesNameTheirField) {
    ExpectRefused(Req("publish", D(2026, 4, 1)), ErrorCode::kInvalidArgument, "action");
    ExpectRefused(Req("create", D(2026, 4, 1)), ErrorCode::kInvalidArgument, "action");
    ExpectRefused(Req("edit", D(2026, 4, 1)), ErrorCode::kInvalidArgument, "action");
    ExpectRefused(Req("\xff\xfe", D(2026, 4, 1)), ErrorCode::kInvalidArgument, "action");
    StepRequest no_date;
    no_date.action = "request_approval";
    ExpectRefused(no_date, ErrorCode::kInvalidArgument, "date");
    ExpectRefused(Req("request_approval", D(2026, 7, 1)), ErrorCode::kInvalidArgument, "date");
    ExpectRefused(Req("request_approval", D(2026, 3, 1)), ErrorCode::kInvalidArgument, "date");
    ExpectRefused(Req("open_consultations", D(2026, 4, 1)), ErrorCode::kFailedPrecondition,
                  "action");
    ExpectRefused(Reply(D(2026, 4, 1), kMofaBody, "agree"), ErrorCode::kFailedPrecondition,
                  "action");

    Do(Req("request_approval", D(2026, 4, 1)));
    StepRequest too_long = Req("open_consultations", D(2026, 4, 2));
    too_long.bodies = {std::string(301, 'b')};
    ExpectRefused(too_long, ErrorCode::kInvalidArgument, "bodies");
    StepRequest none = Req("open_consultations", D(2026, 4, 2));
    none.bodies = {" "};
    ExpectRefused(none, ErrorCode::kInvalidArgument, "bodies");
    StepRequest open = Req("open_consultations", D(2026, 4, 6));
    open.bodies = {"Sở Nội vụ"};
    Do(open);
    ExpectRefused(Reply(D(2026, 4, 7), "Sở Nội vụ", "maybe"), ErrorCode::kInvalidArgument,
                  "outcome");
    ExpectRefused(Reply(D(2026, 4, 7), "Bộ Quốc phòng", "agree"), ErrorCode::kInvalidArgument,
                  "body");
    ExpectRefused(Reply(D(2026, 4, 3), "Sở Nội vụ", "agree"), ErrorCode::kInvalidArgument, "date");
    // A reply may be recorded after a later step: it only follows its request.
    Do(Reply(D(2026, 4, 7), "Sở Nội vụ", "disagree"));
    EXPECT_EQ(detail.deadlines.back().outcome, "disagree");
}

TEST(NextDue, TheEarliestOpenDeadlineAndTheLastConsultation) {
    std::vector<Deadline> deadlines(3);
    deadlines[0].due_on = D(2026, 4, 17);
    deadlines[1].due_on = D(2026, 4, 20);
    deadlines[2].due_on = D(2026, 4, 10);
    deadlines[2].closed_on = D(2026, 4, 9);
    EXPECT_EQ(NextDue(deadlines), D(2026, 4, 17));
    EXPECT_EQ(ConsultationDueOn(deadlines), D(2026, 4, 20));
    deadlines[1].kind = DeadlineKind::kResultReport;
    EXPECT_EQ(ConsultationDueOn(deadlines), D(2026, 4, 17));
    EXPECT_TRUE(deadlines[0].overdue(D(2026, 4, 18)));
    EXPECT_FALSE(deadlines[0].overdue(D(2026, 4, 17)));
    EXPECT_EQ(NextDue({}), std::nullopt);
}

}  // namespace
}  // namespace ngoaivu::events
