#pragma once
/// \file commands.hpp
/// The subcommands. Each returns the exit status; failures that end the whole command are thrown
/// as Failure and reported by run().

#include <string>
#include <vector>

#include "document.hpp"
#include "failure.hpp"
#include "options/options.hpp"

namespace mimetool::cli {

Exit explode(const ExplodeArgs& args);
Exit tree(const TreeArgs& args);
Exit cat(const CatArgs& args);
Exit headers(const HeadersArgs& args);

/// The stderr lines for a document's diagnostics:
/// `mimetool: warning: <input> @<offset>: <code>: <detail> (part <path>)`.
std::vector<std::string> warning_lines(const Document& doc);
/// Prints warning_lines() on stderr.
void print_warnings(const Document& doc);

}  // namespace mimetool::cli
