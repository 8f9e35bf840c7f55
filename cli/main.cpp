#include <iostream>

#include "mimetool/version.hpp"

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "--version") {
    std::cout << "mimetool " << MIMETOOL_VERSION_STRING << "\n";
    return 0;
  }
  std::cerr << "usage: mimetool --version\n";
  return 64;
}
