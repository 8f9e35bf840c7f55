#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

#include "mimetool/charset.hpp"
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
  EXPECT_LT(ms, 3000) << ms << " ms";  // quadratic scanning would take tens of seconds
}

TEST(Rfc2047Decode, words_with_many_spaces_and_no_terminator_stay_linear) {
  std::string input;
  for (int i = 0; i < 20000; ++i) input += "=?utf-8?q?a b ";
  const auto t0 = std::chrono::steady_clock::now();
  const std::string out = decode_rfc2047(input);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_NE(out.find("a b"), std::string::npos);
  EXPECT_LT(ms, 3000) << ms << " ms";  // quadratic scanning would take tens of seconds
}

// Differential check against Python's email.header (an independent implementation): every
// well-formed unstructured case of the table must decode the same, except the cases whose
// "python_differs" field records a known Python quirk. Python 3 is a build dependency.
TEST(Rfc2047Decode, agrees_with_python_email_header_on_well_formed_vectors) {
  const auto table =
      nlohmann::json::parse(mimetool::test::read_bytes(mimetool::test::testdata_dir() / "headers" / "rfc2047.json"));
  nlohmann::json inputs = nlohmann::json::array();
  std::vector<std::string> ours;
  for (const auto& c : table["cases"]) {
    if (c.contains("mode") || c.contains("diagnostics") || c.contains("python_differs")) continue;
    inputs.push_back(c["input"]);
    ours.push_back(decode_rfc2047(c["input"].get<std::string>()));
  }
  ASSERT_GT(inputs.size(), 25u);
  const auto dir = std::filesystem::temp_directory_path();
  const std::string tag = std::to_string(::getpid());
  const auto in = dir / ("mimetool_rfc2047_" + tag + ".json");
  const auto py = dir / ("mimetool_rfc2047_" + tag + ".py");
  std::ofstream(in) << inputs.dump();
  std::ofstream(py) << "import sys,json\n"
                       "from email.header import decode_header, make_header\n"
                       "print(json.dumps([str(make_header(decode_header(s))) for s in json.load(open(sys.argv[1],encoding='utf-8'))]))\n";
  FILE* f = popen(("python3 " + py.string() + " " + in.string()).c_str(), "r");
  ASSERT_NE(f, nullptr);
  std::string output;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, f)) output.append(buf, n);
  const int status = pclose(f);
  std::filesystem::remove(in);
  std::filesystem::remove(py);
  ASSERT_EQ(status, 0) << "python3 failed: " << output;
  const auto python = nlohmann::json::parse(output);
  ASSERT_EQ(python.size(), ours.size());
  for (std::size_t i = 0; i < ours.size(); ++i) EXPECT_EQ(ours[i], python[i].get<std::string>()) << inputs[i];
}

// Hostile fragments in random order: the result is always valid UTF-8 and keeps every plain byte.
TEST(Rfc2047Decode, random_fragments_always_give_valid_utf8) {
  const char* fragments[] = {"=?", "?=", "utf-8", "?q?", "?B?", "gb2312", "x-bad", "*en", "=C3", "=A9", "_", " ",
                             "\r\n ", "\"", "\\", "QQ==", "\xFF", "\xC3", "\x1B$B", "abc", "iso-2022-jp", "?"};
  for (unsigned seed = 1; seed <= 3000; ++seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> len(0, 40), pick(0, std::size(fragments) - 1);
    std::string input;
    for (int i = len(rng); i > 0; --i) input += fragments[pick(rng)];
    for (auto mode : {Rfc2047Mode::unstructured, Rfc2047Mode::phrase}) {
      Diagnostics d;
      const std::string out = decode_rfc2047(input, mode, &d);
      ASSERT_TRUE(mimetool::is_valid_utf8(out)) << "seed " << seed << ": " << input;
    }
  }
}
