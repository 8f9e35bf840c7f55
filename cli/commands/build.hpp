#pragma once
/// \file build.hpp
/// `mimetool build`: composes a message from options, a JSON spec (docs/BUILD_SPEC.md) or an
/// exploded folder's manifest, and writes it to a file or standard output.

#include <string>
#include <vector>

namespace mimetool::cli {

/// Runs `mimetool build`. `argv[0]` … `argv[argc - 1]` are the arguments after the word "build"
/// (there is no program name in argv[0]). Writes the message to standard output or to the file
/// named by -o (through a temporary file renamed into place: nothing is left behind on error),
/// prints `mimetool: build: <problem>` on standard error on failure, and returns a sysexits.h
/// status: 0, 64 (usage, bad address/header/charset), 65 (text not representable in the charset,
/// malformed spec), 66 (input file missing), 73 (cannot create the output), 74 (I/O error).
/// Never throws.
int run_build(int argc, char** argv) noexcept;

/// The same, with the arguments after "build" as strings.
int run_build(const std::vector<std::string>& args) noexcept;

}  // namespace mimetool::cli
