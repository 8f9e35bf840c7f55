#pragma once
// ASCII-only case handling for protocol tokens (field names, media types, charset labels,
// encodings): mail syntax is case-insensitive in US-ASCII only, so locale-aware functions are
// never the right tool here.

#include <string>
#include <string_view>

namespace mimetool::util {

inline char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

inline bool ascii_iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

}  // namespace mimetool::util
