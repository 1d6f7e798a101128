#pragma once

#include <string>
#include <vector>

#include "modules/reports/report_service.hpp"

namespace ngoaivu::reports {

// One section of the review's text: a stable key ("visits", "agreements", "events", "economy",
// "culture", "awards"), its title and its sentences with the figures.
struct TextSection {
    std::string key;
    std::string title;
    std::vector<std::string> paragraphs;
};

// The review written out as MOFA writes its review, in Vietnamese or (en) English, with numbers
// formatted for the language (1.234,5 / 1,234.5) and dates as dd/mm/yyyy.
std::vector<TextSection> ReviewText(const Review& review, bool en);

// "từ 19/12/2020 đến 18/12/2023" / "from 19/12/2020 to 18/12/2023".
std::string PeriodText(const Review& review, bool en);

// The note shown when figures by the 63 cover a period after 01/07/2025.
std::string SplitNote(bool en);

// "A, B và C" / "A, B and C".
std::string JoinList(const std::vector<std::string>& items, bool en);

}  // namespace ngoaivu::reports
