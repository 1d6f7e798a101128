#pragma once

#include <chrono>
#include <string>

#include "http/server.hpp"
#include "modules/accounts/account_service.hpp"

namespace ngoaivu::app {

// Everything `ngoaivu serve` can be told. Precedence, highest first: command-line flag,
// NGOAIVU_* environment variable, built-in default (docs/ARCHITECTURE.md, "Configuration").
struct ServeConfig {
    std::string db = "data/ngoaivu.db";     // --db, NGOAIVU_DB: a file path or postgresql:// URL
    std::string listen = "127.0.0.1:8080";  // --listen, NGOAIVU_LISTEN
    std::string assets;                     // --assets, NGOAIVU_ASSETS: templates, static, i18n
    std::string log_file;                   // --log-file, NGOAIVU_LOG_FILE: "" = standard error
    http::ServerOptions server;             // limits: --max-body-bytes ... (see cli.cpp)
    int db_pool = 8;                        // --db-pool, NGOAIVU_DB_POOL
    // --handler-threads, NGOAIVU_HANDLER_THREADS: threads that run request handlers off the event
    // loops (http::ServerOptions::handler_threads). -1 = automatic: on PostgreSQL, where every
    // query is a network round trip, db_pool but at most two per core; none on SQLite, whose
    // reads take microseconds.
    int handler_threads = -1;
    // --db-busy-timeout-ms, NGOAIVU_DB_BUSY_TIMEOUT_MS: how long a writer waits for the write
    // lock (and, on PostgreSQL, a request for a free connection) before a 503.
    std::chrono::milliseconds db_busy_timeout{5000};
    // --trusted-proxies, NGOAIVU_TRUSTED_PROXIES: reverse proxies whose X-Forwarded-For gives the
    // client's address (http::TrustedProxies); "" believes nobody's header.
    std::string trusted_proxies;
    bool secure_cookies = false;  // --secure-cookies, NGOAIVU_SECURE_COOKIES (behind TLS)
    // --housekeeping-seconds, NGOAIVU_HOUSEKEEPING_SECONDS: how often the server purges expired
    // sessions and old login attempts and logs the audit chain's head as an anchor; 0 = never.
    std::chrono::seconds housekeeping_interval{600};
    accounts::AccountsConfig accounts;  // session timeouts, throttling, argon2id cost
};

// Splits "HOST:PORT" ("[::1]:8080" for IPv6); false when malformed or the port is out of range.
bool ParseListen(const std::string& listen, std::string* host, std::uint16_t* port);

// The assets folder compiled in as the default (the build tree's assets/).
std::string DefaultAssetsDir();

}  // namespace ngoaivu::app
