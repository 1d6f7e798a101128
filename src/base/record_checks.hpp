#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/date.hpp"
#include "base/error.hpp"
#include "base/result.hpp"

namespace ngoaivu {

// Checks the record modules (agreements, delegations, events) share in their services: list
// filters, exports, provinces of both generations, the problems of a request's fields. Messages
// are in Vietnamese and English. All functions are thread-safe.

// Whether province `u` (anything with `valid_from` and an optional `valid_to`) exists on day `d`:
// one of the 63 before 1 July 2025, one of the 34 after, the unchanged ones on both sides.
template <typename Unit>
bool ExistsOn(const Unit& u, Date d) {
    return u.valid_from <= d && (!u.valid_to || d <= *u.valid_to);
}

// kInvalidArgument whose field and messages are the first of `problems` (not empty) and whose
// `fields` are all of them, so that a form shows each next to its field.
Error InvalidFields(std::vector<FieldError> problems);

// The ?q= of a list: valid UTF-8 of at most 200 characters; kInvalidArgument on "q" otherwise.
Result<void> CheckSearchText(std::string_view q);

// The horizon of a due page: 0 to 366 days from today; kInvalidArgument on "within_days"
// otherwise.
Result<void> CheckWithinDays(int within_days);

// kInvalidArgument on "file": `total` records match a list, more than the `limit` one export
// holds. `records_vi`/`records_en` name the records in the plural ("đoàn", "delegations").
Error TooManyToExport(std::int64_t total, int limit, std::string_view records_vi,
                      std::string_view records_en);

}  // namespace ngoaivu
