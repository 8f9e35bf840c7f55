// uuencode: the historical format of POSIX uuencode/uudecode, used as Content-Transfer-Encoding
// x-uuencode and, in old mail, pasted into text/plain bodies between "begin MODE NAME" and "end".
//
// A data line is a length character (0x20 + byte count, backtick for zero) followed by groups of
// four characters, each 0x20 + six bits. Real mail bends this in three ways the decoder tolerates:
// trailing spaces stripped by transports (the missing characters count as zero), backtick or space
// for zero, and lines with more characters than the length says (some encoders append a checksum
// character). MimeKit's encoders/photo.uu-states adds junk lines before "begin".

#include <algorithm>
#include <cstring>

#include "codec/transfer_detail.hpp"
#include "mimetool/codec.hpp"

namespace mimetool {
namespace {

inline unsigned uu_value(char c) noexcept { return (static_cast<unsigned>(static_cast<unsigned char>(c)) - 0x20u) & 0x3Fu; }

inline bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

// Line content without its CR: trailing spaces are data in uuencode, so only the CR goes.
std::string_view strip_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (is_blank(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool is_end_line(std::string_view line) { return trim_right(line) == "end"; }

// "begin" SP octal-mode SP name. Returns false for anything else ("begin-base64", prose).
bool parse_begin_line(std::string_view line, unsigned* mode, std::string* name) {
  line = trim_right(line);
  if (line.size() < 6 || line.substr(0, 6) != "begin ") return false;
  std::size_t i = 6;
  while (i < line.size() && line[i] == ' ') ++i;
  unsigned m = 0;
  std::size_t digits = 0;
  while (i < line.size() && line[i] >= '0' && line[i] <= '7' && digits < 6) {
    m = m * 8 + static_cast<unsigned>(line[i] - '0');
    ++i;
    ++digits;
  }
  if (digits == 0 || i >= line.size() || line[i] != ' ') return false;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i >= line.size()) return false;
  if (mode) *mode = m;
  if (name) name->assign(line.substr(i));
  return true;
}

enum class LineKind { data, zero, other };

// Classifies a line (CR removed). `strict`: the character count must be close to what the length
// byte announces — used where a line must prove it is uuencode (no begin line seen yet).
LineKind classify(std::string_view line, bool strict) {
  if (line.empty()) return LineKind::zero;  // a lone space or backtick line with the space stripped
  for (char c : line) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x60) return LineKind::other;
  }
  const unsigned n = uu_value(line[0]);
  if (n == 0) return LineKind::zero;
  if (strict) {
    const std::size_t expected = (n + 2) / 3 * 4;
    const std::size_t chars = line.size() - 1;
    if (chars + 3 < expected || chars > expected + 2) return LineKind::other;
  }
  return LineKind::data;
}

void decode_data_line(std::string_view line, std::string& out) {
  const unsigned n = uu_value(line[0]);
  const char* s = line.data() + 1;
  const std::size_t avail = line.size() - 1;
  unsigned produced = 0;
  for (std::size_t g = 0; produced < n; g += 4) {
    // Characters past the end of the line were trailing spaces, i.e. zero.
    const unsigned a = g < avail ? uu_value(s[g]) : 0;
    const unsigned b = g + 1 < avail ? uu_value(s[g + 1]) : 0;
    const unsigned c = g + 2 < avail ? uu_value(s[g + 2]) : 0;
    const unsigned d = g + 3 < avail ? uu_value(s[g + 3]) : 0;
    const unsigned v = (a << 18) | (b << 12) | (c << 6) | d;
    const char bytes[3] = {static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
    const unsigned take = std::min(3u, n - produced);
    out.append(bytes, take);
    produced += take;
  }
}

// One step of the line state machine shared by decode_uuencode and TransferDecoder.
void decode_line(int& phase, std::string_view raw, std::size_t line_offset, std::string& out, DecodeReport* report) {
  const std::string_view line = strip_cr(raw);
  switch (phase) {
    case detail::uu_start:
      if (parse_begin_line(line, nullptr, nullptr)) {
        phase = detail::uu_data;
      } else if (classify(line, true) == LineKind::data) {
        // No begin line: a body of bare data lines (some x-uuencode parts omit it).
        phase = detail::uu_data;
        decode_data_line(line, out);
      }
      // Anything else before the data is a preamble ("Here is the file:") and is ignored.
      return;
    case detail::uu_data:
    case detail::uu_after_zero:
      if (is_end_line(line)) {
        phase = detail::uu_done;
        return;
      }
      switch (classify(line, false)) {
        case LineKind::data:
          if (phase == detail::uu_after_zero) detail::note_invalid(report, line_offset);  // data after the terminator
          phase = detail::uu_data;
          decode_data_line(line, out);
          return;
        case LineKind::zero:
          phase = detail::uu_after_zero;
          return;
        case LineKind::other:
          detail::note_invalid(report, line_offset);
          return;
      }
      return;
    default:
      return;  // after "end": a signature or other text
  }
}

}  // namespace

namespace detail {

std::size_t uu_decode_chunk(int& phase, std::string_view in, bool final, std::size_t offset, std::string& out,
                            DecodeReport* report) {
  std::size_t i = 0;
  while (i < in.size()) {
    const std::size_t nl = in.find('\n', i);
    if (nl == std::string_view::npos) {
      if (!final) return i;
      decode_line(phase, in.substr(i), offset + i, out, report);
      return in.size();
    }
    decode_line(phase, in.substr(i, nl - i), offset + i, out, report);
    i = nl + 1;
  }
  return i;
}

void uu_encode_line(std::string_view bytes, std::string& out, LineEnding eol) {
  // Backtick rather than space for zero, as GNU sharutils and gmime write: trailing spaces would not
  // survive mail transports.
  auto enc = [](unsigned v) { return v ? static_cast<char>(0x20 + v) : '`'; };
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  out.push_back(enc(static_cast<unsigned>(bytes.size())));
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const unsigned b0 = p[i];
    const unsigned b1 = i + 1 < bytes.size() ? p[i + 1] : 0;
    const unsigned b2 = i + 2 < bytes.size() ? p[i + 2] : 0;
    const unsigned v = (b0 << 16) | (b1 << 8) | b2;
    out.push_back(enc(v >> 18));
    out.push_back(enc((v >> 12) & 63));
    out.push_back(enc((v >> 6) & 63));
    out.push_back(enc(v & 63));
  }
  if (eol == LineEnding::crlf) out.push_back('\r');
  out.push_back('\n');
}

}  // namespace detail

std::string decode_uuencode(std::string_view body, DecodeReport* report) {
  std::string out;
  out.reserve(body.size() / 4 * 3);
  int phase = detail::uu_start;
  detail::uu_decode_chunk(phase, body, true, 0, out, report);
  return out;
}

std::string encode_uuencode(std::string_view bytes, std::string_view name, unsigned mode, LineEnding eol) {
  const char* nl = eol == LineEnding::crlf ? "\r\n" : "\n";
  std::string out;
  out.reserve(bytes.size() / 45 * 63 + name.size() + 32);
  char mode_text[16];
  int len = 0;
  // Octal without a leading zero, as uuencode(1) writes it ("begin 644 photo.jpg").
  unsigned m = mode & 07777;
  char digits[8];
  do {
    digits[len++] = static_cast<char>('0' + (m & 7));
    m >>= 3;
  } while (m);
  for (int k = 0; k < len; ++k) mode_text[k] = digits[len - 1 - k];
  out += "begin ";
  out.append(mode_text, static_cast<std::size_t>(len));
  out += ' ';
  out += name;
  out += nl;
  for (std::size_t i = 0; i < bytes.size(); i += 45) detail::uu_encode_line(bytes.substr(i, 45), out, eol);
  detail::uu_encode_line({}, out, eol);
  out += "end";
  out += nl;
  return out;
}

std::vector<UuBlock> find_uuencode_blocks(std::string_view text) {
  std::vector<UuBlock> blocks;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t nl = text.find('\n', i);
    std::size_t line_end = nl == std::string_view::npos ? text.size() : nl;
    std::size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
    UuBlock block;
    // Cheap test first: most lines of a text body do not start with 'b'.
    if (text[i] != 'b' || !parse_begin_line(text.substr(i, line_end - i), &block.mode, &block.name)) {
      i = next;
      continue;
    }
    block.offset = i;
    std::size_t j = next;
    std::size_t block_end = next;  // end of the last line that belongs to the block
    bool seen_data = false;
    bool after_zero = false;
    while (j < text.size()) {
      nl = text.find('\n', j);
      line_end = nl == std::string_view::npos ? text.size() : nl;
      next = nl == std::string_view::npos ? text.size() : nl + 1;
      const std::string_view line = strip_cr(text.substr(j, line_end - j));
      if (is_end_line(line)) {
        block.complete = true;
        block_end = next;
        break;
      }
      const LineKind kind = classify(line, false);
      if (kind == LineKind::other) break;  // the text resumed without an "end" line
      if (kind == LineKind::zero) {
        after_zero = true;
      } else {
        if (after_zero) detail::note_invalid(&block.report, j);
        after_zero = false;
        seen_data = true;
        decode_data_line(line, block.data);
      }
      block_end = next;
      j = next;
    }
    if (block.complete || seen_data) {
      block.length = block_end - block.offset;
      i = block_end;
      blocks.push_back(std::move(block));
    } else {
      // Resume scanning at the line after the rejected begin line.
      const std::size_t after = text.find('\n', block.offset);
      i = after == std::string_view::npos ? text.size() : after + 1;
    }
  }
  return blocks;
}

}  // namespace mimetool
