#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/actor.hpp"
#include "base/page.hpp"
#include "modules/agreements/agreement.hpp"
#include "modules/agreements/agreement_requests.hpp"
#include "storage/database.hpp"

namespace ngoaivu::agreements {

// Which provinces' agreements a read may see (base/actor.hpp).
using Scope = ProvinceScope;

// A provincial unit as the agreements need it: when it existed and what it is today.
struct UnitInfo {
    std::int64_t id = 0;
    std::string name_vi;
    std::string name_en;
    std::string short_name_vi;  // "Hà Nội" for "Thành phố Hà Nội"
    Date valid_from = Date::FromDays(0);
    std::optional<Date> valid_to;
    std::int64_t current_id = 0;  // itself, or its 2025 successor
};

// Storage of agreements and everything attached to them. Absent things come back as nullopt.
class AgreementRepository {
 public:
    virtual ~AgreementRepository() = default;

    virtual std::optional<UnitInfo> FindUnit(storage::Transaction& tx, std::int64_t unit_id) = 0;
    // The partners among `ids` that exist: (id, merged_into_id or 0).
    virtual std::vector<std::pair<std::int64_t, std::int64_t>> FindPartners(
        storage::Transaction& tx, const std::vector<std::int64_t>& ids) = 0;

    // The choices of the agreement forms: every provincial unit of both generations (in
    // Vietnamese order) and the partners not merged into another (in Vietnamese order).
    virtual std::vector<UnitInfo> AllUnits(storage::Transaction& tx) = 0;
    virtual std::vector<PartnerRef> PartnerChoices(storage::Transaction& tx) = 0;

    // The id of an agreement with this Vietnamese title, province and signing date, if any.
    virtual std::optional<std::int64_t> FindDuplicate(storage::Transaction& tx,
                                                      const std::string& title_vi,
                                                      std::int64_t unit_id,
                                                      std::optional<Date> signed_on) = 0;

    virtual Page<Agreement> List(storage::Transaction& tx, const Scope& scope,
                                 const AgreementFilter& filter, AgreementSort sort,
                                 const PageRequest& page, Date today) = 0;
    virtual std::optional<AgreementDetail> Get(storage::Transaction& tx, std::int64_t id) = 0;

    // Inserts the agreement (its id, version and timestamps are set by the call) with its partners
    // and fields; returns the id.
    virtual std::int64_t Insert(storage::Transaction& tx, const Agreement& a,
                                std::int64_t created_by, const std::string& now) = 0;
    // Rewrites the agreement's columns, partners and fields when its version is still
    // `expected_version` (the version becomes expected_version + 1); false when it is not.
    virtual bool Update(storage::Transaction& tx, const Agreement& a, std::int64_t expected_version,
                        const std::string& now) = 0;

    virtual std::int64_t InsertEvent(storage::Transaction& tx, std::int64_t agreement_id,
                                     const Event& e, std::int64_t user_id) = 0;
    virtual std::int64_t InsertDeadline(storage::Transaction& tx, std::int64_t agreement_id,
                                        const Deadline& d, std::int64_t event_id) = 0;
    virtual void CloseDeadline(storage::Transaction& tx, std::int64_t deadline_id, Date closed_on,
                               const std::string& outcome, const std::string& note,
                               std::int64_t event_id) = 0;

    virtual std::int64_t InsertCommitment(storage::Transaction& tx, const Commitment& c,
                                          const std::string& now) = 0;
    virtual std::optional<Commitment> GetCommitment(storage::Transaction& tx, std::int64_t id) = 0;
    virtual bool UpdateCommitment(storage::Transaction& tx, const Commitment& c,
                                  std::int64_t expected_version, const std::string& now) = 0;
    virtual std::int64_t InsertResult(storage::Transaction& tx, const ResultEntry& r,
                                      const std::string& now) = 0;
    virtual void SetHasResult(storage::Transaction& tx, std::int64_t agreement_id) = 0;
    virtual void SetNextDue(storage::Transaction& tx, std::int64_t agreement_id,
                            std::optional<Date> next_due) = 0;

    // The implementation of each agreement of `ids` (two queries).
    virtual std::map<std::int64_t, Implementation> ImplementationOf(
        storage::Transaction& tx, const std::vector<std::int64_t>& ids, Date today) = 0;

    // Open deadlines and open commitments due on or before `until`, earliest first.
    virtual Page<DueItem> Due(storage::Transaction& tx, const Scope& scope,
                              std::optional<std::int64_t> unit_id, Date until,
                              const PageRequest& page) = 0;
};

class SqlAgreementRepository final : public AgreementRepository {
 public:
    std::optional<UnitInfo> FindUnit(storage::Transaction& tx, std::int64_t unit_id) override;
    std::vector<std::pair<std::int64_t, std::int64_t>> FindPartners(
        storage::Transaction& tx, const std::vector<std::int64_t>& ids) override;
    std::vector<UnitInfo> AllUnits(storage::Transaction& tx) override;
    std::optional<std::int64_t> FindDuplicate(storage::Transaction& tx, const std::string& title_vi,
                                              std::int64_t unit_id,
                                              std::optional<Date> signed_on) override;
    std::vector<PartnerRef> PartnerChoices(storage::Transaction& tx) override;
    Page<Agreement> List(storage::Transaction& tx, const Scope& scope,
                         const AgreementFilter& filter, AgreementSort sort, const PageRequest& page,
                         Date today) override;
    std::optional<AgreementDetail> Get(storage::Transaction& tx, std::int64_t id) override;
    std::int64_t Insert(storage::Transaction& tx, const Agreement& a, std::int64_t created_by,
                        const std::string& now) override;
    bool Update(storage::Transaction& tx, const Agreement& a, std::int64_t expected_version,
                const std::string& now) override;
    std::int64_t InsertEvent(storage::Transaction& tx, std::int64_t agreement_id, const Event& e,
                             std::int64_t user_id) override;
    std::int64_t InsertDeadline(storage::Transaction& tx, std::int64_t agreement_id,
                                const Deadline& d, std::int64_t event_id) override;
    void CloseDeadline(storage::Transaction& tx, std::int64_t deadline_id, Date closed_on,
                       const std::string& outcome, const std::string& note,
                       std::int64_t event_id) override;
    std::int64_t InsertCommitment(storage::Transaction& tx, const Commitment& c,
                                  const std::string& now) override;
    std::optional<Commitment> GetCommitment(storage::Transaction& tx, std::int64_t id) override;
    bool UpdateCommitment(storage::Transaction& tx, const Commitment& c,
                          std::int64_t expected_version, const std::string& now) override;
    std::int64_t InsertResult(storage::Transaction& tx, const ResultEntry& r,
                              const std::string& now) override;
    void SetHasResult(storage::Transaction& tx, std::int64_t agreement_id) override;
    void SetNextDue(storage::Transaction& tx, std::int64_t agreement_id,
                    std::optional<Date> next_due) override;
    Page<DueItem> Due(storage::Transaction& tx, const Scope& scope,
                      std::optional<std::int64_t> unit_id, Date until,
                      const PageRequest& page) override;
    std::map<std::int64_t, Implementation> ImplementationOf(storage::Transaction& tx,
                                                            const std::vector<std::int64_t>& ids,
                                                            Date today) override;
};

}  // namespace ngoaivu::agreements
