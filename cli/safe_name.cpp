#include "safe_name.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace mimetool::cli {
namespace {

constexpr std::string_view replacement_char = "\xEF\xBF\xBD";  // U+FFFD

// Decodes one UTF-8 sequence at s[i]; returns its length and code point, or 0 when invalid
// (overlongs, surrogates and values above U+10FFFF are invalid, RFC 3629 §3).
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_bidi_control(char32_t cp) noexcept {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

bool is_replaced(char32_t cp) noexcept {
  if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) return true;  // C0, DEL, C1
  switch (cp) {
    case '/': case '\\': case '<': case '>': case ':': case '"': case '|': case '?': case '*':
      return true;
    default:
      return false;
  }
}

char ascii_upper(char c) noexcept { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }

// Windows reserves these names in every folder, whatever the extension ("NUL.txt" too).
bool is_device_name(std::string_view name) noexcept {
  const std::string_view stem = name.substr(0, name.find('.'));
  std::string up;
  for (char c : stem) up += ascii_upper(c);
  while (!up.empty() && up.back() == ' ') up.pop_back();
  static constexpr std::array<std::string_view, 4> plain{"CON", "PRN", "AUX", "NUL"};
  if (std::find(plain.begin(), plain.end(), up) != plain.end()) return true;
  return up.size() == 4 && (up.starts_with("COM") || up.starts_with("LPT")) && up[3] >= '1' && up[3] <= '9';
}

// Largest prefix of s not longer than n bytes that ends on a UTF-8 character boundary.
std::string_view utf8_prefix(std::string_view s, std::size_t n) noexcept {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

// Fits "stem + suffix + ext" into max_bytes by cutting the stem (and, if the extension alone is
// too long, dropping it).
std::string fit(std::string_view stem, std::string_view suffix, std::string_view ext, std::size_t max_bytes) {
  if (suffix.size() + ext.size() >= max_bytes) ext = {};
  const std::size_t room = max_bytes > suffix.size() + ext.size() ? max_bytes - suffix.size() - ext.size() : 0;
  std::string out(utf8_prefix(stem, room));
  // Cutting may expose trailing spaces or dots at the end of the stem; they are trimmed only
  // when nothing follows (a trailing dot before an extension is harmless).
  out += suffix;
  out += ext;
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  return out;
}

// The rules on the name as a whole, applied after character replacement and again after a cut.
std::string finish_name(std::string out) {
  // Leading whitespace goes; a leading "-" (option look-alike) or "." (hidden file, "." and
  // "..") is made visible.
  const auto first = out.find_first_not_of(' ');
  out.erase(0, first == std::string::npos ? out.size() : first);
  if (!out.empty() && (out[0] == '-' || out[0] == '.')) out[0] = '_';
  // Windows drops trailing dots and spaces, which would let "a.exe." open as "a.exe".
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  // "_" alone, or only underscores, carries nothing of the original name.
  if (out.find_first_not_of('_') == std::string::npos) return {};
  if (is_device_name(out)) out.insert(0, "_");
  return out;
}

}  // namespace

std::string_view name_extension(std::string_view name) noexcept {
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  const auto ext = name.substr(dot);
  if (ext.size() < 2 || ext.size() > 32 || ext.find(' ') != std::string_view::npos) return {};
  return ext;
}

std::string safe_name(std::string_view name, std::size_t max_bytes) {
  // Leading whitespace, tabs and line breaks included, carries nothing (and hides a leading "-").
  const auto lead = name.find_first_not_of(" \t\r\n\v\f");
  name.remove_prefix(lead == std::string_view::npos ? name.size() : lead);
  std::string out;
  out.reserve(name.size());
  for (std::size_t i = 0; i < name.size();) {
    char32_t cp = 0;
    const std::size_t len = decode_utf8(name, i, cp);
    if (len == 0) {
      out += replacement_char;
      ++i;
      continue;
    }
    if (is_bidi_control(cp)) {
      // dropped: these reorder how the name is displayed, not what it is
    } else if (is_replaced(cp)) {
      out += '_';
    } else {
      out.append(name.substr(i, len));
    }
    i += len;
  }
  out = finish_name(std::move(out));
  if (out.size() > max_bytes) {
    // Cut first, then apply the naming rules again: a cut can expose a trailing dot or space,
    // turn "CONSOLE" into "CON", or leave only the extension (a leading dot). If the rules then
    // add the "_" of a device name, cut one byte shorter.
    const auto ext = name_extension(out);
    const std::string_view stem = std::string_view(out).substr(0, out.size() - ext.size());
    std::string cut;
    for (std::size_t budget = max_bytes;; --budget) {
      cut = finish_name(fit(stem, {}, ext, budget));
      if (cut.size() <= max_bytes || budget == 0) break;
    }
    out = std::move(cut);
  }
  return out;
}

std::string numbered_name(std::string_view name, unsigned n, std::size_t max_bytes) {
  const auto ext = name_extension(name);
  const std::string suffix = " (" + std::to_string(n) + ")";
  return fit(name.substr(0, name.size() - ext.size()), suffix, ext, max_bytes);
}

}  // namespace mimetool::cli
