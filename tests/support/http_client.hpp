#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace ngoaivu::testing {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// One HTTP response as the test client read it off the socket.
struct HttpResponse {
    int status = 0;  // 0 when no complete response arrived (see `error`)
    std::string version;
    std::string reason;
    HeaderList headers;  // in the order received, names as sent
    std::string body;    // de-chunked
    std::string error;   // why the response is missing or incomplete; "" when complete

    // First value of header `name` (case-insensitive), or nullopt.
    std::optional<std::string> Header(std::string_view name) const;
    // Every value of header `name` (Set-Cookie may repeat).
    std::vector<std::string> AllHeaders(std::string_view name) const;
    bool HasHeader(std::string_view name) const { return Header(name).has_value(); }
    // The body parsed as JSON; a discarded value when it is not JSON.
    nlohmann::json Json() const;
    // A one-line summary for failure messages: status, error, start of the body.
    std::string Describe() const;
};

// Lets gtest print a response as its summary instead of its bytes.
void PrintTo(const HttpResponse& res, std::ostream* os);

// A deliberately small HTTP/1.1 client over a blocking POSIX TCP socket, so that the tests see
// exactly the bytes the server sends and can send bytes no well-behaved client would. One
// connection at a time; keep-alive (requests reuse the connection until either side closes it);
// every read has a deadline. Not thread-safe.
class HttpClient {
 public:
    explicit HttpClient(std::uint16_t port,
                        std::chrono::milliseconds timeout = std::chrono::seconds(5));
    ~HttpClient();
    HttpClient(HttpClient&& other) noexcept;
    HttpClient& operator=(HttpClient&& other) noexcept;
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Connects when not connected; false (see last_error()) when the connection is refused.
    bool Connect();
    bool connected() const { return fd_ >= 0; }
    void Close();

    // Sends `bytes` as they are (connecting first if needed); false when the peer has closed or
    // reset the connection.
    bool SendRaw(std::string_view bytes);
    // Reads one response. `head_request`: the response to HEAD, which has no body whatever its
    // Content-Length says. After a response with "Connection: close" the socket is closed.
    HttpResponse ReadResponse(bool head_request = false);
    // True when bytes (or EOF) are ready to read within `within`; consumes nothing.
    bool WaitReadable(std::chrono::milliseconds within);
    // True when the server closes (EOF or reset) within `within` without sending anything.
    bool WaitForClose(std::chrono::milliseconds within);

    // A whole request; a Host header is added unless `headers` has one, Content-Length when
    // there is a body or the method is POST/PUT/PATCH.
    HttpResponse Request(std::string_view method, std::string_view target,
                         const HeaderList& headers = {}, std::string_view body = {});
    HttpResponse Get(std::string_view target, const HeaderList& headers = {});
    HttpResponse Head(std::string_view target, const HeaderList& headers = {});
    HttpResponse Post(std::string_view target, std::string_view body, std::string_view content_type,
                      const HeaderList& headers = {});

    const std::string& last_error() const { return last_error_; }
    std::chrono::milliseconds timeout() const { return timeout_; }
    void set_timeout(std::chrono::milliseconds timeout) { timeout_ = timeout; }
    // Shrinks the socket's receive buffer (SO_RCVBUF, set at the next Connect()), so that a
    // client that does not read makes the server's writes wait: a slow reader.
    void set_receive_buffer(int bytes) { receive_buffer_ = bytes; }

 private:
    using TimePoint = std::chrono::steady_clock::time_point;
    // Receives more bytes into buffer_; 1 on data, 0 on EOF, -1 on error or deadline.
    int Fill(TimePoint deadline);
    // Reads until buffer_ holds `n` bytes (false on EOF, error or deadline).
    bool FillTo(std::size_t n, TimePoint deadline);
    // Reads until buffer_ contains `delim` at or after `from`; its position, or npos.
    std::size_t FillUntil(std::string_view delim, std::size_t from, TimePoint deadline);
    bool ReadChunked(HttpResponse& res, TimePoint deadline);

    std::uint16_t port_;
    std::chrono::milliseconds timeout_;
    int fd_ = -1;
    int receive_buffer_ = 0;  // 0: the system's default
    bool eof_ = false;
    std::string buffer_;  // received and not yet consumed
    std::string last_error_;
};

// Opens a new connection, sends `bytes`, reads one response and closes: for requests that a
// normal client cannot produce.
HttpResponse SendRaw(std::uint16_t port, std::string_view bytes,
                     std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace ngoaivu::testing
