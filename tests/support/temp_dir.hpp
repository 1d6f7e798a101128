#pragma once

#include <filesystem>

namespace ngoaivu::testing {

// A fresh, uniquely named folder under the system's temporary folder (TMPDIR or /tmp), removed
// with everything in it when the object goes away. Safe when tests run in parallel processes.
class TempDir {
 public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    // path() / name.
    std::filesystem::path operator/(const std::filesystem::path& name) const {
        return path_ / name;
    }

 private:
    std::filesystem::path path_;
};

}  // namespace ngoaivu::testing
