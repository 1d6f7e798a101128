#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ngoaivu::text {

// Vietnamese text helpers. All input and output is UTF-8; all functions are thread-safe.

// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Unicode NFC normalisation. Vietnamese typed on some keyboards arrives decomposed (NFD) or with
// combining tone marks on the wrong base; everything stored is NFC. Invalid UTF-8 yields "".
std::string Nfc(std::string_view s);

// Folding for search: NFC, lower case, every diacritic removed, đ/Đ → d, runs of white space
// collapsed to one space and trimmed. "Đại hội  ĐẮK LẮK" → "dai hoi dak lak".
std::string Fold(std::string_view s);

// Compares two strings in Vietnamese alphabetical order (ICU `vi` collator): a < ă < â < b < c
// < d < đ < e < ê ...; returns <0, 0 or >0.
int CompareVi(std::string_view a, std::string_view b);

// Byte string whose memcmp order equals CompareVi order (ICU sort key), for sorting in bulk.
std::string SortKeyVi(std::string_view s);

// The language of a page, a message or an export.
enum class Lang { kVi, kEn };

// "vi" or "en".
std::string_view LangCode(Lang lang);

// Numbers: 1.234.567,5 in Vietnamese, 1,234,567.5 in English. `decimals` digits after the mark,
// rounded half away from zero.
std::string FormatNumber(double value, int decimals, Lang lang);
std::string FormatInteger(std::int64_t value, Lang lang);

}  // namespace ngoaivu::text
