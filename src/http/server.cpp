#include "http/server.hpp"

#include <atomic>
#include <condition_variable>
#include <list>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "base/text.hpp"

namespace ngoaivu::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

constexpr auto kTuple = net::as_tuple(net::use_awaitable);

// What an error from reading a request means for the client.
std::optional<ProtocolError> Classify(const beast::error_code& ec) {
    if (ec == bhttp::error::header_limit)
        return ProtocolError::kHeaderTooLarge;
    if (ec == bhttp::error::body_limit)
        return ProtocolError::kBodyTooLarge;
    if (ec == beast::error::timeout)
        return ProtocolError::kRequestTimeout;
    if (ec == net::error::operation_aborted)
        return std::nullopt;  // shutdown
    if (ec == bhttp::error::end_of_stream || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == net::error::broken_pipe) {
        return std::nullopt;  // the client went away: nothing to answer
    }
    if (ec.category() == beast::error_code(bhttp::error::end_of_stream).category()) {
        return ProtocolError::kBadRequest;
    }
    return std::nullopt;
}

// Splits and decodes the origin-form target into req.path and req.query; false when malformed.
bool ParseTarget(Request& req) {
    std::string_view target = req.target;
    if (!target.starts_with('/'))
        return false;
    std::size_t q = target.find('?');
    auto path = PercentDecode(target.substr(0, q), false);
    if (!path || !text::IsValidUtf8(*path) || path->find('\0') != std::string::npos)
        return false;
    req.path = std::move(*path);
    if (q != std::string_view::npos) {
        auto query = ParseQuery(target.substr(q + 1));
        if (!query)
            return false;
        for (const auto& [k, v] : *query) {
            if (!text::IsValidUtf8(k) || !text::IsValidUtf8(v))
                return false;
        }
        req.query = std::move(*query);
    }
    return true;
}

}  // namespace

int StatusOf(ProtocolError e) {
    switch (e) {
        case ProtocolError::kBadRequest:
            return 400;
        case ProtocolError::kHeaderTooLarge:
            return 431;
        case ProtocolError::kTargetTooLong:
            return 414;
        case ProtocolError::kBodyTooLarge:
            return 413;
        case ProtocolError::kRequestTimeout:
            return 408;
        case ProtocolError::kTooManyConnections:
        case ProtocolError::kShuttingDown:
            return 503;
    }
    return 500;
}

struct Server::Impl {
    // One event loop with the sessions it owns (touched only from its own thread).
    struct Loop {
        net::io_context ioc{1};
        std::optional<net::executor_work_guard<net::io_context::executor_type>> guard;
        std::list<beast::tcp_stream*> idle_sessions;
    };

    ServerOptions options;
    RequestHandler handler;
    ProtocolErrorHandler on_error;
    std::vector<std::unique_ptr<Loop>> loops;
    std::optional<tcp::acceptor> acceptor;
    std::optional<net::signal_set> signals;
    std::vector<std::thread> threads;
    std::optional<net::thread_pool> workers;  // ServerOptions::handler_threads
    std::atomic<int> open{0};
    std::atomic<bool> stopping{false};
    std::mutex mu;
    std::condition_variable drained;
    std::thread reaper;
    std::size_t next_loop = 0;

    // Runs the handler on the current executor (co_spawn puts it on the workers).
    net::awaitable<Response> RunHandler(Request& req) { co_return handler(req); }

    net::awaitable<void> Accept() {
        for (;;) {
            Loop& target = *loops[next_loop++ % loops.size()];
            auto [ec, socket] = co_await acceptor->async_accept(target.ioc, kTuple);
            if (stopping)
                co_return;
            if (ec) {
                // Out of descriptors or a transient failure: pause instead of spinning.
                net::steady_timer pause(acceptor->get_executor(), std::chrono::milliseconds(50));
                co_await pause.async_wait(kTuple);
                continue;
            }
            beast::error_code ignored;
            socket.set_option(tcp::no_delay(true), ignored);
            net::co_spawn(target.ioc, Session(std::move(socket), target), net::detached);
        }
    }

    Response Answer(Request& req, ProtocolError e) {
        try {
            return on_error(req, e);
        } catch (...) {
            return Response::Text(StatusOf(e), std::string(ReasonPhrase(StatusOf(e))));
        }
    }

    net::awaitable<void> Session(tcp::socket socket, Loop& loop) {
        int count = ++open;
        beast::tcp_stream stream(std::move(socket));
        std::string client;
        {
            beast::error_code ec;
            auto ep = stream.socket().remote_endpoint(ec);
            if (!ec)
                client = ep.address().to_string();
        }
        beast::flat_buffer buffer;
        // The request deadline cancels pending reads instead of closing the socket (as the
        // stream's own timeout would), so that a 408 can still be written.
        bool reading = false;
        bool timed_out = false;
        net::steady_timer deadline(stream.get_executor());
        std::optional<ProtocolError> refuse;
        if (count > options.max_connections)
            refuse = ProtocolError::kTooManyConnections;
        if (stopping)
            refuse = ProtocolError::kShuttingDown;

        while (true) {
            Request req;
            req.client_address = client;
            std::optional<ProtocolError> error = refuse;
            bool keep_alive = false;
            Response res;
            if (!error) {
                if (buffer.size() == 0) {  // idle: wait for the next request's first bytes
                    stream.expires_after(options.idle_timeout);
                    if (stopping)
                        break;  // Stop()'s cancel pass may have run already
                    auto it = loop.idle_sessions.insert(loop.idle_sessions.end(), &stream);
                    auto [ec, n] = co_await stream.async_read_some(buffer.prepare(8192), kTuple);
                    loop.idle_sessions.erase(it);
                    if (ec || stopping)
                        break;
                    buffer.commit(n);
                }
                bhttp::request_parser<bhttp::string_body> parser;
                parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
                // The body limit is checked against Content-Length once the headers are in, so
                // that the 413 is answered (and logged) with the request's method and path.
                parser.body_limit(boost::none);
                stream.expires_never();
                reading = true;
                timed_out = false;
                deadline.expires_after(options.request_timeout);
                deadline.async_wait([&](const beast::error_code& e) {
                    if (e || !reading)
                        return;
                    timed_out = true;
                    beast::error_code ignored;
                    stream.socket().cancel(ignored);
                });
                auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
                if (!ec && n > options.max_header_bytes) {
                    // Beast applies header_limit per read; the whole header section counts here.
                    error = ProtocolError::kHeaderTooLarge;
                } else if (ec) {
                    error = timed_out ? ProtocolError::kRequestTimeout : Classify(ec);
                    if (!error)
                        break;
                } else {
                    const auto& h = parser.get();
                    req.method = std::string(h.method_string());
                    req.target = std::string(h.target());
                    for (const auto& field : h) {
                        req.headers.emplace(std::string(field.name_string()),
                                            std::string(field.value()));
                    }
                    if (req.method == "HEAD") {
                        req.method = "GET";
                        req.head = true;
                    }
                    auto length = parser.content_length();
                    const std::size_t body_limit = options.BodyLimitFor(req.method, req.target);
                    if (req.target.size() > options.max_target_bytes) {
                        error = ProtocolError::kTargetTooLong;
                    } else if (length && *length > body_limit) {
                        error = ProtocolError::kBodyTooLarge;
                    } else {
                        parser.body_limit(body_limit);
                        auto [ec2, n2] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
                        if (ec2) {
                            error = timed_out ? ProtocolError::kRequestTimeout : Classify(ec2);
                            if (!error)
                                break;
                        } else if (!ParseTarget(req)) {
                            error = ProtocolError::kBadRequest;
                        } else {
                            req.body = std::move(parser.get().body());
                            keep_alive = parser.get().keep_alive();
                        }
                    }
                }
            }
            reading = false;
            deadline.cancel();
            if (error) {
                res = Answer(req, *error);
                keep_alive = false;
            } else {
                try {
                    if (workers) {
                        res = co_await net::co_spawn(workers->get_executor(), RunHandler(req),
                                                     net::use_awaitable);
                    } else {
                        res = handler(req);
                    }
                } catch (...) {
                    res = Response::Text(500, "Internal Server Error");
                }
            }
            if (stopping)
                keep_alive = false;

            bhttp::response<bhttp::string_body> out;
            out.version(11);
            out.result(static_cast<unsigned>(res.status));
            for (auto& [name, value] : res.headers)
                out.insert(name, value);
            std::size_t body_size = res.body.size();
            if (!req.head)
                out.body() = std::move(res.body);
            out.keep_alive(keep_alive);
            out.content_length(body_size);
            stream.expires_after(options.request_timeout);
            auto [wec, wn] = co_await bhttp::async_write(stream, out, kTuple);
            if (wec || !keep_alive)
                break;
        }
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream.socket().close(ignored);
        if (--open == 0 && stopping) {
            std::lock_guard lock(mu);
            drained.notify_all();
        }
    }
};

Server::Server(ServerOptions options, RequestHandler handler, ProtocolErrorHandler on_error)
    : impl_(std::make_unique<Impl>()) {
    impl_->options = std::move(options);
    impl_->handler = std::move(handler);
    impl_->on_error = std::move(on_error);
}

Server::~Server() {
    Stop();
    Wait();
}

std::uint16_t Server::Start() {
    Impl& s = *impl_;
    int n = s.options.threads > 0 ? s.options.threads
                                  : static_cast<int>(std::thread::hardware_concurrency());
    if (n < 1)
        n = 1;
    for (int i = 0; i < n; ++i) {
        auto loop = std::make_unique<Impl::Loop>();
        loop->guard.emplace(loop->ioc.get_executor());
        s.loops.push_back(std::move(loop));
    }
    if (s.options.handler_threads > 0)
        s.workers.emplace(static_cast<std::size_t>(s.options.handler_threads));
    net::io_context& main = s.loops.front()->ioc;
    beast::error_code ec;
    auto address = net::ip::make_address(s.options.host, ec);
    if (ec)
        throw std::runtime_error("invalid listen address: " + s.options.host);
    tcp::endpoint endpoint(address, s.options.port);
    s.acceptor.emplace(main);
    s.acceptor->open(endpoint.protocol(), ec);
    if (!ec)
        s.acceptor->set_option(net::socket_base::reuse_address(true), ec);
    if (!ec)
        s.acceptor->bind(endpoint, ec);
    if (!ec)
        s.acceptor->listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        throw std::runtime_error("cannot listen on " + s.options.host + ":" +
                                 std::to_string(s.options.port) + ": " + ec.message());
    }
    std::uint16_t port = s.acceptor->local_endpoint().port();
    if (handle_signals_) {
        s.signals.emplace(main, SIGINT, SIGTERM);
        s.signals->async_wait([this](const beast::error_code& e, int) {
            if (!e)
                Stop();
        });
    }
    net::co_spawn(main, s.Accept(), net::detached);
    for (auto& loop : s.loops) {
        s.threads.emplace_back([&ioc = loop->ioc] { ioc.run(); });
    }
    return port;
}

void Server::Stop() {
    Impl& s = *impl_;
    if (s.loops.empty() || s.stopping.exchange(true))
        return;
    net::post(s.loops.front()->ioc, [&s] {
        beast::error_code ignored;
        if (s.acceptor)
            s.acceptor->close(ignored);
        if (s.signals)
            s.signals->cancel(ignored);
    });
    for (auto& loop : s.loops) {
        net::post(loop->ioc, [l = loop.get()] {
            for (auto* stream : l->idle_sessions)
                stream->cancel();  // idle keep-alive: close now
            l->guard.reset();
        });
    }
    // In-flight requests finish; after the grace period whatever is left is cut off.
    s.reaper = std::thread([&s] {
        std::unique_lock lock(s.mu);
        s.drained.wait_for(lock, s.options.shutdown_grace, [&s] { return s.open == 0; });
        lock.unlock();
        for (auto& loop : s.loops)
            loop->ioc.stop();
    });
}

void Server::Wait() {
    Impl& s = *impl_;
    for (auto& t : s.threads) {
        if (t.joinable())
            t.join();
    }
    if (s.reaper.joinable())
        s.reaper.join();
    if (s.workers)
        s.workers->join();  // a handler cut off by the grace period finishes its work first
}

int Server::open_connections() const {
    return impl_->open.load();
}

}  // namespace ngoaivu::http
