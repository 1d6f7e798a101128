#include "support/http_client.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace ngoaivu::testing {

namespace {

char Lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool SameName(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return Lower(x) == Lower(y); });
}

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

bool ContainsToken(std::string_view list, std::string_view token) {
    while (!list.empty()) {
        std::size_t comma = list.find(',');
        if (SameName(Trim(list.substr(0, comma)), token))
            return true;
        if (comma == std::string_view::npos)
            break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

std::string Errno(std::string_view what) {
    return std::string(what) + ": " + std::strerror(errno);
}

}  // namespace

std::optional<std::string> HttpResponse::Header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
        if (SameName(k, name))
            return v;
    }
    return std::nullopt;
}

std::vector<std::string> HttpResponse::AllHeaders(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : headers) {
        if (SameName(k, name))
            out.push_back(v);
    }
    return out;
}

nlohmann::json HttpResponse::Json() const {
    return nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
}

std::string HttpResponse::Describe() const {
    std::string out = "HTTP " + std::to_string(status);
    if (!error.empty())
        out += " (error: " + error + ")";
    if (auto type = Header("content-type"))
        out += " [" + *type + "]";
    out += " body: " + body.substr(0, 400);
    if (body.size() > 400)
        out += "... (" + std::to_string(body.size()) + " bytes)";
    return out;
}

void PrintTo(const HttpResponse& res, std::ostream* os) {
    *os << res.Describe();
}

HttpClient::HttpClient(std::uint16_t port, std::chrono::milliseconds timeout)
    : port_(port), timeout_(timeout) {}

HttpClient::~HttpClient() {
    Close();
}

HttpClient::HttpClient(HttpClient&& other) noexcept
    : port_(other.port_),
      timeout_(other.timeout_),
      fd_(std::exchange(other.fd_, -1)),
      receive_buffer_(other.receive_buffer_),
      eof_(other.eof_),
      buffer_(std::move(other.buffer_)),
      last_error_(std::move(other.last_error_)) {}

HttpClient& HttpClient::operator=(HttpClient&& other) noexcept {
    if (this != &other) {
        Close();
        port_ = other.port_;
        timeout_ = other.timeout_;
        fd_ = std::exchange(other.fd_, -1);
        receive_buffer_ = other.receive_buffer_;
        eof_ = other.eof_;
        buffer_ = std::move(other.buffer_);
        last_error_ = std::move(other.last_error_);
    }
    return *this;
}

bool HttpClient::Connect() {
    if (fd_ >= 0)
        return true;
    buffer_.clear();
    eof_ = false;
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) {
        last_error_ = Errno("socket");
        return false;
    }
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (receive_buffer_ > 0) {
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer_, sizeof receive_buffer_);
    }
    // A server that stops reading must not block a test forever in send().
    timeval send_timeout{};
    send_timeout.tv_sec = static_cast<time_t>(timeout_.count() / 1000);
    send_timeout.tv_usec = static_cast<suseconds_t>((timeout_.count() % 1000) * 1000);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port_);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        last_error_ = Errno("connect");
        Close();
        return false;
    }
    return true;
}

void HttpClient::Close() {
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

bool HttpClient::SendRaw(std::string_view bytes) {
    if (!Connect())
        return false;
    while (!bytes.empty()) {
        ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            last_error_ = Errno("send");
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

int HttpClient::Fill(TimePoint deadline) {
    if (fd_ < 0) {
        last_error_ = "not connected";
        return -1;
    }
    if (eof_)
        return 0;
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            last_error_ = "timed out after " + std::to_string(timeout_.count()) + " ms";
            return -1;
        }
        pollfd p{fd_, POLLIN, 0};
        int r = ::poll(&p, 1, static_cast<int>(left.count()));
        if (r < 0) {
            if (errno == EINTR)
                continue;
            last_error_ = Errno("poll");
            return -1;
        }
        if (r == 0)
            continue;  // the deadline check above reports it
        char buf[16384];
        ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            last_error_ = Errno("recv");
            return -1;
        }
        if (n == 0) {
            eof_ = true;
            return 0;
        }
        buffer_.append(buf, static_cast<std::size_t>(n));
        return 1;
    }
}

bool HttpClient::FillTo(std::size_t n, TimePoint deadline) {
    while (buffer_.size() < n) {
        int r = Fill(deadline);
        if (r <= 0) {
            if (r == 0)
                last_error_ = "connection closed before the whole body arrived";
            return false;
        }
    }
    return true;
}

std::size_t HttpClient::FillUntil(std::string_view delim, std::size_t from, TimePoint deadline) {
    for (;;) {
        std::size_t at = buffer_.find(delim, from);
        if (at != std::string::npos)
            return at;
        int r = Fill(deadline);
        if (r <= 0) {
            if (r == 0)
                last_error_ = "connection closed";
            return std::string::npos;
        }
    }
}

bool HttpClient::ReadChunked(HttpResponse& res, TimePoint deadline) {
    for (;;) {
        std::size_t eol = FillUntil("\r\n", 0, deadline);
        if (eol == std::string::npos)
            return false;
        std::string_view line(buffer_.data(), eol);
        line = line.substr(0, line.find(';'));
        std::size_t size = 0;
        auto [p, ec] = std::from_chars(line.data(), line.data() + line.size(), size, 16);
        if (ec != std::errc() || p == line.data()) {
            last_error_ = "malformed chunk size";
            return false;
        }
        buffer_.erase(0, eol + 2);
        if (size == 0) {
            // Trailers (ignored) end with an empty line.
            std::size_t end = FillUntil("\r\n", 0, deadline);
            while (end != std::string::npos && end != 0) {
                buffer_.erase(0, end + 2);
                end = FillUntil("\r\n", 0, deadline);
            }
            if (end == std::string::npos)
                return false;
            buffer_.erase(0, 2);
            return true;
        }
        if (!FillTo(size + 2, deadline))
            return false;
        res.body.append(buffer_, 0, size);
        buffer_.erase(0, size + 2);
    }
}

HttpResponse HttpClient::ReadResponse(bool head_request) {
    HttpResponse res;
    auto deadline = std::chrono::steady_clock::now() + timeout_;
    std::size_t end = FillUntil("\r\n\r\n", 0, deadline);
    if (end == std::string::npos) {
        res.error = last_error_.empty() ? "no response" : last_error_;
        if (!buffer_.empty())
            res.error += " (partial: " + buffer_.substr(0, 200) + ")";
        Close();
        return res;
    }
    std::string head = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);

    std::string_view rest = head;
    std::size_t eol = rest.find("\r\n");
    std::string_view status_line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 2);
    std::size_t sp1 = status_line.find(' ');
    if (sp1 == std::string_view::npos || !status_line.starts_with("HTTP/")) {
        res.error = "malformed status line: " + std::string(status_line);
        Close();
        return res;
    }
    res.version = std::string(status_line.substr(0, sp1));
    std::string_view code = status_line.substr(sp1 + 1, 3);
    int status = 0;
    auto [p, ec] = std::from_chars(code.data(), code.data() + code.size(), status);
    if (ec != std::errc() || p != code.data() + code.size()) {
        res.error = "malformed status code: " + std::string(status_line);
        Close();
        return res;
    }
    if (status_line.size() > sp1 + 5)
        res.reason = std::string(status_line.substr(sp1 + 5));
    while (!rest.empty()) {
        eol = rest.find("\r\n");
        std::string_view line = rest.substr(0, eol);
        rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 2);
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) {
            res.error = "malformed header line: " + std::string(line);
            Close();
            return res;
        }
        res.headers.emplace_back(std::string(line.substr(0, colon)),
                                 std::string(Trim(line.substr(colon + 1))));
    }

    bool no_body = head_request || status / 100 == 1 || status == 204 || status == 304;
    auto length = res.Header("content-length");
    auto encoding = res.Header("transfer-encoding");
    bool complete = true;
    if (no_body) {
        // Nothing to read.
    } else if (encoding && ContainsToken(*encoding, "chunked")) {
        complete = ReadChunked(res, deadline);
    } else if (length) {
        std::size_t n = 0;
        auto [lp, lec] = std::from_chars(length->data(), length->data() + length->size(), n);
        if (lec != std::errc() || lp != length->data() + length->size()) {
            res.error = "malformed Content-Length: " + *length;
            Close();
            return res;
        }
        complete = FillTo(n, deadline);
        res.body = buffer_.substr(0, std::min(n, buffer_.size()));
        buffer_.erase(0, res.body.size());
    } else {
        int r;
        while ((r = Fill(deadline)) > 0) {
        }
        complete = r == 0;
        res.body = std::move(buffer_);
        buffer_.clear();
    }
    if (!complete) {
        res.error = last_error_;
        res.status = status;
        Close();
        return res;
    }
    res.status = status;
    auto connection = res.Header("connection");
    bool close = res.version == "HTTP/1.0"
                     ? !(connection && ContainsToken(*connection, "keep-alive"))
                     : (connection && ContainsToken(*connection, "close"));
    if (close)
        Close();
    return res;
}

bool HttpClient::WaitReadable(std::chrono::milliseconds within) {
    if (!buffer_.empty() || eof_)
        return true;
    if (fd_ < 0)
        return false;
    pollfd p{fd_, POLLIN, 0};
    int r;
    do {
        r = ::poll(&p, 1, static_cast<int>(within.count()));
    } while (r < 0 && errno == EINTR);
    return r > 0;
}

bool HttpClient::WaitForClose(std::chrono::milliseconds within) {
    auto deadline = std::chrono::steady_clock::now() + within;
    std::size_t before = buffer_.size();
    for (;;) {
        int r = Fill(deadline);
        if (r == 0 || (r < 0 && last_error_.starts_with("recv"))) {
            bool silent = buffer_.size() == before;
            Close();
            return silent;
        }
        if (r < 0)
            return false;  // deadline: still open
    }
}

HttpResponse HttpClient::Request(std::string_view method, std::string_view target,
                                 const HeaderList& headers, std::string_view body) {
    std::string req;
    req.append(method).append(" ").append(target).append(" HTTP/1.1\r\n");
    bool has_host = false;
    bool has_length = false;
    for (const auto& [k, v] : headers) {
        has_host = has_host || SameName(k, "host");
        has_length =
            has_length || SameName(k, "content-length") || SameName(k, "transfer-encoding");
        req.append(k).append(": ").append(v).append("\r\n");
    }
    if (!has_host)
        req.append("Host: 127.0.0.1:").append(std::to_string(port_)).append("\r\n");
    if (!has_length &&
        (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")) {
        req.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
    }
    req.append("\r\n").append(body);
    if (!SendRaw(req)) {
        HttpResponse res;
        res.error = last_error_;
        Close();
        return res;
    }
    return ReadResponse(method == "HEAD");
}

HttpResponse HttpClient::Get(std::string_view target, const HeaderList& headers) {
    return Request("GET", target, headers);
}

HttpResponse HttpClient::Head(std::string_view target, const HeaderList& headers) {
    return Request("HEAD", target, headers);
}

HttpResponse HttpClient::Post(std::string_view target, std::string_view body,
                              std::string_view content_type, const HeaderList& headers) {
    HeaderList all = headers;
    all.emplace_back("Content-Type", std::string(content_type));
    return Request("POST", target, all, body);
}

HttpResponse SendRaw(std::uint16_t port, std::string_view bytes,
                     std::chrono::milliseconds timeout) {
    HttpClient client(port, timeout);
    if (!client.SendRaw(bytes)) {
        // The server may have answered and closed before taking all of it: read what came.
        HttpResponse res = client.ReadResponse();
        if (res.status == 0)
            res.error = client.last_error() + "; " + res.error;
        return res;
    }
    return client.ReadResponse();
}

}  // namespace ngoaivu::testing
