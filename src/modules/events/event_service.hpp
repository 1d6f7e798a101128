#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/actor.hpp"
#include "base/clock.hpp"
#include "base/page.hpp"
#include "base/result.hpp"
#include "base/working_days.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/events/event.hpp"
#include "modules/events/event_repository.hpp"
#include "modules/events/event_requests.hpp"
#include "modules/events/event_rules.hpp"
#include "modules/events/event_sheet.hpp"
#include "storage/database.hpp"

namespace ngoaivu::events {

// Events: international conferences and seminars under Decision 06/2020/QĐ-TTg with their
// permission workflow and legal deadlines, the other events of local foreign affairs, and the
// national conferences. Every call receives the acting user. A provincial event is read by those
// who read its province and written by those who write it; a national event is read by every
// signed-in user and written by MOFA staff and administrators. Reads are filtered accordingly;
// a record outside the read scope is kNotFound, a write outside the write scope
// kPermissionDenied. Every write runs in one transaction with one audit entry. Thread-safe.
class EventService {
 public:
    EventService(storage::Database& db, EventRepository& repo, audit::AuditService& audit,
                 const Clock& clock, CalendarSource calendar)
        : db_(db), repo_(repo), audit_(audit), clock_(clock), calendar_(std::move(calendar)) {}

    Result<Page<EventRow>> List(const Actor& actor, const EventFilter& filter, EventSort sort,
                                const PageRequest& page);
    // kNotFound when absent or outside the actor's read scope (nothing tells them apart).
    Result<EventView> Get(const Actor& actor, std::int64_t id);
    // For the documents attached to event `id` (the attachments module), in the caller's
    // transaction: CheckReadable is OK when Get would succeed; CheckWritable also needs the
    // event in the actor's write scope (kPermissionDenied otherwise). kNotFound as Get.
    Result<void> CheckReadable(storage::Transaction& tx, const Actor& actor, std::int64_t id);
    Result<void> CheckWritable(storage::Transaction& tx, const Actor& actor, std::int64_t id);

    // For the pages, without touching the database (the service still checks every write):
    // whether `actor` may change event `v` (its description and its steps), as LoadForWrite
    // decides; and the workflow steps the actor may take on it now, as codes of Actions() in
    // that order: those its status and who decides (WhoDecides) allow, approve and reject only
    // for a provincial leader of its province or an administrator (MOFA staff and
    // administrators for a national event), record_reply only while a consultation is open.
    // PlanStep still checks the dates and the details of each step.
    bool CanWrite(const Actor& actor, const EventView& v) const;
    std::vector<std::string> StepsFor(const Actor& actor, const EventView& v) const;

    // A new event in status "planned", recorded as planned on `planned_on` (today when not
    // given; an event planned earlier may be recorded with that day, not in the future, so that
    // its later steps can be dated). The provinces must exist on its first day; the first one
    // owns it. Who decides (WhoDecides) is stored and kept up to date while it is planned.
    Result<EventView> Create(const Actor& actor, const EventFields& fields,
                             std::optional<Date> planned_on = std::nullopt);
    // Replaces the description when the stored version is still `expected_version`; otherwise
    // kConflict naming "version" (nothing written). An unchanged description writes nothing.
    Result<EventView> Update(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                             const EventFields& fields);
    // One workflow step (event_rules.hpp, PlanStep): the history row, the deadlines it opens and
    // closes, the record's new state. Permitting or refusing a provincial event is a provincial
    // leader's step (or an administrator's). When `expected_version` is given and stale,
    // kConflict naming "version".
    Result<EventView> Step(const Actor& actor, std::int64_t id, const StepRequest& req,
                           std::optional<std::int64_t> expected_version = std::nullopt);

    // Open deadlines due within `within_days` days from today (overdue ones included), of the
    // events the actor reads, optionally of one province; earliest first.
    Result<Page<EventDueItem>> Due(const Actor& actor, std::optional<std::int64_t> unit_id,
                                   int within_days, const PageRequest& page);

    // The number of events the actor reads per province (by `basis`), year of the first day and
    // type, in that order; national events have no province and come first.
    Result<std::vector<EventCount>> Counts(const Actor& actor, CountBasis basis,
                                           const CountFilter& filter);

    // The events matching `filter` (at most `limit`, in `sort` order, with their bridge points)
    // for an export; kInvalidArgument naming "file" when more match.
    Result<std::vector<EventRow>> ExportRows(const Actor& actor, const EventFilter& filter,
                                             EventSort sort, int limit);

    // Imports events from an XLSX or CSV file in the columns of ExportSheet (event_sheet.hpp).
    // kPreview checks every row and writes nothing; kAllOrNothing writes every row in one
    // transaction when no row has a problem, and nothing otherwise; kValidRows writes the rows
    // without problems in one transaction and reports the others. Each row becomes an event
    // (planned, or held or reported when it is over) with its own audit entry. A row repeating a
    // recorded event (same Vietnamese title, owning province and first day) or an earlier row of
    // the file is a problem. File-level errors (not a spreadsheet, too large, missing columns)
    // are errors naming "file".
    using ImportMode = office::ImportMode;
    using ImportReport = office::ImportReport;
    static constexpr int kMaxImportRows = 20000;
    Result<ImportReport> Import(const Actor& actor, std::string_view file, ImportMode mode);

    // The yearly report (Decision 06/2020, Form 03) of current province `unit_id` for `year`
    // (2010 to the year of the period under way): the international conferences and seminars
    // whose first day falls within 15/12/(year-1)..14/12/year and that were permitted, held or
    // reported, with who permitted them, the participants and the state of their result report.
    // Read scope applies (kNotFound outside it).
    Result<EventYearlyReport> Yearly(const Actor& actor, std::int64_t unit_id, int year);

    // The provincial units of both generations (for the forms).
    std::vector<UnitInfo> Units();

    Date Today() const { return clock_.Today(); }
    std::shared_ptr<const WorkingCalendar> Calendar() const { return calendar_(); }

    // The event as the audit trail records it.
    static nlohmann::json Describe(const EventRecord& e);
    // The participants as the audit trail and the API write them.
    static nlohmann::json ParticipantsJson(const Participants& p);

 private:
    // A new record checked and ready to insert.
    struct Prepared {
        EventRecord record;
        Date day = Date::FromDays(0);    // of the first history step
        std::optional<Deadline> report;  // a held event's result report
    };
    Result<Prepared> PrepareCreate(storage::Transaction& tx, const Actor& actor,
                                   const EventFields& fields, std::optional<Date> planned_on);
    Result<Prepared> PrepareImport(storage::Transaction& tx, const Actor& actor,
                                   const ImportRow& row, const WorkingCalendar& calendar);
    std::int64_t InsertPrepared(storage::Transaction& tx, const Actor& actor, Prepared& p);
    // Normalises and checks `fields` against the rules and the reference data (provinces that
    // exist on the first day, countries, the provinces of bridge points and award recipients).
    Result<void> CheckFields(storage::Transaction& tx, EventFields& fields);
    // kPermissionDenied unless the actor may write an event described by `fields`.
    Result<void> CheckWriteScope(storage::Transaction& tx, const Actor& actor,
                                 const EventFields& fields, std::string_view verb_vi,
                                 std::string_view verb_en);
    // Loads the event for a write by `actor`: kNotFound outside the read scope,
    // kPermissionDenied inside it without write rights.
    Result<EventView> LoadForWrite(storage::Transaction& tx, const Actor& actor, std::int64_t id);
    Result<EventView> Reload(storage::Transaction& tx, std::int64_t id);
    Scope ScopeOf(const Actor& actor) const;

    storage::Database& db_;
    EventRepository& repo_;
    audit::AuditService& audit_;
    const Clock& clock_;
    CalendarSource calendar_;
};

}  // namespace ngoaivu::events
