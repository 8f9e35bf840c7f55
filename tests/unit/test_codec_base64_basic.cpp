#include <gtest/gtest.h>

#include "mimetool/codec.hpp"

using mimetool::decode_base64;
using mimetool::encode_base64;

// RFC 4648 §10 test vectors.
TEST(Base64, rfc4648_vectors_round_trip) {
  const std::pair<const char*, const char*> v[] = {{"", ""},          {"f", "Zg=="},         {"fo", "Zm8="},
                                                   {"foo", "Zm9v"},   {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
                                                   {"foobar", "Zm9vYmFy"}};
  for (auto [plain, enc] : v) {
    EXPECT_EQ(encode_base64(plain, mimetool::LineEnding::crlf, 0), enc);
    EXPECT_EQ(decode_base64(enc), plain);
  }
}
