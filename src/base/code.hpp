#pragma once

#include <algorithm>
#include <string_view>
#include <vector>

namespace ngoaivu {

// A code of a closed list (forms, statuses, directions, levels ...) with its names. Codes are
// stored in the database and used in the API and exports; the names are shown.
struct Code {
    std::string_view code;
    std::string_view vi;
    std::string_view en;
};

// The entry of `code` in `list`, or nullptr.
inline const Code* FindCode(const std::vector<Code>& list, std::string_view code) {
    auto it = std::find_if(list.begin(), list.end(), [&](const Code& c) { return c.code == code; });
    return it == list.end() ? nullptr : &*it;
}

}  // namespace ngoaivu
