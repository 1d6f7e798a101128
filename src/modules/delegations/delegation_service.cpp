#include "modules/delegations/delegation_service.hpp"

#include <algorithm>
#include <set>

#include "base/field_problems.hpp"
#include "base/input.hpp"
#include "base/record_checks.hpp"
#include "base/text.hpp"
#include "office/sheet_csv.hpp"

namespace ngoaivu::delegations {

namespace {

using storage::TxMode;

Error NotFoundDelegation() {
    return Error::NotFound("Không tìm thấy đoàn này.", "No such delegation.");
}

Error VersionConflict() {
    Error e = Error::Conflict(
        "Đoàn này vừa được người khác sửa: hãy tải lại trang, xem thay đổi của họ rồi sửa lại.",
        "Someone else has just changed this delegation: reload it, look at their change and "
        "edit again.");
    e.field = "version";
    return e;
}

std::string OptIso(const std::optional<Date>& d) {
    return d ? d->ToIso() : std::string();
}

// Only a provincial leader of the delegation's province (or an administrator) approves or
// refuses it (LAW-AND-PRACTICE.md §3.1: the provincial People's Committee decides).
bool IsLeaderOf(const Actor& actor, std::int64_t unit_id) {
    return actor.IsAdmin() ||
           std::any_of(actor.grants.begin(), actor.grants.end(), [&](const RoleGrant& g) {
               return g.role == Role::kProvinceLeader &&
                      (g.all_provinces || g.provinces.contains(unit_id));
           });
}

std::string Names(const std::vector<Overlap>& overlaps, std::size_t max) {
    std::string out;
    std::set<std::string> seen;
    for (const auto& o : overlaps) {
        if (!seen.insert(o.person_name).second)
            continue;
        if (seen.size() > max) {
            out += ", …";
            break;
        }
        if (!out.empty())
            out += ", ";
        out += o.person_name + " (#" + std::to_string(o.other_id) + ")";
    }
    return out;
}

}  // namespace

nlohmann::json DelegationService::Describe(const Delegation& d) {
    const auto& f = d.fields;
    nlohmann::json members = nlohmann::json::array();
    for (const auto& m : f.members)
        members.push_back(m.name);
    return {{"title", f.title},
            {"direction", f.direction},
            {"level", f.level},
            {"admin_unit_ids", f.admin_unit_ids},
            {"partner_ids", f.partner_ids},
            {"countries", f.countries},
            {"starts_on", f.starts_on.ToIso()},
            {"ends_on", f.ends_on.ToIso()},
            {"funding", f.funding},
            {"head", f.head.name},
            {"members", members},
            {"report_due_days", f.report_due_days},
            {"status", StatusCode(d.status)},
            {"decision_ref", d.decision_ref},
            {"departed_on", OptIso(d.departed_on)},
            {"returned_on", OptIso(d.returned_on)},
            {"report_due_on", OptIso(d.report_due_on)},
            {"reported_on", OptIso(d.reported_on)},
            {"version", d.version}};
}

Result<void> DelegationService::CheckFields(storage::Transaction& tx, DelegationFields& f,
                                            agreements::UnitInfo* owner) {
    if (auto v = ValidateFields(f, clock_.Today()); !v)
        return v.error();
    std::vector<FieldError> problems;
    auto add = [&](std::string field, std::string vi, std::string en) {
        problems.push_back({std::move(field), std::move(vi), std::move(en)});
    };
    // The provinces: each existing on the first day (a delegation of March 2025 belongs to one of
    // the 63, one of August 2025 to one of the 34).
    for (std::size_t i = 0; i < f.admin_unit_ids.size(); ++i) {
        auto u = units_.FindUnit(tx, f.admin_unit_ids[i]);
        if (!u) {
            add("admin_unit_ids",
                "Không có tỉnh, thành phố số " + std::to_string(f.admin_unit_ids[i]) + ".",
                "There is no province " + std::to_string(f.admin_unit_ids[i]) + ".");
        } else if (!ExistsOn(*u, f.starts_on)) {
            add("admin_unit_ids",
                u->name_vi + " không tồn tại vào ngày " + f.starts_on.ToDisplay() +
                    ": hãy chọn tỉnh, thành phố theo địa giới của ngày đó.",
                u->name_en + " did not exist on " + f.starts_on.ToDisplay() +
                    ": choose the province by the boundaries of that day.");
        } else if (i == 0 && owner) {
            *owner = *u;
        }
    }
    std::sort(f.partner_ids.begin(), f.partner_ids.end());
    f.partner_ids.erase(std::unique(f.partner_ids.begin(), f.partner_ids.end()),
                        f.partner_ids.end());
    auto found = units_.FindPartners(tx, f.partner_ids);
    for (auto id : f.partner_ids) {
        auto it = std::find_if(found.begin(), found.end(),
                               [&](const auto& pr) { return pr.first == id; });
        if (it == found.end()) {
            add("partner_ids", "Không có đối tác số " + std::to_string(id) + ".",
                "There is no partner " + std::to_string(id) + ".");
        } else if (it->second != 0) {
            add("partner_ids",
                "Đối tác số " + std::to_string(id) + " đã được gộp vào đối tác số " +
                    std::to_string(it->second) + ": hãy chọn đối tác đó.",
                "Partner " + std::to_string(id) + " was merged into partner " +
                    std::to_string(it->second) + ": choose that one.");
        }
    }
    for (const auto& c : repo_.UnknownCountries(tx, f.countries)) {
        add("countries", "Không có quốc gia mã \"" + c + "\".",
            "There is no country with code \"" + c + "\".");
    }
    if (problems.empty())
        return {};
    return InvalidFields(std::move(problems));
}

std::vector<Overlap> DelegationService::OverlapsOf(storage::Transaction& tx, const Delegation& d) {
    if (!IsLive(d.status))
        return {};
    std::vector<std::string> keys{PersonKey(d.fields.head.name)};
    for (const auto& m : d.fields.members)
        keys.push_back(PersonKey(m.name));
    auto others = repo_.OverlapCandidates(tx, keys, d.fields.starts_on, d.fields.ends_on, d.id);
    return FindOverlaps(d, others);
}

DelegationView DelegationService::ViewOf(storage::Transaction& tx, DelegationDetail detail) {
    DelegationView v;
    v.agreements = repo_.Agreements(tx, detail.outcome.agreement_ids);
    // Before and right after approval a clash can still be fixed; later it is history.
    if (detail.delegation.status == Status::kProposed ||
        detail.delegation.status == Status::kApproved)
        v.overlaps = OverlapsOf(tx, detail.delegation);
    v.report_overdue = IsReportOverdue(detail.delegation, clock_.Today());
    v.detail = std::move(detail);
    return v;
}

Result<DelegationDetail> DelegationService::LoadForWrite(storage::Transaction& tx,
                                                         const Actor& actor, std::int64_t id) {
    auto d = repo_.Get(tx, id);
    if (!d || !actor.CanReadProvince(d->delegation.fields.admin_unit_ids.front()))
        return NotFoundDelegation();
    if (!actor.CanWriteProvince(d->delegation.fields.admin_unit_ids.front())) {
        return Error::PermissionDenied(
            "Bạn không có quyền sửa đoàn của " + d->delegation.unit_name_vi + ".",
            "You may not change delegations of " + d->delegation.unit_name_en + ".");
    }
    return std::move(*d);
}

Result<Page<Delegation>> DelegationService::List(const Actor& actor, const DelegationFilter& filter,
                                                 DelegationSort sort, const PageRequest& page) {
    if (auto q = CheckSearchText(filter.q); !q)
        return q.error();
    struct ListCheck {
        const char* field;
        const std::string* value;
        const std::vector<Code>* list;
    };
    for (const ListCheck& c : {ListCheck{"status", &filter.status, &Statuses()},
                               ListCheck{"direction", &filter.direction, &Directions()},
                               ListCheck{"level", &filter.level, &Levels()}}) {
        if (!c.value->empty() && !FindCode(*c.list, *c.value)) {
            return Error::InvalidArgument(
                c.field, "Giá trị \"" + *c.value + "\" của " + c.field + " không có.",
                "There is no " + std::string(c.field) + " \"" + *c.value + "\".");
        }
    }
    if (filter.year && (*filter.year < 1945 || *filter.year > 2100)) {
        return Error::InvalidArgument("year", "Năm phải từ 1945 đến 2100.",
                                      "The year must be 1945 to 2100.");
    }
    if (filter.from && filter.to && *filter.to < *filter.from) {
        return Error::InvalidArgument("to", "Ngày kết thúc của khoảng trước ngày bắt đầu.",
                                      "The end of the range is before its start.");
    }
    auto tx = db_.Begin(TxMode::kRead);
    auto out = repo_.List(*tx, ReadScopeOf(actor), filter, sort, page, clock_.Today());
    tx->Commit();
    return out;
}

Result<DelegationView> DelegationService::Get(const Actor& actor, std::int64_t id) {
    auto tx = db_.Begin(TxMode::kRead);
    auto d = repo_.Get(*tx, id);
    if (!d || !actor.CanReadProvince(d->delegation.fields.admin_unit_ids.front()))
        return NotFoundDelegation();
    auto v = ViewOf(*tx, std::move(*d));
    tx->Commit();
    return v;
}

Result<void> DelegationService::CheckReadable(storage::Transaction& tx, const Actor& actor,
                                              std::int64_t id) {
    auto d = repo_.Get(tx, id);
    if (!d || !actor.CanReadProvince(d->delegation.fields.admin_unit_ids.front()))
        return NotFoundDelegation();
    return {};
}

Result<void> DelegationService::CheckWritable(storage::Transaction& tx, const Actor& actor,
                                              std::int64_t id) {
    auto d = LoadForWrite(tx, actor, id);
    if (!d)
        return d.error();
    return {};
}

Result<DelegationView> DelegationService::Create(const Actor& actor, const DelegationFields& fields,
                                                 std::optional<Date> proposed_on) {
    Date today = clock_.Today();
    if (proposed_on && *proposed_on > today) {
        return Error::InvalidArgument(
            "proposed_on", "Ngày đề xuất " + proposed_on->ToDisplay() + " chưa đến.",
            "The proposal date " + proposed_on->ToDisplay() + " is in the future.");
    }
    auto tx = db_.Begin(TxMode::kWrite);
    Delegation d;
    d.fields = fields;
    agreements::UnitInfo owner;
    if (auto ok = CheckFields(*tx, d.fields, &owner); !ok)
        return ok.error();
    if (!actor.CanWriteProvince(owner.id)) {
        return Error::PermissionDenied("Bạn không có quyền ghi đoàn của " + owner.name_vi + ".",
                                       "You may not record delegations of " + owner.name_en + ".");
    }
    d.current_unit_id = owner.current_id;
    d.status = Status::kProposed;
    std::string now = audit_.Now();
    d.id = repo_.Insert(*tx, d, actor.user_id, now);
    repo_.InsertStep(*tx, d.id,
                     {0, "create", proposed_on.value_or(today), "",
                      std::string(StatusCode(d.status)), "", actor.login, now},
                     actor.user_id);
    audit_.Record(*tx, actor, "delegation.create", "delegation", std::to_string(d.id), nullptr,
                  Describe(d));
    auto stored = repo_.Get(*tx, d.id);
    auto v = ViewOf(*tx, std::move(*stored));
    tx->Commit();
    return v;
}

Result<DelegationView> DelegationService::Update(const Actor& actor, std::int64_t id,
                                                 std::int64_t expected_version,
                                                 const DelegationFields& fields) {
    auto tx = db_.Begin(TxMode::kWrite);
    auto current = LoadForWrite(*tx, actor, id);
    if (!current)
        return current.error();
    const Delegation& before = current->delegation;
    if (expected_version != before.version)
        return VersionConflict();
    if (before.status != Status::kProposed && before.status != Status::kApproved) {
        return Error::FailedPrecondition(
            "Chỉ sửa được đoàn đang đề xuất hoặc đã được phê duyệt; sau đó hãy ghi nhận bằng "
            "các bước (về nước, báo cáo, kết quả).",
            "A delegation can be edited only while proposed or approved; after that, record "
            "the steps (return, report, outcomes).");
    }
    Delegation d = before;
    d.fields = fields;
    agreements::UnitInfo owner;
    if (auto ok = CheckFields(*tx, d.fields, &owner); !ok)
        return ok.error();
    if (!actor.CanWriteProvince(owner.id)) {
        return Error::PermissionDenied("Bạn không có quyền ghi đoàn của " + owner.name_vi + ".",
                                       "You may not record delegations of " + owner.name_en + ".");
    }
    d.current_unit_id = owner.current_id;
    std::string now = audit_.Now();
    if (!repo_.Update(*tx, d, expected_version, now))
        return VersionConflict();
    repo_.InsertStep(*tx, id,
                     {0, "edit", clock_.Today(), std::string(StatusCode(d.status)),
                      std::string(StatusCode(d.status)), "", actor.login, now},
                     actor.user_id);
    audit_.Record(*tx, actor, "delegation.update", "delegation", std::to_string(id),
                  Describe(before), Describe(d));
    auto stored = repo_.Get(*tx, id);
    auto v = ViewOf(*tx, std::move(*stored));
    tx->Commit();
    return v;
}

Result<DelegationView> DelegationService::Step(const Actor& actor, std::int64_t id,
                                               const StepRequest& req,
                                               std::optional<std::int64_t> expected_version,
                                               bool confirm_overlaps) {
    auto calendar = calendar_();
    auto tx = db_.Begin(TxMode::kWrite);
    auto current = LoadForWrite(*tx, actor, id);
    if (!current)
        return current.error();
    const Delegation& before = current->delegation;
    if (expected_version && *expected_version != before.version)
        return VersionConflict();
    if ((req.action == "approve" || req.action == "reject") &&
        !IsLeaderOf(actor, before.fields.admin_unit_ids.front())) {
        return Error::PermissionDenied(
            "Chỉ lãnh đạo tỉnh mới phê duyệt hoặc không phê duyệt đoàn.",
            "Only a provincial leader approves or refuses a delegation.");
    }
    // Edits are in the history but are not workflow steps: a step recorded after the fact (a
    // return entered a week later) follows the previous step, not the last edit.
    DelegationDetail workflow = *current;
    std::erase_if(workflow.events, [](const Event& e) { return e.action == "edit"; });
    auto plan = PlanStep(workflow, req, *calendar, clock_.Today());
    if (!plan)
        return plan.error();
    if (req.action == "approve" && !confirm_overlaps) {
        auto overlaps = OverlapsOf(*tx, before);
        if (!overlaps.empty()) {
            Error e = Error::FailedPrecondition(
                "Có người cùng lúc ở trong một đoàn khác trùng ngày: " + Names(overlaps, 5) +
                    ". Hãy xem lại, rồi xác nhận nếu vẫn phê duyệt.",
                "Someone is also in another delegation on the same days: " + Names(overlaps, 5) +
                    ". Check, then confirm to approve anyway.");
            e.field = "overlaps";
            return e;
        }
    }
    Delegation d = before;
    d.status = plan->to;
    if (plan->clear_decision) {
        d.decision_ref.clear();
        d.decided_on.reset();
        d.decided_by_login.clear();
    }
    if (plan->decision_ref) {
        d.decision_ref = *plan->decision_ref;
        d.decided_by_login = actor.login;
    }
    if (plan->decided_on)
        d.decided_on = plan->decided_on;
    if (plan->departed_on)
        d.departed_on = plan->departed_on;
    if (plan->returned_on)
        d.returned_on = plan->returned_on;
    if (plan->report_due_on)
        d.report_due_on = plan->report_due_on;
    if (plan->reported_on)
        d.reported_on = plan->reported_on;
    if (plan->report_summary)
        d.report_summary = *plan->report_summary;
    nlohmann::json after = Describe(d);
    if (plan->outcome) {
        // The agreements must exist and be the actor's to see.
        auto refs = repo_.Agreements(*tx, plan->outcome->agreement_ids);
        for (auto aid : plan->outcome->agreement_ids) {
            auto it = std::find_if(refs.begin(), refs.end(),
                                   [&](const AgreementRef& r) { return r.id == aid; });
            if (it == refs.end() || !actor.CanReadProvince(it->admin_unit_id)) {
                return Error::InvalidArgument(
                    "outcome.agreement_ids",
                    "Không có thỏa thuận số " + std::to_string(aid) + " (hoặc bạn không được xem).",
                    "There is no agreement " + std::to_string(aid) + " (or you may not see it).");
            }
        }
        repo_.WriteOutcome(*tx, id, *plan->outcome);
        after["outcome"] = {{"agreement_ids", plan->outcome->agreement_ids},
                            {"commitments", plan->outcome->commitments},
                            {"follow_ups", plan->outcome->follow_ups.size()}};
    }
    std::string now = audit_.Now();
    if (!repo_.Update(*tx, d, before.version, now))
        return VersionConflict();
    std::string note = CleanInput(req.note);
    repo_.InsertStep(*tx, id,
                     {0, req.action, plan->date, std::string(StatusCode(plan->from)),
                      std::string(StatusCode(plan->to)), note, actor.login, now},
                     actor.user_id);
    after["step"] = req.action;
    after["date"] = plan->date.ToIso();
    audit_.Record(*tx, actor, "delegation.step", "delegation", std::to_string(id), Describe(before),
                  after);
    auto stored = repo_.Get(*tx, id);
    auto v = ViewOf(*tx, std::move(*stored));
    tx->Commit();
    return v;
}

Result<std::vector<CountRow>> DelegationService::Counts(const Actor& actor,
                                                        const CountsRequest& req) {
    if (req.from_year < 1945 || req.to_year > 2100 || req.from_year > req.to_year) {
        return Error::InvalidArgument("from_year",
                                      "Khoảng năm phải nằm trong 1945–2100, năm đầu không sau "
                                      "năm cuối.",
                                      "The years must lie within 1945–2100, the first not after "
                                      "the last.");
    }
    auto tx = db_.Begin(TxMode::kRead);
    auto rows = repo_.Counts(*tx, ReadScopeOf(actor), req);
    tx->Commit();
    return rows;
}

// --- For the pages, the spreadsheets and the demo data ---------------------------------------

SheetChoices DelegationService::FormChoices() {
    auto tx = db_.Begin(TxMode::kRead);
    SheetChoices c{units_.AllUnits(*tx), units_.PartnerChoices(*tx)};
    tx->Commit();
    return c;
}

std::vector<std::string> DelegationService::AvailableSteps(const Actor& actor,
                                                           const Delegation& d) const {
    std::vector<std::string> out;
    const std::int64_t owner =
        d.fields.admin_unit_ids.empty() ? 0 : d.fields.admin_unit_ids.front();
    if (!actor.CanWriteProvince(owner))
        return out;
    const bool leader = IsLeaderOf(actor, owner);
    for (const auto& c : Actions()) {
        const std::string_view a = c.code;
        bool ok = false;
        switch (d.status) {
            case Status::kProposed:
                ok = ((a == "approve" || a == "reject") && leader) || a == "cancel";
                break;
            case Status::kApproved:
                ok = a == "depart" || a == "return" || a == "cancel";
                break;
            case Status::kRejected:
            case Status::kCancelled:
                ok = a == "reopen";
                break;
            case Status::kInProgress:
                ok = a == "return";
                break;
            case Status::kReturned:
                ok = a == "submit_report";
                break;
            case Status::kReported:
            case Status::kClosed:
                ok = a == "record_outcomes";
                break;
        }
        if (ok)
            out.emplace_back(a);
    }
    return out;
}

bool DelegationService::CanEdit(const Actor& actor, const Delegation& d) const {
    return !d.fields.admin_unit_ids.empty() &&
           actor.CanWriteProvince(d.fields.admin_unit_ids.front()) &&
           (d.status == Status::kProposed || d.status == Status::kApproved);
}

Result<std::vector<AgreementRef>> DelegationService::SignedAgreements(const Actor& actor,
                                                                      std::int64_t unit_id,
                                                                      int limit) {
    limit = std::clamp(limit, 1, PageRequest::kMaxPerPage * 5);
    std::vector<AgreementRef> out;
    auto tx = db_.Begin(TxMode::kRead);
    const Date today = clock_.Today();
    // One query per signed state: a list sorted by the signing date puts the unsigned first.
    for (const char* status : {"signed", "in_force", "suspended", "terminated", "expired"}) {
        agreements::AgreementFilter f;
        f.unit_id = unit_id;
        f.status = status;
        auto page = units_.List(*tx, ReadScopeOf(actor), f, agreements::AgreementSort::kSignedDesc,
                                {1, std::min(limit, PageRequest::kMaxPerPage)}, today);
        for (const auto& a : page.items) {
            out.push_back({a.id, a.fields.title_vi, a.fields.admin_unit_id,
                           std::string(agreements::StatusCode(a.status)), a.signed_on});
        }
    }
    tx->Commit();
    std::stable_sort(out.begin(), out.end(), [](const AgreementRef& a, const AgreementRef& b) {
        if (a.signed_on != b.signed_on)
            return a.signed_on > b.signed_on;
        return a.id > b.id;
    });
    if (out.size() > static_cast<std::size_t>(limit))
        out.resize(static_cast<std::size_t>(limit));
    return out;
}

std::set<std::int64_t> DelegationService::WithOverlaps(const std::vector<Delegation>& items) {
    std::set<std::int64_t> out;
    auto tx = db_.Begin(TxMode::kRead);
    for (const auto& d : items) {
        if ((d.status == Status::kProposed || d.status == Status::kApproved) &&
            !OverlapsOf(*tx, d).empty())
            out.insert(d.id);
    }
    tx->Commit();
    return out;
}

Result<std::vector<Delegation>> DelegationService::ExportRows(
    const Actor& actor, const DelegationFilter& filter, DelegationSort sort, int limit,
    std::map<std::int64_t, std::string>* reasons) {
    auto first = List(actor, filter, sort, {1, 1});
    if (!first)
        return first.error();
    if (first->total > limit) {
        return TooManyToExport(first->total, limit, "đoàn", "delegations");
    }
    // Pages of a few hundred rows, in one read transaction (one snapshot): the people and the
    // other links are loaded per page, with a bounded number of parameters.
    constexpr int kChunk = 500;
    std::vector<Delegation> out;
    auto tx = db_.Begin(TxMode::kRead);
    const ProvinceScope scope = ReadScopeOf(actor);
    for (int page = 1; static_cast<int>(out.size()) < limit; ++page) {
        auto chunk = repo_.List(*tx, scope, filter, sort, {page, kChunk}, clock_.Today());
        const bool last = static_cast<int>(chunk.items.size()) < kChunk;
        for (auto& d : chunk.items)
            out.push_back(std::move(d));
        if (last)
            break;
    }
    // The reason of each refusal or cancellation: the note of its latest such step.
    if (reasons) {
        for (const auto& d : out) {
            if (d.status != Status::kRejected && d.status != Status::kCancelled)
                continue;
            if (auto detail = repo_.Get(*tx, d.id)) {
                for (const auto& e : detail->events) {
                    if (e.action == "reject" || e.action == "cancel")
                        (*reasons)[d.id] = e.note;
                }
            }
        }
    }
    tx->Commit();
    if (static_cast<int>(out.size()) > limit)
        out.resize(static_cast<std::size_t>(limit));
    return out;
}

Result<DelegationService::PreparedImport> DelegationService::PrepareImport(
    storage::Transaction& tx, const Actor& actor, const ImportRow& row,
    const WorkingCalendar& calendar) {
    const Date today = clock_.Today();
    PreparedImport p;
    Delegation& d = p.detail.delegation;
    d.fields = row.fields;
    agreements::UnitInfo owner;
    if (auto ok = CheckFields(tx, d.fields, &owner); !ok)
        return ok.error();
    if (!actor.CanWriteProvince(owner.id)) {
        return Error::InvalidArgument("admin_unit_ids",
                                      "Bạn không có quyền ghi đoàn của " + owner.name_vi + ".",
                                      "You may not record delegations of " + owner.name_en + ".");
    }
    d.current_unit_id = owner.current_id;
    d.unit_name_vi = owner.name_vi;
    d.unit_name_en = owner.name_en;
    d.status = Status::kProposed;

    // The proposal is dated by the earliest fact of the row (today at the latest); the steps
    // follow it in order, each checked by the workflow as if it were recorded by hand.
    Date proposed = std::min(today, d.fields.starts_on);
    for (const auto& day : {row.decided_on, row.departed_on, row.returned_on, row.reported_on}) {
        if (day && *day < proposed)
            proposed = *day;
    }
    const std::string now = audit_.Now();
    p.detail.events.push_back({0, "create", proposed, "",
                               std::string(StatusCode(Status::kProposed)), "", actor.login, now});
    struct Planned {
        StepRequest req;
        std::string date_key;  // the sheet column the step's date comes from
    };
    std::vector<Planned> steps;
    const Status target = row.status;
    const std::string reason = CleanInput(row.reason).empty() ? d.fields.note : row.reason;
    auto decide = [&](std::string action) {
        StepRequest s;
        s.action = std::move(action);
        s.date = row.decided_on.value_or(proposed);
        s.decision_ref = row.decision_ref;
        s.note = reason;
        steps.push_back({s, "decided_on"});
    };
    if (target == Status::kRejected) {
        decide("reject");
    } else if (target == Status::kCancelled) {
        StepRequest s;
        s.action = "cancel";
        s.date = proposed;
        s.note = reason;
        steps.push_back({s, "starts_on"});
    } else if (target != Status::kProposed) {
        decide("approve");
    }
    const bool carried_out = target == Status::kInProgress || target == Status::kReturned ||
                             target == Status::kReported || target == Status::kClosed;
    if (carried_out) {
        StepRequest s;
        s.action = "depart";
        s.date = row.departed_on.value_or(d.fields.starts_on);
        steps.push_back({s, row.departed_on ? "departed_on" : "starts_on"});
    }
    if (carried_out && target != Status::kInProgress) {
        StepRequest s;
        s.action = "return";
        s.date = row.returned_on.value_or(d.fields.ends_on);
        steps.push_back({s, row.returned_on ? "returned_on" : "ends_on"});
    }
    if (target == Status::kReported || target == Status::kClosed) {
        StepRequest s;
        s.action = "submit_report";
        s.date = row.reported_on;
        s.report_summary = row.report_summary;
        steps.push_back({s, "reported_on"});
    }
    if (target == Status::kClosed) {
        StepRequest s;
        s.action = "record_outcomes";
        s.date = row.reported_on;
        s.outcome = Outcome{};
        steps.push_back({s, "reported_on"});
    }
    for (const auto& step : steps) {
        auto plan = PlanStep(p.detail, step.req, calendar, today);
        if (!plan) {
            // The columns the step's facts come from.
            Error e = plan.error();
            auto column = [&](std::string& field) {
                if (field == "date")
                    field = step.date_key;
                else if (field == "note")
                    field = "reason";
            };
            column(e.field);
            for (auto& f : e.fields)
                column(f.field);
            return e;
        }
        d.status = plan->to;
        if (plan->decision_ref) {
            d.decision_ref = *plan->decision_ref;
            d.decided_by_login = actor.login;
        }
        if (plan->decided_on)
            d.decided_on = plan->decided_on;
        if (plan->departed_on)
            d.departed_on = plan->departed_on;
        if (plan->returned_on)
            d.returned_on = plan->returned_on;
        if (plan->report_due_on)
            d.report_due_on = plan->report_due_on;
        if (plan->reported_on)
            d.reported_on = plan->reported_on;
        if (plan->report_summary)
            d.report_summary = *plan->report_summary;
        if (plan->outcome)
            p.detail.outcome = *plan->outcome;
        const bool with_reason = step.req.action == "reject" || step.req.action == "cancel";
        p.detail.events.push_back(
            {0, step.req.action, plan->date, std::string(StatusCode(plan->from)),
             std::string(StatusCode(plan->to)),
             with_reason ? CleanInput(step.req.note) : std::string(), actor.login, now});
    }
    return p;
}

Result<DelegationService::ImportReport> DelegationService::Import(const Actor& actor,
                                                                  std::string_view file,
                                                                  ImportMode mode) {
    auto sheet = office::ReadImportSheet(file, kMaxImportRows);
    if (!sheet)
        return sheet.error();
    auto calendar = calendar_();  // once: every row uses the same
    auto tx = db_.Begin(mode == ImportMode::kPreview ? TxMode::kRead : TxMode::kWrite);
    const SheetChoices choices{units_.AllUnits(*tx), units_.PartnerChoices(*tx)};
    std::vector<ImportProblem> sheet_problems;
    auto rows = ReadImportRows(*sheet, choices, &sheet_problems);
    const Date today = clock_.Today();
    const office::ImportRecordName name{"Đoàn này", "This delegation"};
    std::optional<std::string> now;  // one time for every row written
    // A delegation with the same title, owning province and first day as `f`, already recorded.
    auto duplicate = [&](const DelegationFields& f) -> std::optional<std::int64_t> {
        if (f.admin_unit_ids.empty())
            return std::nullopt;
        const std::int64_t owner = f.admin_unit_ids.front();
        const std::string title = CleanInput(f.title);
        DelegationFilter same;
        same.unit_id = owner;
        same.from = f.starts_on;
        same.to = f.starts_on;
        auto candidates = repo_.List(*tx, ProvinceScope{true, {}}, same, DelegationSort::kStartAsc,
                                     {1, PageRequest::kMaxPerPage}, today);
        for (const auto& other : candidates.items) {
            if (other.fields.starts_on == f.starts_on &&
                other.fields.admin_unit_ids.front() == owner &&
                CleanInput(other.fields.title) == title)
                return other.id;
        }
        return std::nullopt;
    };
    auto report = office::ImportRows<PreparedImport>(
        rows, sheet_problems, mode, name, ColumnOfField, "title",
        [&](const ImportRow& row) -> Result<PreparedImport> {
            // Already recorded (an exported file imported back): that is its only problem.
            if (auto dup = duplicate(row.fields)) {
                office::ImportProblem p =
                    office::AlreadyRecorded(row.row, name, *dup, ColumnOfField, "title");
                return Error::InvalidArgument("title", p.message_vi, p.message_en);
            }
            return PrepareImport(*tx, actor, row, *calendar);
        },
        [&](const PreparedImport& p) {
            const DelegationFields& f = p.detail.delegation.fields;
            return office::ImportIdentity{duplicate(f),  // by the province as checked
                                          std::to_string(f.admin_unit_ids.front()) + "|" +
                                              f.starts_on.ToIso() + "|" + CleanInput(f.title)};
        },
        [&](PreparedImport& p) {
            Delegation& d = p.detail.delegation;
            if (!now)
                now = audit_.Now();
            d.id = repo_.Insert(*tx, d, actor.user_id, *now);
            for (const auto& e : p.detail.events)
                repo_.InsertStep(*tx, d.id, e, actor.user_id);
            if (d.status == Status::kClosed)
                repo_.WriteOutcome(*tx, d.id, p.detail.outcome);
            nlohmann::json described = Describe(d);
            described["source"] = "import";
            audit_.Record(*tx, actor, "delegation.import", "delegation", std::to_string(d.id),
                          nullptr, described);
            return d.id;
        });
    if (report && report->written > 0) {
        audit_.Record(*tx, actor, "delegation.import", "delegation", "", nullptr,
                      office::ImportSummary(*report));
        tx->Commit();
    }
    return report;
}

}  // namespace ngoaivu::delegations
