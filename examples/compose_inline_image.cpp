// compose_inline_image: composes an HTML message showing an inline PNG, with a plain-text
// alternative and an attachment whose filename is not ASCII, writes it to a file, then parses the
// file back and prints its structure, checking that every part reads back as it was given.
//
//   compose_inline_image OUT.eml
//
// The date, the Message-ID and the seed of the boundary generator are fixed, so the file is the
// same on every run. MessageBuilder settles the shape mail clients use:
//
//   multipart/mixed
//     multipart/alternative
//       text/plain
//       multipart/related          the HTML and the image it shows (RFC 2387)
//         text/html                <img src="cid:chart@example.org">
//         image/png                Content-ID: <chart@example.org> (RFC 2392)
//     text/csv                     the attachment, its name written per RFC 2231
//
// Exit status: 0, 64 on bad usage, 65 when the message cannot be built, 73 when OUT cannot be
// written, 70 when it does not read back as built.

#include <iostream>
#include <optional>
#include <string>

#include "mimetool/build.hpp"
#include "mimetool/content.hpp"
#include "mimetool/message.hpp"
#include "mimetool/source.hpp"

namespace {

// A valid 1x1 PNG (one transparent pixel), small enough to write out here.
constexpr unsigned char chart_png[] = {
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0B, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0x60, 0x00, 0x02, 0x00,
    0x00, 0x05, 0x00, 0x01, 0xE9, 0xFA, 0xDC, 0xD8, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44,
    0xAE, 0x42, 0x60, 0x82};

const std::string png(reinterpret_cast<const char*>(chart_png), sizeof chart_png);
const std::string csv = "Monat;Umsatz\nJuli;1200\nAugust;1350\n";
const std::string csv_name = "Übersicht Q3 – 季度报告.csv";
const std::string text = "Hallo Bob,\n\nanbei die Übersicht für das dritte Quartal.\n\nAnn\n";
const std::string html =
    "<p>Hallo Bob,</p>\n"
    "<p>anbei die Übersicht für das dritte Quartal:</p>\n"
    "<p><img src=\"cid:chart@example.org\" alt=\"Umsatz\"></p>\n"
    "<p>Ann</p>\n";

// The text as read back: the writer sends line breaks as CRLF (RFC 2046 §4.1.1 canonical form).
std::string crlf(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: compose_inline_image OUT.eml\n";
    return 64;
  }

  auto image = mimetool::Part::inline_data(png, "chart@example.org", "image/png", "chart.png");
  auto attachment = mimetool::Part::attachment(csv, csv_name, "text/csv");
  if (!image || !attachment) {
    std::cerr << "compose_inline_image: " << (image ? attachment.error() : image.error()).message << "\n";
    return 65;
  }
  mimetool::MessageBuilder b;
  b.from("Ann Müller <ann@example.org>")
      .to("Bob <bob@example.net>")
      .subject("Übersicht Q3")
      .date("Tue, 01 Oct 2024 10:00:00 +0200")
      .message_id("q3-overview@example.org")
      .seed(2024)
      .text(text)
      .html(html)
      .add_inline(std::move(*image))
      .attach(std::move(*attachment));
  if (auto written = b.write_file(argv[1]); !written) {
    std::cerr << "compose_inline_image: " << written.error().message << "\n";
    return written.error().code == mimetool::ErrorCode::invalid_argument ? 65 : 73;
  }

  // Read the file back and check what a recipient's program will see.
  auto source = mimetool::Source::from_file(argv[1]);
  if (!source) {
    std::cerr << "compose_inline_image: " << source.error().message << "\n";
    return 70;
  }
  const mimetool::Message message = mimetool::parse(*source);
  bool ok = message.diagnostics().empty();
  message.walk([&](const mimetool::Entity& e, const std::string& path) {
    std::cout << std::string(2 * e.depth(), ' ') << (path.empty() ? "(root)" : path) << "  " << e.media_type();
    if (const std::optional<std::string> name = mimetool::filename(e)) std::cout << "  \"" << *name << "\"";
    if (!e.is_multipart() && !e.is_message()) std::cout << "  " << mimetool::decoded_body(e).size() << " bytes";
    std::cout << "\n";
  });
  auto text_of = [&](const char* path) {
    const mimetool::Entity* e = message.find(path);
    if (!e) return std::string();
    auto t = mimetool::text(*e);  // transfer-decoded, then converted from its charset to UTF-8
    return t ? t->text : std::string();
  };
  auto bytes_of = [&](const char* path) {
    const mimetool::Entity* e = message.find(path);
    return e ? mimetool::decoded_body(*e) : std::string();
  };
  ok = ok && message.root().media_type() == "multipart/mixed" && text_of("1.1") == crlf(text) &&
       text_of("1.2.1") == crlf(html) && bytes_of("1.2.2") == png && bytes_of("2") == csv &&
       message.find("2") && mimetool::filename(*message.find("2")) == csv_name;
  std::cout << (ok ? "read back: every part as built\n" : "read back: MISMATCH\n");
  return ok ? 0 : 70;
}
