#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/http_client.hpp"

namespace ngoaivu::testing {

// EXPECT_THAT(res, HasStatus(200)): on failure prints the transport error and the body's start.
MATCHER_P(HasStatus, status, "has HTTP status " + ::testing::PrintToString(status)) {
    if (arg.status == status)
        return true;
    *result_listener << arg.Describe();
    return false;
}

// EXPECT_THAT(res, HasHeader("Content-Type", StartsWith("text/html"))).
MATCHER_P2(HasHeader, name, value_matcher,
           std::string("has header ") + name + " that " +
               ::testing::DescribeMatcher<std::string>(value_matcher)) {
    auto value = arg.Header(name);
    if (!value) {
        *result_listener << "header " << name << " is absent";
        return false;
    }
    *result_listener << name << ": " << *value << " ";
    return ::testing::ExplainMatchResult(value_matcher, *value, result_listener);
}

// EXPECT_THAT(res, LacksHeader("Set-Cookie")).
MATCHER_P(LacksHeader, name, std::string("has no header ") + name) {
    auto value = arg.Header(name);
    if (value)
        *result_listener << name << ": " << *value;
    return !value;
}

// The uniform JSON error envelope {"error":{"code","field","message_vi","message_en",...}} with
// this code and field (field "" means JSON null).
MATCHER_P2(IsJsonError, code, field,
           std::string("is a JSON error envelope with code ") + code + " and field \"" + field +
               "\"") {
    nlohmann::json j = arg.Json();
    if (!j.is_object() || !j.contains("error") || !j["error"].is_object()) {
        *result_listener << "not an error envelope: " << arg.Describe();
        return false;
    }
    const nlohmann::json& e = j["error"];
    bool ok = e.value("code", "") == std::string(code);
    if (std::string(field).empty()) {
        ok = ok && e.contains("field") && e["field"].is_null();
    } else {
        ok = ok && e.contains("field") && e["field"].is_string() &&
             e["field"].get<std::string>() == std::string(field);
    }
    for (const char* key : {"message_vi", "message_en", "request_id"}) {
        ok = ok && e.contains(key) && e[key].is_string() && !e[key].get<std::string>().empty();
    }
    if (!ok)
        *result_listener << "envelope: " << e.dump();
    return ok;
}

// A fresh connection to `port` gets 200 from GET /healthz: the server is still serving.
inline ::testing::AssertionResult ServesHealthz(std::uint16_t port) {
    HttpClient client(port);
    HttpResponse res = client.Get("/healthz");
    if (res.status != 200)
        return ::testing::AssertionFailure() << "GET /healthz: " << res.Describe();
    if (res.Json().value("status", "") != "ok")
        return ::testing::AssertionFailure() << "GET /healthz: " << res.body;
    return ::testing::AssertionSuccess();
}

// Polls `condition` until it holds (true) or `within` has passed (false): a wait on a condition
// whose deadline only catches hangs, never a sleep standing in for one.
template <typename Condition>
bool Eventually(Condition condition, std::chrono::milliseconds within) {
    auto deadline = std::chrono::steady_clock::now() + within;
    for (;;) {
        if (condition())
            return true;
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

}  // namespace ngoaivu::testing
