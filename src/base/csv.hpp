#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ngoaivu::csv {

using Record = std::vector<std::string>;

// Parses RFC 4180 CSV (quoted fields, "" escapes, CRLF or LF, a UTF-8 BOM skipped). Returns
// nullopt with `error` set ("line N: ...") on an unterminated quote or a stray quote.
std::optional<std::vector<Record>> Parse(std::string_view text, std::string* error = nullptr);

// Quotes a field when it holds a comma, quote, CR or LF.
std::string Escape(std::string_view field);

}  // namespace ngoaivu::csv
