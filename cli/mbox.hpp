#pragma once
/// \file mbox.hpp
/// Splitting an mbox file into messages (the mboxo/mboxrd family, RFC 4155).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mimetool::cli {

/// One message of an mbox file, as a view into the file's bytes.
struct MboxSlice {
  std::size_t offset = 0;   ///< offset of the message's first byte (after its From line)
  std::string_view bytes;   ///< the message, From line and separating blank line excluded
};

/// Splits at "From " lines that start the file (after an optional UTF-8 byte order mark) or
/// follow a blank line. The blank line before a "From " line belongs to the separator. Bytes
/// before the first From line, unless blank, are returned as a first message and `leading_junk`
/// is set.
std::vector<MboxSlice> split_mbox(std::string_view mbox, bool* leading_junk = nullptr);

/// True when some line starts with ">From " after any number of ">" (mboxrd quoting).
bool has_from_quoting(std::string_view message) noexcept;

/// Undoes mboxrd quoting: a line matching ^>+From  loses one ">".
std::string unquote_from_lines(std::string_view message);

}  // namespace mimetool::cli
