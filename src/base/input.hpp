#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ngoaivu::text {

// Checks of what users type into forms and JSON bodies, shared by the modules (accounts'
// profile, partners' contacts ...). All input and output is UTF-8; all functions are thread-safe.

// `s` (valid UTF-8) without the white space at either end: ASCII white space, no-break, the
// typographic spaces, the ideographic space and the byte-order mark (the set of \s in
// JavaScript, as web/openapi.json's patterns).
std::string TrimSpace(std::string_view s);

// The number of code points of `s` (valid UTF-8), which is what "at most N characters" counts.
std::size_t CountChars(std::string_view s);

// True when `email` (valid UTF-8, already trimmed, not empty) is an email address as Ngoaivu
// accepts one: at most 254 characters, exactly one '@' with something before it, a dot after
// it, and no white space or control character anywhere.
bool IsEmailAddress(std::string_view email);

}  // namespace ngoaivu::text
