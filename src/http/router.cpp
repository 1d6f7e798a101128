#include "http/router.hpp"

#include <stdexcept>

namespace ngoaivu::http {

namespace {

// Splits "/a/b/c" into {"a", "b", "c"} (views into `path`).
void Split(std::string_view path, std::vector<std::string_view>* out) {
    out->clear();
    if (path.starts_with('/'))
        path.remove_prefix(1);
    while (true) {
        std::size_t slash = path.find('/');
        out->push_back(path.substr(0, slash));
        if (slash == std::string_view::npos)
            break;
        path.remove_prefix(slash + 1);
    }
}

bool IsParam(std::string_view seg) {
    return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

}  // namespace

void Router::Add(Route route) {
    if (!route.pattern.starts_with('/')) {
        throw std::logic_error("route pattern must start with '/': " + route.pattern);
    }
    for (const auto& r : routes_) {
        if (r.method == route.method && r.pattern == route.pattern) {
            throw std::logic_error("duplicate route " + route.method + " " + route.pattern);
        }
    }
    std::vector<std::string_view> parts;
    Split(route.pattern, &parts);
    std::vector<Segment> segments;
    int literals = 0;
    for (auto p : parts) {
        bool param = IsParam(p);
        segments.push_back({std::string(param ? p.substr(1, p.size() - 2) : p), param});
        literals += param ? 0 : 1;
    }
    routes_.push_back(std::move(route));
    segments_.push_back(std::move(segments));
    literal_count_.push_back(literals);
}

Match Router::Find(std::string_view method, std::string_view path) const {
    thread_local std::vector<std::string_view> parts;
    Split(path, &parts);
    Match best;
    int best_score = -1;
    std::size_t best_index = 0;
    std::string allow;
    for (std::size_t i = 0; i < routes_.size(); ++i) {
        const auto& segs = segments_[i];
        if (segs.size() != parts.size())
            continue;
        bool match = true;
        for (std::size_t k = 0; k < segs.size() && match; ++k) {
            match = segs[k].param ? !parts[k].empty() : segs[k].text == parts[k];
        }
        if (!match)
            continue;
        const Route& r = routes_[i];
        if (r.method != method) {
            if (allow.find(r.method) == std::string::npos) {
                allow += allow.empty() ? r.method : ", " + r.method;
            }
            continue;
        }
        if (literal_count_[i] > best_score) {
            best_score = literal_count_[i];
            best_index = i;
            best.kind = Match::Kind::kFound;
        }
    }
    if (best.kind == Match::Kind::kFound) {
        best.route = &routes_[best_index];
        const auto& segs = segments_[best_index];
        for (std::size_t k = 0; k < segs.size(); ++k) {
            if (segs[k].param)
                best.params[segs[k].text] = std::string(parts[k]);
        }
        return best;
    }
    if (allow.find("GET") != std::string::npos)
        allow += ", HEAD";
    if (!allow.empty()) {
        best.kind = Match::Kind::kMethodNotAllowed;
        best.allow = allow;
    }
    return best;
}

}  // namespace ngoaivu::http
