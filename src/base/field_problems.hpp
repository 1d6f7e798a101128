#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/code.hpp"
#include "base/date.hpp"
#include "base/error.hpp"
#include "base/result.hpp"

namespace ngoaivu {

// Checks of the fields of a record (a delegation, an event, an agreement ...) as a form or an
// import row gives them, shared by the modules. Messages are in Vietnamese and English. All
// functions are thread-safe.

// `s` in NFC without the white space at either end (text::TrimSpace); "" when `s` is not valid
// UTF-8, so that invalid text is never stored.
std::string CleanInput(std::string_view s);

// A value typed by the user, as a message may quote it: invalid UTF-8 is never echoed ("?": the
// messages end up in JSON and HTML), and a value longer than 60 characters is cut to its first
// 60 followed by "…".
std::string EchoInput(std::string_view s);

// "members[2]": the field name of an entry of a list, numbered from 0 as in the JSON body.
std::string ItemField(std::string_view list, std::size_t i);
// "programme[1].day": a member of an entry of a list.
std::string ItemField(std::string_view list, std::size_t i, std::string_view member);

// ISO 3166-1 alpha-2 as the forms send it: two upper-case ASCII letters. Whether the code is
// assigned is a check against the country table.
bool IsAlpha2(std::string_view s);

// Collects every problem of the fields, then answers with all of them at once: a form shows each
// next to its field, and an import reports a row's problems together.
class FieldProblems {
 public:
    // How Text and InList word their messages (the modules chose theirs apart; each keeps its own).
    enum class Wording {
        // "Cần nhập Tên đoàn." / "The title is required."; a code not in its list is quoted as
        // given: "Cấp đoàn "x" không có trong danh mục." / "The level "x" is not one of the
        // allowed values."
        kPlain,
        // "Tên sự kiện là bắt buộc." / "The title is required."; a code not in its list is quoted
        // through EchoInput and the allowed codes are named: "Loại sự kiện "x" không có trong
        // danh mục (a, b)." / "The type "x" is not one of a, b."
        kListingCodes,
    };

    explicit FieldProblems(Wording wording = Wording::kPlain) : wording_(wording) {}

    void Add(std::string field, std::string vi, std::string en);

    // A text field: valid UTF-8, given when `required`, at most `max` characters (code points)
    // once trimmed. `label_vi`/`label_en` name it at the start of a sentence ("Tên đoàn", "The
    // title"). Returns the value cleaned (CleanInput), "" when it is not valid UTF-8.
    std::string Text(const std::string& field, std::string_view value, std::size_t max,
                     bool required, std::string_view label_vi, std::string_view label_en);

    // A code of `list`.
    void InList(const std::string& field, std::string_view value, const std::vector<Code>& list,
                std::string_view label_vi, std::string_view label_en);

    // A list of at most `max` items; false (with a problem) when it has more.
    bool Count(const std::string& field, std::size_t size, std::size_t max,
               std::string_view label_vi, std::string_view label_en);

    bool empty() const { return list_.empty(); }

    // kInvalidArgument whose `field` and messages are the first problem's and whose `fields`
    // lists every problem. Not to be called when empty().
    Error ToError() const;

 private:
    Wording wording_;
    std::vector<FieldError> list_;
};

// --- Workflow steps --------------------------------------------------------------------------

// The day the latest entry of a workflow history happened (`happened_on` of any entry type), if
// any.
template <typename History>
std::optional<Date> LatestHappenedOn(const History& history) {
    std::optional<Date> last;
    for (const auto& entry : history) {
        if (!last || entry.happened_on > *last)
            last = entry.happened_on;
    }
    return last;
}

// The date of a workflow step: given, not after `today`, and not before `latest` (the latest step
// of the history, when the step must follow it: LatestHappenedOn). Otherwise kInvalidArgument on
// "date", in both languages.
Result<Date> CheckStepDate(const std::optional<Date>& date, Date today,
                           const std::optional<Date>& latest);

// kFailedPrecondition on "action": the step `action` (a code of `actions`) is not possible while
// the record is in `status` (a code of `statuses`). `record_vi`/`record_en` name the record in a
// sentence ("đoàn", "the delegation"). A code missing from its list is named by itself.
Error StepNotPossible(const std::vector<Code>& actions, std::string_view action,
                      const std::vector<Code>& statuses, std::string_view status,
                      std::string_view record_vi, std::string_view record_en);

}  // namespace ngoaivu
