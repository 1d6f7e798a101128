// The client address behind a reverse proxy (--trusted-proxies): X-Forwarded-For is believed from
// a trusted proxy only, and the address it gives is the one logged and throttled.

#include <regex>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/matchers.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

constexpr const char* kForm = "application/x-www-form-urlencoded";

std::string CsrfCookie(const HttpResponse& res) {
    for (const auto& h : res.AllHeaders("Set-Cookie")) {
        std::smatch m;
        if (std::regex_search(h, m, std::regex("^nv_csrf=([^;]+)")))
            return m[1];
    }
    return {};
}

class Forwarded : public AppTest {
 protected:
    TestAppOptions Options() const override {
        TestAppOptions o;
        o.trusted_proxies = "127.0.0.1";
        o.accounts.max_failures_per_client = 3;
        o.accounts.max_failures_per_login = 100;
        return o;
    }

    // A failed sign-in as `login` from `client` (through the proxy); returns the status.
    int FailedSignIn(const std::string& login, const std::string& client) {
        auto form = Get("/login", {{"X-Forwarded-For", client}});
        std::string csrf = CsrfCookie(form);
        EXPECT_FALSE(csrf.empty());
        auto res = Post("/login", "_csrf=" + csrf + "&login=" + login + "&password=wrong-password",
                        kForm, {{"Cookie", "nv_csrf=" + csrf}, {"X-Forwarded-For", client}});
        return res.status;
    }

    std::string LoggedClientOf(const std::string& request_id) {
        for (const auto& line : app().AccessLog()) {
            if (line.value("request_id", "") == request_id)
                return line.value("client", "");
        }
        return "(no log line)";
    }
};

TEST_F(Forwarded, TheAddressFromATrustedProxyIsLogged) {
    auto res = Get("/healthz", {{"X-Forwarded-For", "198.51.100.1, 203.0.113.7"}});
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_EQ(LoggedClientOf(res.Header("X-Request-Id").value_or("")), "203.0.113.7");
}

TEST_F(Forwarded, ThrottlingCountsTheForwardedClientNotTheProxy) {
    for (int i = 1; i <= 3; ++i)
        EXPECT_EQ(FailedSignIn("ai-do-" + std::to_string(i), "203.0.113.7"), 401);
    EXPECT_EQ(FailedSignIn("ai-do-4", "203.0.113.7"), 429) << "that client is throttled";
    EXPECT_EQ(FailedSignIn("ai-do-5", "198.51.100.20"), 401)
        << "another client behind the same proxy is not";
}

class UntrustedForwarded : public Forwarded {
 protected:
    TestAppOptions Options() const override {
        TestAppOptions o = Forwarded::Options();
        o.trusted_proxies = "10.0.0.0/8";  // not the test client's 127.0.0.1
        return o;
    }
};

TEST_F(UntrustedForwarded, AHeaderFromAnyoneElseIsIgnored) {
    auto res = Get("/healthz", {{"X-Forwarded-For", "203.0.113.7"}});
    ASSERT_THAT(res, HasStatus(200));
    EXPECT_EQ(LoggedClientOf(res.Header("X-Request-Id").value_or("")), "127.0.0.1");
    // Changing the header does not escape throttling: every attempt counts for 127.0.0.1.
    for (int i = 1; i <= 3; ++i)
        EXPECT_EQ(FailedSignIn("ai-do-" + std::to_string(i), "203.0.113." + std::to_string(i)),
                  401);
    EXPECT_EQ(FailedSignIn("ai-do-4", "203.0.113.99"), 429);
}

}  // namespace
}  // namespace ngoaivu::testing
