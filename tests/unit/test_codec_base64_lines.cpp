// The base64 decoder's whole-line loop (lines of one repeated length, a multiple of four, ended by
// CRLF or LF) against the portable loop: identical bytes and DecodeReports when the lines are
// clean, when a line is one character longer or shorter, and when any character of a line is
// replaced by something outside the alphabet. And the encoder's line-aligned internal pieces:
// identical output whatever column a call starts at.

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "codec/transfer_detail.hpp"
#include "mimetool/codec.hpp"
#include "unit/test_codec_util.hpp"

using mimetool::DecodeReport;
using mimetool::LineEnding;
using mimetool::detail::SimdPath;

namespace {

// Decodes `in` by both loops; both must give the same bytes and report. Returns the bytes.
std::string decode_both(std::string_view in, const std::string& what) {
  DecodeReport r1, r2;
  const std::string s1 = mimetool::detail::decode_base64_with(in, SimdPath::scalar, &r1);
  const std::string s2 = mimetool::detail::decode_base64_with(in, SimdPath::avx2, &r2);
  EXPECT_EQ(s1, s2) << what;
  EXPECT_EQ(r1.invalid, r2.invalid) << what;
  EXPECT_EQ(r1.first_invalid, r2.first_invalid) << what;
  EXPECT_EQ(r1.invalid_count, r2.invalid_count) << what;
  return s2;
}

// Seven lines of `line` characters (the last one shorter, with padding) of random data.
std::string lines_of(std::size_t line, LineEnding eol, std::uint32_t seed) {
  return mimetool::encode_base64(mimetool::test::random_bytes(line / 4 * 3 * 7 - 2, seed), eol, line);
}

}  // namespace

TEST(Base64Lines, clean_lines_of_every_length_decode_alike_by_both_loops) {
  REQUIRE_AVX2();
  for (std::size_t line = 32; line <= 120; line += 4) {
    for (LineEnding eol : {LineEnding::crlf, LineEnding::lf}) {
      const std::string data = mimetool::test::random_bytes(line / 4 * 3 * 7 - 2, static_cast<std::uint32_t>(line));
      const std::string enc = mimetool::encode_base64(data, eol, line);
      EXPECT_EQ(decode_both(enc, "line " + std::to_string(line)), data);
    }
  }
}

TEST(Base64Lines, a_line_one_character_off_the_learned_length_decodes_alike) {
  REQUIRE_AVX2();
  for (std::size_t line : {64u, 72u, 76u}) {
    const std::string enc = lines_of(line, LineEnding::crlf, 7);
    const std::size_t stride = line + 2;
    // Line 4 loses its last character, or gains one from line 5 (a quad then spans the break).
    std::string shorter = enc;
    shorter.erase(3 * stride + line - 1, 1);
    decode_both(shorter, "shorter, line " + std::to_string(line));
    std::string longer = enc;
    longer.insert(3 * stride + line, "Q");
    decode_both(longer, "longer, line " + std::to_string(line));
    // Line 4 four characters shorter: a whole quad fewer, still clean.
    std::string quad_shorter = enc;
    quad_shorter.erase(3 * stride + 8, 4);
    decode_both(quad_shorter, "a quad shorter, line " + std::to_string(line));
  }
}

TEST(Base64Lines, any_character_of_a_line_replaced_decodes_alike) {
  REQUIRE_AVX2();
  for (std::size_t line : {64u, 72u, 76u}) {
    for (LineEnding eol : {LineEnding::crlf, LineEnding::lf}) {
      const std::string enc = lines_of(line, eol, 11);
      const std::size_t stride = line + (eol == LineEnding::crlf ? 2 : 1);
      // Every position of the third and fourth lines and their line endings, after two lines that
      // set the length (the 76-character loop takes lines in pairs: both places in a pair).
      for (std::size_t pos = 2 * stride; pos < 4 * stride; ++pos) {
        for (char c : {'=', '*', ' ', '\r', '\n', '\0', '\x80', '\xff', '-', '.'}) {
          std::string bad = enc;
          bad[pos] = c;
          decode_both(bad, "line " + std::to_string(line) + " pos " + std::to_string(pos) + " char " +
                               std::to_string(static_cast<unsigned char>(c)));
        }
      }
    }
  }
}

TEST(Base64Lines, lines_with_mixed_crlf_and_lf_decode_alike) {
  REQUIRE_AVX2();
  const std::string data = mimetool::test::random_bytes(57 * 9, 23);
  const std::string lf = mimetool::encode_base64(data, LineEnding::lf, 76);
  // Every choice of CRLF or LF for the first five line endings.
  for (unsigned mask = 0; mask < 32; ++mask) {
    std::string mixed;
    std::size_t line = 0;
    for (char c : lf) {
      if (c == '\n' && line < 5 && (mask >> line++ & 1)) mixed += '\r';
      mixed += c;
    }
    EXPECT_EQ(decode_both(mixed, "mask " + std::to_string(mask)), data);
  }
}

TEST(Base64Lines, a_line_break_inside_a_line_decodes_alike) {
  REQUIRE_AVX2();
  const std::string enc = lines_of(76, LineEnding::crlf, 13);
  for (std::size_t cut = 1; cut < 76; ++cut) {
    std::string split = enc;
    split.insert(2 * 78 + cut, "\r\n");
    decode_both(split, "cut " + std::to_string(cut));
  }
}

TEST(Base64Lines, padding_at_the_end_of_a_full_line_decodes_alike) {
  REQUIRE_AVX2();
  // Full lines whose data ends one or two bytes into the last quad of a line, followed by more lines.
  for (std::size_t extra : {1u, 2u}) {
    const std::string data = mimetool::test::random_bytes(57 * 3 - 3 + extra, 17);
    const std::string enc = mimetool::encode_base64(data, LineEnding::crlf, 76);
    ASSERT_EQ(decode_both(enc, "extra " + std::to_string(extra)), data);
    decode_both(enc + enc, "twice, extra " + std::to_string(extra));
  }
}

TEST(Base64Lines, trailing_garbage_after_full_lines_decodes_alike) {
  REQUIRE_AVX2();
  const std::string enc = mimetool::encode_base64(mimetool::test::random_bytes(57 * 6, 19), LineEnding::crlf, 76);
  for (std::string_view tail : {"--boundary--\r\n", "*", "\r\n\r\n\r\n", "AAAA*AAAA", "A"})
    decode_both(enc + std::string(tail), "tail " + std::string(tail));
  // The last line exactly 76 characters with no line ending, and one with a lone CR.
  decode_both(enc.substr(0, enc.size() - 2), "no final line ending");
  decode_both(enc.substr(0, enc.size() - 1), "final CR only");
}

TEST(Base64Lines, lines_changing_length_midway_decode_alike) {
  REQUIRE_AVX2();
  const std::string a = lines_of(76, LineEnding::crlf, 23);
  const std::string b = lines_of(64, LineEnding::lf, 29);
  // Without the padded last lines, so that the data continues across the change.
  const std::string a_body = a.substr(0, 6 * 78);
  const std::string b_body = b.substr(0, 6 * 65);
  decode_both(a_body + b_body + a_body, "76 then 64 then 76");
  decode_both(b_body + a_body, "64 then 76");
}

TEST(Base64Lines, encoding_many_pieces_from_any_starting_column_matches_one_call) {
  REQUIRE_AVX2();
  // Far more than one internal piece; the second call starts wherever the split left the column.
  const std::string data = mimetool::test::random_bytes(3 * 20'000, 31);
  for (std::size_t line : {76u, 64u, 72u, 40u}) {
    for (std::size_t split : {0u, 3u, 30u, 54u, 57u, 60u, 6141u, 6144u, 30'003u}) {
      std::string scalar, simd;
      for (auto [out, path] : {std::pair{&scalar, SimdPath::scalar}, std::pair{&simd, SimdPath::avx2}}) {
        std::size_t column = 0;
        const std::string_view in = data;
        mimetool::detail::base64_encode_groups(in.substr(0, split), *out, LineEnding::crlf, line, column, path);
        mimetool::detail::base64_encode_groups(in.substr(split), *out, LineEnding::crlf, line, column, path);
        mimetool::detail::base64_encode_tail({}, *out, LineEnding::crlf, line, column);
      }
      ASSERT_EQ(simd, scalar) << "line " << line << " split " << split;
      ASSERT_EQ(simd, mimetool::encode_base64(data, LineEnding::crlf, line)) << "line " << line << " split " << split;
    }
  }
}
