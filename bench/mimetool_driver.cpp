// In-process throughput driver for the comparison with GMime (bench/compare.sh runs it beside
// bench/gmime_driver.c, which has the same command line and output).
//
//   mimetool_driver MODE [--repeat N] PATH...
//
// MODE is structure, decode or utf8 (see work.hpp). Each PATH is a message file or a folder of
// them. All files are read into memory first; only the parsing (and decoding) is timed. Prints
// one line: tool, mode, files, bytes, entity/leaf counts, decoded bytes, wall and CPU seconds.

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "corpus.hpp"
#include "work.hpp"

namespace {

int usage() {
  std::fputs("usage: mimetool_driver structure|decode|utf8 [--repeat N] PATH...\n"
             "  Reads every PATH (a message file, or a folder of them) into memory, then times\n"
             "  parsing it (structure), also transfer-decoding every leaf (decode), and also\n"
             "  converting text parts to UTF-8 (utf8).\n",
             stderr);
  return 64;
}

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  using mimetool::bench::Mode;
  if (argc < 3) return usage();
  Mode mode;
  const std::string m = argv[1];
  if (m == "structure") mode = Mode::structure;
  else if (m == "decode") mode = Mode::decode;
  else if (m == "utf8") mode = Mode::utf8;
  else return usage();
  long repeat = 1;
  mimetool::bench::CorpusSet set;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
      repeat = std::strtol(argv[++i], nullptr, 10);
      if (repeat < 1) return usage();
      continue;
    }
    mimetool::bench::load_path(argv[i], set);
    if (!set.error.empty()) {
      std::fprintf(stderr, "mimetool_driver: %s\n", set.error.c_str());
      return 66;
    }
  }
  if (set.messages.empty()) return usage();

  mimetool::bench::Tally t;
  const double cpu0 = cpu_seconds();
  const auto t0 = std::chrono::steady_clock::now();
  for (long r = 0; r < repeat; ++r)
    for (const auto& msg : set.messages) mimetool::bench::run_one(msg, mode, t);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = cpu_seconds() - cpu0;
  const double bytes = static_cast<double>(set.bytes) * static_cast<double>(repeat);
  std::printf("tool=mimetool mode=%s files=%zu bytes=%.0f entities=%zu leaves=%zu decoded=%zu "
              "seconds=%.6f cpu_seconds=%.6f MBps=%.1f\n",
              m.c_str(), set.messages.size(), bytes, t.entities / static_cast<std::size_t>(repeat),
              t.leaves / static_cast<std::size_t>(repeat), t.decoded / static_cast<std::size_t>(repeat), wall, cpu,
              bytes / 1e6 / wall);
  return 0;
}
