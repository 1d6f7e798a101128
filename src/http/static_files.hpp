#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "http/request.hpp"
#include "http/response.hpp"

namespace ngoaivu::http {

// Serves the files under one folder at a URL prefix, from memory: every file is read once at
// start-up, so no request can reach a path outside the folder (only the names found there exist)
// and nothing touches the disk per request. ETag + If-None-Match (304); files under vendor/
// (npm packages, pinned by package-lock.json) are cacheable for a week, our own revalidate.
// Immutable after construction; thread-safe.
class StaticFiles {
 public:
    StaticFiles(const std::filesystem::path& root, std::string url_prefix);

    // The response for `req` when its path is under the prefix; nullopt otherwise.
    std::optional<Response> Serve(const Request& req) const;
    std::size_t file_count() const { return files_.size(); }

 private:
    struct File {
        std::string content;
        std::string etag;
        std::string content_type;
        bool vendor = false;
    };
    std::map<std::string, File, std::less<>> files_;  // by URL path
    std::string prefix_;
};

// The Content-Type for a file name's extension.
std::string ContentTypeFor(const std::filesystem::path& p);

}  // namespace ngoaivu::http
