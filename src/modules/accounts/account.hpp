#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/actor.hpp"

namespace ngoaivu::accounts {

struct UserId {
    std::int64_t value = 0;
    friend bool operator==(UserId, UserId) = default;
};

// A role with its scope as stored: province grants name admin units (current ones normally;
// the 2025 predecessors are added when an Actor is built).
struct StoredGrant {
    Role role = Role::kViewer;
    bool all_provinces = false;
    std::vector<std::int64_t> unit_ids;
    std::vector<std::string> countries;
};

struct User {
    UserId id;
    std::string login;
    std::string display_name;
    std::string email;
    std::string password_hash;  // never leaves the accounts module (not in JSON, logs, audit)
    bool must_change_password = false;
    bool disabled = false;
    std::string created_at;
    std::string updated_at;
    std::int64_t version = 1;
    std::vector<StoredGrant> grants;
};

struct Session {
    std::string id_hash;
    UserId user_id;
    std::string csrf_token;
    std::string created_at;
    std::string last_seen_at;
    std::string expires_at;
};

struct ApiToken {
    std::int64_t id = 0;
    UserId user_id;
    std::string name;
    std::string prefix;
    std::string created_at;
    std::string last_used_at;
    std::string revoked_at;
};

}  // namespace ngoaivu::accounts
