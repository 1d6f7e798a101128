#include "modules/delegations/delegation_demo.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "base/record_checks.hpp"

namespace ngoaivu::delegations {

namespace {

const char* const kSurnames[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh",
                                 "Phan",   "Vũ",   "Võ", "Đặng", "Bùi",   "Đỗ"};
const char* const kMiddles[] = {"Văn", "Thị", "Minh", "Thanh", "Quốc", "Hữu", "Đức", "Ngọc"};
const char* const kGivens[] = {"An",    "Bình", "Cường", "Dũng",  "Hà",   "Hải",
                               "Hương", "Lan",  "Long",  "Mai",   "Nam",  "Phong",
                               "Quang", "Sơn",  "Thảo",  "Trung", "Tuấn", "Việt"};
const char* const kDepartments[] = {"Sở Ngoại vụ",
                                    "Sở Kế hoạch và Đầu tư",
                                    "Sở Công Thương",
                                    "Sở Giáo dục và Đào tạo",
                                    "Sở Văn hóa, Thể thao và Du lịch",
                                    "Sở Nông nghiệp và Môi trường",
                                    "Sở Y tế"};
const char* const kPurposes[] = {
    "Xúc tiến đầu tư, thương mại và du lịch",
    "Thúc đẩy hợp tác giáo dục, đào tạo nguồn nhân lực",
    "Dự lễ kỷ niệm quan hệ hữu nghị, hợp tác",
    "Trao đổi kinh nghiệm quản lý đô thị và chuyển đổi số",
    "Thúc đẩy hợp tác nông nghiệp công nghệ cao",
    "Tham dự hội chợ, triển lãm quốc tế",
    "Làm việc về hợp tác lao động và cộng đồng người Việt",
    "Hợp tác y tế, chăm sóc sức khỏe",
};
const char* const kActivities[] = {
    "Hội đàm với lãnh đạo chính quyền địa phương",
    "Làm việc với cộng đồng doanh nghiệp",
    "Thăm khu công nghiệp, trường đại học",
    "Gặp gỡ cộng đồng người Việt",
    "Ký kết văn kiện hợp tác",
    "Khảo sát mô hình nông nghiệp công nghệ cao",
};
const char* const kCommitments[] = {
    "Hai bên trao đổi đoàn doanh nghiệp trong năm tới",
    "Phối hợp tổ chức hội thảo xúc tiến đầu tư chung",
    "Cấp học bổng cho sinh viên của tỉnh",
    "Xây dựng kế hoạch hợp tác giai đoạn tiếp theo",
};
const char* const kFollowUps[] = {
    "Báo cáo Thường trực UBND tỉnh kết quả chuyến công tác",
    "Mời đoàn đối tác sang thăm và làm việc",
    "Xây dựng dự thảo kế hoạch hợp tác",
    "Kết nối doanh nghiệp hai bên",
};

// Foreign visitors by country (fictional names).
const std::map<std::string, std::vector<const char*>>& ForeignNames() {
    static const std::map<std::string, std::vector<const char*>> kNames = {
        {"KR", {"Park Ji-hoon", "Lee Seo-yeon", "Choi Min-jun", "Kang Ha-eun", "Jung Do-yoon"}},
        {"JP", {"Tanaka Hiroshi", "Sato Yuki", "Suzuki Kenta", "Watanabe Aiko", "Ito Daisuke"}},
        {"CN", {"Wang Wei", "Li Na", "Zhang Min", "Liu Yang", "Chen Jie"}},
        {"LA", {"Khamphone Sisavath", "Bounmy Phommachanh", "Souksavanh Keola"}},
        {"KH", {"Sok Dara", "Chan Sophea", "Heng Vannak"}},
        {"TH", {"Somchai Srisuk", "Anong Chaiyaporn", "Kittisak Boonmee"}},
        {"FR", {"Marie Dubois", "Pierre Martin", "Claire Lefèvre"}},
        {"DE", {"Stefan Becker", "Anna Schneider", "Jonas Weber"}},
        {"US", {"John Miller", "Emily Carter", "Michael Brooks"}},
        {"GB", {"Oliver Hughes", "Charlotte Evans"}},
        {"AU", {"Sarah Wilson", "James Taylor"}},
        {"SG", {"Tan Wei Ming", "Lim Hui Min"}},
        {"RU", {"Ivan Petrov", "Olga Smirnova"}},
        {"IN", {"Arjun Sharma", "Priya Nair", "Rahul Mehta"}},
        {"TW", {"Chen Yi-ting", "Lin Chih-hao"}},
        {"NL", {"Sanne de Vries", "Daan Jansen"}},
        {"NO", {"Ingrid Hansen", "Lars Johansen"}},
        {"DK", {"Mette Nielsen", "Anders Jensen"}},
        {"CU", {"Ana García", "Luis Fernández"}},
    };
    return kNames;
}

template <std::size_t N>
const char* Pick(std::mt19937_64& rng, const char* const (&list)[N]) {
    return list[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

int Between(std::mt19937_64& rng, int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
}

Date RandomDay(std::mt19937_64& rng, Date from, Date to) {
    long span = to.ToDays() - from.ToDays();
    if (span <= 0)
        return from;
    return from.AddDays(std::uniform_int_distribution<long>(0, span)(rng));
}

std::string VietName(std::mt19937_64& rng) {
    return std::string(Pick(rng, kSurnames)) + " " + Pick(rng, kMiddles) + " " + Pick(rng, kGivens);
}

// The same name for the same province and seat: a province's leaders recur across delegations.
std::string LeaderName(std::uint64_t seed, std::int64_t unit_id, int seat) {
    std::mt19937_64 rng(seed * 1000003u + static_cast<std::uint64_t>(unit_id) * 31u +
                        static_cast<std::uint64_t>(seat));
    return VietName(rng);
}

// The `k`-th visitor from `country` counted from `start`: distinct people within a delegation.
std::string ForeignName(const std::string& country, std::size_t start, std::size_t k) {
    const auto& names = ForeignNames();
    auto it = names.find(country);
    if (it == names.end()) {
        static const char* const kAny[] = {"Alex Morgan", "Sam Taylor", "Chris Parker",
                                           "Jordan Lee"};
        return kAny[(start + k) % std::size(kAny)];
    }
    return it->second[(start + k) % it->second.size()];
}

Date Min(Date a, Date b) {
    return a < b ? a : b;
}
Date Max(Date a, Date b) {
    return a < b ? b : a;
}

}  // namespace

Result<int> AddDemoDelegations(DelegationService& service, std::uint64_t seed, int scale) {
    const Actor actor = Actor::System("demo");
    auto existing = service.List(actor, {}, DelegationSort::kStartDesc, {1, 1});
    if (!existing)
        return existing.error();
    if (existing->total > 0)
        return 0;  // already there: the demo data is added once
    auto choices = service.FormChoices();
    // Partners of a country (an international organisation has none: no nationality to give).
    std::vector<const agreements::PartnerRef*> partners;
    for (const auto& p : choices.partners) {
        if (!p.country_alpha2.empty())
            partners.push_back(&p);
    }
    if (partners.empty() || choices.units.empty())
        return 0;
    const Date today = service.Today();
    const Date first_day = *Date::FromYmd(2019, 1, 1);
    const Date horizon = Min(*Date::FromYmd(2026, 12, 31), today.AddDays(300));  // the bulk
    // The unit with code `code` (1001/2001 for Hà Nội ...) valid on `d`, else any valid one.
    auto unit_on = [&](std::mt19937_64& rng, Date d, int code) -> const agreements::UnitInfo* {
        std::vector<const agreements::UnitInfo*> valid;
        for (const auto& u : choices.units) {
            if (!ExistsOn(u, d))
                continue;
            if (code && u.id % 1000 == code)
                return &u;
            valid.push_back(&u);
        }
        if (valid.empty())
            return nullptr;
        return valid[std::uniform_int_distribution<std::size_t>(0, valid.size() - 1)(rng)];
    };
    // Signed agreements per current province, read once.
    std::map<std::int64_t, std::vector<AgreementRef>> agreements_of;
    auto signed_agreements = [&](std::int64_t current_unit) -> const std::vector<AgreementRef>& {
        auto it = agreements_of.find(current_unit);
        if (it == agreements_of.end()) {
            auto list = service.SignedAgreements(actor, current_unit, 100);
            it = agreements_of.emplace(current_unit, list ? *list : std::vector<AgreementRef>{})
                     .first;
        }
        return it->second;
    };

    std::mt19937_64 rng(seed ^ 0x6465'6c65'6761'7465ULL);  // "delegate"
    const int total = 150 * std::max(scale, 1);
    const int twins = 3 * std::max(scale, 1);
    int created = 0;
    std::vector<std::pair<std::int64_t, DelegationFields>> approved_future;
    std::size_t future_count = 0;
    std::size_t current_count = 0;
    std::size_t recent_count = 0;
    std::size_t past_count = 0;

    for (int i = 0; i < total - twins; ++i) {
        DelegationFields f;
        // When, by a share of the indices: most are over (2019 to a fortnight ago), some still
        // to come (up to four months ahead), some under way, some just back with the report due.
        const int bucket = i % 10;
        const int length = Between(rng, 2, 9);
        if (bucket <= 6) {
            f.starts_on = RandomDay(rng, first_day, Max(first_day, today.AddDays(-20)));
        } else if (bucket == 7) {
            f.starts_on = RandomDay(rng, today.AddDays(7), Max(horizon, today.AddDays(120)));
        } else if (bucket == 8) {
            f.starts_on = today.AddDays(-Between(rng, 0, std::min(4, length)));
        } else {
            f.starts_on = today.AddDays(-Between(rng, 1, 8) - length);
        }
        f.ends_on = f.starts_on.AddDays(length);
        const int code = i % 7 == 0 ? 1 : (i % 7 == 3 ? 79 : 0);  // Hà Nội, Hồ Chí Minh City
        const agreements::UnitInfo* unit = unit_on(rng, f.starts_on, code);
        if (!unit)
            continue;
        f.admin_unit_ids = {unit->id};
        if (i % 9 == 4) {  // a joint delegation of two provinces
            if (const auto* other = unit_on(rng, f.starts_on, 0); other && other->id != unit->id)
                f.admin_unit_ids.push_back(other->id);
        }
        const auto& partner =
            *partners[std::uniform_int_distribution<std::size_t>(0, partners.size() - 1)(rng)];
        const std::string country = partner.country_alpha2;
        const std::string partner_name = partner.name_vi;
        const std::string partner_en = partner.name_en.empty() ? partner.name_vi : partner.name_en;
        f.partner_ids = {partner.id};
        f.countries = {country};
        f.direction = Between(rng, 0, 9) < 6 ? "outbound" : "inbound";
        const int lv = Between(rng, 0, 19);
        f.level = lv < 2    ? "top_leaders"
                  : lv < 9  ? "provincial_leaders"
                  : lv < 17 ? "department"
                            : "other";
        f.purpose = Pick(rng, kPurposes);
        f.funding = f.direction == "outbound"
                        ? (Between(rng, 0, 4) == 0 ? "mixed" : "state_budget")
                        : (Between(rng, 0, 2) == 0 ? "state_budget" : "inviting_party");
        f.report_due_days = i % 7 == 3 ? 15 : kDefaultReportDueDays;
        const std::string province = unit->name_vi;
        if (f.direction == "outbound") {
            f.title = "Đoàn công tác của " + province + " thăm và làm việc tại " + partner_name;
            std::string dept = Pick(rng, kDepartments);
            if (f.level == "top_leaders") {
                f.head = {LeaderName(seed, unit->current_id, 0),
                          "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy", province, "", "head"};
            } else if (f.level == "provincial_leaders") {
                int seat = Between(rng, 1, 3);
                f.head = {LeaderName(seed, unit->current_id, seat),
                          seat == 1 ? "Chủ tịch UBND " + province : "Phó Chủ tịch UBND " + province,
                          "Ủy ban nhân dân " + province, "", "head"};
            } else if (f.level == "department") {
                f.head = {VietName(rng), "Giám đốc " + dept, dept + " " + province, "", "head"};
            } else {
                f.head = {VietName(rng), "Chủ tịch Liên hiệp các tổ chức hữu nghị",
                          "Liên hiệp các tổ chức hữu nghị " + province, "", "head"};
            }
            int members = Between(rng, 2, 5);
            for (int m = 0; m < members; ++m) {
                std::string d = Pick(rng, kDepartments);
                f.members.push_back({VietName(rng),
                                     m == 0 ? "Giám đốc Sở Ngoại vụ" : "Chuyên viên " + d,
                                     m == 0 ? "Sở Ngoại vụ " + province : d + " " + province, "",
                                     m == 0 && members > 3 ? "deputy_head" : "member"});
            }
        } else {
            f.title = "Đoàn " + partner_name + " thăm và làm việc tại " + province;
            static const char* const kTitles[] = {"Deputy Prime Minister", "Governor",
                                                  "Director, International Affairs",
                                                  "President, Friendship Association"};
            int t = f.level == "top_leaders"          ? 0
                    : f.level == "provincial_leaders" ? 1
                    : f.level == "department"         ? 2
                                                      : 3;
            const auto start = static_cast<std::size_t>(Between(rng, 0, 10));
            f.head = {ForeignName(country, start, 0), kTitles[t], partner_en, country, "head"};
            int members = Between(rng, 1, 2);
            for (int m = 0; m < members; ++m) {
                f.members.push_back({ForeignName(country, start, static_cast<std::size_t>(m) + 1),
                                     m == 0 ? "Director, International Relations" : "Officer",
                                     partner_en, country, "member"});
            }
            // An interpreter of the host province travels with them.
            if (i % 3 == 0)
                f.members.push_back(
                    {VietName(rng), "Phiên dịch", "Sở Ngoại vụ " + province, "VN", "member"});
        }
        int items = Between(rng, 1, 3);
        for (int k = 0; k < items; ++k) {
            Date day = RandomDay(rng, f.starts_on, f.ends_on);
            f.programme.push_back({day, k == 0 ? "08:30–11:30" : "14:00–17:00",
                                   f.direction == "outbound" ? partner_name : province,
                                   Pick(rng, kActivities), partner_name});
        }
        std::sort(f.programme.begin(), f.programme.end(),
                  [](const ProgrammeItem& a, const ProgrammeItem& b) { return a.day < b.day; });

        // The target state, from where the dates stand today.
        static const Status kFuture[] = {Status::kProposed, Status::kApproved, Status::kApproved,
                                         Status::kRejected, Status::kCancelled};
        static const Status kPast[] = {Status::kClosed,   Status::kClosed,    Status::kReported,
                                       Status::kReturned, Status::kRejected,  Status::kClosed,
                                       Status::kReported, Status::kCancelled, Status::kReturned};
        Status target;
        if (f.starts_on > today)
            target = kFuture[future_count++ % std::size(kFuture)];
        else if (f.ends_on >= today)
            target = current_count++ % 3 == 0 ? Status::kApproved : Status::kInProgress;
        else if (bucket == 9)
            target = recent_count++ % 3 == 0 ? Status::kReported : Status::kReturned;
        else
            target = kPast[past_count++ % std::size(kPast)];

        Date proposed = Min(today, f.starts_on.AddDays(-Between(rng, 15, 60)));
        auto made = service.Create(actor, f, proposed);
        if (!made)
            return made.error();
        ++created;
        const std::int64_t id = made->detail.delegation.id;
        const std::int64_t current_unit = made->detail.delegation.current_unit_id;
        auto step = [&](StepRequest s) {
            return service.Step(actor, id, s, std::nullopt, /*confirm_overlaps=*/true);
        };
        if (target == Status::kProposed)
            continue;
        Date decided =
            Max(proposed, Min(Min(today, f.starts_on), proposed.AddDays(Between(rng, 2, 10))));
        const std::string ref =
            "Quyết định số " + std::to_string(100 + i) + "/QĐ-UBND ngày " + decided.ToDisplay();
        if (target == Status::kRejected) {
            StepRequest s;
            s.action = "reject";
            s.date = decided;
            s.decision_ref = ref;
            s.note = "Chưa phù hợp với kế hoạch đối ngoại năm của tỉnh";
            if (auto r = step(s); !r)
                return r.error();
            continue;
        }
        if (target == Status::kCancelled) {
            StepRequest s;
            s.action = "cancel";
            s.date = decided;
            s.note = "Phía đối tác đề nghị lùi thời gian làm việc";
            if (auto r = step(s); !r)
                return r.error();
            continue;
        }
        StepRequest approve;
        approve.action = "approve";
        approve.date = decided;
        approve.decision_ref = ref;
        if (auto r = step(approve); !r)
            return r.error();
        if (f.ends_on >= today)
            approved_future.emplace_back(id, f);  // still to come or under way
        if (target == Status::kApproved)
            continue;
        StepRequest depart;
        depart.action = "depart";
        depart.date = f.starts_on;
        if (auto r = step(depart); !r)
            return r.error();
        if (target == Status::kInProgress)
            continue;
        StepRequest back;
        back.action = "return";
        back.date = f.ends_on;
        if (auto r = step(back); !r)
            return r.error();
        if (target == Status::kReturned)
            continue;
        Date reported = Min(today, f.ends_on.AddDays(Between(rng, 2, 16)));
        StepRequest report;
        report.action = "submit_report";
        report.date = reported;
        report.report_summary = "Đoàn đã hoàn thành chương trình: " + std::string(f.purpose) +
                                ". Hai bên thống nhất các nội dung hợp tác cụ thể.";
        if (auto r = step(report); !r)
            return r.error();
        if (target == Status::kReported)
            continue;
        StepRequest outcomes;
        outcomes.action = "record_outcomes";
        outcomes.date = Min(today, reported.AddDays(Between(rng, 0, 5)));
        Outcome o;
        o.commitments = Pick(rng, kCommitments);
        // Often an agreement of the province signed by the time of the report.
        if (i % 2 == 0) {
            const auto& signed_ = signed_agreements(current_unit);
            std::vector<const AgreementRef*> fit;
            for (const auto& a : signed_) {
                if (a.signed_on && *a.signed_on <= reported)
                    fit.push_back(&a);
            }
            if (!fit.empty()) {
                o.agreement_ids.push_back(
                    fit[std::uniform_int_distribution<std::size_t>(0, fit.size() - 1)(rng)]->id);
            }
        }
        int follow_ups = Between(rng, 1, 2);
        for (int k = 0; k < follow_ups; ++k) {
            FollowUp u;
            u.description = Pick(rng, kFollowUps);
            u.responsible = "Sở Ngoại vụ";
            u.due_on = reported.AddDays(Between(rng, 30, 120));
            // Done when due long ago, some still open past their due date (overdue).
            if (*u.due_on < today && k == 0 && i % 3 != 0) {
                u.status = "done";
                u.done_on = Min(today, u.due_on->AddDays(-5));
                if (*u.done_on < reported)
                    u.done_on = reported;
            } else {
                u.status = "open";
            }
            o.follow_ups.push_back(std::move(u));
        }
        outcomes.outcome = o;
        if (auto r = step(outcomes); !r)
            return r.error();
    }

    // A few leaders in two delegations on overlapping days: the second one still proposed, so
    // that its page and the list flag the clash before the approval.
    // Those of Hà Nội first: the province of the demo officer and leader.
    std::stable_partition(approved_future.begin(), approved_future.end(), [](const auto& entry) {
        return entry.second.admin_unit_ids.front() % 1000 == 1;
    });
    for (int k = 0; k < twins && k < static_cast<int>(approved_future.size()); ++k) {
        const auto& [other_id, other] = approved_future[static_cast<std::size_t>(k)];
        DelegationFields f = other;
        f.title = "Đoàn dự diễn đàn hợp tác địa phương (trùng lịch với đoàn số " +
                  std::to_string(other_id) + ")";
        f.starts_on = other.starts_on.AddDays(1);
        f.ends_on = other.ends_on.AddDays(2);
        f.members.clear();
        f.programme.clear();
        auto made = service.Create(actor, f, Min(today, f.starts_on.AddDays(-10)));
        if (!made)
            return made.error();
        ++created;
    }
    return created;
}

}  // namespace ngoaivu::delegations
