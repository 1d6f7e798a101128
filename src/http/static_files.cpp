#include "http/static_files.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace ngoaivu::http {

namespace {

std::string Etag(std::string_view content) {
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a of the bytes
    for (unsigned char c : content) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    char buf[24];
    std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
    return buf;
}

}  // namespace

std::string ContentTypeFor(const std::filesystem::path& p) {
    std::string ext = p.extension().string();
    if (ext == ".css")
        return "text/css; charset=utf-8";
    if (ext == ".js" || ext == ".mjs")
        return "text/javascript; charset=utf-8";
    if (ext == ".json")
        return "application/json; charset=utf-8";
    if (ext == ".svg")
        return "image/svg+xml";
    if (ext == ".png")
        return "image/png";
    if (ext == ".ico")
        return "image/x-icon";
    if (ext == ".woff2")
        return "font/woff2";
    if (ext == ".woff")
        return "font/woff";
    if (ext == ".txt")
        return "text/plain; charset=utf-8";
    if (ext == ".html")
        return "text/html; charset=utf-8";
    return "application/octet-stream";
}

StaticFiles::StaticFiles(const std::filesystem::path& root, std::string url_prefix)
    : prefix_(std::move(url_prefix)) {
    if (!std::filesystem::is_directory(root))
        return;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file())
            continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        std::string rel = entry.path().lexically_relative(root).generic_string();
        File f;
        f.content = s.str();
        f.etag = Etag(f.content);
        f.content_type = ContentTypeFor(entry.path());
        f.vendor = rel.starts_with("vendor/");
        files_.emplace(prefix_ + rel, std::move(f));
    }
}

std::optional<Response> StaticFiles::Serve(const Request& req) const {
    if (!req.path.starts_with(prefix_))
        return std::nullopt;
    auto it = files_.find(req.path);
    if (it == files_.end())
        return std::nullopt;
    const File& f = it->second;
    Response res;
    res.Set("Content-Type", f.content_type);
    res.Set("ETag", f.etag);
    res.Set("Cache-Control", f.vendor ? "public, max-age=604800" : "no-cache");
    if (auto inm = req.Header("if-none-match");
        inm && inm->find(f.etag) != std::string_view::npos) {
        res.status = 304;
        return res;
    }
    res.body = f.content;
    return res;
}

}  // namespace ngoaivu::http
