#include "options/options.hpp"

#include <boost/program_options.hpp>
#include <cstdint>
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

// The parser's resource limits (docs/LIMITS.md), shared by every command that reads a message.
// They are read as text and checked by check_limits(): Boost would take "-1" for a huge count.
struct LimitText {
  std::string depth, parts, fields, header_bytes;
};

po::options_description limit_options(LimitText& t) {
  po::options_description group("limits (defaults in parentheses; see docs/LIMITS.md)");
  group.add_options()
      ("max-depth", po::value<std::string>(&t.depth)->value_name("N"), "nesting of multiparts and messages opened (100)")
      ("max-parts", po::value<std::string>(&t.parts)->value_name("N"), "entities in the whole message (100000)")
      ("max-header-fields", po::value<std::string>(&t.fields)->value_name("N"), "header fields of one entity (100000)")
      ("max-header-bytes", po::value<std::string>(&t.header_bytes)->value_name("SIZE"),
       "bytes of one entity's header block; K, M, G suffixes (64M)");
  return group;
}

// A decimal count, optionally (with `suffixes`) followed by K, M or G (powers of 1024).
std::size_t parse_count(const char* command, const char* option, const std::string& s, std::size_t min, bool suffixes) {
  const auto bad = [&](const std::string& why) {
    return UsageError(std::string(command) + ": --" + option + " " + why);
  };
  std::size_t value = 0, i = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    if (value > (SIZE_MAX - 9) / 10) throw bad("is too large: " + s);
    value = value * 10 + static_cast<std::size_t>(s[i] - '0');
  }
  unsigned shift = 0;
  if (suffixes && i > 0 && i + 1 == s.size()) {
    const char c = s[i];
    shift = (c == 'k' || c == 'K') ? 10 : (c == 'm' || c == 'M') ? 20 : (c == 'g' || c == 'G') ? 30 : 0;
    if (shift) ++i;
  }
  if (i == 0 || i != s.size())
    throw bad(std::string("wants a whole number") + (suffixes ? " such as 65536, 64K or 1M" : "") + ", not \"" + s + "\"");
  if (shift && value > (SIZE_MAX >> shift)) throw bad("is too large: " + s);
  value <<= shift;
  if (value < min) throw bad("must be at least " + std::to_string(min));
  return value;
}

// Beyond a limit the rest of the input is kept as an opaque body, so 0 parts, fields or bytes
// would make every message unreadable; depth 0 is meaningful (nothing is opened).
void check_limits(const char* command, const po::variables_map& vm, const LimitText& t, ParseOptions& limits) {
  if (vm.count("max-depth")) limits.max_depth = parse_count(command, "max-depth", t.depth, 0, false);
  if (vm.count("max-parts")) limits.max_parts = parse_count(command, "max-parts", t.parts, 1, false);
  if (vm.count("max-header-fields"))
    limits.max_header_fields = parse_count(command, "max-header-fields", t.fields, 1, false);
  if (vm.count("max-header-bytes"))
    limits.max_header_bytes = parse_count(command, "max-header-bytes", t.header_bytes, 1, true);
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
  LimitText limit_text;
  visible.add(limit_options(limit_text));
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
  check_limits("explode", vm, limit_text, a.limits);
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
  LimitText limit_text;
  visible.add(limit_options(limit_text));
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
  check_limits("tree", vm, limit_text, a.limits);
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
  LimitText limit_text;
  visible.add(limit_options(limit_text));
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
  check_limits("cat", vm, limit_text, a.limits);
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
  LimitText limit_text;
  visible.add(limit_options(limit_text));
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
  check_limits("headers", vm, limit_text, a.limits);
  if (!vm.count("input")) throw UsageError("headers: no input given (a message file or -)");
  return a;
}

}  // namespace mimetool::cli
