// The whole in-process middleware chain, without sockets: app::App::Handle on a Request as the
// server adapter builds it (request id, security headers, metrics, access log, exception guard,
// language, authentication, static files, router, access gate, handler, SQLite, JSON). The
// database is created in a temporary folder the way `ngoaivu init` does it (migrations, reference
// data, first administrator), plus a read-only account "bench" (viewer, every province) whose API
// token authenticates the /api/ requests, as `ngoaivu user add` and `user token` would. The
// access log goes to /dev/null. A few component benchmarks split the per-request overhead.
// Run: build/release/bench/request_benchmark [--benchmark_min_time=0.2]

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

#include "app/app.hpp"
#include "base/actor.hpp"
#include "base/clock.hpp"
#include "base/embedded.hpp"
#include "http/metrics.hpp"
#include "http/request.hpp"
#include "modules/accounts/account_repository.hpp"
#include "modules/accounts/account_service.hpp"
#include "modules/audit/audit_repository.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/geo/reference_data.hpp"
#include "storage/database.hpp"
#include "storage/migrator.hpp"

namespace {

namespace app = ngoaivu::app;
namespace http = ngoaivu::http;
namespace storage = ngoaivu::storage;

constexpr const char* kIsoCodes = "/usr/share/iso-codes/json/iso_3166-1.json";

app::App* g_app = nullptr;
std::string g_token;  // the "bench" account's API token

// What `ngoaivu init` does (app/cli.cpp), without the report on standard output, then a
// read-only account with an API token; returns the token.
std::string InitDatabase(const std::string& path) {
    namespace accounts = ngoaivu::accounts;
    const char* iso = std::getenv("NGOAIVU_ISO_CODES");
    auto db = storage::Open(path);
    storage::Migrate(*db, storage::LoadMigrations(ngoaivu::EmbeddedMigrations(), db->backend()));
    ngoaivu::geo::LoadReferenceData(*db, iso != nullptr && *iso != '\0' ? iso : kIsoCodes);

    ngoaivu::SystemClock clock;
    ngoaivu::audit::SqlAuditRepository audit_repo;
    ngoaivu::audit::AuditService audit(*db, audit_repo, clock);
    accounts::SqlAccountRepository account_repo;
    accounts::AccountService service(*db, account_repo, audit, clock, accounts::AccountsConfig{});
    service.EnsureFirstAdmin();
    accounts::CreateUserRequest user;
    user.login = "bench";
    user.display_name = "Benchmark";
    user.roles = {"viewer"};
    user.all_provinces = true;
    if (auto created = service.CreateUser(ngoaivu::Actor::System("bench"), user); !created)
        throw std::runtime_error("cannot create the bench account: " + created.error().message_en);
    auto token = service.CreateTokenFor("bench", "request_benchmark");
    if (!token)
        throw std::runtime_error("cannot create an API token: " + token.error().message_en);
    db->Close();
    return token->token;
}

// A request as the server adapter builds it from what wrk sends: a request line and Host (and
// the API token for /api/ paths, as http_bench.sh sends it).
http::Request MakeRequest(std::string_view method, std::string_view target, bool token) {
    http::Request req;
    req.method = std::string(method);
    req.target = std::string(target);
    std::size_t q = target.find('?');
    req.path = *http::PercentDecode(target.substr(0, q), false);
    if (q != std::string_view::npos)
        req.query = *http::ParseQuery(target.substr(q + 1));
    req.headers.emplace("Host", "127.0.0.1:8080");
    if (token)
        req.headers.emplace("Authorization", "Bearer " + g_token);
    req.client_address = "127.0.0.1";
    return req;
}

struct Target {
    const char* label;
    std::string_view target;
    bool token;
    int expected_status;
};

// Index i of this table is benchmark argument i.
constexpr std::array<Target, 10> kTargets = {{
    {"healthz", "/healthz", false, 200},
    {"province_79", "/api/v1/provinces/79", true, 200},
    {"province_79_before_merger", "/api/v1/provinces/79?as_of=2025-01-01", true, 200},
    {"provinces_list", "/api/v1/provinces", true, 200},
    {"countries_search", "/api/v1/countries?q=han%20quoc", true, 200},
    {"static_css", "/static/css/app.css", false, 200},
    {"not_found_page", "/no-such-page", false, 404},
    // The cost of token authentication alone: /healthz is public, but a token sent is checked.
    {"healthz_with_token", "/healthz", true, 200},
    {"province_79_no_token_401", "/api/v1/provinces/79", false, 401},
    {"me_with_token", "/api/v1/me", true, 200},
}};

void BM_Handle(benchmark::State& state) {
    const Target& t = kTargets[static_cast<std::size_t>(state.range(0))];
    const http::Request prototype = MakeRequest("GET", t.target, t.token);
    if (state.thread_index() == 0) {
        http::Request probe = prototype;
        if (int status = g_app->Handle(probe).status; status != t.expected_status) {
            state.SkipWithError(("unexpected status " + std::to_string(status)).c_str());
        }
    }
    std::int64_t bytes = 0;
    for (auto _ : state) {
        http::Request req = prototype;  // Handle fills in request_id, route, params, lang
        http::Response res = g_app->Handle(req);
        bytes += static_cast<std::int64_t>(res.body.size());
        benchmark::DoNotOptimize(res);
    }
    state.SetLabel(t.label);
    state.SetBytesProcessed(bytes);
}
// The two endpoints of http_bench.sh first, on one thread and on two (the server's default on a
// two-core machine), then the others on one thread.
BENCHMARK(BM_Handle)->Arg(0)->Arg(1)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_Handle)->DenseRange(2, static_cast<int>(kTargets.size()) - 1);

// Router::Find on the application's real table.
void BM_AppRouterFind(benchmark::State& state) {
    const http::Router& router = g_app->router();
    for (auto _ : state)
        benchmark::DoNotOptimize(router.Find("GET", "/api/v1/provinces/79"));
    state.SetLabel(std::to_string(router.routes().size()) + " routes");
}
BENCHMARK(BM_AppRouterFind);

// Parts of the per-request overhead, in isolation: the metrics update (one mutex, two map
// look-ups keyed by freshly built strings) ...
void BM_MetricsObserve(benchmark::State& state) {
    static http::Metrics metrics;
    const std::string method = "GET";
    const std::string route = "/api/v1/provinces/{code}";
    for (auto _ : state) {
        metrics.Observe(method, route, 200, std::chrono::microseconds(150));
    }
}
BENCHMARK(BM_MetricsObserve)->Threads(1)->Threads(2)->UseRealTime();

// The access-log line is part of every BM_Handle figure above (App::Impl::Finish writes it by
// hand since the first benchmark showed a JSON tree per request costing ~6 µs).

// A folder under the system temporary directory, removed with everything in it.
class TempDir {
 public:
    TempDir() {
        std::string tmpl =
            (std::filesystem::temp_directory_path() / "ngoaivu-bench-XXXXXX").string();
        if (mkdtemp(tmpl.data()) == nullptr)
            throw std::runtime_error("mkdtemp failed");
        path_ = tmpl;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

 private:
    std::filesystem::path path_;
};

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    try {
        TempDir dir;
        const std::string db = (dir.path() / "bench.db").string();
        g_token = InitDatabase(db);
        app::ServeConfig config;
        config.db = db;
        config.assets = NGOAIVU_ASSETS_DIR;
        config.log_file = "/dev/null";
        ngoaivu::SystemClock clock;
        {
            app::App application(config, clock);
            g_app = &application;
            benchmark::RunSpecifiedBenchmarks();
            g_app = nullptr;
        }
        benchmark::Shutdown();
    } catch (const std::exception& e) {
        std::cerr << "request_benchmark: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
