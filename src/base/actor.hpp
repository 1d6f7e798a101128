#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace ngoaivu {

// The roles of Ngoaivu (DOMAIN.md, "Who works in it"). A user has one or more, each with a scope.
enum class Role {
    kAdmin,            // quản trị hệ thống: accounts, reference data, everything
    kMofaStaff,        // Bộ Ngoại giao: read and write everywhere, approve, give opinions
    kMofaViewer,       // Bộ Ngoại giao: read everywhere
    kProvinceOfficer,  // chuyên viên: read and write within the scope's provinces
    kProvinceLeader,   // lãnh đạo: as officer, plus approvals
    kMissionStaff,  // cơ quan đại diện: its countries' opportunities, every province's priorities
    kViewer,        // read within the scope
};

// Stable names used in the database, the API and the CLI ("admin", "mofa_staff" ...).
const char* RoleName(Role role);
// The role named `name`, if any.
bool ParseRole(const std::string& name, Role* role);

// Where a role applies.
struct RoleGrant {
    Role role = Role::kViewer;
    bool all_provinces = false;        // scope "all"
    std::set<std::int64_t> provinces;  // admin unit ids, with the 2025 predecessors expanded
    std::set<std::string> countries;   // ISO alpha-2, for mission staff
};

// Who is acting: passed to every service call. Built by the session or token middleware (or by
// the CLI for system actions); services enforce scope with it, never templates.
struct Actor {
    std::int64_t user_id = 0;  // 0 for the system (CLI, migrations)
    std::string login;
    std::vector<RoleGrant> grants;
    std::string request_id;
    std::string client_address;
    bool via_token = false;

    bool Has(Role role) const;
    bool IsAdmin() const { return Has(Role::kAdmin); }
    // True when the actor may read records of province `unit_id` (admin unit id).
    bool CanReadProvince(std::int64_t unit_id) const;
    // True when the actor may write records of province `unit_id`.
    bool CanWriteProvince(std::int64_t unit_id) const;
    // True for roles that see every province (admin, MOFA staff and viewers).
    bool SeesAllProvinces() const;

    // The system actor, for the CLI and start-up tasks.
    static Actor System(std::string what);
};

// Which provinces' records a read by an actor may see: every province, or the listed admin units
// (the actor's grants, 2025 predecessors included). Repositories turn it into a condition.
struct ProvinceScope {
    bool all = false;
    std::vector<std::int64_t> unit_ids;  // sorted, distinct
};
ProvinceScope ReadScopeOf(const Actor& actor);

}  // namespace ngoaivu
