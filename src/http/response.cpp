#include "http/response.hpp"

#include "http/request.hpp"

namespace ngoaivu::http {

namespace {

bool SameName(std::string_view a, std::string_view b) {
    LessIgnoreCase less;
    return !less(a, b) && !less(b, a);
}

}  // namespace

void Response::Set(std::string_view name, std::string value) {
    std::erase_if(headers, [&](const auto& h) { return SameName(h.first, name); });
    headers.emplace_back(std::string(name), std::move(value));
}

std::string_view Response::Get(std::string_view name) const {
    for (const auto& [k, v] : headers) {
        if (SameName(k, name))
            return v;
    }
    return {};
}

bool Response::Has(std::string_view name) const {
    for (const auto& h : headers) {
        if (SameName(h.first, name))
            return true;
    }
    return false;
}

Response Response::Text(int status, std::string body) {
    Response r{status, {{"Content-Type", "text/plain; charset=utf-8"}}, std::move(body)};
    return r;
}

Response Response::Html(int status, std::string body) {
    Response r{status, {{"Content-Type", "text/html; charset=utf-8"}}, std::move(body)};
    return r;
}

Response Response::Json(int status, std::string body) {
    Response r{status, {{"Content-Type", "application/json; charset=utf-8"}}, std::move(body)};
    return r;
}

Response Response::Redirect(std::string location, int status) {
    Response r{status, {{"Location", std::move(location)}}, {}};
    return r;
}

std::string_view ReasonPhrase(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 204:
            return "No Content";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 303:
            return "See Other";
        case 304:
            return "Not Modified";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 411:
            return "Length Required";
        case 413:
            return "Content Too Large";
        case 414:
            return "URI Too Long";
        case 415:
            return "Unsupported Media Type";
        case 422:
            return "Unprocessable Content";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 501:
            return "Not Implemented";
        case 503:
            return "Service Unavailable";
        default:
            return "Unknown";
    }
}

Response Response::Download(std::string body, std::string_view mime, std::string_view filename) {
    Response res;
    res.status = 200;
    res.body = std::move(body);
    res.Set("Content-Type", std::string(mime));
    std::string ascii;
    for (unsigned char c : filename) {
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '.' || c == '-' || c == '_';
        ascii += plain ? static_cast<char>(c) : '_';
    }
    res.Set("Content-Disposition",
            "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + PercentEncode(filename));
    res.Set("Cache-Control", "private, no-store");
    return res;
}

}  // namespace ngoaivu::http
