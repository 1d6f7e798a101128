#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/config.hpp"

namespace ngoaivu::app {

// What the command line (and the NGOAIVU_* environment) set, before it is turned into configs.
struct CliOptions {
    ServeConfig serve;
    std::int64_t request_ms = 0;
    std::int64_t idle_ms = 0;
    std::int64_t grace_ms = 0;
    std::int64_t busy_ms = 0;
    std::string init_db = "data/ngoaivu.db";
    std::string iso_codes = "/usr/share/iso-codes/json/iso_3166-1.json";
    std::int64_t session_idle_minutes = 30;
    std::int64_t housekeeping_seconds = 600;
    std::uint64_t demo_seed = 1;
    int demo_scale = 1;
    // ngoaivu user ...
    std::string user_login;
    std::string user_name;
    std::string user_email;
    std::vector<std::string> user_roles;
    std::vector<std::string> user_provinces;
    std::vector<std::string> user_countries;
    bool user_all_provinces = false;
    std::string token_name = "cli";
    // ngoaivu backup / restore / migrate-data (their --db is init_db)
    std::string data_from;
    std::string data_to;
    bool data_force = false;
    std::string data_map_users;  // migrate-data --map-users
    // ngoaivu audit verify --anchor ID:HASH (repeatable)
    std::vector<std::string> audit_anchors;
    CLI::App* serve_cmd = nullptr;
    CLI::App* init_cmd = nullptr;
    CLI::App* demo_cmd = nullptr;
    CLI::App* version_cmd = nullptr;
    CLI::App* user_cmd = nullptr;
    CLI::App* audit_cmd = nullptr;
    CLI::App* tallies_cmd = nullptr;
    CLI::App* backup_cmd = nullptr;
    CLI::App* restore_cmd = nullptr;
    CLI::App* migrate_data_cmd = nullptr;
};

// Defines the subcommands serve, init, demo, user, audit, backup, restore, migrate-data and
// version and their options on `cli`, writing into `options`. Each option with an NGOAIVU_*
// environment variable also reads it (--from, --to and --force have none); precedence is flag, then
// environment, then default. Range checks and required options reject bad input with a message
// naming the option.
void DefineCommands(CLI::App& cli, CliOptions& options);

// The ServeConfig after parsing (millisecond options turned into durations).
ServeConfig FinishServeConfig(const CliOptions& options);

// Parses the command line and runs the chosen subcommand; returns the process exit code. Errors
// are printed in Vietnamese and English to standard error.
int RunCli(int argc, char** argv);

}  // namespace ngoaivu::app
