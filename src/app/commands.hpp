#pragma once
namespace sweetshop::app {
/// Parses the command line and runs the chosen subcommand; returns the process exit code.
int run_cli(int argc, char** argv);
}  // namespace sweetshop::app
