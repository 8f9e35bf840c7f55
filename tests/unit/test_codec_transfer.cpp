#include <gtest/gtest.h>

#include "mimetool/codec.hpp"

using mimetool::parse_transfer_encoding;
using mimetool::to_string;
using mimetool::TransferEncoding;

TEST(TransferEncodingField, parses_tokens_case_insensitively_with_cfws) {
  const std::pair<const char*, TransferEncoding> table[] = {
      {"7bit", TransferEncoding::seven_bit},
      {"8BIT", TransferEncoding::eight_bit},
      {"Binary", TransferEncoding::binary},
      {" Quoted-Printable\r\n", TransferEncoding::quoted_printable},
      {"base64", TransferEncoding::base64},
      {"BASE64 (encoded by Outlook)", TransferEncoding::base64},
      {"(comment (nested \\) ) ) base64", TransferEncoding::base64},
      {"\tbase64\r\n ", TransferEncoding::base64},
      {"x-uuencode", TransferEncoding::uuencode},
      {"X-UUE", TransferEncoding::uuencode},
      {"uuencode", TransferEncoding::uuencode},
      {"x-uu", TransferEncoding::uuencode},
      {"", TransferEncoding::seven_bit},
      {"  \r\n ", TransferEncoding::seven_bit},
      {"(only a comment)", TransferEncoding::seven_bit},
      {"base64 (comment never closed", TransferEncoding::base64},
  };
  for (auto [in, expected] : table) EXPECT_EQ(parse_transfer_encoding(in), expected) << "'" << in << "'";
}

TEST(TransferEncodingField, anything_else_is_unknown) {
  for (const char* in : {"8-bit", "quoted_printable", "base-64", "base64 base64", "base64;", "x-gzip64", "\"base64\"",
                         "x-uuencodex"}) {
    EXPECT_EQ(parse_transfer_encoding(in), TransferEncoding::unknown) << in;
  }
}

TEST(TransferEncodingField, to_string_gives_canonical_tokens_that_parse_back) {
  for (auto e : {TransferEncoding::seven_bit, TransferEncoding::eight_bit, TransferEncoding::binary,
                 TransferEncoding::quoted_printable, TransferEncoding::base64, TransferEncoding::uuencode}) {
    EXPECT_EQ(parse_transfer_encoding(to_string(e)), e) << to_string(e);
  }
  EXPECT_EQ(to_string(TransferEncoding::quoted_printable), "quoted-printable");
  EXPECT_EQ(to_string(TransferEncoding::uuencode), "x-uuencode");
  EXPECT_EQ(to_string(TransferEncoding::unknown), "unknown");
}
