#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/code.hpp"
#include "base/date.hpp"
#include "base/error.hpp"
#include "base/record_checks.hpp"
#include "base/result.hpp"
#include "html/pages.hpp"
#include "html/renderer.hpp"
#include "http/json.hpp"
#include "http/request.hpp"

namespace ngoaivu::html {

// The generic pieces of a record's form and of its workflow step forms (delegations, events,
// agreements): options of closed lists and provinces, repeated rows, each field's problem next to
// it, the values a refused form shows back. Pure functions of their arguments; thread-safe.

// Whether the page is shown in English (LangOf), otherwise in Vietnamese.
bool IsEnglish(const http::Request& req);

// The name of `code` in closed list `list` in the request's language, or the code itself.
std::string CodeLabel(const http::Request& req, const std::vector<Code>& list,
                      std::string_view code);

// dd/mm/yyyy, or "" for no date.
std::string DateText(const std::optional<Date>& d);

// A field name as a mustache key: "head.name" → "head_name", "members[2].name" →
// "members_2__name" (a dot is a path in mustache).
std::string FieldKey(std::string_view field);

// The value of list `values` at `i`, "" past its end (the repeated rows of a form: each column
// of the rows is posted as a list of its own).
std::string ValueAt(const std::vector<std::string>& values, std::size_t i);

// A date as a form gives it: dd/mm/yyyy or yyyy-mm-dd, with white space around; nullopt for
// anything else.
std::optional<Date> ParseFormDate(std::string_view raw);

// The problem of a form's date field `field` whose value `raw` is not a date.
FieldError NotADate(const std::string& field, std::string_view raw);

// The first and last day of a record's form as typed (`starts_on`, `ends_on`): the first is
// required; without a last day the record lasts one day. What cannot be read goes to `problems`
// (on "starts_on" or "ends_on"), with `today` standing in for the first day and the first day for
// the last.
std::pair<Date, Date> FormDays(std::string_view starts_on, std::string_view ends_on, Date today,
                               std::vector<FieldError>* problems);

// The options of a <select> from a closed list, each {"value", "label", "selected"}, with
// `selected` marked; the code `skip` (when not empty) is left out.
Data CodeOptions(const http::Request& req, const std::vector<Code>& list, std::string_view selected,
                 std::string_view skip = {});

// The options of a <select> of provinces of both generations, each {"value", "label",
// "selected"}: the former marked with their last day ("Hà Tây (đến 31/07/2008)"), or left out
// with `current_only`. `Unit` has `id`, `name_vi`, `name_en`, `valid_from` and `valid_to`
// (optional); `selected` holds ids as the form posts them.
template <typename Unit>
Data UnitOptions(const http::Request& req, const std::vector<Unit>& units,
                 const std::set<std::string>& selected, Date today, bool current_only = false) {
    const bool en = IsEnglish(req);
    Data out(Data::type::list);
    for (const auto& u : units) {
        const bool current = ExistsOn(u, today);
        if (current_only && !current)
            continue;
        Data o;
        o.set("value", std::to_string(u.id));
        std::string label = en ? u.name_en : u.name_vi;
        if (!current && u.valid_to)
            label += (en ? " (until " : " (đến ") + u.valid_to->ToDisplay() + ")";
        o.set("label", label);
        o.set("selected", selected.contains(std::to_string(u.id)));
        out.push_back(o);
    }
    return out;
}

// The row of list `list` a field names ("sessions[2].day" → 2 for "sessions"), or nullopt.
std::optional<std::size_t> RowOf(const std::string& field, std::string_view list);

// Adds `message` to the message "error_<key>" of `view` (after what is there, with a space), so
// that a field with two problems shows both.
void AppendError(Data& view, const std::string& key, const std::string& message);

// How many empty rows a repeated part of a form offers after its `filled` rows: enough for
// `min_rows` in all, and at least `spare`, so that it can be filled in without JavaScript.
std::size_t BlankRows(std::size_t filled, std::size_t min_rows, std::size_t spare);

// The problems of a form (not empty) and those of the record's rules on the rest, in one error:
// what could not be read, then what `rules` (the module's ValidateFields on the fields as read)
// finds on other fields, except date fields (`is_date_field`) when a date could not be read.
Error FormError(std::vector<FieldError> problems, const Result<void>& rules,
                bool (*is_date_field)(const std::string& field));

// kInvalidArgument on "version": a record's form came back without its version.
Error MissingVersion();

// The error of a record's edit form as posted: MissingVersion() without ?version=, otherwise
// `form_error` (what reading the form found, if anything), otherwise the error of
// `save(version)` (a Result); nullopt when it saved.
template <typename Save>
std::optional<Error> EditFormError(const http::Request& req, std::optional<Error> form_error,
                                   Save&& save) {
    auto version = http::ParseWholeNumber(req.Form("version"));
    if (!version)
        return MissingVersion();
    if (form_error)
        return form_error;
    auto saved = save(*version);
    if (saved)
        return std::nullopt;
    return saved.error();
}

// Adds {"label", "value"} to list `list`: a row of the stored record that an edit form lost to
// shows next to the form.
void AddLabelled(Data& list, std::string label, std::string value);

// The values a workflow step form shows: what was posted when that form was refused, otherwise
// defaults.
struct StepShown {
    std::string action;                  // the refused step, "" when none
    const http::Request* req = nullptr;  // the refused request, null when none
    // The posted value of `name` when `step` is the refused step, otherwise `fallback`.
    std::string Get(std::string_view step, std::string_view name, std::string fallback) const;
};

// Sets the error of step form `step` as `key` ("" when `error` is null), "has_<key>", and
// "<key>_fields": the messages of the error's fields other than the error's own.
void SetStepError(Data& step, const http::Request& req, const Error* error, const std::string& key);

}  // namespace ngoaivu::html
