#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ngoaivu::http {

// An HTTP response built by handlers and middleware, written by the server adapter.
struct Response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    // Sets header `name` (replacing earlier values of it).
    void Set(std::string_view name, std::string value);
    // Adds a header line (for Set-Cookie, which may repeat).
    void Add(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
    }
    // Value of the first header `name`, or "".
    std::string_view Get(std::string_view name) const;
    bool Has(std::string_view name) const;

    static Response Text(int status, std::string body);
    static Response Html(int status, std::string body);
    static Response Json(int status, std::string body);
    // 303 See Other: after a POST, and for plain redirects.
    static Response Redirect(std::string location, int status = 303);
    // A file to save (Content-Disposition: attachment), private to the user: `filename` may be
    // any UTF-8; an ASCII fallback is sent with it (RFC 6266, RFC 5987).
    static Response Download(std::string body, std::string_view mime, std::string_view filename);
};

// The standard reason phrase of `status` ("Not Found"), or "Unknown".
std::string_view ReasonPhrase(int status);

}  // namespace ngoaivu::http
