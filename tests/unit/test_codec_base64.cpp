#include <gtest/gtest.h>

#include <string>

#include "codec/transfer_detail.hpp"
#include "mimetool/codec.hpp"
#include "support/support.hpp"
#include "unit/test_codec_util.hpp"

using mimetool::decode_base64;
using mimetool::DecodeReport;
using mimetool::encode_base64;
using mimetool::LineEnding;
using mimetool::detail::Base64Path;
using mimetool::detail::decode_base64_with;

namespace {

// Both inner loops must give identical bytes and identical reports.
void expect_paths_agree(const std::string& in) {
  DecodeReport scalar_report, simd_report;
  const std::string scalar = decode_base64_with(in, Base64Path::scalar, &scalar_report);
  const std::string simd = decode_base64_with(in, Base64Path::avx2, &simd_report);
  ASSERT_EQ(scalar, simd);
  ASSERT_EQ(scalar_report.invalid, simd_report.invalid);
  ASSERT_EQ(scalar_report.first_invalid, simd_report.first_invalid);
  ASSERT_EQ(scalar_report.invalid_count, simd_report.invalid_count);
}

}  // namespace

// RFC 4648 §10 test vectors.
TEST(Base64, rfc4648_vectors_round_trip) {
  const std::pair<const char*, const char*> v[] = {{"", ""},         {"f", "Zg=="},        {"fo", "Zm8="},
                                                   {"foo", "Zm9v"},  {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
                                                   {"foobar", "Zm9vYmFy"}};
  for (auto [plain, enc] : v) {
    EXPECT_EQ(encode_base64(plain, LineEnding::crlf, 0), enc);
    DecodeReport report;
    EXPECT_EQ(decode_base64(enc, &report), plain);
    EXPECT_FALSE(report.invalid) << enc;
  }
}

TEST(Base64, decode_skips_line_breaks_and_whitespace_of_any_length) {
  DecodeReport report;
  EXPECT_EQ(decode_base64("Zm9v\r\nYmFy\n\n  \t Zm9v\r\n\r\nYg==\r\n", &report), "foobarfoob");
  EXPECT_FALSE(report.invalid);
}

TEST(Base64, decode_accepts_whitespace_inside_a_quad) {
  DecodeReport report;
  EXPECT_EQ(decode_base64("Zm\r\n9v Ym\tFy", &report), "foobar");
  EXPECT_FALSE(report.invalid);
}

TEST(Base64, decode_accepts_missing_padding) {
  DecodeReport report;
  EXPECT_EQ(decode_base64("Zm9vYg", &report), "foob");
  EXPECT_EQ(decode_base64("Zm9vYmE\r\n", &report), "fooba");
  EXPECT_FALSE(report.invalid);
}

TEST(Base64, decode_skips_garbage_and_reports_first_offset) {
  DecodeReport report;
  EXPECT_EQ(decode_base64("Zm9v*YmFy!\r\nZg==", &report), "foobarf");
  EXPECT_TRUE(report.invalid);
  EXPECT_EQ(report.first_invalid, 4u);
  EXPECT_EQ(report.invalid_count, 2u);
}

TEST(Base64, decode_reports_data_after_padding_and_ignores_it) {
  // A mailing-list footer appended to a base64 part, after the padding.
  DecodeReport report;
  EXPECT_EQ(decode_base64("Zm8=\r\n--\r\nList footer\r\n", &report), "fo");
  EXPECT_TRUE(report.invalid);
  EXPECT_EQ(report.first_invalid, 6u);  // the first "-"
}

TEST(Base64, decode_reports_dangling_single_character_at_end_offset) {
  DecodeReport report;
  EXPECT_EQ(decode_base64("Zm9vY", &report), "foo");
  EXPECT_TRUE(report.invalid);
  EXPECT_EQ(report.first_invalid, 5u);
}

TEST(Base64, decode_reports_padding_where_a_quad_starts) {
  DecodeReport report;
  EXPECT_EQ(decode_base64("Zm9v=Zm9v", &report), "foofoo");
  EXPECT_TRUE(report.invalid);
  EXPECT_EQ(report.first_invalid, 4u);
}

TEST(Base64, decode_of_8bit_bytes_skips_them) {
  DecodeReport report;
  EXPECT_EQ(decode_base64("Zm\xC3\xA9" "9v", &report), "foo");
  EXPECT_EQ(report.first_invalid, 2u);
  EXPECT_EQ(report.invalid_count, 2u);
}

TEST(Base64, encode_writes_76_character_lines_with_crlf) {
  const std::string data(100, 'a');
  const std::string enc = encode_base64(data);
  ASSERT_EQ(enc.size(), 136u + 2 * 2);
  EXPECT_EQ(enc.find("\r\n"), 76u);
  EXPECT_EQ(enc.substr(enc.size() - 2), "\r\n");
  EXPECT_EQ(decode_base64(enc), data);
}

TEST(Base64, encode_writes_lf_when_asked) {
  const std::string enc = encode_base64(std::string(57, '\xff'), LineEnding::lf);
  EXPECT_EQ(enc, std::string(76, '/') + "\n");
}

TEST(Base64, encode_line_length_not_multiple_of_four_wraps_inside_quads) {
  EXPECT_EQ(encode_base64("foobar", LineEnding::lf, 3), "Zm9\nvYm\nFy\n");
}

TEST(Base64, encode_empty_input_writes_nothing) { EXPECT_EQ(encode_base64("", LineEnding::crlf), ""); }

TEST(Base64, encode_decode_identity_for_all_lengths_and_seeds) {
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    for (std::size_t len = 0; len <= 300; ++len) {
      const std::string data = mimetool::test::random_bytes(len, seed * 1000 + static_cast<std::uint32_t>(len));
      const auto eol = seed % 2 ? LineEnding::crlf : LineEnding::lf;
      const std::size_t line = seed % 3 == 0 ? 64 : (seed % 3 == 1 ? 76 : 0);
      const std::string enc = encode_base64(data, eol, line);
      DecodeReport report;
      ASSERT_EQ(decode_base64(enc, &report), data) << "seed " << seed << " len " << len;
      ASSERT_FALSE(report.invalid);
    }
  }
}

TEST(Base64, encode_decode_identity_for_large_inputs) {
  for (std::uint32_t seed : {7u, 8u, 9u}) {
    const std::string data = mimetool::test::random_bytes(1'000'003 + seed, seed);
    ASSERT_EQ(decode_base64(encode_base64(data)), data);
  }
}

TEST(Base64, scalar_and_avx2_paths_agree_on_clean_lines) {
  if (!mimetool::detail::base64_avx2_supported()) GTEST_SKIP() << "CPU without AVX2: only the scalar path exists";
  for (std::uint32_t seed = 1; seed <= 50; ++seed) {
    const std::string data = mimetool::test::random_bytes(seed * 97, seed);
    expect_paths_agree(encode_base64(data));
    expect_paths_agree(encode_base64(data, LineEnding::lf, 0));
  }
}

TEST(Base64, scalar_and_avx2_paths_agree_on_every_byte_value_at_every_block_position) {
  if (!mimetool::detail::base64_avx2_supported()) GTEST_SKIP() << "CPU without AVX2: only the scalar path exists";
  // 64 clean characters, then one byte replaced: every value at every position of both 32-byte
  // blocks, so the AVX2 validation must reject exactly what the table rejects.
  const std::string clean = encode_base64(mimetool::test::random_bytes(48, 3), LineEnding::lf, 0);
  ASSERT_EQ(clean.size(), 64u);
  for (std::size_t pos = 0; pos < 64; ++pos) {
    for (int v = 0; v < 256; ++v) {
      std::string s = clean + clean;
      s[pos] = static_cast<char>(v);
      expect_paths_agree(s);
    }
  }
}

TEST(Base64, scalar_and_avx2_paths_agree_on_irregular_input) {
  if (!mimetool::detail::base64_avx2_supported()) GTEST_SKIP() << "CPU without AVX2: only the scalar path exists";
  std::mt19937 rng(42);
  const char junk[] = " \t\r\n=*-.!\xff";
  for (std::uint32_t seed = 1; seed <= 200; ++seed) {
    std::string s = encode_base64(mimetool::test::random_bytes(300 + seed, seed), LineEnding::crlf, 4 * (seed % 30));
    const int edits = static_cast<int>(rng() % 5);
    for (int e = 0; e < edits; ++e) s.insert(rng() % (s.size() + 1), 1, junk[rng() % (sizeof junk - 1)]);
    expect_paths_agree(s);
  }
}

TEST(Base64, scalar_path_decodes_76_character_lines) {
  const std::string data = mimetool::test::random_bytes(5000, 11);
  DecodeReport report;
  EXPECT_EQ(decode_base64_with(encode_base64(data), Base64Path::scalar, &report), data);
  EXPECT_FALSE(report.invalid);
}

// Reference pair shipped by gmime and MimeKit: photo.jpg and its base64 form (76 columns, LF).
TEST(Base64, corpus_photo_b64_decodes_to_photo_jpg_and_encodes_back) {
  const auto dir = mimetool::test::corpus_dir();
  if (!std::filesystem::exists(dir / "gmime/data/encodings/photo.jpg")) GTEST_SKIP() << "corpus absent: " << dir;
  for (const char* sub : {"gmime/data/encodings/", "MimeKit/encoders/"}) {
    const std::string jpg = mimetool::test::read_bytes(dir / sub / "photo.jpg");
    const std::string b64 = mimetool::test::read_bytes(dir / sub / "photo.b64");
    DecodeReport report;
    EXPECT_EQ(decode_base64(b64, &report), jpg) << sub;
    EXPECT_FALSE(report.invalid);
    EXPECT_EQ(decode_base64_with(b64, Base64Path::scalar, nullptr), jpg) << sub;
    EXPECT_EQ(encode_base64(jpg, LineEnding::lf), b64) << sub;
  }
}

// gmime's serialised raptors.png part: the body after the header block is the base64 of the PNG.
TEST(Base64, corpus_raptors_part_body_decodes_to_raptors_png) {
  const auto dir = mimetool::test::corpus_dir() / "gmime/data/mime-part";
  if (!std::filesystem::exists(dir / "raptors.png")) GTEST_SKIP() << "corpus absent: " << dir;
  const std::string part = mimetool::test::read_bytes(dir / "raptors.b64.txt");
  const std::size_t body = part.find("\n\n");
  ASSERT_NE(body, std::string::npos);
  DecodeReport report;
  EXPECT_EQ(decode_base64(std::string_view(part).substr(body + 2), &report), mimetool::test::read_bytes(dir / "raptors.png"));
  EXPECT_FALSE(report.invalid);
}

// Our own real-world-shaped samples: testdata/codecs/NAME.b64 beside NAME.bin.
TEST(Base64, testdata_samples_decode_to_their_bin_files) {
  int count = 0;
  for (const auto& e : std::filesystem::directory_iterator(mimetool::test::testdata_dir() / "codecs")) {
    if (e.path().extension() != ".b64") continue;
    auto bin = e.path();
    bin.replace_extension(".bin");
    DecodeReport report;
    EXPECT_EQ(decode_base64(mimetool::test::read_bytes(e.path()), &report), mimetool::test::read_bytes(bin))
        << e.path();
    ++count;
  }
  EXPECT_GT(count, 0) << "no testdata/codecs/*.b64 samples";
}
