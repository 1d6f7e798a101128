#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>

namespace ngoaivu {

// A 64-bit counter in a small file that every process opening it maps into memory (mmap,
// MAP_SHARED): an increment by one process is seen by the others at their next Load(), without a
// system call. Used where a change made by one process (the command line, another server on the
// same SQLite file) must reach the others at once, but checking the database on every request
// would cost more than the work it guards (modules/accounts: the API token cache).
class SharedCounter {
 public:
    // Opens `path`, creating it (mode 0600) when absent. Throws std::system_error when it cannot
    // be opened, sized or mapped.
    explicit SharedCounter(const std::filesystem::path& path);
    ~SharedCounter();
    SharedCounter(const SharedCounter&) = delete;
    SharedCounter& operator=(const SharedCounter&) = delete;

    std::uint64_t Load() const;  // acquire
    void Increment();            // release

 private:
    std::uint64_t* value_ = nullptr;
};

}  // namespace ngoaivu
