#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "mimetool/charset.hpp"
#include "support/support.hpp"

using mimetool::CharsetPolicy;
using mimetool::ErrorCode;
using mimetool::from_utf8;
using mimetool::to_utf8;

namespace {
CharsetPolicy strict_policy() {
  CharsetPolicy p;
  p.strict = true;
  return p;
}
}  // namespace

TEST(CharsetToUtf8, latin1_label_decodes_c1_bytes_as_windows_1252) {
  auto r = to_utf8("\x93quoted\x94 \x80", "iso-8859-1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "\u201Cquoted\u201D \u20AC");
  EXPECT_EQ(r->charset_used, "windows-1252");
  EXPECT_FALSE(r->lossy);
}

TEST(CharsetToUtf8, invalid_utf8_becomes_replacement_and_lossy_when_lenient) {
  auto r = to_utf8("a\xC3(b\xE2\x82", "utf-8");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "a\uFFFD(b\uFFFD");
  EXPECT_TRUE(r->lossy);
}

TEST(CharsetToUtf8, invalid_sequence_is_an_error_with_offset_when_strict) {
  auto r = to_utf8("ab\xC3(", "utf-8", strict_policy());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid_sequence);
  EXPECT_EQ(r.error().offset, 2u);
}

TEST(CharsetToUtf8, invalid_multibyte_sequence_is_an_error_when_strict) {
  auto r = to_utf8("\xD6\xD0\xFF", "gb2312", strict_policy());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid_sequence);
  EXPECT_EQ(r.error().offset, 2u);
}

TEST(CharsetToUtf8, invalid_shift_jis_byte_becomes_replacement_not_sub) {
  auto r = to_utf8("a\xA0" "b", "shift_jis");  // 0xA0 is unassigned in windows-31j
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "a\uFFFD" "b");
  EXPECT_TRUE(r->lossy);
}

TEST(CharsetToUtf8, unknown_charset_is_an_error_when_strict) {
  auto r = to_utf8("abc", "x-unknown", strict_policy());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::unknown_charset);
}

TEST(CharsetToUtf8, unknown_charset_with_utf8_bytes_falls_back_to_utf8_and_is_lossy) {
  auto r = to_utf8("caf\xC3\xA9", "fakescii");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "café");
  EXPECT_EQ(r->charset_used, "UTF-8");
  EXPECT_TRUE(r->lossy);
}

TEST(CharsetToUtf8, unknown_charset_with_ascii_bytes_is_not_lossy) {
  auto r = to_utf8("plain", "invalid-charset");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "plain");
  EXPECT_FALSE(r->lossy);
}

TEST(CharsetToUtf8, unknown_charset_uses_configured_fallback) {
  CharsetPolicy p;
  p.fallback = "koi8-r";
  auto r = to_utf8("\xF0\xD2\xC9\xD7\xC5\xD4", "x-unknown", p);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "Привет");
  EXPECT_EQ(r->charset_used, "KOI8-R");
  EXPECT_TRUE(r->lossy);
}

TEST(CharsetToUtf8, undeclared_non_utf8_is_detected_with_hint) {
  CharsetPolicy p;
  p.hint = "windows-1251";
  auto r = to_utf8("\xCF\xF0\xE8\xE2\xE5\xF2, \xEC\xE8\xF0!", "", p);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "Привет, мир!");
  EXPECT_EQ(r->charset_used, "windows-1251");
  EXPECT_FALSE(r->lossy);
}

TEST(CharsetToUtf8, utf16_without_bom_little_endian_is_sniffed) {
  auto r = to_utf8(std::string("H\0i\0", 4), "utf-16");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "Hi");
  EXPECT_EQ(r->charset_used, "UTF-16LE");
}

TEST(CharsetToUtf8, utf16_bom_selects_byte_order_and_is_dropped) {
  auto r = to_utf8(std::string("\xFE\xFF\0H\0i", 6), "UTF-16");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "Hi");
  EXPECT_EQ(r->charset_used, "UTF-16BE");
}

TEST(CharsetToUtf8, utf8_bom_is_dropped) {
  auto r = to_utf8("\xEF\xBB\xBFok", "utf-8");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "ok");
}

TEST(CharsetToUtf8, utf7_decodes_outlook_style_text) {
  auto r = to_utf8("Hi Mom -+Jjo--!", "utf-7");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "Hi Mom -\u263A-!");
}

TEST(CharsetToUtf8, iso2022jp_accepts_halfwidth_katakana_escape) {
  // ESC ( I (JIS X 0201 katakana), as CP50221 writes it.
  auto r = to_utf8("a\x1B(I12\x1B(Bb", "iso-2022-jp");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "a\uFF71\uFF72b");
  EXPECT_FALSE(r->lossy);
}

// ICU alone turns the first of two adjacent escape sequences into U+FFFD.
TEST(CharsetToUtf8, iso2022jp_adjacent_escape_sequences_decode_cleanly) {
  auto r = to_utf8("\x1B$BF|\x1B(B\x1B$BK\\\x1B(B", "iso-2022-jp");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "日本");
  EXPECT_FALSE(r->lossy);
}

TEST(CharsetToUtf8, ks_c_5601_decodes_uhc_extension) {
  auto r = to_utf8("\x81\x41", "ks_c_5601-1987");  // only in windows-949, not in EUC-KR
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "\uAC02");
}

// Every sample in testdata/charsets converts to its UTF-8 twin.
TEST(CharsetToUtf8, testdata_samples_match_utf8_text) {
  const auto dir = mimetool::test::testdata_dir() / "charsets";
  int checked = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string file = e.path().filename().string();
    if (e.path().extension() != ".txt" || file.find(".utf-8.") != std::string::npos) continue;
    const std::string stem = file.substr(0, file.find('.'));
    const std::string charset = file.substr(stem.size() + 1, file.size() - stem.size() - 5);
    const std::string expected = mimetool::test::read_bytes(dir / (stem + ".utf-8.txt"));
    auto r = to_utf8(mimetool::test::read_bytes(e.path()), charset, strict_policy());
    ASSERT_TRUE(r) << file << ": " << r.error().message;
    EXPECT_EQ(r->text, expected) << file;
    ++checked;
  }
  EXPECT_EQ(checked, 14);
}

// Round trip back to the legacy charset, except the byte-order-marked and UTF-7 forms whose
// byte layout is a writer's choice.
TEST(CharsetFromUtf8, testdata_samples_round_trip) {
  const auto dir = mimetool::test::testdata_dir() / "charsets";
  const std::pair<const char*, const char*> cases[] = {
      {"chinese", "gb2312"},   {"chinese-gbk", "gbk"},     {"chinese-gb18030", "gb18030"},
      {"chinese-traditional", "big5"}, {"japanese", "iso-2022-jp"}, {"japanese", "shift_jis"},
      {"japanese", "euc-jp"},  {"korean", "euc-kr"},       {"russian", "koi8-r"},
      {"russian", "windows-1251"}, {"western", "windows-1252"}, {"euro", "iso-8859-15"},
  };
  for (auto [stem, charset] : cases) {
    const std::string utf8 = mimetool::test::read_bytes(dir / (std::string(stem) + ".utf-8.txt"));
    const std::string legacy = mimetool::test::read_bytes(dir / (std::string(stem) + "." + charset + ".txt"));
    auto r = from_utf8(utf8, charset, true);
    ASSERT_TRUE(r) << charset << ": " << r.error().message;
    EXPECT_EQ(*r, legacy) << charset;
  }
}

TEST(CharsetFromUtf8, unmappable_character_becomes_question_mark_when_lenient) {
  auto r = from_utf8("a€b", "iso-8859-1");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, "a?b");
}

TEST(CharsetFromUtf8, unmappable_character_is_an_error_with_offset_when_strict) {
  auto r = from_utf8("ab€", "gb2312", false);
  ASSERT_TRUE(r);
  auto s = from_utf8("aé€", "iso-8859-1", true);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::invalid_sequence);
  EXPECT_EQ(s.error().offset, 3u);
}

TEST(CharsetFromUtf8, gb2312_label_keeps_to_gb2312_repertoire) {
  // U+4E1F is in GBK but not GB2312: writing GB18030 bytes under a gb2312 label would mislead readers.
  EXPECT_FALSE(from_utf8("丟", "gb2312", true));
  EXPECT_TRUE(from_utf8("丟", "gbk", true));
}

TEST(CharsetFromUtf8, iso2022jp_writes_halfwidth_katakana_as_fullwidth) {
  auto r = from_utf8("\uFF71", "iso-2022-jp", true);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, "\x1B$B%\"\x1B(B");
}

TEST(CharsetFromUtf8, unknown_charset_is_an_error) {
  auto r = from_utf8("x", "fakescii");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::unknown_charset);
}

// gmime data/filters: the same text in several charsets (corpus role "codec").
TEST(CharsetCorpus, gmime_filter_texts_convert_to_utf8) {
  const auto dir = mimetool::test::corpus_dir() / "gmime" / "data" / "filters";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "corpus absent: " << dir;
  const std::pair<const char*, const char*> cases[] = {
      {"cyrillic.cp1251.txt", "windows-1251"}, {"cyrillic.iso-8859-5.txt", "iso-8859-5"},
      {"cyrillic.koi8-r.txt", "koi8-r"},       {"japanese.iso-2022-jp.txt", "iso-2022-jp"},
      {"japanese.shift-jis.txt", "shift_jis"},
  };
  for (auto [file, charset] : cases) {
    const std::string name = file;
    const std::string utf8_name = name.substr(0, name.find('.')) + ".utf-8.txt";
    auto r = to_utf8(mimetool::test::read_bytes(dir / name), charset, strict_policy());
    ASSERT_TRUE(r) << file << ": " << r.error().message;
    EXPECT_EQ(r->text, mimetool::test::read_bytes(dir / utf8_name)) << file;
  }
}

// chinese.big5.txt is chinese.utf-8.txt minus the characters Big5 lacks (Japanese-only kanji such
// as 学), so the decoded text must be the UTF-8 text with characters only deleted, never changed.
TEST(CharsetCorpus, gmime_big5_text_is_the_utf8_text_minus_unmappable_characters) {
  const auto dir = mimetool::test::corpus_dir() / "gmime" / "data" / "filters";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "corpus absent: " << dir;
  auto r = to_utf8(mimetool::test::read_bytes(dir / "chinese.big5.txt"), "big5", strict_policy());
  ASSERT_TRUE(r) << r.error().message;
  const std::string full = mimetool::test::read_bytes(dir / "chinese.utf-8.txt");
  auto chars = [](const std::string& s) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.size();) {
      std::size_t n = 1;
      const auto c = static_cast<unsigned char>(s[i]);
      n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      out.push_back(s.substr(i, n));
      i += n;
    }
    return out;
  };
  const auto got = chars(r->text);
  const auto want = chars(full);
  std::size_t j = 0;
  for (const auto& c : got) {
    while (j < want.size() && want[j] != c) ++j;
    ASSERT_LT(j, want.size()) << "decoded character " << c << " not in the UTF-8 text at this position";
    ++j;
  }
  EXPECT_GT(got.size(), want.size() * 3 / 4);
}

TEST(CharsetCorpus, gmime_filter_texts_convert_back_from_utf8) {
  const auto dir = mimetool::test::corpus_dir() / "gmime" / "data" / "filters";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "corpus absent: " << dir;
  const std::pair<const char*, const char*> cases[] = {
      {"cyrillic.cp1251.txt", "windows-1251"}, {"cyrillic.iso-8859-5.txt", "iso-8859-5"},
      {"cyrillic.koi8-r.txt", "koi8-r"},       {"japanese.iso-2022-jp.txt", "iso-2022-jp"},
      {"japanese.shift-jis.txt", "shift_jis"},
  };
  for (auto [file, charset] : cases) {
    const std::string name = file;
    const std::string utf8 = mimetool::test::read_bytes(dir / (name.substr(0, name.find('.')) + ".utf-8.txt"));
    auto r = from_utf8(utf8, charset, true);
    ASSERT_TRUE(r) << file << ": " << r.error().message;
    EXPECT_EQ(*r, mimetool::test::read_bytes(dir / name)) << file;
  }
}

// french-fable.cp1252.txt is labelled iso-8859-1 by its message but holds 0x92 apostrophes;
// mime-part/french-fable.txt is the same fable in UTF-8 with straight apostrophes.
TEST(CharsetCorpus, gmime_french_fable_decodes_c1_apostrophes_under_latin1_label) {
  const auto dir = mimetool::test::corpus_dir() / "gmime" / "data";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "corpus absent: " << dir;
  auto r = to_utf8(mimetool::test::read_bytes(dir / "filters" / "french-fable.cp1252.txt"), "iso-8859-1", strict_policy());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->charset_used, "windows-1252");
  std::string text = r->text;
  for (std::size_t p; (p = text.find("\u2019")) != std::string::npos;) text.replace(p, 3, "'");
  EXPECT_EQ(text, mimetool::test::read_bytes(dir / "mime-part" / "french-fable.txt"));
}

TEST(CharsetToUtf8, concurrent_conversions_agree) {
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &failures] {
      for (int i = 0; i < 2000; ++i) {
        auto a = to_utf8("\xF0\xD2\xC9\xD7\xC5\xD4", "koi8-r");
        auto b = to_utf8("\xC4\xE3\xBA\xC3", "gb2312");
        auto c = to_utf8("\x1B$B$3$s\x1B(B", "iso-2022-jp");
        if (a->text != "Привет" || b->text != "你好" || c->text != "こん") ++failures[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

// Converters are pooled per thread: 100,000 short conversions through ICU take about 35 ms in an
// optimised build; the bound leaves room for sanitizer builds while still catching a regression
// to per-call converter setup with alias resolution.
TEST(CharsetToUtf8, many_short_conversions_are_fast) {
  const auto start = std::chrono::steady_clock::now();
  std::size_t total = 0;
  for (int i = 0; i < 100000; ++i) total += to_utf8("\xC4\xE3\xBA\xC3", i % 2 ? "gb2312" : "big5")->text.size();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GT(total, 0u);
  EXPECT_LT(ms, 5000) << ms << " ms";
  RecordProperty("milliseconds", static_cast<int>(ms));
}
