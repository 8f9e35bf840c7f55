#include "commands/commands.hpp"
#include "output.hpp"

namespace mimetool::cli {

std::vector<std::string> warning_lines(const Document& doc) {
  std::vector<std::string> lines;
  lines.reserve(doc.diagnostics().size());
  for (const auto& d : doc.diagnostics()) lines.push_back("mimetool: warning: " + doc.label() + " " + printable(describe(d)));
  return lines;
}

void print_warnings(const Document& doc) {
  for (const auto& line : warning_lines(doc)) print_error_line(line);
}

}  // namespace mimetool::cli
