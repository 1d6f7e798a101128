#pragma once

#include <cstdint>

#include "base/result.hpp"
#include "modules/events/event_service.hpp"

namespace ngoaivu::events {

// Adds the demo events (demo data only), deterministic for `seed`: the national conferences of
// DOMAIN.md (the 19th, 20th and 21st National Conferences on Local Foreign Affairs, the 31st and
// 32nd Diplomatic Conferences, MOFA's review conference of 2022), held; and 100 × `scale`
// provincial events of every type, spread over the current provinces (the old ones before
// 1 July 2025) from 2019 to some months ahead, taken through the workflow as far as their dates
// allow (planned, requested with some requests late, consulting, submitted to the Prime
// Minister, permitted, refused, cancelled, held with the result report due or overdue,
// reported). Does nothing when any event exists; returns how many were created.
Result<int> AddDemoEvents(EventService& service, std::uint64_t seed, int scale);

}  // namespace ngoaivu::events
