#include "http/request.hpp"

#include <algorithm>
#include <cctype>

namespace ngoaivu::http {

namespace {

char Lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

int HexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string_view TrimOws(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

bool LessIgnoreCase::operator()(std::string_view a, std::string_view b) const {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [](char x, char y) { return Lower(x) < Lower(y); });
}

std::optional<std::string_view> Request::Header(std::string_view name) const {
    auto it = headers.find(name);
    if (it == headers.end())
        return std::nullopt;
    return std::string_view(it->second);
}

std::optional<std::string_view> Request::Query(std::string_view name) const {
    for (const auto& [k, v] : query) {
        if (k == name)
            return std::string_view(v);
    }
    return std::nullopt;
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
    auto [begin, end] = headers.equal_range("cookie");
    for (auto it = begin; it != end; ++it) {
        std::string_view rest = it->second;
        while (!rest.empty()) {
            std::size_t semi = rest.find(';');
            std::string_view part = TrimOws(rest.substr(0, semi));
            rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
            std::size_t eq = part.find('=');
            if (eq == std::string_view::npos)
                continue;
            if (TrimOws(part.substr(0, eq)) == name) {
                std::string_view value = TrimOws(part.substr(eq + 1));
                if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
                    value = value.substr(1, value.size() - 2);
                }
                return std::string(value);
            }
        }
    }
    return std::nullopt;
}

std::string Request::Form(std::string_view name) const {
    auto type = Header("content-type");
    if (!type || !type->starts_with("application/x-www-form-urlencoded"))
        return {};
    auto fields = ParseQuery(body);
    if (!fields)
        return {};
    for (auto& [k, v] : *fields) {
        if (k == name)
            return v;
    }
    return {};
}

std::vector<std::string> Request::FormValues(std::string_view name) const {
    std::vector<std::string> out;
    auto type = Header("content-type");
    if (!type || !type->starts_with("application/x-www-form-urlencoded"))
        return out;
    auto fields = ParseQuery(body);
    if (!fields)
        return out;
    for (auto& [k, v] : *fields) {
        if (k == name)
            out.push_back(v);
    }
    return out;
}

bool Request::WantsJson() const {
    if (path.starts_with("/api/"))
        return true;
    auto accept = Header("accept");
    if (!accept)
        return false;
    std::size_t json = accept->find("application/json");
    std::size_t html = accept->find("text/html");
    return json != std::string_view::npos && (html == std::string_view::npos || json < html);
}

std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '%') {
            if (i + 2 >= s.size())
                return std::nullopt;
            int hi = HexValue(s[i + 1]);
            int lo = HexValue(s[i + 2]);
            if (hi < 0 || lo < 0)
                return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string PercentEncode(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

std::optional<std::vector<std::pair<std::string, std::string>>> ParseQuery(std::string_view s) {
    std::vector<std::pair<std::string, std::string>> out;
    while (!s.empty()) {
        std::size_t amp = s.find('&');
        std::string_view part = s.substr(0, amp);
        s = amp == std::string_view::npos ? std::string_view() : s.substr(amp + 1);
        if (part.empty())
            continue;
        std::size_t eq = part.find('=');
        auto key = PercentDecode(part.substr(0, eq), true);
        auto value = PercentDecode(
            eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1), true);
        if (!key || !value)
            return std::nullopt;
        out.emplace_back(std::move(*key), std::move(*value));
    }
    return out;
}

}  // namespace ngoaivu::http
