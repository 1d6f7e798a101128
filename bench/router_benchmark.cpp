// http::Router::Find over a realistic route table: today's routes (core, geo API and pages) in
// their registration order, followed by the ones the planned modules (accounts, delegations,
// agreements, events, documents, reports) are expected to add: 60 routes in all.
// Run: build/release/bench/router_benchmark [--benchmark_min_time=0.2]

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include <benchmark/benchmark.h>

#include "http/router.hpp"

namespace {

using ngoaivu::http::Access;
using ngoaivu::http::Match;
using ngoaivu::http::Request;
using ngoaivu::http::Response;
using ngoaivu::http::Route;
using ngoaivu::http::Router;

struct RouteSpec {
    const char* method;
    const char* pattern;
};

constexpr std::array<RouteSpec, 60> kRoutes = {{
    // Core (app/routes.cpp).
    {"GET", "/healthz"},
    {"GET", "/metrics"},
    {"GET", "/api/v1/openapi.json"},
    {"GET", "/lang/{code}"},
    {"GET", "/"},
    // Geo API and pages (modules/geo).
    {"GET", "/api/v1/provinces"},
    {"GET", "/api/v1/provinces/{code}"},
    {"GET", "/api/v1/countries"},
    {"GET", "/api/v1/countries/{alpha2}"},
    {"GET", "/api/v1/organisations"},
    {"GET", "/provinces"},
    {"GET", "/provinces/{code}"},
    {"GET", "/countries"},
    {"GET", "/countries/{alpha2}"},
    {"GET", "/organisations"},
    {"GET", "/merger"},
    // Accounts.
    {"GET", "/login"},
    {"POST", "/login"},
    {"POST", "/logout"},
    {"GET", "/account"},
    {"POST", "/account/password"},
    {"GET", "/admin/users"},
    {"GET", "/admin/users/new"},
    {"POST", "/admin/users"},
    {"GET", "/admin/users/{id}"},
    {"POST", "/admin/users/{id}"},
    {"POST", "/admin/users/{id}/disable"},
    {"GET", "/admin/audit"},
    // Delegations (pages and API).
    {"GET", "/delegations"},
    {"GET", "/delegations/new"},
    {"POST", "/delegations"},
    {"GET", "/delegations/{id}"},
    {"GET", "/delegations/{id}/edit"},
    {"POST", "/delegations/{id}"},
    {"POST", "/delegations/{id}/delete"},
    {"GET", "/delegations/{id}/members"},
    {"POST", "/delegations/{id}/members"},
    {"GET", "/delegations/{id}/members/{member}/edit"},
    {"POST", "/delegations/{id}/members/{member}/delete"},
    {"GET", "/api/v1/delegations"},
    {"POST", "/api/v1/delegations"},
    {"GET", "/api/v1/delegations/{id}"},
    {"PUT", "/api/v1/delegations/{id}"},
    {"DELETE", "/api/v1/delegations/{id}"},
    // Agreements and events.
    {"GET", "/agreements"},
    {"GET", "/agreements/new"},
    {"POST", "/agreements"},
    {"GET", "/agreements/{id}"},
    {"GET", "/api/v1/agreements"},
    {"GET", "/api/v1/agreements/{id}"},
    {"GET", "/events"},
    {"GET", "/events/calendar"},
    {"GET", "/events/{id}"},
    {"GET", "/api/v1/events"},
    // Documents and reports.
    {"GET", "/documents"},
    {"POST", "/documents"},
    {"GET", "/documents/{id}/download"},
    {"GET", "/reports"},
    {"GET", "/reports/{year}/{quarter}"},
    {"GET", "/api/v1/reports/{year}/{quarter}.csv"},
}};

const Router& Table() {
    static const Router router = [] {
        Router r;
        for (const auto& spec : kRoutes) {
            r.Add(Route{spec.method, spec.pattern, Access::kPublic, "",
                        [](Request&) { return Response::Text(200, "ok"); }});
        }
        return r;
    }();
    return router;
}

struct Lookup {
    const char* label;
    std::string_view method;
    std::string_view path;
    Match::Kind expected;
};

// Index i of this table is benchmark argument i.
constexpr std::array<Lookup, 7> kLookups = {{
    {"healthz", "GET", "/healthz", Match::Kind::kFound},
    {"province_api", "GET", "/api/v1/provinces/79", Match::Kind::kFound},
    {"province_list_api", "GET", "/api/v1/provinces", Match::Kind::kFound},
    {"home", "GET", "/", Match::Kind::kFound},
    {"deep_late", "GET", "/delegations/123/members/45/edit", Match::Kind::kFound},
    {"not_found", "GET", "/wp-login.php", Match::Kind::kNotFound},
    {"method_not_allowed", "DELETE", "/api/v1/provinces/79", Match::Kind::kMethodNotAllowed},
}};

void BM_RouterFind(benchmark::State& state) {
    const Router& router = Table();
    const Lookup& l = kLookups[static_cast<std::size_t>(state.range(0))];
    if (router.Find(l.method, l.path).kind != l.expected) {
        state.SkipWithError("unexpected match kind");
        return;
    }
    for (auto _ : state)
        benchmark::DoNotOptimize(router.Find(l.method, l.path));
    state.SetLabel(l.label);
}
BENCHMARK(BM_RouterFind)->DenseRange(0, static_cast<int>(kLookups.size()) - 1);

// How Find scales with the table: N synthetic routes "/mN/items/{id}", looking up the last one.
void BM_RouterFindScaling(benchmark::State& state) {
    const auto n = static_cast<int>(state.range(0));
    Router router;
    for (int i = 0; i < n; ++i) {
        router.Add(Route{"GET", "/m" + std::to_string(i) + "/items/{id}", Access::kPublic, "",
                         [](Request&) { return Response::Text(200, "ok"); }});
    }
    const std::string path = "/m" + std::to_string(n - 1) + "/items/42";
    for (auto _ : state)
        benchmark::DoNotOptimize(router.Find("GET", path));
    state.SetComplexityN(n);
}
BENCHMARK(BM_RouterFindScaling)->RangeMultiplier(4)->Range(16, 1024)->Complexity();

}  // namespace

BENCHMARK_MAIN();
