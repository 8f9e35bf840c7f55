// extract_attachments: writes every attachment of a message into a folder, under its decoded
// filename, and prints one line per file written.
//
//   extract_attachments MESSAGE.eml OUTPUT_DIR
//
// mimetool::filename() gives the name from Content-Disposition (else the Content-Type name
// parameter), with RFC 2231 and RFC 2047 decoded to UTF-8 in NFC. It is only a hint from the
// sender: this program keeps its last path component, replaces control characters, and never
// writes outside OUTPUT_DIR. mimetool::decode_body_to() streams the transfer-decoded body in
// chunks, so a large attachment is never held whole in memory next to its encoded form.
// Exit status: 0 (decoding problems are reported as warnings), 64 on bad usage, 66 when the
// message cannot be opened, 73 when a file cannot be written.

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include "mimetool/content.hpp"
#include "mimetool/message.hpp"
#include "mimetool/source.hpp"

namespace fs = std::filesystem;

namespace {

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
    const std::optional<std::string> name = mimetool::filename(e);
    if (!name) return;  // not an attachment: it names no file
    const fs::path target = out_dir / safe_name(*name, path);
    std::ofstream out(target, std::ios::binary);
    std::size_t size = 0;
    mimetool::DecodeReport report;
    mimetool::decode_body_to(
        e,
        [&](std::string_view chunk) {
          out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
          size += chunk.size();
        },
        &report);
    if (!out.flush()) {
      std::cerr << "extract_attachments: cannot write " << target << "\n";
      status = 73;
      return;
    }
    if (report.invalid)
      std::cerr << "extract_attachments: warning: part " << path << ": invalid encoded input at offset "
                << report.first_invalid << "\n";
    std::cout << path << " " << e.media_type() << " " << size << " bytes -> "
              << target.filename().string() << "\n";
  });
  return status;
}
