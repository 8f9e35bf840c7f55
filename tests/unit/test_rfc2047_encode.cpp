#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "mimetool/charset.hpp"
#include "mimetool/header_codec.hpp"

using mimetool::decode_rfc2047;
using mimetool::encode_rfc2047;
using mimetool::encode_rfc2047_words;
using mimetool::Rfc2047Mode;

namespace {

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t p; (p = s.find("\r\n", start)) != std::string::npos; start = p + 2) out.push_back(s.substr(start, p - start));
  out.push_back(s.substr(start));
  return out;
}

// Every "=?...?=" in s (the encoder writes no "=?" elsewhere).
std::vector<std::string> words_of(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t p = 0; (p = s.find("=?", p)) != std::string::npos;) {
    // skip charset?X? then find the terminator
    std::size_t q = s.find('?', p + 2);
    q = s.find("?=", q + 3);
    out.push_back(s.substr(p, q + 2 - p));
    p = q + 2;
  }
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Random text: ASCII words (with specials), CJK, Cyrillic, emoji, combining marks, single spaces.
std::string random_text(std::mt19937& rng) {
  static const char32_t kPool[] = {U'a', U'Z', U'0', U'.', U',', U'"', U'(', U'=', U'?', U'_', U'@', U'\\',
                                   U'\u00E9', U'\u00FC', U'\u0416', U'\u044F', U'\u4E2D', U'\u6587', U'\u65E5',
                                   U'\u3042', U'\uAC00', U'\u20AC', U'\u0301', U'\u0308', U'\U0001F600',
                                   U'\U0001F44D', U'\U00020000'};
  std::uniform_int_distribution<int> len(0, 60), pick(0, std::size(kPool) + 8);
  std::string out;
  const int n = len(rng);
  for (int i = 0; i < n; ++i) {
    const int k = pick(rng);
    if (k >= static_cast<int>(std::size(kPool)) + 4) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else if (k >= static_cast<int>(std::size(kPool))) {
      out.push_back(static_cast<char>('a' + k % 26));
    } else {
      append_utf8(out, kPool[k]);
    }
  }
  return out;
}

void check_round_trip(const std::string& text, const char* charset, Rfc2047Mode mode, std::size_t first_line_used) {
  const std::string enc = encode_rfc2047(text, charset, mode, first_line_used);
  ASSERT_EQ(decode_rfc2047(enc, mode), text) << "encoded: " << enc;
  const auto lines = lines_of(enc);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::size_t col = (i == 0 ? first_line_used : 0) + lines[i].size();
    if (lines[i].find("=?") != std::string::npos) {
      EXPECT_LE(col, 76u) << "line " << i << " of: " << enc;
    }
    if (i > 0) {
      EXPECT_TRUE(!lines[i].empty() && (lines[i][0] == ' ' || lines[i][0] == '\t')) << enc;
    }
  }
  for (const auto& w : words_of(enc)) EXPECT_LE(w.size(), 75u) << w;
  for (unsigned char c : enc) EXPECT_LT(c, 0x80) << enc;
}

}  // namespace

TEST(Rfc2047Encode, ascii_text_is_left_as_is) { EXPECT_EQ(encode_rfc2047("Hello world", "utf-8", {}, 9), "Hello world"); }

TEST(Rfc2047Encode, mostly_ascii_word_becomes_one_q_word) {
  EXPECT_EQ(encode_rfc2047("Herr Müller", "utf-8", {}, 9), "Herr =?utf-8?Q?M=C3=BCller?=");
}

TEST(Rfc2047Encode, b_is_chosen_when_shorter) {
  // Q "caf=C3=A9" is 9 characters, B "Y2Fmw6k=" is 8.
  EXPECT_EQ(encode_rfc2047("café au lait", "utf-8", {}, 9), "=?utf-8?B?Y2Fmw6k=?= au lait");
}

TEST(Rfc2047Encode, mostly_non_ascii_text_uses_b) {
  EXPECT_EQ(encode_rfc2047("日本語", "utf-8"), "=?utf-8?B?5pel5pys6Kqe?=");
}

TEST(Rfc2047Encode, adjacent_non_ascii_words_share_a_run_with_encoded_space) {
  EXPECT_EQ(encode_rfc2047("Jörg Müller", "utf-8", Rfc2047Mode::phrase), "=?utf-8?B?SsO2cmcgTcO8bGxlcg==?=");
}

TEST(Rfc2047Encode, text_resembling_an_encoded_word_is_encoded) {
  const std::string enc = encode_rfc2047("=?utf-8?q?x?=");
  EXPECT_NE(enc, "=?utf-8?q?x?=");
  EXPECT_EQ(decode_rfc2047(enc), "=?utf-8?q?x?=");
}

TEST(Rfc2047Encode, phrase_mode_encodes_specials_with_restricted_q_set) {
  const std::string text = "Smithfield-Worthington, Jöhnathan (x)";
  const std::string enc = encode_rfc2047(text, "utf-8", Rfc2047Mode::phrase);
  ASSERT_NE(enc.find("?Q?"), std::string::npos) << enc;
  // RFC 2047 §5(3): only letters, digits and !*+-/ literally inside a phrase word.
  for (const auto& w : words_of(enc)) {
    const std::string text = w.substr(w.find("?Q?") + 3, w.size() - w.find("?Q?") - 5);
    for (char c : text) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || std::string("!*+-/=_").find(c) != std::string::npos) << w;
  }
  EXPECT_EQ(decode_rfc2047(enc, Rfc2047Mode::phrase), text);
}

TEST(Rfc2047Encode, legacy_charset_is_used_when_it_can_represent_the_text) {
  const std::string enc = encode_rfc2047("日本語のテスト", "iso-2022-jp");
  EXPECT_EQ(enc.rfind("=?iso-2022-jp?", 0), 0u) << enc;
  EXPECT_EQ(decode_rfc2047(enc), "日本語のテスト");
}

TEST(Rfc2047Encode, unrepresentable_run_falls_back_to_utf8) {
  const std::string enc = encode_rfc2047("Привет 😀", "koi8-r");
  EXPECT_NE(enc.find("=?utf-8?"), std::string::npos) << enc;
  EXPECT_EQ(decode_rfc2047(enc), "Привет 😀");
}

TEST(Rfc2047Encode, stateful_charset_words_each_return_to_ascii) {
  std::string text;
  for (int i = 0; i < 30; ++i) text += "日本語";
  const std::string enc = encode_rfc2047(text, "iso-2022-jp", {}, 9);
  const auto words = words_of(enc);
  ASSERT_GT(words.size(), 2u);
  for (const auto& w : words) {
    auto r = mimetool::to_utf8(decode_rfc2047(w), "utf-8");
    EXPECT_FALSE(r->lossy) << w;  // every word decodes on its own
  }
  EXPECT_EQ(decode_rfc2047(enc), text);
}

TEST(Rfc2047Encode, first_line_budget_is_respected) {
  check_round_trip("Ünïcödé everywhere in this rather long subject line to force folding", "utf-8", {}, 30);
}

TEST(Rfc2047Encode, no_room_on_first_line_starts_with_a_fold) {
  const std::string enc = encode_rfc2047("日本語", "utf-8", {}, 70);
  EXPECT_EQ(enc.rfind("\r\n ", 0), 0u) << enc;
  // The field body then starts with folding whitespace, which field parsers strip.
  EXPECT_EQ(decode_rfc2047(enc), " 日本語");
}

TEST(Rfc2047Encode, word_list_concatenates_to_the_unfolded_value) {
  std::string text;
  for (int i = 0; i < 20; ++i) text += "Grüße ";
  text += "end";
  const auto words = encode_rfc2047_words(text);
  ASSERT_GT(words.size(), 2u);
  std::string joined;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) {
      EXPECT_TRUE(words[i][0] == ' ' || words[i][0] == '\t') << words[i];
    }
    EXPECT_LE(words[i].size(), 76u);
    joined += words[i];
  }
  EXPECT_EQ(decode_rfc2047(joined), text);
}

TEST(Rfc2047Encode, random_unicode_round_trips_in_unstructured_mode) {
  for (unsigned seed = 1; seed <= 400; ++seed) {
    std::mt19937 rng(seed);
    const std::string text = random_text(rng);
    SCOPED_TRACE("seed " + std::to_string(seed));
    check_round_trip(text, "utf-8", Rfc2047Mode::unstructured, seed % 30);
    if (HasFatalFailure()) return;
  }
}

TEST(Rfc2047Encode, random_unicode_round_trips_in_phrase_mode) {
  for (unsigned seed = 1000; seed < 1400; ++seed) {
    std::mt19937 rng(seed);
    const std::string text = random_text(rng);
    SCOPED_TRACE("seed " + std::to_string(seed));
    check_round_trip(text, "utf-8", Rfc2047Mode::phrase, 6);
    if (HasFatalFailure()) return;
  }
}

TEST(Rfc2047Encode, random_unicode_round_trips_through_legacy_charsets) {
  for (const char* charset : {"iso-2022-jp", "gb18030", "shift_jis", "koi8-r", "iso-8859-1"}) {
    for (unsigned seed = 1; seed <= 60; ++seed) {
      std::mt19937 rng(seed);
      const std::string text = random_text(rng);
      SCOPED_TRACE(std::string(charset) + " seed " + std::to_string(seed));
      check_round_trip(text, charset, Rfc2047Mode::unstructured, 9);
      if (HasFatalFailure()) return;
    }
  }
}
