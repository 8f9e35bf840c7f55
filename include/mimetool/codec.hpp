#pragma once
/// \file codec.hpp
/// Content-Transfer-Encoding codecs (RFC 2045): base64, quoted-printable, uuencode.

#include <cstddef>
#include <string>
#include <string_view>

#include "mimetool/export.hpp"

namespace mimetool {

/// Line ending used by encoders.
enum class LineEnding { crlf, lf };

/// What a lenient decoder met while decoding.
struct DecodeReport {
  bool invalid = false;          ///< some input was skipped or kept literally
  std::size_t first_invalid = 0; ///< offset in the input of the first problem
};

/// Decodes base64, skipping whitespace and line breaks; accepts missing padding; characters outside
/// the alphabet are skipped and reported.
MIMETOOL_API std::string decode_base64(std::string_view in, DecodeReport* report = nullptr);

/// Encodes base64 with lines of `line_length` characters (0: one line, no line ending).
MIMETOOL_API std::string encode_base64(std::string_view in, LineEnding eol = LineEnding::crlf,
                                       std::size_t line_length = 76);

}  // namespace mimetool
