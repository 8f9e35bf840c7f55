// Differential test: for every corpus and testdata message, the tree's shape (section paths and
// media types in pre-order) matches what Python's email package sees. Known and justified
// disagreements are listed below with the reason; anything else fails.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "mimetool/message.hpp"
#include "support/support.hpp"

using namespace mimetool;

namespace {

struct Disagreement {
  const char* file_suffix;
  const char* reason;
};

// Each entry: a file (path suffix) where our tree differs from Python's on purpose.
const Disagreement kKnown[] = {
    {"\x01never-a-file", "sentinel so the table is never empty"},
#include "corpus/python_disagreements.inc"
};

std::string our_shape(const std::filesystem::path& f) {
  auto src = Source::from_file(f);
  if (!src) return "ERROR:" + src.error().message;
  Message m = parse(*src);
  std::string out;
  m.walk([&](const Entity& e, const std::string& p) {
    if (!out.empty()) out.push_back(' ');
    out += p + "=" + e.media_type();
  });
  return out;
}

// How often each normalization rule of py_shapes.py was applied to Python's view.
std::map<std::string, int> rule_counts;

std::map<std::string, std::string> python_shapes(const std::vector<std::filesystem::path>& files) {
  const auto list = std::filesystem::temp_directory_path() / ("mimetool-pyshapes-" + std::to_string(::getpid()));
  {
    std::ofstream o(list);
    for (const auto& f : files) o << f.string() << "\n";
  }
  const std::string cmd = "python3 " + (std::filesystem::path(MIMETOOL_SOURCE_DIR) / "tests/tools/py_shapes.py").string() +
                          " < " + list.string();
  std::map<std::string, std::string> out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return out;
  std::string line;
  char buf[65536];
  while (std::fgets(buf, sizeof buf, p)) {
    line += buf;
    if (line.empty() || line.back() != '\n') continue;
    line.pop_back();
    const auto tab = line.find('\t');
    const auto tab2 = line.find('\t', tab + 1);
    if (tab != std::string::npos && tab2 != std::string::npos) {
      out[line.substr(0, tab)] = line.substr(tab + 1, tab2 - tab - 1);
      std::string rules = line.substr(tab2 + 1);
      for (std::size_t b = 0; b < rules.size();) {
        std::size_t e = rules.find(',', b);
        if (e == std::string::npos) e = rules.size();
        ++rule_counts[rules.substr(b, e - b)];
        b = e + 1;
      }
    }
    line.clear();
  }
  ::pclose(p);
  std::filesystem::remove(list);
  return out;
}

const Disagreement* known(const std::string& file) {
  for (const auto& d : kKnown) {
    const std::string_view s = d.file_suffix;
    if (file.size() >= s.size() && file.compare(file.size() - s.size(), s.size(), s) == 0) return &d;
  }
  return nullptr;
}

void compare_with_python(const std::vector<std::filesystem::path>& files) {
  const auto py = python_shapes(files);
  ASSERT_EQ(py.size(), files.size()) << "python3 did not answer for every file (is python3 installed?)";
  std::size_t agree = 0, listed = 0;
  for (const auto& f : files) {
    const std::string ours = our_shape(f);
    const auto it = py.find(f.string());
    ASSERT_NE(it, py.end()) << f;
    const Disagreement* k = known(f.string());
    if (ours == it->second) {
      ++agree;
      EXPECT_EQ(k, nullptr) << f << " is listed as a known disagreement but now agrees: remove it from the list";
    } else if (k) {
      ++listed;
    } else {
      ADD_FAILURE() << f << "\n  ours:   " << ours << "\n  python: " << it->second;
    }
  }
  std::cout << "[ differential ] " << agree << " agree with Python's email, " << listed
            << " listed disagreements, of " << files.size() << " files\n";
  for (const auto& [rule, n] : rule_counts)
    std::cout << "[ differential ] rule " << rule << " (see tests/tools/py_shapes.py) applied to " << n << " files\n";
  rule_counts.clear();
}

}  // namespace

TEST(Differential, corpus_tree_shapes_match_python_email) {
  const auto files = test::corpus_messages();
  if (files.empty()) GTEST_SKIP() << "shared corpus absent at " << test::corpus_dir();
  compare_with_python(files);
}

TEST(Differential, testdata_tree_shapes_match_python_email) {
  const auto files = test::testdata_messages();
  ASSERT_FALSE(files.empty());
  compare_with_python(files);
}
