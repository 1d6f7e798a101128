#include "app/demo.hpp"

#include <random>

#include "modules/partners/partner_demo.hpp"

namespace ngoaivu::app {

namespace {

// The 34 provincial-level units in force since 1 July 2025 (their codes).
constexpr const char* kCurrentCodes[] = {"01", "04", "08", "11", "12", "14", "15", "19", "20",
                                         "22", "24", "25", "31", "33", "37", "38", "40", "42",
                                         "44", "46", "48", "51", "52", "56", "66", "68", "75",
                                         "79", "80", "82", "86", "91", "92", "96"};
constexpr const char* kFamily[] = {"Nguyễn", "Trần", "Lê",    "Phạm", "Hoàng", "Huỳnh",
                                   "Phan",   "Vũ",   "Võ",    "Đặng", "Bùi",   "Đỗ",
                                   "Hồ",     "Ngô",  "Dương", "Lý"};
constexpr const char* kMiddle[] = {"Văn",   "Thị",  "Minh", "Thu", "Đức",  "Quang",
                                   "Thanh", "Ngọc", "Hoài", "Hữu", "Thùy", "Bảo"};
constexpr const char* kGiven[] = {"An",   "Bình", "Châu",  "Dũng",  "Giang",  "Hà",   "Hải",
                                  "Hạnh", "Hùng", "Hương", "Khánh", "Lan",    "Linh", "Long",
                                  "Mai",  "Nam",  "Nga",   "Phong", "Phương", "Quân", "Sơn",
                                  "Tâm",  "Thảo", "Trang", "Trung", "Tuấn",   "Việt", "Yến"};

template <std::size_t N>
const char* Pick(std::mt19937_64& rng, const char* const (&items)[N]) {
    return items[rng() % N];
}

accounts::CreateUserRequest Demo(std::string login, std::string name, std::string role,
                                 std::vector<std::string> provinces = {},
                                 std::vector<std::string> countries = {}, bool all = false) {
    accounts::CreateUserRequest r;
    r.login = std::move(login);
    r.display_name = std::move(name);
    r.roles = {std::move(role)};
    r.province_codes = std::move(provinces);
    r.countries = std::move(countries);
    r.all_provinces = all;
    return r;
}

}  // namespace

Result<DemoReport> AddDemoData(accounts::AccountService& accounts, std::uint64_t seed, int scale,
                               partners::PartnerService* partner_service) {
    std::mt19937_64 rng(seed);
    auto name = [&rng] {
        return std::string(Pick(rng, kFamily)) + " " + Pick(rng, kMiddle) + " " + Pick(rng, kGiven);
    };
    std::vector<accounts::CreateUserRequest> users = {
        Demo("demo-admin", "Quản trị (demo)", "admin"),
        Demo("demo-mofa", name() + " (Bộ Ngoại giao)", "mofa_staff"),
        Demo("demo-mofa-viewer", name() + " (Bộ Ngoại giao, xem)", "mofa_viewer"),
        Demo("demo-officer-01", name() + " (Hà Nội)", "province_officer", {"01"}),
        Demo("demo-leader-01", name() + " (Lãnh đạo Hà Nội)", "province_leader", {"01"}),
        Demo("demo-officer-79", name() + " (TP. Hồ Chí Minh)", "province_officer", {"79"}),
        Demo("demo-mission-kr", name() + " (ĐSQ tại Hàn Quốc)", "mission_staff", {}, {"KR"}),
        Demo("demo-viewer", name() + " (xem)", "viewer", {}, {}, true),
    };
    for (int i = 1; i <= scale; ++i) {
        for (const char* code : kCurrentCodes) {
            char login[40];
            std::snprintf(login, sizeof login, "officer-%s-%02d", code, i);
            users.push_back(Demo(login, name(), "province_officer", {code}));
        }
    }
    auto created = accounts.CreateDemoUsers(users, kDemoPassword);
    if (!created)
        return created.error();
    DemoReport report{*created};
    if (partner_service) {
        auto added = partner_service->CreateDemoPartners(partners::DemoPartners(),
                                                         partners::DemoSisterRelations());
        if (!added)
            return added.error();
        report.partners_created = added->partners;
        report.sister_relations_created = added->sister_relations;
    }
    return report;
}

}  // namespace ngoaivu::app
