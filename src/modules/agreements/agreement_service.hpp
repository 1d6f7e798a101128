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
#include "modules/agreements/agreement_sheet.hpp"
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
    // For the documents attached to agreement `id` (the attachments module), in the caller's
    // transaction: CheckReadable is OK when Get would succeed; CheckWritable also needs the
    // province in the actor's write scope (kPermissionDenied otherwise). kNotFound as Get.
    Result<void> CheckReadable(storage::Transaction& tx, const Actor& actor, std::int64_t id);
    Result<void> CheckWritable(storage::Transaction& tx, const Actor& actor, std::int64_t id);

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

    // Imports agreements from an XLSX or CSV file in the columns of ExportSheet (see
    // agreement_sheet.hpp). kPreview checks every row and writes nothing; kAllOrNothing writes
    // every row in one transaction when no row has a problem, and nothing otherwise;
    // kValidRows writes the rows without problems in one transaction and reports the others.
    // Each row becomes a draft (status "draft") or a registered signed agreement, with its own
    // audit entry. A row repeating a recorded agreement (same Vietnamese title, province and
    // signing date) or an earlier row of the file is a problem. File-level errors (not a
    // spreadsheet, too large, missing columns) are errors naming "file".
    using ImportMode = office::ImportMode;
    using ImportReport = office::ImportReport;
    static constexpr int kMaxImportRows = 20000;
    Result<ImportReport> Import(const Actor& actor, std::string_view file, ImportMode mode);
    // The agreements matching `filter` (at most `limit`, in `sort` order) for an export;
    // kInvalidArgument naming "file" when more match.
    Result<std::vector<Agreement>> ExportRows(const Actor& actor, const AgreementFilter& filter,
                                              AgreementSort sort, int limit);

    // The yearly report of current province `unit_id` for `year` (2008 to this year): the
    // agreements its units signed that year and those signed earlier still in force, with their
    // implementation. Read scope applies (kNotFound outside it); at most 5,000 of each.
    Result<YearlyReport> Yearly(const Actor& actor, std::int64_t unit_id, int year);

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
    // A new record checked and ready to insert (a draft, or a registered signed agreement with
    // its report deadline).
    struct Prepared {
        Agreement agreement;
        Date day = Date::FromDays(0);  // of the first history step
        std::optional<Deadline> report;
    };
    Result<Prepared> PrepareDraft(storage::Transaction& tx, const Actor& actor,
                                  const AgreementFields& fields, std::optional<Date> drafted_on);
    Result<Prepared> PrepareRegister(storage::Transaction& tx, const Actor& actor,
                                     const RegisterRequest& req, const WorkingCalendar& calendar);
    std::int64_t InsertPrepared(storage::Transaction& tx, const Actor& actor, Prepared& p);
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
