#include "office/xlsx_writer.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <unistd.h>
#include <xlsxwriter.h>

#include <unicode/unistr.h>

#include "base/crypto.hpp"
#include "office/utf8.hpp"

namespace ngoaivu::office {

namespace {

using detail::AppendUtf8;
using detail::DecodeUtf8;
using detail::kReplacement;

// Excel's limits.
constexpr std::size_t kMaxSheetRows = 1048576;
constexpr std::size_t kMaxTextUnits = 32767;  // UTF-16 units in one cell
constexpr std::size_t kMaxSheetNameChars = 31;

// Automatic column widths, in characters: the longest value among the first rows, within bounds.
constexpr std::size_t kWidthSampleRows = 1000;
constexpr double kMinWidth = 6;
constexpr double kMaxWidth = 60;
constexpr double kDateWidth = 10;

// Integers a double holds exactly.
constexpr std::int64_t kMaxExactInteger = std::int64_t{1} << 53;

// libxlsxwriter 1.1.4 formats the workbook's creation time with gmtime(), which shares one
// buffer between threads, while it packages the workbook: packaging is serialised.
std::mutex& PackageMutex() {
    static std::mutex mutex;
    return mutex;
}

bool IsHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// True when s[i] starts "_xHHHH_", the form in which OOXML escapes a character.
bool StartsEscape(std::string_view s, std::size_t i) {
    return i + 7 <= s.size() && s[i] == '_' && s[i + 1] == 'x' && IsHexDigit(s[i + 2]) &&
           IsHexDigit(s[i + 3]) && IsHexDigit(s[i + 4]) && IsHexDigit(s[i + 5]) && s[i + 6] == '_';
}

// The text of a string cell as libxlsxwriter must receive it: well-formed UTF-8 (bad bytes and
// the non-characters U+FFFE/U+FFFF become U+FFFD), a literal "_xHHHH_" protected as
// "_x005F_xHHHH_" so that Excel does not decode it, and at most 32,767 UTF-16 units, cut on a
// character boundary. Control characters are left to libxlsxwriter, which escapes them.
std::string CellText(std::string_view s) {
    std::string out;
    out.reserve(std::min(s.size(), kMaxTextUnits * 3));
    std::size_t units = 0;
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = 0;
        std::size_t len = DecodeUtf8(s, i, &cp);
        if (len == 0) {
            cp = kReplacement;
            len = 1;
        } else if (cp == 0xFFFE || cp == 0xFFFF) {
            cp = kReplacement;
        }
        const bool escape = StartsEscape(s, i);
        const std::size_t cost = (escape ? 7 : 0) + (cp >= 0x10000 ? 2 : 1);
        if (units + cost > kMaxTextUnits) {
            break;
        }
        units += cost;
        if (escape) {
            out += "_x005F_";
        } else {
            AppendUtf8(cp, &out);
        }
        i += len;
    }
    return out;
}

// Case-folded form of a sheet name, for Excel's case-insensitive uniqueness rule.
std::string FoldCase(std::string_view name) {
    std::string folded;
    icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())))
        .foldCase()
        .toUTF8String(folded);
    return folded;
}

// `name` cut to at most `max_chars` code points (it is already well-formed UTF-8).
std::string TruncateChars(std::string_view name, std::size_t max_chars) {
    std::size_t chars = 0;
    std::size_t i = 0;
    while (i < name.size() && chars < max_chars) {
        char32_t cp = 0;
        const std::size_t len = DecodeUtf8(name, i, &cp);
        i += len == 0 ? 1 : len;
        ++chars;
    }
    return std::string(name.substr(0, i));
}

// A sheet name by Excel's rules, before it is made unique: no []:*?/\ or control characters, no
// apostrophe at either end, at most 31 characters, not empty.
std::string SanitizeSheetName(std::string_view raw, std::size_t index) {
    std::string name;
    for (std::size_t i = 0; i < raw.size();) {
        char32_t cp = 0;
        std::size_t len = DecodeUtf8(raw, i, &cp);
        if (len == 0) {
            cp = kReplacement;
            len = 1;
        }
        i += len;
        if (cp < 0x20 || cp == 0x7F || cp == 0xFFFE || cp == 0xFFFF) {
            continue;
        }
        if (cp < 0x80 && std::strchr("[]:*?/\\", static_cast<char>(cp)) != nullptr) {
            cp = '_';
        }
        AppendUtf8(cp, &name);
    }
    while (!name.empty() && name.front() == '\'') {
        name.erase(0, 1);
    }
    name = TruncateChars(name, kMaxSheetNameChars);
    while (!name.empty() && name.back() == '\'') {
        name.pop_back();
    }
    if (name.empty()) {
        name = "Sheet" + std::to_string(index + 1);
    }
    return name;
}

// Gives every sheet a valid name that no earlier sheet has (ignoring case).
std::vector<std::string> UniqueSheetNames(const std::vector<Sheet>& sheets) {
    std::vector<std::string> names;
    std::vector<std::string> taken;
    for (std::size_t i = 0; i < sheets.size(); ++i) {
        const std::string base = SanitizeSheetName(sheets[i].name, i);
        std::string name = base;
        for (int n = 2; std::find(taken.begin(), taken.end(), FoldCase(name)) != taken.end(); ++n) {
            const std::string suffix = " (" + std::to_string(n) + ")";
            name = TruncateChars(base, kMaxSheetNameChars - suffix.size()) + suffix;
        }
        taken.push_back(FoldCase(name));
        names.push_back(std::move(name));
    }
    return names;
}

// Excel's serial day number of `date` in the 1900 date system, which counts the non-existent
// 29/02/1900; nullopt for dates Excel cannot hold (before 01/01/1900 or after 31/12/9999).
std::optional<double> ExcelSerial(Date date) {
    if (date.year() < 1900 || date.year() > 9999) {
        return std::nullopt;
    }
    static const long kEpoch = Date::FromYmd(1899, 12, 30)->ToDays();
    static const long kFirstMarch1900 = Date::FromYmd(1900, 3, 1)->ToDays();
    const long days = date.ToDays();
    return static_cast<double>(days - kEpoch - (days < kFirstMarch1900 ? 1 : 0));
}

// Number of characters a value shows, for automatic column widths.
std::size_t TextChars(std::string_view text) {
    std::size_t chars = 0;
    for (char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++chars;
        }
    }
    return chars;
}

std::size_t CellChars(const Cell& cell) {
    struct Visitor {
        std::size_t operator()(std::monostate) const { return 0; }
        std::size_t operator()(const std::string& s) const { return TextChars(s); }
        std::size_t operator()(std::int64_t v) const { return std::to_string(v).size(); }
        std::size_t operator()(double v) const {
            return std::isfinite(v) ? std::min<std::size_t>(std::to_string(v).size(), 12) : 0;
        }
        std::size_t operator()(Date) const { return static_cast<std::size_t>(kDateWidth); }
        std::size_t operator()(bool) const { return 5; }
    };
    return std::visit(Visitor{}, cell.value);
}

std::vector<double> ColumnWidths(const Sheet& sheet, std::size_t columns) {
    std::vector<std::size_t> longest(columns, 0);
    for (std::size_t c = 0; c < sheet.headers.size(); ++c) {
        // The autofilter button takes about two characters.
        longest[c] = TextChars(sheet.headers[c]) + 2;
    }
    const std::size_t sample = std::min(sheet.rows.size(), kWidthSampleRows);
    for (std::size_t r = 0; r < sample; ++r) {
        const auto& row = sheet.rows[r];
        for (std::size_t c = 0; c < row.size(); ++c) {
            longest[c] = std::max(longest[c], CellChars(row[c]));
        }
    }
    std::vector<double> widths(columns);
    for (std::size_t c = 0; c < columns; ++c) {
        if (c < sheet.widths.size() && sheet.widths[c] > 0) {
            widths[c] = std::min(sheet.widths[c], 255.0);
        } else {
            widths[c] = std::clamp(static_cast<double>(longest[c]) + 1, kMinWidth, kMaxWidth);
        }
    }
    return widths;
}

std::size_t ColumnCount(const Sheet& sheet) {
    std::size_t columns = sheet.headers.size();
    for (const auto& row : sheet.rows) {
        columns = std::max(columns, row.size());
    }
    return columns;
}

void CheckLimits(const Sheet& sheet, std::size_t columns) {
    const std::size_t rows = sheet.rows.size() + (sheet.headers.empty() ? 0 : 1);
    if (rows > kMaxSheetRows || columns > kMaxXlsxColumns) {
        throw std::invalid_argument("WriteXlsx: sheet '" + sheet.name +
                                    "' is larger than Excel allows (1048576 rows, 16384 columns)");
    }
}

// A workbook being built; closes (or frees) the libxlsxwriter workbook exactly once.
class Workbook {
 public:
    explicit Workbook(const std::string& path) {
        lxw_workbook_options options{};
        // Each row goes to disk when the next one starts, so a large export holds one row.
        options.constant_memory = LXW_TRUE;
        options.use_zip64 = LXW_FALSE;
        workbook_ = workbook_new_opt(path.c_str(), &options);
        if (workbook_ == nullptr) {
            throw std::runtime_error("WriteXlsx: cannot create the workbook");
        }
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;
    // An abandoned workbook (an exception on the way) is freed without being packaged.
    ~Workbook() {
        if (workbook_ != nullptr) {
            lxw_workbook_free(workbook_);
        }
    }

    lxw_workbook* get() { return workbook_; }

    // Packages the workbook into its file.
    void Close() {
        lxw_error rc = LXW_NO_ERROR;
        {
            std::lock_guard lock(PackageMutex());
            rc = workbook_close(workbook_);
        }
        workbook_ = nullptr;
        if (rc != LXW_NO_ERROR) {
            throw std::runtime_error(std::string("WriteXlsx: cannot write the workbook: ") +
                                     lxw_strerror(rc));
        }
    }

 private:
    lxw_workbook* workbook_ = nullptr;
};

// A new, empty file only the owner can read, with a random name in the temporary directory;
// removed when this object goes.
class TempFile {
 public:
    TempFile() {
        for (int attempt = 0; attempt < 5; ++attempt) {
            path_ = std::filesystem::temp_directory_path() /
                    ("ngoaivu-xlsx-" + crypto::RandomToken(16) + ".xlsx");
            const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            if (fd >= 0) {
                ::close(fd);
                return;
            }
            if (errno != EEXIST) {
                break;
            }
        }
        throw std::runtime_error("WriteXlsx: cannot create a temporary file in " +
                                 std::filesystem::temp_directory_path().string() + ": " +
                                 std::strerror(errno));
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }

    const std::filesystem::path& path() const { return path_; }

 private:
    std::filesystem::path path_;
};

void Check(lxw_error rc, const char* what) {
    if (rc != LXW_NO_ERROR) {
        throw std::runtime_error(std::string("WriteXlsx: ") + what + ": " + lxw_strerror(rc));
    }
}

struct Formats {
    lxw_format* header;
    lxw_format* date;
    lxw_format* integer;
};

void WriteCell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const Cell& cell,
               const Formats& formats) {
    struct Visitor {
        lxw_worksheet* ws;
        lxw_row_t row;
        lxw_col_t col;
        const Formats& formats;

        lxw_error operator()(std::monostate) const { return LXW_NO_ERROR; }
        lxw_error operator()(const std::string& s) const {
            if (s.empty()) {
                return LXW_NO_ERROR;
            }
            return worksheet_write_string(ws, row, col, CellText(s).c_str(), nullptr);
        }
        lxw_error operator()(std::int64_t v) const {
            if (v > kMaxExactInteger || v < -kMaxExactInteger) {
                return worksheet_write_string(ws, row, col, std::to_string(v).c_str(), nullptr);
            }
            return worksheet_write_number(ws, row, col, static_cast<double>(v), formats.integer);
        }
        lxw_error operator()(double v) const {
            if (!std::isfinite(v)) {
                return LXW_NO_ERROR;
            }
            return worksheet_write_number(ws, row, col, v, nullptr);
        }
        lxw_error operator()(Date d) const {
            if (auto serial = ExcelSerial(d)) {
                return worksheet_write_number(ws, row, col, *serial, formats.date);
            }
            return worksheet_write_string(ws, row, col, d.ToDisplay().c_str(), nullptr);
        }
        lxw_error operator()(bool v) const {
            return worksheet_write_boolean(ws, row, col, v ? 1 : 0, nullptr);
        }
    };
    Check(std::visit(Visitor{ws, row, col, formats}, cell.value), "cannot write a cell");
}

void WriteSheet(lxw_workbook* wb, const Sheet& sheet, const std::string& name,
                const Formats& formats) {
    const std::size_t columns = ColumnCount(sheet);
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    if (ws == nullptr) {
        throw std::runtime_error("WriteXlsx: libxlsxwriter refused a sanitised sheet name");
    }
    const auto widths = ColumnWidths(sheet, columns);
    for (std::size_t c = 0; c < columns; ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        Check(worksheet_set_column(ws, col, col, widths[c], nullptr), "cannot set a width");
    }
    lxw_row_t row = 0;
    if (!sheet.headers.empty()) {
        for (std::size_t c = 0; c < sheet.headers.size(); ++c) {
            Check(worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c),
                                         CellText(sheet.headers[c]).c_str(), formats.header),
                  "cannot write a header");
        }
        worksheet_freeze_panes(ws, 1, 0);
        const auto last_row = static_cast<lxw_row_t>(sheet.rows.size());
        Check(worksheet_autofilter(ws, 0, 0, last_row, static_cast<lxw_col_t>(columns - 1)),
              "cannot set the autofilter");
        row = 1;
    }
    for (const auto& cells : sheet.rows) {
        for (std::size_t c = 0; c < cells.size(); ++c) {
            WriteCell(ws, row, static_cast<lxw_col_t>(c), cells[c], formats);
        }
        ++row;
    }
}

std::string ReadWholeFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
        throw std::runtime_error("WriteXlsx: cannot read back " + path.string());
    }
    return bytes;
}

}  // namespace

std::string WriteXlsx(const std::vector<Sheet>& input) {
    std::vector<Sheet> empty_workbook;
    if (input.empty()) {
        empty_workbook.push_back(Sheet{});
    }
    const std::vector<Sheet>& sheets = input.empty() ? empty_workbook : input;
    for (const auto& sheet : sheets) {
        CheckLimits(sheet, ColumnCount(sheet));
    }
    const auto names = UniqueSheetNames(sheets);

    TempFile file;
    Workbook workbook(file.path().string());
    lxw_workbook* wb = workbook.get();

    char product[] = "Ngoaivu";  // libxlsxwriter copies it
    lxw_doc_properties properties{};
    properties.title = product;
    properties.author = product;
    Check(workbook_set_properties(wb, &properties), "cannot set the properties");

    Formats formats{};
    formats.header = workbook_add_format(wb);
    format_set_bold(formats.header);
    formats.date = workbook_add_format(wb);
    format_set_num_format(formats.date, "dd/mm/yyyy");
    formats.integer = workbook_add_format(wb);
    format_set_num_format(formats.integer, "0");

    for (std::size_t i = 0; i < sheets.size(); ++i) {
        WriteSheet(wb, sheets[i], names[i], formats);
    }
    workbook.Close();
    return ReadWholeFile(file.path());
}

}  // namespace ngoaivu::office
