// Regressions found by fuzz/fuzz_rfc2231_params.cpp (inputs kept in testdata/fuzz/rfc2231_params/).

#include <gtest/gtest.h>

#include "mimetool/fields.hpp"
#include "mimetool/header_codec.hpp"

using namespace mimetool;

namespace {

std::string encode_then_decode(std::string_view value, std::size_t max_line = 78) {
  const ContentDisposition cd = parse_content_disposition("attachment" + encode_parameter("filename", value, max_line));
  const Parameter* p = cd.param("filename");
  return p ? decode_parameter(*p) : "<no filename>";
}

}  // namespace

// encode_parameter() wrote `filename="=?utf-8?Q?invalid?="` quoted as is, and readers decode
// encoded-words inside quoted values, so the name came back as "invalid".
TEST(Regression, rfc2231_encoded_word_lookalike_value_round_trips) {
  EXPECT_EQ(encode_then_decode("=?utf-8?Q?invalid?="), "=?utf-8?Q?invalid?=");
}

// The same through the quoted-continuation form used for long ASCII values.
TEST(Regression, rfc2231_long_encoded_word_lookalike_value_round_trips) {
  const std::string value = "report =?utf-8?B?Zm9v?= " + std::string(80, 'x') + ".pdf";
  EXPECT_EQ(encode_then_decode(value, 40), value);
}

TEST(Regression, rfc2231_encoded_word_lookalike_value_is_written_extended) {
  EXPECT_EQ(encode_parameter("filename", "=?a?="), ";\r\n filename*=utf-8''%3D%3Fa%3F%3D");
}

TEST(Regression, rfc2231_plain_ascii_value_with_equals_stays_quoted) {
  EXPECT_EQ(encode_parameter("filename", "a=b?.txt"), "; filename=\"a=b?.txt\"");
}
