#include "app/cli.hpp"

#include <chrono>
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>
#include <sqlite3.h>

#include "app/app.hpp"
#include "app/auth_changes.hpp"
#include "app/data_commands.hpp"
#include "app/demo.hpp"
#include "base/clock.hpp"
#include "http/forwarded.hpp"
#include "modules/accounts/account_repository.hpp"
#include "modules/agreements/agreement_demo.hpp"
#include "modules/agreements/agreement_repository.hpp"
#include "modules/audit/audit_repository.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/calendar/calendar_repository.hpp"
#include "modules/calendar/calendar_service.hpp"
#include "modules/delegations/delegation_demo.hpp"
#include "modules/delegations/delegation_repository.hpp"
#include "modules/events/event_demo.hpp"
#include "modules/events/event_repository.hpp"
#include "modules/geo/reference_data.hpp"
#include "modules/indicators/indicator_demo.hpp"
#include "modules/indicators/indicator_repository.hpp"
#include "modules/partners/partner_repository.hpp"
#include "modules/partners/partner_service.hpp"
#include "storage/migrator.hpp"

namespace ngoaivu::app {

namespace {

void AddDbOption(CLI::App& cmd, std::string& db) {
    cmd.add_option("--db", db, "SQLite file path (or postgresql:// URL) / Đường dẫn CSDL")
        ->envname("NGOAIVU_DB")
        ->capture_default_str();
}

// Creates the folder that will hold a SQLite file, so "data/ngoaivu.db" works on a fresh clone.
void EnsureParentDir(const std::string& db) {
    if (db.find("://") != std::string::npos)
        return;
    std::string path = db.starts_with("sqlite:") ? db.substr(7) : db;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty())
        std::filesystem::create_directories(parent);
}

// The services the maintenance commands need, on a migrated database.
struct Maintenance {
    explicit Maintenance(const std::string& db_path, accounts::AccountsConfig config = {})
        : db(storage::Open(db_path)),
          audit_service(*db, audit_repo, clock),
          auth_changes(OpenAuthChanges(db_path, db->backend(), nullptr)),
          account_service(*db, account_repo, audit_service, clock, std::move(config),
                          auth_changes.get()),
          partner_service(*db, partner_repo, audit_service, clock) {
        storage::Migrate(*db, storage::LoadMigrations(EmbeddedMigrations(), db->backend()));
    }
    ~Maintenance() { db->Close(); }
    SystemClock clock;
    std::unique_ptr<storage::Database> db;
    audit::SqlAuditRepository audit_repo;
    audit::AuditService audit_service;
    accounts::SqlAccountRepository account_repo;
    // Shared with the servers of the same SQLite file: `user disable` reaches them at once.
    std::unique_ptr<SharedCounter> auth_changes;
    accounts::AccountService account_service;
    partners::SqlPartnerRepository partner_repo;
    partners::PartnerService partner_service;
};

int Fail(const Error& e) {
    std::cerr << "Lỗi / Error: " << e.message_vi << " / " << e.message_en << "\n";
    return 1;
}

int Init(const std::string& db_path, const std::string& iso_codes) {
    EnsureParentDir(db_path);
    auto db = storage::Open(db_path);
    auto migrations = storage::LoadMigrations(EmbeddedMigrations(), db->backend());
    auto m = storage::Migrate(*db, migrations);
    auto r = geo::LoadReferenceData(*db, iso_codes);
    int holidays = calendar::SeedStatutoryCalendar(*db, SystemClock());
    std::cout << "Đã khởi tạo CSDL / Database initialised: " << db_path << "\n"
              << "  schema: " << m.from_version << " → " << m.to_version << "\n"
              << "  đơn vị hành chính / units: " << r.units << " (" << r.successions
              << " sáp nhập / successions)\n"
              << "  quốc gia / countries: " << r.countries << "\n"
              << "  cơ quan / organisations: " << r.organisations << "\n"
              << "  ngày nghỉ lễ mới / new holidays: " << holidays << "\n";
    db->Close();
    Maintenance maintenance(db_path);
    if (auto admin = maintenance.account_service.EnsureFirstAdmin()) {
        std::cout << "Quản trị viên đầu tiên / First administrator: admin\n"
                  << "  mật khẩu dùng một lần / one-time password: " << admin->one_time_password
                  << "\n  (phải đổi khi đăng nhập lần đầu / must be changed at first sign-in)\n";
    }
    return 0;
}

int Demo(const std::string& db_path, std::uint64_t seed, int scale) {
    Maintenance m(db_path);
    auto r = AddDemoData(m.account_service, seed, scale, &m.partner_service);
    if (!r)
        return Fail(r.error());
    calendar::SqlCalendarRepository calendar_repo;
    calendar::CalendarService calendar_service(*m.db, calendar_repo, m.audit_service, m.clock);
    agreements::SqlAgreementRepository agreement_repo;
    agreements::AgreementService agreement_service(
        *m.db, agreement_repo, m.audit_service, m.clock,
        [&calendar_service] { return calendar_service.Calendar(); });
    auto agreements_added = agreements::AddDemoAgreements(agreement_service, seed, scale);
    if (!agreements_added)
        return Fail(agreements_added.error());
    events::SqlEventRepository event_repo;
    events::EventService event_service(*m.db, event_repo, m.audit_service, m.clock,
                                       [&calendar_service] { return calendar_service.Calendar(); });
    auto events_added = events::AddDemoEvents(event_service, seed, scale);
    if (!events_added)
        return Fail(events_added.error());
    delegations::SqlDelegationRepository delegation_repo;
    delegations::DelegationService delegation_service(
        *m.db, delegation_repo, agreement_repo, m.audit_service, m.clock,
        [&calendar_service] { return calendar_service.Calendar(); });
    auto delegations_added = delegations::AddDemoDelegations(delegation_service, seed, scale);
    if (!delegations_added)
        return Fail(delegations_added.error());
    indicators::SqlIndicatorRepository indicator_repo;
    indicators::IndicatorService indicator_service(*m.db, indicator_repo, m.audit_service, m.clock);
    auto indicators_added = indicators::AddDemoIndicators(indicator_service, seed, scale);
    if (!indicators_added)
        return Fail(indicators_added.error());
    std::cout << "Dữ liệu mẫu / Demo data (seed " << seed << ", scale " << scale
              << "): " << r->users_created << " tài khoản mới / new accounts, "
              << r->partners_created << " đối tác mới / new partners, "
              << r->sister_relations_created << " quan hệ kết nghĩa mới / new sister relations, "
              << *agreements_added << " thỏa thuận mới / new agreements, " << *events_added
              << " sự kiện mới / new events, " << *delegations_added
              << " đoàn ra, đoàn vào mới / new delegations, " << indicators_added->indicators
              << " chỉ tiêu / indicators, " << indicators_added->rounds << " kỳ báo cáo / rounds, "
              << indicators_added->submissions << " bộ số liệu / data sets\n"
              << "Tài khoản mẫu / demo logins: demo-admin, demo-mofa, demo-mofa-viewer, "
                 "demo-officer-01, demo-leader-01, demo-officer-79, demo-mission-kr, demo-viewer\n"
              << "Mật khẩu / password: " << kDemoPassword << "\n";
    return 0;
}

accounts::CreateUserRequest UserRequest(const CliOptions& o) {
    accounts::CreateUserRequest r;
    r.login = o.user_login;
    r.display_name = o.user_name.empty() ? o.user_login : o.user_name;
    r.email = o.user_email;
    r.roles = o.user_roles;
    r.province_codes = o.user_provinces;
    r.countries = o.user_countries;
    r.all_provinces = o.user_all_provinces;
    return r;
}

int User(const CliOptions& o, const std::string& db_path) {
    Maintenance m(db_path);
    Actor cli = Actor::System("cli");
    auto& svc = m.account_service;
    const std::string& action = o.user_cmd->get_subcommands().front()->get_name();
    if (action == "add") {
        auto r = svc.CreateUser(cli, UserRequest(o));
        if (!r)
            return Fail(r.error());
        std::cout << "Đã tạo / created: " << r->user.login << "\n";
        if (!r->one_time_password.empty()) {
            std::cout << "Mật khẩu dùng một lần / one-time password: " << r->one_time_password
                      << "\n";
        }
    } else if (action == "grant") {
        auto r = svc.Grant(cli, o.user_login, UserRequest(o));
        if (!r)
            return Fail(r.error());
        std::cout << "Đã cấp quyền / granted: " << r->login << "\n";
    } else if (action == "disable" || action == "enable") {
        auto r = svc.SetDisabled(cli, o.user_login, action == "disable");
        if (!r)
            return Fail(r.error());
        std::cout << (action == "disable" ? "Đã khóa / disabled: " : "Đã mở khóa / enabled: ")
                  << r->login << "\n";
    } else if (action == "reset-password") {
        auto r = svc.ResetPassword(cli, o.user_login);
        if (!r)
            return Fail(r.error());
        std::cout << "Mật khẩu dùng một lần / one-time password: " << *r << "\n";
    } else if (action == "list") {
        auto r = svc.ListUsers(cli, {1, PageRequest::kMaxPerPage});
        if (!r)
            return Fail(r.error());
        for (const auto& u : r->items) {
            std::cout << u.login << "\t" << u.display_name << "\t";
            for (const auto& g : u.grants)
                std::cout << RoleName(g.role) << " ";
            std::cout << (u.disabled ? "\t(disabled)" : "") << "\n";
        }
    } else if (action == "token") {
        auto r = svc.CreateTokenFor(o.user_login, o.token_name);
        if (!r)
            return Fail(r.error());
        std::cout << r->token << "\n";
    }
    return 0;
}

int AuditVerify(const std::string& db_path, const std::vector<std::string>& anchor_texts,
                bool print_anchor_only) {
    std::vector<audit::Anchor> anchors;
    for (const auto& text : anchor_texts) {
        auto a = audit::ParseAnchor(text);
        if (!a) {
            std::cerr << "Lỗi / Error: --anchor phải có dạng ID:HASH (HASH gồm 64 chữ số hex) / "
                         "--anchor must be ID:HASH (HASH: 64 hex digits), got \""
                      << text << "\"\n";
            return 1;
        }
        anchors.push_back(*a);
    }
    Maintenance m(db_path);
    auto report = m.audit_service.Verify(anchors);
    if (report.ok) {
        if (print_anchor_only) {
            std::cout << audit::FormatAnchor(report.head_id, report.head_hash) << "\n";
            return 0;
        }
        std::cout << "Nhật ký kiểm toán nguyên vẹn / audit trail intact: " << report.entries
                  << " entries";
        if (!anchors.empty())
            std::cout << ", " << anchors.size() << " anchor(s) match";
        std::cout << "\nMốc hiện tại (lưu ngoài CSDL) / current anchor (keep it outside the "
                     "database): "
                  << audit::FormatAnchor(report.head_id, report.head_hash) << "\n";
        return 0;
    }
    std::cerr << "Nhật ký kiểm toán bị sửa đổi / AUDIT TRAIL TAMPERED: " << report.problem
              << " (entry " << report.first_bad_id << ")\n";
    return 3;
}

int Serve(ServeConfig config) {
    SystemClock clock;
    App app(std::move(config), clock);
    auto port = app.Start(/*handle_signals=*/true);
    std::cerr << "{\"msg\":\"listening\",\"port\":" << port << "}" << std::endl;
    app.Wait();
    app.Stop();
    std::cerr << "{\"msg\":\"stopped\"}" << std::endl;
    return 0;
}

void DefineDataCommands(CLI::App& cli, CliOptions& o) {
    o.backup_cmd = cli.add_subcommand("backup", "Sao lưu CSDL / Back up the database");
    AddDbOption(*o.backup_cmd, o.init_db);
    o.backup_cmd->add_option("--to", o.data_to, "Tệp sao lưu sẽ ghi / Backup file to write")
        ->required();
    o.backup_cmd->add_flag("--force", o.data_force, "Ghi đè --to đã có / Replace an existing --to");
    o.backup_cmd->footer(
        "SQLite: bản sao nhất quán (SQLite online backup) ngay cả khi máy chủ đang chạy, ghi vào "
        "tệp tạm cạnh --to rồi đổi tên; sau đó kiểm tra (integrity_check, phiên bản lược đồ, chuỗi "
        "băm nhật ký kiểm toán).\n"
        "PostgreSQL (--db postgresql://...): chạy pg_dump của Debian (gói postgresql-client, phiên "
        "bản không cũ hơn máy chủ): pg_dump --format=custom --file=TỆP_TẠM URL, không qua shell; "
        "mật khẩu trong URL được chuyển qua PGPASSWORD; ~/.pgpass và các biến PG* cũng dùng được.\n"
        "Mã thoát: 0 xong, 1 bị từ chối hoặc lỗi, 3 chuỗi băm không hợp lệ (bản sao vẫn được "
        "giữ).\n\n"
        "SQLite: a consistent copy (SQLite online backup), even while the server runs, written to "
        "a temporary file beside --to and then renamed; then checked (integrity_check, schema "
        "version, the audit hash chain).\n"
        "PostgreSQL (--db postgresql://...): runs Debian's pg_dump (package postgresql-client, "
        "not older than the server) as pg_dump --format=custom --file=TMP URL, without a shell; a "
        "password in the URL is handed over in PGPASSWORD; ~/.pgpass and the PG* variables work "
        "too. Restore it with ngoaivu restore.\n"
        "Exit code: 0 done, 1 refused or failed, 3 the audit chain does not verify (the copy is "
        "kept).");

    o.restore_cmd = cli.add_subcommand(
        "restore", "Khôi phục CSDL từ bản sao lưu / Restore the database from a backup");
    AddDbOption(*o.restore_cmd, o.init_db);
    o.restore_cmd->add_option("--from", o.data_from, "Tệp sao lưu / Backup file")->required();
    o.restore_cmd->add_flag("--force", o.data_force,
                            "Thay CSDL đã có / Replace an existing database");
    o.restore_cmd->footer(
        "Hãy dừng máy chủ trước khi khôi phục. SQLite: bản sao lưu được kiểm tra trước (tệp "
        "SQLite, integrity_check, phiên bản lược đồ, chuỗi băm); tệp hỏng không làm thay đổi gì; "
        "CSDL được thay nguyên khối (chép vào tệp tạm, fsync, đổi tên) và các tệp -wal/-shm cũ bị "
        "xóa. PostgreSQL: pg_restore --clean --if-exists --no-owner --single-transaction "
        "--dbname=URL TỆP.\n\n"
        "Stop the server while restoring. SQLite: the backup is checked first (a SQLite file, "
        "integrity_check, schema version, audit hash chain), and a bad file changes nothing; the "
        "database is replaced atomically (copied to a temporary file, synced, renamed) and its old "
        "-wal/-shm files are removed. PostgreSQL: pg_restore --clean --if-exists --no-owner "
        "--single-transaction --dbname=URL FILE.\n"
        "Exit code: 0 done, 1 refused or failed, 3 the audit chain does not verify.");

    o.migrate_data_cmd = cli.add_subcommand(
        "migrate-data",
        "Chuyển CSDL của tỉnh vào CSDL quốc gia / Move a province's database into the national "
        "one");
    o.migrate_data_cmd
        ->add_option("--from", o.data_from, "CSDL nguồn (SQLite) / Source database (SQLite)")
        ->required();
    o.migrate_data_cmd
        ->add_option("--to", o.data_to,
                     "CSDL đích (postgresql://...) / Target database (postgresql://...)")
        ->required();
    o.migrate_data_cmd
        ->add_option("--map-users", o.data_map_users,
                     "same-login: tên đăng nhập có ở cả hai CSDL là cùng một người / a login in "
                     "both databases is the same person")
        ->check(CLI::IsMember({"same-login"}));
    o.migrate_data_cmd->footer(
        "Nguồn phải cùng phiên bản lược đồ với chương trình và chuỗi băm hợp lệ; đích được nâng "
        "cấp lược đồ. Đích chưa có hồ sơ: mọi id được giữ nguyên. Đích đã có hồ sơ (một tỉnh "
        "khác): các id được đánh số lại, nhật ký của nguồn được nối vào chuỗi của đích; tên đăng "
        "nhập có ở cả hai bị từ chối trừ khi có --map-users same-login; phiên, API token và lịch "
        "iCalendar không được chuyển. Mọi thứ trong một giao dịch, rồi số dòng và chuỗi băm được "
        "kiểm tra.\n\n"
        "The source must be at this program's schema version and its audit chain must verify; "
        "the target is migrated. A target without records keeps every id. A target with records "
        "(another province): the ids are renumbered and the source's audit entries appended to "
        "the target's chain; a login in both is refused unless --map-users same-login; sessions, "
        "API tokens and calendar feeds are not carried over. All in one transaction, then the "
        "row counts and the audit chain are checked.\n"
        "Exit code: 0 done, 1 refused or failed, 3 an audit chain does not verify.");
}

}  // namespace

void DefineCommands(CLI::App& cli, CliOptions& o) {
    cli.require_subcommand(1);
    cli.set_version_flag("--version", NGOAIVU_VERSION);

    ServeConfig& serve = o.serve;
    serve.assets = DefaultAssetsDir();
    o.serve_cmd = cli.add_subcommand("serve", "Chạy máy chủ web / Run the web server");
    CLI::App* serve_cmd = o.serve_cmd;
    AddDbOption(*serve_cmd, serve.db);
    serve_cmd->add_option("--listen", serve.listen, "HOST:PORT")
        ->envname("NGOAIVU_LISTEN")
        ->capture_default_str();
    serve_cmd->add_option("--assets", serve.assets, "Folder with templates/, static/, i18n/")
        ->envname("NGOAIVU_ASSETS")
        ->capture_default_str();
    serve_cmd->add_option("--log-file", serve.log_file, "JSON-lines log file (default stderr)")
        ->envname("NGOAIVU_LOG_FILE");
    serve_cmd->add_option("--db-pool", serve.db_pool, "Database connections")
        ->envname("NGOAIVU_DB_POOL")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    serve_cmd
        ->add_option("--handler-threads", serve.handler_threads,
                     "Threads running handlers off the event loops (-1 = --db-pool, at most "
                     "two per core, on PostgreSQL; 0 on SQLite)")
        ->envname("NGOAIVU_HANDLER_THREADS")
        ->check(CLI::Range(-1, 1024))
        ->capture_default_str();
    serve_cmd
        ->add_option("--trusted-proxies", serve.trusted_proxies,
                     "Reverse proxies whose X-Forwarded-For is believed: addresses or CIDR "
                     "networks, comma-separated (e.g. 127.0.0.1,10.0.0.0/8)")
        ->envname("NGOAIVU_TRUSTED_PROXIES")
        ->check(CLI::Validator(
            [](std::string& value) {
                auto parsed = http::TrustedProxies::Parse(value);
                return parsed ? std::string() : parsed.error().message_en;
            },
            "ADDRESS[/BITS],...", "trusted proxies"));
    o.busy_ms = serve.db_busy_timeout.count();
    serve_cmd
        ->add_option("--db-busy-timeout-ms", o.busy_ms,
                     "How long a write waits for the write lock before a 503")
        ->envname("NGOAIVU_DB_BUSY_TIMEOUT_MS")
        ->check(CLI::Range(10, 600'000))
        ->capture_default_str();
    auto& lim = serve.server;
    serve_cmd->add_option("--threads", lim.threads, "Event loops (0 = one per core)")
        ->envname("NGOAIVU_THREADS")
        ->check(CLI::Range(0, 256))
        ->capture_default_str();
    serve_cmd->add_option("--max-header-bytes", lim.max_header_bytes, "Request line + headers")
        ->envname("NGOAIVU_MAX_HEADER_BYTES")
        ->check(CLI::Range(1024, 1 << 20))
        ->capture_default_str();
    serve_cmd->add_option("--max-target-bytes", lim.max_target_bytes, "Request target (URL)")
        ->envname("NGOAIVU_MAX_TARGET_BYTES")
        ->check(CLI::Range(256, 1 << 20))
        ->capture_default_str();
    serve_cmd->add_option("--max-body-bytes", lim.max_body_bytes, "Request body")
        ->envname("NGOAIVU_MAX_BODY_BYTES")
        ->check(CLI::Range(1024, 1 << 30))
        ->capture_default_str();
    serve_cmd
        ->add_option("--max-upload-bytes", lim.max_upload_bytes,
                     "Request body of an upload (imports, attachments)")
        ->envname("NGOAIVU_MAX_UPLOAD_BYTES")
        ->check(CLI::Range(1024, 1 << 30))
        ->capture_default_str();
    o.request_ms = lim.request_timeout.count();
    o.idle_ms = lim.idle_timeout.count();
    o.grace_ms = lim.shutdown_grace.count();
    serve_cmd->add_option("--request-timeout-ms", o.request_ms, "Time to receive one request")
        ->envname("NGOAIVU_REQUEST_TIMEOUT_MS")
        ->check(CLI::Range(100, 3'600'000))
        ->capture_default_str();
    serve_cmd->add_option("--idle-timeout-ms", o.idle_ms, "Keep-alive idle time")
        ->envname("NGOAIVU_IDLE_TIMEOUT_MS")
        ->check(CLI::Range(100, 3'600'000))
        ->capture_default_str();
    serve_cmd->add_option("--max-connections", lim.max_connections, "Open connections")
        ->envname("NGOAIVU_MAX_CONNECTIONS")
        ->check(CLI::Range(1, 1'000'000))
        ->capture_default_str();
    serve_cmd->add_option("--shutdown-grace-ms", o.grace_ms, "In-flight time on SIGTERM")
        ->envname("NGOAIVU_SHUTDOWN_GRACE_MS")
        ->check(CLI::Range(0, 600'000))
        ->capture_default_str();

    o.init_cmd = cli.add_subcommand(
        "init", "Tạo CSDL, nạp dữ liệu tham chiếu / Create the database, load reference data");
    AddDbOption(*o.init_cmd, o.init_db);
    o.init_cmd->add_option("--iso-codes", o.iso_codes, "Debian iso-codes ISO 3166-1 JSON")
        ->envname("NGOAIVU_ISO_CODES")
        ->capture_default_str();

    serve_cmd->add_flag("--secure-cookies", serve.secure_cookies, "Mark cookies Secure (TLS)")
        ->envname("NGOAIVU_SECURE_COOKIES");
    serve_cmd->add_option("--session-idle-minutes", o.session_idle_minutes, "Session idle limit")
        ->envname("NGOAIVU_SESSION_IDLE_MINUTES")
        ->check(CLI::Range(1, 24 * 60))
        ->capture_default_str();
    serve_cmd
        ->add_option("--housekeeping-seconds", o.housekeeping_seconds,
                     "Dọn phiên hết hạn, lượt đăng nhập cũ và ghi mốc nhật ký kiểm toán mỗi N giây "
                     "(0: không) / Purge expired sessions and old login attempts and log the audit "
                     "anchor every N seconds (0: never)")
        ->envname("NGOAIVU_HOUSEKEEPING_SECONDS")
        ->check(CLI::Range(0, 24 * 3600))
        ->capture_default_str();

    o.demo_cmd = cli.add_subcommand("demo", "Thêm dữ liệu mẫu / Add demo data");
    AddDbOption(*o.demo_cmd, o.init_db);
    o.demo_cmd->add_option("--seed", o.demo_seed, "Random seed (same seed, same data)")
        ->capture_default_str();
    o.demo_cmd->add_option("--scale", o.demo_scale, "1 = a real country's volume")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();

    o.user_cmd = cli.add_subcommand("user", "Quản lý tài khoản / Manage accounts");
    o.user_cmd->require_subcommand(1);
    AddDbOption(*o.user_cmd, o.init_db);
    auto login_opt = [&o](CLI::App* c) {
        c->add_option("--login", o.user_login, "Login")->required();
    };
    auto grants_opt = [&o](CLI::App* c) {
        c->add_option("--role", o.user_roles,
                      "admin, mofa_staff, mofa_viewer, province_officer, province_leader, "
                      "mission_staff, viewer");
        c->add_option("--province", o.user_provinces, "Current province code (01, 79 ...)");
        c->add_option("--country", o.user_countries, "ISO alpha-2 (mission staff)");
        c->add_flag("--all-provinces", o.user_all_provinces, "Scope: every province");
    };
    auto* add = o.user_cmd->add_subcommand("add", "Tạo tài khoản / Create an account");
    login_opt(add);
    add->add_option("--name", o.user_name, "Full name");
    add->add_option("--email", o.user_email, "Email");
    grants_opt(add);
    auto* grant = o.user_cmd->add_subcommand("grant", "Cấp vai trò / Grant roles");
    login_opt(grant);
    grants_opt(grant);
    login_opt(o.user_cmd->add_subcommand("disable", "Khóa / Disable"));
    login_opt(o.user_cmd->add_subcommand("enable", "Mở khóa / Enable"));
    login_opt(o.user_cmd->add_subcommand("reset-password",
                                         "Đặt lại mật khẩu (phải đổi) / Reset (must change)"));
    o.user_cmd->add_subcommand("list", "Danh sách / List");
    auto* token = o.user_cmd->add_subcommand("token", "Tạo mã API / Create an API token");
    login_opt(token);
    token->add_option("--name", o.token_name, "Token name")->capture_default_str();

    // "ngoaivu user token --db PATH --login L": --db given after the action reaches `user`.
    for (auto* sub : o.user_cmd->get_subcommands({}))
        sub->fallthrough();

    o.audit_cmd = cli.add_subcommand("audit", "Nhật ký kiểm toán / Audit trail");
    o.audit_cmd->require_subcommand(1);
    AddDbOption(*o.audit_cmd, o.init_db);
    auto* verify =
        o.audit_cmd->add_subcommand("verify", "Kiểm tra chuỗi băm / Verify the hash chain");
    verify->fallthrough();
    verify->add_option("--anchor", o.audit_anchors,
                       "Mốc ID:HASH đã lưu ngoài CSDL (lặp được) / An ID:HASH anchor kept outside "
                       "the database (repeatable)");
    verify->footer(
        "In ra mốc hiện tại (ID:HASH của mục mới nhất); lưu mốc ở nơi khác (sổ vận hành, gửi "
        "Bộ Ngoại giao) rồi kiểm tra lại bằng --anchor: chuỗi bị viết lại và băm lại từ trước "
        "mốc sẽ bị phát hiện. Máy chủ cũng ghi mốc vào nhật ký sau mỗi lượt dọn dẹp.\n"
        "Prints the current anchor (ID:HASH of the newest entry); keep it elsewhere (the "
        "operator's log book, a message to MOFA) and check it later with --anchor: a chain "
        "rewritten and re-hashed from before the anchor is detected. The server also logs the "
        "anchor at each housekeeping pass.\n"
        "Exit code: 0 intact, 1 bad arguments, 3 the chain or an anchor does not verify.");
    o.audit_cmd
        ->add_subcommand("anchor",
                         "In mốc ID:HASH sau khi kiểm tra / Verify, then print the "
                         "ID:HASH anchor only")
        ->fallthrough();

    o.tallies_cmd =
        cli.add_subcommand("tallies", "Bảng đếm cho bảng điều khiển / The dashboards' tallies");
    o.tallies_cmd->require_subcommand(1);
    AddDbOption(*o.tallies_cmd, o.init_db);
    o.tallies_cmd
        ->add_subcommand("verify",
                         "Đếm lại từ hồ sơ và so sánh / Count again from the records "
                         "and compare")
        ->fallthrough();
    o.tallies_cmd->add_subcommand("rebuild", "Đếm lại và thay thế / Count again and replace them")
        ->fallthrough();
    o.tallies_cmd->footer(
        "Bảng điều khiển đọc số đếm theo năm, tỉnh và loại, được trigger cập nhật cùng giao dịch "
        "với mỗi lần ghi hồ sơ.\n"
        "The dashboards read counts per year, province and kind, kept by triggers in the same "
        "transaction as each write of a record.\n"
        "Exit code: 0 the tallies agree with the records, 1 bad arguments or database, 3 they "
        "differ.");

    DefineDataCommands(cli, o);

    o.version_cmd = cli.add_subcommand("version", "In phiên bản / Print the version");
}

ServeConfig FinishServeConfig(const CliOptions& o) {
    ServeConfig c = o.serve;
    c.server.request_timeout = std::chrono::milliseconds(o.request_ms);
    c.server.idle_timeout = std::chrono::milliseconds(o.idle_ms);
    c.server.shutdown_grace = std::chrono::milliseconds(o.grace_ms);
    c.db_busy_timeout = std::chrono::milliseconds(o.busy_ms);
    c.accounts.session_idle = std::chrono::minutes(o.session_idle_minutes);
    c.housekeeping_interval = std::chrono::seconds(o.housekeeping_seconds);
    return c;
}

int RunCli(int argc, char** argv) {
    CLI::App cli{
        "Ngoaivu — hệ thống thông tin đối ngoại địa phương / information system for Vietnam's "
        "local foreign affairs.\nOptions: a flag wins over its NGOAIVU_* environment variable, "
        "which wins over the default."};
    CliOptions o;
    DefineCommands(cli, o);
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e);
    }

    try {
        if (*o.serve_cmd)
            return Serve(FinishServeConfig(o));
        if (*o.init_cmd)
            return Init(o.init_db, o.iso_codes);
        if (*o.demo_cmd)
            return Demo(o.init_db, o.demo_seed, o.demo_scale);
        if (*o.user_cmd)
            return User(o, o.init_db);
        if (*o.audit_cmd)
            return AuditVerify(o.init_db, o.audit_anchors, o.audit_cmd->got_subcommand("anchor"));
        if (*o.tallies_cmd)
            return Tallies({o.init_db, o.tallies_cmd->got_subcommand("rebuild")}, std::cout,
                           std::cerr);
        if (*o.backup_cmd)
            return Backup({o.init_db, o.data_to, o.data_force}, std::cout, std::cerr);
        if (*o.restore_cmd)
            return Restore({o.data_from, o.init_db, o.data_force}, std::cout, std::cerr);
        if (*o.migrate_data_cmd)
            return MigrateData({o.data_from, o.data_to, o.data_map_users}, std::cout, std::cerr);
        if (*o.version_cmd) {
            std::cout
                << "ngoaivu " << NGOAIVU_VERSION << " (SQLite " << sqlite3_libversion()
                << ", schema "
                << storage::LoadMigrations(EmbeddedMigrations(), storage::Backend::kSqlite).size()
                << ")\n";
            return 0;
        }
    } catch (const std::exception& e) {
        std::cerr << "Lỗi / Error: " << e.what() << "\n";
        return 1;
    }
    return 2;
}

}  // namespace ngoaivu::app
