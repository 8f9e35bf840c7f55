#pragma once
/// \file options.hpp
/// Typed arguments of each subcommand, parsed from the command line with Boost.Program_options.
/// Parsing functions throw UsageError on bad input and return nullopt when help was printed.

#include <optional>
#include <string>
#include <vector>

#include "mimetool/message.hpp"

namespace mimetool::cli {

/// `mimetool explode [-o DIR] [--json] [--force] [--strict] [--jobs N] [--mbox FILE] INPUT…`
struct ExplodeArgs {
  std::vector<std::string> inputs;  ///< message files, directories, or "-" for stdin
  std::vector<std::string> mboxes;  ///< --mbox files, split into messages
  std::string out_dir;              ///< -o; empty when not given
  bool json = false;
  bool force = false;
  bool strict = false;
  unsigned jobs = 0;                ///< 0: number of cores
  ParseOptions limits;              ///< --max-depth, --max-parts, --max-header-fields, --max-header-bytes
};

/// `mimetool tree [--json] [--no-color] [--strict] INPUT`
struct TreeArgs {
  std::string input;
  bool json = false;
  bool no_color = false;
  bool strict = false;
  ParseOptions limits;              ///< --max-depth, --max-parts, --max-header-fields, --max-header-bytes
};

/// `mimetool cat [--text|--raw] [--strict] INPUT PATH`
struct CatArgs {
  std::string input;
  std::string path;
  bool text = false;
  bool raw = false;
  bool strict = false;
  ParseOptions limits;              ///< --max-depth, --max-parts, --max-header-fields, --max-header-bytes
};

/// `mimetool headers [--json] [--strict] INPUT`
struct HeadersArgs {
  std::string input;
  bool json = false;
  bool strict = false;
  ParseOptions limits;              ///< --max-depth, --max-parts, --max-header-fields, --max-header-bytes
};

/// Each parser takes the arguments after the subcommand name. Help (`-h`/`--help`) prints the
/// usage with examples on stdout and returns nullopt.
std::optional<ExplodeArgs> parse_explode_args(const std::vector<std::string>& args);
std::optional<TreeArgs> parse_tree_args(const std::vector<std::string>& args);
std::optional<CatArgs> parse_cat_args(const std::vector<std::string>& args);
std::optional<HeadersArgs> parse_headers_args(const std::vector<std::string>& args);

/// The top-level usage text (subcommands and global options).
std::string main_usage();

}  // namespace mimetool::cli
