// list_structure: prints a message's entity tree, one line per entity, with its IMAP section path,
// media type and the size of its (still encoded) body, then the parser's diagnostics.
//
//   list_structure MESSAGE.eml
//
// Exit status: 0 (even when the message is malformed: that is what diagnostics are for),
// 64 on bad usage, 66 when the file cannot be opened.

#include <iostream>
#include <string>

#include "mimetool/message.hpp"
#include "mimetool/source.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: list_structure MESSAGE.eml\n";
    return 64;
  }
  auto source = mimetool::Source::from_file(argv[1]);
  if (!source) {
    std::cerr << "list_structure: " << source.error().message << "\n";
    return 66;
  }
  const mimetool::Message message = mimetool::parse(*source);

  if (const mimetool::HeaderField* subject = message.root().header("Subject"))
    std::cout << "Subject: " << subject->value() << "\n";
  message.walk([](const mimetool::Entity& e, const std::string& path) {
    std::cout << std::string(2 * e.depth(), ' ') << (path.empty() ? "(root)" : path) << "  " << e.media_type();
    if (!e.is_multipart() && !e.is_message()) std::cout << "  " << e.raw_body().size() << " bytes";
    std::cout << "\n";
  });
  for (const mimetool::Diagnostic& d : message.diagnostics())
    std::cout << (d.severity == mimetool::Severity::critical ? "critical" : "warning") << " " << d.code << " at "
              << d.offset << " in part '" << d.path << "': " << d.detail << "\n";
  std::cout << message.diagnostics().size() << " diagnostic(s)\n";
  return 0;
}
