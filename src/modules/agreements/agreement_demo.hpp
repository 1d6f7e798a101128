#pragma once

#include <cstdint>

#include "base/result.hpp"
#include "modules/agreements/agreement_service.hpp"

namespace ngoaivu::agreements {

// Adds the demo agreements (demo data only), deterministic for `seed`: 10 × `scale` per current
// province, signed 2015 to today by the old provinces before 1 July 2025 and the new ones after,
// with commitments (some overdue) and results; the last three of each province go through the
// workflow (draft, opinions requested and now overdue, referred to the Prime Minister, abandoned,
// decision, signed with the report to MOFA overdue, in force, suspended). Needs the demo partners.
// Does nothing when any agreement exists; returns how many were created.
Result<int> AddDemoAgreements(AgreementService& service, std::uint64_t seed, int scale);

}  // namespace ngoaivu::agreements
