// Graceful shutdown of the HTTP server adapter (http::Server) with handlers the test controls:
// one that blocks until released (a request in flight) and one with a response far larger than
// the socket buffers (a write in progress). The application has no such endpoints, so these use
// the adapter directly; bad_input_test.cpp covers shutdown through app::App.

#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/server.hpp"
#include "support/http_client.hpp"
#include "support/matchers.hpp"

namespace ngoaivu::testing {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kBigBody = 16u << 20;  // far more than a socket's send and receive buffers

class ServerShutdown : public ::testing::Test {
 protected:
    void SetUp() override {
        released_ = release_.get_future().share();
        entered_future_ = entered_.get_future();
    }

    void TearDown() override {
        Release();  // a blocked handler would keep Wait() from returning
        if (waited_.valid())
            waited_.wait();
        if (server_) {
            server_->Stop();
            if (!waited_.valid())
                server_->Wait();
        }
    }

    // Starts a server on a free port. GET /slow blocks until Release(); GET /big answers
    // kBigBody bytes; anything else answers "ok".
    void Start(http::ServerOptions options) {
        options.host = "127.0.0.1";
        options.port = 0;
        server_ = std::make_unique<http::Server>(
            options, [this](http::Request& req) { return Handle(req); },
            [](http::Request&, http::ProtocolError e) {
                return http::Response::Text(http::StatusOf(e), "protocol error");
            });
        port_ = server_->Start();
    }

    http::Response Handle(const http::Request& req) {
        if (req.path == "/slow") {
            std::call_once(entered_once_, [this] { entered_.set_value(); });
            released_.wait();
            return http::Response::Text(200, "slow done");
        }
        if (req.path == "/big")
            return http::Response::Text(200, std::string(kBigBody, 'x'));
        return http::Response::Text(200, "ok");
    }

    void Release() {
        std::call_once(release_once_, [this] { release_.set_value(); });
    }

    // Stop() here (it only starts the shutdown), then Wait() on another thread: `waited_`.
    void StopInBackground() {
        server_->Stop();
        waited_ = std::async(std::launch::async, [this] { server_->Wait(); });
    }
    bool StoppedWithin(std::chrono::milliseconds within) {
        return waited_.wait_for(within) == std::future_status::ready;
    }

    // True once nothing accepts connections on the port any more.
    bool Refuses() const {
        HttpClient probe(port_, 1s);
        return !probe.Connect();
    }

    std::uint16_t port_ = 0;
    std::future<void> entered_future_;
    std::future<void> waited_;

 private:
    std::promise<void> release_;
    std::shared_future<void> released_;
    std::once_flag release_once_;
    std::promise<void> entered_;
    std::once_flag entered_once_;
    std::unique_ptr<http::Server> server_;
};

TEST_F(ServerShutdown, LetsAHandlerInFlightFinishAndDeliversItsResponse) {
    http::ServerOptions options;
    options.threads = 2;
    options.shutdown_grace = 15s;
    Start(options);
    HttpClient client(port_, 10s);
    ASSERT_TRUE(client.SendRaw("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
    ASSERT_EQ(entered_future_.wait_for(10s), std::future_status::ready);

    StopInBackground();
    EXPECT_FALSE(StoppedWithin(0ms)) << "the server stopped with a handler still running";

    Release();
    HttpResponse res = client.ReadResponse();
    EXPECT_THAT(res, HasStatus(200));
    EXPECT_EQ(res.body, "slow done");
    EXPECT_THAT(res, HasHeader("Connection", "close"));
    EXPECT_TRUE(StoppedWithin(10s));
}

TEST_F(ServerShutdown, ClosesIdleKeepAliveConnectionsAtOnce) {
    http::ServerOptions options;
    options.threads = 1;
    options.shutdown_grace = 15s;
    Start(options);
    HttpClient a(port_), b(port_);
    ASSERT_THAT(a.Get("/"), HasStatus(200));
    ASSERT_THAT(b.Get("/"), HasStatus(200));
    ASSERT_TRUE(a.connected() && b.connected());
    // A round trip on a third connection: with one event loop, the sessions of a and b have
    // finished writing and are idle. (Stop() during a write: the next test.)
    HttpClient barrier(port_);
    ASSERT_THAT(barrier.Get("/", {{"Connection", "close"}}), HasStatus(200));

    StopInBackground();
    EXPECT_TRUE(StoppedWithin(10s));
    EXPECT_TRUE(a.WaitForClose(3s));
    EXPECT_TRUE(b.WaitForClose(3s));
}

// Regression: Stop() cancels only the sessions that are idle when its cancel pass runs. A
// session still writing a response (decided keep-alive before Stop) used to re-enter the idle
// wait afterwards, uncancelled, so Wait() blocked until the idle timeout or the shutdown grace
// (seen through the app as an occasional 60 s Stop() under ASan). Sessions now check `stopping`
// before going idle.
TEST_F(ServerShutdown, StopsPromptlyWhileAKeepAliveResponseIsBeingWritten) {
    http::ServerOptions options;
    options.threads = 1;  // Stop()'s passes and the write's completion share one queue
    options.shutdown_grace = 8s;
    Start(options);
    HttpClient slow(port_, 10s);
    slow.set_receive_buffer(4096);  // a slow reader: the 16 MiB write waits for it
    ASSERT_TRUE(slow.SendRaw("GET /big HTTP/1.1\r\nHost: x\r\n\r\n"));
    ASSERT_TRUE(slow.WaitReadable(10s)) << "the response did not start";

    StopInBackground();
    ASSERT_TRUE(Eventually([this] { return Refuses(); }, 10s)) << "Stop() did not begin";

    HttpResponse res = slow.ReadResponse();  // lets the write complete
    EXPECT_EQ(res.status, 200) << res.error;
    EXPECT_EQ(res.body.size(), kBigBody);
    EXPECT_TRUE(StoppedWithin(5s))
        << "Wait() blocks on a keep-alive connection that went idle during shutdown";
}

}  // namespace
}  // namespace ngoaivu::testing
