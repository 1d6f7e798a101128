#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "html/renderer.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace ngoaivu::html {

// Builds HTML responses with the common page context: language, the language switch, the request
// id, and the active navigation entry. Thread-safe.
class Pages {
 public:
    explicit Pages(const Renderer& renderer) : renderer_(renderer) {}

    // A full page: `page` template inside the layout, `nav` naming the active navigation entry.
    http::Response Render(const http::Request& req, std::string_view page, std::string_view nav,
                          Data view, int status = 200) const;
    // A template alone, for htmx requests that swap a part of the page.
    http::Response Fragment(const http::Request& req, std::string_view name, Data view) const;

    // An expected error as a page in the user's language (JSON when the request wants JSON).
    http::Response Error(const http::Request& req, const ngoaivu::Error& error) const;
    // A bare status (404, 405, 413 ...) with the catalog's message for it.
    http::Response Status(const http::Request& req, int status) const;

    const Renderer& renderer() const { return renderer_; }

 private:
    http::Response ErrorPage(const http::Request& req, int status, const std::string& message_vi,
                             const std::string& message_en) const;
    const Renderer& renderer_;
};

// The JSON error code for a bare HTTP status ("method_not_allowed" for 405 ...).
std::string_view StatusCodeName(int status);

// The language of `req`: "en" or "vi".
std::string_view LangOf(const http::Request& req);

// Formats an integer for display in the request's language (1.234 / 1,234).
std::string Number(const http::Request& req, std::int64_t n);

}  // namespace ngoaivu::html
