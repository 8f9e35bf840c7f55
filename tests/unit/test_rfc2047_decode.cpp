#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "mimetool/header_codec.hpp"
#include "support/support.hpp"

using mimetool::decode_rfc2047;
using mimetool::Diagnostics;
using mimetool::Rfc2047Mode;

namespace {
std::vector<std::string> codes(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& x : d) out.push_back(x.code);
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

// testdata/headers/rfc2047.json: RFC 2047 §8, RFC 2231 §5 and real-mailer shapes.
TEST(Rfc2047Decode, vector_table) {
  const auto text = mimetool::test::read_bytes(mimetool::test::testdata_dir() / "headers" / "rfc2047.json");
  const auto table = nlohmann::json::parse(text);
  ASSERT_GT(table["cases"].size(), 40u);
  for (const auto& c : table["cases"]) {
    const std::string input = c["input"];
    const auto mode = c.value("mode", "unstructured") == "phrase" ? Rfc2047Mode::phrase : Rfc2047Mode::unstructured;
    Diagnostics d;
    EXPECT_EQ(decode_rfc2047(input, mode, &d), c["expected"].get<std::string>()) << c["source"] << ": " << input;
    std::vector<std::string> want = c.value("diagnostics", std::vector<std::string>{});
    std::sort(want.begin(), want.end());
    EXPECT_EQ(codes(d), want) << c["source"] << ": " << input;
  }
}

TEST(Rfc2047Decode, raw_utf8_outside_words_is_kept) {
  Diagnostics d;
  EXPECT_EQ(decode_rfc2047("Caf\xC3\xA9 =?utf-8?q?au_lait?=", {}, &d), "Café au lait");
  EXPECT_EQ(codes(d), std::vector<std::string>{"unencoded_8bit_header"});
}

TEST(Rfc2047Decode, raw_legacy_bytes_use_fallback_charset) {
  EXPECT_EQ(decode_rfc2047("\xF0\xD2\xC9\xD7\xC5\xD4", {}, nullptr, "koi8-r"), "Привет");
}

TEST(Rfc2047Decode, raw_legacy_bytes_are_detected_with_the_words_charset_as_hint) {
  // Raw windows-1251 next to a windows-1251 encoded-word: the word's charset steers detection.
  EXPECT_EQ(decode_rfc2047("\xCF\xF0\xE8\xE2\xE5\xF2 =?windows-1251?B?7Ojw?="), "Привет мир");
}

TEST(Rfc2047Decode, error_offsets_point_at_the_word) {
  Diagnostics d;
  decode_rfc2047("abc =?x-none?q?z?=", {}, &d);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].offset, 4u);
}

TEST(Rfc2047Decode, each_diagnostic_code_is_reported_once) {
  Diagnostics d;
  std::string input;
  for (int i = 0; i < 100; ++i) input += "=?x-none?q?z?= ";
  decode_rfc2047(input, {}, &d);
  EXPECT_EQ(d.size(), 1u);
}

// 10,000 adjacent words (and 10,000 unterminated starts) must decode in linear time.
TEST(Rfc2047Decode, many_adjacent_words_stay_linear) {
  std::string words, starts, expected;
  for (int i = 0; i < 10000; ++i) {
    words += "=?utf-8?q?=C3=A9?= ";
    starts += "=?utf-8?q?";
    expected += "é";
  }
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(decode_rfc2047(words), expected + " ");
  const std::string out = decode_rfc2047(starts);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_FALSE(out.empty());
  EXPECT_LT(ms, 500) << ms << " ms";
}

TEST(Rfc2047Decode, words_with_many_spaces_and_no_terminator_stay_linear) {
  std::string input;
  for (int i = 0; i < 20000; ++i) input += "=?utf-8?q?a b ";
  const auto t0 = std::chrono::steady_clock::now();
  const std::string out = decode_rfc2047(input);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_NE(out.find("a b"), std::string::npos);
  EXPECT_LT(ms, 500) << ms << " ms";
}
