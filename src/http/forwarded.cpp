#include "http/forwarded.hpp"

#include <arpa/inet.h>
#include <charconv>
#include <cstring>

#include "http/request.hpp"

namespace ngoaivu::http {

std::optional<TrustedProxies::Network> TrustedProxies::ParseAddress(std::string_view text) {
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']')
        text = text.substr(1, text.size() - 2);  // "[::1]"
    if (text.empty() || text.size() > 45)
        return std::nullopt;
    std::string s(text);
    Network n;
    if (inet_pton(AF_INET, s.c_str(), n.bytes) == 1) {
        n.prefix = 32;
        return n;
    }
    if (inet_pton(AF_INET6, s.c_str(), n.bytes) == 1) {
        static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (std::memcmp(n.bytes, kMapped, 12) == 0) {  // ::ffff:a.b.c.d is the IPv4 address
            std::memmove(n.bytes, n.bytes + 12, 4);
            std::memset(n.bytes + 4, 0, 12);
            n.prefix = 32;
            return n;
        }
        n.v6 = true;
        n.prefix = 128;
        return n;
    }
    return std::nullopt;
}

Result<TrustedProxies> TrustedProxies::Parse(std::string_view list) {
    TrustedProxies out;
    while (!list.empty()) {
        std::size_t comma = list.find(',');
        std::string_view entry = TrimOws(list.substr(0, comma));
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        if (entry.empty())
            continue;
        std::string_view address = entry;
        std::optional<int> prefix;
        if (std::size_t slash = entry.find('/'); slash != std::string_view::npos) {
            address = entry.substr(0, slash);
            std::string_view bits = entry.substr(slash + 1);
            int p = -1;
            auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), p);
            if (ec != std::errc() || end != bits.data() + bits.size() || bits.empty())
                p = -1;
            prefix = p;
        }
        auto n = ParseAddress(address);
        int max = n && n->v6 ? 128 : 32;
        if (!n || (prefix && (*prefix < 0 || *prefix > max))) {
            std::string e(entry);
            return Error::InvalidArgument(
                "trusted_proxies",
                "Địa chỉ proxy tin cậy không hợp lệ: \"" + e +
                    "\" (cần địa chỉ IPv4/IPv6 hoặc mạng CIDR như 10.0.0.0/8).",
                "Invalid trusted proxy: \"" + e +
                    "\" (give an IPv4/IPv6 address or a CIDR network such as 10.0.0.0/8).");
        }
        if (prefix)
            n->prefix = *prefix;
        out.networks_.push_back(*n);
    }
    return out;
}

bool TrustedProxies::Contains(std::string_view address) const {
    auto a = ParseAddress(address);
    if (!a)
        return false;
    for (const Network& n : networks_) {
        if (n.v6 != a->v6)
            continue;
        int full = n.prefix / 8;
        int rest = n.prefix % 8;
        if (std::memcmp(n.bytes, a->bytes, static_cast<std::size_t>(full)) != 0)
            continue;
        if (rest != 0) {
            auto mask = static_cast<unsigned char>(0xff << (8 - rest));
            if ((n.bytes[full] & mask) != (a->bytes[full] & mask))
                continue;
        }
        return true;
    }
    return false;
}

std::string TrustedProxies::ClientAddress(std::string_view remote,
                                          std::optional<std::string_view> forwarded_for) const {
    if (!forwarded_for || networks_.empty() || !Contains(remote))
        return std::string(remote);
    std::string_view list = *forwarded_for;
    std::string client(remote);
    while (!list.empty()) {
        std::size_t comma = list.rfind(',');
        std::string_view entry =
            TrimOws(comma == std::string_view::npos ? list : list.substr(comma + 1));
        list = comma == std::string_view::npos ? std::string_view() : list.substr(0, comma);
        if (!ParseAddress(entry))
            break;
        if (entry.front() == '[')
            entry = entry.substr(1, entry.size() - 2);
        client = std::string(entry);
        if (!Contains(entry))
            break;
    }
    return client;
}

}  // namespace ngoaivu::http
