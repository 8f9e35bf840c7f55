#include "support/support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace mimetool::test {

std::filesystem::path testdata_dir() { return MIMETOOL_TESTDATA_DIR; }

std::filesystem::path corpus_dir() {
  if (const char* env = std::getenv("MIMETOOL_CORPUS_DIR"); env && *env) return env;
  return MIMETOOL_CORPUS_DIR;
}

std::string read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << p;
    return {};
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::filesystem::path> corpus_messages() {
  std::vector<std::filesystem::path> out;
  std::ifstream index(corpus_dir() / "index.tsv");
  std::string line;
  bool first = true;
  while (std::getline(index, line)) {
    if (first) {
      first = false;
      continue;
    }
    std::istringstream row(line);
    std::string path, peer, role;
    std::getline(row, path, '\t');
    std::getline(row, peer, '\t');
    std::getline(row, role, '\t');
    if (role == "message" || role == "expected-message") out.push_back(corpus_dir() / path);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::filesystem::path> testdata_messages() {
  std::vector<std::filesystem::path> out;
  if (!std::filesystem::exists(testdata_dir())) return out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(testdata_dir()))
    if (e.is_regular_file() && e.path().extension() == ".eml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace mimetool::test
