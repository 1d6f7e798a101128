#include "modules/geo/geo_service.hpp"

#include <algorithm>

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

Result<Page<AdminUnit>> GeoService::ListUnits(const ListUnitsRequest& req) {
    if (auto v = ValidateSearch(req.q); !v)
        return v.error();
    Date as_of = req.as_of.value_or(clock_.Today());
    auto tx = db_.Begin(storage::TxMode::kRead);
    return repo_.ListUnits(*tx, as_of, text::Fold(req.q), req.page);
}

Result<AdminUnitDetail> GeoService::GetUnit(const GetUnitRequest& req) {
    if (!IsTwoDigits(req.code)) {
        return Error::InvalidArgument("code", "Mã tỉnh phải gồm đúng 2 chữ số (ví dụ 01, 79).",
                                      "The province code must be exactly 2 digits (e.g. 01, 79).");
    }
    Date as_of = req.as_of.value_or(clock_.Today());
    auto tx = db_.Begin(storage::TxMode::kRead);
    auto unit = repo_.FindUnit(*tx, req.code, as_of);
    if (!unit) {
        return Error::NotFound(
            "Không có tỉnh, thành phố mã " + req.code + " vào ngày " + as_of.ToDisplay() + ".",
            "No province or city had code " + req.code + " on " + as_of.ToDisplay() + ".");
    }
    AdminUnitDetail detail{*unit, {}, std::nullopt, {}};
    if (unit->generation == 2) {
        detail.predecessors = repo_.Predecessors(*tx, unit->id);
    } else {
        detail.successor = repo_.Successor(*tx, unit->id);
        if (detail.successor) {
            for (auto& u : repo_.Predecessors(*tx, detail.successor->id)) {
                if (!(u.id == unit->id))
                    detail.siblings.push_back(std::move(u));
            }
        }
    }
    return detail;
}

Result<std::vector<AdminUnitDetail>> GeoService::Merger() {
    auto tx = db_.Begin(storage::TxMode::kRead);
    Date day = *Date::ParseIso(kMergerDate);
    auto units = repo_.ListUnits(*tx, day, "", PageRequest{1, PageRequest::kMaxPerPage});
    std::vector<AdminUnitDetail> out;
    for (auto& u : units.items) {
        AdminUnitDetail d{u, repo_.Predecessors(*tx, u.id), std::nullopt, {}};
        out.push_back(std::move(d));
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
    auto tx = db_.Begin(storage::TxMode::kRead);
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
