// Regressions found by fuzz/fuzz_transfer_codecs.cpp (inputs kept in testdata/fuzz/transfer_codecs/).

#include <gtest/gtest.h>

#include "mimetool/codec.hpp"
#include "mimetool/content.hpp"
#include "mimetool/message.hpp"

using namespace mimetool;

// A comment ending in a backslash made the comment skipper step past the end, and the noexcept
// parse_transfer_encoding() threw std::out_of_range: the process terminated.
TEST(Regression, transfer_encoding_comment_ending_in_backslash) {
  EXPECT_EQ(parse_transfer_encoding("(\\"), TransferEncoding::seven_bit);
  EXPECT_EQ(parse_transfer_encoding("base64 (\\"), TransferEncoding::base64);
  EXPECT_EQ(parse_transfer_encoding("(((((e'\\\\\\"), TransferEncoding::seven_bit);
}

TEST(Regression, transfer_encoding_comment_ending_in_backslash_in_a_message) {
  const std::string input = "Content-Transfer-Encoding: (\\\n\nbody\n";
  const Message m = parse(Source::from_view(input));
  EXPECT_EQ(transfer_encoding(m.root()), TransferEncoding::seven_bit);
  EXPECT_EQ(decoded_body(m.root()), "body\n");
}
