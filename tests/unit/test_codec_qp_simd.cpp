// The AVX2 quoted-printable decoder decodes whole 32-byte blocks of escapes and soft breaks in
// registers; these tests hold it to the portable loop byte for byte (output, bytes consumed,
// DecodeReport), one-shot and streamed, on escape-dense text (accented and CJK UTF-8) and on every
// placement of the bytes it decides on: '=', hex digits in either case, non-digits, CR, LF, blanks,
// block ends and the end of the input.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>

#include "codec/transfer_detail.hpp"
#include "mimetool/codec.hpp"
#include "unit/test_codec_util.hpp"

using mimetool::DecodeReport;
using mimetool::EncodeOptions;
using mimetool::LineEnding;
using mimetool::detail::SimdPath;

namespace {

struct Decoded {
  std::string out;
  std::size_t consumed = 0;
  DecodeReport report;
};

// Where the input starts in the whole input, so reported offsets are shifted by it.
constexpr std::size_t kOffset = 5;

Decoded decode_chunk(std::string_view in, bool final, SimdPath path) {
  Decoded d;
  d.out = "prefix";
  d.consumed = mimetool::detail::qp_decode_chunk(in, final, kOffset, d.out, &d.report, path);
  return d;
}

// Both loops on `in`, final and not final: same output, same stopping point, same report.
void expect_paths_agree(std::string_view in) {
  for (bool final : {true, false}) {
    const Decoded a = decode_chunk(in, final, SimdPath::scalar);
    const Decoded b = decode_chunk(in, final, SimdPath::avx2);
    ASSERT_EQ(a.out, b.out) << "final " << final << " input [" << in << "]";
    ASSERT_EQ(a.consumed, b.consumed) << "final " << final << " input [" << in << "]";
    ASSERT_EQ(a.report.invalid, b.report.invalid) << "input [" << in << "]";
    ASSERT_EQ(a.report.first_invalid, b.report.first_invalid) << "input [" << in << "]";
    ASSERT_EQ(a.report.invalid_count, b.report.invalid_count) << "input [" << in << "]";
  }
}

// Feeds `in` to the chunk function the way TransferDecoder does (what a call leaves undecided
// starts the next one), in pieces of `step` bytes.
Decoded decode_streamed(std::string_view in, std::size_t step, SimdPath path) {
  Decoded d;
  std::string pending;
  std::size_t offset = kOffset;
  for (std::size_t pos = 0; pos < in.size(); pos += step) {
    pending += in.substr(pos, step);
    const std::size_t used = mimetool::detail::qp_decode_chunk(pending, false, offset, d.out, &d.report, path);
    pending.erase(0, used);
    offset += used;
  }
  d.consumed = mimetool::detail::qp_decode_chunk(pending, true, offset, d.out, &d.report, path);
  return d;
}

void expect_streamed_like_one_shot(std::string_view in, std::size_t step) {
  const Decoded whole = decode_chunk(in, true, SimdPath::scalar);
  const Decoded streamed = decode_streamed(in, step, SimdPath::avx2);
  ASSERT_EQ("prefix" + streamed.out, whole.out) << "step " << step;
  ASSERT_EQ(streamed.report.invalid, whole.report.invalid) << "step " << step;
  ASSERT_EQ(streamed.report.first_invalid, whole.report.first_invalid) << "step " << step;
  ASSERT_EQ(streamed.report.invalid_count, whole.report.invalid_count) << "step " << step;
}

// UTF-8 text in which most characters are escaped once encoded: German, French, Polish, Greek,
// Russian, Chinese and Japanese words, blanks (some at line ends), LF or CRLF lines.
std::string multilingual_text(std::size_t n, std::uint32_t seed, bool crlf) {
  static const char* const words[] = {
      "f\xC3\xBCr",          "M\xC3\xA4rz",          "Stra\xC3\x9F" "e",       "caf\xC3\xA9",
      "\xC3\xA9t\xC3\xA9",   "\xC5\xBC\xC3\xB3\xC5\x82w", "\xCE\xB1\xCE\xB2\xCE\xB3", "\xD0\xBF\xD1\x80\xD0\xB8",
      "\xE6\x97\xA5\xE6\x9C\xAC", "\xE4\xB8\xAD\xE6\x96\x87", "\xE3\x81\x82\xE3\x82\x8A", "\xE2\x82\xAC",
      "and",                 "a=b",                  "x",                      "\xF0\x9F\x98\x80"};
  std::mt19937 rng(seed);
  std::string s;
  while (s.size() < n) {
    s += words[rng() % std::size(words)];
    const unsigned r = rng() % 12;
    if (r == 0) {
      s += crlf ? "\r\n" : "\n";
    } else if (r == 1) {
      s += crlf ? " \r\n" : "\t\n";
    } else {
      s += ' ';
    }
  }
  return s;
}

EncodeOptions encode_options(LineEnding eol, std::size_t line) {
  EncodeOptions o;
  o.eol = eol;
  o.line_length = line;
  return o;
}

// Escapes only: 12 per 36 bytes, so the escapes fall on every offset of a 32-byte block.
std::string escape_block(std::size_t count) {
  std::string s;
  for (std::size_t k = 0; k < count; ++k) s += (k % 3 == 0) ? "=E6" : (k % 3 == 1 ? "=97" : "=a5");
  return s;
}

}  // namespace

TEST(QpDecodePaths, agree_on_encoded_multilingual_text_with_lf_and_crlf) {
  REQUIRE_AVX2();
  for (std::uint32_t seed = 1; seed <= 40; ++seed) {
    for (LineEnding eol : {LineEnding::lf, LineEnding::crlf}) {
      const std::string text = multilingual_text(300 + seed * 31, seed, eol == LineEnding::crlf);
      const std::string enc = mimetool::encode_quoted_printable(text, encode_options(eol, 20 + seed % 57));
      expect_paths_agree(enc);
      DecodeReport report;
      ASSERT_EQ(mimetool::decode_quoted_printable(enc, &report), text) << "seed " << seed;
      EXPECT_FALSE(report.invalid);
    }
  }
}

TEST(QpDecodePaths, agree_at_every_length_and_alignment_of_encoded_text) {
  REQUIRE_AVX2();
  const std::string enc = mimetool::encode_quoted_printable(multilingual_text(400, 3, true));
  for (std::size_t len = 0; len <= enc.size(); ++len) expect_paths_agree(std::string_view(enc).substr(0, len));
  for (std::size_t a = 0; a < 40; ++a) {
    const std::string buf = std::string(a, 'q') + enc;
    expect_paths_agree(std::string_view(buf).substr(a));
    expect_paths_agree(std::string_view(buf).substr(a, 70));
  }
}

TEST(QpDecodePaths, agree_when_any_byte_of_escape_blocks_becomes_a_deciding_byte) {
  REQUIRE_AVX2();
  // Escape runs and soft breaks over three blocks; each byte in turn is replaced by a byte the
  // decoder decides on, so every lane sees '=', a bad or lowercase digit, CR, LF and blanks, also
  // in the two bytes read past a block end.
  const std::string base = "ab" + escape_block(10) + "=\r\n" + escape_block(7) + "x=\n" + escape_block(9) + "tail";
  static const char replacements[] = {'=', 'G', 'g', 'f', 'a', '0', '9', 'F', '\r', '\n', ' ', '\t', '\x80', ':', '@', '`'};
  for (std::size_t pos = 0; pos < base.size(); ++pos) {
    for (char c : replacements) {
      std::string s = base;
      s[pos] = c;
      expect_paths_agree(s);
    }
  }
}

TEST(QpDecodePaths, agree_for_escape_straddling_the_block_end_at_every_offset) {
  REQUIRE_AVX2();
  // The text before the escape shifts it over every position around the end of the first and the
  // second block; what follows it is text, another escape, a soft break or an invalid '='.
  for (std::size_t shift = 0; shift < 70; ++shift) {
    for (std::string_view what : {"=C3=A9", "=c3=a9", "=\r\n", "=\n", "=C", "=\r", "==41", "= \r\n", "=4G"}) {
      for (std::string_view after : {"", "x", "plain text that is long enough for a whole block", "=E2=82=AC",
                                     "\r\nnext", "  \r\n"}) {
        std::string s = std::string(shift, 'a') + "=E2" + std::string(what) + std::string(after);
        expect_paths_agree(s);
        s += std::string(40, 'z');
        expect_paths_agree(s);
      }
    }
  }
}

TEST(QpDecodePaths, agree_on_lowercase_and_mixed_case_escapes) {
  REQUIRE_AVX2();
  std::string s;
  constexpr std::string_view lower = "0123456789abcdef";
  constexpr std::string_view upper = "0123456789ABCDEF";
  for (std::size_t v = 0; v < 256; ++v) {
    s += '=';
    s += v % 2 ? lower[v >> 4] : upper[v >> 4];
    s += v % 3 ? upper[v & 15] : lower[v & 15];
  }
  expect_paths_agree(s);
  const Decoded d = decode_chunk(s, true, SimdPath::avx2);
  ASSERT_EQ(d.out.size(), 6u + 256u);
  for (int v = 0; v < 256; ++v) ASSERT_EQ(static_cast<unsigned char>(d.out[6 + static_cast<std::size_t>(v)]), v);
  EXPECT_FALSE(d.report.invalid);
}

TEST(QpDecodePaths, agree_on_every_byte_after_an_equals_sign_in_every_lane) {
  REQUIRE_AVX2();
  // Only the 22 characters of kHex are digits: every other byte after '=' (as first or second
  // digit) must leave the '=' to the full rules.
  for (std::size_t lane = 0; lane < 34; ++lane) {
    for (int v = 0; v < 256; ++v) {
      std::string s = escape_block(11) + escape_block(12);
      s.replace(lane, 3, "=A0");
      s[lane + 2] = static_cast<char>(v);
      expect_paths_agree(s);
      s[lane + 1] = static_cast<char>(v);
      s[lane + 2] = '7';
      expect_paths_agree(s);
    }
  }
}

TEST(QpDecodePaths, agree_with_trailing_blanks_after_escapes_and_soft_breaks) {
  REQUIRE_AVX2();
  // Blanks after an escape are trailing whitespace only up to the escape: "=20 \n" keeps one space.
  const std::string lines[] = {"=C3=A9=20 \t\r\n", "=C3=A9 \n", "x=\n \n", "x=\r\n \t \r\n", "=3D\t\n", "a =\r\n  b\r\n"};
  for (std::size_t shift = 0; shift < 40; ++shift) {
    for (const auto& line : lines) {
      std::string s = std::string(shift, 'p') + escape_block(4) + line + escape_block(15) + line;
      expect_paths_agree(s);
    }
  }
}

TEST(QpDecodePaths, streamed_avx2_decoding_matches_one_shot_scalar_for_many_chunk_sizes) {
  REQUIRE_AVX2();
  for (std::uint32_t seed = 1; seed <= 6; ++seed) {
    std::string enc = mimetool::encode_quoted_printable(multilingual_text(3000, seed, seed % 2 == 0),
                                                        encode_options(seed % 2 ? LineEnding::lf : LineEnding::crlf, 76));
    // Some damage: an invalid '=', a lone "=X" at a line end, trailing blanks, a stray CR.
    enc.insert(enc.size() / 5, "a=zz");
    enc.insert(enc.size() / 3, "=4\r\n");
    enc.insert(enc.size() / 2, "  \t\r\n");
    enc.insert(2 * enc.size() / 3, "\r=");
    for (std::size_t step : {1u, 2u, 3u, 5u, 31u, 32u, 33u, 34u, 35u, 64u, 100u, 1000u}) {
      expect_streamed_like_one_shot(enc, step);
    }
  }
}

TEST(QpDecodePaths, agree_on_random_bytes_from_the_deciding_alphabet) {
  REQUIRE_AVX2();
  std::mt19937 rng(17);
  const char alphabet[] = "=====EEc3aAfF09gG \t\r\n\n\xC3";
  for (int round = 0; round < 2000; ++round) {
    std::string s(rng() % 200, '\0');
    for (auto& c : s) c = alphabet[rng() % (sizeof alphabet - 1)];
    expect_paths_agree(s);
  }
}
