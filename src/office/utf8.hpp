#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ngoaivu::office::detail {

// UTF-8 helpers shared by the XLSX writer and reader. Pure functions; thread-safe.

// The replacement character, U+FFFD, written in place of bytes that are not UTF-8.
inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point at s[i] (i < s.size()) into *cp and returns its length in bytes;
// returns 0 when the bytes there are not well-formed UTF-8 (an overlong form, a surrogate,
// above U+10FFFF, a truncated sequence).
std::size_t DecodeUtf8(std::string_view s, std::size_t i, char32_t* cp);

// Appends the UTF-8 form of the code point `cp` (at most U+10FFFF) to *out.
void AppendUtf8(char32_t cp, std::string* out);

// `s` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD.
std::string ToValidUtf8(std::string_view s);

}  // namespace ngoaivu::office::detail
