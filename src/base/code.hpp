#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
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

// The Vietnamese (English) name of `code` in `list`, or the code itself when it is not listed.
inline std::string NameVi(const std::vector<Code>& list, std::string_view code) {
    const Code* c = FindCode(list, code);
    return std::string(c ? c->vi : code);
}
inline std::string NameEn(const std::vector<Code>& list, std::string_view code) {
    const Code* c = FindCode(list, code);
    return std::string(c ? c->en : code);
}

// An enum backed by a list of codes (Status and Statuses() ...): the enum has no explicit values,
// and its values index the list in order, the first value list[0], the second list[1] ... so the
// list has exactly one entry per value, in the same order. `last` is the enum's last value.

// The code of `e` in `list`.
template <typename E>
std::string_view CodeOf(const std::vector<Code>& list, E e) {
    static_assert(std::is_enum_v<E>);
    assert(static_cast<std::size_t>(e) < list.size());
    return list[static_cast<std::size_t>(e)].code;
}

// The value of E whose code in `list` is `code`, or nullopt. Asserts (in debug builds) that
// `list` has one entry per value of E, up to `last`.
template <typename E>
std::optional<E> EnumOf(const std::vector<Code>& list, std::string_view code, E last) {
    static_assert(std::is_enum_v<E>);
    const auto count = static_cast<std::size_t>(last) + 1;
    assert(list.size() == count);
    for (std::size_t i = 0; i < count && i < list.size(); ++i) {
        if (list[i].code == code)
            return static_cast<E>(i);
    }
    return std::nullopt;
}

}  // namespace ngoaivu
