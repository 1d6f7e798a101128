#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/actor.hpp"
#include "base/date.hpp"
#include "base/page.hpp"
#include "modules/delegations/delegation.hpp"
#include "storage/database.hpp"

namespace ngoaivu::delegations {

// What a list of delegations is narrowed to. Empty members do not filter.
struct DelegationFilter {
    // A province: of the second generation (id >= 2000) by today's boundaries, of the first by
    // the province as of the delegation's first day (geo::AdminUnitId).
    std::optional<std::int64_t> unit_id;
    std::string country;    // ISO alpha-2: visited (outbound) or of the visitors (inbound)
    std::string direction;  // Directions()
    std::string level;      // Levels()
    std::string status;     // Statuses()
    std::optional<int> year;
    std::string q;  // words of the title, purpose or people, with or without diacritics
    std::optional<std::int64_t> partner_id;
    // The delegations under way on at least one day of [from, to] (the calendar).
    std::optional<Date> from;
    std::optional<Date> to;
    bool report_overdue = false;  // returned, report not submitted, past its last day
};

enum class DelegationSort { kStartDesc, kStartAsc, kTitle, kProvince, kUpdated };
std::optional<DelegationSort> ParseSort(std::string_view s);  // "" is kStartDesc
std::string_view SortName(DelegationSort s);

// One cell of the counts by province × year × direction × level (the indicators module).
struct CountRow {
    std::int64_t unit_id = 0;  // as of the first day, or by today's boundaries (CountsRequest)
    int year = 0;
    std::string direction;
    std::string level;
    std::int64_t count = 0;
};

struct CountsRequest {
    int from_year = 0;
    int to_year = 0;
    bool current_units = true;  // roll the 63 old provinces up to today's 34
    // Only delegations that took place (in progress, returned, reported, closed); otherwise
    // every live one (proposed and approved too).
    bool carried_out_only = true;
};

// An agreement as a delegation's outcome names it.
struct AgreementRef {
    std::int64_t id = 0;
    std::string title_vi;
    std::int64_t admin_unit_id = 0;
    std::string status;
    std::optional<Date> signed_on;
};

// Storage of delegations and everything attached to them. Absent things come back as nullopt.
class DelegationRepository {
 public:
    virtual ~DelegationRepository() = default;

    virtual Page<Delegation> List(storage::Transaction& tx, const ProvinceScope& scope,
                                  const DelegationFilter& filter, DelegationSort sort,
                                  const PageRequest& page, Date today) = 0;
    virtual std::optional<DelegationDetail> Get(storage::Transaction& tx, std::int64_t id) = 0;
    // The agreements an outcome links, with what the page shows of them.
    virtual std::vector<AgreementRef> Agreements(storage::Transaction& tx,
                                                 const std::vector<std::int64_t>& ids) = 0;
    // The codes of `codes` that are not in the country table.
    virtual std::vector<std::string> UnknownCountries(storage::Transaction& tx,
                                                      const std::vector<std::string>& codes) = 0;
    // The live delegations (not rejected or cancelled), other than `exclude_id`, whose dates
    // share a day with [starts_on, ends_on] and that have a person whose PersonKey is one of
    // `person_keys`: the candidates of an overlap check (FindOverlaps decides).
    virtual std::vector<Delegation> OverlapCandidates(storage::Transaction& tx,
                                                      const std::vector<std::string>& person_keys,
                                                      Date starts_on, Date ends_on,
                                                      std::int64_t exclude_id) = 0;

    virtual std::int64_t Insert(storage::Transaction& tx, const Delegation& d,
                                std::int64_t created_by, const std::string& now) = 0;
    // Writes the whole record when the stored version is `expected_version`; false otherwise.
    virtual bool Update(storage::Transaction& tx, const Delegation& d,
                        std::int64_t expected_version, const std::string& now) = 0;
    virtual void InsertStep(storage::Transaction& tx, std::int64_t delegation_id, const Event& e,
                            std::int64_t user_id) = 0;
    virtual void WriteOutcome(storage::Transaction& tx, std::int64_t delegation_id,
                              const Outcome& outcome) = 0;

    virtual std::vector<CountRow> Counts(storage::Transaction& tx, const ProvinceScope& scope,
                                         const CountsRequest& req) = 0;
};

class SqlDelegationRepository final : public DelegationRepository {
 public:
    Page<Delegation> List(storage::Transaction& tx, const ProvinceScope& scope,
                          const DelegationFilter& filter, DelegationSort sort,
                          const PageRequest& page, Date today) override;
    std::optional<DelegationDetail> Get(storage::Transaction& tx, std::int64_t id) override;
    std::vector<AgreementRef> Agreements(storage::Transaction& tx,
                                         const std::vector<std::int64_t>& ids) override;
    std::vector<std::string> UnknownCountries(storage::Transaction& tx,
                                              const std::vector<std::string>& codes) override;
    std::vector<Delegation> OverlapCandidates(storage::Transaction& tx,
                                              const std::vector<std::string>& person_keys,
                                              Date starts_on, Date ends_on,
                                              std::int64_t exclude_id) override;
    std::int64_t Insert(storage::Transaction& tx, const Delegation& d, std::int64_t created_by,
                        const std::string& now) override;
    bool Update(storage::Transaction& tx, const Delegation& d, std::int64_t expected_version,
                const std::string& now) override;
    void InsertStep(storage::Transaction& tx, std::int64_t delegation_id, const Event& e,
                    std::int64_t user_id) override;
    void WriteOutcome(storage::Transaction& tx, std::int64_t delegation_id,
                      const Outcome& outcome) override;
    std::vector<CountRow> Counts(storage::Transaction& tx, const ProvinceScope& scope,
                                 const CountsRequest& req) override;
};

}  // namespace ngoaivu::delegations
