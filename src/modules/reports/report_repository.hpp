#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "base/actor.hpp"
#include "modules/reports/report.hpp"
#include "storage/database.hpp"

namespace ngoaivu::reports {

// Read-only breakdowns of the records other modules own (agreement, delegation, event tables),
// with the counting conditions of decision 0008. Every read is limited to `scope` by the record's
// owning province as of its date (admin_unit_id). Absent things come back empty.
class ReportRepository {
 public:
    virtual ~ReportRepository() = default;

    // Every provincial unit of both generations, with successors; tile positions left unset.
    virtual std::vector<Unit> Units(storage::Transaction& tx) = 0;
    virtual AgreementCounts Agreements(storage::Transaction& tx, const ProvinceScope& scope,
                                       const RecordFilter& filter) = 0;
    virtual std::vector<DelegationCount> Delegations(storage::Transaction& tx,
                                                     const ProvinceScope& scope,
                                                     const RecordFilter& filter) = 0;
    // The high-level visits in date order, at most `limit`; unit and country names filled.
    virtual std::vector<Visit> Visits(storage::Transaction& tx, const ProvinceScope& scope,
                                      const RecordFilter& filter, std::int64_t limit) = 0;
    virtual EventCounts Events(storage::Transaction& tx, const ProvinceScope& scope,
                               const RecordFilter& filter) = 0;
    // Awards at events that took place in the period, in date order, at most `limit`. In a
    // limited scope: awards at the scope's events, and at national events to the scope's units.
    virtual std::vector<Award> Awards(storage::Transaction& tx, const ProvinceScope& scope,
                                      const RecordFilter& filter, std::int64_t limit) = 0;
    // The last day of the latest national review conference (not cancelled or rejected) that
    // began on or before `today`, if any.
    virtual std::optional<Date> LastNationalConference(storage::Transaction& tx, Date today) = 0;
};

// Counts of whole calendar years are read from the tallies kept with the records (migration
// 0013); other periods, and every read when `use_tallies` is false (the tests that compare both),
// from the records.
class SqlReportRepository final : public ReportRepository {
 public:
    explicit SqlReportRepository(bool use_tallies = true) : use_tallies_(use_tallies) {}
    std::vector<Unit> Units(storage::Transaction& tx) override;
    AgreementCounts Agreements(storage::Transaction& tx, const ProvinceScope& scope,
                               const RecordFilter& filter) override;
    std::vector<DelegationCount> Delegations(storage::Transaction& tx, const ProvinceScope& scope,
                                             const RecordFilter& filter) override;
    std::vector<Visit> Visits(storage::Transaction& tx, const ProvinceScope& scope,
                              const RecordFilter& filter, std::int64_t limit) override;
    EventCounts Events(storage::Transaction& tx, const ProvinceScope& scope,
                       const RecordFilter& filter) override;
    std::vector<Award> Awards(storage::Transaction& tx, const ProvinceScope& scope,
                              const RecordFilter& filter, std::int64_t limit) override;
    std::optional<Date> LastNationalConference(storage::Transaction& tx, Date today) override;

 private:
    bool use_tallies_;
};

}  // namespace ngoaivu::reports
