// base64 (RFC 2045 §6.8, RFC 4648 §4): lenient decoder with a table-driven scalar loop and an AVX2
// loop for clean runs, and a table-driven encoder.
//
// Decoding is a resumable state machine (Base64State) so the streaming TransferDecoder and the
// one-shot decode_base64 run the same code. The fast loops only run at a quad boundary and only
// over characters that are all in the alphabet; anything else (line breaks, padding, garbage) goes
// through the one-character slow path, so both fast loops produce exactly what the slow path would.

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "codec/transfer_detail.hpp"
#include "mimetool/codec.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define MIMETOOL_HAVE_AVX2_PATH 1
#else
#define MIMETOOL_HAVE_AVX2_PATH 0
#endif

namespace mimetool {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> make_decode_table() {
  std::array<std::int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
  return t;
}
constexpr auto kDecode = make_decode_table();

// Quad tables: the value of a character already shifted into its place in the 24-bit group, or
// kBad. OR-ing the four lookups both assembles the group and detects any non-alphabet character.
constexpr std::uint32_t kBad = 0x80000000u;
constexpr std::array<std::uint32_t, 256> make_shifted_table(int shift) {
  std::array<std::uint32_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const int v = kDecode[static_cast<std::size_t>(c)];
    t[static_cast<std::size_t>(c)] = v < 0 ? kBad : static_cast<std::uint32_t>(v) << shift;
  }
  return t;
}
constexpr auto kD0 = make_shifted_table(18);
constexpr auto kD1 = make_shifted_table(12);
constexpr auto kD2 = make_shifted_table(6);
constexpr auto kD3 = make_shifted_table(0);

// Encoding table: 12 bits of input → two output characters.
constexpr std::array<char, 8192> make_pair_table() {
  std::array<char, 8192> t{};
  for (int v = 0; v < 4096; ++v) {
    t[static_cast<std::size_t>(2 * v)] = kAlphabet[v >> 6];
    t[static_cast<std::size_t>(2 * v + 1)] = kAlphabet[v & 63];
  }
  return t;
}
constexpr auto kPairs = make_pair_table();

inline bool is_space(unsigned char c) noexcept {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

inline std::uint32_t quad_value(const unsigned char* s) noexcept {
  return kD0[s[0]] | kD1[s[1]] | kD2[s[2]] | kD3[s[3]];
}

inline void store_group(char* o, std::uint32_t v) noexcept {
  o[0] = static_cast<char>(v >> 16);
  o[1] = static_cast<char>(v >> 8);
  o[2] = static_cast<char>(v);
}

// Two quads → six bytes, written with one 8-byte store (the caller keeps slack after the output).
inline void store_two_groups(char* o, std::uint32_t a, std::uint32_t b) noexcept {
  const std::uint64_t v = (static_cast<std::uint64_t>(a) << 40) | (static_cast<std::uint64_t>(b) << 16);
  const std::uint64_t be = __builtin_bswap64(v);
  std::memcpy(o, &be, 8);
}

#if MIMETOOL_HAVE_AVX2_PATH
// 32 characters → 24 bytes per step, for runs where all 32 are in the alphabet (the body of a
// 76-character line). Validation and translation follow Muła and Lemire, "Faster Base64 Encoding
// and Decoding Using AVX2 Instructions" (ACM TOW 2018): the low and high nibble of every byte
// select bit sets that intersect only for characters outside the alphabet. Stops at the first block
// holding anything else and returns the characters consumed (a multiple of 32); writes 32 bytes per
// block, so the caller keeps 8 bytes of slack.
__attribute__((target("avx2"), always_inline)) inline std::size_t avx2_decode_blocks(const unsigned char* s, std::size_t n,
                                                                                    char* o) {
  const __m256i lut_lo = _mm256_setr_epi8(0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A,
                                          0x1B, 0x1B, 0x1B, 0x1A, 0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
                                          0x11, 0x11, 0x13, 0x1A, 0x1B, 0x1B, 0x1B, 0x1A);
  const __m256i lut_hi = _mm256_setr_epi8(0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10,
                                          0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08,
                                          0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10);
  const __m256i lut_roll = _mm256_setr_epi8(0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16, 19, 4,
                                            -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0);
  const __m256i mask_2f = _mm256_set1_epi8(0x2f);
  const __m256i merge_mul = _mm256_set1_epi32(0x01400140);
  const __m256i pack_mul = _mm256_set1_epi32(0x00011000);
  const __m256i shuffle = _mm256_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1, 2, 1, 0, 6, 5, 4,
                                           10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
  const __m256i permute = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 7, 7);
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32, o += 24) {
    __m256i str = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i));
    const __m256i hi_nibbles = _mm256_and_si256(_mm256_srli_epi32(str, 4), mask_2f);
    const __m256i lo_nibbles = _mm256_and_si256(str, mask_2f);
    const __m256i hi = _mm256_shuffle_epi8(lut_hi, hi_nibbles);
    const __m256i lo = _mm256_shuffle_epi8(lut_lo, lo_nibbles);
    if (!_mm256_testz_si256(lo, hi)) break;
    const __m256i eq_2f = _mm256_cmpeq_epi8(str, mask_2f);
    const __m256i roll = _mm256_shuffle_epi8(lut_roll, _mm256_add_epi8(eq_2f, hi_nibbles));
    str = _mm256_add_epi8(str, roll);
    const __m256i merged = _mm256_maddubs_epi16(str, merge_mul);
    __m256i out = _mm256_madd_epi16(merged, pack_mul);
    out = _mm256_shuffle_epi8(out, shuffle);
    out = _mm256_permutevar8x32_epi32(out, permute);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(o), out);
  }
  return i;
}
#endif

// Whole quads of alphabet characters, eight then four at a time. Returns the new position.
__attribute__((always_inline)) inline std::size_t scalar_quads(const unsigned char* s, std::size_t i, std::size_t n,
                                                               char*& o) {
  while (i + 8 <= n) {
    const std::uint32_t a = quad_value(s + i);
    const std::uint32_t b = quad_value(s + i + 4);
    if ((a | b) & kBad) break;
    store_two_groups(o, a, b);
    o += 6;
    i += 8;
  }
  while (i + 4 <= n) {
    const std::uint32_t a = quad_value(s + i);
    if (a & kBad) break;
    store_group(o, a);
    o += 3;
    i += 4;
  }
  return i;
}

// The common shape, lines whose length is a multiple of four separated by CRLF or LF, decoded
// without leaving the fast loop: blocks, then quads, then the line break. Returns at the first
// thing that is not that shape (padding, garbage, a quad split across lines); the caller's
// one-character path deals with it. Must be called at a quad boundary.
std::size_t clean_lines_scalar(const unsigned char* s, std::size_t i, std::size_t n, char*& o) {
  for (;;) {
    const std::size_t start = i;
    i = scalar_quads(s, i, n, o);
    while (i < n && (s[i] == '\n' || s[i] == '\r')) ++i;
    if (i == start || i >= n) return i;
  }
}

#if MIMETOOL_HAVE_AVX2_PATH
__attribute__((target("avx2"))) std::size_t clean_lines_avx2(const unsigned char* s, std::size_t i, std::size_t n,
                                                             char*& o) {
  for (;;) {
    const std::size_t start = i;
    if (n - i >= 32) {
      const std::size_t k = avx2_decode_blocks(s + i, n - i, o);
      i += k;
      o += k / 4 * 3;
    }
    i = scalar_quads(s, i, n, o);
    while (i < n && (s[i] == '\n' || s[i] == '\r')) ++i;
    if (i == start || i >= n) return i;
  }
}
#endif

}  // namespace

namespace detail {

bool base64_avx2_supported() noexcept {
#if MIMETOOL_HAVE_AVX2_PATH
  static const bool supported = __builtin_cpu_supports("avx2");
  return supported;
#else
  return false;
#endif
}

void base64_decode_chunk(Base64State& state, std::string_view in, std::size_t offset, std::string& out,
                         DecodeReport* report, Base64Path path) {
  const bool simd = path != Base64Path::scalar && base64_avx2_supported();
  const std::size_t old = out.size();
  // Upper bound of the output plus slack for the 8- and 32-byte stores of the fast loops.
  out.resize(old + (in.size() + 3) / 4 * 3 + 40);
  char* const begin = out.data() + old;
  char* o = begin;
  const auto* s = reinterpret_cast<const unsigned char*>(in.data());
  const std::size_t n = in.size();
  std::uint32_t acc = state.acc;
  int count = state.count;
  bool ended = state.ended;
  std::size_t i = 0;
  while (i < n) {
    if (count == 0 && !ended) {
#if MIMETOOL_HAVE_AVX2_PATH
      i = simd ? clean_lines_avx2(s, i, n, o) : clean_lines_scalar(s, i, n, o);
#else
      i = clean_lines_scalar(s, i, n, o);
#endif
      if (i >= n) break;
    }
    // Slow path, one character: line breaks, whitespace, padding, garbage, or a quad split by any
    // of those.
    const unsigned char c = s[i];
    const int v = kDecode[c];
    if (v >= 0) {
      if (ended) {
        // Data after the padding is not part of this body (Python's binascii stops there too).
        detail::note_invalid(report, offset + i);
      } else {
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        if (++count == 4) {
          store_group(o, acc);
          o += 3;
          acc = 0;
          count = 0;
        }
      }
    } else if (c == '=') {
      if (!ended) {
        if (count == 2) {
          *o++ = static_cast<char>(acc >> 4);
          ended = true;
        } else if (count == 3) {
          *o++ = static_cast<char>(acc >> 10);
          *o++ = static_cast<char>(acc >> 2);
          ended = true;
        } else if (count == 1) {
          // Six bits cannot make a byte: the quad is lost.
          detail::note_invalid(report, offset + i);
          ended = true;
        } else {
          // `=` where a quad starts pads nothing; skip it and keep decoding.
          detail::note_invalid(report, offset + i);
        }
        acc = 0;
        count = 0;
      }
    } else if (!is_space(c)) {
      detail::note_invalid(report, offset + i);
    }
    ++i;
  }
  state.acc = acc;
  state.count = count;
  state.ended = ended;
  out.resize(old + static_cast<std::size_t>(o - begin));
}

void base64_decode_finish(Base64State& state, std::size_t end_offset, std::string& out, DecodeReport* report) {
  // Missing padding is accepted (RFC 4648 §3.2 lets specifications drop it; mailers do).
  if (state.count == 2) {
    out.push_back(static_cast<char>(state.acc >> 4));
  } else if (state.count == 3) {
    out.push_back(static_cast<char>(state.acc >> 10));
    out.push_back(static_cast<char>(state.acc >> 2));
  } else if (state.count == 1) {
    detail::note_invalid(report, end_offset);
  }
  state = Base64State{};
}

std::string decode_base64_with(std::string_view in, Base64Path path, DecodeReport* report) {
  std::string out;
  Base64State state;
  base64_decode_chunk(state, in, 0, out, report, path);
  base64_decode_finish(state, in.size(), out, report);
  return out;
}

void base64_encode_groups(std::string_view in, std::string& out, LineEnding eol, std::size_t line_length,
                          std::size_t& column) {
  const std::size_t groups = in.size() / 3;
  if (groups == 0) return;
  const std::size_t eol_len = eol == LineEnding::crlf ? 2 : 1;
  const std::size_t chars = groups * 4;
  const std::size_t old = out.size();
  out.resize(old + chars + (line_length ? (chars / line_length + 2) * eol_len : 0));
  char* o = out.data() + old;
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  auto put_eol = [&] {
    if (eol == LineEnding::crlf) *o++ = '\r';
    *o++ = '\n';
  };
  auto encode_run = [&](std::size_t count) {
    for (std::size_t g = 0; g < count; ++g, p += 3, o += 4) {
      const std::uint32_t v = (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | p[2];
      std::memcpy(o, &kPairs[(v >> 12) * 2], 2);
      std::memcpy(o + 2, &kPairs[(v & 0xFFF) * 2], 2);
    }
  };
  if (line_length == 0) {
    encode_run(groups);
    column += chars;
  } else if (line_length % 4 == 0) {
    // Quads never straddle a line: fill the current line, then whole lines.
    std::size_t left = groups;
    while (left > 0) {
      if (column >= line_length) {
        put_eol();
        column = 0;
      }
      const std::size_t k = std::min(left, (line_length - column) / 4);
      encode_run(k);
      column += 4 * k;
      left -= k;
    }
  } else {
    char quad[4];
    for (std::size_t g = 0; g < groups; ++g, p += 3) {
      const std::uint32_t v = (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | p[2];
      std::memcpy(quad, &kPairs[(v >> 12) * 2], 2);
      std::memcpy(quad + 2, &kPairs[(v & 0xFFF) * 2], 2);
      for (char c : quad) {
        if (column == line_length) {
          put_eol();
          column = 0;
        }
        *o++ = c;
        ++column;
      }
    }
  }
  out.resize(static_cast<std::size_t>(o - out.data()));
}

void base64_encode_tail(std::string_view tail, std::string& out, LineEnding eol, std::size_t line_length,
                        std::size_t& column) {
  auto put = [&](char c) {
    if (line_length && column == line_length) {
      if (eol == LineEnding::crlf) out.push_back('\r');
      out.push_back('\n');
      column = 0;
    }
    out.push_back(c);
    ++column;
  };
  const auto* p = reinterpret_cast<const unsigned char*>(tail.data());
  if (tail.size() == 1) {
    const std::uint32_t v = std::uint32_t{p[0]} << 16;
    put(kAlphabet[v >> 18]);
    put(kAlphabet[(v >> 12) & 63]);
    put('=');
    put('=');
  } else if (tail.size() == 2) {
    const std::uint32_t v = (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8);
    put(kAlphabet[v >> 18]);
    put(kAlphabet[(v >> 12) & 63]);
    put(kAlphabet[(v >> 6) & 63]);
    put('=');
  }
  if (line_length && column > 0) {
    if (eol == LineEnding::crlf) out.push_back('\r');
    out.push_back('\n');
  }
  column = 0;
}

}  // namespace detail

std::string decode_base64(std::string_view in, DecodeReport* report) {
  return detail::decode_base64_with(in, detail::Base64Path::automatic, report);
}

std::string encode_base64(std::string_view in, LineEnding eol, std::size_t line_length) {
  std::string out;
  const std::size_t chars = (in.size() + 2) / 3 * 4;
  out.reserve(chars + (line_length ? (chars / line_length + 1) * 2 : 0) + 8);
  std::size_t column = 0;
  const std::size_t whole = in.size() / 3 * 3;
  detail::base64_encode_groups(in.substr(0, whole), out, eol, line_length, column);
  detail::base64_encode_tail(in.substr(whole), out, eol, line_length, column);
  return out;
}

}  // namespace mimetool
