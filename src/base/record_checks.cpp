#include "base/record_checks.hpp"

#include <string>
#include <utility>

#include "base/input.hpp"
#include "base/text.hpp"

namespace ngoaivu {

Error InvalidFields(std::vector<FieldError> problems) {
    Error e = Error::InvalidArgument(problems.front().field, problems.front().message_vi,
                                     problems.front().message_en);
    e.fields = std::move(problems);
    return e;
}

Result<void> CheckSearchText(std::string_view q) {
    if (!text::IsValidUtf8(q) || text::CountChars(q) > 200) {
        return Error::InvalidArgument("q", "Từ khóa tìm kiếm dài quá 200 ký tự.",
                                      "The search text is longer than 200 characters.");
    }
    return {};
}

Result<void> CheckWithinDays(int within_days) {
    if (within_days < 0 || within_days > 366) {
        return Error::InvalidArgument("within_days", "Số ngày phải từ 0 đến 366.",
                                      "The number of days must be 0 to 366.");
    }
    return {};
}

Error TooManyToExport(std::int64_t total, int limit, std::string_view records_vi,
                      std::string_view records_en) {
    return Error::InvalidArgument(
        "file",
        "Có " + std::to_string(total) + " " + std::string(records_vi) + " phù hợp, nhiều hơn mức " +
            std::to_string(limit) + " của một lần xuất: hãy lọc bớt.",
        std::to_string(total) + " " + std::string(records_en) + " match, more than the " +
            std::to_string(limit) + " one export holds: narrow the filters.");
}

}  // namespace ngoaivu
