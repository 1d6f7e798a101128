#pragma once

#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

#include "app/config.hpp"

namespace ngoaivu::app {

// What the command line (and the NGOAIVU_* environment) set, before it is turned into configs.
struct CliOptions {
    ServeConfig serve;
    std::int64_t request_ms = 0;
    std::int64_t idle_ms = 0;
    std::int64_t grace_ms = 0;
    std::string init_db = "data/ngoaivu.db";
    std::string iso_codes = "/usr/share/iso-codes/json/iso_3166-1.json";
    CLI::App* serve_cmd = nullptr;
    CLI::App* init_cmd = nullptr;
    CLI::App* version_cmd = nullptr;
};

// Defines the subcommands serve, init and version and their options on `cli`, writing into
// `options`. Each option also reads its NGOAIVU_* environment variable; precedence is flag, then
// environment, then default. Range checks reject bad values with a message naming the option.
void DefineCommands(CLI::App& cli, CliOptions& options);

// The ServeConfig after parsing (millisecond options turned into durations).
ServeConfig FinishServeConfig(const CliOptions& options);

// Parses the command line and runs the chosen subcommand; returns the process exit code. Errors
// are printed in Vietnamese and English to standard error.
int RunCli(int argc, char** argv);

}  // namespace ngoaivu::app
