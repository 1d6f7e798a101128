#include "base/clock.hpp"

namespace ngoaivu {

Date Clock::Today() const {
    auto vietnam = Now() + std::chrono::hours(7);
    auto days = std::chrono::floor<std::chrono::days>(vietnam.time_since_epoch()).count();
    return Date::FromDays(static_cast<long>(days));
}

}  // namespace ngoaivu
