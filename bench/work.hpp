#pragma once
// The units of work the benchmarks time, shared by bench_parse.cpp and mimetool_driver.cpp so
// both measure exactly the same thing:
//   structure: parse() only (the entity tree of views; nothing decoded);
//   decode:    parse(), then every leaf body transfer-decoded with decode_transfer() (the
//              counterpart of GMime writing a part's data wrapper into a null stream);
//   utf8:      as decode, and text/* leaves are then converted to UTF-8 with to_utf8() from the
//              charset their Content-Type declares.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mimetool/charset.hpp"
#include "mimetool/codec.hpp"
#include "mimetool/fields.hpp"
#include "mimetool/message.hpp"
#include "mimetool/source.hpp"

namespace mimetool::bench {

/// What one pass saw; printed by the driver so two tools can be checked to agree.
struct Tally {
  std::size_t messages = 0;
  std::size_t entities = 0;  ///< every entity: multiparts, message parts, leaves
  std::size_t leaves = 0;
  std::size_t decoded = 0;   ///< bytes after transfer decoding (and UTF-8 conversion for text)
};

enum class Mode { structure, decode, utf8 };

/// Depth-first over the tree through children() (no section paths are built: the benchmark
/// measures the parser and the decoders, not path formatting).
template <typename F>
void for_each_entity(const Message& m, F&& f) {
  std::vector<const Entity*> stack{&m.root()};
  while (!stack.empty()) {
    const Entity* e = stack.back();
    stack.pop_back();
    f(*e);
    const auto& ch = e->children();
    for (auto it = ch.rbegin(); it != ch.rend(); ++it) stack.push_back(*it);
  }
}

inline void decode_leaves(const Message& m, Mode mode, Tally& t) {
  for_each_entity(m, [&](const Entity& e) {
    ++t.entities;
    if (e.kind() != EntityKind::leaf) return;
    ++t.leaves;
    const HeaderField* cte = e.header("Content-Transfer-Encoding");
    const TransferEncoding enc = cte ? parse_transfer_encoding(cte->raw_value()) : TransferEncoding::seven_bit;
    std::string bytes = decode_transfer(e.raw_body(), enc);
    if (mode == Mode::utf8 && e.media_type().starts_with("text/")) {
      const HeaderField* ct = e.header("Content-Type");
      const ContentType type = ct ? parse_content_type(ct->raw_value()) : ContentType{};
      if (auto text = to_utf8(bytes, type.charset())) {
        t.decoded += text->text.size();
        return;
      }
    }
    t.decoded += bytes.size();
  });
}

/// Runs one unit of work over one message held in memory (nothing is copied).
inline void run_one(std::string_view bytes, Mode mode, Tally& t) {
  const Message m = parse(Source::from_view(bytes));
  ++t.messages;
  if (mode != Mode::structure) return decode_leaves(m, mode, t);
  // Walked and counted like gmime_driver's structure mode, so the counts can be compared.
  for_each_entity(m, [&](const Entity& e) {
    ++t.entities;
    if (e.kind() == EntityKind::leaf) ++t.leaves;
  });
}

}  // namespace mimetool::bench
