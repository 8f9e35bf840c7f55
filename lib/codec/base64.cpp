// base64 (RFC 2045 §6.8, RFC 4648 §4): lenient decoder with a table-driven scalar loop and an AVX2
// loop for clean runs, and a table-driven encoder.
//
// Decoding is a resumable state machine (Base64State) so the streaming TransferDecoder and the
// one-shot decode_base64 run the same code. The fast loops only run at a quad boundary and only
// over characters that are all in the alphabet; anything else (line breaks, padding, garbage) goes
// through the one-character slow path, so both fast loops produce exactly what the slow path would.

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include "codec/transfer_detail.hpp"
#include "mimetool/codec.hpp"
#include "util/append.hpp"

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
// 32 characters → 24 bytes, Muła and Lemire, "Faster Base64 Encoding and Decoding Using AVX2
// Instructions" (ACM TOW 2018). The low and high nibble of every byte select bit sets that
// intersect only for characters outside the alphabet; the translation and packing work on each
// 4-character quad independently. Returns a bit mask of the characters outside the alphabet and
// always stores 32 bytes at `o`: the 3 bytes of a quad are right whenever its 4 characters are in
// the alphabet, whatever the other quads hold.
struct Avx2Decoder {
  __m256i lut_lo, lut_hi, lut_roll, mask_2f, merge_mul, pack_mul, shuffle, permute;

  __attribute__((target("avx2"), always_inline)) Avx2Decoder()
      : lut_lo(_mm256_setr_epi8(0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A, 0x1B, 0x1B,
                                0x1B, 0x1A, 0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A,
                                0x1B, 0x1B, 0x1B, 0x1A)),
        lut_hi(_mm256_setr_epi8(0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
                                0x10, 0x10, 0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10,
                                0x10, 0x10, 0x10, 0x10)),
        lut_roll(_mm256_setr_epi8(0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16, 19, 4, -65, -65, -71,
                                  -71, 0, 0, 0, 0, 0, 0, 0, 0)),
        mask_2f(_mm256_set1_epi8(0x2f)),
        merge_mul(_mm256_set1_epi32(0x01400140)),
        pack_mul(_mm256_set1_epi32(0x00011000)),
        shuffle(_mm256_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1, 2, 1, 0, 6, 5, 4, 10, 9, 8,
                                 14, 13, 12, -1, -1, -1, -1)),
        permute(_mm256_setr_epi32(0, 1, 2, 4, 5, 6, 7, 7)) {}

  __attribute__((target("avx2"), always_inline)) std::uint32_t block(const unsigned char* s, char* o) const {
    const __m256i good = _mm256_cmpeq_epi8(block_flags(s, o), _mm256_setzero_si256());
    return ~static_cast<std::uint32_t>(_mm256_movemask_epi8(good));
  }

  // As block(), but returns a vector whose bytes are nonzero exactly at the characters outside the
  // alphabet: a loop over several blocks ORs these and tests once.
  __attribute__((target("avx2"), always_inline)) __m256i block_flags(const unsigned char* s, char* o) const {
    __m256i flags;
    __m256i out = lanes(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(s)), flags);
    out = _mm256_permutevar8x32_epi32(out, permute);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(o), out);
    return flags;
  }

  // 16 characters at `a` → 12 bytes at `oa`, and 16 at `b` → 12 at `ob`, one per 128-bit lane; each
  // store writes 4 bytes past its 12 (the `b` store comes second). Returns the flags as block_flags.
  __attribute__((target("avx2"), always_inline)) __m256i two_lanes_flags(const unsigned char* a, const unsigned char* b,
                                                                         char* oa, char* ob) const {
    const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a));
    const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b));
    __m256i flags;
    const __m256i out = lanes(_mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1), flags);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(oa), _mm256_castsi256_si128(out));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(ob), _mm256_extracti128_si256(out, 1));
    return flags;
  }

  // The work of one lane: 16 characters → 12 bytes at the lane's start; `flags` as block_flags.
  __attribute__((target("avx2"), always_inline)) __m256i lanes(__m256i str, __m256i& flags) const {
    const __m256i hi_nibbles = _mm256_and_si256(_mm256_srli_epi32(str, 4), mask_2f);
    const __m256i lo_nibbles = _mm256_and_si256(str, mask_2f);
    const __m256i hi = _mm256_shuffle_epi8(lut_hi, hi_nibbles);
    const __m256i lo = _mm256_shuffle_epi8(lut_lo, lo_nibbles);
    flags = _mm256_and_si256(lo, hi);
    const __m256i eq_2f = _mm256_cmpeq_epi8(str, mask_2f);
    const __m256i roll = _mm256_shuffle_epi8(lut_roll, _mm256_add_epi8(eq_2f, hi_nibbles));
    str = _mm256_add_epi8(str, roll);
    const __m256i merged = _mm256_maddubs_epi16(str, merge_mul);
    const __m256i out = _mm256_madd_epi16(merged, pack_mul);
    return _mm256_shuffle_epi8(out, shuffle);
  }
};
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
// (`o` is copied to a local: output stores are char stores, which may alias a char* in memory, so
// working through the reference would reload it after every store.)
std::size_t clean_lines_scalar(const unsigned char* s, std::size_t i, std::size_t n, char*& o) {
  char* out = o;
  for (;;) {
    const std::size_t start = i;
    i = scalar_quads(s, i, n, out);
    while (i < n && (s[i] == '\n' || s[i] == '\r')) ++i;
    if (i == start || i >= n) break;
  }
  o = out;
  return i;
}

#if MIMETOOL_HAVE_AVX2_PATH
// Whole lines of exactly `line` alphabet characters (a multiple of 4, at least 32) each followed by
// CRLF or LF, starting at `i`. The blocks of a line sit at fixed offsets (the last one overlaps the
// one before it; a block starting at a quad boundary rewrites the same bytes), so the next line's
// address never waits for this line's decoding: the loop only checks, and a line that is not of
// that shape stops it before anything is kept. Stores up to 8 bytes past the line's output.
// The length of the CRLF or LF at `p` (two bytes readable), or 0.
__attribute__((always_inline)) inline std::size_t line_ending_at(const unsigned char* p) {
  if (p[0] == '\n') return 1;
  return p[0] == '\r' && p[1] == '\n' ? 2 : 0;
}

template <std::size_t Line>
__attribute__((target("avx2"), always_inline)) inline std::size_t whole_lines_avx2(const Avx2Decoder& dec,
                                                                                   const unsigned char* s,
                                                                                   std::size_t i, std::size_t n,
                                                                                   char*& out, std::size_t line) {
  if constexpr (Line != 0) line = Line;
  if constexpr (Line == 76) {
    // Two lines at a time in ten 16-character lanes (characters 0, 16, 32, 48 and 60 of each line,
    // the last overlapping the one before it) instead of six 32-character blocks: a sixth less
    // work. Lane stores go in order, so each one's 4 extra bytes are overwritten by the next.
    while (n - i > 2 * Line + 3) {
      const std::size_t eol_a = line_ending_at(s + i + Line);
      if (eol_a == 0) break;
      const unsigned char* const a = s + i;
      const unsigned char* const b = a + Line + eol_a;
      const std::size_t eol_b = line_ending_at(b + Line);
      if (eol_b == 0) break;
      char* const oa = out;
      char* const ob = out + Line / 4 * 3;
      __m256i bad = dec.two_lanes_flags(a, a + 16, oa, oa + 12);
      bad = _mm256_or_si256(bad, dec.two_lanes_flags(a + 32, a + 48, oa + 24, oa + 36));
      bad = _mm256_or_si256(bad, dec.two_lanes_flags(a + 60, b, oa + 45, ob));
      bad = _mm256_or_si256(bad, dec.two_lanes_flags(b + 16, b + 32, ob + 12, ob + 24));
      bad = _mm256_or_si256(bad, dec.two_lanes_flags(b + 48, b + 60, ob + 36, ob + 45));
      if (!_mm256_testz_si256(bad, bad)) break;  // the line loop below finds the good line, if any
      i += 2 * Line + eol_a + eol_b;
      out += 2 * (Line / 4 * 3);
    }
  }
  while (n - i > line + 1) {
    const std::size_t eol = line_ending_at(s + i + line);
    if (eol == 0) break;
    // In this order: each block stores 8 bytes past its 24, which the next block overwrites.
    __m256i bad = dec.block_flags(s + i, out);
    for (std::size_t k = 32; k + 32 < line; k += 32) bad = _mm256_or_si256(bad, dec.block_flags(s + i + k, out + k / 4 * 3));
    bad = _mm256_or_si256(bad, dec.block_flags(s + i + line - 32, out + (line - 32) / 4 * 3));
    if (!_mm256_testz_si256(bad, bad)) break;
    i += line + eol;
    out += line / 4 * 3;
  }
  return i;
}

// The same shape as clean_lines_scalar, 32 characters per step. Lines of the length the previous
// line had (76 to begin with, the RFC 2045 §6.8 maximum that mailers write) go through
// whole_lines_avx2. Otherwise a block that holds a line break is decoded anyway and only its whole
// quads in front of the break are kept. A block whose first non-alphabet character splits a quad,
// or is not a line break, ends the fast loop at the last whole quad. The last characters of the
// input (fewer than 32) go through the scalar loop.
__attribute__((target("avx2"))) std::size_t clean_lines_avx2(const unsigned char* s, std::size_t i, std::size_t n,
                                                             char*& o) {
  const Avx2Decoder dec;
  char* out = o;  // a local, as in clean_lines_scalar
  std::size_t line = 76;
  for (;;) {
    i = line == 76 ? whole_lines_avx2<76>(dec, s, i, n, out, line) : whole_lines_avx2<0>(dec, s, i, n, out, line);
    // Block by block up to and past the next line break.
    std::size_t line_start = i;
    for (;;) {
      if (n - i < 32) {
        o = out;
        return clean_lines_scalar(s, i, n, o);
      }
      const std::uint32_t bad = dec.block(s + i, out);
      if (bad == 0) {
        i += 32;
        out += 24;
        continue;
      }
      const auto p = static_cast<std::size_t>(__builtin_ctz(bad));
      const std::size_t whole = p & ~std::size_t{3};
      i += whole;
      out += whole / 4 * 3;
      const std::size_t start = i;
      if (whole == p) {
        while (i < n && (s[i] == '\n' || s[i] == '\r')) ++i;
      }
      if (i == start || i >= n) {
        o = out;
        return i;
      }
      // Learn the line length for whole_lines_avx2 (a wrong guess only costs one failed check).
      const std::size_t len = start - line_start;
      if (len >= 32 && len % 4 == 0) line = len;
      break;
    }
  }
}
#endif

// Scalar encoding of `groups` 3-byte groups to 4 characters each. Where 8 bytes may be read
// (below `limit`), two groups at a time: one 8-byte load, four lookups of two characters, one
// 8-byte store.
inline void encode_run_scalar(const unsigned char*& p, char*& o, std::size_t groups,
                              const unsigned char* limit) noexcept {
  const unsigned char* const end = p + groups * 3;
  if constexpr (std::endian::native == std::endian::little) {
    while (end - p >= 6 && limit - p >= 8) {
      std::uint64_t v;
      std::memcpy(&v, p, 8);
      v = __builtin_bswap64(v);
      std::uint16_t a, b, c, d;
      std::memcpy(&a, &kPairs[((v >> 52) & 0xFFF) * 2], 2);
      std::memcpy(&b, &kPairs[((v >> 40) & 0xFFF) * 2], 2);
      std::memcpy(&c, &kPairs[((v >> 28) & 0xFFF) * 2], 2);
      std::memcpy(&d, &kPairs[((v >> 16) & 0xFFF) * 2], 2);
      const std::uint64_t w = std::uint64_t{a} | (std::uint64_t{b} << 16) | (std::uint64_t{c} << 32) |
                              (std::uint64_t{d} << 48);
      std::memcpy(o, &w, 8);
      p += 6;
      o += 8;
    }
  }
  for (; p < end; p += 3, o += 4) {
    const std::uint32_t v = (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | p[2];
    std::memcpy(o, &kPairs[(v >> 12) * 2], 2);
    std::memcpy(o + 2, &kPairs[(v & 0xFFF) * 2], 2);
  }
}

inline void put_line_ending(char*& o, LineEnding eol) noexcept {
  if (eol == LineEnding::crlf) *o++ = '\r';
  *o++ = '\n';
}

#if MIMETOOL_HAVE_AVX2_PATH
// 24 bytes → 32 characters (Muła and Lemire, same paper): each 128-bit lane takes 12 bytes, spreads
// every 3-byte group over a 32-bit word, pulls the four 6-bit fields apart with two multiplies, and
// turns field values into alphabet characters with one table lookup on the value's range. The
// constants live in the object so that a loop sets them up once.
struct Avx2Encoder {
  __m256i spread, mask_hi, mul_hi, mask_lo, mul_lo, c51, c26, c13, offsets;

  __attribute__((target("avx2"), always_inline)) Avx2Encoder()
      : spread(_mm256_setr_epi8(1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10, 1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7,
                                10, 9, 11, 10)),
        mask_hi(_mm256_set1_epi32(0x0fc0fc00)),
        mul_hi(_mm256_set1_epi32(0x04000040)),
        mask_lo(_mm256_set1_epi32(0x003f03f0)),
        mul_lo(_mm256_set1_epi32(0x01000010)),
        c51(_mm256_set1_epi8(51)),
        c26(_mm256_set1_epi8(26)),
        c13(_mm256_set1_epi8(13)),
        // Indexed by the range of a value (see block()): what to add to turn it into a character.
        offsets(_mm256_setr_epi8('a' - 26, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52,
                                 '0' - 52, '0' - 52, '0' - 52, '+' - 62, '/' - 63, 'A', 0, 0, 'a' - 26, '0' - 52,
                                 '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52,
                                 '0' - 52, '+' - 62, '/' - 63, 'A', 0, 0)) {
    // GCC turns `26 > x` with a known 26 into min and compare-equal, two instructions where
    // vpcmpgtb is one; hiding the value keeps the single compare.
    __asm__("" : "+x"(c26));
  }

  // Reads 28 bytes at `p` (two overlapping 16-byte loads) and writes 32 characters at `o`.
  __attribute__((target("avx2"), always_inline)) void block(const unsigned char* p, char* o) const {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(o), lanes(p, p + 12));
  }

  // 12 bytes at `a` → 16 characters at `oa`, and 12 at `b` → 16 at `ob`; reads 16 bytes at each.
  __attribute__((target("avx2"), always_inline)) void two_lanes(const unsigned char* a, const unsigned char* b,
                                                                char* oa, char* ob) const {
    const __m256i chars = lanes(a, b);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(oa), _mm256_castsi256_si128(chars));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(ob), _mm256_extracti128_si256(chars, 1));
  }

  // The characters of 12 bytes at `a` (low lane) and 12 at `b` (high lane).
  __attribute__((target("avx2"), always_inline)) __m256i lanes(const unsigned char* a, const unsigned char* b) const {
    const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a));
    const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b));
    const __m256i in = _mm256_shuffle_epi8(_mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1), spread);
    const __m256i t1 = _mm256_mulhi_epu16(_mm256_and_si256(in, mask_hi), mul_hi);
    const __m256i t3 = _mm256_mullo_epi16(_mm256_and_si256(in, mask_lo), mul_lo);
    const __m256i indices = _mm256_or_si256(t1, t3);
    // Range of each value: 0..25 → 13 (add 'A'), 26..51 → 0 (add 'a'-26), 52..61 → 1..10 (add
    // '0'-52), 62 → 11 ('+'), 63 → 12 ('/'). One blend instead of and + or: a single instruction
    // on AMD, two on Intel like the pair it replaces.
    const __m256i upper = _mm256_cmpgt_epi8(c26, indices);
    const __m256i range = _mm256_blendv_epi8(_mm256_subs_epu8(indices, c51), c13, upper);
    return _mm256_add_epi8(_mm256_shuffle_epi8(offsets, range), indices);
  }

  // Encodes `groups` groups (at least 8) as one run of characters; needs 4 readable bytes past the
  // last group. The last block overlaps the one before it instead of falling back to scalar code:
  // it starts at a group boundary, so the characters it rewrites are the same.
  __attribute__((target("avx2"), always_inline)) void run(const unsigned char* p, char* o, std::size_t groups) const {
    const unsigned char* const end = p + groups * 3;
    char* const out_end = o + groups * 4;
    for (; p + 24 <= end; p += 24, o += 32) block(p, o);
    if (p < end) block(end - 24, out_end - 32);
  }
};

// One line without line breaks (line_length 0).
__attribute__((target("avx2"))) void avx2_encode_flat(const unsigned char* p, char* o, std::size_t groups) {
  const Avx2Encoder enc;
  enc.run(p, o, groups);
}

// Whole output lines of `line_length` characters (a multiple of 4, at least 32), each followed by
// a line ending except the last (line endings are written lazily, before the next character).
// Needs 4 readable bytes past the input of the last line. Returns the characters written.
__attribute__((target("avx2"))) std::size_t avx2_encode_lines(const unsigned char* p, char* o, std::size_t lines,
                                                              std::size_t line_length, LineEnding eol) {
  const Avx2Encoder enc;
  char* const start = o;
  if (line_length == 76) {
    // The MIME line (RFC 2045 §6.8): 57 bytes → 76 characters. Two lines at a time in five
    // 32-character registers: characters 0..31 and 32..63 of each line as whole blocks (one
    // 32-byte store each), and 60..75 of both lines as one register of two 16-character lanes,
    // overlapping the block before by 4 characters. A sixth less work than three blocks per line,
    // and fewer, wider stores than ten 16-character lanes.
    const std::size_t eol_len = eol == LineEnding::crlf ? 2 : 1;
    const char eol_pair[2] = {eol == LineEnding::crlf ? '\r' : '\n', '\n'};
    std::size_t l = 0;
    for (; l + 2 <= lines; l += 2, p += 114) {
      if (l > 0) put_line_ending(o, eol);
      char* const ob = o + 76 + eol_len;
      enc.block(p, o);
      enc.block(p + 24, o + 32);
      std::memcpy(o + 76, eol_pair, 2);  // one 2-byte store; with LF, ob's first block overwrites the second
      enc.block(p + 57, ob);
      enc.block(p + 81, ob + 32);
      enc.two_lanes(p + 45, p + 102, o + 60, ob + 60);
      o = ob + 76;
    }
    for (; l < lines; ++l, p += 57) {
      if (l > 0) put_line_ending(o, eol);
      enc.block(p, o);
      enc.block(p + 24, o + 32);
      enc.block(p + 33, o + 44);
      o += 76;
    }
  } else {
    const std::size_t groups = line_length / 4;
    for (std::size_t l = 0; l < lines; ++l, p += groups * 3) {
      if (l > 0) put_line_ending(o, eol);
      enc.run(p, o, groups);
      o += line_length;
    }
  }
  return static_cast<std::size_t>(o - start);
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

namespace {

// Decodes `in` at `begin`, which has room for decode_room(in.size()) bytes; returns the count written.
std::size_t decode_piece_at(Base64State& state, std::string_view in, std::size_t offset, char* const begin,
                            DecodeReport* report, bool simd) noexcept {
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
  return static_cast<std::size_t>(o - begin);
}

// Upper bound of a piece's output plus slack for the 8- and 32-byte stores of the fast loops.
constexpr std::size_t decode_room(std::size_t chars) { return (chars + 3) / 4 * 3 + 40; }

void decode_piece(Base64State& state, std::string_view in, std::size_t offset, std::string& out, DecodeReport* report,
                  bool simd) {
  util::append_written(out, decode_room(in.size()),
                       [&](char* dest) { return decode_piece_at(state, in, offset, dest, report, simd); });
}

}  // namespace

// The output buffer is sized (and so zero-filled by std::string) one piece at a time, so the
// zeroed memory is still in the L1 cache when the decoder overwrites it, rather than several
// megabytes at once before decoding. The state
// carries across pieces exactly as it does across the chunks of a stream.
constexpr std::size_t kPieceChars = 8192;

void base64_decode_chunk(Base64State& state, std::string_view in, std::size_t offset, std::string& out,
                         DecodeReport* report, SimdPath path) {
  const bool simd = use_avx2(path);
  for (std::size_t pos = 0; pos < in.size(); pos += kPieceChars)
    decode_piece(state, in.substr(pos, kPieceChars), offset + pos, out, report, simd);
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
  // The output bound plus the slack decode_piece asks for: the pieces then never reallocate.
  out.reserve((in.size() + 3) / 4 * 3 + 48);
  Base64State state;
  base64_decode_chunk(state, in, 0, out, report, path);
  base64_decode_finish(state, in.size(), out, report);
  return out;
}

namespace {

// Encodes `groups` groups at `p`; `readable` bytes may be read from p (at least groups * 3).
// Writes at `begin`, which has room for encode_room(); returns the count written.
std::size_t encode_piece_at(const unsigned char* p, std::size_t groups, std::size_t readable, char* const begin,
                            LineEnding eol, std::size_t line_length, std::size_t& column, bool simd) noexcept {
  const std::size_t chars = groups * 4;
  char* o = begin;
  const unsigned char* const limit = p + readable;
#if !MIMETOOL_HAVE_AVX2_PATH
  (void)simd;
#endif
  // Groups of the `left` still to encode that a SIMD run may take: its last 16-byte load reads 4
  // bytes past the groups it encodes.
  const std::size_t extra = readable - groups * 3;
  auto simd_groups = [extra](std::size_t left) {
    const std::size_t after = extra >= 4 ? 0 : (4 - extra + 2) / 3;  // groups to leave unread-past
    return left > after ? left - after : 0;
  };
  std::size_t left = groups;
  if (line_length == 0) {
#if MIMETOOL_HAVE_AVX2_PATH
    if (simd && simd_groups(left) >= 8) {
      const std::size_t k = simd_groups(left);
      avx2_encode_flat(p, o, k);
      p += k * 3;
      o += k * 4;
      left -= k;
    }
#endif
    encode_run_scalar(p, o, left, limit);
    column += chars;
  } else if (line_length % 4 == 0) {
    // Quads never straddle a line: fill the current line, then whole lines.
    const std::size_t line_groups = line_length / 4;
    while (left > 0) {
      if (column >= line_length) {
        put_line_ending(o, eol);
        column = 0;
      }
#if MIMETOOL_HAVE_AVX2_PATH
      if (simd && column == 0 && line_groups >= 8 && simd_groups(left) >= line_groups) {
        const std::size_t lines = simd_groups(left) / line_groups;
        o += avx2_encode_lines(p, o, lines, line_length, eol);
        p += lines * line_groups * 3;
        left -= lines * line_groups;
        column = line_length;
        continue;
      }
#endif
      const std::size_t k = std::min(left, (line_length - column) / 4);
      encode_run_scalar(p, o, k, limit);
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
          put_line_ending(o, eol);
          column = 0;
        }
        *o++ = c;
        ++column;
      }
    }
  }
  return static_cast<std::size_t>(o - begin);
}

// Upper bound of the output of `groups` groups: their characters and a line ending per line,
// plus one for a line left full by the previous piece.
constexpr std::size_t encode_room(std::size_t groups, LineEnding eol, std::size_t line_length) {
  const std::size_t chars = groups * 4;
  return chars + (line_length ? (chars / line_length + 2) * (eol == LineEnding::crlf ? 2 : 1) : 0);
}

void encode_piece(const unsigned char* p, std::size_t groups, std::size_t readable, std::string& out, LineEnding eol,
                  std::size_t line_length, std::size_t& column, bool simd) {
  util::append_written(out, encode_room(groups, eol, line_length), [&](char* dest) {
    return encode_piece_at(p, groups, readable, dest, eol, line_length, column, simd);
  });
}

}  // namespace

void base64_encode_groups(std::string_view in, std::string& out, LineEnding eol, std::size_t line_length,
                          std::size_t& column, SimdPath path) {
  const bool simd = use_avx2(path);
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const std::size_t groups = in.size() / 3;
  // Pieces of whole groups, for the same reason as kPieceChars when decoding. With lines of whole
  // quads, the pieces end at line ends (the first one at the end of the current line), so that
  // every piece but the first starts with whole lines, which the AVX2 loop takes.
  // Pieces hold an even number of lines, so that the AVX2 loop takes them two at a time.
  std::size_t piece = kPieceChars / 4;
  if (line_length != 0 && line_length % 4 == 0 && line_length <= kPieceChars / 4) {
    const std::size_t pair_groups = line_length / 2;
    piece = piece / pair_groups * pair_groups;
  }
  std::size_t first = piece;
  if (line_length != 0 && line_length % 4 == 0 && column > 0 && column < line_length)
    first = std::min(piece, (line_length - column) / 4);
  for (std::size_t g = 0; g < groups;) {
    const std::size_t k = std::min(g == 0 ? first : piece, groups - g);
    encode_piece(p + g * 3, k, in.size() - g * 3, out, eol, line_length, column, simd);
    g += k;
  }
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
