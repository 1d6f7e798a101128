#include "modules/events/event_rules.hpp"

#include <algorithm>
#include <set>
#include <string_view>

#include "base/field_problems.hpp"
#include "base/input.hpp"
#include "base/text.hpp"

namespace ngoaivu::events {

namespace {

// NFC and trimmed; invalid UTF-8 is returned unchanged so that validation can name it.
std::string Clean(std::string_view s) {
    return text::IsValidUtf8(s) ? text::TrimSpace(text::Nfc(s)) : std::string(s);
}

std::string Display(Date d) {
    return d.ToDisplay();
}

std::string N(long n) {
    return std::to_string(n);
}

// "1 day", "2 days".
std::string DaysEn(long n) {
    return N(n) + (n == 1 || n == -1 ? " day" : " days");
}

// "HH:MM", 24-hour.
bool IsTime(std::string_view s) {
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (s.size() != 5 || s[2] != ':' || !digit(s[0]) || !digit(s[1]) || !digit(s[3]) ||
        !digit(s[4])) {
        return false;
    }
    int h = (s[0] - '0') * 10 + (s[1] - '0');
    int m = (s[3] - '0') * 10 + (s[4] - '0');
    return h <= 23 && m <= 59;
}

// An absolute http(s) address with a host and no white space, control character or quote.
bool IsHttpUrl(std::string_view s) {
    std::string_view rest;
    if (s.starts_with("http://"))
        rest = s.substr(7);
    else if (s.starts_with("https://"))
        rest = s.substr(8);
    else
        return false;
    if (rest.empty() || rest.front() == '/')
        return false;
    return std::none_of(s.begin(), s.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == '"';
    });
}

bool Contains(const std::vector<std::string>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// Removes later duplicates, keeping the order.
template <typename T>
void DropDuplicates(std::vector<T>& list) {
    std::vector<T> out;
    for (auto& v : list) {
        if (std::find(out.begin(), out.end(), v) == out.end())
            out.push_back(std::move(v));
    }
    list = std::move(out);
}

void CleanList(std::vector<std::string>& list) {
    std::vector<std::string> out;
    for (const auto& s : list) {
        std::string v = Clean(s);
        if (!v.empty())
            out.push_back(std::move(v));
    }
    list = std::move(out);
}

// A list of names (organisers, chairs, speakers): each given, valid and not too long.
void CheckNames(FieldProblems& p, const std::string& field, const std::vector<std::string>& list,
                std::string_view label_vi, std::string_view label_en) {
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string n = N(static_cast<long>(i + 1));
        p.Text(ItemField(field, i), list[i], kMaxNameChars, true,
               std::string(label_vi) + " thứ " + n, std::string(label_en) + " " + n);
    }
}

void CheckDateRange(FieldProblems& p, const std::string& field, Date d, Date lo, Date hi,
                    std::string_view label_vi, std::string_view label_en) {
    if (d < lo || d > hi) {
        p.Add(field,
              std::string(label_vi) + " " + Display(d) + " phải trong khoảng từ " + Display(lo) +
                  " đến " + Display(hi) + ".",
              std::string(label_en) + " " + Display(d) + " must be between " + Display(lo) +
                  " and " + Display(hi) + ".");
    }
}

}  // namespace

EventFields NormalizeFields(EventFields f) {
    f.title_vi = Clean(f.title_vi);
    f.title_en = Clean(f.title_en);
    f.type = Clean(f.type);
    f.theme = Clean(f.theme);
    f.format = Clean(f.format);
    f.venue = Clean(f.venue);
    for (auto& b : f.bridge_points)
        b.name = Clean(b.name);
    CleanList(f.organisers);
    DropDuplicates(f.admin_unit_ids);
    for (auto& c : f.countries) {
        c = Clean(c);
        std::transform(c.begin(), c.end(), c.begin(),
                       [](char ch) { return ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch; });
    }
    CleanList(f.countries);
    DropDuplicates(f.countries);
    f.funding = Clean(f.funding);
    f.participants.highest_foreign_rank = Clean(f.participants.highest_foreign_rank);
    for (auto& t : f.sensitive_topics)
        t = Clean(t);
    CleanList(f.sensitive_topics);
    DropDuplicates(f.sensitive_topics);
    for (auto& s : f.sessions) {
        s.title = Clean(s.title);
        s.starts_at = Clean(s.starts_at);
        s.ends_at = Clean(s.ends_at);
        CleanList(s.chairs);
        CleanList(s.speakers);
    }
    for (auto& a : f.awards) {
        a.kind = Clean(a.kind);
        a.recipient = Clean(a.recipient);
        a.recipient_kind = Clean(a.recipient_kind);
        a.note = Clean(a.note);
    }
    for (auto& l : f.press_links) {
        l.title = Clean(l.title);
        l.url = Clean(l.url);
        l.outlet = Clean(l.outlet);
    }
    f.note = Clean(f.note);
    return f;
}

Result<void> ValidateFields(const EventFields& f, Date today) {
    FieldProblems p(FieldProblems::Wording::kListingCodes);
    p.Text("title_vi", f.title_vi, kMaxTitleChars, true, "Tên sự kiện (tiếng Việt)",
           "The Vietnamese title");
    p.Text("title_en", f.title_en, kMaxTitleChars, false, "Tên sự kiện (tiếng Anh)",
           "The English title");
    p.InList("type", f.type, Types(), "Loại sự kiện", "The type");
    p.Text("theme", f.theme, kMaxThemeChars, false, "Chủ đề", "The theme");

    // The dates: within the years the product covers, in order, and not endless.
    const Date lo = *Date::FromYmd(kFirstYear, 1, 1);
    const Date hi = *Date::FromYmd(today.year() + kMaxYearsAhead, 12, 31);
    CheckDateRange(p, "starts_on", f.starts_on, lo, hi, "Ngày bắt đầu", "The first day");
    if (f.ends_on < f.starts_on) {
        p.Add("ends_on",
              "Ngày kết thúc " + Display(f.ends_on) + " trước ngày bắt đầu " +
                  Display(f.starts_on) + ".",
              "The last day " + Display(f.ends_on) + " is before the first day " +
                  Display(f.starts_on) + ".");
    } else if (f.ends_on.ToDays() - f.starts_on.ToDays() + 1 > kMaxDurationDays) {
        p.Add("ends_on", "Sự kiện kéo dài tối đa " + N(kMaxDurationDays) + " ngày.",
              "An event lasts at most " + N(kMaxDurationDays) + " days.");
    }

    // The format and where it happens: an online or hybrid event has at least one site (a
    // bridge point or the venue of its host); bridge points belong to online formats only.
    p.InList("format", f.format, Formats(), "Hình thức tổ chức", "The format");
    p.Text("venue", f.venue, kMaxVenueChars, false, "Địa điểm", "The venue");
    const bool online = f.format == "online" || f.format == "hybrid";
    if (online && f.bridge_points.empty() && Clean(f.venue).empty()) {
        p.Add("bridge_points",
              "Sự kiện trực tuyến hoặc kết hợp cần ít nhất một điểm cầu hoặc địa điểm tổ chức.",
              "An online or hybrid event needs at least one bridge point or a venue.");
    }
    if (f.format == "in_person" && !f.bridge_points.empty()) {
        p.Add("bridge_points", "Sự kiện tổ chức trực tiếp không có điểm cầu.",
              "An in-person event has no bridge points.");
    }
    if (p.Count("bridge_points", f.bridge_points.size(), kMaxBridgePoints, "Điểm cầu",
                "Bridge points")) {
        std::set<std::string> seen;
        for (std::size_t i = 0; i < f.bridge_points.size(); ++i) {
            const BridgePoint& b = f.bridge_points[i];
            std::string at = ItemField("bridge_points", i) + ".";
            std::string n = N(static_cast<long>(i + 1));
            p.Text(at + "name", b.name, kMaxNameChars, true, "Tên điểm cầu thứ " + n,
                   "The name of bridge point " + n);
            if (text::IsValidUtf8(b.name) && !Clean(b.name).empty() &&
                !seen.insert(text::Fold(b.name)).second) {
                p.Add(at + "name", "Điểm cầu \"" + Clean(b.name) + "\" bị trùng.",
                      "The bridge point \"" + Clean(b.name) + "\" is listed twice.");
            }
            if (b.admin_unit_id && *b.admin_unit_id <= 0) {
                p.Add(at + "admin_unit_id", "Tỉnh của điểm cầu thứ " + n + " không hợp lệ.",
                      "The province of bridge point " + n + " is not valid.");
            }
        }
    }

    // Who organises it and where: the organiser is the applicant of Decision 06; a national
    // event belongs to no province, any other to at least one.
    if (f.organisers.empty()) {
        p.Add("organisers", "Cần ít nhất một đơn vị tổ chức.",
              "At least one organiser is required.");
    } else if (p.Count("organisers", f.organisers.size(), kMaxOrganisers, "Đơn vị tổ chức",
                       "Organisers")) {
        CheckNames(p, "organisers", f.organisers, "Đơn vị tổ chức", "Organiser");
    }
    const bool national_type =
        f.type == "national_review_conference" || f.type == "diplomatic_conference";
    if (national_type && !f.national) {
        p.Add("national",
              "Hội nghị Ngoại vụ toàn quốc và Hội nghị Ngoại giao là sự kiện cấp trung ương.",
              "The National Conference on Local Foreign Affairs and the Diplomatic Conference are "
              "national events.");
    }
    if (f.national && !f.admin_unit_ids.empty()) {
        p.Add("admin_unit_ids",
              "Sự kiện cấp trung ương không gắn với tỉnh: bỏ chọn tỉnh, hoặc bỏ đánh dấu "
              "\"cấp trung ương\".",
              "A national event belongs to no province: clear the provinces, or untick "
              "\"national\".");
    } else if (!f.national && f.admin_unit_ids.empty()) {
        p.Add("admin_unit_ids", "Cần chọn tỉnh, thành phố đăng cai.",
              "Choose the hosting province or city.");
    } else if (p.Count("admin_unit_ids", f.admin_unit_ids.size(), kMaxUnits, "Tỉnh đăng cai",
                       "Hosting provinces")) {
        std::set<std::int64_t> seen;
        for (auto id : f.admin_unit_ids) {
            if (id <= 0 || !seen.insert(id).second) {
                p.Add("admin_unit_ids", "Danh sách tỉnh đăng cai có mã không hợp lệ hoặc trùng.",
                      "The hosting provinces hold an invalid or repeated id.");
                break;
            }
        }
    }
    if (p.Count("countries", f.countries.size(), kMaxCountries, "Quốc gia", "Countries")) {
        std::set<std::string> seen;
        for (const auto& c : f.countries) {
            if (!IsAlpha2(c)) {
                p.Add("countries",
                      "Mã quốc gia \"" + EchoInput(c) + "\" phải là mã ISO 3166-1 gồm 2 chữ cái.",
                      "The country code \"" + EchoInput(c) +
                          "\" must be a two-letter ISO 3166-1 code.");
                break;
            }
            if (c == "VN") {
                p.Add("countries", "Danh sách quốc gia của khách nước ngoài không gồm Việt Nam.",
                      "The countries of the foreign participants do not include Viet Nam.");
                break;
            }
            if (!seen.insert(c).second) {
                p.Add("countries", "Quốc gia \"" + c + "\" bị trùng.",
                      "The country \"" + c + "\" is listed twice.");
                break;
            }
        }
    }
    p.Text("funding", f.funding, kMaxFundingChars, false, "Nguồn kinh phí", "The funding");

    // The participants: whole numbers from 0, and a highest foreign rank exactly when there are
    // foreign participants (the rank decides who permits an international conference).
    const Participants& pt = f.participants;
    auto count = [&](const std::string& field, std::int64_t v, std::string_view vi,
                     std::string_view en) {
        if (v < 0 || v > kMaxParticipants) {
            p.Add("participants." + field,
                  std::string(vi) + " phải từ 0 đến " +
                      text::FormatInteger(kMaxParticipants, text::Lang::kVi) + ".",
                  std::string(en) + " must be from 0 to " +
                      text::FormatInteger(kMaxParticipants, text::Lang::kEn) + ".");
            return false;
        }
        return true;
    };
    bool counts_ok = count("vietnamese", pt.vietnamese, "Số đại biểu Việt Nam",
                           "The number of Vietnamese participants");
    counts_ok = count("foreign", pt.foreign, "Số đại biểu nước ngoài",
                      "The number of foreign participants") &&
                counts_ok;
    counts_ok = count("delegates_in_person", pt.delegates_in_person, "Số đại biểu dự trực tiếp",
                      "The number of delegates in person") &&
                counts_ok;
    p.InList("participants.highest_foreign_rank", pt.highest_foreign_rank, ForeignRanks(),
             "Cấp cao nhất của khách nước ngoài", "The highest foreign rank");
    if (counts_ok && FindCode(ForeignRanks(), pt.highest_foreign_rank)) {
        if (pt.foreign > 0 && pt.highest_foreign_rank == "none") {
            p.Add("participants.highest_foreign_rank",
                  "Có đại biểu nước ngoài: cần chọn cấp cao nhất của khách nước ngoài.",
                  "There are foreign participants: choose the highest foreign rank.");
        } else if (pt.foreign == 0 && pt.highest_foreign_rank != "none") {
            p.Add("participants.foreign",
                  "Đã chọn cấp cao nhất của khách nước ngoài: cần nhập số đại biểu nước ngoài.",
                  "A highest foreign rank is chosen: enter the number of foreign participants.");
        }
        std::int64_t total = pt.vietnamese + pt.foreign;
        if (total > 0 && pt.delegates_in_person > total) {
            p.Add("participants.delegates_in_person",
                  "Số đại biểu dự trực tiếp lớn hơn tổng số đại biểu Việt Nam và nước ngoài.",
                  "More delegates in person than Vietnamese and foreign participants together.");
        }
    }
    {
        std::set<std::string> seen;
        for (const auto& t : f.sensitive_topics) {
            p.InList("sensitive_topics", t, SensitiveTopics(), "Nội dung nhạy cảm",
                     "The sensitive topic");
            if (!seen.insert(t).second) {
                p.Add("sensitive_topics", "Nội dung nhạy cảm \"" + EchoInput(t) + "\" bị trùng.",
                      "The sensitive topic \"" + EchoInput(t) + "\" is listed twice.");
            }
        }
    }

    // The programme: each session on a day of the event.
    if (p.Count("sessions", f.sessions.size(), kMaxSessions, "Phiên", "Sessions")) {
        for (std::size_t i = 0; i < f.sessions.size(); ++i) {
            const Session& s = f.sessions[i];
            std::string at = ItemField("sessions", i) + ".";
            std::string n = N(static_cast<long>(i + 1));
            p.Text(at + "title", s.title, kMaxTitleChars, true, "Tên phiên thứ " + n,
                   "The title of session " + n);
            if (s.day < f.starts_on || s.day > f.ends_on) {
                p.Add(at + "day",
                      "Ngày của phiên thứ " + n + " (" + Display(s.day) +
                          ") nằm ngoài thời gian sự kiện (" + Display(f.starts_on) + " – " +
                          Display(f.ends_on) + ").",
                      "The day of session " + n + " (" + Display(s.day) +
                          ") is outside the event's dates (" + Display(f.starts_on) + " – " +
                          Display(f.ends_on) + ").");
            }
            std::string from = Clean(s.starts_at);
            std::string to = Clean(s.ends_at);
            bool times_ok = true;
            if (!from.empty() && !IsTime(from)) {
                times_ok = false;
                p.Add(at + "starts_at", "Giờ bắt đầu phiên thứ " + n + " phải có dạng HH:MM.",
                      "The start time of session " + n + " must be HH:MM.");
            }
            if (!to.empty() && !IsTime(to)) {
                times_ok = false;
                p.Add(at + "ends_at", "Giờ kết thúc phiên thứ " + n + " phải có dạng HH:MM.",
                      "The end time of session " + n + " must be HH:MM.");
            }
            if (times_ok && !from.empty() && !to.empty() && to <= from) {
                p.Add(at + "ends_at",
                      "Giờ kết thúc phiên thứ " + n + " phải sau giờ bắt đầu " + from + ".",
                      "The end time of session " + n + " must be after its start " + from + ".");
            }
            if (p.Count(at + "chairs", s.chairs.size(), kMaxPeoplePerSession, "Chủ trì",
                        "Chairs")) {
                CheckNames(p, at + "chairs", s.chairs, "Người chủ trì phiên " + n,
                           "Chair of session " + n + ", number");
            }
            if (p.Count(at + "speakers", s.speakers.size(), kMaxPeoplePerSession, "Diễn giả",
                        "Speakers")) {
                CheckNames(p, at + "speakers", s.speakers, "Diễn giả phiên " + n,
                           "Speaker of session " + n + ", number");
            }
        }
    }

    if (p.Count("awards", f.awards.size(), kMaxAwards, "Khen thưởng", "Awards")) {
        for (std::size_t i = 0; i < f.awards.size(); ++i) {
            const Award& a = f.awards[i];
            std::string at = ItemField("awards", i) + ".";
            std::string n = N(static_cast<long>(i + 1));
            p.InList(at + "kind", a.kind, AwardKinds(), "Hình thức khen thưởng thứ " + n,
                     "The kind of award " + n);
            p.Text(at + "recipient", a.recipient, kMaxNameChars, true,
                   "Người, tập thể nhận khen thưởng thứ " + n, "The recipient of award " + n);
            p.InList(at + "recipient_kind", a.recipient_kind, RecipientKinds(),
                     "Loại người nhận khen thưởng thứ " + n, "The recipient kind of award " + n);
            if (a.recipient_unit_id && *a.recipient_unit_id <= 0) {
                p.Add(at + "recipient_unit_id",
                      "Tỉnh của người nhận khen thưởng thứ " + n + " không hợp lệ.",
                      "The province of the recipient of award " + n + " is not valid.");
            }
            p.Text(at + "note", a.note, kMaxAwardNoteChars, false, "Ghi chú khen thưởng thứ " + n,
                   "The note of award " + n);
        }
    }

    if (p.Count("press_links", f.press_links.size(), kMaxPressLinks, "Bài báo", "Press articles")) {
        for (std::size_t i = 0; i < f.press_links.size(); ++i) {
            const PressLink& l = f.press_links[i];
            std::string at = ItemField("press_links", i) + ".";
            std::string n = N(static_cast<long>(i + 1));
            p.Text(at + "title", l.title, kMaxTitleChars, true, "Tiêu đề bài báo thứ " + n,
                   "The title of article " + n);
            std::string url = Clean(l.url);
            if (url.empty()) {
                p.Add(at + "url", "Địa chỉ bài báo thứ " + n + " là bắt buộc.",
                      "The address of article " + n + " is required.");
            } else if (!text::IsValidUtf8(url) || text::CountChars(url) > kMaxUrlChars ||
                       !IsHttpUrl(url)) {
                p.Add(at + "url",
                      "Địa chỉ bài báo thứ " + n +
                          " phải bắt đầu bằng http:// hoặc https://, không có khoảng trắng (tối "
                          "đa " +
                          N(static_cast<long>(kMaxUrlChars)) + " ký tự).",
                      "The address of article " + n +
                          " must start with http:// or https:// and have no spaces (at most " +
                          N(static_cast<long>(kMaxUrlChars)) + " characters).");
            }
            p.Text(at + "outlet", l.outlet, kMaxOutletChars, false, "Tên báo của bài thứ " + n,
                   "The outlet of article " + n);
            if (l.published_on) {
                CheckDateRange(p, at + "published_on", *l.published_on, lo, today,
                               "Ngày đăng bài thứ " + n, "The publication date of article " + n);
            }
        }
    }

    p.Text("note", f.note, kMaxNoteChars, false, "Ghi chú", "The note");
    if (f.ordinal && (*f.ordinal < 1 || *f.ordinal > kMaxOrdinal)) {
        p.Add("ordinal", "Số thứ tự (lần thứ) phải từ 1 đến " + N(kMaxOrdinal) + ".",
              "The ordinal must be from 1 to " + N(kMaxOrdinal) + ".");
    }
    if (!p.empty())
        return p.ToError();
    return Ok();
}

Competence WhoDecides(const EventFields& f) {
    Competence c;
    if (f.type != "international_conference") {
        c.decider = Decider::kNone;
        c.reasons.push_back(
            {"not_conference", "",
             "Loại sự kiện \"" + NameVi(Types(), f.type) +
                 "\" không phải hội nghị, hội thảo quốc tế: không phải xin phép theo Quyết định "
                 "06/2020/QĐ-TTg.",
             "The type \"" + NameEn(Types(), f.type) +
                 "\" is not an international conference or seminar: no permission under Decision "
                 "06/2020/QĐ-TTg is needed."});
        return c;
    }
    const std::string& rank = f.participants.highest_foreign_rank;
    if (rank == "head_of_state_or_government" || rank == "minister_or_higher") {
        c.reasons.push_back(
            {"foreign_rank", rank,
             "Khách nước ngoài cao nhất ở cấp \"" + NameVi(ForeignRanks(), rank) +
                 "\", từ cấp Bộ trưởng trở lên: Thủ tướng Chính phủ cho phép tổ chức.",
             "The highest foreign participant is \"" + NameEn(ForeignRanks(), rank) +
                 "\", of ministerial level or higher: the Prime Minister gives permission."});
    }
    // In the order of the list, so that the reasons read the same whatever order was typed.
    for (const auto& topic : SensitiveTopics()) {
        if (!Contains(f.sensitive_topics, topic.code))
            continue;
        c.reasons.push_back({"sensitive_topic", std::string(topic.code),
                             "Nội dung liên quan đến vấn đề nhạy cảm \"" + std::string(topic.vi) +
                                 "\": Thủ tướng Chính phủ cho phép tổ chức.",
                             "The content touches the sensitive topic \"" + std::string(topic.en) +
                                 "\": the Prime Minister gives permission."});
    }
    if (f.state_secret) {
        c.reasons.push_back(
            {"state_secret", "",
             "Nội dung thuộc phạm vi bí mật nhà nước: Thủ tướng Chính phủ cho phép tổ chức.",
             "The content involves state secrets: the Prime Minister gives permission."});
    }
    if (!c.reasons.empty()) {
        c.decider = Decider::kPrimeMinister;
        return c;
    }
    if (f.national) {
        c.decider = Decider::kMinister;
        c.reasons.push_back(
            {"national", "",
             "Sự kiện cấp trung ương, khách nước ngoài dưới cấp Bộ trưởng, nội dung "
             "không nhạy cảm: Bộ trưởng, Thủ trưởng cơ quan ngang bộ đăng cai cho "
             "phép tổ chức.",
             "A national event with foreign participants below ministerial level "
             "and no sensitive topic: the minister of the hosting ministry gives "
             "permission."});
        return c;
    }
    c.decider = Decider::kProvincialChairman;
    c.reasons.push_back({"provincial", "",
                         "Khách nước ngoài dưới cấp Bộ trưởng, nội dung không nhạy cảm, không có "
                         "bí mật nhà nước: Chủ tịch Ủy ban nhân dân tỉnh cho phép tổ chức.",
                         "Foreign participants below ministerial level, no sensitive topic and no "
                         "state secret: the Chairman of the provincial People's Committee gives "
                         "permission."});
    return c;
}

int LeadDays(Decider d) {
    switch (d) {
        case Decider::kPrimeMinister:
            return kPmLeadDays;
        case Decider::kMinister:
        case Decider::kProvincialChairman:
            return kLeadDays;
        case Decider::kNone:
            return 0;
    }
    return 0;
}

namespace {

// The decider inside a sentence: "khi Thủ tướng Chính phủ cho phép" / "when the Prime Minister
// gives permission".
std::string_view DeciderVi(Decider d) {
    switch (d) {
        case Decider::kPrimeMinister:
            return "Thủ tướng Chính phủ";
        case Decider::kMinister:
            return "Bộ trưởng, Thủ trưởng cơ quan ngang bộ";
        case Decider::kProvincialChairman:
            return "Chủ tịch Ủy ban nhân dân tỉnh";
        case Decider::kNone:
            return "";
    }
    return "";
}

std::string_view DeciderEn(Decider d) {
    switch (d) {
        case Decider::kPrimeMinister:
            return "the Prime Minister";
        case Decider::kMinister:
            return "the minister";
        case Decider::kProvincialChairman:
            return "the provincial chairman";
        case Decider::kNone:
            return "";
    }
    return "";
}

}  // namespace

std::optional<Warning> LateRequest(const EventFields& f, Date requested_on) {
    const Decider decider = WhoDecides(f).decider;
    const int lead = LeadDays(decider);
    if (lead == 0)
        return std::nullopt;
    const Date latest = f.starts_on.AddDays(-lead);
    if (requested_on <= latest)
        return std::nullopt;
    Warning w;
    w.code = "late_request";
    w.days_short = static_cast<int>(requested_on.ToDays() - latest.ToDays());
    w.latest_on = latest;
    const long before = f.starts_on.ToDays() - requested_on.ToDays();
    std::string when_vi;
    std::string when_en;
    if (before > 0) {
        when_vi = "chỉ " + N(before) + " ngày trước ngày khai mạc " + Display(f.starts_on);
        when_en = "only " + DaysEn(before) + " before the opening on " + Display(f.starts_on);
    } else if (before == 0) {
        when_vi = "đúng ngày khai mạc " + Display(f.starts_on);
        when_en = "on the opening day " + Display(f.starts_on);
    } else {
        when_vi = "sau ngày khai mạc " + Display(f.starts_on);
        when_en = "after the opening on " + Display(f.starts_on);
    }
    w.message_vi = "Đề nghị cho phép tổ chức nhận ngày " + Display(requested_on) + ", " + when_vi +
                   ": chậm " + N(w.days_short) + " ngày. Khi " + std::string(DeciderVi(decider)) +
                   " cho phép, đề nghị phải gửi trước ít nhất " + N(lead) +
                   " ngày, tức chậm nhất ngày " + Display(latest) + " (Quyết định 06/2020/QĐ-TTg).";
    w.message_en =
        "The request for permission arrived on " + Display(requested_on) + ", " + when_en + ": " +
        DaysEn(w.days_short) + " late. When " + std::string(DeciderEn(decider)) +
        " gives permission, the request must arrive at least " + N(lead) +
        " days ahead, that is by " + Display(latest) + " at the latest (Decision 06/2020/QĐ-TTg).";
    return w;
}

Date ConsultationDue(Date sent_on, const WorkingCalendar& calendar) {
    return calendar.AddCalendarDays(sent_on, kConsultationDays);
}

Date ResultReportDue(Date last_day, const WorkingCalendar& calendar) {
    return calendar.AddCalendarDays(last_day, kResultReportDays);
}

ReportPeriod YearlyReportPeriod(int year) {
    ReportPeriod p;
    p.year = year;
    p.from = *Date::FromYmd(year - 1, 12, kReportPeriodFirstDay);
    p.to = *Date::FromYmd(year, 12, kReportPeriodLastDay);
    p.due_on = *Date::FromYmd(year, 12, kYearlyReportDueDay);
    return p;
}

int ReportYearOf(Date event_day) {
    if (event_day.month() == 12 && event_day.day() >= kReportPeriodFirstDay)
        return event_day.year() + 1;
    return event_day.year();
}

std::optional<Date> NextDue(const std::vector<Deadline>& deadlines) {
    return EarliestOpenDue(deadlines);
}

std::optional<Date> ConsultationDueOn(const std::vector<Deadline>& deadlines) {
    std::optional<Date> last;
    for (const auto& d : deadlines) {
        if (d.kind == DeadlineKind::kConsultation && d.open() && (!last || d.due_on > *last))
            last = d.due_on;
    }
    return last;
}

namespace {

Error Invalid(std::string field, std::string vi, std::string en) {
    return Error::InvalidArgument(std::move(field), std::move(vi), std::move(en));
}

// kFailedPrecondition on the action (the form shows it beside the step).
Error Refused(std::string vi, std::string en) {
    Error e = Error::FailedPrecondition(std::move(vi), std::move(en));
    e.field = "action";
    return e;
}

Error WrongState(const EventRecord& e, std::string_view action) {
    return StepNotPossible(Actions(), action, Statuses(), StatusCode(e.status), "sự kiện",
                           "the event");
}

std::vector<const Deadline*> OpenOf(const EventDetail& d, DeadlineKind kind) {
    std::vector<const Deadline*> out;
    for (const auto& dl : d.deadlines) {
        if (dl.kind == kind && dl.open())
            out.push_back(&dl);
    }
    std::sort(out.begin(), out.end(), [](const Deadline* a, const Deadline* b) {
        return a->due_on != b->due_on ? a->due_on < b->due_on : a->id < b->id;
    });
    return out;
}

// Whether `body` was ever consulted (the request open or answered).
bool Consulted(const EventDetail& d, std::string_view body) {
    const std::string folded = text::Fold(body);
    return std::any_of(d.deadlines.begin(), d.deadlines.end(), [&](const Deadline& dl) {
        return dl.kind == DeadlineKind::kConsultation && text::Fold(dl.body) == folded;
    });
}

Deadline NewDeadline(DeadlineKind kind, std::string body, Date opened, Date due) {
    Deadline d;
    d.kind = kind;
    d.body = std::move(body);
    d.opened_on = opened;
    d.due_on = due;
    return d;
}

// The consultations must be over before the decision or the submission: each answered, or its
// period run out by `date` (the body had until the end of its due day). The unanswered ones
// whose period ran out are closed as "no_reply"; a consultation still within its period
// refuses the step, naming the body and the day it may still answer until.
Result<void> SettleConsultations(const EventDetail& d, Date date, StepPlan& plan) {
    for (const Deadline* dl : OpenOf(d, DeadlineKind::kConsultation)) {
        if (date <= dl->due_on) {
            return Refused("Đang chờ ý kiến của " + dl->body + " (thời hạn đến hết ngày " +
                               Display(dl->due_on) +
                               "): chỉ tiếp tục khi đã nhận ý kiến hoặc đã hết thời hạn.",
                           "Still waiting for the opinion of " + dl->body + " (due by " +
                               Display(dl->due_on) +
                               "): go on once it has replied or its period is over.");
        }
        plan.close.push_back({dl->id, "no_reply", ""});
    }
    return Ok();
}

Result<std::string> DecisionRef(const StepRequest& req) {
    std::string ref = CleanInput(req.decision_ref);
    if (ref.empty() || text::CountChars(ref) > kMaxDecisionRefChars) {
        return Invalid("decision_ref",
                       "Cần số, ngày của văn bản cho phép hoặc không cho phép tổ chức (tối đa " +
                           N(static_cast<long>(kMaxDecisionRefChars)) + " ký tự).",
                       "The number and date of the decision are required (at most " +
                           N(static_cast<long>(kMaxDecisionRefChars)) + " characters).");
    }
    return ref;
}

}  // namespace

std::string ResultReportBody(Decider d, bool national) {
    std::string agency =
        national ? "Bộ, cơ quan ngang bộ cho phép tổ chức" : "Ủy ban nhân dân tỉnh";
    if (d == Decider::kPrimeMinister)
        return agency + ", đồng gửi " + kMofaBody;
    return agency;
}

Result<StepPlan> PlanStep(const EventDetail& current, const StepRequest& req,
                          const WorkingCalendar& calendar, Date today) {
    const EventRecord& e = current.event;
    const EventFields& f = e.fields;
    const std::string& action = req.action;
    if (!FindCode(Actions(), action) || action == "create" || action == "edit") {
        return Invalid("action", "Bước xử lý \"" + EchoInput(action) + "\" không hợp lệ.",
                       "\"" + EchoInput(action) + "\" is not a workflow step.");
    }
    // Steps follow each other in time; a reply only needs to follow the request it answers.
    auto checked =
        CheckStepDate(req.date, today,
                      action != "record_reply" ? LatestHappenedOn(current.history) : std::nullopt);
    if (!checked)
        return checked.error();
    const Date date = *checked;

    StepPlan plan;
    plan.from = e.status;
    plan.to = e.status;
    plan.date = date;
    const Competence competence = WhoDecides(f);
    const Decider now = competence.decider;

    if (action == "request_approval") {
        if (e.status != Status::kPlanned)
            return WrongState(e, action);
        if (now == Decider::kNone) {
            return Refused(competence.reasons.front().message_vi +
                               " Ghi nhận \"Đã tổ chức\" khi sự kiện diễn ra.",
                           competence.reasons.front().message_en +
                               " Record it as held once it has taken place.");
        }
        if (date > f.starts_on) {
            return Invalid(
                "date",
                "Đề nghị cho phép tổ chức phải gửi trước ngày khai mạc " + Display(f.starts_on) +
                    ".",
                "Permission must be requested before the opening on " + Display(f.starts_on) + ".");
        }
        plan.decider = now;
        plan.requested_on = date;
        if (auto w = LateRequest(f, date))
            plan.warnings.push_back(*w);
        plan.to = Status::kRequested;
    } else if (action == "open_consultations") {
        if (e.status != Status::kRequested && e.status != Status::kConsulting)
            return WrongState(e, action);
        if (now == Decider::kNone)
            return Refused(competence.reasons.front().message_vi,
                           competence.reasons.front().message_en);
        // The Prime Minister's events are always put to MOFA and the Ministry of Public
        // Security; the others to the bodies the province names.
        std::vector<std::string> bodies;
        std::set<std::string> seen;
        for (const auto& dl : current.deadlines) {
            if (dl.kind == DeadlineKind::kConsultation)
                seen.insert(text::Fold(dl.body));
        }
        if (now == Decider::kPrimeMinister) {
            for (const char* b : {kMofaBody, kMpsBody}) {
                if (seen.insert(text::Fold(b)).second)
                    bodies.emplace_back(b);
            }
        }
        for (const auto& b : req.bodies) {
            if (!text::IsValidUtf8(b)) {
                return Invalid("bodies",
                               "Tên cơ quan được lấy ý kiến không hợp lệ (không phải UTF-8).",
                               "A consulted body's name is invalid text (not UTF-8).");
            }
            std::string name = CleanInput(b);
            if (name.empty())
                continue;
            if (text::CountChars(name) > kMaxNameChars) {
                return Invalid("bodies",
                               "Tên cơ quan được lấy ý kiến dài quá " +
                                   N(static_cast<long>(kMaxNameChars)) + " ký tự.",
                               "A consulted body's name is longer than " +
                                   N(static_cast<long>(kMaxNameChars)) + " characters.");
            }
            if (seen.insert(text::Fold(name)).second)
                bodies.push_back(name);
        }
        if (bodies.empty()) {
            return Invalid("bodies",
                           "Cần nêu ít nhất một cơ quan chưa được lấy ý kiến cho sự kiện này.",
                           "Name at least one body that has not been consulted on this event yet.");
        }
        const Date due = ConsultationDue(date, calendar);
        for (auto& b : bodies)
            plan.open.push_back(NewDeadline(DeadlineKind::kConsultation, b, date, due));
        plan.decider = now;
        plan.to = Status::kConsulting;
    } else if (action == "record_reply") {
        if (e.status != Status::kConsulting && e.status != Status::kSubmittedPm)
            return WrongState(e, action);
        if (req.outcome != "agree" && req.outcome != "disagree" && req.outcome != "comments") {
            return Invalid("outcome", "Ý kiến phải là: đồng ý, không đồng ý hoặc góp ý.",
                           "The opinion must be agree, disagree or comments.");
        }
        std::string body = CleanInput(req.body);
        const Deadline* match = nullptr;
        for (const Deadline* dl : OpenOf(current, DeadlineKind::kConsultation)) {
            if (text::Fold(dl->body) == text::Fold(body))
                match = dl;
        }
        if (!match) {
            return Invalid(
                "body",
                "Không có yêu cầu lấy ý kiến nào đang chờ cơ quan \"" + EchoInput(body) + "\".",
                "No request for opinions is waiting for \"" + EchoInput(body) + "\".");
        }
        if (date < match->opened_on) {
            return Invalid("date",
                           "Ngày nhận ý kiến " + Display(date) + " trước ngày gửi lấy ý kiến " +
                               Display(match->opened_on) + ".",
                           "The opinion's date " + Display(date) +
                               " is before the request was sent (" + Display(match->opened_on) +
                               ").");
        }
        plan.close.push_back({match->id, req.outcome, CleanInput(req.note)});
    } else if (action == "submit_pm") {
        if (now != Decider::kPrimeMinister) {
            return Refused("Sự kiện không thuộc thẩm quyền cho phép của Thủ tướng Chính phủ: " +
                               std::string(DeciderVi(now)) + " quyết định, không trình Thủ tướng.",
                           "The Prime Minister does not decide this event (" +
                               std::string(DeciderEn(now)) + " does): it is not submitted to him.");
        }
        if (e.status == Status::kRequested ||
            (e.status == Status::kConsulting &&
             (!Consulted(current, kMofaBody) || !Consulted(current, kMpsBody)))) {
            return Refused(
                "Trước khi trình Thủ tướng Chính phủ phải lấy ý kiến Bộ Ngoại giao và "
                "Bộ Công an (bước \"Gửi lấy ý kiến\" tự thêm hai cơ quan này).",
                "MOFA and the Ministry of Public Security must be consulted before "
                "submitting to the Prime Minister (the step \"Opinions requested\" "
                "adds both).");
        }
        if (e.status != Status::kConsulting)
            return WrongState(e, action);
        if (auto settled = SettleConsultations(current, date, plan); !settled)
            return settled.error();
        plan.decider = now;
        plan.to = Status::kSubmittedPm;
    } else if (action == "approve") {
        if (now == Decider::kPrimeMinister && e.status != Status::kSubmittedPm) {
            if (e.status != Status::kRequested && e.status != Status::kConsulting)
                return WrongState(e, action);
            std::string why_vi;
            std::string why_en;
            for (const auto& r : competence.reasons) {
                why_vi += " " + r.message_vi;
                why_en += " " + r.message_en;
            }
            std::string changed_vi = e.decider != Decider::kPrimeMinister
                                         ? " Thông tin sự kiện đã thay đổi từ khi đề nghị."
                                         : "";
            std::string changed_en = e.decider != Decider::kPrimeMinister
                                         ? " The event's details changed since the request."
                                         : "";
            return Refused(
                "Chỉ cho phép tổ chức sau khi lấy ý kiến Bộ Ngoại giao, Bộ Công an và "
                "trình Thủ tướng Chính phủ." +
                    changed_vi + why_vi,
                "Permission comes only after consulting MOFA and the Ministry of "
                "Public Security and submitting to the Prime Minister." +
                    changed_en + why_en);
        }
        if (e.status != Status::kRequested && e.status != Status::kConsulting &&
            e.status != Status::kSubmittedPm) {
            return WrongState(e, action);
        }
        if (e.status == Status::kConsulting) {
            if (auto settled = SettleConsultations(current, date, plan); !settled)
                return settled.error();
        }
        if (date > f.starts_on) {
            return Invalid("date",
                           "Ngày cho phép " + Display(date) + " sau ngày khai mạc " +
                               Display(f.starts_on) + ": phải cho phép trước khi tổ chức.",
                           "The permission of " + Display(date) + " is after the opening on " +
                               Display(f.starts_on) + ": permission comes first.");
        }
        auto ref = DecisionRef(req);
        if (!ref)
            return ref.error();
        plan.decision_ref = *ref;
        plan.decided_on = date;
        plan.to = Status::kApproved;
    } else if (action == "reject") {
        if (e.status != Status::kRequested && e.status != Status::kConsulting &&
            e.status != Status::kSubmittedPm) {
            return WrongState(e, action);
        }
        auto ref = DecisionRef(req);
        if (!ref)
            return ref.error();
        // A refusal ends the consultations still waiting.
        for (const Deadline* dl : OpenOf(current, DeadlineKind::kConsultation))
            plan.close.push_back({dl->id, "cancelled", ""});
        plan.decision_ref = *ref;
        plan.decided_on = date;
        plan.to = Status::kRejected;
    } else if (action == "mark_held") {
        if (e.status == Status::kPlanned) {
            if (now != Decider::kNone) {
                return Refused("Hội nghị, hội thảo quốc tế phải được " +
                                   std::string(DeciderVi(now)) +
                                   " cho phép trước khi tổ chức (Quyết định 06/2020/QĐ-TTg).",
                               "An international conference or seminar needs the permission of " +
                                   std::string(DeciderEn(now)) +
                                   " before it is held (Decision 06/2020/QĐ-TTg).");
            }
        } else if (e.status != Status::kApproved) {
            return WrongState(e, action);
        }
        if (date < f.starts_on) {
            return Invalid("date",
                           "Ngày " + Display(date) + " trước ngày khai mạc " +
                               Display(f.starts_on) + ": sự kiện chưa diễn ra.",
                           "The date " + Display(date) + " is before the opening on " +
                               Display(f.starts_on) + ": the event has not taken place yet.");
        }
        // The organiser reports the result of a permitted event within 15 days (Form 02).
        if (e.status == Status::kApproved) {
            const Decider decider = e.decider == Decider::kNone ? now : e.decider;
            const Date due = ResultReportDue(f.ends_on, calendar);
            plan.open.push_back(NewDeadline(DeadlineKind::kResultReport,
                                            ResultReportBody(decider, f.national), date, due));
            plan.report_due_on = due;
        }
        plan.to = Status::kHeld;
    } else if (action == "submit_report") {
        if (e.status != Status::kHeld)
            return WrongState(e, action);
        for (const Deadline* dl : OpenOf(current, DeadlineKind::kResultReport))
            plan.close.push_back({dl->id, "done", CleanInput(req.note)});
        plan.reported_on = date;
        plan.to = Status::kReported;
    } else if (action == "cancel") {
        if (e.status != Status::kPlanned && e.status != Status::kRequested &&
            e.status != Status::kConsulting && e.status != Status::kSubmittedPm &&
            e.status != Status::kApproved) {
            return WrongState(e, action);
        }
        for (const auto& dl : current.deadlines) {
            if (dl.open())
                plan.close.push_back({dl.id, "cancelled", ""});
        }
        plan.to = Status::kCancelled;
    }
    return plan;
}

}  // namespace ngoaivu::events
