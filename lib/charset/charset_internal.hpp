#pragma once
// Internal charset helpers shared by lib/charset and lib/codec (namespace mimetool::detail).
// Nothing here is part of the public API; ICU types stay in this folder's .cpp files.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mimetool::detail {

/// One charset we convert with: the name we report and the ICU converter name that opens it
/// unambiguously (ICU resolves some aliases such as "windows-949" to more than one table).
struct CharsetInfo {
  std::string_view name;      ///< reported as Utf8Text::charset_used and by canonical_charset()
  std::string_view icu_name;  ///< passed to ucnv_open(); "" for UTF-8 (handled natively)
  bool ascii_compatible;      ///< bytes 0x00-0x7F always mean ASCII (enables a copy fast path)
};

/// Resolves a label for decoding; nullptr when unknown. The pointer refers to static storage or to
/// a per-thread cache entry that stays valid for the life of the thread.
const CharsetInfo* lookup_charset(std::string_view label);

/// Resolves a label for encoding (from_utf8): the label's own repertoire, see charset.hpp.
const CharsetInfo* lookup_charset_for_encoding(std::string_view label);

/// Label with stray quotes, blanks and a leading "charset=" removed, lower-cased.
std::string normalize_label(std::string_view label);

/// True when every byte is < 0x80.
bool is_ascii(std::string_view bytes) noexcept;

/// Replaces each maximal invalid UTF-8 subpart with U+FFFD (WHATWG / Unicode §3.9 practice).
std::string repair_utf8(std::string_view bytes);

/// Length of the UTF-8 sequence starting at s[i] when it is valid, else 0.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept;

}  // namespace mimetool::detail
