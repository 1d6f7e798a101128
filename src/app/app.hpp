#pragma once

#include <memory>
#include <string>

#include "app/config.hpp"
#include "base/clock.hpp"
#include "http/router.hpp"
#include "storage/database.hpp"

namespace ngoaivu::reports {
class FigureSource;
}  // namespace ngoaivu::reports

namespace ngoaivu::app {

// The composition root: opens the database, runs migrations, builds repositories, services and
// the route table, and wraps them in the middleware chain in its documented order. Owns all of
// them; the server adapter only sees one handler. Used by `ngoaivu serve` and by the in-process
// integration tests (tests/support).
class App {
 public:
    // Throws std::runtime_error (or storage::DatabaseError) with a clear message when the
    // database cannot be opened or migrated or the assets are missing.
    // `figures` is where the dashboards and the review report read indicator figures (not owned;
    // outlives the App); without it their routes are not registered.
    App(ServeConfig config, const Clock& clock, reports::FigureSource* figures = nullptr);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // Binds and serves in background threads; returns the bound port.
    std::uint16_t Start(bool handle_signals);
    // Stops the server gracefully, then closes the database.
    void Stop();
    // Blocks until the server has stopped.
    void Wait();

    // The whole middleware chain for one request (also usable without a socket in tests).
    http::Response Handle(http::Request& req);
    const http::Router& router() const;

 private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ngoaivu::app
