// Runs one hostile shape at size N, for tests/tools/scaling.py. The script runs this program under
// `valgrind --tool=callgrind --toggle-collect=mimetool_scale_run` at N and 2N and compares the
// instruction counts: only mimetool_scale_run is measured, after a warm-up at a tiny size has paid
// for one-time costs (ICU data, converter caches).
//
// Usage: scale_driver SHAPE N

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <string>
#include <string_view>

#include "hostile/shapes.hpp"
#include "mimetool/content.hpp"
#include "mimetool/message.hpp"

namespace {

using namespace mimetool;

struct Shape {
  const char* name;
  std::string (*make)(std::size_t);
  std::size_t (*work)(const std::string&);
};

// Limits lifted, so the algorithms themselves are measured rather than the early stop.
ParseOptions unlimited() {
  ParseOptions o;
  o.max_depth = std::numeric_limits<std::size_t>::max();
  o.max_parts = std::numeric_limits<std::size_t>::max();
  o.max_header_fields = std::numeric_limits<std::size_t>::max();
  o.max_header_bytes = std::numeric_limits<std::size_t>::max();
  return o;
}

std::size_t parse_and_write(const std::string& in) {
  const Message m = parse(Source::from_view(in), unlimited());
  return write(m).size() + m.entity_count();
}

std::size_t every_part(const std::string& in) {
  const Message m = parse(Source::from_view(in), unlimited());
  std::size_t n = write(m).size();
  m.walk([&](const Entity& e, const std::string& path) {
    n += path.size() + decoded_body(e).size();
    if (auto f = filename(e)) n += f->size();
  });
  return n;
}

std::size_t subject(const std::string& in) {
  const Message m = parse(Source::from_view(in), unlimited());
  std::size_t n = write(m).size();
  for (const HeaderField& f : m.root().headers()) n += decoded_value(f).size();
  return n;
}

std::size_t name(const std::string& in) {
  const Message m = parse(Source::from_view(in), unlimited());
  return write(m).size() + filename(m.root()).value_or("").size();
}

std::size_t body(const std::string& in) {
  const Message m = parse(Source::from_view(in), unlimited());
  std::size_t n = decoded_body(m.root()).size();
  decode_body_to(m.root(), [&](std::string_view piece) { n += piece.size(); }, nullptr, 4096);
  if (auto t = text(m.root())) n += t->text.size();
  return n;
}

const Shape kShapes[] = {
    {"deep_multipart", hostile::nested_multiparts, parse_and_write},
    {"deep_message", hostile::nested_messages, parse_and_write},
    {"many_parts", hostile::many_parts, every_part},
    {"long_header_line", hostile::long_header_line, subject},
    {"many_fields", hostile::many_fields, subject},
    {"many_encoded_words", hostile::many_encoded_words, subject},
    {"many_rfc2231_pieces", hostile::many_rfc2231_pieces, name},
    {"long_boundary", hostile::long_boundary, every_part},
    {"big_base64", hostile::big_base64, body},
    {"big_quoted_printable", hostile::big_quoted_printable, body},
};

}  // namespace

// The measured region. extern "C" and noinline so callgrind can find it by name.
extern "C" __attribute__((noinline)) std::size_t mimetool_scale_run(const Shape* shape, const std::string* input) {
  return shape->work(*input);
}

int main(int argc, char** argv) {
  if (argc == 2 && std::string_view(argv[1]) == "--list") {
    for (const Shape& s : kShapes) std::printf("%s\n", s.name);
    return 0;
  }
  if (argc != 3) {
    std::fprintf(stderr, "usage: scale_driver SHAPE N | --list\n");
    return 64;
  }
  const std::size_t n = std::strtoull(argv[2], nullptr, 10);
  for (const Shape& s : kShapes) {
    if (std::string_view(argv[1]) != s.name) continue;
    volatile std::size_t sink = s.work(s.make(2));  // warm-up, not measured
    const std::string input = s.make(n);
    sink = sink + mimetool_scale_run(&s, &input);
    std::printf("%s %zu bytes=%zu result=%zu\n", s.name, n, input.size(), static_cast<std::size_t>(sink));
    return 0;
  }
  std::fprintf(stderr, "scale_driver: unknown shape %s\n", argv[1]);
  return 64;
}
