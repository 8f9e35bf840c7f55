#include "options/options.hpp"

#include <boost/program_options.hpp>
#include <iostream>
#include <sstream>

#include "failure.hpp"

namespace po = boost::program_options;

namespace mimetool::cli {
namespace {

// Runs the parser; turns every Boost error into a UsageError naming the subcommand.
po::variables_map parse(const char* command, const std::vector<std::string>& args,
                        const po::options_description& visible, const po::options_description& hidden,
                        const po::positional_options_description& positional) {
  po::options_description all;
  all.add(visible).add(hidden);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args)
                  .options(all)
                  .positional(positional)
                  .style(po::command_line_style::default_style & ~po::command_line_style::allow_guessing)
                  .run(),
              vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(std::string(command) + ": " + e.what());
  }
  return vm;
}

bool wants_help(const po::variables_map& vm, const char* usage, const char* examples,
                const po::options_description& visible) {
  if (!vm.count("help")) return false;
  std::cout << "usage: " << usage << "\n\n" << visible << "\nexamples:\n" << examples;
  return true;
}

}  // namespace

std::string main_usage() {
  return "usage: mimetool <command> [options] INPUT…\n"
         "\n"
         "Take Internet mail (MIME) messages apart, byte for byte.\n"
         "\n"
         "commands:\n"
         "  explode   write every part of a message into a folder, under safe names\n"
         "  tree      show the structure of a message (--json: the manifest)\n"
         "  cat       print one part's decoded body (--text: as UTF-8, --raw: as written)\n"
         "  headers   print the top-level header fields, decoded\n"
         "  build     compose a message from text, HTML, attachments and headers\n"
         "\n"
         "options:\n"
         "  -h, --help      show this help (mimetool COMMAND --help: help on a command)\n"
         "  --version       show the version\n"
         "\n"
         "INPUT is a message file, or - for standard input.\n"
         "Exit status: 0 ok, 64 usage, 65 unusable input, 66 cannot open input,\n"
         "73 cannot create output, 74 I/O error. See mimetool(1).\n";
}

std::optional<ExplodeArgs> parse_explode_args(const std::vector<std::string>& args) {
  ExplodeArgs a;
  po::options_description visible("options");
  visible.add_options()
      ("help,h", "show this help")
      ("output,o", po::value<std::string>(&a.out_dir)->value_name("DIR"),
       "folder to write into (default: ./NAME, NAME being the input's name without its extension)")
      ("json", po::bool_switch(&a.json), "print the manifest on stdout (one JSON object per line per message)")
      ("force,f", po::bool_switch(&a.force), "overwrite files that already exist in the folder")
      ("strict", po::bool_switch(&a.strict), "refuse messages with a critical defect (exit 65)")
      ("jobs,j", po::value<unsigned>(&a.jobs)->value_name("N"), "messages processed in parallel (default: cores)")
      ("mbox", po::value<std::vector<std::string>>(&a.mboxes)->value_name("FILE")->composing(),
       "split an mbox file into messages (repeatable)");
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::vector<std::string>>(&a.inputs)->composing());
  po::positional_options_description pos;
  pos.add("input", -1);
  auto vm = parse("explode", args, visible, hidden, pos);
  if (wants_help(vm, "mimetool explode [-o DIR] [--json] [--force] [--strict] [--jobs N] [--mbox FILE] INPUT…",
                 "  mimetool explode invoice.eml                 # parts into ./invoice/\n"
                 "  mimetool explode -o out --json msg.eml > manifest.json\n"
                 "  mimetool explode -o out ~/Maildir            # one subfolder per message\n"
                 "  mimetool explode -o out --mbox archive.mbox  # out/0001, out/0002, …\n"
                 "  cat msg.eml | mimetool explode -o out -\n",
                 visible))
    return std::nullopt;
  if (a.inputs.empty() && a.mboxes.empty())
    throw UsageError("explode: no input given (a message file, a folder, -, or --mbox FILE)");
  if (vm.count("jobs") && a.jobs == 0) throw UsageError("explode: --jobs must be at least 1");
  if (vm.count("output") && a.out_dir.empty()) throw UsageError("explode: --output must not be empty");
  return a;
}

std::optional<TreeArgs> parse_tree_args(const std::vector<std::string>& args) {
  TreeArgs a;
  po::options_description visible("options");
  visible.add_options()
      ("help,h", "show this help")
      ("json", po::bool_switch(&a.json), "print the manifest (without file names) instead of the tree")
      ("no-color", po::bool_switch(&a.no_color), "no colours (also when NO_COLOR is set or stdout is not a terminal)")
      ("strict", po::bool_switch(&a.strict), "refuse a message with a critical defect (exit 65)");
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::string>(&a.input));
  po::positional_options_description pos;
  pos.add("input", 1);
  auto vm = parse("tree", args, visible, hidden, pos);
  if (wants_help(vm, "mimetool tree [--json] [--no-color] [--strict] INPUT",
                 "  mimetool tree msg.eml\n"
                 "  mimetool tree --json msg.eml | jq '.parts[].content_type'\n",
                 visible))
    return std::nullopt;
  if (!vm.count("input")) throw UsageError("tree: no input given (a message file or -)");
  return a;
}

std::optional<CatArgs> parse_cat_args(const std::vector<std::string>& args) {
  CatArgs a;
  po::options_description visible("options");
  visible.add_options()
      ("help,h", "show this help")
      ("text", po::bool_switch(&a.text), "convert a text part from its charset to UTF-8")
      ("raw", po::bool_switch(&a.raw), "the entity as written: header fields and encoded body")
      ("strict", po::bool_switch(&a.strict), "refuse a message with a critical defect (exit 65)");
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::string>(&a.input))("path", po::value<std::string>(&a.path));
  po::positional_options_description pos;
  pos.add("input", 1).add("path", 1);
  auto vm = parse("cat", args, visible, hidden, pos);
  if (wants_help(vm, "mimetool cat [--text|--raw] [--strict] INPUT PATH",
                 "  mimetool cat msg.eml 2 > report.pdf        # decoded bytes of part 2\n"
                 "  mimetool cat --text msg.eml 1.1            # part 1.1 as UTF-8\n"
                 "  mimetool cat --raw msg.eml 3               # part 3 as written in the message\n"
                 "  mimetool cat --raw msg.eml ''              # the whole message, byte for byte\n"
                 "PATH is an IMAP section path as shown by `mimetool tree` (\"\" is the whole message).\n",
                 visible))
    return std::nullopt;
  if (!vm.count("input")) throw UsageError("cat: no input given (a message file or -)");
  if (!vm.count("path")) throw UsageError("cat: no section PATH given (see `mimetool tree INPUT`)");
  if (a.text && a.raw) throw UsageError("cat: --text and --raw exclude each other");
  return a;
}

std::optional<HeadersArgs> parse_headers_args(const std::vector<std::string>& args) {
  HeadersArgs a;
  po::options_description visible("options");
  visible.add_options()
      ("help,h", "show this help")
      ("json", po::bool_switch(&a.json), "print a JSON list of {\"name\", \"value\"}")
      ("strict", po::bool_switch(&a.strict), "refuse a message with a critical defect (exit 65)");
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::string>(&a.input));
  po::positional_options_description pos;
  pos.add("input", 1);
  auto vm = parse("headers", args, visible, hidden, pos);
  if (wants_help(vm, "mimetool headers [--json] [--strict] INPUT",
                 "  mimetool headers msg.eml\n"
                 "  mimetool headers --json msg.eml | jq -r '.[] | select(.name == \"Subject\").value'\n",
                 visible))
    return std::nullopt;
  if (!vm.count("input")) throw UsageError("headers: no input given (a message file or -)");
  return a;
}

}  // namespace mimetool::cli
