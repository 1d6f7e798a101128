#include "modules/agreements/agreement_service.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "base/field_problems.hpp"
#include "base/input.hpp"
#include "base/record_checks.hpp"
#include "base/text.hpp"
#include "office/sheet_csv.hpp"

namespace ngoaivu::agreements {

namespace {

using storage::TxMode;

bool IsHttpUrl(std::string_view s) {
    if (!(s.starts_with("http://") || s.starts_with("https://")))
        return false;
    return s.find_first_of(" \t\r\n<>\"") == std::string_view::npos && s.size() > 8;
}

Error NotFoundAgreement() {
    return Error::NotFound("Không tìm thấy thỏa thuận quốc tế này.",
                           "No such international agreement.");
}

Error VersionConflict() {
    Error e = Error::Conflict(
        "Thỏa thuận đã được người khác sửa trong lúc bạn đang sửa: thay đổi của bạn chưa được "
        "lưu. Hãy xem bản mới nhất rồi sửa lại.",
        "Someone else changed this agreement while you were editing it: your change was not "
        "saved. Look at the latest version and edit again.");
    e.field = "version";
    return e;
}

nlohmann::json OptIso(const std::optional<Date>& d) {
    return d ? nlohmann::json(d->ToIso()) : nlohmann::json();
}

}  // namespace

nlohmann::json AgreementService::Describe(const Agreement& a) {
    const auto& f = a.fields;
    return {{"title_vi", f.title_vi},
            {"title_foreign", f.title_foreign},
            {"form", f.form},
            {"party_kind", f.party_kind},
            {"party_name", f.party_name},
            {"admin_unit_id", f.admin_unit_id},
            {"procedure", f.procedure},
            {"shortened_reason", f.shortened_reason},
            {"languages", f.languages},
            {"partner_ids", f.partner_ids},
            {"fields", f.fields},
            {"term_months", f.term_months ? nlohmann::json(*f.term_months) : nlohmann::json()},
            {"publication", f.publication},
            {"archive_location", f.archive_location},
            {"inherited_from", f.inherited_from},
            {"status", StatusCode(a.status)},
            {"signed_on", OptIso(a.signed_on)},
            {"effective_on", OptIso(a.effective_on)},
            {"expires_on", OptIso(a.expires_on)},
            {"version", a.version}};
}

Scope AgreementService::ScopeOf(const Actor& actor) const {
    return ReadScopeOf(actor);
}

Result<void> AgreementService::CheckFields(storage::Transaction& tx, AgreementFields& f,
                                           std::optional<Date> as_of, UnitInfo* unit) {
    FieldProblems p;
    f.title_vi = p.Text("title_vi", f.title_vi, 1000, true, "Tên thỏa thuận (tiếng Việt)",
                        "The Vietnamese title");
    f.title_foreign = p.Text("title_foreign", f.title_foreign, 1000, false,
                             "Tên thỏa thuận (tiếng nước ngoài)", "The foreign-language title");
    p.InList("form", f.form, Forms(), "Hình thức", "The form");
    p.InList("party_kind", f.party_kind, PartyKinds(), "Loại bên ký Việt Nam",
             "The kind of Vietnamese party");
    f.party_name = p.Text("party_name", f.party_name, 300, true, "Tên bên ký Việt Nam",
                          "The Vietnamese party's name");
    if (f.procedure != "normal" && f.procedure != "shortened") {
        p.Add("procedure", "Thủ tục phải là: thông thường hoặc rút gọn.",
              "The procedure must be normal or shortened.");
    }
    f.shortened_reason =
        p.Text("shortened_reason", f.shortened_reason, 1000, f.procedure == "shortened",
               "Lý do áp dụng thủ tục rút gọn", "The reason for the shortened procedure");
    for (const auto& lang : f.languages) {
        bool ok = lang.size() == 2 && std::all_of(lang.begin(), lang.end(),
                                                  [](char c) { return c >= 'a' && c <= 'z'; });
        if (!ok) {
            p.Add("languages", "Ngôn ngữ \"" + lang + "\" phải là mã ISO 639-1 (vd. vi, en, ko).",
                  "The language \"" + lang + "\" must be an ISO 639-1 code (e.g. vi, en, ko).");
            break;
        }
    }
    if (f.fields.empty()) {
        p.Add("fields", "Cần chọn ít nhất một lĩnh vực hợp tác.",
              "Choose at least one field of cooperation.");
    }
    for (const auto& field : f.fields)
        p.InList("fields", field, Fields(), "Lĩnh vực", "The field");
    std::sort(f.fields.begin(), f.fields.end());
    f.fields.erase(std::unique(f.fields.begin(), f.fields.end()), f.fields.end());
    if (f.term_months && (*f.term_months < 1 || *f.term_months > 1200)) {
        p.Add("term_months", "Thời hạn phải từ 1 đến 1200 tháng.",
              "The term must be 1 to 1200 months.");
    }
    f.renewal = p.Text("renewal", f.renewal, 1000, false, "Điều khoản gia hạn", "The renewal");
    p.InList("publication", f.publication, Publications(), "Chế độ công bố", "The publication");
    f.portal_url =
        p.Text("portal_url", f.portal_url, 1000, false, "Địa chỉ công bố", "The portal address");
    if (!f.portal_url.empty() && !IsHttpUrl(f.portal_url)) {
        p.Add("portal_url", "Địa chỉ công bố phải bắt đầu bằng http:// hoặc https://.",
              "The portal address must start with http:// or https://.");
    }
    f.archive_location = p.Text("archive_location", f.archive_location, 500, false,
                                "Nơi lưu bản gốc", "Where the original is archived");
    f.inherited_from =
        p.Text("inherited_from", f.inherited_from, 500, false, "Kế thừa từ", "Inherited from");
    f.content = p.Text("content", f.content, 20000, false, "Nội dung", "The content");

    // The partners: at least one, each existing and not merged into another.
    std::sort(f.partner_ids.begin(), f.partner_ids.end());
    f.partner_ids.erase(std::unique(f.partner_ids.begin(), f.partner_ids.end()),
                        f.partner_ids.end());
    if (f.partner_ids.empty()) {
        p.Add("partner_ids", "Cần ít nhất một đối tác nước ngoài.",
              "At least one foreign partner is required.");
    } else if (f.partner_ids.size() > 50) {
        p.Add("partner_ids", "Tối đa 50 đối tác.", "At most 50 partners.");
    } else {
        auto found = repo_.FindPartners(tx, f.partner_ids);
        for (auto id : f.partner_ids) {
            auto it = std::find_if(found.begin(), found.end(),
                                   [&](const auto& pr) { return pr.first == id; });
            if (it == found.end()) {
                p.Add("partner_ids", "Không có đối tác số " + std::to_string(id) + ".",
                      "There is no partner " + std::to_string(id) + ".");
            } else if (it->second != 0) {
                p.Add("partner_ids",
                      "Đối tác số " + std::to_string(id) + " đã được gộp vào đối tác số " +
                          std::to_string(it->second) + ": hãy chọn đối tác đó.",
                      "Partner " + std::to_string(id) + " was merged into partner " +
                          std::to_string(it->second) + ": choose that one.");
            }
        }
    }

    auto u = repo_.FindUnit(tx, f.admin_unit_id);
    if (!u) {
        p.Add("admin_unit_id",
              "Không có tỉnh, thành phố số " + std::to_string(f.admin_unit_id) + ".",
              "There is no province " + std::to_string(f.admin_unit_id) + ".");
    } else if (as_of && !ExistsOn(*u, *as_of)) {
        p.Add("admin_unit_id",
              u->name_vi + " không tồn tại vào ngày " + as_of->ToDisplay() +
                  ": hãy chọn tỉnh, thành phố theo địa giới của ngày đó.",
              u->name_en + " did not exist on " + as_of->ToDisplay() +
                  ": choose the province by the boundaries of that day.");
    } else if (unit) {
        *unit = *u;
    }
    if (f.rename_amended_on && as_of && *f.rename_amended_on > clock_.Today()) {
        p.Add("rename_amended_on", "Ngày sửa đổi tên chưa đến.",
              "The renaming amendment's date is in the future.");
    }
    if (!p.empty())
        return p.ToError();
    return {};
}

Result<AgreementDetail> AgreementService::Reload(storage::Transaction& tx, std::int64_t id) {
    auto d = repo_.Get(tx, id);
    if (!d)
        return NotFoundAgreement();
    return std::move(*d);
}

Result<AgreementDetail> AgreementService::LoadForWrite(storage::Transaction& tx, const Actor& actor,
                                                       std::int64_t id) {
    auto d = repo_.Get(tx, id);
    if (!d || !actor.CanReadProvince(d->agreement.fields.admin_unit_id))
        return NotFoundAgreement();
    if (!actor.CanWriteProvince(d->agreement.fields.admin_unit_id)) {
        return Error::PermissionDenied(
            "Bạn không có quyền sửa thỏa thuận của " + d->agreement.unit_name_vi + ".",
            "You may not change agreements of " + d->agreement.unit_name_en + ".");
    }
    return std::move(*d);
}

Result<Page<Agreement>> AgreementService::List(const Actor& actor, const AgreementFilter& filter,
                                               AgreementSort sort, const PageRequest& page) {
    if (auto q = CheckSearchText(filter.q); !q)
        return q.error();
    if (!filter.status.empty() && !FindCode(Statuses(), filter.status)) {
        return Error::InvalidArgument("status", "Trạng thái \"" + filter.status + "\" không có.",
                                      "There is no status \"" + filter.status + "\".");
    }
    if (!filter.field.empty() && !FindCode(Fields(), filter.field)) {
        return Error::InvalidArgument("field", "Lĩnh vực \"" + filter.field + "\" không có.",
                                      "There is no field \"" + filter.field + "\".");
    }
    if (filter.year && (*filter.year < 1945 || *filter.year > 2100)) {
        return Error::InvalidArgument("year", "Năm ký phải từ 1945 đến 2100.",
                                      "The year of signing must be 1945 to 2100.");
    }
    auto tx = db_.Begin(TxMode::kRead);
    Scope scope = ScopeOf(actor);
    // A province filter inside the actor's provinces already keeps the list in scope: the scope's
    // condition is left out, so that the province's index answers alone.
    if (!scope.all && filter.unit_id) {
        std::set<std::int64_t> allowed(scope.unit_ids.begin(), scope.unit_ids.end());
        bool implied = allowed.contains(*filter.unit_id);
        if (implied && *filter.unit_id >= 2000) {
            // Today's province: its agreements may carry any of its 2025 predecessors.
            for (const auto& u : repo_.AllUnits(*tx)) {
                if (u.current_id == *filter.unit_id && !allowed.contains(u.id))
                    implied = false;
            }
        }
        if (implied)
            scope.all = true;
    }
    auto out = repo_.List(*tx, scope, filter, sort, page, clock_.Today());
    tx->Commit();
    return out;
}

Result<AgreementDetail> AgreementService::Get(const Actor& actor, std::int64_t id) {
    auto tx = db_.Begin(TxMode::kRead);
    auto d = repo_.Get(*tx, id);
    tx->Commit();
    if (!d || !actor.CanReadProvince(d->agreement.fields.admin_unit_id))
        return NotFoundAgreement();
    return std::move(*d);
}

Result<AgreementService::Prepared> AgreementService::PrepareDraft(storage::Transaction& tx,
                                                                  const Actor& actor,
                                                                  const AgreementFields& fields,
                                                                  std::optional<Date> drafted_on) {
    const Date day = drafted_on.value_or(clock_.Today());
    if (day > clock_.Today() || day < *Date::FromYmd(2008, 8, 1)) {
        return Error::InvalidArgument(
            "drafted_on", "Ngày bắt đầu dự thảo phải từ 01/08/2008 đến hôm nay.",
            "The day the draft began must be between 01/08/2008 and today.");
    }
    Prepared p;
    p.agreement.fields = fields;
    UnitInfo unit;
    if (auto ok = CheckFields(tx, p.agreement.fields, day, &unit); !ok)
        return ok.error();
    if (!actor.CanWriteProvince(unit.id)) {
        return Error::PermissionDenied(
            "Bạn không có quyền tạo thỏa thuận cho " + unit.name_vi + ".",
            "You may not create agreements for " + unit.name_en + ".");
    }
    p.agreement.current_unit_id = unit.current_id;
    p.agreement.status = Status::kDraft;
    p.day = day;
    return p;
}

std::int64_t AgreementService::InsertPrepared(storage::Transaction& tx, const Actor& actor,
                                              Prepared& p) {
    std::string now = audit_.Now();
    Agreement& a = p.agreement;
    a.id = repo_.Insert(tx, a, actor.user_id, now);
    bool draft = a.status == Status::kDraft;
    Event e{0,
            draft ? "create" : "register",
            p.day,
            "",
            std::string(StatusCode(a.status)),
            "",
            actor.login,
            now};
    std::int64_t event_id = repo_.InsertEvent(tx, a.id, e, actor.user_id);
    if (p.report)
        repo_.InsertDeadline(tx, a.id, *p.report, event_id);
    audit_.Record(tx, actor, draft ? "agreement.create" : "agreement.register", "agreement",
                  std::to_string(a.id), nullptr, Describe(a));
    return a.id;
}

Result<void> AgreementService::CheckReadable(storage::Transaction& tx, const Actor& actor,
                                             std::int64_t id) {
    auto d = repo_.Get(tx, id);
    if (!d || !actor.CanReadProvince(d->agreement.fields.admin_unit_id))
        return NotFoundAgreement();
    return Ok();
}

Result<void> AgreementService::CheckWritable(storage::Transaction& tx, const Actor& actor,
                                             std::int64_t id) {
    if (auto d = LoadForWrite(tx, actor, id); !d)
        return d.error();
    return Ok();
}

Result<AgreementDetail> AgreementService::Create(const Actor& actor, const AgreementFields& fields,
                                                 std::optional<Date> drafted_on) {
    auto tx = db_.Begin(TxMode::kWrite);
    auto p = PrepareDraft(*tx, actor, fields, drafted_on);
    if (!p)
        return p.error();
    std::int64_t id = InsertPrepared(*tx, actor, *p);
    auto out = Reload(*tx, id);
    tx->Commit();
    return out;
}

Result<AgreementService::Prepared> AgreementService::PrepareRegister(
    storage::Transaction& tx, const Actor& actor, const RegisterRequest& req,
    const WorkingCalendar& calendar) {
    const Date today = clock_.Today();
    auto status = ParseStatus(req.status);
    FieldProblems p;
    if (!status || *status == Status::kDraft || *status == Status::kConsulting ||
        *status == Status::kReferredPm || *status == Status::kApproved ||
        *status == Status::kAbandoned) {
        p.Add("status",
              "Trạng thái của thỏa thuận đã ký phải là: đã ký, có hiệu lực, tạm đình chỉ, chấm "
              "dứt hoặc hết hiệu lực.",
              "A signed agreement's status must be signed, in_force, suspended, terminated or "
              "expired.");
    }
    if (!req.signed_on) {
        p.Add("signed_on", "Cần ngày ký (dd/mm/yyyy).", "The signing date is required.");
    } else if (*req.signed_on > today) {
        p.Add("signed_on", "Ngày ký " + req.signed_on->ToDisplay() + " chưa đến.",
              "The signing date " + req.signed_on->ToDisplay() + " is in the future.");
    } else if (req.signed_on->year() < 1945) {
        p.Add("signed_on", "Ngày ký phải từ năm 1945.", "The signing date must be from 1945.");
    }
    if (req.effective_on && req.signed_on && *req.effective_on < *req.signed_on) {
        p.Add("effective_on", "Ngày có hiệu lực trước ngày ký.",
              "The date of entry into force is before the signing date.");
    }
    if (req.expires_on && (req.effective_on || req.signed_on) &&
        *req.expires_on <= req.effective_on.value_or(req.signed_on.value_or(today))) {
        p.Add("expires_on", "Ngày hết hiệu lực phải sau ngày có hiệu lực.",
              "The expiry date must be after the date of entry into force.");
    }
    if (req.reported_on && req.signed_on && *req.reported_on < *req.signed_on) {
        p.Add("reported_on", "Ngày báo cáo Bộ Ngoại giao trước ngày ký.",
              "The report to MOFA is dated before the signing.");
    }
    if (req.reported_on && *req.reported_on > today) {
        p.Add("reported_on", "Ngày báo cáo Bộ Ngoại giao chưa đến.",
              "The report to MOFA is dated in the future.");
    }
    if (status && *status != Status::kSigned && !req.effective_on) {
        p.Add("effective_on", "Cần ngày có hiệu lực.", "The date of entry into force is required.");
    }
    std::string signatory = p.Text("signatory_vn", req.signatory_vn, 300, false,
                                   "Người ký phía Việt Nam", "The Vietnamese signatory");
    std::string signatory_foreign = p.Text("signatory_foreign", req.signatory_foreign, 300, false,
                                           "Người ký phía nước ngoài", "The foreign signatory");
    std::string place =
        p.Text("signed_place", req.signed_place, 300, false, "Nơi ký", "The place of signing");

    Prepared prepared;
    Agreement& a = prepared.agreement;
    a.fields = req.fields;
    UnitInfo unit;
    auto fields_ok = CheckFields(tx, a.fields, req.signed_on, &unit);
    if (!fields_ok || !p.empty()) {
        Error e = !p.empty() ? p.ToError() : fields_ok.error();
        if (!p.empty() && !fields_ok) {
            e.fields.insert(e.fields.end(), fields_ok.error().fields.begin(),
                            fields_ok.error().fields.end());
        }
        return e;
    }
    if (!actor.CanWriteProvince(unit.id)) {
        return Error::PermissionDenied(
            "Bạn không có quyền nhập thỏa thuận của " + unit.name_vi + ".",
            "You may not record agreements of " + unit.name_en + ".");
    }
    a.current_unit_id = unit.current_id;
    a.status = *status;
    a.signed_on = req.signed_on;
    a.signed_place = place;
    a.signatory_vn = signatory;
    a.signatory_foreign = signatory_foreign;
    a.effective_on = req.effective_on;
    a.expires_on = req.expires_on;
    Deadline report;
    report.kind = DeadlineKind::kReportMofa;
    report.body = kMofaBody;
    report.opened_on = *req.signed_on;
    report.due_on = calendar.AddCalendarDays(*req.signed_on, kReportMofaDays);
    if (req.reported_on) {
        report.closed_on = req.reported_on;
        report.outcome = "done";
    } else {
        a.next_due_on = report.due_on;
    }
    prepared.report = report;
    prepared.day = *req.signed_on;
    return prepared;
}

Result<AgreementDetail> AgreementService::Register(const Actor& actor, const RegisterRequest& req) {
    auto tx = db_.Begin(TxMode::kWrite);
    auto calendar = calendar_();
    auto p = PrepareRegister(*tx, actor, req, *calendar);
    if (!p)
        return p.error();
    std::int64_t id = InsertPrepared(*tx, actor, *p);
    auto out = Reload(*tx, id);
    tx->Commit();
    return out;
}

Result<AgreementDetail> AgreementService::Update(const Actor& actor, std::int64_t id,
                                                 std::int64_t expected_version,
                                                 const AgreementFields& fields) {
    auto tx = db_.Begin(TxMode::kWrite);
    auto current = LoadForWrite(*tx, actor, id);
    if (!current)
        return current.error();
    Agreement a = current->agreement;
    if (a.version != expected_version)
        return VersionConflict();
    a.fields = fields;
    UnitInfo unit;
    std::optional<Date> as_of = a.signed_on;
    if (!as_of && a.status == Status::kDraft)
        as_of = clock_.Today();
    if (auto ok = CheckFields(*tx, a.fields, as_of, &unit); !ok)
        return ok.error();
    if (!actor.CanWriteProvince(unit.id)) {
        return Error::PermissionDenied(
            "Bạn không có quyền chuyển thỏa thuận sang " + unit.name_vi + ".",
            "You may not move the agreement to " + unit.name_en + ".");
    }
    a.current_unit_id = unit.current_id;
    nlohmann::json before = Describe(current->agreement);
    nlohmann::json after = Describe(a);
    after["version"] = expected_version + 1;
    if (before == Describe(a)) {
        tx->Commit();
        return std::move(*current);
    }
    if (!repo_.Update(*tx, a, expected_version, audit_.Now()))
        return VersionConflict();
    audit_.Record(*tx, actor, "agreement.update", "agreement", std::to_string(id), before, after);
    auto out = Reload(*tx, id);
    tx->Commit();
    return out;
}

Result<AgreementDetail> AgreementService::Step(const Actor& actor, std::int64_t id,
                                               const StepRequest& req,
                                               std::optional<std::int64_t> expected_version) {
    auto calendar = calendar_();
    auto tx = db_.Begin(TxMode::kWrite);
    auto current = LoadForWrite(*tx, actor, id);
    if (!current)
        return current.error();
    if (expected_version && *expected_version != current->agreement.version)
        return VersionConflict();
    if (req.action == "decide") {
        bool leader = actor.IsAdmin() ||
                      std::any_of(actor.grants.begin(), actor.grants.end(), [&](const auto& g) {
                          return g.role == Role::kProvinceLeader &&
                                 (g.all_provinces ||
                                  g.provinces.contains(current->agreement.fields.admin_unit_id));
                      });
        if (!leader) {
            return Error::PermissionDenied(
                "Chỉ lãnh đạo tỉnh mới ghi nhận quyết định cho phép ký.",
                "Only a provincial leader records the decision permitting signature.");
        }
    }
    auto plan = PlanStep(*current, req, *calendar, clock_.Today());
    if (!plan)
        return plan.error();
    Agreement a = current->agreement;
    if (plan->signed_on) {
        auto unit = repo_.FindUnit(*tx, a.fields.admin_unit_id);
        if (unit && !ExistsOn(*unit, *plan->signed_on)) {
            return Error::InvalidArgument(
                "admin_unit_id",
                unit->name_vi + " không còn tồn tại vào ngày ký " + plan->signed_on->ToDisplay() +
                    ": hãy sửa bên ký theo địa giới mới trước khi ghi nhận việc ký.",
                unit->name_en + " no longer existed on the signing date " +
                    plan->signed_on->ToDisplay() +
                    ": change the signing party to the new province first.");
        }
        a.signed_on = plan->signed_on;
    }
    if (plan->signed_place)
        a.signed_place = *plan->signed_place;
    if (plan->signatory_vn)
        a.signatory_vn = *plan->signatory_vn;
    if (plan->signatory_foreign)
        a.signatory_foreign = *plan->signatory_foreign;
    if (plan->decision_ref)
        a.decision_ref = *plan->decision_ref;
    if (plan->effective_on)
        a.effective_on = plan->effective_on;
    if (plan->expires_on)
        a.expires_on = *plan->expires_on;
    a.status = plan->to;

    std::string now = audit_.Now();
    Event e{0,
            req.action,
            plan->date,
            std::string(StatusCode(plan->from)),
            std::string(StatusCode(plan->to)),
            CleanInput(req.note),
            actor.login,
            now};
    std::int64_t event_id = repo_.InsertEvent(*tx, id, e, actor.user_id);
    const std::vector<Deadline> deadlines = StepDeadlines(
        current->deadlines, plan->close, plan->open, plan->date,
        [&](const ClosedDeadline& c) {
            repo_.CloseDeadline(*tx, c.id, plan->date, c.outcome, c.note, event_id);
        },
        [&](const Deadline& d) { repo_.InsertDeadline(*tx, id, d, event_id); });
    a.next_due_on = NextDue(deadlines);
    if (!repo_.Update(*tx, a, current->agreement.version, now))
        return VersionConflict();
    nlohmann::json after = Describe(a);
    after["step"] = req.action;
    after["date"] = plan->date.ToIso();
    if (!req.body.empty())
        after["body"] = CleanInput(req.body);
    if (!req.outcome.empty())
        after["outcome"] = req.outcome;
    audit_.Record(*tx, actor, "agreement.step", "agreement", std::to_string(id),
                  Describe(current->agreement), after);
    auto out = Reload(*tx, id);
    tx->Commit();
    return out;
}

namespace {

bool SignedStatus(Status s) {
    return s == Status::kSigned || s == Status::kInForce || s == Status::kSuspended ||
           s == Status::kTerminated || s == Status::kExpired;
}

Result<Commitment> CheckCommitment(const CommitmentRequest& req, const Agreement& a, Date today) {
    FieldProblems p;
    Commitment c;
    c.description =
        p.Text("description", req.description, 2000, true, "Nội dung cam kết", "The commitment");
    c.responsible_unit = p.Text("responsible_unit", req.responsible_unit, 300, false,
                                "Đơn vị chủ trì", "The responsible unit");
    p.InList("status", req.status, CommitmentStatuses(), "Tình trạng", "The status");
    c.status = req.status;
    c.due_on = req.due_on;
    c.done_on = req.done_on;
    if (c.due_on && a.signed_on && *c.due_on < *a.signed_on) {
        p.Add("due_on", "Hạn thực hiện trước ngày ký thỏa thuận.",
              "The due date is before the agreement was signed.");
    }
    if (c.status == "done" && !c.done_on) {
        p.Add("done_on", "Cam kết đã hoàn thành cần ngày hoàn thành.",
              "A commitment that is done needs the date it was done.");
    }
    if (c.status != "done")
        c.done_on.reset();
    if (c.done_on && (*c.done_on > today || (a.signed_on && *c.done_on < *a.signed_on))) {
        p.Add("done_on", "Ngày hoàn thành phải từ ngày ký đến hôm nay.",
              "The date done must be between the signing and today.");
    }
    if (!p.empty())
        return p.ToError();
    return c;
}

Error NotSignedYet() {
    return Error::FailedPrecondition(
        "Thỏa thuận chưa được ký: cam kết và kết quả chỉ ghi cho thỏa thuận đã ký.",
        "The agreement is not signed: commitments and results belong to signed agreements.");
}

}  // namespace

Result<AgreementDetail> AgreementService::AddCommitment(const Actor& actor,
                                                        std::int64_t agreement_id,
                                                        const CommitmentRequest& req) {
    auto tx = db_.Begin(TxMode::kWrite);
    auto current = LoadForWrite(*tx, actor, agreement_id);
    if (!current)
        return current.error();
    if (!SignedStatus(current->agreement.status))
        return NotSignedYet();
    auto c = CheckCommitment(req, current->agreement, clock_.Today());
    if (!c)
        return c.error();
    c->agreement_id = agreement_id;
    std::string now = audit_.Now();
    c->id = repo_.InsertCommitment(*tx, *c, now);
    audit_.Record(*tx, actor, "commitment.create", "agreement", std::to_string(agreement_id),
                  nullptr,
                  {{"commitment_id", c->id},
                   {"description", c->description},
                   {"responsible_unit", c->responsible_unit},
                   {"due_on", OptIso(c->due_on)},
                   {"status", c->status}});
    auto out = Reload(*tx, agreement_id);
    tx->Commit();
    return out;
}

Result<AgreementDetail> AgreementService::UpdateCommitment(const Actor& actor,
                                                           std::int64_t commitment_id,
                                                           std::int64_t expected_version,
                                                           const CommitmentRequest& req) {
    auto tx = db_.Begin(TxMode::kWrite);
    auto stored = repo_.GetCommitment(*tx, commitment_id);
    if (!stored) {
        return Error::NotFound("Không tìm thấy cam kết này.", "No such commitment.");
    }
    auto current = LoadForWrite(*tx, actor, stored->agreement_id);
    if (!current)
        return current.error();
    if (stored->version != expected_version) {
        Error e = Error::Conflict(
            "Cam kết đã được người khác sửa trong lúc bạn đang sửa: thay đổi của bạn chưa được "
            "lưu.",
            "Someone else changed this commitment while you were editing it: your change was "
            "not saved.");
        e.field = "version";
        return e;
    }
    auto c = CheckCommitment(req, current->agreement, clock_.Today());
    if (!c)
        return c.error();
    c->id = commitment_id;
    c->agreement_id = stored->agreement_id;
    if (!repo_.UpdateCommitment(*tx, *c, expected_version, audit_.Now()))
        return Error::Conflict("Cam kết đã được người khác sửa.", "The commitment changed.");
    audit_.Record(*tx, actor, "commitment.update", "agreement",
                  std::to_string(stored->agreement_id),
                  {{"commitment_id", commitment_id},
                   {"description", stored->description},
                   {"due_on", OptIso(stored->due_on)},
                   {"status", stored->status}},
                  {{"commitment_id", commitment_id},
                   {"description", c->description},
                   {"due_on", OptIso(c->due_on)},
                   {"status", c->status}});
    auto out = Reload(*tx, stored->agreement_id);
    tx->Commit();
    return out;
}

Result<AgreementDetail> AgreementService::AddResult(const Actor& actor, std::int64_t agreement_id,
                                                    const ResultRequest& req) {
    auto tx = db_.Begin(TxMode::kWrite);
    auto current = LoadForWrite(*tx, actor, agreement_id);
    if (!current)
        return current.error();
    if (!SignedStatus(current->agreement.status))
        return NotSignedYet();
    FieldProblems p;
    ResultEntry r;
    r.agreement_id = agreement_id;
    r.description =
        p.Text("description", req.description, 4000, true, "Nội dung kết quả", "The result");
    const auto& a = current->agreement;
    if (!req.achieved_on) {
        p.Add("achieved_on", "Cần ngày đạt kết quả (dd/mm/yyyy).",
              "The date of the result is required.");
    } else if (*req.achieved_on > clock_.Today() ||
               (a.signed_on && *req.achieved_on < *a.signed_on)) {
        p.Add("achieved_on", "Ngày đạt kết quả phải từ ngày ký đến hôm nay.",
              "The result's date must be between the signing and today.");
    } else {
        r.achieved_on = *req.achieved_on;
    }
    if (req.figures.size() > 20)
        p.Add("figures", "Tối đa 20 số liệu.", "At most 20 figures.");
    for (const auto& f : req.figures) {
        p.InList("figures", f.unit, FigureUnits(), "Đơn vị", "The unit");
        if (!std::isfinite(f.amount) || f.amount < 0 || f.amount > 1e15) {
            p.Add("figures", "Số liệu phải là số không âm, tối đa 10^15.",
                  "A figure must be a non-negative number up to 10^15.");
            continue;
        }
        r.figures.push_back({f.unit, static_cast<std::int64_t>(std::llround(f.amount * 100))});
    }
    if (!p.empty())
        return p.ToError();
    r.id = repo_.InsertResult(*tx, r, audit_.Now());
    repo_.SetHasResult(*tx, agreement_id);
    nlohmann::json figures = nlohmann::json::array();
    for (const auto& f : r.figures)
        figures.push_back({{"unit", f.unit}, {"amount_centi", f.amount_centi}});
    audit_.Record(*tx, actor, "result.create", "agreement", std::to_string(agreement_id), nullptr,
                  {{"result_id", r.id},
                   {"description", r.description},
                   {"achieved_on", r.achieved_on.ToIso()},
                   {"figures", figures}});
    auto out = Reload(*tx, agreement_id);
    tx->Commit();
    return out;
}

Result<std::vector<Agreement>> AgreementService::ExportRows(const Actor& actor,
                                                            const AgreementFilter& filter,
                                                            AgreementSort sort, int limit) {
    auto first = List(actor, filter, sort, {1, 1});
    if (!first)
        return first.error();
    if (first->total > limit) {
        return TooManyToExport(first->total, limit, "thỏa thuận", "agreements");
    }
    auto tx = db_.Begin(TxMode::kRead);
    auto page =
        repo_.List(*tx, ScopeOf(actor), filter, sort,
                   {1, static_cast<int>(std::max<std::int64_t>(first->total, 1))}, clock_.Today());
    tx->Commit();
    return std::move(page.items);
}

Result<AgreementService::ImportReport> AgreementService::Import(const Actor& actor,
                                                                std::string_view file,
                                                                ImportMode mode) {
    auto sheet = office::ReadImportSheet(file, kMaxImportRows);
    if (!sheet)
        return sheet.error();
    auto calendar = calendar_();  // once: every row uses the same
    auto tx = db_.Begin(mode == ImportMode::kPreview ? TxMode::kRead : TxMode::kWrite);
    SheetChoices choices{repo_.AllUnits(*tx), repo_.PartnerChoices(*tx)};
    std::vector<ImportProblem> sheet_problems;
    auto rows = ReadImportRows(*sheet, choices, clock_.Today(), &sheet_problems);
    auto report = office::ImportRows<Prepared>(
        rows, sheet_problems, mode, {"Thỏa thuận này", "This agreement"}, ColumnOfField, "title_vi",
        [&](const ImportRow& row) {
            return row.draft ? PrepareDraft(*tx, actor, row.request.fields, std::nullopt)
                             : PrepareRegister(*tx, actor, row.request, *calendar);
        },
        [&](const Prepared& p) {
            const Agreement& a = p.agreement;
            return office::ImportIdentity{
                repo_.FindDuplicate(*tx, a.fields.title_vi, a.fields.admin_unit_id, a.signed_on),
                std::to_string(a.fields.admin_unit_id) + "|" +
                    (a.signed_on ? a.signed_on->ToIso() : "") + "|" + a.fields.title_vi};
        },
        [&](Prepared& p) { return InsertPrepared(*tx, actor, p); });
    if (report && report->written > 0) {
        audit_.Record(*tx, actor, "agreement.import", "agreement", "", nullptr,
                      office::ImportSummary(*report));
        tx->Commit();
    }
    return report;
}

Result<YearlyReport> AgreementService::Yearly(const Actor& actor, std::int64_t unit_id, int year) {
    const Date today = clock_.Today();
    if (year < 2008 || year > today.year()) {
        return Error::InvalidArgument(
            "year", "Năm báo cáo phải từ 2008 đến " + std::to_string(today.year()) + ".",
            "The year must be 2008 to " + std::to_string(today.year()) + ".");
    }
    auto tx = db_.Begin(TxMode::kRead);
    auto unit = repo_.FindUnit(*tx, unit_id);
    if (!unit || unit->valid_to) {
        return Error::InvalidArgument("province",
                                      "Hãy chọn một tỉnh, thành phố theo địa giới hiện nay.",
                                      "Choose a province by today's boundaries.");
    }
    if (!actor.CanReadProvince(unit_id)) {
        return Error::NotFound("Không có tỉnh, thành phố này trong phạm vi của bạn.",
                               "This province is outside your scope.");
    }
    YearlyReport r;
    r.unit_id = unit_id;
    r.unit_name_vi = unit->name_vi;
    r.unit_name_en = unit->name_en;
    r.year = year;
    r.due_on = *Date::FromYmd(year, 11, 15);
    Scope scope = ScopeOf(actor);
    AgreementFilter f;
    f.unit_id = unit_id;
    f.year = year;
    r.signed_in_year = repo_.List(*tx, scope, f, AgreementSort::kSignedAsc, {1, 5000}, today).items;
    AgreementFilter in_force;
    in_force.unit_id = unit_id;
    in_force.status = "in_force";
    for (auto& a :
         repo_.List(*tx, scope, in_force, AgreementSort::kSignedAsc, {1, 5000}, today).items) {
        if (a.signed_on && a.signed_on->year() < year)
            r.in_force.push_back(std::move(a));
    }
    std::vector<std::int64_t> ids;
    for (const auto* list : {&r.signed_in_year, &r.in_force}) {
        for (const auto& a : *list)
            ids.push_back(a.id);
    }
    r.implementation = repo_.ImplementationOf(*tx, ids, today);
    tx->Commit();
    return r;
}

AgreementService::Choices AgreementService::FormChoices() {
    auto tx = db_.Begin(TxMode::kRead);
    Choices c{repo_.AllUnits(*tx), repo_.PartnerChoices(*tx)};
    tx->Commit();
    return c;
}

Result<Page<DueItem>> AgreementService::Due(const Actor& actor, std::optional<std::int64_t> unit_id,
                                            int within_days, const PageRequest& page) {
    if (auto ok = CheckWithinDays(within_days); !ok)
        return ok.error();
    auto tx = db_.Begin(TxMode::kRead);
    auto out = repo_.Due(*tx, ScopeOf(actor), unit_id, clock_.Today().AddDays(within_days), page);
    tx->Commit();
    return out;
}

}  // namespace ngoaivu::agreements
