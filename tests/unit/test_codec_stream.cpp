#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "mimetool/codec.hpp"
#include "support/support.hpp"
#include "unit/test_codec_util.hpp"

using mimetool::decode_transfer;
using mimetool::DecodeReport;
using mimetool::EncodeOptions;
using mimetool::encode_transfer;
using mimetool::LineEnding;
using mimetool::TransferEncoding;
using mimetool::test::split;
using mimetool::test::stream_decode;
using mimetool::test::stream_encode;

namespace {

// One call, one byte at a time, and random splits must agree with decode_transfer, report included.
void expect_chunking_invariant(TransferEncoding enc, const std::string& body) {
  DecodeReport one_shot_report;
  const std::string expected = decode_transfer(body, enc, &one_shot_report);
  std::vector<std::vector<std::string_view>> splits = {{body}, split(body, 1), split(body, 2), split(body, 3)};
  for (std::uint32_t seed = 1; seed <= 8; ++seed) splits.push_back(split(body, 0, seed, seed * 5));
  for (const auto& parts : splits) {
    DecodeReport report;
    ASSERT_EQ(stream_decode(enc, parts, &report), expected) << "parts: " << parts.size();
    ASSERT_EQ(report.invalid, one_shot_report.invalid);
    ASSERT_EQ(report.first_invalid, one_shot_report.first_invalid);
    ASSERT_EQ(report.invalid_count, one_shot_report.invalid_count) << "parts: " << parts.size();
  }
}

void expect_encoder_chunking_invariant(TransferEncoding enc, const EncodeOptions& o, const std::string& data) {
  const std::string expected = encode_transfer(data, enc, o);
  for (const auto& parts : {std::vector<std::string_view>{data}, split(data, 1), split(data, 0, 3, 7),
                            split(data, 0, 4, 100), split(data, 0, 5, 4000)}) {
    ASSERT_EQ(stream_encode(enc, o, parts), expected) << "parts: " << parts.size();
  }
}

}  // namespace

TEST(TransferDecoder, base64_split_inside_quads_and_crlf_matches_one_shot) {
  expect_chunking_invariant(TransferEncoding::base64, "Zm9v\r\nYmFy\r\nZm9vYg==\r\n");
  expect_chunking_invariant(TransferEncoding::base64, "Zm9v*YmFy!\r\nZg==junk\r\n");
  expect_chunking_invariant(TransferEncoding::base64, "Zm9vY");
  expect_chunking_invariant(TransferEncoding::base64,
                            mimetool::encode_base64(mimetool::test::random_bytes(2000, 1)));
}

TEST(TransferDecoder, quoted_printable_split_inside_escapes_and_soft_breaks_matches_one_shot) {
  const char* cases[] = {
      "abc=\r\ndef=\nghi\r\n",
      "abc= \t\r\ndef=  \nghi",
      "caf=c3=a9 =3d =3D x=",
      "a=b c=4G d=\r\n=\r=",
      "one  \r\ntwo\t\nthree =20\nfour   ",
      "lone\rcr\r \r\n\r",
      "x=A\nnext==\n===3D=\n",
      "mid    spaces   and\ttabs\t \t=20  \r\n",
  };
  for (const char* c : cases) expect_chunking_invariant(TransferEncoding::quoted_printable, c);
}

TEST(TransferDecoder, quoted_printable_random_text_matches_one_shot) {
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    EncodeOptions o;
    o.eol = seed % 2 ? LineEnding::crlf : LineEnding::lf;
    std::string body = mimetool::encode_quoted_printable(mimetool::test::random_text(1500, seed, seed % 2 == 1), o);
    // Damage it a little: stray '=' and trailing blanks.
    body.insert(body.size() / 3, "= ");
    body.insert(body.size() / 2, "  \n");
    expect_chunking_invariant(TransferEncoding::quoted_printable, body);
  }
}

TEST(TransferDecoder, quoted_printable_long_blank_run_fed_bytewise_matches_one_shot) {
  std::string body = "start" + std::string(20000, ' ') + "end" + std::string(5000, '\t') + "\r\n";
  expect_chunking_invariant(TransferEncoding::quoted_printable, body);
}

TEST(TransferDecoder, uuencode_split_anywhere_matches_one_shot) {
  expect_chunking_invariant(TransferEncoding::uuencode, "junk\nbegin 644 cat.txt\r\n#0V%T\r\nnot data\r\n`\r\nend\r\n");
  expect_chunking_invariant(TransferEncoding::uuencode, "#0V%T\n`\n");
  expect_chunking_invariant(TransferEncoding::uuencode,
                            mimetool::encode_uuencode(mimetool::test::random_bytes(500, 2), "r.bin"));
}

TEST(TransferDecoder, identity_encodings_pass_through) {
  for (auto enc : {TransferEncoding::seven_bit, TransferEncoding::eight_bit, TransferEncoding::binary,
                   TransferEncoding::unknown}) {
    EXPECT_EQ(stream_decode(enc, split("a=3D\r\n\0b", 2)), "a=3D\r\n\0b");
    EXPECT_EQ(decode_transfer("a=3D\r\n", enc), "a=3D\r\n");
  }
}

TEST(TransferDecoder, can_be_reused_after_finish) {
  mimetool::TransferDecoder dec(TransferEncoding::base64);
  std::string out;
  dec.feed("Zm9vY", out);
  dec.finish(out);
  EXPECT_TRUE(dec.report().invalid);
  dec.feed("YmFy", out);
  dec.finish(out);
  EXPECT_EQ(out, "foobar");
  EXPECT_FALSE(dec.report().invalid);
}

// The corpus reference files, fed in small pieces, as gmime's and MimeKit's own tests do.
TEST(TransferDecoder, corpus_reference_pairs_decode_in_small_chunks) {
  const auto dir = mimetool::test::corpus_dir();
  if (!std::filesystem::exists(dir / "gmime/data/encodings/photo.jpg")) GTEST_SKIP() << "corpus absent: " << dir;
  const std::string jpg = mimetool::test::read_bytes(dir / "gmime/data/encodings/photo.jpg");
  const std::string b64 = mimetool::test::read_bytes(dir / "gmime/data/encodings/photo.b64");
  const std::string uu = mimetool::test::read_bytes(dir / "MimeKit/encoders/photo.uu-states");
  const std::string qp = mimetool::test::read_bytes(dir / "MimeKit/encoders/wikipedia.qp");
  const std::string txt = mimetool::test::read_bytes(dir / "MimeKit/encoders/wikipedia.txt");
  for (std::uint32_t seed = 1; seed <= 4; ++seed) {
    EXPECT_EQ(stream_decode(TransferEncoding::base64, split(b64, 0, seed, 4096)), jpg);
    EXPECT_EQ(stream_decode(TransferEncoding::uuencode, split(uu, 0, seed, 100)), jpg);
    EXPECT_EQ(stream_decode(TransferEncoding::quoted_printable, split(qp, 0, seed, 7)), txt);
  }
}

TEST(TransferEncoder, base64_chunked_equals_one_shot) {
  for (std::size_t line : {0u, 76u, 64u, 10u}) {
    EncodeOptions o;
    o.line_length = line;
    for (std::size_t len : {0u, 1u, 2u, 3u, 56u, 57u, 58u, 1000u, 65537u}) {
      expect_encoder_chunking_invariant(TransferEncoding::base64, o, mimetool::test::random_bytes(len, 3));
    }
  }
}

TEST(TransferEncoder, quoted_printable_chunked_equals_one_shot) {
  for (std::uint32_t seed = 1; seed <= 10; ++seed) {
    EncodeOptions o;
    o.eol = seed % 2 ? LineEnding::crlf : LineEnding::lf;
    expect_encoder_chunking_invariant(TransferEncoding::quoted_printable, o,
                                      mimetool::test::random_text(2000, seed, seed % 2 == 0));
    o.binary = true;
    expect_encoder_chunking_invariant(TransferEncoding::quoted_printable, o, mimetool::test::random_bytes(700, seed));
  }
}

TEST(TransferEncoder, uuencode_chunked_equals_one_shot_and_decodes_back) {
  const std::string data = mimetool::test::random_bytes(1000, 9);
  expect_encoder_chunking_invariant(TransferEncoding::uuencode, {}, data);
  EXPECT_EQ(decode_transfer(encode_transfer(data, TransferEncoding::uuencode), TransferEncoding::uuencode), data);
}

TEST(TransferEncoder, large_file_encoded_in_chunks_decodes_back) {
  const std::string data = mimetool::test::random_bytes(3'000'000, 17);
  mimetool::TransferEncoder encoder(TransferEncoding::base64);
  std::string enc;
  for (std::size_t i = 0; i < data.size(); i += 65536) encoder.feed(std::string_view(data).substr(i, 65536), enc);
  encoder.finish(enc);
  EXPECT_EQ(enc, mimetool::encode_base64(data));
  EXPECT_EQ(mimetool::decode_base64(enc), data);
}
