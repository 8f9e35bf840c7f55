// Serialization of a parsed (and possibly edited) tree. Untouched entities are copied verbatim
// from the source; edited ones are rebuilt from their spans, so only what changed is rewritten.

#include "mimetool/message.hpp"
#include "model/access.hpp"

namespace mimetool {

void write(const Entity& e, std::string& out) {
  // Iterative over an explicit stack, so depth costs heap rather than call stack.
  struct Step {
    const Entity* e;
    std::size_t next_child;  // multipart: next body part to write
  };
  std::vector<Step> stack{{&e, 0}};
  auto open = [&out](const Entity& x) -> bool {  // writes what precedes the children
    if (!x.is_modified()) {
      out.append(x.raw());
      return false;
    }
    if (detail_access::headers_modified(x)) {
      const std::string_view h = x.raw_headers();
      if ((!x.parent() || x.parent()->is_message()) && h.starts_with("From ")) out.append(h.substr(0, h.find('\n') + 1));
      for (const auto& f : x.headers()) out.append(f.raw());
    } else {
      out.append(x.raw_headers());
    }
    out.append(detail_access::separator(x));
    if (x.is_multipart()) {
      out.append(x.preamble());
      return true;
    }
    if (x.is_message() && !x.children().empty()) return true;
    out.append(detail_access::body(x));
    return false;
  };
  if (!open(e)) return;
  while (!stack.empty()) {
    Step& s = stack.back();
    const Entity& x = *s.e;
    const auto& ch = x.children();
    if (s.next_child < ch.size()) {
      const std::size_t i = s.next_child++;
      if (x.is_multipart()) {
        const auto& delims = detail_access::delimiters(x);
        if (i < delims.size()) {
          out.append(delims[i]);
        } else {  // a body part added by editing
          const std::string_view eol = detail_access::line_ending(x);
          out.append(eol).append("--").append(x.boundary()).append(eol);
        }
      }
      if (open(*ch[i])) stack.push_back({ch[i], 0});
      continue;
    }
    if (x.is_multipart()) {
      std::string_view close = detail_access::close(x);
      out.append(close);
      out.append(x.epilogue());
    }
    stack.pop_back();
  }
}

std::string write(const Message& m) {
  std::string out;
  if (!m.root().is_modified()) return std::string(m.root().raw());
  out.reserve(m.source().size() + 1024);
  write(m.root(), out);
  return out;
}

}  // namespace mimetool
