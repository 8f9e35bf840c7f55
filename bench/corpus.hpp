#pragma once
// Loading the benchmark corpus (written by bench/gen_corpus.py) into memory, shared by the
// Google Benchmark suite and the in-process comparison driver. Benchmarks time only work on
// bytes already in memory, so file-system noise stays out of the figures.

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

namespace mimetool::bench {

/// The files of one corpus set, each read whole.
struct CorpusSet {
  std::vector<std::string> messages;
  std::size_t bytes = 0;
  std::string error;  ///< why nothing was loaded ("" when loaded)
};

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary | std::ios::ate);
  std::string data(static_cast<std::size_t>(std::max<std::streamoff>(0, in.tellg())), '\0');
  in.seekg(0);
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  data.resize(static_cast<std::size_t>(in.gcount()));
  return data;
}

/// Appends `path` (a file) or the regular files directly inside it (a directory), sorted by name.
inline void load_path(const std::filesystem::path& path, CorpusSet& set) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_directory(path, ec)) {
    for (const auto& d : std::filesystem::directory_iterator(path, ec))
      if (d.is_regular_file()) files.push_back(d.path());
    std::sort(files.begin(), files.end());
  } else if (std::filesystem::is_regular_file(path, ec)) {
    files.push_back(path);
  } else {
    set.error = path.string() + ": no such file or directory";
    return;
  }
  for (const auto& f : files) {
    set.messages.push_back(read_file(f));
    set.bytes += set.messages.back().size();
  }
}

/// The corpus root from MIMETOOL_BENCH_CORPUS, or "" when the variable is unset or empty.
inline std::string corpus_root() {
  const char* v = std::getenv("MIMETOOL_BENCH_CORPUS");
  return v ? std::string(v) : std::string();
}

/// Loads `name` ("small", "headers", "big", "qp") below the corpus root, with a message that says
/// how to make the corpus when it is missing.
inline CorpusSet load_set(const std::string& name) {
  CorpusSet set;
  const std::string root = corpus_root();
  if (root.empty()) {
    set.error = "MIMETOOL_BENCH_CORPUS is not set: generate a corpus with "
                "'bench/gen_corpus.py DIR [--scale F]' and export MIMETOOL_BENCH_CORPUS=DIR";
    return set;
  }
  const std::filesystem::path dir = std::filesystem::path(root) / name;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    set.error = "MIMETOOL_BENCH_CORPUS=" + root + " has no '" + name +
                "' folder: generate it with 'bench/gen_corpus.py " + root + "'";
    return set;
  }
  load_path(dir, set);
  if (set.error.empty() && set.messages.empty()) set.error = dir.string() + " is empty";
  return set;
}

}  // namespace mimetool::bench
