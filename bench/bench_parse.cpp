// Parser throughput on the generated corpus (bench/gen_corpus.py), held in memory.
//
// For each corpus set the same bytes go through, in one run:
//   memchr   counting '\n' (the floor for any line-oriented scanner),
//   memcpy   into a preallocated buffer (the floor for touching every byte once),
//   structure  parse() only,
//   decode     parse() + transfer-decoding every leaf,
//   utf8       parse() + decoding + text parts to UTF-8,
// so the ratios between them come from one run on one machine. Every benchmark reports
// bytes/second over the raw message bytes (SetBytesProcessed) and messages/second.
//
// The corpus root comes from MIMETOOL_BENCH_CORPUS; without it each benchmark is skipped with an
// error saying how to make one.

#include <benchmark/benchmark.h>

#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "corpus.hpp"
#include "work.hpp"

namespace {

using mimetool::bench::CorpusSet;
using mimetool::bench::Mode;

// Each set is loaded on first use and kept: loading is not part of any timing.
const CorpusSet& corpus(const std::string& name) {
  static std::map<std::string, CorpusSet> cache;
  auto it = cache.find(name);
  if (it == cache.end()) it = cache.emplace(name, mimetool::bench::load_set(name)).first;
  return it->second;
}

bool ready(benchmark::State& state, const CorpusSet& set) {
  if (!set.error.empty()) {
    state.SkipWithError(set.error.c_str());
    return false;
  }
  return true;
}

void account(benchmark::State& state, const CorpusSet& set) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(set.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(set.messages.size()));
  state.counters["corpus_MB"] = static_cast<double>(set.bytes) / 1e6;
}

void bm_memchr(benchmark::State& state, const std::string& name) {
  const CorpusSet& set = corpus(name);
  if (!ready(state, set)) return;
  for (auto _ : state) {
    std::size_t lines = 0;
    for (const auto& m : set.messages) {
      const char* p = m.data();
      const char* end = p + m.size();
      while (const void* hit = std::memchr(p, '\n', static_cast<std::size_t>(end - p))) {
        ++lines;
        p = static_cast<const char*>(hit) + 1;
      }
    }
    benchmark::DoNotOptimize(lines);
  }
  account(state, set);
}

void bm_memcpy(benchmark::State& state, const std::string& name) {
  const CorpusSet& set = corpus(name);
  if (!ready(state, set)) return;
  std::string dst(set.bytes, '\0');  // written once before timing so its pages are mapped
  for (auto _ : state) {
    char* out = dst.data();
    for (const auto& m : set.messages) {
      std::memcpy(out, m.data(), m.size());
      out += m.size();
    }
    benchmark::DoNotOptimize(dst.data());
    benchmark::ClobberMemory();
  }
  account(state, set);
}

void bm_parse(benchmark::State& state, const std::string& name, Mode mode) {
  const CorpusSet& set = corpus(name);
  if (!ready(state, set)) return;
  mimetool::bench::Tally t;
  for (auto _ : state) {
    for (const auto& m : set.messages) mimetool::bench::run_one(m, mode, t);
    benchmark::DoNotOptimize(t);
  }
  account(state, set);
  const double iters = static_cast<double>(state.iterations());
  state.counters["entities"] = static_cast<double>(t.entities) / iters;
  if (mode != Mode::structure) state.counters["decoded_MB"] = static_cast<double>(t.decoded) / iters / 1e6;
}

// Registered at start-up in a fixed order, so each set's floors print next to its parses.
[[maybe_unused]] const bool registered = [] {
  // small: 20,000 everyday messages; headers: header-heavy; big: base64 attachments; qp: one
  // quoted-printable text body.
  for (const std::string name : {"small", "headers", "big", "qp"}) {
    benchmark::RegisterBenchmark(("memchr_newlines/" + name).c_str(), bm_memchr, name)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("memcpy/" + name).c_str(), bm_memcpy, name)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("parse_structure/" + name).c_str(), bm_parse, name, Mode::structure)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("parse_decode/" + name).c_str(), bm_parse, name, Mode::decode)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("parse_decode_utf8/" + name).c_str(), bm_parse, name, Mode::utf8)
        ->Unit(benchmark::kMillisecond);
  }
  return true;
}();

}  // namespace
