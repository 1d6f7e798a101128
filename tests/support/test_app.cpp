#include "support/test_app.hpp"

#include <fstream>
#include <stdexcept>

#include "app/demo.hpp"
#include "base/embedded.hpp"
#include "modules/accounts/account_repository.hpp"
#include "modules/accounts/account_service.hpp"
#include "modules/audit/audit_repository.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/calendar/calendar_service.hpp"
#include "modules/geo/reference_data.hpp"
#include "storage/database.hpp"
#include "storage/migrator.hpp"
#include "support/fixed_figures.hpp"

namespace ngoaivu::testing {

std::filesystem::path AssetsDir() {
    return NGOAIVU_TEST_ASSETS_DIR;
}

std::chrono::system_clock::time_point UtcTime(int year, int month, int day, int hour, int minute) {
    using namespace std::chrono;
    sys_days date =
        year_month_day{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
    return time_point_cast<system_clock::duration>(date + hours(hour) + minutes(minute));
}

void InitDatabase(const std::string& location) {
    auto db = storage::Open(location);
    storage::Migrate(*db, storage::LoadMigrations(EmbeddedMigrations(), db->backend()));
    geo::LoadReferenceData(*db, kIsoCodesJson);
    // As `ngoaivu init`, with the clock of TestAppOptions: the holidays of 2015 to 2026.
    calendar::SeedStatutoryCalendar(*db, FakeClock(TestAppOptions().now));
    db->Close();
}

http::ServerOptions TestAppOptions::DefaultServerOptions() {
    http::ServerOptions options;
    options.threads = 2;
    options.shutdown_grace = std::chrono::seconds(2);
    return options;
}

accounts::AccountsConfig TestAppOptions::DefaultAccountsConfig() {
    accounts::AccountsConfig config;
    config.cost = accounts::kTestCost;
    return config;
}

TestApp::TestApp(TestAppOptions options) : options_(std::move(options)), clock_(options_.now) {
    if (options_.load_reference_data) {
        InitDatabase(db_location());
    }
    app::ServeConfig config;
    config.db = db_location();
    config.listen = "127.0.0.1:0";
    config.assets = AssetsDir().string();
    config.log_file = log_path().string();
    config.server = options_.server;
    config.db_pool = options_.db_pool;
    config.db_busy_timeout = options_.db_busy_timeout;
    config.trusted_proxies = options_.trusted_proxies;
    config.accounts = options_.accounts;
    config.housekeeping_interval = options_.housekeeping_interval;
    app_ = std::make_unique<app::App>(std::move(config), clock_,
                                      options_.figures ? options_.figures : &NoFigures());
    port_ = app_->Start(/*handle_signals=*/false);
}

const std::string& TestApp::Token() {
    if (!token_.empty())
        return token_;
    // Through the services, on a second handle on the database, as `ngoaivu user` would do it.
    auto db = storage::Open(db_location());
    audit::SqlAuditRepository audit_repo;
    audit::AuditService audit(*db, audit_repo, clock_);
    accounts::SqlAccountRepository repo;
    accounts::AccountsConfig config = options_.accounts;
    config.dictionary = "";  // built-in words only: loading the dictionary is slow under ASan
    accounts::AccountService service(*db, repo, audit, clock_, config);
    accounts::CreateUserRequest user;
    user.login = kTestLogin;
    user.display_name = "Kiểm thử tích hợp";
    user.password = "Kiem-thu-tich-hop-2025";
    user.roles = {"viewer"};
    user.all_provinces = true;
    auto created = service.CreateUser(Actor::System("tests"), user);
    if (!created)
        throw std::runtime_error("creating the test account: " + created.error().message_en);
    auto token = service.CreateTokenFor(kTestLogin, "integration tests");
    if (!token)
        throw std::runtime_error("creating the test token: " + token.error().message_en);
    token_ = token->token;
    db->Close();
    return token_;
}

HeaderList TestApp::SignedIn(HeaderList headers) {
    headers.emplace_back("Authorization", "Bearer " + Token());
    return headers;
}

TestApp::~TestApp() {
    Stop();
}

void TestApp::Stop() {
    if (stopped_ || !app_)
        return;
    stopped_ = true;
    app_->Stop();
}

HttpResponse TestApp::Get(std::string_view target, const HeaderList& headers) const {
    HttpClient client = Client();
    return client.Get(target, headers);
}

HttpResponse TestApp::Post(std::string_view target, std::string_view body,
                           std::string_view content_type, const HeaderList& headers) const {
    HttpClient client = Client();
    return client.Post(target, body, content_type, headers);
}

std::vector<std::string> TestApp::LogLines() const {
    std::vector<std::string> lines;
    std::ifstream in(log_path());
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty())
            lines.push_back(line);
    }
    return lines;
}

std::vector<nlohmann::json> TestApp::AccessLog() const {
    std::vector<nlohmann::json> out;
    for (const auto& line : LogLines()) {
        auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
        if (j.is_object() && j.value("msg", "") == "request")
            out.push_back(std::move(j));
    }
    return out;
}

TestAccounts::TestAccounts(storage::Database& db, accounts::AccountsConfig config)
    : audit(db, audit_repo, clock), service(db, repo, audit, clock, config) {}

accounts::AccountsConfig TestAccounts::CheapAccountsConfig() {
    accounts::AccountsConfig config;
    config.cost = accounts::kTestCost;
    config.dictionary = "";
    return config;
}

std::map<std::string, std::string> AddDemoAccounts(const std::string& db_path,
                                                   const std::vector<std::string>& token_logins) {
    auto db = storage::Open(db_path);
    // With the dictionary check of the production configuration, as before.
    TestAccounts demo_accounts(*db, TestAppOptions::DefaultAccountsConfig());
    auto& service = demo_accounts.service;
    std::map<std::string, std::string> tokens;
    auto demo = app::AddDemoData(service, 1, 1);
    EXPECT_TRUE(demo.ok());
    for (const auto& login : token_logins) {
        auto token = service.CreateTokenFor(login, "test");
        EXPECT_TRUE(token.ok()) << login;
        if (token)
            tokens[login] = token->token;
    }
    db->Close();
    return tokens;
}

}  // namespace ngoaivu::testing
