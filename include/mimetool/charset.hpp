#pragma once
/// \file charset.hpp
/// Charset conversion between declared mail charsets and UTF-8, charset label resolution, charset
/// detection, NFC normalisation and UTF-8 validation. ICU does the work behind this header; no ICU
/// type appears in it.
///
/// Labels are resolved the way mail clients really decode, with the WHATWG Encoding Standard label
/// table as the reference: `iso-8859-1`, `us-ascii` and `latin1` decode as windows-1252; `gb2312` and
/// `gbk` as GB18030; `big5` as Big5-HKSCS; `euc-kr` and `ks_c_5601-1987` as windows-949; `shift_jis`
/// as windows-31j. Every function here is thread-safe; converters are cached per thread.
///
/// Example:
/// \code
///   auto r = mimetool::to_utf8(body_bytes, "iso-2022-jp");
///   if (r) std::cout << r->text;      // lenient policy: always has a value
/// \endcode

#include <string>
#include <string_view>

#include "mimetool/export.hpp"
#include "mimetool/result.hpp"

namespace mimetool {

/// How to_utf8() treats unknown charsets and invalid byte sequences.
struct CharsetPolicy {
  /// false (lenient): invalid sequences become U+FFFD and an unknown charset falls back; the result
  /// always has a value. true: the first invalid sequence gives ErrorCode::invalid_sequence and an
  /// unknown charset gives ErrorCode::unknown_charset.
  bool strict = false;
  /// Label used when the declared charset is empty or unknown. "" means automatic: UTF-8 when the
  /// bytes are valid UTF-8, otherwise detect_charset(bytes, hint).
  std::string fallback;
  /// A charset seen elsewhere in the same message; it steers detection when detection is close.
  std::string hint;
};

/// Text converted to UTF-8, with how it was obtained.
struct Utf8Text {
  std::string text;          ///< valid UTF-8
  std::string charset_used;  ///< canonical name actually converted with (see canonical_charset())
  /// true when the text may differ from what the sender meant: some bytes were invalid and became
  /// U+FFFD, or the declared charset was unknown and non-ASCII bytes were decoded with a guess.
  bool lossy = false;
};

/// Converts `bytes` in the charset named by `charset_label` to UTF-8.
///
/// The label is resolved with canonical_charset(). An empty label means "undeclared": UTF-8 if the
/// bytes are valid UTF-8, else the fallback (not counted as lossy). An unknown label falls back the
/// same way under the lenient policy and marks the result lossy when the bytes are not pure ASCII.
/// `utf-16` sniffs a byte-order mark (RFC 2781 §4.3), then guesses the byte order from where the
/// zero bytes sit, defaulting to big-endian. A leading UTF-8 BOM is dropped for UTF-8.
/// Under the strict policy an unknown label gives ErrorCode::unknown_charset and the first invalid
/// sequence gives ErrorCode::invalid_sequence with its byte offset. Never throws (except
/// std::bad_alloc); the returned text is always valid UTF-8.
MIMETOOL_API Result<Utf8Text> to_utf8(std::string_view bytes, std::string_view charset_label,
                                      const CharsetPolicy& policy = {});

/// Converts UTF-8 text to the charset named by `charset_label`, for writing messages.
///
/// Encoding uses the repertoire the label promises rather than the decoding superset: `gb2312`
/// encodes as GB2312 (EUC-CN), `gbk` as windows-936, `us-ascii` as ASCII, `iso-8859-1` as ISO-8859-1,
/// `euc-kr` as EUC-KR, `big5` as Big5 (windows-950), `iso-2022-jp` as ISO-2022-JP (half-width
/// katakana become full-width, as CP50220 does); other labels use canonical_charset().
/// Invalid UTF-8 input becomes U+FFFD first. Characters the charset cannot represent become `?`
/// when `strict` is false; with `strict` they give ErrorCode::invalid_sequence (offset = byte offset
/// in `utf8`), and so do the C1 controls U+0080..U+009F where readers decode the label with a
/// superset of the table it is written with (ISO-8859-1 read as windows-1252, EUC-KR as
/// windows-949, GB2312 as GB18030): there they would not read back. An unknown label gives
/// ErrorCode::unknown_charset.
MIMETOOL_API Result<std::string> from_utf8(std::string_view utf8, std::string_view charset_label,
                                           bool strict = false);

/// The name mimetool converts with for a charset label, or "" when the label is unknown.
///
/// The label is trimmed of spaces, tabs, quotes and a stray leading `charset=`, compared
/// case-insensitively, and looked up in the WHATWG label table extended with mail-only labels
/// (utf-7, utf-16 with BOM sniffing, iso-2022-jp-2, iso-2022-kr, cp850 …); labels outside the table
/// that ICU knows resolve to ICU's name. Examples: "ISO-8859-1" → "windows-1252", "gb2312" →
/// "GB18030", "ks_c_5601-1987" → "windows-949", "x-sjis" → "windows-31j", "tis-620" → "windows-874".
MIMETOOL_API std::string canonical_charset(std::string_view label);

/// True when canonical_charset(label) is not empty.
MIMETOOL_API bool is_known_charset(std::string_view label);

/// Guesses the charset of `bytes` and returns its canonical name (never "").
///
/// Valid UTF-8 (pure ASCII included) gives "UTF-8"; otherwise ICU's charset detector decides and its
/// answer is resolved through canonical_charset() (so "ISO-8859-1" comes back as "windows-1252"). When `hint` (a charset
/// used elsewhere in the message) is among the detector's candidates within 10 confidence points
/// of the best, or the detector is unsure (confidence < 25) and the hint decodes the bytes without
/// error, the hint wins. With nothing better, "windows-1252" (it decodes every byte).
MIMETOOL_API std::string detect_charset(std::string_view bytes, std::string_view hint = {});

/// Returns `utf8` in Unicode Normalization Form C. Invalid UTF-8 sequences become U+FFFD first.
MIMETOOL_API std::string normalize_nfc(std::string_view utf8);

/// True when `bytes` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
/// Checks eight ASCII bytes at a time.
MIMETOOL_API bool is_valid_utf8(std::string_view bytes) noexcept;

}  // namespace mimetool
