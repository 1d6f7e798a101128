// The reports module's figures on a small fixed data set computed by hand: agreements,
// delegations and events inserted with SQL into a migrated database with the reference data, the
// indicator figures from a fixed FigureSource. Checks every number of the review report and the
// dashboard, the sentences in both languages, scope, the province filter of either generation,
// bad input, and the XLSX and DOCX read back. Runs on SQLite and on PostgreSQL.
#include <pugixml.hpp>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/embedded.hpp"
#include "modules/geo/reference_data.hpp"
#include "modules/reports/report_docx.hpp"
#include "modules/reports/report_repository.hpp"
#include "modules/reports/report_service.hpp"
#include "modules/reports/report_sheet.hpp"
#include "modules/reports/report_text.hpp"
#include "office/xlsx_reader.hpp"
#include "office/zip_archive.hpp"
#include "storage/migrator.hpp"
#include "support/database_test.hpp"
#include "support/fixed_figures.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::reports {
namespace {

using ::testing::ElementsAre;

constexpr std::int64_t kHaNoi = 1001, kBacNinh = 1027, kBinhDuong = 1074, kHcm = 1079;
constexpr std::int64_t kHaNoiNew = 2001, kBacNinhNew = 2024, kHcmNew = 2079;

Date D(const char* iso) {
    return *Date::ParseIso(iso);
}

Actor Mofa() {
    Actor a;
    a.user_id = 5;
    a.login = "test-mofa";
    a.grants.push_back(RoleGrant{Role::kMofaViewer, true, {}, {}});
    return a;
}

Actor HaNoiOfficer() {
    Actor a;
    a.user_id = 6;
    a.login = "test-officer";
    a.grants.push_back(RoleGrant{Role::kProvinceOfficer, false, {kHaNoi, kHaNoiNew}, {}});
    return a;
}

FigureDef Def(std::string code, std::string vi, std::string en, std::string unit, int decimals) {
    return {std::move(code), std::move(vi), std::move(en), std::move(unit), decimals, "sum"};
}

// The figures (value × 1000), by the 63: exports 2013 45.000,0 in all; 2023 151.000,5 in all,
// 2 provinces above 45.000; imports 2023 50.000; FDI 2.500 → 2.870 (+14,8%); UNESCO 2+1+3 in
// 2021–2023 (and 5 in 2020, outside the period).
std::vector<YearFigure> Values() {
    return {
        {"exports", kHaNoi, 2013, 10000000, false},
        {"exports", kHcm, 2013, 30000000, false},
        {"exports", kBacNinh, 2013, 5000000, false},
        {"exports", kHaNoi, 2023, 15000500, false},
        {"exports", kHcm, 2023, 50000000, false},
        {"exports", kBacNinh, 2023, 46000000, false},
        {"exports", kBinhDuong, 2023, 40000000, false},
        {"imports", kHaNoi, 2023, 20000000, false},
        {"imports", kHcm, 2023, 30000000, false},
        {"fdi_registered", kHaNoi, 2022, 1000000, false},
        {"fdi_registered", kHcm, 2022, 1500000, false},
        {"fdi_registered", kHaNoi, 2023, 1200000, false},
        {"fdi_registered", kHcm, 2023, 1670000, false},
        {"unesco_recognitions", kHaNoi, 2020, 5000, false},
        {"unesco_recognitions", kHaNoi, 2021, 2000, false},
        {"unesco_recognitions", kHcm, 2022, 1000, false},
        {"unesco_recognitions", kBacNinh, 2023, 3000, false},
        {"exports", kHcmNew, 2023, 90000000, false},
    };
}

std::vector<FigureDef> Defs() {
    return {Def("exports", "Kim ngạch xuất khẩu", "Exports", "usd_million", 1),
            Def("imports", "Kim ngạch nhập khẩu", "Imports", "usd_million", 1),
            Def("fdi_registered", "Vốn FDI đăng ký", "Registered FDI", "usd_million", 1),
            Def("unesco_recognitions", "Danh hiệu UNESCO", "UNESCO recognitions", "count", 0)};
}

class ReportsTest : public testing::DatabaseTest {
 protected:
    void SetUp() override {
        DatabaseTest::SetUp();
        storage::Migrate(db(), storage::LoadMigrations(EmbeddedMigrations(), db().backend()));
        geo::LoadReferenceData(db(), testing::kIsoCodesJson);
        Insert();
        figures_.Set(Defs(), Values());
        service_ = std::make_unique<ReportService>(
            db(), repo_, figures_, clock_,
            FindEmbedded(EmbeddedReferenceData(), "tile_map.csv").value_or(""));
    }

    void Exec(storage::Transaction& tx, const std::string& sql) { tx.Exec(sql); }

    void Agreement(storage::Transaction& tx, int id, const char* signed_on, const char* status,
                   std::int64_t unit, std::int64_t current) {
        tx.Exec(
            "INSERT INTO agreement (id, title_vi, form, party_kind, party_name, admin_unit_id, "
            "current_unit_id, procedure, status, signed_on, signed_year, search_text, created_at, "
            "updated_at) VALUES ($1, $2, 'mou', 'ubnd', 'UBND', $3, $4, 'normal', $5, $6, $7, "
            "'x', '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z')",
            {id, "Thỏa thuận " + std::to_string(id), unit, current, status, signed_on,
             std::stoi(std::string(signed_on).substr(0, 4))});
    }
    void Delegation(storage::Transaction& tx, int id, const char* starts_on, const char* status,
                    const char* direction, const char* level, std::int64_t unit,
                    std::int64_t current) {
        tx.Exec(
            "INSERT INTO delegation (id, title, direction, level, admin_unit_id, current_unit_id, "
            "starts_on, ends_on, start_year, funding, status, search_text, created_at, "
            "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, 'state_budget', $9, 'x', "
            "'2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z')",
            {id, "Đoàn " + std::to_string(id), direction, level, unit, current, starts_on,
             std::stoi(std::string(starts_on).substr(0, 4)), status});
    }
    void Event(storage::Transaction& tx, int id, const char* type, const char* status,
               const char* starts_on, std::optional<std::int64_t> unit,
               std::optional<std::int64_t> current) {
        storage::Value u = unit ? storage::Value(*unit) : storage::Value();
        storage::Value c = current ? storage::Value(*current) : storage::Value();
        tx.Exec(
            "INSERT INTO event (id, title_vi, type, starts_on, ends_on, start_year, format, "
            "national, admin_unit_id, current_unit_id, decider, status, search_text, created_at, "
            "updated_at) VALUES ($1, $2, $3, $4, $4, $5, 'in_person', $6, $7, $8, 'none', $9, "
            "'x', '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z')",
            {id, "Sự kiện " + std::to_string(id), type, starts_on,
             std::stoi(std::string(starts_on).substr(0, 4)), unit ? 0 : 1, u, c, status});
    }
    void Award(storage::Transaction& tx, int event, int position, const char* kind,
               const char* recipient, const char* recipient_kind,
               std::optional<std::int64_t> unit) {
        tx.Exec(
            "INSERT INTO event_award (event_id, position, kind, recipient, recipient_kind, "
            "recipient_unit_id) VALUES ($1, $2, $3, $4, $5, $6)",
            {event, position, kind, recipient, recipient_kind,
             unit ? storage::Value(*unit) : storage::Value()});
    }

    void Insert() {
        storage::WithWrite(db(), [&](storage::Transaction& tx) {
            const char* partner =
                "INSERT INTO partner (id, kind, name_vi, country_alpha2, search_text, created_at, "
                "updated_at) VALUES ($1, $2, $3, $4, 'x', '2020-01-01T00:00:00.000Z', "
                "'2020-01-01T00:00:00.000Z')";
            tx.Exec(partner, {1, "country", "Nhật Bản", "JP"});
            tx.Exec(partner, {2, "country", "Hàn Quốc", "KR"});
            tx.Exec(partner, {3, "country", "Lào", "LA"});
            tx.Exec(partner, {4, "international_org", "UNESCO", storage::Value()});
            Agreement(tx, 1, "2021-03-10", "signed", kHaNoi, kHaNoiNew);
            Agreement(tx, 2, "2022-05-01", "in_force", kHaNoi, kHaNoiNew);
            Agreement(tx, 3, "2023-12-31", "expired", kBacNinh, kBacNinhNew);
            Agreement(tx, 4, "2023-06-15", "terminated", kHcm, kHcmNew);
            Agreement(tx, 5, "2022-01-01", "draft", kHaNoi, kHaNoiNew);
            Agreement(tx, 6, "2020-12-31", "signed", kHaNoi, kHaNoiNew);
            Agreement(tx, 7, "2024-01-01", "signed", kHaNoi, kHaNoiNew);
            Agreement(tx, 8, "2022-07-07", "abandoned", kHaNoi, kHaNoiNew);
            Agreement(tx, 9, "2021-08-08", "suspended", kBinhDuong, kHcmNew);
            const char* ap =
                "INSERT INTO agreement_partner (agreement_id, partner_id) VALUES ($1, $2)";
            for (auto [a, p] : std::vector<std::pair<int, int>>{{1, 1},
                                                                {2, 1},
                                                                {2, 2},
                                                                {3, 2},
                                                                {4, 3},
                                                                {4, 4},
                                                                {9, 1},
                                                                {5, 1},
                                                                {6, 1},
                                                                {8, 3}})
                tx.Exec(ap, {a, p});
            const char* af = "INSERT INTO agreement_field (agreement_id, field) VALUES ($1, $2)";
            for (auto [a, f] : std::vector<std::pair<int, const char*>>{{1, "economy"},
                                                                        {1, "education"},
                                                                        {2, "education"},
                                                                        {3, "investment"},
                                                                        {4, "culture"},
                                                                        {9, "economy"},
                                                                        {5, "economy"}})
                tx.Exec(af, {a, f});
            const char* result =
                "INSERT INTO result (agreement_id, description, achieved_on, created_at) VALUES "
                "($1, 'Kết quả', '2023-01-01', '2023-01-01T00:00:00.000Z')";
            tx.Exec(result, {1});
            tx.Exec(result, {3});
            tx.Exec(result, {3});
            tx.Exec(result, {6});
            Delegation(tx, 1, "2021-05-01", "returned", "outbound", "top_leaders", kHaNoi,
                       kHaNoiNew);
            Delegation(tx, 2, "2022-02-02", "closed", "inbound", "top_leaders", kHcm, kHcmNew);
            Delegation(tx, 3, "2023-03-03", "reported", "outbound", "top_leaders", kBacNinh,
                       kBacNinhNew);
            Delegation(tx, 4, "2023-04-04", "approved", "outbound", "top_leaders", kHaNoi,
                       kHaNoiNew);
            Delegation(tx, 5, "2022-09-09", "in_progress", "outbound", "department", kHaNoi,
                       kHaNoiNew);
            Delegation(tx, 6, "2021-10-10", "cancelled", "inbound", "provincial_leaders", kHaNoi,
                       kHaNoiNew);
            Delegation(tx, 7, "2024-02-02", "closed", "outbound", "top_leaders", kHaNoi, kHaNoiNew);
            Delegation(tx, 8, "2022-06-06", "returned", "inbound", "provincial_leaders", kBinhDuong,
                       kHcmNew);
            const char* dc =
                "INSERT INTO delegation_country (delegation_id, country_alpha2) VALUES ($1, $2)";
            tx.Exec(dc, {1, "JP"});
            tx.Exec(dc, {1, "KR"});
            tx.Exec(dc, {2, "LA"});
            Event(tx, 1, "international_conference", "held", "2021-11-11", kHaNoi, kHaNoiNew);
            Event(tx, 2, "international_conference", "reported", "2022-11-11", kHcm, kHcmNew);
            Event(tx, 3, "international_conference", "approved", "2023-01-01", kHaNoi, kHaNoiNew);
            Event(tx, 4, "trade_promotion", "held", "2023-05-05", kBacNinh, kBacNinhNew);
            Event(tx, 5, "national_review_conference", "held", "2023-12-18", std::nullopt,
                  std::nullopt);
            Event(tx, 6, "cultural_diplomacy", "held", "2020-06-06", kHaNoi, kHaNoiNew);
            Award(tx, 5, 0, "medal_vi_su_nghiep_ngoai_giao", "Nguyễn Văn A", "person", kHaNoi);
            Award(tx, 5, 1, "certificate_of_merit_minister", "Sở Ngoại vụ TP.HCM", "organisation",
                  kHcm);
            Award(tx, 5, 2, "certificate_of_merit_minister", "Sở Ngoại vụ Bắc Ninh", "organisation",
                  kBacNinh);
            Award(tx, 1, 0, "other", "Công ty X", "organisation", std::nullopt);
            Award(tx, 6, 0, "other", "Ngoài kỳ", "organisation", kHaNoi);
        });
    }

    ReviewRequest Period(int generation = 1) {
        ReviewRequest r;
        r.from = D("2021-01-01");
        r.to = D("2023-12-31");
        r.generation = generation;
        r.compare_year = 2013;
        return r;
    }

    Review Get(const Actor& actor, const ReviewRequest& req) {
        auto r = service_->GetReview(actor, req);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message_en);
        return r.ok() ? *r : Review{};
    }

    static std::vector<std::pair<std::string, std::int64_t>> Pairs(
        const std::vector<KeyCount>& counts) {
        std::vector<std::pair<std::string, std::int64_t>> out;
        for (const auto& c : counts)
            out.emplace_back(c.name_vi, c.count);
        return out;
    }

    FakeClock clock_{testing::UtcTime(2024, 3, 1, 3)};
    SqlReportRepository repo_;
    testing::FixedFigureSource figures_;
    std::unique_ptr<ReportService> service_;
};

TEST_F(ReportsTest, ReviewCountsTheRecordsAsTheSpecSays) {
    Review r = Get(Mofa(), Period());
    EXPECT_EQ(r.visits_out, 2);
    EXPECT_EQ(r.visits_in, 1);
    ASSERT_EQ(r.visits.size(), 3u);
    EXPECT_EQ(r.visits[0].id, 1);
    EXPECT_THAT(r.visits[0].countries_vi, ElementsAre("Hàn Quốc", "Nhật Bản"));
    EXPECT_EQ(r.visits[0].unit_name_vi, "Thành phố Hà Nội");
    EXPECT_EQ(r.visits[1].id, 2);
    EXPECT_EQ(r.visits[2].id, 3);
    EXPECT_EQ(r.agreements.signed_count, 5);
    EXPECT_EQ(r.agreements.with_results, 2);
    EXPECT_THAT(Pairs(r.agreements.by_country),
                ElementsAre(std::pair<std::string, std::int64_t>{"Nhật Bản", 3},
                            std::pair<std::string, std::int64_t>{"Hàn Quốc", 2},
                            std::pair<std::string, std::int64_t>{"Lào", 1}));
    EXPECT_THAT(Pairs(r.agreements.by_field),
                ElementsAre(std::pair<std::string, std::int64_t>{"Giáo dục, đào tạo", 2},
                            std::pair<std::string, std::int64_t>{"Kinh tế, thương mại", 2},
                            std::pair<std::string, std::int64_t>{"Đầu tư", 1},
                            std::pair<std::string, std::int64_t>{"Văn hóa, thể thao, du lịch", 1}));
    EXPECT_THAT(Pairs(r.agreements.by_unit),
                ElementsAre(std::pair<std::string, std::int64_t>{"Thành phố Hà Nội", 2},
                            std::pair<std::string, std::int64_t>{"Thành phố Hồ Chí Minh", 1},
                            std::pair<std::string, std::int64_t>{"Tỉnh Bắc Ninh", 1},
                            std::pair<std::string, std::int64_t>{"Tỉnh Bình Dương", 1}));
    ASSERT_EQ(r.agreements.by_year.size(), 3u);
    EXPECT_EQ(r.agreements.by_year[0].year, 2021);
    EXPECT_EQ(r.agreements.by_year[0].with_results, 1);
    EXPECT_EQ(r.agreements.by_year[0].without_results, 1);
    EXPECT_EQ(r.agreements.by_year[1].with_results, 0);
    EXPECT_EQ(r.agreements.by_year[1].without_results, 1);
    EXPECT_EQ(r.agreements.by_year[2].with_results, 1);
    EXPECT_EQ(r.agreements.by_year[2].without_results, 1);
    EXPECT_EQ(r.events.international, 2);
    EXPECT_THAT(
        Pairs(r.events.by_type),
        ElementsAre(
            std::pair<std::string, std::int64_t>{"Hội nghị, hội thảo quốc tế tổ chức tại tỉnh", 2},
            std::pair<std::string, std::int64_t>{"Xúc tiến thương mại, đầu tư", 1}));
    EXPECT_EQ(r.awards_total, 4);
    EXPECT_EQ(r.awards_by_kind.size(), 3u);
    EXPECT_EQ(r.awards_by_kind[0].key, "certificate_of_merit_minister");
    EXPECT_EQ(r.awards_by_kind[0].count, 2);
    ASSERT_EQ(r.delegations.size(), 4u);
    EXPECT_EQ(r.delegations[1].level, "provincial_leaders");
    EXPECT_EQ(r.delegations[1].inbound, 1);
    EXPECT_EQ(r.delegations[2].outbound, 1);
}

TEST_F(ReportsTest, ReviewComputesTheEconomyFromApprovedFigures) {
    Review r = Get(Mofa(), Period());
    const Economy& e = r.economy;
    ASSERT_EQ(e.years.size(), 3u);
    EXPECT_EQ(e.years[2].year, 2023);
    EXPECT_EQ(e.years[2].exports, 151000500);
    EXPECT_EQ(e.years[2].imports, 50000000);
    EXPECT_EQ(e.years[2].trade, 201000500);
    EXPECT_EQ(e.years[2].fdi, 2870000);
    EXPECT_EQ(e.years[2].fdi_growth_permille, 148);
    EXPECT_FALSE(e.years[0].exports.has_value());
    EXPECT_EQ(e.compare_exports, 45000000);
    ASSERT_EQ(e.top_exporters.size(), 4u);
    EXPECT_EQ(e.top_exporters[0].unit.id, kHcm);
    EXPECT_EQ(e.top_exporters[3].unit.id, kHaNoi);
    ASSERT_EQ(e.exceeding.size(), 2u);
    EXPECT_EQ(e.exceeding[0].unit.id, kHcm);
    EXPECT_EQ(e.exceeding[1].unit.id, kBacNinh);
    EXPECT_EQ(e.unesco, 6000);
}

TEST_F(ReportsTest, ReviewTextStatesTheFiguresInVietnameseAndEnglish) {
    Review r = Get(Mofa(), Period());
    auto vi = ReviewText(r, false);
    ASSERT_EQ(vi.size(), 6u);
    EXPECT_EQ(vi[0].paragraphs[0],
              "Từ 01/01/2021 đến 31/12/2023, các địa phương đã thực hiện 2 chuyến thăm cấp cao ra "
              "nước ngoài và đón 1 đoàn cấp cao nước ngoài.");
    EXPECT_EQ(
        vi[1].paragraphs[0],
        "Trong giai đoạn từ 01/01/2021 đến 31/12/2023, các địa phương đã ký kết 5 thỏa thuận "
        "quốc tế với các đối tác nước ngoài. Các đối tác ký kết nhiều nhất thuộc Nhật Bản "
        "(3), Hàn Quốc (2) và Lào (1). Các lĩnh vực hợp tác chủ yếu là Giáo dục, đào tạo (2), "
        "Kinh tế, thương mại (2) và Đầu tư (1). Các địa phương ký kết nhiều nhất là Thành phố "
        "Hà Nội (2), Thành phố Hồ Chí Minh (1) và Tỉnh Bắc Ninh (1). Đến nay, 2 thỏa thuận "
        "(40,0%) đã có kết quả cụ thể.");
    EXPECT_EQ(vi[2].paragraphs[0],
              "Các địa phương đã tổ chức 2 hội nghị, hội thảo quốc tế và 1 sự kiện đối ngoại khác "
              "(Xúc tiến thương mại, đầu tư (1)).");
    ASSERT_EQ(vi[3].paragraphs.size(), 4u);
    EXPECT_EQ(vi[3].paragraphs[0],
              "Năm 2023, kim ngạch xuất khẩu đạt 151.000,5 triệu USD và nhập khẩu 50.000,0 triệu "
              "USD; tổng kim ngạch xuất nhập khẩu đạt 201.000,5 triệu USD.");
    EXPECT_EQ(vi[3].paragraphs[1],
              "Vốn FDI đăng ký năm 2023 đạt 2.870,0 triệu USD, tăng 14,8% so với năm 2022.");
    EXPECT_EQ(vi[3].paragraphs[3],
              "Năm 2023, kim ngạch xuất khẩu của 2 địa phương (Thành phố Hồ Chí Minh và Tỉnh Bắc "
              "Ninh) đã vượt kim ngạch xuất khẩu của cả nước năm 2013 (45.000,0 triệu USD).");
    EXPECT_EQ(vi[4].paragraphs[0],
              "Trong giai đoạn, các địa phương có thêm 6 danh hiệu được UNESCO ghi danh.");
    EXPECT_EQ(vi[5].paragraphs[0],
              "4 lượt tập thể, cá nhân được khen thưởng tại các sự kiện trong giai đoạn: 2 Bằng "
              "khen của Bộ trưởng Bộ Ngoại giao, 1 Khác và 1 Kỷ niệm chương “Vì sự nghiệp ngoại "
              "giao”.");
    auto en = ReviewText(r, true);
    EXPECT_EQ(en[0].paragraphs[0],
              "From 01/01/2021 to 31/12/2023, the localities made 2 high-level visits abroad and "
              "received 1 high-level foreign delegations.");
    EXPECT_EQ(en[3].paragraphs[1],
              "Registered FDI in 2023 reached 2,870.0 million USD, up 14.8% on 2022.");
    EXPECT_EQ(en[3].paragraphs[3],
              "The 2023 exports of 2 localities (Ho Chi Minh City and Bac Ninh Province) exceeded "
              "the whole country's exports in 2013 (45,000.0 million USD).");
}

TEST_F(ReportsTest, ProvincialActorsSeeOnlyTheirProvince) {
    Review r = Get(HaNoiOfficer(), Period());
    EXPECT_EQ(r.agreements.signed_count, 2);
    EXPECT_EQ(r.visits_out, 1);
    EXPECT_EQ(r.visits_in, 0);
    EXPECT_EQ(r.events.international, 1);
    // Awards at Hà Nội's event, and the national conference's award to Hà Nội.
    EXPECT_EQ(r.awards_total, 2);
    EXPECT_EQ(r.economy.years[2].exports, 15000500);
    auto other = service_->GetReview(HaNoiOfficer(), [&] {
        auto p = Period();
        p.unit_id = kHcm;
        return p;
    }());
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
}

TEST_F(ReportsTest, OneProvinceByTodaysUnitsCountsItsPredecessors) {
    auto p = Period(2);
    p.unit_id = kHcmNew;
    Review r = Get(Mofa(), p);
    // Agreements 4 (TP.HCM) and 9 (Bình Dương, now TP.HCM).
    EXPECT_EQ(r.agreements.signed_count, 2);
    EXPECT_THAT(Pairs(r.agreements.by_unit),
                ElementsAre(std::pair<std::string, std::int64_t>{"Thành phố Hồ Chí Minh", 2}));
    EXPECT_EQ(r.visits_in, 1);
    EXPECT_EQ(r.events.international, 1);
    // The award to the Sở Ngoại vụ of the old TP.HCM.
    EXPECT_EQ(r.awards_total, 1);
    EXPECT_EQ(r.economy.years[2].exports, 90000000);
    auto vi = ReviewText(r, false);
    EXPECT_EQ(vi[0].paragraphs[0],
              "Từ 01/01/2021 đến 31/12/2023, Thành phố Hồ Chí Minh đã thực hiện 0 chuyến thăm cấp "
              "cao ra nước ngoài và đón 1 đoàn cấp cao nước ngoài.");
}

TEST_F(ReportsTest, BadInputNamesTheField) {
    auto check = [&](ReviewRequest req, const char* field) {
        auto r = service_->GetReview(Mofa(), req);
        ASSERT_FALSE(r.ok()) << field;
        EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(r.error().field, field);
        EXPECT_FALSE(r.error().message_vi.empty());
        EXPECT_FALSE(r.error().message_en.empty());
    };
    auto p = Period();
    p.from = D("2024-01-01");
    check(p, "to");
    p = Period();
    p.generation = 3;
    check(p, "generation");
    p = Period();
    p.compare_year = 2023;
    check(p, "compare_year");
    p = Period();
    p.compare_year = 1980;
    check(p, "compare_year");
    p = Period();
    p.unit_id = 4242;
    check(p, "province");
    DashboardRequest d{2021, 2023, 1, "no_such", std::nullopt};
    auto dash = service_->GetDashboard(Mofa(), d);
    ASSERT_FALSE(dash.ok());
    EXPECT_EQ(dash.error().field, "indicator");
    d = {2023, 2021, 1, "", std::nullopt};
    EXPECT_EQ(service_->GetDashboard(Mofa(), d).error().field, "to_year");
}

TEST_F(ReportsTest, SinceTheLastConferenceStartsTheDayAfterIt) {
    auto since = service_->SinceLastConference();
    ASSERT_TRUE(since.ok());
    EXPECT_EQ(since->first, D("2023-12-19"));
    EXPECT_EQ(since->second, D("2024-03-01"));
}

TEST_F(ReportsTest, DashboardHasTrendTopProvincesAndTheTileMap) {
    auto d = service_->GetDashboard(Mofa(), {2021, 2023, 1, "exports", std::nullopt});
    ASSERT_TRUE(d.ok()) << d.error().message_en;
    ASSERT_EQ(d->trend.size(), 3u);
    EXPECT_FALSE(d->trend[0].value_milli.has_value());
    EXPECT_EQ(d->trend[0].units_reporting, 0);
    EXPECT_EQ(d->trend[0].units_expected, 63);
    EXPECT_EQ(d->trend[2].value_milli, 151000500);
    ASSERT_EQ(d->top_units.size(), 4u);
    EXPECT_EQ(d->trend[2].units_reporting, 4) << "the four units with a 2023 figure";
    EXPECT_EQ(d->trend[2].units_expected, 63);
    EXPECT_EQ(d->top_units[0].unit.id, kHcm);
    EXPECT_EQ(d->top_units[0].value_milli, 50000000);
    EXPECT_EQ(d->tiles.size(), 63u);
    std::set<std::pair<int, int>> places;
    for (const auto& t : d->tiles) {
        EXPECT_GE(t.unit.row, 0) << t.unit.name_vi;
        places.insert({t.unit.row, t.unit.col});
    }
    EXPECT_EQ(places.size(), 63u);
    ASSERT_EQ(d->markers.size(), 2u);
    EXPECT_EQ(d->markers[0].name_vi, "Quần đảo Hoàng Sa");
    EXPECT_EQ(d->markers[1].name_vi, "Quần đảo Trường Sa");
    EXPECT_EQ(d->agreements.signed_count, 5);
    EXPECT_EQ(d->delegations[0].outbound, 2);
    auto d2 = service_->GetDashboard(Mofa(), {2021, 2023, 2, "exports", std::nullopt});
    ASSERT_TRUE(d2.ok());
    EXPECT_EQ(d2->tiles.size(), 34u);
    EXPECT_EQ(d2->top_units[0].unit.id, kHcmNew);
}

// An entry of a zip archive (XLSX, DOCX) as text.
std::string Entry(const std::string& bytes, const char* name) {
    auto zip = office::detail::ZipArchive::Open(bytes);
    std::string out;
    if (!zip || zip->Read(name, 50u << 20, &out) != office::detail::ZipArchive::ReadStatus::kOk)
        ADD_FAILURE() << "no entry " << name;
    return out;
}

TEST_F(ReportsTest, XlsxHasOneSheetPerSectionWithTheFigures) {
    Review r = Get(Mofa(), Period());
    std::string bytes = ReviewXlsx(r);
    pugi::xml_document workbook;
    ASSERT_TRUE(workbook.load_string(Entry(bytes, "xl/workbook.xml").c_str()));
    std::vector<std::string> names;
    for (auto s : workbook.select_nodes("//*[local-name()='sheet']"))
        names.push_back(s.node().attribute("name").value());
    EXPECT_THAT(names,
                ElementsAre("Tóm tắt - Summary", "Thăm cấp cao - Visits", "Đoàn - Delegations",
                            "Thỏa thuận - Agreements", "Sự kiện - Events", "Kinh tế - Economy",
                            "Xuất khẩu - Exporters", "Văn hóa - Culture", "Khen thưởng - Awards"));
    // The first sheet read back: the text in both languages.
    auto summary = office::ReadXlsx(bytes);
    ASSERT_TRUE(summary.ok()) << summary.error().message_en;
    EXPECT_EQ(summary->At(0, 1).text, "Tiếng Việt");
    EXPECT_EQ(summary->At(0, 2).text, "English");
    bool found = false;
    for (std::size_t i = 0; i < summary->rows.size(); ++i) {
        if (summary->At(i, 0).text == "agreements") {
            found = true;
            EXPECT_NE(summary->At(i, 1).text.find("đã ký kết 5 thỏa thuận quốc tế"),
                      std::string::npos);
            EXPECT_NE(summary->At(i, 2).text.find("signed 5 international agreements"),
                      std::string::npos);
        }
    }
    EXPECT_TRUE(found);
    // The economy sheet holds the exports of 2023 as a number.
    EXPECT_NE(Entry(bytes, "xl/worksheets/sheet6.xml").find("<v>151000.5</v>"), std::string::npos);
}

TEST_F(ReportsTest, DashboardXlsxReadsBack) {
    auto d = service_->GetDashboard(Mofa(), {2021, 2023, 1, "exports", std::nullopt});
    ASSERT_TRUE(d.ok());
    auto sheet = office::ReadXlsx(DashboardXlsx(*d));
    ASSERT_TRUE(sheet.ok());
    EXPECT_EQ(sheet->name, "Xu hướng - Trend");
    EXPECT_EQ(sheet->At(0, 0).text, "Năm / Year");
    EXPECT_EQ(sheet->At(3, 0).number, 2023);
    EXPECT_EQ(sheet->At(3, 1).number, 151000.5);
    EXPECT_EQ(sheet->At(1, 1).kind, office::ReadCell::Kind::kEmpty);
}

TEST_F(ReportsTest, DocxHasTheTitleBlockAndTheFigures) {
    Review r = Get(Mofa(), Period());
    std::string bytes = ReviewDocx(r, D("2024-03-01"));
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(Entry(bytes, "word/document.xml").c_str()));
    std::string text;
    for (auto t : doc.select_nodes("//*[local-name()='t']"))
        text += t.node().text().get();
    EXPECT_NE(text.find("BỘ NGOẠI GIAO"), std::string::npos);
    EXPECT_NE(text.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string::npos);
    EXPECT_NE(text.find("Hà Nội, ngày 01 tháng 3 năm 2024"), std::string::npos);
    EXPECT_NE(text.find("BÁO CÁO"), std::string::npos);
    EXPECT_NE(text.find("đã ký kết 5 thỏa thuận quốc tế"), std::string::npos);
    EXPECT_NE(text.find("Nơi nhận"), std::string::npos);
}

}  // namespace
}  // namespace ngoaivu::reports
