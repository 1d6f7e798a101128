#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "base/actor.hpp"
#include "base/clock.hpp"
#include "base/page.hpp"
#include "base/result.hpp"
#include "base/working_days.hpp"
#include "modules/agreements/agreement.hpp"
#include "modules/agreements/agreement_repository.hpp"
#include "modules/agreements/agreement_requests.hpp"
#include "modules/agreements/agreement_workflow.hpp"
#include "modules/audit/audit_service.hpp"
#include "storage/database.hpp"

namespace ngoaivu::agreements {

// Where the working-day calendar comes from (the calendar module's cached snapshot).
using CalendarSource = std::function<std::shared_ptr<const WorkingCalendar>()>;

// International agreements: the register, the workflow with its legal deadlines, commitments and
// results. Every call receives the acting user: reads are filtered by the actor's provinces,
// writes outside them fail with kPermissionDenied. Every write runs in one transaction with one
// audit entry. Thread-safe.
class AgreementService {
 public:
    AgreementService(storage::Database& db, AgreementRepository& repo, audit::AuditService& audit,
                     const Clock& clock, CalendarSource calendar)
        : db_(db), repo_(repo), audit_(audit), clock_(clock), calendar_(std::move(calendar)) {}

    Result<Page<Agreement>> List(const Actor& actor, const AgreementFilter& filter,
                                 AgreementSort sort, const PageRequest& page);
    // kNotFound when absent or outside the actor's provinces (nothing tells them apart).
    Result<AgreementDetail> Get(const Actor& actor, std::int64_t id);

    // A new draft of a province that exists on `drafted_on` (today when not given: a draft begun
    // earlier may be recorded with the day it began, not in the future).
    Result<AgreementDetail> Create(const Actor& actor, const AgreementFields& fields,
                                   std::optional<Date> drafted_on = std::nullopt);
    // An agreement signed before it was recorded here (see RegisterRequest).
    Result<AgreementDetail> Register(const Actor& actor, const RegisterRequest& req);
    // Edits the descriptive fields when the stored version is still `expected_version`;
    // otherwise kConflict naming "version" (nothing written).
    Result<AgreementDetail> Update(const Actor& actor, std::int64_t id,
                                   std::int64_t expected_version, const AgreementFields& fields);
    // One workflow step (agreement_workflow.hpp). When `expected_version` is given and stale,
    // kConflict naming "version".
    Result<AgreementDetail> Step(const Actor& actor, std::int64_t id, const StepRequest& req,
                                 std::optional<std::int64_t> expected_version = std::nullopt);

    Result<AgreementDetail> AddCommitment(const Actor& actor, std::int64_t agreement_id,
                                          const CommitmentRequest& req);
    Result<AgreementDetail> UpdateCommitment(const Actor& actor, std::int64_t commitment_id,
                                             std::int64_t expected_version,
                                             const CommitmentRequest& req);
    Result<AgreementDetail> AddResult(const Actor& actor, std::int64_t agreement_id,
                                      const ResultRequest& req);

    // Open deadlines and commitments due within `within_days` days from today (overdue ones
    // included), in the actor's provinces, optionally of one province; earliest first.
    Result<Page<DueItem>> Due(const Actor& actor, std::optional<std::int64_t> unit_id,
                              int within_days, const PageRequest& page);

    // What the forms offer: the provinces of both generations and the partners.
    struct Choices {
        std::vector<UnitInfo> units;
        std::vector<PartnerRef> partners;
    };
    Choices FormChoices();

    Date Today() const { return clock_.Today(); }
    std::shared_ptr<const WorkingCalendar> Calendar() const { return calendar_(); }

    // The agreement as the audit trail records it.
    static nlohmann::json Describe(const Agreement& a);

 private:
    Scope ScopeOf(const Actor& actor) const;
    Result<void> CheckFields(storage::Transaction& tx, AgreementFields& fields,
                             std::optional<Date> as_of, UnitInfo* unit);
    // Loads the agreement for a write by `actor`: kNotFound outside the read scope,
    // kPermissionDenied inside it without write rights.
    Result<AgreementDetail> LoadForWrite(storage::Transaction& tx, const Actor& actor,
                                         std::int64_t id);
    Result<AgreementDetail> Reload(storage::Transaction& tx, std::int64_t id);

    storage::Database& db_;
    AgreementRepository& repo_;
    audit::AuditService& audit_;
    const Clock& clock_;
    CalendarSource calendar_;
};

}  // namespace ngoaivu::agreements
