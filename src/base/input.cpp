#include "base/input.hpp"

namespace ngoaivu::text {

namespace {

// The code point that starts at s[i] (valid UTF-8), and its length in bytes.
char32_t CodePointAt(std::string_view s, std::size_t i, std::size_t* length) {
    auto b = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[k])); };
    char32_t c = b(i);
    if (c < 0x80) {
        *length = 1;
        return c;
    }
    if (c < 0xE0) {
        *length = 2;
        return ((c & 0x1F) << 6) | (b(i + 1) & 0x3F);
    }
    if (c < 0xF0) {
        *length = 3;
        return ((c & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F);
    }
    *length = 4;
    return ((c & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) |
           (b(i + 3) & 0x3F);
}

bool IsSpace(char32_t c) {
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool IsControl(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

}  // namespace

std::string TrimSpace(std::string_view s) {
    std::size_t begin = 0, end = 0, i = 0;
    bool seen = false;
    while (i < s.size()) {
        std::size_t n = 1;
        char32_t c = CodePointAt(s, i, &n);
        if (!IsSpace(c)) {
            if (!seen)
                begin = i;
            seen = true;
            end = i + n;
        }
        i += n;
    }
    return seen ? std::string(s.substr(begin, end - begin)) : std::string();
}

std::size_t CountChars(std::string_view s) {
    std::size_t n = 0;
    for (char c : s)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

bool IsEmailAddress(std::string_view email) {
    if (email.empty() || CountChars(email) > 254)
        return false;
    for (std::size_t i = 0; i < email.size();) {
        std::size_t n = 1;
        char32_t c = CodePointAt(email, i, &n);
        if (IsSpace(c) || IsControl(c))
            return false;
        i += n;
    }
    std::size_t at = email.find('@');
    return at != std::string_view::npos && at != 0 &&
           email.find('@', at + 1) == std::string_view::npos &&
           email.find('.', at + 1) != std::string_view::npos;
}

}  // namespace ngoaivu::text
