#include "http/router.hpp"

#include <stdexcept>

namespace ngoaivu::http {

namespace {

std::vector<std::string_view> Split(std::string_view path) {
    std::vector<std::string_view> parts;
    if (path.starts_with('/'))
        path.remove_prefix(1);
    while (true) {
        std::size_t slash = path.find('/');
        parts.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos)
            break;
        path.remove_prefix(slash + 1);
    }
    return parts;
}

bool IsParam(std::string_view seg) {
    return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

// Number of literal segments, to prefer "/a/new" over "/a/{id}".
int Specificity(const std::vector<std::string_view>& segs) {
    int n = 0;
    for (auto s : segs)
        n += IsParam(s) ? 0 : 1;
    return n;
}

bool MatchPattern(std::string_view pattern, std::string_view path,
                  std::map<std::string, std::string>* params) {
    auto p = Split(pattern);
    auto s = Split(path);
    if (p.size() != s.size())
        return false;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (IsParam(p[i])) {
            if (s[i].empty())
                return false;
            (*params)[std::string(p[i].substr(1, p[i].size() - 2))] = std::string(s[i]);
        } else if (p[i] != s[i]) {
            return false;
        }
    }
    return true;
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
    routes_.push_back(std::move(route));
}

Match Router::Find(std::string_view method, std::string_view path) const {
    Match best;
    int best_score = -1;
    std::string allow;
    for (const auto& r : routes_) {
        std::map<std::string, std::string> params;
        if (!MatchPattern(r.pattern, path, &params))
            continue;
        if (r.method != method) {
            if (allow.find(r.method) == std::string::npos) {
                allow += allow.empty() ? r.method : ", " + r.method;
            }
            continue;
        }
        int score = Specificity(Split(r.pattern));
        if (score > best_score) {
            best_score = score;
            best.kind = Match::Kind::kFound;
            best.route = &r;
            best.params = std::move(params);
        }
    }
    if (allow.find("GET") != std::string::npos)
        allow += ", HEAD";
    if (best.kind != Match::Kind::kFound && !allow.empty()) {
        best.kind = Match::Kind::kMethodNotAllowed;
        best.allow = allow;
    }
    return best;
}

}  // namespace ngoaivu::http
