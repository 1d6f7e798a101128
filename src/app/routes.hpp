#pragma once

#include <functional>
#include <string>

#include "html/pages.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "modules/geo/geo_service.hpp"
#include "storage/database.hpp"

namespace ngoaivu::app {

// What the routes that belong to no module need.
struct CoreDeps {
    const html::Pages& pages;
    const http::Metrics& metrics;
    storage::Database& db;
    const std::string& openapi;  // the OpenAPI 3 document, served as is
    geo::GeoService& geo;        // for the home page's figures
    std::function<int()> open_connections;
};

// Registers /, /healthz, /metrics, /lang/{code} and /api/v1/openapi.json.
void RegisterCoreRoutes(http::Router& router, CoreDeps deps);

}  // namespace ngoaivu::app
