#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "app/config.hpp"
#include "base/clock.hpp"
#include "http/server.hpp"
#include "modules/accounts/account_repository.hpp"
#include "modules/accounts/account_service.hpp"
#include "modules/accounts/password.hpp"
#include "modules/audit/audit_repository.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/reports/figure_source.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"
#include "support/test_database.hpp"

namespace ngoaivu::testing {

// Debian's ISO 3166-1 file, as `ngoaivu init` reads it.
inline constexpr const char* kIsoCodesJson = "/usr/share/iso-codes/json/iso_3166-1.json";

// The build tree's assets (templates, i18n, static files), compiled in by tests/CMakeLists.txt.
std::filesystem::path AssetsDir();

// A point in time as UTC.
std::chrono::system_clock::time_point UtcTime(int year, int month, int day, int hour = 0,
                                              int minute = 0);

// Creates the reference database at `db` (a location: file or URL) exactly as `ngoaivu init`
// does: migrations, then the reference data.
void InitDatabase(const std::string& db);

// Adds the demo accounts (`ngoaivu demo --seed 1 --scale 1`, with cheap password hashing) to the
// database at `db`, and returns one new API token per login in `token_logins`.
std::map<std::string, std::string> AddDemoAccounts(
    const std::string& db, const std::vector<std::string>& token_logins = {});

// The audit trail and the account service on an open database, as a test that adds accounts or
// demo data builds them: the system clock, cheap password hashing, and no dictionary check unless
// `config` says otherwise.
struct TestAccounts {
    explicit TestAccounts(storage::Database& db,
                          accounts::AccountsConfig config = CheapAccountsConfig());
    static accounts::AccountsConfig CheapAccountsConfig();

    SystemClock clock;
    audit::SqlAuditRepository audit_repo;
    audit::AuditService audit;
    accounts::SqlAccountRepository repo;
    accounts::AccountService service;
};

// How a TestApp is set up. The defaults suit most tests: a small server with the production
// limits and timeouts (except a short shutdown grace so that no test can hang on teardown), the
// clock standing at 1 August 2025 (after the 2025 merger) in Vietnam, and cheap password hashing.
struct TestAppOptions {
    http::ServerOptions server = DefaultServerOptions();
    std::chrono::system_clock::time_point now = UtcTime(2025, 8, 1, 3);
    bool load_reference_data = true;
    int db_pool = 4;
    std::chrono::milliseconds db_busy_timeout{5000};
    std::string trusted_proxies;  // --trusted-proxies
    accounts::AccountsConfig accounts = DefaultAccountsConfig();
    // The indicator figures of the dashboards and the review report; nullptr: NoFigures().
    reports::FigureSource* figures = nullptr;
    // Off unless a test asks for it: a pass at start would purge and log beside what tests check.
    std::chrono::seconds housekeeping_interval{0};

    static http::ServerOptions DefaultServerOptions();
    static accounts::AccountsConfig DefaultAccountsConfig();
};

// The account that TestApp::Token() signs requests in as: a viewer of every province.
inline constexpr const char* kTestLogin = "integration-test";

// The whole application, in process, over real HTTP: a new database of the test backend
// (migrated, with the reference data), a temporary folder with the JSON-lines log; an app::App
// started on 127.0.0.1 with a free port and a FakeClock. Stops and removes everything when
// destroyed.
class TestApp {
 public:
    explicit TestApp(TestAppOptions options = {});
    ~TestApp();
    TestApp(const TestApp&) = delete;
    TestApp& operator=(const TestApp&) = delete;

    std::uint16_t port() const { return port_; }
    app::App& app() { return *app_; }
    FakeClock& clock() { return clock_; }
    const TestAppOptions& options() const { return options_; }
    const std::filesystem::path& dir() const { return dir_.path(); }
    // The database (support/test_database.hpp): a file path or a postgresql:// URL.
    const std::string& db_location() const { return db_.location(); }
    std::filesystem::path log_path() const { return dir_ / "ngoaivu.log"; }

    // A client for this server (not yet connected).
    HttpClient Client(std::chrono::milliseconds timeout = std::chrono::seconds(5)) const {
        return HttpClient(port_, timeout);
    }
    // One request on a new connection.
    HttpResponse Get(std::string_view target, const HeaderList& headers = {}) const;
    HttpResponse Post(std::string_view target, std::string_view body, std::string_view content_type,
                      const HeaderList& headers = {}) const;

    // An API token of the account kTestLogin (created, with the token, on the first call).
    const std::string& Token();
    // `headers` plus "Authorization: Bearer <Token()>".
    HeaderList SignedIn(HeaderList headers = {});

    // Stops the server (graceful) and closes the database; idempotent.
    void Stop();
    bool stopped() const { return stopped_; }

    // The log file's lines.
    std::vector<std::string> LogLines() const;
    // The log file's lines that are JSON objects with "msg":"request".
    std::vector<nlohmann::json> AccessLog() const;

 private:
    TestAppOptions options_;
    TempDir dir_;
    ScratchDatabase db_{dir_.path(), "ngoaivu"};
    FakeClock clock_;
    std::unique_ptr<app::App> app_;
    std::uint16_t port_ = 0;
    bool stopped_ = false;
    std::string token_;
};

// A fixture with one fresh TestApp per test. Override Options() to change its set-up.
class AppTest : public ::testing::Test {
 protected:
    virtual TestAppOptions Options() const { return {}; }

    void SetUp() override { app_ = std::make_unique<TestApp>(Options()); }
    void TearDown() override { app_.reset(); }

    TestApp& app() { return *app_; }
    std::uint16_t port() const { return app_->port(); }
    HttpResponse Get(std::string_view target, const HeaderList& headers = {}) const {
        return app_->Get(target, headers);
    }
    HttpResponse Post(std::string_view target, std::string_view body, std::string_view content_type,
                      const HeaderList& headers = {}) const {
        return app_->Post(target, body, content_type, headers);
    }
    // `headers` plus the test account's API token.
    HeaderList SignedIn(HeaderList headers = {}) { return app_->SignedIn(std::move(headers)); }

 private:
    std::unique_ptr<TestApp> app_;
};

// An AppTest whose Get and Post are signed in as kTestLogin (with an API token), for the routes
// behind sign-in. AppTest::Get and AppTest::Post remain anonymous.
class SignedInTest : public AppTest {
 protected:
    HttpResponse Get(std::string_view target, const HeaderList& headers = {}) {
        return AppTest::Get(target, SignedIn(headers));
    }
    HttpResponse Post(std::string_view target, std::string_view body, std::string_view content_type,
                      const HeaderList& headers = {}) {
        return AppTest::Post(target, body, content_type, SignedIn(headers));
    }
};

}  // namespace ngoaivu::testing
