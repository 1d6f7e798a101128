#include "http/multipart.hpp"

#include <cctype>
#include <utility>

namespace ngoaivu::http {

namespace {

constexpr std::string_view kCrlf = "\r\n";

Error Malformed(const std::string& vi, const std::string& en) {
    return Error::InvalidArgument("body", "Biểu mẫu gửi lên không hợp lệ: " + vi,
                                  "The form sent is not valid: " + en);
}

Error TooLarge(const std::string& vi, const std::string& en) {
    Error e = Error::InvalidArgument("body", vi, en);
    e.code = ErrorCode::kPayloadTooLarge;
    return e;
}

char Lower(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (Lower(a[i]) != Lower(b[i]))
            return false;
    }
    return true;
}

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// RFC 2046 bchars.
bool IsBoundaryChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

// A header's parameters: `; key=value` or `; key="quoted value"`, keys lower-cased. False when
// malformed. Quoted values are taken as browsers send them (HTML: `"` as %22, no backslash
// escapes), so a backslash is an ordinary character.
bool ParseParams(std::string_view s, std::vector<std::pair<std::string, std::string>>* out) {
    while (true) {
        s = Trim(s);
        if (s.empty())
            return true;
        if (s.front() != ';')
            return false;
        s.remove_prefix(1);
        s = Trim(s);
        std::size_t eq = s.find('=');
        if (eq == std::string_view::npos || eq == 0)
            return false;
        std::string key;
        for (char c : Trim(s.substr(0, eq)))
            key += Lower(c);
        s.remove_prefix(eq + 1);
        s = Trim(s);
        std::string value;
        if (!s.empty() && s.front() == '"') {
            std::size_t end = s.find('"', 1);
            if (end == std::string_view::npos)
                return false;
            value = std::string(s.substr(1, end - 1));
            s.remove_prefix(end + 1);
        } else {
            std::size_t end = s.find(';');
            value = std::string(Trim(s.substr(0, end)));
            if (value.empty())
                return false;
            s = end == std::string_view::npos ? std::string_view() : s.substr(end);
        }
        out->emplace_back(std::move(key), std::move(value));
    }
}

// Reads one part's header section (without its final empty line) into `part`.
Result<void> ParseHeaders(std::string_view headers, MultipartPart* part) {
    bool disposition = false;
    while (!headers.empty()) {
        std::size_t eol = headers.find(kCrlf);
        std::string_view line = headers.substr(0, eol);
        headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
        for (char c : line) {
            if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) {
                return Malformed("tiêu đề của một phần có ký tự điều khiển.",
                                 "a part's header holds a control character.");
            }
        }
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) {
            return Malformed("một dòng tiêu đề không có dạng \"Tên: giá trị\".",
                             "a header line is not of the form \"Name: value\".");
        }
        std::string_view name = line.substr(0, colon);
        std::string_view value = Trim(line.substr(colon + 1));
        if (EqualsIgnoreCase(name, "content-disposition")) {
            if (disposition) {
                return Malformed("một phần có hai tiêu đề Content-Disposition.",
                                 "a part has two Content-Disposition headers.");
            }
            disposition = true;
            std::size_t semi = value.find(';');
            if (!EqualsIgnoreCase(Trim(value.substr(0, semi)), "form-data")) {
                return Malformed("một phần không phải là \"form-data\".",
                                 "a part is not \"form-data\".");
            }
            std::vector<std::pair<std::string, std::string>> params;
            if (semi == std::string_view::npos || !ParseParams(value.substr(semi), &params)) {
                return Malformed("tiêu đề Content-Disposition của một phần sai cú pháp.",
                                 "a part's Content-Disposition header is malformed.");
            }
            bool named = false;
            for (auto& [key, v] : params) {
                if (key == "name") {
                    part->name = std::move(v);
                    named = true;
                } else if (key == "filename") {
                    part->filename = std::move(v);
                }
            }
            if (!named || part->name.empty()) {
                return Malformed("một phần không có tên trường (name).",
                                 "a part has no field name (name).");
            }
        } else if (EqualsIgnoreCase(name, "content-type")) {
            part->content_type = std::string(value);
        }
    }
    if (!disposition) {
        return Malformed("một phần không có tiêu đề Content-Disposition.",
                         "a part has no Content-Disposition header.");
    }
    return Ok();
}

}  // namespace

std::optional<std::string> MultipartBoundary(std::string_view content_type) {
    std::size_t semi = content_type.find(';');
    if (!EqualsIgnoreCase(Trim(content_type.substr(0, semi)), "multipart/form-data") ||
        semi == std::string_view::npos) {
        return std::nullopt;
    }
    std::vector<std::pair<std::string, std::string>> params;
    if (!ParseParams(content_type.substr(semi), &params))
        return std::nullopt;
    for (const auto& [key, value] : params) {
        if (key != "boundary")
            continue;
        if (value.empty() || value.size() > 70 || value.back() == ' ')
            return std::nullopt;
        for (char c : value) {
            if (!IsBoundaryChar(c))
                return std::nullopt;
        }
        return value;
    }
    return std::nullopt;
}

Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body, std::string_view boundary,
                                                  const MultipartLimits& limits) {
    const std::string dash = "--" + std::string(boundary);
    const std::string delimiter = "\r\n" + dash;
    if (!body.starts_with(dash)) {
        return Malformed("nội dung không bắt đầu bằng dấu phân cách (boundary).",
                         "the body does not start with the boundary.");
    }
    std::vector<MultipartPart> parts;
    std::size_t files = 0;
    std::size_t pos = dash.size();
    while (true) {
        // After a delimiter: "--" closes the body; otherwise CRLF and a part follow.
        std::string_view rest = body.substr(pos);
        if (rest.starts_with("--"))
            break;
        // Transport padding (spaces and tabs) may follow a delimiter (RFC 2046).
        std::size_t pad = 0;
        while (pad < rest.size() && (rest[pad] == ' ' || rest[pad] == '\t'))
            ++pad;
        if (rest.substr(pad, 2) != kCrlf) {
            return Malformed(rest.empty() ? "nội dung bị cắt: thiếu dấu phân cách kết thúc."
                                          : "sau dấu phân cách không phải là xuống dòng (CRLF).",
                             rest.empty()
                                 ? "the body is cut short: the closing boundary is missing."
                                 : "a boundary is not followed by a line break (CRLF).");
        }
        pos += pad + 2;
        if (parts.size() == limits.max_parts) {
            return TooLarge(
                "Biểu mẫu có quá " + std::to_string(limits.max_parts) + " phần.",
                "The form has more than " + std::to_string(limits.max_parts) + " parts.");
        }
        std::size_t headers_end = body.find("\r\n\r\n", pos);
        std::size_t header_bytes =
            headers_end == std::string_view::npos ? body.size() - pos : headers_end - pos;
        if (header_bytes > limits.max_part_header_bytes) {
            return TooLarge("Tiêu đề của một phần trong biểu mẫu quá dài.",
                            "A part's headers in the form are too long.");
        }
        if (headers_end == std::string_view::npos) {
            return Malformed("nội dung bị cắt: tiêu đề của một phần không kết thúc.",
                             "the body is cut short: a part's headers do not end.");
        }
        MultipartPart part;
        if (auto h = ParseHeaders(body.substr(pos, headers_end - pos), &part); !h)
            return h.error();
        std::size_t data_begin = headers_end + 4;
        // A part with no header lines: its empty header section is just the CRLF already read.
        std::size_t data_end = body.find(delimiter, data_begin);
        if (data_end == std::string_view::npos) {
            return Malformed("nội dung bị cắt: thiếu dấu phân cách kết thúc.",
                             "the body is cut short: the closing boundary is missing.");
        }
        if (part.filename) {
            if (++files > limits.max_files) {
                return Malformed(
                    "biểu mẫu chỉ nhận " + std::to_string(limits.max_files) + " tệp mỗi lần.",
                    "the form takes " + std::to_string(limits.max_files) + " file at a time.");
            }
        } else if (data_end - data_begin > limits.max_field_bytes) {
            return TooLarge("Trường \"" + part.name + "\" của biểu mẫu quá dài.",
                            "The form's field \"" + part.name + "\" is too long.");
        }
        part.data = std::string(body.substr(data_begin, data_end - data_begin));
        parts.push_back(std::move(part));
        pos = data_end + delimiter.size();
    }
    return parts;
}

Result<std::vector<MultipartPart>> ParseMultipartForm(const Request& req,
                                                      const MultipartLimits& limits) {
    auto boundary = MultipartBoundary(req.Header("content-type").value_or(""));
    if (!boundary) {
        return Error::InvalidArgument(
            "body", "Biểu mẫu phải được gửi dạng multipart/form-data, có tham số boundary hợp lệ.",
            "The form must be sent as multipart/form-data with a valid boundary parameter.");
    }
    return ParseMultipart(req.body, *boundary, limits);
}

std::string MultipartField(const Request& req, std::string_view name) {
    auto parts = ParseMultipartForm(req);
    if (!parts)
        return {};
    for (auto& part : *parts) {
        if (part.name == name && !part.filename)
            return std::move(part.data);
    }
    return {};
}

}  // namespace ngoaivu::http
