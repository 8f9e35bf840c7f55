// quoted-printable (RFC 2045 §6.7).
//
// The decoder makes one pass: a copy loop moves bytes to the output until the next `=` or LF (32
// bytes per step with AVX2, 8 with the portable loop), and only those two bytes need a decision;
// the AVX2 loop also copies every LF that follows neither a blank nor blank + CR, as there is no
// trailing whitespace to delete in front of it.
// An `=` followed by two hex digits is an escape, `=` LF and `=` CRLF are soft breaks; any other
// `=` is decided against its whole line, because rule 3 (trailing spaces and tabs are dropped)
// comes first: `=` then trailing blanks is a soft break too. At a line end the trailing blanks were
// already copied, so the output is cut back by their number. Because the decoding of a byte only
// ever depends on bytes of the same line, the chunk function can stop before an undecidable tail
// and resume later, which is how TransferDecoder gets results identical to the one-shot call.
//
// The encoder is a per-byte decision with at most five bytes of lookahead (CRLF detection and the
// "From " check), so it too can stop and resume anywhere. Away from the start and the end of an
// output line most bytes need no decision at all: a run of printable characters and inner blanks
// is found with one classification step (AVX2: 32 bytes at once) and copied in bulk, and `=` and
// 8-bit bytes are escaped from a table; everything else takes the per-byte path.

#include <algorithm>
#include <array>
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

constexpr std::array<std::int8_t, 256> make_hex_table() {
  std::array<std::int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 10; ++i) t[static_cast<std::size_t>('0' + i)] = static_cast<std::int8_t>(i);
  for (int i = 0; i < 6; ++i) {
    // RFC 2045 asks for upper case but tells decoders to accept lower case ("=3d"): Outlook and
    // several web mailers have written it.
    t[static_cast<std::size_t>('A' + i)] = static_cast<std::int8_t>(10 + i);
    t[static_cast<std::size_t>('a' + i)] = static_cast<std::int8_t>(10 + i);
  }
  return t;
}
constexpr auto kHex = make_hex_table();
constexpr char kHexDigits[] = "0123456789ABCDEF";

// Encoder byte classes for the fast run. Plain: written as it is wherever it stands (RFC 2045 §6.7
// rule 2). Blank: literal unless it ends a line (rule 3). Escape: always =XX ('=' and 8-bit bytes).
// Special: controls, CR and LF, whose handling depends on the mode.
constexpr std::uint8_t kSpecialByte = 0, kPlainByte = 1, kBlankByte = 2, kEscapeByte = 3;
constexpr std::array<std::uint8_t, 256> make_class_table() {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    std::uint8_t k = kSpecialByte;
    if (c == '=' || c >= 127) {
      k = kEscapeByte;
    } else if (c == ' ' || c == '\t') {
      k = kBlankByte;
    } else if (c >= 33) {
      k = kPlainByte;
    }
    t[static_cast<std::size_t>(c)] = k;
  }
  return t;
}
constexpr auto kClass = make_class_table();

// The two hex digits of every byte, for escapes.
constexpr std::array<char, 512> make_escape_table() {
  std::array<char, 512> t{};
  for (int c = 0; c < 256; ++c) {
    t[static_cast<std::size_t>(2 * c)] = kHexDigits[c >> 4];
    t[static_cast<std::size_t>(2 * c + 1)] = kHexDigits[c & 15];
  }
  return t;
}
constexpr auto kEscapeDigits = make_escape_table();

inline bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

inline void put_escape(char*& o, unsigned char c) noexcept {
  o[0] = '=';
  std::memcpy(o + 1, &kEscapeDigits[2 * std::size_t{c}], 2);
  o += 3;
}

// ---------------------------------------------------------------------------------------------
// Decoding

// A copy loop copies d[i, stop) to o and returns stop, the position of the first '=' or LF at or
// after i (n if none). It may store up to 32 bytes past what it keeps; that is safe because the
// output never runs ahead of the input position and the caller's buffer is as long as the input.

// Eight bytes at a time in a register: the lowest byte flagged by the has-zero-byte trick is exact,
// so the first '=' or LF is found without a false positive.
__attribute__((always_inline)) inline std::size_t copy_run_scalar(const char* d, std::size_t i, std::size_t n,
                                                                  char*& o) {
  constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  while (i + 8 <= n) {
    std::uint64_t v;
    std::memcpy(&v, d + i, 8);
    std::memcpy(o, &v, 8);
    const std::uint64_t x = v ^ (ones * '=');
    const std::uint64_t y = v ^ (ones * '\n');
    const std::uint64_t m = ((x - ones) & ~x & highs) | ((y - ones) & ~y & highs);
    if (m) {
      const auto k = static_cast<std::size_t>(__builtin_ctzll(m) >> 3);
      o += k;
      return i + k;
    }
    o += 8;
    i += 8;
  }
  while (i < n && d[i] != '=' && d[i] != '\n') *o++ = d[i++];
  return i;
}

#if MIMETOOL_HAVE_AVX2_PATH
__attribute__((target("avx2"), always_inline)) inline std::size_t copy_run_avx2(const char* d, std::size_t i,
                                                                               std::size_t n, char*& o) {
  const __m256i eq = _mm256_set1_epi8('=');
  const __m256i lf = _mm256_set1_epi8('\n');
  const __m256i cr = _mm256_set1_epi8('\r');
  const __m256i sp = _mm256_set1_epi8(' ');
  const __m256i tab = _mm256_set1_epi8('\t');
  char* out = o;
  // A line break only needs special() when trailing blanks may precede it ("a \n", "a \r\n");
  // any other LF is copied like text, which is what special() would have written for it. The
  // look-behind reads the two bytes before the block, so the first two bytes are checked plainly.
  if (i < 2 && i < n && d[i] != '=' && d[i] != '\n') *out++ = d[i++];
  if (i < 2 && i < n && d[i] != '=' && d[i] != '\n') *out++ = d[i++];
  if (i < 2) {
    o = out;
    return i;
  }
  while (i + 32 <= n) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(d + i));
    const __m256i p1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(d + i - 1));
    const __m256i p2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(d + i - 2));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), v);
    const __m256i blank1 = _mm256_or_si256(_mm256_cmpeq_epi8(p1, sp), _mm256_cmpeq_epi8(p1, tab));
    const __m256i blank2 = _mm256_or_si256(_mm256_cmpeq_epi8(p2, sp), _mm256_cmpeq_epi8(p2, tab));
    const __m256i cut = _mm256_or_si256(blank1, _mm256_and_si256(_mm256_cmpeq_epi8(p1, cr), blank2));
    const __m256i hard = _mm256_and_si256(_mm256_cmpeq_epi8(v, lf), cut);
    const auto m = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_or_si256(_mm256_cmpeq_epi8(v, eq), hard)));
    if (m) {
      const auto k = static_cast<std::size_t>(__builtin_ctz(m));
      o = out + k;
      return i + k;
    }
    i += 32;
    out += 32;
  }
  o = out;
  return copy_run_scalar(d, i, n, o);
}
#endif

// The decoding state of one qp_decode_chunk call. The copy loops (one per instruction set, below)
// call special() at every '=' and at every LF that may end in trailing blanks (the portable loop
// at every LF; special() copies any other LF unchanged) and at_end() when the input is used up.
struct QpDecoder {
  const char* d;
  std::size_t n;
  bool final;
  std::size_t offset;
  DecodeReport* report;
  char* o;
  std::size_t i = 0;
  // Bytes in [run, i) were copied as they are. Trailing blanks (and a CR) can only be cut back
  // from this run: everything before it ended in a hex digit, an '=' or a line break.
  std::size_t run = 0;

  // Handles the '=' or LF at i. Returns false when decoding must stop in front of it (only when
  // not final: what it means depends on bytes not seen yet).
  __attribute__((always_inline)) bool special() {
    if (d[i] == '\n') {
      // Hard line break. Rule 3: trailing whitespace was added by a transport, not by the encoder;
      // delete it. Keep the input's form of the break, so CRLF text stays CRLF and LF text LF.
      std::size_t t = i;
      const bool crlf = t > run && d[t - 1] == '\r';
      if (crlf) --t;
      while (t > run && is_blank(d[t - 1])) --t;
      o -= i - t;
      if (crlf) *o++ = '\r';
      *o++ = '\n';
      run = ++i;
      return true;
    }
    const std::size_t p = i;
    if (p + 2 < n) {
      const int hi = kHex[static_cast<unsigned char>(d[p + 1])];
      const int lo = kHex[static_cast<unsigned char>(d[p + 2])];
      if ((hi | lo) >= 0) {
        // Two hex digits are never blanks or line-break bytes, so this escape lies inside its
        // line's content whatever follows.
        *o++ = static_cast<char>((hi << 4) | lo);
        i = p + 3;
        // Escapes come in runs (each UTF-8 character is two to four of them): decode the run here
        // rather than going back through the copy loop.
        while (i + 2 < n && d[i] == '=') {
          const int h = kHex[static_cast<unsigned char>(d[i + 1])];
          const int l = kHex[static_cast<unsigned char>(d[i + 2])];
          if ((h | l) < 0) break;
          *o++ = static_cast<char>((h << 4) | l);
          i += 3;
        }
        run = i;
        return true;
      }
      // The soft line breaks every encoder writes (rule 5).
      if (d[p + 1] == '\n') {
        run = i = p + 2;
        return true;
      }
      if (d[p + 1] == '\r' && d[p + 2] == '\n') {
        run = i = p + 3;
        return true;
      }
    }
    return other_equals();
  }

  // Any other '=': look at its whole line with the trailing blanks removed (t = end of content).
  // (Inlined like the rest, so the state never has its address taken and `o` stays in a register:
  // the output stores are char stores, which could alias it in memory.)
  __attribute__((always_inline)) bool other_equals() {
    const std::size_t p = i;
    const auto* nl = static_cast<const char*>(std::memchr(d + p, '\n', n - p));
    if (!nl && !final) {
      // Unterminated line: a trailing CR may be half of a CRLF, trailing blanks may be trailing
      // whitespace, an '=' near the end may start an escape or a soft break. Stop in front of it.
      std::size_t t = n;
      if (d[t - 1] == '\r') --t;
      while (t > p && is_blank(d[t - 1])) --t;
      if (p + 3 > t) return false;
    } else {
      const std::size_t next = nl ? static_cast<std::size_t>(nl - d) + 1 : n;
      std::size_t t = nl ? next - 1 : n;
      if (nl && d[t - 1] == '\r') --t;
      while (t > p && is_blank(d[t - 1])) --t;
      if (p + 1 == t) {
        // '=' ends the line's content: a soft break, also with blanks after it (encoders that pad
        // lines) or at the very end of the input.
        run = i = next;
        return true;
      }
    }
    // Not an escape (e.g. "a=b" from a mailer that never encoded, or "=X" at the end of a line):
    // keep it, as RFC 2045 §6.7 note 2 suggests, and report it.
    *o++ = '=';
    detail::note_invalid(report, offset + p);
    run = i = p + 1;
    return true;
  }

  // The input ends inside a copied run: cut back what may be (or is) trailing whitespace. Returns
  // the bytes consumed.
  __attribute__((always_inline)) std::size_t at_end() {
    std::size_t t = n;
    if (!final && t > run && d[t - 1] == '\r') --t;
    while (t > run && is_blank(d[t - 1])) --t;
    o -= n - t;
    return final ? n : t;
  }
};

std::size_t decode_loop_scalar(QpDecoder& state) {
  QpDecoder q = state;
  std::size_t consumed;
  for (;;) {
    q.i = copy_run_scalar(q.d, q.i, q.n, q.o);
    if (q.i == q.n) {
      consumed = q.at_end();
      break;
    }
    if (!q.special()) {
      consumed = q.i;
      break;
    }
  }
  state.o = q.o;
  return consumed;
}

#if MIMETOOL_HAVE_AVX2_PATH
__attribute__((target("avx2"))) std::size_t decode_loop_avx2(QpDecoder& state) {
  QpDecoder q = state;
  std::size_t consumed;
  for (;;) {
    q.i = copy_run_avx2(q.d, q.i, q.n, q.o);
    if (q.i == q.n) {
      consumed = q.at_end();
      break;
    }
    if (!q.special()) {
      consumed = q.i;
      break;
    }
  }
  state.o = q.o;
  return consumed;
}
#endif

// ---------------------------------------------------------------------------------------------
// Encoding

// A run finder copies to o the leading bytes of d[0, max) that are plain or blank (written as they
// are when not at a line end) and returns how many there are. `avail` (≥ max) is how many bytes
// may be read; it may store up to 32 bytes past what it keeps when avail ≥ 32 (the output has three
// bytes of room per input byte left).
__attribute__((always_inline)) inline std::size_t safe_run_scalar(const unsigned char* d, std::size_t max,
                                                                  std::size_t /*avail*/, char* o) {
  std::size_t k = 0;
  while (k < max && (kClass[d[k]] == kPlainByte || kClass[d[k]] == kBlankByte)) {
    o[k] = static_cast<char>(d[k]);
    ++k;
  }
  return k;
}

#if MIMETOOL_HAVE_AVX2_PATH
__attribute__((target("avx2"), always_inline)) inline std::size_t safe_run_avx2(const unsigned char* d,
                                                                               std::size_t max, std::size_t avail,
                                                                               char* o) {
  const __m256i c31 = _mm256_set1_epi8(31);
  const __m256i c127 = _mm256_set1_epi8(127);
  const __m256i eq = _mm256_set1_epi8('=');
  const __m256i tab = _mm256_set1_epi8('\t');
  std::size_t k = 0;
  while (k < max && avail - k >= 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(d + k));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(o + k), v);
    // Signed compares: bytes 128..255 are negative, so 31 < c < 127 is exactly ' '..'~'.
    const __m256i printable = _mm256_and_si256(_mm256_cmpgt_epi8(v, c31), _mm256_cmpgt_epi8(c127, v));
    const __m256i safe = _mm256_or_si256(_mm256_andnot_si256(_mm256_cmpeq_epi8(v, eq), printable),
                                         _mm256_cmpeq_epi8(v, tab));
    const auto unsafe = ~static_cast<std::uint32_t>(_mm256_movemask_epi8(safe));
    if (unsafe) return std::min(max, k + static_cast<std::size_t>(__builtin_ctz(unsafe)));
    k += 32;
  }
  if (k >= max) return max;
  return k + safe_run_scalar(d + k, max - k, avail - k, o + k);
}
#endif

// The encoding state of one qp_encode_chunk call; the loops below alternate fast runs with the
// per-byte step.
struct QpEncoder {
  const unsigned char* d;
  std::size_t n;
  bool final;
  bool binary;
  bool crlf;
  std::size_t limit_line;
  char* o;
  std::size_t col;
  std::size_t i = 0;

  bool more() const { return final ? i < n : i + 5 <= n; }

  void put_eol() {
    if (crlf) *o++ = '\r';
    *o++ = '\n';
  }

  // After a run of k plain or blank bytes at i (copied to o already): keeps them, except a blank
  // that ends the run, which is left to step() since it knows whether a line break follows. Then
  // escapes '=' and 8-bit bytes while they fit. Returns false when no byte was taken.
  __attribute__((always_inline)) bool take_run(std::size_t k) {
    const std::size_t start = i;
    if (k > 0 && (d[i + k - 1] == ' ' || d[i + k - 1] == '\t')) --k;
    o += k;
    i += k;
    col += k;
    while (i < n && kClass[d[i]] == kEscapeByte && col + 3 < limit_line) {
      put_escape(o, d[i]);
      col += 3;
      ++i;
    }
    return i != start;
  }

  // One byte (or one line break) by the full rules.
  __attribute__((always_inline)) void step() {
    const unsigned char c = d[i];
    if (!binary) {
      if (c == '\n') {
        put_eol();
        col = 0;
        ++i;
        return;
      }
      if (c == '\r' && i + 1 < n && d[i + 1] == '\n') {
        put_eol();
        col = 0;
        i += 2;
        return;
      }
    }
    // Is this the last byte before a hard line break (or the end of the data)?
    const bool last = i + 1 == n || (!binary && (d[i + 1] == '\n' || (d[i + 1] == '\r' && i + 2 < n && d[i + 2] == '\n')));
    auto must_escape = [&](std::size_t at_column) {
      if (c == '=' || c >= 127 || (c < 32 && c != '\t')) return true;
      // Rule 3: whitespace at the end of a line would be stripped by the decoder.
      if ((c == ' ' || c == '\t') && last) return true;
      if (at_column == 0) {
        // A lone "." line ends an SMTP DATA transfer; "From " at line start gets mangled by mbox.
        if (c == '.' && last) return true;
        if (c == 'F' && n - i >= 5 && std::memcmp(d + i + 1, "rom ", 4) == 0) return true;
      }
      return false;
    };
    bool escape = must_escape(col);
    // Rule 5: at most 76 characters per line, the soft-break "=" included; only the last token of a
    // line may use the last column.
    const std::size_t limit = last ? limit_line : limit_line - 1;
    if (col + (escape ? 3 : 1) > limit) {
      *o++ = '=';
      put_eol();
      col = 0;
      escape = must_escape(0);
    }
    if (escape) {
      put_escape(o, c);
      col += 3;
    } else {
      *o++ = static_cast<char>(c);
      ++col;
    }
    ++i;
  }
};

// Fast runs, away from both ends of the output line (only column 0 has the "From "/"." rules, and
// any token fits while it ends before the last column), then one step by the full rules. Every
// byte a fast run takes gets what step() would give it: printable characters are copied, a blank
// with a plain or blank byte after it is copied (it is not trailing), '=' and 8-bit bytes are
// escaped.
std::size_t encode_loop_scalar(QpEncoder& state) {
  QpEncoder e = state;
  while (e.more()) {
    while (e.col > 0 && e.col + 1 < e.limit_line && e.i < e.n) {
      const std::size_t k = safe_run_scalar(e.d + e.i, std::min(e.limit_line - 1 - e.col, e.n - e.i), e.n - e.i, e.o);
      if (!e.take_run(k)) break;
    }
    if (!e.more()) break;
    e.step();
  }
  state.o = e.o;
  state.col = e.col;
  return e.i;
}

#if MIMETOOL_HAVE_AVX2_PATH
__attribute__((target("avx2"))) std::size_t encode_loop_avx2(QpEncoder& state) {
  QpEncoder e = state;
  while (e.more()) {
    while (e.col > 0 && e.col + 1 < e.limit_line && e.i < e.n) {
      const std::size_t k = safe_run_avx2(e.d + e.i, std::min(e.limit_line - 1 - e.col, e.n - e.i), e.n - e.i, e.o);
      if (!e.take_run(k)) break;
    }
    if (!e.more()) break;
    e.step();
  }
  state.o = e.o;
  state.col = e.col;
  return e.i;
}
#endif

}  // namespace

namespace detail {

std::size_t qp_decode_chunk(std::string_view in, bool final, std::size_t offset, std::string& out,
                            DecodeReport* report, SimdPath path) {
  std::size_t consumed = 0;
  // Decoding never grows the data.
  util::append_written(out, in.size(), [&](char* const begin) {
    QpDecoder q{in.data(), in.size(), final, offset, report, begin};
#if MIMETOOL_HAVE_AVX2_PATH
    consumed = use_avx2(path) ? decode_loop_avx2(q) : decode_loop_scalar(q);
#else
    (void)path;
    consumed = decode_loop_scalar(q);
#endif
    return static_cast<std::size_t>(q.o - begin);
  });
  return consumed;
}

std::size_t qp_encode_chunk(std::string_view in, bool final, const EncodeOptions& options, std::size_t& column,
                            std::string& out, SimdPath path) {
  const std::size_t limit_line = std::clamp<std::size_t>(options.line_length, 4, 76);
  const bool crlf = options.eol == LineEnding::crlf;
  const std::size_t n = in.size();
  // Worst case: three characters per byte, plus a soft break every (limit-1)/3 tokens.
  const std::size_t tokens_per_line = (limit_line - 1) / 3;
  std::size_t consumed = 0;
  util::append_written(out, 3 * n + (n / tokens_per_line + 2) * (crlf ? 3 : 2), [&](char* const begin) {
    QpEncoder e{reinterpret_cast<const unsigned char*>(in.data()), n, final, options.binary, crlf, limit_line, begin,
                column};
#if MIMETOOL_HAVE_AVX2_PATH
    consumed = use_avx2(path) ? encode_loop_avx2(e) : encode_loop_scalar(e);
#else
    (void)path;
    consumed = encode_loop_scalar(e);
#endif
    column = e.col;
    return static_cast<std::size_t>(e.o - begin);
  });
  return consumed;
}

}  // namespace detail

std::string decode_quoted_printable(std::string_view in, DecodeReport* report) {
  std::string out;
  out.reserve(in.size());  // decoding never grows the data: no reallocation below
  // The input goes through the chunk function a window at a time, as TransferDecoder feeds it,
  // so each window's output is sized (and zero-filled by std::string) just before the decoder
  // overwrites it, while it is still in the cache, instead of the whole output up front. What a
  // window leaves undecided (a line that may still end in blanks, a trailing CR) starts the next
  // one; a window that decides less than half of itself is doubled, so a long undecidable run
  // (megabytes of blanks) is rescanned a logarithmic number of times, never quadratically.
  constexpr std::size_t kWindow = 16384;
  std::size_t pos = 0;
  std::size_t window = kWindow;
  for (;;) {
    const std::size_t end = in.size() - pos <= window ? in.size() : pos + window;
    const bool final = end == in.size();
    const std::size_t used = detail::qp_decode_chunk(in.substr(pos, end - pos), final, pos, out, report);
    if (final) break;
    pos += used;
    window = used * 2 < window ? window * 2 : kWindow;
  }
  return out;
}

std::string encode_quoted_printable(std::string_view in, const EncodeOptions& options) {
  std::string out;
  std::size_t column = 0;
  detail::qp_encode_chunk(in, true, options, column, out);
  return out;
}

}  // namespace mimetool
