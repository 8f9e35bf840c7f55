// MessageBuilder: the shape it settles on, the header fields it writes, and its errors. Built
// messages are read back with our own parser.

#include <gtest/gtest.h>

#include "mimetool/build.hpp"
#include "mimetool/fields.hpp"
#include "mimetool/message.hpp"

namespace {

using namespace mimetool;

// The tree as "type(child,child)" from our parser.
std::string shape(const Entity& e) {
  std::string s = e.media_type();
  if (!e.children().empty()) {
    s += "(";
    for (std::size_t i = 0; i < e.children().size(); ++i) {
      if (i) s += ",";
      s += shape(*e.children()[i]);
    }
    s += ")";
  }
  return s;
}

MessageBuilder base() {
  MessageBuilder b;
  b.from("Ann <ann@example.org>").to("bob@example.org").subject("Hi").date("Tue, 1 Oct 2024 10:00:00 +0200")
      .message_id("<id-1@example.org>").seed(7);
  return b;
}

Message parsed(const MessageBuilder& b) {
  auto s = b.to_string();
  EXPECT_TRUE(s) << (s ? "" : s.error().message);
  return parse(Source::from_bytes(s ? *s : std::string()));
}

Part png() {
  auto p = Part::inline_data(std::string("\x89PNG\r\n\x1a\n", 8), "logo@example.org", "image/png", "logo.png");
  EXPECT_TRUE(p);
  return *p;
}

Part pdf() {
  auto p = Part::attachment(std::string("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n", 15), "report.pdf");
  EXPECT_TRUE(p);
  return *p;
}

TEST(MessageShape, text_alone_is_text_plain) {
  auto m = parsed(base().text("hello\n"));
  EXPECT_EQ(shape(m.root()), "text/plain");
  EXPECT_TRUE(m.diagnostics().empty());
}

TEST(MessageShape, text_and_html_are_alternative) {
  auto m = parsed(base().text("hello\n").html("<p>hello</p>\n"));
  EXPECT_EQ(shape(m.root()), "multipart/alternative(text/plain,text/html)");
}

TEST(MessageShape, inline_parts_are_related_to_the_html_inside_the_alternative) {
  auto m = parsed(base().text("hello\n").html("<img src=\"cid:logo@example.org\">\n").add_inline(png()));
  EXPECT_EQ(shape(m.root()), "multipart/alternative(text/plain,multipart/related(text/html,image/png))");
}

TEST(MessageShape, attachments_wrap_everything_in_mixed) {
  auto m = parsed(base().text("hello\n").html("<img src=\"cid:logo@example.org\">\n").add_inline(png()).attach(pdf()));
  EXPECT_EQ(shape(m.root()),
            "multipart/mixed(multipart/alternative(text/plain,multipart/related(text/html,image/png)),application/pdf)");
  EXPECT_TRUE(m.diagnostics().empty());
}

TEST(MessageShape, text_with_attachment_is_mixed) {
  auto m = parsed(base().text("see attached\n").attach(pdf()));
  EXPECT_EQ(shape(m.root()), "multipart/mixed(text/plain,application/pdf)");
}

TEST(MessageShape, html_alone_with_inline_part_is_related) {
  auto m = parsed(base().html("<img src=\"cid:logo@example.org\">\n").add_inline(png()));
  EXPECT_EQ(shape(m.root()), "multipart/related(text/html,image/png)");
  const HeaderField* ct = m.root().header("Content-Type");
  ASSERT_NE(ct, nullptr);
  EXPECT_EQ(parse_content_type(ct->value()).param_value("type"), "text/html");
}

TEST(MessageShape, inline_parts_without_html_follow_the_text_in_mixed) {
  auto m = parsed(base().text("hello\n").add_inline(png()));
  EXPECT_EQ(shape(m.root()), "multipart/mixed(text/plain,image/png)");
}

TEST(MessageShape, attached_message_is_encapsulated) {
  auto inner = base().subject("inner").text("inner body\n").build();
  ASSERT_TRUE(inner);
  auto m = parsed(base().text("forwarding\n").attach(Part::message(*inner)));
  EXPECT_EQ(shape(m.root()), "multipart/mixed(text/plain,message/rfc822(text/plain))");
}

TEST(MessageShape, explicit_body_tree_is_kept) {
  auto a = Part::text("a\n");
  auto b = Part::text("b\n");
  ASSERT_TRUE(a && b);
  auto inner = Part::multipart("parallel", {*a, *b});
  ASSERT_TRUE(inner);
  auto m = parsed(base().body(*inner).attach(pdf()));
  EXPECT_EQ(shape(m.root()), "multipart/mixed(multipart/parallel(text/plain,text/plain),application/pdf)");
}

TEST(MessageShape, explicit_body_with_text_is_an_error) {
  auto a = Part::text("a\n");
  ASSERT_TRUE(a);
  auto r = base().text("x\n").body(*a).build();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
}

TEST(MessageHeaders, mime_version_is_written_on_the_top_entity_only) {
  auto m = parsed(base().text("hello\n").attach(pdf()));
  EXPECT_NE(m.root().header("MIME-Version"), nullptr);
  for (const Entity* c : m.root().children()) EXPECT_EQ(c->header("MIME-Version"), nullptr);
}

TEST(MessageHeaders, bcc_is_kept_out_of_the_header_but_listed_as_recipient) {
  auto b = base().cc("carol@example.org").bcc("Secret <dave@example.org>").text("x\n");
  auto s = b.to_string();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->find("dave@example.org"), std::string::npos);
  EXPECT_EQ(s->find("Bcc"), std::string::npos);
  EXPECT_EQ(b.recipients(), (std::vector<std::string>{"bob@example.org", "carol@example.org", "dave@example.org"}));
}

TEST(MessageHeaders, date_and_message_id_are_generated_when_not_given) {
  MessageBuilder b;
  b.from("ann@example.org").to("bob@example.org").text("x\n");
  auto m = parsed(b);
  const HeaderField* date = m.root().header("Date");
  ASSERT_NE(date, nullptr);
  EXPECT_TRUE(parse_date(date->value()).has_value()) << date->value();
  const HeaderField* id = m.root().header("Message-ID");
  ASSERT_NE(id, nullptr);
  EXPECT_TRUE(id->value().ends_with("@example.org>")) << id->value();
  EXPECT_TRUE(id->value().starts_with("<"));
}

TEST(MessageHeaders, generated_message_id_is_reproducible_with_a_seed_and_differs_without) {
  auto make = [](std::optional<std::uint64_t> seed) {
    MessageBuilder b;
    b.from("ann@example.org").date("Tue, 1 Oct 2024 10:00:00 +0200").text("x\n").attach(pdf());
    if (seed) b.seed(*seed);
    return *b.to_string();
  };
  EXPECT_EQ(make(99), make(99));
  EXPECT_NE(make(99), make(100));
  EXPECT_NE(make(std::nullopt), make(std::nullopt));
}

TEST(MessageHeaders, date_is_rewritten_canonically) {
  auto m = parsed(base().date("1 Oct 2024 10:00 +0200").text("x\n"));
  EXPECT_EQ(m.root().header("Date")->value(), "Tue, 01 Oct 2024 10:00:00 +0200");
}

TEST(MessageHeaders, extra_fields_are_encoded_by_kind) {
  auto s = base().header("X-Mailer", "mimetool").header("Comments", "Grüße").header("In-Reply-To", "<a@b>").text("x\n").to_string();
  ASSERT_TRUE(s);
  EXPECT_NE(s->find("X-Mailer: mimetool\r\n"), std::string::npos);
  EXPECT_NE(s->find("Comments: =?utf-8?"), std::string::npos);
  EXPECT_NE(s->find("In-Reply-To: <a@b>\r\n"), std::string::npos);
}

TEST(MessageErrors, missing_from_is_an_error) {
  MessageBuilder b;
  b.to("bob@example.org").text("x\n");
  auto r = b.build();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
}

TEST(MessageErrors, first_error_is_kept) {
  MessageBuilder b;
  b.from("not an address").to("also bad").text("x\n");
  ASSERT_TRUE(b.error().has_value());
  EXPECT_NE(b.error()->message.find("From"), std::string::npos) << b.error()->message;
}

TEST(MessageErrors, header_with_line_break_is_refused) {
  auto b = base();
  b.header("X-Evil", "a\r\nBcc: victim@example.org");
  ASSERT_TRUE(b.error().has_value());
  EXPECT_EQ(b.error()->code, ErrorCode::invalid_argument);
}

TEST(MessageErrors, writer_owned_fields_are_refused) {
  for (const char* name : {"Content-Type", "MIME-Version", "content-transfer-encoding"}) {
    auto b = base();
    b.header(name, "x");
    EXPECT_TRUE(b.error().has_value()) << name;
  }
}

TEST(MessageErrors, malformed_date_and_message_id_are_refused) {
  EXPECT_TRUE(base().date("yesterday").error().has_value());
  EXPECT_TRUE(base().message_id("no at sign").error().has_value());
}

TEST(MessageErrors, missing_attachment_file_is_no_input) {
  auto b = base();
  b.attach_file("/nonexistent/file.pdf");
  ASSERT_TRUE(b.error().has_value());
  EXPECT_EQ(b.error()->code, ErrorCode::no_input);
}

TEST(PartTree, empty_multipart_cannot_be_written) {
  auto p = Part::multipart("mixed");
  ASSERT_TRUE(p);
  auto s = to_string(*p);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::invalid_argument);
}

TEST(PartTree, leaf_cannot_take_a_multipart_type) {
  EXPECT_FALSE(Part::data("x", "multipart/mixed"));
  EXPECT_FALSE(Part::data("x", "text"));
  auto p = Part::text("x");
  ASSERT_TRUE(p);
  EXPECT_FALSE(p->set_media_type("message/rfc822"));
  EXPECT_TRUE(p->set_media_type("text/x-custom"));
}

TEST(PartTree, boundary_parameter_is_reserved_for_the_writer) {
  auto p = Part::multipart("mixed");
  ASSERT_TRUE(p);
  EXPECT_FALSE(p->set_param("boundary", "x"));
}

}  // namespace
