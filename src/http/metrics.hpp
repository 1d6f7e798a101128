#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace ngoaivu::http {

// Request metrics in Prometheus text format: requests by route and status, a latency histogram,
// and time spent in the database. Thread-safe.
class Metrics {
 public:
    static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                        0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

    // Records one finished request. `route` is the matched pattern ("" for none).
    void Observe(const std::string& method, const std::string& route, int status,
                 std::chrono::nanoseconds duration);
    // Adds time spent in database statements (also outside requests).
    void AddDbTime(std::chrono::nanoseconds d);

    // The exposition text; `open_connections` is a gauge supplied by the caller.
    std::string Render(int open_connections) const;

 private:
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex mu_;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
    std::map<std::string, Histogram> latency_;  // by route
    std::atomic<std::uint64_t> db_nanos_{0};
    std::atomic<std::uint64_t> db_statements_{0};
};

}  // namespace ngoaivu::http
