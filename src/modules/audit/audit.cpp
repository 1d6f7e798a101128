#include "modules/audit/audit.hpp"

#include "base/crypto.hpp"

namespace ngoaivu::audit {

std::string ChainHash(const AuditEntry& e) {
    // Length-prefixed fields: no separator inside a value can make two entries hash alike.
    std::string canonical;
    auto add = [&canonical](const std::string& v) {
        canonical += std::to_string(v.size());
        canonical += ':';
        canonical += v;
        canonical += ';';
    };
    add(std::to_string(e.id));
    add(e.at);
    add(e.user_id ? std::to_string(*e.user_id) : "");
    add(e.user_login);
    add(e.request_id);
    add(e.client_address);
    add(e.action);
    add(e.entity);
    add(e.entity_id);
    add(e.before_json);
    add(e.after_json);
    add(e.prev_hash);
    return crypto::Sha256Hex(canonical);
}

std::optional<Anchor> ParseAnchor(const std::string& text) {
    auto colon = text.find(':');
    if (colon == std::string::npos || colon == 0 || colon > 18)
        return std::nullopt;
    Anchor a;
    for (std::size_t i = 0; i < colon; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return std::nullopt;
        a.id = a.id * 10 + (text[i] - '0');
    }
    a.hash = text.substr(colon + 1);
    if (a.id < 1 || a.hash.size() != 64)
        return std::nullopt;
    for (char c : a.hash) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return std::nullopt;
    }
    return a;
}

std::string FormatAnchor(std::int64_t id, const std::string& hash) {
    return std::to_string(id) + ":" + hash;
}

}  // namespace ngoaivu::audit
