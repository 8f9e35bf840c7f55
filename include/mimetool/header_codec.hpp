#pragma once
/// \file header_codec.hpp
/// Header encodings: RFC 2047 encoded-words and RFC 2231 parameter values, both directions.
/// Decoders return UTF-8 and never fail: what cannot be decoded is kept as written and reported
/// through Diagnostics. Encoders produce 7-bit header text for the message writer.
///
/// Example:
/// \code
///   mimetool::Diagnostics d;
///   std::string subject = mimetool::decode_rfc2047("=?iso-8859-1?q?caf=E9?= au lait", {}, &d);
///   // subject == "café au lait"
///   std::string out = mimetool::encode_rfc2047("Herr Müller", "utf-8", {}, 9);  // after "Subject: "
///   // out == "Herr =?utf-8?Q?M=C3=BCller?="
/// \endcode

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mimetool/diagnostic.hpp"
#include "mimetool/export.hpp"
#include "mimetool/parameter.hpp"

namespace mimetool {

/// Where RFC 2047 text sits, which changes what an encoded-word may contain (RFC 2047 §5).
enum class Rfc2047Mode {
  /// Unstructured field body (Subject, Comments, X-*): §5(1).
  unstructured,
  /// A phrase, e.g. the display name of an address (§5(3)). Decoding also unquotes quoted-strings
  /// (quotes dropped, quoted-pairs undone) and decodes encoded-words found inside them, as
  /// Thunderbird, GMime and Outlook do. Encoding restricts Q text to letters, digits and
  /// `!*+-/` so the words are valid phrase atoms (and equally valid inside comments).
  phrase,
};

/// Decodes the RFC 2047 encoded-words of a header field body and returns UTF-8.
///
/// - B and Q words in any charset canonical_charset() knows; the RFC 2231 language suffix
///   (`=?utf-8*en?q?...?=`) is accepted and dropped.
/// - Whitespace (including folding) between two adjacent encoded-words is dropped (§6.2), and
///   adjacent words in the same charset are joined as bytes before conversion, so a character split
///   across two words decodes correctly. Folding (CRLF before whitespace) is removed everywhere.
/// - Malformed input is decoded where real clients decode it, and otherwise kept verbatim, never
///   dropped: words glued to text (`abc=?utf-8?q?x?=`) or to each other, a missing `?=` at the end
///   of the field or before whitespace, spaces inside Q words, invalid base64 (the valid part is
///   decoded, `invalid_base64`), invalid bytes for the charset (U+FFFD, `invalid_encoded_word_charset_data`).
///   Words naming an unknown charset are kept as written (`unknown_charset`).
/// - Raw 8-bit bytes outside encoded-words (RFC 6532 UTF-8, or a legacy charset) are kept when
///   valid UTF-8 and otherwise converted with `fallback_charset`, or, when that is empty, with
///   detect_charset() hinted by the charset of the field's encoded-words (`unencoded_8bit_header`).
/// Each diagnostic code is reported at most once per call, at the offset in `field_body` of its
/// first occurrence. Runs in time linear in the input, however many words it holds.
MIMETOOL_API std::string decode_rfc2047(std::string_view field_body, Rfc2047Mode mode = Rfc2047Mode::unstructured,
                                        Diagnostics* diagnostics = nullptr, std::string_view fallback_charset = {});

/// Encodes UTF-8 header text with RFC 2047 encoded-words where needed and folds it.
///
/// Words of printable ASCII stay as they are; each run of words that need encoding (non-ASCII,
/// control characters, text that would read as an encoded-word, and in phrase mode any special
/// other than '.') becomes encoded-words in `charset` (falling back to UTF-8 for a run the charset
/// cannot represent, or when the charset is unknown). Per run, Q or B is chosen by the shorter result
/// (Q on a tie). No character is split across words (for stateful charsets such as ISO-2022-JP
/// every word returns to ASCII), each word is at most 75 characters (§2), and lines are folded with
/// CRLF SP so that every line holding an encoded-word is at most 76 characters, counting
/// `first_line_used` characters already on the first line (e.g. 9 for "Subject: "). If the first
/// line has no room for a word, the result starts with CRLF SP (folding whitespace that field
/// parsers strip from the start of the body). ASCII words longer than a line are
/// never broken. The result round-trips through decode_rfc2047() to the input. Invalid UTF-8 in
/// `utf8` is replaced with U+FFFD first.
MIMETOOL_API std::string encode_rfc2047(std::string_view utf8, std::string_view charset = "utf-8",
                                        Rfc2047Mode mode = Rfc2047Mode::unstructured,
                                        std::size_t first_line_used = 0);

/// Like encode_rfc2047(), but unfolded, for a writer that folds by itself: the header text split
/// into tokens. The first token has no leading whitespace unless the input had some; every later
/// token starts with the whitespace (SP or HTAB) that separates it from the previous one, so
/// concatenating the tokens gives the unfolded field body, and a writer may fold by inserting CRLF
/// before any token's leading whitespace. Encoded-words are at most 75 characters each.
MIMETOOL_API std::vector<std::string> encode_rfc2047_words(std::string_view utf8, std::string_view charset = "utf-8",
                                                           Rfc2047Mode mode = Rfc2047Mode::unstructured);

/// Decodes a parsed MIME parameter value to UTF-8.
///
/// - Extended (RFC 2231) values convert from their declared charset; an empty or unknown charset
///   means UTF-8 when the bytes are valid UTF-8, else `fallback_charset`, else detection.
/// - Other values holding encoded-words (Outlook and Foxmail write `filename="=?GB2312?B?...?="`)
///   go through decode_rfc2047().
/// - Remaining raw 8-bit bytes are kept when valid UTF-8, else converted like unencoded header text.
/// Never fails; problems are reported as in decode_rfc2047().
MIMETOOL_API std::string decode_parameter(const Parameter& p, std::string_view fallback_charset = {},
                                          Diagnostics* diagnostics = nullptr);

/// Encodes one MIME parameter for the message writer, RFC 2231 style when needed.
///
/// The result always begins with ';' and is one of:
/// - `; name="value"` when the value is printable ASCII and `; name="value"` is at most `max_line`
///   - 1 characters (the writer may fold at the space after ';'). Backslash and double quote are
///   escaped as quoted-pairs.
/// - otherwise RFC 2231 segments, each on its own folded line:
///   `;CRLF name*0*=utf-8''%E2%82%AC...;CRLF name*1*=...` (one segment: `;CRLF name*=utf-8''...`).
///   Values that are printable ASCII but too long use quoted segments `name*0="..."` instead. Every
///   line, including its trailing ';', is at most `max_line` characters (minimum 40 is enforced),
///   percent-escapes are never split and no UTF-8 character is split across segments.
/// `name` is used as given (it should be a token). Invalid UTF-8 is replaced with U+FFFD first.
MIMETOOL_API std::string encode_parameter(std::string_view name, std::string_view utf8_value,
                                          std::size_t max_line = 78);

}  // namespace mimetool
