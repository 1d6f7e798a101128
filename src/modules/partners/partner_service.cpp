#include "modules/partners/partner_service.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <optional>
#include <utility>

#include "base/field_problems.hpp"
#include "base/input.hpp"
#include "base/text.hpp"
#include "modules/geo/geo_service.hpp"

namespace ngoaivu::partners {

namespace {

constexpr std::size_t kMaxNameChars = 300;
constexpr std::size_t kMaxWebsiteChars = 500;
constexpr std::size_t kMaxNotesChars = 5000;
constexpr std::size_t kMaxContacts = 50;
constexpr std::size_t kMaxContactChars = 200;
constexpr std::size_t kMaxPhoneChars = 50;
constexpr std::size_t kMaxRelationNoteChars = 1000;

bool HasControl(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7F;
    });
}

// `raw` as stored: NFC, without white space at either end; nullopt when it is not UTF-8.
std::optional<std::string> Clean(const std::string& raw) {
    if (!text::IsValidUtf8(raw))
        return std::nullopt;
    return text::TrimSpace(text::Nfc(raw));
}

// Checks a one-line text field: UTF-8, no control characters, at most `max` characters, and
// present when `required`. Returns the cleaned text ("" after a problem).
std::string CheckLine(FieldProblems& problems, const std::string& raw, const std::string& field,
                      const std::string& label_vi, const std::string& label_en, std::size_t max,
                      bool required) {
    auto v = Clean(raw);
    std::string limit = std::to_string(max);
    if (!v || HasControl(*v) || text::CountChars(*v) > max || (required && v->empty())) {
        problems.Add(field,
                     label_vi + (required ? " là bắt buộc, " : " ") + "tối đa " + limit +
                         " ký tự, một dòng, không có ký tự điều khiển.",
                     label_en + (required ? " is required, " : " has ") + "at most " + limit +
                         " characters on one line, without control characters.");
        return {};
    }
    return *v;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i])
            return false;
    }
    return true;
}

// An http:// or https:// URL with a host, and no white space or control characters.
bool IsWebAddress(std::string_view url) {
    std::size_t scheme = StartsWithIgnoreCase(url, "https://")  ? 8
                         : StartsWithIgnoreCase(url, "http://") ? 7
                                                                : 0;
    if (scheme == 0 || url.size() == scheme || url[scheme] == '/' || url[scheme] == '.' ||
        url[scheme] == ':') {
        return false;
    }
    return std::none_of(url.begin(), url.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u <= 0x20 || u == 0x7F;
    });
}

bool IsPhone(std::string_view s) {
    bool digit = false;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            digit = true;
            continue;
        }
        if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')' && c != '.')
            return false;
    }
    return digit;
}

std::string KindList() {
    std::string out;
    for (PartnerKind k : kAllPartnerKinds) {
        if (!out.empty())
            out += ", ";
        out += KindName(k);
    }
    return out;
}

Error KindError() {
    return Error::InvalidArgument("kind", "Loại đối tác phải là một trong: " + KindList() + ".",
                                  "The partner kind must be one of: " + KindList() + ".");
}

Error WriteDenied() {
    return Error::PermissionDenied(
        "Chỉ quản trị viên, cán bộ Bộ Ngoại giao và cán bộ, lãnh đạo cấp tỉnh được thêm hoặc sửa "
        "đối tác.",
        "Only administrators, MOFA staff and provincial officers and leaders may add or edit "
        "partners.");
}

Error MergeDenied() {
    return Error::PermissionDenied("Chỉ quản trị viên và cán bộ Bộ Ngoại giao được gộp đối tác.",
                                   "Only administrators and MOFA staff may merge partners.");
}

Error NoPartner(PartnerId id, std::string field = {}) {
    std::string n = std::to_string(id.value);
    Error e = Error::NotFound("Không có đối tác số " + n + ".", "No partner has id " + n + ".");
    if (!field.empty()) {
        e.fields.push_back({field, e.message_vi, e.message_en});
        e.field = std::move(field);
    }
    return e;
}

Error NoRelation(SisterRelationId id) {
    std::string n = std::to_string(id.value);
    return Error::NotFound("Không có quan hệ kết nghĩa số " + n + ".",
                           "No sister relation has id " + n + ".");
}

// kFailedPrecondition naming `field` (for the form) when given.
Error Precondition(std::string field, std::string vi, std::string en) {
    Error e = Error::FailedPrecondition(vi, en);
    if (!field.empty()) {
        e.fields.push_back({field, std::move(vi), std::move(en)});
        e.field = std::move(field);
    }
    return e;
}

Error MergedAlready(const Partner& p, std::string field = {}) {
    std::string n = std::to_string(p.id.value);
    std::string into = p.merged_into ? std::to_string(p.merged_into->value) : "?";
    return Precondition(std::move(field),
                        "Đối tác số " + n + " đã được gộp vào đối tác số " + into +
                            "; hãy dùng đối tác số " + into + ".",
                        "Partner " + n + " was merged into partner " + into + "; use partner " +
                            into + " instead.");
}

Error VersionConflict() {
    return {ErrorCode::kConflict,
            "version",
            "Đối tác này vừa được người khác (hoặc bạn, ở một thẻ khác) sửa và lưu. Dưới đây là "
            "bản đang lưu; hãy xem lại thay đổi của họ rồi sửa và lưu lại.",
            "This partner was just changed and saved by someone else (or by you in another "
            "tab). The stored record is shown; check their change, then edit and save again.",
            {{"version", "Phiên bản đã cũ: đối tác đã được lưu ở nơi khác.",
              "The version is stale: the partner was saved elsewhere."}}};
}

// Reads a date typed as `input` allows; nullopt when malformed or absent.
std::optional<Date> ParseDate(const std::string& raw, DateInput input) {
    std::string s = text::IsValidUtf8(raw) ? text::TrimSpace(raw) : std::string();
    if (auto d = Date::ParseIso(s))
        return d;
    if (input == DateInput::kIsoOrDisplay)
        return Date::ParseVi(s);
    return std::nullopt;
}

void DateProblem(FieldProblems& problems, const std::string& field, DateInput input,
                 const std::string& label_vi, const std::string& label_en) {
    bool forms = input == DateInput::kIsoOrDisplay;
    problems.Add(field,
                 label_vi + " không hợp lệ: dùng dạng " +
                     (forms ? "dd/mm/yyyy hoặc yyyy-mm-dd" : "yyyy-mm-dd") + ".",
                 label_en + " is not a valid date: use " +
                     (forms ? "dd/mm/yyyy or yyyy-mm-dd" : "yyyy-mm-dd") + ".");
}

bool SameFields(const Partner& a, const Partner& b) {
    return a.kind == b.kind && a.name_original == b.name_original && a.name_vi == b.name_vi &&
           a.name_en == b.name_en && a.country_alpha2 == b.country_alpha2 &&
           a.website == b.website && a.notes == b.notes && a.contacts == b.contacts;
}

}  // namespace

Result<PartnerSort> ParsePartnerSort(std::string_view value) {
    PartnerSort sort;
    if (value.empty())
        return sort;
    if (value.front() == '-') {
        sort.descending = true;
        value.remove_prefix(1);
    }
    const PartnerSortKey keys[] = {PartnerSortKey::kName, PartnerSortKey::kCountry,
                                   PartnerSortKey::kUpdated};
    for (std::size_t i = 0; i < std::size(kPartnerSortKeys); ++i) {
        if (value == kPartnerSortKeys[i]) {
            sort.key = keys[i];
            return sort;
        }
    }
    return Error::InvalidArgument(
        "sort", "Thứ tự sắp xếp phải là name, country hoặc updated (thêm dấu - để xếp giảm dần).",
        "The sort order must be name, country or updated (with a leading - for descending).");
}

std::string SortParam(const PartnerSort& sort) {
    std::string key(kPartnerSortKeys[static_cast<std::size_t>(sort.key)]);
    return sort.descending ? "-" + key : key;
}

std::string SearchTextOf(const Partner& p) {
    std::string out = text::Fold(p.name_vi);
    for (const std::string* name : {&p.name_en, &p.name_original}) {
        std::string folded = text::Fold(*name);
        if (!folded.empty())
            out += " " + folded;
    }
    return out;
}

std::string PartnerService::Now() const {
    return audit::IsoUtc(clock_.Now());
}

Result<void> PartnerService::CheckCanWrite(const Actor& actor) const {
    if (actor.IsAdmin() || actor.Has(Role::kMofaStaff) || actor.Has(Role::kProvinceOfficer) ||
        actor.Has(Role::kProvinceLeader)) {
        return Ok();
    }
    return WriteDenied();
}

Result<void> PartnerService::CheckCanMerge(const Actor& actor) const {
    if (actor.IsAdmin() || actor.Has(Role::kMofaStaff))
        return Ok();
    return MergeDenied();
}

nlohmann::json PartnerService::Describe(const Partner& p) {
    nlohmann::json contacts = nlohmann::json::array();
    for (const auto& c : p.contacts) {
        contacts.push_back(
            {{"name", c.name}, {"title", c.title}, {"email", c.email}, {"phone", c.phone}});
    }
    return {
        {"kind", KindName(p.kind)},
        {"name_original", p.name_original},
        {"name_vi", p.name_vi},
        {"name_en", p.name_en},
        {"country", p.country_alpha2.empty() ? nlohmann::json() : nlohmann::json(p.country_alpha2)},
        {"website", p.website},
        {"notes", p.notes},
        {"merged_into", p.merged_into ? nlohmann::json(p.merged_into->value) : nullptr},
        {"version", p.version},
        {"contacts", contacts}};
}

nlohmann::json PartnerService::Describe(const SisterRelation& r) {
    return {{"partner_id", r.partner_id.value},
            {"admin_unit_id", r.admin_unit_id.value},
            {"established_on", r.established_on.ToIso()},
            {"ended_on", r.ended_on ? nlohmann::json(r.ended_on->ToIso()) : nullptr},
            {"note", r.note}};
}

Result<Partner> PartnerService::Validate(storage::Transaction& tx,
                                         const CreatePartnerRequest& req) {
    FieldProblems problems;
    Partner p;
    if (auto kind = ParseKind(text::IsValidUtf8(req.kind) ? text::TrimSpace(req.kind) : "")) {
        p.kind = *kind;
    } else {
        Error e = KindError();
        problems.Add(e.field, e.message_vi, e.message_en);
    }
    p.name_original = CheckLine(problems, req.name_original, "name_original", "Tên nguyên gốc",
                                "The original name", kMaxNameChars, false);
    p.name_vi = CheckLine(problems, req.name_vi, "name_vi", "Tên tiếng Việt", "The Vietnamese name",
                          kMaxNameChars, true);
    p.name_en = CheckLine(problems, req.name_en, "name_en", "Tên tiếng Anh", "The English name",
                          kMaxNameChars, false);

    std::string country = text::IsValidUtf8(req.country) ? text::TrimSpace(req.country) : "?";
    if (country.empty()) {
        if (p.kind != PartnerKind::kInternationalOrg) {
            problems.Add("country", "Quốc gia là bắt buộc (trừ tổ chức quốc tế).",
                         "The country is required (except for international organisations).");
        }
    } else if (!IsAlpha2(country) || !repo_.CountryExists(tx, country)) {
        std::string shown = text::IsValidUtf8(country) ? country : "?";
        problems.Add("country",
                     "Không có quốc gia mã \"" + shown +
                         "\": dùng mã ISO 3166-1 gồm 2 chữ in hoa "
                         "(ví dụ KR, JP, FR).",
                     "No country has code \"" + shown +
                         "\": use an ISO 3166-1 code of 2 capital "
                         "letters (e.g. KR, JP, FR).");
    } else {
        p.country_alpha2 = country;
    }

    auto website = Clean(req.website);
    if (!website || text::CountChars(*website) > kMaxWebsiteChars ||
        (!website->empty() && !IsWebAddress(*website))) {
        problems.Add("website",
                     "Trang web phải để trống hoặc là một địa chỉ http:// hoặc https:// (tối đa "
                     "500 ký tự, không có khoảng trắng).",
                     "The website must be empty or an http:// or https:// address (at most 500 "
                     "characters, without spaces).");
    } else {
        p.website = *website;
    }

    auto notes = Clean(req.notes);
    if (!notes || text::CountChars(*notes) > kMaxNotesChars) {
        problems.Add("notes", "Ghi chú tối đa 5000 ký tự.",
                     "The notes have at most 5000 characters.");
    } else {
        p.notes = *notes;
    }

    if (req.contacts.size() > kMaxContacts) {
        problems.Add("contacts", "Mỗi đối tác có tối đa 50 người liên hệ.",
                     "A partner has at most 50 contacts.");
    } else {
        for (std::size_t i = 0; i < req.contacts.size(); ++i) {
            const Contact& in = req.contacts[i];
            std::string at = "contacts[" + std::to_string(i) + "].";
            std::string n = std::to_string(i + 1);
            Contact c;
            c.name = CheckLine(problems, in.name, at + "name", "Họ tên người liên hệ " + n,
                               "The name of contact " + n, kMaxContactChars, true);
            c.title = CheckLine(problems, in.title, at + "title", "Chức vụ của người liên hệ " + n,
                                "The title of contact " + n, kMaxContactChars, false);
            auto email = Clean(in.email);
            if (!email || (!email->empty() && !text::IsEmailAddress(*email))) {
                problems.Add(at + "email",
                             "Email của người liên hệ " + n +
                                 " không hợp lệ: cần đúng một ký tự @, có phần trước @, tên miền "
                                 "có dấu chấm, không có khoảng trắng (tối đa 254 ký tự).",
                             "The email of contact " + n +
                                 " is not valid: it needs exactly one @, something before it, a "
                                 "domain with a dot, and no spaces (at most 254 characters).");
            } else {
                c.email = *email;
            }
            auto phone = Clean(in.phone);
            if (!phone || text::CountChars(*phone) > kMaxPhoneChars ||
                (!phone->empty() && !IsPhone(*phone))) {
                problems.Add(at + "phone",
                             "Số điện thoại của người liên hệ " + n +
                                 " chỉ gồm chữ số, khoảng trắng và các ký tự + - ( ) . (tối đa 50 "
                                 "ký tự).",
                             "The phone number of contact " + n +
                                 " has only digits, spaces and + - ( ) . (at most 50 "
                                 "characters).");
            } else {
                c.phone = *phone;
            }
            p.contacts.push_back(std::move(c));
        }
    }
    if (!problems.empty())
        return problems.ToError();
    return p;
}

PartnerDetail PartnerService::DetailOf(storage::Transaction& tx, Partner partner) {
    PartnerDetail d;
    d.sister_relations = repo_.SisterRelationsOf(tx, partner.id);
    if (partner.merged_into)
        d.merged_into = repo_.FindSummary(tx, *partner.merged_into);
    d.merged_from = repo_.MergedInto(tx, partner.id);
    d.agreement_count = repo_.CountAgreements(tx, partner.id);
    d.partner = std::move(partner);
    return d;
}

Result<Page<PartnerSummary>> PartnerService::List(const Actor&, const PartnerFilter& filter,
                                                  const PartnerSort& sort,
                                                  const PageRequest& page) {
    // Every signed-in actor reads partners: they are shared by every province.
    if (auto v = geo::ValidateSearch(filter.q); !v)
        return v.error();
    if (!filter.kind.empty() && !ParseKind(filter.kind))
        return KindError();
    if (!filter.country.empty() && !IsAlpha2(filter.country)) {
        return Error::InvalidArgument(
            "country", "Mã quốc gia phải gồm 2 chữ in hoa theo ISO 3166-1 (ví dụ KR).",
            "The country code must be 2 capital letters of ISO 3166-1 (e.g. KR).");
    }
    PartnerQuery query{text::Fold(filter.q), filter.kind, filter.country, filter.include_merged};
    auto tx = db_.Begin(storage::TxMode::kRead);
    return repo_.List(*tx, query, sort, page);
}

Result<PartnerDetail> PartnerService::Get(const Actor&, PartnerId id) {
    auto tx = db_.Begin(storage::TxMode::kRead);
    auto p = repo_.Find(*tx, id);
    if (!p)
        return NoPartner(id);
    return DetailOf(*tx, std::move(*p));
}

Result<PartnerDetail> PartnerService::Create(const Actor& actor, const CreatePartnerRequest& req) {
    if (auto w = CheckCanWrite(actor); !w)
        return w.error();
    return storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<PartnerDetail> {
        auto p = Validate(tx, req);
        if (!p)
            return p.error();
        p->created_at = p->updated_at = Now();
        p->id = repo_.Insert(tx, *p, SearchTextOf(*p));
        repo_.ReplaceContacts(tx, p->id, p->contacts);
        auto stored = repo_.Find(tx, p->id);
        audit_.Record(tx, actor, "create", "partner", std::to_string(p->id.value), nullptr,
                      Describe(*stored));
        return DetailOf(tx, std::move(*stored));
    });
}

Result<PartnerDetail> PartnerService::Update(const Actor& actor, PartnerId id,
                                             std::int64_t expected_version,
                                             const UpdatePartnerRequest& req) {
    if (auto w = CheckCanWrite(actor); !w)
        return w.error();
    return storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<PartnerDetail> {
        auto existing = repo_.Find(tx, id);
        if (!existing)
            return NoPartner(id);
        if (existing->merged_into)
            return MergedAlready(*existing);
        auto p = Validate(tx, req);
        std::optional<Error> invalid;
        if (!p)
            invalid = p.error();
        if (expected_version < 1) {
            FieldError f{"version", "Phiên bản phải là số nguyên từ 1 trở lên.",
                         "The version must be a whole number of at least 1."};
            if (!invalid)
                invalid = Error::InvalidArgument(f.field, f.message_vi, f.message_en);
            else
                invalid->fields.push_back(std::move(f));
        }
        if (invalid)
            return *invalid;
        if (existing->version != expected_version)
            return VersionConflict();
        p->id = id;
        p->created_at = existing->created_at;
        p->version = existing->version;
        if (SameFields(*p, *existing))
            return DetailOf(tx, std::move(*existing));
        p->updated_at = Now();
        if (!repo_.Update(tx, *p, expected_version, SearchTextOf(*p)))
            return VersionConflict();
        repo_.ReplaceContacts(tx, id, p->contacts);
        auto stored = repo_.Find(tx, id);
        audit_.Record(tx, actor, "update", "partner", std::to_string(id.value), Describe(*existing),
                      Describe(*stored));
        return DetailOf(tx, std::move(*stored));
    });
}

Result<PartnerDetail> PartnerService::Merge(const Actor& actor, PartnerId source,
                                            PartnerId target) {
    if (auto m = CheckCanMerge(actor); !m)
        return m.error();
    if (source == target) {
        return Error::InvalidArgument("into", "Không thể gộp một đối tác vào chính nó.",
                                      "A partner cannot be merged into itself.");
    }
    return storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<PartnerDetail> {
        auto s = repo_.Find(tx, source);
        if (!s)
            return NoPartner(source);
        auto t = repo_.Find(tx, target);
        if (!t)
            return NoPartner(target, "into");
        if (s->merged_into)
            return MergedAlready(*s);
        if (t->merged_into)
            return MergedAlready(*t, "into");
        if (t->kind != PartnerKind::kLocality && !repo_.SisterRelationsOf(tx, source).empty()) {
            return Precondition(
                "into",
                "Đối tác số " + std::to_string(source.value) +
                    " có quan hệ kết nghĩa, nên chỉ gộp được vào một địa phương nước ngoài.",
                "Partner " + std::to_string(source.value) +
                    " has sister relations, so it can only be merged into a foreign locality.");
        }
        MergeCounts moved = repo_.Merge(tx, source, target, Now());
        auto stored = repo_.Find(tx, target);
        nlohmann::json before = {{"source", Describe(*s)}, {"target", Describe(*t)}};
        nlohmann::json after = {{"source_id", source.value},
                                {"merged_into", target.value},
                                {"moved",
                                 {{"agreements", moved.agreements},
                                  {"sister_relations", moved.sister_relations},
                                  {"contacts", moved.contacts},
                                  {"merged_partners", moved.partners}}},
                                {"target", Describe(*stored)}};
        audit_.Record(tx, actor, "merge", "partner", std::to_string(source.value), before, after);
        return DetailOf(tx, std::move(*stored));
    });
}

Result<SisterRelation> PartnerService::AddSisterRelation(const Actor& actor, PartnerId partner,
                                                         const SisterRelationRequest& req) {
    if (auto w = CheckCanWrite(actor); !w)
        return w.error();
    return storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<SisterRelation> {
        auto p = repo_.Find(tx, partner);
        if (!p)
            return NoPartner(partner);
        if (p->merged_into)
            return MergedAlready(*p);
        if (p->kind != PartnerKind::kLocality) {
            return Precondition("", "Chỉ địa phương nước ngoài mới có quan hệ kết nghĩa.",
                                "Only foreign localities have sister relations.");
        }
        FieldProblems problems;
        SisterRelation r;
        r.partner_id = partner;
        r.admin_unit_id = geo::AdminUnitId{req.admin_unit_id};
        auto unit = req.admin_unit_id > 0 ? repo_.UnitNames(tx, r.admin_unit_id) : std::nullopt;
        if (!unit) {
            problems.Add("admin_unit_id",
                         "Không có tỉnh, thành phố số " + std::to_string(req.admin_unit_id) +
                             " (trước hoặc sau sáp nhập 2025).",
                         "No province or city has id " + std::to_string(req.admin_unit_id) +
                             " (before or after the 2025 merger).");
        }
        auto established = ParseDate(req.established_on, req.dates);
        if (!established) {
            DateProblem(problems, "established_on", req.dates, "Ngày kết nghĩa",
                        "The date of establishment");
        } else {
            r.established_on = *established;
        }
        if (!req.ended_on.empty()) {
            auto ended = ParseDate(req.ended_on, req.dates);
            if (!ended) {
                DateProblem(problems, "ended_on", req.dates, "Ngày kết thúc", "The end date");
            } else if (established && *ended < *established) {
                problems.Add("ended_on", "Ngày kết thúc không được trước ngày kết nghĩa.",
                             "The end date cannot be before the date of establishment.");
            } else {
                r.ended_on = ended;
            }
        }
        auto note = Clean(req.note);
        if (!note || text::CountChars(*note) > kMaxRelationNoteChars) {
            problems.Add("note", "Ghi chú tối đa 1000 ký tự.",
                         "The note has at most 1000 characters.");
        } else {
            r.note = *note;
        }
        if (!problems.empty())
            return problems.ToError();
        if (!actor.CanWriteProvince(r.admin_unit_id.value)) {
            return Error::PermissionDenied(
                "Bạn không có quyền ghi dữ liệu của " + unit->first + ".",
                "You may not write records of " + unit->second + ".");
        }
        if (repo_.SisterRelationExists(tx, partner, r.admin_unit_id, r.established_on)) {
            return Error{ErrorCode::kConflict,
                         "established_on",
                         "Quan hệ kết nghĩa này (cùng tỉnh, cùng ngày) đã có.",
                         "This sister relation (the same province and date) exists already.",
                         {{"established_on", "Quan hệ kết nghĩa này (cùng tỉnh, cùng ngày) đã có.",
                           "This sister relation (the same province and date) exists already."}}};
        }
        r.id = repo_.InsertSisterRelation(tx, r);
        auto stored = repo_.FindSisterRelation(tx, r.id);
        audit_.Record(tx, actor, "create", "sister_relation", std::to_string(r.id.value), nullptr,
                      Describe(*stored));
        return *stored;
    });
}

Result<SisterRelation> PartnerService::EndSisterRelation(const Actor& actor, SisterRelationId id,
                                                         const EndSisterRelationRequest& req) {
    if (auto w = CheckCanWrite(actor); !w)
        return w.error();
    return storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<SisterRelation> {
        auto r = repo_.FindSisterRelation(tx, id);
        if (!r)
            return NoRelation(id);
        FieldProblems problems;
        auto ended = ParseDate(req.ended_on, req.dates);
        if (!ended) {
            DateProblem(problems, "ended_on", req.dates, "Ngày kết thúc", "The end date");
        } else if (*ended < r->established_on) {
            problems.Add("ended_on", "Ngày kết thúc không được trước ngày kết nghĩa.",
                         "The end date cannot be before the date of establishment.");
        }
        if (!problems.empty())
            return problems.ToError();
        if (!actor.CanWriteProvince(r->admin_unit_id.value)) {
            return Error::PermissionDenied(
                "Bạn không có quyền ghi dữ liệu của " + r->unit_name_vi + ".",
                "You may not write records of " + r->unit_name_en + ".");
        }
        if (r->ended_on || !repo_.EndSisterRelation(tx, id, *ended)) {
            return Precondition("ended_on",
                                "Quan hệ kết nghĩa này đã kết thúc ngày " +
                                    (r->ended_on ? r->ended_on->ToDisplay() : "?") + ".",
                                "This sister relation ended on " +
                                    (r->ended_on ? r->ended_on->ToDisplay() : "?") + " already.");
        }
        auto stored = repo_.FindSisterRelation(tx, id);
        audit_.Record(tx, actor, "end", "sister_relation", std::to_string(id.value), Describe(*r),
                      Describe(*stored));
        return *stored;
    });
}

Result<SisterRelation> PartnerService::GetSisterRelation(const Actor&, SisterRelationId id) {
    auto tx = db_.Begin(storage::TxMode::kRead);
    auto r = repo_.FindSisterRelation(*tx, id);
    if (!r)
        return NoRelation(id);
    return *r;
}

Result<DemoPartnersReport> PartnerService::CreateDemoPartners(
    const std::vector<CreatePartnerRequest>& partners,
    const std::vector<DemoSisterRelation>& relations) {
    Actor system = Actor::System("demo");
    DemoPartnersReport report;
    for (const auto& req : partners) {
        {
            auto tx = db_.Begin(storage::TxMode::kRead);
            if (repo_.FindByName(*tx, req.kind, text::TrimSpace(text::Nfc(req.name_vi))))
                continue;
        }
        auto created = Create(system, req);
        if (!created)
            return created.error();
        ++report.partners;
    }
    for (const auto& rel : relations) {
        std::optional<PartnerId> partner;
        {
            auto tx = db_.Begin(storage::TxMode::kRead);
            partner = repo_.FindByName(*tx, KindName(PartnerKind::kLocality), rel.partner_name_vi);
            auto day = Date::ParseIso(rel.established_on);
            if (partner && day &&
                repo_.SisterRelationExists(*tx, *partner, geo::AdminUnitId{rel.admin_unit_id},
                                           *day)) {
                continue;
            }
        }
        if (!partner) {
            return Error::NotFound("Dữ liệu mẫu: không có địa phương " + rel.partner_name_vi + ".",
                                   "Demo data: no locality " + rel.partner_name_vi + ".");
        }
        auto added = AddSisterRelation(system, *partner,
                                       SisterRelationRequest{rel.admin_unit_id, rel.established_on,
                                                             "", rel.note, DateInput::kIso});
        if (!added)
            return added.error();
        ++report.sister_relations;
    }
    return report;
}

}  // namespace ngoaivu::partners
