#include "office/xlsx_reader.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <pugixml.hpp>
#include <utility>

#include "base/text.hpp"
#include "office/utf8.hpp"
#include "office/zip_archive.hpp"

namespace ngoaivu::office {

namespace {

using detail::ZipArchive;

constexpr std::string_view kField = "file";
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
constexpr std::string_view kDefaultWorkbook = "xl/workbook.xml";
constexpr std::uint64_t kMiB = 1u << 20;

// Excel's largest row and column numbers; a reference beyond them is damaged.
constexpr std::size_t kExcelMaxRow = 1048576;
constexpr std::size_t kExcelMaxColumn = 16384;

// Serial numbers of 01/01/1900 and 31/12/9999 (1900 date system), and of the latter in the 1904
// system; the range in which a date cell has a calendar day.
constexpr double kMaxSerial1900 = 2958465;
constexpr double kMaxSerial1904 = kMaxSerial1900 - 1462;

// Parse options: keep a text that is only white space (<t xml:space="preserve"> </t>).
constexpr unsigned kParseOptions = pugi::parse_default | pugi::parse_ws_pcdata_single;

// ---- Errors ------------------------------------------------------------------------------------

Error NotXlsx() {
    return Error::InvalidArgument(std::string(kField), "Tệp không phải là bảng tính Excel (.xlsx).",
                                  "The file is not an Excel workbook (.xlsx).");
}

Error OldOrProtected() {
    return Error::InvalidArgument(
        std::string(kField),
        "Tệp là bảng tính Excel cũ (.xls) hoặc có đặt mật khẩu. Hãy lưu lại thành tệp .xlsx không "
        "có mật khẩu.",
        "The file is an old Excel workbook (.xls) or is password-protected. Save it as an .xlsx "
        "file without a password.");
}

Error Damaged() {
    return Error::InvalidArgument(std::string(kField), "Tệp Excel bị hỏng, không đọc được.",
                                  "The Excel file is damaged and cannot be read.");
}

Error NoWorksheet() {
    return Error::InvalidArgument(std::string(kField), "Tệp Excel không có trang tính nào.",
                                  "The Excel file has no worksheet.");
}

std::string SizeText(std::uint64_t bytes, text::Lang lang) {
    if (bytes >= kMiB && bytes % kMiB == 0) {
        return text::FormatInteger(static_cast<std::int64_t>(bytes / kMiB), lang) + " MiB";
    }
    return text::FormatInteger(static_cast<std::int64_t>(bytes), lang) +
           (lang == text::Lang::kVi || bytes == 1 ? " byte" : " bytes");
}

Error TooLarge(const ReadLimits& limits) {
    const auto max = limits.max_uncompressed_bytes;
    return Error::InvalidArgument(
        std::string(kField),
        "Tệp Excel quá lớn: khi giải nén vượt quá " + SizeText(max, text::Lang::kVi) + ".",
        "The Excel file is too large: uncompressed, it exceeds " + SizeText(max, text::Lang::kEn) +
            ".");
}

Error TooManyRows(const ReadLimits& limits) {
    const auto n = static_cast<std::int64_t>(limits.max_rows);
    return Error::InvalidArgument(
        std::string(kField),
        "Trang tính có quá nhiều dòng: tối đa " + text::FormatInteger(n, text::Lang::kVi) +
            " dòng, kể cả dòng tiêu đề.",
        "The sheet has too many rows: at most " + text::FormatInteger(n, text::Lang::kEn) +
            " rows, the header included.");
}

Error TooManyColumns(const ReadLimits& limits) {
    const auto n = static_cast<std::int64_t>(limits.max_columns);
    return Error::InvalidArgument(
        std::string(kField),
        "Trang tính có quá nhiều cột: tối đa " + text::FormatInteger(n, text::Lang::kVi) + " cột.",
        "The sheet has too many columns: at most " + text::FormatInteger(n, text::Lang::kEn) +
            " columns.");
}

// ---- XML helpers (element and attribute names compared without their namespace prefix) ----------

std::string_view LocalName(const char* name) {
    std::string_view n(name);
    const auto colon = n.find(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node node, std::string_view local) {
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
        if (child.type() == pugi::node_element && LocalName(child.name()) == local) {
            return child;
        }
    }
    return {};
}

// The value of the attribute named `local` (any prefix), or "" when there is none.
std::string_view Attr(pugi::xml_node node, std::string_view local) {
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        if (LocalName(a.name()) == local) {
            return a.value();
        }
    }
    return {};
}

// The relationship id of a <sheet>: the attribute "id" in the relationships namespace (r:id).
std::string_view RelationshipId(pugi::xml_node node) {
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        const std::string_view name(a.name());
        if (name.find(':') != std::string_view::npos && LocalName(a.name()) == "id") {
            return a.value();
        }
    }
    return {};
}

bool IsElement(pugi::xml_node node, std::string_view local) {
    return node.type() == pugi::node_element && LocalName(node.name()) == local;
}

std::string_view Trim(std::string_view s) {
    while (!s.empty() &&
           (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
        s.remove_prefix(1);
    }
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

// A non-negative decimal integer, or nullopt (also on overflow).
std::optional<std::uint64_t> ParseUnsigned(std::string_view s) {
    s = Trim(s);
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size()) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> ParseDouble(std::string_view s) {
    s = Trim(s);
    if (!s.empty() && s.front() == '+') {
        s.remove_prefix(1);
    }
    double value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size()) {
        return std::nullopt;
    }
    return value;
}

bool IsHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Decodes OOXML's "_xHHHH_" escapes (a UTF-16 unit each; a surrogate pair takes two) and makes
// the result well-formed UTF-8.
std::string DecodeText(std::string_view s) {
    if (s.find("_x") == std::string_view::npos) {
        return text::IsValidUtf8(s) ? std::string(s) : detail::ToValidUtf8(s);
    }
    auto escape_at = [&](std::size_t i) -> std::optional<char32_t> {
        if (i + 7 > s.size() || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_') {
            return std::nullopt;
        }
        char32_t unit = 0;
        for (std::size_t k = i + 2; k < i + 6; ++k) {
            if (!IsHexDigit(s[k])) {
                return std::nullopt;
            }
            const char c = s[k];
            unit = unit * 16 + static_cast<char32_t>(c <= '9'   ? c - '0'
                                                     : c <= 'F' ? c - 'A' + 10
                                                                : c - 'a' + 10);
        }
        return unit;
    };
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto unit = escape_at(i);
        if (!unit) {
            out.push_back(s[i]);
            ++i;
            continue;
        }
        i += 7;
        char32_t cp = *unit;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            const auto low = escape_at(i);
            if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (*low - 0xDC00);
                i += 7;
            } else {
                cp = detail::kReplacement;
            }
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            cp = detail::kReplacement;
        }
        detail::AppendUtf8(cp, &out);
    }
    return text::IsValidUtf8(out) ? out : detail::ToValidUtf8(out);
}

// The text of a string item (<si> or <is>): its <t>, or the <t> of each rich text run <r>;
// phonetic runs (<rPh>) are left out.
std::string ItemText(pugi::xml_node item) {
    std::string raw;
    for (pugi::xml_node child = item.first_child(); child; child = child.next_sibling()) {
        if (IsElement(child, "t")) {
            raw += child.child_value();
        } else if (IsElement(child, "r")) {
            if (pugi::xml_node t = Child(child, "t")) {
                raw += t.child_value();
            }
        }
    }
    return DecodeText(raw);
}

// ---- Paths inside the package ------------------------------------------------------------------

std::string_view DirectoryOf(std::string_view part) {
    const auto slash = part.rfind('/');
    return slash == std::string_view::npos ? std::string_view() : part.substr(0, slash);
}

// The relationships part of `part`: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels".
std::string RelationshipsOf(std::string_view part) {
    const auto slash = part.rfind('/');
    if (slash == std::string_view::npos) {
        return "_rels/" + std::string(part) + ".rels";
    }
    return std::string(part.substr(0, slash)) + "/_rels/" + std::string(part.substr(slash + 1)) +
           ".rels";
}

// Resolves a relationship target against the directory of its source part, folding "." and
// ".." ("worksheets/sheet1.xml" from "xl" → "xl/worksheets/sheet1.xml"; "/xl/x.xml" → "xl/x.xml").
std::string ResolveTarget(std::string_view base_dir, std::string_view target) {
    std::string joined;
    if (!target.empty() && target.front() == '/') {
        joined = target.substr(1);
    } else if (base_dir.empty()) {
        joined = target;
    } else {
        joined = std::string(base_dir) + "/" + std::string(target);
    }
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= joined.size()) {
        auto end = joined.find('/', start);
        if (end == std::string::npos) {
            end = joined.size();
        }
        const std::string segment = joined.substr(start, end - start);
        if (segment == "..") {
            if (!segments.empty()) {
                segments.pop_back();
            }
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(segment);
        }
        start = end + 1;
    }
    std::string path;
    for (const auto& segment : segments) {
        if (!path.empty()) {
            path += '/';
        }
        path += segment;
    }
    return path;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// ---- Date formats ------------------------------------------------------------------------------

// Excel's built-in date and time formats (ECMA-376 part 1, 18.8.30).
bool IsBuiltInDateFormat(std::uint64_t id) {
    return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

// True when a number format code shows a date or time: it has d, m or y outside quoted text,
// [brackets] (colours, conditions, locales) and escaped characters.
bool IsDateFormatCode(std::string_view code) {
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == '"') {
            const auto close = code.find('"', i + 1);
            if (close == std::string_view::npos) {
                return false;
            }
            i = close;
        } else if (c == '[') {
            const auto close = code.find(']', i + 1);
            if (close == std::string_view::npos) {
                return false;
            }
            i = close;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;  // the next character is literal, a padding width or a fill
        } else if (c == 'd' || c == 'D' || c == 'm' || c == 'M' || c == 'y' || c == 'Y') {
            return true;
        }
    }
    return false;
}

// The calendar day of an Excel serial number, or nullopt outside 01/01/1900..31/12/9999.
std::optional<Date> SerialToDate(double serial, bool date1904) {
    if (!std::isfinite(serial)) {
        return std::nullopt;
    }
    // Half a millisecond absorbs the rounding of a date-time stored as a double.
    const double day = std::floor(serial + 0.5 / 86400000.0);
    if (date1904) {
        if (day < 0 || day > kMaxSerial1904) {
            return std::nullopt;
        }
        static const long kEpoch1904 = Date::FromYmd(1904, 1, 1)->ToDays();
        return Date::FromDays(kEpoch1904 + static_cast<long>(day));
    }
    if (day < 1 || day > kMaxSerial1900) {
        return std::nullopt;
    }
    // Excel counts a 29/02/1900 that never was: serial 60 is read as 01/03/1900, like 61.
    static const long kEpochBefore = Date::FromYmd(1899, 12, 31)->ToDays();
    static const long kEpochAfter = Date::FromYmd(1899, 12, 30)->ToDays();
    const auto n = static_cast<long>(day);
    return Date::FromDays((n < 61 ? kEpochBefore : kEpochAfter) + n);
}

// Excel's serial number of a calendar day (1900 or 1904 date system).
double DateToSerial(Date date, bool date1904) {
    const long days = date.ToDays();
    if (date1904) {
        return static_cast<double>(days - Date::FromYmd(1904, 1, 1)->ToDays());
    }
    const long epoch = Date::FromYmd(1899, 12, 30)->ToDays();
    const long march = Date::FromYmd(1900, 3, 1)->ToDays();
    return static_cast<double>(days - epoch - (days < march ? 1 : 0));
}

// ---- Cell references ---------------------------------------------------------------------------

// The 1-based column of a reference such as "AB12" (the letters before the digits), or nullopt
// when it does not start with 1 to 3 letters or names a column beyond XFD.
std::optional<std::size_t> ParseColumn(std::string_view ref) {
    std::size_t column = 0;
    std::size_t letters = 0;
    while (letters < ref.size()) {
        char c = ref[letters];
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
        if (c < 'A' || c > 'Z') {
            break;
        }
        column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
        if (++letters > 3) {
            return std::nullopt;
        }
    }
    if (letters == 0 || column > kExcelMaxColumn) {
        return std::nullopt;
    }
    return column;
}

// ---- The reader --------------------------------------------------------------------------------

// One XML part: its bytes, parsed in place.
struct Part {
    std::string bytes;
    pugi::xml_document doc;
};

class Reader {
 public:
    Reader(ZipArchive zip, const ReadLimits& limits) : zip_(std::move(zip)), limits_(limits) {}

    Result<ReadSheet> Read() {
        std::string workbook_path(kDefaultWorkbook);
        {
            Part rels;
            auto found = Load("_rels/.rels", &rels);
            if (!found) {
                return found.error();
            }
            if (*found) {
                for (auto r : Root(rels).children()) {
                    if (IsElement(r, "Relationship") &&
                        EndsWith(Attr(r, "Type"), "/officeDocument")) {
                        workbook_path = ResolveTarget("", Attr(r, "Target"));
                        break;
                    }
                }
            }
        }
        Part workbook;
        auto found = Load(workbook_path, &workbook);
        if (!found) {
            return found.error();
        }
        if (!*found) {
            return NotXlsx();
        }
        const pugi::xml_node wb = Root(workbook);
        if (!IsElement(wb, "workbook")) {
            return NotXlsx();
        }
        const std::string_view date1904 = Attr(Child(wb, "workbookPr"), "date1904");
        date1904_ = date1904 == "1" || date1904 == "true";

        // The workbook's relationships: id → (type, target).
        struct Relationship {
            std::string id;
            std::string type;
            std::string target;
        };
        std::vector<Relationship> relationships;
        {
            Part rels;
            auto rels_found = Load(RelationshipsOf(workbook_path), &rels);
            if (!rels_found) {
                return rels_found.error();
            }
            if (!*rels_found) {
                return Damaged();
            }
            for (auto r : Root(rels).children()) {
                if (IsElement(r, "Relationship") && Attr(r, "TargetMode") != "External") {
                    relationships.push_back(
                        {std::string(Attr(r, "Id")), std::string(Attr(r, "Type")),
                         ResolveTarget(DirectoryOf(workbook_path), Attr(r, "Target"))});
                }
            }
        }
        auto find_by_type = [&](std::string_view suffix) -> const Relationship* {
            for (const auto& r : relationships) {
                if (EndsWith(r.type, suffix)) {
                    return &r;
                }
            }
            return nullptr;
        };

        // The first worksheet in tab order (a chart sheet is skipped).
        ReadSheet sheet;
        std::string sheet_path;
        for (auto s : Child(wb, "sheets").children()) {
            if (!IsElement(s, "sheet")) {
                continue;
            }
            const std::string_view id = RelationshipId(s);
            for (const auto& r : relationships) {
                if (r.id == id && EndsWith(r.type, "/worksheet")) {
                    sheet_path = r.target;
                    sheet.name = DecodeText(Attr(s, "name"));
                    break;
                }
            }
            if (!sheet_path.empty()) {
                break;
            }
        }
        if (sheet_path.empty()) {
            return NoWorksheet();
        }

        if (const Relationship* styles = find_by_type("/styles")) {
            if (auto r = LoadStyles(styles->target); !r) {
                return r.error();
            }
        }
        if (const Relationship* strings = find_by_type("/sharedStrings")) {
            if (auto r = LoadSharedStrings(strings->target); !r) {
                return r.error();
            }
        }

        Part worksheet;
        auto sheet_found = Load(sheet_path, &worksheet);
        if (!sheet_found) {
            return sheet_found.error();
        }
        if (!*sheet_found) {
            return Damaged();
        }
        if (auto r = ReadRows(Root(worksheet), &sheet); !r) {
            return r.error();
        }
        return sheet;
    }

 private:
    static pugi::xml_node Root(const Part& part) { return part.doc.document_element(); }

    // Inflates and parses the part at `path` into *part; false when there is no such part.
    Result<bool> Load(const std::string& path, Part* part) {
        const std::uint64_t budget = limits_.max_uncompressed_bytes - used_;
        switch (zip_.Read(path, budget, &part->bytes)) {
            case ZipArchive::ReadStatus::kOk:
                break;
            case ZipArchive::ReadStatus::kMissing:
                return false;
            case ZipArchive::ReadStatus::kTooLarge:
                return TooLarge(limits_);
            case ZipArchive::ReadStatus::kCorrupt:
                return Damaged();
        }
        used_ += part->bytes.size();
        const pugi::xml_parse_result parsed = part->doc.load_buffer_inplace(
            part->bytes.data(), part->bytes.size(), kParseOptions, pugi::encoding_auto);
        if (!parsed || !part->doc.document_element()) {
            return Damaged();
        }
        return true;
    }

    Result<void> LoadStyles(const std::string& path) {
        Part styles;
        auto found = Load(path, &styles);
        if (!found) {
            return found.error();
        }
        if (!*found) {
            return Ok();
        }
        const pugi::xml_node root = Root(styles);
        std::vector<std::pair<std::uint64_t, bool>> custom;  // numFmtId → is a date
        for (auto f : Child(root, "numFmts").children()) {
            if (IsElement(f, "numFmt")) {
                if (auto id = ParseUnsigned(Attr(f, "numFmtId"))) {
                    custom.emplace_back(*id, IsDateFormatCode(Attr(f, "formatCode")));
                }
            }
        }
        for (auto xf : Child(root, "cellXfs").children()) {
            if (!IsElement(xf, "xf")) {
                continue;
            }
            const auto id = ParseUnsigned(Attr(xf, "numFmtId")).value_or(0);
            bool is_date = IsBuiltInDateFormat(id);
            for (const auto& [custom_id, custom_is_date] : custom) {
                if (custom_id == id) {
                    is_date = custom_is_date;
                }
            }
            date_styles_.push_back(is_date);
        }
        return Ok();
    }

    Result<void> LoadSharedStrings(const std::string& path) {
        Part strings;
        auto found = Load(path, &strings);
        if (!found) {
            return found.error();
        }
        if (!*found) {
            return Ok();
        }
        for (auto si : Root(strings).children()) {
            if (IsElement(si, "si")) {
                shared_strings_.push_back(ItemText(si));
            }
        }
        return Ok();
    }

    bool IsDateStyle(std::string_view style) const {
        const auto index = ParseUnsigned(style);
        return index && *index < date_styles_.size() && date_styles_[*index];
    }

    // The value of one <c> element.
    Result<ReadCell> ParseCell(pugi::xml_node c) const {
        ReadCell cell;
        const std::string_view type = Attr(c, "t");
        if (type == "inlineStr") {
            if (pugi::xml_node is = Child(c, "is")) {
                cell.text = ItemText(is);
                cell.kind = cell.text.empty() ? ReadCell::Kind::kEmpty : ReadCell::Kind::kText;
            }
            return cell;
        }
        const pugi::xml_node v = Child(c, "v");
        if (!v) {
            return cell;
        }
        const std::string_view value = v.child_value();
        if (Trim(value).empty() && type != "str") {
            return cell;
        }
        if (type == "s") {
            const auto index = ParseUnsigned(value);
            if (!index || *index >= shared_strings_.size()) {
                return Damaged();
            }
            cell.kind = ReadCell::Kind::kText;
            cell.text = shared_strings_[*index];
        } else if (type == "str") {
            cell.kind = ReadCell::Kind::kText;
            cell.text = DecodeText(value);
        } else if (type == "b") {
            cell.kind = ReadCell::Kind::kBool;
            const std::string_view b = Trim(value);
            cell.number = b == "1" || b == "true" ? 1 : 0;
        } else if (type == "e") {
            cell.kind = ReadCell::Kind::kError;
            cell.text = DecodeText(Trim(value));
        } else if (type == "d") {
            // An ISO 8601 date, optionally with a time.
            const std::string_view iso = Trim(value);
            if (auto date = Date::ParseIso(iso.substr(0, 10))) {
                cell.kind = ReadCell::Kind::kDate;
                cell.date = date;
                cell.number = DateToSerial(*date, date1904_);
            } else {
                cell.kind = ReadCell::Kind::kText;
                cell.text = DecodeText(value);
            }
        } else if (auto number = ParseDouble(value)) {
            cell.number = *number;
            if (IsDateStyle(Attr(c, "s"))) {
                cell.kind = ReadCell::Kind::kDate;
                cell.date = SerialToDate(*number, date1904_);
            } else {
                cell.kind = ReadCell::Kind::kNumber;
            }
        } else {
            // Not a number after all: keep what the file says rather than lose it.
            cell.kind = ReadCell::Kind::kText;
            cell.text = DecodeText(value);
        }
        if (cell.kind == ReadCell::Kind::kText && cell.text.empty()) {
            cell.kind = ReadCell::Kind::kEmpty;  // an empty string shows as an empty cell
        }
        return cell;
    }

    Result<void> ReadRows(pugi::xml_node worksheet, ReadSheet* sheet) const {
        if (!IsElement(worksheet, "worksheet")) {
            return Damaged();
        }
        std::vector<std::pair<std::size_t, ReadCell>> cells;
        std::size_t next_row = 1;
        for (auto row : Child(worksheet, "sheetData").children()) {
            if (!IsElement(row, "row")) {
                continue;
            }
            std::size_t row_number = next_row;
            if (const std::string_view r = Attr(row, "r"); !r.empty()) {
                const auto parsed = ParseUnsigned(r);
                if (!parsed || *parsed < 1 || *parsed > kExcelMaxRow) {
                    return Damaged();
                }
                row_number = static_cast<std::size_t>(*parsed);
            }
            next_row = row_number + 1;

            cells.clear();
            std::size_t next_column = 1;
            for (auto c : row.children()) {
                if (!IsElement(c, "c")) {
                    continue;
                }
                std::size_t column = next_column;
                if (const std::string_view ref = Attr(c, "r"); !ref.empty()) {
                    const auto parsed = ParseColumn(ref);
                    if (!parsed) {
                        return Damaged();
                    }
                    column = *parsed;
                }
                next_column = column + 1;
                auto cell = ParseCell(c);
                if (!cell) {
                    return cell.error();
                }
                if (cell->kind == ReadCell::Kind::kEmpty) {
                    continue;
                }
                if (column > limits_.max_columns) {
                    return TooManyColumns(limits_);
                }
                if (row_number > limits_.max_rows) {
                    return TooManyRows(limits_);
                }
                cells.emplace_back(column, std::move(*cell));
            }
            if (cells.empty()) {
                continue;
            }
            if (sheet->rows.size() < row_number) {
                sheet->rows.resize(row_number);
            }
            auto& out = sheet->rows[row_number - 1];
            for (auto& [column, cell] : cells) {
                if (out.size() < column) {
                    out.resize(column);
                }
                out[column - 1] = std::move(cell);
            }
        }
        return Ok();
    }

    ZipArchive zip_;
    const ReadLimits& limits_;
    std::uint64_t used_ = 0;
    bool date1904_ = false;
    std::vector<bool> date_styles_;
    std::vector<std::string> shared_strings_;
};

}  // namespace

const ReadCell& ReadSheet::At(std::size_t row, std::size_t column) const {
    static const ReadCell kEmptyCell;
    if (row < rows.size() && column < rows[row].size()) {
        return rows[row][column];
    }
    return kEmptyCell;
}

Result<ReadSheet> ReadXlsx(std::string_view bytes, const ReadLimits& limits) {
    if (bytes.starts_with(kOleMagic)) {
        return OldOrProtected();
    }
    auto zip = ZipArchive::Open(bytes);
    if (!zip) {
        return NotXlsx();
    }
    Reader reader(std::move(*zip), limits);
    return reader.Read();
}

}  // namespace ngoaivu::office
