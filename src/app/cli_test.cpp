#include "app/cli.hpp"

#include <cstdlib>
#include <vector>

#include <gtest/gtest.h>

namespace ngoaivu::app {
namespace {

// Parses `args` (without the program name) the way `ngoaivu` does.
struct Parsed {
    CLI::App cli{"test"};
    CliOptions options;
    std::string error;
    explicit Parsed(std::vector<std::string> args) {
        DefineCommands(cli, options);
        std::vector<const char*> argv{"ngoaivu"};
        for (const auto& a : args)
            argv.push_back(a.c_str());
        try {
            cli.parse(static_cast<int>(argv.size()), const_cast<char**>(argv.data()));
        } catch (const CLI::ParseError& e) {
            error = e.what();
        }
    }
};

// Sets an environment variable for the lifetime of the object.
class ScopedEnv {
 public:
    ScopedEnv(const char* name, const char* value) : name_(name) { setenv(name, value, 1); }
    ~ScopedEnv() { unsetenv(name_); }

 private:
    const char* name_;
};

TEST(ConfigPrecedence, DefaultsApplyWithoutFlagsOrEnvironment) {
    Parsed p({"serve"});
    ASSERT_EQ(p.error, "");
    ServeConfig c = FinishServeConfig(p.options);
    EXPECT_EQ(c.db, "data/ngoaivu.db");
    EXPECT_EQ(c.listen, "127.0.0.1:8080");
    EXPECT_EQ(c.server.max_body_bytes, 1024u * 1024u);
    EXPECT_EQ(c.server.request_timeout, std::chrono::milliseconds(30'000));
}

TEST(ConfigPrecedence, EnvironmentBeatsDefault) {
    ScopedEnv db("NGOAIVU_DB", "/tmp/from-env.db");
    ScopedEnv listen("NGOAIVU_LISTEN", "0.0.0.0:9000");
    ScopedEnv timeout("NGOAIVU_REQUEST_TIMEOUT_MS", "1500");
    Parsed p({"serve"});
    ASSERT_EQ(p.error, "");
    ServeConfig c = FinishServeConfig(p.options);
    EXPECT_EQ(c.db, "/tmp/from-env.db");
    EXPECT_EQ(c.listen, "0.0.0.0:9000");
    EXPECT_EQ(c.server.request_timeout, std::chrono::milliseconds(1500));
}

TEST(ConfigPrecedence, FlagBeatsEnvironment) {
    ScopedEnv db("NGOAIVU_DB", "/tmp/from-env.db");
    ScopedEnv body("NGOAIVU_MAX_BODY_BYTES", "4096");
    Parsed p({"serve", "--db", "/tmp/from-flag.db", "--max-body-bytes", "8192"});
    ASSERT_EQ(p.error, "");
    ServeConfig c = FinishServeConfig(p.options);
    EXPECT_EQ(c.db, "/tmp/from-flag.db");
    EXPECT_EQ(c.server.max_body_bytes, 8192u);
}

TEST(ConfigPrecedence, DatabaseTuningHasDefaultsEnvironmentAndFlags) {
    {
        Parsed p({"serve"});
        ASSERT_EQ(p.error, "");
        ServeConfig c = FinishServeConfig(p.options);
        EXPECT_EQ(c.handler_threads, -1) << "automatic by backend";
        EXPECT_EQ(c.db_busy_timeout, std::chrono::milliseconds(5000));
    }
    ScopedEnv threads("NGOAIVU_HANDLER_THREADS", "6");
    ScopedEnv busy("NGOAIVU_DB_BUSY_TIMEOUT_MS", "750");
    Parsed p({"serve", "--handler-threads", "3"});
    ASSERT_EQ(p.error, "");
    ServeConfig c = FinishServeConfig(p.options);
    EXPECT_EQ(c.handler_threads, 3);
    EXPECT_EQ(c.db_busy_timeout, std::chrono::milliseconds(750));
}

TEST(ConfigValidation, RejectsAnImpossibleHandlerThreadCountOrBusyTimeout) {
    EXPECT_NE(Parsed({"serve", "--handler-threads", "-2"}).error.find("--handler-threads"),
              std::string::npos);
    EXPECT_NE(Parsed({"serve", "--db-busy-timeout-ms", "0"}).error.find("--db-busy-timeout-ms"),
              std::string::npos);
}

TEST(ConfigValidation, TrustedProxiesAreCheckedAndTakenFromTheEnvironment) {
    {
        ScopedEnv proxies("NGOAIVU_TRUSTED_PROXIES", "127.0.0.1,10.0.0.0/8");
        Parsed p({"serve"});
        ASSERT_EQ(p.error, "");
        EXPECT_EQ(FinishServeConfig(p.options).trusted_proxies, "127.0.0.1,10.0.0.0/8");
    }
    Parsed bad({"serve", "--trusted-proxies", "10.0.0.0/40"});
    EXPECT_NE(bad.error.find("--trusted-proxies"), std::string::npos) << bad.error;
    EXPECT_NE(bad.error.find("10.0.0.0/40"), std::string::npos) << bad.error;
}

TEST(ConfigPrecedence, InitReadsTheSameDatabaseVariable) {
    ScopedEnv db("NGOAIVU_DB", "/tmp/init-env.db");
    Parsed p({"init"});
    ASSERT_EQ(p.error, "");
    EXPECT_EQ(p.options.init_db, "/tmp/init-env.db");
}

TEST(ConfigValidation, RejectsOutOfRangeLimitNamingTheOption) {
    Parsed p({"serve", "--max-body-bytes", "10"});
    EXPECT_NE(p.error.find("--max-body-bytes"), std::string::npos) << p.error;
}

TEST(ConfigValidation, RejectsNonNumericEnvironmentValue) {
    ScopedEnv threads("NGOAIVU_THREADS", "many");
    Parsed p({"serve"});
    EXPECT_FALSE(p.error.empty());
}

TEST(ConfigValidation, RequiresASubcommand) {
    Parsed p({});
    EXPECT_FALSE(p.error.empty());
}

TEST(ConfigPrecedence, HousekeepingIntervalHasADefaultEnvironmentAndFlag) {
    EXPECT_EQ(FinishServeConfig(Parsed({"serve"}).options).housekeeping_interval,
              std::chrono::seconds(600));
    ScopedEnv env("NGOAIVU_HOUSEKEEPING_SECONDS", "60");
    EXPECT_EQ(FinishServeConfig(Parsed({"serve"}).options).housekeeping_interval,
              std::chrono::seconds(60));
    Parsed flag({"serve", "--housekeeping-seconds", "0"});
    ASSERT_EQ(flag.error, "");
    EXPECT_EQ(FinishServeConfig(flag.options).housekeeping_interval, std::chrono::seconds(0));
    EXPECT_NE(Parsed({"serve", "--housekeeping-seconds", "-5"}).error, "");
}

TEST(CliAuditOptions, VerifyTakesRepeatedAnchorsAndAnchorIsASubcommand) {
    Parsed p({"audit", "verify", "--anchor", "1:aa", "--anchor", "2:bb", "--db", "/srv/n.db"});
    ASSERT_EQ(p.error, "");
    EXPECT_EQ(p.options.audit_anchors, (std::vector<std::string>{"1:aa", "2:bb"}));
    EXPECT_EQ(p.options.init_db, "/srv/n.db");
    Parsed anchor({"audit", "anchor", "--db", "/srv/n.db"});
    ASSERT_EQ(anchor.error, "");
    EXPECT_TRUE(anchor.options.audit_cmd->got_subcommand("anchor"));
}

TEST(CliBackupOptions, ReadTheDatabaseTheFileAndForce) {
    Parsed p({"backup", "--db", "/srv/ngoaivu.db", "--to", "/backups/b.db", "--force"});
    ASSERT_EQ(p.error, "");
    ASSERT_TRUE(*p.options.backup_cmd);
    EXPECT_EQ(p.options.init_db, "/srv/ngoaivu.db");
    EXPECT_EQ(p.options.data_to, "/backups/b.db");
    EXPECT_TRUE(p.options.data_force);
}

TEST(CliBackupOptions, TakeTheDatabaseFromTheEnvironmentAndDoNotForceByDefault) {
    ScopedEnv db("NGOAIVU_DB", "postgresql://ngoaivu@db/ngoaivu");
    Parsed p({"backup", "--to", "national.dump"});
    ASSERT_EQ(p.error, "");
    EXPECT_EQ(p.options.init_db, "postgresql://ngoaivu@db/ngoaivu");
    EXPECT_FALSE(p.options.data_force);
}

TEST(CliBackupOptions, RequireToNamingIt) {
    Parsed p({"backup", "--db", "a.db"});
    EXPECT_NE(p.error.find("--to"), std::string::npos) << p.error;
}

TEST(CliBackupOptions, RejectAnUnknownOption) {
    Parsed p({"backup", "--to", "b.db", "--overwrite"});
    EXPECT_NE(p.error.find("--overwrite"), std::string::npos) << p.error;
}

TEST(CliRestoreOptions, ReadTheBackupTheDatabaseAndForce) {
    Parsed p({"restore", "--from", "b.db", "--db", "data/ngoaivu.db", "--force"});
    ASSERT_EQ(p.error, "");
    ASSERT_TRUE(*p.options.restore_cmd);
    EXPECT_EQ(p.options.data_from, "b.db");
    EXPECT_EQ(p.options.init_db, "data/ngoaivu.db");
    EXPECT_TRUE(p.options.data_force);
}

TEST(CliRestoreOptions, RequireFromNamingIt) {
    Parsed p({"restore", "--db", "a.db"});
    EXPECT_NE(p.error.find("--from"), std::string::npos) << p.error;
}

TEST(CliRestoreOptions, TakeNoValueForForce) {
    Parsed p({"restore", "--from", "b.db", "--force=maybe"});
    EXPECT_FALSE(p.error.empty());
}

TEST(CliMigrateDataOptions, ReadSourceAndTarget) {
    Parsed p({"migrate-data", "--from", "tinh.db", "--to", "postgresql://u@h/national"});
    ASSERT_EQ(p.error, "");
    ASSERT_TRUE(*p.options.migrate_data_cmd);
    EXPECT_EQ(p.options.data_from, "tinh.db");
    EXPECT_EQ(p.options.data_to, "postgresql://u@h/national");
}

TEST(CliMigrateDataOptions, RequireBothFromAndTo) {
    Parsed no_to({"migrate-data", "--from", "tinh.db"});
    EXPECT_NE(no_to.error.find("--to"), std::string::npos) << no_to.error;
    Parsed no_from({"migrate-data", "--to", "national.db"});
    EXPECT_NE(no_from.error.find("--from"), std::string::npos) << no_from.error;
}

TEST(CliMigrateDataOptions, TakeSameLoginAsTheOnlyUserMapping) {
    Parsed p({"migrate-data", "--from", "a.db", "--to", "b.db", "--map-users", "same-login"});
    ASSERT_EQ(p.error, "");
    EXPECT_EQ(p.options.data_map_users, "same-login");
    Parsed none({"migrate-data", "--from", "a.db", "--to", "b.db"});
    ASSERT_EQ(none.error, "");
    EXPECT_EQ(none.options.data_map_users, "");
    Parsed bad({"migrate-data", "--from", "a.db", "--to", "b.db", "--map-users", "by-email"});
    EXPECT_NE(bad.error.find("--map-users"), std::string::npos) << bad.error;
}

TEST(CliMigrateDataOptions, IgnoreTheDatabaseVariable) {
    ScopedEnv db("NGOAIVU_DB", "/tmp/from-env.db");
    Parsed p({"migrate-data", "--from", "a.db", "--to", "b.db"});
    ASSERT_EQ(p.error, "");
    EXPECT_EQ(p.options.data_from, "a.db");
    EXPECT_EQ(p.options.data_to, "b.db");
}

TEST(ParseListen, AcceptsHostPortAndBracketedIpv6) {
    std::string host;
    std::uint16_t port = 0;
    ASSERT_TRUE(ParseListen("127.0.0.1:8080", &host, &port));
    EXPECT_EQ(host, "127.0.0.1");
    EXPECT_EQ(port, 8080);
    ASSERT_TRUE(ParseListen("[::1]:0", &host, &port));
    EXPECT_EQ(host, "::1");
    EXPECT_EQ(port, 0);
}

TEST(ParseListen, RejectsMissingPortOrOutOfRange) {
    std::string host;
    std::uint16_t port = 0;
    EXPECT_FALSE(ParseListen("127.0.0.1", &host, &port));
    EXPECT_FALSE(ParseListen("127.0.0.1:", &host, &port));
    EXPECT_FALSE(ParseListen(":8080", &host, &port));
    EXPECT_FALSE(ParseListen("127.0.0.1:65536", &host, &port));
    EXPECT_FALSE(ParseListen("127.0.0.1:80x", &host, &port));
}

}  // namespace
}  // namespace ngoaivu::app
