// Hostile attachment names and header encodings at the library level. filename() decodes
// faithfully and does not sanitise (that is the CLI's job, cli/safe_name.cpp): these tests pin the
// decoded bytes the sanitiser receives, and check that huge encoded names decode in one piece.

#include <gtest/gtest.h>

#include <string>

#include "hostile/shapes.hpp"
#include "mimetool/charset.hpp"
#include "mimetool/content.hpp"
#include "mimetool/message.hpp"

using namespace mimetool;

namespace {

// The filename of the single-part message with these header fields.
std::optional<std::string> name_of(const std::string& fields) {
  const std::string input = fields + "\r\n\r\ndata\r\n";
  const Message m = parse(Source::from_view(input));
  EXPECT_EQ(write(m), input);
  return filename(m.root());
}

// Compares long strings without printing them whole: sizes and the first differing offset.
testing::AssertionResult same(const std::optional<std::string>& actual, const std::string& expected) {
  if (!actual) return testing::AssertionFailure() << "no filename";
  if (*actual == expected) return testing::AssertionSuccess();
  std::size_t i = 0;
  while (i < actual->size() && i < expected.size() && (*actual)[i] == expected[i]) ++i;
  return testing::AssertionFailure() << "sizes " << actual->size() << " vs " << expected.size()
                                     << ", first difference at byte " << i << ": \""
                                     << actual->substr(i, 40) << "\" vs \"" << expected.substr(i, 40) << "\"";
}

}  // namespace

TEST(HostileNames, traversal_names_are_decoded_not_sanitised) {
  struct Case {
    const char* fields;
    std::string expected;
  } cases[] = {
      {"Content-Disposition: attachment; filename=\"../../etc/passwd\"", "../../etc/passwd"},
      {"Content-Disposition: attachment; filename=/etc/passwd", "/etc/passwd"},
      {"Content-Disposition: attachment; filename=\"..\\\\..\\\\boot.ini\"", "..\\..\\boot.ini"},
      {"Content-Disposition: attachment; filename=\"=?utf-8?B?Li4vLi4vZXRjL3Bhc3N3ZA==?=\"", "../../etc/passwd"},
      {"Content-Disposition: attachment; filename=\"=?utf-8?Q?=2E=2E=2F=2E=2E=2Fetc=2Fpasswd?=\"", "../../etc/passwd"},
      {"Content-Disposition: attachment; filename*=utf-8''..%2F..%2Fetc%2Fpasswd", "../../etc/passwd"},
      {"Content-Disposition: attachment; filename*=utf-8''%2Fetc%2Fpasswd", "/etc/passwd"},
      {"Content-Disposition: attachment; filename*0*=utf-8''..%2F; filename*1=..; filename*2*=%2Fx", "../../x"},
      {"Content-Type: application/octet-stream; name=\"../n\"", "../n"},
  };
  for (const auto& c : cases) EXPECT_EQ(name_of(c.fields), c.expected) << c.fields;
}

TEST(HostileNames, percent_encoded_nul_is_kept_in_the_decoded_name) {
  EXPECT_EQ(name_of("Content-Disposition: attachment; filename*=utf-8''evil.txt%00.exe"),
            std::string("evil.txt\0.exe", 13));
}

TEST(HostileNames, names_of_only_dots_are_returned_as_written) {
  EXPECT_EQ(name_of("Content-Disposition: attachment; filename=."), ".");
  EXPECT_EQ(name_of("Content-Disposition: attachment; filename=\"..\""), "..");
  EXPECT_EQ(name_of("Content-Disposition: attachment; filename*=utf-8''%2E%2E%2E"), "...");
}

TEST(HostileNames, device_names_are_returned_as_written) {
  for (const char* dev : {"CON", "NUL", "con.txt", "COM1", "LPT1.log", "AUX", "PRN"})
    EXPECT_EQ(name_of(std::string("Content-Disposition: attachment; filename=") + dev), dev);
}

TEST(HostileNames, bidi_override_in_encoded_word_name_is_decoded) {
  // U+202E RIGHT-TO-LEFT OVERRIDE: "invoice\u202Etxt.exe" displays as "invoiceexe.txt".
  EXPECT_EQ(name_of("Content-Disposition: attachment; filename*=utf-8''invoice%E2%80%AEtxt.exe"),
            "invoice\u202Etxt.exe");
}

TEST(HostileNames, ten_thousand_character_names_decode_in_every_encoding) {
  const std::string plain(10000, 'n');
  EXPECT_TRUE(same(name_of("Content-Disposition: attachment; filename=\"" + plain + "\""), plain));

  std::string words;  // 10,000 "é" in encoded-words of 20 characters each
  std::string expected;
  for (int i = 0; i < 500; ++i) {
    words += " =?utf-8?B?w6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqQ==?=";  // 20 × é
  }
  for (int i = 0; i < 10000; ++i) expected += "\xC3\xA9";
  EXPECT_TRUE(same(name_of("Content-Disposition: attachment; filename=\"" + words.substr(1) + "\""), expected));

  std::string pct;
  for (int i = 0; i < 10000; ++i) pct += "%C3%A9";
  EXPECT_TRUE(same(name_of("Content-Disposition: attachment; filename*=utf-8''" + pct), expected));
}

TEST(HostileNames, rfc2231_continuation_with_10000_pieces_reassembles_in_order) {
  const std::string input = hostile::many_rfc2231_pieces(10000);
  const Message m = parse(Source::from_view(input));
  std::string expected;
  for (int i = 0; i < 10000; ++i) expected += "\xC3\xA9";
  EXPECT_TRUE(same(filename(m.root()), expected));
}

TEST(HostileNames, ten_thousand_adjacent_encoded_words_decode_joined) {
  const std::string input = hostile::many_encoded_words(10000);
  const Message m = parse(Source::from_view(input));
  const HeaderField* subject = m.root().header("Subject");
  ASSERT_NE(subject, nullptr);
  std::string expected;
  for (int i = 0; i < 5000; ++i) expected += "caf\xC3\xA9\xC3\xA9";
  EXPECT_TRUE(same(decoded_value(*subject), expected));
}

TEST(HostileNames, control_characters_in_names_are_kept_for_the_caller) {
  EXPECT_EQ(name_of("Content-Disposition: attachment; filename*=utf-8''a%0Ab%0D%1B%7F"), "a\nb\r\x1b\x7f");
}
