#include "modules/indicators/indicator_demo.hpp"

#include <cmath>
#include <map>
#include <random>

namespace ngoaivu::indicators {

namespace {

constexpr int kFirstYear = 2016;
constexpr int kLastYear = 2025;

// Vietnam's exports by year, in USD million (GSO; 2025 estimated).
constexpr double kExports[] = {176600, 215100, 243700, 264200, 282600,
                               336300, 371300, 354700, 405500, 455000};
// FDI registered and disbursed, USD million.
constexpr double kFdiRegistered[] = {26900, 35900, 35500, 38000, 28500,
                                     31100, 27700, 36600, 38200, 40000};
constexpr double kFdiDisbursed[] = {15800, 17500, 19100, 20400, 20000,
                                    19700, 22400, 23200, 25400, 26500};

// The largest exporters (old GSO codes) and their share of the country's exports.
struct Share {
    const char* code;
    double share;
};
constexpr Share kLargest[] = {{"27", 0.138}, {"79", 0.127}, {"74", 0.090}, {"19", 0.079},
                              {"31", 0.076}, {"75", 0.060}, {"01", 0.050}, {"24", 0.040},
                              {"80", 0.030}, {"26", 0.028}};

// UNESCO recognitions 2021-2023 (13, DOMAIN.md): year and old GSO code.
struct Recognition {
    int year;
    const char* code;
};
constexpr Recognition kUnesco[] = {{2021, "01"}, {2021, "46"}, {2021, "37"}, {2021, "04"},
                                   {2022, "79"}, {2022, "48"}, {2022, "15"}, {2022, "22"},
                                   {2023, "31"}, {2023, "38"}, {2023, "56"}, {2023, "91"},
                                   {2023, "08"}};

IndicatorFields Def(std::string code, std::string vi, std::string en, std::string unit,
                    std::string aggregation, std::string periodicity, int decimals, int order,
                    bool required = false) {
    IndicatorFields f;
    f.code = std::move(code);
    f.name_vi = std::move(vi);
    f.name_en = std::move(en);
    f.unit = std::move(unit);
    f.aggregation = std::move(aggregation);
    f.periodicity = std::move(periodicity);
    f.source = "entered";
    f.decimals = decimals;
    f.required = required;
    f.sort_order = order;
    f.min_milli = 0;
    return f;
}

std::int64_t Milli(double v, int decimals) {
    double step = std::pow(10.0, decimals);
    return static_cast<std::int64_t>(std::llround(v * step)) *
           static_cast<std::int64_t>(1000 / static_cast<int>(step));
}

}  // namespace

Result<DemoIndicatorsReport> AddDemoIndicators(IndicatorService& service, std::uint64_t seed,
                                               int scale) {
    Actor system = Actor::System("demo");
    DemoIndicatorsReport report;
    auto existing = service.ListIndicators(system, false);
    if (!existing)
        return existing.error();
    if (!existing->empty())
        return report;
    std::mt19937_64 rng(seed ^ 0x1d1ca7025ULL);
    std::uniform_real_distribution<double> unit(0.0, 1.0);

    std::vector<IndicatorFields> defs = {
        Def("exports", "Kim ngạch xuất khẩu", "Exports", "usd_million", "sum", "quarter", 1, 10,
            true),
        Def("imports", "Kim ngạch nhập khẩu", "Imports", "usd_million", "sum", "quarter", 1, 20,
            true),
        Def("fdi_registered", "Vốn FDI đăng ký", "FDI registered", "usd_million", "sum", "year", 1,
            30, true),
        Def("fdi_disbursed", "Vốn FDI giải ngân", "FDI disbursed", "usd_million", "sum", "year", 1,
            40),
        Def("fdi_projects", "Dự án FDI còn hiệu lực", "FDI projects in force", "count", "last",
            "year", 0, 50),
        Def("unesco_recognitions", "Danh hiệu UNESCO được công nhận", "UNESCO recognitions",
            "count", "sum", "year", 0, 60),
        Def("overseas_vietnamese_events", "Hoạt động với người Việt Nam ở nước ngoài",
            "Overseas Vietnamese events", "count", "sum", "year", 0, 70),
        Def("citizen_protection_cases", "Vụ việc bảo hộ công dân", "Citizen-protection cases",
            "count", "sum", "year", 0, 80),
        Def("foreign_ngo_aid", "Viện trợ của tổ chức phi chính phủ nước ngoài", "Foreign NGO aid",
            "usd_million", "sum", "year", 2, 90),
    };
    int order = 100;
    for (const auto& key : CountedKeys()) {
        IndicatorFields f;
        f.code = std::string(key.code);
        f.name_vi = std::string(key.vi);
        f.name_en = std::string(key.en);
        f.unit = "count";
        f.aggregation = "sum";
        f.periodicity = "year";
        f.source = "counted";
        f.counted_from = std::string(key.code);
        f.sort_order = order++;
        defs.push_back(f);
    }
    const char* sectors[][3] = {{"agriculture", "nông, lâm, thủy sản", "agriculture"},
                                {"manufacturing", "công nghiệp chế biến", "manufacturing"},
                                {"mining", "khai khoáng", "mining"},
                                {"services", "dịch vụ", "services"}};
    std::vector<std::string> sector_codes;
    for (int k = 2; k <= scale; ++k) {
        for (const auto& s : sectors) {
            char code[40];
            std::snprintf(code, sizeof code, "exports_k%02d_%s", k, s[0]);
            sector_codes.emplace_back(code);
            defs.push_back(Def(code,
                               std::string("Xuất khẩu ") + s[1] + " (bộ " + std::to_string(k) + ")",
                               std::string("Exports, ") + s[2] + " (set " + std::to_string(k) + ")",
                               "usd_million", "sum", "quarter", 1, 1000 + order++));
        }
    }
    for (const auto& f : defs) {
        auto created = service.CreateIndicator(system, f);
        if (!created)
            return created.error();
        ++report.indicators;
    }

    // Each old unit's weight in the country's economy; a new unit's is its predecessors' sum.
    auto old_units = service.UnitsOn(*Date::FromYmd(2025, 6, 30));
    auto new_units = service.UnitsOn(*Date::FromYmd(2025, 7, 1));
    std::map<std::int64_t, double> weight;
    double fixed = 0;
    for (const auto& s : kLargest)
        fixed += s.share;
    std::map<std::int64_t, double> raw;
    double raw_total = 0;
    for (const auto& u : old_units) {
        double w = 0.2 + unit(rng) * unit(rng);
        raw[u.id] = w;
        for (const auto& s : kLargest) {
            if (u.code == s.code)
                raw[u.id] = -s.share;
        }
        if (raw[u.id] > 0)
            raw_total += raw[u.id];
    }
    for (const auto& [id, w] : raw)
        weight[id] = w < 0 ? -w : w / raw_total * (1.0 - fixed);
    std::map<std::int64_t, double> new_weight;
    for (const auto& u : old_units)
        new_weight[u.current_id] += weight[u.id];

    auto rounds_to = [&](const std::string& periodicity, int year, int number,
                         const std::vector<UnitInfo>& units,
                         const std::map<std::int64_t, double>& weights,
                         double quarter_share) -> Result<int> {
        RoundFields rf;
        rf.periodicity = periodicity;
        rf.year = year;
        rf.number = number;
        auto round = service.CreateRound(system, rf);
        if (!round)
            return round.error();
        ++report.rounds;
        int y = year - kFirstYear;
        bool last = year == kLastYear && (periodicity == "year" || number == 4);
        std::vector<IndicatorService::DemoSubmission> subs;
        for (const auto& u : units) {
            IndicatorService::DemoSubmission d;
            d.unit_id = u.id;
            d.status = "approved";
            d.submitted_on = round->due_on.AddDays(-static_cast<long>(rng() % 15));
            if (last) {
                double r = unit(rng);
                if (r < 0.2)
                    continue;  // not started
                if (r < 0.3) {
                    d.status = "draft";
                    d.submitted_on.reset();
                } else if (r < 0.4) {
                    d.status = "returned";
                    d.comment = "Đề nghị bổ sung nguồn số liệu xuất khẩu theo Cục Thống kê.";
                } else if (r < 0.55) {
                    d.status = "submitted";
                } else if (r < 0.65) {
                    d.status = "submitted";
                    d.submitted_on = round->due_on.AddDays(1 + static_cast<long>(rng() % 10));
                }
            }
            double w = weights.at(u.id);
            double noise = 0.9 + 0.2 * unit(rng);
            for (const auto& i : round->indicators) {
                const std::string& c = i.fields.code;
                double v = 0;
                if (c == "exports") {
                    v = kExports[y] * w * quarter_share * noise;
                } else if (c == "imports") {
                    v = kExports[y] * w * quarter_share * noise * (0.85 + 0.15 * unit(rng));
                } else if (c.starts_with("exports_k")) {
                    v = kExports[y] * w * quarter_share * noise * (0.1 + 0.3 * unit(rng));
                } else if (c == "fdi_registered") {
                    v = kFdiRegistered[y] * w * noise;
                } else if (c == "fdi_disbursed") {
                    v = kFdiDisbursed[y] * w * noise;
                } else if (c == "fdi_projects") {
                    v = std::round((24000 + 1800 * y) * w * noise);
                } else if (c == "unesco_recognitions") {
                    int n = 0;
                    for (const auto& r : kUnesco) {
                        if (r.year == year) {
                            auto id = 1000 + std::stoll(r.code);
                            if (u.id == id)
                                ++n;
                        }
                    }
                    if (year < 2021 && rng() % 40 == 0)
                        n = 1;
                    v = n;
                } else if (c == "overseas_vietnamese_events") {
                    v = static_cast<double>(rng() % 13);
                } else if (c == "citizen_protection_cases") {
                    v = static_cast<double>(rng() % 41);
                } else if (c == "foreign_ngo_aid") {
                    v = 15.0 * unit(rng) * unit(rng);
                }
                ValueCell cell;
                cell.indicator_id = i.id;
                cell.value_milli = Milli(v, i.fields.decimals);
                if (c == "exports")
                    cell.source = "Cục Thống kê tỉnh";
                d.cells.push_back(std::move(cell));
            }
            subs.push_back(std::move(d));
        }
        auto written = service.AddDemoSubmissions(system, round->id, subs);
        if (!written)
            return written.error();
        report.submissions += *written;
        return *written;
    };

    const double quarter_share[] = {0.23, 0.24, 0.26, 0.27};
    for (int year = kFirstYear; year <= kLastYear; ++year) {
        for (int q = 1; q <= 4; ++q) {
            bool merged = year == kLastYear && q >= 3;
            auto r = rounds_to("quarter", year, q, merged ? new_units : old_units,
                               merged ? new_weight : weight, quarter_share[q - 1]);
            if (!r)
                return r.error();
        }
        auto r = rounds_to("year", year, 1, year == kLastYear ? new_units : old_units,
                           year == kLastYear ? new_weight : weight, 1.0);
        if (!r)
            return r.error();
    }
    return report;
}

}  // namespace ngoaivu::indicators
