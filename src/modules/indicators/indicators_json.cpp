#include <charconv>
#include <cmath>
#include <map>
#include <sstream>

#include "base/field_problems.hpp"
#include "base/text.hpp"
#include "http/json.hpp"
#include "http/json_fields.hpp"
#include "modules/indicators/indicators_routes.hpp"

namespace ngoaivu::indicators::detail {

namespace {

nlohmann::json OptString(const std::optional<std::string>& s) {
    return s ? nlohmann::json(*s) : nlohmann::json();
}

nlohmann::json OptInt(const std::optional<std::int64_t>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json();
}

// A milli value as a JSON number (exact for every value the module stores: at most 15 digits
// before the point and 3 after).
nlohmann::json MilliNumber(std::int64_t milli) {
    return static_cast<double>(milli) / 1000.0;
}

// A JSON number as text that ParseMilli reads back exactly in `lang`: no grouping, and the
// decimal separator of the language ("1234,5" in Vietnamese, "1234.5" in English). A number in
// exponent form, or not finite, gives a text that is not a number (reported by CheckCell).
std::string NumberText(const nlohmann::json& v, std::string_view lang) {
    if (v.is_number_integer())
        return v.dump();
    std::string t = v.dump();
    if (t.find_first_of("eE") != std::string::npos || !std::isfinite(v.get<double>()))
        return "?" + t;
    if (auto dot = t.find('.'); dot != std::string::npos) {
        while (t.back() == '0')
            t.pop_back();
        if (t.back() == '.')
            t.pop_back();
        else if (lang != "en")
            t[dot] = ',';
    }
    return t;
}

std::string RoundNameIn(const Round& r, std::string_view lang) {
    auto p = EnumOf(Periodicities(), r.periodicity, Periodicity::kYear);
    return PeriodName(p.value_or(Periodicity::kYear), r.year, r.number, lang);
}

}  // namespace

nlohmann::json IndicatorJson(const Indicator& i) {
    const IndicatorFields& f = i.fields;
    return {{"code", f.code},
            {"name_vi", f.name_vi},
            {"name_en", f.name_en},
            {"unit", f.unit},
            {"aggregation", f.aggregation},
            {"periodicity", f.periodicity},
            {"source", f.source},
            {"counted_from",
             f.counted_from.empty() ? nlohmann::json() : nlohmann::json(f.counted_from)},
            {"decimals", f.decimals},
            {"min_milli", OptInt(f.min_milli)},
            {"max_milli", OptInt(f.max_milli)},
            {"required", f.required},
            {"description_vi", f.description_vi},
            {"description_en", f.description_en},
            {"sort_order", f.sort_order},
            {"active", f.active},
            {"used", i.used},
            {"version", i.version}};
}

nlohmann::json RoundJson(const Round& r, bool with_indicators) {
    nlohmann::json j = {{"id", r.id},
                        {"periodicity", r.periodicity},
                        {"year", r.year},
                        {"number", r.number},
                        {"name_vi", RoundNameIn(r, "vi")},
                        {"name_en", RoundNameIn(r, "en")},
                        {"starts_on", r.starts_on.ToIso()},
                        {"ends_on", r.ends_on.ToIso()},
                        {"due_on", r.due_on.ToIso()},
                        {"generation", r.generation},
                        {"note", r.note},
                        {"submitted", r.submitted},
                        {"approved", r.approved}};
    if (with_indicators) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& i : r.indicators)
            list.push_back(IndicatorJson(i));
        j["indicators"] = list;
    }
    return j;
}

nlohmann::json UnitJson(const UnitInfo& u) {
    return {{"id", u.id},
            {"code", u.code},
            {"name_vi", u.name_vi},
            {"name_en", u.name_en},
            {"generation", u.generation},
            {"current_id", u.current_id}};
}

nlohmann::json GridJson(const Grid& g) {
    nlohmann::json cells = nlohmann::json::array();
    for (const auto& i : g.round.indicators) {
        const ValueCell* c = nullptr;
        for (const auto& v : g.submission.values) {
            if (v.indicator_id == i.id)
                c = &v;
        }
        // Plain values rather than an optional: GCC's -O3 warns (maybe-uninitialized) about the
        // optional's payload here.
        bool has_value = c != nullptr && c->value_milli.has_value();
        std::int64_t milli = has_value ? *c->value_milli : 0;
        cells.push_back({{"code", i.fields.code},
                         {"name_vi", i.fields.name_vi},
                         {"name_en", i.fields.name_en},
                         {"unit", i.fields.unit},
                         {"decimals", i.fields.decimals},
                         {"required", i.fields.required},
                         {"value_milli", has_value ? nlohmann::json(milli) : nlohmann::json()},
                         {"value", has_value ? MilliNumber(milli) : nlohmann::json()},
                         {"comment", c ? c->comment : ""},
                         {"source", c ? c->source : ""}});
    }
    nlohmann::json history = nlohmann::json::array();
    for (const auto& h : g.submission.history) {
        history.push_back({{"action", h.action},
                           {"from_status", h.from_status},
                           {"to_status", h.to_status},
                           {"comment", h.comment},
                           {"user", h.user_login},
                           {"at", h.recorded_at}});
    }
    const Submission& s = g.submission;
    return {{"round", RoundJson(g.round, false)},
            {"unit", UnitJson(g.unit)},
            {"submission",
             {{"id", s.id == 0 ? nlohmann::json() : nlohmann::json(s.id)},
              {"status", s.status.empty() ? "not_started" : s.status},
              {"version", s.version},
              {"submitted_at", OptString(s.submitted_at)},
              {"submitted_on", http::JsonDate(s.submitted_on)},
              {"decided_at", OptString(s.decided_at)},
              {"comment", s.comment}}},
            {"editable", g.editable},
            {"steps", g.steps},
            {"cells", cells},
            {"history", history}};
}

nlohmann::json CompletenessJson(const Completeness& c) {
    nlohmann::json counts = nlohmann::json::object();
    for (const auto& [state, n] : c.counts)
        counts[state] = n;
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : c.rows) {
        items.push_back({{"unit", UnitJson(r.unit)},
                         {"state", r.state},
                         {"submission_id", r.submission_id == 0 ? nlohmann::json()
                                                                : nlohmann::json(r.submission_id)},
                         {"submitted_at", OptString(r.submitted_at)},
                         {"submitted_on", http::JsonDate(r.submitted_on)}});
    }
    return {{"round", RoundJson(c.round, false)}, {"counts", counts}, {"items", items}};
}

nlohmann::json YearValueJson(const YearValue& v) {
    return {{"code", v.code},
            {"unit_id", v.unit_id == 0 ? nlohmann::json() : nlohmann::json(v.unit_id)},
            {"year", v.year},
            {"value_milli", v.value_milli},
            {"value", MilliNumber(v.value_milli)},
            {"split_impossible", v.split_impossible}};
}

std::string YearlyValuesText(const YearlyValuesRequest& q, const std::vector<YearValue>& items,
                             const std::vector<YearValue>& national) {
    std::map<std::string, std::string> quoted;  // each code as a JSON string, escaped once
    std::string out;
    out.reserve(96 * (items.size() + national.size()) + 128);
    auto append_int = [&out](std::int64_t v) {
        char buf[24];
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        out.append(buf, r.ptr);
    };
    auto append_list = [&](const std::vector<YearValue>& list) {
        out += '[';
        bool first = true;
        for (const auto& v : list) {
            if (!first)
                out += ',';
            first = false;
            auto it = quoted.find(v.code);
            if (it == quoted.end())
                it = quoted.emplace(v.code, nlohmann::json(v.code).dump()).first;
            out += "{\"code\":";
            out += it->second;
            out += ",\"unit_id\":";
            if (v.unit_id == 0)
                out += "null";
            else
                append_int(v.unit_id);
            out += ",\"year\":";
            append_int(v.year);
            out += ",\"value_milli\":";
            append_int(v.value_milli);
            out += ",\"value\":";
            out += PlainMilli(v.value_milli);
            out += ",\"split_impossible\":";
            out += v.split_impossible ? "true" : "false";
            out += '}';
        }
        out += ']';
    };
    out += "{\"from_year\":";
    append_int(q.from_year);
    out += ",\"to_year\":";
    append_int(q.to_year);
    out += q.generation == 1 ? ",\"by\":\"old\"" : ",\"by\":\"new\"";
    out += q.approved_only ? ",\"approved_only\":true" : ",\"approved_only\":false";
    out += ",\"items\":";
    append_list(items);
    out += ",\"national\":";
    append_list(national);
    out += '}';
    return out;
}

Result<IndicatorFields> ParseIndicatorJson(const nlohmann::json& body, std::int64_t* version) {
    http::JsonFields in(body);
    IndicatorFields f;
    f.code = in.String("code", version == nullptr);
    f.name_vi = in.String("name_vi", true);
    f.name_en = in.String("name_en", true);
    f.unit = in.String("unit", true);
    f.aggregation = in.String("aggregation", true);
    f.periodicity = in.String("periodicity", true);
    f.source = in.String("source", true);
    f.counted_from = in.String("counted_from");
    f.decimals = static_cast<int>(in.Int("decimals").value_or(0));
    f.min_milli = in.Int("min_milli");
    f.max_milli = in.Int("max_milli");
    f.required = in.Bool("required", false);
    f.description_vi = in.String("description_vi");
    f.description_en = in.String("description_en");
    auto order = in.Int("sort_order");
    if (order && (*order < 0 || *order > 100000)) {
        in.Add("sort_order", "Thứ tự phải là số nguyên từ 0 đến 100000.",
               "The sort order must be a whole number from 0 to 100000.");
    }
    f.sort_order = static_cast<int>(order && *order >= 0 && *order <= 100000 ? *order : 0);
    auto decimals = in.Int("decimals");
    if (decimals && (*decimals < 0 || *decimals > 3))
        f.decimals = -1;  // CheckDefinition names it
    f.active = in.Bool("active", true);
    if (version)
        *version = in.Int("version", true).value_or(0);
    if (auto e = in.Problem())
        return *e;
    return f;
}

Result<RoundFields> ParseRoundJson(const nlohmann::json& body) {
    http::JsonFields in(body);
    RoundFields r;
    r.periodicity = in.String("periodicity", true);
    auto year = in.Int("year", true);
    auto number = in.Int("number");
    r.year = year && *year >= 0 && *year <= 100000 ? static_cast<int>(*year) : 0;
    r.number = number ? (*number >= -1000 && *number <= 1000 ? static_cast<int>(*number) : 0) : 1;
    r.due_on = in.Date("due_on");
    r.codes = in.Strings("codes");
    r.note = in.String("note");
    if (auto e = in.Problem())
        return *e;
    return r;
}

Result<SaveGridRequest> ParseGridJson(const nlohmann::json& body) {
    http::JsonFields in(body);
    SaveGridRequest req;
    req.version = in.Int("version", true).value_or(0);
    std::string lang = in.String("lang");
    if (!lang.empty() && lang != "vi" && lang != "en") {
        in.Add("lang", "Ngôn ngữ của số phải là vi hoặc en.",
               "The language of the numbers must be vi or en.");
    }
    req.lang = lang.empty() ? "vi" : lang;
    const nlohmann::json& values = in.Raw("values");
    if (!values.is_null() && !values.is_object()) {
        in.Add("values", "Trường \"values\" phải là một đối tượng {mã chỉ tiêu: giá trị}.",
               "The field \"values\" must be an object {indicator code: value}.");
    } else if (values.is_object()) {
        for (const auto& [code, cell] : values.items()) {
            std::string field = "values." + code;
            CellInput c;
            c.code = code;
            const nlohmann::json* value = &cell;
            if (cell.is_object()) {
                auto it = cell.find("value");
                value = it == cell.end() ? nullptr : &*it;
                for (const char* member : {"comment", "source"}) {
                    auto m = cell.find(member);
                    if (m == cell.end() || m->is_null())
                        continue;
                    if (!m->is_string()) {
                        in.Add(field + "." + member,
                               "Trường \"" + field + "." + member + "\" phải là chuỗi.",
                               "The field \"" + field + "." + member + "\" must be a string.");
                        continue;
                    }
                    (std::string(member) == "comment" ? c.comment : c.source) =
                        m->get<std::string>();
                }
            }
            if (value == nullptr || value->is_null()) {
                c.value = "";
            } else if (value->is_string()) {
                c.value = value->get<std::string>();
            } else if (value->is_number()) {
                c.value = NumberText(*value, req.lang);
            } else {
                in.Add(
                    field, "Giá trị của chỉ tiêu " + EchoInput(code) + " phải là số hoặc chuỗi.",
                    "The value of indicator " + EchoInput(code) + " must be a number or a string.");
                continue;
            }
            req.cells.push_back(std::move(c));
        }
    }
    if (auto e = in.Problem())
        return *e;
    return req;
}

Result<StepRequest> ParseStepJson(const nlohmann::json& body) {
    http::JsonFields in(body);
    StepRequest s;
    s.action = in.String("action", true);
    s.comment = in.String("comment");
    s.version = in.Int("version");
    if (auto e = in.Problem())
        return *e;
    return s;
}

Result<YearlyValuesRequest> ParseValuesQuery(const http::Request& req, int this_year) {
    YearlyValuesRequest r;
    std::string codes(req.Query("codes").value_or(""));
    std::stringstream ss(codes);
    std::string code;
    while (std::getline(ss, code, ',')) {
        if (!code.empty())
            r.codes.push_back(code);
    }
    auto from = http::ParseIntParam(req, "from_year", 2000, 2100);
    if (!from)
        return from.error();
    auto to = http::ParseIntParam(req, "to_year", 2000, 2100);
    if (!to)
        return to.error();
    r.to_year = static_cast<int>(to->value_or(this_year));
    r.from_year = static_cast<int>(from->value_or(std::max(2000, r.to_year - 9)));
    std::string by(req.Query("by").value_or("new"));
    if (by != "new" && by != "old") {
        return Error::InvalidArgument(
            "by",
            "Tham số \"by\" phải là new (34 tỉnh hiện nay) hoặc old (63 tỉnh trước 1/7/2025).",
            "The parameter \"by\" must be new (today's 34 units) or old (the 63 units before "
            "1 July 2025).");
    }
    r.generation = by == "old" ? 1 : 2;
    auto unit = http::ParseIntParam(req, "unit", 1, 1000000);
    if (!unit)
        return unit.error();
    r.unit_id = *unit;
    r.approved_only = !http::FlagParam(req, "drafts");
    return r;
}

}  // namespace ngoaivu::indicators::detail
