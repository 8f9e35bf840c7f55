// Hostile transfer-encoded bodies through the content layer: invalid base64 and quoted-printable
// decode as far as possible, report the first problem, and stream the same bytes as one call.

#include <gtest/gtest.h>

#include <string>

#include "hostile/shapes.hpp"
#include "mimetool/content.hpp"
#include "mimetool/message.hpp"

using namespace mimetool;

namespace {

struct Decoded {
  std::string bytes;
  DecodeReport report;
  std::string streamed;
  DecodeReport streamed_report;
};

Decoded decode_leaf(const std::string& input) {
  const Message m = parse(Source::from_view(input));
  EXPECT_EQ(write(m), input);
  Decoded d;
  d.bytes = decoded_body(m.root(), &d.report);
  decode_body_to(m.root(), [&](std::string_view piece) { d.streamed.append(piece); }, &d.streamed_report, 5);
  return d;
}

}  // namespace

TEST(HostileCodecs, base64_with_garbage_skips_it_and_reports_the_first_offset) {
  const Decoded d = decode_leaf("Content-Transfer-Encoding: base64\r\n\r\nQU*JD\r\n!!!!\r\nRA==\r\nQUJD\r\n");
  EXPECT_EQ(d.bytes, "ABCD");
  EXPECT_TRUE(d.report.invalid);
  EXPECT_EQ(d.report.first_invalid, 2u);
  EXPECT_EQ(d.streamed, d.bytes);
  EXPECT_EQ(d.streamed_report.first_invalid, d.report.first_invalid);
}

TEST(HostileCodecs, base64_of_only_garbage_decodes_to_nothing) {
  const Decoded d = decode_leaf("Content-Transfer-Encoding: base64\r\n\r\n*** not base64 at all ***\r\n");
  EXPECT_TRUE(d.report.invalid);
  EXPECT_EQ(d.streamed, d.bytes);
}

TEST(HostileCodecs, quoted_printable_with_broken_escapes_keeps_them_literally) {
  const Decoded d = decode_leaf("Content-Transfer-Encoding: quoted-printable\r\n\r\na=ZZb=4\r\nc=\r\n=E9=");
  EXPECT_EQ(d.bytes, "a=ZZb=4\r\nc\xE9");
  EXPECT_TRUE(d.report.invalid);
  EXPECT_EQ(d.report.first_invalid, 1u);
  EXPECT_EQ(d.streamed, d.bytes);
  EXPECT_EQ(d.streamed_report.invalid_count, d.report.invalid_count);
}

TEST(HostileCodecs, big_base64_body_streams_like_one_call) {
  const Decoded d = decode_leaf(hostile::big_base64(1 << 20));
  EXPECT_FALSE(d.report.invalid);
  EXPECT_EQ(d.bytes.size(), (1u << 20) / 4 * 3);
  EXPECT_EQ(d.streamed, d.bytes);
}

TEST(HostileCodecs, big_quoted_printable_body_streams_like_one_call) {
  const Decoded d = decode_leaf(hostile::big_quoted_printable(1 << 20));
  EXPECT_FALSE(d.report.invalid);
  EXPECT_EQ(d.streamed, d.bytes);
  EXPECT_EQ(d.bytes.find("=E9"), std::string::npos);
}
