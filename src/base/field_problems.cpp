#include "base/field_problems.hpp"

#include <utility>

#include "base/input.hpp"
#include "base/text.hpp"

namespace ngoaivu {

namespace {

constexpr std::size_t kMaxEchoChars = 60;

// The codes of `list`, "a, b, c", for the messages that say what is allowed.
std::string CodeList(const std::vector<Code>& list) {
    std::string out;
    for (const auto& c : list) {
        if (!out.empty())
            out += ", ";
        out += c.code;
    }
    return out;
}

std::string Display(Date d) {
    return d.ToDisplay();
}

}  // namespace

std::string CleanInput(std::string_view s) {
    return text::IsValidUtf8(s) ? text::TrimSpace(text::Nfc(s)) : std::string();
}

std::string EchoInput(std::string_view s) {
    if (!text::IsValidUtf8(s))
        return "?";
    std::string v(s);
    if (text::CountChars(v) <= kMaxEchoChars)
        return v;
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < v.size() && chars < kMaxEchoChars; ++chars) {
        std::size_t len = 1;
        auto b = static_cast<unsigned char>(v[i]);
        if (b >= 0xF0)
            len = 4;
        else if (b >= 0xE0)
            len = 3;
        else if (b >= 0xC0)
            len = 2;
        out.append(v, i, len);
        i += len;
    }
    return out + "…";
}

std::string ItemField(std::string_view list, std::size_t i) {
    return std::string(list) + "[" + std::to_string(i) + "]";
}

std::string ItemField(std::string_view list, std::size_t i, std::string_view member) {
    return ItemField(list, i) + "." + std::string(member);
}

bool IsAlpha2(std::string_view s) {
    return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

void FieldProblems::Add(std::string field, std::string vi, std::string en) {
    list_.push_back({std::move(field), std::move(vi), std::move(en)});
}

std::string FieldProblems::Text(const std::string& field, std::string_view value, std::size_t max,
                                bool required, std::string_view label_vi,
                                std::string_view label_en) {
    if (!text::IsValidUtf8(value)) {
        Add(field, std::string(label_vi) + ": văn bản không hợp lệ (không phải UTF-8).",
            std::string(label_en) + ": invalid text (not UTF-8).");
        return "";
    }
    std::string v = CleanInput(value);
    if (required && v.empty()) {
        Add(field,
            wording_ == Wording::kPlain ? "Cần nhập " + std::string(label_vi) + "."
                                        : std::string(label_vi) + " là bắt buộc.",
            std::string(label_en) + " is required.");
    } else if (text::CountChars(v) > max) {
        Add(field, std::string(label_vi) + " dài quá " + std::to_string(max) + " ký tự.",
            std::string(label_en) + " is longer than " + std::to_string(max) + " characters.");
    }
    return v;
}

void FieldProblems::InList(const std::string& field, std::string_view value,
                           const std::vector<Code>& list, std::string_view label_vi,
                           std::string_view label_en) {
    if (FindCode(list, value))
        return;
    if (wording_ == Wording::kPlain) {
        const std::string v(value);
        Add(field, std::string(label_vi) + " \"" + v + "\" không có trong danh mục.",
            std::string(label_en) + " \"" + v + "\" is not one of the allowed values.");
    } else {
        const std::string v = EchoInput(value);
        const std::string codes = CodeList(list);
        Add(field,
            std::string(label_vi) + " \"" + v + "\" không có trong danh mục (" + codes + ").",
            std::string(label_en) + " \"" + v + "\" is not one of " + codes + ".");
    }
}

bool FieldProblems::Count(const std::string& field, std::size_t size, std::size_t max,
                          std::string_view label_vi, std::string_view label_en) {
    if (size <= max)
        return true;
    Add(field,
        std::string(label_vi) + ": tối đa " + std::to_string(max) + " mục (có " +
            std::to_string(size) + ").",
        std::string(label_en) + ": at most " + std::to_string(max) + " items (" +
            std::to_string(size) + " given).");
    return false;
}

Error FieldProblems::ToError() const {
    Error e = Error::InvalidArgument(list_.front().field, list_.front().message_vi,
                                     list_.front().message_en);
    e.fields = list_;
    return e;
}

Result<Date> CheckStepDate(const std::optional<Date>& date, Date today,
                           const std::optional<Date>& latest) {
    if (!date) {
        return Error::InvalidArgument("date", "Cần ngày thực hiện (dd/mm/yyyy).",
                                      "The date of the step is required (dd/mm/yyyy).");
    }
    if (*date > today) {
        return Error::InvalidArgument(
            "date",
            "Ngày thực hiện " + Display(*date) + " chưa đến (hôm nay là " + Display(today) + ").",
            "The date " + Display(*date) + " is in the future (today is " + Display(today) + ").");
    }
    // The history is kept in the order things happened, so a step may not be dated before the
    // latest one (a report dated before the return would make its deadline meaningless).
    if (latest && *date < *latest) {
        return Error::InvalidArgument(
            "date",
            "Ngày " + Display(*date) + " trước bước gần nhất của hồ sơ (ngày " + Display(*latest) +
                "): các bước phải theo đúng thứ tự thời gian.",
            "The date " + Display(*date) + " is before the latest step (" + Display(*latest) +
                "): steps must follow each other in time.");
    }
    return *date;
}

Error StepNotPossible(const std::vector<Code>& actions, std::string_view action,
                      const std::vector<Code>& statuses, std::string_view status,
                      std::string_view record_vi, std::string_view record_en) {
    Error e = Error::FailedPrecondition(
        "Không thể thực hiện bước \"" + NameVi(actions, action) + "\" khi " +
            std::string(record_vi) + " đang ở trạng thái \"" + NameVi(statuses, status) + "\".",
        "The step \"" + NameEn(actions, action) + "\" is not possible while " +
            std::string(record_en) + " is \"" + NameEn(statuses, status) + "\".");
    e.field = "action";
    return e;
}

}  // namespace ngoaivu
