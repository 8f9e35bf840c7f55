// The AVX2 loops of the transfer codecs against their portable loops: identical bytes, identical
// DecodeReports, identical stopping points of the resumable chunk functions, on clean, damaged and
// arbitrary input at every alignment. (test_codec_base64.cpp covers the base64 decoder's block
// validation byte by byte.)

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "codec/transfer_detail.hpp"
#include "mimetool/codec.hpp"
#include "unit/test_codec_util.hpp"

using mimetool::DecodeReport;
using mimetool::EncodeOptions;
using mimetool::LineEnding;
using mimetool::detail::SimdPath;

namespace {

void expect_same_report(const DecodeReport& a, const DecodeReport& b) {
  ASSERT_EQ(a.invalid, b.invalid);
  ASSERT_EQ(a.first_invalid, b.first_invalid);
  ASSERT_EQ(a.invalid_count, b.invalid_count);
}

// Quoted-printable decoding of `in`, final and not final, by both loops.
void expect_qp_decode_paths_agree(std::string_view in) {
  for (bool final : {true, false}) {
    std::string scalar = "prefix", simd = "prefix";
    DecodeReport scalar_report, simd_report;
    const std::size_t k1 = mimetool::detail::qp_decode_chunk(in, final, 3, scalar, &scalar_report, SimdPath::scalar);
    const std::size_t k2 = mimetool::detail::qp_decode_chunk(in, final, 3, simd, &simd_report, SimdPath::avx2);
    ASSERT_EQ(scalar, simd) << "final " << final;
    ASSERT_EQ(k1, k2) << "final " << final;
    expect_same_report(scalar_report, simd_report);
  }
}

void expect_qp_encode_paths_agree(std::string_view in, const EncodeOptions& o) {
  for (bool final : {true, false}) {
    std::string scalar, simd;
    std::size_t col1 = 0, col2 = 0;
    const std::size_t k1 = mimetool::detail::qp_encode_chunk(in, final, o, col1, scalar, SimdPath::scalar);
    const std::size_t k2 = mimetool::detail::qp_encode_chunk(in, final, o, col2, simd, SimdPath::avx2);
    ASSERT_EQ(scalar, simd) << "final " << final << " line " << o.line_length << " binary " << o.binary;
    ASSERT_EQ(k1, k2);
    ASSERT_EQ(col1, col2);
  }
}

// base64 encoding of whole groups in two calls split at `split` bytes (so the second call starts
// in the middle of a line), then the tail.
std::string base64_encode_split(std::string_view in, std::size_t split, LineEnding eol, std::size_t line,
                                SimdPath path) {
  std::string out;
  std::size_t column = 0;
  const std::size_t whole = in.size() / 3 * 3;
  split = std::min(split / 3 * 3, whole);
  mimetool::detail::base64_encode_groups(in.substr(0, split), out, eol, line, column, path);
  mimetool::detail::base64_encode_groups(in.substr(split, whole - split), out, eol, line, column, path);
  mimetool::detail::base64_encode_tail(in.substr(whole), out, eol, line, column);
  return out;
}

// A few random edits with the bytes that matter to the decoders.
std::string damage(std::string s, std::mt19937& rng) {
  static const char junk[] = " \t\r\n=*.-A0\xff";
  const int edits = static_cast<int>(rng() % 6);
  for (int e = 0; e < edits; ++e) {
    const std::size_t pos = rng() % (s.size() + 1);
    if (rng() % 2 || s.empty()) {
      s.insert(pos, 1, junk[rng() % (sizeof junk - 1)]);
    } else {
      s.erase(std::min(pos, s.size() - 1), 1);
    }
  }
  return s;
}

EncodeOptions options(LineEnding eol, std::size_t line, bool binary) {
  EncodeOptions o;
  o.eol = eol;
  o.line_length = line;
  o.binary = binary;
  return o;
}

}  // namespace

TEST(CodecPaths, qp_decode_agrees_on_every_byte_value_at_every_position) {
  REQUIRE_AVX2();
  // Two lines of encoded text (escapes, a soft break, trailing blanks), then one byte replaced by
  // every value at every position, so each special byte lands in every lane of a 32-byte block.
  const std::string base = "Gr=C3=BC=C3=9Fe aus M=C3=BCnchen, caf=C3=A9 =3D 42 and more text=\r\n"
                           "second line with trailing blanks  \t\r\nthird=20line=\n";
  for (std::size_t pos = 0; pos < base.size(); ++pos) {
    for (int v = 0; v < 256; ++v) {
      std::string s = base;
      s[pos] = static_cast<char>(v);
      expect_qp_decode_paths_agree(s);
    }
  }
}

TEST(CodecPaths, qp_decode_agrees_on_damaged_text_at_every_alignment_and_split) {
  REQUIRE_AVX2();
  std::mt19937 rng(7);
  for (std::uint32_t seed = 1; seed <= 60; ++seed) {
    const std::string text = mimetool::test::random_text(200 + seed * 7, seed, seed % 2 == 0);
    const std::string enc = damage(mimetool::encode_quoted_printable(text, options(LineEnding::crlf, 76, false)), rng);
    // The same bytes at every alignment in memory.
    for (std::size_t a = 0; a < 32; ++a) {
      const std::string buf = std::string(a, 'x') + enc;
      expect_qp_decode_paths_agree(std::string_view(buf).substr(a));
    }
    // Every place a stream chunk could end.
    for (std::size_t k = 0; k <= enc.size(); ++k) expect_qp_decode_paths_agree(std::string_view(enc).substr(0, k));
  }
}

TEST(CodecPaths, qp_decode_agrees_on_arbitrary_bytes) {
  REQUIRE_AVX2();
  std::mt19937 rng(11);
  const char alphabet[] = "=== \t\r\n\n09AFafGz.\xc3\xa9\x01";
  for (int round = 0; round < 300; ++round) {
    std::string s(rng() % 300, '\0');
    for (auto& c : s) c = round % 2 ? alphabet[rng() % (sizeof alphabet - 1)] : static_cast<char>(rng() & 255);
    expect_qp_decode_paths_agree(s);
  }
}

TEST(CodecPaths, qp_encode_agrees_on_text_and_binary_for_every_line_length) {
  REQUIRE_AVX2();
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    const std::string text = mimetool::test::random_text(1500, seed, seed % 2 == 0);
    const std::string bytes = mimetool::test::random_bytes(700, seed);
    for (std::size_t line = 4; line <= 80; line += seed % 3 + 1) {
      for (LineEnding eol : {LineEnding::crlf, LineEnding::lf}) {
        expect_qp_encode_paths_agree(text, options(eol, line, false));
        expect_qp_encode_paths_agree(text, options(eol, line, true));
        expect_qp_encode_paths_agree(bytes, options(eol, line, seed % 2 == 0));
      }
    }
  }
}

TEST(CodecPaths, qp_encode_agrees_on_every_byte_value_at_every_position) {
  REQUIRE_AVX2();
  // A long plain line (so the fast runs are long) and a short one; each byte replaced by every
  // value, in text and in binary mode.
  const std::string base = "The quick brown fox jumps over the lazy dog, then From there = x   \r\n"
                           "short line\t\n.\nFrom here\r\n";
  for (std::size_t pos = 0; pos < base.size(); ++pos) {
    for (int v = 0; v < 256; ++v) {
      std::string s = base;
      s[pos] = static_cast<char>(v);
      expect_qp_encode_paths_agree(s, options(LineEnding::crlf, 76, false));
      expect_qp_encode_paths_agree(s, options(LineEnding::lf, 20, v % 2 == 0));
    }
  }
}

TEST(CodecPaths, qp_encode_streaming_matches_one_shot_with_either_loop_underneath) {
  // TransferEncoder runs the automatic loop; its output for any split must equal the one-shot
  // output of the portable loop.
  for (std::uint32_t seed = 1; seed <= 10; ++seed) {
    const std::string text = mimetool::test::random_text(4000, seed, true);
    const EncodeOptions o = options(LineEnding::crlf, 76, false);
    std::string scalar;
    std::size_t col = 0;
    mimetool::detail::qp_encode_chunk(text, true, o, col, scalar, SimdPath::scalar);
    for (std::size_t step : {1u, 7u, 64u, 1000u}) {
      ASSERT_EQ(mimetool::test::stream_encode(mimetool::TransferEncoding::quoted_printable, o,
                                              mimetool::test::split(text, step)),
                scalar)
          << "seed " << seed << " step " << step;
    }
  }
}

TEST(CodecPaths, base64_encode_agrees_for_line_lengths_columns_and_alignments) {
  REQUIRE_AVX2();
  const std::string data = mimetool::test::random_bytes(2000, 5);
  for (std::size_t line : {0u, 4u, 8u, 28u, 32u, 36u, 64u, 72u, 76u, 80u, 100u, 77u, 3u}) {
    for (LineEnding eol : {LineEnding::crlf, LineEnding::lf}) {
      for (std::size_t len : {0u, 1u, 23u, 24u, 27u, 28u, 57u, 58u, 60u, 114u, 171u, 500u, 1999u}) {
        for (std::size_t align : {0u, 1u, 5u, 31u}) {
          const std::string_view in = std::string_view(data).substr(align, std::min(len, data.size() - align));
          for (std::size_t split : {0u, 3u, 30u, 57u, 60u}) {
            ASSERT_EQ(base64_encode_split(in, split, eol, line, SimdPath::scalar),
                      base64_encode_split(in, split, eol, line, SimdPath::avx2))
                << "line " << line << " len " << len << " align " << align << " split " << split;
          }
        }
      }
    }
  }
}

TEST(CodecPaths, base64_encode_of_large_input_agrees_and_round_trips) {
  REQUIRE_AVX2();
  // Larger than one internal output piece, so piece boundaries fall inside lines.
  const std::string data = mimetool::test::random_bytes(100'003, 9);
  const std::string scalar = base64_encode_split(data, 0, LineEnding::crlf, 76, SimdPath::scalar);
  ASSERT_EQ(base64_encode_split(data, 0, LineEnding::crlf, 76, SimdPath::avx2), scalar);
  ASSERT_EQ(base64_encode_split(data, 0, LineEnding::lf, 0, SimdPath::avx2),
            base64_encode_split(data, 0, LineEnding::lf, 0, SimdPath::scalar));
  EXPECT_EQ(mimetool::decode_base64(scalar), data);
}

TEST(CodecPaths, base64_decode_agrees_on_damaged_lines_at_every_alignment) {
  REQUIRE_AVX2();
  std::mt19937 rng(3);
  for (std::uint32_t seed = 1; seed <= 80; ++seed) {
    const std::size_t line = 4 * (seed % 25);
    const std::string enc = damage(
        mimetool::encode_base64(mimetool::test::random_bytes(150 + seed * 5, seed), seed % 2 ? LineEnding::crlf : LineEnding::lf, line),
        rng);
    for (std::size_t a = 0; a < 32; ++a) {
      // The same bytes at every alignment in memory, whole and cut short.
      const std::string buf = std::string(a, 'A') + enc;
      const std::string_view in = std::string_view(buf).substr(a);
      for (std::size_t k : {in.size(), in.size() / 2, in.size() - std::min<std::size_t>(in.size(), 33)}) {
        DecodeReport r1, r2;
        const std::string s1 = mimetool::detail::decode_base64_with(in.substr(0, k), SimdPath::scalar, &r1);
        const std::string s2 = mimetool::detail::decode_base64_with(in.substr(0, k), SimdPath::avx2, &r2);
        ASSERT_EQ(s1, s2) << "seed " << seed << " align " << a << " length " << k;
        expect_same_report(r1, r2);
      }
    }
  }
}

TEST(CodecPaths, base64_decode_of_large_input_agrees_across_internal_pieces) {
  REQUIRE_AVX2();
  // Several internal pieces, with garbage and a quad split across a piece boundary somewhere.
  std::string enc = mimetool::encode_base64(mimetool::test::random_bytes(60'000, 4));
  for (std::size_t pos = 1000; pos < enc.size(); pos += 7919) enc.insert(pos, 1, pos % 2 ? '*' : ' ');
  DecodeReport r1, r2;
  const std::string s1 = mimetool::detail::decode_base64_with(enc, SimdPath::scalar, &r1);
  const std::string s2 = mimetool::detail::decode_base64_with(enc, SimdPath::avx2, &r2);
  ASSERT_EQ(s1, s2);
  expect_same_report(r1, r2);
  EXPECT_TRUE(r1.invalid);
}
