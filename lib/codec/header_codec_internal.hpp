#pragma once
// Helpers shared by the RFC 2047 and RFC 2231 codecs (namespace mimetool::detail).

#include <cstddef>
#include <string>
#include <string_view>

#include "mimetool/diagnostic.hpp"

namespace mimetool::detail {

/// Adds a warning to `diags` unless one with the same code is already there (each code is reported
/// once per decoded field, so hostile input cannot grow the list without bound).
void add_diagnostic_once(Diagnostics* diags, std::string_view code, std::size_t offset, std::string detail);

/// Converts raw header bytes outside encoded-words to UTF-8: kept when valid UTF-8, else converted
/// with `fallback_charset` (when known) or a detected charset hinted by `hint`.
std::string raw_header_bytes_to_utf8(std::string_view bytes, std::string_view fallback_charset, std::string_view hint);

}  // namespace mimetool::detail
