#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/actor.hpp"
#include "base/clock.hpp"
#include "base/page.hpp"
#include "base/result.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/indicators/indicator.hpp"
#include "modules/indicators/indicator_repository.hpp"
#include "modules/indicators/indicator_rules.hpp"
#include "storage/database.hpp"

namespace ngoaivu::indicators {

// Indicators, reporting rounds, submissions with their review, completeness and the yearly
// values (docs/decisions/0008). Every call receives the acting user and checks it:
// - definitions are read by every signed-in user and written by administrators;
// - rounds are read by every signed-in user and created by MOFA staff and administrators;
// - a submission is read by those who read its province (others: kNotFound), saved and
//   submitted by the province's officers and leaders and administrators, approved and returned
//   by MOFA staff and administrators, reopened by administrators (kPermissionDenied otherwise);
// - completeness and yearly values list only the provinces the actor reads.
// Every write is one transaction with one audit entry (and, for submissions, a history row).
// Thread-safe.
class IndicatorService {
 public:
    IndicatorService(storage::Database& db, IndicatorRepository& repo, audit::AuditService& audit,
                     const Clock& clock)
        : db_(db), repo_(repo), audit_(audit), clock_(clock) {}

    // --- Definitions ---
    Result<std::vector<Indicator>> ListIndicators(const Actor& actor, bool active_only);
    // kNotFound for an unknown code.
    Result<Indicator> GetIndicator(const Actor& actor, const std::string& code);
    // kPermissionDenied unless administrator; kInvalidArgument (CheckDefinition); kConflict
    // naming "code" when it exists.
    Result<Indicator> CreateIndicator(const Actor& actor, IndicatorFields fields);
    // Replaces the definition of `code` (whose code cannot change) when its version is still
    // `expected_version` (else kConflict naming "version"). A used indicator (asked by a round or
    // with values) keeps its unit, aggregation, periodicity and source: kConflict naming the
    // field. It can always be deactivated.
    Result<Indicator> UpdateIndicator(const Actor& actor, const std::string& code,
                                      std::int64_t expected_version, IndicatorFields fields);

    // --- Rounds ---
    // Whether the actor may create rounds (MOFA staff, administrators).
    static bool CanManageRounds(const Actor& actor);
    Result<Page<Round>> ListRounds(const Actor& actor, const PageRequest& page);
    Result<Round> GetRound(const Actor& actor, std::int64_t id);
    // A new round: the period must exist (kInvalidArgument naming "periodicity", "year" or
    // "number"), be new (kConflict naming "number"); due_on defaults to 20 days after the
    // period's last day; the indicators are `codes` (active, entered, of the round's
    // periodicity: else kInvalidArgument naming "codes") or, when empty, every active entered
    // indicator of that periodicity (at least one).
    Result<Round> CreateRound(const Actor& actor, RoundFields fields);
    // The state of every province in force on the round's last day that the actor reads.
    Result<Completeness> GetCompleteness(const Actor& actor, std::int64_t round_id);

    // --- Submissions ---
    // The grid of province `unit_id` (a unit in force on the round's last day; kNotFound
    // otherwise or outside the read scope).
    Result<Grid> GetGrid(const Actor& actor, std::int64_t round_id, std::int64_t unit_id);
    // Saves the whole grid in one transaction: every cell checked (one problem per cell, field
    // "values.<code>", kInvalidArgument, nothing written); the submission's version must be
    // req.version (0 when not started), else kConflict naming "version"; only a submission not
    // started, in draft or returned takes values (kFailedPrecondition naming "status").
    Result<Grid> SaveGrid(const Actor& actor, std::int64_t round_id, std::int64_t unit_id,
                          const SaveGridRequest& req);
    // One workflow step (indicator_rules.hpp PlanStep); submitting needs every required value
    // (kInvalidArgument naming "values.<code>" for each missing one). When req.version is given
    // and stale, kConflict naming "version".
    Result<Grid> Step(const Actor& actor, std::int64_t round_id, std::int64_t unit_id,
                      const StepRequest& req);

    // --- Yearly values ---
    // The yearly values of `req.codes` (empty: every active indicator) for from_year..to_year
    // (2000-2100, at most 50 years), by the units of req.generation, of the units the actor
    // reads (and only req.unit_id, a unit of that generation, when given). Entered values are
    // combined by RollUp (indicator_rollup.hpp); counted ones are counted from the records.
    // Only approved values unless !approved_only. kInvalidArgument naming "codes", "from_year",
    // "to_year", "generation" or "unit".
    Result<std::vector<YearValue>> YearlyValues(const Actor& actor, const YearlyValuesRequest& req);
    // The national totals (unit 0) of YearlyValues over every unit the actor reads
    // (NationalTotals: sum, or the mean for average indicators).
    Result<std::vector<YearValue>> NationalValues(const Actor& actor,
                                                  const YearlyValuesRequest& req);
    // The same totals of `values` already read by YearlyValues (reads only the definitions'
    // aggregations).
    std::vector<YearValue> NationalTotalsOf(const std::vector<YearValue>& values);

    // --- Demo data ---
    // Writes a round's submissions with their values, already approved (or in `status`), in one
    // transaction with one audit entry for the round (demo data only; the system actor).
    // `values` maps unit → cells; `submitted_on` is the day each was submitted.
    struct DemoSubmission {
        std::int64_t unit_id = 0;
        std::string status;  // draft, submitted, approved, returned
        std::optional<Date> submitted_on;
        std::string comment;
        std::vector<ValueCell> cells;
    };
    Result<int> AddDemoSubmissions(const Actor& actor, std::int64_t round_id,
                                   const std::vector<DemoSubmission>& submissions);

    // The provincial units in force on `day` (forms and pages).
    std::vector<UnitInfo> UnitsOn(Date day);
    Date Today() const { return clock_.Today(); }

    static nlohmann::json Describe(const IndicatorFields& f);

 private:
    Result<Grid> LoadGrid(storage::Transaction& tx, const Actor& actor, std::int64_t round_id,
                          std::int64_t unit_id);
    static Rights RightsFor(const Actor& actor, std::int64_t unit_id);
    std::string Now() const;

    storage::Database& db_;
    IndicatorRepository& repo_;
    audit::AuditService& audit_;
    const Clock& clock_;
};

}  // namespace ngoaivu::indicators
