#include "app/auth_changes.hpp"

#include <exception>
#include <filesystem>

namespace ngoaivu::app {

std::unique_ptr<SharedCounter> OpenAuthChanges(std::string_view db_location,
                                               storage::Backend backend, std::string* problem) {
    if (backend != storage::Backend::kSqlite)
        return nullptr;
    std::string_view file = db_location;
    if (file.starts_with("sqlite:"))
        file.remove_prefix(7);
    try {
        // One file per database whatever path a process took to it (relative, through a
        // symbolic link): the database's own path with links and dots resolved.
        std::filesystem::path db = std::filesystem::weakly_canonical(std::string(file));
        return std::make_unique<SharedCounter>(db.string() + "-auth");
    } catch (const std::exception& e) {  // std::system_error, std::filesystem::filesystem_error
        if (problem)
            *problem = e.what();
        return nullptr;
    }
}

}  // namespace ngoaivu::app
