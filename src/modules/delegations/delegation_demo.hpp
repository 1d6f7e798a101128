#pragma once

#include <cstdint>

#include "base/result.hpp"
#include "modules/delegations/delegation_service.hpp"

namespace ngoaivu::delegations {

// Adds the demo delegations (demo data only), deterministic for `seed` (and today's date):
// about 150 × `scale`, outbound and inbound, of every level, from 2019 to the end of 2026, owned
// by the old provinces before 1 July 2025 and by the new ones after (Hà Nội and Hồ Chí Minh City,
// the provinces of the demo officers, more often than the others), with a second province now
// and then. Each is proposed, then taken through the workflow steps (delegation_workflow.hpp) as
// far as its dates allow, so that every status appears with a real history and report deadline:
// proposed, approved, rejected, cancelled, under way, returned with the report due or overdue,
// reported, and closed with outcomes (commitments, follow-ups some overdue, and often a signed
// demo agreement of the province). Inbound delegations are foreign visitors with their
// nationalities. A few leaders are put in two delegations on overlapping days, the second still
// proposed (the flag before approval). Needs the demo partners (and, for the linked outcomes,
// the demo agreements). Does nothing when any delegation exists; returns how many were created.
Result<int> AddDemoDelegations(DelegationService& service, std::uint64_t seed, int scale);

}  // namespace ngoaivu::delegations
