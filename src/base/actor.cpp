#include "base/actor.hpp"

#include <algorithm>

namespace ngoaivu {

namespace {

struct RoleInfo {
    Role role;
    const char* name;
};

constexpr RoleInfo kRoles[] = {
    {Role::kAdmin, "admin"},
    {Role::kMofaStaff, "mofa_staff"},
    {Role::kMofaViewer, "mofa_viewer"},
    {Role::kProvinceOfficer, "province_officer"},
    {Role::kProvinceLeader, "province_leader"},
    {Role::kMissionStaff, "mission_staff"},
    {Role::kViewer, "viewer"},
};

bool Writes(Role r) {
    switch (r) {
        case Role::kAdmin:
        case Role::kMofaStaff:
        case Role::kProvinceOfficer:
        case Role::kProvinceLeader:
            return true;
        case Role::kMofaViewer:
        case Role::kMissionStaff:
        case Role::kViewer:
            return false;
    }
    return false;
}

bool Covers(const RoleGrant& g, std::int64_t unit_id) {
    return g.all_provinces || g.provinces.contains(unit_id);
}

}  // namespace

const char* RoleName(Role role) {
    for (const auto& r : kRoles) {
        if (r.role == role)
            return r.name;
    }
    return "viewer";
}

bool ParseRole(const std::string& name, Role* role) {
    for (const auto& r : kRoles) {
        if (name == r.name) {
            *role = r.role;
            return true;
        }
    }
    return false;
}

bool Actor::Has(Role role) const {
    return std::any_of(grants.begin(), grants.end(), [&](const auto& g) { return g.role == role; });
}

bool Actor::SeesAllProvinces() const {
    return std::any_of(grants.begin(), grants.end(), [](const auto& g) {
        return g.role == Role::kAdmin || g.role == Role::kMofaStaff ||
               g.role == Role::kMofaViewer || (g.all_provinces && g.role == Role::kViewer);
    });
}

bool Actor::CanReadProvince(std::int64_t unit_id) const {
    if (SeesAllProvinces())
        return true;
    return std::any_of(grants.begin(), grants.end(),
                       [&](const auto& g) { return Covers(g, unit_id); });
}

bool Actor::CanWriteProvince(std::int64_t unit_id) const {
    return std::any_of(grants.begin(), grants.end(), [&](const auto& g) {
        if (!Writes(g.role))
            return false;
        return g.role == Role::kAdmin || g.role == Role::kMofaStaff || Covers(g, unit_id);
    });
}

Actor Actor::System(std::string what) {
    Actor a;
    a.login = "system:" + what;
    a.grants.push_back(RoleGrant{Role::kAdmin, true, {}, {}});
    return a;
}

ProvinceScope ReadScopeOf(const Actor& actor) {
    ProvinceScope s;
    if (actor.SeesAllProvinces()) {
        s.all = true;
        return s;
    }
    std::set<std::int64_t> units;
    for (const auto& g : actor.grants) {
        if (g.all_provinces) {
            s.all = true;
            return s;
        }
        units.insert(g.provinces.begin(), g.provinces.end());
    }
    s.unit_ids.assign(units.begin(), units.end());
    return s;
}

}  // namespace ngoaivu
