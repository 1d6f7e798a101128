#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/actor.hpp"
#include "base/clock.hpp"
#include "base/page.hpp"
#include "base/result.hpp"
#include "modules/audit/audit.hpp"
#include "modules/audit/audit_repository.hpp"
#include "storage/database.hpp"

namespace ngoaivu::audit {

// The audit trail. Every service that writes calls Record inside its own write transaction, so
// the entry commits or rolls back with the change. Thread-safe.
class AuditService {
 public:
    AuditService(storage::Database& db, AuditRepository& repo, const Clock& clock)
        : db_(db), repo_(repo), clock_(clock) {}

    // Appends who (actor), when (clock), from where (request id, client address), what (action on
    // entity/entity_id) and the change (before → after; null for none). Never include secrets
    // (password hashes, tokens) in before/after.
    AuditEntry Record(storage::Transaction& tx, const Actor& actor, std::string action,
                      std::string entity, std::string entity_id, const nlohmann::json& before,
                      const nlohmann::json& after);

    // Recomputes the whole chain: every hash, every link, no gap in the ids, and the head; and
    // each anchor's entry must still exist with the anchor's hash.
    VerifyReport Verify(const std::vector<Anchor>& anchors = {});
    // The chain's head as stored (not verified): what the server logs as an anchor.
    Anchor Head();

    // The entries matching `filter`, newest first. Administrators and MOFA staff or viewers
    // only (kPermissionDenied otherwise); kInvalidArgument for a malformed date.
    Result<Page<AuditEntry>> List(const Actor& actor, const AuditFilter& filter,
                                  const PageRequest& page);

    // Current time as ISO 8601 UTC with milliseconds (the format of every stored timestamp).
    std::string Now() const;

 private:
    storage::Database& db_;
    AuditRepository& repo_;
    const Clock& clock_;
};

// Formats a time point as "2026-11-23T09:41:02.723Z".
std::string IsoUtc(std::chrono::system_clock::time_point t);

}  // namespace ngoaivu::audit
