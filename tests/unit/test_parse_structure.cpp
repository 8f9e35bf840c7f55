#include <gtest/gtest.h>

#include "mimetool/message.hpp"

using namespace mimetool;

namespace {
Message parse_str(const std::string& s) { return parse(Source::from_bytes(s)); }
std::vector<std::string> paths(const Message& m) {
  std::vector<std::string> out;
  m.walk([&](const Entity& e, const std::string& p) { out.push_back(p + "=" + e.media_type()); });
  return out;
}
bool has_diag(const Message& m, std::string_view code) {
  for (const auto& d : m.diagnostics())
    if (d.code == code) return true;
  return false;
}
}  // namespace

TEST(Parse, simple_multipart_has_two_parts_and_round_trips) {
  const std::string in =
      "From: a@b\r\nContent-Type: multipart/mixed; boundary=\"xx\"\r\n\r\npre\r\n--xx\r\n"
      "Content-Type: text/plain\r\n\r\nhello\r\n--xx\r\n\r\nworld\r\n--xx--\r\nepi\r\n";
  Message m = parse_str(in);
  EXPECT_EQ(write(m), in);
  EXPECT_EQ(paths(m), (std::vector<std::string>{"=multipart/mixed", "1=text/plain", "2=text/plain"}));
  EXPECT_EQ(m.root().preamble(), "pre");
  EXPECT_EQ(m.root().epilogue(), "epi\r\n");
  EXPECT_EQ(m.root().children()[0]->raw_body(), "hello");
  EXPECT_EQ(m.root().children()[1]->raw_body(), "world");
  EXPECT_TRUE(m.diagnostics().empty());
}

TEST(Parse, missing_close_delimiter_ends_part_at_input_end_with_critical_diagnostic) {
  const std::string in = "Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\n\ntwo\n";
  Message m = parse_str(in);
  EXPECT_EQ(write(m), in);
  ASSERT_EQ(m.root().children().size(), 2u);
  EXPECT_EQ(m.root().children()[1]->raw_body(), "two\n");
  EXPECT_TRUE(has_diag(m, "missing_end_boundary"));
}

TEST(Parse, nested_boundary_that_extends_outer_boundary_is_not_confused) {
  const std::string in =
      "Content-Type: multipart/mixed; boundary=\"abc\"\r\n\r\n--abc\r\n"
      "Content-Type: multipart/alternative; boundary=\"abcdef\"\r\n\r\n--abcdef\r\n\r\nA\r\n--abcdef\r\n\r\nB\r\n"
      "--abcdef--\r\n--abc\r\n\r\nC\r\n--abc--\r\n";
  Message m = parse_str(in);
  EXPECT_EQ(write(m), in);
  EXPECT_EQ(paths(m), (std::vector<std::string>{"=multipart/mixed", "1=multipart/alternative", "1.1=text/plain",
                                                "1.2=text/plain", "2=text/plain"}));
  EXPECT_TRUE(m.diagnostics().empty());
}

TEST(Parse, outer_boundary_closes_inner_multipart_missing_its_close_delimiter) {
  const std::string in =
      "Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/alternative; boundary=i\n\n"
      "--i\n\nA\n--o\n\nB\n--o--\n";
  Message m = parse_str(in);
  EXPECT_EQ(write(m), in);
  EXPECT_EQ(paths(m), (std::vector<std::string>{"=multipart/mixed", "1=multipart/alternative", "1.1=text/plain",
                                                "2=text/plain"}));
  EXPECT_EQ(m.root().children()[0]->children()[0]->raw_body(), "A");
  EXPECT_TRUE(has_diag(m, "missing_end_boundary"));
}

TEST(Parse, message_rfc822_is_parsed_recursively_with_imap_paths) {
  const std::string in =
      "Content-Type: multipart/mixed; boundary=b\n\n--b\n\ntext\n--b\nContent-Type: message/rfc822\n\n"
      "Subject: inner\nContent-Type: multipart/alternative; boundary=c\n\n--c\n\nx\n--c\n\ny\n--c--\n"
      "--b\nContent-Type: message/rfc822\n\nSubject: single\n\nbody\n--b--\n";
  Message m = parse_str(in);
  EXPECT_EQ(write(m), in);
  EXPECT_EQ(paths(m), (std::vector<std::string>{"=multipart/mixed", "1=text/plain", "2=message/rfc822",
                                                "2=multipart/alternative", "2.1=text/plain", "2.2=text/plain",
                                                "3=message/rfc822", "3.1=text/plain"}));
  ASSERT_NE(m.find("3.1"), nullptr);
  EXPECT_EQ(m.find("3.1")->raw_body(), "body");  // the line ending before "--b--" is the delimiter's
  EXPECT_EQ(m.find("2.2")->raw_body(), "y");
}

TEST(Parse, single_part_message_body_is_section_1) {
  Message m = parse_str("Subject: x\r\n\r\nhello\r\n");
  EXPECT_EQ(paths(m), (std::vector<std::string>{"1=text/plain"}));
  EXPECT_EQ(m.find("1"), &m.root());
  EXPECT_EQ(m.find(""), &m.root());
}

TEST(Parse, boundary_never_present_keeps_body_as_single_leaf) {
  const std::string in = "Content-Type: multipart/mixed; boundary=zz\n\njust text\n";
  Message m = parse_str(in);
  EXPECT_EQ(write(m), in);
  EXPECT_FALSE(m.root().is_multipart());
  EXPECT_EQ(m.root().raw_body(), "just text\n");
  EXPECT_TRUE(has_diag(m, "boundary_not_found"));
}

TEST(Parse, multipart_without_boundary_parameter_is_a_leaf_with_diagnostic) {
  Message m = parse_str("Content-Type: multipart/mixed\n\n--x\n\nbody\n");
  EXPECT_FALSE(m.root().is_multipart());
  EXPECT_TRUE(has_diag(m, "multipart_without_boundary"));
}

TEST(Parse, transport_padding_after_boundary_is_accepted) {
  const std::string in = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b  \t\r\n\r\nA\r\n--b-- \r\n";
  Message m = parse_str(in);
  EXPECT_EQ(write(m), in);
  ASSERT_EQ(m.root().children().size(), 1u);
  EXPECT_EQ(m.root().children()[0]->raw_body(), "A");
  EXPECT_TRUE(m.diagnostics().empty());
}

TEST(Parse, digest_parts_default_to_message_rfc822) {
  const std::string in =
      "Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nfirst\n--d--\n";
  Message m = parse_str(in);
  EXPECT_EQ(paths(m), (std::vector<std::string>{"=multipart/digest", "1=message/rfc822", "1.1=text/plain"}));
}

TEST(Parse, empty_input_gives_empty_root) {
  Message m = parse_str("");
  EXPECT_TRUE(m.root().headers().empty());
  EXPECT_EQ(write(m), "");
}

TEST(Headers, folded_field_keeps_raw_and_unfolds_value) {
  const std::string in = "Subject: hello\r\n\tworld\r\nX-A : b\r\n\r\n";
  Message m = parse_str(in);
  ASSERT_EQ(m.root().headers().size(), 2u);
  const HeaderField* s = m.root().header("subject");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->raw(), "Subject: hello\r\n\tworld\r\n");
  EXPECT_EQ(s->raw_value(), " hello\r\n\tworld");
  EXPECT_EQ(s->value(), "hello\tworld");
  EXPECT_EQ(m.root().header("x-a")->name(), "X-A");
  EXPECT_EQ(m.root().header("X-A")->value(), "b");
}

TEST(Headers, mbox_from_line_is_kept_but_not_a_field) {
  const std::string in = "From someone@example.com Mon Jan  1 00:00:00 2024\nSubject: s\n\nbody\n";
  Message m = parse_str(in);
  ASSERT_EQ(m.root().headers().size(), 1u);
  EXPECT_EQ(m.root().headers()[0].name(), "Subject");
  EXPECT_EQ(write(m), in);
}

TEST(Headers, line_without_colon_starts_body_with_diagnostic) {
  Message m = parse_str("Subject: s\nthis is body\nmore\n");
  ASSERT_EQ(m.root().headers().size(), 1u);
  EXPECT_EQ(m.root().raw_body(), "this is body\nmore\n");
  EXPECT_TRUE(has_diag(m, "missing_header_body_separator"));
}

TEST(Limits, deep_multipart_nesting_is_cut_at_max_depth_without_recursion) {
  std::string in;
  const int depth = 100000;
  for (int i = 0; i < depth; ++i) in += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\n\n--b" + std::to_string(i) + "\n";
  in += "\nleaf\n";
  Message m = parse_str(in);
  EXPECT_EQ(write(m), in);
  EXPECT_TRUE(has_diag(m, "nesting_too_deep"));
  EXPECT_LE(m.entity_count(), 102u);
}

TEST(Limits, part_count_limit_keeps_rest_opaque) {
  std::string in = "Content-Type: multipart/mixed; boundary=b\n\n";
  for (int i = 0; i < 50; ++i) in += "--b\n\npart\n";
  in += "--b--\n";
  ParseOptions opt;
  opt.max_parts = 10;
  Message m = parse(Source::from_bytes(in), opt);
  EXPECT_EQ(write(m), in);
  EXPECT_LE(m.entity_count(), 10u);
  EXPECT_TRUE(has_diag(m, "too_many_parts"));
}

TEST(Edit, changing_a_header_rewrites_only_that_field) {
  const std::string in =
      "Subject: old\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nA\r\n--b\r\n\r\nB\r\n--b--\r\n";
  Message m = parse_str(in);
  m.root().set_header("Subject", "new");
  std::string expected = in;
  expected.replace(0, 14, "Subject: new\r\n");
  EXPECT_EQ(write(m), expected);
}

TEST(Edit, removing_a_part_drops_it_and_its_delimiter) {
  const std::string in = "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nA\n--b\n\nB\n--b--\n";
  Message m = parse_str(in);
  ASSERT_TRUE(m.root().remove_child(0));
  EXPECT_EQ(write(m), "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nB\n--b--\n");
}

TEST(Parse, empty_boundary_parameter_delimits_with_bare_dashes_and_is_critical) {
  const std::string in = "Content-Type: multipart/mixed; boundary=\"\"\n\n--\n\none\n--\n\ntwo\n----\n";
  Message m = parse_str(in);
  EXPECT_EQ(write(m), in);
  ASSERT_EQ(m.root().children().size(), 2u);
  EXPECT_EQ(m.root().children()[1]->raw_body(), "two");
  EXPECT_TRUE(has_diag(m, "empty_boundary"));
}

TEST(Edit, header_added_to_an_lf_message_ends_with_lf) {
  Message m = parse_str("Subject: a\n\nbody\n");
  m.root().add_header("X-Tag", "1");
  EXPECT_EQ(write(m), "Subject: a\nX-Tag: 1\n\nbody\n");
  EXPECT_EQ(m.root().header("X-Tag")->value(), "1");
}
