#pragma once
/// \file codec.hpp
/// Content-Transfer-Encoding codecs (RFC 2045): base64, quoted-printable, uuencode, plus the
/// identity encodings 7bit / 8bit / binary.
///
/// Every decoder is lenient: it never fails and never throws on malformed input. Bytes it had to
/// skip, or keep literally, are counted in a DecodeReport the caller may pass; the parser turns
/// that into an `invalid_base64` / `invalid_quoted_printable` / `invalid_uuencode` diagnostic.
/// All functions return owned strings; none keeps a reference to its input.
///
/// Example (decoding a part body):
///
///     mimetool::DecodeReport report;
///     std::string bytes = mimetool::decode_transfer(body, mimetool::parse_transfer_encoding(cte), &report);
///     if (report.invalid) { /* warn: report.first_invalid is an offset into body */ }

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mimetool/export.hpp"

namespace mimetool {

/// Line ending used by encoders.
enum class LineEnding { crlf, lf };

/// What a lenient decoder met while decoding.
struct DecodeReport {
  bool invalid = false;            ///< some input was skipped or kept literally
  std::size_t first_invalid = 0;   ///< offset in the input of the first problem
  std::size_t invalid_count = 0;   ///< number of problems met (each skipped byte or bad escape counts once)
};

/// The Content-Transfer-Encoding mechanisms (RFC 2045 §6.1) plus the de-facto x-uuencode.
enum class TransferEncoding { seven_bit, eight_bit, binary, quoted_printable, base64, uuencode, unknown };

/// Parses a Content-Transfer-Encoding field body. Case-insensitive; surrounding whitespace and
/// RFC 5322 comments are ignored. An empty (or all-whitespace) body means the RFC 2045 §6.1
/// default, seven_bit. `x-uuencode`, `x-uue`, `uuencode` and `x-uu` all mean uuencode. Any other
/// token, or trailing garbage after the token, gives unknown (RFC 2045 §6.4: treat the body as
/// application/octet-stream).
MIMETOOL_API TransferEncoding parse_transfer_encoding(std::string_view field_body) noexcept;

/// The canonical field-body token: "7bit", "8bit", "binary", "quoted-printable", "base64",
/// "x-uuencode"; "unknown" for TransferEncoding::unknown. The view is to static storage.
MIMETOOL_API std::string_view to_string(TransferEncoding encoding) noexcept;

/// Options shared by the encoders.
struct EncodeOptions {
  LineEnding eol = LineEnding::crlf;  ///< line ending written between output lines
  /// Output line length: base64 writes exactly this many characters per line (0: one line without
  /// line ending); quoted-printable lines are at most this long including the soft-break `=`
  /// (clamped to 4..76, RFC 2045 §6.7 rule 5).
  std::size_t line_length = 76;
  /// Quoted-printable only: treat the input as binary, so CR and LF are encoded as =0D / =0A and the
  /// output has only soft line breaks. Otherwise CRLF and bare LF in the input are line breaks.
  bool binary = false;
};

// ---------------------------------------------------------------------------------------------
// base64 (RFC 2045 §6.8, RFC 4648 §4)

/// Decodes base64, skipping whitespace and line breaks; accepts missing padding; characters outside
/// the alphabet are skipped and reported. Padding (`=` after two or three characters of a quad) ends
/// the data: alphabet characters after it are skipped and reported. A quad cut off after one
/// character is dropped and reported at the end offset.
MIMETOOL_API std::string decode_base64(std::string_view in, DecodeReport* report = nullptr);

/// Encodes base64 with lines of `line_length` characters (0: one line, no line ending). Every line,
/// the last included, ends with `eol`.
MIMETOOL_API std::string encode_base64(std::string_view in, LineEnding eol = LineEnding::crlf,
                                       std::size_t line_length = 76);

// ---------------------------------------------------------------------------------------------
// quoted-printable (RFC 2045 §6.7)

/// Decodes quoted-printable. Soft line breaks (`=` then optional trailing whitespace then CRLF or
/// LF, or `=` at the very end) are removed; `=XX` escapes accept upper- and lower-case hex; trailing
/// spaces and tabs on each line are dropped (rule 3). Hard line breaks are kept as they are in the
/// input (CRLF stays CRLF, LF stays LF). An `=` not followed by two hex digits is kept literally and
/// reported; other bytes (8-bit, control characters) pass through unreported.
MIMETOOL_API std::string decode_quoted_printable(std::string_view in, DecodeReport* report = nullptr);

/// Encodes quoted-printable: output lines are at most `options.line_length` (≤ 76) characters
/// including the soft-break `=`; an `=XX` escape is never split; a space or tab before a line break
/// or at the end is encoded; a line starting with "From " and a line consisting of a lone "." get
/// their first character encoded, so mbox and SMTP transports leave them alone. In text mode CRLF
/// and bare LF are line breaks (written as `options.eol`); in binary mode every byte is data.
MIMETOOL_API std::string encode_quoted_printable(std::string_view in, const EncodeOptions& options = {});

// ---------------------------------------------------------------------------------------------
// uuencode (POSIX uuencode historical format; Content-Transfer-Encoding: x-uuencode)

/// Decodes a uuencoded body. Lines before a `begin MODE NAME` line are ignored; without a begin
/// line, decoding starts at the first well-formed data line. Decoding stops at an `end` line. Data
/// lines may lack trailing spaces (missing characters count as zero), may use a backtick for zero,
/// and may carry more characters than their length byte says (the extra are ignored). Lines that
/// are not uuencode inside the data are skipped and reported.
MIMETOOL_API std::string decode_uuencode(std::string_view body, DecodeReport* report = nullptr);

/// Encodes `bytes` as `begin MODE NAME`, lines of 45 bytes (61 characters), a backtick line and
/// `end`, each line ending with `eol`. The name is written as given (callers sanitise it); mode is
/// written in octal.
MIMETOOL_API std::string encode_uuencode(std::string_view bytes, std::string_view name, unsigned mode = 0644,
                                         LineEnding eol = LineEnding::lf);

/// A uuencoded block found inside a text body.
struct UuBlock {
  std::string name;            ///< file name from the begin line (raw bytes, trailing whitespace removed)
  unsigned mode = 0;           ///< permission bits from the begin line
  std::size_t offset = 0;      ///< offset of the `begin` line in the searched text
  std::size_t length = 0;      ///< bytes from `begin` up to and including the `end` line and its line break
  std::string data;            ///< the decoded bytes
  bool complete = false;       ///< an `end` line was found (false: the text ended, or a non-uuencode line came first)
  DecodeReport report;         ///< problems met inside the block (offsets relative to the searched text)
};

/// Finds `begin NNN name … end` blocks embedded in text (old mail attached files this way inside
/// text/plain bodies). A begin line must start a line and carry an octal mode and a name. A block
/// without an `end` line is still returned (complete = false) when it has at least one data line; it
/// then stops before the first line that is not uuencode. Returns blocks in text order; the result
/// owns its data.
MIMETOOL_API std::vector<UuBlock> find_uuencode_blocks(std::string_view text);

// ---------------------------------------------------------------------------------------------
// Dispatch and streaming

/// Decodes a body in the given transfer encoding in one call. seven_bit, eight_bit, binary and
/// unknown return the body unchanged (RFC 2045 §6.4: an unknown encoding is not ours to undo).
MIMETOOL_API std::string decode_transfer(std::string_view body, TransferEncoding encoding,
                                         DecodeReport* report = nullptr);

/// Encodes bytes in the given transfer encoding in one call (uuencode: no begin/end lines, see
/// encode_uuencode for a complete file). seven_bit, eight_bit, binary and unknown copy the input.
MIMETOOL_API std::string encode_transfer(std::string_view bytes, TransferEncoding encoding,
                                         const EncodeOptions& options = {});

/// Streaming transfer decoder: feed a body in chunks of any size, split anywhere (inside an escape,
/// a CRLF or a base64 quad); the concatenated output, and the report, equal what decode_transfer
/// gives for the whole body. Memory stays bounded by the longest undecidable tail (a run of spaces
/// that may turn out to be trailing whitespace, or one uuencode line).
class MIMETOOL_API TransferDecoder {
 public:
  /// A decoder for `encoding` (identity encodings pass bytes through).
  explicit TransferDecoder(TransferEncoding encoding) noexcept;

  /// Decodes what can be decided from `chunk`, appending bytes to `out`.
  void feed(std::string_view chunk, std::string& out);
  /// Decodes whatever was held back (input is complete), appending to `out`. Later feeds start a
  /// fresh body.
  void finish(std::string& out);
  /// Problems met so far; offsets count from the first byte fed since construction / last finish.
  const DecodeReport& report() const noexcept { return report_; }
  /// The encoding this decoder undoes.
  TransferEncoding encoding() const noexcept { return encoding_; }

 private:
  void reset_state() noexcept;

  TransferEncoding encoding_;
  DecodeReport report_;
  std::size_t consumed_ = 0;  // input bytes consumed so far (offset of carry_[0])
  std::string carry_;         // undecided tail (quoted-printable, uuencode)
  std::uint32_t b64_acc_ = 0;
  int b64_count_ = 0;
  bool b64_ended_ = false;
  int uu_phase_ = 0;
  bool finished_ = false;  // finish() ran: the next feed() starts a new body and a new report
};

/// Streaming transfer encoder: the concatenated output of feed()… finish() equals encode_transfer of
/// the whole input, however it was split. Supports base64, quoted-printable and the identity
/// encodings; uuencode is encoded one line of 45 bytes at a time (data lines only).
class MIMETOOL_API TransferEncoder {
 public:
  /// An encoder for `encoding` with line ending, line length and binary mode from `options`.
  explicit TransferEncoder(TransferEncoding encoding, const EncodeOptions& options = {}) noexcept;

  /// Encodes what can be decided from `chunk`, appending to `out`.
  void feed(std::string_view chunk, std::string& out);
  /// Flushes the held-back bytes and, for base64, the padding and the final line ending. Later feeds
  /// start a fresh output.
  void finish(std::string& out);

 private:
  void feed_bytes(std::string_view data, bool final, std::string& out);

  TransferEncoding encoding_;
  EncodeOptions options_;
  std::string carry_;       // held-back input: < 3 bytes (base64), < 45 (uuencode), ≤ 5 (quoted-printable)
  std::size_t column_ = 0;  // current output column
};

}  // namespace mimetool
