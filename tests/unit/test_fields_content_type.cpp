// Content-Type / Content-Disposition / RFC 2231 parameters (lib/fields/content_type.cpp).

#include <gtest/gtest.h>

#include <string>

#include "mimetool/fields.hpp"

using mimetool::Diagnostics;
using mimetool::parse_content_disposition;
using mimetool::parse_content_type;

namespace {

// `name=value` per parameter, "; "-joined; extended ones as `name*=charset'lang'value`.
std::string params_string(const std::vector<mimetool::Parameter>& params) {
  std::string out;
  for (const auto& p : params) {
    if (!out.empty()) out += "; ";
    out += p.name;
    if (p.extended) out += "*=" + p.charset + "'" + p.language + "'";
    else out += "=";
    out += p.value;
  }
  return out;
}

std::string codes(const Diagnostics& d) {
  std::string out;
  for (const auto& x : d) out += (out.empty() ? "" : ",") + x.code;
  return out;
}

struct CtCase {
  const char* input;
  const char* mime_type;  // "" when missing/garbled
  const char* params;
  const char* diags;      // diagnostic codes in order of detection
};

// RFC 2045, RFC 2046, RFC 2231 examples and shapes from real mailers.
const CtCase kContentTypes[] = {
    // RFC 2045 §5.1 examples
    {R"(text/plain; charset=us-ascii (Plain text))", "text/plain", "charset=us-ascii", ""},
    {R"(text/plain; charset="us-ascii")", "text/plain", "charset=us-ascii", ""},
    {"Text/HTML; Charset=\"UTF-8\"", "text/html", "charset=UTF-8", ""},
    // RFC 2046 §5.1.1
    {R"(multipart/mixed; boundary=gc0p4Jq0M2Yt08jU534c0p)", "multipart/mixed", "boundary=gc0p4Jq0M2Yt08jU534c0p", ""},
    {R"(multipart/mixed; boundary="simple boundary")", "multipart/mixed", "boundary=simple boundary", ""},
    // RFC 2231 §3: continuations
    {"message/external-body; access-type=URL;\r\n URL*0=\"ftp://\";\r\n URL*1=\"cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar\"",
     "message/external-body", "access-type=URL; url=ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar", ""},
    // RFC 2231 §4: charset and language
    {"application/x-stuff;\r\n title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A", "application/x-stuff",
     "title*=us-ascii'en-us'This is ***fun***", ""},
    // RFC 2231 §4.1: continuations mixing extended and plain segments
    {"application/x-stuff\r\n title*0*=us-ascii'en'This%20is%20even%20more%20\r\n title*1*=%2A%2A%2Afun%2A%2A%2A%20\r\n title*2=\"isn't it!\"",
     "application/x-stuff", "title*=us-ascii'en'This is even more ***fun*** isn't it!", "missing_parameter_separator"},
    {"application/x-stuff; title*0*=us-ascii'en'This%20is%20even%20more%20; title*1*=%2A%2A%2Afun%2A%2A%2A%20; title*2=\"isn't it!\"",
     "application/x-stuff", "title*=us-ascii'en'This is even more ***fun*** isn't it!", ""},
    // Continuations out of order (RFC 2231 §3 allows any order)
    {R"(application/pdf; name*2="c.pdf"; name*0="a"; name*1="b")", "application/pdf", "name=abc.pdf", ""},
    // Plain segment may not be %-decoded; only `*` segments are
    {R"(application/pdf; name*0*=utf-8''%C3%A9t%C3%A9; name*1="%20.pdf")", "application/pdf",
     "name*=utf-8''\xC3\xA9t\xC3\xA9%20.pdf", ""},
    // Gap: join what exists in numeric order
    {R"(application/pdf; name*0="a"; name*2="c")", "application/pdf", "name=ac", "missing_parameter_section"},
    // Gap at the start
    {R"(application/pdf; name*1="b"; name*2="c")", "application/pdf", "name=bc", "missing_parameter_section"},
    // Duplicated section: the first wins
    {R"(application/pdf; name*0="a"; name*0="x"; name*1="b")", "application/pdf", "name=ab", "duplicate_parameter_section"},
    // filename* wins over filename, whichever comes first
    {R"(application/pdf; name="fallback.pdf"; name*=utf-8''%E2%82%AC.pdf)", "application/pdf",
     "name*=utf-8''\xE2\x82\xAC.pdf", ""},
    {R"(application/pdf; name*=utf-8''%E2%82%AC.pdf; name="fallback.pdf")", "application/pdf",
     "name*=utf-8''\xE2\x82\xAC.pdf", ""},
    // Extended value without charset'lang' (Python: defect, value kept)
    {R"(application/pdf; name*=a%20b.pdf)", "application/pdf", "name*=''a b.pdf", "missing_rfc2231_charset"},
    // Invalid %-escape stays literal
    {R"(application/pdf; name*=utf-8''100%.pdf)", "application/pdf", "name*=utf-8''100%.pdf", "invalid_percent_encoding"},
    // Quoted extended value (sent by some webmailers)
    {R"(application/pdf; name*="utf-8''a%20b.pdf")", "application/pdf", "name*=utf-8''a b.pdf", ""},
    // Trailing semicolon, empty parameters
    {"text/plain;", "text/plain", "", ""},
    {"text/plain;; ;charset=utf-8;", "text/plain", "charset=utf-8", ""},
    // Missing semicolon before the first parameter
    {"text/plain charset=iso-8859-1", "text/plain", "charset=iso-8859-1", "missing_parameter_separator"},
    // Missing semicolon between parameters
    {R"(text/plain; charset="utf-8" format=flowed)", "text/plain", "charset=utf-8; format=flowed", "missing_parameter_separator"},
    // Unquoted boundary with "=" (common from Outlook and PHP mailers)
    {"multipart/mixed; boundary==_NextPart_000_0001=", "multipart/mixed", "boundary==_NextPart_000_0001=",
     "unquoted_parameter_value_with_specials"},
    {"multipart/mixed; boundary=unquoted=value", "multipart/mixed", "boundary=unquoted=value",
     "unquoted_parameter_value_with_specials"},
    // Unquoted file name with spaces and parentheses
    {"application/octet-stream; name=my file (1).pdf", "application/octet-stream", "name=my file (1).pdf",
     "unquoted_parameter_value_with_specials"},
    // Unquoted value followed by the next parameter without ";"
    {"application/octet-stream; name=a.pdf size=12", "application/octet-stream", "name=a.pdf; size=12",
     "missing_parameter_separator"},
    // Duplicated parameter: first wins (Python's get_param behaves the same)
    {"text/plain; charset=us-ascii; charset=utf-8", "text/plain", "charset=us-ascii", "duplicate_parameter"},
    // Comments everywhere
    {"(c) text (c) / (c) plain (c) ; (c) charset (c) = (c) \"utf-8\" (c)", "text/plain", "charset=utf-8", ""},
    // Nested comment with quoted-pair
    {R"(text/plain (a (nested \) comment)); charset=utf-8)", "text/plain", "charset=utf-8", ""},
    // Folded body, tab after the line break
    {"multipart/alternative;\r\n\tboundary=\"----=_Part_0\"", "multipart/alternative", "boundary=----=_Part_0", ""},
    // Bare LF folding
    {"multipart/alternative;\n boundary=\"b\"", "multipart/alternative", "boundary=b", ""},
    // Whitespace around "/"
    {"text / html", "text/html", "", ""},
    // Quoted-pair in a quoted value
    {R"(text/plain; name="a \"quoted\" \\ name")", "text/plain", R"(name=a "quoted" \ name)", ""},
    // 8-bit bytes in a quoted value are kept as bytes
    {"text/plain; name=\"\xC3\xA9t\xC3\xA9.txt\"", "text/plain", "name=\xC3\xA9t\xC3\xA9.txt", ""},
    // Encoded-word in a quoted value is kept intact for the caller's RFC 2047 step
    {R"(image/png; name="=?UTF-8?B?w6l0w6kucG5n?=")", "image/png", "name==?UTF-8?B?w6l0w6kucG5n?=", ""},
    // Unterminated quoted value runs to the end
    {R"(text/plain; name="abc)", "text/plain", "name=abc", "unterminated_quoted_string"},
    // Parameter without value
    {"text/plain; format; charset=utf-8", "text/plain", "charset=utf-8", "parameter_without_value"},
    // Empty value
    {"text/plain; charset=", "text/plain", "charset=", "empty_parameter_value"},
    // Garbled or missing types: "" so that the caller defaults to text/plain, parameters kept
    {"", "", "", "missing_content_type"},
    {"text", "", "", "missing_subtype"},
    {"text; charset=utf-8", "", "charset=utf-8", "missing_subtype"},
    {"text/", "", "", "invalid_content_type"},
    {"text/plain/html; charset=utf-8", "", "charset=utf-8", "invalid_content_type"},
    {"charset=utf-8", "", "charset=utf-8", "missing_content_type"},
    {"; charset=utf-8", "", "charset=utf-8", "missing_content_type"},
    {"\"text/plain\"; charset=utf-8", "", "charset=utf-8", "missing_content_type"},
    {"text/pla\xC3\xADn", "", "", "invalid_content_type"},
    // Junk after the subtype is skipped up to the parameters
    {"text/html garbage; charset=utf-8", "text/html", "charset=utf-8", "junk_after_type"},
    // Junk after a quoted value
    {R"(text/plain; name="a"b; charset=x)", "text/plain", "name=a; charset=x", "junk_after_parameter_value"},
};

}  // namespace

TEST(ContentType, table_of_rfc_and_real_world_shapes_parses_as_expected) {
  for (const auto& c : kContentTypes) {
    SCOPED_TRACE(c.input);
    Diagnostics d;
    const auto ct = parse_content_type(c.input, &d);
    EXPECT_EQ(ct.mime_type(), c.mime_type);
    EXPECT_EQ(params_string(ct.params), c.params);
    EXPECT_EQ(codes(d), c.diags);
  }
}

TEST(ContentType, type_is_empty_whenever_subtype_is_empty) {
  for (const auto& c : kContentTypes) {
    const auto ct = parse_content_type(c.input);
    EXPECT_EQ(ct.type.empty(), ct.subtype.empty()) << c.input;
  }
}

TEST(ContentType, accessors_find_parameters_case_insensitively) {
  const auto ct = parse_content_type(R"(Multipart/Mixed; BOUNDARY="=_b"; Charset=utf-8)");
  EXPECT_TRUE(ct.is_multipart());
  EXPECT_FALSE(ct.is_message());
  EXPECT_EQ(ct.boundary(), "=_b");
  EXPECT_EQ(ct.charset(), "utf-8");
  ASSERT_NE(ct.param("Boundary"), nullptr);
  EXPECT_EQ(ct.param("boundary")->name, "boundary");
  EXPECT_EQ(ct.param("missing"), nullptr);
  EXPECT_EQ(ct.param_value("missing"), "");
}

TEST(ContentType, parameters_keep_order_of_first_appearance) {
  const auto ct = parse_content_type("text/plain; b=1; a*1=y; c=3; a*0=x");
  ASSERT_EQ(ct.params.size(), 3u);
  EXPECT_EQ(ct.params[0].name, "b");
  EXPECT_EQ(ct.params[1].name, "a");
  EXPECT_EQ(ct.params[1].value, "xy");
  EXPECT_EQ(ct.params[2].name, "c");
}

TEST(ContentType, plain_continuations_are_not_marked_extended) {
  const auto ct = parse_content_type(R"(text/plain; name*0="a%20"; name*1="b")");
  ASSERT_EQ(ct.params.size(), 1u);
  EXPECT_FALSE(ct.params[0].extended);
  EXPECT_EQ(ct.params[0].value, "a%20b");
}

TEST(ContentType, charset_and_language_come_only_from_section_zero) {
  Diagnostics d;
  const auto ct = parse_content_type("text/plain; t*0*=utf-8'de'%41; t*1*=x'y'%42", &d);
  ASSERT_EQ(ct.params.size(), 1u);
  EXPECT_EQ(ct.params[0].charset, "utf-8");
  EXPECT_EQ(ct.params[0].language, "de");
  EXPECT_EQ(ct.params[0].value, "Ax'y'B");
  EXPECT_TRUE(d.empty());
}

TEST(ContentType, diagnostic_offset_points_into_the_field_body) {
  Diagnostics d;
  (void)parse_content_type("text/plain; charset=a; charset=b", &d);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, "duplicate_parameter");
  EXPECT_EQ(d[0].offset, 23u);
  EXPECT_EQ(d[0].severity, mimetool::Severity::warning);
}

TEST(ContentType, huge_section_number_is_bounded_and_reported) {
  Diagnostics d;
  const auto ct = parse_content_type("text/plain; a*0=x; a*99999999999999999999=y", &d);
  ASSERT_EQ(ct.params.size(), 1u);
  EXPECT_EQ(ct.params[0].value, "xy");
  ASSERT_FALSE(d.empty());
  EXPECT_EQ(d[0].code, "invalid_parameter_section");
}

TEST(ContentType, ten_thousand_continuations_in_reverse_order_reassemble) {
  std::string body = "application/octet-stream";
  std::string expected;
  for (int i = 9999; i >= 0; --i) body += "; name*" + std::to_string(i) + "=\"" + std::to_string(i % 10) + "\"";
  for (int i = 0; i < 10000; ++i) expected += std::to_string(i % 10);
  Diagnostics d;
  const auto ct = parse_content_type(body, &d);
  ASSERT_EQ(ct.params.size(), 1u);
  EXPECT_EQ(ct.params[0].value, expected);
  EXPECT_TRUE(d.empty());
}

TEST(ContentType, hundred_thousand_nested_parentheses_do_not_exhaust_the_stack) {
  const std::string body = "text/plain; charset=utf-8 " + std::string(100000, '(') + std::string(100000, ')');
  Diagnostics d;
  const auto ct = parse_content_type(body, &d);
  EXPECT_EQ(ct.mime_type(), "text/plain");
  EXPECT_EQ(ct.charset(), "utf-8");
  EXPECT_TRUE(d.empty());
}

TEST(ContentType, unterminated_nested_comment_is_reported_once) {
  Diagnostics d;
  const auto ct = parse_content_type("text/plain " + std::string(100000, '('), &d);
  EXPECT_EQ(ct.mime_type(), "text/plain");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, "unterminated_comment");
}

TEST(ContentType, many_unquoted_words_stay_linear) {
  // Each space triggers a lookahead; the scan must jump past what it examined.
  std::string body = "text/plain; name=";
  for (int i = 0; i < 50000; ++i) body += "a (b) ";
  body += "end";
  const auto ct = parse_content_type(body);
  EXPECT_EQ(ct.param_value("name").size(), 50000u * 6u + 3u);
}

TEST(ContentDisposition, attachment_with_filename_is_parsed) {
  Diagnostics d;
  const auto cd = parse_content_disposition("Attachment; filename=\"genome.jpeg\";\r\n modification-date=\"Wed, 12 Feb 1997 16:29:51 -0500\"", &d);
  EXPECT_EQ(cd.type, "attachment");
  EXPECT_TRUE(cd.is_attachment());
  EXPECT_FALSE(cd.is_inline());
  EXPECT_EQ(cd.filename(), "genome.jpeg");
  EXPECT_EQ(cd.param_value("modification-date"), "Wed, 12 Feb 1997 16:29:51 -0500");
  EXPECT_TRUE(d.empty());
}

TEST(ContentDisposition, rfc2231_filename_wins_over_plain_filename) {
  Diagnostics d;
  const auto cd = parse_content_disposition(
      "attachment; filename=\"=?UTF-8?Q?=E2=82=AC.txt?=\"; filename*=UTF-8''%E2%82%AC.txt", &d);
  ASSERT_NE(cd.param("filename"), nullptr);
  EXPECT_TRUE(cd.param("filename")->extended);
  EXPECT_EQ(cd.param("filename")->charset, "UTF-8");
  EXPECT_EQ(cd.filename(), "\xE2\x82\xAC.txt");
  EXPECT_EQ(cd.params.size(), 1u);
  EXPECT_TRUE(d.empty());
}

TEST(ContentDisposition, inline_type_is_lower_cased) {
  const auto cd = parse_content_disposition("INLINE");
  EXPECT_EQ(cd.type, "inline");
  EXPECT_TRUE(cd.is_inline());
  EXPECT_TRUE(cd.params.empty());
}

TEST(ContentDisposition, missing_type_keeps_parameters_when_body_starts_with_parameter) {
  Diagnostics d;
  const auto cd = parse_content_disposition("filename=\"a.txt\"", &d);
  EXPECT_EQ(cd.type, "");
  EXPECT_EQ(cd.filename(), "a.txt");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, "missing_disposition_type");
}

TEST(ContentDisposition, missing_semicolon_after_type_is_reported) {
  Diagnostics d;
  const auto cd = parse_content_disposition("attachment filename=a.txt", &d);
  EXPECT_EQ(cd.type, "attachment");
  EXPECT_EQ(cd.filename(), "a.txt");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, "missing_parameter_separator");
}

TEST(ContentDisposition, folded_rfc2231_continuations_of_a_long_filename_join) {
  const auto cd = parse_content_disposition(
      "attachment;\r\n filename*0*=utf-8''%D0%94%D0%BE%D0%BA%D1%83%D0%BC%D0%B5%D0%BD%D1%82;\r\n"
      " filename*1*=%20%E2%84%961.docx");
  EXPECT_EQ(cd.filename(), "\xD0\x94\xD0\xBE\xD0\xBA\xD1\x83\xD0\xBC\xD0\xB5\xD0\xBD\xD1\x82 \xE2\x84\x96" "1.docx");
  EXPECT_EQ(cd.param("filename")->charset, "utf-8");
}

TEST(Parameters, bare_list_without_leading_semicolon_parses) {
  Diagnostics d;
  const auto ps = mimetool::parse_parameters("a=1; b=\"2\"", &d);
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_EQ(ps[0].value, "1");
  EXPECT_EQ(ps[1].value, "2");
  EXPECT_TRUE(d.empty());
}
