#include <gtest/gtest.h>

#include <string>

#include "mimetool/charset.hpp"
#include "support/support.hpp"

using mimetool::detect_charset;

TEST(CharsetDetect, valid_utf8_is_utf8) { EXPECT_EQ(detect_charset("caf\xC3\xA9 au lait"), "UTF-8"); }

TEST(CharsetDetect, ascii_is_utf8) { EXPECT_EQ(detect_charset("plain text"), "UTF-8"); }

TEST(CharsetDetect, long_russian_koi8r_text_is_recognised) {
  const std::string bytes = mimetool::test::read_bytes(mimetool::test::testdata_dir() / "charsets" / "russian.koi8-r.txt");
  std::string many;
  for (int i = 0; i < 10; ++i) many += bytes;
  EXPECT_EQ(detect_charset(many), "KOI8-R");
}

TEST(CharsetDetect, shift_jis_text_is_recognised) {
  const std::string bytes = mimetool::test::read_bytes(mimetool::test::testdata_dir() / "charsets" / "japanese.shift_jis.txt");
  EXPECT_EQ(detect_charset(bytes), "windows-31j");
}

TEST(CharsetDetect, hint_wins_for_short_ambiguous_text) {
  // Six bytes of windows-1251: too short for the detector to be sure.
  EXPECT_EQ(detect_charset("\xCF\xF0\xE8\xE2\xE5\xF2", "windows-1251"), "windows-1251");
  EXPECT_EQ(detect_charset("\xC4\xE3\xBA\xC3", "gb2312"), "GB18030");
}

TEST(CharsetDetect, hint_that_cannot_decode_the_bytes_is_ignored) {
  // A GB18030 lead byte followed by a space is invalid.
  EXPECT_NE(detect_charset("\xC4 \xC4 \xC4 ", "gb2312"), "GB18030");
}

TEST(CharsetNfc, decomposed_text_is_composed) { EXPECT_EQ(mimetool::normalize_nfc("Cafe\xCC\x81"), "Café"); }

TEST(CharsetNfc, composed_text_is_unchanged) { EXPECT_EQ(mimetool::normalize_nfc("Café 日本"), "Café 日本"); }

TEST(CharsetNfc, invalid_utf8_becomes_replacement) { EXPECT_EQ(mimetool::normalize_nfc("a\xFF"), "a\uFFFD"); }

TEST(CharsetUtf8, validity_table) {
  const std::pair<std::string, bool> cases[] = {
      {"", true},
      {"plain ascii that is longer than eight bytes", true},
      {"\xC3\xA9", true},
      {"\xE2\x82\xAC", true},
      {"\xF0\x9F\x98\x80", true},
      {"\xF4\x8F\xBF\xBF", true},
      {"\xC0\xAF", false},          // overlong
      {"\xE0\x80\xAF", false},      // overlong
      {"\xED\xA0\x80", false},      // surrogate
      {"\xF4\x90\x80\x80", false},  // above U+10FFFF
      {"\xF5\x80\x80\x80", false},
      {"abcdefgh\x80", false},      // lone continuation after an ASCII block
      {"\xE2\x82", false},          // truncated
      {"\xFF", false},
  };
  for (const auto& [bytes, valid] : cases) EXPECT_EQ(mimetool::is_valid_utf8(bytes), valid) << bytes;
}
