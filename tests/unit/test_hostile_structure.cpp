// Hostile message structures at the library level: each shape parses within the ParseOptions
// limits, reports the limit it hit, writes back byte for byte, and survives the content layer.
// The shapes come from tests/hostile/shapes.hpp; the command-line versions are in
// tests/cli/test_hostile*.py.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "hostile/shapes.hpp"
#include "mimetool/charset.hpp"
#include "mimetool/content.hpp"
#include "mimetool/message.hpp"

using namespace mimetool;

namespace {

std::size_t count_code(const Message& m, std::string_view code) {
  return static_cast<std::size_t>(std::count_if(m.diagnostics().begin(), m.diagnostics().end(),
                                                [&](const Diagnostic& d) { return d.code == code; }));
}

// Every entity through the content layer; returns how many were visited.
std::size_t touch_everything(const Message& m) {
  std::size_t n = 0;
  m.walk([&](const Entity& e, const std::string&) {
    ++n;
    (void)filename(e);
    (void)decoded_body(e);
    if (!e.is_multipart() && !e.is_message()) {
      auto t = text(e);
      EXPECT_TRUE(t.has_value());
      if (t) {
        EXPECT_TRUE(is_valid_utf8(t->text));
      }
    }
    for (const HeaderField& f : e.headers()) EXPECT_TRUE(is_valid_utf8(decoded_value(f)));
    (void)addresses(e, "From");
  });
  return n;
}

Message parse_bytes(const std::string& bytes, const ParseOptions& opt = {}) {
  return parse(Source::from_view(bytes), opt);
}

}  // namespace

TEST(HostileStructure, multiparts_nested_100000_deep_stop_at_the_depth_limit) {
  const std::string input = hostile::nested_multiparts(100000);
  const Message m = parse_bytes(input);
  EXPECT_EQ(write(m), input);
  // Depth 0..100 are entities; the multipart at depth 100 is kept as an opaque body.
  EXPECT_EQ(m.entity_count(), 101u);
  EXPECT_EQ(count_code(m, "nesting_too_deep"), 1u);
  std::size_t max_depth = 0;
  m.walk([&](const Entity& e, const std::string&) { max_depth = std::max(max_depth, e.depth()); });
  EXPECT_EQ(max_depth, 100u);
  EXPECT_EQ(touch_everything(m), 101u);
}

TEST(HostileStructure, nesting_limit_follows_parse_options) {
  const std::string input = hostile::nested_multiparts(50);
  ParseOptions opt;
  opt.max_depth = 10;
  const Message m = parse_bytes(input, opt);
  EXPECT_EQ(m.entity_count(), 11u);
  EXPECT_EQ(count_code(m, "nesting_too_deep"), 1u);
  EXPECT_EQ(write(m), input);
}

TEST(HostileStructure, messages_nested_10000_deep_stop_at_the_depth_limit) {
  const std::string input = hostile::nested_messages(10000);
  const Message m = parse_bytes(input);
  EXPECT_EQ(write(m), input);
  EXPECT_EQ(m.entity_count(), 101u);
  EXPECT_EQ(count_code(m, "nesting_too_deep"), 1u);
  EXPECT_EQ(touch_everything(m), 101u);
}

TEST(HostileStructure, deepest_allowed_message_keeps_the_rest_as_its_body) {
  const std::string input = hostile::nested_messages(10000);
  const Message m = parse_bytes(input);
  const Entity* deepest = nullptr;
  m.walk([&](const Entity& e, const std::string&) {
    if (!deepest || e.depth() > deepest->depth()) deepest = &e;
  });
  ASSERT_NE(deepest, nullptr);
  EXPECT_EQ(deepest->kind(), EntityKind::leaf);
  EXPECT_NE(deepest->raw_body().find("Subject: innermost"), std::string_view::npos);
}

TEST(HostileStructure, hundred_thousand_parts_stop_at_the_part_limit) {
  const std::string input = hostile::many_parts(100000);
  const Message m = parse_bytes(input);
  EXPECT_EQ(write(m), input);
  EXPECT_EQ(m.entity_count(), 100000u);
  EXPECT_EQ(count_code(m, "too_many_parts"), 1u);
  // The last part holds the rest of the input, so no byte is lost.
  const auto& parts = m.root().children();
  ASSERT_FALSE(parts.empty());
  EXPECT_NE(parts.back()->raw().find("--sep--"), std::string_view::npos);
}

TEST(HostileStructure, part_count_below_the_limit_has_no_diagnostic) {
  const std::string input = hostile::many_parts(5000);
  const Message m = parse_bytes(input);
  EXPECT_EQ(m.entity_count(), 5001u);
  EXPECT_TRUE(m.diagnostics().empty());
  EXPECT_EQ(touch_everything(m), 5001u);
}

TEST(HostileStructure, fifty_megabyte_header_line_is_one_field) {
  const std::string input = hostile::long_header_line(50u << 20);
  const Message m = parse_bytes(input);
  EXPECT_EQ(write(m), input);
  ASSERT_EQ(m.root().headers().size(), 1u);
  EXPECT_EQ(m.root().headers()[0].value().size(), 50u << 20);
  EXPECT_EQ(m.root().raw_body(), "body\r\n");
}

TEST(HostileStructure, header_block_over_the_byte_limit_ends_with_a_diagnostic) {
  const std::string input = hostile::many_fields(1000);
  ParseOptions opt;
  opt.max_header_bytes = 1200;
  const Message m = parse_bytes(input, opt);
  EXPECT_EQ(write(m), input);
  EXPECT_EQ(count_code(m, "header_limit_exceeded"), 1u);
  EXPECT_LT(m.root().headers().size(), 1000u);
}

TEST(HostileStructure, million_header_fields_stop_at_the_field_limit) {
  const std::string input = hostile::many_fields(1000000);
  const Message m = parse_bytes(input);
  EXPECT_EQ(write(m), input);
  EXPECT_EQ(m.root().headers().size(), 100000u);
  EXPECT_EQ(count_code(m, "header_limit_exceeded"), 1u);
  // The rest of the header block is kept as the body.
  EXPECT_EQ(m.root().raw_body().size(), input.size() - m.root().raw_headers().size());
}

TEST(HostileStructure, five_thousand_character_boundary_delimits) {
  const std::string input = hostile::long_boundary(5000);
  const Message m = parse_bytes(input);
  EXPECT_EQ(write(m), input);
  ASSERT_EQ(m.root().children().size(), 2u);
  EXPECT_EQ(m.root().boundary().size(), 5000u);
  EXPECT_EQ(decoded_body(*m.root().children()[1]), "two");
}

TEST(HostileStructure, diagnostics_stop_at_the_limit) {
  // Every part lacks its close delimiter and starts with a continuation line.
  std::string input = "Content-Type: multipart/mixed; boundary=x\r\n\r\n";
  for (int i = 0; i < 3000; ++i) input += "--x\r\n folded\r\n\r\nbody\r\n";
  const Message m = parse_bytes(input);
  EXPECT_EQ(m.diagnostics().size(), 1001u);
  EXPECT_EQ(m.diagnostics().back().code, "too_many_diagnostics");
  EXPECT_EQ(write(m), input);
}

TEST(HostileStructure, empty_input_gives_an_empty_root) {
  const Message m = parse_bytes("");
  EXPECT_EQ(m.entity_count(), 1u);
  EXPECT_TRUE(m.root().headers().empty());
  EXPECT_EQ(write(m), "");
}

TEST(HostileStructure, png_bytes_parse_as_a_body_without_fields) {
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);
  const Message m = parse_bytes(png);
  EXPECT_EQ(write(m), png);
  EXPECT_TRUE(m.root().headers().empty());
  EXPECT_EQ(m.root().media_type(), "text/plain");
  EXPECT_EQ(m.diagnostics().size(), 1u);
  EXPECT_EQ(touch_everything(m), 1u);
}

TEST(HostileStructure, nul_bytes_in_headers_and_body_are_kept) {
  const std::string input("Subject: a\0b\r\nX-\0: y\r\n\r\nbo\0dy", 29);
  const Message m = parse_bytes(input);
  EXPECT_EQ(write(m), input);
  ASSERT_GE(m.root().headers().size(), 1u);
  EXPECT_EQ(m.root().headers()[0].value(), std::string("a\0b", 3));
  EXPECT_EQ(touch_everything(m), 1u);
}

TEST(HostileStructure, cr_only_line_endings_make_one_header_line) {
  // Bare CR is not a line break for the parser (RFC 5322 §2.3 requires CRLF; mailers that
  // accept LF never accepted lone CR), so the whole input is one header field.
  const std::string input = "Subject: x\rFrom: a@b\r\rbody\r";
  const Message m = parse_bytes(input);
  EXPECT_EQ(write(m), input);
  ASSERT_EQ(m.root().headers().size(), 1u);
  EXPECT_TRUE(m.root().raw_body().empty());
}

TEST(HostileStructure, mixed_line_endings_round_trip) {
  const std::string input =
      "Content-Type: multipart/mixed; boundary=m\r\nSubject: x\n\n--m\r\n\nlf part\r\n--m\n\r\ncrlf part\n--m--\r";
  const Message m = parse_bytes(input);
  EXPECT_EQ(write(m), input);
  ASSERT_EQ(m.root().children().size(), 2u);
  EXPECT_EQ(touch_everything(m), 3u);
}

TEST(HostileStructure, input_truncated_anywhere_round_trips) {
  const std::string whole =
      "From: a@example.org\r\nContent-Type: multipart/mixed; boundary=\"t\"\r\n\r\npre\r\n--t\r\n"
      "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\nw6k=\r\n"
      "--t\r\nContent-Type: message/rfc822\r\n\r\nSubject: =?utf-8?q?x?=\r\n\r\ninner\r\n--t--\r\nepi\r\n";
  for (std::size_t cut = 0; cut <= whole.size(); ++cut) {
    const std::string input = whole.substr(0, cut);
    const Message m = parse_bytes(input);
    ASSERT_EQ(write(m), input) << "cut at " << cut;
    touch_everything(m);
  }
}
