#include "modules/agreements/agreement_demo.hpp"

#include <map>
#include <random>
#include <string_view>

namespace ngoaivu::agreements {

namespace {

const char* const kTopics[] = {
    "hợp tác hữu nghị và phát triển",    "hợp tác đào tạo nguồn nhân lực",
    "xúc tiến thương mại và đầu tư",     "hợp tác phát triển du lịch",
    "hợp tác y tế và chăm sóc sức khỏe", "hợp tác nông nghiệp công nghệ cao",
    "trao đổi văn hóa, thể thao",        "hợp tác khoa học và công nghệ",
    "ứng phó biến đổi khí hậu",          "hợp tác lao động",
};
const char* const kFieldsOfTopic[] = {"local_governance", "education",   "investment", "culture",
                                      "health",           "agriculture", "culture",    "science",
                                      "environment",      "labour"};
const char* const kForms[] = {"mou", "agreement", "programme", "minutes", "plan"};
const char* const kCommitments[] = {
    "Tổ chức đoàn doanh nghiệp khảo sát thị trường", "Cử cán bộ sang đào tạo ngắn hạn",
    "Tổ chức hội thảo xúc tiến đầu tư chung",        "Trao đổi đoàn cấp lãnh đạo hằng năm",
    "Xây dựng kế hoạch hợp tác giai đoạn tiếp theo",
};
const char* const kResults[] = {
    "Dự án đầu tư được cấp giấy chứng nhận",
    "Hoàn thành khóa đào tạo cho cán bộ tỉnh",
    "Tổ chức thành công tuần lễ văn hóa",
    "Khởi công dự án hợp tác",
};

template <std::size_t N>
std::size_t Pick(std::mt19937_64& rng, const char* const (&)[N]) {
    return std::uniform_int_distribution<std::size_t>(0, N - 1)(rng);
}

Date RandomDay(std::mt19937_64& rng, Date from, Date to) {
    long span = to.ToDays() - from.ToDays();
    if (span <= 0)
        return from;
    return from.AddDays(std::uniform_int_distribution<long>(0, span)(rng));
}

}  // namespace

Result<int> AddDemoAgreements(AgreementService& service, std::uint64_t seed, int scale) {
    const Actor actor = Actor::System("demo");
    auto existing = service.List(actor, {}, AgreementSort::kSignedDesc, {1, 1});
    if (!existing)
        return existing.error();
    if (existing->total > 0)
        return 0;  // already there: the demo data is added once
    auto choices = service.FormChoices();
    if (choices.partners.empty())
        return 0;
    const Date today = service.Today();
    const Date merger = *Date::FromYmd(2025, 7, 1);
    // The current units with the old units each was formed from.
    std::vector<const UnitInfo*> current;
    std::map<std::int64_t, std::vector<const UnitInfo*>> predecessors;
    for (const auto& u : choices.units) {
        if (!u.valid_to)
            current.push_back(&u);
        else
            predecessors[u.current_id].push_back(&u);
    }
    std::mt19937_64 rng(seed);
    int created = 0;
    const int per_province = 10 * std::max(scale, 1);
    for (const UnitInfo* unit : current) {
        for (int i = 0; i < per_province; ++i) {
            std::size_t topic = Pick(rng, kTopics);
            const PartnerRef& partner = choices.partners[std::uniform_int_distribution<std::size_t>(
                0, choices.partners.size() - 1)(rng)];
            AgreementFields f;
            f.form = kForms[Pick(rng, kForms)];
            f.party_kind = "ubnd";
            f.fields = {kFieldsOfTopic[topic]};
            f.partner_ids = {partner.id};
            f.languages = {"vi", "en"};
            f.term_months = 60;
            f.archive_location = "Sở Ngoại vụ / Văn phòng UBND tỉnh";
            // Most are signed agreements of 2015–2026; the last ones of each province go through
            // the workflow now, so that every state and some overdue deadlines appear.
            bool workflow = i >= per_province - 3;
            Date signed_on = RandomDay(rng, *Date::FromYmd(2015, 1, 1), today.AddDays(-20));
            const UnitInfo* signer = unit;
            if (!workflow && signed_on < merger) {
                auto& olds = predecessors[unit->id];
                if (!olds.empty()) {
                    signer =
                        olds[std::uniform_int_distribution<std::size_t>(0, olds.size() - 1)(rng)];
                }
            }
            f.admin_unit_id = signer->id;
            f.party_name = "Ủy ban nhân dân " + signer->name_vi;
            f.title_vi = "Bản ghi nhớ về " + std::string(kTopics[topic]) +
                         " giữa Ủy ban nhân dân " + signer->name_vi + " và " + partner.name_vi;
            f.title_foreign = "Memorandum of understanding between the People's Committee of " +
                              signer->name_en + " and " +
                              (partner.name_en.empty() ? partner.name_vi : partner.name_en);
            if (!workflow) {
                RegisterRequest r;
                r.fields = f;
                r.signed_on = signed_on;
                r.effective_on = signed_on;
                r.signed_place = signer->name_vi;
                r.signatory_vn = "Chủ tịch UBND " + signer->name_vi;
                r.signatory_foreign = partner.name_vi;
                bool old = signed_on.AddDays(5 * 365) < today;
                r.status = old ? (i % 3 == 0 ? "expired" : (i % 5 == 1 ? "terminated" : "in_force"))
                               : "in_force";
                if (old && r.status == "expired")
                    r.expires_on = signed_on.AddDays(5 * 365);
                // Most were reported to MOFA on time; a few recent ones were not.
                if (!(signed_on.AddDays(60) > today && i % 2 == 0))
                    r.reported_on = signed_on.AddDays(10);
                auto reg = service.Register(actor, r);
                if (!reg)
                    return reg.error();
                ++created;
                std::int64_t id = reg->agreement.id;
                if (i % 4 != 3) {
                    CommitmentRequest c;
                    c.description = kCommitments[Pick(rng, kCommitments)];
                    c.responsible_unit = "Sở Ngoại vụ";
                    c.due_on = signed_on.AddDays(365);
                    bool done = c.due_on < today && i % 3 != 1;
                    c.status = done ? "done" : "open";
                    if (done)
                        c.done_on = signed_on.AddDays(300);
                    if (auto added = service.AddCommitment(actor, id, c); !added)
                        return added.error();
                }
                if (i % 3 == 0 && signed_on.AddDays(200) < today) {
                    ResultRequest res;
                    res.description = kResults[Pick(rng, kResults)];
                    res.achieved_on = signed_on.AddDays(200);
                    res.figures.push_back(
                        {i % 2 == 0 ? "usd" : "people_trained",
                         static_cast<double>(std::uniform_int_distribution<int>(5, 500)(rng) *
                                             (i % 2 == 0 ? 100000 : 1))});
                    if (auto added = service.AddResult(actor, id, res); !added)
                        return added.error();
                }
                continue;
            }
            // In the workflow: drafted some weeks ago, then as far as `stage` goes.
            // 0 draft, 1 opinions awaited, 2 decided, 3 signed, 4 in force, 5 referred to the
            // Prime Minister after a disagreement, 6 abandoned, 7 suspended.
            int stage = (i + static_cast<int>(unit->id)) % 8;
            Date drafted = today.AddDays(-std::uniform_int_distribution<int>(25, 60)(rng));
            auto draft = service.Create(actor, f, drafted);
            if (!draft)
                return draft.error();
            ++created;
            std::int64_t id = draft->agreement.id;
            auto step = [&](StepRequest s) { return service.Step(actor, id, s); };
            if (stage == 0)
                continue;  // a draft
            StepRequest ask;
            ask.action = "request_opinions";
            ask.date = drafted.AddDays(3);
            ask.bodies = {"Bộ Công an", "Sở Kế hoạch và Đầu tư"};
            if (auto r = step(ask); !r)
                return r.error();
            if (stage == 1)
                continue;  // waiting for opinions: overdue by now
            if (stage == 6) {
                StepRequest abandon;
                abandon.action = "abandon";
                abandon.date = drafted.AddDays(6);
                abandon.note = "Đối tác đề nghị tạm dừng đàm phán";
                if (auto r = step(abandon); !r)
                    return r.error();
                continue;
            }
            for (const char* body : {"Bộ Ngoại giao", "Bộ Công an", "Sở Kế hoạch và Đầu tư"}) {
                StepRequest o;
                o.action = "record_opinion";
                o.date = drafted.AddDays(8);
                o.body = body;
                o.outcome =
                    stage == 5 && std::string_view(body) == "Bộ Công an" ? "disagree" : "agree";
                if (auto r = step(o); !r)
                    return r.error();
            }
            if (stage == 5) {
                StepRequest refer;
                refer.action = "refer_pm";
                refer.date = drafted.AddDays(9);
                if (auto r = step(refer); !r)
                    return r.error();
                continue;  // waiting for the Prime Minister
            }
            StepRequest decide;
            decide.action = "decide";
            decide.date = drafted.AddDays(10);
            decide.decision_ref = "Quyết định số " + std::to_string(100 + i) + "/QĐ-UBND";
            // The decision is a provincial leader's; the demo records it as the system.
            if (auto r = step(decide); !r)
                return r.error();
            if (stage == 2)
                continue;
            StepRequest sign;
            sign.action = "sign";
            sign.date = drafted.AddDays(12);
            sign.signed_place = unit->name_vi;
            sign.signatory_vn = "Chủ tịch UBND " + unit->name_vi;
            sign.signatory_foreign = partner.name_vi;
            if (auto r = step(sign); !r)
                return r.error();
            if (stage == 3)
                continue;  // signed, the report to MOFA overdue
            StepRequest report;
            report.action = "report_mofa";
            report.date = drafted.AddDays(14);
            if (auto r = step(report); !r)
                return r.error();
            StepRequest force;
            force.action = "enter_into_force";
            force.date = drafted.AddDays(15);
            if (auto r = step(force); !r)
                return r.error();
            if (stage == 7) {
                StepRequest suspend;
                suspend.action = "suspend";
                suspend.date = drafted.AddDays(20);
                suspend.note = "Tạm đình chỉ theo đề nghị của phía đối tác";
                if (auto r = step(suspend); !r)
                    return r.error();
            }
        }
    }
    return created;
}

}  // namespace ngoaivu::agreements
