// RFC 2231 parameter values: decoding a parsed Parameter to UTF-8, and encoding values for the
// writer (continuations §3, charset/language §4, both combined §4.1).

#include <algorithm>
#include <string>
#include <vector>

#include "charset/charset_internal.hpp"
#include "codec/header_codec_internal.hpp"
#include "mimetool/charset.hpp"
#include "mimetool/header_codec.hpp"

namespace mimetool {
namespace {

// RFC 2231 §7: attribute-char := <any (US-ASCII) CHAR except SPACE, CTLs, "*", "'", "%", or tspecials>.
bool is_attribute_char(unsigned char c) {
  if (c <= 0x20 || c >= 0x7F) return false;
  return std::string_view("*'%()<>@,;:\\\"/[]?=").find(static_cast<char>(c)) == std::string_view::npos;
}

bool is_printable_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7E) return false;
  return true;
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

// Cuts `units` (each an indivisible piece: a quoted-pair, a %XX group for one whole UTF-8 character,
// or a plain character) into segments so that each line " name*N[*]=value;" fits `max_line`.
std::string segments(std::string_view name, const std::vector<std::string>& units, bool extended, std::size_t max_line) {
  std::string out;
  std::size_t n = 0;
  std::size_t i = 0;
  while (i < units.size() || n == 0) {
    // Appended piecewise: GCC 12 at -O3 warns falsely (-Wrestrict) on "literal" + std::string.
    std::string head(" ");
    head.append(name).append("*").append(std::to_string(n)).append(extended ? "*=" : "=");
    if (extended && n == 0) head += "utf-8''";
    std::string body;
    // The trailing ';' (or closing quote) must fit as well.
    const std::size_t limit = max_line - (extended ? 1 : 3);
    while (i < units.size() && (body.empty() || head.size() + body.size() + units[i].size() <= limit)) {
      body += units[i];
      ++i;
    }
    out += ";\r\n";
    out += head;
    out += extended ? body : "\"" + body + "\"";
    ++n;
  }
  return out;
}

}  // namespace

std::string encode_parameter(std::string_view name, std::string_view utf8_value, std::size_t max_line) {
  max_line = std::max<std::size_t>(max_line, 40);
  std::string repaired;
  if (!is_valid_utf8(utf8_value)) {
    repaired = detail::repair_utf8(utf8_value);
    utf8_value = repaired;
  }
  // A quoted value holding "=?" would read back through decode_rfc2047() (see decode_parameter:
  // readers decode encoded-words in quoted values), so such values go out RFC 2231 encoded, where
  // '=' and '?' are %-escaped and no reader looks for encoded-words.
  if (is_printable_ascii(utf8_value) && utf8_value.find("=?") == std::string_view::npos) {
    std::string simple = "; " + std::string(name) + "=" + quote(utf8_value);
    if (simple.size() + 1 <= max_line) return simple;
    // §3 continuations of a quoted value; a quoted-pair is never split.
    std::vector<std::string> units;
    for (char c : utf8_value) units.push_back(c == '"' || c == '\\' ? std::string{'\\', c} : std::string(1, c));
    return segments(name, units, false, max_line);
  }
  // §4: name*=utf-8''%XX..., one unit per UTF-8 character so no segment ends mid-character (some
  // clients decode each segment separately).
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::vector<std::string> units;
  for (std::size_t i = 0; i < utf8_value.size();) {
    std::size_t len = detail::utf8_sequence_length(utf8_value, i);
    if (!len) len = 1;
    std::string unit;
    for (std::size_t k = i; k < i + len; ++k) {
      const auto c = static_cast<unsigned char>(utf8_value[k]);
      if (is_attribute_char(c)) {
        unit.push_back(static_cast<char>(c));
      } else {
        unit.push_back('%');
        unit.push_back(kHex[c >> 4]);
        unit.push_back(kHex[c & 15]);
      }
    }
    units.push_back(std::move(unit));
    i += len;
  }
  std::string single(" ");
  single.append(name).append("*=utf-8''");
  std::size_t total = single.size();
  for (const auto& u : units) total += u.size();
  if (total <= max_line) {
    std::string out = ";\r\n" + single;
    for (const auto& u : units) out += u;
    return out;
  }
  return segments(name, units, true, max_line);
}

std::string decode_parameter(const Parameter& p, std::string_view fallback_charset, Diagnostics* diagnostics) {
  if (p.extended) {
    if (!p.charset.empty() && is_known_charset(p.charset)) {
      auto r = to_utf8(p.value, p.charset);
      if (r->lossy)
        detail::add_diagnostic_once(diagnostics, "invalid_parameter_charset_data", 0,
                                    "bytes invalid in " + p.charset + " replaced with U+FFFD");
      return std::move(r->text);
    }
    if (!p.charset.empty())
      detail::add_diagnostic_once(diagnostics, "unknown_charset", 0, "parameter charset \"" + p.charset + "\" unknown");
    return detail::raw_header_bytes_to_utf8(p.value, fallback_charset, {});
  }
  // Outlook, Foxmail and many webmailers put encoded-words in quoted parameter values
  // (filename="=?GB2312?B?...?="), against RFC 2047 §5; every client decodes them.
  if (p.value.find("=?") != std::string::npos)
    return decode_rfc2047(p.value, Rfc2047Mode::unstructured, diagnostics, fallback_charset);
  if (!detail::is_ascii(p.value)) {
    detail::add_diagnostic_once(diagnostics, "unencoded_8bit_header", 0, "8-bit bytes in a parameter value");
    return detail::raw_header_bytes_to_utf8(p.value, fallback_charset, {});
  }
  return p.value;
}

}  // namespace mimetool
