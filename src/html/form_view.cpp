#include "html/form_view.hpp"

#include <algorithm>
#include <utility>

#include "base/field_problems.hpp"
#include "http/json.hpp"

namespace ngoaivu::html {

bool IsEnglish(const http::Request& req) {
    return LangOf(req) == "en";
}

std::string CodeLabel(const http::Request& req, const std::vector<Code>& list,
                      std::string_view code) {
    return IsEnglish(req) ? NameEn(list, code) : NameVi(list, code);
}

std::string DateText(const std::optional<Date>& d) {
    return d ? d->ToDisplay() : "";
}

std::string FieldKey(std::string_view field) {
    std::string out(field);
    for (char& c : out) {
        if (c == '.' || c == '[' || c == ']')
            c = '_';
    }
    return out;
}

std::string ValueAt(const std::vector<std::string>& values, std::size_t i) {
    return i < values.size() ? values[i] : std::string();
}

std::optional<Date> ParseFormDate(std::string_view raw) {
    std::string t = CleanInput(raw);
    auto d = Date::ParseVi(t);
    if (!d)
        d = Date::ParseIso(t);
    return d;
}

FieldError NotADate(const std::string& field, std::string_view raw) {
    return {field, "\"" + EchoInput(raw) + "\" không phải ngày: hãy viết dd/mm/yyyy.",
            "\"" + EchoInput(raw) + "\" is not a date: write dd/mm/yyyy."};
}

std::pair<Date, Date> FormDays(std::string_view starts_on, std::string_view ends_on, Date today,
                               std::vector<FieldError>* problems) {
    Date first = today;
    if (CleanInput(starts_on).empty()) {
        problems->push_back({"starts_on", "Cần ngày bắt đầu (dd/mm/yyyy).",
                             "The first day is required (dd/mm/yyyy)."});
    } else if (auto d = ParseFormDate(starts_on)) {
        first = *d;
    } else {
        problems->push_back(NotADate("starts_on", starts_on));
    }
    Date last = first;
    if (!CleanInput(ends_on).empty()) {
        if (auto d = ParseFormDate(ends_on))
            last = *d;
        else
            problems->push_back(NotADate("ends_on", ends_on));
    }
    return {first, last};
}

Data CodeOptions(const http::Request& req, const std::vector<Code>& list, std::string_view selected,
                 std::string_view skip) {
    Data out(Data::type::list);
    for (const auto& c : list) {
        if (!skip.empty() && c.code == skip)
            continue;
        Data o;
        o.set("value", std::string(c.code));
        o.set("label", std::string(IsEnglish(req) ? c.en : c.vi));
        o.set("selected", c.code == selected);
        out.push_back(o);
    }
    return out;
}

std::optional<std::size_t> RowOf(const std::string& field, std::string_view list) {
    std::string prefix = std::string(list) + "[";
    if (!field.starts_with(prefix))
        return std::nullopt;
    auto close = field.find(']', prefix.size());
    if (close == std::string::npos)
        return std::nullopt;
    auto n = http::ParseWholeNumber(field.substr(prefix.size(), close - prefix.size()));
    if (!n || *n < 0)
        return std::nullopt;
    return static_cast<std::size_t>(*n);
}

void AppendError(Data& view, const std::string& key, const std::string& message) {
    std::string shown;
    if (auto prior = view.get("error_" + key); prior && prior->is_string())
        shown = prior->string_value() + " ";
    view.set("error_" + key, shown + message);
}

std::size_t BlankRows(std::size_t filled, std::size_t min_rows, std::size_t spare) {
    return std::max(spare, min_rows - std::min(min_rows, filled));
}

Error FormError(std::vector<FieldError> problems, const Result<void>& rules,
                bool (*is_date_field)(const std::string& field)) {
    const bool bad_dates = std::any_of(problems.begin(), problems.end(),
                                       [&](const FieldError& p) { return is_date_field(p.field); });
    if (!rules) {
        for (const auto& p : rules.error().fields) {
            bool known = std::any_of(problems.begin(), problems.end(),
                                     [&](const FieldError& q) { return q.field == p.field; });
            if (!known && !(bad_dates && is_date_field(p.field)))
                problems.push_back(p);
        }
    }
    return InvalidFields(std::move(problems));
}

Error MissingVersion() {
    return Error::InvalidArgument("version", "Thiếu phiên bản của bản ghi: hãy tải lại trang.",
                                  "The record's version is missing: reload the page.");
}

void AddLabelled(Data& list, std::string label, std::string value) {
    Data d;
    d.set("label", std::move(label));
    d.set("value", std::move(value));
    list.push_back(d);
}

std::string StepShown::Get(std::string_view step, std::string_view name,
                           std::string fallback) const {
    if (req && action == step)
        return req->Form(name);
    return fallback;
}

void SetStepError(Data& step, const http::Request& req, const Error* error,
                  const std::string& key) {
    const std::string top =
        !error ? std::string() : (IsEnglish(req) ? error->message_en : error->message_vi);
    step.set(key, top);
    step.set("has_" + key, !top.empty());
    Data messages(Data::type::list);
    if (error) {
        for (const auto& fe : error->fields) {
            const std::string& m = IsEnglish(req) ? fe.message_en : fe.message_vi;
            if (m == top)
                continue;
            Data one;
            one.set("message", m);
            messages.push_back(one);
        }
    }
    step.set(key + "_fields", messages);
}

}  // namespace ngoaivu::html
