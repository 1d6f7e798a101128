#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/code.hpp"
#include "base/date.hpp"
#include "base/workflow_step.hpp"

namespace ngoaivu::agreements {

using ngoaivu::Code;
using ngoaivu::FindCode;

// The closed lists. Codes are stored in the database and used in the API and exports.
const std::vector<Code>& Forms();          // agreement, mou, minutes, programme ...
const std::vector<Code>& PartyKinds();     // hdnd, ubnd, department, border_commune ...
const std::vector<Code>& Statuses();       // draft → ... → expired
const std::vector<Code>& Fields();         // fields of cooperation (economy, education ...)
const std::vector<Code>& DeadlineKinds();  // opinion, pm_reply, report_mofa, notify_mofa
const std::vector<Code>& Outcomes();       // opinion outcomes and the Prime Minister's reply
const std::vector<Code>& CommitmentStatuses();
const std::vector<Code>& FigureUnits();   // usd, vnd, people_trained, projects ...
const std::vector<Code>& Publications();  // public, restricted, confidential
const std::vector<Code>& Actions();       // the workflow steps (request_opinions, sign ...)

// The workflow state of an agreement.
enum class Status {
    kDraft,
    kConsulting,  // opinions requested
    kReferredPm,  // a consulted body disagreed: referred to the Prime Minister
    kApproved,    // decision to sign taken
    kSigned,
    kInForce,
    kSuspended,
    kTerminated,
    kExpired,
    kAbandoned,  // dropped before signing, or refused by the Prime Minister
};
std::string_view StatusCode(Status s);
std::optional<Status> ParseStatus(std::string_view code);

// The codes of the statuses of an agreement that was signed (signed, in force, suspended,
// terminated, expired): what "agreements signed" counts, in the indicators and the reports alike.
const std::vector<std::string_view>& SignedStatusCodes();

enum class DeadlineKind { kOpinion, kPmReply, kReportMofa, kNotifyMofa };
std::string_view DeadlineKindCode(DeadlineKind k);
std::optional<DeadlineKind> ParseDeadlineKind(std::string_view code);

struct PartnerRef {
    std::int64_t id = 0;
    std::string name_vi;
    std::string name_en;
    std::string country_alpha2;
    std::string kind;
};

// A legal deadline of one agreement: open until closed_on is set.
struct Deadline {
    std::int64_t id = 0;
    std::int64_t agreement_id = 0;
    DeadlineKind kind = DeadlineKind::kOpinion;
    std::string body;  // the consulted body, for opinions
    Date opened_on = Date::FromDays(0);
    Date due_on = Date::FromDays(0);
    std::optional<Date> closed_on;
    std::string outcome;
    std::string note;
    bool open() const { return !closed_on.has_value(); }
    bool overdue(Date today) const { return open() && due_on < today; }
};

// One step of the workflow history.
using Event = WorkflowStep;

struct Commitment {
    std::int64_t id = 0;
    std::int64_t agreement_id = 0;
    std::string description;
    std::string responsible_unit;
    std::optional<Date> due_on;
    std::string status = "open";
    std::optional<Date> done_on;
    std::int64_t version = 1;
    bool overdue(Date today) const {
        return (status == "open" || status == "in_progress") && due_on && *due_on < today;
    }
};

struct Figure {
    std::string unit;
    std::int64_t amount_centi = 0;  // the amount × 100
};

struct ResultEntry {
    std::int64_t id = 0;
    std::int64_t agreement_id = 0;
    std::string description;
    Date achieved_on = Date::FromDays(0);
    std::vector<Figure> figures;
};

// The editable description of an agreement (what a form or an import row holds), without its
// workflow state.
struct AgreementFields {
    std::string title_vi;
    std::string title_foreign;
    std::string form = "mou";
    std::string party_kind = "ubnd";
    std::string party_name;
    std::int64_t admin_unit_id = 0;
    std::string procedure = "normal";
    std::string shortened_reason;
    std::vector<std::string> languages;  // ISO 639-1
    std::vector<std::int64_t> partner_ids;
    std::vector<std::string> fields;
    std::string content;
    std::optional<int> term_months;
    std::string renewal;
    std::string publication = "public";
    std::string portal_url;
    std::string archive_location;
    std::string inherited_from;
    std::optional<Date> rename_amended_on;
};

// An agreement as stored, with its workflow state.
struct Agreement {
    std::int64_t id = 0;
    AgreementFields fields;
    std::int64_t current_unit_id = 0;
    std::string unit_name_vi;  // the province as of signing (or drafting)
    std::string unit_name_en;
    std::string current_unit_name_vi;  // the same province by today's boundaries
    std::string current_unit_name_en;
    Status status = Status::kDraft;
    std::optional<Date> signed_on;
    std::string signed_place;
    std::string signatory_vn;
    std::string signatory_foreign;
    std::string decision_ref;
    std::optional<Date> effective_on;
    std::optional<Date> expires_on;
    std::optional<Date> next_due_on;
    bool has_result = false;
    std::string created_at;
    std::string updated_at;
    std::int64_t version = 1;
    std::vector<PartnerRef> partners;
};

// An agreement with everything its page shows.
struct AgreementDetail {
    Agreement agreement;
    std::vector<Deadline> deadlines;
    std::vector<Event> events;
    std::vector<Commitment> commitments;
    std::vector<ResultEntry> results;
};

// How far an agreement's implementation has gone (for the yearly report).
struct Implementation {
    int commitments = 0;
    int commitments_done = 0;
    int commitments_overdue = 0;
    int results = 0;
    std::string latest_result;  // the description of the latest result
};

// A row of the "due and overdue" page: an open deadline or an open commitment with a due date.
struct DueItem {
    std::string what;  // "deadline" or "commitment"
    std::int64_t agreement_id = 0;
    std::string agreement_title;
    std::int64_t admin_unit_id = 0;
    std::int64_t current_unit_id = 0;
    std::string unit_name_vi;
    std::string unit_name_en;
    std::string kind;  // deadline kind, or "commitment"
    std::string body;  // consulted body, or the commitment's description
    Date due_on = Date::FromDays(0);
};

}  // namespace ngoaivu::agreements
