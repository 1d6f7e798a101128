#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace ngoaivu {

// A file compiled into the executable by cmake/Embed.cmake (migrations, reference data).
struct EmbeddedFile {
    std::string_view path;  // relative to its folder in the source tree, e.g. "0001_geo.sql"
    std::string_view content;
};

// The migrations under migrations/ (sqlite dialect at the top, postgres/ overrides).
std::span<const EmbeddedFile> EmbeddedMigrations();
// The reference data under data/reference/.
std::span<const EmbeddedFile> EmbeddedReferenceData();

// The file of `files` whose path is `path`, if any.
inline std::optional<std::string_view> FindEmbedded(std::span<const EmbeddedFile> files,
                                                    std::string_view path) {
    for (const auto& f : files) {
        if (f.path == path)
            return f.content;
    }
    return std::nullopt;
}

}  // namespace ngoaivu
