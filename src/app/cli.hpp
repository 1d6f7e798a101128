#pragma once

namespace ngoaivu::app {

// Parses the command line and runs the chosen subcommand (serve, init, demo, version); returns
// the process exit code. Errors are printed in Vietnamese and English to standard error.
int RunCli(int argc, char** argv);

}  // namespace ngoaivu::app
