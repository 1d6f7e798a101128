#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace ngoaivu::http {

// Limits and timeouts of the HTTP server. Each violation gets its own status (see server.cpp).
struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;  // 0 picks a free port (tests)
    int threads = 0;            // event loops; 0 = one per core
    // Threads that run the handler, so that a handler blocked on the database (a PostgreSQL
    // round trip, a SQLite writer waiting for the lock) does not hold up the other connections
    // of its event loop. 0 runs handlers on the event loops themselves.
    int handler_threads = 0;
    std::size_t max_header_bytes = 16 * 1024;  // request line + headers → 431
    std::size_t max_target_bytes = 4 * 1024;   // request target → 414
    std::size_t max_body_bytes = 1024 * 1024;  // body → 413
    // Uploads (files in the body): a POST or PUT whose raw target starts with one of
    // `upload_prefixes` may carry up to max_upload_bytes instead.
    std::size_t max_upload_bytes = 25 * 1024 * 1024;
    std::vector<std::string> upload_prefixes;
    std::size_t BodyLimitFor(std::string_view method, std::string_view target) const {
        if (method == "POST" || method == "PUT") {
            for (const auto& p : upload_prefixes) {
                if (target.starts_with(p))
                    return std::max(max_upload_bytes, max_body_bytes);
            }
        }
        return max_body_bytes;
    }
    std::chrono::milliseconds request_timeout{30'000};  // first byte to whole request → 408
    std::chrono::milliseconds idle_timeout{60'000};     // between requests on keep-alive
    int max_connections = 1024;                         // above it → 503 and close
    std::chrono::milliseconds shutdown_grace{10'000};   // in-flight requests get this long
};

// Why the server answered without calling the handler.
enum class ProtocolError {
    kBadRequest,          // 400: malformed request line, header or encoding
    kHeaderTooLarge,      // 431
    kTargetTooLong,       // 414
    kBodyTooLarge,        // 413
    kRequestTimeout,      // 408
    kTooManyConnections,  // 503
    kShuttingDown,        // 503
};

int StatusOf(ProtocolError e);

// Called for each parsed request, concurrently: on an event-loop thread, or on a handler thread
// when ServerOptions::handler_threads > 0.
using RequestHandler = std::function<Response(Request&)>;
// Called to build the answer to a protocol error; `req` holds what could be read (maybe nothing).
using ProtocolErrorHandler = std::function<Response(Request&, ProtocolError)>;

// The HTTP/1.1 server adapter (Boost.Beast): keep-alive, limits, timeouts, graceful shutdown.
// Nothing outside http/ includes Beast.
class Server {
 public:
    Server(ServerOptions options, RequestHandler handler, ProtocolErrorHandler on_error);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and starts the event-loop threads; returns the bound port. Throws std::runtime_error
    // when the address cannot be bound.
    std::uint16_t Start();
    // Stops accepting, lets in-flight requests finish (up to shutdown_grace), closes idle
    // connections. Thread-safe, async-signal-unsafe; idempotent.
    void Stop();
    // Blocks until the server has stopped (after Stop(), or SIGINT/SIGTERM when
    // `handle_signals` was set before Start()).
    void Wait();
    // Makes Start() also install SIGINT/SIGTERM handling that calls Stop().
    void HandleSignals() { handle_signals_ = true; }

    // Connections currently open (for /metrics).
    int open_connections() const;

 private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    bool handle_signals_ = false;
};

}  // namespace ngoaivu::http
