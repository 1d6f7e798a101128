#include "base/text.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <memory>

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

namespace ngoaivu::text {

namespace {

// More digits after the mark than a double can carry are noise; larger requests are clamped.
constexpr int kMaxDecimals = 20;

// Letters that fold to "d". Đ and đ have no decomposition. Ð (U+00D0, Eth) looks exactly like
// Đ and turns up in text converted from legacy Vietnamese encodings; ð is its lower case.
constexpr UChar32 kSmallDStroke = 0x0111;    // đ
constexpr UChar32 kCapitalDStroke = 0x0110;  // Đ
constexpr UChar32 kSmallEth = 0x00F0;        // ð
constexpr UChar32 kCapitalEth = 0x00D0;      // Ð

bool FoldsToD(UChar32 c) {
    return c == kSmallDStroke || c == kCapitalDStroke || c == kSmallEth || c == kCapitalEth;
}

// True when every byte of `s` is ASCII (then `s` is already NFC).
bool IsAscii(std::string_view s) {
    for (char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            return false;
        }
    }
    return true;
}

// Wraps `s` for ICU; ICU lengths are 32-bit, and nothing this service handles comes near that.
icu::StringPiece Piece(std::string_view s) {
    return icu::StringPiece(s.data(), static_cast<std::int32_t>(s.size()));
}

// NFC of the already-validated `s`; "" when ICU fails (it does not for valid input).
std::string NfcOfValid(std::string_view s) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) {
        return {};
    }
    icu::UnicodeString normalized = nfc->normalize(icu::UnicodeString::fromUTF8(Piece(s)), status);
    if (U_FAILURE(status)) {
        return {};
    }
    std::string out;
    normalized.toUTF8String(out);
    return out;
}

// The calling thread's Vietnamese collator, or nullptr when ICU cannot build one. One instance
// per thread keeps every use thread-safe without locking.
const icu::Collator* ViCollator() {
    thread_local const std::unique_ptr<icu::Collator> collator = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("vi"), status));
        if (U_FAILURE(status) || c == nullptr) {
            return std::unique_ptr<icu::Collator>();
        }
        // Decomposed or oddly ordered tone marks must sort like their NFC form.
        c->setAttribute(UCOL_NORMALIZATION_MODE, UCOL_ON, status);
        if (U_FAILURE(status)) {
            return std::unique_ptr<icu::Collator>();
        }
        return c;
    }();
    return collator.get();
}

// Appends the decimal `digits` to `out`, with `separator` between groups of three.
void AppendGrouped(std::string_view digits, char separator, std::string& out) {
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) {
            out.push_back(separator);
        }
        out.push_back(digits[i]);
    }
}

char ThousandsSeparator(Lang lang) {
    return lang == Lang::kVi ? '.' : ',';
}

char DecimalMark(Lang lang) {
    return lang == Lang::kVi ? ',' : '.';
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        const auto b0 = static_cast<unsigned char>(s[i]);
        if (b0 < 0x80) {
            ++i;
            continue;
        }
        // Length of the sequence and the allowed range of its second byte (Unicode table 3-7),
        // which rules out overlong forms, surrogates and code points above U+10FFFF.
        std::size_t length = 0;
        unsigned char lo = 0x80;
        unsigned char hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            length = 2;
        } else if (b0 == 0xE0) {
            length = 3;
            lo = 0xA0;
        } else if (b0 >= 0xE1 && b0 <= 0xEC) {
            length = 3;
        } else if (b0 == 0xED) {
            length = 3;
            hi = 0x9F;
        } else if (b0 >= 0xEE && b0 <= 0xEF) {
            length = 3;
        } else if (b0 == 0xF0) {
            length = 4;
            lo = 0x90;
        } else if (b0 >= 0xF1 && b0 <= 0xF3) {
            length = 4;
        } else if (b0 == 0xF4) {
            length = 4;
            hi = 0x8F;
        } else {
            return false;  // continuation byte, C0/C1 (overlong) or F5..FF
        }
        if (n - i < length) {
            return false;
        }
        const auto b1 = static_cast<unsigned char>(s[i + 1]);
        if (b1 < lo || b1 > hi) {
            return false;
        }
        for (std::size_t k = 2; k < length; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            if (b < 0x80 || b > 0xBF) {
                return false;
            }
        }
        i += length;
    }
    return true;
}

std::string Nfc(std::string_view s) {
    if (IsAscii(s)) {
        return std::string(s);
    }
    if (!IsValidUtf8(s)) {
        return {};
    }
    return NfcOfValid(s);
}

// Invalid UTF-8 folds to "", like Nfc. The NFC step of the contract is implied by the NFD below.
std::string Fold(std::string_view s) {
    if (!IsValidUtf8(s)) {
        return {};
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status)) {
        return {};
    }
    icu::UnicodeString lower = icu::UnicodeString::fromUTF8(Piece(s));
    lower.toLower(icu::Locale::getRoot());
    const icu::UnicodeString decomposed = nfd->normalize(lower, status);
    if (U_FAILURE(status)) {
        return {};
    }

    icu::UnicodeString folded;
    bool pending_space = false;
    const std::int32_t length = decomposed.length();
    for (std::int32_t i = 0; i < length;) {
        const UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (u_isUWhiteSpace(c)) {
            pending_space = !folded.isEmpty();
            continue;
        }
        if (u_charType(c) == U_NON_SPACING_MARK) {
            continue;
        }
        if (pending_space) {
            folded.append(static_cast<char16_t>(u' '));
            pending_space = false;
        }
        if (FoldsToD(c)) {
            folded.append(static_cast<char16_t>(u'd'));
        } else {
            folded.append(c);
        }
    }
    // Recompose whatever is left (Hangul syllables, marks that are not Mn).
    std::string out;
    folded.toUTF8String(out);
    return NfcOfValid(out);
}

int CompareVi(std::string_view a, std::string_view b) {
    const icu::Collator* collator = ViCollator();
    if (collator != nullptr) {
        UErrorCode status = U_ZERO_ERROR;
        const UCollationResult result = collator->compareUTF8(Piece(a), Piece(b), status);
        if (U_SUCCESS(status)) {
            return static_cast<int>(result);
        }
    }
    // Without ICU data, fall back to byte order (SortKeyVi does the same, so they agree).
    const int c = a.compare(b);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

std::string SortKeyVi(std::string_view s) {
    const icu::Collator* collator = ViCollator();
    if (collator == nullptr) {
        return std::string(s);
    }
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(Piece(s));
    std::string key(64, '\0');
    for (int attempt = 0; attempt < 2; ++attempt) {
        // The returned length counts the terminating zero byte, which is left out of the result.
        const std::int32_t needed =
            collator->getSortKey(text, reinterpret_cast<std::uint8_t*>(key.data()),
                                 static_cast<std::int32_t>(key.size()));
        if (needed <= 0) {
            return std::string(s);
        }
        if (static_cast<std::size_t>(needed) <= key.size()) {
            key.resize(static_cast<std::size_t>(needed) - 1);
            return key;
        }
        key.assign(static_cast<std::size_t>(needed), '\0');
    }
    return std::string(s);
}

std::string_view LangCode(Lang lang) {
    switch (lang) {
        case Lang::kVi:
            return "vi";
        case Lang::kEn:
            return "en";
    }
    return "vi";
}

// Works on the shortest decimal text that round-trips `value`, so 1.005 rounds to 1.01 as a
// reader expects rather than to 1.00 as its binary approximation would. Non-finite values give
// "NaN", "∞" or "-∞". A result that rounds to zero carries no minus sign.
std::string FormatNumber(double value, int decimals, Lang lang) {
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value < 0 ? "-\u221E" : "\u221E";
    }
    decimals = decimals < 0 ? 0 : (decimals > kMaxDecimals ? kMaxDecimals : decimals);

    // Fixed notation of the largest double has 309 integer digits; the smallest subnormal has
    // 324 fraction digits.
    std::array<char, 400> buffer{};
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(),
                                         std::fabs(value), std::chars_format::fixed);
    if (ec != std::errc()) {
        return "NaN";
    }
    const std::string_view text(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
    const std::size_t point = text.find('.');
    std::string integer(text.substr(0, point));
    std::string fraction(point == std::string_view::npos ? std::string_view()
                                                         : text.substr(point + 1));

    const auto kept = static_cast<std::size_t>(decimals);
    if (fraction.size() > kept) {
        const bool round_up = fraction[kept] >= '5';
        fraction.resize(kept);
        if (round_up) {
            // Add one unit in the last kept place, carrying into the integer part.
            std::string digits = integer + fraction;
            std::size_t i = digits.size();
            while (i > 0 && digits[i - 1] == '9') {
                digits[i - 1] = '0';
                --i;
            }
            if (i == 0) {
                digits.insert(digits.begin(), '1');
            } else {
                ++digits[i - 1];
            }
            integer = digits.substr(0, digits.size() - kept);
            fraction = digits.substr(digits.size() - kept);
        }
    }
    fraction.append(kept - fraction.size(), '0');

    const bool is_zero = integer.find_first_not_of('0') == std::string::npos &&
                         fraction.find_first_not_of('0') == std::string::npos;
    std::string out;
    if (value < 0 && !is_zero) {
        out.push_back('-');
    }
    AppendGrouped(integer, ThousandsSeparator(lang), out);
    if (kept > 0) {
        out.push_back(DecimalMark(lang));
        out += fraction;
    }
    return out;
}

std::string FormatInteger(std::int64_t value, Lang lang) {
    // The magnitude in unsigned arithmetic, so INT64_MIN does not overflow.
    const std::uint64_t magnitude = value < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(value)
                                              : static_cast<std::uint64_t>(value);
    std::array<char, 24> buffer{};
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), magnitude);
    (void)ec;  // 24 bytes always hold 20 digits
    std::string out;
    if (value < 0) {
        out.push_back('-');
    }
    AppendGrouped(std::string_view(buffer.data(), static_cast<std::size_t>(end - buffer.data())),
                  ThousandsSeparator(lang), out);
    return out;
}

}  // namespace ngoaivu::text
