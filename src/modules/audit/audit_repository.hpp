#pragma once

#include <vector>

#include "base/page.hpp"
#include "modules/audit/audit.hpp"
#include "storage/database.hpp"

namespace ngoaivu::audit {

// Storage of the audit chain. Append must run inside the write transaction of the change it
// records; it serialises appends through the audit_head row.
class AuditRepository {
 public:
    virtual ~AuditRepository() = default;
    // Assigns the next id and prev_hash, computes the hash, inserts, and advances the head.
    virtual AuditEntry Append(storage::Transaction& tx, AuditEntry entry) = 0;
    // Entries with id > after_id in id order, at most `limit`.
    virtual std::vector<AuditEntry> Range(storage::Transaction& tx, std::int64_t after_id,
                                          int limit) = 0;
    // The head: the newest sequence number and hash.
    virtual std::pair<std::int64_t, std::string> Head(storage::Transaction& tx) = 0;
    // Newest first, filtered.
    virtual Page<AuditEntry> List(storage::Transaction& tx, const AuditFilter& filter,
                                  const PageRequest& page) = 0;
};

class SqlAuditRepository final : public AuditRepository {
 public:
    AuditEntry Append(storage::Transaction& tx, AuditEntry entry) override;
    std::vector<AuditEntry> Range(storage::Transaction& tx, std::int64_t after_id,
                                  int limit) override;
    std::pair<std::int64_t, std::string> Head(storage::Transaction& tx) override;
    Page<AuditEntry> List(storage::Transaction& tx, const AuditFilter& filter,
                          const PageRequest& page) override;
};

}  // namespace ngoaivu::audit
