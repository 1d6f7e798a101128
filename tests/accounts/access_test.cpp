// The access table: every route of the route table, tried as every role and anonymously. A new
// route that is not listed here fails the test, so access is decided on purpose, not by default.
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "app/demo.hpp"
#include "modules/accounts/account_repository.hpp"
#include "modules/accounts/account_service.hpp"
#include "modules/audit/audit_repository.hpp"
#include "modules/audit/audit_service.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

// Who may pass a route's gate.
enum class Who {
    kAnyone,         // anonymous too
    kSignedIn,       // any role
    kAuditReaders,   // admin, mofa_staff, mofa_viewer
    kAdmin,          // admin only
    kAnonymousForm,  // public form endpoint guarded by the double-submit CSRF token
    // Signed in to pass the gate; the service then lets only these roles through (a refused
    // caller gets 403 whatever the id, before the record is looked up).
    kPartnerWriters,  // admin, mofa_staff, province_officer, province_leader
    kPartnerMergers,  // admin, mofa_staff
};

const std::map<std::string, Who> kTable = {
    {"GET /healthz", Who::kAnyone},
    {"GET /metrics", Who::kAnyone},
    {"GET /api/v1/openapi.json", Who::kAnyone},
    {"GET /lang/{code}", Who::kAnyone},
    {"GET /login", Who::kAnyone},
    {"POST /login", Who::kAnonymousForm},
    {"GET /", Who::kSignedIn},
    {"GET /api/v1/provinces", Who::kSignedIn},
    {"GET /api/v1/provinces/{code}", Who::kSignedIn},
    {"GET /api/v1/countries", Who::kSignedIn},
    {"GET /api/v1/countries/{alpha2}", Who::kSignedIn},
    {"GET /api/v1/organisations", Who::kSignedIn},
    {"GET /provinces", Who::kSignedIn},
    {"GET /provinces/{code}", Who::kSignedIn},
    {"GET /countries", Who::kSignedIn},
    {"POST /logout", Who::kSignedIn},
    {"POST /logout-everywhere", Who::kSignedIn},
    {"GET /password", Who::kSignedIn},
    {"POST /password", Who::kSignedIn},
    {"GET /account", Who::kSignedIn},
    {"POST /account/profile", Who::kSignedIn},
    {"POST /account/tokens", Who::kSignedIn},
    {"POST /account/tokens/{id}/revoke", Who::kSignedIn},
    {"GET /api/v1/me", Who::kSignedIn},
    {"PATCH /api/v1/me", Who::kSignedIn},
    {"GET /api/v1/tokens", Who::kSignedIn},
    {"POST /api/v1/tokens", Who::kSignedIn},
    {"DELETE /api/v1/tokens/{id}", Who::kSignedIn},
    {"GET /admin/users", Who::kAdmin},
    {"GET /admin/users/{login}", Who::kAdmin},
    {"GET /api/v1/users", Who::kAdmin},
    {"GET /api/v1/audit", Who::kAuditReaders},
    {"GET /audit", Who::kAuditReaders},
    {"GET /api/v1/partners", Who::kSignedIn},
    {"POST /api/v1/partners", Who::kPartnerWriters},
    {"GET /api/v1/partners/{id}", Who::kSignedIn},
    {"PUT /api/v1/partners/{id}", Who::kPartnerWriters},
    {"POST /api/v1/partners/{id}/merge", Who::kPartnerMergers},
    {"POST /api/v1/partners/{id}/sister-relations", Who::kPartnerWriters},
    {"POST /api/v1/sister-relations/{id}/end", Who::kPartnerWriters},
    {"GET /partners", Who::kSignedIn},
    {"GET /partners/new", Who::kPartnerWriters},
    {"POST /partners", Who::kPartnerWriters},
    {"GET /partners/{id}", Who::kSignedIn},
    {"GET /partners/{id}/edit", Who::kPartnerWriters},
    {"POST /partners/{id}/edit", Who::kPartnerWriters},
    {"POST /partners/{id}/merge", Who::kPartnerMergers},
    {"POST /partners/{id}/sister-relations", Who::kPartnerWriters},
    {"POST /sister-relations/{id}/end", Who::kPartnerWriters},
    {"GET /api/v1/agreements", Who::kSignedIn},
    {"POST /api/v1/agreements", Who::kSignedIn},
    {"POST /api/v1/agreements/register", Who::kSignedIn},
    {"GET /api/v1/agreements/due", Who::kSignedIn},
    {"POST /api/v1/agreements/import", Who::kSignedIn},
    {"GET /agreements/export", Who::kSignedIn},
    {"GET /agreements/import", Who::kSignedIn},
    {"GET /agreements/import/template", Who::kSignedIn},
    {"GET /agreements/report", Who::kSignedIn},
    {"GET /api/v1/agreements/{id}", Who::kSignedIn},
    {"PUT /api/v1/agreements/{id}", Who::kSignedIn},
    {"POST /api/v1/agreements/{id}/steps", Who::kSignedIn},
    {"POST /api/v1/agreements/{id}/commitments", Who::kSignedIn},
    {"PUT /api/v1/commitments/{id}", Who::kSignedIn},
    {"POST /api/v1/agreements/{id}/results", Who::kSignedIn},
    // Events: the service checks the province (or, for national events, MOFA) scope.
    {"GET /api/v1/events", Who::kSignedIn},
    {"POST /api/v1/events", Who::kSignedIn},
    {"POST /api/v1/events/import", Who::kSignedIn},
    {"GET /api/v1/events/export", Who::kSignedIn},
    {"GET /api/v1/events/due", Who::kSignedIn},
    {"GET /api/v1/events/counts", Who::kSignedIn},
    {"GET /api/v1/events/yearly-report", Who::kSignedIn},
    {"GET /api/v1/events/{id}", Who::kSignedIn},
    {"PUT /api/v1/events/{id}", Who::kSignedIn},
    {"POST /api/v1/events/{id}/steps", Who::kSignedIn},
    {"GET /events", Who::kSignedIn},
    {"GET /events/new", Who::kSignedIn},
    {"POST /events", Who::kSignedIn},
    {"GET /events/due", Who::kSignedIn},
    {"GET /events/report", Who::kSignedIn},
    {"GET /events/import", Who::kSignedIn},
    {"GET /events/import/template", Who::kSignedIn},
    {"GET /events/{id}", Who::kSignedIn},
    {"GET /events/{id}/edit", Who::kSignedIn},
    {"POST /events/{id}", Who::kSignedIn},
    {"POST /events/{id}/steps", Who::kSignedIn},
    // Delegations: the service checks the owning province's scope (others: 404 to read, 403 to
    // write); approving or refusing also needs a provincial leader of it or an administrator.
    {"GET /api/v1/delegations", Who::kSignedIn},
    {"POST /api/v1/delegations", Who::kSignedIn},
    {"GET /api/v1/delegations/counts", Who::kSignedIn},
    {"GET /api/v1/delegations/{id}", Who::kSignedIn},
    {"PUT /api/v1/delegations/{id}", Who::kSignedIn},
    {"POST /api/v1/delegations/{id}/steps", Who::kSignedIn},
    // Delegations: the import checks the province of each row; the pages use the same service.
    {"POST /api/v1/delegations/import", Who::kSignedIn},
    {"GET /delegations", Who::kSignedIn},
    {"GET /delegations/new", Who::kSignedIn},
    {"POST /delegations", Who::kSignedIn},
    {"GET /delegations/export", Who::kSignedIn},
    {"GET /delegations/import", Who::kSignedIn},
    {"GET /delegations/import/template", Who::kSignedIn},
    {"GET /delegations/{id}", Who::kSignedIn},
    {"GET /delegations/{id}/edit", Who::kSignedIn},
    {"POST /delegations/{id}", Who::kSignedIn},
    {"POST /delegations/{id}/steps", Who::kSignedIn},
    {"GET /agreements", Who::kSignedIn},
    {"GET /agreements/new", Who::kSignedIn},
    {"POST /agreements", Who::kSignedIn},
    {"GET /agreements/due", Who::kSignedIn},
    {"GET /agreements/{id}", Who::kSignedIn},
    {"GET /agreements/{id}/edit", Who::kSignedIn},
    {"POST /agreements/{id}/edit", Who::kSignedIn},
    {"POST /agreements/{id}/steps", Who::kSignedIn},
    {"POST /agreements/{id}/commitments", Who::kSignedIn},
    {"POST /agreements/{id}/results", Who::kSignedIn},
    // Attachments: the owner's rule decides in the service (an unknown id is a 404).
    {"POST /api/v1/attachments/{entity}/{id}", Who::kSignedIn},
    {"GET /api/v1/attachments/{entity}/{id}", Who::kSignedIn},
    {"DELETE /api/v1/attachments/{id}", Who::kSignedIn},
    {"GET /attachments/{id}", Who::kSignedIn},
    {"GET /attachments/{entity}/{id}", Who::kSignedIn},
    {"POST /attachments/{entity}/{id}", Who::kSignedIn},
    {"POST /attachments/{id}/remove", Who::kSignedIn},
    {"GET /api/v1/holidays", Who::kSignedIn},
    {"POST /api/v1/holidays", Who::kAdmin},
    {"DELETE /api/v1/holidays/{date}", Who::kAdmin},
    {"POST /api/v1/holidays/prefill", Who::kAdmin},
    {"GET /admin/calendar", Who::kAdmin},
    {"POST /admin/calendar/days", Who::kAdmin},
    {"POST /admin/calendar/days/{date}/remove", Who::kAdmin},
    {"POST /admin/calendar/prefill", Who::kAdmin},
    // The calendar of delegations and events: the service reads in the caller's scope; feeds are
    // the caller's own. The feed itself is public: its token is the credential (404 otherwise).
    {"GET /schedule", Who::kSignedIn},
    {"GET /schedule/feeds", Who::kSignedIn},
    {"POST /schedule/feeds", Who::kSignedIn},
    {"POST /schedule/feeds/{id}/revoke", Who::kSignedIn},
    {"GET /schedule/feed/{file}", Who::kAnyone},
    {"GET /api/v1/schedule", Who::kSignedIn},
    {"GET /api/v1/schedule/feeds", Who::kSignedIn},
    {"POST /api/v1/schedule/feeds", Who::kSignedIn},
    {"POST /api/v1/schedule/feeds/{id}/revoke", Who::kSignedIn},
    // Indicators: definitions are read by everyone signed in and written by administrators;
    // rounds are opened by MOFA staff and administrators (the service refuses the others before
    // reading the body); submissions are read and written within the province scope, which the
    // service checks (others: 404 to read, 403 to write).
    {"GET /api/v1/indicators", Who::kSignedIn},
    {"POST /api/v1/indicators", Who::kAdmin},
    {"GET /api/v1/indicators/values", Who::kSignedIn},
    {"GET /api/v1/indicators/{code}", Who::kSignedIn},
    {"PUT /api/v1/indicators/{code}", Who::kAdmin},
    {"GET /api/v1/indicator-rounds", Who::kSignedIn},
    {"POST /api/v1/indicator-rounds", Who::kPartnerMergers},
    {"GET /api/v1/indicator-rounds/{id}", Who::kSignedIn},
    {"GET /api/v1/indicator-rounds/{id}/completeness", Who::kSignedIn},
    {"GET /api/v1/indicator-rounds/{id}/submissions/{unit}", Who::kSignedIn},
    {"PUT /api/v1/indicator-rounds/{id}/submissions/{unit}", Who::kSignedIn},
    {"POST /api/v1/indicator-rounds/{id}/submissions/{unit}/steps", Who::kSignedIn},
    {"GET /indicators", Who::kSignedIn},
    {"GET /indicators/new", Who::kAdmin},
    {"POST /indicators", Who::kAdmin},
    {"GET /indicators/{code}/edit", Who::kAdmin},
    {"POST /indicators/{code}/edit", Who::kAdmin},
    {"GET /indicators/rounds", Who::kSignedIn},
    {"POST /indicators/rounds", Who::kPartnerMergers},
    {"GET /indicators/rounds/{id}", Who::kSignedIn},
    {"GET /indicators/rounds/{id}/{unit}", Who::kSignedIn},
    {"POST /indicators/rounds/{id}/{unit}", Who::kSignedIn},
    {"POST /indicators/rounds/{id}/{unit}/steps", Who::kSignedIn},
    {"GET /dashboard", Who::kSignedIn},
    {"GET /dashboard/province/{id}", Who::kSignedIn},
    {"GET /reports/review", Who::kSignedIn},
    {"GET /api/v1/dashboard", Who::kSignedIn},
    {"GET /api/v1/dashboard/province/{id}", Who::kSignedIn},
    {"GET /api/v1/reports/review", Who::kSignedIn},
};

// Demo logins by role ("" = anonymous).
const std::map<std::string, std::string> kIdentities = {
    {"anonymous", ""},
    {"admin", "demo-admin"},
    {"mofa_staff", "demo-mofa"},
    {"mofa_viewer", "demo-mofa-viewer"},
    {"province_officer", "demo-officer-01"},
    {"province_leader", "demo-leader-01"},
    {"mission_staff", "demo-mission-kr"},
    {"viewer", "demo-viewer"},
};

bool Allowed(Who who, const std::string& role) {
    switch (who) {
        case Who::kAnyone:
        case Who::kAnonymousForm:
            return true;
        case Who::kSignedIn:
            return role != "anonymous";
        case Who::kAuditReaders:
            return role == "admin" || role == "mofa_staff" || role == "mofa_viewer";
        case Who::kAdmin:
            return role == "admin";
        case Who::kPartnerWriters:
            return role == "admin" || role == "mofa_staff" || role == "province_officer" ||
                   role == "province_leader";
        case Who::kPartnerMergers:
            return role == "admin" || role == "mofa_staff";
    }
    return false;
}

std::string Fill(std::string pattern) {
    const std::pair<const char*, const char*> params[] = {
        {"{code}", "79"},   {"{alpha2}", "KR"},       {"{login}", "demo-admin"},
        {"{id}", "999999"}, {"{date}", "2099-12-31"}, {"{entity}", "agreement"}};
    for (const auto& [name, value] : params) {
        if (auto p = pattern.find(name); p != std::string::npos) {
            pattern.replace(p, std::string(name).size(), value);
        }
    }
    if (pattern == "/lang/79")
        return "/lang/en";
    return pattern;
}

class AccessTable : public AppTest {
 protected:
    void SetUp() override {
        AppTest::SetUp();
        std::vector<std::string> logins;
        for (const auto& [role, login] : kIdentities) {
            if (!login.empty())
                logins.push_back(login);
        }
        auto tokens = AddDemoAccounts(app().db_location(), logins);
        for (const auto& [role, login] : kIdentities) {
            if (!login.empty())
                tokens_[role] = tokens[login];
        }
    }
    std::map<std::string, std::string> tokens_;
};

TEST_F(AccessTable, EveryRouteIsInTheTable) {
    for (const auto& route : app().app().router().routes()) {
        std::string key = route.method + " " + route.pattern;
        EXPECT_TRUE(kTable.contains(key))
            << key << " has no row in the access table: decide who "
            << "may call it and add it to tests/accounts/access_test.cpp";
    }
}

TEST_F(AccessTable, EveryRoleIsAllowedOrDeniedAsTheTableSays) {
    for (const auto& route : app().app().router().routes()) {
        auto row = kTable.find(route.method + " " + route.pattern);
        if (row == kTable.end())
            continue;  // reported by EveryRouteIsInTheTable
        std::string target = Fill(route.pattern);
        for (const auto& [role, login] : kIdentities) {
            if (row->second == Who::kAnonymousForm)
                continue;  // checked below
            HeaderList headers;
            if (!login.empty())
                headers.emplace_back("Authorization", "Bearer " + tokens_[role]);
            HttpClient client = app().Client();
            HttpResponse res =
                client.Request(route.method, target, headers, route.method == "GET" ? "" : "{}");
            std::string location = res.Header("Location").value_or("");
            bool denied =
                res.status == 401 || res.status == 403 || location.starts_with("/login?next=");
            bool allowed = Allowed(row->second, role);
            EXPECT_EQ(!denied, allowed)
                << route.method << " " << target << " as " << role << " → " << res.Describe();
            EXPECT_LT(res.status, 500) << route.method << " " << target << " as " << role;
        }
    }
}

TEST_F(AccessTable, SignInFormRefusesAPostWithoutItsCsrfToken) {
    auto res = Post("/login", "login=demo-admin&password=Demo-Ngoaivu-2026",
                    "application/x-www-form-urlencoded");
    EXPECT_EQ(res.status, 403) << res.Describe();
    EXPECT_FALSE(res.Header("Set-Cookie").value_or("").starts_with("nv_session="));
}

}  // namespace
}  // namespace ngoaivu::testing
