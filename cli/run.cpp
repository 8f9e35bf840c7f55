#include "run.hpp"

#include <cstdio>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "commands/build.hpp"
#include "commands/commands.hpp"
#include "failure.hpp"
#include "mimetool/version.hpp"
#include "options/options.hpp"
#include "output.hpp"
#include "output_dir.hpp"

namespace mimetool::cli {

// The one table from library error classes to sysexits.h statuses.
Exit exit_for(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::invalid_argument: return Exit::usage;
    case ErrorCode::data: return Exit::data;
    case ErrorCode::no_input: return Exit::no_input;
    case ErrorCode::cant_create: return Exit::cant_create;
    case ErrorCode::io: return Exit::io;
    case ErrorCode::unknown_charset: return Exit::data;
    case ErrorCode::invalid_sequence: return Exit::data;
    case ErrorCode::limit_exceeded: return Exit::data;
  }
  return Exit::data;
}

namespace {

constexpr int internal_error = 70;  // EX_SOFTWARE: a bug, or memory exhausted

Exit dispatch(const std::string& command, const std::vector<std::string>& rest) {
  if (command == "explode") {
    if (auto a = parse_explode_args(rest)) return explode(*a);
  } else if (command == "tree") {
    if (auto a = parse_tree_args(rest)) return tree(*a);
  } else if (command == "cat") {
    if (auto a = parse_cat_args(rest)) return cat(*a);
  } else if (command == "headers") {
    if (auto a = parse_headers_args(rest)) return headers(*a);
  } else if (command == "build") {
    return static_cast<Exit>(run_build(rest));
  } else {
    throw UsageError("unknown command '" + command + "' (commands: explode, tree, cat, headers, build)");
  }
  return Exit::ok;  // help was printed
}

}  // namespace

int run(int argc, char** argv) noexcept {
  try {
    init_umask();
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
      std::cerr << main_usage();
      return static_cast<int>(Exit::usage);
    }
    const std::string& first = args[0];
    if (first == "-h" || first == "--help" || first == "help") {
      if (first == "help" && args.size() > 1) return static_cast<int>(dispatch(args[1], {"--help"}));
      std::cout << main_usage();
      std::cout.flush();
      return std::cout ? 0 : static_cast<int>(Exit::io);
    }
    if (first == "--version" || first == "-V") {
      std::cout << "mimetool " << MIMETOOL_VERSION_STRING << "\n";
      std::cout.flush();
      return std::cout ? 0 : static_cast<int>(Exit::io);
    }
    if (first.starts_with("-")) throw UsageError("unknown option '" + first + "' (try 'mimetool --help')");
    const Exit status = dispatch(first, std::vector<std::string>(args.begin() + 1, args.end()));
    std::cout.flush();
    return static_cast<int>(status);
  } catch (const UsageError& e) {
    print_error_line(e.line() + " (see 'mimetool --help')");
    return static_cast<int>(Exit::usage);
  } catch (const Failure& f) {
    print_error_line(f.line());
    return static_cast<int>(f.status());
  } catch (const std::bad_alloc&) {
    std::fputs("mimetool: out of memory\n", stderr);
    return internal_error;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mimetool: internal error: %s\n", e.what());
    return internal_error;
  } catch (...) {
    std::fputs("mimetool: internal error\n", stderr);
    return internal_error;
  }
}

}  // namespace mimetool::cli
