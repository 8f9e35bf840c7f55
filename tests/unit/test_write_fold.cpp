// Header field formatting for written messages: folding, RFC 2047 text, address fields.

#include <gtest/gtest.h>

#include <sstream>

#include "mimetool/header_codec.hpp"
#include "mimetool/write_format.hpp"

namespace {

using namespace mimetool;

std::vector<std::string> lines_of(const std::string& field) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < field.size()) {
    const auto nl = field.find("\r\n", pos);
    if (nl == std::string::npos) {
      out.push_back(field.substr(pos));
      break;
    }
    out.push_back(field.substr(pos, nl - pos));
    pos = nl + 2;
  }
  return out;
}

// The field body with folding removed (RFC 5322 §2.2.3 unfolding).
std::string unfold_body(const std::string& field) {
  std::string body = field_body(field);
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\r' && i + 1 < body.size() && body[i + 1] == '\n') {
      ++i;
      continue;
    }
    out += body[i];
  }
  return out;
}

TEST(FoldField, short_field_stays_on_one_line) {
  auto f = fold_field("Subject", {"Hello", " world"});
  ASSERT_TRUE(f);
  EXPECT_EQ(*f, "Subject: Hello world\r\n");
}

TEST(FoldField, long_field_folds_before_whitespace_within_78_columns) {
  std::vector<std::string> tokens{"word"};
  for (int i = 0; i < 40; ++i) tokens.push_back(" word" + std::to_string(i));
  auto f = fold_field("X-Long", tokens);
  ASSERT_TRUE(f);
  const auto lines = lines_of(*f);
  ASSERT_GT(lines.size(), 2u);
  for (const auto& l : lines) EXPECT_LE(l.size(), 78u) << l;
  for (std::size_t i = 1; i < lines.size(); ++i) EXPECT_EQ(lines[i].front(), ' ');
  std::string joined;
  for (const auto& t : tokens) joined += t;
  EXPECT_EQ(unfold_body(*f), joined);
}

TEST(FoldField, line_holding_encoded_word_is_kept_within_76_columns) {
  // 70 characters of ASCII then a 20-character word: fits 78 but not 76 when it is encoded.
  const std::string a(60, 'a');
  auto f = fold_field("Subject", {a, " =?utf-8?q?=C3=A9t=C3=A9?="});
  ASSERT_TRUE(f);
  const auto lines = lines_of(*f);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1], " =?utf-8?q?=C3=A9t=C3=A9?=");
}

TEST(FoldField, lf_option_writes_bare_line_feeds) {
  FormatOptions o;
  o.eol = LineEnding::lf;
  std::vector<std::string> tokens{"x"};
  for (int i = 0; i < 30; ++i) tokens.push_back(" token");
  auto f = fold_field("X-A", tokens, o);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->find('\r'), std::string::npos);
  EXPECT_NE(f->find("\n "), std::string::npos);
  EXPECT_TRUE(f->ends_with("token\n"));
}

TEST(FoldField, token_with_line_break_is_refused) {
  auto f = fold_field("Subject", {"a\r\nBcc: victim@example.org"});
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().code, ErrorCode::invalid_argument);
}

TEST(FoldField, invalid_field_names_are_refused) {
  for (std::string_view name : {"", "Bad Name", "Bad:Name", "Caf\xC3\xA9"}) {
    auto f = fold_field(name, {"x"});
    EXPECT_FALSE(f) << name;
  }
}

TEST(FoldField, word_too_long_for_998_octets_is_an_error) {
  auto f = fold_field("X-A", {std::string(1000, 'a')});
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().code, ErrorCode::invalid_argument);
}

TEST(FoldField, whitespace_only_token_never_starts_a_line) {
  std::vector<std::string> tokens{std::string(70, 'a'), "   ", " b"};
  auto f = fold_field("X-A", tokens);
  ASSERT_TRUE(f);
  for (const auto& l : lines_of(*f)) EXPECT_FALSE(!l.empty() && l.find_first_not_of(' ') == std::string::npos) << *f;
}

TEST(UnstructuredField, ascii_text_is_written_as_is) {
  auto f = format_unstructured_field("Subject", "Quarterly report");
  ASSERT_TRUE(f);
  EXPECT_EQ(*f, "Subject: Quarterly report\r\n");
}

TEST(UnstructuredField, non_ascii_words_become_encoded_words_that_decode_back) {
  const std::string text = "Re: 季度报告 and Привет мир, café au lait — long enough to need folding in this header";
  auto f = format_unstructured_field("Subject", text);
  ASSERT_TRUE(f);
  for (char c : *f) ASSERT_LT(static_cast<unsigned char>(c), 0x80);
  for (const auto& l : lines_of(*f)) EXPECT_LE(l.size(), 76u) << l;
  EXPECT_EQ(decode_rfc2047(field_body(*f)), text);
}

TEST(UnstructuredField, word_longer_than_a_line_is_cut_into_encoded_words) {
  const std::string text = "see " + std::string(1500, 'x') + " end";
  auto f = format_unstructured_field("Subject", text);
  ASSERT_TRUE(f);
  for (const auto& l : lines_of(*f)) EXPECT_LE(l.size(), 998u);
  EXPECT_EQ(decode_rfc2047(field_body(*f)), text);
}

TEST(UnstructuredField, line_break_in_text_is_refused) {
  EXPECT_FALSE(format_unstructured_field("Subject", "a\nb"));
  EXPECT_FALSE(format_unstructured_field("Subject", "a\rb"));
}

TEST(UnstructuredField, header_charset_option_is_used_for_encoded_words) {
  FormatOptions o;
  o.header_charset = "iso-2022-jp";
  auto f = format_unstructured_field("Subject", "日本語の件名", o);
  ASSERT_TRUE(f);
  EXPECT_NE(f->find("=?iso-2022-jp?"), std::string::npos) << *f;
  EXPECT_EQ(decode_rfc2047(field_body(*f)), "日本語の件名");
}

TEST(ParseMailboxes, display_names_and_addresses_are_split) {
  auto m = parse_mailboxes("Zhang San <z@example.cn>, \"Doe, J\" <j@x.test>, plain@example.org");
  ASSERT_TRUE(m);
  ASSERT_EQ(m->size(), 3u);
  EXPECT_EQ((*m)[0].display_name, "Zhang San");
  EXPECT_EQ((*m)[0].address, "z@example.cn");
  EXPECT_EQ((*m)[1].display_name, "Doe, J");
  EXPECT_EQ((*m)[2].display_name, "");
  EXPECT_EQ((*m)[2].address, "plain@example.org");
}

TEST(ParseMailboxes, utf8_and_encoded_display_names_are_read_as_utf8) {
  auto m = parse_mailboxes("张三 <z@example.cn>, =?utf-8?B?0JjQstCw0L0=?= <i@example.ru>");
  ASSERT_TRUE(m);
  ASSERT_EQ(m->size(), 2u);
  EXPECT_EQ((*m)[0].display_name, "张三");
  EXPECT_EQ((*m)[1].display_name, "Иван");
}

TEST(ParseMailboxes, malformed_lists_are_refused) {
  for (std::string_view bad : {"", "nobody", "Name <>", "a@b\r\nBcc: c@d", "ü@example.org"}) {
    auto m = parse_mailboxes(bad);
    EXPECT_FALSE(m) << bad;
    if (!m) {
      EXPECT_EQ(m.error().code, ErrorCode::invalid_argument);
    }
  }
}

TEST(AddressField, atom_names_stay_bare_and_specials_are_quoted) {
  auto f = format_address_field("To", {{"Bob Smith", "bob@example.org"}, {"Doe, J. \"Jr\"", "j@x.test"}, {"", "c@x.test"}});
  ASSERT_TRUE(f);
  EXPECT_EQ(*f, "To: Bob Smith <bob@example.org>, \"Doe, J. \\\"Jr\\\"\" <j@x.test>, c@x.test\r\n");
}

TEST(AddressField, non_ascii_names_are_encoded_and_addresses_are_not) {
  auto f = format_address_field("From", {{"张三", "zhang@example.cn"}});
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->starts_with("From: =?utf-8?")) << *f;
  EXPECT_TRUE(f->ends_with("?= <zhang@example.cn>\r\n")) << *f;
  auto back = parse_mailboxes(field_body(*f));
  ASSERT_TRUE(back);
  EXPECT_EQ((*back)[0].display_name, "张三");
}

TEST(AddressField, long_lists_fold_between_mailboxes_within_78_columns) {
  std::vector<MailboxSpec> list;
  for (int i = 0; i < 12; ++i) list.push_back({"Получатель номер " + std::to_string(i), "user" + std::to_string(i) + "@example.ru"});
  auto f = format_address_field("To", list);
  ASSERT_TRUE(f);
  for (const auto& l : lines_of(*f)) EXPECT_LE(l.size(), 76u) << l;
  auto back = parse_mailboxes(unfold_body(*f));
  ASSERT_TRUE(back);
  ASSERT_EQ(back->size(), list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    EXPECT_EQ((*back)[i].display_name, list[i].display_name);
    EXPECT_EQ((*back)[i].address, list[i].address);
  }
}

TEST(AddressField, empty_list_and_bad_address_are_refused) {
  EXPECT_FALSE(format_address_field("To", {}));
  EXPECT_FALSE(format_address_field("To", {{"x", "no-at-sign"}}));
  EXPECT_FALSE(format_address_field("To", {{"x", "bad address@example.org"}}));
}

TEST(StructuredField, folds_only_at_existing_whitespace) {
  std::string refs;
  for (int i = 0; i < 6; ++i) refs += "<message-" + std::to_string(i) + "-abcdefghij@example.org> ";
  auto f = format_structured_field("References", refs);
  ASSERT_TRUE(f);
  for (const auto& l : lines_of(*f)) EXPECT_LE(l.size(), 78u);
  EXPECT_EQ(unfold_body(*f) + " ", refs);
}

TEST(StructuredField, non_ascii_is_refused) {
  EXPECT_FALSE(format_structured_field("Message-ID", "<é@x>"));
}

TEST(FieldBody, strips_name_and_line_ending_but_keeps_folds) {
  EXPECT_EQ(field_body("Subject: a\r\n b\r\n"), "a\r\n b");
  EXPECT_EQ(field_body("X: y\n"), "y");
}

TEST(FieldBody, unstructured_body_helper_feeds_set_header) {
  auto b = format_unstructured_body("Subject", "Grüße");
  ASSERT_TRUE(b);
  EXPECT_EQ(decode_rfc2047(*b), "Grüße");
  EXPECT_EQ(b->find("Subject"), std::string::npos);
}

}  // namespace
