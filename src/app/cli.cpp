#include "app/cli.hpp"

#include <chrono>
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>
#include <sqlite3.h>

#include "app/app.hpp"
#include "base/clock.hpp"
#include "modules/geo/reference_data.hpp"
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

int Init(const std::string& db_path, const std::string& iso_codes) {
    EnsureParentDir(db_path);
    auto db = storage::Open(db_path);
    auto migrations = storage::LoadMigrations(EmbeddedMigrations(), db->backend());
    auto m = storage::Migrate(*db, migrations);
    auto r = geo::LoadReferenceData(*db, iso_codes);
    std::cout << "Đã khởi tạo CSDL / Database initialised: " << db_path << "\n"
              << "  schema: " << m.from_version << " → " << m.to_version << "\n"
              << "  đơn vị hành chính / units: " << r.units << " (" << r.successions
              << " sáp nhập / successions)\n"
              << "  quốc gia / countries: " << r.countries << "\n"
              << "  cơ quan / organisations: " << r.organisations << "\n";
    db->Close();
    return 0;
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

    o.version_cmd = cli.add_subcommand("version", "In phiên bản / Print the version");
}

ServeConfig FinishServeConfig(const CliOptions& o) {
    ServeConfig c = o.serve;
    c.server.request_timeout = std::chrono::milliseconds(o.request_ms);
    c.server.idle_timeout = std::chrono::milliseconds(o.idle_ms);
    c.server.shutdown_grace = std::chrono::milliseconds(o.grace_ms);
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
