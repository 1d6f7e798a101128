#pragma once

#include "html/pages.hpp"
#include "http/router.hpp"
#include "modules/accounts/account_service.hpp"
#include "modules/audit/audit_service.hpp"

namespace ngoaivu::accounts {

// Cookie names. The session cookie holds the raw 256-bit id; nv_csrf is the double-submit token
// of the sign-in form (before there is a session).
inline constexpr const char* kSessionCookie = "nv_session";
inline constexpr const char* kLoginCsrfCookie = "nv_csrf";

struct CookiePolicy {
    bool secure = false;  // add "Secure" (behind TLS)
};

// Registers sign-in and sign-out, password change, the account page with API tokens, user
// administration pages, and /api/v1/me, /api/v1/tokens, /api/v1/users.
void RegisterAccountRoutes(http::Router& router, AccountService& service,
                           audit::AuditService& audit, const html::Pages& pages,
                           CookiePolicy cookies);

// A local path to go back to ("/" unless `next` is a plain path on this site).
std::string SafeNext(std::string_view next);

// The Set-Cookie value that stores or clears a cookie.
std::string SessionCookie(const std::string& value, const CookiePolicy& policy);
std::string ExpiredCookie(const char* name, const CookiePolicy& policy);

}  // namespace ngoaivu::accounts
