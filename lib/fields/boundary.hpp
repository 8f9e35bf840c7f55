#pragma once
// The boundary parameter of a multipart Content-Type, read without building the full parameter
// list. The entity parser needs nothing else from a multipart's Content-Type, and on everyday
// mail building the list (lexer, RFC 2231 reassembly, lower-cased copies) was the largest single
// cost of the structure parse.

#include <string>
#include <string_view>

namespace mimetool::detail {

/// What scan_plain_boundary() found.
enum class BoundaryScan {
  absent,  ///< the list is plainly written and has no boundary parameter
  found,   ///< the list is plainly written; the first boundary parameter's value was stored
  unsure,  ///< something the quick reading does not handle: ask parse_content_type()
};

/// Reads the boundary from `params`, the part of a Content-Type field body after the subtype
/// (empty, or starting with optional whitespace and ";"). Handles only a plainly written list:
/// `; name=token` and `; name="text"` items separated by ";" and folding whitespace, with no
/// comments, no quoted-pairs or line breaks inside quotes, no RFC 2231 names (any "*"), no
/// unquoted values that are empty or hold tspecials. For such a list the answer is exactly the
/// one parse_content_type() gives (the first of duplicated parameters wins, names compare
/// case-insensitively); anything else returns `unsure` and leaves `boundary` unspecified.
BoundaryScan scan_plain_boundary(std::string_view params, std::string& boundary);

}  // namespace mimetool::detail
