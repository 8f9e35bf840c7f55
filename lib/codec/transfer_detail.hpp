#pragma once
// Internal building blocks of the transfer codecs, shared by the one-shot functions, the streaming
// TransferDecoder/TransferEncoder and the tests (which force each base64 path explicitly).
// The functions are exported only so that tests can reach them in a shared-library build; they are
// not part of the public API.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "mimetool/codec.hpp"

namespace mimetool::detail {

/// Records one problem at `offset` in `report` (null: ignored).
inline void note_invalid(DecodeReport* report, std::size_t offset) noexcept {
  if (!report) return;
  if (!report->invalid) {
    report->invalid = true;
    report->first_invalid = offset;
  }
  ++report->invalid_count;
}

/// Resumable base64 decoder state: the bits of an unfinished quad and whether padding was seen.
struct Base64State {
  std::uint32_t acc = 0;
  int count = 0;       // characters in the unfinished quad (0..3)
  bool ended = false;  // padding seen: the data is over
};

/// Which inner loops a codec may use: `automatic` picks the fastest this CPU runs; `avx2` forces
/// the AVX2 loops (falling back to scalar when the CPU lacks AVX2); `scalar` forces the portable
/// loops. Every path gives identical output and reports; tests compare them.
enum class SimdPath { automatic, scalar, avx2 };
using Base64Path = SimdPath;

/// True when this CPU can run the AVX2 loops (checked once, at first use).
MIMETOOL_API bool base64_avx2_supported() noexcept;
/// Same as base64_avx2_supported(); the name used by the quoted-printable code.
inline bool avx2_supported() noexcept { return base64_avx2_supported(); }
/// True when `path` selects the AVX2 loops on this CPU.
inline bool use_avx2(SimdPath path) noexcept { return path != SimdPath::scalar && avx2_supported(); }

/// Decodes `in` (which starts at `offset` in the whole input), appending to `out`.
MIMETOOL_API void base64_decode_chunk(Base64State& state, std::string_view in, std::size_t offset, std::string& out,
                                      DecodeReport* report, Base64Path path = Base64Path::automatic);
/// Flushes an unfinished quad at end of input (`end_offset` = input length), appending to `out`.
MIMETOOL_API void base64_decode_finish(Base64State& state, std::size_t end_offset, std::string& out,
                                       DecodeReport* report);
/// One-shot decode with a forced path (avx2 falls back to scalar when unsupported).
MIMETOOL_API std::string decode_base64_with(std::string_view in, Base64Path path, DecodeReport* report);

/// Encodes whole 3-byte groups of `in` (in.size() must be a multiple of 3), appending to `out`;
/// `column` is the current output column and is updated (a line ending is written lazily, before
/// the first character of the next line).
MIMETOOL_API void base64_encode_groups(std::string_view in, std::string& out, LineEnding eol, std::size_t line_length,
                                       std::size_t& column, SimdPath path = SimdPath::automatic);
/// Encodes the final 0..2 bytes with padding and ends the last line.
MIMETOOL_API void base64_encode_tail(std::string_view tail, std::string& out, LineEnding eol, std::size_t line_length,
                                     std::size_t& column);

/// Decodes quoted-printable from `in` (starting at `offset` in the whole input), appending to
/// `out`. Unless `final`, stops before the first construct whose meaning depends on bytes not yet
/// seen (an `=` too close to the end, trailing spaces/tabs, a CR); returns the bytes consumed.
MIMETOOL_API std::size_t qp_decode_chunk(std::string_view in, bool final, std::size_t offset, std::string& out,
                                         DecodeReport* report, SimdPath path = SimdPath::automatic);

/// Encodes quoted-printable from `in`, appending to `out`; `column` is the output column. Unless
/// `final`, stops where a decision needs up to 5 bytes of lookahead; returns the bytes consumed.
MIMETOOL_API std::size_t qp_encode_chunk(std::string_view in, bool final, const EncodeOptions& options,
                                         std::size_t& column, std::string& out, SimdPath path = SimdPath::automatic);

/// Line-by-line uuencode decoding state (see uuencode.cpp for the phases).
enum UuPhase : int { uu_start = 0, uu_data = 1, uu_after_zero = 2, uu_done = 3 };

/// Decodes complete lines of `in` (offset as above), appending to `out`; unless `final`, stops at
/// the start of an unterminated last line; returns the bytes consumed.
MIMETOOL_API std::size_t uu_decode_chunk(int& phase, std::string_view in, bool final, std::size_t offset,
                                         std::string& out, DecodeReport* report);

/// Encodes one uuencode data line of 1..45 bytes (or the zero-length line for empty input).
MIMETOOL_API void uu_encode_line(std::string_view bytes, std::string& out, LineEnding eol);

}  // namespace mimetool::detail
