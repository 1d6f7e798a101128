#include "app/auth_changes.hpp"

#include <system_error>

namespace ngoaivu::app {

std::unique_ptr<SharedCounter> OpenAuthChanges(std::string_view db_location,
                                               storage::Backend backend, std::string* problem) {
    if (backend != storage::Backend::kSqlite)
        return nullptr;
    std::string_view file = db_location;
    if (file.starts_with("sqlite:"))
        file.remove_prefix(7);
    try {
        return std::make_unique<SharedCounter>(std::string(file) + "-auth");
    } catch (const std::system_error& e) {
        if (problem)
            *problem = e.what();
        return nullptr;
    }
}

}  // namespace ngoaivu::app
