#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace ngoaivu::http {

using Handler = std::function<Response(Request&)>;

// Who may call a route, checked by the access middleware (app/app.cpp) before the handler runs.
// This is the coarse gate; the service layer still enforces roles and province scope on every
// call, so a handler reached by mistake still cannot leak or write outside the actor's scope.
enum class Access {
    kPublic,         // anyone, signed in or not
    kAuthenticated,  // any signed-in user
    kAuditReaders,   // administrators, MOFA staff and MOFA viewers
    kAdmin,          // administrators
};

// One row of the route table.
struct Route {
    std::string method;   // "GET", "POST" ...
    std::string pattern;  // "/api/v1/provinces/{code}": literal segments and {name} parameters
    Access access = Access::kPublic;
    std::string summary;  // one line, for docs and the route listing
    Handler handler;
};

// The result of matching a request.
struct Match {
    enum class Kind { kFound, kNotFound, kMethodNotAllowed };
    Kind kind = Kind::kNotFound;
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    std::string allow;  // for kMethodNotAllowed: "GET, POST"
};

// An explicit method + pattern table (no registration magic). Literal segments win over
// parameters. Thread-safe for concurrent Match() once built.
class Router {
 public:
    // Adds a route; throws std::logic_error on a duplicate method+pattern or a malformed pattern.
    void Add(Route route);
    Match Find(std::string_view method, std::string_view path) const;
    const std::vector<Route>& routes() const { return routes_; }

 private:
    // A route's pattern split once into segments; `param` marks {name} segments.
    struct Segment {
        std::string text;  // literal text, or the parameter's name
        bool param = false;
    };
    std::vector<Route> routes_;
    std::vector<std::vector<Segment>> segments_;  // parallel to routes_
    std::vector<int> literal_count_;              // specificity: more literals win
};

}  // namespace ngoaivu::http
