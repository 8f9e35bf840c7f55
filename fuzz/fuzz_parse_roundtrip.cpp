// parse() → write() must give back the input byte for byte, and every entity of the tree must
// survive the content layer (filename, decoded bodies, text, decoded header values, addresses)
// with consistent answers: one-shot and streamed decoding agree, UTF-8 results are valid UTF-8.

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "mimetool/charset.hpp"
#include "mimetool/content.hpp"
#include "mimetool/message.hpp"

namespace {

using namespace mimetool;

void check_entity(const Message& m, const Entity& e, const std::string& path, std::set<std::string>& seen) {
  FUZZ_CHECK(e.raw().data() >= m.source().bytes().data());
  FUZZ_CHECK(e.raw().data() + e.raw().size() <= m.source().bytes().data() + m.source().size());
  FUZZ_CHECK(e.raw_headers().size() <= e.raw().size());
  FUZZ_CHECK(e.depth() == (e.parent() ? e.parent()->depth() + 1 : 0));
  // An encapsulated multipart shares its section path with its message/rfc822 entity (RFC 3501
  // §6.4.5); find() returns the first in walk order.
  if (m.entity_count() <= 64 && seen.insert(path).second) FUZZ_CHECK(m.find(path) == &e);

  if (auto name = filename(e)) {
    FUZZ_CHECK(!name->empty());
    FUZZ_CHECK(is_valid_utf8(*name));
  }
  (void)content_type(e);
  (void)content_disposition(e);
  (void)charset(e);

  DecodeReport whole_report;
  const std::string whole = decoded_body(e, &whole_report);
  // Streaming in awkward chunk sizes must give the same bytes and the same report.
  for (std::size_t chunk : {std::size_t{1}, std::size_t{3}, std::size_t{77}}) {
    std::string streamed;
    DecodeReport streamed_report;
    decode_body_to(e, [&](std::string_view piece) { streamed.append(piece); }, &streamed_report, chunk);
    FUZZ_CHECK(streamed == whole);
    if (!e.is_multipart() && !e.is_message()) {
      FUZZ_CHECK(streamed_report.invalid == whole_report.invalid);
      FUZZ_CHECK(streamed_report.invalid_count == whole_report.invalid_count);
      FUZZ_CHECK(streamed_report.first_invalid == whole_report.first_invalid);
    }
  }

  if (!e.is_multipart() && !e.is_message()) {
    auto t = text(e);
    FUZZ_CHECK(t.has_value());  // the lenient policy always converts
    FUZZ_CHECK(is_valid_utf8(t->text));
    CharsetPolicy strict;
    strict.strict = true;
    auto s = text(e, strict);
    if (s) FUZZ_CHECK(is_valid_utf8(s->text));
  }

  for (const HeaderField& f : e.headers()) {
    FUZZ_CHECK(f.raw().size() >= f.name().size());
    FUZZ_CHECK(is_valid_utf8(decoded_value(f)));
    FUZZ_CHECK(is_valid_utf8(decoded_value(f, "windows-1251")));
  }
  for (const char* field : {"From", "To", "Cc", "Reply-To"}) {
    for (const DecodedMailbox& mb : addresses(e, field)) FUZZ_CHECK(is_valid_utf8(mb.name));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const Source src = Source::from_view(input);
  ParseOptions options;
  // Small limits so that the limit paths are reached by inputs of fuzzer size too.
  ParseOptions tight;
  tight.max_depth = 4;
  tight.max_parts = 12;
  tight.max_header_fields = 8;
  tight.max_header_bytes = 256;
  tight.max_diagnostics = 5;

  for (const ParseOptions* opt : {&options, &tight}) {
    const Message m = parse(src, *opt);
    FUZZ_CHECK(write(m) == input);
    std::string out;
    write(m.root(), out);
    FUZZ_CHECK(out == input);
    FUZZ_CHECK(m.entity_count() <= opt->max_parts + 1);
    FUZZ_CHECK(m.diagnostics().size() <= opt->max_diagnostics + 1);
    for (const Diagnostic& d : m.diagnostics()) FUZZ_CHECK(d.offset <= size);

    std::size_t visited = 0;
    std::set<std::string> seen;
    m.walk([&](const Entity& e, const std::string& path) {
      ++visited;
      FUZZ_CHECK(e.depth() <= opt->max_depth);
      if (opt == &options) check_entity(m, e, path, seen);
    });
    FUZZ_CHECK(visited == m.entity_count());

    auto strict = parse_strict(src, *opt);
    if (strict) FUZZ_CHECK(write(*strict) == input);
  }

  // A transfer-encoded encapsulated message is parsed from its decoded bytes.
  const Message m = parse(src);
  m.walk([&](const Entity& e, const std::string&) {
    if (e.media_type() == "message/rfc822" && !e.is_message()) {
      const Message inner = parse_encapsulated(e);
      FUZZ_CHECK(write(inner) == decoded_body(e));
    }
  });
  return 0;
}
