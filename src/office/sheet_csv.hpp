#pragma once

#include <string>
#include <vector>

#include "base/csv.hpp"
#include "base/result.hpp"
#include "office/xlsx_reader.hpp"
#include "office/xlsx_writer.hpp"

namespace ngoaivu::office {

// Writes `sheet` as CSV that Excel and LibreOffice open correctly in UTF-8: a byte-order mark,
// the header row, CRLF line ends, RFC 4180 quoting. Dates are dd/mm/yyyy, numbers use '.', booleans
// are 1/0. A text cell that a spreadsheet would run as a formula (starting with =, +, -, @, a tab
// or CR) is prefixed with an apostrophe (CSV injection).
std::string WriteCsv(const Sheet& sheet);

// Reads an uploaded spreadsheet, XLSX or CSV (told apart by the bytes, not the name), as a sheet
// of cells: CSV cells are text (dates and numbers stay text, to be parsed by the caller). Errors
// name "file".
Result<ReadSheet> ReadSpreadsheet(std::string_view bytes, const ReadLimits& limits = {});

}  // namespace ngoaivu::office
