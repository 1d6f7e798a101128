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

}  // namespace ngoaivu::audit
