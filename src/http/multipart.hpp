#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "http/request.hpp"

namespace ngoaivu::http {

// One part of a multipart/form-data body (RFC 7578).
struct MultipartPart {
    std::string name;                     // the form field's name
    std::optional<std::string> filename;  // set for a file part (possibly ""), as sent
    std::string content_type;             // the part's Content-Type, "" when none was sent
    std::string data;                     // the content, byte for byte
};

// What a multipart body may hold. The whole body is already bounded by the server's body limit;
// these bound the rest, so that a form cannot be made of thousands of parts or huge fields.
struct MultipartLimits {
    std::size_t max_parts = 16;
    std::size_t max_part_header_bytes = 4096;  // one part's header section
    std::size_t max_field_bytes = 64 * 1024;   // one part without a filename
    std::size_t max_files = 1;                 // parts with a filename
};

// The boundary of a `multipart/form-data; boundary=...` Content-Type (quoted or not), or nullopt
// for another media type, a missing boundary, or one that RFC 2046 does not allow (1 to 70
// characters of its set, not ending with a space).
std::optional<std::string> MultipartBoundary(std::string_view content_type);

// Parses a multipart/form-data body strictly: it starts with the first delimiter (no preamble),
// every part has a `Content-Disposition: form-data` header with a `name`, lines end with CRLF,
// and the closing delimiter is present (anything after it is ignored). The parts are returned
// in order. Errors are kInvalidArgument naming "body", in both languages, saying what is wrong;
// a limit passed is kPayloadTooLarge naming "body". Thread-safe.
Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body, std::string_view boundary,
                                                  const MultipartLimits& limits = {});

// The parts of `req`'s body when its Content-Type is multipart/form-data; kInvalidArgument naming
// "body" when it is another type or the boundary is missing or malformed; otherwise as
// ParseMultipart.
Result<std::vector<MultipartPart>> ParseMultipartForm(const Request& req,
                                                      const MultipartLimits& limits = {});

// The first field `name` without a filename of a multipart/form-data request; "" when the
// request is not multipart, the body is malformed, or there is no such field. For the CSRF gate,
// which reads `_csrf` from a form whatever its encoding.
std::string MultipartField(const Request& req, std::string_view name);

}  // namespace ngoaivu::http
