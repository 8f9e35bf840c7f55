// Transfer-encoding choice from content statistics, and how each choice is written.

#include <gtest/gtest.h>

#include "mimetool/build.hpp"
#include "mimetool/codec.hpp"
#include "mimetool/message.hpp"

namespace {

using namespace mimetool;

struct Case {
  const char* name;
  std::string bytes;
  bool text_body;
  bool allow_8bit;
  TransferEncoding expected;
};

TEST(ChooseTransferEncoding, table) {
  const std::string long_line(999, 'a');
  const std::string line_998(998, 'a');
  const std::vector<Case> cases = {
      {"short ascii text", "Hello\nworld\n", true, false, TransferEncoding::seven_bit},
      {"ascii text with a 998-octet line", line_998 + "\r\n", true, false, TransferEncoding::seven_bit},
      {"ascii text with a 999-octet line", long_line + "\n", true, false, TransferEncoding::quoted_printable},
      {"text with a NUL", std::string("a\0b", 3), true, false, TransferEncoding::base64},
      {"text with a bare CR", "a\rb\n", true, false, TransferEncoding::base64},
      {"mostly ascii text", "Gr\xC3\xBC\xC3\x9F" "e aus K\xC3\xB6ln, und einen sch\xC3\xB6nen Tag noch\n", true, false,
       TransferEncoding::quoted_printable},
      {"chinese text", "\xE8\xA7\x81\xE9\x99\x84\xE4\xBB\xB6\xE3\x80\x82\n", true, false, TransferEncoding::base64},
      {"chinese text with 8bit allowed", "\xE8\xA7\x81\xE9\x99\x84\xE4\xBB\xB6\xE3\x80\x82\n", true, true,
       TransferEncoding::eight_bit},
      {"8bit allowed but a long line", std::string(1200, '\xC3'), true, true, TransferEncoding::base64},
      {"binary data", std::string("\x89PNG\r\n\x1a\n\0\0", 10), false, false, TransferEncoding::base64},
      {"byte-exact ascii with CRLF", "a,b\r\nc,d\r\n", false, false, TransferEncoding::seven_bit},
      {"byte-exact ascii with bare LF", "a,b\nc,d\n", false, false, TransferEncoding::base64},
      {"byte-exact 8bit is never 8bit", "caf\xC3\xA9\r\n", false, true, TransferEncoding::base64},
      {"empty", "", true, false, TransferEncoding::seven_bit},
  };
  for (const auto& c : cases)
    EXPECT_EQ(choose_transfer_encoding(c.bytes, c.text_body, c.allow_8bit), c.expected) << c.name;
}

TEST(ChooseTransferEncoding, byte_exact_ascii_with_bare_lf_is_7bit_when_writing_lf) {
  EXPECT_EQ(choose_transfer_encoding("a\nb\n", false, false, LineEnding::lf), TransferEncoding::seven_bit);
  EXPECT_EQ(choose_transfer_encoding("a\r\nb\r\n", false, false, LineEnding::lf), TransferEncoding::base64);
}

std::string body_of(const std::string& message) {
  const auto sep = message.find("\r\n\r\n");
  return sep == std::string::npos ? std::string() : message.substr(sep + 4);
}

TEST(WriteLeaf, seven_bit_text_line_breaks_become_crlf) {
  auto p = Part::text("one\ntwo\r\nthree\n");
  ASSERT_TRUE(p);
  auto s = to_string(*p);
  ASSERT_TRUE(s);
  EXPECT_NE(s->find("Content-Transfer-Encoding: 7bit\r\n"), std::string::npos);
  EXPECT_EQ(body_of(*s), "one\r\ntwo\r\nthree\r\n");
}

TEST(WriteLeaf, base64_lines_are_76_characters_except_the_last) {
  auto p = Part::data(std::string(1000, '\xFF'), "application/octet-stream");
  ASSERT_TRUE(p);
  auto s = to_string(*p);
  ASSERT_TRUE(s);
  const std::string body = body_of(*s);
  std::size_t pos = 0, lines = 0;
  while (pos < body.size()) {
    const auto nl = body.find("\r\n", pos);
    ASSERT_NE(nl, std::string::npos);
    const std::size_t len = nl - pos;
    if (nl + 2 < body.size()) EXPECT_EQ(len, 76u);
    else EXPECT_LE(len, 76u);
    pos = nl + 2;
    ++lines;
  }
  EXPECT_EQ(lines, (1336u + 75) / 76);
  EXPECT_EQ(decode_base64(body), std::string(1000, '\xFF'));
}

TEST(WriteLeaf, base64_text_is_put_in_canonical_crlf_form_first) {
  auto p = Part::text("\xE8\xA7\x81\xE9\x99\x84\n\xE4\xBB\xB6\n");
  ASSERT_TRUE(p);
  WriteOptions o;
  o.format.eol = LineEnding::lf;
  auto s = to_string(*p, o);
  ASSERT_TRUE(s);
  const auto sep = s->find("\n\n");
  ASSERT_NE(sep, std::string::npos);
  EXPECT_EQ(decode_base64(s->substr(sep + 2)), "\xE8\xA7\x81\xE9\x99\x84\r\n\xE4\xBB\xB6\r\n");
}

TEST(WriteLeaf, quoted_printable_lines_stay_within_76_characters) {
  std::string text;
  for (int i = 0; i < 10; ++i) text += "Viele Gr\xC3\xBC\xC3\x9F" "e aus dem sch\xC3\xB6nen K\xC3\xB6ln am Rhein, ";
  text += "\n";
  auto p = Part::text(text);
  ASSERT_TRUE(p);
  auto s = to_string(*p);
  ASSERT_TRUE(s);
  EXPECT_NE(s->find("Content-Transfer-Encoding: quoted-printable\r\n"), std::string::npos);
  const std::string body = body_of(*s);
  std::size_t pos = 0;
  while (pos < body.size()) {
    auto nl = body.find("\r\n", pos);
    if (nl == std::string::npos) nl = body.size();
    EXPECT_LE(nl - pos, 76u);
    pos = nl + 2;
  }
  EXPECT_EQ(decode_quoted_printable(body), [&] {
    std::string crlf = text;
    crlf.replace(crlf.size() - 1, 1, "\r\n");
    return crlf;
  }());
}

TEST(WriteLeaf, eight_bit_is_used_only_when_allowed) {
  auto p = Part::text("\xE8\xA7\x81\xE9\x99\x84\n");
  ASSERT_TRUE(p);
  WriteOptions o;
  o.allow_8bit = true;
  auto s = to_string(*p, o);
  ASSERT_TRUE(s);
  EXPECT_NE(s->find("Content-Transfer-Encoding: 8bit\r\n"), std::string::npos);
  EXPECT_EQ(body_of(*s), "\xE8\xA7\x81\xE9\x99\x84\r\n");
}

TEST(WriteLeaf, forced_encoding_that_cannot_carry_the_content_is_an_error) {
  auto p = Part::text("caf\xC3\xA9\n");
  ASSERT_TRUE(p);
  p->set_transfer_encoding(TransferEncoding::seven_bit);
  auto s = to_string(*p);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::invalid_argument);
}

TEST(WriteLeaf, forced_base64_on_ascii_text_is_honoured) {
  auto p = Part::text("hello\n");
  ASSERT_TRUE(p);
  p->set_transfer_encoding(TransferEncoding::base64);
  auto s = to_string(*p);
  ASSERT_TRUE(s);
  EXPECT_EQ(decode_base64(body_of(*s)), "hello\r\n");
}

TEST(WriteLeaf, text_in_gb2312_is_converted_and_labelled) {
  auto p = Part::text("\xE4\xB8\xAD\xE6\x96\x87\n", "gb2312");  // 中文
  ASSERT_TRUE(p);
  EXPECT_EQ(p->body(), "\xD6\xD0\xCE\xC4\n");
  auto s = to_string(*p);
  ASSERT_TRUE(s);
  EXPECT_NE(s->find("charset=\"gb2312\""), std::string::npos) << *s;
}

TEST(WriteLeaf, iso_2022_jp_text_is_seven_bit) {
  auto p = Part::text("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\n", "iso-2022-jp");  // 日本語
  ASSERT_TRUE(p);
  auto s = to_string(*p);
  ASSERT_TRUE(s);
  EXPECT_NE(s->find("Content-Transfer-Encoding: 7bit"), std::string::npos) << *s;
}

TEST(PartText, character_outside_the_charset_is_an_error) {
  auto p = Part::text("caf\xC3\xA9 \xE4\xB8\xAD", "iso-8859-1");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::invalid_sequence);
}

TEST(PartText, unknown_charset_is_an_error) {
  auto p = Part::text("x", "no-such-charset");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::unknown_charset);
}

}  // namespace
