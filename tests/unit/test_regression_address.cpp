// Regressions found by fuzz/fuzz_address_date.cpp (inputs kept in testdata/fuzz/address_date/).

#include <gtest/gtest.h>

#include "mimetool/fields.hpp"

using namespace mimetool;

// Empty quoted words inside angle brackets made addr_spec() call back() on an empty string
// (undefined behaviour, reported by UBSan in the sanitizer build).
TEST(Regression, address_empty_quoted_words_in_angle_brackets) {
  Diagnostics diags;
  const AddressList list = parse_address_list(R"(x <"" ""@example.org>)", &diags);
  const auto boxes = list.mailboxes();
  ASSERT_EQ(boxes.size(), 1u);
  EXPECT_EQ(boxes[0].display_name, "x");
  EXPECT_EQ(boxes[0].local_part, " ");
  EXPECT_EQ(boxes[0].domain, "example.org");
  EXPECT_EQ(boxes[0].address(), R"(" "@example.org)");
}

// The same with a dot after the empty word: the dot still joins without a space.
TEST(Regression, address_empty_quoted_word_before_dot) {
  const auto boxes = parse_address_list(R"(<"" ."a"@example.org>)").mailboxes();
  ASSERT_EQ(boxes.size(), 1u);
  EXPECT_EQ(boxes[0].local_part, ".a");
  EXPECT_EQ(boxes[0].domain, "example.org");
}
