// A consumer of the installed library through its C++ headers: prints the subject and the entity
// tree of the message named on the command line. Its output is compared with expected.txt.

#include <iostream>
#include <string>

#include <mimetool/mimetool.hpp>  // the umbrella: every installed header must compile here

int main(int argc, char** argv) {
  if (argc != 2) return 64;
  auto source = mimetool::Source::from_file(argv[1]);
  if (!source) {
    std::cerr << source.error().message << "\n";
    return 66;
  }
  const mimetool::Message message = mimetool::parse(*source);
  if (const auto* subject = message.root().header("Subject")) std::cout << "subject: " << subject->value() << "\n";
  message.walk([](const mimetool::Entity& e, const std::string& path) {
    std::cout << "part " << (path.empty() ? "-" : path) << " " << e.media_type() << "\n";
  });
  std::cout << "diagnostics: " << message.diagnostics().size() << "\n";
  return 0;
}
