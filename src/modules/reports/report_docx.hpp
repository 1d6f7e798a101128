#pragma once

#include <string>

#include "modules/reports/report_service.hpp"

namespace ngoaivu::reports {

// The review report as a DOCX laid out per Decree 30/2020/NĐ-CP (office::WriteDocx): title block
// "BỘ NGOẠI GIAO" / "CỤC NGOẠI VỤ", the number left for the registry, "Hà Nội, ngày … tháng …
// năm …" (`today`); "BÁO CÁO" and the subject; one heading and its sentences and tables per
// section; "Nơi nhận" and the signer's block. Vietnamese.
std::string ReviewDocx(const Review& review, Date today);

}  // namespace ngoaivu::reports
