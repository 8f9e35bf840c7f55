// Unit tests of the CLI's attachment-name sanitiser (cli/safe_name.cpp, compiled into this binary).
#include <gtest/gtest.h>

#include <string>

#include "safe_name.hpp"

using mimetool::cli::name_extension;
using mimetool::cli::numbered_name;
using mimetool::cli::safe_name;

namespace {

bool is_valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

}  // namespace

TEST(SafeName, plain_name_is_unchanged) { EXPECT_EQ(safe_name("report.pdf"), "report.pdf"); }

TEST(SafeName, non_ascii_name_is_unchanged) { EXPECT_EQ(safe_name("Prüfbericht 報告.pdf"), "Prüfbericht 報告.pdf"); }

TEST(SafeName, traversal_separators_are_replaced) {
  EXPECT_EQ(safe_name("../../x"), "_._.._x");
  EXPECT_EQ(safe_name("..\\..\\x"), "_._.._x");
}

TEST(SafeName, absolute_path_becomes_one_component) { EXPECT_EQ(safe_name("/etc/passwd"), "_etc_passwd"); }

TEST(SafeName, windows_drive_path_loses_colon_and_backslash) { EXPECT_EQ(safe_name("C:\\x"), "C__x"); }

TEST(SafeName, dot_and_dotdot_give_nothing_usable) {
  EXPECT_EQ(safe_name("."), "");
  EXPECT_EQ(safe_name(".."), "");
  EXPECT_EQ(safe_name(""), "");
  EXPECT_EQ(safe_name("///"), "");
}

TEST(SafeName, c0_del_and_c1_controls_are_replaced) {
  EXPECT_EQ(safe_name(std::string("a\x01" "b\x7f" "c\n.txt")), "a_b_c_.txt");
  EXPECT_EQ(safe_name("a\xC2\x9B" "b.txt"), "a_b.txt");  // U+009B CSI
  EXPECT_EQ(safe_name(std::string("a\0b.txt", 7)), "a_b.txt");
}

TEST(SafeName, bidi_override_and_isolates_are_removed) {
  EXPECT_EQ(safe_name("invoice\u202Efdp.exe"), "invoicefdp.exe");
  EXPECT_EQ(safe_name("a\u2066b\u2069.txt"), "ab.txt");
  EXPECT_EQ(safe_name("\u202Aa\u202B\u202C\u202D.txt"), "a.txt");
}

TEST(SafeName, leading_dash_and_whitespace_are_not_kept) {
  EXPECT_EQ(safe_name("-rf"), "_rf");
  EXPECT_EQ(safe_name("   name.txt"), "name.txt");
  EXPECT_EQ(safe_name(" \t-x"), "_x");
}

TEST(SafeName, leading_dot_is_made_visible) { EXPECT_EQ(safe_name(".bashrc"), "_bashrc"); }

TEST(SafeName, trailing_dots_and_spaces_are_removed) {
  EXPECT_EQ(safe_name("evil.exe. . "), "evil.exe");
  EXPECT_EQ(safe_name("name..."), "name");
}

TEST(SafeName, windows_device_names_are_prefixed) {
  EXPECT_EQ(safe_name("CON"), "_CON");
  EXPECT_EQ(safe_name("nul.txt"), "_nul.txt");
  EXPECT_EQ(safe_name("Com1.log"), "_Com1.log");
  EXPECT_EQ(safe_name("LPT9"), "_LPT9");
  EXPECT_EQ(safe_name("console.txt"), "console.txt");
  EXPECT_EQ(safe_name("COM10"), "COM10");
}

TEST(SafeName, windows_reserved_punctuation_is_replaced) { EXPECT_EQ(safe_name("a<b>c:d\"e|f?g*h"), "a_b_c_d_e_f_g_h"); }

TEST(SafeName, invalid_utf8_becomes_replacement_character) {
  const std::string out = safe_name("caf\xE9.txt");
  EXPECT_EQ(out, "caf\xEF\xBF\xBD.txt");
  EXPECT_EQ(safe_name("\xC0\xAF.txt"), "\xEF\xBF\xBD\xEF\xBF\xBD.txt");  // overlong "/" is not a separator
}

TEST(SafeName, long_name_is_cut_to_255_bytes_keeping_extension) {
  const std::string out = safe_name(std::string(300, 'a') + ".pdf");
  EXPECT_EQ(out.size(), 255u);
  EXPECT_TRUE(out.ends_with(".pdf"));
}

TEST(SafeName, long_name_is_cut_at_a_character_boundary) {
  std::string name;
  for (int i = 0; i < 200; ++i) name += "é";  // 400 bytes
  const std::string out = safe_name(name + ".txt");
  EXPECT_LE(out.size(), 255u);
  EXPECT_TRUE(out.ends_with(".txt"));
  EXPECT_TRUE(is_valid_utf8(out));
}

TEST(NumberedName, number_goes_before_extension) {
  EXPECT_EQ(numbered_name("report.pdf", 2), "report (2).pdf");
  EXPECT_EQ(numbered_name("README", 3), "README (3)");
  EXPECT_EQ(numbered_name("archive.tar.gz", 2), "archive.tar (2).gz");
}

TEST(NumberedName, stays_within_255_bytes) {
  const std::string out = numbered_name(std::string(251, 'a') + ".pdf", 1000);
  EXPECT_EQ(out.size(), 255u);
  EXPECT_TRUE(out.ends_with(" (1000).pdf"));
}

TEST(NameExtension, leading_dot_and_long_suffixes_are_not_extensions) {
  EXPECT_EQ(name_extension("a.pdf"), ".pdf");
  EXPECT_EQ(name_extension("_bashrc"), "");
  EXPECT_EQ(name_extension(".profile"), "");
  EXPECT_EQ(name_extension("a." + std::string(40, 'x')), "");
  EXPECT_EQ(name_extension("v1.2 final"), "");
}

TEST(SafeName, cut_that_exposes_device_name_is_prefixed) {
  // "COM1" followed by spaces: the cut removes the tail, leaving "COM1   .txt", a device name.
  const std::string out = safe_name("COM1" + std::string(250, ' ') + "x.txt");
  EXPECT_LE(out.size(), 255u);
  EXPECT_TRUE(out.starts_with("_COM1")) << out;
  EXPECT_TRUE(out.ends_with(".txt"));
}

TEST(SafeName, cut_to_a_tight_budget_keeps_device_rule) {
  // A 7-byte cut gives "CON.txt", a device name; its "_" would not fit, so the cut is shorter.
  EXPECT_EQ(safe_name("CONSOLE.txt", 7), "CO.txt");
  EXPECT_EQ(safe_name("CONSOLE.txt", 8), "CONS.txt");
}

TEST(SafeName, cut_that_leaves_only_the_extension_has_no_leading_dot) {
  const std::string out = safe_name("\xC3\xA9\xC3\xA9" ".abcdefghijklmnop", 18);
  EXPECT_LE(out.size(), 18u);
  ASSERT_FALSE(out.empty());
  EXPECT_NE(out[0], '.');
}
