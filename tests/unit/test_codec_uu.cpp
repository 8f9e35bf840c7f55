#include <gtest/gtest.h>

#include <string>

#include "mimetool/codec.hpp"
#include "support/support.hpp"
#include "unit/test_codec_util.hpp"

using mimetool::decode_uuencode;
using mimetool::DecodeReport;
using mimetool::encode_uuencode;
using mimetool::find_uuencode_blocks;
using mimetool::LineEnding;

// "Cat" is the textbook uuencode example (Wikipedia, "Uuencoding").
TEST(Uuencode, decode_single_line_with_begin_and_end) {
  DecodeReport report;
  EXPECT_EQ(decode_uuencode("begin 644 cat.txt\n#0V%T\n`\nend\n", &report), "Cat");
  EXPECT_FALSE(report.invalid);
}

TEST(Uuencode, decode_without_begin_and_end_lines) {
  EXPECT_EQ(decode_uuencode("#0V%T\n`\n"), "Cat");
}

TEST(Uuencode, decode_ignores_preamble_before_begin) {
  EXPECT_EQ(decode_uuencode("Here is the file you asked for:\r\n\r\nbegin 600 cat.txt\r\n#0V%T\r\n \r\nend\r\n"), "Cat");
}

TEST(Uuencode, decode_tolerates_missing_trailing_spaces) {
  // "A" encodes as "!00  ": a transport stripped the two trailing spaces.
  DecodeReport report;
  EXPECT_EQ(decode_uuencode("begin 644 a\n!00\n`\nend\n", &report), "A");
  EXPECT_FALSE(report.invalid);
}

TEST(Uuencode, decode_treats_space_and_backtick_as_zero) {
  EXPECT_EQ(decode_uuencode("begin 644 z\n#````\n`\nend\n"), std::string(3, '\0'));
  EXPECT_EQ(decode_uuencode("begin 644 z\n#    \n`\nend\n"), std::string(3, '\0'));
}

TEST(Uuencode, decode_ignores_characters_beyond_the_announced_length) {
  // Length byte says 2, the line carries a whole group plus a checksum character.
  EXPECT_EQ(decode_uuencode("begin 644 c\n\"0V%TX\n`\nend\n"), "Ca");
}

TEST(Uuencode, decode_skips_and_reports_non_uuencode_line_inside_data) {
  DecodeReport report;
  EXPECT_EQ(decode_uuencode("begin 644 c\n#0V%T\nthis is not data\n#0V%T\n`\nend\n", &report), "CatCat");
  EXPECT_TRUE(report.invalid);
  EXPECT_EQ(report.first_invalid, 18u);
}

TEST(Uuencode, decode_stops_at_end_line) {
  EXPECT_EQ(decode_uuencode("begin 644 c\n#0V%T\n`\nend\n#0V%T\n"), "Cat");
}

TEST(Uuencode, encode_cat_example) {
  EXPECT_EQ(encode_uuencode("Cat", "cat.txt", 0644), "begin 644 cat.txt\n#0V%T\n`\nend\n");
}

TEST(Uuencode, encode_writes_45_bytes_per_line_and_crlf_when_asked) {
  const std::string enc = encode_uuencode(std::string(46, 'x'), "x.bin", 0600, LineEnding::crlf);
  EXPECT_EQ(enc.substr(0, 17), "begin 600 x.bin\r\n");
  EXPECT_EQ(enc[17], 'M');
  EXPECT_EQ(enc.substr(17 + 61, 2), "\r\n");
  EXPECT_EQ(enc.substr(enc.size() - 8), "`\r\nend\r\n");
}

TEST(Uuencode, encode_decode_identity_for_all_lengths_and_seeds) {
  for (std::uint32_t seed = 1; seed <= 10; ++seed) {
    for (std::size_t len = 0; len <= 300; ++len) {
      const std::string data = mimetool::test::random_bytes(len, seed * 31 + static_cast<std::uint32_t>(len));
      DecodeReport report;
      ASSERT_EQ(decode_uuencode(encode_uuencode(data, "f", 0644, seed % 2 ? LineEnding::lf : LineEnding::crlf), &report),
                data)
          << "seed " << seed << " len " << len;
      ASSERT_FALSE(report.invalid);
    }
  }
}

TEST(Uuencode, find_blocks_in_text_body) {
  const std::string text =
      "Hi,\n\nthe two files:\n\nbegin 644 cat.txt\n#0V%T\n`\nend\n\nand\n\nbegin 0600 dog name.txt\r\n#1&]G\r\n`\r\nend\r\n-- \nsig\n";
  const auto blocks = find_uuencode_blocks(text);
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].name, "cat.txt");
  EXPECT_EQ(blocks[0].mode, 0644u);
  EXPECT_EQ(blocks[0].data, "Cat");
  EXPECT_TRUE(blocks[0].complete);
  EXPECT_EQ(text.substr(blocks[0].offset, blocks[0].length), "begin 644 cat.txt\n#0V%T\n`\nend\n");
  EXPECT_EQ(blocks[1].name, "dog name.txt");
  EXPECT_EQ(blocks[1].mode, 0600u);
  EXPECT_EQ(blocks[1].data, "Dog");
  EXPECT_EQ(text.substr(blocks[1].offset, blocks[1].length), "begin 0600 dog name.txt\r\n#1&]G\r\n`\r\nend\r\n");
}

TEST(Uuencode, find_blocks_ignores_prose_that_starts_with_begin) {
  EXPECT_TRUE(find_uuencode_blocks("begin here, then\nbegin 644\nbegin-base64 644 x\nend\n").empty());
}

TEST(Uuencode, find_blocks_returns_truncated_block_as_incomplete) {
  const std::string text = "begin 644 cat.txt\n#0V%T\nSorry, the rest got lost.\n";
  const auto blocks = find_uuencode_blocks(text);
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_FALSE(blocks[0].complete);
  EXPECT_EQ(blocks[0].data, "Cat");
  EXPECT_EQ(blocks[0].length, 24u);
}

// gmime and MimeKit: photo.jpg and its uuencoded form (begin 644 photo.jpg, backtick for zero).
TEST(Uuencode, corpus_photo_uu_decodes_to_photo_jpg_and_encodes_back) {
  const auto dir = mimetool::test::corpus_dir();
  if (!std::filesystem::exists(dir / "gmime/data/encodings/photo.uu")) GTEST_SKIP() << "corpus absent: " << dir;
  for (const char* sub : {"gmime/data/encodings/", "MimeKit/encoders/"}) {
    const std::string jpg = mimetool::test::read_bytes(dir / sub / "photo.jpg");
    const std::string uu = mimetool::test::read_bytes(dir / sub / "photo.uu");
    DecodeReport report;
    EXPECT_EQ(decode_uuencode(uu, &report), jpg) << sub;
    EXPECT_FALSE(report.invalid);
    EXPECT_EQ(encode_uuencode(jpg, "photo.jpg", 0644), uu) << sub;
  }
}

// MimeKit's photo.uu-states puts junk lines ("x", "bx", … "beginx") before the begin line.
TEST(Uuencode, corpus_photo_uu_states_skips_junk_before_begin) {
  const auto dir = mimetool::test::corpus_dir() / "MimeKit/encoders";
  if (!std::filesystem::exists(dir / "photo.uu-states")) GTEST_SKIP() << "corpus absent: " << dir;
  EXPECT_EQ(decode_uuencode(mimetool::test::read_bytes(dir / "photo.uu-states")),
            mimetool::test::read_bytes(dir / "photo.jpg"));
}

TEST(Uuencode, corpus_raptors_part_body_decodes_to_raptors_png) {
  const auto dir = mimetool::test::corpus_dir() / "gmime/data/mime-part";
  if (!std::filesystem::exists(dir / "raptors.png")) GTEST_SKIP() << "corpus absent: " << dir;
  const std::string part = mimetool::test::read_bytes(dir / "raptors.uu.txt");
  const std::size_t body = part.find("\n\n");
  ASSERT_NE(body, std::string::npos);
  DecodeReport report;
  EXPECT_EQ(decode_uuencode(std::string_view(part).substr(body + 2), &report),
            mimetool::test::read_bytes(dir / "raptors.png"));
  EXPECT_FALSE(report.invalid);
}

// zbateson's m0018 (a Hunnysoft sample) carries three PNGs uuencoded inside a text/plain body; the
// originals are in emails/files/.
TEST(Uuencode, corpus_hunnysoft_m0018_blocks_equal_original_files) {
  const auto dir = mimetool::test::corpus_dir() / "zbateson-mail-mime-parser/emails";
  if (!std::filesystem::exists(dir / "m0018.txt")) GTEST_SKIP() << "corpus absent: " << dir;
  const auto blocks = find_uuencode_blocks(mimetool::test::read_bytes(dir / "m0018.txt"));
  ASSERT_EQ(blocks.size(), 3u);
  for (const auto& b : blocks) {
    EXPECT_TRUE(b.complete) << b.name;
    EXPECT_EQ(b.mode, 0666u);
    EXPECT_FALSE(b.report.invalid) << b.name;
    EXPECT_EQ(b.data, mimetool::test::read_bytes(dir / "files" / b.name)) << b.name;
  }
}
