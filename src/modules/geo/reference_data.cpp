#include "modules/geo/reference_data.hpp"

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "base/csv.hpp"
#include "base/embedded.hpp"
#include "base/text.hpp"
#include "modules/geo/geo.hpp"

namespace ngoaivu::geo {

namespace {

constexpr std::string_view kProvincePrefix = "Tỉnh ";
constexpr std::string_view kCityPrefix = "Thành phố ";

std::vector<csv::Record> EmbeddedCsv(std::string_view name, std::size_t columns) {
    auto content = FindEmbedded(EmbeddedReferenceData(), name);
    if (!content)
        throw std::runtime_error("reference data missing: " + std::string(name));
    std::string error;
    auto records = csv::Parse(*content, &error);
    if (!records)
        throw std::runtime_error(std::string(name) + ": " + error);
    if (records->empty())
        throw std::runtime_error(std::string(name) + " is empty");
    records->erase(records->begin());  // header
    for (const auto& r : *records) {
        if (r.size() != columns) {
            throw std::runtime_error(std::string(name) + ": a row has " + std::to_string(r.size()) +
                                     " columns, expected " + std::to_string(columns));
        }
    }
    return *records;
}

std::string TitleCase(const std::string& folded) {
    std::string out = folded;
    bool start = true;
    for (char& c : out) {
        if (start && c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        start = (c == ' ' || c == '-');
    }
    return out;
}

std::string Kind(const std::string& name_vi) {
    return name_vi.starts_with(kCityPrefix) ? "city" : "province";
}

constexpr const char* kUpsertUnit =
    "INSERT INTO admin_unit (id, code, generation, kind, name_vi, name_en, short_name_vi, "
    "valid_from, valid_to, search_text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
    "ON CONFLICT (id) DO UPDATE SET code = excluded.code, generation = excluded.generation, "
    "kind = excluded.kind, name_vi = excluded.name_vi, name_en = excluded.name_en, "
    "short_name_vi = excluded.short_name_vi, valid_from = excluded.valid_from, "
    "valid_to = excluded.valid_to, search_text = excluded.search_text";
constexpr const char* kUpsertSuccession =
    "INSERT INTO admin_unit_succession (old_unit_id, new_unit_id, effective_date) "
    "VALUES ($1, $2, $3) ON CONFLICT (old_unit_id, new_unit_id) DO NOTHING";
constexpr const char* kUpsertCountry =
    "INSERT INTO country (alpha2, alpha3, numeric_code, name_vi, name_en, official_name_en, "
    "search_text) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (alpha2) DO UPDATE SET "
    "alpha3 = excluded.alpha3, numeric_code = excluded.numeric_code, name_vi = excluded.name_vi, "
    "name_en = excluded.name_en, official_name_en = excluded.official_name_en, "
    "search_text = excluded.search_text";
constexpr const char* kUpsertOrganisation =
    "INSERT INTO organisation (code, kind, mission_kind, name_vi, name_en, admin_unit_id, "
    "country_alpha2, city_vi, city_en, search_text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
    "$10) ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, mission_kind = "
    "excluded.mission_kind, name_vi = excluded.name_vi, name_en = excluded.name_en, "
    "admin_unit_id = excluded.admin_unit_id, country_alpha2 = excluded.country_alpha2, "
    "city_vi = excluded.city_vi, city_en = excluded.city_en, search_text = excluded.search_text";

// English names where ISO's short name is not what Vietnamese official English uses.
const std::map<std::string, std::string> kEnglishOverrides = {
    {"VN", "Viet Nam"},
    {"TW", "Taiwan (China)"},
    {"HK", "Hong Kong (China)"},
    {"MO", "Macao (China)"},
};

}  // namespace

std::string ShortUnitName(const std::string& name_vi) {
    std::string_view s = name_vi;
    if (s.starts_with(kProvincePrefix))
        s.remove_prefix(kProvincePrefix.size());
    if (s.starts_with(kCityPrefix))
        s.remove_prefix(kCityPrefix.size());
    return std::string(s);
}

std::string EnglishUnitName(const std::string& name_vi) {
    std::string short_name = TitleCase(text::Fold(ShortUnitName(name_vi)));
    if (short_name == "Ha Noi")
        return "Hanoi";
    if (Kind(name_vi) == "city")
        return short_name + " City";
    return short_name + " Province";
}

ReferenceReport LoadReferenceData(storage::Database& db, const std::string& iso_codes_json) {
    ReferenceReport report;
    auto provinces = EmbeddedCsv("provinces.csv", 4);
    auto countries_vi = EmbeddedCsv("countries.csv", 2);
    auto missions = EmbeddedCsv("missions.csv", 7);

    std::ifstream in(iso_codes_json);
    if (!in) {
        throw std::runtime_error("cannot read " + iso_codes_json +
                                 " (Debian package iso-codes; scripts/setup.sh installs it)");
    }
    nlohmann::json iso = nlohmann::json::parse(in, nullptr, false);
    if (iso.is_discarded() || !iso.contains("3166-1")) {
        throw std::runtime_error(iso_codes_json + " is not the iso-codes 3166-1 JSON file");
    }
    std::map<std::string, std::string> vi_names;
    for (const auto& r : countries_vi)
        vi_names[r[0]] = text::Nfc(r[1]);

    auto tx = db.Begin(storage::TxMode::kWrite);
    // Units: generation 1 valid 2008-08-01 .. 2025-06-30, generation 2 from 2025-07-01.
    std::map<std::string, std::string> new_units;  // new code → name
    for (const auto& r : provinces) {
        const std::string& code = r[0];
        std::string name = text::Nfc(r[1]);
        std::string fold = text::Fold(name) + " " + text::Fold(EnglishUnitName(name)) + " " + code;
        tx->Exec(kUpsertUnit,
                 {1000 + std::stoi(code), code, 1, Kind(name), name, EnglishUnitName(name),
                  ShortUnitName(name), kGeneration1Start, "2025-06-30", fold});
        ++report.units;
        new_units[r[2]] = text::Nfc(r[3]);
    }
    for (const auto& [code, name] : new_units) {
        std::string fold = text::Fold(name) + " " + text::Fold(EnglishUnitName(name)) + " " + code;
        tx->Exec(kUpsertUnit,
                 {2000 + std::stoi(code), code, 2, Kind(name), name, EnglishUnitName(name),
                  ShortUnitName(name), kMergerDate, std::nullopt, fold});
        ++report.units;
    }
    for (const auto& r : provinces) {
        tx->Exec(kUpsertSuccession, {1000 + std::stoi(r[0]), 2000 + std::stoi(r[2]), kMergerDate});
        ++report.successions;
    }

    std::set<std::string> iso_codes;
    for (const auto& c : iso["3166-1"]) {
        std::string a2 = c.value("alpha_2", "");
        iso_codes.insert(a2);
        auto vi = vi_names.find(a2);
        if (vi == vi_names.end()) {
            throw std::runtime_error("countries.csv has no Vietnamese name for " + a2);
        }
        std::string en = c.value("common_name", c.value("name", ""));
        if (auto o = kEnglishOverrides.find(a2); o != kEnglishOverrides.end())
            en = o->second;
        std::string official = c.value("official_name", "");
        std::string fold = text::Fold(vi->second) + " | " + text::Fold(en) + " | " +
                           text::Fold(c.value("name", "")) + " | " + text::Fold(a2);
        tx->Exec(kUpsertCountry,
                 {a2, c.value("alpha_3", ""), c.value("numeric", ""), vi->second, en,
                  official.empty() ? storage::Value() : storage::Value(official), fold});
        ++report.countries;
    }

    auto org = [&](const std::string& code, const char* kind, storage::Value mission_kind,
                   const std::string& vi, const std::string& en, storage::Value unit,
                   storage::Value country, storage::Value city_vi, storage::Value city_en) {
        std::string fold = text::Fold(vi) + " | " + text::Fold(en);
        tx->Exec(kUpsertOrganisation,
                 {code, kind, mission_kind, vi, en, unit, country, city_vi, city_en, fold});
        ++report.organisations;
    };
    org("mofa", "mofa", {}, "Bộ Ngoại giao", "Ministry of Foreign Affairs", {}, "VN", "Hà Nội",
        "Hanoi");
    for (const auto& [code, name] : new_units) {
        std::string en = EnglishUnitName(name);
        std::string en_base = en.ends_with(" Province") ? en.substr(0, en.size() - 9) : en;
        std::int64_t unit_id = 2000 + std::stoi(code);
        org("ppc-" + code, "ppc", {}, "Ủy ban nhân dân " + name, en_base + " People's Committee",
            unit_id, "VN", {}, {});
        org("dofa-" + code, "dofa", {}, "Sở Ngoại vụ " + name,
            en_base + " Department of Foreign Affairs", unit_id, "VN", {}, {});
    }
    for (const auto& r : missions) {
        if (!iso_codes.contains(r[1])) {
            throw std::runtime_error("missions.csv: unknown country " + r[1] + " for " + r[0]);
        }
        org(r[0], "mission", r[2], text::Nfc(r[3]), r[4], {}, r[1], text::Nfc(r[5]), r[6]);
    }
    tx->Commit();
    return report;
}

}  // namespace ngoaivu::geo
