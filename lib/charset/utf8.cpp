// UTF-8 validation and repair (RFC 3629 §4 grammar; replacement per Unicode §3.9 "maximal subpart").

#include <cstring>

#include "charset/charset_internal.hpp"
#include "mimetool/charset.hpp"

namespace mimetool::detail {

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  const unsigned c = p[i];
  if (c < 0x80) return 1;
  auto cont = [&](std::size_t k) { return i + k < n && (p[i + k] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (i + 1 >= n) return 0;
    const unsigned c1 = p[i + 1];
    // RFC 3629 §4: E0 needs A0..BF (no overlongs), ED needs 80..9F (no surrogates).
    const unsigned lo = c == 0xE0 ? 0xA0 : 0x80;
    const unsigned hi = c == 0xED ? 0x9F : 0xBF;
    if (c1 < lo || c1 > hi) return 0;
    return cont(2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (i + 1 >= n) return 0;
    const unsigned c1 = p[i + 1];
    // F0 needs 90..BF (no overlongs), F4 needs 80..8F (nothing above U+10FFFF).
    const unsigned lo = c == 0xF0 ? 0x90 : 0x80;
    const unsigned hi = c == 0xF4 ? 0x8F : 0xBF;
    if (c1 < lo || c1 > hi) return 0;
    return cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

std::string repair_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t len = utf8_sequence_length(s, i);
    if (len) {
      out.append(s.data() + i, len);
      i += len;
      continue;
    }
    // Maximal subpart: skip the lead byte plus the continuation bytes that were still valid for it,
    // so "\xE2\x82" becomes one U+FFFD and "\xC0\x80" becomes two (C0 is never a valid lead).
    std::size_t skip = 1;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xE0 && c <= 0xF4) {
      const std::size_t want = c >= 0xF0 ? 4 : 3;
      const unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
      const unsigned hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
      if (i + 1 < s.size()) {
        const auto c1 = static_cast<unsigned char>(s[i + 1]);
        if (c1 >= lo && c1 <= hi) {
          skip = 2;
          while (skip < want && i + skip < s.size() && (static_cast<unsigned char>(s[i + skip]) & 0xC0) == 0x80)
            ++skip;
        }
      }
    }
    out += "\xEF\xBF\xBD";
    i += skip;
  }
  return out;
}

}  // namespace mimetool::detail

namespace mimetool {

bool is_valid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    // Mail text is mostly ASCII: test eight bytes at once for the high bit.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = detail::utf8_sequence_length(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

}  // namespace mimetool
