#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/page.hpp"
#include "modules/indicators/indicator.hpp"
#include "modules/indicators/indicator_rollup.hpp"
#include "storage/database.hpp"

namespace ngoaivu::indicators {

// Storage of indicators, rounds, submissions and values. Absent things come back as nullopt; the
// service owns every transaction.
class IndicatorRepository {
 public:
    virtual ~IndicatorRepository() = default;

    // Every definition (only the active ones when `active_only`), by sort order then code, with
    // `used` set.
    virtual std::vector<Indicator> ListIndicators(storage::Transaction& tx, bool active_only) = 0;
    virtual std::optional<Indicator> FindIndicator(storage::Transaction& tx,
                                                   const std::string& code) = 0;
    // Inserts a definition (version 1); returns its id. Throws ConstraintError (unique) when the
    // code exists.
    virtual std::int64_t InsertIndicator(storage::Transaction& tx, const IndicatorFields& f,
                                         const std::string& now) = 0;
    // Rewrites a definition when its version is still `expected_version` (then version + 1);
    // false otherwise.
    virtual bool UpdateIndicator(storage::Transaction& tx, std::int64_t id,
                                 const IndicatorFields& f, std::int64_t expected_version,
                                 const std::string& now) = 0;

    // Units in force on `day` (valid_from <= day <= valid_to), in Vietnamese order.
    virtual std::vector<UnitInfo> UnitsOn(storage::Transaction& tx, Date day) = 0;
    virtual std::optional<UnitInfo> FindUnit(storage::Transaction& tx, std::int64_t id) = 0;
    // Every old unit → its successor (admin_unit_succession).
    virtual std::map<std::int64_t, std::int64_t> Successions(storage::Transaction& tx) = 0;

    // A page of rounds, newest period first, with their submitted and approved counts.
    virtual Page<Round> ListRounds(storage::Transaction& tx, const PageRequest& page) = 0;
    // A round with the indicators it asks for.
    virtual std::optional<Round> GetRound(storage::Transaction& tx, std::int64_t id) = 0;
    virtual std::optional<std::int64_t> FindRound(storage::Transaction& tx,
                                                  const std::string& periodicity, int year,
                                                  int number) = 0;
    // Inserts the round and its items (in the order of `indicator_ids`); returns its id.
    virtual std::int64_t InsertRound(storage::Transaction& tx, const Round& r,
                                     const std::vector<std::int64_t>& indicator_ids,
                                     std::int64_t created_by, const std::string& now) = 0;

    // A submission with its values and history.
    virtual std::optional<Submission> FindSubmission(storage::Transaction& tx,
                                                     std::int64_t round_id,
                                                     std::int64_t unit_id) = 0;
    // The submissions of a round (no values, no history).
    virtual std::vector<Submission> RoundSubmissions(storage::Transaction& tx,
                                                     std::int64_t round_id) = 0;
    // Inserts a draft submission (version 1); returns its id.
    virtual std::int64_t InsertSubmission(storage::Transaction& tx, std::int64_t round_id,
                                          std::int64_t unit_id, const std::string& now) = 0;
    // Writes status, submitted_at/on, decided_at and comment when the version is still
    // `expected_version` (then version + 1); false otherwise.
    virtual bool UpdateSubmission(storage::Transaction& tx, const Submission& s,
                                  std::int64_t expected_version, const std::string& now) = 0;
    // Replaces the submission's values by `cells` (cells with no value, comment or source are
    // left out), with the round's and the unit's copies on each row.
    virtual void ReplaceValues(storage::Transaction& tx, const Submission& s, const Round& r,
                               const std::vector<ValueCell>& cells) = 0;
    // Marks the submission's values approved or not.
    virtual void SetApproved(storage::Transaction& tx, std::int64_t submission_id,
                             bool approved) = 0;
    virtual void InsertHistory(storage::Transaction& tx, std::int64_t submission_id,
                               const HistoryEntry& h, std::int64_t user_id) = 0;

    // The stored values of years from..to of the indicators of `code_of` (id → code), approved
    // ones only when `approved_only`, with a value. The periods of the indicators in `summed`
    // (sum aggregation) are added up per unit and year in SQL and come back as one yearly value
    // (end_month 12): the same yearly values, a quarter or a twelfth of the rows. Only the units
    // of `units` when given (a read scope), else every unit.
    virtual std::vector<PeriodValue> PeriodValues(
        storage::Transaction& tx, const std::map<std::int64_t, std::string>& code_of,
        const std::set<std::int64_t>& summed, int from_year, int to_year, bool approved_only,
        const std::vector<std::int64_t>* units) = 0;
    // The yearly counts of counted key `key` (CountedKeys()) for years from..to, by the unit as
    // of the record's date (decision 0008's table); `code` set on each.
    virtual std::vector<PeriodValue> CountedValues(storage::Transaction& tx, const std::string& key,
                                                   const std::string& code, int from_year,
                                                   int to_year) = 0;
};

// The counted indicators are read from the tallies kept with the records (migration 0013), or
// from the records when `use_tallies` is false (the tests that compare both).
class SqlIndicatorRepository final : public IndicatorRepository {
 public:
    explicit SqlIndicatorRepository(bool use_tallies = true) : use_tallies_(use_tallies) {}
    std::vector<Indicator> ListIndicators(storage::Transaction& tx, bool active_only) override;
    std::optional<Indicator> FindIndicator(storage::Transaction& tx,
                                           const std::string& code) override;
    std::int64_t InsertIndicator(storage::Transaction& tx, const IndicatorFields& f,
                                 const std::string& now) override;
    bool UpdateIndicator(storage::Transaction& tx, std::int64_t id, const IndicatorFields& f,
                         std::int64_t expected_version, const std::string& now) override;
    std::vector<UnitInfo> UnitsOn(storage::Transaction& tx, Date day) override;
    std::optional<UnitInfo> FindUnit(storage::Transaction& tx, std::int64_t id) override;
    std::map<std::int64_t, std::int64_t> Successions(storage::Transaction& tx) override;
    Page<Round> ListRounds(storage::Transaction& tx, const PageRequest& page) override;
    std::optional<Round> GetRound(storage::Transaction& tx, std::int64_t id) override;
    std::optional<std::int64_t> FindRound(storage::Transaction& tx, const std::string& periodicity,
                                          int year, int number) override;
    std::int64_t InsertRound(storage::Transaction& tx, const Round& r,
                             const std::vector<std::int64_t>& indicator_ids,
                             std::int64_t created_by, const std::string& now) override;
    std::optional<Submission> FindSubmission(storage::Transaction& tx, std::int64_t round_id,
                                             std::int64_t unit_id) override;
    std::vector<Submission> RoundSubmissions(storage::Transaction& tx,
                                             std::int64_t round_id) override;
    std::int64_t InsertSubmission(storage::Transaction& tx, std::int64_t round_id,
                                  std::int64_t unit_id, const std::string& now) override;
    bool UpdateSubmission(storage::Transaction& tx, const Submission& s,
                          std::int64_t expected_version, const std::string& now) override;
    void ReplaceValues(storage::Transaction& tx, const Submission& s, const Round& r,
                       const std::vector<ValueCell>& cells) override;
    void SetApproved(storage::Transaction& tx, std::int64_t submission_id, bool approved) override;
    void InsertHistory(storage::Transaction& tx, std::int64_t submission_id, const HistoryEntry& h,
                       std::int64_t user_id) override;
    std::vector<PeriodValue> PeriodValues(storage::Transaction& tx,
                                          const std::map<std::int64_t, std::string>& code_of,
                                          const std::set<std::int64_t>& summed, int from_year,
                                          int to_year, bool approved_only,
                                          const std::vector<std::int64_t>* units) override;
    std::vector<PeriodValue> CountedValues(storage::Transaction& tx, const std::string& key,
                                           const std::string& code, int from_year,
                                           int to_year) override;

 private:
    bool use_tallies_;
};

}  // namespace ngoaivu::indicators
