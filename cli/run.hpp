#pragma once
/// \file run.hpp
/// Entry point of the mimetool command-line tool.

namespace mimetool::cli {

/// Parses the command line, runs the subcommand and returns the process exit status (sysexits.h).
/// Never throws: every failure becomes one `mimetool: …` line on stderr and a status.
int run(int argc, char** argv) noexcept;

}  // namespace mimetool::cli
