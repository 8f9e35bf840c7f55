#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "codec/transfer_detail.hpp"
#include "mimetool/codec.hpp"
#include "support/support.hpp"
#include "unit/test_codec_util.hpp"

using mimetool::decode_quoted_printable;
using mimetool::DecodeReport;
using mimetool::encode_quoted_printable;
using mimetool::EncodeOptions;
using mimetool::LineEnding;

namespace {

EncodeOptions lf_options(bool binary = false) {
  EncodeOptions o;
  o.eol = LineEnding::lf;
  o.binary = binary;
  return o;
}

// Every encoder output line must be ≤ 76 characters and must not end in a space or tab.
void expect_well_formed(const std::string& enc, std::size_t limit = 76) {
  std::size_t start = 0;
  while (start < enc.size()) {
    std::size_t nl = enc.find('\n', start);
    if (nl == std::string::npos) nl = enc.size();
    std::string_view line(enc.data() + start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ASSERT_LE(line.size(), limit) << line;
    if (!line.empty()) {
      ASSERT_TRUE(line.back() != ' ' && line.back() != '\t') << "trailing blank: " << line;
    }
    ASSERT_EQ(line.find('\r'), std::string_view::npos) << "stray CR";
    for (char c : line) ASSERT_TRUE((c >= 32 && c < 127) || c == '\t') << "unencoded byte in " << line;
    start = nl + 1;
  }
}

}  // namespace

TEST(QuotedPrintable, decode_removes_soft_line_breaks_crlf_and_lf) {
  DecodeReport report;
  EXPECT_EQ(decode_quoted_printable("abc=\r\ndef=\nghi\r\n", &report), "abcdefghi\r\n");
  EXPECT_FALSE(report.invalid);
}

TEST(QuotedPrintable, decode_treats_equals_then_trailing_whitespace_as_soft_break) {
  DecodeReport report;
  EXPECT_EQ(decode_quoted_printable("abc= \t\r\ndef=  \nghi", &report), "abcdefghi");
  EXPECT_FALSE(report.invalid);
}

TEST(QuotedPrintable, decode_accepts_lowercase_hex) {
  EXPECT_EQ(decode_quoted_printable("caf=c3=a9 =3d =3D"), "caf\xC3\xA9 = =");
}

TEST(QuotedPrintable, decode_keeps_equals_not_followed_by_hex_and_reports_it) {
  DecodeReport report;
  EXPECT_EQ(decode_quoted_printable("a=b c=4G d=\r\n", &report), "a=b c=4G d");
  EXPECT_TRUE(report.invalid);
  EXPECT_EQ(report.first_invalid, 1u);
  EXPECT_EQ(report.invalid_count, 2u);
}

TEST(QuotedPrintable, decode_reports_equals_with_single_hex_digit_before_line_end) {
  DecodeReport report;
  EXPECT_EQ(decode_quoted_printable("x=A\nnext", &report), "x=A\nnext");
  EXPECT_TRUE(report.invalid);
  EXPECT_EQ(report.first_invalid, 1u);
}

TEST(QuotedPrintable, decode_strips_trailing_whitespace_on_each_line) {
  DecodeReport report;
  EXPECT_EQ(decode_quoted_printable("one  \r\ntwo\t\nthree =20\nfour   ", &report), "one\r\ntwo\nthree  \nfour");
  EXPECT_FALSE(report.invalid);
}

TEST(QuotedPrintable, decode_keeps_hard_line_breaks_as_in_the_input) {
  EXPECT_EQ(decode_quoted_printable("a\r\nb\nc\r\n"), "a\r\nb\nc\r\n");
}

TEST(QuotedPrintable, decode_treats_equals_at_end_of_input_as_soft_break) {
  DecodeReport report;
  EXPECT_EQ(decode_quoted_printable("no newline at end=", &report), "no newline at end");
  EXPECT_FALSE(report.invalid);
}

TEST(QuotedPrintable, decode_passes_8bit_bytes_through) {
  EXPECT_EQ(decode_quoted_printable("caf\xC3\xA9=\n!"), "caf\xC3\xA9!");
}

// RFC 2045 §6.7 example of rule 5 (soft line breaks) from the RFC text itself.
TEST(QuotedPrintable, decode_rfc2045_soft_break_example) {
  EXPECT_EQ(decode_quoted_printable("Now's the time =\r\nfor all folk to come=\r\n to the aid of their country."),
            "Now's the time for all folk to come to the aid of their country.");
}

// Outlook-style HTML part: CRLF, =3D everywhere, soft breaks in the middle of tags and UTF-8.
TEST(QuotedPrintable, decode_outlook_html_shape) {
  const char* in =
      "<html xmlns:v=3D\"urn:schemas-microsoft-com:vml\"><body lang=3DEN-US style=3D=\r\n"
      "\"word-wrap:break-word\"><p class=3DMsoNormal>Gr=C3=BC=C3=9Fe =E2=80=\r\n"
      "=94 Anna<o:p></o:p></p>\r\n";
  EXPECT_EQ(decode_quoted_printable(in),
            "<html xmlns:v=\"urn:schemas-microsoft-com:vml\"><body lang=EN-US style=\"word-wrap:break-word\">"
            "<p class=MsoNormal>Gr\xC3\xBC\xC3\x9F" "e \xE2\x80\x94 Anna<o:p></o:p></p>\r\n");
}

TEST(QuotedPrintable, encode_keeps_lines_within_76_including_soft_break) {
  const std::string text(200, 'x');
  const std::string enc = encode_quoted_printable(text, lf_options());
  expect_well_formed(enc);
  EXPECT_EQ(enc.substr(0, 76), std::string(75, 'x') + "=");
  EXPECT_EQ(decode_quoted_printable(enc), text);
}

TEST(QuotedPrintable, encode_never_splits_an_escape) {
  // 74 plain characters, then '=': "=3D" does not fit before the soft break, so it moves whole.
  const std::string text = std::string(74, 'a') + "=b";
  const std::string enc = encode_quoted_printable(text, lf_options());
  EXPECT_EQ(enc, std::string(74, 'a') + "=\n=3Db");
}

TEST(QuotedPrintable, encode_last_token_may_use_column_76) {
  const std::string text = std::string(76, 'a') + "\n";
  EXPECT_EQ(encode_quoted_printable(text, lf_options()), text);
}

TEST(QuotedPrintable, encode_protects_trailing_whitespace) {
  EXPECT_EQ(encode_quoted_printable("end \nof\t\nline ", lf_options()), "end=20\nof=09\nline=20");
}

TEST(QuotedPrintable, encode_escapes_from_at_line_start) {
  EXPECT_EQ(encode_quoted_printable("From me\nsaid From here\n", lf_options()), "=46rom me\nsaid From here\n");
}

TEST(QuotedPrintable, encode_escapes_lone_dot_line) {
  EXPECT_EQ(encode_quoted_printable("a\n.\n.. x\n", lf_options()), "a\n=2E\n.. x\n");
}

TEST(QuotedPrintable, encode_writes_crlf_for_crlf_and_lf_input_lines) {
  EXPECT_EQ(encode_quoted_printable("a\r\nb\nc"), "a\r\nb\r\nc");
}

TEST(QuotedPrintable, encode_escapes_lone_cr_in_text_mode) {
  EXPECT_EQ(encode_quoted_printable("a\rb\n", lf_options()), "a=0Db\n");
}

TEST(QuotedPrintable, encode_binary_mode_escapes_cr_and_lf) {
  EXPECT_EQ(encode_quoted_printable("a\r\nb\n", lf_options(true)), "a=0D=0Ab=0A");
}

TEST(QuotedPrintable, encode_escapes_equals_8bit_and_controls) {
  EXPECT_EQ(encode_quoted_printable("1+1=2 caf\xC3\xA9\x01", lf_options()), "1+1=3D2 caf=C3=A9=01");
}

TEST(QuotedPrintable, encode_honours_shorter_line_length) {
  EncodeOptions o = lf_options();
  o.line_length = 10;
  const std::string enc = encode_quoted_printable("abcdefghijklmnopqrstuvwxyz", o);
  expect_well_formed(enc, 10);
  EXPECT_EQ(enc, "abcdefghi=\njklmnopqr=\nstuvwxyz");
}

TEST(QuotedPrintable, encode_decode_identity_for_text_with_lf) {
  for (std::uint32_t seed = 1; seed <= 30; ++seed) {
    for (std::size_t len : {0u, 1u, 5u, 75u, 76u, 77u, 150u, 300u, 5000u}) {
      const std::string text = mimetool::test::random_text(len, seed, false);
      const std::string enc = encode_quoted_printable(text, lf_options());
      expect_well_formed(enc);
      DecodeReport report;
      ASSERT_EQ(decode_quoted_printable(enc, &report), text) << "seed " << seed << " len " << len;
      ASSERT_FALSE(report.invalid);
    }
  }
}

TEST(QuotedPrintable, encode_decode_identity_for_text_with_crlf) {
  for (std::uint32_t seed = 1; seed <= 30; ++seed) {
    const std::string text = mimetool::test::random_text(3000, seed, true);
    const std::string enc = encode_quoted_printable(text);
    expect_well_formed(enc);
    ASSERT_EQ(decode_quoted_printable(enc), text) << "seed " << seed;
  }
}

TEST(QuotedPrintable, encode_decode_identity_for_binary_data_all_lengths) {
  for (std::uint32_t seed = 1; seed <= 10; ++seed) {
    for (std::size_t len = 0; len <= 300; ++len) {
      const std::string data = mimetool::test::random_bytes(len, seed * 7919 + static_cast<std::uint32_t>(len));
      const std::string enc = encode_quoted_printable(data, lf_options(true));
      expect_well_formed(enc);
      ASSERT_EQ(decode_quoted_printable(enc), data) << "seed " << seed << " len " << len;
    }
  }
}

TEST(QuotedPrintable, encode_decode_identity_for_large_binary) {
  const std::string data = mimetool::test::random_bytes(300'001, 5);
  EncodeOptions o;
  o.binary = true;
  EXPECT_EQ(decode_quoted_printable(encode_quoted_printable(data, o)), data);
}

// gmime and MimeKit each ship wikipedia.txt with a quoted-printable form (their encoders' output,
// LF line breaks, text without a final newline).
TEST(QuotedPrintable, corpus_wikipedia_qp_decodes_to_wikipedia_txt) {
  const auto dir = mimetool::test::corpus_dir();
  if (!std::filesystem::exists(dir / "gmime/data/encodings/wikipedia.qp")) GTEST_SKIP() << "corpus absent: " << dir;
  for (const char* sub : {"gmime/data/encodings/", "MimeKit/encoders/"}) {
    const std::string txt = mimetool::test::read_bytes(dir / sub / "wikipedia.txt");
    DecodeReport report;
    EXPECT_EQ(decode_quoted_printable(mimetool::test::read_bytes(dir / sub / "wikipedia.qp"), &report), txt) << sub;
    EXPECT_FALSE(report.invalid);
    const std::string enc = encode_quoted_printable(txt, lf_options());
    expect_well_formed(enc);
    EXPECT_EQ(decode_quoted_printable(enc), txt) << sub;
  }
}

TEST(QuotedPrintable, testdata_samples_decode_to_their_bin_files) {
  int count = 0;
  for (const auto& e : std::filesystem::directory_iterator(mimetool::test::testdata_dir() / "codecs")) {
    if (e.path().extension() != ".qp") continue;
    auto bin = e.path();
    bin.replace_extension(".bin");
    EXPECT_EQ(decode_quoted_printable(mimetool::test::read_bytes(e.path())), mimetool::test::read_bytes(bin))
        << e.path();
    ++count;
  }
  EXPECT_GT(count, 0) << "no testdata/codecs/*.qp samples";
}

namespace {

// The whole input through the chunk function in one call: what decode_quoted_printable returned
// before it worked a window at a time.
std::string decode_in_one_call(std::string_view in, DecodeReport& report) {
  std::string out;
  mimetool::detail::qp_decode_chunk(in, true, 0, out, &report);
  return out;
}

void expect_same_as_one_call(const std::string& in, const std::string& what) {
  DecodeReport a, b;
  const std::string windowed = decode_quoted_printable(in, &a);
  EXPECT_EQ(windowed, decode_in_one_call(in, b)) << what;
  EXPECT_EQ(a.invalid, b.invalid) << what;
  EXPECT_EQ(a.first_invalid, b.first_invalid) << what;
  EXPECT_EQ(a.invalid_count, b.invalid_count) << what;
}

}  // namespace

TEST(QuotedPrintable, large_input_decodes_as_in_one_call_when_lines_cross_internal_windows) {
  for (std::uint32_t seed = 1; seed <= 6; ++seed) {
    const std::string text = mimetool::test::random_text(70000, seed, seed % 2 == 0);
    expect_same_as_one_call(text, "raw text, seed " + std::to_string(seed));
    expect_same_as_one_call(encode_quoted_printable(text), "encoded text, seed " + std::to_string(seed));
  }
}

TEST(QuotedPrintable, large_input_decodes_as_in_one_call_when_blank_runs_span_windows) {
  // Runs of blanks longer than a window stay undecided (they may be trailing whitespace) until
  // their line goes on or ends; '=' and CR stand next to every possible window edge.
  for (const std::size_t run : {16383u, 16384u, 16385u, 40000u, 100000u}) {
    for (const char* tail : {"x\r\n", "\r\n", "=\r\n", "=", "\r", "=4", "=41", ""}) {
      const std::string in = "abc" + std::string(run, ' ') + tail + "def" + std::string(run, '\t') + tail;
      expect_same_as_one_call(in, "run " + std::to_string(run) + " tail " + tail);
    }
  }
}

TEST(QuotedPrintable, large_input_with_escape_runs_decodes_as_in_one_call_at_shifted_alignments) {
  std::string line;
  for (int i = 0; i < 25; ++i) line += "=C3=A9 ab";
  line += "=\r\n";
  for (std::size_t shift = 0; shift < 13; ++shift) {
    std::string in(shift, 'p');
    while (in.size() < 50000) in += line;
    expect_same_as_one_call(in, "shift " + std::to_string(shift));
  }
}
