#pragma once
/// \file safe_name.hpp
/// Turns an attachment filename chosen by a message's sender into one safe path component.
/// The name is hostile input: it may try to leave the output folder, hide its real extension
/// behind bidi controls, name a Windows device, or be too long for the file system.

#include <cstddef>
#include <string>
#include <string_view>

namespace mimetool::cli {

/// Longest file name in bytes (NAME_MAX on Linux and most Unix file systems).
inline constexpr std::size_t max_name_bytes = 255;

/// Makes `name` (UTF-8, possibly invalid) usable as a single file name inside a folder:
/// - invalid UTF-8 sequences become U+FFFD;
/// - path separators (/ and \), control characters (C0, DEL, C1) and the characters Windows
///   forbids (< > : " | ? *) become "_", so no drive ("C:") or absolute path survives;
/// - bidi embedding/override/isolate controls (U+202A–U+202E, U+2066–U+2069) are removed, so
///   "invoice\u202Efdp.exe" cannot pose as a PDF;
/// - leading whitespace is removed, a leading "-" or "." becomes "_" (no option look-alikes, no
///   hidden files, never "." or ".."), trailing dots and spaces are removed;
/// - Windows device names (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9, with or without an
///   extension, any case) get a "_" prefix;
/// - the result is at most `max_bytes` bytes: the stem is cut at a UTF-8 character boundary and
///   the extension kept.
/// Returns "" when nothing usable is left; the caller then picks a generated name.
std::string safe_name(std::string_view name, std::size_t max_bytes = max_name_bytes);

/// The numbered variant of an (already safe) name for the n-th clash: "report.pdf", 2 →
/// "report (2).pdf"; "README", 3 → "README (3)". Stays within `max_bytes` by cutting the stem.
std::string numbered_name(std::string_view name, unsigned n, std::size_t max_bytes = max_name_bytes);

/// The extension of a name including its dot (".pdf"), or "" when it has none. A leading dot
/// does not start an extension, and "extensions" longer than 32 bytes are not treated as one.
std::string_view name_extension(std::string_view name) noexcept;

}  // namespace mimetool::cli
