// Address lists (lib/fields/address.cpp).

#include <gtest/gtest.h>

#include <string>

#include "mimetool/fields.hpp"

using mimetool::AddressList;
using mimetool::Diagnostics;
using mimetool::Group;
using mimetool::Mailbox;
using mimetool::parse_address_list;

namespace {

// A compact rendering: `name|address` per mailbox, groups as `G(name: members)`, " ; "-joined.
std::string mailbox_string(const Mailbox& m) { return m.display_name + "|" + m.address(); }

std::string render(const AddressList& list) {
  std::string out;
  for (const auto& a : list.addresses) {
    if (!out.empty()) out += " ; ";
    if (const auto* m = std::get_if<Mailbox>(&a)) {
      out += mailbox_string(*m);
    } else {
      const auto& g = std::get<Group>(a);
      out += "G(" + g.name + ":";
      for (std::size_t i = 0; i < g.members.size(); ++i) out += (i ? " ; " : " ") + mailbox_string(g.members[i]);
      out += ")";
    }
  }
  return out;
}

std::string codes(const Diagnostics& d) {
  std::string out;
  for (const auto& x : d) out += (out.empty() ? "" : ",") + x.code;
  return out;
}

struct AddrCase {
  const char* input;
  const char* expected;
  const char* diags;
};

const AddrCase kAddresses[] = {
    // RFC 5322 Appendix A.1.1
    {"John Doe <jdoe@machine.example>", "John Doe|jdoe@machine.example", ""},
    {"Mary Smith <mary@example.net>", "Mary Smith|mary@example.net", ""},
    // A.1.2
    {R"("Joe Q. Public" <john.q.public@example.com>)", "Joe Q. Public|john.q.public@example.com", ""},
    {"Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>",
     "Mary Smith|mary@x.test ; |jdoe@example.org ; Who?|one@y.test", ""},
    {R"(<boss@nil.test>, "Giant; \"Big\" Box" <sysservices@example.net>)",
     R"(|boss@nil.test ; Giant; "Big" Box|sysservices@example.net)", ""},
    // A.1.3 groups
    {"A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;",
     "G(A Group: Ed Jones|c@a.test ; |joe@where.test ; John|jdoe@one.test)", ""},
    {"Undisclosed recipients:;", "G(Undisclosed recipients:)", ""},
    // A.5 white space, comments, and other oddities
    {R"(Pete(A nice \) chap) <pete(his account)@silly.test(his host)>)", "Pete|pete@silly.test", ""},
    {"A Group(Some people)\r\n     :Chris Jones <c@(Chris's host.)public.example>,\r\n         joe@example.org,\r\n"
     "  John <jdoe@one.test> (my dear friend); (the end of the group)",
     "G(A Group: Chris Jones|c@public.example ; |joe@example.org ; John|jdoe@one.test)", ""},
    {"(Empty list)(start)Hidden recipients  :(nobody(that I know))  ;", "G(Hidden recipients:)", ""},
    // A.6.1 obsolete syntax: unquoted dots in the phrase, folded before "<"
    {"Joe Q. Public <john.q.public@example.com>", "Joe Q. Public|john.q.public@example.com", ""},
    {"Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example",
     "Mary Smith|mary@example.net ; |jdoe@test.example", "obsolete_route"},
    // A.6.3 obsolete white space and comments
    {"John Doe <jdoe@machine(comment).  example>", "John Doe|jdoe@machine.example", ""},
    {"Mary Smith\r\n    \r\n <mary@example.net>", "Mary Smith|mary@example.net", ""},
    // Obsolete route with several hops
    {"<@a.test,@b.test:user@host.test>", "|user@host.test", "obsolete_route"},
    // Comment as display name when there is no phrase (Thunderbird)
    {"user@host.test (Real Name)", "Real Name|user@host.test", ""},
    {"<user@host.test> (Real  Name)", "Real Name|user@host.test", ""},
    {"(Real Name) user@host.test", "Real Name|user@host.test", ""},
    // Phrase wins over comments
    {"Name (comment) <user@host.test> (other)", "Name|user@host.test", ""},
    // Unquoted comma in the display name (Outlook "Last, First")
    {"Doe, John <john.doe@example.com>", "Doe, John|john.doe@example.com", "unquoted_comma_in_display_name"},
    {"Doe, John <john.doe@example.com>, Roe, Jane <jane.roe@example.com>",
     "Doe, John|john.doe@example.com ; Roe, Jane|jane.roe@example.com", "unquoted_comma_in_display_name"},
    // Quoted comma is fine
    {R"("Doe, John" <john.doe@example.com>)", "Doe, John|john.doe@example.com", ""},
    // Missing closing ">"
    {"John <john@example.com", "John|john@example.com", "missing_closing_angle_bracket"},
    {"John <john@example.com, Mary <mary@example.com>", "John|john@example.com ; Mary|mary@example.com",
     "missing_closing_angle_bracket"},
    // The null address
    {"<>", "|", ""},
    {"Mail Delivery System <>", "Mail Delivery System|", ""},
    // Local part without domain
    {"root", "|root", "address_without_domain"},
    {"Administrator <root>", "Administrator|root", "address_without_domain"},
    // A name with no address at all is kept as a name
    {"John Smith", "John Smith|", "mailbox_without_address"},
    // 8-bit and UTF-8 names
    {"J\xC3\xBCrgen M\xC3\xBCller <jm@example.de>", "J\xC3\xBCrgen M\xC3\xBCller|jm@example.de", ""},
    {"\"J\xFCrgen\" <jm@example.de>", "J\xFCrgen|jm@example.de", ""},
    // Encoded-words kept intact, including ones with specials inside and folded ones
    {"=?utf-8?b?SsO8cmdlbg==?= <j@example.de>", "=?utf-8?b?SsO8cmdlbg==?=|j@example.de", ""},
    {"=?utf-8?Q?Doe,_John?= <j@example.de>", "=?utf-8?Q?Doe,_John?=|j@example.de", ""},
    {"=?iso-8859-1?q?J=FCrgen?=\r\n =?iso-8859-1?q?_M=FCller?= <jm@example.de>",
     "=?iso-8859-1?q?J=FCrgen?= =?iso-8859-1?q?_M=FCller?=|jm@example.de", ""},
    {"\"=?utf-8?q?M=C3=BCller?=\" <m@example.de>", "=?utf-8?q?M=C3=BCller?=|m@example.de", ""},
    // Stray semicolons and trailing commas
    {"a@example.com; b@example.com", "|a@example.com ; |b@example.com", "stray_semicolon"},
    {"a@example.com,", "|a@example.com", ""},
    {",, a@example.com ,,, b@example.com,", "|a@example.com ; |b@example.com", ""},
    // Quoted local part is re-quoted only where needed
    {R"("john doe"@example.com)", "|\"john doe\"@example.com", ""},
    {R"("john.doe"@example.com)", "|john.doe@example.com", ""},
    {R"(<"a\"b"@example.com>)", R"(|"a\"b"@example.com)", ""},
    // Domain literal
    {"jdoe@[192.168.0.1]", "|jdoe@[192.168.0.1]", ""},
    // IDN kept as given
    {"user@b\xC3\xBC" "cher.example", "|user@b\xC3\xBC" "cher.example", ""},
    {"user@xn--bcher-kva.example", "|user@xn--bcher-kva.example", ""},
    // Phrase before an unbracketed address
    {"John Smith john@example.com", "John Smith|john@example.com", "missing_angle_brackets"},
    // Address repeated as the display name
    {"john@example.com <john@example.com>", "john@example.com|john@example.com", ""},
    // Unterminated group
    {"Team: a@example.com, b@example.com", "G(Team: |a@example.com ; |b@example.com)", "unterminated_group"},
    // Group followed by a mailbox
    {"undisclosed-recipients:;, x@example.com", "G(undisclosed-recipients:) ; |x@example.com", ""},
    // Unterminated quoted display name: the address inside it is the best we can do
    {"\"John <john@example.com>", "John|john@example.com", "unterminated_quoted_string"},
    // Junk after ">"
    {"John <john@example.com> extra", "John|john@example.com", "junk_after_address"},
    // Missing "," between addresses (enmime malformed-multiple-address-header-values.raw,
    // mikel-mail raw_email_multiple_from.eml): both addresses are kept
    {"Bob Dunite <bob@extern> Bobby Dunite <bobby@extern>", "Bob Dunite|bob@extern ; Bobby Dunite|bobby@extern",
     "missing_comma"},
    {"tim@powerupdev.com concierge@powerupdev.com", "|tim@powerupdev.com ; |concierge@powerupdev.com", "missing_comma"},
    // Words in angle brackets without "@" (MimeKit feedback-report.txt) stay apart
    {"<Undisclosed Recipients>", "|\"Undisclosed Recipients\"", "address_without_domain"},
    // URI scheme inside the brackets
    {"Web Form <mailto:form@example.com>", "Web Form|form@example.com", "mailto_in_address"},
    // Empty body
    {"", "", ""},
    {"   \r\n  ", "", ""},
};

}  // namespace

TEST(AddressList, table_of_rfc_and_real_world_shapes_parses_as_expected) {
  for (const auto& c : kAddresses) {
    SCOPED_TRACE(c.input);
    Diagnostics d;
    const auto list = parse_address_list(c.input, &d);
    EXPECT_EQ(render(list), c.expected);
    EXPECT_EQ(codes(d), c.diags);
  }
}

TEST(AddressList, mailboxes_flattens_groups_in_field_order) {
  const auto list = parse_address_list("a@x.test, G: b@x.test, c@x.test;, d@x.test");
  const auto mbs = list.mailboxes();
  ASSERT_EQ(mbs.size(), 4u);
  EXPECT_EQ(mbs[0].address(), "a@x.test");
  EXPECT_EQ(mbs[1].address(), "b@x.test");
  EXPECT_EQ(mbs[2].address(), "c@x.test");
  EXPECT_EQ(mbs[3].address(), "d@x.test");
}

TEST(AddressList, mailbox_parts_are_split_when_local_part_is_quoted) {
  const auto list = parse_address_list(R"("Smith, J." <"j smith"@example.com>)");
  ASSERT_EQ(list.addresses.size(), 1u);
  const auto& m = std::get<Mailbox>(list.addresses[0]);
  EXPECT_EQ(m.display_name, "Smith, J.");
  EXPECT_EQ(m.local_part, "j smith");
  EXPECT_EQ(m.domain, "example.com");
  EXPECT_EQ(m.address(), "\"j smith\"@example.com");
}

TEST(AddressList, empty_list_reports_empty) {
  EXPECT_TRUE(parse_address_list("").empty());
  EXPECT_TRUE(parse_address_list("(just a comment)").empty());
  EXPECT_FALSE(parse_address_list("a@b").empty());
}

TEST(Mailbox, address_is_empty_for_the_null_address) {
  Mailbox m;
  EXPECT_EQ(m.address(), "");
}

TEST(Mailbox, address_quotes_local_part_with_leading_dot) {
  Mailbox m{"", ".john", "example.com"};
  EXPECT_EQ(m.address(), "\".john\"@example.com");
}

TEST(Mailbox, address_keeps_utf8_local_part_unquoted) {
  Mailbox m{"", "j\xC3\xBCrgen", "example.de"};
  EXPECT_EQ(m.address(), "j\xC3\xBCrgen@example.de");
}

TEST(AddressList, hundred_thousand_angle_brackets_stay_linear_and_report_once) {
  Diagnostics d;
  const auto list = parse_address_list(std::string(100000, '<') + "a@b.test>", &d);
  const auto mbs = list.mailboxes();
  ASSERT_EQ(mbs.size(), 1u);
  EXPECT_EQ(mbs[0].address(), "a@b.test");
  EXPECT_EQ(codes(d), "nested_angle_bracket");
}

TEST(AddressList, hundred_thousand_nested_comments_do_not_exhaust_the_stack) {
  Diagnostics d;
  const std::string body = "a@b.test " + std::string(100000, '(') + "x" + std::string(100000, ')');
  const auto list = parse_address_list(body, &d);
  ASSERT_EQ(list.mailboxes().size(), 1u);
  EXPECT_EQ(list.mailboxes()[0].address(), "a@b.test");
  EXPECT_TRUE(d.empty());
}

TEST(AddressList, fifty_thousand_addresses_all_come_back) {
  std::string body;
  for (int i = 0; i < 50000; ++i) body += "u" + std::to_string(i) + "@x.test, ";
  const auto list = parse_address_list(body);
  ASSERT_EQ(list.addresses.size(), 50000u);
  EXPECT_EQ(list.mailboxes()[49999].address(), "u49999@x.test");
}

TEST(AddressList, many_encoded_word_starts_stay_linear) {
  std::string body;
  for (int i = 0; i < 100000; ++i) body += "=?a?q?";
  body += " <a@b.test>";
  const auto list = parse_address_list(body);
  ASSERT_EQ(list.mailboxes().size(), 1u);
  EXPECT_EQ(list.mailboxes()[0].address(), "a@b.test");
}

TEST(AddressList, many_unterminated_quotes_stay_linear) {
  // Every `\"` pair would start a quoted-string running to the end if rescanned each time.
  std::string body = "a@b.test, \"";
  for (int i = 0; i < 100000; ++i) body += "\\\"";
  Diagnostics d;
  const auto list = parse_address_list(body, &d);
  ASSERT_FALSE(list.mailboxes().empty());
  EXPECT_EQ(list.mailboxes()[0].address(), "a@b.test");
  ASSERT_FALSE(d.empty());
  EXPECT_EQ(d[0].code, "unterminated_quoted_string");
}
