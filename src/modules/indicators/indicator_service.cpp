#include "modules/indicators/indicator_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "base/field_problems.hpp"
#include "base/text.hpp"

namespace ngoaivu::indicators {

namespace {

using storage::TxMode;

Error AdminOnly() {
    return Error::PermissionDenied("Chỉ quản trị hệ thống được sửa danh mục chỉ tiêu.",
                                   "Only administrators may edit the indicators.");
}

Error NotFoundIndicator(const std::string& code) {
    return Error::NotFound("Không có chỉ tiêu mã \"" + EchoInput(code) + "\".",
                           "No indicator has the code \"" + EchoInput(code) + "\".");
}

Error NotFoundRound() {
    return Error::NotFound("Không tìm thấy kỳ báo cáo này.", "No such reporting round.");
}

Error NotFoundSubmission() {
    return Error::NotFound("Không tìm thấy số liệu của tỉnh này trong kỳ báo cáo.",
                           "No such province in this reporting round.");
}

Error VersionConflict(std::string_view what_vi, std::string_view what_en) {
    Error e = Error::Conflict(
        std::string(what_vi) +
            " đã được người khác sửa trong lúc bạn đang sửa: thay đổi của bạn chưa được lưu. "
            "Hãy tải lại bản mới nhất rồi sửa lại.",
        std::string(what_en) +
            " was changed by someone else while you were editing it: your change was not saved. "
            "Reload the latest version and edit again.");
    e.field = "version";
    return e;
}

Error Conflict(std::string field, std::string vi, std::string en) {
    Error e = Error::Conflict(std::move(vi), std::move(en));
    e.field = std::move(field);
    return e;
}

nlohmann::json ValuesJson(const std::vector<ValueCell>& cells,
                          const std::map<std::int64_t, std::string>& code_of) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& c : cells) {
        auto it = code_of.find(c.indicator_id);
        std::string code = it == code_of.end() ? std::to_string(c.indicator_id) : it->second;
        out[code] = {{"value_milli", c.value_milli ? nlohmann::json(*c.value_milli) : nullptr},
                     {"comment", c.comment},
                     {"source", c.source}};
    }
    return out;
}

std::map<std::int64_t, std::string> CodesOf(const Round& r) {
    std::map<std::int64_t, std::string> out;
    for (const auto& i : r.indicators)
        out[i.id] = i.fields.code;
    return out;
}

std::string RoundName(const Round& r) {
    auto p = EnumOf(Periodicities(), r.periodicity, Periodicity::kYear);
    return PeriodName(p.value_or(Periodicity::kYear), r.year, r.number, "en");
}

}  // namespace

std::string IndicatorService::Now() const {
    return audit::IsoUtc(clock_.Now());
}

nlohmann::json IndicatorService::Describe(const IndicatorFields& f) {
    return {{"code", f.code},
            {"name_vi", f.name_vi},
            {"name_en", f.name_en},
            {"unit", f.unit},
            {"aggregation", f.aggregation},
            {"periodicity", f.periodicity},
            {"source", f.source},
            {"counted_from", f.counted_from},
            {"decimals", f.decimals},
            {"min_milli", f.min_milli ? nlohmann::json(*f.min_milli) : nullptr},
            {"max_milli", f.max_milli ? nlohmann::json(*f.max_milli) : nullptr},
            {"required", f.required},
            {"description_vi", f.description_vi},
            {"description_en", f.description_en},
            {"sort_order", f.sort_order},
            {"active", f.active}};
}

Rights IndicatorService::RightsFor(const Actor& actor, std::int64_t unit_id) {
    Rights r;
    r.reads = actor.CanReadProvince(unit_id);
    r.admin = actor.IsAdmin();
    r.reviewer = r.admin || actor.Has(Role::kMofaStaff);
    r.submitter = r.admin;
    for (const auto& g : actor.grants) {
        if ((g.role == Role::kProvinceOfficer || g.role == Role::kProvinceLeader) &&
            (g.all_provinces || g.provinces.contains(unit_id)))
            r.submitter = true;
    }
    return r;
}

bool IndicatorService::CanManageRounds(const Actor& actor) {
    return actor.IsAdmin() || actor.Has(Role::kMofaStaff);
}

std::vector<UnitInfo> IndicatorService::UnitsOn(Date day) {
    auto tx = db_.Begin(TxMode::kRead);
    return repo_.UnitsOn(*tx, day);
}

// --- Definitions --------------------------------------------------------------------------

Result<std::vector<Indicator>> IndicatorService::ListIndicators(const Actor&, bool active_only) {
    auto tx = db_.Begin(TxMode::kRead);
    return repo_.ListIndicators(*tx, active_only);
}

Result<Indicator> IndicatorService::GetIndicator(const Actor&, const std::string& code) {
    auto tx = db_.Begin(TxMode::kRead);
    auto i = repo_.FindIndicator(*tx, code);
    if (!i)
        return NotFoundIndicator(code);
    return *i;
}

Result<Indicator> IndicatorService::CreateIndicator(const Actor& actor, IndicatorFields fields) {
    if (!actor.IsAdmin())
        return AdminOnly();
    if (auto v = CheckDefinition(fields); !v)
        return v.error();
    return storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<Indicator> {
        if (repo_.FindIndicator(tx, fields.code)) {
            return Conflict("code", "Đã có chỉ tiêu mã \"" + fields.code + "\".",
                            "An indicator with the code \"" + fields.code + "\" exists.");
        }
        std::int64_t id = repo_.InsertIndicator(tx, fields, Now());
        audit_.Record(tx, actor, "create", "indicator", std::to_string(id), nullptr,
                      Describe(fields));
        return *repo_.FindIndicator(tx, fields.code);
    });
}

Result<Indicator> IndicatorService::UpdateIndicator(const Actor& actor, const std::string& code,
                                                    std::int64_t expected_version,
                                                    IndicatorFields fields) {
    if (!actor.IsAdmin())
        return AdminOnly();
    fields.code = code;
    if (auto v = CheckDefinition(fields); !v)
        return v.error();
    return storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<Indicator> {
        auto current = repo_.FindIndicator(tx, code);
        if (!current)
            return NotFoundIndicator(code);
        if (current->version != expected_version)
            return VersionConflict("Chỉ tiêu", "The indicator");
        const IndicatorFields& was = current->fields;
        if (current->used) {
            struct Locked {
                const char* field;
                std::string before;
                std::string after;
                const char* vi;
                const char* en;
            };
            for (const Locked& l :
                 {Locked{"unit", was.unit, fields.unit, "đơn vị tính", "unit"},
                  Locked{"aggregation", was.aggregation, fields.aggregation, "cách cộng gộp",
                         "aggregation"},
                  Locked{"periodicity", was.periodicity, fields.periodicity, "kỳ báo cáo",
                         "periodicity"},
                  Locked{"source", was.source, fields.source, "nguồn số liệu", "source"}}) {
                if (l.before != l.after) {
                    return Conflict(
                        l.field,
                        "Chỉ tiêu " + code +
                            " đã được dùng trong kỳ báo cáo hoặc đã có số liệu: "
                            "không thể đổi " +
                            l.vi + " (có thể ngừng sử dụng và tạo chỉ tiêu mới).",
                        "Indicator " + code + " is already used by a round or has values: its " +
                            l.en + " cannot change (deactivate it and add a new one instead).");
                }
            }
        }
        if (Describe(was) == Describe(fields))
            return *current;
        if (!repo_.UpdateIndicator(tx, current->id, fields, expected_version, Now()))
            return VersionConflict("Chỉ tiêu", "The indicator");
        audit_.Record(tx, actor, "update", "indicator", std::to_string(current->id), Describe(was),
                      Describe(fields));
        return *repo_.FindIndicator(tx, code);
    });
}

// --- Rounds ---------------------------------------------------------------------------------

Result<Page<Round>> IndicatorService::ListRounds(const Actor&, const PageRequest& page) {
    auto tx = db_.Begin(TxMode::kRead);
    return repo_.ListRounds(*tx, page);
}

Result<Round> IndicatorService::GetRound(const Actor&, std::int64_t id) {
    auto tx = db_.Begin(TxMode::kRead);
    auto r = repo_.GetRound(*tx, id);
    if (!r)
        return NotFoundRound();
    return *r;
}

Result<Round> IndicatorService::CreateRound(const Actor& actor, RoundFields fields) {
    if (!CanManageRounds(actor)) {
        return Error::PermissionDenied(
            "Chỉ Bộ Ngoại giao và quản trị hệ thống được mở kỳ báo cáo.",
            "Only MOFA staff and administrators may open a reporting round.");
    }
    FieldProblems p(FieldProblems::Wording::kListingCodes);
    p.InList("periodicity", fields.periodicity, Periodicities(), "Kỳ báo cáo", "The periodicity");
    auto periodicity = EnumOf(Periodicities(), fields.periodicity, Periodicity::kYear);
    std::optional<std::pair<Date, Date>> days;
    if (fields.year < 2000 || fields.year > 2100) {
        p.Add("year", "Năm phải từ 2000 đến 2100.", "The year must be from 2000 to 2100.");
    } else if (periodicity) {
        days = PeriodDays(*periodicity, fields.year, fields.number);
        if (!days) {
            p.Add("number", "Số kỳ không hợp lệ: tháng 1-12, quý 1-4, năm 1.",
                  "The period number is not valid: month 1-12, quarter 1-4, year 1.");
        }
    }
    fields.note = p.Text("note", fields.note, 2000, false, "Ghi chú", "The note");
    if (fields.due_on && days && *fields.due_on < days->first) {
        p.Add("due_on", "Hạn gửi không thể trước ngày đầu của kỳ báo cáo.",
              "The due date cannot be before the period's first day.");
    }
    if (!p.empty())
        return p.ToError();
    return storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<Round> {
        if (repo_.FindRound(tx, fields.periodicity, fields.year, fields.number)) {
            return Conflict("number", "Kỳ báo cáo này đã được mở.",
                            "This reporting round is already open.");
        }
        std::vector<std::int64_t> ids;
        auto all = repo_.ListIndicators(tx, false);
        if (fields.codes.empty()) {
            for (const auto& i : all) {
                if (i.fields.active && i.fields.source == "entered" &&
                    i.fields.periodicity == fields.periodicity)
                    ids.push_back(i.id);
            }
            if (ids.empty()) {
                return Error::InvalidArgument(
                    "codes", "Không có chỉ tiêu nào đang dùng, do tỉnh nhập, theo kỳ này.",
                    "No active indicator entered by the provinces has this periodicity.");
            }
        } else {
            std::set<std::string> seen;
            FieldProblems cp;
            for (const auto& code : fields.codes) {
                auto it = std::find_if(all.begin(), all.end(),
                                       [&](const Indicator& i) { return i.fields.code == code; });
                if (!seen.insert(code).second)
                    continue;
                if (it == all.end()) {
                    cp.Add("codes", "Không có chỉ tiêu mã \"" + EchoInput(code) + "\".",
                           "No indicator has the code \"" + EchoInput(code) + "\".");
                } else if (!it->fields.active || it->fields.source != "entered" ||
                           it->fields.periodicity != fields.periodicity) {
                    cp.Add("codes",
                           "Chỉ tiêu " + code +
                               " không dùng được trong kỳ này (phải đang dùng, do tỉnh nhập, "
                               "cùng kỳ báo cáo).",
                           "Indicator " + code +
                               " cannot be asked in this round (it must be active, entered by "
                               "the provinces, of the round's periodicity).");
                } else {
                    ids.push_back(it->id);
                }
            }
            if (!cp.empty())
                return cp.ToError();
        }
        Round r;
        r.periodicity = fields.periodicity;
        r.year = fields.year;
        r.number = fields.number;
        r.starts_on = days->first;
        r.ends_on = days->second;
        r.due_on = fields.due_on.value_or(days->second.AddDays(20));
        r.generation = GenerationOn(days->second);
        r.note = fields.note;
        std::int64_t id = repo_.InsertRound(tx, r, ids, actor.user_id, Now());
        Round created = *repo_.GetRound(tx, id);
        std::vector<std::string> codes;
        for (const auto& i : created.indicators)
            codes.push_back(i.fields.code);
        audit_.Record(tx, actor, "create", "indicator_round", std::to_string(id), nullptr,
                      {{"periodicity", r.periodicity},
                       {"year", r.year},
                       {"number", r.number},
                       {"due_on", r.due_on.ToIso()},
                       {"generation", r.generation},
                       {"indicators", codes}});
        return created;
    });
}

Result<Completeness> IndicatorService::GetCompleteness(const Actor& actor, std::int64_t round_id) {
    auto tx = db_.Begin(TxMode::kRead);
    auto round = repo_.GetRound(*tx, round_id);
    if (!round)
        return NotFoundRound();
    Completeness c;
    c.round = *round;
    std::map<std::int64_t, Submission> by_unit;
    for (auto& s : repo_.RoundSubmissions(*tx, round_id))
        by_unit[s.admin_unit_id] = std::move(s);
    std::map<std::string, int> counts;
    for (const auto& u : repo_.UnitsOn(*tx, round->ends_on)) {
        if (!actor.CanReadProvince(u.id))
            continue;
        CompletenessRow row;
        row.unit = u;
        auto it = by_unit.find(u.id);
        if (it != by_unit.end()) {
            row.submission_id = it->second.id;
            row.submitted_at = it->second.submitted_at;
            row.submitted_on = it->second.submitted_on;
            row.state =
                CompletenessState(it->second.status, it->second.submitted_on, round->due_on);
        } else {
            row.state = CompletenessState("", std::nullopt, round->due_on);
        }
        ++counts[row.state];
        c.rows.push_back(std::move(row));
    }
    for (const auto& s : CompletenessStates())
        c.counts.emplace_back(std::string(s.code), counts[std::string(s.code)]);
    return c;
}

// --- Submissions ----------------------------------------------------------------------------

Result<Grid> IndicatorService::LoadGrid(storage::Transaction& tx, const Actor& actor,
                                        std::int64_t round_id, std::int64_t unit_id) {
    auto round = repo_.GetRound(tx, round_id);
    if (!round)
        return NotFoundRound();
    Rights rights = RightsFor(actor, unit_id);
    if (!rights.reads)
        return NotFoundSubmission();
    auto unit = repo_.FindUnit(tx, unit_id);
    Date end = round->ends_on;
    if (!unit || unit->generation != round->generation)
        return NotFoundSubmission();
    // In force on the round's last day: generation 1 units until 30/06/2025, generation 2 after.
    if (GenerationOn(end) != unit->generation)
        return NotFoundSubmission();
    Grid g;
    g.round = std::move(*round);
    g.unit = std::move(*unit);
    if (auto s = repo_.FindSubmission(tx, round_id, unit_id)) {
        g.submission = std::move(*s);
    } else {
        g.submission.round_id = round_id;
        g.submission.admin_unit_id = unit_id;
    }
    g.editable = rights.submitter && IsEditable(g.submission.status);
    g.steps = StepsFor(g.submission.status, rights);
    return g;
}

Result<Grid> IndicatorService::GetGrid(const Actor& actor, std::int64_t round_id,
                                       std::int64_t unit_id) {
    auto tx = db_.Begin(TxMode::kRead);
    return LoadGrid(*tx, actor, round_id, unit_id);
}

Result<Grid> IndicatorService::SaveGrid(const Actor& actor, std::int64_t round_id,
                                        std::int64_t unit_id, const SaveGridRequest& req) {
    return storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<Grid> {
        auto grid = LoadGrid(tx, actor, round_id, unit_id);
        if (!grid)
            return grid.error();
        Rights rights = RightsFor(actor, unit_id);
        if (!rights.submitter) {
            return Error::PermissionDenied(
                "Chỉ cán bộ, lãnh đạo của tỉnh (hoặc quản trị hệ thống) được nhập số liệu.",
                "Only the province's officers and leaders (or administrators) enter its figures.");
        }
        // Every cell, before any write.
        FieldProblems p;
        std::map<std::string, const Indicator*> asked;
        for (const auto& i : grid->round.indicators)
            asked[i.fields.code] = &i;
        std::map<std::int64_t, ValueCell> cells;
        std::set<std::string> seen;
        for (const auto& in : req.cells) {
            std::string field = "values." + (text::IsValidUtf8(in.code) ? in.code : "?");
            auto it = asked.find(in.code);
            if (it == asked.end()) {
                p.Add(field, "Kỳ báo cáo này không có chỉ tiêu mã \"" + EchoInput(in.code) + "\".",
                      "This round does not ask for an indicator with the code \"" +
                          EchoInput(in.code) + "\".");
                continue;
            }
            if (!seen.insert(in.code).second) {
                p.Add(field, "Chỉ tiêu " + in.code + " được gửi hai lần.",
                      "Indicator " + in.code + " is given twice.");
                continue;
            }
            const IndicatorFields& f = it->second->fields;
            ValueCell c;
            c.indicator_id = it->second->id;
            c.value_milli = CheckCell(f, field, in.value, req.lang, p);
            c.comment = p.Text(field + ".comment", in.comment, 2000, false,
                               "Ghi chú của chỉ tiêu " + f.code, "The comment of " + f.code);
            c.source = p.Text(field + ".source", in.source, 500, false,
                              "Nguồn của chỉ tiêu " + f.code, "The source of " + f.code);
            cells[c.indicator_id] = std::move(c);
        }
        if (!p.empty())
            return p.ToError();
        Submission s = grid->submission;
        if (s.version != req.version)
            return VersionConflict("Bộ số liệu", "The data set");
        if (!IsEditable(s.status)) {
            return Conflict("status",
                            "Số liệu đã gửi hoặc đã được duyệt thì không sửa được (đang khóa).",
                            "Figures that are submitted or approved cannot be changed (locked).");
        }
        std::string now = Now();
        bool created = s.id == 0;
        if (created) {
            s.id = repo_.InsertSubmission(tx, round_id, unit_id, now);
            s.status = "draft";
            s.version = 1;
        }
        std::vector<ValueCell> list;
        for (auto& [id, c] : cells)
            list.push_back(std::move(c));
        auto code_of = CodesOf(grid->round);
        nlohmann::json before = ValuesJson(grid->submission.values, code_of);
        nlohmann::json after = ValuesJson(list, code_of);
        if (!created && !repo_.UpdateSubmission(tx, s, s.version, now))
            return VersionConflict("Bộ số liệu", "The data set");
        repo_.ReplaceValues(tx, s, grid->round, list);
        repo_.InsertHistory(tx, s.id, {"save", s.status, s.status, "", actor.login, now},
                            actor.user_id);
        audit_.Record(tx, actor, "save_values", "indicator_submission", std::to_string(s.id),
                      before, after);
        return LoadGrid(tx, actor, round_id, unit_id);
    });
}

Result<Grid> IndicatorService::Step(const Actor& actor, std::int64_t round_id, std::int64_t unit_id,
                                    const StepRequest& req) {
    return storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<Grid> {
        auto grid = LoadGrid(tx, actor, round_id, unit_id);
        if (!grid)
            return grid.error();
        Submission s = grid->submission;
        auto next = PlanStep(s.status, req.action, RightsFor(actor, unit_id), req.comment);
        if (!next)
            return next.error();
        if (req.version && *req.version != s.version)
            return VersionConflict("Bộ số liệu", "The data set");
        std::string now = Now();
        if (*next == Status::kSubmitted) {
            FieldProblems missing;
            for (const auto& i : grid->round.indicators) {
                if (!i.fields.required)
                    continue;
                bool has = std::any_of(s.values.begin(), s.values.end(), [&](const ValueCell& c) {
                    return c.indicator_id == i.id && c.value_milli.has_value();
                });
                if (!has) {
                    missing.Add("values." + i.fields.code,
                                "Chưa nhập chỉ tiêu bắt buộc " + i.fields.code + " (" +
                                    i.fields.name_vi + ").",
                                "The required indicator " + i.fields.code + " (" +
                                    i.fields.name_en + ") has no value.");
                }
            }
            if (!missing.empty())
                return missing.ToError();
        }
        std::string from = s.status.empty() ? "not_started" : s.status;
        if (s.id == 0) {
            s.id = repo_.InsertSubmission(tx, round_id, unit_id, now);
            s.status = "draft";
            s.version = 1;
        }
        std::int64_t version = s.version;
        std::string comment = CleanInput(req.comment);
        s.status = std::string(CodeOf(Statuses(), *next));
        switch (*next) {
            case Status::kSubmitted:
                s.submitted_at = now;
                s.submitted_on = clock_.Today();
                break;
            case Status::kApproved:
                s.decided_at = now;
                break;
            case Status::kReturned:
                s.decided_at = now;
                s.comment = comment;
                break;
            case Status::kDraft:
                break;
        }
        if (!repo_.UpdateSubmission(tx, s, version, now))
            return VersionConflict("Bộ số liệu", "The data set");
        repo_.SetApproved(tx, s.id, *next == Status::kApproved);
        repo_.InsertHistory(tx, s.id, {req.action, from, s.status, comment, actor.login, now},
                            actor.user_id);
        audit_.Record(tx, actor, req.action, "indicator_submission", std::to_string(s.id),
                      {{"status", from}},
                      {{"status", s.status},
                       {"round", RoundName(grid->round)},
                       {"admin_unit_id", unit_id},
                       {"comment", comment}});
        return LoadGrid(tx, actor, round_id, unit_id);
    });
}

// --- Yearly values --------------------------------------------------------------------------

Result<std::vector<YearValue>> IndicatorService::YearlyValues(const Actor& actor,
                                                              const YearlyValuesRequest& req) {
    FieldProblems p;
    if (req.from_year < 2000 || req.from_year > 2100)
        p.Add("from_year", "Năm đầu phải từ 2000 đến 2100.", "The first year must be 2000-2100.");
    if (req.to_year < 2000 || req.to_year > 2100)
        p.Add("to_year", "Năm cuối phải từ 2000 đến 2100.", "The last year must be 2000-2100.");
    else if (req.to_year < req.from_year || req.to_year - req.from_year >= 50)
        p.Add("to_year", "Năm cuối phải từ năm đầu đến năm đầu + 49.",
              "The last year must be from the first year to 49 years after it.");
    if (req.generation != 1 && req.generation != 2) {
        p.Add("generation", "Địa giới phải là 1 (63 tỉnh cũ) hoặc 2 (34 tỉnh hiện nay).",
              "The boundaries must be 1 (the 63 former units) or 2 (today's 34).");
    }
    if (!p.empty())
        return p.ToError();
    auto tx = db_.Begin(TxMode::kRead);
    if (req.unit_id) {
        auto u = repo_.FindUnit(*tx, *req.unit_id);
        if (!u || u->generation != req.generation) {
            return Error::InvalidArgument(
                "unit",
                "Không có tỉnh mã số " + std::to_string(*req.unit_id) + " theo địa giới đã chọn.",
                "No unit has the id " + std::to_string(*req.unit_id) +
                    " within the chosen boundaries.");
        }
    }
    auto all = repo_.ListIndicators(*tx, false);
    std::vector<const Indicator*> chosen;
    if (req.codes.empty()) {
        for (const auto& i : all) {
            if (i.fields.active)
                chosen.push_back(&i);
        }
    } else {
        FieldProblems cp;
        for (const auto& code : req.codes) {
            auto it = std::find_if(all.begin(), all.end(),
                                   [&](const Indicator& i) { return i.fields.code == code; });
            if (it == all.end()) {
                cp.Add("codes", "Không có chỉ tiêu mã \"" + EchoInput(code) + "\".",
                       "No indicator has the code \"" + EchoInput(code) + "\".");
            } else if (std::find(chosen.begin(), chosen.end(), &*it) == chosen.end()) {
                chosen.push_back(&*it);
            }
        }
        if (!cp.empty())
            return cp.ToError();
    }
    std::map<std::string, Aggregation> aggregation_of;
    std::map<std::int64_t, std::string> entered;
    std::set<std::int64_t> summed;
    std::vector<PeriodValue> values;
    for (const Indicator* i : chosen) {
        aggregation_of[i->fields.code] =
            EnumOf(Aggregations(), i->fields.aggregation, Aggregation::kLast)
                .value_or(Aggregation::kSum);
        if (i->fields.source == "entered") {
            entered[i->id] = i->fields.code;
            if (i->fields.aggregation == "sum")
                summed.insert(i->id);
        } else {
            auto counted = repo_.CountedValues(*tx, i->fields.counted_from, i->fields.code,
                                               req.from_year, req.to_year);
            values.insert(values.end(), counted.begin(), counted.end());
        }
    }
    ProvinceScope scope = ReadScopeOf(actor);
    auto stored = repo_.PeriodValues(*tx, entered, summed, req.from_year, req.to_year,
                                     req.approved_only, scope.all ? nullptr : &scope.unit_ids);
    if (values.empty()) {
        values = std::move(stored);
    } else {
        values.insert(values.end(), stored.begin(), stored.end());
    }
    auto successions = repo_.Successions(*tx);
    auto rolled = RollUp(values, aggregation_of, req.generation, successions);
    std::vector<YearValue> out;
    out.reserve(rolled.size());
    for (auto& v : rolled) {
        if (req.unit_id && v.unit_id != *req.unit_id)
            continue;
        if (!scope.all &&
            !std::binary_search(scope.unit_ids.begin(), scope.unit_ids.end(), v.unit_id))
            continue;
        out.push_back(std::move(v));
    }
    return out;
}

Result<std::vector<YearValue>> IndicatorService::NationalValues(const Actor& actor,
                                                                const YearlyValuesRequest& req) {
    auto values = YearlyValues(actor, req);
    if (!values)
        return values.error();
    return NationalTotalsOf(*values);
}

std::vector<YearValue> IndicatorService::NationalTotalsOf(const std::vector<YearValue>& values) {
    std::map<std::string, Aggregation> aggregation_of;
    {
        auto tx = db_.Begin(TxMode::kRead);
        for (const auto& i : repo_.ListIndicators(*tx, false)) {
            aggregation_of[i.fields.code] =
                EnumOf(Aggregations(), i.fields.aggregation, Aggregation::kLast)
                    .value_or(Aggregation::kSum);
        }
    }
    return NationalTotals(values, aggregation_of);
}

// --- Demo data ------------------------------------------------------------------------------

Result<int> IndicatorService::AddDemoSubmissions(const Actor& actor, std::int64_t round_id,
                                                 const std::vector<DemoSubmission>& submissions) {
    return storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<int> {
        auto round = repo_.GetRound(tx, round_id);
        if (!round)
            return NotFoundRound();
        std::string now = Now();
        int written = 0;
        for (const auto& d : submissions) {
            Submission s;
            s.id = repo_.InsertSubmission(tx, round_id, d.unit_id, now);
            s.round_id = round_id;
            s.admin_unit_id = d.unit_id;
            s.status = d.status;
            s.version = 1;
            if (d.submitted_on) {
                s.submitted_on = d.submitted_on;
                s.submitted_at = d.submitted_on->ToIso() + "T03:00:00.000Z";
            }
            if (d.status == "approved" || d.status == "returned")
                s.decided_at = s.submitted_at;
            s.comment = d.comment;
            repo_.UpdateSubmission(tx, s, 1, now);
            repo_.ReplaceValues(tx, s, *round, d.cells);
            repo_.InsertHistory(tx, s.id, {"save", "not_started", "draft", "", actor.login, now},
                                actor.user_id);
            if (d.status != "draft") {
                repo_.InsertHistory(tx, s.id,
                                    {"submit", "draft", "submitted", "", actor.login, now},
                                    actor.user_id);
            }
            if (d.status == "approved" || d.status == "returned") {
                repo_.InsertHistory(tx, s.id,
                                    {d.status == "approved" ? "approve" : "return", "submitted",
                                     d.status, d.comment, actor.login, now},
                                    actor.user_id);
            }
            ++written;
        }
        audit_.Record(tx, actor, "demo", "indicator_round", std::to_string(round_id), nullptr,
                      {{"submissions", written}});
        return written;
    });
}

}  // namespace ngoaivu::indicators
