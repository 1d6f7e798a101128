#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace ngoaivu::http {

// The reverse proxies whose X-Forwarded-For header is believed (--trusted-proxies). Behind nginx
// every connection comes from the proxy; without this, login throttling, the audit trail and the
// access log would all see the proxy's address. A header from anyone else is ignored, so a
// client cannot choose the address it is throttled and audited under.
class TrustedProxies {
 public:
    TrustedProxies() = default;

    // Parses a comma-separated list of IPv4/IPv6 addresses and CIDR networks
    // ("127.0.0.1, 10.0.0.0/8, ::1"); spaces around entries are ignored, "" trusts nobody.
    // An invalid entry is an error naming it (field "trusted_proxies").
    static Result<TrustedProxies> Parse(std::string_view list);

    bool empty() const { return networks_.empty(); }
    // True when `address` (a textual IPv4 or IPv6 address) lies in a trusted network.
    bool Contains(std::string_view address) const;

    // The client's address for a request that arrived from `remote`: `remote` itself unless it
    // is a trusted proxy; otherwise, reading X-Forwarded-For from the right (the entry the
    // nearest proxy added), the first address that is not a trusted proxy. A malformed entry
    // stops the walk (everything left of it is unverifiable) and the last good address is used.
    std::string ClientAddress(std::string_view remote,
                              std::optional<std::string_view> forwarded_for) const;

 private:
    struct Network {
        bool v6 = false;
        unsigned char bytes[16] = {};
        int prefix = 0;
    };
    static std::optional<Network> ParseAddress(std::string_view text);
    std::vector<Network> networks_;
};

}  // namespace ngoaivu::http
