#include <optional>
#include <string>

#include "commands/commands.hpp"
#include "input.hpp"
#include "manifest.hpp"
#include "mimetool/content.hpp"
#include "output.hpp"
#include "part_content.hpp"

namespace mimetool::cli {
namespace {

// For each node, whether it is the last child of its parent, i.e. no later node at the same
// depth comes before a node at a smaller depth. One backward pass.
std::vector<bool> last_flags(const std::vector<Node>& nodes) {
  std::vector<bool> last(nodes.size(), true);
  std::vector<bool> seen;  // per depth: a node at this depth follows, within the current scope
  for (std::size_t i = nodes.size(); i-- > 0;) {
    const std::size_t d = nodes[i].depth;
    if (seen.size() < d + 1) seen.resize(d + 1, false);
    last[i] = !seen[d];
    seen[d] = true;
    seen.resize(d + 1);  // deeper nodes before this one belong to an earlier subtree
  }
  return last;
}

std::string tree_text(const Document& doc, const std::vector<std::optional<PartInfo>>& infos, const Palette& p) {
  std::string out;
  const auto& nodes = doc.nodes();
  const auto last = last_flags(nodes);
  std::vector<bool> open_levels;  // per depth: does a sibling follow below (draw "│")?
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Node& n = nodes[i];
    const Entity& e = *n.entity;
    open_levels.resize(n.depth + 1);
    std::string line;
    line += p.dim();
    for (std::size_t d = 1; d < n.depth; ++d) line += open_levels[d] ? "│   " : "    ";
    if (n.depth > 0) line += last[i] ? "└── " : "├── ";
    line += p.reset();
    open_levels[n.depth] = !last[i];
    if (!n.path.empty()) line += std::string(p.bold()) + n.path + std::string(p.reset()) + " ";
    line += std::string(p.cyan()) + e.media_type() + std::string(p.reset());
    if (const auto cs = charset(e); !cs.empty()) line += "; charset=" + printable(cs);
    if (const auto name = filename(e)) line += " " + std::string(p.green()) + "\"" + printable(*name) + "\"" + std::string(p.reset());
    if (e.header("Content-Transfer-Encoding"))
      line += " " + std::string(p.dim()) + std::string(to_string(transfer_encoding(e))) + std::string(p.reset());
    if (infos[i]) {
      line += " " + std::string(p.yellow()) + std::to_string(infos[i]->size) + " bytes" + std::string(p.reset());
      for (const auto& uu : infos[i]->uuencoded)
        line += " " + std::string(p.magenta()) + "+uuencoded \"" + printable(uu.filename.value_or("")) + "\" " +
                std::to_string(uu.size) + " bytes" + std::string(p.reset());
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace

Exit tree(const TreeArgs& args) {
  Document doc(args.input, open_message(args.input), args.strict, args.limits);
  std::vector<std::optional<PartInfo>> infos(doc.nodes().size());
  for (std::size_t i = 0; i < doc.nodes().size(); ++i) {
    if (!has_content(doc.nodes()[i])) continue;
    infos[i].emplace();
    stream_part(doc, doc.nodes()[i], *infos[i], [](std::string_view) {});
  }
  if (args.json) {
    write_stdout(dump_pretty(manifest_json(doc, infos, false)));
  } else {
    write_stdout(tree_text(doc, infos, Palette(use_colour(args.no_color))));
  }
  flush_stdout();
  print_warnings(doc);
  return Exit::ok;
}

}  // namespace mimetool::cli
