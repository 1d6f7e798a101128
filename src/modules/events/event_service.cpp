#include "modules/events/event_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "base/field_problems.hpp"
#include "base/input.hpp"
#include "base/record_checks.hpp"
#include "base/text.hpp"
#include "office/sheet_csv.hpp"

namespace ngoaivu::events {

namespace {

using storage::TxMode;

Error NotFoundEvent() {
    return Error::NotFound("Không tìm thấy sự kiện này.", "No such event.");
}

Error VersionConflict() {
    Error e = Error::Conflict(
        "Sự kiện đã được người khác sửa trong lúc bạn đang sửa: thay đổi của bạn chưa được lưu. "
        "Hãy xem bản mới nhất rồi sửa lại.",
        "Someone else changed this event while you were editing it: your change was not saved. "
        "Look at the latest version and edit again.");
    e.field = "version";
    return e;
}

nlohmann::json OptIso(const std::optional<Date>& d) {
    return d ? nlohmann::json(d->ToIso()) : nlohmann::json();
}

// MOFA staff and administrators write national events.
bool WritesNational(const Actor& actor) {
    return actor.Has(Role::kAdmin) || actor.Has(Role::kMofaStaff);
}

// A national event is read by every signed-in user; a provincial one by the readers of its
// province.
bool CanRead(const Actor& actor, const EventView& v) {
    if (v.detail.event.fields.national)
        return true;
    return v.host.admin_unit_id && actor.CanReadProvince(*v.host.admin_unit_id);
}

// Everything a form holds, to tell whether an edit changes anything.
nlohmann::json Snapshot(const EventFields& f) {
    nlohmann::json bridge = nlohmann::json::array();
    for (const auto& b : f.bridge_points)
        bridge.push_back({b.name, b.admin_unit_id ? nlohmann::json(*b.admin_unit_id) : nullptr});
    nlohmann::json sessions = nlohmann::json::array();
    for (const auto& s : f.sessions)
        sessions.push_back({s.title, s.day.ToIso(), s.starts_at, s.ends_at, s.chairs, s.speakers});
    nlohmann::json awards = nlohmann::json::array();
    for (const auto& a : f.awards) {
        awards.push_back({a.kind, a.recipient, a.recipient_kind,
                          a.recipient_unit_id ? nlohmann::json(*a.recipient_unit_id) : nullptr,
                          a.note});
    }
    nlohmann::json press = nlohmann::json::array();
    for (const auto& l : f.press_links)
        press.push_back({l.title, l.url, l.outlet, OptIso(l.published_on)});
    return {f.title_vi,
            f.title_en,
            f.type,
            f.theme,
            f.starts_on.ToIso(),
            f.ends_on.ToIso(),
            f.format,
            f.venue,
            bridge,
            f.organisers,
            f.national,
            f.national ? std::vector<std::int64_t>{} : f.admin_unit_ids,
            f.countries,
            f.foreign_sponsor,
            f.funding,
            {f.participants.vietnamese, f.participants.foreign, f.participants.highest_foreign_rank,
             f.participants.delegates_in_person},
            f.sensitive_topics,
            f.state_secret,
            sessions,
            awards,
            press,
            f.note,
            f.ordinal ? nlohmann::json(*f.ordinal) : nlohmann::json()};
}

// Who receives the result report (Form 02): the agency of the competent person, with a copy to
// MOFA for the events the Prime Minister permitted (as event_rules.cpp opens it).
std::string ReportBody(Decider d, bool national) {
    std::string agency =
        national ? "Bộ, cơ quan ngang bộ cho phép tổ chức" : "Ủy ban nhân dân tỉnh";
    if (d == Decider::kPrimeMinister)
        return agency + ", đồng gửi " + kMofaBody;
    return agency;
}

// The sensitive topics in the order of SensitiveTopics(), as the repository reads them back.
void SortTopics(std::vector<std::string>& topics) {
    auto index = [](const std::string& t) {
        const auto& list = SensitiveTopics();
        auto it =
            std::find_if(list.begin(), list.end(), [&](const Code& c) { return c.code == t; });
        return it - list.begin();
    };
    std::stable_sort(topics.begin(), topics.end(),
                     [&](const auto& a, const auto& b) { return index(a) < index(b); });
}

// The type and status filters: empty, or a code of their list.
Result<void> CheckTypeAndStatus(const std::string& type, const std::string& status) {
    if (!type.empty() && !FindCode(Types(), type)) {
        return Error::InvalidArgument("type", "Loại sự kiện \"" + EchoInput(type) + "\" không có.",
                                      "There is no event type \"" + EchoInput(type) + "\".");
    }
    if (!status.empty() && !FindCode(Statuses(), status)) {
        return Error::InvalidArgument("status",
                                      "Trạng thái \"" + EchoInput(status) + "\" không có.",
                                      "There is no status \"" + EchoInput(status) + "\".");
    }
    return Ok();
}

}  // namespace

nlohmann::json EventService::ParticipantsJson(const Participants& p) {
    return {{"vietnamese", p.vietnamese},
            {"foreign", p.foreign},
            {"highest_foreign_rank", p.highest_foreign_rank},
            {"delegates_in_person", p.delegates_in_person}};
}

nlohmann::json EventService::Describe(const EventRecord& e) {
    const EventFields& f = e.fields;
    return {{"title_vi", f.title_vi},
            {"title_en", f.title_en},
            {"type", f.type},
            {"theme", f.theme},
            {"starts_on", f.starts_on.ToIso()},
            {"ends_on", f.ends_on.ToIso()},
            {"format", f.format},
            {"venue", f.venue},
            {"national", f.national},
            {"admin_unit_ids", f.admin_unit_ids},
            {"countries", f.countries},
            {"organisers", f.organisers},
            {"foreign_sponsor", f.foreign_sponsor},
            {"participants", ParticipantsJson(f.participants)},
            {"sensitive_topics", f.sensitive_topics},
            {"state_secret", f.state_secret},
            {"bridge_points", f.bridge_points.size()},
            {"sessions", f.sessions.size()},
            {"awards", f.awards.size()},
            {"press_links", f.press_links.size()},
            {"ordinal", f.ordinal ? nlohmann::json(*f.ordinal) : nlohmann::json()},
            {"status", StatusCode(e.status)},
            {"decider", DeciderCode(e.decider)},
            {"requested_on", OptIso(e.requested_on)},
            {"decision_ref", e.decision_ref},
            {"decided_on", OptIso(e.decided_on)},
            {"reported_on", OptIso(e.reported_on)},
            {"version", e.version}};
}

Scope EventService::ScopeOf(const Actor& actor) const {
    return ReadScopeOf(actor);
}

Result<void> EventService::CheckFields(storage::Transaction& tx, EventFields& f) {
    f = NormalizeFields(std::move(f));
    SortTopics(f.sensitive_topics);
    const Date today = clock_.Today();
    std::vector<FieldError> problems;
    if (auto ok = ValidateFields(f, today); !ok)
        problems = ok.error().fields;
    auto named = [&](std::string_view field) {
        return std::any_of(problems.begin(), problems.end(),
                           [&](const FieldError& p) { return p.field == field; });
    };
    const bool dates_ok = !named("starts_on");

    // The hosting provinces exist, on the first day.
    if (!f.national && !named("admin_unit_ids")) {
        auto units = repo_.FindUnits(tx, f.admin_unit_ids);
        for (auto id : f.admin_unit_ids) {
            auto u = std::find_if(units.begin(), units.end(),
                                  [&](const UnitInfo& x) { return x.id == id; });
            if (u == units.end()) {
                problems.push_back({"admin_unit_ids",
                                    "Không có tỉnh, thành phố số " + std::to_string(id) + ".",
                                    "There is no province " + std::to_string(id) + "."});
            } else if (dates_ok && !ExistsOn(*u, f.starts_on)) {
                problems.push_back(
                    {"admin_unit_ids",
                     u->name_vi + " không tồn tại vào ngày " + f.starts_on.ToDisplay() +
                         ": hãy chọn tỉnh, thành phố theo địa giới của ngày bắt đầu sự kiện.",
                     u->name_en + " did not exist on " + f.starts_on.ToDisplay() +
                         ": choose the province by the boundaries of the event's first day."});
            }
        }
    }
    // The provinces of the bridge points and of the award recipients exist.
    std::vector<std::int64_t> other_units;
    for (const auto& b : f.bridge_points) {
        if (b.admin_unit_id && *b.admin_unit_id > 0)
            other_units.push_back(*b.admin_unit_id);
    }
    for (const auto& a : f.awards) {
        if (a.recipient_unit_id && *a.recipient_unit_id > 0)
            other_units.push_back(*a.recipient_unit_id);
    }
    if (!other_units.empty()) {
        std::set<std::int64_t> known;
        for (const auto& u : repo_.FindUnits(tx, other_units))
            known.insert(u.id);
        auto check = [&](const std::string& field, std::optional<std::int64_t> id) {
            if (id && *id > 0 && !known.contains(*id)) {
                problems.push_back({field,
                                    "Không có tỉnh, thành phố số " + std::to_string(*id) + ".",
                                    "There is no province " + std::to_string(*id) + "."});
            }
        };
        for (std::size_t i = 0; i < f.bridge_points.size(); ++i)
            check(ItemField("bridge_points", i, "admin_unit_id"), f.bridge_points[i].admin_unit_id);
        for (std::size_t i = 0; i < f.awards.size(); ++i)
            check(ItemField("awards", i, "recipient_unit_id"), f.awards[i].recipient_unit_id);
    }
    // The countries exist (ISO 3166-1 as the reference data holds it).
    if (!named("countries") && !f.countries.empty()) {
        auto known = repo_.FindCountries(tx, f.countries);
        for (const auto& c : f.countries) {
            if (!known.contains(c)) {
                problems.push_back({"countries", "Không có quốc gia mã \"" + EchoInput(c) + "\".",
                                    "There is no country \"" + EchoInput(c) + "\"."});
                break;
            }
        }
    }
    if (!problems.empty())
        return InvalidFields(std::move(problems));
    return Ok();
}

Result<void> EventService::CheckWriteScope(storage::Transaction& tx, const Actor& actor,
                                           const EventFields& f, std::string_view verb_vi,
                                           std::string_view verb_en) {
    if (f.national) {
        if (WritesNational(actor))
            return Ok();
        return Error::PermissionDenied(
            "Chỉ Bộ Ngoại giao và quản trị viên mới được " + std::string(verb_vi) +
                " sự kiện cấp trung ương.",
            "Only MOFA staff and administrators may " + std::string(verb_en) + " national events.");
    }
    const std::int64_t owner = f.admin_unit_ids.front();
    if (actor.CanWriteProvince(owner))
        return Ok();
    auto units = repo_.FindUnits(tx, {owner});
    std::string vi = units.empty() ? std::to_string(owner) : units.front().name_vi;
    std::string en = units.empty() ? std::to_string(owner) : units.front().name_en;
    return Error::PermissionDenied(
        "Bạn không có quyền " + std::string(verb_vi) + " sự kiện của " + vi + ".",
        "You may not " + std::string(verb_en) + " events of " + en + ".");
}

Result<EventView> EventService::Reload(storage::Transaction& tx, std::int64_t id) {
    auto v = repo_.Get(tx, id);
    if (!v)
        return NotFoundEvent();
    return std::move(*v);
}

Result<EventView> EventService::LoadForWrite(storage::Transaction& tx, const Actor& actor,
                                             std::int64_t id) {
    auto v = repo_.Get(tx, id);
    if (!v || !CanRead(actor, *v))
        return NotFoundEvent();
    if (v->detail.event.fields.national) {
        if (!WritesNational(actor)) {
            return Error::PermissionDenied(
                "Chỉ Bộ Ngoại giao và quản trị viên mới được sửa sự kiện cấp trung ương.",
                "Only MOFA staff and administrators may change national events.");
        }
    } else if (!actor.CanWriteProvince(*v->host.admin_unit_id)) {
        return Error::PermissionDenied(
            "Bạn không có quyền sửa sự kiện của " + v->host.name_vi + ".",
            "You may not change events of " + v->host.name_en + ".");
    }
    return std::move(*v);
}

Result<void> EventService::CheckReadable(storage::Transaction& tx, const Actor& actor,
                                         std::int64_t id) {
    auto v = repo_.Get(tx, id);
    if (!v || !CanRead(actor, *v))
        return NotFoundEvent();
    return Ok();
}

Result<void> EventService::CheckWritable(storage::Transaction& tx, const Actor& actor,
                                         std::int64_t id) {
    if (auto v = LoadForWrite(tx, actor, id); !v)
        return v.error();
    return Ok();
}

bool EventService::CanWrite(const Actor& actor, const EventView& v) const {
    if (v.detail.event.fields.national)
        return WritesNational(actor);
    return v.host.admin_unit_id && actor.CanWriteProvince(*v.host.admin_unit_id);
}

std::vector<std::string> EventService::StepsFor(const Actor& actor, const EventView& v) const {
    std::vector<std::string> out;
    if (!CanWrite(actor, v))
        return out;
    const EventRecord& e = v.detail.event;
    const Decider now = WhoDecides(e.fields).decider;
    const bool pm = now == Decider::kPrimeMinister;
    // As Step: a provincial event's permission is recorded by a provincial leader.
    bool decides = e.fields.national || actor.IsAdmin();
    if (!decides) {
        const std::int64_t unit = *v.host.admin_unit_id;
        decides = std::any_of(actor.grants.begin(), actor.grants.end(), [&](const auto& g) {
            return g.role == Role::kProvinceLeader &&
                   (g.all_provinces || g.provinces.contains(unit));
        });
    }
    const bool waiting = std::any_of(
        v.detail.deadlines.begin(), v.detail.deadlines.end(),
        [](const Deadline& d) { return d.open() && d.kind == DeadlineKind::kConsultation; });
    auto add = [&](bool when, const char* action) {
        if (when)
            out.emplace_back(action);
    };
    switch (e.status) {
        case Status::kPlanned:
            add(now != Decider::kNone, "request_approval");
            add(now == Decider::kNone, "mark_held");
            add(true, "cancel");
            break;
        case Status::kRequested:
            add(now != Decider::kNone, "open_consultations");
            add(decides && !pm, "approve");
            add(decides, "reject");
            add(true, "cancel");
            break;
        case Status::kConsulting:
            add(now != Decider::kNone, "open_consultations");
            add(waiting, "record_reply");
            add(pm, "submit_pm");
            add(decides && !pm, "approve");
            add(decides, "reject");
            add(true, "cancel");
            break;
        case Status::kSubmittedPm:
            add(waiting, "record_reply");
            add(decides, "approve");
            add(decides, "reject");
            add(true, "cancel");
            break;
        case Status::kApproved:
            add(true, "mark_held");
            add(true, "cancel");
            break;
        case Status::kHeld:
            add(true, "submit_report");
            break;
        case Status::kRejected:
        case Status::kReported:
        case Status::kCancelled:
            break;
    }
    return out;
}

Result<Page<EventRow>> EventService::List(const Actor& actor, const EventFilter& filter,
                                          EventSort sort, const PageRequest& page) {
    if (auto q = CheckSearchText(filter.q); !q)
        return q.error();
    if (auto ok = CheckTypeAndStatus(filter.type, filter.status); !ok)
        return ok.error();
    if (!filter.country.empty() && !IsAlpha2(filter.country)) {
        return Error::InvalidArgument("country", "Mã nước phải gồm 2 chữ in hoa (ISO 3166-1).",
                                      "The country must be two capital letters (ISO 3166-1).");
    }
    if (filter.year && (*filter.year < kFirstYear || *filter.year > 2100)) {
        return Error::InvalidArgument("year", "Năm phải từ 1945 đến 2100.",
                                      "The year must be 1945 to 2100.");
    }
    if (filter.from && filter.to && *filter.to < *filter.from) {
        return Error::InvalidArgument("to", "Ngày \"đến\" trước ngày \"từ\".",
                                      "The date \"to\" is before the date \"from\".");
    }
    auto tx = db_.Begin(TxMode::kRead);
    auto out = repo_.List(*tx, ScopeOf(actor), filter, sort, page, clock_.Today());
    tx->Commit();
    return out;
}

Result<EventView> EventService::Get(const Actor& actor, std::int64_t id) {
    auto tx = db_.Begin(TxMode::kRead);
    auto v = repo_.Get(*tx, id);
    tx->Commit();
    if (!v || !CanRead(actor, *v))
        return NotFoundEvent();
    return std::move(*v);
}

Result<EventService::Prepared> EventService::PrepareCreate(storage::Transaction& tx,
                                                           const Actor& actor,
                                                           const EventFields& fields,
                                                           std::optional<Date> planned_on) {
    const Date today = clock_.Today();
    const Date day = planned_on.value_or(today);
    if (day > today || day < *Date::FromYmd(kFirstYear, 1, 1)) {
        return Error::InvalidArgument(
            "planned_on", "Ngày lập kế hoạch phải từ 01/01/1945 đến hôm nay.",
            "The day the event was planned must be between 01/01/1945 and today.");
    }
    Prepared p;
    p.record.fields = fields;
    if (auto ok = CheckFields(tx, p.record.fields); !ok)
        return ok.error();
    if (auto ok = CheckWriteScope(tx, actor, p.record.fields, "tạo", "create"); !ok)
        return ok.error();
    p.record.status = Status::kPlanned;
    p.record.decider = WhoDecides(p.record.fields).decider;
    p.day = day;
    return p;
}

std::int64_t EventService::InsertPrepared(storage::Transaction& tx, const Actor& actor,
                                          Prepared& p) {
    std::string now = audit_.Now();
    EventRecord& e = p.record;
    e.id = repo_.Insert(tx, e, actor.user_id, now);
    HistoryEntry h;
    h.action = "create";
    h.happened_on = p.day;
    h.to_status = std::string(StatusCode(e.status));
    h.user_login = actor.login;
    h.recorded_at = now;
    std::int64_t history_id = repo_.InsertHistory(tx, e.id, h, actor.user_id);
    if (p.report)
        repo_.InsertDeadline(tx, e.id, *p.report, history_id);
    audit_.Record(tx, actor, "event.create", "event", std::to_string(e.id), nullptr, Describe(e));
    return e.id;
}

Result<EventView> EventService::Create(const Actor& actor, const EventFields& fields,
                                       std::optional<Date> planned_on) {
    auto tx = db_.Begin(TxMode::kWrite);
    auto p = PrepareCreate(*tx, actor, fields, planned_on);
    if (!p)
        return p.error();
    std::int64_t id = InsertPrepared(*tx, actor, *p);
    auto out = Reload(*tx, id);
    tx->Commit();
    return out;
}

Result<EventView> EventService::Update(const Actor& actor, std::int64_t id,
                                       std::int64_t expected_version, const EventFields& fields) {
    auto tx = db_.Begin(TxMode::kWrite);
    auto current = LoadForWrite(*tx, actor, id);
    if (!current)
        return current.error();
    const EventRecord& before = current->detail.event;
    if (before.version != expected_version)
        return VersionConflict();
    EventRecord e = before;
    e.fields = fields;
    if (auto ok = CheckFields(*tx, e.fields); !ok)
        return ok.error();
    if (auto ok = CheckWriteScope(*tx, actor, e.fields, "chuyển", "move"); !ok)
        return ok.error();
    if (e.status == Status::kPlanned)
        e.decider = WhoDecides(e.fields).decider;
    if (Snapshot(e.fields) == Snapshot(before.fields) && e.decider == before.decider) {
        tx->Commit();
        return std::move(*current);
    }
    if (!repo_.Update(*tx, e, true, expected_version, audit_.Now()))
        return VersionConflict();
    nlohmann::json after = Describe(e);
    after["version"] = expected_version + 1;
    audit_.Record(*tx, actor, "event.update", "event", std::to_string(id), Describe(before), after);
    auto out = Reload(*tx, id);
    tx->Commit();
    return out;
}

Result<EventView> EventService::Step(const Actor& actor, std::int64_t id, const StepRequest& req,
                                     std::optional<std::int64_t> expected_version) {
    auto calendar = calendar_();
    auto tx = db_.Begin(TxMode::kWrite);
    auto current = LoadForWrite(*tx, actor, id);
    if (!current)
        return current.error();
    const EventRecord& before = current->detail.event;
    if (expected_version && *expected_version != before.version)
        return VersionConflict();
    // The permission of a provincial event is the chairman's (or the Prime Minister's) decision,
    // which a provincial leader records; MOFA staff record those of national events.
    if ((req.action == "approve" || req.action == "reject") && !before.fields.national &&
        !actor.IsAdmin()) {
        const std::int64_t unit = *current->host.admin_unit_id;
        bool leader = std::any_of(actor.grants.begin(), actor.grants.end(), [&](const auto& g) {
            return g.role == Role::kProvinceLeader &&
                   (g.all_provinces || g.provinces.contains(unit));
        });
        if (!leader) {
            return Error::PermissionDenied(
                "Chỉ lãnh đạo tỉnh mới ghi nhận quyết định cho phép hoặc không cho phép tổ chức.",
                "Only a provincial leader records the decision permitting or refusing the event.");
        }
    }
    auto plan = PlanStep(current->detail, req, *calendar, clock_.Today());
    if (!plan)
        return plan.error();
    EventRecord e = before;
    e.status = plan->to;
    if (plan->decider)
        e.decider = *plan->decider;
    if (plan->requested_on)
        e.requested_on = plan->requested_on;
    if (plan->decision_ref)
        e.decision_ref = *plan->decision_ref;
    if (plan->decided_on)
        e.decided_on = plan->decided_on;
    if (plan->report_due_on)
        e.report_due_on = plan->report_due_on;
    if (plan->reported_on)
        e.reported_on = plan->reported_on;

    std::string now = audit_.Now();
    HistoryEntry h;
    h.action = req.action;
    h.happened_on = plan->date;
    h.from_status = std::string(StatusCode(plan->from));
    h.to_status = std::string(StatusCode(plan->to));
    h.note = CleanInput(req.note);
    h.user_login = actor.login;
    h.recorded_at = now;
    std::int64_t history_id = repo_.InsertHistory(*tx, id, h, actor.user_id);
    const std::vector<Deadline> deadlines = StepDeadlines(
        current->detail.deadlines, plan->close, plan->open, plan->date,
        [&](const ClosedDeadline& c) {
            repo_.CloseDeadline(*tx, c.id, plan->date, c.outcome, c.note, history_id);
        },
        [&](const Deadline& d) { repo_.InsertDeadline(*tx, id, d, history_id); });
    e.next_due_on = NextDue(deadlines);
    e.consultation_due_on = ConsultationDueOn(deadlines);
    if (!repo_.Update(*tx, e, false, before.version, now))
        return VersionConflict();
    nlohmann::json after = Describe(e);
    after["version"] = before.version + 1;
    after["step"] = req.action;
    after["date"] = plan->date.ToIso();
    if (!req.body.empty())
        after["body"] = CleanInput(req.body);
    if (!req.outcome.empty())
        after["outcome"] = req.outcome;
    if (!plan->warnings.empty()) {
        nlohmann::json warnings = nlohmann::json::array();
        for (const auto& w : plan->warnings)
            warnings.push_back({{"code", w.code}, {"days_short", w.days_short}});
        after["warnings"] = warnings;
    }
    audit_.Record(*tx, actor, "event.step", "event", std::to_string(id), Describe(before), after);
    auto out = Reload(*tx, id);
    tx->Commit();
    return out;
}

Result<Page<EventDueItem>> EventService::Due(const Actor& actor,
                                             std::optional<std::int64_t> unit_id, int within_days,
                                             const PageRequest& page) {
    if (auto ok = CheckWithinDays(within_days); !ok)
        return ok.error();
    auto tx = db_.Begin(TxMode::kRead);
    auto out = repo_.Due(*tx, ScopeOf(actor), unit_id, clock_.Today().AddDays(within_days), page);
    tx->Commit();
    return out;
}

Result<std::vector<EventCount>> EventService::Counts(const Actor& actor, CountBasis basis,
                                                     const CountFilter& filter) {
    for (const auto& [field, year] :
         {std::pair{"from_year", filter.from_year}, std::pair{"to_year", filter.to_year}}) {
        if (year && (*year < kFirstYear || *year > 2100)) {
            return Error::InvalidArgument(field, "Năm phải từ 1945 đến 2100.",
                                          "The year must be 1945 to 2100.");
        }
    }
    if (filter.from_year && filter.to_year && *filter.to_year < *filter.from_year) {
        return Error::InvalidArgument("to_year", "Năm kết thúc trước năm bắt đầu.",
                                      "The last year is before the first year.");
    }
    if (auto ok = CheckTypeAndStatus(filter.type, filter.status); !ok)
        return ok.error();
    auto tx = db_.Begin(TxMode::kRead);
    auto out = repo_.Counts(*tx, ScopeOf(actor), basis, filter);
    tx->Commit();
    return out;
}

Result<std::vector<EventRow>> EventService::ExportRows(const Actor& actor,
                                                       const EventFilter& filter, EventSort sort,
                                                       int limit) {
    auto first = List(actor, filter, sort, {1, 1});
    if (!first)
        return first.error();
    if (first->total > limit) {
        return TooManyToExport(first->total, limit, "sự kiện", "events");
    }
    auto tx = db_.Begin(TxMode::kRead);
    auto page =
        repo_.List(*tx, ScopeOf(actor), filter, sort,
                   {1, static_cast<int>(std::max<std::int64_t>(first->total, 1))}, clock_.Today());
    repo_.LoadBridgePoints(*tx, page.items);
    tx->Commit();
    return std::move(page.items);
}

Result<EventService::Prepared> EventService::PrepareImport(storage::Transaction& tx,
                                                           const Actor& actor, const ImportRow& row,
                                                           const WorkingCalendar& calendar) {
    const Date today = clock_.Today();
    Prepared p;
    EventRecord& e = p.record;
    e.fields = row.fields;
    auto fields_ok = CheckFields(tx, e.fields);
    std::vector<FieldError> problems;
    if (!fields_ok)
        problems = fields_ok.error().fields;
    const EventFields& f = e.fields;
    const Decider decider = WhoDecides(f).decider;
    e.decider = decider;
    e.status = row.status;
    p.day = today;
    if (row.status != Status::kPlanned) {
        // A past event: over by now, permitted when it needed permission, its result report
        // owed (held) or given (reported).
        const std::string ref = CleanInput(row.decision_ref);
        if (f.ends_on > today) {
            problems.push_back({"status",
                                "Sự kiện chưa kết thúc (ngày kết thúc " + f.ends_on.ToDisplay() +
                                    "): chưa thể ghi nhận đã tổ chức.",
                                "The event is not over (its last day is " + f.ends_on.ToDisplay() +
                                    "): it cannot be recorded as held."});
        }
        if (decider != Decider::kNone && ref.empty()) {
            problems.push_back({"decision_ref",
                                "Hội nghị, hội thảo quốc tế đã tổ chức cần số, ngày văn bản cho "
                                "phép tổ chức.",
                                "An international conference that was held needs the number and "
                                "date of its permission."});
        }
        if (row.decided_on && (*row.decided_on > f.starts_on || *row.decided_on > today)) {
            problems.push_back({"decided_on", "Ngày cho phép phải trước ngày khai mạc.",
                                "The permission must be dated before the opening."});
        }
        if (row.status == Status::kReported && !row.reported_on) {
            problems.push_back({"reported_on", "Cần ngày báo cáo kết quả (dd/mm/yyyy).",
                                "The date of the result report is required (dd/mm/yyyy)."});
        }
        if (row.reported_on && (*row.reported_on < f.ends_on || *row.reported_on > today)) {
            problems.push_back({"reported_on",
                                "Ngày báo cáo kết quả phải từ ngày kết thúc sự kiện đến hôm nay.",
                                "The result report must be dated between the event's last day "
                                "and today."});
        }
        e.decision_ref = ref;
        e.decided_on = row.decided_on;
        if (row.status == Status::kReported)
            e.reported_on = row.reported_on;
        p.day = std::min(f.ends_on, today);
        if (decider != Decider::kNone) {
            Deadline report;
            report.kind = DeadlineKind::kResultReport;
            report.body = ReportBody(decider, f.national);
            report.opened_on = p.day;
            report.due_on = ResultReportDue(f.ends_on, calendar);
            e.report_due_on = report.due_on;
            if (row.status == Status::kReported && row.reported_on) {
                report.closed_on = row.reported_on;
                report.outcome = "done";
            } else {
                e.next_due_on = report.due_on;
            }
            p.report = report;
        }
    }
    if (!problems.empty())
        return InvalidFields(std::move(problems));
    if (auto ok = CheckWriteScope(tx, actor, f, "nhập", "import"); !ok)
        return ok.error();
    return p;
}

Result<EventService::ImportReport> EventService::Import(const Actor& actor, std::string_view file,
                                                        ImportMode mode) {
    auto sheet = office::ReadImportSheet(file, kMaxImportRows);
    if (!sheet)
        return sheet.error();
    auto calendar = calendar_();  // once: every row uses the same
    auto tx = db_.Begin(mode == ImportMode::kPreview ? TxMode::kRead : TxMode::kWrite);
    std::vector<ImportProblem> sheet_problems;
    auto rows = ReadImportRows(*sheet, repo_.AllUnits(*tx), &sheet_problems);
    auto report = office::ImportRows<Prepared>(
        rows, sheet_problems, mode, {"Sự kiện này", "This event"}, ColumnOfField, "title_vi",
        [&](const ImportRow& row) { return PrepareImport(*tx, actor, row, *calendar); },
        [&](const Prepared& p) {
            const EventFields& f = p.record.fields;
            std::optional<std::int64_t> owner;
            if (!f.national)
                owner = f.admin_unit_ids.front();
            std::string key = (owner ? std::to_string(*owner) : "") + "|" + f.starts_on.ToIso() +
                              "|" + f.title_vi;
            return office::ImportIdentity{repo_.FindDuplicate(*tx, f.title_vi, owner, f.starts_on),
                                          std::move(key)};
        },
        [&](Prepared& p) { return InsertPrepared(*tx, actor, p); });
    if (report && report->written > 0) {
        audit_.Record(*tx, actor, "event.import", "event", "", nullptr,
                      office::ImportSummary(*report));
        tx->Commit();
    }
    return report;
}

Result<EventYearlyReport> EventService::Yearly(const Actor& actor, std::int64_t unit_id, int year) {
    const Date today = clock_.Today();
    const int last = ReportYearOf(today);
    if (year < 2010 || year > last) {
        return Error::InvalidArgument("year",
                                      "Năm báo cáo phải từ 2010 đến " + std::to_string(last) + ".",
                                      "The year must be 2010 to " + std::to_string(last) + ".");
    }
    auto tx = db_.Begin(TxMode::kRead);
    auto units = repo_.FindUnits(*tx, {unit_id});
    if (units.empty() || units.front().valid_to) {
        return Error::InvalidArgument("province",
                                      "Hãy chọn một tỉnh, thành phố theo địa giới hiện nay.",
                                      "Choose a province by today's boundaries.");
    }
    if (!actor.CanReadProvince(unit_id)) {
        return Error::NotFound("Không có tỉnh, thành phố này trong phạm vi của bạn.",
                               "This province is outside your scope.");
    }
    const ReportPeriod period = YearlyReportPeriod(year);
    EventYearlyReport r;
    r.unit_id = unit_id;
    r.unit_name_vi = units.front().name_vi;
    r.unit_name_en = units.front().name_en;
    r.year = year;
    r.from = period.from;
    r.to = period.to;
    r.due_on = period.due_on;
    EventFilter f;
    f.unit_id = unit_id;
    f.type = "international_conference";
    f.from = period.from;
    f.to = period.to;
    auto rows = repo_.List(*tx, ScopeOf(actor), f, EventSort::kStartAsc, {1, 5000}, today).items;
    tx->Commit();
    for (auto& row : rows) {
        const EventRecord& e = row.record;
        if (!period.Contains(e.fields.starts_on))
            continue;
        std::string state;
        if (e.status == Status::kReported)
            state = "reported";
        else if (e.status == Status::kHeld)
            state = e.report_due_on && *e.report_due_on < today ? "overdue" : "due";
        else if (e.status == Status::kApproved)
            state = "not_held";
        else
            continue;  // not permitted (yet), refused or cancelled: not reported
        r.participants_vietnamese += e.fields.participants.vietnamese;
        r.participants_foreign += e.fields.participants.foreign;
        if (e.decider == Decider::kPrimeMinister)
            ++r.decided_by_pm;
        else if (e.decider == Decider::kProvincialChairman)
            ++r.decided_by_chairman;
        if (state == "reported")
            ++r.reported;
        r.items.push_back({std::move(row), state});
    }
    return r;
}

std::vector<UnitInfo> EventService::Units() {
    auto tx = db_.Begin(TxMode::kRead);
    auto out = repo_.AllUnits(*tx);
    tx->Commit();
    return out;
}

}  // namespace ngoaivu::events
