// edit_subject: replaces a message's Subject and writes the result. Everything else is copied
// byte for byte: only the edited header block is rebuilt.
//
//   edit_subject IN.eml OUT.eml "New subject"
//
// The subject is written as given, so it must be printable ASCII here; non-ASCII text needs an
// RFC 2047 encoded-word. Exit status: 0, 64 on bad usage, 66 when IN cannot be opened, 73 when OUT
// cannot be written.

#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include "mimetool/message.hpp"
#include "mimetool/source.hpp"

namespace {

bool printable_ascii(std::string_view s) {
  for (char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 || !printable_ascii(argv[3])) {
    std::cerr << "usage: edit_subject IN.eml OUT.eml \"New subject\" (printable ASCII)\n";
    return 64;
  }
  auto source = mimetool::Source::from_file(argv[1]);
  if (!source) {
    std::cerr << "edit_subject: " << source.error().message << "\n";
    return 66;
  }
  mimetool::Message message = mimetool::parse(*source);
  // set_header writes "Subject: " followed by the body: one space after the colon, as RFC 5322
  // §3.6.5 shows it.
  message.root().set_header("Subject", argv[3]);

  const std::string bytes = mimetool::write(message);
  std::ofstream out(argv[2], std::ios::binary);
  if (!out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !out.flush()) {
    std::cerr << "edit_subject: cannot write " << argv[2] << "\n";
    return 73;
  }
  return 0;
}
