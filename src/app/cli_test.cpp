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
