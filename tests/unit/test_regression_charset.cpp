// Regressions found by fuzz/fuzz_rfc2047.cpp (inputs kept in testdata/fuzz/rfc2047/).

#include <gtest/gtest.h>

#include "mimetool/charset.hpp"
#include "mimetool/header_codec.hpp"

#include <unicode/ucnv.h>

using namespace mimetool;

// ICU drops unmappable default-ignorable code points even with its stopping callback, so
// from_utf8(strict) "succeeded" and lost U+200B ZERO WIDTH SPACE.
TEST(Regression, charset_strict_from_utf8_refuses_unmappable_zero_width_space) {
  const auto r = from_utf8("a\u200Bb", "iso-2022-jp", /*strict=*/true);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_sequence);
  EXPECT_EQ(r.error().offset, 1u);
}

TEST(Regression, charset_strict_from_utf8_refuses_unmappable_combining_grapheme_joiner) {
  const auto r = from_utf8("x\u034Fy", "koi8-r", /*strict=*/true);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().offset, 1u);
}

TEST(Regression, charset_strict_from_utf8_keeps_mappable_default_ignorables) {
  // GB18030 maps all of Unicode, U+200D ZERO WIDTH JOINER included.
  const auto r = from_utf8("a\u200Db", "gb18030", /*strict=*/true);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(to_utf8(*r, "gb18030")->text, "a\u200Db");
}

// encode_rfc2047() chose ISO-2022-JP for a run holding U+034F, which then vanished on decoding.
TEST(Regression, rfc2047_legacy_charset_run_with_default_ignorable_round_trips) {
  const std::string text = "U F-A8?Q?AJEFdaZpe=A\u034F_de&fevereiro?=";
  EXPECT_EQ(decode_rfc2047(encode_rfc2047(text, "iso-2022-jp", {}, 59)), text);
  EXPECT_EQ(decode_rfc2047(encode_rfc2047("\u65E5\u672C\u200B\u8A9E", "iso-2022-jp")), "\u65E5\u672C\u200B\u8A9E");
}

// EUC-KR's encoding table writes U+0088 as the single byte 0x88, which windows-949 (how readers
// decode "euc-kr") takes as a lead byte: "\u0088I" came back as U+B279. GB2312 had the same
// overlap with GBK, and ISO-8859-1's C1 bytes read back as windows-1252 punctuation.
TEST(Regression, charset_strict_from_utf8_refuses_text_that_reads_back_differently) {
  for (const char* cs : {"euc-kr", "gb2312", "iso-8859-1"}) {
    const auto r = from_utf8("a\u0088I", cs, /*strict=*/true);
    ASSERT_FALSE(r.has_value()) << cs;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_sequence) << cs;
    EXPECT_EQ(r.error().offset, 1u) << cs;
  }
}

TEST(Regression, charset_strict_from_utf8_still_converts_what_reads_back) {
  const auto r = from_utf8("\uD55C\uAD6D\uC5B4 text", "euc-kr", /*strict=*/true);  // 한국어
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, "\xC7\xD1\xB1\xB9\xBE\xEE text");
}

TEST(Regression, rfc2047_c1_control_in_euc_kr_run_falls_back_to_utf8) {
  const std::string text = "\uD55C\u0088I \uAD6D";
  for (const char* cs : {"euc-kr", "gb2312", "iso-8859-1"}) {
    const std::string enc = encode_rfc2047(text, cs);
    EXPECT_EQ(decode_rfc2047(enc), text) << cs << ": " << enc;
    std::string joined;
    for (const auto& w : encode_rfc2047_words(text, cs)) joined += w;
    EXPECT_EQ(decode_rfc2047(joined), text) << cs;
  }
}

// Lenient from_utf8() set its '?' with ucnv_setSubstString(), which clones the converter; closing
// the clone of an x11-compound-text converter freed sub-converters the pooled original still
// used, and the original crashed in ucnv_close() when the pool later evicted it (found by
// fuzz_charset under AddressSanitizer).
TEST(Regression, charset_lenient_from_utf8_to_compound_text_survives_pool_eviction) {
  ASSERT_TRUE(from_utf8("a\U0001F600b", "x11-compound-text", /*strict=*/false).has_value());
  // Evict the converter from the per-thread pool (eight slots): closing it must be safe.
  for (const char* cs : {"iso-8859-2", "iso-8859-5", "koi8-r", "windows-1251", "big5", "shift_jis", "euc-kr",
                         "gb18030", "iso-8859-7", "windows-1256"})
    EXPECT_TRUE(from_utf8("\u00E9", cs, false).has_value()) << cs;
  EXPECT_TRUE(from_utf8("a\U0001F600b", "x11-compound-text", false).has_value());
}

TEST(Regression, charset_lenient_from_utf8_still_writes_question_mark) {
  EXPECT_EQ(*from_utf8("a\U0001F600b", "koi8-r", false), "a?b");
  EXPECT_EQ(*from_utf8("\u4E2D\U0001F600", "gb2312", false), "\xD6\xD0?");
  EXPECT_EQ(*from_utf8("a\u4E2Db", "iso-8859-1", false), "a?b");
}

// The '?' callback converted '?' through the converter, which calls the callback again where the
// charset has no '?': unbounded recursion (found by fuzz_charset; testdata/fuzz/charset/). Every
// converter ICU offers must take lenient text with unmappable characters, then be evicted.
TEST(Regression, charset_lenient_from_utf8_works_with_every_icu_converter) {
  const int n = ucnv_countAvailable();
  ASSERT_GT(n, 100);
  int converted = 0;
  for (int i = 0; i < n; ++i) {
    const char* name = ucnv_getAvailableName(i);
    const auto r = from_utf8("a\U0001F600\u4E2D\u00E9\u0416b?", name, /*strict=*/false);
    if (r) ++converted;
    else EXPECT_EQ(r.error().code, ErrorCode::unknown_charset) << name;
  }
  EXPECT_GT(converted, 100);
}
