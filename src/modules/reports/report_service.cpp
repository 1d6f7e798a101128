#include "modules/reports/report_service.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "base/csv.hpp"
#include "base/text.hpp"
#include "modules/agreements/agreement.hpp"
#include "modules/delegations/delegation.hpp"
#include "modules/events/event.hpp"

namespace ngoaivu::reports {

namespace {

std::string YearText(int year) {
    return std::to_string(year);
}

Error InvalidGeneration() {
    return Error::InvalidArgument("generation",
                                  "Cách tính theo đơn vị hành chính (generation) phải là 1 (63 "
                                  "tỉnh, thành phố trước 01/07/2025) hoặc 2 (34 tỉnh, thành phố).",
                                  "The generation must be 1 (the 63 provinces before 01/07/2025) "
                                  "or 2 (today's 34 provinces).");
}

// Years a dashboard or a report covers: kMinYear..kMaxYear, at most kMaxYears of them.
Result<void> CheckYears(int from_year, int to_year, const char* from_field, const char* to_field) {
    auto in_range = [](int y) {
        return y >= ReportService::kMinYear && y <= ReportService::kMaxYear;
    };
    std::string range = YearText(ReportService::kMinYear) + "–" + YearText(ReportService::kMaxYear);
    if (!in_range(from_year)) {
        return Error::InvalidArgument(from_field, "Năm bắt đầu phải trong khoảng " + range + ".",
                                      "The first year must be within " + range + ".");
    }
    if (!in_range(to_year)) {
        return Error::InvalidArgument(to_field, "Năm kết thúc phải trong khoảng " + range + ".",
                                      "The last year must be within " + range + ".");
    }
    if (to_year < from_year) {
        return Error::InvalidArgument(to_field,
                                      "Thời điểm kết thúc không được trước thời điểm bắt đầu.",
                                      "The end may not be before the beginning.");
    }
    if (to_year - from_year + 1 > ReportService::kMaxYears) {
        std::string n = std::to_string(ReportService::kMaxYears);
        return Error::InvalidArgument(to_field, "Mỗi lần xem tối đa " + n + " năm.",
                                      "One view covers at most " + n + " years.");
    }
    return Ok();
}

// Rounds a / b half away from zero (b > 0).
std::int64_t DivRound(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    std::int64_t r = a % b;
    if (2 * (r < 0 ? -r : r) >= b)
        q += a < 0 ? -1 : 1;
    return q;
}

// The values of `code` combined over units, per year (decision 0008: sum and last add up,
// average takes the mean of the units that have a value).
std::map<int, std::int64_t> Combine(const std::vector<YearFigure>& values, const std::string& code,
                                    const std::string& aggregation) {
    std::map<int, std::pair<std::int64_t, std::int64_t>> sums;  // year → (sum, n)
    for (const auto& v : values) {
        if (v.code != code)
            continue;
        auto& s = sums[v.year];
        s.first += v.value_milli;
        s.second += 1;
    }
    std::map<int, std::int64_t> out;
    for (const auto& [year, s] : sums)
        out[year] = aggregation == "average" ? DivRound(s.first, s.second) : s.first;
    return out;
}

std::optional<FigureDef> FindDef(const std::vector<FigureDef>& defs, const std::string& code) {
    for (const auto& d : defs) {
        if (d.code == code)
            return d;
    }
    return std::nullopt;
}

std::optional<std::int64_t> At(const std::map<int, std::int64_t>& m, int year) {
    if (auto it = m.find(year); it != m.end())
        return it->second;
    return std::nullopt;
}

// Largest first, then by name in Vietnamese order.
void SortCounts(std::vector<KeyCount>& counts) {
    std::sort(counts.begin(), counts.end(), [](const KeyCount& a, const KeyCount& b) {
        if (a.count != b.count)
            return a.count > b.count;
        return text::CompareVi(a.name_vi, b.name_vi) < 0;
    });
}

void SortValues(std::vector<UnitValue>& values) {
    std::sort(values.begin(), values.end(), [](const UnitValue& a, const UnitValue& b) {
        if (a.value_milli != b.value_milli)
            return a.value_milli.value_or(INT64_MIN) > b.value_milli.value_or(INT64_MIN);
        return a.unit.code < b.unit.code;
    });
}

}  // namespace

std::string FormatMilli(std::int64_t value_milli, int decimals, bool en) {
    decimals = std::clamp(decimals, 0, 3);
    std::int64_t scale = 1;
    for (int i = decimals; i < 3; ++i)
        scale *= 10;
    std::int64_t rounded = DivRound(value_milli, scale);  // in 10^-decimals
    std::int64_t pow = 1;
    for (int i = 0; i < decimals; ++i)
        pow *= 10;
    std::int64_t whole = (rounded < 0 ? -rounded : rounded) / pow;
    std::int64_t frac = (rounded < 0 ? -rounded : rounded) % pow;
    std::string out = text::FormatInteger(whole, en ? text::Lang::kEn : text::Lang::kVi);
    if (rounded < 0)
        out = "-" + out;
    if (decimals > 0) {
        std::string f = std::to_string(frac);
        f.insert(0, static_cast<std::size_t>(decimals) - f.size(), '0');
        out += (en ? "." : ",") + f;
    }
    return out;
}

std::string UnitName(const std::string& unit, bool en) {
    if (unit == "usd_million")
        return en ? "million USD" : "triệu USD";
    if (unit == "vnd_billion")
        return en ? "billion VND" : "tỷ đồng";
    if (unit == "percent")
        return "%";
    if (unit == "person")
        return en ? "people" : "người";
    return "";
}

const std::vector<Unit>& ReportService::LoadedUnits() {
    std::call_once(units_once_, [this] {
        {
            auto tx = db_.Begin(storage::TxMode::kRead);
            units_ = repo_.Units(*tx);
        }
        std::map<std::pair<std::string, int>, std::pair<int, int>> places;
        auto rows = csv::Parse(tile_map_csv_);
        for (std::size_t i = 1; rows && i < rows->size(); ++i) {
            const auto& r = (*rows)[i];
            if (r.size() < 4)
                continue;
            places[{r[0], std::atoi(r[1].c_str())}] = {std::atoi(r[2].c_str()),
                                                       std::atoi(r[3].c_str())};
        }
        for (auto& u : units_) {
            if (auto p = places.find({u.code, u.generation}); p != places.end()) {
                u.row = p->second.first;
                u.col = p->second.second;
            }
        }
    });
    return units_;
}

std::vector<Unit> ReportService::UnitsOf(int generation) {
    std::vector<Unit> out;
    for (const auto& u : LoadedUnits()) {
        if (u.generation == generation)
            out.push_back(u);
    }
    return out;
}

std::optional<Unit> ReportService::FindUnit(std::int64_t id) {
    for (const auto& u : LoadedUnits()) {
        if (u.id == id)
            return u;
    }
    return std::nullopt;
}

Result<std::optional<Unit>> ReportService::CheckUnit(std::optional<std::int64_t> unit_id) {
    if (!unit_id)
        return std::optional<Unit>();
    auto u = FindUnit(*unit_id);
    if (!u) {
        return Error::InvalidArgument(
            "province", "Không có tỉnh, thành phố mã " + std::to_string(*unit_id) + ".",
            "No province has the id " + std::to_string(*unit_id) + ".");
    }
    return std::optional<Unit>(*u);
}

RecordFilter ReportService::Filter(Date from, Date to, int generation,
                                   const std::optional<Unit>& unit) {
    RecordFilter f;
    f.from = from;
    f.to = to;
    f.generation = generation;
    if (unit) {
        f.unit_id = unit->id;
        f.unit_family.push_back(unit->id);
        for (const auto& u : LoadedUnits()) {
            if (u.successor && *u.successor == unit->id)
                f.unit_family.push_back(u.id);
        }
    }
    return f;
}

void ReportService::Name(std::vector<KeyCount>& counts, const std::string& kind) {
    for (auto& c : counts) {
        if (kind == "unit") {
            if (auto u = FindUnit(std::atoll(c.key.c_str()))) {
                c.name_vi = u->name_vi;
                c.name_en = u->name_en;
            }
        } else if (kind == "field") {
            c.name_vi = NameVi(agreements::Fields(), c.key);
            c.name_en = NameEn(agreements::Fields(), c.key);
        } else if (kind == "type") {
            c.name_vi = NameVi(events::Types(), c.key);
            c.name_en = NameEn(events::Types(), c.key);
        } else if (kind == "award") {
            c.name_vi = NameVi(events::AwardKinds(), c.key);
            c.name_en = NameEn(events::AwardKinds(), c.key);
        }
    }
    SortCounts(counts);
}

std::vector<LevelRow> ReportService::Levels(const std::vector<DelegationCount>& counts) {
    std::vector<LevelRow> out;
    for (const auto& l : delegations::Levels()) {
        LevelRow row{std::string(l.code), std::string(l.vi), std::string(l.en), 0, 0};
        for (const auto& c : counts) {
            if (c.level == l.code)
                (c.direction == "outbound" ? row.outbound : row.inbound) += c.count;
        }
        out.push_back(row);
    }
    return out;
}

Result<Dashboard> ReportService::GetDashboard(const Actor& actor, const DashboardRequest& req) {
    if (req.generation != 1 && req.generation != 2)
        return InvalidGeneration();
    if (auto ok = CheckYears(req.from_year, req.to_year, "from_year", "to_year"); !ok)
        return ok.error();
    auto unit = CheckUnit(req.unit_id);
    if (!unit)
        return unit.error();
    if (*unit && !actor.CanReadProvince((*unit)->id)) {
        return Error::PermissionDenied("Bạn không được xem số liệu của tỉnh, thành phố này.",
                                       "You may not see this province's figures.");
    }
    auto defs = figures_.Definitions(actor);
    if (!defs)
        return defs.error();
    Dashboard d;
    d.request = req;
    d.unit = *unit;
    d.indicators = *defs;
    if (!req.indicator.empty()) {
        d.indicator = FindDef(*defs, req.indicator);
        if (!d.indicator) {
            return Error::InvalidArgument("indicator",
                                          "Không có chỉ tiêu mã " + req.indicator + ".",
                                          "No indicator has the code " + req.indicator + ".");
        }
    } else {
        d.indicator = FindDef(*defs, codes_.exports);
        if (!d.indicator && !defs->empty())
            d.indicator = defs->front();
    }
    std::vector<Unit> units = UnitsOf(req.generation);
    if (d.indicator) {
        // One province's figures by its own units (the source takes a unit of the generation).
        int unit_generation = *unit ? (*unit)->generation : req.generation;
        auto values = figures_.YearlyValues(actor, {d.indicator->code}, req.from_year, req.to_year,
                                            unit_generation, req.unit_id);
        if (!values)
            return values.error();
        auto totals = Combine(*values, d.indicator->code, d.indicator->aggregation);
        std::map<int, std::set<std::int64_t>> reporting;
        for (const auto& v : *values) {
            if (v.code == d.indicator->code)
                reporting[v.year].insert(v.unit_id);
        }
        int expected = req.unit_id ? 1 : static_cast<int>(units.size());
        for (int y = req.from_year; y <= req.to_year; ++y) {
            int n = static_cast<int>(reporting[y].size());
            d.trend.push_back({y, At(totals, y), std::min(n, expected), expected});
        }
        std::vector<YearFigure> last;
        if (req.unit_id) {
            auto all = figures_.YearlyValues(actor, {d.indicator->code}, req.to_year, req.to_year,
                                             req.generation, std::nullopt);
            if (!all)
                return all.error();
            last = *all;
        } else {
            last = *values;
        }
        std::map<std::int64_t, const YearFigure*> by_unit;
        for (const auto& v : last) {
            if (v.year == req.to_year && v.code == d.indicator->code)
                by_unit[v.unit_id] = &v;
        }
        for (const auto& v : *values) {
            if (v.split_impossible)
                d.split_impossible = true;
        }
        for (const auto& u : units) {
            UnitValue uv{u, std::nullopt, false};
            if (auto it = by_unit.find(u.id); it != by_unit.end()) {
                uv.value_milli = it->second->value_milli;
                uv.split_impossible = it->second->split_impossible;
            }
            d.tiles.push_back(uv);
        }
        // Units of the other generation that reported (the 34 after the merger, shown by the
        // 63) are listed too, so that no figure is dropped.
        for (const auto& entry : by_unit) {
            const auto& unit_id = entry.first;
            if (std::none_of(units.begin(), units.end(),
                             [&](const Unit& u) { return u.id == unit_id; })) {
                if (auto u = FindUnit(unit_id))
                    d.top_units.push_back(
                        {*u, entry.second->value_milli, entry.second->split_impossible});
            }
        }
        for (const auto& t : d.tiles) {
            if (t.value_milli)
                d.top_units.push_back(t);
        }
        SortValues(d.top_units);
        if (d.top_units.size() > 10)
            d.top_units.resize(10);
    } else {
        for (const auto& u : units)
            d.tiles.push_back({u, std::nullopt, false});
    }
    // The map's size and the archipelagos off Đà Nẵng and Khánh Hòa.
    int max_col = 0;
    int da_nang_row = 0;
    int khanh_hoa_row = 0;
    for (const auto& t : d.tiles) {
        d.rows = std::max(d.rows, t.unit.row + 1);
        max_col = std::max(max_col, t.unit.col);
        if (t.unit.code == "48")
            da_nang_row = t.unit.row;
        if (t.unit.code == "56")
            khanh_hoa_row = t.unit.row;
    }
    d.markers.push_back(
        {"Quần đảo Hoàng Sa", "Hoàng Sa archipelago (Paracel Islands)", da_nang_row, max_col + 2});
    d.markers.push_back({"Quần đảo Trường Sa", "Trường Sa archipelago (Spratly Islands)",
                         khanh_hoa_row + 1, max_col + 2});
    d.cols = max_col + 3;
    d.rows = std::max(d.rows, khanh_hoa_row + 2);

    Date from = *Date::FromYmd(req.from_year, 1, 1);
    Date to = *Date::FromYmd(req.to_year, 12, 31);
    RecordFilter filter = Filter(from, to, req.generation, *unit);
    {
        auto tx = db_.Begin(storage::TxMode::kRead);
        ProvinceScope scope = ReadScopeOf(actor);
        d.agreements = repo_.Agreements(*tx, scope, filter);
        d.delegations = Levels(repo_.Delegations(*tx, scope, filter));
    }
    std::sort(d.agreements.by_country.begin(), d.agreements.by_country.end(),
              [](const KeyCount& a, const KeyCount& b) {
                  if (a.count != b.count)
                      return a.count > b.count;
                  return text::CompareVi(a.name_vi, b.name_vi) < 0;
              });
    if (d.agreements.by_country.size() > 10)
        d.agreements.by_country.resize(10);
    Name(d.agreements.by_field, "field");
    Name(d.agreements.by_unit, "unit");
    if (req.generation == 1 && req.to_year >= 2025)
        d.split_impossible = true;
    return d;
}

Result<std::pair<Date, Date>> ReportService::SinceLastConference() {
    Date today = clock_.Today();
    std::optional<Date> last;
    {
        auto tx = db_.Begin(storage::TxMode::kRead);
        last = repo_.LastNationalConference(*tx, today);
    }
    if (!last || !(*last < today)) {
        return Error::NotFound("Chưa có hội nghị ngoại vụ toàn quốc nào đã diễn ra trong hệ thống.",
                               "No national conference on local foreign affairs has taken place "
                               "in the system yet.");
    }
    return std::make_pair(last->AddDays(1), today);
}

Result<Review> ReportService::GetReview(const Actor& actor, const ReviewRequest& req) {
    if (req.to < req.from) {
        return Error::InvalidArgument("to",
                                      "Ngày kết thúc (to) không được trước ngày bắt đầu (from).",
                                      "The last day (to) may not be before the first (from).");
    }
    if (auto ok = CheckYears(req.from.year(), req.to.year(), "from", "to"); !ok)
        return ok.error();
    if (req.generation != 1 && req.generation != 2)
        return InvalidGeneration();
    if (req.compare_year < kMinYear || req.compare_year >= req.to.year()) {
        std::string range = YearText(kMinYear) + "–" + YearText(req.to.year() - 1);
        return Error::InvalidArgument("compare_year",
                                      "Năm so sánh (compare_year) phải trong khoảng " + range +
                                          ", trước năm cuối của kỳ báo cáo.",
                                      "The comparison year (compare_year) must be within " + range +
                                          ", before the last year of the period.");
    }
    auto unit = CheckUnit(req.unit_id);
    if (!unit)
        return unit.error();
    if (*unit && !actor.CanReadProvince((*unit)->id)) {
        return Error::PermissionDenied("Bạn không được xem số liệu của tỉnh, thành phố này.",
                                       "You may not see this province's figures.");
    }
    Review r;
    r.request = req;
    r.unit = *unit;
    RecordFilter filter = Filter(req.from, req.to, req.generation, *unit);
    std::vector<DelegationCount> delegation_counts;
    {
        auto tx = db_.Begin(storage::TxMode::kRead);
        ProvinceScope scope = ReadScopeOf(actor);
        delegation_counts = repo_.Delegations(*tx, scope, filter);
        r.visits = repo_.Visits(*tx, scope, filter, kMaxListed);
        r.agreements = repo_.Agreements(*tx, scope, filter);
        r.events = repo_.Events(*tx, scope, filter);
        r.awards = repo_.Awards(*tx, scope, filter, kMaxListed + 1);
    }
    r.delegations = Levels(delegation_counts);
    for (const auto& l : r.delegations) {
        if (l.level == "top_leaders") {
            r.visits_out = l.outbound;
            r.visits_in = l.inbound;
        }
    }
    for (auto& v : r.visits) {
        if (auto u = FindUnit(v.unit_id)) {
            v.unit_name_vi = u->name_vi;
            v.unit_name_en = u->name_en;
        }
    }
    std::map<std::string, std::int64_t> kinds;
    for (auto& a : r.awards) {
        kinds[a.kind] += 1;
        if (a.recipient_unit_id) {
            if (auto u = FindUnit(*a.recipient_unit_id)) {
                a.recipient_unit_vi = u->name_vi;
                a.recipient_unit_en = u->name_en;
            }
        }
    }
    r.awards_total = static_cast<std::int64_t>(r.awards.size());
    if (r.awards.size() > static_cast<std::size_t>(kMaxListed))
        r.awards.resize(kMaxListed);
    for (const auto& [kind, n] : kinds)
        r.awards_by_kind.push_back({kind, "", "", n});
    Name(r.awards_by_kind, "award");
    SortCounts(r.agreements.by_country);
    Name(r.agreements.by_field, "field");
    Name(r.agreements.by_unit, "unit");
    Name(r.events.by_type, "type");
    Name(r.events.international_by_unit, "unit");

    // The economy: exports, imports, FDI and UNESCO recognitions from the approved figures.
    auto defs = figures_.Definitions(actor);
    if (!defs)
        return defs.error();
    Economy& e = r.economy;
    e.exports_def = FindDef(*defs, codes_.exports);
    e.imports_def = FindDef(*defs, codes_.imports);
    e.fdi_def = FindDef(*defs, codes_.fdi);
    e.unesco_def = FindDef(*defs, codes_.unesco);
    e.last_year = req.to.year();
    e.compare_year = req.compare_year;
    std::vector<std::string> codes;
    for (const auto* def : {&e.exports_def, &e.imports_def, &e.fdi_def, &e.unesco_def}) {
        if (*def)
            codes.push_back((*def)->code);
    }
    int first_year = req.from.year();
    if (!codes.empty()) {
        // One province's figures by its own units (the source takes a unit of the generation);
        // the year before the first for the growth of FDI, from kMinYear.
        int unit_generation = *unit ? (*unit)->generation : req.generation;
        auto values = figures_.YearlyValues(actor, codes, std::max(kMinYear, first_year - 1),
                                            req.to.year(), unit_generation, req.unit_id);
        if (!values)
            return values.error();
        for (const auto& v : *values) {
            if (v.split_impossible && v.year >= first_year)
                r.split_impossible = true;
        }
        auto combined = [&](const std::optional<FigureDef>& def) {
            return def ? Combine(*values, def->code, def->aggregation)
                       : std::map<int, std::int64_t>();
        };
        auto exports = combined(e.exports_def);
        auto imports = combined(e.imports_def);
        auto fdi = combined(e.fdi_def);
        auto unesco = combined(e.unesco_def);
        for (int y = first_year; y <= req.to.year(); ++y) {
            EconomyYear ey;
            ey.year = y;
            ey.exports = At(exports, y);
            ey.imports = At(imports, y);
            if (ey.exports && ey.imports)
                ey.trade = *ey.exports + *ey.imports;
            ey.fdi = At(fdi, y);
            auto before = At(fdi, y - 1);
            if (ey.fdi && before && *before > 0)
                ey.fdi_growth_permille = DivRound((*ey.fdi - *before) * 1000, *before);
            e.years.push_back(ey);
            if (auto u = At(unesco, y))
                e.unesco = e.unesco.value_or(0) + *u;
        }
        if (e.exports_def) {
            for (const auto& v : *values) {
                if (v.code != e.exports_def->code || v.year != e.last_year)
                    continue;
                if (auto u = FindUnit(v.unit_id))
                    e.top_exporters.push_back({*u, v.value_milli, v.split_impossible});
            }
            SortValues(e.top_exporters);
            auto earlier = figures_.YearlyValues(actor, {e.exports_def->code}, req.compare_year,
                                                 req.compare_year, req.generation, std::nullopt);
            if (!earlier)
                return earlier.error();
            e.compare_exports =
                At(Combine(*earlier, e.exports_def->code, e.exports_def->aggregation),
                   req.compare_year);
            if (e.compare_exports) {
                for (const auto& t : e.top_exporters) {
                    if (t.value_milli && *t.value_milli > *e.compare_exports)
                        e.exceeding.push_back(t);
                }
            }
            if (e.top_exporters.size() > 5)
                e.top_exporters.resize(5);
        }
    }
    if (req.generation == 1 && req.to >= *Date::FromYmd(2025, 7, 1))
        r.split_impossible = true;
    return r;
}

}  // namespace ngoaivu::reports
