// quoted-printable (RFC 2045 §6.7).
//
// The decoder works line by line: memchr finds the line end, then memchr finds each `=` inside the
// line, and the runs in between are copied as they are. Trailing spaces and tabs are dropped before
// a line's content is decoded (rule 3), which also makes `=` followed by trailing whitespace a soft
// line break (rule 5 as real encoders break it). Because the decoding of a byte only ever depends on
// bytes of the same line, the chunk function can stop before an undecidable tail and resume later,
// which is how TransferDecoder gets results identical to the one-shot call.
//
// The encoder is a per-byte loop with at most five bytes of lookahead (CRLF detection and the
// "From " check), so it too can stop and resume anywhere.

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "codec/transfer_detail.hpp"
#include "mimetool/codec.hpp"

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

inline bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

struct SegmentResult {
  std::size_t stop;  // first byte not decoded
  bool soft_break;   // the segment ended with a soft line break
};

// Decodes line content d[i, t) (trailing blanks already removed) to o. `line_end`: t is the end of
// the line's content, so an `=` at t-1 is a soft break. Otherwise more bytes of the same line may
// follow, and an `=` too close to t cannot be decided yet: decoding stops in front of it.
SegmentResult decode_segment(const char* d, std::size_t i, std::size_t t, bool line_end, char*& o,
                             std::size_t offset, DecodeReport* report) {
  while (i < t) {
    // Copy up to the next '='. Runs between escapes are short in accented text, so look at eight
    // bytes at a time in a register instead of calling memchr per run: store all eight, then advance
    // to the first '=' (the lowest flagged byte is exact). The 8-byte store is safe because the
    // output never runs ahead of the input position.
    if (i + 8 <= t) {
      std::uint64_t v;
      std::memcpy(&v, d + i, 8);
      const std::uint64_t x = v ^ 0x3D3D3D3D3D3D3D3Dull;
      const std::uint64_t m = (x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull;
      std::memcpy(o, &v, 8);
      if (!m) {
        o += 8;
        i += 8;
        continue;
      }
      const auto k = static_cast<std::size_t>(__builtin_ctzll(m) >> 3);
      o += k;
      i += k;
    } else {
      while (i < t && d[i] != '=') *o++ = d[i++];
      if (i == t) break;
    }
    const std::size_t p = i;
    if (p + 3 <= t) {
      const int hi = kHex[static_cast<unsigned char>(d[p + 1])];
      const int lo = kHex[static_cast<unsigned char>(d[p + 2])];
      if (hi >= 0 && lo >= 0) {
        *o++ = static_cast<char>((hi << 4) | lo);
        i = p + 3;
        // Escapes come in runs (each UTF-8 character is two to four of them): decode the run here
        // rather than going back through the copy loop.
        while (i + 3 <= t && d[i] == '=') {
          const int h = kHex[static_cast<unsigned char>(d[i + 1])];
          const int l = kHex[static_cast<unsigned char>(d[i + 2])];
          if ((h | l) < 0) break;
          *o++ = static_cast<char>((h << 4) | l);
          i += 3;
        }
      } else {
        // Not an escape (e.g. "a=b" from a mailer that never encoded): keep it, as RFC 2045
        // §6.7 note 2 suggests, and report it.
        *o++ = '=';
        detail::note_invalid(report, offset + p);
        i = p + 1;
      }
    } else if (!line_end) {
      return {p, false};
    } else if (p + 1 == t) {
      return {t, true};
    } else {
      // "=X" right before the end of the line: no second hex digit can follow.
      *o++ = '=';
      detail::note_invalid(report, offset + p);
      i = p + 1;
    }
  }
  return {t, false};
}

}  // namespace

namespace detail {

std::size_t qp_decode_chunk(std::string_view in, bool final, std::size_t offset, std::string& out,
                            DecodeReport* report) {
  const std::size_t old = out.size();
  out.resize(old + in.size());  // decoding never grows the data
  char* const begin = out.data() + old;
  char* o = begin;
  const char* d = in.data();
  const std::size_t n = in.size();
  std::size_t i = 0;
  while (i < n) {
    const auto* nl = static_cast<const char*>(std::memchr(d + i, '\n', n - i));
    if (!nl && !final) {
      // Unterminated line: decode what later bytes cannot change. A trailing CR may be half of a
      // CRLF, trailing blanks may be trailing whitespace, an `=` near the end may start an escape
      // or a soft break.
      std::size_t t = n;
      if (d[t - 1] == '\r') --t;
      while (t > i && is_blank(d[t - 1])) --t;
      i = decode_segment(d, i, t, false, o, offset, report).stop;
      break;
    }
    std::size_t e = nl ? static_cast<std::size_t>(nl - d) : n;
    const std::size_t next = nl ? e + 1 : n;
    bool crlf = false;
    if (nl && e > i && d[e - 1] == '\r') {
      crlf = true;
      --e;
    }
    // Rule 3: trailing whitespace was added by a transport, not by the encoder; delete it.
    std::size_t t = e;
    while (t > i && is_blank(d[t - 1])) --t;
    const SegmentResult r = decode_segment(d, i, t, true, o, offset, report);
    if (!r.soft_break && nl) {
      // Hard line break: keep the input's form, so CRLF text stays CRLF and LF text stays LF.
      if (crlf) *o++ = '\r';
      *o++ = '\n';
    }
    i = next;
  }
  out.resize(old + static_cast<std::size_t>(o - begin));
  return i;
}

std::size_t qp_encode_chunk(std::string_view in, bool final, const EncodeOptions& options, std::size_t& column,
                            std::string& out) {
  const std::size_t limit_line = std::clamp<std::size_t>(options.line_length, 4, 76);
  const bool binary = options.binary;
  const bool crlf = options.eol == LineEnding::crlf;
  const std::size_t eol_len = crlf ? 2 : 1;
  const auto* d = reinterpret_cast<const unsigned char*>(in.data());
  const std::size_t n = in.size();
  // Worst case: three characters per byte, plus a soft break every (limit-1)/3 tokens.
  const std::size_t tokens_per_line = (limit_line - 1) / 3;
  const std::size_t old = out.size();
  out.resize(old + 3 * n + (n / tokens_per_line + 2) * (1 + eol_len));
  char* const begin = out.data() + old;
  char* o = begin;
  auto put_eol = [&] {
    if (crlf) *o++ = '\r';
    *o++ = '\n';
  };
  std::size_t col = column;
  std::size_t i = 0;
  while (final ? i < n : i + 5 <= n) {
    // Fast run, away from both ends of the output line (only column 0 has the "From "/"." rules, and
    // any token fits while it ends before the last column): printable characters are copied, a
    // blank followed by a printable character is copied (it is not trailing), '=' and 8-bit bytes
    // are escaped. Nothing here needs lookahead past the next byte.
    while (i < n && col > 0) {
      const unsigned char c = d[i];
      const std::uint8_t k = kClass[c];
      if (k == kPlainByte || (k == kBlankByte && i + 1 < n && kClass[d[i + 1]] == kPlainByte)) {
        if (col + 1 >= limit_line) break;
        *o++ = static_cast<char>(c);
        ++col;
      } else if (k == kEscapeByte) {
        if (col + 3 >= limit_line) break;
        o[0] = '=';
        o[1] = kHexDigits[c >> 4];
        o[2] = kHexDigits[c & 15];
        o += 3;
        col += 3;
      } else {
        break;
      }
      ++i;
    }
    if (!(final ? i < n : i + 5 <= n)) break;
    const unsigned char c = d[i];
    if (!binary) {
      if (c == '\n') {
        put_eol();
        col = 0;
        ++i;
        continue;
      }
      if (c == '\r' && i + 1 < n && d[i + 1] == '\n') {
        put_eol();
        col = 0;
        i += 2;
        continue;
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
      o[0] = '=';
      o[1] = kHexDigits[c >> 4];
      o[2] = kHexDigits[c & 15];
      o += 3;
      col += 3;
    } else {
      *o++ = static_cast<char>(c);
      ++col;
    }
    ++i;
  }
  column = col;
  out.resize(old + static_cast<std::size_t>(o - begin));
  return i;
}

}  // namespace detail

std::string decode_quoted_printable(std::string_view in, DecodeReport* report) {
  std::string out;
  detail::qp_decode_chunk(in, true, 0, out, report);
  return out;
}

std::string encode_quoted_printable(std::string_view in, const EncodeOptions& options) {
  std::string out;
  std::size_t column = 0;
  detail::qp_encode_chunk(in, true, options, column, out);
  return out;
}

}  // namespace mimetool
