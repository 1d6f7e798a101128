#include "modules/geo/geo_service.hpp"

#include <algorithm>
#include <map>

#include "base/text.hpp"

namespace ngoaivu::geo {

namespace {

constexpr std::size_t kMaxQueryChars = 100;

bool IsTwoDigits(const std::string& s) {
    return s.size() == 2 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Result<void> ValidateSearch(const std::string& q) {
    if (!text::IsValidUtf8(q)) {
        return Error::InvalidArgument("q", "Từ khóa tìm kiếm không phải UTF-8 hợp lệ.",
                                      "The search text is not valid UTF-8.");
    }
    std::size_t chars = 0;
    for (char c : q)
        chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    if (chars > kMaxQueryChars) {
        return Error::InvalidArgument("q", "Từ khóa tìm kiếm dài quá 100 ký tự.",
                                      "The search text is longer than 100 characters.");
    }
    return Ok();
}

const std::vector<GeoService::UnitEntry>& GeoService::Units() {
    std::call_once(units_once_, [this] {
        std::vector<AdminUnit> all;
        std::vector<std::pair<AdminUnitId, AdminUnitId>> successions;
        {
            auto tx = db_.Begin(storage::TxMode::kRead);
            all = repo_.AllUnits(*tx);
            successions = repo_.AllSuccessions(*tx);
        }
        std::stable_sort(all.begin(), all.end(), [](const AdminUnit& a, const AdminUnit& b) {
            int c = text::CompareVi(a.short_name_vi, b.short_name_vi);
            return c != 0 ? c < 0 : a.id.value < b.id.value;
        });
        std::map<std::int64_t, std::size_t> index;
        for (std::size_t i = 0; i < all.size(); ++i) {
            index[all[i].id.value] = i;
            std::string folded =
                text::Fold(all[i].name_vi) + " " + text::Fold(all[i].name_en) + " " + all[i].code;
            units_.push_back(UnitEntry{all[i], std::move(folded), {}, std::nullopt});
        }
        for (const auto& [old_id, new_id] : successions) {
            auto o = index.find(old_id.value), n = index.find(new_id.value);
            if (o == index.end() || n == index.end())
                continue;
            units_[o->second].successor = n->second;
            units_[n->second].predecessors.push_back(o->second);
        }
        for (auto& u : units_)
            std::sort(u.predecessors.begin(), u.predecessors.end());
    });
    return units_;
}

AdminUnitDetail GeoService::DetailOf(const std::vector<UnitEntry>& units, std::size_t i) const {
    const UnitEntry& e = units[i];
    AdminUnitDetail d{e.unit, {}, std::nullopt, {}};
    for (auto p : e.predecessors)
        d.predecessors.push_back(units[p].unit);
    if (e.successor) {
        d.successor = units[*e.successor].unit;
        for (auto p : units[*e.successor].predecessors) {
            if (p != i)
                d.siblings.push_back(units[p].unit);
        }
    }
    return d;
}

namespace {

bool ValidOn(const AdminUnit& u, const Date& day) {
    return u.valid_from <= day && (!u.valid_to || day <= *u.valid_to);
}

}  // namespace

Result<Page<AdminUnit>> GeoService::ListUnits(const ListUnitsRequest& req) {
    if (auto v = ValidateSearch(req.q); !v)
        return v.error();
    Date as_of = req.as_of.value_or(clock_.Today());
    std::string q = text::Fold(req.q);
    Page<AdminUnit> page{{}, 0, req.page.page, req.page.per_page};
    std::int64_t skip = req.page.offset();
    for (const auto& e : Units()) {
        if (!ValidOn(e.unit, as_of) || e.folded.find(q) == std::string::npos)
            continue;
        if (page.total++ < skip || static_cast<int>(page.items.size()) >= req.page.per_page) {
            continue;
        }
        page.items.push_back(e.unit);
    }
    return page;
}

Result<AdminUnitDetail> GeoService::GetUnit(const GetUnitRequest& req) {
    if (!IsTwoDigits(req.code)) {
        return Error::InvalidArgument("code", "Mã tỉnh phải gồm đúng 2 chữ số (ví dụ 01, 79).",
                                      "The province code must be exactly 2 digits (e.g. 01, 79).");
    }
    Date as_of = req.as_of.value_or(clock_.Today());
    const auto& units = Units();
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (units[i].unit.code == req.code && ValidOn(units[i].unit, as_of)) {
            return DetailOf(units, i);
        }
    }
    return Error::NotFound(
        "Không có tỉnh, thành phố mã " + req.code + " vào ngày " + as_of.ToDisplay() + ".",
        "No province or city had code " + req.code + " on " + as_of.ToDisplay() + ".");
}

Result<std::vector<AdminUnitDetail>> GeoService::Merger() {
    Date day = *Date::ParseIso(kMergerDate);
    const auto& units = Units();
    std::vector<AdminUnitDetail> out;
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (ValidOn(units[i].unit, day))
            out.push_back(DetailOf(units, i));
    }
    return out;
}

Result<Page<Country>> GeoService::ListCountries(const ListCountriesRequest& req) {
    if (auto v = ValidateSearch(req.q); !v)
        return v.error();
    auto tx = db_.Begin(storage::TxMode::kRead);
    return repo_.ListCountries(*tx, text::Fold(req.q), req.page);
}

Result<Country> GeoService::GetCountry(const std::string& alpha2) {
    auto tx = db_.Begin(storage::TxMode::kSingleRead);
    auto c = repo_.FindCountry(*tx, alpha2);
    if (!c) {
        return Error::NotFound("Không có quốc gia mã " + alpha2 + ".",
                               "No country has code " + alpha2 + ".");
    }
    return *c;
}

Result<Page<Organisation>> GeoService::ListOrganisations(const ListOrganisationsRequest& req) {
    if (auto v = ValidateSearch(req.q); !v)
        return v.error();
    static const char* kKinds[] = {"", "mofa", "ppc", "dofa", "mission"};
    if (std::none_of(std::begin(kKinds), std::end(kKinds),
                     [&](const char* k) { return req.kind == k; })) {
        return Error::InvalidArgument(
            "kind", "Loại cơ quan phải là một trong: mofa, ppc, dofa, mission.",
            "The organisation kind must be one of: mofa, ppc, dofa, mission.");
    }
    auto tx = db_.Begin(storage::TxMode::kRead);
    return repo_.ListOrganisations(*tx, req.kind, text::Fold(req.q), req.page);
}

}  // namespace ngoaivu::geo
