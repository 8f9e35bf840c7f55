#pragma once
// Helpers shared by the codec tests: seeded random data, chunked feeding of the streaming codecs.

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "codec/transfer_detail.hpp"
#include "mimetool/codec.hpp"

/// Skips a test that compares the AVX2 loops with the portable ones on a CPU that has only the
/// latter.
#define REQUIRE_AVX2()                     \
  if (!mimetool::detail::avx2_supported()) \
  GTEST_SKIP() << "CPU without AVX2: only the portable loops exist"

namespace mimetool::test {

/// `n` random bytes (all 256 values) from `seed`.
inline std::string random_bytes(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(byte(rng));
  return s;
}

/// `n` bytes of text-like data: words, spaces and tabs (also before line breaks), LF or CRLF line
/// breaks, some UTF-8, '=', '.', "From " at line starts.
inline std::string random_text(std::size_t n, std::uint32_t seed, bool crlf) {
  static const char* const pieces[] = {"From ", ".", "=", " ", "\t", "word", "caf\xC3\xA9", "x=3D", "  ",
                                       "long-word-without-breaks-", "\xE2\x80\x94", "a", "Z", "0"};
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
  std::uniform_int_distribution<int> brk(0, 9);
  std::string s;
  while (s.size() < n) {
    if (brk(rng) == 0) {
      s += crlf ? "\r\n" : "\n";
    } else {
      s += pieces[pick(rng)];
    }
  }
  s.resize(n);
  if (crlf && !s.empty() && s.back() == '\r') s.back() = 'x';  // keep every line break a full CRLF
  return s;
}

/// Split points: every byte (step 1), or random sizes 1..max from `seed`.
inline std::vector<std::string_view> split(std::string_view s, std::size_t step, std::uint32_t seed = 0,
                                           std::size_t max = 0) {
  std::vector<std::string_view> parts;
  std::mt19937 rng(seed);
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t len = step;
    if (max) len = std::uniform_int_distribution<std::size_t>(1, max)(rng);
    len = std::min(len, s.size() - i);
    parts.push_back(s.substr(i, len));
    i += len;
  }
  return parts;
}

/// Decodes through TransferDecoder fed with `parts`.
inline std::string stream_decode(TransferEncoding enc, const std::vector<std::string_view>& parts,
                                 DecodeReport* report = nullptr) {
  TransferDecoder dec(enc);
  std::string out;
  for (auto p : parts) dec.feed(p, out);
  dec.finish(out);
  if (report) *report = dec.report();
  return out;
}

/// Encodes through TransferEncoder fed with `parts`.
inline std::string stream_encode(TransferEncoding enc, const EncodeOptions& options,
                                 const std::vector<std::string_view>& parts) {
  TransferEncoder encoder(enc, options);
  std::string out;
  for (auto p : parts) encoder.feed(p, out);
  encoder.finish(out);
  return out;
}

}  // namespace mimetool::test
