// extract_attachments: writes every attachment of a message into a folder, under its decoded
// filename, and prints one line per file written.
//
//   extract_attachments MESSAGE.eml OUTPUT_DIR
//
// The filename comes from Content-Disposition (else the Content-Type name parameter), with
// RFC 2231 and RFC 2047 decoded to UTF-8 and normalised to NFC. It is only a hint from the sender:
// this program keeps its last path component, replaces control characters, and never writes
// outside OUTPUT_DIR. Bodies are decoded in 64 KiB chunks with a streaming TransferDecoder, so a
// large attachment is never held whole in memory next to its encoded form.
// Exit status: 0 (decoding problems are reported as warnings), 64 on bad usage, 66 when the
// message cannot be opened, 73 when a file cannot be written.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include "mimetool/charset.hpp"
#include "mimetool/codec.hpp"
#include "mimetool/fields.hpp"
#include "mimetool/header_codec.hpp"
#include "mimetool/message.hpp"
#include "mimetool/source.hpp"

namespace fs = std::filesystem;

namespace {

// The sender's filename for a part, decoded, or nullopt when the part names none.
std::optional<std::string> filename(const mimetool::Entity& e) {
  const mimetool::HeaderField* ct_field = e.header("Content-Type");
  const mimetool::ContentType ct =
      ct_field ? mimetool::parse_content_type(ct_field->raw_value()) : mimetool::ContentType{};
  const std::string charset(ct.charset());  // the best guess for raw 8-bit bytes in the name
  const mimetool::Parameter* p = nullptr;
  mimetool::ContentDisposition cd;
  if (const mimetool::HeaderField* f = e.header("Content-Disposition")) {
    cd = mimetool::parse_content_disposition(f->raw_value());
    p = cd.param("filename");
  }
  if (!p || p->value.empty()) p = ct.param("name");
  if (!p || p->value.empty()) return std::nullopt;
  return mimetool::normalize_nfc(mimetool::decode_parameter(*p, charset));
}

// A name that stays inside the output folder: the last path component of the sender's name,
// without control characters, and never "", "." or "..".
std::string safe_name(const std::string& suggested, const std::string& path) {
  const std::size_t slash = suggested.find_last_of("/\\");
  std::string name = slash == std::string::npos ? suggested : suggested.substr(slash + 1);
  for (char& c : name)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '_';
  if (name.empty() || name == "." || name == "..") name = "part-" + path + ".bin";
  return name;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: extract_attachments MESSAGE.eml OUTPUT_DIR\n";
    return 64;
  }
  auto source = mimetool::Source::from_file(argv[1]);
  if (!source) {
    std::cerr << "extract_attachments: " << source.error().message << "\n";
    return 66;
  }
  const mimetool::Message message = mimetool::parse(*source);
  const fs::path out_dir = argv[2];
  std::error_code ec;
  fs::create_directories(out_dir, ec);

  int status = 0;
  message.walk([&](const mimetool::Entity& e, const std::string& path) {
    if (status != 0 || e.is_multipart() || e.is_message()) return;
    const std::optional<std::string> name = filename(e);
    if (!name) return;  // not an attachment: it names no file

    const mimetool::HeaderField* cte = e.header("Content-Transfer-Encoding");
    mimetool::TransferDecoder decoder(mimetool::parse_transfer_encoding(cte ? cte->raw_value() : ""));
    const fs::path target = out_dir / safe_name(*name, path);
    std::ofstream out(target, std::ios::binary);
    std::size_t size = 0;
    std::string chunk;
    auto flush = [&] {
      out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      size += chunk.size();
      chunk.clear();
    };
    const std::string_view body = e.raw_body();
    for (std::size_t at = 0; at < body.size(); at += 64 * 1024) {
      decoder.feed(body.substr(at, 64 * 1024), chunk);
      flush();
    }
    decoder.finish(chunk);
    flush();
    if (!out.flush()) {
      std::cerr << "extract_attachments: cannot write " << target << "\n";
      status = 73;
      return;
    }
    if (decoder.report().invalid)
      std::cerr << "extract_attachments: warning: part " << path << ": invalid encoded input at offset "
                << decoder.report().first_invalid << "\n";
    std::cout << path << " " << e.media_type() << " " << size << " bytes -> " << target.filename().string()
              << "\n";
  });
  return status;
}
