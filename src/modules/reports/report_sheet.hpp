#pragma once

#include <string>

#include "modules/reports/report_service.hpp"

namespace ngoaivu::reports {

// The dashboard's numbers as an XLSX workbook, one sheet per chart, headers in Vietnamese and
// English ("Năm / Year"); values as numbers (not text).
std::string DashboardXlsx(const Dashboard& dashboard);

// The review report as an XLSX workbook: the text (both languages), then one sheet per section
// (visits, agreements, events, economy, culture, awards) with bilingual headers.
std::string ReviewXlsx(const Review& review);

}  // namespace ngoaivu::reports
