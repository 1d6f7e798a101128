#pragma once

#include <cstdint>
#include <string>

#include "modules/accounts/account_service.hpp"
#include "modules/partners/partner_service.hpp"

namespace ngoaivu::app {

// The password of every demo account (printed by `make run`; demo data only).
inline constexpr const char* kDemoPassword = "Demo-Ngoaivu-2026";

struct DemoReport {
    int users_created = 0;
    int partners_created = 0;
    int sister_relations_created = 0;
};

// Adds the demo data set: deterministic for a given seed, sized by `scale` (1 = a real country's
// volume). Idempotent: what exists already is kept. Each module adds its part here as it lands;
// today: one demo account per role (demo-admin, demo-mofa, demo-mofa-viewer, demo-officer-01,
// demo-leader-01, demo-officer-79, demo-mission-kr, demo-viewer) and `scale` provincial officers
// per current province with generated Vietnamese names; with `partner_service`, the demo
// partners and sister relations (modules/partners/partner_demo.hpp).
Result<DemoReport> AddDemoData(accounts::AccountService& accounts, std::uint64_t seed, int scale,
                               partners::PartnerService* partner_service = nullptr);

}  // namespace ngoaivu::app
