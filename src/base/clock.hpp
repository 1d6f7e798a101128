#pragma once

#include <atomic>
#include <chrono>

#include "base/date.hpp"

namespace ngoaivu {

// The one seam for time (docs/STYLE.md: time is injected). Thread-safe.
class Clock {
 public:
    virtual ~Clock() = default;
    virtual std::chrono::system_clock::time_point Now() const = 0;
    // Today's date in Vietnam (UTC+7, no daylight saving): deadlines and "as of today" use it.
    Date Today() const;
};

class SystemClock final : public Clock {
 public:
    std::chrono::system_clock::time_point Now() const override {
        return std::chrono::system_clock::now();
    }
};

// A clock that stands still until moved (tests).
class FakeClock final : public Clock {
 public:
    explicit FakeClock(std::chrono::system_clock::time_point now) : now_(now) {}
    std::chrono::system_clock::time_point Now() const override { return now_; }
    void Advance(std::chrono::system_clock::duration d) { now_ += d; }

 private:
    std::chrono::system_clock::time_point now_;
};

}  // namespace ngoaivu
