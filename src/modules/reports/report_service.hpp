#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/actor.hpp"
#include "base/clock.hpp"
#include "base/result.hpp"
#include "modules/reports/figure_source.hpp"
#include "modules/reports/report.hpp"
#include "modules/reports/report_repository.hpp"
#include "storage/database.hpp"

namespace ngoaivu::reports {

// The codes of the indicators the review report reads (the indicators module's definitions).
struct ReviewCodes {
    std::string exports = "exports";
    std::string imports = "imports";
    std::string fdi = "fdi_registered";
    std::string unesco = "unesco_recognitions";
};

// A dashboard's filters. Years are kMinYear–kMaxYear, at most kMaxYears of them.
struct DashboardRequest {
    int from_year = 0;
    int to_year = 0;
    int generation = 2;
    std::string indicator;                // empty: the first of exports, then any
    std::optional<std::int64_t> unit_id;  // one province's dashboard
};

// The review report's filters: the days [from, to], the whole scope or one province, the units
// rows are grouped by, and the earlier year whose national exports the top exporters are
// compared with (kMinYear to to.year() - 1).
struct ReviewRequest {
    Date from = Date::FromDays(0);
    Date to = Date::FromDays(0);
    int generation = 2;
    std::optional<std::int64_t> unit_id;
    int compare_year = 0;
};

// One year of an indicator (national total, or one unit's value); empty when nothing approved.
struct YearValue {
    int year = 0;
    std::optional<std::int64_t> value_milli;
    // How many of the units shown (the province, or the 63 or the 34) have an approved figure
    // that year: a year still being reported is told apart from a fall.
    int units_reporting = 0;
    int units_expected = 0;
};

// One unit's value of an indicator, placed on the tile map.
struct UnitValue {
    Unit unit;
    std::optional<std::int64_t> value_milli;
    bool split_impossible = false;
};

// A labelled marker of the tile map (the Hoàng Sa and Trường Sa archipelagos).
struct MapMarker {
    std::string name_vi, name_en;
    int row = 0, col = 0;
};

// The delegations of one level: outbound and inbound.
struct LevelRow {
    std::string level, name_vi, name_en;
    std::int64_t outbound = 0, inbound = 0;
};

struct Dashboard {
    DashboardRequest request;
    std::optional<Unit> unit;
    std::vector<FigureDef> indicators;
    std::optional<FigureDef> indicator;  // the one shown on the trend and the map
    std::vector<YearValue> trend;        // from_year..to_year
    std::vector<UnitValue> top_units;    // by the indicator in to_year, largest first (at most 10)
    std::vector<UnitValue> tiles;        // every unit of the generation, in code order
    std::vector<MapMarker> markers;
    int rows = 0, cols = 0;      // the tile map's size, markers included
    AgreementCounts agreements;  // countries: the 10 largest; fields: all, largest first
    std::vector<LevelRow> delegations;
    bool split_impossible = false;  // by the 63 over a period after 01/07/2025
};

// One year of the economy section (national total or the province).
struct EconomyYear {
    int year = 0;
    std::optional<std::int64_t> exports, imports, trade, fdi;  // value × 1000
    std::optional<std::int64_t> fdi_growth_permille;           // vs the year before, ‰ of it
};

struct Economy {
    std::optional<FigureDef> exports_def, imports_def, fdi_def, unesco_def;
    std::vector<EconomyYear> years;  // from.year()..to.year()
    int last_year = 0;
    std::vector<UnitValue> top_exporters;  // exports in last_year, largest first (at most 5)
    int compare_year = 0;
    std::optional<std::int64_t> compare_exports;  // the whole scope's exports in compare_year
    std::vector<UnitValue> exceeding;             // units whose last_year exports exceed it
    std::optional<std::int64_t> unesco;           // recognitions over the years of the range
};

struct Review {
    ReviewRequest request;
    std::optional<Unit> unit;
    std::int64_t visits_out = 0, visits_in = 0;
    std::vector<Visit> visits;  // at most kMaxListed
    std::vector<LevelRow> delegations;
    AgreementCounts agreements;  // by_country, by_field, by_unit: largest first
    EventCounts events;          // by_type, international_by_unit: largest first, named
    Economy economy;
    std::vector<Award> awards;  // at most kMaxListed
    std::vector<KeyCount> awards_by_kind;
    std::int64_t awards_total = 0;
    bool split_impossible = false;
};

// The dashboards and the national review report (decision 0008): record breakdowns from the
// repository and approved indicator figures from the FigureSource, read on every call (no batch
// step), in the actor's read scope. Every signed-in actor may call; provincial roles see their
// provinces' figures. Errors are kInvalidArgument naming the parameter. Thread-safe.
class ReportService {
 public:
    // The indicators module keeps yearly values from 2000 (IndicatorService::YearlyValues).
    static constexpr int kMinYear = 2000;
    static constexpr int kMaxYear = 2100;
    static constexpr int kMaxYears = 30;
    static constexpr std::int64_t kMaxListed = 1000;

    // `tile_map_csv`: data/reference/tile_map.csv (code,generation,row,col).
    ReportService(storage::Database& db, ReportRepository& repo, FigureSource& figures,
                  const Clock& clock, std::string_view tile_map_csv, ReviewCodes codes = {})
        : db_(db),
          repo_(repo),
          figures_(figures),
          clock_(clock),
          tile_map_csv_(tile_map_csv),
          codes_(std::move(codes)) {}

    Result<Dashboard> GetDashboard(const Actor& actor, const DashboardRequest& req);
    Result<Review> GetReview(const Actor& actor, const ReviewRequest& req);

    // The period since the last national conference: from the day after its last day to today;
    // kNotFound when none is recorded.
    Result<std::pair<Date, Date>> SinceLastConference();
    // The units of `generation` (1 or 2) in code order, with their tile positions.
    std::vector<Unit> UnitsOf(int generation);
    // The unit `id` of either generation, if any.
    std::optional<Unit> FindUnit(std::int64_t id);
    Date Today() const { return clock_.Today(); }

 private:
    const std::vector<Unit>& LoadedUnits();
    Result<std::optional<Unit>> CheckUnit(std::optional<std::int64_t> unit_id);
    RecordFilter Filter(Date from, Date to, int generation, const std::optional<Unit>& unit);
    void Name(std::vector<KeyCount>& counts, const std::string& kind);
    std::vector<LevelRow> Levels(const std::vector<DelegationCount>& counts);

    storage::Database& db_;
    ReportRepository& repo_;
    FigureSource& figures_;
    const Clock& clock_;
    std::string tile_map_csv_;
    ReviewCodes codes_;
    std::once_flag units_once_;
    std::vector<Unit> units_;
};

// The value × 1000 as text with `decimals` digits in `lang` (1.234,5 / 1,234.5).
std::string FormatMilli(std::int64_t value_milli, int decimals, bool en);
// The unit of measure's name ("triệu USD" / "million USD").
std::string UnitName(const std::string& unit, bool en);

}  // namespace ngoaivu::reports
