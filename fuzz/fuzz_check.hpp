#pragma once
// Shared helpers for the fuzz targets. A broken property aborts with a message, which libFuzzer
// reports as a crash and the plain replay driver (replay_main.cpp) as a failed ctest test.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#define FUZZ_CHECK(cond)                                                                  \
  do {                                                                                    \
    if (!(cond)) ::mimetool::fuzz::fail(#cond, __FILE__, __LINE__);                       \
  } while (0)

namespace mimetool::fuzz {

[[noreturn]] inline void fail(const char* what, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: property violated: %s\n", file, line, what);
  std::abort();
}

/// Consumes the input front to back: small integers for choices, then the rest as data.
class Input {
 public:
  Input(const std::uint8_t* data, std::size_t size) : p_(reinterpret_cast<const char*>(data)), n_(size) {}
  /// One byte (0 when the input is exhausted).
  unsigned byte() {
    if (n_ == 0) return 0;
    --n_;
    return static_cast<unsigned char>(*p_++);
  }
  /// Up to `len` bytes.
  std::string_view bytes(std::size_t len) {
    if (len > n_) len = n_;
    std::string_view r(p_, len);
    p_ += len;
    n_ -= len;
    return r;
  }
  /// Everything left.
  std::string_view rest() { return bytes(n_); }
  std::size_t size() const { return n_; }

 private:
  const char* p_;
  std::size_t n_;
};

/// Reference UTF-8 validator (RFC 3629 §4), written independently of the library's fast one.
inline bool reference_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len;
    std::uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

}  // namespace mimetool::fuzz
