#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/actor.hpp"
#include "base/clock.hpp"
#include "base/page.hpp"
#include "base/result.hpp"
#include "base/working_days.hpp"
#include "modules/agreements/agreement_repository.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/delegations/delegation.hpp"
#include "modules/delegations/delegation_repository.hpp"
#include "modules/delegations/delegation_sheet.hpp"
#include "modules/delegations/delegation_workflow.hpp"
#include "storage/database.hpp"

namespace ngoaivu::delegations {

// Where the working-day calendar comes from (the calendar module's cached snapshot).
using CalendarSource = std::function<std::shared_ptr<const WorkingCalendar>()>;

// A delegation with what its page shows beside the record: the agreements its outcome links,
// the people also in another delegation on the same days, and whether its report is overdue.
struct DelegationView {
    DelegationDetail detail;
    std::vector<AgreementRef> agreements;
    std::vector<Overlap> overlaps;
    bool report_overdue = false;
};

// Delegations in and out (đoàn ra, đoàn vào): the record, its approval by the provincial leader,
// the trip, the report (due report_due_days after the return) and the outcomes. Every call
// receives the acting user: reads are filtered by the actor's provinces (the owning province,
// fields.admin_unit_ids.front()), writes outside them fail with kPermissionDenied; approving or
// refusing needs a provincial leader of the province (or an administrator). Every write runs in
// one transaction with one audit entry. Thread-safe.
class DelegationService {
 public:
    DelegationService(storage::Database& db, DelegationRepository& repo,
                      agreements::AgreementRepository& units, audit::AuditService& audit,
                      const Clock& clock, CalendarSource calendar)
        : db_(db),
          repo_(repo),
          units_(units),
          audit_(audit),
          clock_(clock),
          calendar_(std::move(calendar)) {}

    Result<Page<Delegation>> List(const Actor& actor, const DelegationFilter& filter,
                                  DelegationSort sort, const PageRequest& page);
    // kNotFound when absent or outside the actor's provinces (nothing tells them apart).
    Result<DelegationView> Get(const Actor& actor, std::int64_t id);
    // For the documents attached to delegation `id` (the attachments module), in the caller's
    // transaction, as AgreementService's.
    Result<void> CheckReadable(storage::Transaction& tx, const Actor& actor, std::int64_t id);
    Result<void> CheckWritable(storage::Transaction& tx, const Actor& actor, std::int64_t id);

    // A proposed delegation. The provinces must exist on its first day (the 63 before 1 July
    // 2025, the 34 after); the partners must exist and not be merged. `proposed_on` dates the
    // proposal in the history (today when not given; a delegation recorded after the fact keeps
    // the day it was proposed), never in the future.
    Result<DelegationView> Create(const Actor& actor, const DelegationFields& fields,
                                  std::optional<Date> proposed_on = std::nullopt);
    // Edits the record while it is proposed or approved (later its facts are the history's),
    // when the stored version is still `expected_version`; otherwise kConflict naming "version".
    Result<DelegationView> Update(const Actor& actor, std::int64_t id,
                                  std::int64_t expected_version, const DelegationFields& fields);
    // One workflow step (delegation_workflow.hpp). Approving is refused while a person of the
    // delegation is in another live delegation on the same days (kFailedPrecondition naming
    // "overlaps"), unless `confirm_overlaps` says the leader has seen them.
    Result<DelegationView> Step(const Actor& actor, std::int64_t id, const StepRequest& req,
                                std::optional<std::int64_t> expected_version = std::nullopt,
                                bool confirm_overlaps = false);

    // The counts by province × year × direction × level, in the actor's provinces.
    Result<std::vector<CountRow>> Counts(const Actor& actor, const CountsRequest& req);

    Date Today() const { return clock_.Today(); }

    // --- For the pages, the spreadsheets and the demo data ----------------------------------

    // What the forms offer and the sheets name: the provincial units of both generations (in
    // Vietnamese order) and the partners not merged into another.
    SheetChoices FormChoices();
    // The workflow steps `actor` may take on `d` now, as codes of Actions() in that order: none
    // without write access to its province; approve and reject only for a provincial leader of
    // it (or an administrator), as Step decides.
    std::vector<std::string> AvailableSteps(const Actor& actor, const Delegation& d) const;
    // Whether `actor` may edit `d` now (Update): write access, and proposed or approved.
    bool CanEdit(const Actor& actor, const Delegation& d) const;
    // The signed agreements (signed, in force, suspended, terminated or expired) of the province
    // `unit_id` (either generation, as the list filter reads it) that the actor reads, latest
    // signed first, at most `limit`: what an outcome may link.
    Result<std::vector<AgreementRef>> SignedAgreements(const Actor& actor, std::int64_t unit_id,
                                                       int limit = 300);
    // The ids of those of `items` (a page of a list), still proposed or approved, whose people
    // are also in another live delegation on the same days (the flag before approval).
    std::set<std::int64_t> WithOverlaps(const std::vector<Delegation>& items);

    // The delegations matching `filter` (at most `limit`, in `sort` order, with their people,
    // provinces, partners and countries) for an export; kInvalidArgument naming "file" when more
    // match. `reasons`, when given, receives the reason of each refusal or cancellation by id
    // (from the history: one more read per rejected or cancelled delegation).
    Result<std::vector<Delegation>> ExportRows(
        const Actor& actor, const DelegationFilter& filter, DelegationSort sort, int limit,
        std::map<std::int64_t, std::string>* reasons = nullptr);

    // Imports delegations from an XLSX or CSV file in the columns of ExportSheet
    // (delegation_sheet.hpp). kPreview checks every row and writes nothing; kAllOrNothing writes
    // every row in one transaction when no row has a problem, and nothing otherwise; kValidRows
    // writes the rows without problems in one transaction and reports the others. Each row
    // becomes a delegation in its status, its history holding the steps that lead there (dated
    // from the row; checked by the workflow's rules, PlanStep), with one audit entry per row and
    // one for the import. A row repeating a recorded delegation (same title, owning province and
    // first day) or an earlier row of the file is a problem; so is a row of a province outside
    // the actor's write scope. File-level errors (not a spreadsheet, too large, missing columns)
    // are errors naming "file".
    using ImportMode = office::ImportMode;
    using ImportReport = office::ImportReport;
    static constexpr int kMaxImportRows = 20000;
    Result<ImportReport> Import(const Actor& actor, std::string_view file, ImportMode mode);

    // The delegation as the audit trail records it.
    static nlohmann::json Describe(const Delegation& d);

 private:
    // An imported row checked and ready to insert.
    struct PreparedImport {
        DelegationDetail detail;  // the record in its final state and its history
    };
    Result<PreparedImport> PrepareImport(storage::Transaction& tx, const Actor& actor,
                                         const ImportRow& row, const WorkingCalendar& calendar);
    Result<void> CheckFields(storage::Transaction& tx, DelegationFields& fields,
                             agreements::UnitInfo* owner);
    Result<DelegationDetail> LoadForWrite(storage::Transaction& tx, const Actor& actor,
                                          std::int64_t id);
    DelegationView ViewOf(storage::Transaction& tx, DelegationDetail detail);
    std::vector<Overlap> OverlapsOf(storage::Transaction& tx, const Delegation& d);

    storage::Database& db_;
    DelegationRepository& repo_;
    agreements::AgreementRepository& units_;
    audit::AuditService& audit_;
    const Clock& clock_;
    CalendarSource calendar_;
};

}  // namespace ngoaivu::delegations
