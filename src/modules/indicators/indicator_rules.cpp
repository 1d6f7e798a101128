#include "modules/indicators/indicator_rules.hpp"

#include <cstdlib>

#include "base/input.hpp"
#include "base/text.hpp"

namespace ngoaivu::indicators {

namespace {

bool IsDigits(std::string_view s) {
    if (s.empty())
        return false;
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

// `s` without ASCII white space and no-break spaces (U+00A0) at either end.
std::string_view TrimNumber(std::string_view s) {
    auto starts = [](std::string_view t) {
        if (!t.empty() && (t[0] == ' ' || t[0] == '\t'))
            return std::size_t{1};
        if (t.starts_with("\xC2\xA0"))
            return std::size_t{2};
        return std::size_t{0};
    };
    auto ends = [](std::string_view t) {
        if (!t.empty() && (t.back() == ' ' || t.back() == '\t'))
            return std::size_t{1};
        if (t.ends_with("\xC2\xA0"))
            return std::size_t{2};
        return std::size_t{0};
    };
    while (std::size_t n = starts(s))
        s.remove_prefix(n);
    while (std::size_t n = ends(s))
        s.remove_suffix(n);
    return s;
}

// The integer part "1.234.567" with grouping `grp` (0: none) as plain digits, or "" when the
// groups are malformed.
std::string UngroupedDigits(std::string_view s, char grp) {
    if (grp == 0)
        return IsDigits(s) ? std::string(s) : std::string();
    std::string out;
    std::size_t start = 0;
    bool first = true;
    while (true) {
        std::size_t p = s.find(grp, start);
        std::string_view group = s.substr(start, p == std::string_view::npos ? s.npos : p - start);
        if (!IsDigits(group))
            return {};
        if (first ? group.size() > 3 : group.size() != 3)
            return {};
        out += group;
        first = false;
        if (p == std::string_view::npos)
            break;
        start = p + 1;
    }
    return out;
}

std::string Group(std::string digits, char sep) {
    std::string out;
    int n = static_cast<int>(digits.size());
    for (int i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0)
            out += sep;
        out += digits[i];
    }
    return out;
}

std::string StatusOrNone(std::string_view status) {
    return status.empty() ? "not_started" : std::string(status);
}

// The statuses with "not started" (no submission yet), for messages.
const std::vector<Code>& StatusesAndNotStarted() {
    static const std::vector<Code> list = [] {
        std::vector<Code> l = Statuses();
        l.push_back({"not_started", "chưa nhập", "not started"});
        return l;
    }();
    return list;
}

}  // namespace

Date MergerDay() {
    return *Date::FromYmd(2025, 7, 1);
}

Result<void> CheckDefinition(IndicatorFields& f) {
    FieldProblems p(FieldProblems::Wording::kListingCodes);
    bool code_ok = f.code.size() >= 2 && f.code.size() <= 40;
    for (char c : f.code) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            code_ok = false;
    }
    if (!code_ok) {
        p.Add("code",
              "Mã chỉ tiêu gồm 2 đến 40 ký tự chữ thường không dấu (a-z), chữ số hoặc dấu _.",
              "The indicator code is 2 to 40 characters: lower-case letters a-z, digits or _.");
    }
    f.name_vi = p.Text("name_vi", f.name_vi, 200, true, "Tên tiếng Việt", "The Vietnamese name");
    f.name_en = p.Text("name_en", f.name_en, 200, true, "Tên tiếng Anh", "The English name");
    p.InList("unit", f.unit, Units(), "Đơn vị tính", "The unit");
    p.InList("aggregation", f.aggregation, Aggregations(), "Cách cộng gộp", "The aggregation");
    p.InList("periodicity", f.periodicity, Periodicities(), "Kỳ báo cáo", "The periodicity");
    p.InList("source", f.source, Sources(), "Nguồn số liệu", "The source");
    if (f.source == "counted") {
        p.InList("counted_from", f.counted_from, CountedKeys(), "Cách đếm", "What is counted");
        if (f.periodicity != "year") {
            p.Add("periodicity", "Chỉ tiêu đếm từ hồ sơ có kỳ báo cáo là năm.",
                  "An indicator counted from the records is yearly.");
        }
    } else if (f.source == "entered" && !f.counted_from.empty()) {
        p.Add("counted_from", "Chỉ tiêu do tỉnh nhập không có cách đếm.",
              "An indicator entered by the provinces has nothing counted.");
    }
    if (f.decimals < 0 || f.decimals > 3) {
        p.Add("decimals", "Số chữ số thập phân phải từ 0 đến 3.",
              "The number of decimals must be from 0 to 3.");
    } else {
        std::int64_t step = 1;
        for (int i = f.decimals; i < 3; ++i)
            step *= 10;
        if (f.min_milli && *f.min_milli % step != 0) {
            p.Add("min", "Giá trị nhỏ nhất có nhiều chữ số thập phân hơn số đã chọn.",
                  "The minimum has more decimals than the indicator shows.");
        }
        if (f.max_milli && *f.max_milli % step != 0) {
            p.Add("max", "Giá trị lớn nhất có nhiều chữ số thập phân hơn số đã chọn.",
                  "The maximum has more decimals than the indicator shows.");
        }
    }
    if (f.min_milli && f.max_milli && *f.min_milli > *f.max_milli) {
        p.Add("max", "Giá trị lớn nhất phải không nhỏ hơn giá trị nhỏ nhất.",
              "The maximum must not be less than the minimum.");
    }
    f.description_vi =
        p.Text("description_vi", f.description_vi, 2000, false, "Mô tả", "The description");
    f.description_en =
        p.Text("description_en", f.description_en, 2000, false, "Mô tả", "The description");
    if (f.sort_order < 0 || f.sort_order > 100000) {
        p.Add("sort_order", "Thứ tự phải là số nguyên từ 0 đến 100000.",
              "The sort order must be a whole number from 0 to 100000.");
    }
    if (f.source != "counted")
        f.counted_from.clear();
    if (!p.empty())
        return p.ToError();
    return Ok();
}

std::optional<std::pair<Date, Date>> PeriodDays(Periodicity p, int year, int number) {
    if (year < 2000 || year > 2100)
        return std::nullopt;
    int first = 1;
    int last = 12;
    switch (p) {
        case Periodicity::kMonth:
            if (number < 1 || number > 12)
                return std::nullopt;
            first = last = number;
            break;
        case Periodicity::kQuarter:
            if (number < 1 || number > 4)
                return std::nullopt;
            first = 3 * number - 2;
            last = 3 * number;
            break;
        case Periodicity::kYear:
            if (number != 1)
                return std::nullopt;
            break;
    }
    Date start = *Date::FromYmd(year, first, 1);
    Date end =
        last == 12 ? *Date::FromYmd(year, 12, 31) : Date::FromYmd(year, last + 1, 1)->AddDays(-1);
    return std::make_pair(start, end);
}

int PeriodEndMonth(Periodicity p, int number) {
    switch (p) {
        case Periodicity::kMonth:
            return number;
        case Periodicity::kQuarter:
            return 3 * number;
        case Periodicity::kYear:
            return 12;
    }
    return 12;
}

int GenerationOn(Date last_day) {
    return last_day < MergerDay() ? 1 : 2;
}

std::string PeriodName(Periodicity p, int year, int number, std::string_view lang) {
    static const char* const kMonthsEn[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
    bool en = lang == "en";
    std::string y = std::to_string(year);
    switch (p) {
        case Periodicity::kMonth:
            if (en)
                return std::string(kMonthsEn[(number - 1) % 12]) + " " + y;
            return "Tháng " + std::to_string(number) + "/" + y;
        case Periodicity::kQuarter:
            if (en)
                return "Q" + std::to_string(number) + " " + y;
            return "Quý " + std::to_string(number) + "/" + y;
        case Periodicity::kYear:
            return en ? y : "Năm " + y;
    }
    return y;
}

std::optional<std::int64_t> ParseMilli(std::string_view text, std::string_view lang,
                                       int* decimals_given) {
    if (decimals_given)
        *decimals_given = 0;
    std::string_view s = TrimNumber(text);
    bool negative = false;
    if (!s.empty() && s[0] == '-') {
        negative = true;
        s.remove_prefix(1);
    }
    if (s.empty() || s[0] < '0' || s[0] > '9')
        return std::nullopt;
    std::size_t dots = 0;
    std::size_t commas = 0;
    for (char c : s) {
        if (c == '.')
            ++dots;
        else if (c == ',')
            ++commas;
        else if (c < '0' || c > '9')
            return std::nullopt;
    }
    char dec = 0;
    char grp = 0;
    if (dots > 0 && commas > 0) {
        std::size_t last_dot = s.rfind('.');
        std::size_t last_comma = s.rfind(',');
        dec = last_dot > last_comma ? '.' : ',';
        grp = dec == '.' ? ',' : '.';
        if ((dec == '.' ? dots : commas) != 1)
            return std::nullopt;
    } else if (dots + commas > 1) {
        grp = dots > 0 ? '.' : ',';
    } else if (dots + commas == 1) {
        char c = dots > 0 ? '.' : ',';
        std::size_t p = s.find(c);
        bool looks_grouped = p >= 1 && p <= 3 && s.size() - p - 1 == 3;
        char lang_grp = lang == "en" ? ',' : '.';
        if (looks_grouped && c == lang_grp)
            grp = c;
        else
            dec = c;
    }
    std::string_view int_part = s;
    std::string_view frac;
    if (dec != 0) {
        std::size_t p = s.find(dec);
        int_part = s.substr(0, p);
        frac = s.substr(p + 1);
        if (!IsDigits(frac))
            return std::nullopt;
    }
    std::string digits = UngroupedDigits(int_part, grp);
    if (digits.empty())
        return std::nullopt;
    std::size_t nz = digits.find_first_not_of('0');
    if (nz != std::string::npos && digits.size() - nz > 15)
        return std::nullopt;
    std::string f(frac);
    while (!f.empty() && f.back() == '0')
        f.pop_back();
    if (decimals_given)
        *decimals_given = static_cast<int>(f.size());
    if (f.size() > 3)
        return std::nullopt;
    while (f.size() < 3)
        f += '0';
    std::int64_t whole = std::strtoll(digits.c_str(), nullptr, 10);
    std::int64_t milli = whole * 1000 + std::strtoll(f.c_str(), nullptr, 10);
    return negative ? -milli : milli;
}

std::optional<std::int64_t> CheckCell(const IndicatorFields& f, const std::string& field,
                                      std::string_view text, std::string_view lang,
                                      FieldProblems& problems) {
    if (!text::IsValidUtf8(text)) {
        problems.Add(field, "Giá trị của chỉ tiêu " + f.code + " không phải văn bản UTF-8 hợp lệ.",
                     "The value of indicator " + f.code + " is not valid UTF-8 text.");
        return std::nullopt;
    }
    if (TrimNumber(text).empty())
        return std::nullopt;
    int decimals = 0;
    auto milli = ParseMilli(text, lang, &decimals);
    if (decimals > f.decimals) {
        std::string n = std::to_string(f.decimals);
        problems.Add(field,
                     "Giá trị của chỉ tiêu " + f.code + " có tối đa " + n +
                         " chữ số thập phân (đã nhập \"" + EchoInput(text) + "\").",
                     "The value of indicator " + f.code + " takes at most " + n +
                         " decimals (typed \"" + EchoInput(text) + "\").");
        return std::nullopt;
    }
    if (!milli) {
        problems.Add(field,
                     "Giá trị của chỉ tiêu " + f.code +
                         " phải là một số, ví dụ 1.234,5 (đã nhập \"" + EchoInput(text) + "\").",
                     "The value of indicator " + f.code +
                         " must be a number, for example 1,234.5 (typed \"" + EchoInput(text) +
                         "\").");
        return std::nullopt;
    }
    bool low = f.min_milli && *milli < *f.min_milli;
    bool high = f.max_milli && *milli > *f.max_milli;
    if (low || high) {
        std::string min_vi = f.min_milli ? FormatMilli(*f.min_milli, f.decimals, "vi") : "";
        std::string max_vi = f.max_milli ? FormatMilli(*f.max_milli, f.decimals, "vi") : "";
        std::string min_en = f.min_milli ? FormatMilli(*f.min_milli, f.decimals, "en") : "";
        std::string max_en = f.max_milli ? FormatMilli(*f.max_milli, f.decimals, "en") : "";
        if (low) {
            problems.Add(field,
                         "Giá trị của chỉ tiêu " + f.code + " phải không nhỏ hơn " + min_vi + ".",
                         "The value of indicator " + f.code + " must be at least " + min_en + ".");
        } else {
            problems.Add(field,
                         "Giá trị của chỉ tiêu " + f.code + " phải không lớn hơn " + max_vi + ".",
                         "The value of indicator " + f.code + " must be at most " + max_en + ".");
        }
        return std::nullopt;
    }
    return milli;
}

std::string FormatMilli(std::int64_t milli, int decimals, std::string_view lang) {
    if (decimals < 0)
        decimals = 0;
    if (decimals > 3)
        decimals = 3;
    std::int64_t scale = 1;
    for (int i = decimals; i < 3; ++i)
        scale *= 10;
    bool negative = milli < 0;
    std::uint64_t a =
        negative ? static_cast<std::uint64_t>(-(milli + 1)) + 1 : static_cast<std::uint64_t>(milli);
    std::uint64_t units = a / static_cast<std::uint64_t>(scale);
    if ((a % static_cast<std::uint64_t>(scale)) * 2 >= static_cast<std::uint64_t>(scale) &&
        scale > 1)
        ++units;
    std::uint64_t div = 1;
    for (int i = 0; i < decimals; ++i)
        div *= 10;
    bool en = lang == "en";
    std::string out = Group(std::to_string(units / div), en ? ',' : '.');
    if (decimals > 0) {
        std::string frac = std::to_string(units % div);
        while (static_cast<int>(frac.size()) < decimals)
            frac.insert(frac.begin(), '0');
        out += en ? '.' : ',';
        out += frac;
    }
    if (negative && units > 0)
        out.insert(out.begin(), '-');
    return out;
}

std::string PlainMilli(std::int64_t milli) {
    bool negative = milli < 0;
    std::uint64_t a =
        negative ? static_cast<std::uint64_t>(-(milli + 1)) + 1 : static_cast<std::uint64_t>(milli);
    std::string out = std::to_string(a / 1000);
    std::string frac = std::to_string(a % 1000);
    while (frac.size() < 3)
        frac.insert(frac.begin(), '0');
    while (!frac.empty() && frac.back() == '0')
        frac.pop_back();
    if (!frac.empty())
        out += "." + frac;
    return negative ? "-" + out : out;
}

bool IsEditable(std::string_view status) {
    return status.empty() || status == "draft" || status == "returned";
}

Result<Status> PlanStep(std::string_view status, std::string_view action, const Rights& rights,
                        std::string_view comment) {
    auto a = EnumOf(Actions(), action, Action::kReopen);
    if (!a) {
        return Error::InvalidArgument(
            "action",
            "Bước \"" + EchoInput(action) + "\" không có (submit, approve, return, reopen).",
            "The step \"" + EchoInput(action) +
                "\" is not one of submit, approve, return, reopen.");
    }
    auto denied = [] {
        return Error::PermissionDenied(
            "Bạn không có quyền thực hiện bước này với số liệu của tỉnh.",
            "You may not take this step on the province's figures.");
    };
    auto not_possible = [&] {
        return StepNotPossible(Actions(), action, StatusesAndNotStarted(), StatusOrNone(status),
                               "bộ số liệu", "the data set");
    };
    switch (*a) {
        case Action::kSubmit:
            if (!rights.submitter)
                return denied();
            if (!IsEditable(status))
                return not_possible();
            return Status::kSubmitted;
        case Action::kApprove:
            if (!rights.reviewer)
                return denied();
            if (status != "submitted")
                return not_possible();
            return Status::kApproved;
        case Action::kReturn:
        case Action::kReopen: {
            if (*a == Action::kReturn ? !rights.reviewer : !rights.admin)
                return denied();
            if (status != (*a == Action::kReturn ? "submitted" : "approved"))
                return not_possible();
            std::string c = CleanInput(comment);
            if (c.empty()) {
                return Error::InvalidArgument(
                    "comment", "Hãy ghi lý do (nhận xét) khi trả lại hoặc mở lại số liệu.",
                    "Give the reason (a comment) when returning or reopening the figures.");
            }
            if (text::CountChars(c) > 2000) {
                return Error::InvalidArgument("comment", "Nhận xét dài tối đa 2000 ký tự.",
                                              "The comment is at most 2000 characters long.");
            }
            return Status::kReturned;
        }
    }
    return not_possible();
}

std::vector<std::string> StepsFor(std::string_view status, const Rights& rights) {
    std::vector<std::string> out;
    for (const auto& a : Actions()) {
        if (PlanStep(status, a.code, rights, "x"))
            out.emplace_back(a.code);
    }
    return out;
}

std::string CompletenessState(std::string_view status, const std::optional<Date>& submitted_on,
                              Date due_on) {
    if (status.empty())
        return "not_started";
    if (status == "submitted")
        return submitted_on && *submitted_on > due_on ? "submitted_late" : "submitted_on_time";
    return std::string(status);
}

}  // namespace ngoaivu::indicators
