#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ngoaivu::audit {

// One audit entry: who, when, from where, what, and the change (JSON before → after).
struct AuditEntry {
    std::int64_t id = 0;  // the chain's sequence number, from 1, without gaps
    std::string at;       // ISO 8601 UTC
    std::optional<std::int64_t> user_id;
    std::string user_login;
    std::string request_id;
    std::string client_address;
    std::string action;       // "create", "update", "delete", "login", "grant" ...
    std::string entity;       // "user", "api_token", "agreement" ...
    std::string entity_id;    // the record's id, as text
    std::string before_json;  // "null" for a creation
    std::string after_json;   // "null" for a deletion
    std::string prev_hash;
    std::string hash;
};

// The SHA-256 (hex) that chains `e` to its predecessor: over every field but `hash`.
std::string ChainHash(const AuditEntry& e);

// What `ngoaivu audit verify` found.
struct VerifyReport {
    bool ok = true;
    std::int64_t entries = 0;
    std::int64_t first_bad_id = 0;  // 0 when ok
    std::string problem;            // in English, for operators: which check failed and where
    // The newest entry when the chain verifies: recorded outside the database (the operator's
    // log, a message to MOFA), it is an anchor that a later verification checks, so that even a
    // chain rewritten and re-hashed from some entry on is detected.
    std::int64_t head_id = 0;
    std::string head_hash;
};

// An entry's id and hash recorded outside the database, written "ID:HASH".
struct Anchor {
    std::int64_t id = 0;
    std::string hash;
};
// Reads "ID:HASH" (ID ≥ 1, HASH 64 lower-case hex digits); nullopt otherwise.
std::optional<Anchor> ParseAnchor(const std::string& text);
std::string FormatAnchor(std::int64_t id, const std::string& hash);

// Filters of the audit page and /api/v1/audit.
struct AuditFilter {
    std::string user_login;
    std::string entity;
    std::string entity_id;
    std::string action;
    std::string from;  // ISO date, inclusive
    std::string to;    // ISO date, inclusive
};

}  // namespace ngoaivu::audit
