#include "modules/events/event_demo.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <string_view>

namespace ngoaivu::events {

namespace {

Date Ymd(int y, int m, int d) {
    return *Date::FromYmd(y, m, d);
}

// The national conferences, with only the facts of DOMAIN.md (press coverage of the
// conferences). Where only the year is known, 1 January stands in for the day and the note says
// so.
std::vector<EventFields> NationalConferences() {
    const char* kMofa = "Bộ Ngoại giao";
    const char* kYearOnly =
        "Chỉ biết năm tổ chức; ngày 01/01 là ngày thay thế, chưa xác minh. / Only the year is "
        "known; 01/01 stands in for the day, not verified.";
    std::vector<EventFields> out;

    EventFields c19;
    c19.title_vi = "Hội nghị Ngoại vụ toàn quốc lần thứ 19";
    c19.title_en = "19th National Conference on Local Foreign Affairs";
    c19.type = "national_review_conference";
    c19.national = true;
    c19.starts_on = c19.ends_on = Ymd(2018, 1, 1);
    c19.organisers = {kMofa};
    c19.ordinal = 19;
    c19.note = kYearOnly;
    out.push_back(c19);

    EventFields d31;
    d31.title_vi = "Hội nghị Ngoại giao lần thứ 31";
    d31.title_en = "31st Diplomatic Conference";
    d31.type = "diplomatic_conference";
    d31.national = true;
    d31.starts_on = d31.ends_on = Ymd(2021, 1, 1);
    d31.organisers = {kMofa};
    d31.ordinal = 31;
    d31.note = kYearOnly;
    out.push_back(d31);

    EventFields c20;
    c20.title_vi = "Hội nghị Ngoại vụ toàn quốc lần thứ 20";
    c20.title_en = "20th National Conference on Local Foreign Affairs";
    c20.type = "national_review_conference";
    c20.national = true;
    c20.starts_on = c20.ends_on = Ymd(2021, 12, 13);
    c20.theme =
        "Tiếp tục đổi mới và nâng cao hiệu quả công tác đối ngoại và hội nhập quốc tế của các "
        "địa phương";
    c20.organisers = {kMofa};
    c20.ordinal = 20;
    c20.note =
        "Bốn định hướng của Bộ trưởng: đối ngoại địa phương là bộ phận cấu thành của đối ngoại "
        "đất nước; phục vụ phát triển kinh tế - xã hội địa phương là nhiệm vụ trọng tâm; đổi mới "
        "(lĩnh vực mới, đối tác mới); nâng cao năng lực cán bộ. Các địa phương thông báo cho Bộ "
        "Ngoại giao các ưu tiên chiến lược; Bộ, qua các cơ quan đại diện, theo dõi nhu cầu của "
        "địa phương để hỗ trợ.";
    out.push_back(c20);

    EventFields review;
    review.title_vi = "Hội nghị tổng kết công tác năm 2022 của Bộ Ngoại giao";
    review.title_en = "MOFA's 2022 review conference";
    review.type = "other";
    review.national = true;
    review.starts_on = review.ends_on = Ymd(2023, 1, 10);
    review.format = "online";
    review.bridge_points = {{"Điểm cầu Hà Tĩnh", 1042}};
    review.organisers = {kMofa};
    review.note =
        "Năm 2022: gần 70 hoạt động đối ngoại của lãnh đạo chủ chốt, 14 đoàn ra và 19 đoàn vào. "
        "/ In 2022: nearly 70 foreign-affairs activities of key leaders, 14 outbound and 19 "
        "inbound delegations.";
    out.push_back(review);

    EventFields c21;
    c21.title_vi = "Hội nghị Ngoại vụ toàn quốc lần thứ 21";
    c21.title_en = "21st National Conference on Local Foreign Affairs";
    c21.type = "national_review_conference";
    c21.national = true;
    c21.starts_on = c21.ends_on = Ymd(2023, 12, 18);
    c21.venue = "Hà Nội";
    c21.theme =
        "Phát huy vai trò tiên phong của đối ngoại phục vụ phát triển bền vững của các địa "
        "phương";
    c21.organisers = {kMofa};
    c21.ordinal = 21;
    c21.participants.delegates_in_person = 300;
    c21.sessions = {
        {"Phiên thảo luận buổi sáng thứ nhất", c21.starts_on, "", "", {}, {}},
        {"Phiên thảo luận buổi sáng thứ hai", c21.starts_on, "", "", {}, {}},
        {"Phiên buổi chiều: thu hút đầu tư chất lượng cao, hướng tới phát triển xanh, bền vững "
         "của các địa phương",
         c21.starts_on,
         "",
         "",
         {},
         {}},
    };
    c21.awards = {
        {"medal_vi_su_nghiep_ngoai_giao", "Lãnh đạo các tỉnh, thành phố", "organisation",
         std::nullopt, ""},
        {"certificate_of_merit_minister", "Lãnh đạo các Sở Ngoại vụ", "organisation", std::nullopt,
         ""},
    };
    c21.press_links = {{"21st National Conference on Foreign Affairs opens",
                        "https://en.sggp.org.vn/"
                        "21st-national-conference-on-foreign-affairs-opens-post107051.html",
                        "SGGP", std::nullopt}};
    c21.note =
        "Trong khuôn khổ Hội nghị Ngoại giao lần thứ 32; hơn 300 đại biểu dự trực tiếp. Tổng "
        "kết ba năm đến tháng 12/2023: 45 chuyến thăm nước ngoài của lãnh đạo chủ chốt, khoảng 50 "
        "chuyến thăm của lãnh đạo nước ngoài; các địa phương ký 422 thỏa thuận hợp tác quốc tế; 13 "
        "danh hiệu UNESCO.";
    out.push_back(c21);

    EventFields d32;
    d32.title_vi = "Hội nghị Ngoại giao lần thứ 32";
    d32.title_en = "32nd Diplomatic Conference";
    d32.type = "diplomatic_conference";
    d32.national = true;
    d32.starts_on = Ymd(2023, 12, 18);
    d32.ends_on = Ymd(2023, 12, 21);
    d32.format = "hybrid";
    d32.venue = "Hà Nội";
    d32.bridge_points = {{"Điểm cầu Đắk Lắk", 1066}};
    d32.organisers = {kMofa};
    d32.ordinal = 32;
    d32.sessions = {
        {"Hội nghị Ngoại vụ toàn quốc lần thứ 21", Ymd(2023, 12, 18), "", "", {}, {}},
        {"Phiên toàn thể về ngoại giao kinh tế phục vụ phát triển đất nước",
         Ymd(2023, 12, 21),
         "",
         "",
         {},
         {"Thủ tướng Chính phủ"}},
    };
    d32.note =
        "Phiên toàn thể về ngoại giao kinh tế ngày 21/12/2023 có Thủ tướng Chính phủ và lãnh "
        "đạo 63 tỉnh, thành phố dự, với các điểm cầu như Đắk Lắk.";
    out.push_back(d32);
    return out;
}

const char* const kTopics[] = {
    "hợp tác phát triển du lịch bền vững",
    "chuyển đổi số trong quản lý đô thị",
    "nông nghiệp công nghệ cao",
    "thu hút đầu tư xanh",
    "phát triển nguồn nhân lực",
    "y tế cộng đồng",
    "bảo tồn di sản văn hóa",
    "kinh tế biển và logistics",
};
const char* const kCountries[] = {"KR", "JP", "US", "FR", "DE", "LA", "KH",
                                  "SG", "TH", "AU", "IN", "GB", "IT", "NL"};
// Provincial types, conferences twice as often as the others.
const char* const kTypes[] = {"international_conference",
                              "trade_promotion",
                              "international_conference",
                              "exhibition",
                              "international_conference",
                              "cultural_diplomacy",
                              "other"};
// The highest foreign rank of a conference: ministerial ones go to the Prime Minister.
const char* const kRanks[] = {"minister_or_higher", "deputy_minister", "ambassador",
                              "minister_or_higher", "other_official",  "expert"};

template <std::size_t N>
const char* Pick(std::mt19937_64& rng, const char* const (&list)[N]) {
    return list[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

int Between(std::mt19937_64& rng, int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
}

// Runs the steps of one event in date order; a step whose day has not come yet is not run
// (the event stays where it is).
class Steps {
 public:
    Steps(EventService& service, const Actor& actor, std::int64_t id, Date planned, Date today)
        : service_(service), actor_(actor), id_(id), last_(planned), today_(today) {}

    // The step on `date`, moved to the latest step's day when earlier; false when that day is
    // still to come.
    Result<bool> Run(StepRequest step, Date date) {
        date = std::max(date, last_);
        if (date > today_)
            return false;
        step.date = date;
        auto v = service_.Step(actor_, id_, step);
        if (!v)
            return v.error();
        if (step.action != "record_reply")
            last_ = date;
        return true;
    }

 private:
    EventService& service_;
    const Actor& actor_;
    std::int64_t id_;
    Date last_;
    Date today_;
};

StepRequest Action(std::string action) {
    StepRequest s;
    s.action = std::move(action);
    return s;
}

// An international conference through the Decision 06 workflow, as far as `stop` and the
// calendar allow: 0 planned, 1 requested, 2 consulting, 3 refused, 4 cancelled, 5 permitted,
// 6 held with its report owed, 7 submitted to the Prime Minister (when he decides), otherwise
// reported.
Result<bool> ConferenceSteps(Steps& steps, const EventFields& f, Decider decider, int stop,
                             int lead, int report_after) {
    if (stop == 0)
        return true;
    const Date requested = f.starts_on.AddDays(-lead);
    auto ran = steps.Run(Action("request_approval"), requested);
    if (!ran || !*ran || stop == 1)
        return ran;
    if (stop == 4) {
        StepRequest cancel = Action("cancel");
        cancel.note = "Ban tổ chức đề nghị hoãn";
        return steps.Run(cancel, requested.AddDays(5));
    }
    StepRequest consult = Action("open_consultations");
    consult.bodies = {"Sở Ngoại vụ", "Công an tỉnh"};
    ran = steps.Run(consult, requested.AddDays(2));
    if (!ran || !*ran || stop == 2)
        return ran;
    std::vector<std::string> bodies = consult.bodies;
    if (decider == Decider::kPrimeMinister)
        bodies.insert(bodies.begin(), {kMofaBody, kMpsBody});
    for (const auto& body : bodies) {
        StepRequest reply = Action("record_reply");
        reply.body = body;
        reply.outcome = "agree";
        ran = steps.Run(reply, requested.AddDays(9));
        if (!ran || !*ran)
            return ran;
    }
    if (decider == Decider::kPrimeMinister) {
        ran = steps.Run(Action("submit_pm"), requested.AddDays(12));
        if (!ran || !*ran || stop == 7)
            return ran;
    }
    StepRequest decision = Action(stop == 3 ? "reject" : "approve");
    decision.decision_ref =
        (decider == Decider::kPrimeMinister ? "Văn bản số " : "Quyết định số ") +
        std::to_string(100 + lead + report_after) +
        (decider == Decider::kPrimeMinister ? "/TTg-QHQT" : "/QĐ-UBND");
    ran = steps.Run(decision, requested.AddDays(15));
    if (!ran || !*ran || stop == 3 || stop == 5)
        return ran;
    ran = steps.Run(Action("mark_held"), f.ends_on);
    if (!ran || !*ran || stop == 6)
        return ran;
    return steps.Run(Action("submit_report"), f.ends_on.AddDays(report_after));
}

}  // namespace

Result<int> AddDemoEvents(EventService& service, std::uint64_t seed, int scale) {
    const Actor actor = Actor::System("demo");
    auto existing = service.List(actor, {}, EventSort::kStartDesc, {1, 1});
    if (!existing)
        return existing.error();
    if (existing->total > 0)
        return 0;  // already there: the demo data is added once
    const Date today = service.Today();
    int created = 0;

    // The national conferences: held.
    for (const auto& f : NationalConferences()) {
        if (f.starts_on > today)
            continue;
        Date planned = f.starts_on.AddDays(-30);
        auto v = service.Create(actor, f, planned);
        if (!v)
            return v.error();
        ++created;
        Steps steps(service, actor, v->detail.event.id, planned, today);
        if (auto r = steps.Run(Action("mark_held"), f.ends_on); !r)
            return r.error();
    }

    // The provincial events.
    const auto units = service.Units();
    const Date merger = Ymd(2025, 7, 1);
    std::vector<const UnitInfo*> current;
    std::map<std::int64_t, std::vector<const UnitInfo*>> predecessors;
    for (const auto& u : units) {
        if (!u.valid_to)
            current.push_back(&u);
        else
            predecessors[u.current_id].push_back(&u);
    }
    if (current.empty())
        return created;
    std::mt19937_64 rng(seed);
    const Date first = Ymd(2019, 1, 1);
    const long span = today.AddDays(150).ToDays() - first.ToDays();
    const int count = 100 * std::max(scale, 1);
    int conferences = 0;
    for (int i = 0; i < count; ++i) {
        const UnitInfo* unit =
            current[std::uniform_int_distribution<std::size_t>(0, current.size() - 1)(rng)];
        const Date starts = first.AddDays(std::uniform_int_distribution<long>(0, span)(rng));
        const UnitInfo* host = unit;
        if (starts < merger) {
            auto& olds = predecessors[unit->id];
            if (!olds.empty())
                host = olds[std::uniform_int_distribution<std::size_t>(0, olds.size() - 1)(rng)];
        }
        const std::string type = Pick(rng, kTypes);
        const std::string topic = Pick(rng, kTopics);
        const std::string year = std::to_string(starts.year());
        EventFields f;
        f.type = type;
        f.starts_on = starts;
        f.ends_on = starts.AddDays(Between(rng, 0, 2));
        f.admin_unit_ids = {host->id};
        f.organisers = {"Ủy ban nhân dân " + host->name_vi, "Sở Ngoại vụ"};
        f.venue = "Trung tâm Hội nghị " + host->short_name_vi;
        f.funding =
            i % 3 == 0 ? "Ngân sách tỉnh và tài trợ của đối tác nước ngoài" : "Ngân sách tỉnh";
        f.foreign_sponsor = i % 3 == 0;
        f.participants.vietnamese = Between(rng, 50, 400);
        if (type == "international_conference") {
            f.title_vi =
                "Hội thảo quốc tế về " + topic + " tại " + host->short_name_vi + " năm " + year;
            f.title_en = "International seminar, " + host->name_en + ", " + year;
            f.theme = "Hợp tác quốc tế về " + topic;
            f.participants.foreign = Between(rng, 5, 80);
            f.participants.highest_foreign_rank = Pick(rng, kRanks);
            if (i % 9 == 0)
                f.sensitive_topics = {"security"};
        } else if (type == "trade_promotion") {
            f.title_vi = "Hội nghị xúc tiến đầu tư " + host->short_name_vi + " năm " + year;
            f.title_en = "Investment promotion conference, " + host->name_en + ", " + year;
            f.theme = topic;
            f.participants.foreign = Between(rng, 0, 60);
        } else if (type == "exhibition") {
            f.title_vi =
                "Hội chợ sản phẩm thương hiệu Việt tại " + host->short_name_vi + " năm " + year;
            f.title_en = "Fair of Vietnamese brand products, " + host->name_en + ", " + year;
        } else if (type == "cultural_diplomacy") {
            f.title_vi =
                "Ngày hội giao lưu văn hóa quốc tế " + host->short_name_vi + " năm " + year;
            f.title_en = "International cultural exchange festival, " + host->name_en + ", " + year;
            f.participants.foreign = Between(rng, 10, 200);
        } else {
            f.title_vi = "Gặp mặt các cơ quan đại diện, tổ chức quốc tế tại " +
                         host->short_name_vi + " năm " + year;
            f.title_en = "Meeting with foreign missions and international organisations, " +
                         host->name_en + ", " + year;
            f.participants.foreign = Between(rng, 5, 50);
        }
        if (f.participants.foreign > 0) {
            if (f.participants.highest_foreign_rank == "none")
                f.participants.highest_foreign_rank = i % 2 == 0 ? "ambassador" : "expert";
            f.countries = {Pick(rng, kCountries)};
            if (i % 2 == 0) {
                std::string second = Pick(rng, kCountries);
                if (second != f.countries.front())
                    f.countries.push_back(second);
            }
        }
        if (i % 5 == 4) {
            f.format = "hybrid";
            f.bridge_points = {{"Điểm cầu " + host->name_vi, host->id}};
        }
        const Decider decider = WhoDecides(f).decider;
        const Date planned = std::min(starts.AddDays(-70), today);
        auto v = service.Create(actor, f, planned);
        if (!v)
            return v.error();
        ++created;
        Steps steps(service, actor, v->detail.event.id, planned, today);
        const int stop = Between(rng, 0, 9);
        if (decider != Decider::kNone) {
            // Each stage in turn, so that every state appears.
            const int stage = conferences++ % 10;
            // Most requests on time, one in four late (a warning on the record).
            const int lead = i % 4 == 3 ? 20 : (decider == Decider::kPrimeMinister ? 50 : 40);
            auto r = ConferenceSteps(steps, f, decider, stage, lead, Between(rng, 5, 20));
            if (!r)
                return r.error();
        } else if (stop == 0) {
            StepRequest cancel = Action("cancel");
            cancel.note = "Ban tổ chức đề nghị hoãn";
            if (auto r = steps.Run(cancel, planned.AddDays(10)); !r)
                return r.error();
        } else if (stop > 1) {
            auto held = steps.Run(Action("mark_held"), f.ends_on);
            if (!held)
                return held.error();
            if (*held && stop > 6) {
                if (auto r = steps.Run(Action("submit_report"), f.ends_on.AddDays(10)); !r)
                    return r.error();
            }
        }
    }
    return created;
}

}  // namespace ngoaivu::events
