#include <nlohmann/json.hpp>
#include <string>

#include "commands/commands.hpp"
#include "input.hpp"
#include "manifest.hpp"
#include "mimetool/content.hpp"
#include "output.hpp"

namespace mimetool::cli {

Exit headers(const HeadersArgs& args) {
  Document doc(args.input, open_message(args.input), args.strict, args.limits);
  const Entity& root = doc.message().root();
  const std::string hint = doc.charset_hint();
  if (args.json) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& f : root.headers()) list.push_back({{"name", std::string(f.name())}, {"value", decoded_value(f, hint)}});
    write_stdout(dump_pretty(list));
  } else {
    std::string out;
    for (const auto& f : root.headers()) {
      out += printable(f.name());
      out += ": ";
      out += printable(decoded_value(f, hint));
      out += '\n';
    }
    write_stdout(out);
  }
  flush_stdout();
  print_warnings(doc);
  return Exit::ok;
}

}  // namespace mimetool::cli
