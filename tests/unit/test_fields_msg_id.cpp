// Message-ID / Content-ID / References / In-Reply-To (lib/fields/msg_id.cpp).

#include <gtest/gtest.h>

#include <string>

#include "mimetool/fields.hpp"

using mimetool::Diagnostics;
using mimetool::parse_msg_id;
using mimetool::parse_msg_id_list;

namespace {

std::string codes(const Diagnostics& d) {
  std::string out;
  for (const auto& x : d) out += (out.empty() ? "" : ",") + x.code;
  return out;
}

struct IdCase {
  const char* input;
  const char* expected;  // "(none)" for nullopt
  const char* diags;
};

const IdCase kIds[] = {
    // RFC 5322 Appendix A.1.1, A.1.3
    {"<1234@local.machine.example>", "1234@local.machine.example", ""},
    {"<5678.21-Nov-1997@example.com>", "5678.21-Nov-1997@example.com", ""},
    // Comments and whitespace around
    {"  (comment) <abc@example.com> (trailing)", "abc@example.com", ""},
    // Folded inside the brackets
    {"<abcdefghijklmnop\r\n @example.com>", "abcdefghijklmnop@example.com", ""},
    // Quoted id-left (obs-id-left)
    {R"(<"a b"@example.com>)", R"("a b"@example.com)", ""},
    // Domain literal id-right
    {"<x@[127.0.0.1]>", "x@[127.0.0.1]", ""},
    // Missing brackets (Content-ID from some webmailers)
    {"part1.06090408.01060107@example.com", "part1.06090408.01060107@example.com", "missing_angle_brackets"},
    {"image001", "image001", "missing_angle_brackets"},
    // Missing ">"
    {"<abc@example.com", "abc@example.com", "missing_closing_angle_bracket"},
    {"<abc@example.com trailing words", "abc@example.com", "missing_closing_angle_bracket"},
    // Several ids: the first wins
    {"<a@x> <b@y>", "a@x", "multiple_msg_ids"},
    // Junk before the id
    {"Message-ID: <a@x>", "a@x", ""},
    // Nothing id-like
    {"", "(none)", "missing_msg_id"},
    {"<>", "(none)", "empty_msg_id,missing_msg_id"},
    {"(only a comment)", "(none)", "missing_msg_id"},
};

}  // namespace

TEST(MsgId, table_of_rfc_and_real_world_shapes_parses_as_expected) {
  for (const auto& c : kIds) {
    SCOPED_TRACE(c.input);
    Diagnostics d;
    const auto id = parse_msg_id(c.input, &d);
    EXPECT_EQ(id ? *id : std::string("(none)"), c.expected);
    EXPECT_EQ(codes(d), c.diags);
  }
}

TEST(MsgIdList, references_with_folding_are_split) {
  Diagnostics d;
  const auto ids = parse_msg_id_list("<1234@local.machine.example>\r\n <3456@example.net>", &d);
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0], "1234@local.machine.example");
  EXPECT_EQ(ids[1], "3456@example.net");
  EXPECT_TRUE(d.empty());
}

TEST(MsgIdList, ids_without_separating_space_are_split) {
  const auto ids = parse_msg_id_list("<a@x><b@y><c@z>");
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids[2], "c@z");
}

TEST(MsgIdList, obsolete_phrases_between_ids_are_ignored) {
  const auto ids = parse_msg_id_list(
      R"(Your message of "Mon, 1 Jan 2001 10:00:00 +0100" from joe@example.com <id1@example.com>, and <id2@x>)");
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0], "id1@example.com");
  EXPECT_EQ(ids[1], "id2@x");
}

TEST(MsgIdList, bare_ids_are_accepted_when_nothing_is_bracketed) {
  Diagnostics d;
  const auto ids = parse_msg_id_list("a@x.test b@y.test, junk", &d);
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0], "a@x.test");
  EXPECT_EQ(ids[1], "b@y.test");
  EXPECT_EQ(codes(d), "missing_angle_brackets");
}

TEST(MsgIdList, missing_closing_bracket_does_not_swallow_the_next_id) {
  Diagnostics d;
  const auto ids = parse_msg_id_list("<a@x <b@y>", &d);
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0], "a@x");
  EXPECT_EQ(ids[1], "b@y");
  EXPECT_EQ(codes(d), "missing_closing_angle_bracket");
}

TEST(MsgIdList, empty_body_gives_no_ids) {
  Diagnostics d;
  EXPECT_TRUE(parse_msg_id_list("", &d).empty());
  EXPECT_TRUE(d.empty());
}

TEST(MsgIdList, hundred_thousand_open_brackets_stay_linear) {
  Diagnostics d;
  const auto ids = parse_msg_id_list(std::string(100000, '<') + "a@b>", &d);
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(ids[0], "a@b");
  EXPECT_EQ(codes(d), "missing_closing_angle_bracket,empty_msg_id");
}

TEST(MsgIdList, hundred_thousand_nested_parentheses_are_skipped) {
  const auto ids = parse_msg_id_list("<a@b> " + std::string(100000, '(') + std::string(100000, ')') + " <c@d>");
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[1], "c@d");
}
