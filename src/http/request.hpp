#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/actor.hpp"
#include "base/error.hpp"

namespace ngoaivu::http {

// Case-insensitive ASCII comparison for header names.
struct LessIgnoreCase {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const;
};

using Headers = std::multimap<std::string, std::string, LessIgnoreCase>;

// An HTTP request as handlers see it. Built by the server adapter; the path is percent-decoded
// and valid UTF-8 (the server answers 400 otherwise). Not thread-safe; owned by one request.
struct Request {
    std::string method;  // "GET", "POST" ... (HEAD is routed as GET; see `head`)
    bool head = false;
    std::string target;  // raw request target, e.g. "/api/v1/countries?q=han%20quoc"
    std::string path;    // decoded path, e.g. "/api/v1/countries"
    std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
    Headers headers;
    std::string body;
    std::string client_address;  // peer IP, without port
    std::string request_id;      // set by the first middleware

    // Filled by the router.
    std::string route;  // the matched pattern, e.g. "/api/v1/provinces/{code}"; "" when none
    std::map<std::string, std::string> params;  // path parameters

    // Filled by middleware for handlers.
    std::string lang = "vi";            // "vi" or "en"
    std::optional<Actor> actor;         // the signed-in user (session cookie or API token)
    std::string session_hash;           // "" unless signed in by a session cookie
    std::string csrf_token;             // the session's CSRF token, for forms and htmx
    std::string display_name;           // of the signed-in user, for the layout
    bool must_change_password = false;  // the user must change the password before anything
    std::optional<Error> auth_error;    // a Bearer token that failed: answered on non-public routes

    // First value of header `name`, if present.
    std::optional<std::string_view> Header(std::string_view name) const;
    // First value of query parameter `name`, if present.
    std::optional<std::string_view> Query(std::string_view name) const;
    // Value of cookie `name`, if present.
    std::optional<std::string> Cookie(std::string_view name) const;
    // Path parameter `name` (the router guarantees presence for the matched route).
    const std::string& Param(const std::string& name) const { return params.at(name); }
    // First value of form field `name` in an application/x-www-form-urlencoded body ("" when
    // absent or when the body is not a form).
    std::string Form(std::string_view name) const;
    // Every value of form field `name`, in order (multiple selects, checkboxes).
    std::vector<std::string> FormValues(std::string_view name) const;
    // True when the client prefers JSON: an /api/ path, or an Accept header naming JSON first.
    bool WantsJson() const;
};

// Percent-decodes `s` ('+' as space when `plus_is_space`); nullopt on a malformed escape.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space);

// `s` without the spaces and tabs around it (HTTP's optional whitespace, OWS).
std::string_view TrimOws(std::string_view s);
// Percent-encodes everything but unreserved characters (RFC 3986).
std::string PercentEncode(std::string_view s);
// Parses "a=1&b=x%20y" into decoded pairs; nullopt when any escape is malformed.
std::optional<std::vector<std::pair<std::string, std::string>>> ParseQuery(std::string_view s);

}  // namespace ngoaivu::http
